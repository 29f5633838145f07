"""A tool page says when its entry has not been checked against its repository for a year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nhsoa.registry import catalogue
from nhsoa.registry.entry import Entry
from nhsoa.registry.store import load_reference
from nhsoa.site import tool_page
from nhsoa.site.model import build_model
from nhsoa.site.paths import Urls
from tests.conftest import entry_text

TODAY = date(2026, 12, 4)
STALE = "Not checked against its repository for over a year"


def _page(registry: Path, entry_id: str, last_verified: str) -> str:
    (registry / "tools" / f"{entry_id}.yaml").write_text(
        entry_text(entry_id, last_verified=f'"{last_verified}"'), encoding="utf-8"
    )
    site = build_model(catalogue.load(registry, today=TODAY), load_reference(registry), TODAY)
    return tool_page.tool_page(site.by_id[entry_id], site, Urls(), None).text()


def test_an_entry_verified_over_a_year_ago_says_so(registry: Path) -> None:
    assert STALE in _page(registry, "old-check", "2025-12-03")


def test_an_entry_verified_within_the_year_does_not(registry: Path) -> None:
    assert STALE not in _page(registry, "new-check", "2025-12-05")


def test_r_universe_install_command() -> None:
    entry: Entry = {
        "id": "fingertipsr",
        "name": "fingertipsR",
        "summary": "R client for the Fingertips API.",
        "kind": "package",
        "repository": "https://github.com/ropensci/fingertipsR",
        "licence": "GPL-3.0-only",
        "owner": {"name": "rOpenSci", "type": "other"},
        "phase": "live",
        "install": {"r_universe": "ropensci/fingertipsR"},
    }
    assert tool_page.install_commands(entry) == [
        (
            "R (R-universe)",
            'install.packages("fingertipsR", repos = c("https://ropensci.r-universe.dev", "https://cloud.r-project.org"))',
        )
    ]
