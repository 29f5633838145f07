"""An R package's DESCRIPTION file (Debian control format, read with python-debian) to a registry entry.

CRAN asks for links in ``Description`` as ``<https://...>``, ``<doi:...>`` and ``<arXiv:...>``;
they become Markdown links (a DOI to ``https://doi.org/...``) in the description and plain text
in the one-line summary.
"""

from __future__ import annotations

import re

from debian.deb822 import Deb822

from nhsoa.interop import authors_r, common, jsonio, rlicence
from nhsoa.interop.model import Imported, ImportFailed, NotMetadata

NAME = "description"
FILENAMES = ("DESCRIPTION",)

_HANDLED = {"Package", "Title", "Description", "License", "URL", "BugReports", "Authors@R", "Author", "Maintainer"}
_IGNORED = {"Version", "Type", "Encoding", "Depends", "Imports", "Suggests", "LinkingTo", "RoxygenNote", "Roxygen",
            "VignetteBuilder", "LazyData", "Config/testthat/edition", "Date", "Collate", "NeedsCompilation",
            "SystemRequirements", "Language", "LazyLoad", "Enhances", "Remotes", "Additional_repositories"}  # fmt: skip


def detect(text: str) -> bool:
    return bool(re.search(r"^Package:\s*\S", text, re.MULTILINE)) and bool(re.search(r"^(Title|Version):", text, re.M))


def parse(raw: bytes, source: str = "DESCRIPTION") -> Imported:
    text = jsonio.decode(raw, source)
    fields = _fields(text, source)
    found = Imported(NAME, source)
    package = fields.get("Package")
    found.put("name", package, "Package")
    if package:
        found.put("id", common.slug(package), "Package (as an id)")
        found.note(f"install.cran is not set: DESCRIPTION does not say whether {package!r} is on CRAN")
    if fields.get("Title"):
        found.put("summary", common.summary_from(cran_links(fields["Title"], markdown=False))[0], "Title")
    if fields.get("Description"):
        found.put("description", cran_links(common.one_line(fields["Description"])), "Description")
    found.put("languages", ["R"], "DESCRIPTION (an R package)")
    found.put("kind", "package", "DESCRIPTION (an R package)")
    _licence(fields.get("License"), found)
    _urls(fields.get("URL"), fields.get("BugReports"), found)
    _people(fields, found)
    for key in sorted(set(fields) - _HANDLED - _IGNORED):
        found.skip(key)
    return found


def _fields(text: str, source: str) -> dict[str, str]:
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line[0].isspace() and ":" not in line and not line.startswith("#"):
            raise ImportFailed(
                source, f"line is not `Field: value` nor an indented continuation: {line[:60]!r}", number
            )
    try:
        parsed = Deb822(text.splitlines(keepends=True))
    except ValueError as exc:
        raise ImportFailed(source, f"cannot read the DESCRIPTION file: {exc}") from None
    fields = {str(k): str(v) for k, v in parsed.items()}
    if not fields.get("Package"):
        # R projects use DESCRIPTION only to list dependencies: not package metadata
        raise NotMetadata(source, "no `Package:` field; this is not an R package DESCRIPTION file")
    return fields


def _licence(value: str | None, found: Imported) -> None:
    if not value:
        return
    parsed = rlicence.parse(value)
    if parsed.only_file:
        found.skip("License", "the licence is (partly) only in the package's LICENSE file")
        return
    if parsed.expression is None:
        found.skip("License", f"{parsed.unknown!r} has no SPDX equivalent")
        return
    if parsed.extra_file:
        found.note(f"License {value!r}: `+ file LICENSE` may add terms to {parsed.expression}; read that file")
    found.put("licence", parsed.expression, f"License ({common.one_line(value)})")


def _urls(urls: str | None, bug_reports: str | None, found: Imported) -> None:
    links = [
        u.strip("<>") for u in re.split(r"[,\s]+", urls or "") if u.strip("<>").startswith(("http://", "https://"))
    ]
    repositories = [u for u in links if common.repository_address(u)]
    others = [u for u in links if u not in repositories]
    if repositories:
        found.put("repository", common.repository_address(repositories[0]), "URL")
    if others:
        found.put("homepage", others[0], "URL")
    for extra in repositories[1:] + others[1:]:
        found.skip(f"URL {extra}", "only the first repository and the first other address are used")
    tracker = (bug_reports or "").strip().strip("<>")
    if tracker:
        found.put("contact", tracker, "BugReports")
        if "repository" not in found.entry and common.repository_address(tracker):
            found.put("repository", common.repository_address(tracker), "BugReports (its repository)")


def _people(fields: dict[str, str], found: Imported) -> None:
    if fields.get("Authors@R"):
        try:
            people = authors_r.parse_people(fields["Authors@R"])
        except ValueError as exc:
            found.skip("Authors@R", f"cannot read it: {exc}")
            return
        maintainers = [
            common.person(p.name, role="maintainer" if "cre" in p.roles else "author")
            for p in people.maintainers()
            if p.name
        ]
        found.put("maintainers", maintainers, "Authors@R (cre, aut)")
        holder = people.copyright_holder()
        if holder is not None and holder.name:
            found.put("owner.name", holder.name, "Authors@R (the copyright holder, cph)")
        creators = [p for p in people.with_role("cre") if p.email and common.is_email(p.email)]
        if creators and "contact" not in found.entry:
            found.put("contact", creators[0].email, "Authors@R (the maintainer's email, cre)")
    elif fields.get("Maintainer"):
        name, _, rest = fields["Maintainer"].partition("<")
        found.put("maintainers", [common.person(name.strip(), role="maintainer")], "Maintainer")
        email = rest.rstrip(">").strip()
        if common.is_email(email) and "contact" not in found.entry:
            found.put("contact", email, "Maintainer (email)")


_AUTOLINK = re.compile(r"<((?:https?://|doi:|arXiv:)[^<>\s]+)>", re.IGNORECASE)


def cran_links(text: str, *, markdown: bool = True) -> str:
    """CRAN's ``<https://...>``, ``<doi:...>`` and ``<arXiv:...>`` as Markdown links, or as plain text.

    An ``http://`` link becomes plain text: the registry links only to https addresses.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(1)
        lower = target.lower()
        if lower.startswith("doi:"):
            address = "https://doi.org/" + target[4:].strip()
        elif lower.startswith("arxiv:"):
            address = "https://arxiv.org/abs/" + target[6:].strip()
        else:
            address = target
        if not markdown or not address.startswith("https://"):
            return target
        # Brackets and spaces would end the Markdown link early (DOIs may hold parentheses).
        escaped = address.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        label = target.replace("[", "\\[").replace("]", "\\]")
        return f"[{label}]({escaped})"

    return _AUTOLINK.sub(replace, text)
