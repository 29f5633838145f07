"""Find NHS numbers in files before they are committed.

An NHS number is ten digits (optionally written 3-3-4 with spaces or hyphens) whose last digit is
the modulus-11 check digit of the first nine. Numbers starting 999 are the test range, never
issued to a patient, and are allowed. Any other valid number is reported with its place and
masked, so the report itself does not repeat it. Binary files are skipped; notebooks and CSV
files are text and are read line by line (escaped characters such as ``\\n`` in notebook JSON
do not hide a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TEST_RANGE_PREFIX = "999"
ALLOW_MARKER = "nhsoa: allow-nhs-number"
_BINARY_SNIFF_BYTES = 8192

# Ten digits, optionally grouped 3-3-4 with one consistent separator; not part of a longer run of
# letters or digits (so hashes, ids and longer numbers do not match) and not the decimal part of a
# number. ``\n``, ``\t`` and ``\r`` escapes in JSON or CSV text count as separators.
_CANDIDATE = re.compile(
    r"(?:(?<=\\[nrt])|(?<![0-9A-Za-z]))(?<![0-9]\.)"
    r"(?P<number>[0-9]{3}(?P<sep>[ -]?)[0-9]{3}(?P=sep)[0-9]{4})"
    r"(?![0-9A-Za-z])(?!\.[0-9])"
)


def check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit for nine digits, or None when no valid number can end them."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_nhs_number(text: str) -> bool:
    """True for ten digits (spaces and hyphens ignored) with a correct modulus-11 check digit."""
    digits = text.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return check_digit(digits[:9]) == int(digits[9])


def is_test_number(digits: str) -> bool:
    return digits.startswith(TEST_RANGE_PREFIX)


def mask(digits: str) -> str:
    """Show only the first three digits: enough to tell a test number from a real one."""
    return digits[:3] + "*" * (len(digits) - 3)


@dataclass(frozen=True)
class Match:
    path: Path
    line: int
    column: int
    masked: str

    def describe(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: NHS number {self.masked} passes the modulus-11 check "
            f"(fix: remove it, or use a number from the 999 test range; a line holding "
            f"'{ALLOW_MARKER}' is not scanned)"
        )


def scan_text(path: Path, lines: Iterable[str]) -> Iterator[Match]:
    for number, line in enumerate(lines, start=1):
        if ALLOW_MARKER in line:
            continue
        for candidate in _CANDIDATE.finditer(line):
            digits = candidate.group("number").replace(" ", "").replace("-", "")
            if is_nhs_number(digits) and not is_test_number(digits):
                yield Match(path, number, candidate.start("number") + 1, mask(digits))


def is_binary(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"\x00" in handle.read(_BINARY_SNIFF_BYTES)


def scan_file(path: Path) -> list[Match]:
    """Every non-test NHS number in one file (none for binary files)."""
    if is_binary(path):
        return []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(scan_text(path, handle))


def scan_paths(paths: Iterable[Path]) -> list[Match]:
    """Scan files, and the files inside folders (skipping .git)."""
    found: list[Match] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and ".git" not in p.relative_to(path).parts)
        else:
            files = [path]
        for file in files:
            found += scan_file(file)
    return found
