"""``nhsoa update``: apply template changes to a product (cruft update, checked for conflicts)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.template.upgrade import update


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "update",
        help="apply template changes to a product",
        description="Merge the template's changes since the project was generated (or last updated) into it. "
        "The project must be committed first. Fails when conflicts are left to resolve.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="project (default: .)")
    parser.add_argument(
        "--template",
        metavar="PATH_OR_URL",
        help="take the template from here instead: a folder, a git URL, or an nhsoa wheel (its template)",
    )
    parser.add_argument(
        "--checkout",
        metavar="REF",
        help="template branch, tag or commit to update to (a product made by a nhsoa release: a release tag; "
        "default: this nhsoa's release)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = update(args.path, args.template, args.checkout)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.conflicts:
        print(f"nhsoa: error: the update left {len(result.conflicts)} conflict(s) to resolve:", file=sys.stderr)
        for path in result.conflicts:
            print(f"  {path}", file=sys.stderr)
        print(
            "fix: edit each file to keep the right lines and remove the <<<<<<< ======= >>>>>>> markers "
            "(delete .rej files once applied by hand), then commit",
            file=sys.stderr,
        )
        return 1
    if result.current:
        print(f"{result.project} already has the template it asks for; nothing to update")
        return 0
    if not result.updated:
        print("nhsoa: error: the update was not applied (see the message above)", file=sys.stderr)
        return 1
    print(f"updated {result.project}: review the changes with `git diff`, then commit")
    return 0
