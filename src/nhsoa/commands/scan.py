"""``nhsoa scan``: block files that hold patients' NHS, H&C or CHI numbers (the ``nhsoa-scan`` hook)."""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

from nhsoa.errors import UsageError
from nhsoa.guards import baseline as baselines
from nhsoa.guards.files import display, git_root, missing, relative_to
from nhsoa.guards.scan import Match, ScanResult, scan_paths


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "scan",
        help="find patients' NHS, H&C and CHI numbers in files",
        description="Report every number that could be a patient's NHS number (England, Wales, Isle of Man), "
        "H&C number (Northern Ireland) or CHI number (Scotland): in an issuing range, with a right check digit "
        "(and a CHI number's date of birth), not a placeholder such as 1111111111. A folder in a git repository "
        "stands for what git would commit from it; virtual environments are skipped. Findings give file, line "
        "and column with the number masked. Exit 1 when any is found that the baseline does not know.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: .)")
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="record every current finding as a known fake in the baseline (hashed) and exit 0",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help=f"the baseline file (default: {baselines.BASELINE_FILE} at the top of the git repository)",
    )
    parser.set_defaults(run=run)


def _root(args: argparse.Namespace, first: Path) -> Path:
    """The folder baseline paths are relative to: the baseline's own, else the repository's top."""
    if args.baseline is not None:
        return Path(os.path.abspath(args.baseline)).parent
    folder = first if first.is_dir() else Path(os.path.abspath(first)).parent
    return git_root(folder) or (first if first.is_dir() else Path.cwd())


def _update(path: Path, root: Path, result: ScanResult) -> int:
    known = baselines.load(path) if path.is_file() else baselines.Baseline()
    numbers: dict[str, set[str]] = defaultdict(set)
    for match in result.matches:
        numbers[relative_to(match.path, root)].add(match.digits)
    for relative in (relative_to(file, root) for file in result.scanned):
        known.record(relative, numbers.get(relative, set()))
    for gone in [name for name in known.entries if not os.path.lexists(root / name)]:
        known.record(gone, set())
    baselines.save(path, known)
    count = sum(len(hashes) for hashes in known.entries.values())
    print(f"{display(path)}: {count} known finding(s) in {len(known.entries)} file(s); commit it", file=sys.stderr)
    return 0


def _new(path: Path, root: Path, matches: list[Match], explicit: bool) -> list[Match]:
    if not path.is_file():
        if explicit:
            raise UsageError(f"{path}: no such baseline (create it with `nhsoa scan --update-baseline`)")
        return matches
    known = baselines.load(path)
    return [match for match in matches if not known.knows(relative_to(match.path, root), match.digits)]


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [Path(".")]
    absent = missing(paths)
    if absent:
        raise UsageError(f"{', '.join(display(p) for p in absent)}: no such file or folder")
    root = _root(args, paths[0])
    baseline = args.baseline if args.baseline is not None else root / baselines.BASELINE_FILE
    own = os.path.realpath(baseline)
    result = scan_paths(paths, skip=lambda file: os.path.realpath(file) == own)
    for note in result.notes:
        print(note.describe(), file=sys.stderr)
    if args.update_baseline:
        return _update(baseline, root, result)
    new = _new(baseline, root, result.matches, explicit=args.baseline is not None)
    for match in new:
        print(match.describe())
    known = len(result.matches) - len(new)
    summary = f"{len(new)} possible patient number(s) in {len({m.path for m in new})} of {len(result.scanned)} files"
    if known:
        summary += f"; {known} known fake(s) in {display(baseline)} not shown"
    if new:
        summary += "; nothing that identifies a patient may be committed"
    print(summary, file=sys.stderr)
    return 1 if new else 0
