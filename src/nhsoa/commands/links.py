"""``nhsoa links``: the registry's health report (dead, moved and unsure links; stale entries)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from nhsoa.commands.options import add_registry_option, add_today_option, registry_root
from nhsoa.registry import catalogue, linkcheck, rules
from nhsoa.registry.report import text_line
from nhsoa.registry.store import tools_dir
from nhsoa.registry.validate import validate
from nhsoa.yamlio import write_atomic

STALE_RULES = (rules.ADOPTER_CONFIRMED, rules.RECENTLY_VERIFIED)


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "links",
        help="check the registry's links and report dead, moved and stale entries",
        description="Check every entry's addresses over the network and report dead, moved and unsure links, "
        "with entries whose verification or adoption claims are stale. Reports; does not fail the run "
        "unless --fail-on-dead.",
    )
    parser.add_argument(
        "--field",
        dest="fields",
        action="append",
        choices=("repository", "homepage", "documentation"),
        help="address fields to check (repeatable; default: all three)",
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each address (default 20)")
    parser.add_argument("--workers", type=int, default=8, help="addresses checked at once (default 8)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the report to FILE instead of printing it")
    parser.add_argument("--fail-on-dead", action="store_true", help="exit 1 when a link is dead")
    add_registry_option(parser)
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = registry_root(args)
    today = args.today or date.today()
    found = catalogue.load(root, today=today)
    fields = tuple(args.fields or linkcheck.DEFAULT_FIELDS)
    results = linkcheck.check_entries(found.entries, fields=fields, timeout=args.timeout, workers=args.workers)
    report = validate([tools_dir(root)], registry=root, today=today)
    stale = [f for f in report.findings if f.rule in STALE_RULES]
    if args.format == "json":
        rows = [{**asdict(r), "health": r.health.value} for r in results]
        text = json.dumps({"links": rows, "stale": [text_line(f) for f in stale]}, indent=2) + "\n"
    elif args.format == "markdown":
        text = linkcheck.markdown_report(results, [text_line(f) for f in stale], date=today.isoformat())
    else:
        lines = [f"{r.entry}: {r.field}: {r.health.value}: {r.url} {r.detail}".rstrip() for r in results]
        lines += [text_line(f) for f in stale]
        text = "\n".join(lines) + ("\n" if lines else "")
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    dead = any(r.health is linkcheck.Health.DEAD for r in results)
    return 1 if args.fail_on_dead and dead else 0
