"""Harvest: every metadata file in a repository, merged into one draft entry with per-field provenance.

Files are read in order of authority (product.yaml, publiccode.yml, codemeta.json,
CITATION.cff, DESCRIPTION, pyproject.toml); the first file that gives a field gives its
value, and a different value for the same field in a later file is a :class:`Conflict`.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nhsoa.errors import NhsoaError, UsageError
from nhsoa.interop import formats
from nhsoa.interop.model import Imported, ImportFailed, flatten, get
from nhsoa.registry import licences
from nhsoa.registry.addresses import normalise_repository

PRIORITY = ("product", "publiccode", "codemeta", "cff", "description", "pyproject")
# Fields whose disagreement between files matters to a reviewer (descriptions and summaries
# are expected to be worded differently, so they are not compared).
COMPARED = ("licence", "repository", "homepage", "documentation", "contact", "owner.name", "phase", "kind")
CLONE_TIMEOUT = 300
_SCHEMES = ("https://", "http://", "ssh://", "git://", "file://")


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


def metadata_files(folder: Path) -> list[tuple[str, Path]]:
    """(format, path) for each metadata file at the top of ``folder``, in order of authority."""
    found = []
    names = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    for fmt in PRIORITY:
        for filename in formats.IMPORTERS[fmt].FILENAMES:
            path = names.get(filename.lower())
            if path is not None:
                found.append((fmt, path))
                break
    return found


def harvest_folder(folder: Path, source: str | None = None) -> Harvest:
    result = Harvest(source or str(folder))
    for fmt, path in metadata_files(folder):
        if path.is_symlink() or not path.is_file():
            result.failures.append(ImportFailed(path.name, "is a symbolic link or not a file; not read"))
            continue
        try:
            result.imports.append(formats.read(path, fmt))
        except ImportFailed as exc:
            result.failures.append(exc)
    _merge(result)
    commit = last_commit(folder)
    if commit and "last_commit" not in result.entry:
        result.entry["last_commit"] = commit
        result.provenance["last_commit"] = "git log (newest commit)"
    return result


def _merge(result: Harvest) -> None:
    values: dict[str, list[tuple[Any, str]]] = {}
    for imported in result.imports:
        for dotted, value in flatten(imported.entry).items():
            origin = imported.provenance.get(dotted, imported.source)
            values.setdefault(dotted, []).append((value, origin))
        result.unmapped += [f"{imported.source}: {item}" for item in imported.unmapped]
        result.notes += [f"{imported.source}: {note}" for note in imported.notes]
    for dotted, found in values.items():
        chosen = found[0]
        _put(result.entry, dotted, chosen[0])
        result.provenance[dotted] = chosen[1]
        if dotted in COMPARED:
            others = tuple(other for other in found[1:] if _key(dotted, other[0]) != _key(dotted, chosen[0]))
            if others:
                result.conflicts.append(Conflict(dotted, chosen, others))


def _put(entry: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        entry = entry.setdefault(key, {})
    entry[last] = value


def _key(dotted: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if dotted == "licence":
        return licences.check(value).normalised or value
    if dotted == "repository":
        return normalise_repository(value)
    return value.strip().rstrip("/").casefold()


def last_commit(folder: Path) -> str | None:
    """The date of the newest commit of a git working tree, or None."""
    if not (folder / ".git").exists():
        return None
    out = _git(["-C", str(folder), "log", "-1", "--format=%cs"], check=False)
    return out.strip() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out.strip()) else None


def _subcommand(args: list[str]) -> str:
    """The git command's name, past options such as ``-c key=value`` and ``-C folder``."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        rest = rest[2:] if rest[0] in ("-c", "-C") else rest[1:]
    return rest[0] if rest else "git"


def _git(args: list[str], *, check: bool = True, timeout: int = 60) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args], capture_output=True, text=True, env=env, timeout=timeout, check=False, encoding="utf-8"
        )
    except FileNotFoundError:
        raise NhsoaError("git is not installed; install git to harvest from a repository") from None
    except subprocess.TimeoutExpired:
        raise NhsoaError(f"git {_subcommand(args)} took longer than {timeout} seconds; stopped") from None
    if check and done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        raise NhsoaError(f"git {_subcommand(args)} failed: {message}")
    return done.stdout


def is_remote(source: str) -> bool:
    return source.startswith(_SCHEMES) or bool(re.match(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:", source))


def check_address(source: str) -> None:
    """Refuse addresses git would treat as options or as commands (``ext::``, ``-u...``)."""
    if source.startswith("-") or "::" in source.split("/", 1)[0]:
        raise UsageError(f"{source!r} is not a repository address")
    if not is_remote(source):
        raise UsageError(f"{source!r}: use an https://, ssh:// or file:// address, or a local folder")


@contextmanager
def checkout(source: str) -> Iterator[tuple[Path, str | None]]:
    """A folder holding the repository at ``source`` (a local folder, or a shallow clone of an address).

    Yields the folder and, for an https address, the address itself (a repository candidate).
    """
    if source.startswith("-") or "::" in source.split("/", 1)[0]:
        raise UsageError(f"{source!r} is not a repository address")
    if not is_remote(source):
        folder = Path(source)
        if not folder.is_dir():
            raise UsageError(f"{source}: no such folder")
        yield folder, None
        return
    check_address(source)
    with tempfile.TemporaryDirectory(prefix="nhsoa-harvest-") as tmp:
        target = Path(tmp) / "repository"
        _git(
            ["-c", "core.symlinks=false", "clone", "--quiet", "--depth", "1", "--no-recurse-submodules",
             "--", source, str(target)],
            timeout=CLONE_TIMEOUT,
        )  # fmt: skip
        address = source if source.startswith("https://") else None
        yield target, address


def harvest(source: str, inspect: Callable[[Path], None] | None = None) -> Harvest:
    """Harvest a local folder or a git address; ``inspect`` may read the checkout while it exists."""
    with checkout(source) as (folder, address):
        if inspect is not None:
            inspect(folder)
        result = harvest_folder(folder, source)
        if address and "repository" not in result.entry:
            parts = urlsplit(address)
            result.entry["repository"] = f"https://{parts.hostname}{parts.path}".removesuffix(".git").rstrip("/")
            result.provenance["repository"] = "the address it was cloned from"
    return result


__all__ = ["Conflict", "Harvest", "get", "harvest", "harvest_folder"]
