"""``nhsoa rules``: the rules table, as a terminal table or as Markdown."""

from __future__ import annotations

import argparse
import sys

from nhsoa.registry.rules import RULES, markdown_table


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("rules", help="list the rules entries are checked against")
    parser.add_argument("--format", choices=("table", "markdown"), default="table", help="output format")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        sys.stdout.write(markdown_table())
        return 0
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    table = Table("Rule", "Name", "Severity", "Why", "Fix", show_lines=False)
    for rule in RULES:
        table.add_row(rule.id, rule.name, str(rule.severity), rule.rationale, rule.fix)
    Console().print(table)
    return 0
