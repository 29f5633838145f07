"""A shortcut for pages this package generated: skip Markdown, which has nothing to do on them.

A generated page is front matter, then blocks of finished HTML and our own ``## Heading {#id}``
lines (:class:`nhsoa.site.page.Page`). Python-Markdown would re-parse every tag of that HTML
only to pass it through unchanged, which is most of the cost of a large build. ``nhsoa site
build`` adds :class:`FastPages` to MkDocs in-process; any other MkDocs-compatible builder
renders the same files through Markdown and gets the same page (the tests compare them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

GENERATOR = "nhsoa"  # the front matter value `generator: nhsoa` marks a generated page
_HEADING = re.compile(r"^(#{2,6}) ([^\n<>&{}]+?) \{#([a-z0-9-]+)\}$")

Rendered = tuple[str, list[dict[str, Any]]]
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_EXCLUDED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SECTION = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)  # a section starts at a heading with an id


def search_entries(url: str, title: str, body: str) -> list[dict[str, str]]:
    """Search index entries for a generated page, one per section, as Material's search makes them.

    Text is the page's HTML with tags removed and entities kept (the index holds HTML text);
    boilerplate marked ``data-search-exclude`` and structured data are left out.
    """
    entries = []
    starts = [(0, 0, "", title)]
    for match in _SECTION.finditer(body):
        heading = _TAG.sub("", match.group(3).split('<a class="headerlink"', 1)[0]).strip()
        starts.append((match.start(), match.end(), match.group(2), heading))
    for index, (_, content, anchor, heading) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        segment = body[content:end]
        text = _SPACE.sub(" ", _TAG.sub(" ", _indexed(segment))).strip()
        entries.append({"location": f"{url}#{anchor}" if anchor else url, "title": heading, "text": text})
    return entries


def _indexed(html: str) -> str:
    """The HTML without scripts and without the elements marked ``data-search-exclude``.

    As Material's search parser does, an excluded element ends at the first end tag of its
    kind, so the pages never put an element inside an excluded one of the same kind.
    """
    kept, pos = [], 0
    for match in _EXCLUDED.finditer(html):
        if match.start() < pos:
            continue  # inside an element already left out
        kept.append(html[pos : match.start()])
        end = html.find(f"</{match.group(1)}>", match.end())
        pos = len(html) if end < 0 else end + len(match.group(1)) + 3
    kept.append(html[pos:])
    return _SCRIPT.sub(" ", " ".join(kept))


def render_blocks(markdown: str) -> Rendered | None:
    """The page body as HTML with its table of contents, or None if any block is not ours."""
    parts: list[str] = []
    toc: list[dict[str, Any]] = []
    for block in markdown.strip().split("\n\n"):
        heading = _HEADING.match(block)
        if heading:
            hashes, text, anchor = heading.groups()
            level = len(hashes)
            parts.append(
                f'<h{level} id="{anchor}">{text}<a class="headerlink" href="#{anchor}" '
                f'title="Permanent link">&para;</a></h{level}>'
            )
            toc.append({"level": level, "id": anchor, "name": text, "html": text, "data-toc-label": "", "children": []})
        elif block.startswith("<") and "\n" not in block:
            parts.append(block)
        else:
            return None
    return "\n".join(parts), _nest(toc)


def _nest(flat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for item in flat:
        while stack and stack[-1]["level"] >= item["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(item)
        stack.append(item)
    return roots


class FastPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Renders generated pages without Markdown (in-process only; mkdocs.yml stays plugin-free).

    MkDocs builds a Markdown converter with every extension for each page before converting
    it; for our pages that set-up costs more than the page itself, so the page's own
    ``render`` is replaced by one that installs the finished HTML and table of contents.
    ``sources`` (page path -> front matter and Markdown, as just written) spares reading each
    file back and parsing its front matter again.
    """

    def __init__(self, sources: dict[str, tuple[dict[str, Any], str]] | None = None) -> None:
        self.count = 0
        self.bodies: dict[str, str] = {}
        self.sources = dict(sources or {})
        self.nav: Any = None

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        if env.bytecode_cache is None:  # the theme's templates, compiled once, not on every build
            env.bytecode_cache = FileSystemBytecodeCache()  # in the user's temporary folder, keyed by source
        share_partials(env, self.nav)
        return env

    def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
        source = self.sources.pop(page.file.src_uri, None)
        if source is not None:
            meta, markdown = source

            def read_source(config: Any) -> None:
                page.markdown, page.meta = markdown.lstrip("\n"), meta  # as MkDocs' front matter parser leaves them

            page.read_source = read_source  # this page only
        return page

    def on_page_markdown(self, markdown: str, *, page: Any, **kwargs: Any) -> str:
        if page.meta.get("generator") != GENERATOR:
            return markdown
        rendered = render_blocks(markdown)
        if rendered is None:
            return markdown
        body, toc = rendered

        def render(config: Any, files: Any) -> None:
            page.content = body
            page.toc = get_toc(toc)  # type: ignore[arg-type]  # the keys of Markdown toc tokens
            page.present_anchor_ids = {anchor.id for anchor in _anchors(page.toc)}

        page.render = render  # this page only: other pages keep MkDocs' own render
        self.bodies[page.file.src_uri] = body
        self.count += 1
        return markdown

    @event_priority(50)  # before Material's search plugin reads the page
    def on_page_context(self, context: Any, *, page: Any, config: Any, **kwargs: Any) -> Any:
        """Index the page from its known structure instead of Material's HTML parser (same entries, faster)."""
        body = self.bodies.pop(page.file.src_uri, None)
        search = page.meta.get("search") or {}
        index = search_index(config)
        if body is None or index is None or search.get("exclude"):
            return context
        for entry in search_entries(page.url, str(page.meta.get("title", page.title)), body):
            index.entries.append({**entry, **({"boost": search["boost"]} if "boost" in search else {})})
        page.meta["search"] = {**search, "exclude": True}  # indexed above
        return context


def search_index(config: Any) -> Any:
    from material.plugins.search.plugin import SearchPlugin  # noqa: PLC0415

    return next((p.search_index for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)


def _anchors(items: Any) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        found += _anchors(item.children)
    return found


SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/footer.html")


def share_partials(env: Any, nav: Any) -> None:
    """Render the site navigation (and the other page-independent parts) once per folder.

    The theme renders the whole navigation and the tabs into every page; for a page outside
    the navigation (every tool, organisation and topic page) nothing in them is active and the
    footer has no previous or next page, and their links are relative to the page's folder, so
    such pages in one folder share one rendering. The included templates' render functions
    are wrapped; pages in the navigation are rendered as always.
    """
    if nav is None:
        return
    in_nav = {id(page) for page in nav.pages}
    for name in SHARED_PARTIALS:
        template = env.get_template(name)  # the environment keeps it: every include gets this object
        template.root_render_func = _shared(template.root_render_func, in_nav)


def _shared(render: Callable[[Any], Iterator[str]], in_nav: set[int]) -> Callable[[Any], Iterator[str]]:
    rendered: dict[tuple[str, tuple[str, ...]], str] = {}

    def shared(context: Any) -> Iterator[str]:
        page = context.get("page")
        if page is None or id(page) in in_nav or getattr(page, "url", None) is None:
            yield from render(context)
            return
        key = (page.url.rpartition("/")[0], tuple((page.meta or {}).get("hide") or ()))
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    return shared
