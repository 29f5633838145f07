"""``nhsoa check``: show how a product differs from what its template generates today."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.template import CRUFT_FILE
from nhsoa.template.drift import check


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="check a product for drift from its template",
        description="Generate the template again with the answers in .cruft.json and compare every file, "
        "except those listed under `skip` in .cruft.json. Exit 1 when anything differs.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="project (default: .)")
    parser.add_argument(
        "--template",
        metavar="PATH_OR_URL",
        help="compare with this template instead: a folder, a git URL, or an nhsoa wheel (its template)",
    )
    parser.add_argument("--no-diff", action="store_true", help="list the files only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = check(args.path, args.template)
    for difference in report.differences:
        print(f"{difference.status}: {difference.path}")
        if difference.diff and not args.no_diff:
            sys.stdout.write(difference.diff)
    summary = f"{report.compared} files compared with {report.template}, {report.skipped} skipped"
    if report.drifted:
        print(f"{len(report.differences)} file(s) differ from the template; {summary}")
        print(
            "fix: run `nhsoa update` to take template changes, restore files you did not mean to change, "
            f"or list files the project owns under `skip` in {CRUFT_FILE}"
        )
        return 1
    print(f"no drift: {summary}")
    return 0
