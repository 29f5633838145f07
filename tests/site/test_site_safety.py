"""Entry text reaches pages only escaped or sanitised; links only when https (or mailto)."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from nhsoa.registry.catalogue import Catalogue
from nhsoa.registry.store import load_reference
from nhsoa.site import tool_page
from nhsoa.site.html import esc, external_link, json_for_script, markdown_html, safe_url, shift_headings
from nhsoa.site.model import build_model
from nhsoa.site.paths import Urls
from tests.site.factory import HOSTILE_INERT, HOSTILE_RAW, SHIPPED


class _Elements(HTMLParser):
    """Every element and attribute as a browser would parse them (escaped text is not an element)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(markup)
    return parser.elements


HOSTILE_MARKDOWN = [
    ("<script>alert(1)</script>", "&lt;script&gt;"),
    ('<img src=x onerror="alert(1)">', "&lt;img"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:text/html;base64,PHNjcmlwdD4=)"),
    ("[x](http://insecure.example.com)", '<a rel="noopener noreferrer nofollow">x</a>'),
    ("![x](https://tracker.example.com/p.png)", ""),
    ('[x](https://example.org){: onclick="alert(1)"}', '{: onclick="alert(1)"}'),
    ("<iframe src=https://evil.example.com></iframe>", "&lt;iframe"),
    ("<a href='javascript:alert(1)'>x</a>", "&lt;a href="),
]


@pytest.mark.parametrize(("source", "shown"), HOSTILE_MARKDOWN)
def test_markdown_is_sanitised(source: str, shown: str) -> None:
    rendered = markdown_html(source)
    assert shown in rendered.replace("&quot;", '"').replace("&#x27;", "'")
    found = elements(rendered)
    assert not [tag for tag, _ in found if tag in ("script", "img", "iframe", "style")]
    assert not [name for _, attrs in found for name in attrs if name.startswith("on")]
    assert all((attrs.get("href") or "https:").startswith(("https:", "mailto:")) for tag, attrs in found if tag == "a")


def test_markdown_keeps_https_and_mailto_links() -> None:
    rendered = markdown_html("See [docs](https://example.org/a?b=1&c=2) or [mail](mailto:team@example.org).")
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">docs</a>' in rendered
    assert 'href="mailto:team@example.org"' in rendered


def test_headings_in_a_description_sit_below_the_page_headings() -> None:
    assert shift_headings(markdown_html("# Top\n\n## Next")) == "<h3>Top</h3>\n<h4>Next</h4>\n"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "http://example.org", "https://user:pw@example.org", "https:// example.org", "data:x", ""],
)
def test_only_plain_https_addresses_are_linked(url: str) -> None:
    assert safe_url(url) is None
    assert "<a " not in external_link(url)


def test_attribute_breakout_is_escaped() -> None:
    assert esc('" onmouseover="x') == "&quot; onmouseover=&quot;x"
    assert esc("' onmouseover='x") == "&#x27; onmouseover=&#x27;x"


def test_json_in_a_script_element_cannot_end_it() -> None:
    text = json_for_script({"a": "</script><script>alert(1)</script>", "b": "\u2028<!--"})
    assert "</script" not in text
    assert "<!--" not in text
    assert "\u2028" not in text
    assert json.loads(text)["a"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("entry", [HOSTILE_INERT, HOSTILE_RAW], ids=["inert", "raw"])
def test_hostile_tool_page_has_no_live_markup(entry: dict[str, object]) -> None:
    site = build_model(Catalogue(entries=[entry]), load_reference(SHIPPED), date(2026, 11, 25))
    text = tool_page.tool_page(entry, site, Urls(), "https://github.com/example/registry").text()
    front, body = text.split("---\n", 2)[1:]
    found = elements(body)
    assert [attrs for tag, attrs in found if tag == "script"] == [{"type": "application/ld+json"}]
    assert not [tag for tag, _ in found if tag in ("img", "iframe", "style", "svg", "object", "embed", "form")]
    handlers = [(tag, name) for tag, attrs in found for name in attrs if name.startswith("on")]
    assert handlers == []
    links = [attrs.get("href") or "" for tag, attrs in found if tag == "a"]
    assert all(link.startswith(("https://", "mailto:", "../", "#")) or "/" not in link[:8] for link in links), links
    assert not [link for link in links if re.match(r"\s*(javascript|data|vbscript|http):", link, re.IGNORECASE)]
    assert "<" not in front  # the title and description are escaped text


def test_the_raw_name_is_shown_as_text() -> None:
    site = build_model(Catalogue(entries=[HOSTILE_RAW]), load_reference(SHIPPED), date(2026, 11, 25))
    front = tool_page.tool_page(HOSTILE_RAW, site, Urls(), None).text().split("---\n", 2)[1]
    assert "title: '&lt;script&gt;window.pwned=10&lt;/script&gt;Raw'" in front
