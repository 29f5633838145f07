"""Page generation as plain Python: the model, the catalogue data, the adoption page, the adopt panel."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nhsoa.registry import catalogue
from nhsoa.registry.store import load_reference
from nhsoa.site import adopt, adoption, catalogue_page, pages, tool_page
from nhsoa.site.model import Site, build_model, is_stale
from nhsoa.site.paths import Urls
from tests.site.factory import SHIPPED, make_registry

TODAY = date(2026, 11, 25)


def _site(folder: Path, count: int, **kwargs: Any) -> Site:
    registry = make_registry(folder, count, **kwargs)
    return build_model(catalogue.load(registry, today=TODAY), load_reference(registry), TODAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _site(tmp_path_factory.mktemp("pages") / "registry", 40)


def test_catalogue_data_encodes_every_facet_value(site: Site) -> None:
    data = catalogue_page.catalogue_data(site, Urls())
    keys = [f["key"] for f in data["facets"]]
    assert keys[:9] == ["topic", "language", "licence", "phase", "rap", "safety", "region", "adopter", "owner"]
    for tool in data["tools"]:
        entry = site.by_id[tool[0]]
        decoded = {f["key"]: {f["ids"][i] for i in codes} for f, codes in zip(data["facets"], tool[6], strict=True)}
        assert decoded["topic"] == set(entry["topics"])
        assert decoded["language"] == set(entry["languages"])
        assert decoded["adopter"] == {a["ods_code"] for a in entry.get("adopters", [])}
        assert decoded["phase"] == {entry["phase"]}
        assert tool[5] == len(entry.get("adopters", []))
    assert data["toolUrl"].replace(data["placeholder"], "x") == "tools/x.html"


def test_catalogue_data_is_compact(site: Site) -> None:
    script = catalogue_page.data_script(site, Urls())
    data = json.loads(script.removeprefix("window.nhsoaCatalogue=").rstrip(";\n"))
    per_tool = len(json.dumps(data["tools"], separators=(",", ":")).encode()) / len(site.entries)
    text = sum(len(e["name"] + e["summary"] + " ".join(e["keywords"])) for e in site.entries) / len(site.entries)
    assert per_tool < text + 150  # the tool's own text plus value codes: labels are stored once per value


def test_adopters_by_region_and_stale_marks(site: Site) -> None:
    regions, rows = adoption.matrix(site)
    assert regions[:7] == ["London", "South East", "South West", "East of England", "Midlands", "North West",
                           "North East and Yorkshire"]  # fmt: skip
    totals = [sum(counts.values()) for _, counts in rows]
    assert totals == sorted(totals, reverse=True)
    assert sum(totals) == len(site.adoptions) == sum(len(e.get("adopters", [])) for e in site.entries)
    assert is_stale("2023-01-10", TODAY)
    assert not is_stale("2026-09-01", TODAY)
    assert is_stale(None, TODAY)
    stale = next(a for a in site.adoptions if a.stale)
    page = tool_page.tool_page(stale.entry, site, Urls(), None).text()
    assert "needs re-confirming" in page


def test_adoption_page_without_adopters(tmp_path: Path) -> None:
    empty = _site(tmp_path / "registry", 5, adopters=False)
    text = adoption.adoption_page(empty, Urls()).text()
    assert "No adoptions recorded yet" in text
    assert "nhsoa-heatmap" not in text
    assert "Where the tools come from" in text
    assert (
        "No organisation has recorded using this tool yet"
        in tool_page.tool_page(empty.entries[0], empty, Urls(), None).text()
    )


def test_related_tools_share_topics(site: Site) -> None:
    entry = site.entries[0]
    related = site.related(entry)
    assert entry not in related
    assert len(related) <= 5
    assert all(set(r["topics"]) & set(entry["topics"]) or set(r["keywords"]) & set(entry["keywords"]) for r in related)


def test_related_tools_are_ranked_by_shared_topics_then_keywords(site: Site) -> None:
    """3 points a shared topic, 1 a shared keyword; ties: live before retired, then by name."""
    base = site.entries[0]

    def like(entry_id: str, name: str, topics: list[str], keywords: list[str], phase: str = "live") -> dict[str, Any]:
        return {**base, "id": entry_id, "name": name, "topics": topics, "keywords": keywords, "phase": phase}

    entries = [
        like("me", "Me", ["spc", "waiting-lists"], ["funnel", "cusum"]),
        like("two-topics", "Zebra", ["spc", "waiting-lists"], []),  # 6
        like("topic-keyword", "Yak", ["spc"], ["cusum"]),  # 4
        like("topic-b", "Bear", ["waiting-lists"], []),  # 3, by name
        like("topic-a", "Ant", ["spc"], [], phase="retired"),  # 3, retired last
        like("topic-c", "Cat", ["spc"], ["other"]),  # 3
        like("keywords", "Dog", ["other"], ["FUNNEL", "cusum"]),  # 2, keywords compared casefolded
        like("nothing", "Eel", ["alone"], ["unshared"]),  # shares nothing: related to nothing
    ]
    small = Site(entries=entries, by_id={e["id"]: e for e in entries}, topics=site.topics, orgs={}, adoptions=[],
                 today=TODAY)  # fmt: skip
    assert [e["id"] for e in small.related(entries[0])] == ["two-topics", "topic-keyword", "topic-b", "topic-c",
                                                            "topic-a"]  # fmt: skip
    assert [e["id"] for e in small.related(entries[0], limit=10)][-1] == "keywords"
    assert small.related(entries[-1], limit=10) == []


def test_retired_entry_points_to_its_successor(site: Site) -> None:
    retired = next(e for e in site.entries if e.get("superseded_by"))
    text = tool_page.tool_page(retired, site, Urls(), None).text()
    successor = site.by_id[retired["superseded_by"]]
    assert f'Superseded by <a href="{successor["id"]}.html">' in text
    assert "It replaces" in tool_page.tool_page(successor, site, Urls(), None).text()


def test_home_counts(site: Site) -> None:
    text = pages.home_page(site, Urls()).text()
    assert f'<span class="nhsoa-stat__n">{len(site.entries)}</span>' in text


@pytest.mark.parametrize(
    ("licence", "status", "phrase"),
    [
        ("MIT", adopt.OK, "Keep the copyright and licence notice"),
        ("GPL-3.0-or-later", adopt.CHECK, "complete source under the GPL"),
        ("AGPL-3.0-or-later", adopt.CHECK, "over a network"),
        ("NOASSERTION", adopt.GAP, "No licence is declared"),
        ("MIT OR Apache-2.0", adopt.OK, "pick one of the options"),
    ],
)
def test_licence_obligations(licence: str, status: str, phrase: str) -> None:
    point = adopt.licence_point({"licence": licence})
    assert point.status == status
    assert any(phrase in todo for todo in point.todo)


@pytest.mark.parametrize(
    ("safety", "status", "phrase"),
    [
        (
            {"applicable": "yes", "safety_case": "https://e.org/s", "hazard_log": "https://e.org/h"},
            adopt.CHECK,
            "DCB0160",
        ),
        ({"applicable": "no", "rationale": "Aggregate only."}, adopt.OK, "confirm"),
        ({}, adopt.GAP, "whether DCB0129 applies"),
    ],
)
def test_clinical_safety_prompts(safety: dict[str, Any], status: str, phrase: str) -> None:
    point = adopt.safety_point({"clinical_safety": safety} if safety else {})
    assert point.status == status
    assert any(phrase in todo for todo in point.todo)
    if safety.get("safety_case"):
        assert ("Safety case", "https://e.org/s") in point.links


def test_identifiable_data_asks_for_a_dpia() -> None:
    point = adopt.data_point({"information_governance": {"data_level": "identifiable", "dpia": "complete"}})
    assert point.status == adopt.CHECK
    assert "A DPIA is needed" in point.todo[0]


def test_seed_registry_builds_a_page_for_every_entry() -> None:
    found = catalogue.load(SHIPPED)
    shipped = build_model(found, load_reference(SHIPPED), date.today())
    for entry in shipped.entries:
        text = tool_page.tool_page(entry, shipped, Urls(), "https://example.org/edit").text()
        assert "## Before you adopt {#before-you-adopt}" in text
