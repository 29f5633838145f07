"""Checks that compare entries with each other: duplicates, near-duplicates, successors."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhsoa.registry import rules
from nhsoa.registry.addresses import normalise_repository
from nhsoa.registry.checks import Problem
from nhsoa.registry.report import shown_path

MIN_FUZZY_NAME = 6


@dataclass(frozen=True)
class Summary:
    """The few fields of an entry that other entries are compared on."""

    path: Path
    id: str | None
    name: str | None
    repositories: tuple[tuple[tuple[str | int, ...], str], ...]  # (field, normalised address)
    superseded_by: str | None

    @classmethod
    def of(cls, path: Path, entry: dict[str, Any]) -> Summary:
        repositories: list[tuple[tuple[str | int, ...], str]] = []
        if isinstance(entry.get("repository"), str):
            repositories.append((("repository",), normalise_repository(entry["repository"])))
        aliases = entry.get("repository_aliases")
        if isinstance(aliases, list):
            repositories += [
                (("repository_aliases", i), normalise_repository(a))
                for i, a in enumerate(aliases)
                if isinstance(a, str)
            ]
        return cls(
            path=path,
            id=entry["id"] if isinstance(entry.get("id"), str) else None,
            name=entry["name"] if isinstance(entry.get("name"), str) else None,
            repositories=tuple(repositories),
            superseded_by=entry["superseded_by"] if isinstance(entry.get("superseded_by"), str) else None,
        )


def check_registry(checked: Sequence[Summary], others: Sequence[Summary] = ()) -> dict[Path, list[Problem]]:
    """Problems in the ``checked`` entries, compared with each other and with ``others``."""
    everyone = [*checked, *others]
    problems: dict[Path, list[Problem]] = defaultdict(list)
    for summary, problem in _all_problems(everyone):
        problems[summary.path].append(problem)
    wanted = {s.path for s in checked}
    return {path: found for path, found in problems.items() if path in wanted}


def _all_problems(entries: Sequence[Summary]) -> Iterator[tuple[Summary, Problem]]:
    yield from _duplicate_ids(entries)
    yield from _duplicate_repositories(entries)
    yield from _similar_names(entries)
    yield from _missing_successors(entries)


def _duplicate_ids(entries: Sequence[Summary]) -> Iterator[tuple[Summary, Problem]]:
    by_id: dict[str, list[Summary]] = defaultdict(list)
    for entry in entries:
        if entry.id:
            by_id[entry.id].append(entry)
    for entry_id, group in by_id.items():
        for entry in group:
            others = ", ".join(shown_path(o.path) for o in group if o is not entry)
            if others:
                yield entry, Problem(rules.DUPLICATE_ID, ("id",), f"{entry_id!r} is also used by {others}")


def _duplicate_repositories(entries: Sequence[Summary]) -> Iterator[tuple[Summary, Problem]]:
    owners: dict[str, list[tuple[Summary, tuple[str | int, ...]]]] = defaultdict(list)
    for entry in entries:
        first_field: dict[str, tuple[str | int, ...]] = {}
        for field, address in entry.repositories:
            first_field.setdefault(address, field)
        for address, field in first_field.items():
            owners[address].append((entry, field))
    for address, group in owners.items():
        for entry, field in group:
            others = sorted({shown_path(o.path) for o, _ in group if o is not entry})
            if others:
                yield (
                    entry,
                    Problem(rules.DUPLICATE_REPOSITORY, field, f"{address} is also listed by {', '.join(others)}"),
                )


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _similar_names(entries: Sequence[Summary]) -> Iterator[tuple[Summary, Problem]]:
    """Names equal once case and punctuation go, or (for longer names) one letter apart.

    Found without comparing every pair: a letter changed gives both names the same
    deletion at the same position; a letter added makes one name equal a deletion of the
    other. Linear in the number of entries; only keys shared by two names cost memory.
    """
    first: dict[object, int] = {}
    shared: dict[object, list[int]] = {}

    def add(key: object, index: int) -> None:
        owner = first.setdefault(key, index)
        if owner != index:
            shared.setdefault(key, [owner]).append(index)

    keys = [_name_key(entry.name or "") for entry in entries]
    for index, key in enumerate(keys):
        if key:
            add(key, index)
    whole = set(first)
    for index, key in enumerate(keys):
        if len(key) >= MIN_FUZZY_NAME:
            for cut in range(len(key)):
                shorter = key[:cut] + key[cut + 1 :]
                add(("changed", shorter, cut), index)
                if shorter in whole:  # this name is another name plus one letter
                    add(shorter, index)
    similar: dict[int, set[int]] = defaultdict(set)
    for group in shared.values():
        for index in group:
            similar[index].update(other for other in group if other != index)
    for index, matches in sorted(similar.items()):
        entry = entries[index]
        others = sorted(m for m in matches if entries[m].id != entry.id)  # same id: OA012 says so already
        if others:
            names = ", ".join(f"{entries[m].name!r} ({shown_path(entries[m].path)})" for m in others)
            yield entry, Problem(rules.SIMILAR_NAME, ("name",), f"{entry.name!r} is close to {names}")


def _missing_successors(entries: Sequence[Summary]) -> Iterator[tuple[Summary, Problem]]:
    ids = {entry.id for entry in entries if entry.id}
    for entry in entries:
        if entry.superseded_by and entry.superseded_by not in ids and entry.superseded_by != entry.id:
            yield (
                entry,
                Problem(
                    rules.SUCCESSOR_EXISTS,
                    ("superseded_by",),
                    f"{entry.superseded_by!r} is not an entry in the registry",
                ),
            )
