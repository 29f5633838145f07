"""Options naming the package indexes that ``registry add``, ``registry sync`` and ``links`` ask.

No index is asked unless one is named: the commands then work from the repository's files alone
and say which channels they could not check.
"""

from __future__ import annotations

import argparse

from nhsoa.interop.indexes import IndexClient, Indexes

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
