"""One page per tool: what it is, who owns and uses it, and what to check before adopting it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from nhsoa.rap.criteria import CRITERIA, STATUS_LABEL
from nhsoa.registry.checks import VERIFIED_STALE_MONTHS
from nhsoa.registry.entry import Entry, Install, Product
from nhsoa.site import adopt, paths
from nhsoa.site.html import contact_link, esc, external_link, json_for_script, markdown_html, safe_url, shift_headings
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
        return esc(urls.rel(path, target))

    page.html(
        f'<div class="nhsoa-tool-head"><p class="nhsoa-lead">{esc(entry["summary"])}</p>{badges(entry)}</div>'
        + _lifecycle_notice(entry, site, to)
        + _caveats(entry)
    )
    page.html(_facts(entry, site, to))
    commands = install_commands(entry)
    if commands:
        page.heading("Install", "install")
        page.html(
            "".join(
                f'<p class="nhsoa-install-label">{esc(label)}</p>'
                f'<pre class="nhsoa-install"><code>{esc(command)}</code></pre>'
                for label, command in commands
            )
        )
    description = markdown_html(entry.get("description"))
    if description or entry.get("product"):
        page.heading("About", "about")
        page.html(f'<div class="nhsoa-description">{shift_headings(description)}</div>' + _product(entry))
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
        rows = (f'<a href="{to(paths.tool_page(r["id"]))}">{esc(r["name"])}</a> – {esc(r["summary"])}' for r in related)
        page.html(f"<div data-search-exclude>{items(rows)}</div>")  # each is found by its own page
    structured = json_for_script(json_ld(entry, site))
    page.html(_edit(entry, repository) + f'<script type="application/ld+json">{structured}</script>')
    return page


def _lifecycle_notice(entry: Entry, site: Site, to: Any) -> str:
    notes = []
    successor = site.by_id.get(entry.get("superseded_by", ""))
    if successor is not None:
        notes.append(f'Superseded by <a href="{to(paths.tool_page(successor["id"]))}">{esc(successor["name"])}</a>.')
    if entry.get("phase") == "retired":
        reason = f" {esc(entry['retired_reason'])}" if entry.get("retired_reason") else ""
        notes.insert(0, f"This tool is retired.{reason}")
    superseded = site.successors_of.get(entry["id"], [])
    if superseded:
        names = ", ".join(f'<a href="{to(paths.tool_page(e["id"]))}">{esc(e["name"])}</a>' for e in superseded)
        notes.append(f"It replaces {names}.")
    if not notes:
        return ""
    kind = "warning" if entry.get("phase") == "retired" or successor is not None else "info"
    return f'<div class="admonition {kind}"><p class="admonition-title">Lifecycle</p><p>{" ".join(notes)}</p></div>'


def _caveats(entry: Entry) -> str:
    caveats = entry.get("caveats") or []
    if not caveats:
        return ""
    return (
        '<div class="admonition warning"><p class="admonition-title">Caveats</p>'
        + items(esc(c) for c in caveats)
        + "</div>"
    )


def _facts(entry: Entry, site: Site, to: Any) -> str:
    owner = site.owner(entry)
    rows: list[tuple[str, str]] = [
        ("Owner", f'<a href="{to(paths.organisation_page(owner.key))}">{esc(owner.name)}</a>'),
    ]
    maintainers = entry.get("maintainers") or []
    if maintainers:
        shown = []
        for person in maintainers:
            text = esc(person["name"]) + (f" ({esc(person['role'])})" if person.get("role") else "")
            if person.get("github"):
                text += " " + external_link(f"https://github.com/{person['github']}", f"@{person['github']}")
            shown.append(text)
        rows.append(("Maintainers", "; ".join(shown)))
    if entry.get("contact"):
        rows.append(("Contact", contact_link(entry["contact"])))
    for key, label in _ADDRESSES:
        if key in entry:
            rows.append((label, external_link(entry[key])))
    rows.append(("Kind", esc(entry.get("kind", ""))))
    if entry.get("languages"):
        rows.append(("Languages", esc(", ".join(entry["languages"]))))
    topics = [
        f'<a href="{to(paths.topic_page(t))}">{esc(site.topics[t].name if t in site.topics else t)}</a>'
        for t in entry.get("topics", [])
    ]
    if topics:
        rows.append(("Topics", ", ".join(topics)))
    if entry.get("keywords"):
        rows.append(("Keywords", esc(", ".join(entry["keywords"]))))
    if entry.get("openness"):
        rows.append(("Openness", esc(entry["openness"])))
    dates = [f"{label} {esc(entry[key])}" for label, key in _STAMPS if key in entry]
    if dates:
        rows.append(("Registry entry", ", ".join(dates) + _unverified_for_a_year(entry, site)))
    body = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="nhsoa-facts">{body}</dl>'


def _unverified_for_a_year(entry: Entry, site: Site) -> str:
    """A warning when the entry was last checked against its repository over a year ago (rule OA070)."""
    try:
        verified = date.fromisoformat(entry.get("last_verified", ""))
    except ValueError:
        return ""
    if months_between(verified, site.today) < VERIFIED_STALE_MONTHS:
        return ""
    return (
        ' <strong class="nhsoa-stale">Not checked against its repository for over a year:'
        " facts on this page may be out of date.</strong>"
    )


def _product(entry: Entry) -> str:
    product: Product = entry.get("product") or {}
    if not product:
        return ""
    parts = []
    if product.get("problem"):
        parts.append(f"<p><strong>Problem:</strong> {esc(product['problem'])}</p>")
    for key, label in _PRODUCT_LISTS:
        if product.get(key):
            parts.append(f"<p><strong>{label}:</strong></p>" + items(esc(v) for v in product[key]))
    if product.get("roadmap"):
        rows = [
            (esc(step["item"]), esc(step.get("when", "")), esc(step.get("status", ""))) for step in product["roadmap"]
        ]
        parts.append(table(("Roadmap item", "When", "Status"), rows))
    if product.get("owner"):
        parts.append(f"<p><strong>Product owner:</strong> {esc(product['owner'])}</p>")
    if product.get("backlog"):
        parts.append(f"<p><strong>Backlog:</strong> {external_link(product['backlog'])}</p>")
    return '<div class="nhsoa-product">' + "".join(parts) + "</div>"


def _adopt_panel(entry: Entry) -> str:
    cards = []
    for point in adopt.points(entry):
        todo = items(esc(t) for t in point.todo) if point.todo else ""
        link_html = " ".join(external_link(url, label) for label, url in point.links)
        cards.append(
            f'<section class="nhsoa-adopt-point nhsoa-adopt-point--{point.status}">'
            f'<h3><span class="nhsoa-adopt-icon" aria-hidden="true">{_STATUS_ICON[point.status]}</span>'
            f'{esc(point.heading)} <span class="nhsoa-adopt-status">({_STATUS_TEXT[point.status]})</span></h3>'
            f'<p class="nhsoa-adopt-declared">{esc(point.declared)}</p>'
            + (f"<p>{link_html}</p>" if link_html else "")
            + (f'<p class="nhsoa-adopt-todo-label">For your organisation:</p>{todo}' if todo else "")
            + "</section>"
        )
    # The same questions on every tool page: left out of the search index, which would otherwise
    # answer "DPIA" with every tool in the registry. (No <div> inside: Material's search parser ends an
    # excluded element at the first end tag of its kind.)
    return (
        '<div class="nhsoa-adopt" aria-label="Before you adopt" data-search-exclude>'
        "<p>For your clinical safety officer, information governance lead and licensing adviser: what the publisher "
        "declares, and what your organisation still has to do.</p>" + "".join(cards) + "</div>"
    )


def _adopters(entry: Entry, site: Site, to: Any) -> str:
    adoptions = site.adoptions_of(entry["id"])
    if not adoptions:
        return (
            '<p class="nhsoa-empty">No organisation has recorded using this tool yet. If yours does, add it to the '
            "entry's <code>adopters</code> (see <em>Contribute</em>), so others can ask you how it went.</p>"
        )
    rows = []
    for adoption in sorted(adoptions, key=lambda a: a.org.name):
        confirmed = esc(adoption.confirmed or "never")
        if adoption.stale:
            confirmed += (
                ' <span class="nhsoa-stale" title="not confirmed in the last 24 months">needs re-confirming</span>'
            )
        org = f'<a href="{to(paths.organisation_page(adoption.org.key))}">{esc(adoption.org.name)}</a>'
        evidence = external_link(adoption.evidence, "evidence") if adoption.evidence else ""
        rows.append((org, esc(adoption.org.region), esc(adoption.since or ""), confirmed, evidence))
    return table(("Organisation", "Region", "Since", "Last confirmed", "Evidence"), rows, cls="nhsoa-adopters")


def _rap(entry: Entry) -> str:
    rap = entry["rap"]
    criteria = rap.get("criteria") or {}
    head = f"<p>Level: <strong>{esc(rap['level'])}</strong>"
    if rap.get("assessed"):
        head += f", assessed {esc(rap['assessed'])}"
    if rap.get("method"):
        head += f" ({'self-assessed' if rap['method'] == 'self' else 'checked automatically'})"
    head += ".</p>"
    if not criteria:
        return head
    rows = []
    for criterion in CRITERIA:
        if criterion.id in criteria:
            status = criteria[criterion.id]
            shown = f'<span class="nhsoa-rap nhsoa-rap--{esc(status)}">{esc(STATUS_LABEL.get(status, status))}</span>'
            rows.append((esc(criterion.id), esc(criterion.level), esc(criterion.text), shown))
    return head + table(("Criterion", "Level", "What it means", "Status"), rows)


def _evidence(entry: Entry) -> str:
    return items(
        f'{external_link(e["url"], e["title"])} <span class="nhsoa-muted">({esc(e["type"])}'
        + (f", {esc(e['date'])}" if e.get("date") else "")
        + ")</span>"
        for e in entry["evidence"]
    )


def edit_url(repository: str, entry_id: str) -> str:
    """Where to edit an entry's file in the registry's repository (GitHub's editor, on the default branch)."""
    return f"{repository.rstrip('/')}/edit/{EDIT_BRANCH}/{entry_file(entry_id)}"


def entry_file(entry_id: str) -> str:
    return f"registry/tools/{entry_id}.yaml"


def _edit(entry: Entry, repository: str | None) -> str:
    phase = PHASE_LABEL.get(entry.get("phase", ""), "")
    if repository:
        link = external_link(edit_url(repository, entry["id"]), "Edit this entry")
    else:
        link = f"Edit this entry: <code>{esc(entry_file(entry['id']))}</code>"
    facts = f"{link} · {esc(phase)} · entry id <code>{esc(entry['id'])}</code>"
    return f'<p class="nhsoa-edit" data-search-exclude>{facts}</p>'
