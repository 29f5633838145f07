"""Keep data files out of repositories, in any language.

A data file is recognised by its extension (CSV, spreadsheets, statistics-package files including
R's ``.rda``/``.rds``, columnar formats, databases, pickles), compressed or not. Folders are walked
as git would commit them (:mod:`nhsoa.guards.files`). A data file may be committed only when the
repository's allow list names it (:mod:`nhsoa.guards.allowlist`): that includes an R package's
``data/*.rda``, ``R/sysdata.rda`` and ``inst/extdata/`` and open reference data, which are data like
any other until someone has said they are synthetic or published. The advice for a blocked file
speaks the repository's language: an R package is told how to list its datasets.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nhsoa.guards import allowlist
from nhsoa.guards.files import Note, collect, display, git_root, relative_to

DATA_EXTENSIONS = frozenset(
    {
        # delimited text and spreadsheets
        ".csv", ".tsv", ".psv", ".dat", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".jsonl", ".ndjson",
        # statistics packages (R's .rda/.rdata/.rds and the fst and qs formats among them)
        ".sav", ".zsav", ".por", ".dta", ".rds", ".rdata", ".rda", ".fst", ".qs", ".qs2",
        ".sas7bdat", ".sas7bcat", ".xpt",
        # columnar and binary data formats
        ".parquet", ".feather", ".arrow", ".orc", ".avro", ".h5", ".hdf5", ".hdf", ".npy", ".npz", ".mat",
        ".pkl", ".pickle", ".joblib",
        # databases
        ".sqlite", ".sqlite3", ".db", ".db3", ".duckdb", ".mdb", ".accdb", ".dbf", ".bak", ".mdf", ".ldf",
    }
)  # fmt: skip
COMPRESSED_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zip", ".zst", ".7z"})
_R_PACKAGE_DATA = re.compile(r"^(data/[^/]+|R/sysdata\.rda|inst/extdata/.+)$", re.IGNORECASE)
# R's spell checker keeps a package's word list as `.aspell/<name>.rds` (see ?utils::aspell): words, not data.
_SPELLING_WORDLIST = re.compile(r"(^|/)\.aspell/[^/]+\.rds$", re.IGNORECASE)
_GITIGNORE_SPECIAL = re.compile(r"([\\*?\[\]])")


class Language(enum.Enum):
    R_PACKAGE = "an R package"
    R = "an R project"
    PYTHON = "a Python project"
    OTHER = "a repository in no language nhsoa knows"


def data_kind(path: Path) -> str | None:
    """The data extension of ``path`` (``.csv``, ``.csv.gz`` ...) or None for other files."""
    if _SPELLING_WORDLIST.search(path.as_posix()):
        return None
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        inner = suffixes[-2] if len(suffixes) > 1 else ""
        return inner + suffixes[-1] if inner in DATA_EXTENSIONS else None
    return suffixes[-1] if suffixes and suffixes[-1] in DATA_EXTENSIONS else None


def _is_r_package(root: Path) -> bool:
    description = root / "DESCRIPTION"
    if not description.is_file():
        return False
    try:
        head = description.read_text(encoding="utf-8", errors="replace")[:65536]
    except OSError:
        return False
    return re.search(r"^Package:", head, re.MULTILINE) is not None


_PYTHON_PROJECT = frozenset({"pyproject.toml", "setup.py", "setup.cfg"})
_R_PROJECT = frozenset({"renv.lock", "_targets.R", "DESCRIPTION"})


def project_language(folder: Path, top: bool = True) -> Language:
    """What kind of project ``folder`` is, from the files that define one. Below the top of a
    repository only defining files count (a folder of .py files is a package, not a project)."""
    if _is_r_package(folder):
        return Language.R_PACKAGE
    try:
        names = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    except OSError:
        return Language.OTHER
    if names & _PYTHON_PROJECT:
        return Language.PYTHON
    if names & _R_PROJECT or any(name.endswith(".Rproj") for name in names):
        return Language.R
    if not top:
        return Language.OTHER
    if "R" in names or any(name.endswith((".R", ".r", ".Rmd")) for name in names):
        return Language.R
    if names & {"requirements.txt", "Pipfile", "environment.yml"} or any(name.endswith(".py") for name in names):
        return Language.PYTHON
    return Language.OTHER


def as_pattern(relative: str) -> str:
    """A line for the allow list naming this file: anchored, special characters escaped, and a
    character no line can hold (a newline, an escape) matched by ``?``."""
    escaped = _GITIGNORE_SPECIAL.sub(r"\\\1", relative)
    escaped = "".join(char if char.isprintable() else "?" for char in escaped)
    return "/" + (escaped[:-1] + "\\ " if escaped.endswith(" ") else escaped)


@dataclass(frozen=True)
class Project:
    """The project a file belongs to: the nearest folder (up to the repository's top) that defines one."""

    folder: PurePosixPath  # from the top of the repository
    language: Language


class _Projects:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._known: dict[PurePosixPath, Language] = {}

    def _language(self, folder: PurePosixPath) -> Language:
        if folder not in self._known:
            self._known[folder] = project_language(self.root / folder, top=folder == PurePosixPath("."))
        return self._known[folder]

    def of(self, relative: str) -> Project:
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            return Project(PurePosixPath("."), self._language(PurePosixPath(".")))
        for folder in path.parents:
            if folder == PurePosixPath(".") or self._language(folder) is not Language.OTHER:
                return Project(folder, self._language(folder))
        return Project(PurePosixPath("."), self._language(PurePosixPath(".")))  # pragma: no cover


@dataclass(frozen=True)
class Blocked:
    path: Path
    relative: str  # from the top of the repository, POSIX
    kind: str
    project: Project

    @property
    def language(self) -> Language:
        return self.project.language

    def fix(self) -> str:
        folder = self.project.folder
        inside = PurePosixPath(self.relative).relative_to(folder).as_posix() if folder.parts else self.relative
        line = f"`{as_pattern(inside)}`"
        allow = allowlist.ALLOW_FILE if not folder.parts else f"{folder}/{allowlist.ALLOW_FILE}"
        if self.language is Language.R_PACKAGE and _R_PACKAGE_DATA.match(inside):
            every = {"data": ", or `/data/*.rda` for every dataset", "inst": ", or `/inst/extdata/` for the folder"}
            return (
                f"an R package ships data here; if it is synthetic or published open data, list it in {allow} "
                f"({line}{every.get(inside.split('/')[0], '')}) and say where it comes from in data-raw/; "
                "otherwise remove it"
            )
        keep_out = {
            Language.R_PACKAGE: "keep data out of the package (list it in .gitignore and .Rbuildignore)",
            Language.R: "keep data out of git (list it in .gitignore; read it from a path set in config.yml or "
            "an environment variable)",
            Language.PYTHON: "keep data out of git (list it in .gitignore, or move it to a folder .gitignore "
            "ignores, as nhsoa products ignore data/, and read it from a path set in configuration)",
            Language.OTHER: "keep data out of git (list it in .gitignore)",
        }[self.language]
        also = "; [tool.nhsoa] allow_data in pyproject.toml works too" if self.language is Language.PYTHON else ""
        return f"{keep_out}; if it is synthetic or published open data, add the line {line} to {allow}{also}"

    def describe(self) -> str:
        return f"{display(self.path)}: {self.kind} data file (fix: {self.fix()})"


@dataclass
class NoDataResult:
    root: Path
    language: Language
    sources: tuple[str, ...] = ()  # the allow lists that allowed a file
    blocked: list[Blocked] = field(default_factory=list)
    allowed: list[Path] = field(default_factory=list)
    checked: int = 0
    notes: list[Note] = field(default_factory=list)


def project_root(paths: Sequence[Path]) -> Path:
    """The top of the repository the paths belong to: git's top folder, else the folder named, else ``.``."""
    folder = next((path for path in paths if path.is_dir()), Path("."))
    return git_root(folder) or folder


def check(
    paths: Iterable[Path],
    root: Path | None = None,
    extra_patterns: Sequence[str] = (),
    extra_source: str = "extra pattern",
) -> NoDataResult:
    """The data files among ``paths`` (folders: what git would commit from them) the allow list does not name.

    ``extra_patterns`` are allowed beside the allow lists; ``extra_source`` names where they came from.
    """
    paths = list(paths)
    root = root if root is not None else project_root(paths)
    allowed_by = allowlist.AllowList(root, extra_patterns, extra_source)
    projects = _Projects(root)
    files = collect(paths)
    result = NoDataResult(root, project_language(root), notes=files.notes)
    for path in files.files:
        result.checked += 1
        kind = data_kind(path)
        if kind is None or path.is_symlink():  # git commits a link as its target's path, not the data
            continue
        relative = relative_to(path, root)
        if allowed_by.allows(relative):
            result.allowed.append(path)
        else:
            result.blocked.append(Blocked(path, relative, kind, projects.of(relative)))
    result.sources = tuple(sorted(allowed_by.used))
    return result
