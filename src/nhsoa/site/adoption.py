"""The adoption page: which tools organisations use, by NHS England region, as pictures and tables.

The pictures are SVG drawn here (no chart library, nothing fetched); each has the table
it was drawn from beside it, so screen readers and spreadsheets get the same facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup

from nhsoa.registry.entry import Entry
from nhsoa.site import paths
from nhsoa.site.html import format_html
from nhsoa.site.model import REGION_ORDER, UNKNOWN_REGION, Site, region_rank
from nhsoa.site.page import Page, table
from nhsoa.site.pages import ORG_TYPE_LABEL
from nhsoa.site.paths import Urls

MATRIX_ROWS = 25
_SHADES = ("#E8EDEE", "#C8DDF2", "#8FB8E6", "#4C8FD6", "#005EB8", "#003087")  # NHS pale grey to dark blue


def _shade(value: int, top: int) -> str:
    if value <= 0:
        return _SHADES[0]
    step = 1 + round((len(_SHADES) - 2) * (value - 1) / max(1, top - 1))
    return _SHADES[min(step, len(_SHADES) - 1)]


def _regions(site: Site) -> list[str]:
    seen = {a.org.region for a in site.adoptions}
    return [r for r in REGION_ORDER if r in seen or r != "National"] + sorted(seen - set(REGION_ORDER))


def matrix(site: Site) -> tuple[list[str], list[tuple[Entry, Counter[str]]]]:
    """Regions (columns) and, per adopted tool, how many organisations in each region use it (most adopted first)."""
    per_tool: dict[str, Counter[str]] = defaultdict(Counter)
    for adoption in site.adoptions:
        per_tool[adoption.entry["id"]][adoption.org.region] += 1
    rows = sorted(
        ((site.by_id[i], counts) for i, counts in per_tool.items()),
        key=lambda row: (-sum(row[1].values()), row[0]["name"].casefold()),
    )
    return _regions(site), rows


HEAD_FONT_PX, LABEL_CHARS = 11, 30
_SLANT = 0.7071  # sine and cosine of the column labels' 45 degrees


def _text_px(text: str, font_px: float = HEAD_FONT_PX) -> float:
    """A generous estimate of the width of bold Arial text (SVG text cannot be measured here)."""
    return len(text) * font_px * 0.62


def heatmap_svg(regions: list[str], rows: list[tuple[Entry, Counter[str]]]) -> Markup:
    """Tools (rows) by region (columns); the column labels are slanted so that long ones stay whole.

    It is a picture (``role="img"``) with a title and a description pointing at the table that
    holds the same figures; it has no links, so nothing focusable hides inside an image: each
    tool's name links to its page in the table.
    """
    label_w, cell_w, cell_h = 200, 40, 26
    columns = [*regions, "All"]
    grid_w = label_w + cell_w * len(columns)
    head_h = round(max(_text_px(c) for c in columns) * _SLANT) + 16
    overhang = max(label_w + cell_w * (j + 0.5) + _text_px(c) * _SLANT for j, c in enumerate(columns)) - grid_w
    width = grid_w + max(8, round(overhang) + 8)
    height = head_h + cell_h * len(rows) + 8
    top = max((max(c.values()) for _, c in rows), default=1)
    parts = [
        format_html(
            '<svg class="nhsoa-heatmap" viewBox="0 0 {width} {height}" width="{width}" role="img" '
            'aria-labelledby="nhsoa-heatmap-title" aria-describedby="nhsoa-heatmap-desc" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="nhsoa-heatmap-title">Organisations using each of the {tools} most adopted tools, '
            "by NHS England region</title>"
            '<desc id="nhsoa-heatmap-desc">The same counts, for every adopted tool, are in the table under '
            "“The table behind the pictures”.</desc>",
            width=width,
            height=height,
            tools=len(rows),
        )
    ]
    for j, column in enumerate(columns):
        x, y = label_w + cell_w * j + cell_w / 2 - 4, head_h - 8
        parts.append(
            format_html(
                '<text class="nhsoa-hm-head" x="{x:.0f}" y="{y}" transform="rotate(-45 {x:.0f} {y})">{text}</text>',
                x=x,
                y=y,
                text=column,
            )
        )
    for i, (entry, counts) in enumerate(rows):
        y = head_h + cell_h * i
        name = entry["name"] if len(entry["name"]) <= LABEL_CHARS else entry["name"][: LABEL_CHARS - 1] + "…"
        parts.append(
            format_html(
                '<text class="nhsoa-hm-label" x="{}" y="{:.0f}" text-anchor="end">{}</text>',
                label_w - 8,
                y + cell_h / 2 + 5,
                name,
            )
        )
        for j, region in enumerate(regions):
            value = counts.get(region, 0)
            fill = _shade(value, top)
            x = label_w + cell_w * j
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"><title>{}: {} in {}</title></rect>',
                    x + 1,
                    y + 1,
                    cell_w - 2,
                    cell_h - 2,
                    fill,
                    entry["name"],
                    value,
                    region,
                )
            )
            if value:
                ink = "#FFFFFF" if fill in _SHADES[3:] else "#212B32"
                parts.append(
                    format_html(
                        '<text x="{:.0f}" y="{:.0f}" text-anchor="middle" fill="{}" class="nhsoa-hm-value">{}</text>',
                        x + cell_w / 2,
                        y + cell_h / 2 + 5,
                        ink,
                        value,
                    )
                )
        parts.append(
            format_html(
                '<text class="nhsoa-hm-total" x="{:.0f}" y="{:.0f}" text-anchor="middle">{}</text>',
                label_w + cell_w * len(regions) + cell_w / 2,
                y + cell_h / 2 + 5,
                sum(counts.values()),
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bars(title: str, counts: list[tuple[str, int]], css: str = "") -> Markup:
    """A horizontal bar chart of labelled counts, in HTML so that it reflows on a narrow screen."""
    top = max((n for _, n in counts), default=1) or 1
    rows = Markup("").join(
        format_html(
            '<li><span class="nhsoa-bars__label">{}</span><span class="nhsoa-bars__track">'
            '<span class="nhsoa-bars__bar" style="width: {:.1f}%"></span></span>'
            '<span class="nhsoa-bars__value">{:,}</span></li>',
            label,
            max(1.0, 100 * n / top) if n else 0,
            n,
        )
        for label, n in counts
    )
    return format_html('<ul class="nhsoa-bars {}" aria-label="{}">{}</ul>', css, title, rows)


def adoption_page(site: Site, urls: Urls) -> Page:
    path = paths.ADOPTION
    about = "Which NHS organisations use which tools, by region"
    page = Page(path=path, title="Adoption", description=about, hide=("navigation",), searchable=False)
    regions, rows = matrix(site)
    adopting_orgs = {a.org.key for a in site.adoptions}
    stale = sum(1 for a in site.adoptions if a.stale)
    if not rows:
        page.html(
            format_html(
                '<div class="admonition info"><p class="admonition-title">No adoptions recorded yet</p>'
                "<p>When an organisation records that it uses a tool, it appears here by region, so analysts can "
                "find a nearby trust to ask how it went. To record yours, add your ODS code, the date you started "
                "and the date you confirmed it to the tool's <code>adopters</code> list and open a pull request "
                '(see <a href="{}">how to contribute</a>).</p></div>',
                urls.rel(path, "contributing.md"),
            )
        )
    else:
        unconfirmed = format_html(" ({:,} not confirmed in the last 24 months)", stale) if stale else ""
        page.html(
            format_html(
                '<p class="nhsoa-lead">{:,} recorded uses of {:,} tools by {:,} organisations{}.</p>',
                len(site.adoptions),
                len(rows),
                len(adopting_orgs),
                unconfirmed,
            )
        )
        page.heading("Most adopted tools by region", "by-region")
        shown = rows[:MATRIX_ROWS]
        page.html(
            format_html(
                "<p>Each cell counts the organisations in a region that use the tool (the {} most adopted "
                "tools; all are in the table below). Darker is more.</p>"
                '<p class="nhsoa-scroll-hint">Swipe or scroll the chart sideways to see every region.</p>'
                '<div class="nhsoa-figure nhs-scroll">{}</div>',
                len(shown),
                heatmap_svg(regions, shown),
            )
        )
        per_region = Counter(a.org.region for a in site.adoptions)
        orgs_per_region = Counter(site.orgs[k].region for k in adopting_orgs)
        page.heading("Adopting organisations by region", "organisations-by-region")
        counts = [(r, orgs_per_region.get(r, 0)) for r in sorted(set(regions) | set(per_region), key=region_rank)]
        page.html(bars("Adopting organisations by region", counts))
        page.heading("The table behind the pictures", "table")
        body = []
        for entry, counts_by_region in rows:
            link = format_html('<a href="{}">{}</a>', urls.rel(path, paths.tool_page(entry["id"])), entry["name"])
            cells = [str(counts_by_region.get(r, 0) or "") for r in regions]
            body.append((link, *cells, str(sum(counts_by_region.values()))))
        page.html(table(("Tool", *regions, "All"), body, cls="nhsoa-adoption-table"))
    page.heading("Where the tools come from", "publishers")
    owner_regions = Counter(site.owner(e).region for e in site.entries)
    page.html(
        format_html(
            "<p>Tools in the registry by the NHS England region of their owner (owners outside the NHS, such as "
            "universities and individuals, are under “{}”).</p>",
            UNKNOWN_REGION,
        )
        + bars(
            "Tools by the region of their owner",
            [(r, owner_regions[r]) for r in sorted(owner_regions, key=region_rank)],
            "nhsoa-bars--owners",
        )
    )
    owner_types = Counter(
        ORG_TYPE_LABEL.get(e["owner"].get("type", ""), e["owner"].get("type", "")) for e in site.entries
    )
    page.html(
        Markup("<p>And by the kind of organisation (or person) that owns them:</p>")
        + bars("Tools by kind of owner", owner_types.most_common(), "nhsoa-bars--owners")
    )
    return page
