"""A README's first paragraph of prose, as a summary for a repository that has no metadata file.

The README is read as CommonMark. Headings, badges (paragraphs of images and links only), HTML
blocks, block quotes and call-outs (``> [!NOTE]``, "Warning: ..."), status lines and sentences
that only introduce a list are passed over: the first paragraph left says what the tool is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from nhsoa.interop import common
from nhsoa.interop.model import Imported

NAME = "readme"
CANDIDATES = ("README.md", "README.markdown", "README.rst", "README.txt", "README")
MAX_BYTES = 500_000
MIN_WORDS = 5
_CALL_OUT = re.compile(
    r"^(?::\w+:\s*)*(?:warning|note|caution|important|disclaimer|status|project status|work in progress|wip|"
    r"deprecated|archived|under development|in (?:early )?development)\b",
    re.IGNORECASE,
)


_CONTAINERS = frozenset(
    f"{kind}_{end}" for kind in ("blockquote", "bullet_list", "ordered_list", "table") for end in ("open", "close")
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def find(folder: Path) -> Path | None:
    names = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    for candidate in CANDIDATES:
        path = names.get(candidate.lower())
        if path is not None and path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_BYTES:
            return path
    return None


def read(folder: Path) -> Imported | None:
    path = find(folder)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None
    found = Imported(NAME, path.name)
    paragraph = first_paragraph(text)
    if paragraph:
        summary, cut = common.summary_from(paragraph)
        found.put("summary", summary, "first paragraph" + (" (first sentence)" if cut else ""))
    return found


def first_paragraph(text: str) -> str | None:
    """The plain text of the first paragraph of prose, outside block quotes and lists, or None."""
    tokens = _parser().parse(text)
    nested = 0
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            nested += 1 if token.nesting > 0 else -1
        elif token.type == "inline" and not nested and index > 0 and tokens[index - 1].type == "paragraph_open":
            plain = _plain(token)
            if _is_prose(plain):
                return plain
    return None


def _plain(inline: Token) -> str:
    """The text a reader sees, without images, raw HTML or emphasis markers."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return common.one_line("".join(parts))


def _is_prose(plain: str) -> bool:
    return (
        len(plain.split()) >= MIN_WORDS
        and not _CALL_OUT.match(plain)
        and not plain.rstrip().endswith(":")
        and not plain.startswith("[!")
    )
