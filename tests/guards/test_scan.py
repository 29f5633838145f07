"""``nhsoa scan``: numbers a service could have issued are found in any text and masked; nothing else is.

Numbers are built by :mod:`tests.guards.numbers` from their check digits, so this repository's own
files never hold one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nhsoa.guards.identifiers import Scheme, check_digit, scheme_of
from nhsoa.guards.scan import mask, scan_file, scan_text
from nhsoa.guards.text import Piece, pieces
from nhsoa.main import main
from tests.guards.numbers import grouped, issued, valid

NUMBERS = issued()
REAL = NUMBERS["england-wales-4"]
CHI = NUMBERS["scotland-chi-mod11"]
TEST = valid("999000001")  # from the test range, never issued
BROKEN = REAL[:9] + str((int(REAL[9]) + 1) % 10)  # a wrong check digit
OUTSIDE = valid("943476591")  # passes the check, in no issuing range


def found(line: str, name: str = "f.txt") -> bool:
    return bool(list(scan_text(Path(name), line.splitlines())))


@pytest.mark.parametrize(
    "line",
    [
        f"patient {REAL} seen",
        grouped(REAL, " "),
        grouped(REAL, "-"),
        f"id,nhs_number\n1,{REAL}\n",
        f'"source": ["x = \\"{REAL}\\"\\n"]',  # notebook JSON
        f'"text": "a\\t{REAL}\\n"',  # an escaped tab before it
        f"nhs:{REAL};",
        f"nhs-{REAL}",
        f"{REAL}.0",  # how a spreadsheet writes a whole number
        f"| {grouped(REAL, ' ')} | Ann |",
    ],
)
def test_found(line: str) -> None:
    assert found(line)


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (TEST, "the 999 test range"),
        (grouped(TEST, " "), "the 999 test range, spaced"),
        (BROKEN, "a wrong check digit"),
        (OUTSIDE, "passes the check but in no issuing range"),
        (f"{REAL}1", "eleven digits"),
        (f"1{REAL}", "eleven digits"),
        (f"sha{REAL}abc", "part of a hash"),
        (f"0.{REAL}", "decimal places"),
        (f"{REAL}.5", "a decimal number"),
        (f"x = -{REAL}", "a negative number"),
        (f"{REAL[:3]} {REAL[3:6]}-{REAL[6:]}", "mixed separators"),
        (f"12 {grouped(REAL, ' ')}", "one group of a longer spaced run"),
        (f"{grouped(REAL, '-')}-77", "one group of a longer hyphenated run"),
        (f"https://doi.org/10.1186/s12913.{REAL}", "inside a DOI"),
        (f"{REAL}  # nhsoa: allow-nhs-number", "the allow marker"),
        ("0000000000 1111111111 0123456789 1234567890 9876543210", "placeholders"),
    ],
)
def test_not_found(line: str, why: str) -> None:
    assert not found(line), why


def test_place_scheme_and_mask(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"first line\nsecond {REAL} and {grouped(REAL, ' ')}\nborn {CHI}\n", encoding="utf-8")
    matches = scan_file(path)
    assert [(m.line, m.column, m.scheme) for m in matches] == [
        (2, 8, Scheme.NHS),
        (2, 23, Scheme.NHS),
        (3, 6, Scheme.CHI),
    ]
    assert matches[0].masked == mask(REAL) == REAL[:3] + "*******"
    assert matches[2].masked == "*" * 10  # a CHI number begins with a date of birth: none of it is shown


def test_minified_code_is_not_scanned_but_code_is(tmp_path: Path) -> None:
    line = "var a=" + ",".join(str(n) for n in range(200)) + f",b={REAL};\n"
    assert len(line) > 500
    (tmp_path / "bundle.js").write_text(line, encoding="utf-8")
    (tmp_path / "app.min.js").write_text(f"x={REAL}\n", encoding="utf-8")
    (tmp_path / "app.js").write_text(f"const nhs = '{REAL}';\n", encoding="utf-8")
    (tmp_path / "long.py").write_text(line, encoding="utf-8")
    assert scan_file(tmp_path / "bundle.js") == []
    assert scan_file(tmp_path / "app.min.js") == []
    assert len(scan_file(tmp_path / "app.js")) == 1
    assert len(scan_file(tmp_path / "long.py")) == 1


def _snomed_shaped_nhs_number() -> str:
    """A number in an NHS range that is also a well-formed SNOMED CT concept id."""
    from nhsoa.guards.context import is_snomed_id

    for base in range(471_235_000, 471_300_000):
        digit = check_digit(str(base))
        number = f"{base}{digit}"
        if digit is not None and is_snomed_id(number) and scheme_of(number) is Scheme.NHS:
            return number
    raise AssertionError("none in the searched block")


def test_snomed_codes_in_a_code_list_are_codes(tmp_path: Path) -> None:
    shaped = _snomed_shaped_nhs_number()
    codes = "code,term\n22298006,Myocardial infarction\n404684003,Clinical finding\n"
    (tmp_path / "codelist.csv").write_text(codes + f"{shaped},A concept\n", encoding="utf-8")
    assert scan_file(tmp_path / "codelist.csv") == []
    (tmp_path / "extract.csv").write_text(f"nhs_number\n{shaped}\n", encoding="utf-8")
    assert len(scan_file(tmp_path / "extract.csv")) == 1  # no code list around it: could be a patient's
    (tmp_path / "mixed.csv").write_text(codes + f"{shaped},x\n{REAL},y\n", encoding="utf-8")
    assert [m.digits for m in scan_file(tmp_path / "mixed.csv")] == [REAL]  # other numbers still reported


def test_notebook_utf16_and_binary_files(tmp_path: Path) -> None:
    notebook = tmp_path / "explore.ipynb"
    outputs = [{"output_type": "stream", "name": "stdout", "text": [f"0    {REAL}\n"]}]
    cells = [{"cell_type": "code", "source": ["df.head()\n"], "outputs": outputs, "metadata": {}}]
    notebook.write_text(json.dumps({"cells": cells, "nbformat": 4}, indent=1), encoding="utf-8")
    assert len(scan_file(notebook)) == 1
    utf16 = tmp_path / "export.csv"
    utf16.write_text(f"nhs\n{REAL}\n", encoding="utf-16")
    assert [(m.line, m.column) for m in scan_file(utf16)] == [(2, 1)]
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\x00\x00" + REAL.encode())
    assert scan_file(binary) == []


def test_long_lines_are_read_in_pieces_without_losing_a_number(tmp_path: Path) -> None:
    line = "x" * 300 + f" {REAL} " + "y" * 700 + f" {grouped(REAL, '-')} " + "z" * 5
    path = tmp_path / "one-line.txt"
    path.write_text(f"head\n{line}\n{REAL}\n", encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as handle:
        parts = list(pieces(handle, size=200))
    assert len(parts) > 2  # the long line is split
    from nhsoa.guards.scan import _scan_pieces

    matches = list(_scan_pieces(path, parts, lambda: iter([])))
    assert [(m.line, m.column) for m in matches] == [(2, 302), (2, 1014), (3, 1)]
    assert [(m.line, m.column) for m in scan_file(path)] == [(2, 302), (2, 1014), (3, 1)]


def test_a_number_on_any_seam_is_found_once(tmp_path: Path) -> None:
    from nhsoa.guards.scan import _scan_pieces

    path = tmp_path / "seams.txt"
    for offset in range(180, 420):  # every position across the first seams of 200-character pieces
        path.write_text("a " * (offset // 2) + " " * (offset % 2) + REAL + " b" * 300 + "\n", encoding="utf-8")
        with path.open(encoding="utf-8", newline="") as handle:
            matches = list(_scan_pieces(path, pieces(handle, size=200), lambda: iter([])))
        assert [(m.line, m.column) for m in matches] == [(1, offset + 1)], offset


def test_piece_positions() -> None:
    piece = Piece("ab\ncd\nef", 4, 7, 0, 8)
    assert piece.position(1) == (4, 8)
    assert piece.position(3) == (5, 1)
    assert piece.position(7) == (6, 2)
    text = "".join(f"{'x' * (n % 7)}\n" for n in range(200))
    long = Piece(text, 3, 5, 0, len(text))
    indices = list(range(0, len(text), 3))
    assert list(long.positions(indices)) == [long.position(i) for i in indices]


def test_command_masks_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leak = tmp_path / "leak.csv"
    leak.write_text(f"nhs_number\n{REAL}\n{TEST}\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(f"{TEST}\n{OUTSIDE}\n", encoding="utf-8")
    assert main(["scan", str(leak), str(clean)]) == 1
    captured = capsys.readouterr()
    assert f"{leak}:2:1: NHS number (England, Wales, Isle of Man) {mask(REAL)} could be a patient's" in captured.out
    assert "--update-baseline" in captured.out
    assert REAL not in captured.out + captured.err
    assert "1 possible patient number(s) in 1 of 2 files" in captured.err
    assert main(["scan", str(clean)]) == 0
    assert main(["scan", str(tmp_path)]) == 1  # a folder is scanned file by file


def test_the_current_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{CHI}\n", encoding="utf-8")
    assert main(["scan"]) == 1
    assert "a.txt:1:1: CHI number (Scotland) **********" in capsys.readouterr().out


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_each_context_a_user_writes_numbers_in(tmp_path: Path) -> None:
    """Every issuing range, in each context: CSV, notebook output, R, Python, Markdown, log, YAML, SQL."""
    for name, number in NUMBERS.items():
        contexts = {
            "cell.csv": f"id,nhs_number,age\n1,{number},42\n",
            "out.ipynb": json.dumps({"cells": [{"outputs": [{"text": [f"   nhs\n0  {number}\n"]}]}]}),
            "script.R": f'patients <- c("{number}")\n',
            "script.py": f"PATIENT = {number}\n",
            "table.md": f"| NHS number |\n|---|\n| {grouped(number, ' ')} |\n",
            "run.log": f"2025-06-01 12:00:01 INFO matched patient {grouped(number, '-')}\n",
            "config.yaml": f"patient:\n  nhs_number: {number}\n",
            "load.sql": f"INSERT INTO patients (nhs_number) VALUES ('{number}');\n",
        }
        for file, text in contexts.items():
            path = tmp_path / name / file
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            assert [m.digits for m in scan_file(path)] == [number], (name, file)


def test_file_names_and_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "line\nbreak ünï \x1b[31m.txt"
    odd.write_text(f"{REAL}\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(f"{REAL}\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(outside)  # git commits the link's target path, not the file
    (tmp_path / "loop").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    assert main(["scan", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("could be a patient's") == 1
    assert "line\\nbreak ünï \\x1b[31m.txt:1:1: NHS number" in captured.out
    assert "pipe: not a regular file" in captured.err
    outside.unlink()
