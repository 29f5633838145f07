"""Where a template comes from: the copy this nhsoa carries, a git URL, or a folder inside a local git repository.

By default nhsoa generates from the template of its own source tree when it runs from a checkout,
else from the copy its wheel carries (``nhsoa/templates/analytics-product``), which needs no network.
A product made from the carried copy records the nhsoa repository at this release's tag, as cruft
would have recorded it, so its template can also be fetched from the code host where that is reachable.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from nhsoa import __version__
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import TEMPLATE_DIRECTORY, TEMPLATE_REPOSITORY

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:)")
_TAG = re.compile(r"^v([0-9]+(?:\.[0-9]+)*(?:[.+-]?[A-Za-z0-9.+-]+)?)$")
TEMPLATE_FILE = "cookiecutter.json"
# Where the wheel puts the template (pyproject.toml, [tool.hatch.build.targets.wheel.force-include]).
PACKAGED_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "analytics-product"


@dataclass(frozen=True)
class TemplateSource:
    """What cruft needs: the repository (URL or absolute path), the folder in it, and a ref.

    ``folder`` is a copy of that template already on disk (the one this nhsoa carries), rendered
    instead of fetching ``repository``; ``version`` is the nhsoa release the template belongs to.
    """

    repository: str
    directory: str | None = None
    checkout: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)
    folder: Path | None = None
    version: str | None = None

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


def release_tag(version: str) -> str:
    """The nhsoa repository's tag for a release: ``v`` and the version."""
    return f"v{version}"


def tag_version(tag: str | None) -> str | None:
    """The version a release tag names (``v0.2.0`` names 0.2.0), or None for any other ref."""
    match = _TAG.match(tag or "")
    return match.group(1) if match else None


def packaged() -> TemplateSource | None:
    """The template this installed nhsoa carries, recorded as the nhsoa repository at this release's tag."""
    if not (PACKAGED_TEMPLATE / TEMPLATE_FILE).is_file():
        return None
    tag = release_tag(__version__)
    return TemplateSource(TEMPLATE_REPOSITORY, TEMPLATE_DIRECTORY, tag, folder=PACKAGED_TEMPLATE, version=__version__)


def resolve(spec: str | None, directory: str | None = None, checkout: str | None = None) -> TemplateSource:
    """The template to use: ``spec`` (git URL or local path) or, by default, nhsoa's own."""
    if spec is None:
        tree = bundled()
        if tree is not None:
            return replace(tree, checkout=checkout) if checkout else tree
        own = packaged()
        if own is not None and checkout in (None, own.checkout):
            return own
        tag = checkout or release_tag(__version__)
        return TemplateSource(TEMPLATE_REPOSITORY, directory or TEMPLATE_DIRECTORY, tag, version=tag_version(tag))
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
