"""``nhsoa update``: apply template changes to a project with cruft, and fail loudly on conflicts.

cruft three-way merges the template's changes into the project. Where it cannot, it leaves
conflict markers (``<<<<<<<``) in files or ``.rej`` files beside them; this module looks for
both afterwards, so a half-applied update is never reported as success. A product made from a
nhsoa release moves to another release's template, found offline (:mod:`nhsoa.template.history`).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa import __version__
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import CRUFT_FILE
from nhsoa.template.drift import _files_in, read_record
from nhsoa.template.history import move_pins, pinned_release, record_release, releases_repository
from nhsoa.template.releases import extract, release_of, template_of
from nhsoa.template.source import is_url, release_tag, tag_version, toplevel

_MARKER = re.compile(rb"^(<{7}|>{7})( |$)", re.MULTILINE)


@dataclass
class UpdateResult:
    project: Path
    updated: bool
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    current: bool = False  # already had the template asked for: nothing was changed


def update(project: Path, template: str | None = None, checkout: str | None = None) -> UpdateResult:
    """Apply the template's changes since the recorded commit (or release) to ``project``."""
    project = project.resolve()
    record = read_record(project)
    if toplevel(project) is None:
        raise UsageError(f"{project}: not in a git repository; commit the project to git before updating it")
    pinned = str(record.answers.get("_nhsoa_version") or __version__)
    release = release_of(record.template, record.directory, record.checkout)
    if release is not None and (template is None or template.endswith(".whl")):
        return _update_release(project, release, pinned, template, checkout)
    options: dict[str, Any] = {"checkout": checkout}
    location = template or _template_location(project, record.template, record.directory)
    if location is not None:
        options["template_path"] = Path(location)
    return _cruft_update(project, pinned, options)


def _cruft_update(project: Path, pinned: str, options: dict[str, Any]) -> UpdateResult:
    """``cruft update`` with ``options``, rendering the template for the nhsoa release the project pins."""
    import cruft  # noqa: PLC0415 - slow to import (GitPython, typer); only updates need it

    before = conflicts(project)
    try:
        with pinned_release(pinned):
            updated = bool(cruft.update(project, skip_apply_ask=True, **options))
    except Exception as exc:  # cruft's and git's errors share no base class
        if type(exc).__module__.split(".")[0] in ("cruft", "git", "cookiecutter"):
            raise NhsoaError(f"the update failed: {exc}") from None
        raise
    found = [path for path in conflicts(project) if path not in before]
    return UpdateResult(project, updated, found)


def _update_release(project: Path, old: str, pinned: str, wheel: str | None, checkout: str | None) -> UpdateResult:
    """From the template of nhsoa ``old`` to that of ``checkout``'s release, the wheel's, or the running nhsoa's."""
    new = tag_version(checkout) if checkout else __version__
    if new is None:
        hint = f"give a release tag, e.g. {release_tag(__version__)}"
        raise UsageError(f"--checkout {checkout}: the product follows nhsoa releases; {hint}")
    with tempfile.TemporaryDirectory(prefix="nhsoa-update-") as scratch_name:
        scratch = Path(scratch_name)
        if wheel is not None:
            new, new_template = extract(Path(wheel), scratch / "given")
        else:
            new_template = template_of(new, scratch / "new")
        states = [(old, template_of(old, scratch / "old")), (new, new_template)] if old != new else []
        if not states:
            return UpdateResult(project, updated=False, current=True)
        history = releases_repository(scratch / "releases", states)
        result = _cruft_update(project, pinned, {"template_path": history, "checkout": release_tag(new)})
    if result.updated:
        record_release(project, new)
        moved = move_pins(project, _files_in(project, use_git=True), pinned, new)
        if moved:
            result.notes.append(f"nhsoa=={new} is now pinned in {', '.join(moved)} (was {pinned})")
    return result


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
