"""The built site in Debian's chromium, driven by Playwright, with every outside request blocked."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.site.accessibility import audit, describe
from tests.site.conftest import ARTEFACTS, Browser, Served


def _count(entries: list[dict[str, Any]], **wanted: str) -> int:
    return sum(
        1
        for e in entries
        if all(
            (value in e.get(key, [])) if isinstance(e.get(key), list) else e.get(key) == value
            for key, value in wanted.items()
        )
    )


def _open_catalogue(browser: Browser, site: Served, query: str = "") -> Any:
    page = browser.page
    page.goto(site.url + "catalogue.html" + query)
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    return page


def test_catalogue_lists_every_tool(browser: Browser, seed_site: Served) -> None:
    page = _open_catalogue(browser, seed_site)
    total = len(seed_site.entries)
    assert page.inner_text("#nhsoa-count") == f"{total} tools"
    assert page.locator("#nhsoa-results > li.nhsoa-card").count() == min(total, 50)
    browser.shot("seed-catalogue")
    assert total > 50, "the seed registry fills more than one page of results"
    # "Show more" from the keyboard: the rest appear, the button goes, and the focus moves to
    # the first tool it brought in rather than being lost with the button.
    page.focus("#nhsoa-more")
    page.keyboard.press("Enter")
    assert page.locator("#nhsoa-results > li.nhsoa-card").count() == total
    assert page.locator("#nhsoa-more").is_hidden()
    fiftyfirst = page.locator(".nhsoa-card__name a").nth(50).inner_text()
    assert page.evaluate("document.activeElement.textContent") == fiftyfirst


def test_two_facets_filter_to_the_count_the_registry_implies(browser: Browser, seed_site: Served) -> None:
    expected = _count(seed_site.entries, topics="spc", languages="R")
    assert expected > 0, "the seed registry has SPC tools in R"
    page = _open_catalogue(browser, seed_site)
    page.click("#nhsoa-more-topic")  # "Show all" topics
    page.get_by_role("checkbox", name=re.compile(r"^Statistical process control")).check()
    page.get_by_role("group", name="Language").get_by_role("checkbox", name=re.compile(r"^R\b")).check()
    total = len(seed_site.entries)
    assert page.inner_text("#nhsoa-count") == f"{expected} of {total} tools match"
    names = page.locator(".nhsoa-card__name").all_inner_texts()
    wanted = sorted(
        (e["name"] for e in seed_site.entries if "spc" in e.get("topics", []) and "R" in e.get("languages", [])),
        key=str.casefold,
    )
    assert names == wanted
    assert "topic=spc" in page.url
    assert "language=R" in page.url
    browser.shot("seed-catalogue-spc-r")

    # The address restores the same view in a fresh page.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    assert page.inner_text("#nhsoa-count") == f"{expected} of {total} tools match"
    assert page.get_by_role("checkbox", name=re.compile(r"^Statistical process control")).is_checked()


def test_or_within_a_facet_and_sorting(browser: Browser, synthetic_site: Served) -> None:
    entries = synthetic_site.entries
    expected = sum(1 for e in entries if {"R", "SQL"} & set(e.get("languages", [])) and e.get("phase") == "live")
    page = _open_catalogue(browser, synthetic_site, "?language=R&language=SQL&phase=live&sort=adopted")
    assert page.inner_text("#nhsoa-count") == f"{expected} of {len(entries)} tools match"
    assert page.locator("#nhsoa-sort").input_value() == "adopted"
    shown = page.locator(".nhsoa-card__meta").all_inner_texts()
    adopters = [int(re.search(r"(\d+) adopters?", text).group(1)) for text in shown]  # type: ignore[union-attr]
    assert adopters == sorted(adopters, reverse=True)
    assert adopters[0] > 0
    browser.shot("synthetic-catalogue-or-sorted")


def test_text_filter_and_keyboard(browser: Browser, synthetic_site: Served) -> None:
    page = _open_catalogue(browser, synthetic_site)
    page.fill("#nhsoa-q", "EVIL")  # case-insensitive, over name, summary and keywords
    assert page.locator(".nhsoa-card__name").all_inner_texts() == ['Evil" onmouseover="window.pwned=1']
    assert "search=EVIL" in page.url
    page.fill("#nhsoa-q", "")
    # Keyboard only: tab into the facets and tick the first value with the space bar.
    page.focus("#nhsoa-sort")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("nhsoa-f-topic-")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    assert "of" in page.inner_text("#nhsoa-count")


def test_tool_page_renders(browser: Browser, seed_site: Served) -> None:
    entry = next(e for e in seed_site.entries if e.get("description") and e.get("phase") == "live")
    page = browser.page
    page.goto(seed_site.url + f"tools/{entry['id']}.html")
    assert page.inner_text("h1") == entry["name"]
    assert page.get_by_role("heading", name=re.compile("Before you adopt")).is_visible()
    data = json.loads(page.inner_text('script[type="application/ld+json"]'))
    assert data["@type"] == "SoftwareSourceCode"
    assert data["name"] == entry["name"]
    browser.shot("seed-tool-page")
    page.locator("#before-you-adopt").scroll_into_view_if_needed()
    browser.shot("seed-tool-page-before-you-adopt")


def test_hostile_entries_are_inert(browser: Browser, synthetic_site: Served) -> None:
    page = browser.page
    for entry_id in ("hostile-inert", "hostile-raw"):
        page.goto(synthetic_site.url + f"tools/{entry_id}.html")
        page.hover("h1")
        page.mouse.move(300, 400)
        inline_handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
            ".filter(n => n.startsWith('on'))"
        )
        assert inline_handlers == []
        scripts = page.evaluate(
            "[...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json' "
            "&& s.type !== 'application/json').length"
        )
        assert scripts == 0
        assert page.locator('a[href^="javascript:"], a[href^="data:"], iframe, img[src^="http"]').count() == 0
        assert page.evaluate("window.pwned") is None
        # Rendered harmless, and accessible too (headings in the description keep the page's outline).
        found = audit(page, entry_id)
        assert not found, describe(found)
        browser.shot(f"synthetic-{entry_id}")
    # The raw entry's name shows as text, tags and all.
    assert page.inner_text("h1") == "<script>window.pwned=10</script>Raw"
    # And the catalogue shows both, as text.
    page = _open_catalogue(browser, synthetic_site, "?search=raw")
    assert "<script>window.pwned=10</script>Raw" in page.locator(".nhsoa-card__name").all_inner_texts()
    assert page.evaluate("window.pwned") is None


def test_adoption_page_with_many_adopters(browser: Browser, synthetic_site: Served) -> None:
    page = browser.page
    page.goto(synthetic_site.url + "adoption.html")
    adopted = sum(1 for e in synthetic_site.entries if e.get("adopters"))
    assert page.locator(".nhsoa-adoption-table table tbody tr").count() == adopted
    assert page.locator("svg.nhsoa-heatmap .nhsoa-hm-label").count() == min(adopted, 25)
    # The chart is a picture: its tools link to their pages from the table, not from inside the image.
    assert page.locator("svg.nhsoa-heatmap a").count() == 0
    assert page.locator(".nhsoa-adoption-table table tbody tr a").count() == adopted
    browser.shot("synthetic-adoption")


def test_adoption_page_with_no_adopters(browser: Browser, seed_site: Served) -> None:
    page = browser.page
    page.goto(seed_site.url + "adoption.html")
    if not any(e.get("adopters") for e in seed_site.entries):
        assert page.get_by_text("No adoptions recorded yet").is_visible()
    assert page.locator("ul.nhsoa-bars--owners").count() == 2  # by region and by kind of owner
    browser.shot("seed-adoption")


def test_pages_load_cleanly(browser: Browser, synthetic_site: Served) -> None:
    page = browser.page
    for path in ("index.html", "a-z.html", "organisations.html", "topics.html", "products.html", "topics/spc.html",
                 "reference/rules.html", "reference/schema.html", "reference/data.html", "products/stored-report.html",
                 "contributing.html", "reference/template.html"):  # fmt: skip
        response = page.goto(synthetic_site.url + path)
        assert response is not None, path
        assert response.status == 200, path
    page.goto(synthetic_site.url + "products/stored-report.html")
    page.locator("iframe.nhsoa-report").scroll_into_view_if_needed()  # reports load lazily
    frame = page.frame_locator("iframe.nhsoa-report")
    assert "stored output 42" in frame.locator("body").inner_text()
    browser.shot("synthetic-product")
    page.goto(synthetic_site.url + "index.html")
    browser.shot("synthetic-home")


def test_search_works(browser: Browser, seed_site: Served) -> None:
    page = browser.page
    page.goto(seed_site.url + "index.html")
    page.keyboard.press("/")  # Material's search shortcut: the search worker must load under the CSP
    page.keyboard.type("plot")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0


def test_catalogue_without_javascript(chromium: Any, seed_site: Served) -> None:
    page = chromium.new_page()
    try:
        page.context.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.goto(seed_site.url + "catalogue.html")
        assert page.locator("ul.nhsoa-list > li").count() == len(seed_site.entries)
        assert page.locator("#nhsoa-catalogue").is_hidden()
        browser_shot = ARTEFACTS / "seed-catalogue-no-javascript.png"
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(browser_shot))
    finally:
        page.close()


def test_search_works_from_files(chromium: Any, seed_site: Served) -> None:
    """Opened from a folder (file://), Material's search runs in the vendored iframe-worker shim, offline."""
    entry = next(e for e in seed_site.entries if re.fullmatch(r"[A-Za-z]{6,}", e["name"]))
    page = chromium.new_page()
    page.set_default_timeout(10_000)
    outside: list[str] = []
    errors: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((seed_site.build.public / "index.html").as_uri())
        assert page.evaluate("window.Worker === window.IFrameWorker")  # the shim took over
        page.click("input.md-search__input")
        page.keyboard.type(entry["name"])
        result = page.locator(f'.md-search-result__item a[href*="/tools/{entry["id"]}.html"]').first
        result.wait_for()
        page.screenshot(path=str(ARTEFACTS / "seed-search-from-files.png"))
        result.click()
        page.wait_for_url(f"**/tools/{entry['id']}.html*")
        assert page.url.startswith("file://")
        assert page.inner_text("h1") == entry["name"]
    finally:
        page.close()
    assert outside == []
    assert errors == []


PHONE = {"width": 390, "height": 844}


def test_pages_fit_a_phone(browser: Browser, synthetic_site: Served) -> None:
    """At 390 px nothing makes the page scroll sideways (wide tables and charts scroll in their own box)."""
    page = browser.page
    page.set_viewport_size(PHONE)
    for path, name in (("catalogue.html", "catalogue"), ("adoption.html", "adoption"),
                       ("tools/tool-0003.html", "tool-page"), ("index.html", "home")):  # fmt: skip
        page.goto(synthetic_site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        browser.shot(f"synthetic-{name}-390")
    # The catalogue's filters fold away behind a button, above the results.
    page.goto(synthetic_site.url + "catalogue.html?language=R")
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    assert page.locator("#nhsoa-facets").is_hidden()
    assert page.inner_text("#nhsoa-filters-toggle") == "Filters (1 chosen)"
    page.click("#nhsoa-filters-toggle")
    assert page.get_by_role("group", name="Language").get_by_role("checkbox", name=re.compile(r"^R\b")).is_checked()
    browser.shot("synthetic-catalogue-390-filters")


def test_heatmap_column_labels_are_whole(browser: Browser, synthetic_site: Served) -> None:
    """Every region's label is inside the chart and above the first row of cells, at any width."""
    page = browser.page
    for viewport in ({"width": 1300, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        page.goto(synthetic_site.url + "adoption.html")
        boxes = page.evaluate(
            """() => {
              const svg = document.querySelector('svg.nhsoa-heatmap');
              const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
              const labels = [...svg.querySelectorAll('.nhsoa-hm-head')].map(e => [e.textContent, box(e)]);
              return { chart: box(svg), labels: labels, firstCell: box(svg.querySelector('rect')) };
            }"""
        )
        left, top, right, _ = boxes["chart"]
        names = [name for name, _ in boxes["labels"]]
        assert "North East and Yorkshire" in names
        for name, (label_left, label_top, label_right, label_bottom) in boxes["labels"]:
            assert label_left >= left, (viewport, name)
            assert label_right <= right + 0.5, (viewport, name)
            assert label_top >= top, (viewport, name)
            assert label_bottom <= boxes["firstCell"][1] + 0.5, (viewport, name)  # above the cells, not over them
        browser.shot(f"synthetic-adoption-heatmap-{viewport['width']}")
