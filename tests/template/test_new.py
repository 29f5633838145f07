"""``nhsoa new``: a committed project with .cruft.json, and clear refusals that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.template import PRODUCT_OWNED, R_PRODUCT_OWNED
from tests.template.conftest import git


def new(template_repo: Path, output: Path, *settings: str, extra: tuple[str, ...] = ()) -> int:
    argv = [
        "new",
        "--no-input",
        "--template",
        str(template_repo / "templates" / "analytics-product"),
        "-o",
        str(output),
    ]
    return main([*argv, *extra, *[arg for setting in settings for arg in ("--set", setting)]])


def test_new_makes_a_committed_project_with_hooks(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(template_repo, tmp_path, "product_name=Bed Occupancy", "git_host=gitlab", "licence=Apache-2.0") == 0
    project = tmp_path / "bed-occupancy"
    assert f"created {project}" in capsys.readouterr().out
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert record["template"] == str(template_repo)
    assert record["directory"] == "templates/analytics-product"
    assert record["commit"] == git(template_repo, "rev-parse", "HEAD").strip()
    assert record["skip"] == list(PRODUCT_OWNED)
    assert record["context"]["cookiecutter"]["licence"] == "Apache-2.0"
    assert git(project, "log", "--format=%s").splitlines() == [
        "Start Bed Occupancy from the analytics-product template"
    ]
    assert git(project, "status", "--porcelain") == ""
    assert "pre-commit" in (project / ".git" / "hooks" / "pre-commit").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["bed-occupancy"]  # no staging folder left


def test_new_makes_an_r_product_when_asked(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(template_repo, tmp_path, "language=R", "product_name=Bed Occupancy") == 0
    project = tmp_path / "bed-occupancy"
    out = capsys.readouterr().out
    assert f"created {project}" in out
    assert 'Rscript -e "testthat::test_local()"' in out
    assert "pip install" not in out
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert record["context"]["cookiecutter"]["language"] == "R"
    assert record["context"]["cookiecutter"]["package_name"] == "bedoccupancy"
    assert record["skip"] == list(R_PRODUCT_OWNED)
    assert (project / "DESCRIPTION").is_file()
    assert not (project / "pyproject.toml").exists()
    assert git(project, "status", "--porcelain") == ""
    assert "inst/extdata/synthetic_attendances.csv" in git(project, "ls-files").splitlines()


def test_python_stays_the_default(template_repo: Path, tmp_path: Path) -> None:
    assert new(template_repo, tmp_path, "product_name=Bed Occupancy", extra=("--no-git",)) == 0
    record = json.loads((tmp_path / "bed-occupancy" / ".cruft.json").read_text(encoding="utf-8"))
    assert record["context"]["cookiecutter"]["language"] == "Python"
    assert (tmp_path / "bed-occupancy" / "pyproject.toml").is_file()


def test_existing_folder_is_left_alone(template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "bed-occupancy"
    existing.mkdir()
    (existing / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert new(template_repo, tmp_path, "product_name=Bed Occupancy", extra=("--no-git",)) == 1
    assert "already exists; nothing was changed" in capsys.readouterr().err
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bed-occupancy"]


def test_inside_a_repository_no_nested_repository_is_made(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "--quiet")
    assert new(template_repo, tmp_path / "products", "product_name=Growth Centiles") == 0
    assert "no nested repository was made" in capsys.readouterr().err
    assert not (tmp_path / "products" / "growth-centiles" / ".git").exists()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (["colour=blue"], "the template asks no such question"),
        (["licence=WTFPL"], "choose one of MIT, Apache-2.0"),
        (["language=Julia"], "choose one of Python, R"),
        (["_nhsoa_version=9"], "answers starting with _ are set by the template"),
        (["no-equals-sign"], "expected key=value"),
    ],
)
def test_bad_settings_are_usage_errors(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: list[str], message: str
) -> None:
    assert new(template_repo, tmp_path, *settings) == 2
    err = capsys.readouterr().err
    assert err.startswith("nhsoa: error: --set ")  # the answer is named by the option that gave it
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_template_outside_git_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "cookiecutter.json").write_text("{}", encoding="utf-8")
    assert main(["new", "--no-input", "--template", str(folder), "-o", str(tmp_path / "out")]) == 2
    assert "must be in a git repository" in capsys.readouterr().err
    assert main(["new", "--no-input", "--template", str(tmp_path / "missing")]) == 2
