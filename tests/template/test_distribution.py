"""nhsoa from its wheel, as an analyst gets it: a fresh environment outside the checkout, no code host (slow).

One wheel of this checkout is built per session. ``scripts/smoke-test.py`` (the release workflow's
smoke test) installs it, with its dependencies from the package index, into one virtual environment,
which then serves the update across two releases: a product made by this release, the template
changed in the next, built as a wheel from a copy of the checkout as a release would be.
git may use no network protocol here (``GIT_ALLOW_PROTOCOL=file``), so nothing can reach a code host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nhsoa import __version__
from tests.template.conftest import REPO, TEMPLATE, git

pytestmark = pytest.mark.slow

SLUG_DIR = "{{cookiecutter.project_slug}}"
NEXT = ".".join([*__version__.split(".")[:2], str(int(__version__.split(".")[2]) + 1)])


def wheel_of(folder: Path) -> Path:
    (wheel,) = folder.glob("nhsoa-*.whl")
    return wheel


def test_the_wheel_holds_the_package_its_data_and_the_template_only(nhsoa_wheels: Path) -> None:
    names = zipfile.ZipFile(wheel_of(nhsoa_wheels)).namelist()
    assert all(name.startswith(("nhsoa/", f"nhsoa-{__version__}.dist-info/")) for name in names)
    assert not [name for name in names if "products" in name.split("/") or name.startswith("nhsoa/tests/")]
    assert not [name for name in names if "/tests/" in name and not name.startswith("nhsoa/templates/")]
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    template = git(REPO, "ls-files", "--", "templates/analytics-product").split()
    carried = sorted(name.removeprefix("nhsoa/") for name in names if name.startswith("nhsoa/templates/"))
    assert carried == sorted(template)
    assert "nhsoa/data/registry/taxonomy.yaml" in names
    assert "nhsoa/site/files/mkdocs.yml" in names


@pytest.fixture(scope="module")
def smoke(nhsoa_wheels: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The release workflow's smoke test, run once: its folder (with the environment it made) and its output."""
    work = tmp_path_factory.mktemp("smoke")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "smoke-test.py"), "--wheels", str(nhsoa_wheels), "--work", str(work)],
        cwd=work,
        env=environment(nhsoa_wheels),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-6000:]
    return work, done.stdout


def environment(wheels: Path) -> dict[str, str]:
    """This environment, with pip finding the wheel, git reaching no host, and nothing of the checkout on the path."""
    skipped = ("PYTEST_", "VIRTUAL_ENV", "PYTHONPATH")
    env = {key: value for key, value in os.environ.items() if not key.startswith(skipped)}
    return env | {"PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "GIT_ALLOW_PROTOCOL": "file"}


def test_the_installed_wheel_makes_a_product_validates_and_builds_the_site(
    smoke: tuple[Path, str], nhsoa_wheels: Path
) -> None:
    work, output = smoke
    assert f"smoke test passed: nhsoa {__version__} made example-analytics-product" in output
    product = work / "example-analytics-product"
    record = json.loads((product / ".cruft.json").read_text(encoding="utf-8"))
    assert (record["template"], record["checkout"]) == ("https://github.com/nhsoa/nhsoa", f"v{__version__}")
    assert str(REPO) not in (product / ".cruft.json").read_text(encoding="utf-8")
    assert f'"nhsoa=={__version__}",' in (product / "pyproject.toml").read_text(encoding="utf-8")
    installed = subprocess.run(
        [str(work / "venv" / "bin" / "python"), "-c", "import nhsoa; print(nhsoa.__file__)"],
        cwd=work,
        env=environment(nhsoa_wheels),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in installed
    assert str(REPO) not in installed
    assert (work / "site" / "public" / "registry.json").is_file()


def next_release(checkout: Path, target: Path) -> Path:
    """A copy of the checkout as release NEXT, whose template says more in its Makefile help; its wheel."""
    source = target / "source"
    listed = git(checkout, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for relative in listed:
        if relative and not relative.startswith(("products/", "tests/")) and (checkout / relative).is_file():
            (source / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(checkout / relative, source / relative)
    init = source / "src" / "nhsoa" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace(f'"{__version__}"', f'"{NEXT}"'), encoding="utf-8")
    makefile = source / TEMPLATE.relative_to(REPO) / SLUG_DIR / "Makefile"
    text = makefile.read_text(encoding="utf-8")
    assert "help:  ## list the tasks" in text
    makefile.write_text(text.replace("help:  ## list the tasks", "help:  ## list every task", 1), encoding="utf-8")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(source), "-w", str(target / "wheel")]
    subprocess.run(command, check=True, capture_output=True)
    return wheel_of(target / "wheel")


def test_update_takes_the_next_releases_template_and_keeps_the_products_edits(
    smoke: tuple[Path, str], nhsoa_wheels: Path, tmp_path: Path
) -> None:
    work, _ = smoke
    python = str(work / "venv" / "bin" / "python")
    env = environment(nhsoa_wheels)

    def run(cwd: Path, *args: str) -> str:
        done = subprocess.run([python, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        return done.stdout + done.stderr

    run(tmp_path, "-m", "nhsoa", "new", "--no-input", "--no-hooks", "--set", "product_name=Across Releases")
    product = tmp_path / "across-releases"
    makefile = product / "Makefile"
    makefile.write_text(makefile.read_text(encoding="utf-8").replace("PYTHON ?= python", "PYTHON ?= python3.12"))
    git(product, "commit", "--quiet", "--all", "-m", "our own Python")

    wheel = next_release(REPO, tmp_path / "next")
    run(tmp_path, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel))
    try:
        assert run(tmp_path, "-m", "nhsoa", "--version").strip() == f"nhsoa {NEXT}"
        output = run(product, "-m", "nhsoa", "update")  # the old release's template: its wheel, through pip
        assert f"nhsoa=={NEXT} is now pinned in .pre-commit-config.yaml, pyproject.toml" in output
        merged = makefile.read_text(encoding="utf-8")
        assert "help:  ## list every task" in merged  # the next release's change arrived
        assert "PYTHON ?= python3.12" in merged  # the product's own edit stayed
        record = json.loads((product / ".cruft.json").read_text(encoding="utf-8"))
        assert (record["commit"], record["checkout"]) == (f"v{NEXT}", f"v{NEXT}")
        assert record["context"]["cookiecutter"]["_nhsoa_version"] == NEXT
        assert f'"nhsoa=={NEXT}",' in (product / "pyproject.toml").read_text(encoding="utf-8")
        git(product, "commit", "--quiet", "--all", "-m", f"nhsoa {NEXT}")
        check = [python, "-m", "nhsoa", "check"]
        drift = subprocess.run(check, cwd=product, env=env, capture_output=True, text=True, check=False)
        assert drift.returncode == 1
        assert "changed: Makefile" in drift.stdout
        assert "1 file(s) differ" in drift.stdout
    finally:
        run(tmp_path, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel_of(nhsoa_wheels)))
