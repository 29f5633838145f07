"""Languages by lines of code, with SQL counted wherever it is written, notebooks included.

A line of code is a line that is neither blank nor only a comment. Code is counted by
where it runs, not by the file it sits in: a ``%%sql`` cell of a Jupyter notebook is SQL,
an ``{r}`` chunk of a Quarto document is R, and a ``%sql`` cell of a Databricks notebook
(exported as a ``.py`` file) is SQL. Prose (Markdown cells and text) is not code.
Vendored, generated and environment folders are left out, as are minified files and
built websites (a folder holding ``pkgdown.yml``, ``sitemap.xml`` and the like, with the
copies of JavaScript libraries such sites carry).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from nhsoa.languages import EXTENSIONS

DOCUMENTS = (".rmd", ".qmd", ".rmarkdown")  # code chunks in prose
NOTEBOOK = ".ipynb"
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "vendor", "third_party", "renv", ".venv", "venv", "site-packages", "dist", "build", "_site",
     "_book", "_freeze", ".git", "htmlwidgets", "__pycache__", "deps", "libs", "site_libs"}
)  # fmt: skip
BUILT_SITE_MARKERS = frozenset({"pkgdown.yml", "pkgdown.js", "sitemap.xml", "search_index.json"})
MAX_BYTES = 2 * 1024 * 1024
MINIFIED_LINE = 1000  # a file with a line this long is generated, not written

_LINE_COMMENT = {"Python": "#", "R": "#", "Shell": "#", "Julia": "#", "Ruby": "#", "SQL": "--", "Clojure": ";",
                 "JavaScript": "//", "TypeScript": "//", "Scala": "//", "Java": "//", "C": "//", "C++": "//",
                 "Go": "//", "Rust": "//", "C#": "//", "Stata": "//"}  # fmt: skip
_BLOCK_COMMENT = frozenset({"SQL", "JavaScript", "TypeScript", "Scala", "Java", "C", "C++", "Go", "Rust", "C#", "SAS",
                            "Stata"})  # fmt: skip
# Cell magics and chunk engines, lower-cased, to the language the cell runs.
_ENGINES = {"sql": "SQL", "r": "R", "python": "Python", "py": "Python", "scala": "Scala", "sh": "Shell",
            "bash": "Shell", "julia": "Julia", "js": "JavaScript", "javascript": "JavaScript"}  # fmt: skip
_PROSE_MAGICS = frozenset({"md", "md-sandbox", "html", "markdown", "latex", "svg", "writefile", "fs", "pip"})
_DATABRICKS_HEADER = re.compile(r"^(#|--|//) Databricks notebook source\s*$")
_DATABRICKS_CELL = re.compile(r"^(#|--|//) COMMAND -+\s*$")
_DATABRICKS_MAGIC = re.compile(r"^(#|--|//) MAGIC ?")
_DATABRICKS_TITLE = re.compile(r"^(#|--|//) DBTITLE ")
_CHUNK_START = re.compile(r"^\s*```+\s*\{\s*([A-Za-z]+)")
_CHUNK_END = re.compile(r"^\s*```+\s*$")


def count_files(files: Iterable[tuple[str, bytes]]) -> list[tuple[str, int]]:
    """Lines of code by language over ``(path, content)`` pairs, largest first (ties by name).

    Give it the files :func:`select` chose.
    """
    totals: Counter[str] = Counter()
    for path, content in files:
        for language, lines in count_file(path, content):
            totals[language] += lines
    return sorted(((language, n) for language, n in totals.items() if n), key=lambda item: (-item[1], item[0]))


def select(paths: Iterable[str]) -> list[str]:
    """The paths, out of all the files of a repository, whose code is counted."""
    every = [PurePosixPath(path) for path in paths]
    sites = {path.parent for path in every if path.name in BUILT_SITE_MARKERS and path.parent.parts}
    return [str(path) for path in every if _counted(path) and not sites.intersection(path.parents)]


def _counted(path: PurePosixPath) -> bool:
    folders = path.parts[:-1]
    if any(part in SKIPPED_FOLDERS or part.endswith("_files") for part in folders) or ".min." in path.name:
        return False  # "<document>_files" holds what a rendered R Markdown or Quarto page needs
    suffix = path.suffix.lower()
    return suffix in EXTENSIONS or suffix in DOCUMENTS or suffix == NOTEBOOK


def count_file(path: str, content: bytes) -> Iterator[tuple[str, int]]:
    """(language, lines of code) for one file chosen by :func:`select`."""
    if len(content) > MAX_BYTES or b"\0" in content[:8000]:
        return
    text = content.decode("utf-8", errors="replace")
    suffix = PurePosixPath(path).suffix.lower()
    if suffix == NOTEBOOK:
        yield from _jupyter(text)
        return
    lines = text.splitlines()
    if any(len(line) >= MINIFIED_LINE for line in lines):
        return
    if suffix in DOCUMENTS:
        yield from _chunks(lines)
    elif lines and _DATABRICKS_HEADER.match(lines[0]):
        yield from _databricks(lines, EXTENSIONS[suffix])
    else:
        yield EXTENSIONS[suffix], code_lines(lines, EXTENSIONS[suffix])


def code_lines(lines: Iterable[str], language: str) -> int:
    """Lines that are not blank and not only a comment in ``language``."""
    comment = _LINE_COMMENT.get(language)
    blocks = language in _BLOCK_COMMENT
    in_block = False
    count = 0
    for raw in lines:
        line = raw.strip()
        if in_block:
            if "*/" not in line:
                continue
            in_block = False
            line = line.split("*/", 1)[1].strip()
        if blocks and line.startswith("/*"):
            rest = line[2:]
            if "*/" not in rest:
                in_block = True
                continue
            line = rest.split("*/", 1)[1].strip()
        if line and not (comment and line.startswith(comment)):
            count += 1
    return count


def _cell(lines: list[str], default: str) -> tuple[str | None, list[str]]:
    """The language a notebook cell runs (None for prose) and its lines without the magic."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, []
    head = lines[first].strip()
    if head.startswith("%"):
        magic = head.lstrip("%").split(maxsplit=1)[0].lower() if head.lstrip("%") else ""
        if magic in _PROSE_MAGICS:
            return None, []
        if magic in _ENGINES:
            return _ENGINES[magic], lines[first + 1 :]
    return default, lines


def _jupyter(text: str) -> Iterator[tuple[str, int]]:
    try:
        notebook = json.loads(text)
    except ValueError:
        return
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return
    default = _kernel_language(notebook.get("metadata"))
    for cell in notebook["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        lines = ("".join(source) if isinstance(source, list) else str(source)).splitlines()
        language, body = _cell(lines, default)
        if language is not None:
            yield language, code_lines(body, language)


def _kernel_language(metadata: object) -> str:
    if isinstance(metadata, dict):
        for key, field in (("kernelspec", "language"), ("language_info", "name")):
            block = metadata.get(key)
            name = block.get(field) if isinstance(block, dict) else None
            if isinstance(name, str) and name.lower() in _ENGINES:
                return _ENGINES[name.lower()]
    return "Python"


def _databricks(lines: list[str], default: str) -> Iterator[tuple[str, int]]:
    cell: list[str] = []
    for line in [*lines[1:], None]:
        if line is None or _DATABRICKS_CELL.match(line):
            language, body = _cell(cell, default)
            if language is not None:
                yield language, code_lines(body, language)
            cell = []
        elif not _DATABRICKS_TITLE.match(line):  # a cell's title is not code
            cell.append(_DATABRICKS_MAGIC.sub("", line, count=1))


def _chunks(lines: list[str]) -> Iterator[tuple[str, int]]:
    language: str | None = None
    body: list[str] = []
    for line in lines:
        if language is None:
            start = _CHUNK_START.match(line)
            if start:
                language, body = _ENGINES.get(start.group(1).lower(), ""), []
        elif _CHUNK_END.match(line):
            if language:
                yield language, code_lines(body, language)
            language = None
        else:
            body.append(line)
