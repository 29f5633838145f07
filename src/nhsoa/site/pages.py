"""The home page, the A to Z list, and the organisation and topic pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from nhsoa.registry.entry import Entry
from nhsoa.site import paths
from nhsoa.site.html import format_html
from nhsoa.site.model import Org, Site, region_rank
from nhsoa.site.page import Page, badges, table
from nhsoa.site.paths import Urls

ORG_TYPE_LABEL = {
    "trust": "NHS trust", "icb": "Integrated care board", "csu": "Commissioning support unit",
    "national-body": "National body", "region": "NHS England region", "nhs-trust": "NHS trust",
    "nhs-national-body": "National NHS body", "university": "University", "company": "Company",
    "individual": "Individual", "charity": "Charity", "government": "Government",
    "nhs-community": "NHS community", "public-health-agency": "Public health agency", "royal-college": "Royal college",
    "professional-body": "Professional body", "other": "Other",
}  # fmt: skip
NEWEST = 6


def linker(urls: Urls, path: str) -> Callable[[str], str]:
    """Addresses of site paths relative to the page at ``path``."""
    return lambda target: urls.rel(path, target)


def tool_list(
    entries: Iterable[Entry],
    to: Callable[[str], str],
    *,
    cls: str = "nhsoa-list",
    rows: dict[str, Markup] | None = None,
) -> Markup:
    """Tools as a plain list: name, badges, summary. Works without JavaScript.

    ``rows`` keeps each tool's row after its link, for the next list (a tool is in several).
    """
    done = {} if rows is None else rows

    def row(entry: Entry) -> Markup:
        rest = done.get(entry["id"])
        if rest is None:
            rest = done[entry["id"]] = format_html(
                '{}</a> {}<span class="nhsoa-list__summary">{}</span></li>',
                entry["name"],
                badges(entry),
                entry["summary"],
            )
        return format_html('<li><a class="nhsoa-list__name" href="{}">', to(paths.tool_page(entry["id"]))) + rest

    rows_html = [row(e) for e in entries]
    if not rows_html:
        return Markup('<p class="nhsoa-empty">None yet.</p>')
    return format_html('<ul class="{}">{}</ul>', cls, Markup("").join(rows_html))


def home_page(site: Site, urls: Urls) -> Page:
    path = paths.HOME
    to = linker(urls, path)
    page = Page(path=path, title="NHS Open Analytics", hide=("navigation", "toc"), search_boost=0.5)
    adopted = sum(1 for e in site.entries if site.adoptions_of(e["id"]))
    publishers = sum(1 for o in site.orgs.values() if o.publishes)
    live = sum(1 for e in site.entries if e.get("phase") == "live")
    stats = [
        (len(site.entries), "tools", paths.CATALOGUE),
        (live, "in live use", paths.CATALOGUE + "?phase=live"),
        (publishers, "publishers", paths.ORGANISATIONS_INDEX),
        (adopted, "tools with recorded adopters", paths.ADOPTION),
    ]
    stat_html = Markup("").join(
        format_html(
            '<a class="nhsoa-stat" href="{}"><span class="nhsoa-stat__n">{:,}</span>'
            '<span class="nhsoa-stat__label">{}</span></a>',
            _href(urls, path, target),
            n,
            label,
        )
        for n, label, target in stats
    )
    page.html(
        format_html(
            '<div class="nhsoa-hero"><h1>NHS Open Analytics</h1>'
            "<p>A curated, open register of analytics code made in and for the NHS in England: find a tool the "
            "team next door already built, see who owns it and who already uses it, and check what your "
            "organisation must do before adopting it.</p>"
            '<form class="nhsoa-hero__search" action="{}" method="get" role="search">'
            '<label for="nhsoa-home-q">Search the catalogue</label>'
            '<input id="nhsoa-home-q" name="search" type="search" placeholder="e.g. SPC, funnel plot, waiting list">'
            '<button type="submit" class="md-button md-button--primary">Search</button></form>'
            '<div class="nhsoa-stats">{}</div></div>',
            to(paths.CATALOGUE),
            stat_html,
        )
    )
    # sorted() is stable: within one day, tools stay in name order
    newest = sorted(site.entries, key=lambda e: e.get("added", ""), reverse=True)[:NEWEST]
    page.heading("Newest tools", "newest")
    more = format_html(
        '<p><a href="{}">All tools, A to Z</a> · <a href="{}">Atom feed of new tools</a></p>',
        to(paths.TOOLS_INDEX),
        to("feed.xml"),
    )
    page.html(tool_list(newest, to, rows=site.list_rows) + more)
    topics = sorted(
        ((t, len(site.in_topic(t.id))) for t in site.topics.values()),
        key=lambda pair: -pair[1],
    )
    page.heading("Browse by topic", "topics")
    chips = Markup("").join(
        format_html(
            '<li><a href="{}">{} <span class="nhsoa-count">{}</span></a></li>', to(paths.topic_page(t.id)), t.name, n
        )
        for t, n in topics
        if n
    )
    page.html(format_html('<ul class="nhsoa-chips">{}</ul>', chips))
    page.heading("Start a product", "start")
    page.html(
        format_html(
            "<p>New analytics products start from the template, so they are reproducible, safe and described by "
            "the same metadata as this registry from the first commit:</p>"
            "<pre><code>pip install nhsoa&#10;nhsoa new</code></pre>"
            '<p>See the <a href="{}">template guide</a> and the <a href="{}">products built with it</a>.</p>',
            to("reference/template.md"),
            to(paths.PRODUCTS_INDEX),
        )
    )
    page.heading("Add or update a tool", "contribute")
    page.html(
        format_html(
            "<p>Each tool is one YAML file in <code>registry/tools/</code>. Open a pull request with a new file "
            "(<code>nhsoa registry add --from &lt;repository&gt;</code> drafts one) or record that your "
            'organisation uses a tool. Every entry is checked against <a href="{}">the rules</a>; '
            'see <a href="{}">how to contribute</a>.</p>',
            to(paths.RULES),
            to("contributing.md"),
        )
    )
    if site.skipped:
        page.html(
            format_html(
                '<p class="nhsoa-muted">{} registry file(s) with errors are left out of this site; '
                "<code>nhsoa validate registry/tools</code> shows why.</p>",
                site.skipped,
            )
        )
    return page


def _href(urls: Urls, page: str, target: str) -> str:
    target_path, _, query = target.partition("?")
    return urls.rel(page, target_path) + (f"?{query}" if query else "")


def tools_index_page(site: Site, urls: Urls) -> Page:
    path = paths.TOOLS_INDEX
    to = linker(urls, path)
    page = Page(path=path, title="All tools, A to Z", hide=("toc",), searchable=False)
    page.html(
        format_html(
            '<p>Every tool in the registry ({:,}), by name. The <a href="{}">catalogue</a> filters and sorts them.</p>',
            len(site.entries),
            to(paths.CATALOGUE),
        )
    )
    groups: dict[str, list[Entry]] = {}
    for entry in site.entries:
        first = entry["name"][:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(entry)
    letters = sorted(groups)
    jumps = Markup(" ").join(format_html('<a href="#letter-{}">{}</a>', ord(letter), letter) for letter in letters)
    page.html(format_html('<nav class="nhsoa-letters" aria-label="Jump to letter">{}</nav>', jumps))
    for letter in letters:
        listed = tool_list(groups[letter], to, rows=site.list_rows)
        page.html(format_html('<h2 id="letter-{}">{}</h2>', ord(letter), letter) + listed)
    return page


def organisations_index_page(site: Site, urls: Urls) -> Page:
    path = paths.ORGANISATIONS_INDEX
    to = linker(urls, path)
    page = Page(path=path, title="Organisations", hide=("toc",), searchable=False)
    page.html(
        Markup(
            "<p>Organisations that publish tools in the registry, and organisations recorded as using them, by NHS "
            "England region.</p>"
        )
    )
    by_region: dict[str, list[Org]] = {}
    for org in site.orgs.values():
        by_region.setdefault(org.region, []).append(org)
    for region in sorted(by_region, key=region_rank):
        rows = [
            (
                format_html('<a href="{}">{}</a>', to(paths.organisation_page(o.key)), o.name),
                ORG_TYPE_LABEL.get(o.type, o.type),
                str(len(o.publishes)),
                str(len(o.adopts)),
            )
            for o in sorted(by_region[region], key=lambda o: o.name.casefold())
        ]
        page.html(format_html("<h2>{}</h2>", region) + table(("Organisation", "Type", "Publishes", "Uses"), rows))
    return page


def organisation_page(org: Org, urls: Urls, rows: dict[str, Markup] | None = None) -> Page:
    path = paths.organisation_page(org.key)
    to = linker(urls, path)
    page = Page(path=path, title=org.name, description=f"Tools published and used by {org.name}", searchable=False)
    facts = [ORG_TYPE_LABEL.get(org.type, org.type), org.region]
    if org.ods_code:
        facts.append(f"ODS code {org.ods_code}")
    page.html(format_html('<p class="nhsoa-lead">{}</p>', " · ".join(facts)))
    page.heading("Tools it publishes", "publishes")
    page.html(tool_list(sorted(org.publishes, key=lambda e: e["name"].casefold()), to, rows=rows))
    page.heading("Tools it uses", "uses")
    if org.adopts:
        page.html(tool_list(sorted(org.adopts, key=lambda e: e["name"].casefold()), to, rows=rows))
    else:
        page.html(Markup('<p class="nhsoa-empty">No use of a registry tool is recorded for this organisation yet.</p>'))
    return page


def topics_index_page(site: Site, urls: Urls) -> Page:
    path = paths.TOPICS_INDEX
    to = linker(urls, path)
    page = Page(path=path, title="Topics", hide=("toc",))
    rows = []
    for topic in site.topics.values():
        count = len(site.in_topic(topic.id))
        rows.append(
            format_html(
                '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
                to(paths.topic_page(topic.id)),
                topic.name,
                topic.definition,
                count,
            )
        )
    page.html(
        format_html(
            "<p>The controlled list of topics (<code>registry/taxonomy.yaml</code>).</p>"
            '<table><thead><tr><th scope="col">Topic</th><th scope="col">Definition</th>'
            '<th scope="col">Tools</th></tr></thead><tbody>{}</tbody></table>',
            Markup("").join(rows),
        )
    )
    return page


def topic_page(topic_id: str, site: Site, urls: Urls) -> Page:
    topic = site.topics[topic_id]
    path = paths.topic_page(topic_id)
    to = linker(urls, path)
    page = Page(path=path, title=topic.name, description=topic.definition, searchable=False)
    entries = site.in_topic(topic_id)
    page.html(
        format_html(
            '<p class="nhsoa-lead">{}</p><p><a href="{}">Filter these {} tools in the catalogue</a></p>',
            topic.definition,
            _href(urls, path, paths.CATALOGUE + "?topic=" + topic_id),
            len(entries),
        )
        + tool_list(entries, to, rows=site.list_rows)
    )
    return page
