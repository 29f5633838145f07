"""Making entry text safe to publish: escaping, links, Markdown and JSON inside HTML.

Pages are built as :class:`markupsafe.Markup`, HTML that is known to be safe. Text becomes
part of it only by being escaped on the way in: :func:`format_html` (``Markup.format``,
faster), ``Markup("").join(texts)``, ``Markup("<b>") + text`` and :func:`markupsafe.escape`
all escape anything that is not already ``Markup``. So the page builders never call an
escape function by hand, and forgetting one cannot publish an entry's text as HTML.

The only places that declare a string to be safe HTML without escaping it are in this
module, each beside the reason it is safe: a literal template filled with escaped values,
Markdown after nh3 has sanitised it, and JSON encoded so that it cannot end the ``<script>``
element it is in. Elsewhere ``Markup(...)`` and ``format_html(...)`` take a literal string
only (a test holds the site's modules to that).

Validation already refuses HTML and non-https links, but the site does not rely on it: a
registry built from unchecked files, or a trick the checks miss, must still render inert.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from nhsoa.registry.addresses import contact_problem, url_problem

# Tags and attributes a rendered description may keep; nothing that runs or loads.
_ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4",
     "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s"}
)  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def format_html(template: str, /, *args: Any, **kwargs: Any) -> Markup:
    """``Markup(template).format(*args, **kwargs)``: each value escaped unless it is ``Markup``.

    The same result, in a third of the time: ``Markup.format`` runs Python's formatter in
    Python, and a large registry's pages fill hundreds of thousands of templates. Numbers
    are left to their format specification (``{:,}``): no digit needs escaping.
    """
    filled = template.format(*map(_escaped, args), **{key: _escaped(value) for key, value in kwargs.items()})
    return Markup(filled)  # safe: a literal template of our own, every value escaped


def _escaped(value: Any) -> Any:
    return value if type(value) in (int, float) or isinstance(value, Markup) else escape(value)


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


def external_link(url: Any, text: Any | None = None) -> Markup:
    """An outbound link, or the text alone (marked) when the address is not safe to link."""
    label = url if text is None else text
    label = "" if label is None else label  # an empty YAML field shows as nothing
    href = safe_url(url)
    if href is None:
        return format_html('<span class="nhsoa-unlinked" title="not an https address; not linked">{}</span>', label)
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', href, label)


def contact_link(contact: Any) -> Markup:
    """The contact as a link: an https address or an email address."""
    if (address := mailto(contact)) is not None:
        return format_html('<a href="{}">{}</a>', address, address.removeprefix("mailto:"))
    return external_link(contact)


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off: tags in the text come out as visible text. Tables and
    # strikethrough are the GitHub extensions READMEs use.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def markdown_html(text: Any) -> Markup:
    """A description rendered from Markdown, then sanitised: only https and mailto links, no images."""
    if not isinstance(text, str) or not text.strip():
        return Markup("")
    rendered = _markdown().render(text)
    # Safe HTML by construction: nh3 keeps only the tags, attributes and link schemes allowed above.
    return Markup(
        nh3.clean(
            rendered,
            tags=set(_ALLOWED_TAGS),
            attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
            url_schemes={"https", "mailto"},
            link_rel="noopener noreferrer nofollow",
            attribute_filter=_filter_attribute,
            strip_comments=True,
        )
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not (value.startswith("mailto:") or safe_url(value)):
        return None
    return value


def shift_headings(fragment: Markup, top: int = 3) -> Markup:
    """Headings inside a description start at ``<h{top}>`` so the page keeps its own outline."""

    def shifted(match: re.Match[str]) -> str:
        level = min(6, int(match.group(2)) + top - 1)
        return f"<{match.group(1)}h{level}>"

    # Still safe HTML: only the level of heading tags already in it changes.
    return Markup(re.sub(r"<(/?)h([1-6])>", shifted, fragment))


def json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, comment or line-separator tricks."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def json_ld_script(value: Any) -> Markup:
    """A ``<script type="application/ld+json">`` element holding ``value``."""
    # Safe inside the element: json_for_script leaves no "<", ">" or "&" that could end it.
    return format_html('<script type="application/ld+json">{}</script>', Markup(json_for_script(value)))
