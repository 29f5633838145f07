"""Where a template comes from: a git URL, or a folder inside a local git repository."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import TEMPLATE_DIRECTORY, TEMPLATE_REPOSITORY

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:)")
TEMPLATE_FILE = "cookiecutter.json"


@dataclass(frozen=True)
class TemplateSource:
    """What cruft needs: the repository (URL or absolute path), the folder in it, and a ref."""

    repository: str
    directory: str | None = None
    checkout: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_local(self) -> bool:
        return not is_url(self.repository)

    def describe(self) -> str:
        where = f"{self.repository} ({self.directory})" if self.directory else self.repository
        return where + (f" at {self.checkout}" if self.checkout else "")


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, encoding="utf-8")
    except OSError as exc:
        raise NhsoaError(f"cannot run git: {exc.strerror}; install git and try again") from None


def toplevel(path: Path) -> Path | None:
    """The root of the git work tree holding ``path``, if it is in one."""
    folder = path if path.is_dir() else path.parent
    result = git("rev-parse", "--show-toplevel", cwd=folder)
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 else None


def bundled() -> TemplateSource | None:
    """The template of the nhsoa source tree this nhsoa runs from, when it runs from one."""
    root = Path(__file__).resolve().parents[3]
    if not (root / TEMPLATE_DIRECTORY / TEMPLATE_FILE).is_file() or toplevel(root) != root:
        return None
    return TemplateSource(str(root), TEMPLATE_DIRECTORY, None, _uncommitted(root, TEMPLATE_DIRECTORY))


def resolve(spec: str | None, directory: str | None = None, checkout: str | None = None) -> TemplateSource:
    """The template to use: ``spec`` (git URL or local path) or, by default, nhsoa's own."""
    if spec is None:
        return bundled() or TemplateSource(TEMPLATE_REPOSITORY, directory or TEMPLATE_DIRECTORY, checkout)
    if is_url(spec):
        return TemplateSource(spec, directory, checkout)
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise UsageError(f"{spec}: no such template folder (give a folder holding {TEMPLATE_FILE}, or a git URL)")
    folder = path / directory if directory else path
    if not (folder / TEMPLATE_FILE).is_file():
        raise UsageError(f"{folder}: not a cookiecutter template (it has no {TEMPLATE_FILE})")
    root = toplevel(path)
    if root is None:
        raise UsageError(
            f"{spec}: the template must be in a git repository, because the project records the template's "
            f"commit (fix: run `git init && git add -A && git commit -m template` in {spec})"
        )
    relative = folder.resolve().relative_to(root).as_posix()
    inner = None if relative == "." else relative
    return TemplateSource(str(root), inner, checkout, _uncommitted(root, inner or "."))


def _uncommitted(root: Path, directory: str) -> tuple[str, ...]:
    status = git("status", "--porcelain", "--", directory, cwd=root)
    if status.returncode == 0 and status.stdout.strip():
        return (f"{root / directory} has uncommitted changes; the last commit of the template is used",)
    return ()
