"""The files a guard looks at: what git would commit, never virtual environments.

A folder inside a git repository stands for what ``git add`` would take from it: tracked files and
untracked files that are not ignored (``git ls-files --cached --others --exclude-standard``).
Outside git, the folder is walked. Either way ``.git`` and virtual environments are left out: a
folder holding ``pyvenv.cfg`` (venv, virtualenv, tox, nox) or ``conda-meta`` (conda), and folders
named ``.venv``, ``venv``, ``node_modules`` or ``renv/library``; installed packages are other
people's code, and scanning them buries real findings under thousands of false ones. A file named
on the command line (as pre-commit names staged files) is checked as given.

Symbolic links are never followed: git commits the link's target path, not what it points to, so
that text is what is looked at. Anything that is not a regular file or a link (a pipe, a device) is
skipped with a note, never opened.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

VENV_NAMES = frozenset({".venv", "venv", "node_modules"})
VENV_MARKERS = ("pyvenv.cfg", "conda-meta")
_GIT_LIST = ("ls-files", "--cached", "--others", "--exclude-standard", "-z")


@dataclass(frozen=True)
class Note:
    """Something about a path the user should know: it was skipped, or could not be read."""

    path: Path
    message: str

    def describe(self) -> str:
        return f"{display(self.path)}: {self.message}"


@dataclass
class FileSet:
    """The files to check, and notes on the paths that were left out and why."""

    files: list[Path] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def display(path: Path | str) -> str:
    """A path as it can be printed on one line: control characters (a newline, an escape) escaped."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def git_root(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``, or None outside git (or without git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(os.fsdecode(done.stdout.strip()))


def _git_listing(folder: Path) -> list[str] | None:
    """Paths (relative to ``folder``) that git would commit from it, or None when git cannot say."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *_GIT_LIST], capture_output=True, check=False)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return sorted({os.fsdecode(item) for item in done.stdout.split(b"\0") if item})


def is_environment(folder: Path) -> bool:
    """A virtual environment or installed-packages folder (see the module docstring)."""
    if folder.name in VENV_NAMES or (folder.name == "library" and folder.parent.name == "renv"):
        return True
    return any((folder / marker).exists() for marker in VENV_MARKERS)


class _EnvironmentFilter:
    """Answers "is this relative path inside an environment?", looking at each folder once."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._known: dict[PurePosixPath, bool] = {}

    def _is_environment(self, folder: PurePosixPath) -> bool:
        if folder not in self._known:
            self._known[folder] = folder.name == ".git" or is_environment(self.base / folder)
        return self._known[folder]

    def excludes(self, relative: str) -> bool:
        return any(self._is_environment(parent) for parent in PurePosixPath(relative).parents if parent.name)


def _walk(folder: Path) -> Iterator[Path]:
    """Every file below ``folder`` outside ``.git`` and environments, links not followed."""
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if d != ".git" and not is_environment(here / d))
        yield from (here / name for name in sorted(names))


def _classify(path: Path, files: FileSet) -> None:
    """Add ``path`` to the files, or a note saying why it is left out."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        files.notes.append(Note(path, f"cannot be read ({exc.strerror or exc}); not checked"))
        return
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        files.files.append(path)
    elif not stat.S_ISDIR(mode):  # folders listed by git are submodules, checked in their own repository
        files.notes.append(Note(path, "not a regular file (a pipe, socket or device); not checked"))


def _folder_files(folder: Path) -> Iterator[Path]:
    listing = _git_listing(folder) if git_root(folder) is not None else None
    if listing is None:
        yield from _walk(folder)
        return
    environments = _EnvironmentFilter(folder)
    for item in listing:  # a tracked file deleted from the work tree is listed too: git would commit its removal
        if not environments.excludes(item) and os.path.lexists(folder / item):
            yield folder / item


def collect(paths: Iterable[Path]) -> FileSet:
    """The files named, and the files git would commit from the folders named (see module docstring)."""
    found = FileSet()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for file in _folder_files(path):
                _classify(file, found)
        else:
            _classify(path, found)
    return found


def missing(paths: Sequence[Path]) -> list[Path]:
    """The paths that do not exist (a dangling symbolic link exists: git would commit it)."""
    return [path for path in paths if not path.exists() and not path.is_symlink()]


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form, or as given when it lies outside ``root``."""
    real = Path(os.path.realpath(path.parent)) / path.name  # the folders resolved, a link itself kept
    try:
        return real.relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return path.as_posix()
