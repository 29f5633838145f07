"""``nhsoa scan``: real NHS numbers are found in any text file and masked; test-range numbers pass.

Valid NHS numbers are built here from their check digit rather than written into the repository,
so this repository's own files never hold one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nhsoa.guards.scan import check_digit, is_nhs_number, mask, scan_file, scan_text
from nhsoa.main import main


def valid(first_nine: str) -> str:
    digit = check_digit(first_nine)
    assert digit is not None
    return first_nine + str(digit)


REAL = valid("943476591")  # a well-formed number outside the test range
TEST = valid("999000001")  # from the 999 test range, never issued
BROKEN = REAL[:9] + str((int(REAL[9]) + 1) % 10)  # wrong check digit


def spaced(number: str, sep: str) -> str:
    return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (f"patient {REAL} seen", True),
        (spaced(REAL, " "), True),
        (spaced(REAL, "-"), True),
        (f"id,nhs_number\n1,{REAL}\n", True),  # a CSV row
        (f'"source": ["x = \\"{REAL}\\"\\n"]', True),  # notebook JSON
        (f'"text": "a\\t{REAL}\\n"', True),  # an escaped tab before it
        (f"nhs:{REAL};", True),
        (TEST, False),
        (spaced(TEST, " "), False),
        (BROKEN, False),
        (f"{REAL}1", False),  # eleven digits
        (f"1{REAL}", False),
        (f"sha{REAL}abc", False),  # part of a hash
        (f"0.{REAL}", False),  # decimal places
        (f"{REAL}.5", False),
        (f"{REAL[:3]} {REAL[3:6]}-{REAL[6:]}", False),  # mixed separators
        (f"{REAL}  # nhsoa: allow-nhs-number", False),
    ],
)
def test_scan_text(line: str, found: bool) -> None:
    assert bool(list(scan_text(Path("f.txt"), line.splitlines()))) is found


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_valid_number_outside_the_test_range_is_found(first_nine: str) -> None:
    digit = check_digit(first_nine)
    if digit is None:
        return
    number = first_nine + str(digit)
    assert is_nhs_number(number)
    matches = list(scan_text(Path("f.csv"), [f"a,{number},b"]))
    assert len(matches) == (0 if number.startswith("999") else 1)


def test_place_and_mask(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"first line\nsecond {REAL} and {spaced(REAL, ' ')}\n", encoding="utf-8")
    matches = scan_file(path)
    assert [(m.line, m.column) for m in matches] == [(2, 8), (2, 23)]
    assert matches[0].masked == mask(REAL) == REAL[:3] + "*******"


def test_notebook_and_binary_files(tmp_path: Path) -> None:
    notebook = tmp_path / "explore.ipynb"
    cells = [{"cell_type": "code", "source": [f"df.loc[df.nhs == '{REAL}']\n"], "outputs": [], "metadata": {}}]
    notebook.write_text(json.dumps({"cells": cells, "nbformat": 4}, indent=1), encoding="utf-8")
    assert len(scan_file(notebook)) == 1
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\x00\x00" + REAL.encode())
    assert scan_file(binary) == []


def test_command_masks_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leak = tmp_path / "leak.csv"
    leak.write_text(f"nhs_number\n{REAL}\n{TEST}\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(f"{TEST}\n", encoding="utf-8")
    assert main(["scan", str(leak), str(clean)]) == 1
    captured = capsys.readouterr()
    assert f"{leak}:2:1: NHS number {mask(REAL)} passes the modulus-11 check" in captured.out
    assert REAL not in captured.out + captured.err
    assert main(["scan", str(clean)]) == 0
    assert main(["scan", str(tmp_path)]) == 1  # a folder is scanned file by file


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
