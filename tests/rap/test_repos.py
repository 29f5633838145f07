"""`nhsoa rap` on small repositories in the forms the corpus lacks (tests/data/rap/repos/).

Each case is a folder of files and an entry in tests/data/rap/repos.yaml saying what the files show:
setup.cfg and tox, nox, GitLab CI, Azure Pipelines, Jenkins, reusable workflows, HISTORY.rst and
other changelog names, a scheduled pipeline beside a scheduled clean-up, a documentation hook that
turns logs down, an R package shaped like the R product template, a targets project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.rap.assess import assess
from nhsoa.rap.criteria import CRITERIA
from tests.conftest import git

DATA = Path(__file__).parents[1] / "data" / "rap"
CASES = yamlio.load_file(DATA / "repos.yaml").data


def committed(source: Path, target: Path, tags: list[str]) -> Path:
    shutil.copytree(source, target)
    git(target, "init", "--quiet")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "start")
    for tag in tags:
        git(target, "tag", tag)
    return target


def test_every_folder_has_a_case() -> None:
    assert sorted(p.name for p in (DATA / "repos").iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_files_show_what_the_case_says(tmp_path: Path, git_env: None, name: str) -> None:
    case = CASES[name]
    repo = committed(DATA / "repos" / name, tmp_path / name, case.get("tags", []))
    assessment = assess(repo)
    got = {r.criterion.id: r.status for r in assessment.results}
    expected = {c.id: case["criteria"].get(c.id, "not-attested") for c in CRITERIA}
    assert {cid: got[cid] for cid in got if got[cid] != expected[cid]} == {}
    assert assessment.level_from_files == case["level_from_files"]


def by_id(root: Path) -> dict[str, str]:
    return {r.criterion.id: r.files.summary for r in assess(root).results if r.files is not None}


def test_the_scheduled_job_is_judged_by_what_it_runs(tmp_path: Path, git_env: None) -> None:
    cleanup = by_id(committed(DATA / "repos" / "py-cleanup-cron", tmp_path / "cleanup", []))
    assert "do not run the pipeline" in cleanup["G3"]
    pipeline = by_id(committed(DATA / "repos" / "py-scheduled-pipeline", tmp_path / "pipeline", []))
    assert pipeline["G3"] == (
        "schedule (0 7 2 * *) at .github/workflows/monthly.yml:3: job 'publish' runs `make pipeline` "
        "(.github/workflows/monthly.yml:16)"
    )


def test_a_broken_workflow_is_named(tmp_path: Path, git_env: None) -> None:
    shown = by_id(committed(DATA / "repos" / "broken-ci", tmp_path / "broken", []))
    assert shown["G2"].startswith(".github/workflows/ci.yml does not parse (line 2:")


def test_the_r_template_shape_reaches_silver_and_says_what_gold_needs(tmp_path: Path, git_env: None) -> None:
    repo = committed(DATA / "repos" / "r-package-template", tmp_path / "r", ["v0.1.0"])
    assessment = assess(repo)
    assert assessment.level_from_files == "silver"
    assert [r.criterion.id for r in assessment.needs()] == ["G3"]
    shown = by_id(repo)
    assert shown["S8"] == "logging in R/pipeline.R:10"
    assert shown["S7"] == "DESCRIPTION:11 Imports, renv.lock"
    assert "1 version tag (v0.1.0)" in shown["G4"]
