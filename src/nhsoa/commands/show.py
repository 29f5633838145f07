"""``nhsoa show ID``: one entry, in full."""

from __future__ import annotations

import argparse
import json
import sys

from nhsoa import yamlio
from nhsoa.commands.options import add_registry_option, registry_root
from nhsoa.errors import NhsoaError
from nhsoa.registry import catalogue


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("show", help="show one tool's entry", description="Show one tool's registry entry.")
    parser.add_argument("id", metavar="ID", help="the tool's id (its file name without .yaml)")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml", help="output format")
    add_registry_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    found = catalogue.load(registry_root(args))
    entry = found.get(args.id)
    if entry is None:
        suggestions = [e["id"] for e in found.search(args.id.replace("-", " "))][:3]
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "; `nhsoa list` shows every id"
        raise NhsoaError(f"no tool with id {args.id!r}{hint}")
    text = json.dumps(entry, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else yamlio.dumps(entry)
    sys.stdout.write(text)
    return 0
