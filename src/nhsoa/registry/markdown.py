"""What text in an entry really contains, read the way the site reads it: raw HTML and link targets.

The site renders ``description`` as CommonMark (with tables and strikethrough) and shows
every other field as plain text. Reading the text with the same parser, rather than with
patterns, keeps code spans, fenced code and autolinks (``<https://...>``) from being taken
for HTML, while raw HTML is still found wherever CommonMark would see it.

Links are found twice over: the targets the parser accepts as links, and anything in the
prose that is shaped like a link but that the parser refused (``[x](javascript:...)``,
``<javascript:...>``). A refused link renders as inert text, but it is still a mistake
or an attack, and the checks report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Link-shaped text in prose that the parser did not turn into a link.
LINK_SHAPED = re.compile(
    r"\]\(\s*<?\s*([^)\s>]+)"  # [text](target)
    r"|^\s{0,3}\[[^\]]+\]:\s*<?\s*(\S+)"  # [label]: target
    r"|<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>",  # <scheme:autolink>
    re.MULTILINE,
)
_PROSE = frozenset({"text", "softbreak", "hardbreak"})
_CODE = frozenset({"code_inline", "code_block", "fence"})


@dataclass(frozen=True)
class Scan:
    html: tuple[str, ...]  # raw HTML, as written
    links: tuple[str, ...]  # link and image targets, as written or as the parser read them


@cache
def _parser() -> MarkdownIt:
    # The site's grammar (see nhsoa.site.html), with raw HTML recognised so it can be found;
    # the site itself renders with HTML off.
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def scan_markdown(text: str) -> Scan:
    """Raw HTML and link targets in Markdown text (a ``description``)."""
    if "<" not in text and "[" not in text:
        return Scan((), ())
    return _scan(_parser().parse(text))


def scan_plain(text: str) -> Scan:
    """Raw HTML and link-shaped text in a plain-text field, read as one Markdown inline (no blocks)."""
    if "<" not in text:
        return Scan((), ())
    return _scan(_parser().parseInline(text))


def _scan(tokens: list[Token]) -> Scan:
    html: list[str] = []
    links: list[str] = []
    for token in _flat(tokens):
        if token.type in ("html_block", "html_inline"):
            html.append(token.content.strip())
        elif token.type in ("link_open", "image"):
            target = token.attrGet("href") if token.type == "link_open" else token.attrGet("src")
            if isinstance(target, str):
                links.append(target)
    for prose in _prose(tokens):
        links += [next(group for group in match.groups() if group) for match in LINK_SHAPED.finditer(prose)]
    return Scan(tuple(html), tuple(links))


def _flat(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flat(token.children)


def _prose(tokens: list[Token]) -> Iterator[str]:
    """The plain text of each inline run, without code, HTML or the text of links already found."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        parts: list[str] = []
        for child in token.children:
            if child.type in _PROSE:
                parts.append("\n" if child.type != "text" else child.content)
            elif child.type in _CODE or child.type.startswith(("link_", "html_")):
                parts.append(" ")
        yield "".join(parts)
