"""Argument types and options shared by several commands."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from nhsoa.registry.store import default_root, is_registry


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


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
