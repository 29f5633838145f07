"""Harvest: everything a repository says about itself, merged into one draft entry with per-field provenance.

Each *source* reads one kind of evidence from the folder and returns :class:`Imported` drafts:
the metadata files (product.yaml, publiccode.yml, codemeta.json, CITATION.cff, DESCRIPTION,
pyproject.toml, setup.cfg, setup.py), the licence files, the README and git. For each field
the first source in :data:`AUTHORITY` (else :data:`ORDER`) that gives a value wins; a different
value from a later source is a :class:`Conflict`. Then the owner is taken from the code host's
organisation when registry/organisations.yaml lists it, the display name and id are cleaned,
and the kind is read from the repository's layout when no file states it.

To add evidence (install channels, phase evidence, languages): write a source
``(folder) -> list[Imported]`` with its own format name, add it to :data:`SOURCES`, and put
that format name in :data:`AUTHORITY` for the fields it is the authority on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa.interop import checkout, common, formats, layout, licencefile, naming, readme
from nhsoa.interop.entries import OWNER_TYPES
from nhsoa.interop.model import Imported, ImportFailed, NotMetadata, flatten, get
from nhsoa.registry import licences
from nhsoa.registry.addresses import contact_problem, normalise_repository, url_problem
from nhsoa.registry.store import Reference

Source = Callable[[Path], list[Imported]]

METADATA_FILES = ("product", "publiccode", "codemeta", "cff", "description", "pyproject", "setupcfg", "setuppy")
ORDER = (*METADATA_FILES, "git", "code-host", "licence-notice", "licence-file", "readme")
# Where a field's authority differs from ORDER. A package's own metadata states its licence;
# codemeta.json and CITATION.cff are often generated from it and left behind when it changes. A GNU
# licence notice is the holder's own statement of whether later versions apply, which Python's
# classifiers and free-text licence fields leave open ("GPLv3"); R's DESCRIPTION field is exact.
AUTHORITY: dict[str, tuple[str, ...]] = {
    "licence": ("product", "description", "licence-notice", "pyproject", "setupcfg", "setuppy", "publiccode",
                "codemeta", "cff", "licence-file"),
    "repository": ("git", *METADATA_FILES),
    "name": ("product", "publiccode", "description", "pyproject", "setupcfg", "setuppy", "codemeta", "cff"),
    "owner": ("product", "code-host", "publiccode", "codemeta", "cff", "description", "licence-notice",
              "licence-file"),
}  # fmt: skip
NAME_MAX = 100
SUMMARY_MIN = 10
_LANGUAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 +#.-]*$")
# Fields whose disagreement between sources matters to a reviewer (descriptions and summaries
# are expected to be worded differently, so they are not compared).
COMPARED = ("licence", "repository", "homepage", "documentation", "contact", "owner.name", "phase", "kind")


@dataclass(frozen=True)
class Conflict:
    field: str
    chosen: tuple[Any, str]
    others: tuple[tuple[Any, str], ...]


@dataclass
class Harvest:
    source: str
    imports: list[Imported] = field(default_factory=list)
    failures: list[ImportFailed] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repositories: list[str] = field(default_factory=list)  # every address the sources give for the repository

    @property
    def metadata_files(self) -> list[str]:
        return [i.source for i in self.imports if i.format in METADATA_FILES]


def metadata_files(folder: Path) -> list[tuple[str, Path]]:
    """(format, path) for each metadata file at the top of ``folder``, in order of authority."""
    found = []
    names = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    for fmt in METADATA_FILES:
        for filename in formats.IMPORTERS[fmt].FILENAMES:
            path = names.get(filename.lower())
            if path is not None:
                found.append((fmt, path))
                break
    return found


def _read_metadata(folder: Path, result: Harvest) -> None:
    for fmt, path in metadata_files(folder):
        if path.is_symlink() or not path.is_file():
            result.failures.append(ImportFailed(path.name, "is a symbolic link or not a file; not read"))
            continue
        try:
            result.imports.append(formats.read(path, fmt))
        except NotMetadata as exc:
            result.notes.append(f"{exc.source}: {exc.detail}")
        except ImportFailed as exc:
            result.failures.append(exc)


def _git(folder: Path) -> list[Imported]:
    found = Imported("git", "git")
    address = checkout.origin(folder)
    found.put("repository", address, "the origin remote")
    found.put("last_commit", checkout.last_commit(folder), "newest commit")
    return [found] if found.entry else []


def _licence_files(folder: Path) -> list[Imported]:
    found = licencefile.read(folder)
    return [found] if found else []


def _readme(folder: Path) -> list[Imported]:
    found = readme.read(folder)
    return [found] if found else []


SOURCES: tuple[Source, ...] = (_git, _licence_files, _readme)


def harvest_folder(
    folder: Path, source: str | None = None, reference: Reference | None = None, sources: Sequence[Source] = SOURCES
) -> Harvest:
    """Everything ``folder`` says about the tool in it; ``reference`` lets the owner come from the code host."""
    result = Harvest(source or str(folder))
    _read_metadata(folder, result)
    for read in sources:
        result.imports += read(folder)
    _merge(result)
    if reference is not None:
        _owner_from_code_host(result, reference)
    _owner_fallback(result)
    _name_and_id(result)
    _kind(folder, result)
    _leave_out_unpublishable(result)
    return result


def _candidates(result: Harvest) -> dict[str, list[tuple[Any, str, str]]]:
    """For each dotted field, every (value, origin, format) the sources give, in order of authority."""
    found: dict[str, list[tuple[Any, str, str]]] = {}
    for imported in result.imports:
        for dotted, value in flatten(imported.entry).items():
            origin = imported.provenance.get(dotted, imported.source)
            found.setdefault(dotted, []).append((value, origin, imported.format))
    for dotted, values in found.items():
        order = AUTHORITY.get(dotted.split(".")[0], ORDER)
        values.sort(key=lambda v: order.index(v[2]) if v[2] in order else len(order))
        values[:] = [v for v in values if _fits(dotted, v[0])] or values
    return found


def _fits(dotted: str, value: Any) -> bool:
    """Whether a name or summary fits the schema; one that does not gives way to the next source's."""
    if dotted == "name":
        return isinstance(value, str) and 0 < len(value) <= NAME_MAX
    if dotted == "summary":
        return isinstance(value, str) and SUMMARY_MIN <= len(value) <= common.SUMMARY_MAX and "\n" not in value
    return True


def _merge(result: Harvest) -> None:
    for imported in result.imports:
        result.unmapped += [f"{imported.source}: {item}" for item in imported.unmapped]
        result.notes += [f"{imported.source}: {note}" for note in imported.notes]
    candidates = _candidates(result)
    result.repositories = list(dict.fromkeys(str(v) for v, _, _ in candidates.get("repository", [])))
    owner_format = next((fmt for _, _, fmt in candidates.get("owner.name", [])), None)
    for dotted, given in candidates.items():
        found = given
        if dotted.startswith("owner.") and dotted != "owner.name":
            found = [v for v in given if v[2] == owner_format]  # the owner is one record, from one source
            if not found:
                continue
        value, origin, fmt = found[0]
        _put(result.entry, dotted, value)
        result.provenance[dotted] = origin
        if dotted in COMPARED:
            others = tuple((v, o) for v, o, f in found[1:] if not _same(dotted, v, value, {f, fmt}))
            if others:
                result.conflicts.append(Conflict(dotted, (value, origin), others))


def _put(entry: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        entry = entry.setdefault(key, {})
    entry[last] = value


def _same(dotted: str, first: Any, second: Any, formats_: set[str]) -> bool:
    if not (isinstance(first, str) and isinstance(second, str)):
        return bool(first == second)
    if dotted == "licence":
        a, b = (licences.check(v).normalised or v for v in (first, second))
        if "licence-file" in formats_:  # a licence text cannot say "only" or "or later"
            a, b = (re.sub(r"-(only|or-later)$", "", v) for v in (a, b))
        return a == b
    if dotted == "repository":
        return normalise_repository(first) == normalise_repository(second)
    if dotted == "owner.name":  # "NHS England" and "NHS England - Direct Commissioning" are one body
        a, b = _org_key(first), _org_key(second)
        return a in b or b in a
    return first.strip().rstrip("/").casefold() == second.strip().rstrip("/").casefold()


def _org_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold().replace("&", "and"))


def _owner_from_code_host(result: Harvest, reference: Reference) -> None:
    """The owner is the organisation that runs the repository's code-host account, when it is listed."""
    repository = result.entry.get("repository")
    if not isinstance(repository, str) or result.provenance.get("owner.name", "").startswith("product.yaml"):
        return
    match = reference.code_host(repository)
    if match is None:
        return
    organisation, host = match
    name = host.team or organisation.name
    previous = result.entry.get("owner", {}).get("name")
    origin = f"{host.address} is run by {organisation.name} ({organisation.code}; registry/organisations.yaml)"
    if previous and not _same("owner.name", previous, name, set()):
        kept = (name, origin)
        result.conflicts.append(Conflict("owner.name", kept, ((previous, result.provenance["owner.name"]),)))
    result.entry["owner"] = {"name": name, "ods_code": organisation.code}
    result.provenance.update({"owner.name": origin, "owner.ods_code": origin})
    if organisation.type in OWNER_TYPES:
        result.entry["owner"]["type"] = OWNER_TYPES[organisation.type]
        result.provenance["owner.type"] = origin
    for key in [k for k in result.provenance if k.startswith("owner.") and k not in ("owner.name", "owner.ods_code")]:
        if get(result.entry, key) is None:
            del result.provenance[key]


def _owner_fallback(result: Harvest) -> None:
    """With no organisation or copyright holder named, the package's maintainer is the owner."""
    maintainers = result.entry.get("maintainers")
    if "owner" in result.entry or not isinstance(maintainers, list) or not maintainers:
        return
    first = maintainers[0]
    if isinstance(first, dict) and isinstance(first.get("name"), str):
        result.entry["owner"] = {"name": first["name"]}
        result.provenance["owner.name"] = (
            f"{result.provenance.get('maintainers', 'maintainers')} (the first maintainer: no organisation or "
            "copyright holder is named)"
        )


def _package_name(result: Harvest) -> str | None:
    for imported in result.imports:
        if imported.format in layout.PACKAGE_FORMATS and isinstance(imported.entry.get("name"), str):
            return str(imported.entry["name"])
    return None


def _name_and_id(result: Harvest) -> None:
    repository = result.entry.get("repository") if isinstance(result.entry.get("repository"), str) else None
    name = result.entry.get("name")
    if isinstance(name, str) and naming.clean_package_name(name) != name:
        result.entry["name"] = naming.clean_package_name(name)
        result.provenance["name"] += " (without the test or development suffix)"
    elif (not isinstance(name, str) or len(name) > NAME_MAX) and repository:
        result.entry["name"] = naming.name_from_repository(repository)
        result.provenance["name"] = "the repository's name"
    explicit = next((i for i in result.imports if i.format == "product" and isinstance(i.entry.get("id"), str)), None)
    if explicit is not None:
        result.entry["id"] = explicit.entry["id"]
        result.provenance["id"] = explicit.provenance.get("id", "product.yaml: id")
        return
    package = _package_name(result)
    entry_id = naming.default_id(package, repository, result.entry.get("name"))
    if entry_id:
        result.entry["id"] = entry_id
        result.provenance["id"] = "the package's name" if package else "the repository's name"


def _kind(folder: Path, result: Harvest) -> None:
    """A kind that a file states (product.yaml, publiccode.yml, codemeta.json) is kept; else the layout decides."""
    declaring = ("product", "publiccode", "codemeta")
    stated = next((i for i in result.imports if i.format in declaring and "kind" in i.entry), None)
    if stated is not None:
        result.entry["kind"] = stated.entry["kind"]
        result.provenance["kind"] = stated.provenance["kind"]
        return
    manifest = next((i.source for i in result.imports if i.format in layout.PACKAGE_FORMATS), None)
    decided = layout.decide(folder, manifest, str(result.entry.get("name", "")), str(result.entry.get("summary", "")))
    if decided is None:
        result.entry.pop("kind", None)
        result.provenance.pop("kind", None)
        return
    result.entry["kind"], result.provenance["kind"] = decided


def _leave_out_unpublishable(result: Harvest) -> None:
    """Addresses the registry may not publish (not https) and malformed languages are left out, and said so."""
    for key in ("repository", "homepage", "documentation", "contact"):
        value = result.entry.get(key)
        if not isinstance(value, str):
            continue
        problem = contact_problem(value) if key == "contact" else url_problem(value)
        if problem:
            del result.entry[key]
            result.notes.append(f"{key} from {result.provenance.pop(key, 'a source')} left out: {problem}")
    languages = result.entry.get("languages")
    if isinstance(languages, list):
        kept = [item for item in languages if isinstance(item, str) and _LANGUAGE.match(item)]
        for item in languages:
            if item not in kept:
                result.notes.append(f"language {item!r} left out: not a language name")
        if kept:
            result.entry["languages"] = kept
        else:
            del result.entry["languages"]
            result.provenance.pop("languages", None)


def harvest(source: str, reference: Reference | None = None, inspect: Callable[[Path], None] | None = None) -> Harvest:
    """Harvest a local folder or a git address (cloned shallowly into a temporary folder).

    ``inspect`` may read the checkout while it exists (the evidence in :mod:`nhsoa.interop.verification`).
    """
    with checkout.checkout(source) as folder:
        if inspect is not None:
            inspect(folder)
        return harvest_folder(folder, source, reference)


__all__ = ["Conflict", "Harvest", "get", "harvest", "harvest_folder"]
