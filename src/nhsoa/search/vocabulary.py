"""The NHS vocabulary: abbreviations and their synonyms, kept in ``registry/vocabulary.yaml``.

Each group lists words that mean the same to an NHS analyst (``RTT``, ``referral to
treatment``, ``waiting list``). A query that uses any of them finds entries that use any
other. The file is checked when it is loaded: a bad group stops the search with an error
that names the file, the line and the field, and says what to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError, YamlError
from nhsoa.search.text import STOPWORDS, tokens, words

VOCABULARY_FILE = "vocabulary.yaml"
CONCEPT = "@"  # concept terms are "@<group id>"; no word can start with it
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_KEYS = frozenset({"id", "terms", "source", "note"})
MAX_TERM_WORDS = 8


@dataclass(frozen=True)
class Group:
    id: str
    terms: tuple[str, ...]
    source: str | None = None
    note: str | None = None

    @property
    def concept(self) -> str:
        return CONCEPT + self.id


@dataclass(frozen=True)
class Vocabulary:
    groups: tuple[Group, ...] = ()

    def phrases(self) -> dict[tuple[str, ...], str]:
        """Each term as its stemmed words, and the concept it stands for."""
        return {tuple(tokens(term)): group.concept for group in self.groups for term in group.terms}


def load(root: Path) -> Vocabulary:
    """The vocabulary of the registry at ``root``; an empty one when it has none."""
    path = root / VOCABULARY_FILE
    return load_file(path) if path.is_file() else Vocabulary()


def load_file(path: Path) -> Vocabulary:
    try:
        loaded = yamlio.load_file(path)
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message}") from None
    problems = list(_problems(loaded.data))
    if problems:
        lines = [f"{path}:{yamlio.locate(loaded.text, at)}: {_field(at)}: {message}" for at, message in problems]
        raise NhsoaError("the vocabulary has problems:\n" + "\n".join(lines))
    return Vocabulary(tuple(_group(row) for row in loaded.data["groups"]))


def _group(row: dict[str, Any]) -> Group:
    return Group(row["id"], tuple(row["terms"]), row.get("source"), row.get("note"))


def _field(where: tuple[str | int, ...]) -> str:
    text = ""
    for element in where:
        text += f"[{element}]" if isinstance(element, int) else (f".{element}" if text else element)
    return text or "(top level)"


Problem = tuple[tuple[str | int, ...], str]


def _problems(data: Any) -> Iterator[Problem]:
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        yield (), "expected a mapping with a list under `groups`"
        return
    for key in data:
        if key != "groups":
            yield (key,), "unknown key (the file holds only `groups`)"
    seen_ids: dict[str, int] = {}
    seen_terms: dict[tuple[str, ...], str] = {}
    for index, row in enumerate(data["groups"]):
        where: tuple[str | int, ...] = ("groups", index)
        if not isinstance(row, dict):
            yield where, "each group is a mapping with `id`, `terms` and, where one exists, `source`"
            continue
        yield from _row_problems(row, where, seen_ids, seen_terms, index)


def _row_problems(
    row: dict[str, Any], where: tuple[str | int, ...], seen_ids: dict[str, int],
    seen_terms: dict[tuple[str, ...], str], index: int,
) -> Iterator[Problem]:  # fmt: skip
    for key in row:
        if key not in _KEYS:
            yield (*where, key), f"unknown key (a group has {', '.join(sorted(_KEYS))})"
    group_id = row.get("id")
    if not isinstance(group_id, str) or not _ID.fullmatch(group_id):
        yield (*where, "id"), "needs an id of lower-case letters, digits and hyphens, e.g. `rtt`"
    elif group_id in seen_ids:
        yield (*where, "id"), f"{group_id!r} is also the id of groups[{seen_ids[group_id]}]"
    else:
        seen_ids[group_id] = index
    yield from _term_problems(row.get("terms"), where, seen_terms, str(group_id))
    source = row.get("source")
    if source is not None and (not isinstance(source, str) or not source.startswith("https://") or " " in source):
        yield (*where, "source"), "must be an https address of the page that defines the term"
    note = row.get("note")
    if note is not None and not isinstance(note, str):
        yield (*where, "note"), "must be text"


def _term_problems(
    terms: Any, where: tuple[str | int, ...], seen: dict[tuple[str, ...], str], group_id: str
) -> Iterator[Problem]:
    if not isinstance(terms, list) or len(terms) < 2:
        yield (*where, "terms"), "needs a list of at least two terms that mean the same"
        return
    for number, term in enumerate(terms):
        at = (*where, "terms", number)
        found = words(term) if isinstance(term, str) else []
        if not found or all(word in STOPWORDS for word in found):
            yield at, "must be text with at least one word that is not a stop word"
            continue
        if len(found) > MAX_TERM_WORDS:
            yield at, f"has {len(found)} words; a term has at most {MAX_TERM_WORDS}"
            continue
        key = tuple(tokens(term))
        if key in seen:
            yield at, f"{term!r} is already a term of group {seen[key]!r}: a term belongs to one group"
        else:
            seen[key] = group_id
