"""``nhsoa scan``: block files that hold real NHS numbers (the ``nhsoa-scan`` pre-commit hook)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.errors import UsageError
from nhsoa.guards.scan import scan_paths


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "scan",
        help="find NHS numbers in files",
        description="Report every number that passes the NHS number modulus-11 check, outside the 999 test "
        "range, with file, line and column; the number itself is masked. Exit 1 when any is found.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"{', '.join(missing)}: no such file or folder")
    matches = scan_paths(args.paths)
    for match in matches:
        print(match.describe())
    if matches:
        print(
            f"{len(matches)} NHS number(s) found; nothing that identifies a patient may be committed", file=sys.stderr
        )
        return 1
    return 0
