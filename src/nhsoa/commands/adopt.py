"""``nhsoa adopt ID --ods CODE``: record that an organisation uses a tool, or re-confirm it."""

from __future__ import annotations

import argparse
from datetime import date

from nhsoa import yamlio
from nhsoa.commands.options import add_registry_option, add_today_option, iso_date, registry_root
from nhsoa.errors import given_by
from nhsoa.interop import entries, updates
from nhsoa.registry.store import load_reference, tools_dir

OPTIONS = {"ods_code": "--ods", "evidence": "--evidence", "contact": "--contact", "since": "--since"}


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "adopt",
        help="record or re-confirm an adopting organisation",
        description="Add an adopter (by ODS code) to an entry, or set the date it last confirmed its use. "
        "The entry's comments and field order are kept.",
    )
    parser.add_argument("id", metavar="ID", help="the tool's id")
    parser.add_argument("--ods", required=True, metavar="CODE", help="the adopting organisation's ODS code")
    parser.add_argument("--evidence", metavar="URL", help="an https address that shows the use")
    parser.add_argument("--contact", metavar="TEXT", help="who to ask at the organisation")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="when use began (default: today)")
    add_registry_option(parser)
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = registry_root(args)
    today = args.today or date.today()
    reference = load_reference(root)
    path = tools_dir(root) / f"{args.id}.yaml"
    _, document = entries.load_for_edit(path)
    with given_by(OPTIONS):
        done = updates.record_adoption(
            document, args.ods, today=today, evidence=args.evidence, contact=args.contact, since=args.since
        )
    code = args.ods.strip().upper()
    checked = entries.write_entry(path, yamlio.dumps_roundtrip(document), reference, today)
    for problem in checked.others:
        print(f"{path}: {entries.describe(problem)}")
    name = reference.organisations[code].name if code in reference.organisations else code
    print(f"{done} {name} ({code}) as an adopter of {args.id} on {today}")
    return 0
