"""Write every generated page and data file into the MkDocs docs folder (plain Python, no MkDocs)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from nhsoa.catalogue import Catalogue, write_index
from nhsoa.errors import NhsoaError
from nhsoa.registry import Reference
from nhsoa.site import adoption, catalogue_page, pages, products, reference, tool_page
from nhsoa.site.feed import FEED_FILE, atom_feed
from nhsoa.site.links import Urls
from nhsoa.site.model import Site, build_model
from nhsoa.site.page import Page

PARALLEL_FROM = 400  # tool pages; below this, starting worker processes costs more than it saves
CHUNK = 250


def _write(page: Page, docs: Path) -> None:
    target = docs / page.path
    if target.exists():
        raise NhsoaError(f"site/{docs.name}/{page.path} is hand-written, but the build generates it; rename it")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.text(), encoding="utf-8")


_SHARED: tuple[Site, Urls, str | None, Path] | None = None  # read by forked workers


def _write_tool_pages(ids: list[str]) -> int:
    assert _SHARED is not None
    site, urls, edit_base, docs = _SHARED
    for entry_id in ids:
        _write(tool_page.tool_page(site.by_id[entry_id], site, urls, edit_base), docs)
    return len(ids)


def _tool_pages(site: Site, urls: Urls, edit_base: str | None, docs: Path) -> Iterator[int]:
    """Write the tool pages, on every core for a large registry (the pages are independent)."""
    global _SHARED  # noqa: PLW0603 - handed to forked workers without pickling the whole model
    (docs / "tools").mkdir(parents=True, exist_ok=True)
    ids = [e["id"] for e in site.entries]
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    jobs = os.cpu_count() or 1
    if site.entries:
        site.related(site.entries[0])  # builds the shared indexes once, before forking
    _SHARED = (site, urls, edit_base, docs)
    try:
        if jobs < 2 or len(ids) < PARALLEL_FROM or "fork" not in get_all_start_methods():
            yield from (_write_tool_pages(chunk) for chunk in chunks)
            return
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
            yield from pool.map(_write_tool_pages, chunks)
    finally:
        _SHARED = None


@dataclass
class Generated:
    tools: int
    skipped: int
    page_count: int
    products: list[products.Product] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # data files written, relative to docs/


def generate(
    catalogue: Catalogue,
    registry_reference: Reference,
    docs: Path,
    *,
    today: date,
    directory_urls: bool = False,
    site_url: str | None = None,
    edit_base: str | None = None,
    site_name: str = "NHS Open Analytics",
    products_dir: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Generated:
    tick = progress or (lambda stage, done, total: None)
    urls = Urls(directory_urls=directory_urls)
    site = build_model(catalogue, registry_reference, today)
    found = products.find_products(products_dir) if products_dir else []
    for index, product in enumerate(found):
        tick("reports", index, len(found))
        products.render(product)
    tick("reports", len(found), len(found))

    def all_pages() -> Iterator[Page]:
        yield pages.home_page(site, urls)
        yield catalogue_page.catalogue_page(site, urls)
        yield pages.tools_index_page(site, urls)
        yield adoption.adoption_page(site, urls)
        yield pages.organisations_index_page(site, urls)
        yield pages.topics_index_page(site, urls)
        yield reference.rules_page()
        yield reference.schema_page(urls)
        yield reference.data_page(urls, len(site.entries), today.isoformat())
        yield reference.products_index_page(found, urls)
        for product in found:
            yield reference.product_page(product, urls)
        for topic_id in site.topics:
            yield pages.topic_page(topic_id, site, urls)
        for org in site.orgs.values():
            yield pages.organisation_page(org, urls)

    total = 10 + len(found) + len(site.topics) + len(site.orgs) + len(site.entries)
    written = 0
    for page in all_pages():
        _write(page, docs)
        written += 1
        if written % 100 == 0:
            tick("pages", written, total)
    for done in _tool_pages(site, urls, edit_base, docs):
        written += done
        tick("pages", written, total)

    files = [str(p.relative_to(docs)) for p in write_index(catalogue, docs, generated=today)]
    (docs / FEED_FILE).write_text(
        atom_feed(site.entries, urls, site_url=site_url, title=site_name, today=today), encoding="utf-8"
    )
    data_file = docs / catalogue_page.DATA_FILE
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text(catalogue_page.data_script(site, urls), encoding="utf-8")
    for product in found:
        for report in product.reports:
            if report.html is not None:
                target = docs / reference.report_file(product, report.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(report.html, encoding="utf-8")
    files += [FEED_FILE, catalogue_page.DATA_FILE]
    return Generated(tools=len(site.entries), skipped=site.skipped, page_count=written, products=found, files=files)
