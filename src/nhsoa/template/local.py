"""Generate from a template in a local git repository without cloning it, recording it as cruft does.

``cruft create`` clones the whole template repository before it renders, even from a local folder:
most of the time of ``nhsoa new`` in a large repository. For a local template nhsoa renders the
committed template with cookiecutter, straight from the folder when it is exactly as committed, or
from ``git archive`` of the commit when it is not (uncommitted edits, untracked files, another
``--checkout``), and writes ``.cruft.json`` in cruft's own format (template, commit, checkout,
context, directory, skip), so ``cruft check``, ``cruft update``, ``nhsoa check`` and ``nhsoa update``
all work on the project.

When the project is made inside the template's own git repository, the template is recorded
relative to the project folder (e.g. ``"template": "../.."``), so the record holds no path that
belongs to one machine, and keeps working when the repository is cloned or moved elsewhere.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.template.render import Recorded, render
from nhsoa.template.source import TemplateSource, git


def recorded_location(repository: Path, output_dir: Path, enclosing: Path | None) -> str:
    """How ``.cruft.json`` names the template repository for a project made in ``output_dir``.

    ``enclosing`` is the git repository ``output_dir`` is in (:func:`toplevel`), if any. Inside the
    template's repository: the path from the project folder (a child of ``output_dir``) to the
    repository's top, with forward slashes. Elsewhere: the absolute path, as cruft records it.
    """
    repository = repository.resolve()
    if enclosing != repository:
        return str(repository)
    project = output_dir.resolve() / "project"  # cookiecutter makes the project as a child of output_dir
    return PurePath(os.path.relpath(repository, project)).as_posix()


def template_commit(repository: Path, checkout: str | None) -> str:
    """The commit the template is taken from: ``checkout`` (a branch, tag or commit) or HEAD."""
    ref = checkout or "HEAD"
    outcome = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", cwd=repository)
    if outcome.returncode != 0:
        if checkout is None:
            raise NhsoaError(f"{repository}: the template repository has no commit yet (fix: commit the template)")
        raise NhsoaError(f"{repository}: no branch, tag or commit {checkout!r} in the template repository")
    return outcome.stdout.strip()


def _as_committed(repository: Path, directory: str | None) -> bool:
    """Whether the template folder holds exactly the files of HEAD (nothing edited, untracked or ignored)."""
    status = git("status", "--porcelain", "--ignored", "--untracked-files=all", "--", directory or ".", cwd=repository)
    return status.returncode == 0 and not status.stdout.strip()


def _extract(repository: Path, directory: str | None, commit: str, scratch: Path) -> Path:
    """The template folder as it is in ``commit``, written under ``scratch`` with ``git archive``."""
    args = ["git", "archive", "--format=tar", commit, "--", directory or "."]
    try:
        outcome = subprocess.run(args, cwd=repository, capture_output=True, check=False)
    except OSError as exc:
        raise NhsoaError(f"cannot run git: {exc.strerror}; install git and try again") from None
    if outcome.returncode != 0:
        message = outcome.stderr.decode("utf-8", "replace").strip()
        raise NhsoaError(f"{repository}: cannot read the template at {commit[:12]}: {message}")
    with tarfile.open(fileobj=io.BytesIO(outcome.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12, 3.11.4 and later
            archive.extractall(scratch, filter="data")
        else:  # pragma: no cover - older Pythons; git archive writes only paths inside the folder
            archive.extractall(scratch)
    return scratch / (directory or "")


def create(
    source: TemplateSource,
    output_dir: Path,
    extra_context: dict[str, Any],
    *,
    no_input: bool,
    skip: Callable[[Mapping[str, Any]], Sequence[str]],
    template: str,
) -> Path:
    """Render ``source`` (a local repository) into ``output_dir`` and write ``.cruft.json``; the project folder.

    ``template`` is what the record names as the template (see :func:`recorded_location`); the rest is
    as :func:`nhsoa.template.render.render`.
    """
    repository = Path(source.repository)
    commit = template_commit(repository, source.checkout)
    recorded = Recorded(template, commit, source.checkout, source.directory)
    with tempfile.TemporaryDirectory(prefix="nhsoa-template-") as scratch:
        folder = repository / (source.directory or "")
        if source.checkout is not None or not _as_committed(repository, source.directory):
            folder = _extract(repository, source.directory, commit, Path(scratch))
        return render(folder, output_dir, extra_context, recorded, no_input=no_input, skip=skip)
