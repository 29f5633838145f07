"""``nhsoa check``: how a project differs from what its template generates today.

The template is baked again, into a temporary folder, with the answers recorded in the project's
``.cruft.json``; then every file is compared, except those the project lists under ``skip``
(its own code, documents it has rewritten). This works wherever the template is: in the same
git repository as the project (cruft's commit-based check would always report drift there), in
a release of nhsoa (found offline: :mod:`nhsoa.template.releases`), in a local folder, or at a git URL.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from nhsoa.errors import NhsoaError, UsageError
from nhsoa.template import CRUFT_FILE
from nhsoa.template.answers import unsafe
from nhsoa.template.bake import bake
from nhsoa.template.releases import extract, release_of, template_of
from nhsoa.template.source import git, is_url, toplevel

MAX_DIFF_LINES = 200
CHANGED, ADDED, MISSING = "changed", "added", "missing"


@dataclass(frozen=True)
class Difference:
    path: str
    status: str  # changed: differs from the template; added: not in the template; missing: only in the template
    diff: str = ""


@dataclass
class DriftReport:
    project: Path
    template: str
    differences: list[Difference] = field(default_factory=list)
    compared: int = 0
    skipped: int = 0

    @property
    def drifted(self) -> bool:
        return bool(self.differences)


@dataclass(frozen=True)
class CruftRecord:
    template: str
    directory: str | None
    checkout: str | None
    answers: dict[str, Any]
    skip: tuple[str, ...]


def read_record(project: Path) -> CruftRecord:
    path = project / CRUFT_FILE
    if not path.is_file():
        raise UsageError(f"{path}: no such file; {project} was not generated from a template with cruft")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise NhsoaError(f"{path}: cannot read it as JSON: {exc}") from None
    answers = data.get("context", {}).get("cookiecutter") if isinstance(data, dict) else None
    template = data.get("template") if isinstance(data, dict) else None
    skip = data.get("skip", []) if isinstance(data, dict) else []
    if not isinstance(template, str) or not isinstance(answers, dict):
        raise NhsoaError(f"{path}: needs `template` and `context.cookiecutter` (the answers); regenerate or fix it")
    if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
        raise NhsoaError(f"{path}: `skip` must be a list of paths")
    directory, checkout = data.get("directory"), data.get("checkout")
    unsafe(answers, str(path))
    return CruftRecord(
        template,
        directory if isinstance(directory, str) and directory else None,
        checkout if isinstance(checkout, str) and checkout else None,
        answers,
        tuple(skip),
    )


def is_skipped(relative: str, skip: Sequence[str]) -> bool:
    for pattern in skip:
        entry = pattern.strip("/")
        if relative == entry or relative.startswith(entry + "/") or fnmatch.fnmatchcase(relative, pattern):
            return True
    return False


def check(project: Path, template: str | None = None) -> DriftReport:
    """Compare ``project`` with a fresh bake of its template."""
    project = project.resolve()
    record = read_record(project)
    with tempfile.TemporaryDirectory(prefix="nhsoa-check-") as scratch:
        folder, described = _template_folder(project, record, template, Path(scratch))
        baked = bake(folder, record.answers, Path(scratch) / "baked")
        report = DriftReport(project=project, template=described)
        expected = _files_in(baked, use_git=False)
        actual = _files_in(project, use_git=True)
        for relative in sorted(expected | actual):
            if relative == CRUFT_FILE:
                continue
            if is_skipped(relative, record.skip):
                report.skipped += 1
                continue
            report.compared += 1
            difference = _compare(relative, baked, project, relative in expected, relative in actual)
            if difference is not None:
                report.differences.append(difference)
    return report


def _template_folder(project: Path, record: CruftRecord, override: str | None, scratch: Path) -> tuple[Path, str]:
    """The template to bake: given, in the project's own repository, a release's, a local folder, or cloned."""
    directory = record.directory or ""
    if override is not None:
        return _given_template(override, record, scratch)
    root = toplevel(project)
    if root is not None and directory and (root / directory / "cookiecutter.json").is_file():
        return root / directory, f"{directory} in this repository ({root})"
    release = release_of(record.template, record.directory, record.checkout)
    if release is not None:
        return template_of(release, scratch), f"the template of nhsoa {release}"
    if not is_url(record.template):
        folder = project / record.template / directory  # a relative template is relative to the project
        if (folder / "cookiecutter.json").is_file():
            return folder, str(folder)
        raise NhsoaError(
            f"{project / CRUFT_FILE}: the template folder {folder} no longer exists "
            "(fix: give its new place with --template)"
        )
    return _clone(record.template, record, scratch), record.template


def _given_template(override: str, record: CruftRecord, scratch: Path) -> tuple[Path, str]:
    """``--template``: a git URL, an nhsoa wheel (the template it carries), or a folder."""
    if is_url(override):
        return _clone(override, record, scratch), override
    if override.endswith(".whl") and Path(override).is_file():
        version, folder = extract(Path(override), scratch / "wheel-template")
        return folder, f"the template of nhsoa {version} ({override})"
    folder = Path(override)
    folder = folder / (record.directory or "") if not (folder / "cookiecutter.json").is_file() else folder
    if not (folder / "cookiecutter.json").is_file():
        raise UsageError(f"{override}: not a cookiecutter template (no cookiecutter.json)")
    return folder, str(folder)


def _clone(url: str, record: CruftRecord, scratch: Path) -> Path:
    target = scratch / "template"
    args = ["clone", "--quiet", "--depth", "1"]
    if record.checkout:
        args += ["--branch", record.checkout]
    outcome = git(*args, "--", url, str(target))
    if outcome.returncode != 0:
        raise NhsoaError(f"cannot fetch the template from {url}: {outcome.stderr.strip()}")
    folder = target / (record.directory or "")
    if not (folder / "cookiecutter.json").is_file():
        raise NhsoaError(f"{url}: no template at {record.directory or 'the top'} (no cookiecutter.json)")
    return folder


def _files_in(root: Path, *, use_git: bool) -> set[str]:
    if use_git and toplevel(root) is not None:
        listing = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ".", cwd=root)
        if listing.returncode == 0:
            return {p for p in listing.stdout.split("\0") if p and (root / p).is_file()}
    found = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        found |= {(base / name).as_posix() for name in names}
    return found


def _compare(relative: str, baked: Path, project: Path, in_template: bool, in_project: bool) -> Difference | None:
    if not in_project:
        return Difference(relative, MISSING)
    if not in_template:
        return Difference(relative, ADDED)
    expected, actual = (baked / relative).read_bytes(), (project / relative).read_bytes()
    if expected == actual:
        return None
    try:
        old, new = expected.decode("utf-8").splitlines(keepends=True), actual.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return Difference(relative, CHANGED, "binary files differ\n")
    lines = list(difflib.unified_diff(old, new, f"template/{relative}", f"project/{relative}"))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return Difference(relative, CHANGED, text)
