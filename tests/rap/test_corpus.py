"""`nhsoa rap` on real NHS repositories agrees with their hand-judged records, and points at real files.

The records (tests/data/corpus/rap.yaml) were written by reading each repository before the
detectors were; `python scripts/rap-agreement.py` prints the agreement over the whole corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import main
from nhsoa.rap.assess import assess
from nhsoa.rap.criteria import CRITERIA
from tests.corpus import Checkouts, bundles

RECORDS = yamlio.load_file(Path(__file__).parents[1] / "data" / "corpus" / "rap.yaml").data
NAMES = sorted(bundles()) or ["(no corpus)"]


def test_every_corpus_repository_has_a_record_of_every_criterion() -> None:
    if not bundles():
        pytest.skip("the corpus is not available")
    assert sorted(RECORDS) == sorted(bundles())
    for name, record in RECORDS.items():
        assert list(record["criteria"]) == [c.id for c in CRITERIA], name
        assert all(entry["evidence"] for entry in record["criteria"].values()), name


@pytest.mark.parametrize("name", NAMES)
def test_assessment_matches_the_hand_judgement(corpus: Checkouts, name: str) -> None:
    checkout = corpus(name)
    assessment = assess(checkout)
    record = RECORDS[name]
    got = {r.criterion.id: r.status for r in assessment.results}
    expected = {cid: entry["status"] for cid, entry in record["criteria"].items()}
    wrong = {cid: f"expected {expected[cid]}, got {got[cid]}" for cid in expected if got[cid] != expected[cid]}
    assert wrong == {}
    assert assessment.level_from_files == record["level_from_files"]
    assert assessment.level == "none"  # no corpus repository has a product.yaml to attest B4, B5, S1, S4, S9


@pytest.mark.parametrize("name", NAMES)
def test_evidence_points_at_files_that_exist(corpus: Checkouts, name: str) -> None:
    checkout = corpus(name)
    for result in assess(checkout).results:
        for where in result.files.where if result.files else ():
            path, _, line = where.partition(":")
            assert (checkout / path).is_file(), f"{result.criterion.id}: {where}"
            if line:
                lines = (checkout / path).read_text(encoding="utf-8", errors="replace").splitlines()
                assert 1 <= int(line) <= len(lines), f"{result.criterion.id}: {where}"


def test_an_r_package_reads_as_one(corpus: Checkouts, capsys: pytest.CaptureFixture[str]) -> None:
    """What an analyst sees for azkit: R evidence named, and what stands between silver and gold."""
    checkout = corpus("The-Strategy-Unit__azkit")
    assert main(["rap", str(checkout)]) == 0
    out = capsys.readouterr().out
    assert "R package: DESCRIPTION and R/" in out
    assert "r-lib/actions/check-r-package" in out
    assert re.search(r"S5 met.*\n\s+files show: \.lintr, air\.toml", out)
    assert "RAP level from files: silver; gold once G3 is met or attested" in out
    assert "RAP level: none until B4, B5, S1, S4 and S9 are attested" in out
