"""``nhsoa links``: the registry's health report (dead, moved and unsure links; stale entries)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from nhsoa.commands.options import add_index_options, add_registry_option, add_today_option, index_client, registry_root
from nhsoa.interop import reverify
from nhsoa.registry import catalogue, linkcheck, rules
from nhsoa.registry.report import text_line
from nhsoa.registry.store import entry_files, tools_dir
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
    parser.add_argument(
        "--check-repositories",
        action="store_true",
        help="also clone each entry's repository and report what changed since the recorded commit (as "
        "`nhsoa registry sync --check`); exit 1 if anything did",
    )
    add_index_options(parser)
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
    rechecks = (
        reverify.recheck_files(entry_files([tools_dir(root)]), index_client(args)) if args.check_repositories else []
    )
    changes = [line for path, result in rechecks for line in reverify.describe(path, result) if _reported(result)]
    if args.format == "json":
        rows = [{**asdict(r), "health": r.health.value} for r in results]
        document = {"links": rows, "stale": [text_line(f) for f in stale]}
        text = json.dumps({**document, "repositories": changes} if args.check_repositories else document, indent=2)
        text += "\n"
    elif args.format == "markdown":
        text = linkcheck.markdown_report(results, [text_line(f) for f in stale], date=today.isoformat())
        if args.check_repositories:
            text += _markdown_changes(changes, reverify.summary(rechecks))
    else:
        lines = [f"{r.entry}: {r.field}: {r.health.value}: {r.url} {r.detail}".rstrip() for r in results]
        lines += [text_line(f) for f in stale]
        lines += [*changes, reverify.summary(rechecks)] if args.check_repositories else []
        text = "\n".join(lines) + ("\n" if lines else "")
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    dead = any(r.health is linkcheck.Health.DEAD for r in results)
    drifted = any(result.changed or result.problem for _, result in rechecks)
    return 1 if (args.fail_on_dead and dead) or drifted else 0


def _reported(result: reverify.Recheck) -> bool:
    return result.changed or result.problem is not None


def _markdown_changes(lines: list[str], summary: str) -> str:
    items = "".join(f"- {line}\n" for line in lines)
    return f"\n## Repositories changed since verified\n\n{summary}.\n\n{items}"
