"""``nhsoa review``: every rule on the entries a change touches, plus the review rules.

The head version of the registry folder is written to a temporary folder (regular files
only) and validated there with :func:`nhsoa.validate.validate`, so a review applies exactly
the rules ``nhsoa validate`` does. Base versions are read with ``git show`` and loaded
through :mod:`nhsoa.yamlio` with the same size, encoding and alias limits.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError, YamlError
from nhsoa.registry import rules
from nhsoa.registry.checks import Problem
from nhsoa.registry.findings import Finding
from nhsoa.registry.report import shown_path
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import ENTRY_SUFFIXES, ORGANISATIONS_FILE, TAXONOMY_FILE, TOOLS_DIR
from nhsoa.registry.validate import validate
from nhsoa.review import compare
from nhsoa.review.gitrepo import FileChange, Repo

STATUS_NAMES = {"A": "added", "M": "modified", "R": "renamed", "D": "deleted", "T": "modified"}


@dataclass
class EntryChange:
    status: str  # added, modified, renamed, deleted
    path: str
    old_path: str | None = None
    id: str | None = None
    fields: list[str] = field(default_factory=list)


@dataclass
class Review:
    base: str
    head: str
    base_commit: str
    head_commit: str
    entries: list[EntryChange] = field(default_factory=list)
    other_files: list[FileChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def review(
    folder: Path, base: str = "main", head: str = "HEAD", *, registry: str = "registry", today: date | None = None
) -> Review:
    repo = Repo(folder)
    head_commit = repo.commit(head)
    base_commit = repo.merge_base(repo.commit(base), head_commit)
    prefix = str(PurePosixPath(registry)).strip("/")
    result = Review(base, head, base_commit, head_commit)
    tools = f"{prefix}/{TOOLS_DIR}/"
    changes = repo.changes(base_commit, head_commit, prefix)
    entry_changes = [c for c in changes if c.path.startswith(tools) and c.path.endswith(ENTRY_SUFFIXES)]
    result.other_files = [c for c in changes if c not in entry_changes]
    with tempfile.TemporaryDirectory(prefix="nhsoa-review-") as tmp:
        checkout = Path(tmp)
        irregular = {f.path for f in repo.materialise(head_commit, prefix, checkout)}
        head_root = checkout / prefix
        current = [c for c in entry_changes if c.status != "D" and c.path not in irregular]
        if current and (head_root / TAXONOMY_FILE).is_file():
            report = validate([head_root / c.path[len(prefix) + 1 :] for c in current], registry=head_root, today=today)
            result.findings += [_relative(f, checkout) for f in report.findings]
        heads = _head_entries(head_root, prefix)
        added = {c.path for c in entry_changes if c.status == "A"}
        for change in entry_changes:
            result.entries.append(_review_entry(repo, base_commit, change, heads, irregular, added, result))
    result.findings += [_reference_change(c, prefix) for c in result.other_files if _is_reference(c.path, prefix)]
    result.findings.sort(key=Finding.sort_key)
    return result


def _relative(finding: Finding, checkout: Path) -> Finding:
    path = Path(finding.path.relative_to(checkout).as_posix())
    message = finding.message  # peers named in the message: as an absolute path, or relative to here
    for prefix in (f"{shown_path(checkout)}{os.sep}", f"{checkout}{os.sep}"):  # the longer form first
        message = message.replace(prefix, "")
    return Finding(path, finding.rule, message, finding.fix, finding.field, finding.line)


def _head_entries(root: Path, prefix: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every loadable entry of the head registry: repository path -> (text, data)."""
    entries = {}
    tools = root / TOOLS_DIR
    for path in sorted(tools.rglob("*")) if tools.is_dir() else []:
        if path.suffix not in ENTRY_SUFFIXES or not path.is_file():
            continue
        try:
            loaded = yamlio.load_file(path)
        except YamlError:
            continue
        if isinstance(loaded.data, dict):
            relative = f"{prefix}/{path.relative_to(root).as_posix()}"
            entries[relative] = (loaded.text, loaded.data)
    return entries


def _base_entry(repo: Repo, commit: str, path: str) -> dict[str, Any] | None:
    try:
        _, data = yamlio.load_bytes(repo.show(commit, path))
    except (YamlError, NhsoaError):  # an unreadable old version cannot be compared
        return None
    return data if isinstance(data, dict) else None


def _review_entry(  # noqa: PLR0917 - one step of review(), given its working state
    repo: Repo,
    base_commit: str,
    change: FileChange,
    heads: dict[str, tuple[str, dict[str, Any]]],
    irregular: set[str],
    added: set[str],
    result: Review,
) -> EntryChange:
    status = STATUS_NAMES.get(change.status, "modified")
    entry = EntryChange(status, change.path, change.old_path)
    if change.path in irregular:
        result.findings.append(
            _finding(change.path, Problem(rules.REGULAR_FILE, (), "is a symbolic link or a submodule"), 1)
        )
        return entry
    if status == "deleted":
        old = _base_entry(repo, base_commit, change.path) or {}
        entry.id = str(old.get("id") or PurePosixPath(change.path).stem)
        users = sorted(str(d.get("id")) for _, (_, d) in heads.items() if d.get("superseded_by") == entry.id)
        also = f"; {', '.join(map(str, users))} name it in superseded_by" if users else ""
        result.findings.append(
            _finding(change.path, Problem(rules.ENTRY_DELETED, (), f"the entry {entry.id!r} is deleted{also}"), 1)
        )
        return entry
    text, new = heads.get(change.path, ("", {}))
    entry.id = str(new.get("id", PurePosixPath(change.path).stem))
    if not new:
        return entry  # unreadable: validate has reported why
    skipped = rules.skipped(new)
    problems: list[Problem] = []
    old_path = change.old_path or change.path
    if status == "renamed":
        problems.append(Problem(rules.ENTRY_RENAMED, ("id",), f"renamed from {PurePosixPath(old_path).name}"))
    if status != "added":
        previous = _base_entry(repo, base_commit, old_path)
        if previous is not None:
            entry.fields = compare.changed_fields(previous, new)
            problems += compare.compare(previous, new)
    else:
        others = [d for p, (_, d) in heads.items() if p not in added]
        problems += compare.similar_entries(new, others)
    for problem in problems:
        if problem.rule not in skipped:
            result.findings.append(_finding(change.path, problem, yamlio.locate(text, problem.field)))
    return entry


def _finding(path: str, problem: Problem, line: int) -> Finding:
    rule = problem.rule
    return Finding(Path(path), rule, problem.message, problem.fix or rule.fix, problem.field, line)


def _is_reference(path: str, prefix: str) -> bool:
    return path in (f"{prefix}/{TAXONOMY_FILE}", f"{prefix}/{ORGANISATIONS_FILE}")


def _reference_change(change: FileChange, prefix: str) -> Finding:
    what = "the topic list" if change.path.endswith(TAXONOMY_FILE) else "the organisations list"
    return _finding(
        change.path,
        Problem(rules.REFERENCE_LIST_CHANGED, (), f"{what} is {STATUS_NAMES.get(change.status, 'changed')}"),
        1,
    )
