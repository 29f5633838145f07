"""Review rules: what an edit to an entry changed, and whether a new entry looks like an existing one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from typing import Any

from nhsoa.registry import licences, rules
from nhsoa.registry.addresses import normalise_repository
from nhsoa.registry.checks import Problem

NAME_ALIKE = 0.8
SUMMARY_ALIKE = 0.5
KEYWORDS_ALIKE = 0.5
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
        "nhs",
        "data",
        "tool",
        "tools",
        "package",
        "r",
        "python",
        "using",
        "use",
        "used",
    ]
)


def _licence(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return licences.check(value).normalised or value.strip()


def _owner(entry: dict[str, Any]) -> tuple[str, str]:
    owner: dict[str, Any] = entry["owner"] if isinstance(entry.get("owner"), dict) else {}
    return str(owner.get("name", "")), str(owner.get("ods_code", ""))


def _adopters(entry: dict[str, Any]) -> set[str]:
    adopters = entry.get("adopters")
    if not isinstance(adopters, list):
        return set()
    return {str(a["ods_code"]) for a in adopters if isinstance(a, dict) and isinstance(a.get("ods_code"), str)}


def _repositories(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [normalise_repository(v) for v in values if isinstance(v, str)]


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Top-level fields whose values differ, in the new entry's order."""
    keys = list(new) + [k for k in old if k not in new]
    return [key for key in keys if old.get(key) != new.get(key)]


def compare(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Problem]:
    """Review problems in an edit of one entry."""
    old_repo, new_repo = _repositories(old, "repository"), _repositories(new, "repository")
    kept = bool(old_repo) and old_repo[0] in _repositories(new, "repository_aliases")
    if old_repo and new_repo and old_repo != new_repo and not kept:
        yield Problem(
            rules.REPOSITORY_MOVED,
            ("repository",),
            f"repository changed from {old.get('repository')} to {new.get('repository')} "
            "without keeping the old address",
        )
    old_licence, new_licence = _licence(old.get("licence")), _licence(new.get("licence"))
    if old_licence != new_licence:
        yield Problem(rules.LICENCE_CHANGED, ("licence",), f"licence changed from {old_licence} to {new_licence}")
    if _owner(old) != _owner(new):
        before, after = _owner(old), _owner(new)
        yield Problem(
            rules.OWNER_CHANGED, ("owner",), f"owner changed from {_show_owner(before)} to {_show_owner(after)}"
        )
    added, removed = sorted(_adopters(new) - _adopters(old)), sorted(_adopters(old) - _adopters(new))
    if added or removed:
        parts = ([f"added {', '.join(added)}"] if added else []) + (
            [f"removed {', '.join(removed)}"] if removed else []
        )
        yield Problem(rules.ADOPTERS_CHANGED, ("adopters",), f"adopters {'; '.join(parts)}")


def _show_owner(owner: tuple[str, str]) -> str:
    name, code = owner
    return f"{name} ({code})" if code else name or "nobody"


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if w not in _STOPWORDS and len(w) > 1}


def _jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def resemblance(new: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """Reasons ``new`` looks like ``other`` (empty when it does not)."""
    reasons = []
    name_a = re.sub(r"[^a-z0-9]", "", _text(new, "name").casefold())
    name_b = re.sub(r"[^a-z0-9]", "", _text(other, "name").casefold())
    if name_a and name_b:
        ratio = SequenceMatcher(None, name_a, name_b).ratio()
        if ratio >= NAME_ALIKE:
            reasons.append(f"names {ratio:.0%} alike")
    keywords_a = {k.casefold() for k in new.get("keywords", []) if isinstance(k, str)}
    keywords_b = {k.casefold() for k in other.get("keywords", []) if isinstance(k, str)}
    shared = keywords_a & keywords_b
    if len(shared) >= 2 and _jaccard(keywords_a, keywords_b) >= KEYWORDS_ALIKE:
        reasons.append(f"keywords shared: {', '.join(sorted(shared))}")
    summary = _jaccard(_words(_text(new, "summary")), _words(_text(other, "summary")))
    if summary >= SUMMARY_ALIKE:
        reasons.append(f"summaries {summary:.0%} alike")
    if set(_repositories(new, "homepage")) & set(_repositories(other, "homepage")):
        reasons.append("same homepage")
    return reasons


def similar_entries(new: dict[str, Any], others: Sequence[dict[str, Any]]) -> Iterator[Problem]:
    """OA106 for each existing entry that ``new`` resembles on two or more counts, or by name alone."""
    for other in others:
        if other.get("id") == new.get("id"):
            continue
        if set(_repositories(new, "repository")) & set(_repositories(other, "repository")):
            continue  # the same repository is OA013's finding
        reasons = resemblance(new, other)
        if len(reasons) >= 2 or any(r.startswith("names") for r in reasons):
            yield Problem(
                rules.SIMILAR_ENTRY,
                ("name",),
                f"looks like the existing entry {other.get('id')!r} ({other.get('name')}): {'; '.join(reasons)}",
            )
