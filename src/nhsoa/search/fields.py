"""What an entry says, field by field, as the terms the search matches.

A field is a list of segments (each keyword, each topic, the summary...), so that neither
a vocabulary term nor a pair of words is read across the boundary of two keywords.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from nhsoa.search.stem import stem
from nhsoa.search.text import STOPWORDS, words
from nhsoa.search.vocabulary import Vocabulary

# Fields in order; a field's bit in a posting's mask is 1 << its position. A match in the
# name or a topic counts for more than one in the description.
FIELDS = ("name", "topics", "keywords", "languages", "summary", "owner", "description")
WEIGHTS = (10, 8, 6, 6, 4, 3, 2)
NAME = 0
DESCRIPTION = FIELDS.index("description")  # long: its words count, but not its pairs of words
PIECE_MIN = 4  # the shortest word a run-together name is split into...
SHORT_PIECE = 3  # ...but for three-letter abbreviations (nhs, imd, phs)
_URL = re.compile(r"https?://\S+")
_ALPHA = re.compile(r"[a-z]+")
_PARAGRAPH = re.compile(r"\n\s*\n")

Phrases = Mapping[tuple[str, ...], str]


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(item for item in value if isinstance(item, str))
    return ""


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def segments(entry: Mapping[str, Any], topics: Mapping[str, str]) -> list[list[str]]:
    """Per field (in :data:`FIELDS` order), the pieces of text it holds."""
    given = entry.get("owner")
    owner: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    description = _URL.sub(" ", text(entry.get("description")))
    values = {
        "name": [text(entry.get("name")), text(entry.get("id"))],
        "topics": [f"{t} {topics.get(t, '')}" for t in _strings(entry.get("topics"))],
        "keywords": _strings(entry.get("keywords")),
        "languages": _strings(entry.get("languages")),
        "summary": [text(entry.get("summary"))],
        "owner": [text(owner.get("name")), text(owner.get("ods_code"))],
        "description": _PARAGRAPH.split(description),
    }
    return [values[field] for field in FIELDS]


def known_words(rows: Iterable[Sequence[Sequence[Sequence[str]]]], vocabulary: Vocabulary) -> frozenset[str]:
    """Words a run-together name may be made of: those of four letters or more that entries use
    outside names (``rows``: per entry, per field, the words of each segment), and the
    vocabulary's three-letter abbreviations (with NHS itself), such as "imd" in imdtools."""
    found: set[str] = set()
    for row in rows:
        for field in row[NAME + 1 :]:
            for segment in field:
                found.update(w for w in segment if len(w) >= PIECE_MIN)
    short = {"nhs"}
    for group in vocabulary.groups:
        for term in group.terms:
            found.update(w for w in words(term) if len(w) >= PIECE_MIN)
            short.update(w for w in words(term) if len(w) == SHORT_PIECE)
    return frozenset(w for w in found | short if _ALPHA.fullmatch(w) and w not in STOPWORDS)


def split_run_together(word: str, known: frozenset[str]) -> list[str]:
    """The known words a name like ``rcpchgrowth`` or ``nhsrwaitinglist`` is made of, or none.

    A split needs two words or more and may leave one letter over (the R in ``funnelplotr``);
    of the splits, the one that leaves fewest letters over wins, then the one with fewest words.
    """
    n = len(word)
    if n < 2 * SHORT_PIECE or not _ALPHA.fullmatch(word):
        return []
    best: list[tuple[int, int, int]] = [(0, 0, -1)] + [(n + 1, 0, -1)] * n  # (left over, pieces, start of last)
    for end in range(1, n + 1):
        left, pieces, _ = best[end - 1]
        best[end] = (left + 1, pieces, -1)
        for start in range(max(0, end - 40), end - SHORT_PIECE + 1):
            if end - start < n and word[start:end] in known:
                left, pieces, _ = best[start]
                if (left, pieces + 1) < best[end][:2]:
                    best[end] = (left, pieces + 1, start)
    found, end = [], n
    while end > 0:
        start = best[end][2]
        if start < 0:
            end -= 1
        else:
            found.append(word[start:end])
            end = start
    return found[::-1] if best[n][0] <= 1 and len(found) >= 2 else []


def field_terms(
    field_words: Sequence[Sequence[str]], field: int, known: frozenset[str], phrases: PhraseTable
) -> set[str]:
    """The terms a field holds (``field_words``: the words of each of its pieces of text): its
    stemmed words, its vocabulary terms ("@rtt") and, outside the description, its pairs of
    neighbouring words ("run chart")."""
    sequences = list(field_words)
    if field == NAME:
        sequences += [split for seq in field_words for word in seq if (split := split_run_together(word, known))]
    terms: set[str] = set()
    for sequence in sequences:
        stems = [stem(w) for w in sequence]
        kept = [s for w, s in zip(sequence, stems, strict=True) if w not in STOPWORDS]
        terms.update(kept)
        terms.update(concept for _, _, concept in phrases.find(stems))
        if field != DESCRIPTION:
            terms.update(pair(a, b) for a, b in pairwise(kept))
    return terms


def pair(first: str, second: str) -> str:
    """Two neighbouring words as one term; a space never occurs inside a word."""
    return f"{first} {second}"


class PhraseTable:
    """The vocabulary's terms as stemmed words, looked up by their first word."""

    def __init__(self, phrases: Phrases) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, concept in phrases.items():
            self.by_first.setdefault(key[0], []).append((key, concept))
        for options in self.by_first.values():
            options.sort(key=lambda option: -len(option[0]))

    def find(self, stems: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, length, group) of the longest vocabulary term starting at each word."""
        found = []
        for start, first in enumerate(stems):
            for key, concept in self.by_first.get(first, ()):
                if tuple(stems[start : start + len(key)]) == key:
                    found.append((start, len(key), concept))
                    break
        return found
