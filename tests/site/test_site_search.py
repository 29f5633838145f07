"""The catalogue's search in the built site, in Chromium: the same order as `nhsoa search`."""

from __future__ import annotations

from typing import Any

import yaml

from nhsoa.registry import catalogue
from tests.search.conftest import QUERIES, REPORT
from tests.site.conftest import Browser, Served

SHOWN = 50  # the catalogue shows this many cards before "Show more"


def _open(browser: Browser, site: Served, query: str = "") -> Any:
    page = browser.page
    page.goto(site.url + "catalogue.html" + query)
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    return page


def _cards(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all(".nhsoa-card__name a", "links => links.map(a => a.getAttribute('href'))")
    return [href.rsplit("/", 1)[-1].removesuffix(".html") for href in hrefs]


def test_the_site_answers_the_query_file_in_the_order_nhsoa_search_gives(browser: Browser, seed_site: Served) -> None:
    found = catalogue.load(seed_site.registry)
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    page = _open(browser, seed_site)
    answered = 0
    for query in queries:
        page.fill("#nhsoa-q", query["query"])
        shown = _cards(page)
        assert shown == [e["id"] for e in found.search(query["query"])][:SHOWN], query["query"]
        answered += bool(set(shown[:3]) & set(query["expect"]))
    REPORT.append(f"site (search.js in Chromium): {answered} of {len(queries)} queries answered in the first 3 "
                  f"({answered / len(queries):.1%})")  # fmt: skip
    assert answered / len(queries) >= 0.95


def test_typing_updates_the_order_at_each_key_and_the_address_keeps_it(browser: Browser, seed_site: Served) -> None:
    found = catalogue.load(seed_site.registry)
    page = _open(browser, seed_site)
    page.click("#nhsoa-q")
    text = "growth charts"
    for typed in (text[: n + 1] for n in range(len(text))):
        page.keyboard.type(typed[-1])
        assert _cards(page) == [e["id"] for e in found.search(typed)][:SHOWN], typed
    retired = {e["id"] for e in found.entries if e.get("phase") == "retired"}
    shown = _cards(page)
    assert not set(shown[:4]) & retired  # the dormant hazard log is not among the growth charts
    assert "search=growth+charts" in page.url
    page.goto(page.url)  # shared address, same view
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    assert _cards(page) == shown
    assert not page.locator("#__search").is_checked()  # the site-wide search stays closed: it is not asked
    assert page.locator("#nhsoa-sort").input_value() == "relevance"


def test_a_query_can_be_sorted_by_name_instead(browser: Browser, seed_site: Served) -> None:
    page = _open(browser, seed_site, "?search=SPC&sort=name")
    names = page.locator(".nhsoa-card__name").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    assert len(names) == len(catalogue.load(seed_site.registry).search("SPC"))
    page.select_option("#nhsoa-sort", "relevance")
    assert _cards(page)[0] in {"nhsrplotthedots", "nhspy-plotthedots", "runcharter"}
