"""``nhsoa import PATH``: a draft registry entry from a tool's own metadata file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from nhsoa import yamlio
from nhsoa.commands.options import field_assignment
from nhsoa.errors import NhsoaError, given_by
from nhsoa.interop import formats
from nhsoa.interop.entries import assign, ordered
from nhsoa.interop.model import Imported, missing_required


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="turn codemeta.json, publiccode.yml, CITATION.cff, DESCRIPTION, pyproject.toml, setup.cfg, setup.py "
        "or product.yaml into a draft entry",
        description="Read a tool's metadata file and print a draft registry entry (YAML) on standard output. "
        "What could not be mapped, what was converted and which required fields are missing is reported "
        "on standard error.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the metadata file")
    parser.add_argument(
        "--format", choices=("auto", *formats.IMPORTERS), default="auto", help="the file's format (default: auto)"
    )
    parser.add_argument(
        "--set",
        type=field_assignment,
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="set a field the file does not give, e.g. --set owner.type=nhs-trust (repeatable)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the draft here instead of standard output")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.set_defaults(run=run)


def report(found: Imported, entry: dict[str, object], out: TextIO | None = None) -> None:
    """The provenance of every field, then what was left out and what is missing."""
    out = out or sys.stderr
    print(f"{found.source}: read as {found.format}", file=out)
    for dotted, origin in sorted(found.provenance.items()):
        print(f"  {dotted:<22} <- {origin}", file=out)
    for note in found.notes:
        print(f"note: {note}", file=out)
    if found.unmapped:
        print(f"not mapped: {', '.join(found.unmapped)}", file=out)
    missing = missing_required(entry)
    if missing:
        print(f"missing required fields: {', '.join(missing)} (add them with --set FIELD=VALUE)", file=out)


def run(args: argparse.Namespace) -> int:
    with given_by({"format": "--format"}):
        found = formats.read(args.path, args.format)
    entry = dict(found.entry)
    for key, value in args.set:
        assign(entry, key, value)
        found.provenance[key] = "--set"
    entry = ordered(entry)
    report(found, entry)
    text = yamlio.dumps(entry)
    if args.out:
        if args.out.exists() and not args.force:
            raise NhsoaError(f"{args.out} exists; use --force to replace it")
        yamlio.write_atomic(args.out, text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
