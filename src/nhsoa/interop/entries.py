"""Turning a harvested draft into a registry entry, and editing entries in place.

Every write goes through :func:`write_entry`: the new text is checked against the schema
and the rules first, and written atomically only if it has no error-level problem.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError, YamlError
from nhsoa.registry import rules, schema
from nhsoa.registry.checks import Context, Problem, check_entry
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import Reference

# ODS organisation types (registry/organisations.yaml) and the owner types of the schema.
OWNER_TYPES = {"trust": "nhs-trust", "icb": "icb", "csu": "csu", "national-body": "nhs-national-body"}
# Kept from an existing entry when it is replaced with --force: the registry's own records.
CURATED = ("adopters", "added", "repository_aliases", "skip_checks", "caveats", "evidence")


def assign(entry: dict[str, Any], dotted: str, value: Any) -> None:
    """Set the field ``dotted`` (``owner.type``) of ``entry``, making the mappings above it as needed."""
    *parents, last = dotted.split(".")
    target = entry
    for key in parents:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[last] = value


def match_owner(entry: dict[str, Any], reference: Reference) -> str | None:
    """Fill the owner's ODS code and type when its name is an organisation in the reference list."""
    owner = entry.get("owner")
    if not isinstance(owner, dict) or not isinstance(owner.get("name"), str) or owner.get("ods_code"):
        return None
    wanted = _org_key(owner["name"])
    for organisation in reference.organisations.values():
        if _org_key(organisation.name) == wanted:
            owner["ods_code"] = organisation.code
            if "type" not in owner and organisation.type in OWNER_TYPES:
                owner["type"] = OWNER_TYPES[organisation.type]
            return organisation.code
    return None


def _org_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold().replace("&", "and"))


def ordered(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields in the schema's order, so every file reads alike."""
    order = list(schema.schema()["properties"])
    return {key: entry[key] for key in sorted(entry, key=lambda k: order.index(k) if k in order else len(order))}


@dataclass(frozen=True)
class Checked:
    errors: list[Problem]
    others: list[Problem]


def check_text(text: str, path: Path, reference: Reference, today: date) -> Checked:
    """Schema and rule problems of an entry's text, split into errors and the rest."""
    data = yamlio.loads(text)
    problems = [Problem(rules.SCHEMA, e.field, e.message, e.fix) for e in schema.check(data)]
    problems += check_entry(data, Context(path=path, reference=reference, today=today))
    errors = [p for p in problems if p.rule.severity is Severity.ERROR]
    return Checked(errors, [p for p in problems if p not in errors])


def describe(problem: Problem) -> str:
    field = ".".join(str(p) for p in problem.field)
    fix = problem.fix or problem.rule.fix
    fix = f" (fix: {fix})" if fix else ""
    return f"{problem.rule.id} {field + ': ' if field else ''}{problem.message}{fix}"


def write_entry(path: Path, text: str, reference: Reference, today: date) -> Checked:
    """Write ``text`` to ``path`` atomically if it has no error-level problem; else raise."""
    checked = check_text(text, path, reference, today)
    if checked.errors:
        lines = "\n".join(f"  {describe(p)}" for p in checked.errors)
        raise NhsoaError(f"{path}: not written; the entry would have errors:\n{lines}")
    yamlio.write_atomic(path, text)
    return checked


def diff(old: str, new: str, path: Path) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))


def load_for_edit(path: Path) -> tuple[str, Any]:
    """The text and the editable (comment-keeping) document of an existing entry."""
    if not path.is_file():
        raise NhsoaError(f"{path}: no such entry")
    try:
        text = yamlio.read_text(path)
        document = yamlio.load_roundtrip(text)
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message}; fix the file before editing it") from None
    if not isinstance(document, dict):
        raise NhsoaError(f"{path}:1: the entry is not a mapping; fix the file before editing it")
    return text, document
