"""Verify an entry against its repository again: record the evidence, or report what has changed.

``registry add`` and ``registry sync`` record the evidence (``last_verified_commit``,
``verification`` and the install names the indexes confirm); ``registry sync --check`` and
``links --check-repositories`` only compare (:mod:`nhsoa.interop.drift`) and report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.interop import drift, entries, harvest, verification
from nhsoa.interop.indexes import IndexClient
from nhsoa.interop.updates import Change
from nhsoa.interop.verification import Verified
from nhsoa.registry.addresses import normalise_repository
from nhsoa.registry.store import Reference

EVIDENCE_ORIGIN = "the repository's files and the package indexes"
_NO_ANGLES = str.maketrans({"<": None, ">": None})


def harvest_verified(
    source: str, client: IndexClient, reference: Reference | None = None
) -> tuple[harvest.Harvest, Verified]:
    """Harvest ``source`` and collect its evidence from the same checkout (``reference``: see harvest)."""
    found: list[Verified] = []

    def inspect(folder: Path) -> None:
        found.append(verification.collect(folder, client))

    result = harvest.harvest(source, reference, inspect=inspect)
    verified = found[0]
    licence = result.entry.get("licence")
    if isinstance(licence, str):
        # "DESCRIPTION: License (GPL (>= 3))": the file and field are the source; the value is the expression
        origin = result.provenance.get("licence", "the repository's metadata").split(" (")[0].translate(_NO_ANGLES)
        verified.verification = {"licence": {"expression": licence, "source": origin}, **verified.verification}
    return result, verified


def merged_install(current: Any, verified: Verified) -> dict[str, str]:
    """The entry's install names with the indexes' answers applied: confirmed names set, refuted ones removed."""
    install = {str(k): str(v) for k, v in current.items()} if isinstance(current, Mapping) else {}
    for channel in verified.refuted - set(verified.install):
        install.pop(channel, None)
    install.update(verified.install)
    return install


def record(entry: dict[str, Any], verified: Verified) -> None:
    """Write the evidence into a new entry (``registry add``)."""
    install = merged_install(entry.get("install"), verified)
    if install:
        entry["install"] = install
    else:
        entry.pop("install", None)
    if verified.commit:
        entry["last_verified_commit"] = verified.commit
    if verified.verification:
        entry["verification"] = verified.verification


def evidence_changes(entry: Mapping[str, Any], verified: Verified) -> list[Change]:
    """The changes ``registry sync`` applies so that the entry records what the repository shows now."""
    changes = []
    install = merged_install(entry.get("install"), verified)
    if install != (_plain(entry.get("install")) or {}):
        changes.append(Change("install", entry.get("install"), install or None, EVIDENCE_ORIGIN))
    if verified.commit and verified.commit != entry.get("last_verified_commit"):
        changes.append(Change("last_verified_commit", entry.get("last_verified_commit"), verified.commit, "git"))
    new = carried_over(_plain(entry.get("verification")), verified)
    if new and new != _plain(entry.get("verification")):
        changes.append(Change("verification", entry.get("verification"), new, EVIDENCE_ORIGIN))
    return changes


def drop_empty_install(entry: Any) -> None:
    """Remove ``install`` when the indexes have refuted every name in it (the schema wants one at least)."""
    if isinstance(entry, dict) and "install" in entry and not entry["install"]:
        del entry["install"]


def carried_over(recorded: Any, verified: Verified) -> dict[str, Any]:
    """The new verification block, keeping what this look could not establish.

    Install evidence for channels no index answered about, and an archive flag (which no file
    shows), stay as they were recorded."""
    new = dict(verified.verification)
    old = recorded if isinstance(recorded, dict) else {}
    kept = [
        item
        for item in old.get("install", [])
        if isinstance(item, dict) and item.get("channel") not in verified.checked
    ]
    if kept:
        new["install"] = kept + list(new.get("install", []))
    old_phase: dict[str, Any] = old["phase"] if isinstance(old.get("phase"), dict) else {}
    kept_phase = {"archived": old_phase["archived"]} if old_phase.get("archived") else {}
    release = old_phase.get("latest_release")
    if isinstance(release, dict) and not verified.checked and not str(release.get("source", "")).startswith("tag "):
        kept_phase["latest_release"] = release  # seen on an index this look did not ask
    if kept_phase:
        new["phase"] = {**new.get("phase", {}), **kept_phase}
    return {key: new[key] for key in ("licence", "install", "phase", "languages") if new.get(key)}


@dataclass
class Recheck:
    """What ``sync --check`` found for one entry."""

    recorded_commit: str | None
    commit: str | None = None
    drifts: list[drift.Drift] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.drifts)


def other_repository(entry: Mapping[str, Any], found: harvest.Harvest) -> str | None:
    """Why ``found`` cannot be the entry's repository: it is a copy of another one (else None).

    A folder or address given in place of the entry's repository must be a copy of that repository
    or of one of its ``repository_aliases``; a folder that names no repository of its own is taken
    at its word.
    """
    address = found.entry.get("repository")
    if not isinstance(address, str):
        return None
    own = [entry.get("repository"), *(entry.get("repository_aliases") or [])]
    known = {normalise_repository(a) for a in own if isinstance(a, str)}
    if not known or normalise_repository(address) in known:
        return None
    return (
        f"it is a copy of {address}, not of the entry's repository {entry.get('repository')}; "
        "if the tool has moved there, make that the entry's `repository` (and the old address a "
        "`repository_aliases` item) first"
    )


def recheck(entry: Mapping[str, Any], source: str, client: IndexClient, *, stand_in: bool = False) -> Recheck:
    """Compare an entry with its repository now; a repository that cannot be read is a problem, not an error.

    ``stand_in``: ``source`` was given in place of the entry's repository, so must be a copy of it.
    """
    result = Recheck(recorded_commit=_text(entry.get("last_verified_commit")))
    try:
        found, verified = harvest_verified(source, client)
    except NhsoaError as exc:
        result.problem = str(exc)
        return result
    wrong = other_repository(entry, found) if stand_in else None
    if wrong:
        result.problem = wrong
        return result
    result.commit = verified.commit
    result.notes = verified.notes
    if result.recorded_commit is None:
        result.drifts.append(drift.Drift("verification", "no verified commit recorded yet"))
    result.drifts += drift.compare(entry, found.entry, verified)
    return result


def _plain(value: Any) -> Any:
    """A YAML round-trip value as plain dicts and lists, for comparison."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def recheck_files(paths: list[Path], client: IndexClient, source: str | None = None) -> list[tuple[Path, Recheck]]:
    """Recheck each entry file against the repository it names (or ``source``, a checkout of it)."""
    results = []
    for path in paths:
        try:
            _, document = entries.load_for_edit(path)
        except NhsoaError as exc:
            results.append((path, Recheck(recorded_commit=None, problem=str(exc))))
            continue
        address = source or document.get("repository")
        if not isinstance(address, str):
            results.append((path, Recheck(recorded_commit=None, problem="no repository to check")))
            continue
        results.append((path, recheck(document, address, client, stand_in=source is not None)))
    return results


def describe(path: Path, result: Recheck) -> list[str]:
    """Report lines for one entry: changed fields, or unchanged, or why it could not be checked."""
    if result.problem:
        return [f"{path}: not checked: {result.problem}"]
    since = (result.recorded_commit or "")[:12] or "never"
    now = (result.commit or "")[:12] or "unknown"
    lines = [f"{path}: {d.field}: {d.message} (recorded at {since}, now {now})" for d in result.drifts]
    lines += [f"{path}: note: {note}" for note in result.notes]
    if not result.drifts:
        lines.insert(0, f"{path}: unchanged in the facts that matter (recorded at {since}, now {now})")
    return lines


def summary(results: list[tuple[Path, Recheck]]) -> str:
    changed = sum(1 for _, r in results if r.changed)
    failed = sum(1 for _, r in results if r.problem)
    text = f"{changed} of {len(results)} entr{'y' if len(results) == 1 else 'ies'} changed since verified"
    return text + (f"; {failed} could not be checked" if failed else "")
