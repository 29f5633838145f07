"""The data allow list: which data files a repository may commit, for any language.

The list lives in ``.nhsoa-data-allow`` at the top of the repository, one pattern a line in the
syntax of ``.gitignore`` (``#`` comments, ``*`` and ``**``, a leading ``/`` anchors a pattern to the
top, a trailing ``/`` means a folder, ``!`` takes a file back out). It serves a Python project, an R
package (``/data/*.rda``, ``/R/sysdata.rda``, ``/inst/extdata/``) or a folder of SQL alike.

Projects that list patterns in ``[tool.nhsoa] allow_data`` of ``pyproject.toml`` keep working: those
glob patterns (matched against the whole path, ``*`` crossing folders) are honoured as well, and
so are patterns given with ``--allow`` on the command line (``.gitignore`` syntax).
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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


@dataclass(frozen=True)
class AllowList:
    spec: GitIgnoreSpec  # .nhsoa-data-allow and --allow
    globs: tuple[str, ...]  # [tool.nhsoa] allow_data
    sources: tuple[str, ...]  # where the patterns came from, for messages

    def allows(self, relative: str) -> bool:
        """Whether the file at ``relative`` (POSIX, from the top of the repository) may be committed."""
        if self.spec.match_file(relative):
            return True
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.globs)


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


def pyproject_globs(root: Path) -> list[str]:
    """The ``[tool.nhsoa] allow_data`` patterns of the project at ``root`` (empty when none)."""
    config = root / PYPROJECT
    if not config.is_file():
        return []
    try:
        data: dict[str, Any] = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NhsoaError(f"{config}: cannot read it: {exc}") from None
    tool = data.get("tool", {})
    patterns = tool.get("nhsoa", {}).get("allow_data", []) if isinstance(tool, dict) else []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise NhsoaError(f"{config}: [tool.nhsoa] allow_data must be a list of glob patterns (strings)")
    return patterns


def load(root: Path, extra: Sequence[str] = ()) -> AllowList:
    """The allow list of the repository at ``root``, with ``extra`` patterns from the command line."""
    allow_file = root / ALLOW_FILE
    lines = _file_lines(allow_file)
    where = [f"{allow_file}:{number}" for number in range(1, len(lines) + 1)]
    spec = _compile([*lines, *extra], [*where, *(f"--allow {pattern}" for pattern in extra)])
    globs = tuple(pyproject_globs(root))
    sources = tuple(
        name
        for name, present in (
            (ALLOW_FILE, bool(lines)),
            (f"{PYPROJECT} [tool.nhsoa] allow_data", bool(globs)),
            ("--allow", bool(extra)),
        )
        if present
    )
    return AllowList(spec, globs, sources)
