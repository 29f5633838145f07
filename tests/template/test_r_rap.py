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
    from_files = {r.criterion.id: r.files for r in assessment.results if r.files is not None}
    assert len(from_files) >= 10
    assert {key: shown.summary for key, shown in from_files.items() if not shown.met} == {}
    assert assessment.level_from_files == "gold"


def test_attested_it_is_at_least_silver(r_product: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attested = [r.criterion.id for r in assess(r_product).results if r.files is None]
    product = {"rap": {"level": "none", "criteria": dict.fromkeys(attested, "met")}}
    assert assess(r_product, product).level in ("silver", "gold")
    assert main(["rap", str(r_product)]) == 0
    out = capsys.readouterr().out
    assert "RAP level from files: gold" in out
