"""WCAG 2.2 AA on every kind of page of the registry site and of a generated product's docs, in chromium.

Each kind of page is loaded once: axe-core checks it at 1300 px and again at 320 px (400%
zoom on a 1280 px screen, where the layout is the phone's), and at 320 px the page must
not scroll sideways. Screenshots of both widths go to test-artifacts/site/.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from nhsoa.registry import catalogue
from nhsoa.site import serve
from tests.site.accessibility import NPM, audit, describe, record
from tests.site.conftest import ARTEFACTS, Browser, Served
from tests.site.factory import REPO
from tests.template.conftest import baked

WIDE = {"width": 1300, "height": 1000}
NARROW = {"width": 320, "height": 800}
Prepare = Callable[[Any], None] | None


def _catalogue_ready(page: Any) -> None:
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")


def _catalogue_ticked(page: Any) -> None:
    _catalogue_ready(page)
    page.click("#nhsoa-more-topic")
    page.get_by_role("checkbox", name="Statistical process control").check()
    page.get_by_role("group", name="Language").get_by_role("checkbox", name="R").check()
    page.wait_for_selector(".nhsoa-chip")


def _report_loaded(page: Any) -> None:
    page.locator("iframe.nhsoa-report").first.scroll_into_view_if_needed()  # reports load lazily
    page.frame_locator("iframe.nhsoa-report").first.locator("body").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    _settled(page)


def _settled(page: Any) -> None:
    """Material fades the tabs back in after a scroll: check the page as it comes to rest."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
    )


def _searched(words: str) -> Callable[[Any], None]:
    def search(page: Any) -> None:
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type(words)
        page.wait_for_selector(".md-search-result__item")
        _settled(page)

    return search


def check_page(browser: Browser, url: str, kind: str, prepare: Prepare) -> None:
    """axe at 1300 px and at 320 px, no sideways scrolling at 320 px, and a screenshot of each."""
    page = browser.page
    status = 404 if kind.endswith("404") else 200
    page.set_viewport_size(WIDE)
    response = page.goto(url)
    assert response is not None
    assert response.status == status, url
    if prepare is not None:
        prepare(page)
    found = audit(page, f"{kind} at 1300 px")
    browser.shot(f"a11y-{kind}-1300")
    page.set_viewport_size(NARROW)
    # Boxes that start to scroll become focusable when the theme's and Material's resize observers
    # have run: wait for the frames after the resize, as a person zooming in would.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(100)
    found += audit(page, f"{kind} at 320 px")
    browser.shot(f"a11y-{kind}-320")
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    record(found, ARTEFACTS / "axe" / f"{kind}.json", sideways_px_at_320=sideways)
    if status == 404:  # the page itself is the one address allowed to be missing
        missing = [e for e in browser.errors if "status of 404" in e]
        assert len(missing) == 1, f"the 404 page misses some of its own files: {missing}"
        browser.errors.remove(missing[0])
    if found:
        pytest.fail(f"{len(found)} WCAG 2.2 AA violation(s):\n{describe(found)}", pytrace=False)
    assert sideways <= 0, f"{url} scrolls sideways by {sideways} px at 320 px wide"


# (kind of page, address in the site, what to do once it has loaded)
SITE_PAGES: list[tuple[str, str, Prepare]] = [
    ("home", "index.html", None),
    ("catalogue", "catalogue.html", _catalogue_ready),
    ("catalogue-ticked", "catalogue.html", _catalogue_ticked),
    ("tool", "tools/fingertipsr.html", None),
    ("organisations", "organisations.html", None),
    ("organisation", "organisations/X24.html", None),
    ("topics", "topics.html", None),
    ("topic", "topics/spc.html", None),
    ("adoption", "adoption.html", None),
    ("products", "products.html", None),
    ("product-report", "products/growth-centiles.html", _report_loaded),
    ("rules", "reference/rules.html", None),
    ("schema", "reference/schema.html", None),
    ("template-guide", "reference/template.html", None),
    ("data", "reference/data.html", None),
    ("contributing", "contributing.html", None),
    ("a-z", "a-z.html", None),
    ("accessibility", "accessibility.html", None),
    ("404", "tools/no-such-tool.html", None),  # served as the host serves it: the 404 page, status 404
    ("search-open", "index.html", _searched("plot")),
]


@pytest.mark.parametrize(("kind", "path", "prepare"), SITE_PAGES, ids=[k for k, _, _ in SITE_PAGES])
def test_site_page_meets_wcag_22_aa(
    browser: Browser, seed_site: Served, kind: str, path: str, prepare: Prepare
) -> None:
    check_page(browser, seed_site.url + path, kind, prepare)
    # Every page's footer links to the accessibility statement.
    statement = browser.page.locator("footer a", has_text="Accessibility statement")
    assert statement.count() == 1
    target = statement.evaluate("a => a.href")
    assert target == seed_site.url + "accessibility.html" or target.endswith("/nhsoa/accessibility.html")


@pytest.fixture(scope="module")
def product_docs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The docs site of a product made from the template, built with MkDocs as its own `make docs` does."""
    project = baked(tmp_path_factory.mktemp("product"), product_name="Bed Occupancy & Flow")
    built = project / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(built)],
        cwd=project, check=True, capture_output=True, text=True,
    )  # fmt: skip
    httpd = serve.server(built, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield serve.url(httpd)
    finally:
        httpd.shutdown()
        httpd.server_close()


PRODUCT_PAGES: list[tuple[str, str, Prepare]] = [
    ("product-docs-home", "", None),
    ("product-docs-usage", "usage/", None),
    ("product-docs-method", "method/", None),
    ("product-docs-data", "data/", None),
    ("product-docs-governance", "governance/", None),
    ("product-docs-404", "no-such-page/", None),
    ("product-docs-search-open", "", _searched("pipeline")),
]


@pytest.mark.parametrize(("kind", "path", "prepare"), PRODUCT_PAGES, ids=[k for k, _, _ in PRODUCT_PAGES])
def test_product_docs_page_meets_wcag_22_aa(
    browser: Browser, product_docs: str, kind: str, path: str, prepare: Prepare
) -> None:
    check_page(browser, product_docs + path, kind, prepare)


# The element with the keyboard focus: is its focus drawn (at least a 2 px outline, as
# :focus-visible), and is it on screen, not under the sticky header?
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return { what: "nothing", visible: false, unobscured: false };
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {
    what: e.tagName + (e.id ? "#" + e.id : "") + " " + (e.textContent || e.value || "").trim().slice(0, 40),
    visible: e.matches(":focus-visible") && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
    unobscured: !!top && (top === e || e.contains(top)),
    above: top ? top.tagName + "." + String(top.className) : "nothing (off screen)",
  };
}"""


def _focus(page: Any) -> dict[str, Any]:
    _settled(page)  # e.g. the search's shade fades out as the focus leaves the search box
    focus: dict[str, Any] = page.evaluate(FOCUS)
    assert focus["visible"], f"focus is not visible on {focus['what']}"
    assert focus["unobscured"], f"focus is hidden from view on {focus['what']}, under {focus['above']}"
    return focus


def _tab_until(page: Any, selector: str, limit: int = 250) -> list[str]:
    """Press Tab until ``selector`` has the focus, checking at each stop that the focus can be seen."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(_focus(page)["what"])
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} never had the focus after {limit} presses of Tab: {stops[-10:]}")


def _announced(page: Any, pattern: str) -> str:
    page.wait_for_function(
        "p => new RegExp(p).test(document.getElementById('nhsoa-announce').textContent)", arg=pattern
    )
    return str(page.inner_text("#nhsoa-announce"))


def _legend_and_label(page: Any, checkbox_id: str) -> tuple[str, str]:
    legend = page.evaluate(
        "id => document.getElementById(id).closest('fieldset').querySelector('legend').textContent", checkbox_id
    )
    return str(legend), str(page.locator(f"label[for='{checkbox_id}'] .nhsoa-facet__label").inner_text())


def _tick_and_untick(page: Any) -> str:
    """From the sort box: tick the first filter value, tick and untick the next; returns the first's id."""
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.id")
    assert first.startswith("nhsoa-f-"), first
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.id") == first  # the list is redrawn; the focus stays
    assert page.evaluate("document.activeElement.checked") is True
    _focus(page)
    legend, label = _legend_and_label(page, first)
    assert _announced(page, "^Filter added: ").startswith(f"Filter added: {legend}: {label}. ")
    # A screen reader hears each value's count with its name.
    assert page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \d+ tools?$")).count() == 1
    ticked = page.inner_text("#nhsoa-count")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    page.keyboard.press("Space")
    assert page.evaluate("id => document.getElementById(id).checked", second) is False
    assert _announced(page, "^Filter removed: ")
    assert page.inner_text("#nhsoa-count") == ticked
    return str(first)


def test_catalogue_journey_by_keyboard(browser: Browser, seed_site: Served) -> None:
    """Search, sort, tick and untick, open a tool and come back with the filters kept: keys only."""
    entries = seed_site.entries
    matching = len(catalogue.load(seed_site.registry).search("chart"))  # as `nhsoa search chart` finds them
    page = browser.page
    page.set_viewport_size(WIDE)
    page.goto(seed_site.url + "catalogue.html")
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")

    # From the top of the page: the skip link, the header, the tabs, then the search box.
    stops = _tab_until(page, "#nhsoa-q")
    assert stops[0].startswith("A "), stops  # "Skip to content" comes first
    page.keyboard.type("chart")
    assert page.inner_text("#nhsoa-count") == f"{matching} of {len(entries)} tools match"
    assert _announced(page, "tools match") == f"{matching} of {len(entries)} tools match."

    # The sort order, by arrow key.
    page.keyboard.press("Tab")
    assert _focus(page)["what"].startswith("SELECT#nhsoa-sort")
    assert page.locator("#nhsoa-sort").input_value() == "relevance"  # "Best match" comes first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#nhsoa-sort").input_value() == "verified"
    assert "sort=verified" in page.url
    assert _announced(page, "^Sorted by recently verified")

    first = _tick_and_untick(page)
    ticked = page.inner_text("#nhsoa-count")

    # On to the results, and into the first tool.
    tool = page.locator(".nhsoa-card__name a").first.inner_text()
    _tab_until(page, ".nhsoa-card__name a")
    assert page.evaluate("document.activeElement.textContent") == tool
    shared = page.url
    page.keyboard.press("Enter")
    page.wait_for_url("**/tools/*.html")
    assert page.inner_text("h1") == tool

    # Back: the same view, filters and all.
    page.go_back()  # the browser's own Back (Alt+Left reaches the browser, not the page)
    assert page.url == shared
    page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
    assert page.input_value("#nhsoa-q") == "chart"
    assert page.locator("#nhsoa-sort").input_value() == "verified"
    assert page.locator(f"#{first}").is_checked()
    assert page.inner_text("#nhsoa-count") == ticked
    browser.shot("a11y-catalogue-journey-back")


# The longest transition or animation of any element, in seconds, and how the page scrolls.
MOTION = """() => {
  const one = t => (t.trim().endsWith("ms") ? parseFloat(t) / 1000 : parseFloat(t));
  const seconds = v => Math.max(...v.split(",").map(one));
  let longest = 0;
  for (const e of [document.documentElement, ...document.querySelectorAll("body *")]) {
    const s = getComputedStyle(e);
    const animation = s.animationName === "none" ? 0 : seconds(s.animationDuration);
    longest = Math.max(longest, seconds(s.transitionDuration), animation);
  }
  return { longest, scroll: getComputedStyle(document.documentElement).scrollBehavior };
}"""


def test_motion_stops_when_the_device_asks(browser: Browser, seed_site: Served) -> None:
    page = browser.page
    page.goto(seed_site.url + "adoption.html")
    moving = page.evaluate(MOTION)
    assert moving["longest"] >= 0.2  # the tabs and the search fade in and out
    page.emulate_media(reduced_motion="reduce")
    still = page.evaluate(MOTION)
    assert still["longest"] < 0.001, still
    assert still["scroll"] == "auto"


def test_the_statement_names_the_axe_core_that_tests_the_site() -> None:
    """The accessibility statement says how the site was tested: with the axe-core the tests pin."""
    lock = json.loads((NPM / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/axe-core"]["version"]
    statement = (REPO / "site" / "docs" / "accessibility.md").read_text(encoding="utf-8")
    major_minor = ".".join(version.split(".")[:2])
    assert f"axe-core {major_minor} " in statement, f"site/docs/accessibility.md should name axe-core {major_minor}"
