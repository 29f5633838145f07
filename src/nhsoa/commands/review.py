"""``nhsoa review``: check the entries a change touches, as a maintainer's checklist."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.commands.options import add_today_option
from nhsoa.registry.rules import Severity
from nhsoa.review.pipeline import review
from nhsoa.review.render import FORMATS, RENDERERS

_FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "hint": Severity.HINT}


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "review",
        help="review the registry changes between two git refs",
        description="Find the entries added, modified, renamed and deleted between two git refs, run every rule "
        "on them plus the review rules (OA101 to OA109), and print the result. --format markdown is a "
        "maintainer's checklist for a pull-request comment; github prints workflow annotations. "
        "Exit 0 when clean, 1 when a finding reaches --fail-on.",
    )
    parser.add_argument("--base", default="main", metavar="REF", help="the ref the change is based on (default: main)")
    parser.add_argument("--head", default="HEAD", metavar="REF", help="the changed ref (default: HEAD)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--fail-on", choices=tuple(_FAIL_ON), default="error", help="lowest severity that fails the run"
    )
    parser.add_argument(
        "--repo", type=Path, default=Path(), metavar="DIR", help="the registry repository (default: here)"
    )
    parser.add_argument(
        "--registry-path", default="registry", metavar="PATH", help="the registry folder inside the repository"
    )
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = review(args.repo, args.base, args.head, registry=args.registry_path, today=args.today)
    sys.stdout.write(RENDERERS[args.format](result))
    worst = result.worst
    return 1 if worst is not None and worst >= _FAIL_ON[args.fail_on] else 0
