"""``nhsoa no-data``: block data files the allow list does not name (the ``nhsoa-no-data`` hook)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.errors import UsageError
from nhsoa.guards.allowlist import ALLOW_FILE
from nhsoa.guards.files import display, missing
from nhsoa.guards.nodata import check


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "no-data",
        help="block data files (CSV, spreadsheets, .rda, parquet ...) the allow list does not name",
        description=f"Fail for data files (csv, xlsx, rda, rds, parquet, sav, dta, feather, sqlite and similar) "
        f"unless the repository's allow list names them: {ALLOW_FILE} at its top (one .gitignore-style pattern a "
        "line), [tool.nhsoa] allow_data in pyproject.toml, or --allow. A folder in a git repository stands for "
        "what git would commit from it. Exit 1 naming every blocked file.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PATTERN",
        help=f"also allow files matching this pattern ({ALLOW_FILE} syntax)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help=f"top folder of the repository, holding {ALLOW_FILE} (default: git's top folder)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        print("nhsoa no-data: no files given; nothing checked (to check a folder: nhsoa no-data .)", file=sys.stderr)
        return 0
    absent = missing(args.paths)
    if absent:
        raise UsageError(f"{', '.join(display(p) for p in absent)}: no such file or folder")
    if args.root is not None and not args.root.is_dir():
        raise UsageError(f"--root {display(args.root)}: no such folder")
    result = check(args.paths, args.root, args.allow, extra_source="--allow")
    for note in result.notes:
        print(note.describe(), file=sys.stderr)
    for item in result.blocked:
        print(item.describe())
    allowed = f"{len(result.allowed)} allowed by {' and '.join(result.sources)}" if result.allowed else "none allowed"
    checked = f"{result.checked} files checked in {display(result.root)}, {result.language.value}"
    if result.blocked:
        print(f"{len(result.blocked)} data file(s) blocked ({allowed}; {checked})", file=sys.stderr)
        return 1
    if result.allowed:
        print(f"no data file blocked ({allowed}; {checked})", file=sys.stderr)
    elif any(path.is_dir() for path in args.paths):
        print(f"no data files ({checked})", file=sys.stderr)
    return 0
