"""Making entry text safe to publish: escaping, links, Markdown and JSON inside HTML.

Everything an entry says reaches a page through one of these functions. Validation
already refuses HTML and non-https links, but the site does not rely on it: a registry
built from unchecked files, or a trick the checks miss, must still render inert.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from typing import Any

import nh3
from markdown_it import MarkdownIt

from nhsoa.registry.addresses import contact_problem, url_problem

# Tags and attributes a rendered description may keep; nothing that runs or loads.
_ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4",
     "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s"}
)  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def esc(value: Any) -> str:
    """Text for an HTML element or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(value: Any) -> str | None:
    """``value`` when it is a plain https address that may be published, else None."""
    if not isinstance(value, str) or url_problem(value) is not None:
        return None
    return value


def mailto(value: Any) -> str | None:
    """A ``mailto:`` address for an email contact, else None."""
    if not isinstance(value, str) or contact_problem(value) is not None:
        return None
    address = value.removeprefix("mailto:")
    return None if address.startswith("https:") else f"mailto:{address}"


def external_link(url: Any, text: Any | None = None) -> str:
    """An outbound link, or the text alone (marked) when the address is not safe to link."""
    href = safe_url(url)
    label = esc(text if text is not None else url)
    if href is None:
        return f'<span class="nhsoa-unlinked" title="not an https address; not linked">{label}</span>'
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{label}</a>'


def contact_link(contact: Any) -> str:
    """The contact as a link: an https address or an email address."""
    if (address := mailto(contact)) is not None:
        return f'<a href="{esc(address)}">{esc(address.removeprefix("mailto:"))}</a>'
    return external_link(contact)


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off: tags in the text come out as visible text. Tables and
    # strikethrough are the GitHub extensions READMEs use.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def markdown_html(text: Any) -> str:
    """A description rendered from Markdown, then sanitised: only https and mailto links, no images."""
    if not isinstance(text, str) or not text.strip():
        return ""
    rendered = _markdown().render(text)
    return nh3.clean(
        rendered,
        tags=set(_ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
        url_schemes={"https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not (value.startswith("mailto:") or safe_url(value)):
        return None
    return value


def shift_headings(fragment: str, top: int = 3) -> str:
    """Headings inside a description start at ``<h{top}>`` so the page keeps its own outline."""

    def shifted(match: re.Match[str]) -> str:
        level = min(6, int(match.group(2)) + top - 1)
        return f"<{match.group(1)}h{level}>"

    return re.sub(r"<(/?)h([1-6])>", shifted, fragment)


def json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, comment or line-separator tricks."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
