"""A read-only view of a repository's files, for the RAP detectors.

The file list is git's (tracked and untracked files that are not ignored) when the folder is a git
work tree, so ignored outputs and virtual environments do not count; otherwise the folder is walked,
skipping the folders tools make. Files are read as text, within a size limit, and never executed.
"""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from debian.deb822 import Deb822

from nhsoa.languages import EXTENSIONS, PROPRIETARY

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_READ = 512 * 1024
# Folders that tools create or vendor: never the project's own code.
TOOL_DIRS = frozenset(
    {
        ".git", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox", ".nox", "build", "dist",
        "site-packages", "renv", "packrat", ".Rproj.user", ".quarto", "_freeze", ".ipynb_checkpoints",
    }
)  # fmt: skip
CODE_SUFFIXES = {
    ".py": "Python",
    ".r": "R",
    ".sql": "SQL",
    ".ipynb": "notebook",
    ".rmd": "R Markdown",
    ".qmd": "Quarto",
}
# Other open-source languages that analytical code is written in. They count as the project's code
# (B1) only outside documentation and asset folders, and not as minified bundles or tool settings:
# a documentation site's theme script produces no data.
OTHER_OPEN_LANGUAGES = {
    suffix: language
    for suffix, language in EXTENSIONS.items()
    if language not in PROPRIETARY and language not in {"Python", "R", "SQL", "Shell"}
}
_NOT_PROJECT_CODE = re.compile(
    r"(^|/)(docs?|site|assets|static|overrides|theme|themes|vendor|third_party|_site|public)/"
    r"|\.min\.[cm]?js$|\.d\.ts$|(^|/)[^/]*\.config\.[cm]?[jt]s$",
    re.IGNORECASE,
)
VERSION_TAG = re.compile(r"^(?:v|version[-_]?|release[-_]?)?\d+(?:\.\d+)*(?:[-+._][0-9A-Za-z.]+)?$", re.IGNORECASE)


class Repository:
    """The files under ``root`` and the project files that describe them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, text=True, check=False, encoding="utf-8"
            )
        except OSError:
            return None
        return result.stdout if result.returncode == 0 else None

    @cached_property
    def is_git(self) -> bool:
        return (self.git("rev-parse", "--is-inside-work-tree") or "").strip() == "true"

    @cached_property
    def files(self) -> list[PurePosixPath]:
        listed: list[PurePosixPath] = []
        listing = (
            self.git("ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ".") if self.is_git else None
        )
        if listing is not None:
            listed = [PurePosixPath(p) for p in listing.split("\0") if p and (self.root / p).is_file()]
        else:
            for folder, dirs, names in os.walk(self.root):
                dirs[:] = [d for d in dirs if d not in TOOL_DIRS]
                base = Path(folder).relative_to(self.root)
                listed += [PurePosixPath((base / name).as_posix()) for name in names]
        # A cookiecutter template's {{ ... }} folders are what it generates, not the repository's own project.
        return sorted(p for p in set(listed) if not TOOL_DIRS.intersection(p.parts[:-1]) and "{{" not in p.as_posix())

    @cached_property
    def paths(self) -> set[str]:
        return {p.as_posix() for p in self.files}

    def has(self, path: str) -> bool:
        return path in self.paths

    def at_root(self, pattern: str) -> list[PurePosixPath]:
        """Files at the top of the repository whose name fully matches ``pattern`` (case-insensitive)."""
        rx = re.compile(pattern, re.IGNORECASE)
        return [p for p in self.files if len(p.parts) == 1 and rx.fullmatch(p.name)]

    def under(self, folder: str) -> list[PurePosixPath]:
        parts = tuple(folder.split("/"))
        return [p for p in self.files if p.parts[: len(parts)] == parts and len(p.parts) > len(parts)]

    def read(self, path: PurePosixPath | str) -> str:
        """The file's text ("" when it is missing, too large, not a regular file or outside the repository)."""
        full = self.root / str(path)
        try:
            if not full.is_file() or full.stat().st_size > MAX_READ:
                return ""
            if full.is_symlink() and not full.resolve().is_relative_to(self.root.resolve()):
                return ""  # a link out of the repository is not the repository's file
            return full.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def line_of(self, path: PurePosixPath | str, pattern: str, flags: int = re.MULTILINE) -> int | None:
        """The 1-based line where ``pattern`` first matches in the file, if it does."""
        text = self.read(path)
        found = re.search(pattern, text, flags)
        return text.count("\n", 0, found.start()) + 1 if found else None

    def where(self, path: PurePosixPath | str, pattern: str) -> str:
        """``path:line`` of the first match of ``pattern``, or just ``path``."""
        line = self.line_of(path, pattern)
        return f"{path}:{line}" if line else str(path)

    @cached_property
    def code_files(self) -> list[PurePosixPath]:
        return [p for p in self.files if p.suffix.lower() in CODE_SUFFIXES]

    @cached_property
    def other_code_files(self) -> list[PurePosixPath]:
        """Source files in another open-source language (:data:`OTHER_OPEN_LANGUAGES`) that are the project's own."""
        return [
            p
            for p in self.files
            if p.suffix.lower() in OTHER_OPEN_LANGUAGES and not _NOT_PROJECT_CODE.search(p.as_posix())
        ]

    @cached_property
    def pyproject(self) -> dict[str, Any]:
        text = self.read("pyproject.toml")
        try:
            return tomllib.loads(text) if text else {}
        except tomllib.TOMLDecodeError:
            return {}

    @cached_property
    def setup_cfg(self) -> configparser.ConfigParser:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(self.read("setup.cfg"))
        except configparser.Error:
            return configparser.ConfigParser(interpolation=None)
        return parser

    @cached_property
    def description(self) -> dict[str, str]:
        """The fields of an R DESCRIPTION file at the root (empty when there is none)."""
        text = self.read("DESCRIPTION")
        if not text:
            return {}
        try:
            return {str(k): str(v) for k, v in Deb822(text.splitlines()).items()}
        except (ValueError, UnicodeError):
            return {}

    @cached_property
    def version_tags(self) -> list[str]:
        tags = (self.git("tag", "--list") or "").split() if self.is_git else []
        return [t for t in tags if VERSION_TAG.match(t)]

    @cached_property
    def commits(self) -> int:
        count = (self.git("rev-list", "--count", "HEAD") or "").strip() if self.is_git else ""
        return int(count) if count.isdigit() else 0


def listed(items: list[str] | list[PurePosixPath], limit: int = 3) -> str:
    """A short list for a message: the first few, then how many more."""
    names = [str(i) for i in items]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
