"""``nhsoa scan`` and ``nhsoa no-data`` on real repositories agree with the judgement recorded for each.

The records are in tests/data/corpus/guards.yaml, with the evidence for every line scan must pass
over. The planted test copies real repositories and writes valid numbers from every issuing range
into each context a user writes them in; scan must find every one and nothing else.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from nhsoa import yamlio
from nhsoa.guards.identifiers import check_digit
from nhsoa.guards.nodata import check
from nhsoa.guards.scan import scan_paths
from nhsoa.main import main
from tests.conftest import DATA
from tests.corpus import Checkouts, bundles
from tests.guards.numbers import grouped, issued

RECORDS: dict[str, Any] = yamlio.load_file(DATA / "corpus" / "guards.yaml").data
ALARMS_PER_FILE = 1 / 500  # the most scan may report outside NHS-number and CHI packages


def test_every_corpus_repository_has_a_record() -> None:
    if not bundles():
        pytest.skip("the corpus is not available (set NHSOA_CORPUS to the corpus folder)")
    assert set(RECORDS) == set(bundles())


def reported(checkout: Path) -> tuple[set[tuple[str, int]], int]:
    result = scan_paths([checkout])
    return {(m.path.relative_to(checkout).as_posix(), m.line) for m in result.matches}, len(result.scanned)


def passes_the_check(line: str) -> bool:
    """Whether the line holds ten digits (anywhere, even inside a hash) with a right modulus-11 check digit."""
    runs = (match.group(1) for match in re.finditer(r"(?=([0-9]{10}))", line))
    return any(check_digit(run[:9]) == int(run[9]) for run in runs)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_scan_agrees_with_the_record(corpus: Checkouts, name: str) -> None:
    checkout = corpus(name)
    record = RECORDS[name]
    found, files = reported(checkout)
    assert files == record["files"]
    assert found == {(file, line) for file, line in record["scan"]["report"]}
    for entry in record["scan"]["not_report"]:
        lines = (checkout / entry["file"]).read_text(encoding="utf-8").splitlines()
        for number in entry["lines"]:
            assert passes_the_check(lines[number - 1]), f"{entry['file']}:{number} is not a near miss: fix the record"
            assert (entry["file"], number) not in found


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_no_data_agrees_with_the_record(corpus: Checkouts, name: str) -> None:
    checkout = corpus(name)
    result = check([checkout])
    assert {item.relative for item in result.blocked} == set(RECORDS[name]["no_data"]["block"])
    assert result.allowed == []


def test_alarm_rate_outside_number_packages(corpus: Checkouts) -> None:
    if not bundles():
        pytest.skip("the corpus is not available (set NHSOA_CORPUS to the corpus folder)")
    alarms = files = 0
    for name, record in RECORDS.items():
        if not record["numbers_package"]:
            found, scanned = reported(corpus(name))
            alarms, files = alarms + len(found), files + scanned
    assert files > 500
    assert alarms <= files * ALARMS_PER_FILE


def contexts(number: str) -> dict[str, tuple[str, str]]:
    """File name -> (text, the number as written in it) for each context a user writes numbers in."""
    spaced, hyphenated = grouped(number, " "), grouped(number, "-")
    notebook = {"cells": [{"cell_type": "code", "source": ["df.head()"], "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["   nhs_number  age\n", f"0  {number}   42\n"]}
    ]}]}  # fmt: skip
    return {
        "extract.csv": (f"id,nhs_number,age\n1,{number},42\n", number),
        "explore.ipynb": (json.dumps(notebook, indent=1), number),
        "lookup.R": (f'patients <- c(\n  "{number}"\n)\n', number),
        "fixtures.py": (f"PATIENT = {number}\n", number),
        "notes.md": (f"| NHS number | seen |\n|---|---|\n| {spaced} | 2025 |\n", spaced),
        "run-log.txt": (f"2025-06-01 12:00:01 INFO matched {hyphenated}\n", hyphenated),  # *.log is often ignored
        "config.yaml": (f"patient:\n  nhs_number: {number}\n", number),
        "load.sql": (f"INSERT INTO patients (nhs_number) VALUES ('{number}');\n", number),
    }


def place(text: str, written: str) -> tuple[int, int]:
    """Line and column (1-based) where ``written`` first appears in ``text``."""
    before = text[: text.index(written)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize("name", ["ukhsa-collaboration__epidm", "nhsengland__evalsense"])
def test_every_planted_number_is_found_in_every_context(
    corpus: Checkouts, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    checkout = shutil.copytree(corpus(name), tmp_path / name, symlinks=True)
    expected = set()
    for scheme, number in issued(seed=2026).items():
        folder = checkout / "planted" / scheme
        folder.mkdir(parents=True)
        for file, (text, written) in contexts(number).items():
            (folder / file).write_text(text, encoding="utf-8")
            line, column = place(text, written)
            expected.add(f"{folder / file}:{line}:{column}")
    assert len(expected) == 7 * 8  # every issuing range in every context
    assert main(["scan", str(checkout)]) == 1
    out = capsys.readouterr().out
    assert {finding[: finding.index(": ")] for finding in out.splitlines()} == expected
