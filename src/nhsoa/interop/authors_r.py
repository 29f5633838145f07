"""R's ``Authors@R`` field: the ``person()`` calls of a DESCRIPTION file, read without evaluating R.

Roles are R's MARC relator codes (``?person``): ``cre`` maintainer, ``aut`` author, ``ctb``
contributor, ``cph`` copyright holder, ``fnd`` funder. A person with a given name and no family
name is usually an organisation (``person("NHS-R Community", role = "cph")``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Person:
    given: str = ""
    family: str = ""
    email: str = ""
    roles: tuple[str, ...] = ()
    orcid: str = ""
    comment: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given, self.family) if part).strip()

    @property
    def is_organisation(self) -> bool:
        """R writes an organisation as a given name alone."""
        return bool(self.given) and not self.family


@dataclass(frozen=True)
class People:
    """The people of a package by role, in the order the field lists them."""

    persons: tuple[Person, ...] = field(default_factory=tuple)

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.persons if role in p.roles]

    def maintainers(self) -> list[Person]:
        """``cre`` first, then the other authors (contributors, holders and funders are not maintainers)."""
        return self.with_role("cre") + [p for p in self.with_role("aut") if "cre" not in p.roles]

    def copyright_holder(self) -> Person | None:
        """The copyright holder: an organisation marked ``cph`` first, else the only person marked ``cph``."""
        holders = self.with_role("cph")
        organisations = [p for p in holders if p.is_organisation]
        if organisations:
            return organisations[0]
        return holders[0] if len(holders) == 1 else None


def parse_people(text: str) -> People:
    """The ``Authors@R`` field as :class:`People`; raises ValueError if it cannot be read."""
    return People(tuple(_as_person(item) for item in parse_persons(text)))


def _as_person(raw: dict[str, Any]) -> Person:
    comment = raw.get("comment")
    orcid = ""
    text = ""
    if isinstance(comment, dict):
        orcid = next((str(v) for k, v in comment.items() if str(k).upper() == "ORCID" and isinstance(v, str)), "")
        text = "; ".join(str(v) for k, v in comment.items() if str(k).upper() != "ORCID" and isinstance(v, str))
    elif isinstance(comment, str):
        text = comment
    return Person(
        given=raw.get("given", ""),
        family=raw.get("family", ""),
        email=raw.get("email", ""),
        roles=tuple(raw.get("role", ())),
        orcid=orcid.removeprefix("https://orcid.org/"),
        comment=text,
    )


_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|([A-Za-z_.][A-Za-z0-9_.:]*)|(.))', re.S)
_POSITIONAL = ("given", "family", "middle", "email", "role", "comment")


def parse_persons(text: str) -> list[dict[str, Any]]:
    """The ``person(...)`` calls of an ``Authors@R`` field, as dicts; raises ValueError if unreadable.

    Only the R that DESCRIPTION files use is understood: strings, ``c(...)``, ``NULL`` and
    ``person(...)`` calls with positional or named arguments. Nothing is evaluated.
    """
    tokens = [m for m in _TOKEN.finditer(text) if m.group(0).strip()]
    values = [(m.group(1) if m.group(1) is not None else m.group(2), m.group(3), m.group(4)) for m in tokens]
    position = 0

    def expression() -> Any:
        nonlocal position
        if position >= len(values):
            raise ValueError("unexpected end")
        string, name, punct = values[position]
        position += 1
        if string is not None:
            return string.replace('\\"', '"').replace("\\'", "'")
        if name in ("NULL", "NA"):
            return None
        if name is not None and position < len(values) and values[position][2] == "(":
            position += 1
            args = arguments()
            if name.split("::")[-1] == "person":
                return _person(args)
            if args and all(key is not None for key, _ in args):
                return dict(args)  # a named vector: c(ORCID = "0000-...")
            return [v for _, v in args]  # c(...) and list(...)
        if name is not None:
            return name
        raise ValueError(f"unexpected {punct!r}")

    def arguments() -> list[tuple[str | None, Any]]:
        nonlocal position
        args: list[tuple[str | None, Any]] = []
        while position < len(values):
            if values[position][2] == ")":
                position += 1
                return args
            if values[position][2] == ",":
                if position + 1 < len(values) and values[position + 1][2] in (",", ")"):
                    args.append((None, None))  # an empty argument, as in person("A", "B", , "a@b")
                position += 1
                continue
            key = None
            if values[position][1] is not None and position + 1 < len(values) and values[position + 1][2] == "=":
                key = values[position][1]
                position += 2
            args.append((key, expression()))
        raise ValueError("a bracket is not closed")

    result = expression()
    items = result if isinstance(result, list) else [result]
    return [item for item in _flatten(items) if isinstance(item, dict) and ("given" in item or "family" in item)]


def _flatten(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += _flatten(item) if isinstance(item, list) else [item]
    return out


def _person(args: list[tuple[str | None, Any]]) -> dict[str, Any]:
    person: dict[str, Any] = {}
    positional = iter(_POSITIONAL)
    for key, value in args:
        slot = key if key is not None else next(positional, None)
        if slot is None or value is None:
            continue
        if slot == "role":
            person["role"] = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
        elif slot in ("given", "family"):
            person[slot] = " ".join(value) if isinstance(value, list) else str(value)
        elif slot == "email" and isinstance(value, str):
            person["email"] = value
        elif slot == "comment" and isinstance(value, (str, dict)):
            person["comment"] = value
    return person
