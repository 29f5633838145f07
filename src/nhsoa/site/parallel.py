"""MkDocs pages rendered on every core: the theme's template is most of a large build's time.

MkDocs reads every page first, then renders them one after another through the theme's
Jinja template. Once read, pages are independent, so ``nhsoa site build`` adds
:class:`ParallelPages` in-process: when MkDocs is about to render, it forks workers that
render and write the first pages with MkDocs' own page builder and hand back their search
index entries, while MkDocs renders the rest as usual and finds the workers' pages already
written. Any MkDocs-compatible builder without it renders the same files one by one
(mkdocs.yml stays plugin-free).
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

from nhsoa.site.fastpath import search_index

PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves
CHUNK = 100
WORKER_SHARE = 0.5  # of the pages, for the workers (this process also copies the theme and writes the index)
MAIN = "main.html"  # the theme's page template (a page may name another in its front matter)

# (page index, its search index entries) per page, and the warnings MkDocs logged
ChunkResult = tuple[list[tuple[int, list[dict[str, Any]]]], list[tuple[int, str, str]]]

_SHARED: tuple[Any, ...] | None = None  # what forked workers need, set just before they start


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))


def _render(indexes: list[int]) -> ChunkResult:
    """In a worker: render and write these pages as MkDocs would, and return what the parent needs."""
    from mkdocs.commands.build import _build_page  # noqa: PLC0415 - MkDocs' own page builder (MkDocs is pinned)

    assert _SHARED is not None
    pages, config, doc_files, nav, env, index = _SHARED
    capture = _Capture()
    logging.getLogger("mkdocs").addHandler(capture)
    done = []
    for i in indexes:
        start = len(index.entries) if index is not None else 0
        _build_page(pages[i], config, doc_files, nav, env)
        done.append((i, index.entries[start:] if index is not None else []))
    return done, capture.records


class ParallelPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Renders MkDocs' pages on every core (in-process only; without ``fork``, MkDocs renders them all)."""

    def __init__(self, progress: Callable[[int, int], None] | None = None, jobs: int | None = None) -> None:
        self.progress = progress or (lambda done, total: None)
        self.jobs = jobs or os.cpu_count() or 1
        self.nav: Any = None
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[ChunkResult]] = []
        self.delegated: set[int] = set()  # the pages (ids) the workers render
        self.total = 0
        self.done = 0

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    @event_priority(-100)  # after every other plugin has prepared the environment
    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        global _SHARED  # noqa: PLW0603 - handed to forked workers without pickling
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' build loop
        pages = [file.page for file in doc_files]
        self.total = len(pages)
        if self.jobs < 2 or len(pages) < PARALLEL_FROM or "fork" not in get_all_start_methods() or self.nav is None:
            return env
        share = round(len(pages) * WORKER_SHARE)
        delegated = [i for i in range(share) if pages[i].meta.get("template", MAIN) == MAIN]
        _SHARED = (pages, config, doc_files, self.nav, env, search_index(config))
        gc.freeze()  # in the workers the collector would otherwise touch, and so copy, every object inherited
        try:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs - 1, mp_context=get_context("fork"))
            self.futures = [
                self.pool.submit(_render, delegated[i : i + CHUNK]) for i in range(0, len(delegated), CHUNK)
            ]  # the workers are forked at the first submit: what follows does not reach them
        finally:
            _SHARED = None
            gc.unfreeze()
        for i in delegated:  # what is left of them here: MkDocs goes through them quickly, writing nothing
            pages[i].meta["search"] = {**(pages[i].meta.get("search") or {}), "exclude": True}  # the worker's
            pages[i].content = ""
        self.delegated = {id(pages[i]) for i in delegated}
        _skip_in_template(env.get_template(MAIN), self.delegated)
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if id(page) not in self.delegated:
            self.done += 1
            if self.done % 50 == 0:
                self.progress(self.done + CHUNK * sum(1 for f in self.futures if f.done()), self.total)
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: Any) -> None:
        if self.pool is None:
            self.progress(self.done, self.total)
            return
        results: list[tuple[int, list[dict[str, Any]]]] = []
        try:
            for future in self.futures:
                done, messages = future.result()
                results += done
                self.progress(self.done + len(results), self.total)
                for level, name, message in messages:
                    logging.getLogger(name).log(level, message)  # counted by MkDocs' --strict
        finally:
            self._stop()
        index = search_index(config)
        if index is not None:  # the workers' pages come first, as MkDocs would have indexed them
            index.entries[0:0] = [entry for _, entries in sorted(results, key=lambda r: r[0]) for entry in entries]

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def _skip_in_template(template: Any, delegated: set[int]) -> None:
    """The page template renders nothing for the workers' pages: MkDocs then writes nothing over them."""
    render = template.render

    def skipping(*args: Any, **kwargs: Any) -> str:
        context = args[0] if args else kwargs
        if id(context.get("page")) in delegated:
            return ""
        return str(render(*args, **kwargs))

    template.render = skipping
