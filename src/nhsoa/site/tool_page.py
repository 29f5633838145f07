"""One page per tool: what it is, who owns and uses it, and what to check before adopting it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from markupsafe import Markup

from nhsoa.rap.criteria import CRITERIA, STATUS_LABEL
from nhsoa.registry.checks import VERIFIED_STALE_MONTHS
from nhsoa.registry.entry import Entry, Install, Maintainer, Product
from nhsoa.site import adopt, paths
from nhsoa.site.html import (
    contact_link,
    external_link,
    format_html,
    json_ld_script,
    markdown_html,
    safe_url,
    shift_headings,
)
from nhsoa.site.model import Site, months_between
from nhsoa.site.page import PHASE_LABEL, Page, badges, items, table
from nhsoa.site.paths import Urls

_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
_STATUS_ICON = {adopt.OK: "✓", adopt.CHECK: "!", adopt.GAP: "?"}
EDIT_BRANCH = "main"
_ADDRESSES: tuple[tuple[Literal["repository", "homepage", "documentation"], str], ...] = (
    ("repository", "Repository"),
    ("homepage", "Home page"),
    ("documentation", "Documentation"),
)
_PRODUCT_LISTS: tuple[tuple[Literal["users", "outcomes", "success_measures"], str], ...] = (
    ("users", "Users"),
    ("outcomes", "Outcomes"),
    ("success_measures", "Success measures"),
)
_STAMPS: tuple[tuple[str, Literal["added", "last_verified"]], ...] = (("added", "added"), ("verified", "last_verified"))
_DATES: tuple[tuple[str, Literal["added", "last_verified"]], ...] = (
    ("dateCreated", "added"),
    ("dateModified", "last_verified"),
)
_STATUS_TEXT = {adopt.OK: "declared", adopt.CHECK: "your action", adopt.GAP: "not declared"}
Linker = Callable[[str], str]  # a site path to the address relative to the page being built


def install_commands(entry: Entry) -> list[tuple[str, str]]:
    """(label, command) pairs to install the tool, from its package names or its repository."""
    install: Install = entry.get("install") or {}
    commands = []
    if "pypi" in install:
        commands.append(("Python (PyPI)", f"pip install {install['pypi']}"))
    if "cran" in install:
        commands.append(("R (CRAN)", f'install.packages("{install["cran"]}")'))
    if "conda" in install:
        commands.append(("conda", f"conda install -c conda-forge {install['conda']}"))
    if "npm" in install:
        commands.append(("JavaScript (npm)", f"npm install {install['npm']}"))
    if "r_universe" in install:
        universe, _, package = install["r_universe"].partition("/")
        repos = f'c("https://{universe}.r-universe.dev", "https://cloud.r-project.org")'
        commands.append(("R (R-universe)", f'install.packages("{package}", repos = {repos})'))
    if commands:
        return commands
    repository = safe_url(entry.get("repository"))
    if repository is None:
        return []
    languages = {language.casefold() for language in entry.get("languages", [])}
    github = _GITHUB.match(repository)
    if github and "r" in languages and entry.get("kind") == "package":
        return [("R (from GitHub)", f'remotes::install_github("{github.group(1)}")')]
    if "python" in languages and entry.get("kind") == "package":
        return [("Python (from the repository)", f"pip install git+{repository}")]
    return [("From the repository", f"git clone {repository}")]


def json_ld(entry: Entry, site: Site) -> dict[str, Any]:
    """schema.org SoftwareSourceCode for the entry (only fields with safe values)."""
    owner = site.owner(entry)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "SoftwareSourceCode",
        "identifier": entry["id"],
        "name": entry["name"],
        "description": entry["summary"],
        "programmingLanguage": entry.get("languages", []),
        "license": entry.get("licence"),
        "keywords": entry.get("keywords", []),
        "creativeWorkStatus": entry.get("phase"),
        "author": {"@type": "Organization" if owner.type != "individual" else "Person", "name": owner.name},
    }
    if (repository := safe_url(entry.get("repository"))) is not None:
        data["codeRepository"] = repository
    if (homepage := safe_url(entry.get("homepage") or entry.get("documentation"))) is not None:
        data["url"] = homepage
    for key, field in _DATES:
        if field in entry:
            data[key] = entry[field]
    return data


def tool_page(entry: Entry, site: Site, urls: Urls, repository: str | None) -> Page:
    """The page of one tool; ``repository`` is the registry's own (for "Edit this entry"), if known."""
    path = paths.tool_page(entry["id"])
    page = Page(path=path, title=entry["name"], description=entry["summary"], hide=("navigation",))

    def to(target: str) -> str:
        return urls.rel(path, target)

    page.html(
        format_html(
            '<div class="nhsoa-tool-head"><p class="nhsoa-lead">{}</p>{}</div>', entry["summary"], badges(entry)
        )
        + _lifecycle_notice(entry, site, to)
        + _caveats(entry)
    )
    page.html(_facts(entry, site, to))
    commands = install_commands(entry)
    if commands:
        page.heading("Install", "install")
        page.html(
            Markup("").join(
                format_html(
                    '<p class="nhsoa-install-label">{}</p><pre class="nhsoa-install"><code>{}</code></pre>',
                    label,
                    command,
                )
                for label, command in commands
            )
        )
    description = markdown_html(entry.get("description"))
    if description or entry.get("product"):
        page.heading("About", "about")
        page.html(format_html('<div class="nhsoa-description">{}</div>', shift_headings(description)) + _product(entry))
    page.heading("Before you adopt", "before-you-adopt")
    page.html(_adopt_panel(entry))
    page.heading("Who uses it", "adopters")
    page.html(_adopters(entry, site, to))
    if entry.get("rap"):
        page.heading("Reproducibility (RAP)", "rap")
        page.html(_rap(entry))
    if entry.get("evidence"):
        page.heading("Evidence", "evidence")
        page.html(_evidence(entry))
    related = site.related(entry)
    if related:
        page.heading("Related tools", "related")
        rows = (
            format_html('<a href="{}">{}</a> – {}', to(paths.tool_page(r["id"])), r["name"], r["summary"])
            for r in related
        )
        page.html(format_html("<div data-search-exclude>{}</div>", items(rows)))  # each is found by its own page
    page.html(_edit(entry, repository) + json_ld_script(json_ld(entry, site)))
    return page


def _tool_link(entry: Entry, to: Linker) -> Markup:
    return format_html('<a href="{}">{}</a>', to(paths.tool_page(entry["id"])), entry["name"])


def _lifecycle_notice(entry: Entry, site: Site, to: Linker) -> Markup:
    notes = []
    successor = site.by_id.get(entry.get("superseded_by", ""))
    if successor is not None:
        notes.append(format_html("Superseded by {}.", _tool_link(successor, to)))
    if entry.get("phase") == "retired":
        reason = format_html(" {}", entry["retired_reason"]) if entry.get("retired_reason") else ""
        notes.insert(0, format_html("This tool is retired.{}", reason))
    superseded = site.successors_of.get(entry["id"], [])
    if superseded:
        notes.append(format_html("It replaces {}.", Markup(", ").join(_tool_link(e, to) for e in superseded)))
    if not notes:
        return Markup("")
    kind = "warning" if entry.get("phase") == "retired" or successor is not None else "info"
    return format_html(
        '<div class="admonition {}"><p class="admonition-title">Lifecycle</p><p>{}</p></div>',
        kind,
        Markup(" ").join(notes),
    )


def _caveats(entry: Entry) -> Markup:
    caveats = entry.get("caveats") or []
    if not caveats:
        return Markup("")
    return format_html(
        '<div class="admonition warning"><p class="admonition-title">Caveats</p>{}</div>', items(caveats)
    )


def _facts(entry: Entry, site: Site, to: Linker) -> Markup:
    owner = site.owner(entry)
    rows: list[tuple[str, str]] = [
        ("Owner", format_html('<a href="{}">{}</a>', to(paths.organisation_page(owner.key)), owner.name)),
    ]
    maintainers = entry.get("maintainers") or []
    if maintainers:
        rows.append(("Maintainers", Markup("; ").join(_maintainer(person) for person in maintainers)))
    if entry.get("contact"):
        rows.append(("Contact", contact_link(entry["contact"])))
    for key, label in _ADDRESSES:
        if key in entry:
            rows.append((label, external_link(entry[key])))
    rows.append(("Kind", entry.get("kind", "")))
    if entry.get("languages"):
        rows.append(("Languages", ", ".join(entry["languages"])))
    topics = [
        format_html('<a href="{}">{}</a>', to(paths.topic_page(t)), site.topics[t].name if t in site.topics else t)
        for t in entry.get("topics", [])
    ]
    if topics:
        rows.append(("Topics", Markup(", ").join(topics)))
    if entry.get("keywords"):
        rows.append(("Keywords", ", ".join(entry["keywords"])))
    if entry.get("openness"):
        rows.append(("Openness", entry["openness"]))
    dates = [format_html("{} {}", label, entry[key]) for label, key in _STAMPS if key in entry]
    if dates:
        rows.append(("Registry entry", Markup(", ").join(dates) + _unverified_for_a_year(entry, site)))
    body = Markup("").join(format_html("<dt>{}</dt><dd>{}</dd>", label, value) for label, value in rows)
    return format_html('<dl class="nhsoa-facts">{}</dl>', body)


def _maintainer(person: Maintainer) -> Markup:
    text = format_html("{}", person["name"])
    if person.get("role"):
        text += format_html(" ({})", person["role"])
    if person.get("github"):
        text += Markup(" ") + external_link(f"https://github.com/{person['github']}", f"@{person['github']}")
    return text


def _unverified_for_a_year(entry: Entry, site: Site) -> Markup:
    """A warning when the entry was last checked against its repository over a year ago (rule OA070)."""
    try:
        verified = date.fromisoformat(entry.get("last_verified", ""))
    except ValueError:
        return Markup("")
    if months_between(verified, site.today) < VERIFIED_STALE_MONTHS:
        return Markup("")
    return Markup(
        ' <strong class="nhsoa-stale">Not checked against its repository for over a year:'
        " facts on this page may be out of date.</strong>"
    )


def _product(entry: Entry) -> Markup:
    product: Product = entry.get("product") or {}
    if not product:
        return Markup("")
    parts = []
    if product.get("problem"):
        parts.append(format_html("<p><strong>Problem:</strong> {}</p>", product["problem"]))
    for key, label in _PRODUCT_LISTS:
        if product.get(key):
            parts.append(format_html("<p><strong>{}:</strong></p>{}", label, items(product[key])))
    if product.get("roadmap"):
        rows = [(step["item"], step.get("when", ""), step.get("status", "")) for step in product["roadmap"]]
        parts.append(table(("Roadmap item", "When", "Status"), rows))
    if product.get("owner"):
        parts.append(format_html("<p><strong>Product owner:</strong> {}</p>", product["owner"]))
    if product.get("backlog"):
        parts.append(format_html("<p><strong>Backlog:</strong> {}</p>", external_link(product["backlog"])))
    return format_html('<div class="nhsoa-product">{}</div>', Markup("").join(parts))


def _adopt_panel(entry: Entry) -> Markup:
    cards = Markup("").join(_adopt_card(point) for point in adopt.points(entry))
    # The same questions on every tool page: left out of the search index, which would otherwise
    # answer "DPIA" with every tool in the registry. (No <div> inside: Material's search parser ends an
    # excluded element at the first end tag of its kind.)
    return format_html(
        '<div class="nhsoa-adopt" aria-label="Before you adopt" data-search-exclude>'
        "<p>For your clinical safety officer, information governance lead and licensing adviser: what the publisher "
        "declares, and what your organisation still has to do.</p>{}</div>",
        cards,
    )


def _adopt_card(point: adopt.Point) -> Markup:
    card = format_html(
        '<section class="nhsoa-adopt-point nhsoa-adopt-point--{status}">'
        '<h3><span class="nhsoa-adopt-icon" aria-hidden="true">{icon}</span>'
        '{heading} <span class="nhsoa-adopt-status">({status_text})</span></h3>'
        '<p class="nhsoa-adopt-declared">{declared}</p>',
        status=point.status,
        icon=_STATUS_ICON[point.status],
        heading=point.heading,
        status_text=_STATUS_TEXT[point.status],
        declared=point.declared,
    )
    if point.links:
        card += format_html("<p>{}</p>", Markup(" ").join(external_link(url, label) for label, url in point.links))
    if point.todo:
        card += Markup('<p class="nhsoa-adopt-todo-label">For your organisation:</p>') + items(point.todo)
    return card + Markup("</section>")


def _adopters(entry: Entry, site: Site, to: Linker) -> Markup:
    adoptions = site.adoptions_of(entry["id"])
    if not adoptions:
        return Markup(
            '<p class="nhsoa-empty">No organisation has recorded using this tool yet. If yours does, add it to the '
            "entry's <code>adopters</code> (see <em>Contribute</em>), so others can ask you how it went.</p>"
        )
    rows = []
    for adoption in sorted(adoptions, key=lambda a: a.org.name):
        confirmed = format_html("{}", adoption.confirmed or "never")
        if adoption.stale:
            confirmed += Markup(
                ' <span class="nhsoa-stale" title="not confirmed in the last 24 months">needs re-confirming</span>'
            )
        org = format_html('<a href="{}">{}</a>', to(paths.organisation_page(adoption.org.key)), adoption.org.name)
        evidence = external_link(adoption.evidence, "evidence") if adoption.evidence else ""
        rows.append((org, adoption.org.region, adoption.since or "", confirmed, evidence))
    return table(("Organisation", "Region", "Since", "Last confirmed", "Evidence"), rows, cls="nhsoa-adopters")


def _rap(entry: Entry) -> Markup:
    rap = entry["rap"]
    criteria = rap.get("criteria") or {}
    head = format_html("<p>Level: <strong>{}</strong>", rap["level"])
    if rap.get("assessed"):
        head += format_html(", assessed {}", rap["assessed"])
    if rap.get("method"):
        head += format_html(" ({})", "self-assessed" if rap["method"] == "self" else "checked automatically")
    head += Markup(".</p>")
    if not criteria:
        return head
    rows = []
    for criterion in CRITERIA:
        if criterion.id in criteria:
            status = criteria[criterion.id]
            shown = format_html(
                '<span class="nhsoa-rap nhsoa-rap--{}">{}</span>', status, STATUS_LABEL.get(status, status)
            )
            rows.append((criterion.id, criterion.level, criterion.text, shown))
    return head + table(("Criterion", "Level", "What it means", "Status"), rows)


def _evidence(entry: Entry) -> Markup:
    return items(
        format_html(
            '{} <span class="nhsoa-muted">({}{})</span>',
            external_link(e["url"], e["title"]),
            e["type"],
            format_html(", {}", e["date"]) if e.get("date") else "",
        )
        for e in entry["evidence"]
    )


def edit_url(repository: str, entry_id: str) -> str:
    """Where to edit an entry's file in the registry's repository (GitHub's editor, on the default branch)."""
    return f"{repository.rstrip('/')}/edit/{EDIT_BRANCH}/{entry_file(entry_id)}"


def entry_file(entry_id: str) -> str:
    return f"registry/tools/{entry_id}.yaml"


def _edit(entry: Entry, repository: str | None) -> Markup:
    phase = PHASE_LABEL.get(entry.get("phase", ""), "")
    if repository:
        link = external_link(edit_url(repository, entry["id"]), "Edit this entry")
    else:
        link = format_html("Edit this entry: <code>{}</code>", entry_file(entry["id"]))
    return format_html(
        '<p class="nhsoa-edit" data-search-exclude>{} · {} · entry id <code>{}</code></p>', link, phase, entry["id"]
    )
