"""A generated page: YAML front matter, then HTML blocks and our own Markdown headings.

Entry text only ever appears inside HTML we build as ``Markup`` (see :mod:`nhsoa.site.html`),
never as Markdown source, so no Markdown extension can act on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from nhsoa import yamlio
from nhsoa.registry.entry import Entry
from nhsoa.site.html import format_html

PHASE_LABEL = {"discovery": "Discovery", "alpha": "Alpha", "beta": "Beta", "live": "Live", "retired": "Retired"}
RAP_LABEL = {"none": "No RAP", "baseline": "RAP baseline", "silver": "RAP silver", "gold": "RAP gold"}
SAFETY_LABEL = {"yes": "DCB0129 applies", "no": "DCB0129 not applicable", "unknown": "Clinical safety unknown"}


@dataclass
class Page:
    """One Markdown file of the site."""

    path: str  # under docs/, e.g. tools/ehrql.md
    title: str  # plain text; escaped on output
    description: str = ""
    hide: Sequence[str] = ()
    blocks: list[str] = field(default_factory=list)  # HTML blocks or our own Markdown
    search_boost: float | None = None
    searchable: bool = True  # lists of tools stay out of the search index: the tool pages are there

    def html(self, markup: Markup) -> None:
        """Add a block of HTML, built as ``Markup`` so that any text in it has been escaped.

        Kept to one line so Markdown's block rules (blank lines, indented code) never reach
        inside it; newlines in text such as code samples survive as character references.
        """
        if not isinstance(markup, Markup):  # the type checker catches this too; a str may hold raw entry text
            raise TypeError(f"Page.html takes Markup, not {type(markup).__name__}")
        self.blocks.append(str(markup).strip().replace("\r", "").replace("\n", "&#10;"))

    def heading(self, text: str, anchor: str, level: int = 2) -> None:
        """A section heading (our own words only: it is Markdown, and shows in the table of contents)."""
        self.blocks.append(f"{'#' * level} {text} {{#{anchor}}}")

    def front_matter(self) -> dict[str, Any]:
        """The page's metadata, as MkDocs reads it from the front matter."""
        # Escaped, as plain strings for YAML: the theme puts these values into its HTML as they are.
        meta: dict[str, Any] = {"title": str(escape(self.title))}
        if self.description:
            meta["description"] = str(escape(self.description))
        if self.hide:
            meta["hide"] = list(self.hide)
        if not self.searchable:
            meta["search"] = {"exclude": True}
        elif self.search_boost is not None:
            meta["search"] = {"boost": self.search_boost}
        return meta

    def body(self) -> str:
        """The Markdown after the front matter."""
        return "\n\n".join(self.blocks) + "\n"

    def text(self) -> str:
        return source_text(self.front_matter(), self.body())


def source_text(meta: dict[str, Any], body: str) -> str:
    """A Markdown file with YAML front matter, as MkDocs reads it."""
    return "---\n" + yamlio.dumps(meta) + "---\n\n" + body


def badge(kind: str, value: str, label: str) -> Markup:
    return format_html('<span class="nhsoa-badge nhsoa-badge--{}-{}">{}</span>', kind, value, label)


def badges(entry: Entry) -> Markup:
    phase = str(entry.get("phase", ""))
    out = [badge("phase", phase, PHASE_LABEL.get(phase, phase))]
    rap = entry["rap"]["level"] if "rap" in entry else None
    if rap:
        out.append(badge("rap", rap, RAP_LABEL.get(rap, rap)))
    out.append(badge("licence", "any", entry.get("licence", "")))
    safety = entry["clinical_safety"]["applicable"] if "clinical_safety" in entry else None
    if safety:
        out.append(badge("safety", safety, SAFETY_LABEL.get(safety, safety)))
    return format_html('<span class="nhsoa-badges">{}</span>', Markup("").join(out))


def items(values: Iterable[str]) -> Markup:
    """A list; each item is text (escaped here) or ``Markup``."""
    return format_html("<ul>{}</ul>", Markup("").join(format_html("<li>{}</li>", v) for v in values))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str = "", cls: str = "") -> Markup:
    """An HTML table; headers are text, each cell text (escaped here) or ``Markup``.

    The table itself has no class, so the theme styles it and makes it scroll sideways on a
    narrow screen, as it does a Markdown table; ``cls`` goes on a ``div`` around it.
    """
    head = Markup("").join(format_html('<th scope="col">{}</th>', h) for h in headers)
    body = Markup("").join(
        format_html("<tr>{}</tr>", Markup("").join(format_html("<td>{}</td>", c) for c in row)) for row in rows
    )
    cap = format_html("<caption>{}</caption>", caption) if caption else Markup("")
    markup = format_html("<table>{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>", cap, head, body)
    return format_html('<div class="{}">{}</div>', cls, markup) if cls else markup
