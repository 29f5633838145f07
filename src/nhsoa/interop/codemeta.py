"""codemeta.json (CodeMeta 2.0 and 3.0, JSON-LD) to and from registry entries.

Two entry fields have no CodeMeta term of their own, and are written with schema.org terms so
that a round trip keeps them:

- ``kind`` is ``applicationCategory`` (schema.org: the type of software application), written as
  a plain-text value (``{"@value": "package"}``) because the CodeMeta context reads a bare string
  there as an address;
- ``summary`` is ``schema:abstract`` (schema.org ``abstract``: a short description that
  summarises a creative work), through the ``schema:`` prefix the CodeMeta context defines;
  ``description`` keeps the long Markdown description.

An owner is the ``copyrightHolder``: an ``Organization`` unless its type is ``individual``.
Maintainers are people, except the one that is the owner organisation itself.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from nhsoa.interop import common, jsonio
from nhsoa.interop.model import Imported, ImportFailed

NAME = "codemeta"
FILENAMES = ("codemeta.json",)
CONTEXTS = {
    "2.0": "https://doi.org/10.5063/schema/codemeta-2.0",
    "3.0": "https://w3id.org/codemeta/3.0",
}
_CONTEXT_ALIASES = {
    "https://w3id.org/codemeta/v2": "2.0",
    "https://raw.githubusercontent.com/codemeta/codemeta/2.0/codemeta.jsonld": "2.0",
    "https://w3id.org/codemeta/v3.0": "3.0",
    "https://raw.githubusercontent.com/codemeta/codemeta/3.0/codemeta.jsonld": "3.0",
}
_REPOSTATUS = "https://www.repostatus.org/#"
# repostatus.org states that say which phase a tool is in; the others (inactive, suspended,
# unsupported) say how it is maintained, not its phase, so they are reported, not mapped.
_STATUS_TO_PHASE = {
    "concept": "discovery",
    "wip": "alpha",
    "active": "live",
    "abandoned": "retired",
    "moved": "retired",
}
_PHASE_TO_STATUS = {"discovery": "concept", "alpha": "wip", "beta": "wip", "live": "active", "retired": "abandoned"}
_ABSTRACT = ("schema:abstract", "abstract", "http://schema.org/abstract", "https://schema.org/abstract")
_KINDS = frozenset(
    ("package", "product", "template", "app", "api", "pipeline", "guidance", "component", "data", "model",
     "research-code", "tool", "platform", "code-library")
)  # fmt: skip
_HANDLED = {
    *_ABSTRACT, "applicationCategory",
    "@context", "@type", "type", "@id", "id", "name", "identifier", "description", "codeRepository", "url",
    "softwareHelp", "issueTracker", "license", "programmingLanguage", "keywords", "author", "maintainer",
    "copyrightHolder", "developmentStatus", "installUrl", "downloadUrl", "relatedLink",
}  # fmt: skip


def detect(data: Any) -> bool:
    return isinstance(data, dict) and context_version(data.get("@context")) is not None


def context_version(context: Any) -> str | None:
    for item in context if isinstance(context, list) else [context]:
        if isinstance(item, str):
            url = item.rstrip("/")
            for version, known in CONTEXTS.items():
                if url == known:
                    return version
            if url in _CONTEXT_ALIASES:
                return _CONTEXT_ALIASES[url]
    return None


def parse(raw: bytes, source: str = "codemeta.json") -> Imported:
    data = jsonio.load(raw, source)
    if not isinstance(data, dict):
        raise ImportFailed(source, "a codemeta.json file is one JSON object")
    found = Imported(NAME, source)
    version = context_version(data.get("@context"))
    if version is None:
        found.note(f"@context is not a CodeMeta context ({', '.join(CONTEXTS.values())}); read as CodeMeta anyway")
    kind = data.get("@type", data.get("type"))
    if kind not in ("SoftwareSourceCode", "SoftwareApplication"):
        found.note(f"@type is {kind!r}, not SoftwareSourceCode")
    _identity(data, found)
    _kind(data.get("applicationCategory"), found)
    _addresses(data, found)
    _licence(data.get("license"), found)
    found.put("languages", _languages(data.get("programmingLanguage")), "programmingLanguage")
    found.put("keywords", common.keywords(data.get("keywords")), "keywords")
    _people(data, found)
    _status(data.get("developmentStatus"), found)
    for key in sorted(set(data) - _HANDLED):
        found.skip(key)
    return found


def _identity(data: dict[str, Any], found: Imported) -> None:
    name = data.get("name") if isinstance(data.get("name"), str) else None
    identifier = data.get("identifier") if isinstance(data.get("identifier"), str) else None
    title = None
    if name and identifier and name.startswith(f"{identifier}: "):
        # codemetar writes "package: Title"; the package is the name, the title a summary.
        name, title = identifier, name[len(identifier) + 2 :]
        found.note(f"name {data['name']!r} split into the name {name!r} and a title")
    found.put("name", name, "name")
    if identifier and common.slug(identifier) == identifier.lower():
        found.put("id", identifier.lower(), "identifier")
    elif name:
        found.put("id", common.slug(name), "name (as an id)")
    description = data.get("description") if isinstance(data.get("description"), str) else None
    abstract = next((data[key] for key in _ABSTRACT if isinstance(data.get(key), str)), None)
    if abstract:
        found.put("summary", common.one_line(abstract), next(k for k in _ABSTRACT if k in data))
    elif title:
        found.put("summary", common.one_line(title), "name (title part)")
    elif description:
        summary, cut = common.summary_from(description)
        found.put("summary", summary, "description (first sentence)" if cut else "description")
    if description and common.one_line(description) != found.entry.get("summary"):
        found.put("description", description.strip(), "description")


def _kind(value: Any, found: Imported) -> None:
    for item in value if isinstance(value, list) else [value]:
        text = item.get("@value") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip().lower() in _KINDS:
            found.put("kind", text.strip().lower(), "applicationCategory")
            return
    if value is not None:
        found.skip("applicationCategory", "not one of the registry's kinds")


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("url", value.get("@id", value.get("id")))
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value.strip() if isinstance(value, str) and value.strip() else None


def _addresses(data: dict[str, Any], found: Imported) -> None:
    repository = _url(data.get("codeRepository"))
    if repository:
        found.put("repository", common.repository_url(repository), "codeRepository")
    homepage = _url(data.get("url"))
    if homepage and not (repository and common.same_repository(homepage, repository)):
        found.put("homepage", homepage, "url")
    found.put("documentation", _url(data.get("softwareHelp")), "softwareHelp")
    found.put("contact", _url(data.get("issueTracker")), "issueTracker")
    install: dict[str, str] = {}
    for key in ("installUrl", "downloadUrl", "relatedLink"):
        for link in common.texts(data.get(key)):
            index = common.install_from_url(link)
            if index and index[0] not in install:
                install[index[0]] = index[1]
                found.provenance[f"install.{index[0]}"] = f"{found.source}: {key}"
    if install:
        found.entry["install"] = install


def _licence(value: Any, found: Imported) -> None:
    items = [_url(v) or v for v in value] if isinstance(value, list) else [_url(value) or value]
    items = [i for i in items if isinstance(i, str)]
    if not items:
        return
    if len(items) > 1:
        found.skip("license", "several licences; CodeMeta does not say whether they combine with AND or OR")
        return
    expression, problem = common.spdx(items[0])
    if expression is None:
        found.skip("license", problem)
        return
    found.put("licence", expression, "license")


def _languages(value: Any) -> list[str]:
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def person_name(value: Any) -> str | None:
    if not isinstance(value, dict):
        return value.strip() if isinstance(value, str) and value.strip() else None
    if isinstance(value.get("name"), str) and value["name"].strip():
        return common.one_line(value["name"])
    given, family = value.get("givenName"), value.get("familyName")
    parts = [" ".join(p) if isinstance(p, list) else p for p in (given, family)]
    text = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    return common.one_line(text) or None


def _people(data: dict[str, Any], found: Imported) -> None:
    people: list[dict[str, str]] = []
    seen: set[str] = set()
    for key, role in (("maintainer", None), ("author", "author")):
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            name = person_name(item)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                people.append(common.person(name, role=role))
    found.put("maintainers", people, "maintainer, author")
    holders = data.get("copyrightHolder")
    holders = holders if isinstance(holders, list) else [holders] if holders else []
    organisations = [h for h in holders if isinstance(h, dict) and h.get("@type", h.get("type")) == "Organization"]
    if len(organisations) == 1 and person_name(organisations[0]):
        found.put("owner.name", person_name(organisations[0]), "copyrightHolder")
    elif holders:
        found.skip("copyrightHolder", "not one organisation, so not taken as the owner")


def _status(value: Any, found: Imported) -> None:
    if not isinstance(value, str) or not value.strip():
        return
    status = value.strip().removeprefix(_REPOSTATUS).removeprefix("https://www.repostatus.org/#").lower()
    phase = _STATUS_TO_PHASE.get(status)
    if phase:
        found.put("phase", phase, f"developmentStatus ({status})")
    else:
        found.skip("developmentStatus", f"{value!r} does not say which phase the tool is in")


def export(entry: dict[str, Any], version: str = "3.0") -> str:
    """A codemeta.json document for ``entry`` (CodeMeta ``version``: 2.0 or 3.0)."""
    doc: dict[str, Any] = {"@context": CONTEXTS[version], "@type": "SoftwareSourceCode"}
    doc["identifier"] = entry["id"]
    doc["name"] = entry["name"]
    doc["description"] = entry.get("description") or entry["summary"]
    if doc["description"] != entry["summary"]:
        doc["schema:abstract"] = entry["summary"]
    if entry.get("kind"):
        doc["applicationCategory"] = {"@value": entry["kind"]}
    doc["codeRepository"] = entry["repository"]
    if entry.get("homepage"):
        doc["url"] = entry["homepage"]
    if entry.get("documentation"):
        doc["softwareHelp"] = entry["documentation"]
    if isinstance(entry.get("contact"), str) and entry["contact"].startswith("https://"):
        doc["issueTracker"] = entry["contact"]
    licence_urls = [f"https://spdx.org/licenses/{key}" for key in _licence_ids(entry.get("licence", ""))]
    if licence_urls:
        doc["license"] = licence_urls[0] if len(licence_urls) == 1 else licence_urls
    if entry.get("languages"):
        doc["programmingLanguage"] = list(entry["languages"])
    if entry.get("keywords"):
        doc["keywords"] = list(entry["keywords"])
    owner = entry.get("owner", {})
    organisation = owner.get("name") if owner.get("type") != "individual" else None
    maintainers = [m for m in entry.get("maintainers", []) if isinstance(m, dict)]
    authors = [_person(m, organisation) for m in maintainers if m.get("role") == "author"]
    others = [_person(m, organisation) for m in maintainers if m.get("role") != "author"]
    if authors:
        doc["author"] = authors
    if others:
        doc["maintainer"] = others
    if owner.get("name"):
        doc["copyrightHolder"] = {"@type": "Person" if organisation is None else "Organization", "name": owner["name"]}
    if entry.get("phase") in _PHASE_TO_STATUS:
        doc["developmentStatus"] = _REPOSTATUS + _PHASE_TO_STATUS[entry["phase"]]
    install = entry.get("install", {})
    urls = []
    if install.get("pypi"):
        urls.append(f"https://pypi.org/project/{install['pypi']}/")
    if install.get("cran"):
        urls.append(f"https://cran.r-project.org/package={install['cran']}")
    if urls:
        doc["installUrl"] = urls[0] if len(urls) == 1 else urls
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _person(maintainer: dict[str, Any], organisation: str | None) -> dict[str, Any]:
    """A maintainer as a Person, or as an Organization when it is the owning organisation itself."""
    is_owner = organisation is not None and maintainer["name"].casefold() == organisation.casefold()
    person: dict[str, Any] = {"@type": "Organization" if is_owner else "Person", "name": maintainer["name"]}
    if maintainer.get("github"):
        person["url"] = f"https://github.com/{maintainer['github']}"
    return person


def _licence_ids(expression: str) -> list[str]:
    if expression in ("", "NOASSERTION"):
        return []
    tokens = re.findall(r"[A-Za-z0-9.+-]+", expression)
    return [t for t in tokens if t.upper() not in {"AND", "OR", "WITH"} and not t.startswith("LicenseRef-")]


@cache
def _context(version: str) -> dict[str, Any]:
    text = (
        resources.files("nhsoa")
        .joinpath("data")
        .joinpath("codemeta")
        .joinpath(f"codemeta-{version}.jsonld")
        .read_text("utf-8")
    )
    return json.loads(text)  # type: ignore[no-any-return]


def check(text: str) -> list[str]:
    """Problems that make ``text`` not a valid CodeMeta JSON-LD document (an empty list when valid).

    The document must name a CodeMeta context, expand as JSON-LD against the vendored copy
    of that context (no network), and use only terms the context defines.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [f"line {exc.lineno}: invalid JSON: {exc.msg}"]
    if not isinstance(data, dict):
        return ["a CodeMeta document is one JSON object"]
    version = context_version(data.get("@context"))
    if version is None or data.get("@context") != CONTEXTS[version]:
        return [f"@context must be one of {', '.join(CONTEXTS.values())}"]
    problems = []
    if data.get("@type") not in ("SoftwareSourceCode", "SoftwareApplication"):
        problems.append("@type must be SoftwareSourceCode")
    context = _context(version)["@context"]
    problems += [
        f"{path}: {key!r} is not a CodeMeta {version} term" for path, key in _keys(data) if not _defined(key, context)
    ]
    problems += _expand_problems(data, version)
    return problems


def _defined(key: str, context: dict[str, Any]) -> bool:
    """A term of the context, or a compact IRI through one of its prefixes (``schema:abstract``)."""
    if key in context:
        return True
    prefix, _, suffix = key.partition(":")
    namespace = context.get(prefix)
    return bool(suffix) and isinstance(namespace, str) and namespace.endswith(("/", "#"))


def _keys(value: Any, path: str = "$") -> list[tuple[str, str]]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@"):
                found.append((path, key))
            found += _keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _keys(item, f"{path}[{index}]")
    return found


def _expand_problems(data: dict[str, Any], version: str) -> list[str]:
    from pyld import jsonld  # noqa: PLC0415 - only checking needs a JSON-LD processor

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        found = context_version(url)
        if found is None:
            raise jsonld.JsonLdError(f"no offline copy of {url}", "loading document failed")
        return {"contextUrl": None, "documentUrl": url, "document": _context(found)}

    try:
        expanded = jsonld.expand(data, {"documentLoader": loader})
    except jsonld.JsonLdError as exc:
        return [f"not valid JSON-LD: {exc}"]
    if not expanded:
        return ["expands to nothing as JSON-LD"]
    return []
