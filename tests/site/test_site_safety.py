"""Entry text reaches pages only escaped or sanitised; links only when https (or mailto)."""

from __future__ import annotations

import ast
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from nhsoa.registry.catalogue import Catalogue
from nhsoa.registry.store import load_reference
from nhsoa.site import html, tool_page
from nhsoa.site.html import (
    contact_link,
    external_link,
    format_html,
    json_for_script,
    markdown_html,
    safe_url,
    shift_headings,
)
from nhsoa.site.model import build_model
from nhsoa.site.page import Page, badge, items, table
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


BREAKOUTS = ['" onmouseover="x', "' onmouseover='x", "</td><script>x</script>"]


@pytest.mark.parametrize("text", BREAKOUTS)
def test_text_cannot_break_out_of_the_html_built_around_it(text: str) -> None:
    built = [
        external_link("https://example.org", text),
        external_link(text),
        contact_link(text),
        badge(text, text, text),
        items([text]),
        table([text], [[text]], caption=text, cls=text),
    ]
    for markup in built:
        assert isinstance(markup, Markup)
        found = elements(markup)
        assert not [name for _, attrs in found for name in attrs if name.startswith("on")], markup
        assert "script" not in [tag for tag, _ in found], markup


def test_a_page_takes_only_markup() -> None:
    page = Page(path="x.md", title="x")
    with pytest.raises(TypeError, match="Markup"):
        page.html("<script>x</script>")  # type: ignore[arg-type]
    page.html(Markup("<p>{}</p>").format("<script>x</script>"))
    assert page.blocks == ["<p>&lt;script&gt;x&lt;/script&gt;</p>"]


# The functions of nhsoa.site.html that mark a string as safe HTML without escaping it, each for
# its own reason: a literal template filled with escaped values, Markdown sanitised by nh3,
# heading levels changed in sanitised HTML, JSON that cannot end its element.
TRUSTED = {"format_html", "markdown_html", "shift_headings", "json_ld_script"}
TEMPLATES = {"Markup", "format_html"}  # what their first argument becomes is published as HTML


def _template_calls(node: ast.AST, function: str = "<module>") -> list[tuple[str, ast.Call]]:
    """Each ``Markup(...)`` and ``format_html(...)`` call under ``node``, with the function it is in."""
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in TEMPLATES:
            found.append((function, child))
        inside = child.name if isinstance(child, ast.FunctionDef) and function == "<module>" else function
        found += _template_calls(child, inside)
    return found


def test_html_templates_are_literals_of_our_own() -> None:
    """Entry text cannot be declared safe HTML: outside the sanitisers, only our own literals are."""
    untrusted = []
    for module in sorted(Path(html.__file__).parent.glob("*.py")):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"(Markup|format_html) as ", source), f"{module.name}: a renamed import escapes this check"
        for function, call in _template_calls(ast.parse(source)):
            template = call.args[0] if call.args else None
            literal = isinstance(template, ast.Constant) and isinstance(template.value, str)
            alone = len(call.args) == 1 and not call.keywords  # Markup(literal); format_html takes values too
            if not (literal and (alone or ast.unparse(call.func) == "format_html")) and not (
                module.name == "html.py" and function in TRUSTED
            ):
                untrusted.append(f"{module.name}:{call.lineno} in {function}")
    assert untrusted == []


@pytest.mark.parametrize("value", ["<b>&'\"", Markup("<b>kept</b>"), 1234567, 2.5, None])
def test_format_html_gives_what_markup_format_gives(value: object) -> None:
    template = '<p title="{0}">{0}</p>'
    assert format_html(template, value) == Markup(template).format(value)
    assert format_html("<td>{n:,}</td>", n=1234567) == Markup("<td>{n:,}</td>").format(n=1234567)


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
