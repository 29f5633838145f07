"""A generated page: YAML front matter, then HTML blocks and our own Markdown headings.

Entry text only ever appears inside HTML we build with :mod:`nhsoa.site.html`, never as
Markdown source, so no Markdown extension can act on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nhsoa import yamlio
from nhsoa.registry.entry import Entry
from nhsoa.site.html import esc

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

    def html(self, markup: str) -> None:
        """Add a block of HTML (already escaped).

        Kept to one line so Markdown's block rules (blank lines, indented code) never reach
        inside it; newlines in text such as code samples survive as character references.
        """
        self.blocks.append(markup.strip().replace("\r", "").replace("\n", "&#10;"))

    def heading(self, text: str, anchor: str, level: int = 2) -> None:
        """A section heading (our own words only: it is Markdown, and shows in the table of contents)."""
        self.blocks.append(f"{'#' * level} {text} {{#{anchor}}}")

    def front_matter(self) -> dict[str, Any]:
        """The page's metadata, as MkDocs reads it from the front matter."""
        meta: dict[str, Any] = {"title": esc(self.title)}
        if self.description:
            meta["description"] = esc(self.description)
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


def badge(kind: str, value: str, label: str) -> str:
    return f'<span class="nhsoa-badge nhsoa-badge--{esc(kind)}-{esc(value)}">{esc(label)}</span>'


def badges(entry: Entry) -> str:
    phase = str(entry.get("phase", ""))
    out = [badge("phase", phase, PHASE_LABEL.get(phase, phase))]
    rap = entry["rap"]["level"] if "rap" in entry else None
    if rap:
        out.append(badge("rap", rap, RAP_LABEL.get(rap, rap)))
    out.append(badge("licence", "any", entry.get("licence", "")))
    safety = entry["clinical_safety"]["applicable"] if "clinical_safety" in entry else None
    if safety:
        out.append(badge("safety", safety, SAFETY_LABEL.get(safety, safety)))
    return '<span class="nhsoa-badges">' + "".join(out) + "</span>"


def items(values: Iterable[str]) -> str:
    """A list of already-escaped HTML items."""
    return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str = "", cls: str = "") -> str:
    """An HTML table; headers are plain text, cells already-escaped HTML.

    The table itself has no class, so the theme styles it and makes it scroll sideways on a
    narrow screen, as it does a Markdown table; ``cls`` goes on a ``div`` around it.
    """
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    markup = f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="{esc(cls)}">{markup}</div>' if cls else markup
