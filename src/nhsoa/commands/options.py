"""Argument types and options shared by several commands."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.interop.indexes import IndexClient, Indexes
from nhsoa.registry.store import default_root, is_registry

_FIELD = re.compile(r"[a-z_]+(\.[a-z_]+)*")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def field_assignment(text: str) -> tuple[str, Any]:
    """``FIELD=VALUE`` (``--set``), the field dotted (``owner.type``), the value read as YAML (lists, dates)."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"{text!r}: write FIELD=VALUE, e.g. --set owner.type=nhs-trust")
    key, value = text.split("=", 1)
    key = key.strip()
    if not _FIELD.fullmatch(key):
        raise argparse.ArgumentTypeError(f"{text!r}: {key!r} is not a field name such as phase or owner.type")
    try:
        parsed = yamlio.loads(value) if value.strip() else ""
    except YamlError:
        parsed = value
    return key, value if parsed is None else parsed


def registry_folder(text: str) -> Path:
    path = Path(text)
    if not is_registry(path):
        raise argparse.ArgumentTypeError(
            f"{text} is not a registry folder (it needs taxonomy.yaml and organisations.yaml)"
        )
    return path


def add_registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--registry",
        type=registry_folder,
        metavar="DIR",
        help="registry folder (default: ./registry, else the registry shipped with nhsoa)",
    )


def add_today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD", help="judge dates as if today were this day (default: today)"
    )


def registry_root(args: argparse.Namespace) -> Path:
    return args.registry or default_root()


# Package indexes that `registry add`, `registry sync` and `links` ask; none is asked unless named.
PUBLIC = Indexes()


def add_index_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "package indexes", "asked to confirm install channels and releases; none is asked unless named"
    )
    group.add_argument(
        "--public-indexes",
        action="store_true",
        help=f"ask the public indexes: {PUBLIC.pypi}, {PUBLIC.cran}, {PUBLIC.npm} and {PUBLIC.r_universe}",
    )
    group.add_argument("--pypi-url", metavar="URL", help="a PyPI-compatible index (JSON API)")
    group.add_argument("--cran-url", metavar="URL", help="a CRAN mirror or other CRAN-like repository")
    group.add_argument("--npm-url", metavar="URL", help="an npm registry")
    group.add_argument(
        "--r-universe-url", metavar="URL", help="R-universe, with {universe} where the universe's name goes"
    )


def index_client(args: argparse.Namespace) -> IndexClient:
    public = args.public_indexes
    return IndexClient(
        Indexes(
            pypi=args.pypi_url or (PUBLIC.pypi if public else None),
            cran=args.cran_url or (PUBLIC.cran if public else None),
            npm=args.npm_url or (PUBLIC.npm if public else None),
            r_universe=args.r_universe_url or (PUBLIC.r_universe if public else None),
        )
    )
