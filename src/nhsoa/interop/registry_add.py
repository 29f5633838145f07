"""Adding a tool to the registry from its repository: harvest, check for the same repository, choose an id, write.

Nothing here prints or knows about the command line: :func:`plan` returns a :class:`Draft` (or
raises one of the errors below, which carry what a caller needs to explain them), and
:func:`write` writes it after the schema and the rules accept it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError, UsageError, YamlError
from nhsoa.interop import common, entries, harvest, reverify
from nhsoa.interop.indexes import IndexClient
from nhsoa.interop.model import missing_required
from nhsoa.interop.verification import Verified, significant_languages
from nhsoa.registry.addresses import normalise_repository
from nhsoa.registry.store import Reference, entry_files, tools_dir

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class NothingToRead(NhsoaError):
    def __init__(self, source: str) -> None:
        super().__init__(f"{source}: no metadata file, licence file, README or git history to read; nothing to add")


class MissingFields(NhsoaError):
    """Required fields the repository does not give."""

    def __init__(self, fields: list[str], found: harvest.Harvest) -> None:
        super().__init__(f"the repository does not give {', '.join(fields)}")
        self.fields = fields
        self.harvest = found


class AlreadyRegistered(NhsoaError):
    """The registry already has an entry for this repository."""

    def __init__(self, path: Path, entry_id: str, address: str) -> None:
        super().__init__(f"{address} is already in the registry as {entry_id!r} ({path})")
        self.path = path
        self.entry_id = entry_id
        self.address = address


class IdTaken(NhsoaError):
    """The id asked for is another tool's."""

    def __init__(self, entry_id: str, path: Path, repository: str) -> None:
        super().__init__(f"the id {entry_id!r} belongs to another tool ({path}, {repository})")
        self.entry_id = entry_id
        self.path = path
        self.repository = repository


@dataclass
class Draft:
    harvest: harvest.Harvest
    entry: dict[str, Any]
    path: Path
    verified: Verified | None = None  # the evidence recorded with the entry
    replaces: bool = False  # an existing entry of the same repository is replaced
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Registered:
    path: Path
    entry_id: str
    repositories: tuple[str, ...]  # normalised repository and aliases


def registered(root: Path) -> list[Registered]:
    """Every entry's id and repository addresses (entries that cannot be read are passed over)."""
    found = []
    for path in entry_files([tools_dir(root)]):
        try:
            data = yamlio.load_file(path).data
        except YamlError:
            continue
        if not isinstance(data, dict):
            continue
        addresses = [data.get("repository"), *(data.get("repository_aliases") or [])]
        normalised = tuple(normalise_repository(a) for a in addresses if isinstance(a, str))
        found.append(Registered(path, str(data.get("id", path.stem)), normalised))
    return found


def plan(
    source: str,
    root: Path,
    reference: Reference,
    today: date,
    *,
    assignments: Sequence[tuple[str, Any]] = (),
    entry_id: str | None = None,
    force: bool = False,
    client: IndexClient | None = None,
) -> Draft:
    """The entry ``source`` would add, where it would be written, and what was decided on the way.

    With ``client`` the evidence (the verified commit, install channels, phase evidence and
    languages by lines of code; :mod:`nhsoa.interop.verification`) is collected from the same
    checkout and recorded with the entry.
    """
    if entry_id is not None and not _ID.match(entry_id):
        raise UsageError(f"{entry_id!r} is not an id: use lower-case letters, digits and single hyphens")
    verified = None
    if client is None:
        found = harvest.harvest(source, reference)
    else:
        found, verified = reverify.harvest_verified(source, client, reference)
    if not found.imports:
        raise NothingToRead(source)
    entry: dict[str, Any] = dict(found.entry)
    for key, value in assignments:
        entries.assign(entry, key, value)
        found.provenance[key] = "given by hand"
    draft = Draft(found, entry, Path(), verified)
    if verified is not None:
        reverify.record(entry, verified)
        _languages_from_evidence(entry, found, verified)
    if (code := entries.match_owner(entry, reference)) is not None:
        draft.notes.append(f"owner: matched {code} in organisations.yaml")
    entry.setdefault("added", today.isoformat())
    entry["last_verified"] = today.isoformat()
    others = registered(root)
    same = _same_repository(entry, found, others)
    if same is not None and not force:
        raise AlreadyRegistered(same[0].path, same[0].entry_id, same[1])  # whatever else the draft lacks
    missing = missing_required(entry)
    if missing:
        raise MissingFields(missing, found)
    if same is not None:
        existing, address = same
        if not force or (entry_id is not None and entry_id != existing.entry_id):
            raise AlreadyRegistered(existing.path, existing.entry_id, address)
        entry["id"] = existing.entry_id
        draft.path, draft.replaces = existing.path, True
        draft.notes += _keep_curated(existing.path, entry)
    else:
        entry["id"] = _free_id(entry_id or str(entry["id"]), entry_id is not None, entry, others, draft)
        draft.path = tools_dir(root) / f"{entry['id']}.yaml"
    draft.entry = entries.ordered(entry)
    return draft


def _languages_from_evidence(entry: dict[str, Any], found: harvest.Harvest, verified: Verified) -> None:
    """With no package file to name them, the languages are those with a tenth of the lines of code."""
    counted = verified.verification.get("languages")
    if "languages" in entry or not isinstance(counted, list):
        return
    main = significant_languages(counted)
    ordered = [str(item["language"]) for item in counted if isinstance(item, dict) and item.get("language") in main]
    if ordered:
        entry["languages"] = ordered
        found.provenance["languages"] = "lines of code (a tenth or more of them; verification.languages)"


def _same_repository(
    entry: dict[str, Any], found: harvest.Harvest, others: list[Registered]
) -> tuple[Registered, str] | None:
    """The entry that already holds one of the repository's addresses (its own, or one its files name)."""
    addresses = [entry.get("repository"), *found.repositories]
    for address in dict.fromkeys(a for a in addresses if isinstance(a, str)):
        key = normalise_repository(address)
        for other in others:
            if key in other.repositories:
                return other, address
    return None


def _free_id(wanted: str, explicit: bool, entry: dict[str, Any], others: list[Registered], draft: Draft) -> str:
    """``wanted`` if no other tool has it; else (for a default id) the repository's own name, the account's
    name before ``wanted``, or a number after it."""
    taken = {o.entry_id: o for o in others} | {o.path.stem: o for o in others}
    if wanted not in taken:
        return wanted
    holder = taken[wanted]
    if explicit:
        raise IdTaken(wanted, holder.path, holder.repositories[0] if holder.repositories else "")
    parts = normalise_repository(str(entry["repository"])).split("/")
    candidates = [common.slug(parts[-1]), f"{common.slug(parts[1])}-{wanted}"] if len(parts) > 2 else []
    candidates += [f"{wanted}-{n}" for n in range(2, 100)]
    chosen = next(c for c in candidates if len(c) >= 2 and c not in taken and len(c) <= 64)
    draft.notes.append(f"id: {wanted!r} belongs to another tool ({holder.path.name}); using {chosen!r}")
    return chosen


def _keep_curated(path: Path, entry: dict[str, Any]) -> list[str]:
    """The registry's own records (adopters, dates added, aliases...) survive a replacement."""
    old = yamlio.load_file(path).data
    kept = []
    if isinstance(old, dict):
        for key in entries.CURATED:
            if key in old:
                entry[key] = old[key]
                kept.append(f"kept {key} from the existing entry")
    return kept


def write(draft: Draft, reference: Reference, today: date) -> entries.Checked:
    """Write the draft after the schema and the rules accept it (atomically); raise if they do not."""
    text = yamlio.dumps({k: v.isoformat() if isinstance(v, date) else v for k, v in draft.entry.items()})
    return entries.write_entry(draft.path, text, reference, today)
