"""The search index: each entry's terms by field, built once and shared by both front ends.

``nhsoa search`` ranks over an :class:`Index` built in memory; the site writes the same
index as JSON (:meth:`Index.to_json`) and ``search.js`` ranks over it in the browser.
Everything that needs judgement happens here, at build time (see :mod:`.fields`): which
terms a field holds, and whether a tool is retired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nhsoa.search import fields
from nhsoa.search.fields import FIELDS, WEIGHTS
from nhsoa.search.stem import stem
from nhsoa.search.text import STOPWORDS, words
from nhsoa.search.vocabulary import Vocabulary

MASK_BITS = 128  # > every field mask: a posting is stored as entry * MASK_BITS + mask
PHASES = ("live", "beta", "alpha", "discovery", "retired")
# Words of a name that a query may leave out and still name the tool ("streamlit template").
NAME_FILLERS = STOPWORDS | {"nhs"}
# A query with one of these asks for retired tools too: they are not moved below the rest.
STATUS_WORDS = frozenset(
    "retired dormant archived deprecated legacy superseded discontinued former old".split()  # noqa: SIM905
)
PREFIX_MIN = 4  # a query word this long also matches the words it begins ("grow" -> "growth")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Index:
    ids: tuple[str, ...]
    meta: tuple[tuple[int, int, int, int], ...]  # retired (1/0), phase rank, adopters, last activity (YYYYMMDD)
    names: tuple[tuple[int, ...], ...]  # per entry, the term numbers of the words that tell its name apart
    terms: tuple[str, ...]  # sorted; "@<group>" for a vocabulary group, "a b" for two neighbouring words
    postings: tuple[tuple[int, ...], ...]  # per term, ascending: entry * MASK_BITS + field mask
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # vocabulary terms (stemmed) and their groups

    def to_json(self) -> dict[str, Any]:
        """The index as plain data for ``search.js``; postings are delta-encoded to keep the file small."""
        return {
            "version": 1,
            "fields": list(FIELDS),
            "weights": list(WEIGHTS),
            "maskBits": MASK_BITS,
            "prefixMin": PREFIX_MIN,
            "stopwords": sorted(STOPWORDS),
            "statusWords": sorted(STATUS_WORDS),
            "phrases": [[list(stems), concept] for stems, concept in self.phrases],
            "ids": list(self.ids),
            "meta": [list(row) for row in self.meta],
            "names": [list(name) for name in self.names],
            "terms": list(self.terms),
            "postings": [_deltas(row) for row in self.postings],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Index:
        return cls(
            ids=tuple(data["ids"]),
            meta=tuple((a, b, c, d) for a, b, c, d in data["meta"]),
            names=tuple(tuple(name) for name in data["names"]),
            terms=tuple(data["terms"]),
            postings=tuple(_undeltas(row) for row in data["postings"]),
            phrases=tuple((tuple(stems), concept) for stems, concept in data["phrases"]),
        )


def _deltas(values: Sequence[int]) -> list[int]:
    return [value - (values[i - 1] if i else 0) for i, value in enumerate(values)]


def _undeltas(values: Sequence[int]) -> tuple[int, ...]:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return tuple(out)


def build(entries: Iterable[Mapping[str, Any]], topics: Mapping[str, str], vocabulary: Vocabulary) -> Index:
    """Index ``entries`` (``topics`` maps topic ids to their names)."""
    ordered = sorted((e for e in entries if isinstance(e.get("id"), str)), key=lambda e: e["id"])
    phrases = vocabulary.phrases()
    table = fields.PhraseTable(phrases)
    rows = [[[words(piece) for piece in field] for field in fields.segments(entry, topics)] for entry in ordered]
    known = fields.known_words(rows, vocabulary)
    held = [[fields.field_terms(field, i, known, table) for i, field in enumerate(row)] for row in rows]
    terms = sorted({term for row in held for field in row for term in field})
    number = {term: i for i, term in enumerate(terms)}
    postings: list[list[int]] = [[] for _ in terms]
    for position, row in enumerate(held):
        masks: dict[str, int] = {}
        for bit, field in enumerate(row):
            for term in field:
                masks[term] = masks.get(term, 0) | (1 << bit)
        for term, mask in masks.items():
            postings[number[term]].append(position * MASK_BITS + mask)
    return Index(
        ids=tuple(entry["id"] for entry in ordered),
        meta=tuple(_meta(entry) for entry in ordered),
        names=_distinctive_names(ordered, number),
        terms=tuple(terms),
        postings=tuple(tuple(row) for row in postings),
        phrases=tuple(sorted(phrases.items())),
    )


def _meta(entry: Mapping[str, Any]) -> tuple[int, int, int, int]:
    phase = entry.get("phase")
    superseded = entry.get("superseded_by")
    retired = phase == "retired" or bool(isinstance(superseded, str) and superseded)
    rank = PHASES.index(phase) if phase in PHASES else len(PHASES)
    adopters = entry.get("adopters")
    return int(retired), rank, len(adopters) if isinstance(adopters, list) else 0, _activity(entry)


def _activity(entry: Mapping[str, Any]) -> int:
    for key in ("last_commit", "last_verified"):
        value = entry.get(key)
        match = _DATE.fullmatch(value) if isinstance(value, str) else None
        if match:
            return int("".join(match.groups()))
    return 0


def _distinctive_names(entries: Sequence[Mapping[str, Any]], number: Mapping[str, int]) -> tuple[tuple[int, ...], ...]:
    """Per entry, the words of its name and id that no other entry's name or id has.

    A query that uses all of them names the tool ("hazard log" names
    digital-growth-charts-hazard-log, "growth charts" does not). An entry whose name has no
    such word keeps all of its name's words.
    """
    names = [_name_words(entry) for entry in entries]
    count: dict[str, int] = {}
    for name in names:
        for word in name:
            count[word] = count.get(word, 0) + 1
    rows = []
    for name in names:
        own = [w for w in sorted(name) if count[w] == 1] or sorted(name)
        rows.append(tuple(number[w] for w in own if w in number))
    return tuple(rows)


def _name_words(entry: Mapping[str, Any]) -> set[str]:
    text = f"{fields.text(entry.get('name'))} {fields.text(entry.get('id'))}"
    return {stem(w) for w in words(text) if w not in NAME_FILLERS}
