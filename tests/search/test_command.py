"""`nhsoa search` on the shipped registry: the library's order, filters applied after ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.registry.catalogue import Catalogue, Filters


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["search", *argv, "--format", "json"])
    return code, [entry["id"] for entry in json.loads(capsys.readouterr().out)]


def test_search_prints_the_ranked_order_and_filters_keep_it(
    capsys: pytest.CaptureFixture[str], in_repo: Path, shipped: Catalogue
) -> None:
    code, ids = search(capsys, "SPC")
    assert code == 0
    assert ids[:3] == [e["id"] for e in shipped.search("SPC")][:3]
    assert set(ids[:3]) == {"nhsrplotthedots", "nhspy-plotthedots", "runcharter"}
    _, in_r = search(capsys, "SPC", "--language", "R")
    assert in_r == [i for i in ids if i in {e["id"] for e in shipped.filter(Filters(language="R"))}]
    assert "nhspy-plotthedots" not in in_r


def test_search_table_and_nothing_found(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    assert main(["search", "referral to treatment"]) == 0
    table = capsys.readouterr().out
    assert "NHSRwaitinglist" in table
    assert search(capsys, "zzqx")[0] == 1
    assert search(capsys, "A")[1] == []  # a single letter never matches inside words
