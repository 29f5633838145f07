"""Products made from a released nhsoa: the template it carries, the record, the pins, and moving to a later release.

An installed nhsoa renders the template its wheel carries (``nhsoa/templates/analytics-product``);
here the checkout's template stands in for that copy. Another release's template comes from that
release's wheel, fetched by pip through ``PIP_FIND_LINKS`` (a folder of wheels, as an internal
mirror would be): the wheels here carry the template and the metadata pip and nhsoa read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from nhsoa import __version__
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.main import main
from nhsoa.template import TEMPLATE_DIRECTORY, TEMPLATE_REPOSITORY, source
from nhsoa.template.generate import new
from nhsoa.template.releases import extract, release_of, template_of, wheel_version
from nhsoa.template.source import TemplateSource, resolve
from tests.template.conftest import TEMPLATE, copy_template_repo, git

OLD = "0.0.9"
SLUG_DIR = "{{cookiecutter.project_slug}}"


def write_wheel(folder: Path, version: str, template: Path, extra: dict[str, bytes] | None = None) -> Path:
    """A wheel of nhsoa ``version`` carrying ``template`` where nhsoa's wheel carries it."""
    files = {
        f"nhsoa-{version}.dist-info/METADATA": f"Metadata-Version: 2.4\nName: nhsoa\nVersion: {version}\n".encode(),
        f"nhsoa-{version}.dist-info/WHEEL": b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    for path in sorted(template.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files[f"nhsoa/templates/analytics-product/{path.relative_to(template).as_posix()}"] = path.read_bytes()
    files |= extra or {}
    record = [
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
        for name, data in files.items()
    ]
    record.append(f"nhsoa-{version}.dist-info/RECORD,,")
    files[f"nhsoa-{version}.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"nhsoa-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


def packaged_source(version: str, folder: Path) -> TemplateSource:
    return TemplateSource(TEMPLATE_REPOSITORY, TEMPLATE_DIRECTORY, f"v{version}", folder=folder, version=version)


def record_of(project: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """nhsoa as installed from its wheel: no source tree around it, the template beside its modules, no code host."""
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "file")  # a clone from the code host would fail at once
    monkeypatch.setattr(source, "bundled", lambda: None)
    monkeypatch.setattr(source, "PACKAGED_TEMPLATE", TEMPLATE)
    monkeypatch.setattr("nhsoa.template.releases.bundled", lambda: None)
    monkeypatch.setattr("nhsoa.template.releases.PACKAGED_TEMPLATE", TEMPLATE)


def test_installed_nhsoa_generates_from_its_own_template_and_records_the_release(
    installed: None, tmp_path: Path
) -> None:
    assert resolve(None).folder == TEMPLATE
    assert main(["new", "--no-input", "--no-hooks", "-o", str(tmp_path), "--set", "product_name=From The Wheel"]) == 0
    project = tmp_path / "from-the-wheel"
    record = record_of(project)
    tag = f"v{__version__}"
    assert (record["template"], record["directory"], record["checkout"], record["commit"]) == (
        TEMPLATE_REPOSITORY,
        TEMPLATE_DIRECTORY,
        tag,
        tag,
    )
    answers = record["context"]["cookiecutter"]  # type: ignore[index]
    recorded = [answers[key] for key in ("_template", "_commit", "_nhsoa_version")]
    assert recorded == [TEMPLATE_REPOSITORY, tag, __version__]
    assert release_of(str(record["template"]), TEMPLATE_DIRECTORY, tag) == __version__
    assert f'"nhsoa=={__version__}",' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert (project / ".pre-commit-config.yaml").read_text(encoding="utf-8").count(f'["nhsoa=={__version__}"]') == 3
    assert git(project, "log", "--format=%s") == "Start From The Wheel from the analytics-product template\n"


def test_check_compares_with_the_running_release_without_any_host(
    installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--no-input", "--no-hooks", "-o", str(tmp_path), "--set", "product_name=Offline Check"]) == 0
    project = tmp_path / "offline-check"
    capsys.readouterr()
    assert main(["check", str(project)]) == 0
    assert f"compared with the template of nhsoa {__version__}" in capsys.readouterr().out


def test_cruft_reads_the_record_against_the_repository_at_the_tag(
    installed: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """cruft itself checks the product against the nhsoa repository (here a local copy git is sent to)."""
    import cruft

    repository = copy_template_repo(tmp_path / "nhsoa")
    git(repository, "tag", f"v{__version__}")
    config = tmp_path / "gitconfig"
    config.write_text(f'[url "{repository.as_uri()}"]\n\tinsteadOf = {TEMPLATE_REPOSITORY}\n', encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    work = tmp_path / "work"
    assert main(["new", "--no-input", "--no-hooks", "-o", str(work), "--set", "product_name=Cruft Reads"]) == 0
    project = work / "cruft-reads"
    capsys.readouterr()
    assert cruft.check(project, checkout=f"v{__version__}") is True
    assert "up to date" in capsys.readouterr().out


def test_a_release_tag_names_its_version() -> None:
    assert release_of(TEMPLATE_REPOSITORY + ".git", TEMPLATE_DIRECTORY, "v1.2.3rc1") == "1.2.3rc1"
    assert release_of(TEMPLATE_REPOSITORY, TEMPLATE_DIRECTORY, "main") is None
    assert release_of("https://example.org/other", TEMPLATE_DIRECTORY, "v1.0.0") is None
    assert release_of(TEMPLATE_REPOSITORY, "templates/other", "v1.0.0") is None


def test_plain_cookiecutter_without_a_version_pins_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from nhsoa.template.bake import bake

    project = bake(TEMPLATE, {"_nhsoa_version": ""}, tmp_path)
    assert '"nhsoa",' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "_nhsoa_version is empty" in capfd.readouterr().err


def test_a_wheel_gives_its_template_and_only_its_template(tmp_path: Path) -> None:
    hostile = {"nhsoa/templates/analytics-product/../../../escaped.txt": b"x"}
    wheel = write_wheel(tmp_path / "wheels", OLD, TEMPLATE, hostile)
    version, folder = extract(wheel, tmp_path / "out" / "template")
    assert version == OLD == wheel_version(wheel)
    assert (folder / "cookiecutter.json").read_bytes() == (TEMPLATE / "cookiecutter.json").read_bytes()
    assert not list(tmp_path.rglob("escaped.txt"))
    not_nhsoa = tmp_path / "other.whl"
    with zipfile.ZipFile(not_nhsoa, "w") as archive:
        archive.writestr("other-1.0.dist-info/METADATA", "Name: other\nVersion: 1.0\n")
    with pytest.raises(UsageError, match="not an nhsoa wheel"):
        wheel_version(not_nhsoa)


def test_a_release_nobody_has_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "empty"))
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(NhsoaError, match=r"cannot fetch the template of nhsoa 0\.0\.1 .*--template nhsoa-"):
        template_of("0.0.1", tmp_path / "scratch")


@pytest.fixture
def old_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Release 0.0.9 on the package index (a folder of wheels): its template lacked a line the running one has."""
    old_template = tmp_path / "old-template"
    extract(write_wheel(tmp_path / "build", OLD, TEMPLATE), old_template)
    gitignore = old_template / SLUG_DIR / ".gitignore"
    gitignore.write_text(gitignore.read_text(encoding="utf-8").replace("*.log\n", "", 1), encoding="utf-8")
    write_wheel(tmp_path / "index", OLD, old_template)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "index"))
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "file")
    return old_template


@pytest.fixture
def older_product(installed: None, old_release: Path, tmp_path: Path) -> Path:
    """A product made by nhsoa 0.0.9 from the template its wheel carried, committed."""
    answers = {"product_name": "Older Product"}
    return new(packaged_source(OLD, old_release), tmp_path / "work", answers, install_hooks=False).project


def test_update_moves_a_product_to_the_running_release(
    older_product: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = older_product
    assert "*.log" not in (project / ".gitignore").read_text(encoding="utf-8")
    makefile = project / "Makefile"
    makefile.write_text(makefile.read_text(encoding="utf-8").replace("PYTHON ?= python", "PYTHON ?= python3.12"))
    git(project, "commit", "--quiet", "--all", "-m", "our own Python")

    assert main(["update", str(project)]) == 0
    err = capsys.readouterr().err
    assert f"nhsoa=={__version__} is now pinned in .pre-commit-config.yaml, pyproject.toml (was {OLD})" in err
    assert "*.log" in (project / ".gitignore").read_text(encoding="utf-8")  # the template's change arrived
    assert "PYTHON ?= python3.12" in makefile.read_text(encoding="utf-8")  # the project's edit stayed
    assert f'"nhsoa=={__version__}",' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert f"nhsoa=={OLD}" not in (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    record = record_of(project)
    assert (record["commit"], record["checkout"], record["template"]) == (
        f"v{__version__}",
        f"v{__version__}",
        TEMPLATE_REPOSITORY,
    )
    answers = record["context"]["cookiecutter"]  # type: ignore[index]
    assert (answers["_nhsoa_version"], answers["_template"]) == (__version__, TEMPLATE_REPOSITORY)
    assert str(tmp_path) not in (project / ".cruft.json").read_text(encoding="utf-8")

    git(project, "commit", "--quiet", "--all", "-m", "take the template of the running release")
    assert main(["check", str(project)]) == 1  # only the project's own edit differs
    out = capsys.readouterr().out
    assert "changed: Makefile" in out
    assert "1 file(s) differ" in out


def test_check_compares_with_the_release_the_product_records(
    older_product: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = older_product
    assert main(["check", str(made)]) == 0
    assert f"compared with the template of nhsoa {OLD}" in capsys.readouterr().out


def test_update_to_a_release_given_as_a_wheel(
    older_product: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = older_product
    wheel = write_wheel(tmp_path / "given", "0.0.10", TEMPLATE)
    assert main(["update", str(made), "--template", str(wheel)]) == 0
    assert record_of(made)["checkout"] == "v0.0.10"
    assert '"nhsoa==0.0.10",' in (made / "pyproject.toml").read_text(encoding="utf-8")
    assert "*.log" in (made / ".gitignore").read_text(encoding="utf-8")
    capsys.readouterr()


def test_update_to_the_release_the_product_has_changes_nothing(
    older_product: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (older_product / ".cruft.json").read_bytes()
    assert main(["update", str(older_product), "--checkout", f"v{OLD}"]) == 0
    assert "nothing to update" in capsys.readouterr().out
    assert (older_product / ".cruft.json").read_bytes() == before
    assert git(older_product, "status", "--porcelain") == ""


def test_update_refuses_a_checkout_that_is_no_release(
    older_product: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = older_product
    assert main(["update", str(made), "--checkout", "main"]) == 2
    assert "--checkout main: the product follows nhsoa releases" in capsys.readouterr().err
