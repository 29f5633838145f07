"""Validation pipeline: files -> loaded documents -> findings -> lines.

Each file is checked on its own (in parallel for large registries: parsing dominates and
two cores halve it); then entries are compared with each other; then skips are applied;
then line numbers are found, only for files that have findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.parallel import cores, forked_workers
from nhsoa.registry import rules, schema
from nhsoa.registry.checks import PRODUCT_FILE, Context, Problem, check_entry
from nhsoa.registry.cross_checks import Summary, check_registry
from nhsoa.registry.findings import Finding
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import Reference, default_root, entry_files, find_root, load_reference, tools_dir

PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves


@dataclass
class Report:
    """The outcome of one validation run."""

    files: list[Path]
    findings: list[Finding] = field(default_factory=list)
    data: dict[Path, dict[str, Any]] = field(default_factory=dict)  # filled with keep_data=True

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


@dataclass
class _FileOutcome:
    path: Path
    findings: list[Finding]
    summary: Summary | None
    skipped: frozenset[rules.Rule] = frozenset()
    data: dict[str, Any] | None = None


def validate(
    paths: Sequence[Path],
    *,
    registry: Path | None = None,
    today: date | None = None,
    jobs: int | None = None,
    keep_data: bool = False,
) -> Report:
    """Validate entry files and folders; ``registry`` defaults to the one the files are in."""
    files = entry_files(paths)
    today = today or date.today()
    root = registry or _registry_for(files)
    reference = load_reference(root)
    outcomes = _check_files(files, reference, today, jobs, keep_data)

    registry_entries = [o for o in outcomes if o.summary and o.path.name != PRODUCT_FILE]
    needs_peers = registry_entries and not _covers_registry(paths, root)
    peers = _peer_summaries(root, {_identity(o.path) for o in outcomes}) if needs_peers else []
    cross = check_registry([o.summary for o in registry_entries if o.summary], peers)
    for outcome in registry_entries:
        extra = [_finding(outcome.path, p) for p in cross.get(outcome.path, []) if p.rule not in outcome.skipped]
        if extra:
            text = outcome.path.read_text(encoding="utf-8")
            outcome.findings += [f.located(yamlio.locate(text, f.field)) for f in extra]

    findings = sorted((f for o in outcomes for f in o.findings), key=Finding.sort_key)
    data = {o.path: o.data for o in outcomes if o.data is not None}
    return Report(files=files, findings=findings, data=data)


def _registry_for(files: Iterable[Path]) -> Path:
    for path in files:
        root = find_root(path.parent)
        if root is not None:
            return root
    return default_root()


def _check_files(
    files: list[Path], reference: Reference, today: date, jobs: int | None, keep_data: bool
) -> list[_FileOutcome]:
    with forked_workers(len(files), min_work=PARALLEL_FROM, jobs=jobs) as pool:
        if pool is None:
            return [check_file(path, reference, today, keep_data) for path in files]
        chunk = max(1, len(files) // (cores(jobs) * 8))
        n = len(files)
        return list(pool.map(check_file, files, [reference] * n, [today] * n, [keep_data] * n, chunksize=chunk))


def check_file(path: Path, reference: Reference, today: date, keep_data: bool = False) -> _FileOutcome:
    """Every single-file finding for one entry, with lines."""
    try:
        loaded = yamlio.load_file(path)
    except YamlError as exc:
        rule = rules.PARSE_RULES[exc.kind]
        finding = Finding(path, rule, exc.message, exc.fix or rule.fix, (), exc.line)
        return _FileOutcome(path, [finding], None)
    data = loaded.data
    if not isinstance(data, dict):
        shape = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        rule = rules.ENTRY_SHAPE
        return _FileOutcome(path, [Finding(path, rule, f"the file is {shape}", rule.fix, (), 1)], None)

    problems = [Problem(rules.SCHEMA, e.field, e.message, e.fix) for e in schema.check(data)]
    problems += check_entry(data, Context(path=path, reference=reference, today=today))
    skipped = rules.skipped(data)
    findings = [_finding(path, p) for p in problems if p.rule not in skipped]
    if findings:
        findings = [f.located(yamlio.locate(loaded.text, f.field)) for f in findings]
    return _FileOutcome(path, findings, Summary.of(path, data), skipped, data if keep_data else None)


def _finding(path: Path, problem: Problem) -> Finding:
    return Finding(path, problem.rule, problem.message, problem.fix or problem.rule.fix, problem.field)


def _identity(path: Path, _folders: dict[Path, str] = {}) -> tuple[str, str]:  # noqa: B006 - a cache
    """The same file however it is reached (relative, absolute, through a symlinked folder)."""
    folder = _folders.get(path.parent)
    if folder is None:
        folder = _folders[path.parent] = os.path.realpath(path.parent)
    return folder, path.name


def _covers_registry(paths: Sequence[Path], root: Path) -> bool:
    """Whether the paths include the registry's whole tools folder (then there are no peers)."""
    whole = {os.path.realpath(root), os.path.realpath(tools_dir(root))}
    return any(path.is_dir() and os.path.realpath(path) in whole for path in paths)


def _peer_summaries(root: Path, checked: set[tuple[str, str]]) -> list[Summary]:
    """Summaries of the registry's other entries, for duplicate and successor checks."""
    peers = []
    for path in entry_files([tools_dir(root)]) if tools_dir(root).is_dir() else []:
        if _identity(path) in checked:
            continue
        try:
            data = yamlio.load_file(path).data
        except YamlError:
            continue  # reported when that file itself is validated
        if isinstance(data, dict):
            peers.append(Summary.of(path, data))
    return peers
