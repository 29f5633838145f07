"""``nhsoa rap``: assess a repository against the NHS levels of RAP."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.commands.options import add_today_option
from nhsoa.errors import NhsoaError, UsageError, YamlError
from nhsoa.rap.assess import assess, record
from nhsoa.rap.criteria import BY_ID, RECORDED
from nhsoa.rap.report import as_json, as_text

PRODUCT_FILE = "product.yaml"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rap",
        help="assess the RAP level of a repository",
        description="Judge each NHS RAP criterion from the repository's files where they can show it "
        "(Python and R), and from product.yaml (rap.criteria) where only a person can attest it. Shows the "
        "level the files reach, what the next level needs, and what is waiting for a person's word.",
        epilog="JSON keys: path, product_yaml, level, level_from_files, next_level, next_level_needs, "
        "not_attested, criteria (id, level, criterion, status, source, files {met, summary, where}, attested, "
        "next_step); statuses: met, not-met, n/a, not-attested.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="repository (default: .)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--write", action="store_true", help="record the result in product.yaml (rap)")
    add_today_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.path
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    product_file = root / PRODUCT_FILE
    product = _load_product(product_file)
    assessment = assess(root, product)
    written = None
    if args.write:
        if product is None:
            raise UsageError(f"{product_file}: no such file; --write records the result there")
        written = record(product_file, assessment, args.today or date.today())
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(assessment, root, product is not None), indent=2) + "\n")
    else:
        sys.stdout.write(as_text(assessment))
        if written is not None:
            print(f"recorded rap.level {written['level']} in {product_file}")
    return 0


def _load_product(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        loaded = yamlio.load_file(path)
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message} (fix: {exc.fix or 'fix the YAML'})") from None
    data = loaded.data
    if not isinstance(data, dict):
        raise NhsoaError(f"{path}:1: expected a mapping of fields")
    _check_criteria(path, loaded.text, data)
    return data


def _check_criteria(path: Path, text: str, data: dict[str, Any]) -> None:
    """A person's record that cannot be read must not be passed over in silence: it would not count."""
    rap = data.get("rap")
    if rap is None:
        return
    criteria = rap.get("criteria") if isinstance(rap, dict) else None
    for field, value in (("rap", rap), ("rap.criteria", criteria)):
        if value is not None and not isinstance(value, dict):
            line = yamlio.locate(text, field.split("."))
            raise NhsoaError(f"{path}:{line}: {field} must be a mapping (fix: write `{field.split('.')[-1]}:` then "
                             "indented fields)")  # fmt: skip
    for key, value in (criteria or {}).items():
        line = yamlio.locate(text, ["rap", "criteria", key])
        if key not in BY_ID:
            raise NhsoaError(f"{path}:{line}: rap.criteria.{key} is not a RAP criterion (fix: use B1-B5, S1-S9, G1-G4)")
        if value not in RECORDED:
            raise NhsoaError(f"{path}:{line}: rap.criteria.{key} is {value!r} (fix: write {', '.join(RECORDED)})")
