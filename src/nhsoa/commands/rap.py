"""``nhsoa rap``: assess a repository against the NHS levels of RAP."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.commands.options import add_today_option
from nhsoa.errors import NhsoaError, UsageError, YamlError
from nhsoa.rap.assess import assess, record
from nhsoa.rap.criteria import LEVELS

PRODUCT_FILE = "product.yaml"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rap",
        help="assess the RAP level of a repository",
        description="Judge each NHS RAP criterion from the repository's files where they can show it, "
        "and from product.yaml (rap.criteria) where only a person can attest it.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="repository (default: .)")
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
    for level in LEVELS:
        print(f"{level}:")
        for result in (r for r in assessment.results if r.criterion.level == level):
            print(f"  {result.criterion.id} {result.status:<7} {result.criterion.text}")
            print(f"     evidence ({result.source}): {result.evidence}")
    print(f"RAP level: {assessment.level}")
    if args.write:
        if product is None:
            raise UsageError(f"{product_file}: no such file; --write records the result there")
        block = record(product_file, assessment, args.today or date.today())
        print(f"recorded rap.level {block['level']} in {product_file}")
    return 0


def _load_product(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = yamlio.load_file(path).data
    except YamlError as exc:
        raise NhsoaError(f"{path}:{exc.line}: {exc.message} (fix: {exc.fix or 'fix the YAML'})") from None
    if not isinstance(data, dict):
        raise NhsoaError(f"{path}:1: expected a mapping of fields")
    return data
