"""An R package's DESCRIPTION file (Debian control format, read with python-debian) to a registry entry."""

from __future__ import annotations

import re
from typing import Any

from debian.deb822 import Deb822

from nhsoa.interop import common, jsonio
from nhsoa.interop.model import Imported, ImportFailed

NAME = "description"
FILENAMES = ("DESCRIPTION",)

# R's licence specifications (Writing R Extensions, "Licensing") and their SPDX ids.
_R_LICENCES = {
    "MIT": "MIT",
    "GPL-2": "GPL-2.0-only",
    "GPL-3": "GPL-3.0-only",
    "GPL (>= 2)": "GPL-2.0-or-later",
    "GPL (>= 2.0)": "GPL-2.0-or-later",
    "GPL (>= 3)": "GPL-3.0-or-later",
    "GPL (>= 3.0)": "GPL-3.0-or-later",
    "LGPL-2": "LGPL-2.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-3": "LGPL-3.0-only",
    "LGPL (>= 2)": "LGPL-2.0-or-later",
    "LGPL (>= 2.1)": "LGPL-2.1-or-later",
    "LGPL (>= 3)": "LGPL-3.0-or-later",
    "AGPL-3": "AGPL-3.0-only",
    "AGPL (>= 3)": "AGPL-3.0-or-later",
    "Apache License 2.0": "Apache-2.0",
    "Apache License (== 2.0)": "Apache-2.0",
    "Apache License (>= 2.0)": "Apache-2.0",
    "Apache License": "Apache-2.0",
    "BSD_2_clause": "BSD-2-Clause",
    "BSD_3_clause": "BSD-3-Clause",
    "MPL-2.0": "MPL-2.0",
    "MPL (== 2.0)": "MPL-2.0",
    "Artistic-2.0": "Artistic-2.0",
    "CC0": "CC0-1.0",
    "CC BY 4.0": "CC-BY-4.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "EUPL-1.2": "EUPL-1.2",
    "Unlimited": None,
}
# Licences whose template needs "+ file LICENSE" for the year and holder: that file adds nothing.
_TEMPLATE_LICENCES = {"MIT", "BSD-2-Clause", "BSD-3-Clause"}
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
        found.put("summary", common.summary_from(fields["Title"])[0], "Title")
    if fields.get("Description"):
        found.put("description", common.one_line(fields["Description"]), "Description")
    found.put("languages", ["R"], "DESCRIPTION (an R package)")
    found.put("kind", "package", "DESCRIPTION (an R package)")
    _licence(fields.get("License"), found)
    _urls(fields.get("URL"), fields.get("BugReports"), found)
    _people(fields, found, source)
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
        raise ImportFailed(source, "no `Package:` field; this is not an R package DESCRIPTION file")
    return fields


def _licence(value: str | None, found: Imported) -> None:
    if not value:
        return
    parts = []
    for alternative in value.split("|"):
        spec = common.one_line(alternative)
        extra = bool(re.search(r"\+\s*file\s+LICEN[CS]E", spec))
        spec = re.sub(r"\s*\+\s*file\s+LICEN[CS]E\s*$", "", spec).strip()
        if re.fullmatch(r"file\s+LICEN[CS]E", spec):
            found.skip("License", "the licence is only in the package's LICENSE file")
            return
        spdx = _R_LICENCES.get(spec) or common.spdx(spec)[0]
        if spdx is None:
            found.skip("License", f"{value!r} has no SPDX equivalent")
            return
        if extra and spdx not in _TEMPLATE_LICENCES:
            found.note(f"License {value!r}: `+ file LICENSE` may add terms to {spdx}; read that file")
        parts.append(spdx)
    expression = " OR ".join(parts)
    found.put("licence", expression, f"License ({common.one_line(value)})")


def _urls(urls: str | None, bug_reports: str | None, found: Imported) -> None:
    links = [u.strip() for u in re.split(r"[,\s]+", urls or "") if u.strip().startswith(("http://", "https://"))]
    repositories = [u for u in links if common.is_code_host(u)]
    others = [u for u in links if u not in repositories]
    if repositories:
        found.put("repository", common.repository_url(repositories[0]), "URL")
    if others:
        found.put("homepage", others[0], "URL")
    for extra in repositories[1:] + others[1:]:
        found.skip(f"URL {extra}", "only the first repository and the first other address are used")
    if bug_reports and bug_reports.strip():
        found.put("contact", bug_reports.strip(), "BugReports")


def _people(fields: dict[str, str], found: Imported, source: str) -> None:
    people: list[dict[str, str]] = []
    if fields.get("Authors@R"):
        try:
            persons = parse_persons(fields["Authors@R"])
        except ValueError as exc:
            found.skip("Authors@R", f"cannot read it: {exc}")
            persons = []
        for person in persons:
            roles = person.get("role", [])
            if not set(roles) & {"cre", "aut"}:
                continue  # copyright holders, contributors, funders are not maintainers
            name = " ".join(person.get(k, "") for k in ("given", "family") if person.get(k)).strip()
            if name:
                people.append(common.person(name, role="maintainer" if "cre" in roles else "author"))
        holders = [p for p in persons if "cph" in p.get("role", []) and not p.get("family")]
        if len(holders) == 1 and holders[0].get("given"):
            found.put("owner.name", holders[0]["given"], "Authors@R (the copyright holder)")
    elif fields.get("Maintainer"):
        name = fields["Maintainer"].split("<", 1)[0].strip()
        people.append(common.person(name, role="maintainer"))
    people.sort(key=lambda p: p.get("role") != "maintainer")
    found.put("maintainers", people, "Authors@R" if fields.get("Authors@R") else "Maintainer")


_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|([A-Za-z_.][A-Za-z0-9_.:]*)|(.))', re.S)
_POSITIONAL = ("given", "family", "middle", "email", "role", "comment")


def parse_persons(text: str) -> list[dict[str, Any]]:
    """The ``person(...)`` calls of an ``Authors@R`` field, as dicts; raises ValueError if unreadable.

    Only the R that DESCRIPTION files use is understood: strings, ``c(...)``, ``NULL`` and
    ``person(...)`` calls with positional or named arguments. Nothing is evaluated.
    """
    tokens = [m for m in _TOKEN.finditer(text) if m.group(0).strip()]
    values = [(m.group(1) if m.group(1) is not None else m.group(2), m.group(3), m.group(4)) for m in tokens]
    position = 0

    def expression() -> Any:
        nonlocal position
        if position >= len(values):
            raise ValueError("unexpected end")
        string, name, punct = values[position]
        position += 1
        if string is not None:
            return string.replace('\\"', '"').replace("\\'", "'")
        if name in ("NULL", "NA"):
            return None
        if name is not None and position < len(values) and values[position][2] == "(":
            position += 1
            args = arguments()
            if name.split("::")[-1] == "person":
                return _person(args)
            return [v for _, v in args]  # c(...) and list(...)
        if name is not None:
            return name
        raise ValueError(f"unexpected {punct!r}")

    def arguments() -> list[tuple[str | None, Any]]:
        nonlocal position
        args: list[tuple[str | None, Any]] = []
        while position < len(values):
            if values[position][2] == ")":
                position += 1
                return args
            if values[position][2] == ",":
                if position + 1 < len(values) and values[position + 1][2] in (",", ")"):
                    args.append((None, None))  # an empty argument, as in person("A", "B", , "a@b")
                position += 1
                continue
            key = None
            if values[position][1] is not None and position + 1 < len(values) and values[position + 1][2] == "=":
                key = values[position][1]
                position += 2
            args.append((key, expression()))
        raise ValueError("a bracket is not closed")

    result = expression()
    items = result if isinstance(result, list) else [result]
    return [item for item in _flatten(items) if isinstance(item, dict)]


def _flatten(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += _flatten(item) if isinstance(item, list) else [item]
    return out


def _person(args: list[tuple[str | None, Any]]) -> dict[str, Any]:
    person: dict[str, Any] = {}
    positional = iter(_POSITIONAL)
    for key, value in args:
        slot = key if key is not None else next(positional, None)
        if slot is None or value is None:
            continue
        if slot == "role":
            person["role"] = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
        elif slot in ("given", "family"):
            person[slot] = " ".join(value) if isinstance(value, list) else str(value)
        elif slot == "email" and isinstance(value, str):
            person["email"] = value
    return person
