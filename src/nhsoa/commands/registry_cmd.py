"""``nhsoa registry add --from`` and ``nhsoa registry sync``: entries harvested from repositories."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.commands.options import add_index_options, add_registry_option, add_today_option, index_client, registry_root
from nhsoa.errors import NhsoaError, UsageError
from nhsoa.interop import entries, harvest, reverify, updates
from nhsoa.interop.indexes import IndexClient
from nhsoa.interop.model import missing_required
from nhsoa.registry.store import entry_files, load_reference, tools_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("registry", help="add entries from repositories, or re-harvest them")
    commands = parser.add_subparsers(dest="registry_command", metavar="COMMAND", required=True)

    add = commands.add_parser(
        "add",
        help="add a tool from its repository",
        description="Harvest every metadata file of a repository (product.yaml, publiccode.yml, codemeta.json, "
        "CITATION.cff, DESCRIPTION, pyproject.toml), merge them with the source of each field, report "
        "conflicts, and write registry/tools/<id>.yaml.",
    )
    add.add_argument("--from", dest="source", required=True, metavar="DIR|GIT-URL", help="a folder or a git address")
    add.add_argument("--id", help="the entry's id (default: from the tool's name)")
    add.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="set or override a field (repeatable)"
    )
    add.add_argument("--force", action="store_true", help="replace an existing entry (its adopters are kept)")
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
        "commit in the facts that matter, and exit 1 if any has.",
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
    found, verified = reverify.harvest_verified(args.source, index_client(args))
    _print_harvest(found)
    for note in verified.notes:
        print(f"note: {note}")
    if not found.imports:
        raise NhsoaError(f"{args.source}: no metadata file could be read; nothing to add")
    entry: dict[str, Any] = dict(found.entry)
    for text in args.set:
        key, value = entries.parse_assignment(text)
        entries.assign(entry, key, value)
        found.provenance[key] = "--set"
    if args.id:
        entry["id"] = args.id
    if (code := entries.match_owner(entry, reference)) is not None:
        print(f"owner: matched {code} in organisations.yaml")
    entry.setdefault("added", today)
    entry["last_verified"] = today
    reverify.record(entry, verified)
    missing = missing_required(entry)
    if missing:
        wanted = [f for m in missing for f in (("owner.name", "owner.type") if m == "owner" else (m,))]
        hint = " ".join(f"--set {m}=..." for m in wanted)
        raise NhsoaError(f"the repository does not give {', '.join(missing)}; add them with {hint}")
    path = tools_dir(root) / f"{entry['id']}.yaml"
    if path.exists():
        if not args.force:
            raise NhsoaError(
                f"{path} exists; use `nhsoa registry sync {entry['id']}` to update it, or --force to replace it"
            )
        entry = _keep_curated(path, entry)
    text = yamlio.dumps(entries.ordered(_dates_as_text(entry)))
    checked = entries.write_entry(path, text, reference, today)
    for problem in checked.others:
        print(f"{path}: {entries.describe(problem)}")
    print(f"wrote {path}")
    return 0


def _keep_curated(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    old = yamlio.load_file(path).data
    if isinstance(old, dict):
        for key in entries.CURATED:
            if key in old:
                entry[key] = old[key]
                print(f"kept {key} from the existing entry")
    return entry


def _dates_as_text(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in entry.items()}


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
    changed = 0
    for path in paths:
        old_text, document = entries.load_for_edit(path)
        source = args.source or document.get("repository")
        if not isinstance(source, str):
            print(f"{path}: no repository to harvest", file=sys.stderr)
            continue
        try:
            found, verified = reverify.harvest_verified(source, client)
        except NhsoaError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        apply, report = updates.plan_sync(document, found)
        evidence = reverify.evidence_changes(document, verified)
        apply = [c for c in apply if c.field not in {e.field for e in evidence}] + evidence
        for note in verified.notes:
            print(f"{path}: note: {note}")
        for conflict in found.conflicts:
            print(f"{path}: conflict: {conflict.field}: {conflict.chosen[1]} and {conflict.others[0][1]} differ")
        for difference in report:
            print(f"{path}: {difference.field} differs in {difference.origin} (not changed; edit by hand if right)")
        if not apply:
            print(f"{path}: up to date")
            continue
        updates.apply_sync(document, apply, today)
        reverify.drop_empty_install(document)
        new_text = yamlio.dumps_roundtrip(document)
        sys.stdout.write(entries.diff(old_text, new_text, path))
        changed += 1
        if args.yes:
            entries.write_entry(path, new_text, reference, today)
            print(f"wrote {path}")
    if changed and not args.yes:
        print(f"{changed} entr{'y' if changed == 1 else 'ies'} would change; run again with --yes to write")
    return 0


def _run_check(paths: list[Path], client: IndexClient, source: str | None) -> int:
    results = reverify.recheck_files(paths, client, source=source)
    for path, result in results:
        for line in reverify.describe(path, result):
            print(line)
    print(reverify.summary(results))
    return 1 if any(result.changed or result.problem for _, result in results) else 0
