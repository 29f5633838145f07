"""``nhsoa schema``: print the product metadata JSON Schema."""

from __future__ import annotations

import argparse
import sys

from nhsoa.registry import schema


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "schema",
        help="print the product metadata JSON Schema",
        description="Print the JSON Schema (draft 2020-12) that product.yaml files and registry entries follow.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema.schema_text())
    return 0
