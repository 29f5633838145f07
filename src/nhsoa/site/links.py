"""Where each generated page lives and how pages link to one another.

Generated pages are HTML inside Markdown files, so MkDocs does not rewrite their links:
they are computed here, relative to the linking page, for either URL style MkDocs offers.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass

HOME = "index.md"
CATALOGUE = "catalogue.md"
TOOLS_INDEX = "tools/index.md"
ORGANISATIONS_INDEX = "organisations/index.md"
TOPICS_INDEX = "topics/index.md"
ADOPTION = "adoption.md"
PRODUCTS_INDEX = "products/index.md"
RULES = "reference/rules.md"
SCHEMA = "reference/schema.md"
DATA = "reference/data.md"


def tool_page(entry_id: str) -> str:
    return f"tools/{entry_id}.md"


def organisation_page(key: str) -> str:
    return f"organisations/{key}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def product_page(name: str) -> str:
    return f"products/{name}.md"


def slug(text: str) -> str:
    """A file-name-safe slug: lower-case ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "unnamed"


@dataclass(frozen=True)
class Urls:
    """URLs of pages (``*.md`` source paths) and files, as MkDocs will publish them."""

    directory_urls: bool = False

    def url(self, target: str) -> str:
        """The site-relative URL of a page or file."""
        if not target.endswith(".md"):
            return target
        stem = target.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - Urls is a frozen value; a site links the same pairs often
    def rel(self, page: str, target: str) -> str:
        """A link from ``page`` to ``target`` (a page or a file), relative so it works in any folder."""
        here = self.url(page)
        folder = here if here.endswith("/") or here == "" else posixpath.dirname(here)
        there = self.url(target)
        relative = posixpath.relpath(there or ".", folder or ".")
        if there.endswith("/") or there == "":
            relative = relative.rstrip("/") + "/"
            relative = "./" if relative == "/" else relative
        return relative
