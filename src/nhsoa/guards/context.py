"""Where a ten-digit number is plainly not a person's identifier, told from what surrounds it.

Each rule is general and can be explained in one sentence; none names a file:

- Part of a DOI: ``10.<registrant>/<suffix>`` names a publication (a DOI's prefix is "10." and a
  registrant code; its suffix follows the "/").
- In minified JavaScript or CSS: a line over 500 characters in a ``.js``/``.css``/``.map`` file, or
  any line of a ``*.min.*`` file, is generated code, where numbers are constants.
- A SNOMED CT concept in a code list. SNOMED CT identifiers are "positive integer values that are
  greater than 10^5 and less than 10^18", whose "second and third digits from the right hand end
  ... must match one of the partition-identifier values" and whose last digit is a Verhoeff check
  digit (SNOMED CT Release File Specification, 6.1-6.4, https://confluence.ihtsdotools.org/display/DOCRELFMT).
  A ten-digit number with that shape, in a file that also holds other such identifiers of other
  lengths (NHS numbers are always ten digits), is a code, not a patient. A patient-level extract
  that happens to hold SNOMED codes is still reported: only the few NHS numbers that are also
  well-formed SNOMED identifiers (about 6 in 1,000) are passed over, never the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_DOI = re.compile(r"\b10\.[0-9]{4,9}/[^\s\"'<>]+")
_MINIFIED_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".css", ".map"})
MINIFIED_LINE = 500
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z.])[1-9][0-9]{5,17}(?![0-9A-Za-z])")
# partition identifiers of concepts, descriptions and relationships, short (0x) and long (1x) format
_SNOMED_PARTITIONS = frozenset({"00", "01", "02", "10", "11", "12"})
_CODE_LIST_EVIDENCE = 2  # other-length SNOMED CT identifiers that make a file a code list

# Verhoeff's dihedral-group tables (SNOMED CT Release File Specification, 6.4 Check-digit)
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for position, char in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(char)]]
    return check == 0


def is_snomed_id(digits: str) -> bool:
    """Whether ``digits`` has the shape of a SNOMED CT identifier (length, partition, check digit)."""
    return (
        6 <= len(digits) <= 18 and digits[0] != "0" and digits[-3:-1] in _SNOMED_PARTITIONS and verhoeff_valid(digits)
    )


def is_code_list(texts: Iterable[str]) -> bool:
    """Whether the text holds SNOMED CT identifiers of lengths other than ten (see module docstring)."""
    seen: set[str] = set()
    for text in texts:
        for run in _DIGIT_RUN.finditer(text):
            digits = run.group()
            if len(digits) != 10 and digits not in seen and is_snomed_id(digits):
                seen.add(digits)
                if len(seen) >= _CODE_LIST_EVIDENCE:
                    return True
    return False


def in_doi(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` lies inside a DOI."""
    if "10." not in line:
        return False
    return any(doi.start() <= start and end <= doi.end() for doi in _DOI.finditer(line))


def is_minified(path: Path, line_length: int) -> bool:
    """Whether a line of this length in this file is generated (minified) code."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if not suffixes or suffixes[-1] not in _MINIFIED_SUFFIXES:
        return False
    return ".min" in suffixes or line_length > MINIFIED_LINE
