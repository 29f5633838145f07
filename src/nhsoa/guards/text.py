"""Read a file as text in bounded pieces, whatever its size or encoding.

Binary files (a NUL byte in the first 8 KiB) are not text and are left alone, except UTF-16 text
(it starts with a byte-order mark), which spreadsheet programs write and which would otherwise hide
every number behind NUL bytes. Anything else is read as UTF-8, undecodable bytes replaced, so a
Latin-1 file is still read (digits are ASCII in both). A file is read a piece at a time, ending
pieces at line ends, so a many-gigabyte file costs no more memory than a small one; a single line
longer than a piece is split with an overlap wide enough that no number is lost at the seam.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SNIFF_BYTES = 8192
PIECE_CHARS = 1 << 20
OVERLAP = 64  # longer than any candidate and what its look-arounds need to see
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def encoding_of(head: bytes) -> str | None:
    """The encoding to read a file starting with ``head`` in, or None when it is binary."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None if b"\0" in head else "utf-8"


def open_text(path: Path) -> TextIO | None:
    """``path`` opened as text (newlines kept as they are), or None when it is binary."""
    with path.open("rb") as raw:
        encoding = encoding_of(raw.read(SNIFF_BYTES))
    if encoding is None:
        return None
    return path.open(encoding=encoding, errors="replace", newline="")


@dataclass(frozen=True)
class Piece:
    """Part of a text: it starts at ``line``/``column`` (1-based); findings starting in
    ``[accept_from, accept_to)`` belong to this piece (the rest to its neighbours)."""

    text: str
    line: int
    column: int
    accept_from: int
    accept_to: int

    def position(self, index: int) -> tuple[int, int]:
        """The line and column (1-based) of ``text[index]``."""
        newline = self.text.rfind("\n", 0, index)
        if newline < 0:
            return self.line, self.column + index
        return self.line + self.text.count("\n", 0, index), index - newline

    def positions(self, indices: Iterable[int]) -> Iterator[tuple[int, int]]:
        """The line and column of each of ``indices`` (ascending), counting newlines once in all."""
        line, last_newline, counted = self.line, -1, 0
        for index in indices:
            line += self.text.count("\n", counted, index)
            last_newline = max(last_newline, self.text.rfind("\n", counted, index))
            counted = index
            yield line, (index - last_newline if last_newline >= 0 else self.column + index)

    def line_around(self, start: int, end: int) -> tuple[str, int]:
        """The (possibly cut) line holding ``text[start:end]``, and where ``start`` is in it."""
        first = self.text.rfind("\n", 0, start) + 1
        last = self.text.find("\n", end)
        return self.text[first : len(self.text) if last < 0 else last], start - first


def pieces(handle: TextIO, size: int = PIECE_CHARS) -> Iterator[Piece]:
    """The text of ``handle`` in pieces of about ``size`` characters (see the module docstring)."""
    carry, line, column = "", 1, 1
    while True:
        fresh = handle.read(size)
        if fresh and not fresh.endswith("\n"):
            fresh += handle.readline(size)  # finish the line unless it is longer than a piece
        if not fresh:
            if carry:  # the file ended exactly where a long line was split
                yield Piece(carry, line, column, OVERLAP, len(carry))
            return
        text = carry + fresh
        start = OVERLAP if carry else 0
        if fresh.endswith("\n") or len(fresh) < size:  # a line end, or the end of the file (read ran short)
            yield Piece(text, line, column, start, len(text))
            line, column = Piece(text, line, column, 0, 0).position(len(text))
            carry = ""
            continue
        keep = len(text) - 2 * OVERLAP  # the next piece repeats the last 2*OVERLAP characters
        piece = Piece(text, line, column, start, keep + OVERLAP)
        yield piece
        line, column = piece.position(keep)
        carry = text[keep:]
