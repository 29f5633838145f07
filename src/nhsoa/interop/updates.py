"""Edits to existing entries that keep their comments and key order: adoption records and re-harvests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nhsoa.errors import BadValue, UsageError
from nhsoa.interop.harvest import Harvest
from nhsoa.registry.addresses import contact_problem, normalise_repository, url_problem
from nhsoa.registry.checks import ODS_CODE

# Facts about a tool that its own repository is the authority on. Curated text (name,
# summary, description, topics) is the registry's; a re-harvest reports it, never replaces it.
SYNCED = ("licence", "homepage", "documentation", "contact", "languages", "install", "last_commit")


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any
    origin: str


def record_adoption(
    entry: Any,
    ods_code: str,
    *,
    today: date,
    evidence: str | None = None,
    contact: str | None = None,
    since: date | None = None,
) -> str:
    """Add an adopter to ``entry`` (a round-trip document) or re-confirm it; return what was done.

    A value that cannot be recorded raises :class:`BadValue` naming the adopter's field.
    """
    code = ods_code.strip().upper()
    if not ODS_CODE.match(code):
        raise BadValue("ods_code", f"{ods_code!r} is not an ODS code (3 to 7 capital letters and digits)")
    if evidence is not None and (problem := url_problem(evidence)):
        raise BadValue("evidence", problem)
    if contact is not None and "<" in contact:
        raise BadValue("contact", "write a name, an email address or an https address, without < or >")
    if since is not None and since > today:
        raise BadValue("since", f"{since} is in the future (today is {today})")
    adopters = entry.get("adopters")
    if adopters is None:
        entry["adopters"] = adopters = []
    if not isinstance(adopters, list):
        raise UsageError("the entry's adopters field is not a list; fix the file first")
    for adopter in adopters:
        if isinstance(adopter, dict) and adopter.get("ods_code") == code:
            adopter["confirmed"] = today
            if evidence:
                adopter["evidence"] = evidence
            if contact:
                adopter["contact"] = contact
            if since and "since" not in adopter:
                adopter["since"] = since
            return "re-confirmed"
    record: dict[str, Any] = {"ods_code": code, "since": since or today}
    if evidence:
        record["evidence"] = evidence
    if contact:
        record["contact"] = contact
    record["confirmed"] = today
    adopters.append(record)
    return "added"


def plan_sync(entry: Any, harvest: Harvest) -> tuple[list[Change], list[Change]]:
    """Changes to apply (repository facts) and differences only to report (curated text)."""
    apply: list[Change] = []
    report: list[Change] = []
    found = harvest.entry
    for key in SYNCED:
        new = found.get(key)
        if new is None or _same(key, entry.get(key), new):
            continue
        if key == "contact" and contact_problem(str(new)):
            continue
        origin = _origin(harvest, key)
        apply.append(Change(key, entry.get(key), new, origin))
    repository = found.get("repository")
    current = entry.get("repository")
    moved = isinstance(repository, str) and isinstance(current, str) and not url_problem(repository)
    if moved and normalise_repository(str(repository)) != normalise_repository(str(current)):
        apply.append(Change("repository", current, repository, harvest.provenance.get("repository", "")))
    for key in ("name", "summary", "description", "phase", "kind"):
        new = found.get(key)
        if new is not None and not _same(key, entry.get(key), new):
            report.append(Change(key, entry.get(key), new, harvest.provenance.get(key, "")))
    return apply, report


def _origin(harvest: Harvest, key: str) -> str:
    return harvest.provenance.get(key) or next(
        (origin for dotted, origin in harvest.provenance.items() if dotted.startswith(f"{key}.")), ""
    )


def _same(key: str, old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.strip().rstrip("/") == new.strip().rstrip("/")
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: str(v) for k, v in old.items()} == {k: str(v) for k, v in new.items()}
    if isinstance(old, list) and isinstance(new, list):
        return [str(v) for v in old] == [str(v) for v in new]
    return bool(old == new) or (old is not None and str(old) == str(new))


def apply_sync(entry: Any, changes: list[Change], today: date) -> None:
    """Apply ``changes``; a moved repository keeps its old address in ``repository_aliases``."""
    for change in changes:
        if change.field == "repository":
            aliases = entry.get("repository_aliases")
            if aliases is None:
                entry["repository_aliases"] = aliases = []
            if change.old not in aliases:
                aliases.append(change.old)
        if change.field == "last_commit":
            entry[change.field] = date.fromisoformat(change.new)
        else:
            entry[change.field] = change.new
    entry["last_verified"] = today
