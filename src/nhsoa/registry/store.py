"""The registry on disk: where it is, its reference lists and its entry files.

A registry is a folder holding ``tools/<id>.yaml``, ``taxonomy.yaml`` (the topics) and
``organisations.yaml`` (ODS codes). A product repository has no registry of its own; its
``product.yaml`` is checked against the registry shipped with nhsoa.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError, UsageError, YamlError

TOOLS_DIR = "tools"
TAXONOMY_FILE = "taxonomy.yaml"
ORGANISATIONS_FILE = "organisations.yaml"
ENTRY_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    definition: str


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    type: str
    region: str


@dataclass(frozen=True)
class Reference:
    """The lists entries are checked against."""

    root: Path
    topics: dict[str, Topic]
    organisations: dict[str, Organisation]
    organisations_snapshot: str = ""


def is_registry(folder: Path) -> bool:
    return (folder / TAXONOMY_FILE).is_file() and (folder / ORGANISATIONS_FILE).is_file()


def find_root(start: Path) -> Path | None:
    """The registry folder containing ``start`` (a file or folder), if there is one."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if is_registry(folder):
            return folder
    return None


def default_root() -> Path:
    """``./registry`` when run in the registry repository, else the registry nhsoa ships."""
    local = Path.cwd() / "registry"
    if is_registry(local):
        return local
    return shipped_root()


def shipped_root() -> Path:
    packaged = Path(str(resources.files("nhsoa").joinpath("data").joinpath("registry")))
    if is_registry(packaged):
        return packaged
    source_tree = Path(__file__).resolve().parents[3] / "registry"  # editable install
    if is_registry(source_tree):
        return source_tree
    raise NhsoaError("nhsoa is installed without its registry reference lists; reinstall nhsoa")


def load_reference(root: Path) -> Reference:
    return _load_reference(root.resolve(), _mtime(root / TAXONOMY_FILE), _mtime(root / ORGANISATIONS_FILE))


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@cache
def _load_reference(root: Path, *_stamps: float) -> Reference:
    taxonomy = _load_list(root / TAXONOMY_FILE, "topics", ("id", "name", "definition"))
    organisations_doc = _load_document(root / ORGANISATIONS_FILE)
    organisations = _load_list(
        root / ORGANISATIONS_FILE, "organisations", ("code", "name", "type", "region"), organisations_doc
    )
    return Reference(
        root=root,
        topics={row["id"]: Topic(row["id"], row["name"], row["definition"]) for row in taxonomy},
        organisations={
            row["code"]: Organisation(row["code"], row["name"], row["type"], row["region"]) for row in organisations
        },
        organisations_snapshot=str(organisations_doc.get("snapshot_date", "")),
    )


def _load_document(path: Path) -> dict[str, Any]:
    try:
        data = yamlio.load_file(path).data
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise NhsoaError(f"{path}:1: expected a mapping at the top level")
    return data


def _load_list(
    path: Path, key: str, fields: tuple[str, ...], document: dict[str, Any] | None = None
) -> list[dict[str, str]]:
    data = document if document is not None else _load_document(path)
    rows = data.get(key)
    if not isinstance(rows, list):
        raise NhsoaError(f"{path}:1: expected a list under `{key}`")
    seen: set[str] = set()
    for index, row in enumerate(rows):
        missing = [f for f in fields if not isinstance(row, dict) or not isinstance(row.get(f), str)]
        if missing:
            raise NhsoaError(f"{path}:{_line(path, key, index)}: {key}[{index}] needs text for {', '.join(missing)}")
        if row[fields[0]] in seen:
            raise NhsoaError(f"{path}:{_line(path, key, index)}: {fields[0]} {row[fields[0]]!r} is listed twice")
        seen.add(row[fields[0]])
    return rows


def _line(path: Path, key: str, index: int) -> int:
    return yamlio.locate(path.read_text(encoding="utf-8"), (key, index))


def entry_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the entry files they hold (sorted); keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = tools_dir(path) if is_registry(path) else path
            found = [
                Path(parent, name)
                for parent, dirs, names in os.walk(folder)
                for name in names
                if name.endswith(ENTRY_SUFFIXES) and not name.startswith(".")
            ]
            files.extend(sorted(found))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def tools_dir(root: Path) -> Path:
    return root / TOOLS_DIR
