"""``nhsoa new`` from a local template: no clone, the committed template, and ``.cruft.json`` as cruft writes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nhsoa import __version__
from nhsoa.main import main
from nhsoa.template import PRODUCT_OWNED, R_PRODUCT_OWNED
from tests.template.conftest import files_under, git

SLUG_DIR = "{{cookiecutter.project_slug}}"


def template_of(repo: Path) -> Path:
    return repo / "templates" / "analytics-product"


def new(template: Path, output: Path, *extra: str) -> int:
    return main(["new", "--no-input", "--template", str(template), "-o", str(output), *extra])


def record_of(project: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    return data


def test_same_project_and_record_as_cruft_create(template_repo: Path, tmp_path: Path) -> None:
    import cruft

    assert new(template_of(template_repo), tmp_path / "nhsoa", "--no-git", "--set", "product_name=Same As Cruft") == 0
    by_cruft = cruft.create(
        str(template_repo),
        output_dir=tmp_path / "cruft",
        extra_context={"_nhsoa_version": __version__, "product_name": "Same As Cruft"},
        no_input=True,
        directory="templates/analytics-product",
        skip=list(PRODUCT_OWNED),
    )
    ours = tmp_path / "nhsoa" / "same-as-cruft"
    assert files_under(ours) == files_under(by_cruft)
    for relative in sorted(files_under(ours)):
        assert (ours / relative).read_bytes() == (by_cruft / relative).read_bytes(), relative
    assert record_of(ours)["template"] == str(template_repo)


def test_uncommitted_and_untracked_template_files_are_not_used(
    own_template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = template_of(own_template_repo) / SLUG_DIR
    security = folder / "SECURITY.md"
    security.write_text(security.read_text(encoding="utf-8") + "\nNot committed yet.\n", encoding="utf-8")
    (folder / "scratch.txt").write_text("untracked\n", encoding="utf-8")
    (folder / "site").mkdir()  # ignored by git: the generated project's .gitignore names /site/
    (folder / "site" / "index.html").write_text("<html></html>\n", encoding="utf-8")
    assert new(template_of(own_template_repo), tmp_path / "out", "--no-git") == 0
    assert "has uncommitted changes; the last commit of the template is used" in capsys.readouterr().err
    project = tmp_path / "out" / "example-analytics-product"
    assert "Not committed yet." not in (project / "SECURITY.md").read_text(encoding="utf-8")
    assert not (project / "scratch.txt").exists()
    assert not (project / "site").exists()
    assert record_of(project)["commit"] == git(own_template_repo, "rev-parse", "HEAD").strip()
    assert main(["check", str(project)]) == 1  # nhsoa check compares with the template as it is now
    assert "-Not committed yet." in capsys.readouterr().out


def test_checkout_takes_that_commit(own_template_repo: Path, tmp_path: Path) -> None:
    first = git(own_template_repo, "rev-parse", "HEAD").strip()
    security = template_of(own_template_repo) / SLUG_DIR / "SECURITY.md"
    security.write_text(security.read_text(encoding="utf-8") + "\nA later paragraph.\n", encoding="utf-8")
    git(own_template_repo, "commit", "--quiet", "--all", "-m", "later")
    git(own_template_repo, "tag", "later")
    for ref, expected in ((first, False), ("later", True)):
        output = tmp_path / ref
        assert new(template_of(own_template_repo), output, "--no-git", "--checkout", ref) == 0
        project = output / "example-analytics-product"
        assert ("A later paragraph." in (project / "SECURITY.md").read_text(encoding="utf-8")) is expected
        record = record_of(project)
        assert record["checkout"] == ref
        assert record["commit"] == git(own_template_repo, "rev-parse", f"{ref}^{{commit}}").strip()


@pytest.mark.parametrize("ref", ["no-such-branch", "--upload-pack=touch"])
def test_unknown_checkout_is_refused(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    output = tmp_path / "out"
    assert new(template_of(template_repo), output, "--no-git", f"--checkout={ref}") == 1
    assert f"no branch, tag or commit {ref!r}" in capsys.readouterr().err
    assert list(output.iterdir()) == []


def test_template_repository_without_commits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "empty"
    shutil.copytree(template_of(Path(__file__).resolve().parents[2]), template_of(repo))
    git(repo, "init", "--quiet")
    assert new(template_of(repo), tmp_path / "out", "--no-git") == 1
    assert "has no commit yet" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_hooks_that_cannot_be_installed_are_a_note(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("nhsoa.template.hooks._CHILD", "import no_such_module_for_hooks\n")
    assert new(template_of(template_repo), tmp_path, "--set", "product_name=No Hooks") == 0
    captured = capsys.readouterr()
    assert "the pre-commit hooks were not installed (ModuleNotFoundError" in captured.err
    assert "made the first commit\n" in captured.out
    assert not (tmp_path / "no-hooks" / ".git" / "hooks" / "pre-commit").exists()
    assert git(tmp_path / "no-hooks", "status", "--porcelain") == ""


def test_refused_answers_with_git_leave_nothing(
    template_repo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert new(template_of(template_repo), tmp_path, "--set", "author_email=not an address") == 1
    err = capfd.readouterr().err  # the template's hook runs in its own process
    assert "error: author_email: 'not an address' is not an email address" in err
    assert "nothing was created" in err
    assert list(tmp_path.iterdir()) == []


def test_a_git_url_goes_through_cruft(template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = template_repo.as_uri()
    argv = ["new", "--no-input", "--no-git", "--template", url, "--directory", "templates/analytics-product"]
    assert main([*argv, "-o", str(tmp_path), "--set", "product_name=From A Url"]) == 0
    project = tmp_path / "from-a-url"
    record = record_of(project)
    assert record["commit"] == git(template_repo, "rev-parse", "HEAD").strip()
    assert record["directory"] == "templates/analytics-product"
    assert record["skip"] == list(PRODUCT_OWNED)
    assert main(["check", str(project)]) == 0
    assert "no drift" in capsys.readouterr().out


def test_a_git_url_records_what_an_r_product_owns(template_repo: Path, tmp_path: Path) -> None:
    url = template_repo.as_uri()
    argv = ["new", "--no-input", "--no-git", "--template", url, "--directory", "templates/analytics-product"]
    assert main([*argv, "-o", str(tmp_path), "--set", "product_name=R From A Url", "--set", "language=R"]) == 0
    record = record_of(tmp_path / "r-from-a-url")
    assert record["skip"] == list(R_PRODUCT_OWNED)
    assert main(["check", str(tmp_path / "r-from-a-url")]) == 0
