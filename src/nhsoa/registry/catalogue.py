"""The catalogue: the registry's valid entries, filtered, searched and exported."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from nhsoa import search as search_module
from nhsoa.registry import schema
from nhsoa.registry.entry import Entry
from nhsoa.registry.findings import Finding
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import load_reference, shipped_root, tools_dir
from nhsoa.registry.validate import validate
from nhsoa.yamlio import write_atomic


@dataclass(frozen=True)
class Filters:
    """Each filter that is set must hold (AND); an unset filter matches everything."""

    topic: str | None = None
    language: str | None = None
    owner: str | None = None
    phase: str | None = None
    licence: str | None = None
    adopted_by: str | None = None

    def match(self, entry: Entry) -> bool:
        owner = entry.get("owner", {})
        return all(
            (
                self.topic is None or self.topic in entry.get("topics", []),
                self.language is None or _casefold_in(self.language, entry.get("languages", [])),
                self.owner is None
                or self.owner.casefold() in owner.get("name", "").casefold()
                or self.owner.upper() == owner.get("ods_code"),
                self.phase is None or self.phase == entry.get("phase"),
                self.licence is None or _casefold_in(self.licence, _licence_ids(entry.get("licence", ""))),
                self.adopted_by is None
                or self.adopted_by.upper() in {a.get("ods_code") for a in entry.get("adopters", [])},
            )
        )


def _casefold_in(needle: str, haystack: Iterable[str]) -> bool:
    return needle.casefold() in {item.casefold() for item in haystack}


def _licence_ids(expression: str) -> list[str]:
    return [t for t in re.findall(r"[A-Za-z0-9.+-]+", expression) if t.upper() not in {"AND", "OR", "WITH"}]


@dataclass
class Catalogue:
    entries: list[Entry]
    skipped: list[Finding] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)  # topic id -> name, for the search
    vocabulary: search_module.Vocabulary = field(default_factory=search_module.Vocabulary)

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e["id"] == entry_id), None)

    def filter(self, filters: Filters) -> list[Entry]:
        return [e for e in self.entries if filters.match(e)]

    def search_index(self) -> search_module.Index:
        """The index both front ends rank over (the site writes it for the browser)."""
        return search_module.build(self.entries, self.topics, self.vocabulary)

    def search(self, text: str, filters: Filters = Filters()) -> list[Entry]:
        """Entries that match ``text``, best first (see :mod:`nhsoa.search`), then ``filters``.

        Ranked over the whole catalogue before filtering, as the site does, so that a filter
        never changes the order of what it keeps.
        """
        by_id = {e["id"]: e for e in self.entries}
        hits = search_module.rank(self.search_index(), text)
        return [by_id[hit.id] for hit in hits if filters.match(by_id[hit.id])]


def load(root: Path, *, today: date | None = None) -> Catalogue:
    """The registry's entries that have no error-level findings, sorted by name."""
    report = validate([tools_dir(root)], registry=root, today=today, keep_data=True)
    broken = {f.path for f in report.findings if f.severity is Severity.ERROR}
    # what passed validation has the schema's shape
    entries = [cast("Entry", data) for path, data in report.data.items() if path not in broken]
    entries.sort(key=lambda e: (e["name"].casefold(), e["id"]))
    skipped = [f for f in report.findings if f.severity is Severity.ERROR]
    topics = {topic.id: topic.name for topic in load_reference(root).topics.values()}
    # a registry without a vocabulary of its own searches with the one nhsoa ships
    has_own = (root / search_module.VOCABULARY_FILE).is_file()
    vocabulary = search_module.load_vocabulary(root if has_own else shipped_root())
    return Catalogue(entries=entries, skipped=skipped, topics=topics, vocabulary=vocabulary)


CSV_COLUMNS = (
    "id", "name", "summary", "kind", "phase", "repository", "homepage", "documentation", "languages",
    "licence", "docs_licence", "topics", "keywords", "owner_name", "owner_type", "owner_ods_code",
    "contact", "rap_level", "clinical_safety", "data_level", "adopters", "adopter_count",
    "superseded_by", "added", "last_verified",
)  # fmt: skip


def csv_row(entry: Entry) -> dict[str, Any]:
    owner = entry.get("owner", {})
    adopters = [a["ods_code"] for a in entry.get("adopters", [])]
    return {
        **{key: entry.get(key, "") for key in CSV_COLUMNS if key in schema.schema()["properties"]},
        "languages": ";".join(entry.get("languages", [])),
        "topics": ";".join(entry.get("topics", [])),
        "keywords": ";".join(entry.get("keywords", [])),
        "owner_name": owner.get("name", ""),
        "owner_type": owner.get("type", ""),
        "owner_ods_code": owner.get("ods_code", ""),
        "rap_level": entry.get("rap", {}).get("level", ""),
        "clinical_safety": entry.get("clinical_safety", {}).get("applicable", ""),
        "data_level": entry.get("information_governance", {}).get("data_level", ""),
        "adopters": ";".join(adopters),
        "adopter_count": len(adopters),
    }


def write_index(catalogue: Catalogue, out: Path, *, generated: date | None = None, compact: bool = False) -> list[Path]:
    """Write registry.json, registry.csv and product.schema.json into ``out`` (``compact``: JSON unindented)."""
    import pandas as pd  # noqa: PLC0415 - pandas is heavy; only this command needs it

    out.mkdir(parents=True, exist_ok=True)
    document = {
        "generated": (generated or date.today()).isoformat(),
        "count": len(catalogue.entries),
        "schema": "product.schema.json",
        "entries": catalogue.entries,
    }
    json_path, csv_path, schema_path = out / "registry.json", out / "registry.csv", out / schema.SCHEMA_FILE
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 2}
    write_atomic(json_path, json.dumps(document, ensure_ascii=False, **layout) + "\n")
    frame = pd.DataFrame([csv_row(e) for e in catalogue.entries], columns=list(CSV_COLUMNS))
    write_atomic(csv_path, frame.to_csv(index=False, lineterminator="\n"))
    write_atomic(schema_path, schema.schema_text())
    return [json_path, csv_path, schema_path]
