"""Where each generated page lives and how pages link to one another.

Generated pages are HTML inside Markdown files, so MkDocs does not rewrite their links:
they are computed here, relative to the linking page, for either URL style MkDocs offers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HOME = "index.md"
CATALOGUE = "catalogue.md"
# The lists live beside, not inside, the folders of item pages: any id (even "index") can be an item.
TOOLS_INDEX = "a-z.md"
ORGANISATIONS_INDEX = "organisations.md"
TOPICS_INDEX = "topics.md"
ADOPTION = "adoption.md"
PRODUCTS_INDEX = "products.md"
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

    def rel(self, page: str, target: str) -> str:
        """A link from ``page`` to ``target`` (a page or a file), relative so it works in any folder.

        Paths here are plain and relative (no ``..`` or ``.``), so the common folder prefix is
        enough; this runs for every link of every page.
        """
        here, there = self.url(page), self.url(target)
        folder = here if here.endswith("/") else here.rpartition("/")[0]
        folder_parts = [part for part in folder.split("/") if part]
        target_parts = there.split("/")
        common = 0
        while (
            common < len(folder_parts)
            and common < len(target_parts) - 1
            and folder_parts[common] == target_parts[common]
        ):
            common += 1
        return "../" * (len(folder_parts) - common) + "/".join(target_parts[common:]) or "./"
