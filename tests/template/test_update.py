"""``nhsoa update``: template changes merge into a project and its local edits survive; conflicts fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa.main import main
from tests.template.conftest import git

SLUG_DIR = "{{cookiecutter.project_slug}}"


@pytest.fixture
def project(own_template_repo: Path, tmp_path: Path) -> Path:
    template = own_template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--no-hooks", "--template", str(template), "-o", str(tmp_path / "work")]
    assert main([*argv, "--set", "product_name=Update Me"]) == 0
    return tmp_path / "work" / "update-me"


def change_template(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / "templates" / "analytics-product" / SLUG_DIR / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "commit", "--quiet", "--all", "-m", f"change {relative}")


def edit_project(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    git(project, "commit", "--quiet", "--all", "-m", f"local edit of {relative}")


def test_update_merges_template_changes_and_keeps_local_edits(
    project: Path, own_template_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_project(project, "Makefile", "PYTHON ?= python", "PYTHON ?= python3.12")
    change_template(own_template_repo, "Makefile", "help:  ## list the tasks", "help:  ## list every task")
    change_template(own_template_repo, ".gitignore", "*.log\n", "*.log\n*.tmp\n")
    assert main(["update", str(project)]) == 0
    assert "updated" in capsys.readouterr().out
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert "PYTHON ?= python3.12" in makefile  # the local edit survived
    assert "help:  ## list every task" in makefile  # the template change arrived
    assert "*.tmp" in (project / ".gitignore").read_text(encoding="utf-8")
    git(project, "commit", "--quiet", "--all", "-m", "take template changes")
    assert main(["check", str(project)]) == 1  # the local Makefile edit is still a difference
    assert "+PYTHON ?= python3.12" in capsys.readouterr().out


def test_conflicting_change_fails_loudly(
    project: Path, own_template_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_project(project, "Makefile", "PYTHON ?= python", "PYTHON ?= python3.12")
    change_template(own_template_repo, "Makefile", "PYTHON ?= python", "PYTHON ?= python3.13")
    assert main(["update", str(project)]) == 1
    err = capsys.readouterr().err
    assert "conflict(s) to resolve" in err
    assert "Makefile" in err
    assert "Traceback" not in err


def test_skipped_files_are_not_updated(project: Path, own_template_repo: Path) -> None:
    change_template(own_template_repo, "README.md", "## Purpose", "## Purpose of the product")
    assert main(["update", str(project)]) == 0
    assert "## Purpose of the product" not in (project / "README.md").read_text(encoding="utf-8")


def test_uncommitted_project_is_refused(project: Path, own_template_repo: Path) -> None:
    (project / "Makefile").write_text("dirty\n", encoding="utf-8")
    change_template(own_template_repo, ".gitignore", "*.log\n", "*.log\n*.tmp\n")
    assert main(["update", str(project)]) == 1
    assert (project / "Makefile").read_text(encoding="utf-8") == "dirty\n"


def test_r_product_takes_template_changes(own_template_repo: Path, tmp_path: Path) -> None:
    template = own_template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--no-hooks", "--template", str(template), "-o", str(tmp_path / "work")]
    assert main([*argv, "--set", "product_name=R Update", "--set", "language=R"]) == 0
    project = tmp_path / "work" / "r-update"
    edit_project(project, "Makefile", "RSCRIPT ?= Rscript", "RSCRIPT ?= /opt/R/bin/Rscript")
    change_template(own_template_repo, ".lintr", "line_length_linter(120)", "line_length_linter(100)")
    change_template(own_template_repo, "Makefile", "test:  ## run the tests", "test:  ## run the testthat tests")
    change_template(own_template_repo, "R/pipeline.R", "# The pipeline:", "# The whole pipeline:")
    assert main(["update", str(project)]) == 0
    assert "line_length_linter(100)" in (project / ".lintr").read_text(encoding="utf-8")
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert "RSCRIPT ?= /opt/R/bin/Rscript" in makefile  # the local edit survived
    assert "test:  ## run the testthat tests" in makefile
    assert "# The whole pipeline:" not in (project / "R" / "pipeline.R").read_text(encoding="utf-8")  # its own code
    assert not (project / "pyproject.toml").exists()
