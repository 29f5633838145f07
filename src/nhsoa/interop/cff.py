"""CITATION.cff (Citation File Format 1.2.0) to and from registry entries.

Exports are checked against the official CFF 1.2.0 JSON Schema, the copy that the
check-jsonschema package ships (``vendor.citation-file-format``, CC-BY-4.0), so no
network is needed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.interop import common, jsonio
from nhsoa.interop.model import Imported, ImportFailed

NAME = "cff"
FILENAMES = ("CITATION.cff",)
VERSION = "1.2.0"
MESSAGE = "If you use this software, please cite it using the metadata from this file."
_HANDLED = {
    "cff-version", "message", "title", "abstract", "authors", "repository-code", "url", "license", "keywords",
    "contact", "type",
}  # fmt: skip


def detect(data: Any) -> bool:
    return isinstance(data, dict) and "cff-version" in data


def parse(raw: bytes, source: str = "CITATION.cff") -> Imported:
    data = jsonio.load_yaml(raw, source)
    if not isinstance(data, dict):
        raise ImportFailed(source, "a CITATION.cff file is one YAML mapping")
    found = Imported(NAME, source)
    version = str(data.get("cff-version", ""))
    if not version.startswith("1.2"):
        found.note(f"cff-version is {version or 'missing'}; read as {VERSION}")
    if data.get("type") not in (None, "software"):
        found.note(f"type is {data.get('type')!r}, not software")
    title = data.get("title") if isinstance(data.get("title"), str) else None
    found.put("name", title and common.one_line(title), "title")
    if title:
        found.put("id", common.slug(title), "title (as an id)")
    abstract = data.get("abstract") if isinstance(data.get("abstract"), str) else None
    if abstract:
        summary, cut = common.summary_from(abstract)
        found.put("summary", summary, "abstract (first sentence)" if cut else "abstract")
        if common.one_line(abstract) != summary:
            found.put("description", abstract.strip(), "abstract")
    repository = data.get("repository-code")
    if isinstance(repository, str):
        found.put("repository", common.repository_url(repository), "repository-code")
    url = data.get("url")
    if isinstance(url, str) and not (isinstance(repository, str) and common.same_repository(url, repository)):
        found.put("homepage", url.strip(), "url")
    _licence(data.get("license"), found)
    found.put("keywords", common.keywords(data.get("keywords")), "keywords")
    people = (
        [_person(a) for a in data.get("authors", []) if isinstance(a, dict)]
        if isinstance(data.get("authors"), list)
        else []
    )
    found.put("maintainers", [common.person(p) for p in people if p], "authors")
    contacts: list[Any] = data["contact"] if isinstance(data.get("contact"), list) else []
    emails = [c["email"] for c in contacts if isinstance(c, dict) and isinstance(c.get("email"), str)]
    found.put("contact", emails[0] if emails else None, "contact[0].email")
    for key in sorted(set(data) - _HANDLED):
        found.skip(key)
    return found


def _licence(value: Any, found: Imported) -> None:
    items = common.texts(value)
    if not items:
        return
    if len(items) > 1:
        # CFF lists licences without saying how they combine; OR (a choice) is the only
        # reading the CFF guide gives, and it is stated here rather than assumed silently.
        found.note(f"license lists {', '.join(items)}; read as a choice between them (OR)")
    expression, problem = common.spdx(" OR ".join(items))
    if expression is None:
        found.skip("license", problem)
        return
    found.put("licence", expression, "license")


def _person(author: dict[str, Any]) -> str | None:
    if isinstance(author.get("name"), str):
        return common.one_line(author["name"])  # an entity
    parts = [author.get(k) for k in ("given-names", "name-particle", "family-names", "name-suffix")]
    text = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    return common.one_line(text) or None


def export(entry: dict[str, Any]) -> str:
    """CITATION.cff text for ``entry``."""
    doc: dict[str, Any] = {"cff-version": VERSION, "message": MESSAGE, "type": "software", "title": entry["name"]}
    authors = [_cff_person(m) for m in entry.get("maintainers", []) if isinstance(m, dict) and m.get("name")]
    if not authors:
        authors = [{"name": entry["owner"]["name"]}]
    doc["authors"] = authors
    doc["abstract"] = entry.get("description") or entry["summary"]
    doc["repository-code"] = entry["repository"]
    if entry.get("homepage"):
        doc["url"] = entry["homepage"]
    licence_ids = _licence_list(entry.get("licence", ""))
    if licence_ids:
        doc["license"] = licence_ids[0] if len(licence_ids) == 1 else licence_ids
    if entry.get("keywords"):
        doc["keywords"] = list(entry["keywords"])
    contact = entry.get("contact")
    if isinstance(contact, str) and "@" in contact and not contact.startswith("https://"):
        doc["contact"] = [{"name": entry["owner"]["name"], "email": contact.removeprefix("mailto:")}]
    return yamlio.dumps(doc)


def _cff_person(maintainer: dict[str, Any]) -> dict[str, str]:
    # An entry holds one name; CFF splits people into given and family names. Splitting a
    # name is a guess, so every maintainer is written as an entity with a name (valid CFF).
    return {"name": maintainer["name"]}


def _licence_list(expression: str) -> list[str]:
    """CFF holds one licence id or a list (a choice); AND and WITH cannot be written."""
    if expression in ("", "NOASSERTION") or re.search(r"\b(AND|WITH)\b", expression):
        return []
    return [part.strip(" ()") for part in re.split(r"\bOR\b", expression) if part.strip(" ()")]


@cache
def _schema() -> dict[str, Any]:
    files = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(files.joinpath("citation-file-format.json").read_text("utf-8"))  # type: ignore[no-any-return]


def check(text: str) -> list[str]:
    """Problems that make ``text`` invalid against the CFF 1.2.0 JSON Schema (empty when valid)."""
    import jsonschema  # noqa: PLC0415

    try:
        data = yamlio.loads(text)
    except YamlError as exc:
        return [f"line {exc.line}: {exc.message}"]
    cls = jsonschema.Draft7Validator
    validator = cls(_schema(), format_checker=cls.FORMAT_CHECKER)
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
