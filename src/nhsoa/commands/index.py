"""``nhsoa index``: the machine-readable registry (JSON, CSV and the schema)."""

from __future__ import annotations

import argparse
from pathlib import Path

from nhsoa.commands.options import add_registry_option, registry_root
from nhsoa.registry import catalogue
from nhsoa.registry.report import shown_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "index",
        help="write registry.json, registry.csv and the schema",
        description="Write the registry's valid entries as registry.json and registry.csv, with product.schema.json.",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into")
    add_registry_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    written = catalogue.write_index(catalogue.load(registry_root(args)), args.out)
    for path in written:
        print(f"wrote {shown_path(path)}")
    return 0
