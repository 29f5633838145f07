"""Write every generated page and data file into the MkDocs docs folder (plain Python, no MkDocs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from nhsoa.errors import NhsoaError
from nhsoa.parallel import forked_workers
from nhsoa.registry.catalogue import Catalogue, write_index
from nhsoa.registry.store import Reference
from nhsoa.site import adoption, catalogue_page, catalogue_search, pages, products, reference, tool_page
from nhsoa.site.feed import FEED_FILE, atom_feed
from nhsoa.site.model import Site, build_model
from nhsoa.site.page import Page, source_text
from nhsoa.site.paths import Urls

PARALLEL_FROM = 400  # tool pages; below this, starting worker processes costs more than it saves
CHUNK = 250


def _write(page: Page, docs: Path, folders: set[Path]) -> None:
    target = docs / page.path
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    meta, body = page.front_matter(), page.body()
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never over a hand-written page
            handle.write(source_text(meta, body))
    except FileExistsError:
        where = f"site/{docs.name}/{page.path}"
        raise NhsoaError(f"{where} is hand-written, but the build generates it; rename it") from None


_SHARED: tuple[Site, Urls, str | None, Path] | None = None  # read by forked workers


def _write_tool_pages(ids: list[str]) -> int:
    assert _SHARED is not None
    site, urls, repository, docs = _SHARED
    folders = {docs / "tools"}
    for entry_id in ids:
        _write(tool_page.tool_page(site.by_id[entry_id], site, urls, repository), docs, folders)
    return len(ids)


@contextmanager
def _tool_pages(site: Site, urls: Urls, repository: str | None, docs: Path) -> Iterator[Iterator[int]]:
    """The tool pages, written on every core for a large registry while this process writes the rest.

    Yields the number of pages written, batch by batch, as the batches finish."""
    global _SHARED  # noqa: PLW0603 - handed to forked workers without pickling the whole model
    ids = [e["id"] for e in site.entries]
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    (docs / "tools").mkdir(parents=True, exist_ok=True)
    if site.entries:
        site.related(site.entries[0])  # builds the shared indexes once, before forking
    _SHARED = (site, urls, repository, docs)
    try:
        with forked_workers(len(ids), min_work=PARALLEL_FROM) as pool:
            if pool is None:
                yield (_write_tool_pages(chunk) for chunk in chunks)
            else:
                futures = [pool.submit(_write_tool_pages, chunk) for chunk in chunks]  # the workers start now
                yield (future.result() for future in futures)
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
    repository: str | None = None,
    site_name: str = "NHS Open Analytics",
    products_dir: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Generated:
    tick = progress or (lambda stage, done, total: None)
    urls = Urls(directory_urls=directory_urls)
    site = build_model(catalogue, registry_reference, today)
    with _tool_pages(site, urls, repository, docs) as tool_batches:
        found = products.find_products(products_dir) if products_dir else []
        for index, product in enumerate(found):
            tick("reports", index, len(found))
            products.render(product)
        tick("reports", len(found), len(found))
        total = 10 + len(found) + len(site.topics) + len(site.orgs) + len(site.entries)
        written = 0
        folders: set[Path] = set()
        for page in _other_pages(site, urls, found, today):
            _write(page, docs, folders)
            written += 1
            if written % 100 == 0:
                tick("pages", written, total)
        files = _data_files(catalogue, site, urls, docs, found, site_url=site_url, site_name=site_name, today=today)
        for batch in tool_batches:
            written += batch
            tick("pages", written, total)
    return Generated(tools=len(site.entries), skipped=site.skipped, page_count=written, products=found, files=files)


def _other_pages(site: Site, urls: Urls, found: list[products.Product], today: date) -> Iterator[Page]:
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
        yield pages.organisation_page(org, urls, site.list_rows)


def _data_files(
    catalogue: Catalogue,
    site: Site,
    urls: Urls,
    docs: Path,
    found: list[products.Product],
    *,
    site_url: str | None,
    site_name: str,
    today: date,
) -> list[str]:
    """registry.json (compact: it is downloaded), registry.csv, the schema, the feed, the catalogue's data, reports."""
    files = [str(p.relative_to(docs)) for p in write_index(catalogue, docs, generated=today, compact=True)]
    (docs / FEED_FILE).write_text(
        atom_feed(site.entries, urls, site_url=site_url, title=site_name, today=today), encoding="utf-8"
    )
    data_file = docs / catalogue_page.DATA_FILE
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data = catalogue_page.data_script(site, urls) + catalogue_search.index_script(catalogue)
    data_file.write_text(data, encoding="utf-8")
    for product in found:
        for report in product.reports:
            if report.html is not None:
                target = docs / reference.report_file(product, report.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(report.html, encoding="utf-8")
    return [*files, FEED_FILE, catalogue_page.DATA_FILE]
