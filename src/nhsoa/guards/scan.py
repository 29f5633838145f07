"""Find patients' NHS, H&C and CHI numbers in files before they are committed.

A candidate is ten digits, or 3-3-4 digits split by one kind of separator (spaces or hyphens), that
is not part of a longer run of letters and digits (a hash, a longer number, a hex string) and not
the decimal places of a number. It is reported when :func:`~nhsoa.guards.identifiers.scheme_of`
says a service could have issued it (the issuing ranges, the check digit, a CHI number's date of
birth) and :mod:`~nhsoa.guards.context` does not show it to be something else. The report gives
file, line and column and masks the number, so the report does not repeat it.

A line holding ``nhsoa: allow-nhs-number`` is not reported; known fakes are better recorded in a
baseline (:mod:`~nhsoa.guards.baseline`). Binary files are skipped; notebooks, CSV and other text
are read as text (``\\n`` escapes in notebook JSON do not hide a number).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nhsoa.guards import context
from nhsoa.guards.files import FileSet, Note, collect, display
from nhsoa.guards.identifiers import Scheme, check_digit, is_nhs_number, scheme_of
from nhsoa.guards.text import Piece, open_text, pieces

__all__ = ["Match", "ScanResult", "check_digit", "is_nhs_number", "mask", "scan_file", "scan_paths", "scan_text"]

ALLOW_MARKER = "nhsoa: allow-nhs-number"

# Ten digits, or 3-3-4 with one separator throughout; not inside a run of letters and digits, nor
# the decimals of a number (``4857773456.0``, as spreadsheets write integers, is still a candidate),
# nor a negative number (a minus sign not joined to a word: ``= -2005270521``, but ``nhs-4857773456``).
# The ``\n``, ``\t`` and ``\r`` escapes of JSON and CSV text count as separators before a number.
_CANDIDATE = re.compile(
    r"(?:(?<=\\[nrt])|(?<![0-9A-Za-z]))(?<![0-9]\.)(?<!(?<![0-9A-Za-z])-)"
    r"(?P<number>[0-9]{3}(?P<sep>[ -]?)[0-9]{3}(?P=sep)[0-9]{4})"
    r"(?![0-9A-Za-z])(?!\.0*[1-9])"
)


def mask(digits: str, scheme: Scheme | None = None) -> str:
    """The number with all but its range prefix hidden; a CHI number's digits (a date of birth) all."""
    shown = 0 if scheme is Scheme.CHI else 3
    return digits[:shown] + "*" * (len(digits) - shown)


@dataclass(frozen=True)
class Match:
    path: Path
    line: int
    column: int
    scheme: Scheme
    digits: str = field(repr=False, compare=False)  # kept for the baseline's hash; never printed

    @property
    def masked(self) -> str:
        return mask(self.digits, self.scheme)

    def describe(self) -> str:
        why = "it begins with a date of birth" if self.scheme is Scheme.CHI else "it is in an issuing range"
        return (
            f"{display(self.path)}:{self.line}:{self.column}: {self.scheme.value} {self.masked} could be a "
            f"patient's: {why} and its check digit is right (fix: remove it, or use a test number (999 000 0000 "
            f"to 999 999 9999, which no UK service issues); record a known fake with `nhsoa scan --update-baseline`)"
        )


def _spaced_run(text: str, start: int, end: int, sep: str) -> bool:
    """Whether a separated candidate is one group of a longer separated run of digits."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[1] == sep and before[0].isdigit()) or (
        len(after) == 2 and after[0] == sep and after[1].isdigit()
    )


def _candidates(path: Path, piece: Piece) -> Iterator[tuple[int, str, Scheme]]:
    """(index, digits, scheme) of every reportable number in ``piece`` (the code-list rule aside)."""
    for found in _CANDIDATE.finditer(piece.text):
        start, end = found.span("number")
        if not piece.accept_from <= start < piece.accept_to:
            continue
        sep = found.group("sep")
        if sep and _spaced_run(piece.text, start, end, sep):
            continue
        digits = found.group("number").replace(sep, "") if sep else found.group("number")
        scheme = scheme_of(digits)
        if scheme is None:
            continue
        line, offset = piece.line_around(start, end)
        if ALLOW_MARKER in line or context.is_minified(path, len(line)):
            continue
        if context.in_doi(line, offset, offset + end - start):
            continue
        yield start, digits, scheme


def scan_text(path: Path, lines: Iterable[str]) -> Iterator[Match]:
    """Every reportable number in ``lines`` (the text of ``path``)."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    yield from _scan_pieces(path, [Piece(text, 1, 1, 0, len(text))], lambda: iter([text]))


def _scan_pieces(path: Path, parts: Iterable[Piece], reread: Callable[[], Iterator[str]]) -> Iterator[Match]:
    found = []
    for piece in parts:
        candidates = list(_candidates(path, piece))
        places = piece.positions(index for index, _, _ in candidates)
        found += [
            Match(path, line, column, scheme, digits)
            for (_, digits, scheme), (line, column) in zip(candidates, places, strict=True)
        ]
    if any(context.is_snomed_id(match.digits) for match in found) and context.is_code_list(reread()):
        found = [match for match in found if not context.is_snomed_id(match.digits)]
    yield from found


def scan_file(path: Path) -> list[Match]:
    """Every reportable number in one file (none for binary files); a link's target path is its text."""
    if path.is_symlink():
        return list(scan_text(path, [os.readlink(path)]))
    handle = open_text(path)
    if handle is None:
        return []

    def reread() -> Iterator[str]:
        with path.open(encoding=handle.encoding, errors="replace", newline="") as again:
            yield from (piece.text for piece in pieces(again))

    with handle:
        return list(_scan_pieces(path, pieces(handle), reread))


@dataclass
class ScanResult:
    matches: list[Match] = field(default_factory=list)
    scanned: list[Path] = field(default_factory=list)  # files read (binary files among them)
    notes: list[Note] = field(default_factory=list)


def scan_paths(paths: Iterable[Path], skip: Callable[[Path], bool] = lambda _: False) -> ScanResult:
    """Scan files, and what git would commit from folders (see :mod:`nhsoa.guards.files`)."""
    fileset: FileSet = collect(paths)
    result = ScanResult(notes=fileset.notes)
    for file in fileset.files:
        if skip(file):
            continue
        try:
            result.matches += scan_file(file)
        except OSError as exc:
            result.notes.append(Note(file, f"cannot be read ({exc.strerror or exc}); not scanned"))
            continue
        result.scanned.append(file)
    return result
