"""``nhsoa registry add --from`` and ``nhsoa registry sync``: entries harvested from repositories."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa.commands.options import (
    add_index_options,
    add_registry_option,
    add_today_option,
    field_assignment,
    index_client,
    registry_root,
)
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.interop import entries, harvest, registry_add, reverify, sync
from nhsoa.interop.indexes import IndexClient
from nhsoa.registry.store import entry_files, load_reference, tools_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("registry", help="add entries from repositories, or re-harvest them")
    commands = parser.add_subparsers(dest="registry_command", metavar="COMMAND", required=True)

    add = commands.add_parser(
        "add",
        help="add a tool from its repository",
        description="Harvest what a repository says about itself (product.yaml, publiccode.yml, codemeta.json, "
        "CITATION.cff, DESCRIPTION, pyproject.toml, setup.cfg, setup.py, the licence files, the README and the "
        "origin remote), merge it with the source of each field, report conflicts, and write "
        "registry/tools/<id>.yaml. A repository already in the registry is never added twice.",
    )
    add.add_argument("--from", dest="source", required=True, metavar="DIR|GIT-URL", help="a folder or a git address")
    add.add_argument("--id", help="the entry's id (default: from the tool's name)")
    add.add_argument(
        "--set",
        type=field_assignment,
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="set or override a field (repeatable)",
    )
    add.add_argument(
        "--force", action="store_true", help="replace this repository's existing entry (its adopters are kept)"
    )
    add_index_options(add)
    add_registry_option(add)
    add_today_option(add)
    add.set_defaults(run=run_add)

    sync = commands.add_parser(
        "sync",
        help="re-harvest entries from their repositories and show what changed",
        description="Re-harvest each entry's repository and show the changes as a diff. Facts the repository "
        "is the authority on (licence, addresses, languages, install names, last commit, and the evidence: "
        "last_verified_commit and verification) are updated; curated text is only reported. Nothing is written "
        "without --yes. With --check, only report entries whose repository has changed since the recorded "
        "commit in the facts that matter, and exit 1 if any has. A repository that cannot be cloned makes the "
        "command exit 1, naming it and git's reason.",
    )
    sync.add_argument("ids", nargs="*", metavar="ID", help="entries to sync (default: all)")
    sync.add_argument("--from", dest="source", metavar="DIR|GIT-URL", help="harvest from here (one ID only)")
    sync.add_argument("--yes", action="store_true", help="write the changes")
    sync.add_argument(
        "--check",
        action="store_true",
        help="report changes in licence, install channels, phase evidence, languages and named functions "
        "since the recorded commit; write nothing; exit 1 if anything changed or could not be checked",
    )
    add_index_options(sync)
    add_registry_option(sync)
    add_today_option(sync)
    sync.set_defaults(run=run_sync)


def run_add(args: argparse.Namespace) -> int:
    root = registry_root(args)
    today = args.today or date.today()
    reference = load_reference(root)
    assignments: list[tuple[str, Any]] = args.set
    try:
        draft = registry_add.plan(
            args.source, root, reference, today,
            assignments=assignments, entry_id=args.id, force=args.force, client=index_client(args),
        )  # fmt: skip
    except registry_add.MissingFields as exc:
        _print_harvest(exc.harvest)
        wanted = [f for m in exc.fields for f in (("owner.name", "owner.type") if m == "owner" else (m,))]
        hint = " ".join(f"--set {m}=..." for m in wanted)
        raise NhsoaError(f"{exc}; add {'it' if len(wanted) == 1 else 'them'} with {hint}") from None
    except registry_add.AlreadyRegistered as exc:
        raise NhsoaError(
            f"{exc}; run `nhsoa registry sync {exc.entry_id}` to update it from its repository"
            + ("" if args.force else " (--force replaces that entry, keeping its adopters)")
        ) from None
    except registry_add.IdTaken as exc:
        raise NhsoaError(f"{exc}; choose another --id") from None
    _print_harvest(draft.harvest)
    for note in draft.verified.notes if draft.verified else []:
        print(f"note: {note}")
    for note in draft.notes:
        print(note)
    checked = registry_add.write(draft, reference, today)
    for problem in checked.others:
        print(f"{draft.path}: {entries.describe(problem)}")
    print(f"{'replaced' if draft.replaces else 'wrote'} {draft.path}")
    return 0


def _print_harvest(found: harvest.Harvest) -> None:
    for failure in found.failures:
        print(f"could not read {failure}", file=sys.stderr)
    print(f"harvested {', '.join(i.source for i in found.imports) or 'nothing'} from {found.source}")
    for dotted, origin in sorted(found.provenance.items()):
        print(f"  {dotted:<22} <- {origin}")
    for conflict in found.conflicts:
        others = "; ".join(f"{value!r} in {origin}" for value, origin in conflict.others)
        print(f"conflict: {conflict.field}: kept {conflict.chosen[0]!r} from {conflict.chosen[1]}; also {others}")
    for note in found.notes:
        print(f"note: {note}")
    if found.unmapped:
        print(f"not mapped: {', '.join(found.unmapped)}")


def run_sync(args: argparse.Namespace) -> int:
    root = registry_root(args)
    today = args.today or date.today()
    reference = load_reference(root)
    if args.source and len(args.ids) != 1:
        raise UsageError("--from needs exactly one ID")
    if args.check and args.yes:
        raise UsageError("--check only reports; it cannot be combined with --yes")
    paths = [tools_dir(root) / f"{i}.yaml" for i in args.ids] or entry_files([tools_dir(root)])
    client = index_client(args)
    if args.check:
        return _run_check(paths, client, args.source)
    failed = []
    changed = 0
    for path in paths:
        result = sync.sync_entry(path, reference, today, args.source, client)
        if result.error:
            print(f"{path}: cannot harvest {result.repository or 'the entry'}: {result.error}", file=sys.stderr)
            failed.append(path)
            continue
        for note in result.notes:
            print(f"{path}: note: {note}")
        for conflict in result.conflicts:
            print(f"{path}: conflict: {conflict.field}: {conflict.chosen[1]} and {conflict.others[0][1]} differ")
        for difference in result.report:
            print(f"{path}: {difference.field} differs in {difference.origin} (not changed; edit by hand if right)")
        if not result.changed:
            print(f"{path}: up to date")
            continue
        sys.stdout.write(entries.diff(result.old_text, result.new_text, path))
        changed += 1
        if args.yes:
            sync.write(result, reference, today)
            print(f"wrote {path}")
    if changed and not args.yes:
        print(f"{changed} entr{'y' if changed == 1 else 'ies'} would change; run again with --yes to write")
    if failed:
        entries_word = "entry" if len(paths) == 1 else "entries"
        raise NhsoaError(f"{len(failed)} of {len(paths)} {entries_word} could not be harvested")
    return 0


def _run_check(paths: list[Path], client: IndexClient, source: str | None) -> int:
    results = reverify.recheck_files(paths, client, source=source)
    for path, result in results:
        for line in reverify.describe(path, result):
            print(line)
    print(reverify.summary(results))
    return 1 if any(result.changed or result.problem for _, result in results) else 0
