"""``nhsoa rap`` on a fresh R product: every criterion files can show is met, so attested it is at least silver.

An R product shows its RAP evidence the R way: an R package (DESCRIPTION, roxygen2 help in `man/`),
testthat, `.lintr`, logging with logger (`logger::` calls, logger in Imports), renv.lock, CI running
R CMD check on a schedule, and a CHANGELOG with the version in DESCRIPTION.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import main
from nhsoa.rap.assess import assess
from tests.template.conftest import baked, git


@pytest.fixture(scope="module")
def r_product(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = baked(tmp_path_factory.mktemp("rap-r"), product_name="Rap Check R", language="R", git_host="gitlab")
    git(project, "init", "--quiet")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "start")
    return project


def test_every_criterion_files_can_show_is_met(r_product: Path) -> None:
    assessment = assess(r_product, yamlio.load_file(r_product / "product.yaml").data)
    from_files = [result for result in assessment.results if result.source == "repository"]
    assert len(from_files) >= 10
    assert {r.criterion.id: r.evidence for r in from_files if r.status != "met"} == {}


def test_attested_it_is_at_least_silver(r_product: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attested = [r.criterion.id for r in assess(r_product).results if r.source != "repository"]
    product = {"rap": {"level": "none", "criteria": dict.fromkeys(attested, "met")}}
    assert assess(r_product, product).level in ("silver", "gold")
    assert main(["rap", str(r_product)]) == 0
    out = capsys.readouterr().out
    assert "G1 met" in out  # an R package
    assert "S6 met" in out  # testthat
