"""The data allow list: which data files a repository may commit, for any language.

The list lives in ``.nhsoa-data-allow``, one pattern a line in the syntax of ``.gitignore`` (``#``
comments, ``*`` and ``**``, a leading ``/`` anchors a pattern to the file's folder, a trailing ``/``
means a folder, ``!`` takes a file back out). It serves a Python project, an R package
(``/data/*.rda``, ``/R/sysdata.rda``, ``/inst/extdata/``) or a folder of SQL alike. As with
``.gitignore``, a list applies to the folder it is in and everything below, so a project kept
inside a larger repository (``products/<name>/``) keeps its own; the list nearest a file that has a
pattern matching it decides.

Projects that list patterns in ``[tool.nhsoa] allow_data`` of ``pyproject.toml`` keep working: those
glob patterns (matched against the path from that ``pyproject.toml``'s folder, ``*`` crossing
folders) are honoured beside the list in the same folder, and so are extra patterns a caller gives
(``nhsoa no-data --allow``: ``.gitignore`` syntax, from the top of the repository).
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pathspec import GitIgnoreSpec

from nhsoa.errors import NhsoaError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ALLOW_FILE = ".nhsoa-data-allow"
PYPROJECT = "pyproject.toml"
MAX_ALLOW_BYTES = 1 << 20
_MENTIONS_TOOL_NHSOA = re.compile(r"tool\s*\.\s*nhsoa|^\s*\[\s*tool\s*\]", re.MULTILINE)


@dataclass(frozen=True)
class _Level:
    """The allow patterns of one folder."""

    spec: GitIgnoreSpec | None  # its .nhsoa-data-allow (and, at the top, the extra patterns)
    globs: tuple[str, ...]  # its pyproject.toml's [tool.nhsoa] allow_data
    spec_source: str
    globs_source: str

    def decide(self, relative: str) -> tuple[bool, str] | None:
        """(allowed, source) when a pattern here matches ``relative`` (from this folder), else None."""
        if self.spec is not None:
            include = self.spec.check_file(relative).include
            if include is not None:
                return include, self.spec_source
        if any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.globs):
            return True, self.globs_source
        return None


def _compile(lines: Sequence[str], where: Sequence[str]) -> GitIgnoreSpec:
    """The patterns as one spec; a bad line is an error naming its file and line."""
    for line, place in zip(lines, where, strict=True):
        try:
            GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error) as exc:  # pathspec's pattern errors are ValueErrors
            raise NhsoaError(f"{place}: not a .gitignore-style pattern: {line!r} ({exc})") from None
    return GitIgnoreSpec.from_lines(lines)


def _file_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    if path.stat().st_size > MAX_ALLOW_BYTES:
        raise NhsoaError(f"{path}: larger than {MAX_ALLOW_BYTES // 1024} KiB; an allow list is a few lines")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise NhsoaError(f"{path}: cannot read it: {exc}") from None


def pyproject_globs(folder: Path) -> list[str]:
    """The ``[tool.nhsoa] allow_data`` patterns of the ``pyproject.toml`` in ``folder`` (empty when none)."""
    config = folder / PYPROJECT
    if not config.is_file():
        return []
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NhsoaError(f"{config}: cannot read it: {exc}") from None
    if not _MENTIONS_TOOL_NHSOA.search(text):  # nothing for us (and a template's need not be TOML yet)
        return []
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NhsoaError(f"{config}: cannot read it: {exc}") from None
    tool = data.get("tool", {})
    patterns = tool.get("nhsoa", {}).get("allow_data", []) if isinstance(tool, dict) else []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise NhsoaError(f"{config}: [tool.nhsoa] allow_data must be a list of glob patterns (strings)")
    return patterns


class AllowList:
    """Every allow list of a repository, read as they are needed (see the module docstring)."""

    def __init__(self, root: Path, extra: Sequence[str] = (), extra_source: str = "extra pattern") -> None:
        """``extra`` patterns apply from the top; ``extra_source`` names where they came from in messages."""
        self.root = root
        self.extra = tuple(extra)
        self.extra_source = extra_source
        self._levels: dict[PurePosixPath, _Level | None] = {}
        self.used: set[str] = set()  # the sources that allowed a file
        self._level(PurePosixPath("."))  # the top's lists are read (and checked) even when nothing needs them

    def _level(self, folder: PurePosixPath) -> _Level | None:
        if folder not in self._levels:
            here = self.root / folder
            lines = _file_lines(here / ALLOW_FILE)
            where = [f"{here / ALLOW_FILE}:{number}" for number in range(1, len(lines) + 1)]
            if folder == PurePosixPath("."):
                lines, where = [*lines, *self.extra], [*where, *(f"{self.extra_source} {p}" for p in self.extra)]
            spec = _compile(lines, where) if lines else None
            globs = tuple(pyproject_globs(here))
            name = ALLOW_FILE if folder == PurePosixPath(".") else f"{folder}/{ALLOW_FILE}"
            spec_source = name if not self.extra or folder != PurePosixPath(".") else f"{name} or {self.extra_source}"
            level = _Level(spec, globs, spec_source, f"{PurePosixPath(folder, PYPROJECT)} [tool.nhsoa] allow_data")
            self._levels[folder] = level if spec is not None or globs else None
        return self._levels[folder]

    def allows(self, relative: str) -> bool:
        """Whether the file at ``relative`` (POSIX, from the top of the repository) may be committed."""
        path = PurePosixPath(relative)
        outside = path.is_absolute() or ".." in path.parts  # outside the repository: only an extra pattern can say
        for folder in [PurePosixPath(".")] if outside else path.parents:  # nearest first, the top last
            level = self._level(folder)
            inside = path.as_posix() if outside else path.relative_to(folder).as_posix()
            decided = level.decide(inside) if level is not None else None
            if decided is not None:
                allowed, source = decided
                if allowed:
                    self.used.add(source)
                return allowed
        return False
