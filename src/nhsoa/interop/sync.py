"""Re-harvesting registry entries from their repositories: what would change, and writing it.

A repository that cannot be cloned is a failure of that entry, named with git's reason; the
other entries are still synced, and the caller decides how to report the failures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from nhsoa import yamlio
from nhsoa.errors import NhsoaError
from nhsoa.interop import entries, harvest, reverify, updates
from nhsoa.interop.indexes import IndexClient
from nhsoa.registry.store import Reference


@dataclass
class Synced:
    path: Path
    repository: str = ""
    apply: list[updates.Change] = field(default_factory=list)  # repository facts, updated
    report: list[updates.Change] = field(default_factory=list)  # curated text that differs, only reported
    conflicts: list[harvest.Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the evidence step could not establish
    old_text: str = ""
    new_text: str = ""
    error: str = ""  # why the repository could not be read

    @property
    def changed(self) -> bool:
        return bool(self.apply) and not self.error


def sync_entry(
    path: Path, reference: Reference, today: date, source: str | None = None, client: IndexClient | None = None
) -> Synced:
    """What re-harvesting the entry at ``path`` (from ``source``, else its repository) would change.

    With ``client`` the recorded evidence (``last_verified_commit``, ``verification``, install
    names) is brought up to date too.
    """
    old_text, document = entries.load_for_edit(path)
    result = Synced(path, old_text=old_text, new_text=old_text)
    repository = source or document.get("repository")
    if not isinstance(repository, str):
        result.error = "the entry has no repository to harvest"
        return result
    result.repository = repository
    try:
        if client is None:
            found, verified = harvest.harvest(repository, reference), None
        else:
            found, verified = reverify.harvest_verified(repository, client, reference)
    except NhsoaError as exc:
        result.error = str(exc)
        return result
    wrong = reverify.other_repository(document, found) if source else None
    if wrong:
        result.error = wrong
        return result
    result.conflicts = found.conflicts
    result.apply, result.report = updates.plan_sync(document, found)
    if verified is not None:
        evidence = reverify.evidence_changes(document, verified)
        result.apply = [c for c in result.apply if c.field not in {e.field for e in evidence}] + evidence
        result.notes = verified.notes
    if result.apply:
        updates.apply_sync(document, result.apply, today)
        reverify.drop_empty_install(document)
        result.new_text = yamlio.dumps_roundtrip(document)
    return result


def sync(
    paths: Sequence[Path],
    reference: Reference,
    today: date,
    source: str | None = None,
    client: IndexClient | None = None,
) -> list[Synced]:
    return [sync_entry(path, reference, today, source, client) for path in paths]


def write(result: Synced, reference: Reference, today: date) -> None:
    """Write a synced entry after the schema and the rules accept it."""
    if result.changed:
        entries.write_entry(result.path, result.new_text, reference, today)
