"""Words from text, the same way for an entry and for a query (and in ``search.js``).

Text is folded to lower-case ASCII (accents dropped), apostrophes removed, and cut into
runs of letters and digits. ``+`` stays inside a word (``dm+d``); ``&`` joins two single
letters (``A&E``, ``A & E``) and otherwise separates words. So a single letter is only ever
a word of its own: "A" and "E" never match inside other words.
"""

from __future__ import annotations

import re
import unicodedata

from nhsoa.search.stem import stem

# Small on purpose: words that carry no meaning in a tool's description. "r" and "it" are
# not here: R is a language, and IT a department.
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is of on or the to with".split()  # noqa: SIM905 - read as text
)

_COMBINING = re.compile("[\u0300-\u036f]")
_APOSTROPHES = re.compile("['\u2019]")
_RUNS = re.compile(r"[a-z0-9&+]+")
_JOINED_PLUS = re.compile(r"[a-z0-9]+(?:\+[a-z0-9]+)+")
_SINGLE_LETTER = re.compile(r"[a-z]")
_LETTER_AND_LETTER = re.compile(r"[a-z]&[a-z]")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes."""
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
    return _APOSTROPHES.sub("", text)


def words(text: str) -> list[str]:
    """The words of ``text`` in order, not yet stemmed."""
    folded = fold(text)
    runs = _RUNS.findall(folded)
    if "&" not in folded and "+" not in folded:
        return runs
    found: list[str] = []
    i = 0
    while i < len(runs):
        # "A & E" written with spaces: a lone "&" between two single letters joins them.
        if (
            runs[i] == "&"
            and found
            and _SINGLE_LETTER.fullmatch(found[-1])
            and i + 1 < len(runs)
            and _SINGLE_LETTER.fullmatch(runs[i + 1])
        ):
            found[-1] = found[-1] + "&" + runs[i + 1]
            i += 2
            continue
        found.extend(_split_run(runs[i]))
        i += 1
    return found


def _split_run(run: str) -> list[str]:
    if "&" not in run and "+" not in run:
        return [run]
    run = run.strip("&+")
    if _LETTER_AND_LETTER.fullmatch(run):
        return [run]
    pieces: list[str] = []
    for part in run.split("&"):
        if _JOINED_PLUS.fullmatch(part):
            pieces.append(part)
        else:
            pieces.extend(p for p in part.split("+") if p)
    return pieces


def tokens(text: str) -> list[str]:
    """The stemmed words of ``text``, in order."""
    return [stem(word) for word in words(text)]
