"""``nhsoa check``: re-bake the template with the recorded answers and compare, wherever the template is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nhsoa.main import main
from tests.template.conftest import git


@pytest.fixture
def project(template_repo: Path, tmp_path: Path) -> Path:
    template = template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--no-hooks", "--template", str(template), "-o", str(tmp_path)]
    assert main([*argv, "--set", "product_name=Drift Check"]) == 0
    return tmp_path / "drift-check"


def check(path: Path, *extra: str) -> int:
    return main(["check", str(path), *extra])


def test_fresh_project_has_no_drift(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(project) == 0
    assert "no drift" in capsys.readouterr().out


def test_changed_added_and_missing_files_are_reported_with_a_diff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = project / "Makefile"
    makefile.write_text(makefile.read_text(encoding="utf-8").replace("PYTHON ?= python", "PYTHON ?= python3.12"))
    (project / "SECURITY.md").unlink()
    (project / "notes.md").write_text("mine\n", encoding="utf-8")
    (project / "README.md").write_text("# Rewritten\n", encoding="utf-8")  # skipped: the product owns it
    assert check(project) == 1
    out = capsys.readouterr().out
    assert "changed: Makefile" in out
    assert "-PYTHON ?= python\n+PYTHON ?= python3.12" in out
    assert "missing: SECURITY.md" in out
    assert "added: notes.md" in out
    assert ": README.md" not in out
    assert "3 file(s) differ from the template" in out


def test_skip_covers_files_the_project_owns(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "Makefile").write_text("all:\n", encoding="utf-8")
    record_file = project / ".cruft.json"
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["skip"].append("Make*")
    record_file.write_text(json.dumps(record), encoding="utf-8")
    assert check(project) == 0
    capsys.readouterr()


@pytest.fixture
def r_project(template_repo: Path, tmp_path: Path) -> Path:
    template = template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--no-hooks", "--template", str(template), "-o", str(tmp_path)]
    assert main([*argv, "--set", "product_name=R Drift", "--set", "language=R"]) == 0
    return tmp_path / "r-drift"


def test_r_product_drift_is_found_and_its_own_files_are_skipped(
    r_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(r_project) == 0
    assert "no drift" in capsys.readouterr().out
    lintr = r_project / ".lintr"
    lintr.write_text(lintr.read_text(encoding="utf-8").replace("120", "100"), encoding="utf-8")
    (r_project / "R" / "extra.R").write_text("extra <- function() 1\n", encoding="utf-8")  # the product's own code
    description = r_project / "DESCRIPTION"
    description.write_text(description.read_text(encoding="utf-8") + "Config/needs: x\n", encoding="utf-8")
    (r_project / "renv.lock").write_text("{}\n", encoding="utf-8")
    (r_project / "pyproject.toml").write_text("[project]\n", encoding="utf-8")  # not part of an R product
    assert check(r_project) == 1
    out = capsys.readouterr().out
    assert "changed: .lintr" in out
    assert "added: pyproject.toml" in out
    assert "2 file(s) differ from the template" in out


def test_ignored_files_do_not_count(project: Path) -> None:
    (project / "data" / "raw" / "extract.csv").write_text("a\n1\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html></html>\n", encoding="utf-8")
    assert check(project) == 0


def test_template_by_git_url(project: Path, template_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(project, "--template", template_repo.as_uri()) == 0
    record_file = project / ".cruft.json"
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["template"] = template_repo.as_uri()
    record_file.write_text(json.dumps(record), encoding="utf-8")
    assert check(project) == 0
    assert template_repo.as_uri() in capsys.readouterr().out


def test_product_inside_the_template_repository(own_template_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The product lives beside the template; a template change shows up before it is committed."""
    template = own_template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--template", str(template), "-o", str(own_template_repo / "products")]
    assert main([*argv, "--set", "product_name=Growth Centiles"]) == 0
    product = own_template_repo / "products" / "growth-centiles"
    git(own_template_repo, "add", "--all")
    git(own_template_repo, "commit", "--quiet", "-m", "product")
    # moved repository: the recorded absolute path is gone, the template is found in the repository
    moved = own_template_repo.parent / "moved"
    shutil.move(own_template_repo, moved)
    product = moved / "products" / "growth-centiles"
    assert check(product) == 0
    assert "templates/analytics-product in this repository" in capsys.readouterr().out
    security = moved / "templates" / "analytics-product" / "{{cookiecutter.project_slug}}" / "SECURITY.md"
    security.write_text(security.read_text(encoding="utf-8") + "\nA new template paragraph.\n", encoding="utf-8")
    assert check(product) == 1
    assert "-A new template paragraph." in capsys.readouterr().out  # in the template, not in the product
    assert check(product, "--no-diff") == 1
    assert capsys.readouterr().out.startswith("changed: SECURITY.md\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read it as JSON"),
        ('{"template": 1}', "needs `template` and `context.cookiecutter`"),
        (
            '{"template": "x", "context": {"cookiecutter": {"product_name": "{{ 7 * 7 }}"}}}',
            "contains template syntax",
        ),
        ('{"template": "x", "context": {"cookiecutter": {}}, "skip": "all"}', "`skip` must be a list"),
    ],
)
def test_bad_cruft_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (tmp_path / ".cruft.json").write_text(content, encoding="utf-8")
    assert check(tmp_path) == 1
    err = capsys.readouterr().err
    assert message in err
    assert ".cruft.json" in err


def test_not_a_generated_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tmp_path) == 2
    assert "was not generated from a template" in capsys.readouterr().err
