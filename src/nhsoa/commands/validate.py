"""``nhsoa validate``: check entry files and print every finding."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhsoa.commands.options import add_registry_option, add_today_option
from nhsoa.registry.report import FORMATS, RENDERERS
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import default_root, tools_dir
from nhsoa.registry.validate import validate

_FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "hint": Severity.HINT}


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate",
        help="check registry entries or a product.yaml",
        description="Check entry files (or folders of them) against the schema and every rule. "
        "Exit 0 when clean, 1 when a finding reaches --fail-on.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: registry/tools)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--fail-on",
        choices=tuple(_FAIL_ON),
        default="error",
        help="lowest severity that fails the run (default: error)",
    )
    add_registry_option(parser)
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [tools_dir(args.registry or default_root())]
    report = validate(paths, registry=args.registry, today=args.today)
    sys.stdout.write(RENDERERS[args.format](len(report.files), report.findings))
    worst = report.worst
    return 1 if worst is not None and worst >= _FAIL_ON[args.fail_on] else 0
