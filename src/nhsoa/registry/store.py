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
from nhsoa.registry.addresses import normalise_repository, url_problem

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
class CodeHost:
    """A code-host account (a GitHub or GitLab organisation) that an organisation runs, and who says so."""

    address: str  # https://github.com/nhsengland
    sources: tuple[str, ...]  # pages that show who runs the account
    team: str = ""  # the team that publishes there, when it names itself (The Strategy Unit)

    @property
    def key(self) -> str:
        """``github.com/nhsengland``: compared without case with a repository's host and owner."""
        return normalise_repository(self.address)


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    type: str
    region: str
    code_hosts: tuple[CodeHost, ...] = ()


@dataclass(frozen=True)
class Reference:
    """The lists entries are checked against."""

    root: Path
    topics: dict[str, Topic]
    organisations: dict[str, Organisation]
    organisations_snapshot: str = ""

    def code_host(self, repository: str) -> tuple[Organisation, CodeHost] | None:
        """The organisation that runs the code-host account ``repository`` belongs to, if it is listed."""
        account = "/".join(normalise_repository(repository).split("/")[:2])
        for organisation in self.organisations.values():
            for host in organisation.code_hosts:
                if host.key == account:
                    return organisation, host
        return None


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
            row["code"]: Organisation(
                row["code"], row["name"], row["type"], row["region"], _code_hosts(root / ORGANISATIONS_FILE, row, index)
            )
            for index, row in enumerate(organisations)
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


def _code_hosts(path: Path, row: dict[str, Any], index: int) -> tuple[CodeHost, ...]:
    """An organisation's ``code_hosts``: each an https account address with at least one https source."""
    rows = row.get("code_hosts", [])
    where = f"organisations[{index}].code_hosts"
    if not isinstance(rows, list):
        raise NhsoaError(f"{path}:{_line(path, 'organisations', index)}: {where} must be a list")
    hosts = []
    for number, host in enumerate(rows):
        address = host.get("address") if isinstance(host, dict) else None
        sources = host.get("sources") if isinstance(host, dict) else None
        team = host.get("team", "") if isinstance(host, dict) else ""
        problem = _code_host_problem(address, sources, team)
        if problem:
            line = yamlio.locate(path.read_text(encoding="utf-8"), ("organisations", index, "code_hosts", number))
            raise NhsoaError(f"{path}:{line}: {where}[{number}]: {problem}")
        hosts.append(CodeHost(str(address), tuple(str(s) for s in sources or ()), str(team)))
    return tuple(hosts)


def _code_host_problem(address: Any, sources: Any, team: Any) -> str | None:
    if not isinstance(address, str) or url_problem(address) or len(normalise_repository(address).split("/")) != 2:
        return "address must be the https address of one account, such as https://github.com/nhsengland"
    if not isinstance(sources, list) or not sources or any(not isinstance(s, str) or url_problem(s) for s in sources):
        return "sources must list the https pages that show who runs the account"
    if not isinstance(team, str):
        return "team must be text"
    return None


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
