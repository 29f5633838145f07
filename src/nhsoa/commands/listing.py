"""``nhsoa list`` and ``nhsoa search``: the catalogue as a table, filtered."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from nhsoa.commands.options import add_registry_option, registry_root
from nhsoa.registry import catalogue
from nhsoa.registry.catalogue import Catalogue, Filters
from nhsoa.registry.entry import Entry
from nhsoa.registry.store import load_reference


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    listing = subparsers.add_parser("list", help="list the registry's tools", description="List the registry's tools.")
    listing.add_argument("--topics", action="store_true", help="list the topics of the taxonomy instead")
    _add_common(listing)
    listing.set_defaults(run=run_list)

    search = subparsers.add_parser(
        "search",
        help="search the registry",
        description=(
            "Find tools by the words of TEXT, best match first, in the same order as the site's catalogue. "
            "Name, id, topics, keywords, languages, summary, owner and description are searched; NHS "
            "abbreviations find what they stand for (RTT, referral to treatment), and retired tools "
            "come after the others unless TEXT names them."
        ),
    )
    search.add_argument("text", metavar="TEXT", help='words to look for, e.g. "SPC" or "waiting list"')
    _add_common(search)
    search.set_defaults(run=run_search)


def _add_common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all that are given must match)")
    group.add_argument("--topic", help="topic id, e.g. spc")
    group.add_argument("--language", help="programming language, e.g. R")
    group.add_argument("--owner", help="part of the owner's name, or its ODS code")
    group.add_argument("--phase", choices=("discovery", "alpha", "beta", "live", "retired"))
    group.add_argument("--licence", help="an SPDX licence id, e.g. MIT")
    group.add_argument("--adopted-by", metavar="ODS", help="ODS code of an adopting organisation")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    add_registry_option(parser)


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        topic=args.topic,
        language=args.language,
        owner=args.owner,
        phase=args.phase,
        licence=args.licence,
        adopted_by=args.adopted_by,
    )


def _load(args: argparse.Namespace) -> Catalogue:
    found = catalogue.load(registry_root(args))
    if found.skipped:
        paths = sorted({str(f.path) for f in found.skipped})
        print(f"nhsoa: {len(paths)} entr{'y' if len(paths) == 1 else 'ies'} with errors left out; "
              "run `nhsoa validate` to see why", file=sys.stderr)  # fmt: skip
    return found


def run_list(args: argparse.Namespace) -> int:
    if args.topics:
        reference = load_reference(registry_root(args))
        rows = [(t.id, t.name, t.definition) for t in reference.topics.values()]
        _table(("Topic", "Name", "Definition"), rows, title="Topics")
        return 0
    _print(_load(args).filter(_filters(args)), args.format)
    return 0


def run_search(args: argparse.Namespace) -> int:
    found = _load(args).search(args.text, _filters(args))
    _print(found, args.format)
    return 0 if found else 1


def _print(entries: Sequence[Entry], output: str) -> None:
    if output == "json":
        sys.stdout.write(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
        return
    rows = [
        (
            e["id"],
            e["name"],
            e["kind"],
            ", ".join(e.get("languages", [])),
            e["licence"],
            e["owner"]["name"],
            e["phase"],
        )
        for e in entries
    ]
    _table(("Id", "Name", "Kind", "Language", "Licence", "Owner", "Phase"), rows, title=f"{len(rows)} tools")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, title: str) -> None:
    from rich.console import Console  # noqa: PLC0415 - rich only when printing
    from rich.table import Table  # noqa: PLC0415

    table = Table(*headers, title=title, title_justify="left", expand=False)
    for row in rows:
        table.add_row(*row)
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
