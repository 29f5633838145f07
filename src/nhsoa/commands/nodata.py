"""``nhsoa no-data``: block data files (the ``nhsoa-no-data`` pre-commit hook)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.guards.nodata import check


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "no-data",
        help="block data files (CSV, spreadsheets, parquet ...)",
        description="Fail for data files (csv, xlsx, parquet, sav, dta, rds, feather, sqlite and similar) "
        "unless a pattern in [tool.nhsoa] allow_data of pyproject.toml, or --allow, covers them.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files to check")
    parser.add_argument(
        "--allow", action="append", default=[], metavar="GLOB", help="also allow files matching this pattern"
    )
    parser.add_argument(
        "--root", type=Path, default=Path("."), metavar="DIR", help="project folder with pyproject.toml (default: .)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    blocked = check(args.paths, args.root, args.allow)
    for item in blocked:
        print(item.describe())
    if blocked:
        print(f"{len(blocked)} data file(s) blocked", file=sys.stderr)
        return 1
    return 0
