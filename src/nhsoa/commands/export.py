"""``nhsoa export ID --format codemeta|publiccode|cff``: an entry as a tool's own metadata file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.commands.options import add_registry_option, registry_root
from nhsoa.errors import NhsoaError, YamlError
from nhsoa.interop import formats
from nhsoa.interop.model import missing_required
from nhsoa.registry.schema import check as schema_check
from nhsoa.registry.store import tools_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help="write an entry as codemeta.json, publiccode.yml or CITATION.cff",
        description="Write a registry entry in another metadata format. The result is checked before it is "
        "written: CITATION.cff against the CFF 1.2.0 JSON Schema, codemeta.json as JSON-LD against the "
        "CodeMeta context, publiccode.yml against the standard's mandatory keys and vocabularies.",
    )
    parser.add_argument("id", metavar="ID", help="the entry's id, or the path of an entry file")
    parser.add_argument("--format", required=True, choices=tuple(formats.EXPORTERS), help="the format to write")
    parser.add_argument(
        "--codemeta-version", choices=("2.0", "3.0"), default="3.0", help="CodeMeta version (default: 3.0)"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    add_registry_option(parser)
    parser.set_defaults(run=run)


def load_entry(reference: str, root: Path) -> tuple[Path, dict[str, Any]]:
    path = Path(reference) if reference.endswith((".yaml", ".yml")) else tools_dir(root) / f"{reference}.yaml"
    if not path.is_file():
        raise NhsoaError(f"no entry {reference!r} ({path} does not exist); `nhsoa list` shows every id")
    try:
        data = yamlio.load_file(path).data
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict) or missing_required(data) or schema_check(data):
        raise NhsoaError(f"{path}: the entry is not valid; run `nhsoa validate {path}` and fix it first")
    return path, data


def render(entry: dict[str, Any], fmt: str, codemeta_version: str = "3.0") -> str:
    module = formats.EXPORTERS[fmt]
    text: str = module.export(entry, codemeta_version) if fmt == "codemeta" else module.export(entry)
    problems: list[str] = module.check(text)
    if problems:
        raise NhsoaError(f"the {fmt} document for {entry['id']} does not validate:\n  " + "\n  ".join(problems))
    return text


def run(args: argparse.Namespace) -> int:
    path, entry = load_entry(args.id, registry_root(args))
    text = render(entry, args.format, args.codemeta_version)
    if args.out:
        if args.out.exists() and not args.force:
            raise NhsoaError(f"{args.out} exists; use --force to replace it")
        yamlio.write_atomic(args.out, text)
        print(f"wrote {args.out} from {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
