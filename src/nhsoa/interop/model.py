"""What an importer returns: a draft entry, where each value came from, and what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.registry import schema


class ImportFailed(NhsoaError):
    """A metadata file that cannot be read at all (broken syntax, wrong shape)."""

    def __init__(self, source: str, message: str, line: int = 1) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.detail = message


class NotMetadata(ImportFailed):
    """A file with a metadata file's name that holds no metadata (a tool-only pyproject.toml, a
    setup.py that is not packaging). Harvesting notes it and reads on; importing it is an error."""


@dataclass
class Imported:
    """A draft registry entry built from one metadata file.

    ``provenance`` maps a dotted field (``licence``, ``owner.name``) to where its value came
    from, e.g. ``CITATION.cff: license``. ``unmapped`` lists the source's fields that have no
    place in an entry; ``notes`` says what was converted rather than copied.
    """

    format: str
    source: str
    entry: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def put(self, dotted: str, value: Any, origin: str) -> None:
        """Set ``dotted`` (e.g. ``owner.name``) unless ``value`` is empty; record where it came from."""
        if value is None or value in ("", [], {}):
            return
        target = self.entry
        *parents, last = dotted.split(".")
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value
        self.provenance[dotted] = f"{self.source}: {origin}"

    def skip(self, key: str, why: str = "") -> None:
        self.unmapped.append(f"{key} ({why})" if why else key)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def missing_required(self) -> list[str]:
        """Required fields of the schema (and of ``owner``) that the draft does not have."""
        return missing_required(self.entry)


def missing_required(entry: dict[str, Any]) -> list[str]:
    properties = schema.schema()["properties"]
    missing = [key for key in schema.schema()["required"] if key not in entry]
    owner = entry.get("owner")
    if isinstance(owner, dict):
        missing += [f"owner.{key}" for key in properties["owner"]["required"] if key not in owner]
    return missing


def get(entry: dict[str, Any], dotted: str) -> Any:
    value: Any = entry
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def flatten(entry: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"owner": {"name": "X"}}`` -> ``{"owner.name": "X"}``; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in entry.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value and key in _NESTED:
            flat.update(flatten(value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


_NESTED = frozenset({"owner", "install", "product", "rap", "clinical_safety", "information_governance", "template"})
