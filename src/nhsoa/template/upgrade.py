"""``nhsoa update``: apply template changes to a project with cruft, and fail loudly on conflicts.

cruft three-way merges the template's changes into the project. Where it cannot, it leaves
conflict markers (``<<<<<<<``) in files or ``.rej`` files beside them; this module looks for
both afterwards, so a half-applied update is never reported as success.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import CRUFT_FILE
from nhsoa.template.drift import _files_in, read_record
from nhsoa.template.source import is_url, toplevel

_MARKER = re.compile(rb"^(<{7}|>{7})( |$)", re.MULTILINE)


@dataclass
class UpdateResult:
    project: Path
    updated: bool
    conflicts: list[str] = field(default_factory=list)


def update(project: Path, template: str | None = None, checkout: str | None = None) -> UpdateResult:
    """Apply the template's changes since the recorded commit to ``project``."""
    project = project.resolve()
    record = read_record(project)
    if toplevel(project) is None:
        raise UsageError(f"{project}: not in a git repository; commit the project to git before updating it")
    import cruft  # noqa: PLC0415 - slow to import (GitPython, typer); only updates need it

    before = conflicts(project)
    options: dict[str, Any] = {"skip_apply_ask": True, "checkout": checkout}
    location = template or _template_location(project, record.template, record.directory)
    if location is not None:
        options["template_path"] = Path(location)
    try:
        updated = bool(cruft.update(project, **options))
    except Exception as exc:  # cruft's and git's errors share no base class
        if type(exc).__module__.split(".")[0] in ("cruft", "git", "cookiecutter"):
            raise NhsoaError(f"the update failed: {exc}") from None
        raise
    found = [path for path in conflicts(project) if path not in before]
    return UpdateResult(project, updated, found)


def _template_location(project: Path, recorded: str, directory: str | None) -> str | None:
    """Where cruft should take a local template from, as an absolute path; None to use the record as it is.

    A relative record (a product inside the template's repository) is relative to the project, not
    to where nhsoa runs; a repository that has moved since is found as the project's own repository.
    """
    if is_url(recorded):
        return None
    folder = project / recorded
    if folder.is_dir():
        return str(folder.resolve())
    root = toplevel(project)
    if root is not None and directory and (root / directory / "cookiecutter.json").is_file():
        return str(root)
    return None


def conflicts(project: Path) -> list[str]:
    """Files holding conflict markers, and ``.rej`` files, in the project."""
    found = []
    for relative in sorted(_files_in(project, use_git=True)):
        if relative == CRUFT_FILE:
            continue
        if relative.endswith(".rej"):
            found.append(relative)
            continue
        try:
            if _MARKER.search((project / relative).read_bytes()):
                found.append(relative)
        except OSError:
            continue
    return found
