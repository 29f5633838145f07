"""Reference pages: the rules, the schema's fields, the machine-readable files, the products."""

from __future__ import annotations

from typing import Any, cast

from markupsafe import Markup

from nhsoa.registry import rules, schema
from nhsoa.registry.entry import Entry
from nhsoa.site import paths
from nhsoa.site.html import external_link, format_html
from nhsoa.site.page import Page, badges, table
from nhsoa.site.paths import Urls, slug
from nhsoa.site.products import Product, how_to_render


def rules_page() -> Page:
    page = Page(path=paths.RULES, title="Rules", description="Every rule registry entries are checked against")
    page.blocks.append(
        "Every check beyond the schema is a rule with a stable id. A finding prints as "
        "`path:line: OA012 error: message (fix: hint)`. An entry may skip a skippable rule only with a written "
        "reason in `skip_checks`. This page is generated from the rules table in the code (`nhsoa rules`).\n\n"
        + rules.markdown_table()
    )
    return page


_REF_NAMES = {"url": "https address", "slug": "id", "date": "date (YYYY-MM-DD)", "ods_code": "ODS code"}


def _type_of(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _REF_NAMES.get(str(name), str(name))
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array":
        return f"list of {_type_of(node.get('items', {}), defs)}"
    return str(kind)


def _field_rows(node: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[tuple[str, str, str]]:
    rows = []
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        shown = path + (" (required)" if name in required else "")
        rows.append((shown, _type_of(child, defs), child.get("description", "")))
        target = child.get("items", {}) if child.get("type") == "array" else child
        if target.get("properties"):
            rows += _field_rows(target, defs, path + ("[]." if child.get("type") == "array" else "."))
    return rows


def schema_page(urls: Urls) -> Page:
    document = schema.schema()
    page = Page(path=paths.SCHEMA, title="Metadata schema", description=document.get("description", ""))
    rows = [(format_html("<code>{}</code>", p), t, d) for p, t, d in _field_rows(document, document.get("$defs", {}))]
    page.html(
        format_html(
            '<p>{}</p><p>The JSON Schema itself: <a href="{}">{}</a> (JSON Schema 2020-12). '
            "Check a file with <code>nhsoa validate</code>.</p>",
            document.get("description", ""),
            urls.rel(paths.SCHEMA, schema.SCHEMA_FILE),
            schema.SCHEMA_FILE,
        )
        + table(("Field", "Type", "Meaning"), rows, cls="nhsoa-schema-table")
    )
    return page


def data_page(urls: Urls, count: int, generated: str) -> Page:
    page = Page(path=paths.DATA, title="Machine-readable registry", description="The registry as JSON, CSV and Atom")
    files = (
        ("registry.json", "Every entry as published, with all fields (JSON)."),
        ("registry.csv", "One row per tool with the main fields; lists are joined with semicolons (CSV)."),
        (schema.SCHEMA_FILE, "The JSON Schema entries follow."),
        ("feed.xml", "Atom feed of tools as they join the registry."),
    )
    rows = [
        (format_html('<a href="{}"><code>{}</code></a>', urls.rel(paths.DATA, name), name), what)
        for name, what in files
    ]
    page.html(
        format_html(
            "<p>{:,} tools, generated {}. The same files come from <code>nhsoa index --out DIR</code>. "
            "Data: Open Government Licence v3.0.</p>",
            count,
            generated,
        )
        + table(("File", "What it holds"), rows)
    )
    return page


def products_index_page(products: list[Product], urls: Urls) -> Page:
    page = Page(path=paths.PRODUCTS_INDEX, title="Products", hide=("toc",))
    page.html(
        Markup(
            "<p>Products generated from the analytics product template and kept in this repository under "
            "<code>products/</code>, each with its rendered report.</p>"
        )
    )
    if not products:
        page.html(Markup('<p class="nhsoa-empty">No products yet. A product is a folder '
                         "<code>products/&lt;name&gt;/</code> with a <code>product.yaml</code>.</p>"))  # fmt: skip
        return page
    rows = []
    for product in products:
        rendered = sum(1 for r in product.reports if r.html)
        href = urls.rel(paths.PRODUCTS_INDEX, paths.product_page(slug(product.name)))
        rows.append(
            (
                format_html('<a href="{}">{}</a>', href, _text(product.meta.get("name", product.name))),
                _text(product.meta.get("summary", "")),
                f"{rendered} of {len(product.reports)}",
            )
        )
    page.html(table(("Product", "Summary", "Reports rendered"), rows))
    return page


def _text(value: Any) -> Any:
    """A value from a product.yaml (not checked against the schema here): an empty field shows as nothing."""
    return "" if value is None else value


def report_file(product: Product, report_name: str) -> str:
    """Where a rendered report goes in the built site (names made safe for files and addresses)."""
    return f"products/{slug(product.name)}/{slug(report_name)}.html"


def product_page(product: Product, urls: Urls) -> Page:
    path = paths.product_page(slug(product.name))
    meta = product.meta
    title, summary = str(meta.get("name", product.name)), str(meta.get("summary", ""))
    page = Page(path=path, title=title, description=summary, hide=("toc",))
    head = format_html('<p class="nhsoa-lead">{}</p>', _text(meta.get("summary", "")))
    if {"phase", "licence"} <= meta.keys():
        head += badges(cast("Entry", meta))  # a product's own checks validate its product.yaml
    if meta.get("repository"):
        head += format_html("<p>Repository: {}</p>", external_link(meta["repository"]))
    if product.problem:
        head += format_html(
            '<div class="admonition warning"><p class="admonition-title">product.yaml</p><p>{}</p></div>',
            product.problem,
        )
    page.html(format_html('<div class="nhsoa-tool-head">{}</div>', head))  # one block element, as Markdown would
    page.heading("Reports", "reports")
    if not product.reports:
        where = f"products/{product.name}/reports/"
        page.html(format_html('<p class="nhsoa-empty">No report notebooks in <code>{}</code>.</p>', where))
    for report in product.reports:
        if report.html is None:
            page.html(
                format_html(
                    '<div class="admonition note nhsoa-not-rendered"><p class="admonition-title">Report not rendered: '
                    "{}</p><p>{}.</p><p>To render it, {}.</p></div>",
                    report.notebook.name,
                    report.problem,
                    how_to_render(product),
                )
            )
            continue
        src = urls.rel(path, report_file(product, report.name))
        if report.undescribed_images:
            count = report.undescribed_images
            page.html(
                format_html(
                    '<div class="admonition warning nhsoa-undescribed"><p class="admonition-title">'
                    "{} {} no text description</p>"
                    "<p>People who cannot see a chart cannot get its information from this report. Its notebook "
                    "should describe each chart in words (the image's alt text, or a sentence beside it).</p></div>",
                    count,
                    "chart has" if count == 1 else "charts have",
                )
            )
        page.html(
            format_html(
                '<h3 id="report-{name}">{notebook}</h3>'
                '<p class="nhsoa-muted">Rendered with {renderer} · <a href="{src}">open full page</a></p>'
                '<iframe class="nhsoa-report" src="{src}" title="Report {notebook}" '
                'sandbox="allow-scripts" loading="lazy"></iframe>',
                name=report.name,
                notebook=report.notebook.name,
                renderer=report.renderer,
                src=src,
            )
        )
    return page
