"""The catalogue: a faceted, shareable, fast filter over every tool.

The page is a form and an empty result list that ``catalogue.js`` fills from
``catalogue-data.js`` (a compact, dictionary-encoded copy of the fields it needs, loaded
as a script so it also works when the site is opened from files). Without JavaScript the
page shows the plain list in its ``<noscript>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nhsoa.registry.entry import Entry
from nhsoa.site import catalogue_search, paths
from nhsoa.site.adopt import licence_ids
from nhsoa.site.html import format_html, json_for_script
from nhsoa.site.model import Site, region_rank
from nhsoa.site.page import PHASE_LABEL, RAP_LABEL, SAFETY_LABEL, Page
from nhsoa.site.pages import ORG_TYPE_LABEL, linker, tool_list
from nhsoa.site.paths import Urls

DATA_FILE = "assets/nhsoa/catalogue-data.js"
SCRIPT_FILE = "assets/nhsoa/catalogue.js"
ID_PLACEHOLDER = "__id__"

Values = Callable[[Entry, Site], list[tuple[str, str]]]  # (value id, label) pairs of one entry


@dataclass(frozen=True)
class Facet:
    key: str  # the URL parameter
    label: str
    values: Values
    order: str = "count"  # how the page lists values: by count, or in the order given ("fixed")


def _topics(e: Entry, s: Site) -> list[tuple[str, str]]:
    return [(t, s.topics[t].name if t in s.topics else t) for t in e.get("topics", [])]


def _owner(e: Entry, s: Site) -> list[tuple[str, str]]:
    org = s.owner(e)
    return [(org.key, org.name)]


def _adopters(e: Entry, s: Site) -> list[tuple[str, str]]:
    return [(a.org.key, a.org.name) for a in s.adoptions_of(e["id"])]


def _regions(e: Entry, s: Site) -> list[tuple[str, str]]:
    return [(r, r) for r in s.adopter_regions(e)]


def _rap_level(entry: Entry) -> str | None:
    return entry["rap"]["level"] if "rap" in entry else None


def _safety(entry: Entry) -> str | None:
    return entry["clinical_safety"]["applicable"] if "clinical_safety" in entry else None


def _one(value: str | None, labels: dict[str, str], missing: str) -> list[tuple[str, str]]:
    return [(value, labels.get(value, value))] if value else [("unknown", missing)]


FACETS: tuple[Facet, ...] = (
    Facet("topic", "Topic", _topics),
    Facet("language", "Language", lambda e, s: [(x, x) for x in e.get("languages", [])]),
    Facet("licence", "Licence", lambda e, s: [(x, x) for x in licence_ids(str(e.get("licence", "")))]),
    Facet("phase", "Phase", lambda e, s: _one(e.get("phase"), PHASE_LABEL, "Unknown"), order="fixed"),
    Facet("rap", "RAP level", lambda e, s: _one(_rap_level(e), RAP_LABEL, "RAP not assessed"), "fixed"),
    Facet(
        "safety",
        "Clinical safety",
        lambda e, s: _one(_safety(e), SAFETY_LABEL, "Clinical safety not stated"),
        order="fixed",
    ),
    Facet("region", "Adopted in region", _regions, order="fixed"),
    Facet("adopter", "Adopted by", _adopters),
    Facet("owner", "Owner", _owner),
    Facet("owner_type", "Owner type", lambda e, s: _one(e["owner"].get("type"), ORG_TYPE_LABEL, "Unknown")),
    Facet("kind", "Kind", lambda e, s: [(e.get("kind", ""), e.get("kind", ""))]),
)
_FIXED_ORDER = {
    "phase": list(PHASE_LABEL),
    "rap": ["gold", "silver", "baseline", "none", "unknown"],
    "safety": ["yes", "no", "unknown"],
}


def catalogue_data(site: Site, urls: Urls) -> dict[str, Any]:
    """Facet values once each; per tool, its text fields and the indexes of its facet values."""
    facet_values: list[dict[str, int]] = [{} for _ in FACETS]
    facet_labels: list[list[str]] = [[] for _ in FACETS]
    facet_ids: list[list[str]] = [[] for _ in FACETS]
    tools = []
    for entry in site.entries:
        coded = []
        for index, facet in enumerate(FACETS):
            codes = []
            for value, label in facet.values(entry, site):
                if value not in facet_values[index]:
                    facet_values[index][value] = len(facet_ids[index])
                    facet_ids[index].append(value)
                    facet_labels[index].append(label)
                codes.append(facet_values[index][value])
            coded.append(codes)
        tools.append(
            [
                entry["id"],
                entry["name"],
                entry["summary"],
                " ".join(entry.get("keywords", [])),
                entry.get("last_verified", ""),
                len(site.adoptions_of(entry["id"])),
                coded,
            ]
        )
    facets = []
    for index, facet in enumerate(FACETS):
        order = _display_order(facet, facet_ids[index])
        facets.append(
            {
                "key": facet.key,
                "label": facet.label,
                "ids": facet_ids[index],
                "labels": facet_labels[index],
                "order": order,
            }
        )
    tool_url = urls.rel(paths.CATALOGUE, paths.tool_page(ID_PLACEHOLDER))
    return {"toolUrl": tool_url, "placeholder": ID_PLACEHOLDER, "facets": facets, "tools": tools}


def _display_order(facet: Facet, ids: list[str]) -> list[int] | None:
    """For fixed-order facets, the value indexes in reading order; None means "by count"."""
    if facet.order != "fixed":
        return None
    if facet.key == "region":
        return sorted(range(len(ids)), key=lambda i: region_rank(ids[i]))
    wanted = _FIXED_ORDER.get(facet.key, [])
    return sorted(range(len(ids)), key=lambda i: (wanted.index(ids[i]) if ids[i] in wanted else len(wanted), ids[i]))


def data_script(site: Site, urls: Urls) -> str:
    return f"window.nhsoaCatalogue={json_for_script(catalogue_data(site, urls))};\n"


def catalogue_page(site: Site, urls: Urls) -> Page:
    path = paths.CATALOGUE
    page = Page(
        path=path,
        title="Catalogue",
        description="Search and filter every tool in the registry",
        hide=("navigation", "toc"),
        searchable=False,
    )
    to = linker(urls, path)
    page.html(
        format_html(
            '<div class="nhsoa-catalogue" id="nhsoa-catalogue" hidden>'
            '<div class="nhsoa-cat-bar" role="search">'
            '<label class="nhsoa-cat-q" for="nhsoa-q"><span>Search by name, topic, keyword or description</span>'
            '<input id="nhsoa-q" type="search" autocomplete="off" placeholder="e.g. control chart"></label>'
            '<label class="nhsoa-cat-sort" for="nhsoa-sort"><span>Sort by</span><select id="nhsoa-sort">'
            '<option value="relevance">Best match</option>'
            '<option value="name">Name</option><option value="verified">Recently verified</option>'
            '<option value="adopted">Most adopted</option></select></label></div>'
            '<button type="button" class="nhsoa-filters-toggle md-button" id="nhsoa-filters-toggle" '
            'aria-controls="nhsoa-facets" aria-expanded="false">Filters</button>'
            '<div class="nhsoa-cat-layout">'
            '<aside class="nhsoa-facets" id="nhsoa-facets" aria-label="Filters"></aside>'
            '<section class="nhsoa-results" aria-label="Results">'
            '<div class="nhsoa-results__head">'
            '<p id="nhsoa-count" class="nhsoa-count-line"></p>'
            '<button type="button" class="nhsoa-clear" id="nhsoa-clear" hidden>Clear all filters</button></div>'
            '<div id="nhsoa-active" class="nhsoa-active"></div>'
            '<ol id="nhsoa-results" class="nhsoa-cards"></ol>'
            '<button type="button" class="md-button" id="nhsoa-more" hidden>Show more</button>'
            "</section></div>"
            # What a screen reader says after each change: the filter changed and how many tools match.
            '<p id="nhsoa-announce" class="nhs-visually-hidden" role="status" aria-live="polite" '
            'aria-atomic="true"></p>'
            "</div>"
            "<noscript><p>The filters need JavaScript. Every tool is listed below; the "
            '<a href="{topics}">topic</a> and <a href="{organisations}">organisation</a> pages group them.</p>'
            "{tools}</noscript>"
            '<script src="{data}"></script><script src="{search}"></script><script src="{script}"></script>',
            topics=to(paths.TOPICS_INDEX),
            organisations=to(paths.ORGANISATIONS_INDEX),
            tools=tool_list(site.entries, to, rows=site.list_rows),
            data=to(DATA_FILE),
            search=to(catalogue_search.SCRIPT_FILE),
            script=to(SCRIPT_FILE),
        )
    )
    return page
