"""Keep data files out of repositories.

A data file is recognised by its extension (CSV, spreadsheets, statistics-package files, columnar
formats, databases, pickles). Files that match an allow-list pattern may be committed: the
patterns come from ``[tool.nhsoa] allow_data`` in the project's ``pyproject.toml`` or from the
command line, and are meant for synthetic or published open data only.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from nhsoa.errors import NhsoaError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA_EXTENSIONS = frozenset(
    {
        # delimited text and spreadsheets
        ".csv", ".tsv", ".psv", ".dat", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods",
        # statistics packages
        ".sav", ".zsav", ".por", ".dta", ".rds", ".rdata", ".rda", ".sas7bdat", ".sas7bcat", ".xpt",
        # columnar and binary data formats
        ".parquet", ".feather", ".arrow", ".orc", ".avro", ".h5", ".hdf5", ".hdf", ".npy", ".npz", ".mat",
        ".pkl", ".pickle", ".joblib",
        # databases
        ".sqlite", ".sqlite3", ".db", ".db3", ".duckdb", ".mdb", ".accdb", ".dbf", ".bak", ".mdf", ".ldf",
    }
)  # fmt: skip
COMPRESSED_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zip", ".zst", ".7z"})
CONFIG_FILE = "pyproject.toml"


@dataclass(frozen=True)
class Blocked:
    path: Path
    kind: str

    def describe(self) -> str:
        return (
            f"{self.path}: {self.kind} data file (fix: keep data out of git, in data/ which is ignored; "
            f"for synthetic or open data add a pattern to [tool.nhsoa] allow_data in {CONFIG_FILE})"
        )


def data_kind(path: Path) -> str | None:
    """The data extension of ``path`` (``.csv``, ``.csv.gz`` ...) or None for other files."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        inner = suffixes[-2] if len(suffixes) > 1 else ""
        return inner + suffixes[-1] if inner in DATA_EXTENSIONS else None
    return suffixes[-1] if suffixes and suffixes[-1] in DATA_EXTENSIONS else None


def allowed_patterns(root: Path) -> list[str]:
    """The ``[tool.nhsoa] allow_data`` patterns of the project at ``root`` (empty when none)."""
    config = root / CONFIG_FILE
    if not config.is_file():
        return []
    try:
        data: dict[str, Any] = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NhsoaError(f"{config}: cannot read it: {exc}") from None
    patterns = data.get("tool", {}).get("nhsoa", {}).get("allow_data", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise NhsoaError(f"{config}: [tool.nhsoa] allow_data must be a list of glob patterns (strings)")
    return patterns


def is_allowed(relative: PurePosixPath, patterns: Sequence[str]) -> bool:
    text = relative.as_posix()
    return any(fnmatch.fnmatchcase(text, pattern) for pattern in patterns)


def check(paths: Iterable[Path], root: Path, extra_patterns: Sequence[str] = ()) -> list[Blocked]:
    """The data files among ``paths`` that no allow-list pattern covers."""
    patterns = [*allowed_patterns(root), *extra_patterns]
    blocked = []
    base = root.resolve()
    for path in paths:
        kind = data_kind(path)
        if kind is None:
            continue
        try:
            relative = PurePosixPath(path.resolve().relative_to(base).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        if not is_allowed(relative, patterns):
            blocked.append(Blocked(path, kind))
    return blocked
