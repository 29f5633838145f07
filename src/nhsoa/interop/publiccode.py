"""publiccode.yml (versions 0.2 to 0.4 and later) to and from registry entries.

There is no publiccode.yml parser for Python; :func:`check` implements the standard's
documented rules directly: the mandatory keys of the core schema, its vocabularies
(platforms, developmentStatus, softwareType, maintenance type, categories, scope) and
its length limits. It does not check the country extensions or fetch anything.
"""

from __future__ import annotations

import re
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.interop import common, jsonio
from nhsoa.interop.model import Imported, ImportFailed

NAME = "publiccode"
FILENAMES = ("publiccode.yml", "publiccode.yaml")
VERSION = "0.4"

DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
    "standalone/other", "addon", "library", "configurationFiles",
)  # fmt: skip
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android")
CATEGORIES = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "website-builder",
        "whistleblowing",
        "workflow-management",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)
_STATUS_TO_PHASE = {"concept": "discovery", "development": "alpha", "beta": "beta", "stable": "live"}
_PHASE_TO_STATUS = {
    "discovery": "concept",
    "alpha": "development",
    "beta": "beta",
    "live": "stable",
    "retired": "obsolete",
}
_KIND_FROM_TYPE = {"library": "package", "standalone/web": "app", "configurationFiles": "template"}
_TYPE_FROM_KIND = {
    "package": "library",
    "code-library": "library",
    "app": "standalone/web",
    "template": "configurationFiles",
}
_LANGUAGE_PREFERENCE = ("en-GB", "en", "en-US")
_HANDLED = {"publiccodeYmlVersion", "name", "url", "landingURL", "developmentStatus", "softwareType", "description",
            "legal", "maintenance", "categories"}  # fmt: skip


def detect(data: Any) -> bool:
    return isinstance(data, dict) and "publiccodeYmlVersion" in data


def parse(raw: bytes, source: str = "publiccode.yml") -> Imported:
    data = jsonio.load_yaml(raw, source)
    if not isinstance(data, dict):
        raise ImportFailed(source, "a publiccode.yml file is one YAML mapping")
    found = Imported(NAME, source)
    if "publiccodeYmlVersion" not in data:
        found.note("publiccodeYmlVersion is missing; read as publiccode.yml anyway")
    name = data.get("name") if isinstance(data.get("name"), str) else None
    found.put("name", name, "name")
    if name:
        found.put("id", common.slug(name), "name (as an id)")
    if isinstance(data.get("url"), str):
        found.put("repository", common.repository_url(data["url"]), "url")
    if isinstance(data.get("landingURL"), str):
        found.put("homepage", data["landingURL"].strip(), "landingURL")
    status = data.get("developmentStatus")
    if status in _STATUS_TO_PHASE:
        found.put("phase", _STATUS_TO_PHASE[status], f"developmentStatus ({status})")
    elif status == "obsolete":
        found.put("phase", "retired", "developmentStatus (obsolete)")
    elif status is not None:
        found.skip("developmentStatus", f"{status!r} is not in the publiccode.yml vocabulary")
    software_type = data.get("softwareType")
    if software_type in _KIND_FROM_TYPE:
        found.put("kind", _KIND_FROM_TYPE[software_type], f"softwareType ({software_type})")
    elif software_type is not None:
        found.skip("softwareType", f"{software_type!r} has no matching kind")
    _description(data.get("description"), found)
    _legal(data.get("legal"), found)
    _maintenance(data.get("maintenance"), found)
    found.put("keywords", [c for c in common.texts(data.get("categories")) if len(c) <= 60], "categories")
    for key in sorted(set(data) - _HANDLED):
        found.skip(key)
    return found


def _language(description: dict[str, Any]) -> str | None:
    for lang in _LANGUAGE_PREFERENCE:
        if isinstance(description.get(lang), dict):
            return lang
    english = [k for k in description if isinstance(k, str) and k.lower().startswith("en")]
    return english[0] if english else next(iter(description), None)


def _description(value: Any, found: Imported) -> None:
    if not isinstance(value, dict) or not value:
        return
    lang = _language(value)
    text = value.get(lang) if lang else None
    if not isinstance(text, dict):
        return
    if len(value) > 1:
        found.note(f"description taken from the {lang!r} section of {', '.join(map(str, value))}")
    short = text.get("shortDescription")
    long_text = text.get("longDescription")
    if isinstance(short, str):
        found.put("summary", common.one_line(short), f"description.{lang}.shortDescription")
    elif isinstance(long_text, str):
        summary, _ = common.summary_from(long_text)
        found.put("summary", summary, f"description.{lang}.longDescription (first sentence)")
    if isinstance(long_text, str):
        found.put("description", long_text.strip(), f"description.{lang}.longDescription")
    if isinstance(text.get("documentation"), str):
        found.put("documentation", text["documentation"].strip(), f"description.{lang}.documentation")
    for key in sorted(set(text) - {"shortDescription", "longDescription", "documentation"}):
        found.skip(f"description.{lang}.{key}")


def _legal(value: Any, found: Imported) -> None:
    if not isinstance(value, dict):
        return
    if isinstance(value.get("license"), str):
        expression, problem = common.spdx(value["license"])
        if expression:
            found.put("licence", expression, "legal.license")
        else:
            found.skip("legal.license", problem)
    owner = value.get("repoOwner") or value.get("mainCopyrightOwner")
    if isinstance(owner, str):
        found.put("owner.name", common.one_line(owner), "legal.repoOwner" if value.get("repoOwner") else
                  "legal.mainCopyrightOwner")  # fmt: skip


def _maintenance(value: Any, found: Imported) -> None:
    if not isinstance(value, dict):
        return
    contacts: list[Any] = value["contacts"] if isinstance(value.get("contacts"), list) else []
    people = [common.person(c["name"]) for c in contacts if isinstance(c, dict) and isinstance(c.get("name"), str)]
    found.put("maintainers", people, "maintenance.contacts")
    emails = [c["email"] for c in contacts if isinstance(c, dict) and isinstance(c.get("email"), str)]
    found.put("contact", emails[0] if emails else None, "maintenance.contacts[0].email")
    if value.get("type") not in (None, *MAINTENANCE_TYPES):
        found.skip("maintenance.type", f"{value.get('type')!r} is not in the vocabulary")


def export(entry: dict[str, Any]) -> str:
    """publiccode.yml text (version 0.4) for ``entry``."""
    long_text = _long_description(entry)
    description: dict[str, Any] = {
        "shortDescription": _short(entry["summary"]),
        "longDescription": long_text,
        "features": [entry["summary"]],
    }
    if entry.get("documentation"):
        description["documentation"] = entry["documentation"]
    maintainers = [m for m in entry.get("maintainers", []) if isinstance(m, dict) and m.get("name")]
    maintenance: dict[str, Any] = {"type": "none" if entry.get("phase") == "retired" else "internal"}
    if maintenance["type"] == "internal":
        contacts = [{"name": m["name"]} for m in maintainers] or [{"name": entry["owner"]["name"]}]
        contact = entry.get("contact")
        if isinstance(contact, str) and "@" in contact and not contact.startswith("https://"):
            contacts[0]["email"] = contact.removeprefix("mailto:")
        maintenance["contacts"] = contacts
    doc: dict[str, Any] = {
        "publiccodeYmlVersion": VERSION,
        "name": entry["name"],
        "url": entry["repository"],
    }
    if entry.get("homepage"):
        doc["landingURL"] = entry["homepage"]
    doc["platforms"] = ["web"] if entry.get("kind") == "app" else ["linux", "mac", "windows"]
    doc["categories"] = ["data-analytics"]
    doc["developmentStatus"] = _PHASE_TO_STATUS[entry["phase"]]
    doc["softwareType"] = _TYPE_FROM_KIND.get(entry.get("kind", ""), "standalone/other")
    # The standard now wants upper-case ISO 3166-1 alpha-2 codes; lower case is deprecated.
    doc["intendedAudience"] = {"countries": ["GB"], "scope": ["healthcare"]}
    doc["description"] = {"en-GB": description}
    doc["legal"] = {"license": entry["licence"], "repoOwner": entry["owner"]["name"]}
    doc["maintenance"] = maintenance
    doc["localisation"] = {"localisationReady": False, "availableLanguages": ["en-GB"]}
    return yamlio.dumps(doc)


def _long_description(entry: dict[str, Any]) -> str:
    """The description; when shorter than the standard's 150 characters, facts from the entry are added."""
    text = (entry.get("description") or entry["summary"]).strip()
    if len(text) < 150 and text != entry["summary"]:
        text = f"{entry['summary']}\n\n{text}"
    if len(text) < 150:
        text += (
            f"\n\n{entry['name']} is maintained by {entry['owner']['name']} and published under the"
            f" {entry['licence']} licence. Its source code is at {entry['repository']}."
        )
    return str(text)[:10000]


def _short(summary: str) -> str:
    return summary if len(summary) <= 150 else summary[:149].rsplit(" ", 1)[0] + "…"


_BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def check(text: str) -> list[str]:
    """Problems under the publiccode.yml core standard (an empty list when the file conforms)."""
    try:
        data = yamlio.loads(text)
    except YamlError as exc:
        return [f"line {exc.line}: {exc.message}"]
    if not isinstance(data, dict):
        return ["a publiccode.yml file is one YAML mapping"]
    problems: list[str] = []
    version = str(data.get("publiccodeYmlVersion", ""))
    required = ["publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType"]
    if _older_than_04(version):
        required.append("categories")  # optional from 0.4
    problems += [f"{key}: missing (mandatory)" for key in required if key not in data]
    problems += _check_top(data)
    problems += _check_description(data.get("description"))
    problems += _check_legal(data.get("legal"))
    problems += _check_maintenance(data.get("maintenance"))
    problems += _check_localisation(data.get("localisation"))
    return problems


def _older_than_04(version: str) -> bool:
    match = re.match(r"^(\d+)\.(\d+)", version)
    return match is not None and (int(match.group(1)), int(match.group(2))) < (0, 4)


def _check_top(data: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("name", "url"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(f"{key}: must be a non-empty string")
    if isinstance(data.get("url"), str) and not re.match(r"^[a-z][a-z0-9+.-]*://", data["url"]):
        problems.append("url: must be the address of the source code repository")
    platforms = data.get("platforms")
    if "platforms" in data and not common.texts(platforms):
        problems.append(f"platforms: use one or more of {', '.join(PLATFORMS)}")
    if "developmentStatus" in data and data["developmentStatus"] not in DEVELOPMENT_STATUS:
        problems.append(
            f"developmentStatus: {data['developmentStatus']!r} is not one of {', '.join(DEVELOPMENT_STATUS)}"
        )
    if "softwareType" in data and data["softwareType"] not in SOFTWARE_TYPES:
        problems.append(f"softwareType: {data['softwareType']!r} is not one of {', '.join(SOFTWARE_TYPES)}")
    categories = data.get("categories")
    if categories is not None:
        if not isinstance(categories, list) or not categories:
            problems.append("categories: must be a list of categories")
        else:
            problems += [f"categories: {c!r} is not in the categories list" for c in categories if c not in CATEGORIES]
    problems += _check_audience(data.get("intendedAudience"))
    if "releaseDate" in data and not (isinstance(data["releaseDate"], str) and _DATE.match(data["releaseDate"])):
        problems.append("releaseDate: must be a date written YYYY-MM-DD")
    return problems


def _check_audience(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return []
    problems = []
    scope = value.get("scope")
    if isinstance(scope, list):
        problems += [f"intendedAudience.scope: {s!r} is not in the scope list" for s in scope if s not in SCOPES]
    for key in ("countries", "unsupportedCountries"):
        codes = value.get(key)
        if isinstance(codes, list):
            problems += [
                f"intendedAudience.{key}: {code!r} is not an upper-case ISO 3166-1 alpha-2 code (lower case is"
                " deprecated)"
                for code in codes
                if not (isinstance(code, str) and _COUNTRY.match(code))
            ]
    return problems


def _check_description(value: Any) -> list[str]:
    if not isinstance(value, dict) or not value:
        return ["description: missing (mandatory, with at least one language)"]
    problems = []
    has_long = has_features = False
    for lang, text in value.items():
        where = f"description.{lang}"
        if not isinstance(lang, str) or not _BCP47.match(lang):
            problems.append(f"{where}: {lang!r} is not a BCP 47 language tag")
        if not isinstance(text, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        short = text.get("shortDescription")
        if not isinstance(short, str) or not short.strip():
            problems.append(f"{where}.shortDescription: missing (mandatory)")
        elif len(short) > 150:
            problems.append(f"{where}.shortDescription: {len(short)} characters; at most 150")
        long_text = text.get("longDescription")
        if isinstance(long_text, str):
            has_long = True
            if not 150 <= len(long_text) <= 10000:
                problems.append(f"{where}.longDescription: {len(long_text)} characters; 150 to 10000")
        if isinstance(text.get("features"), list) and text["features"]:
            has_features = True
    if not has_long:
        problems.append("description: longDescription is mandatory for at least one language")
    if not has_features:
        problems.append("description: features is mandatory for at least one language")
    return problems


def _check_legal(value: Any) -> list[str]:
    if not isinstance(value, dict) or not isinstance(value.get("license"), str):
        return ["legal.license: missing (mandatory)"]
    expression, problem = common.spdx(value["license"])
    return [] if expression else [f"legal.license: {problem}"]


def _check_maintenance(value: Any) -> list[str]:
    if not isinstance(value, dict) or "type" not in value:
        return ["maintenance.type: missing (mandatory)"]
    kind = value["type"]
    if kind not in MAINTENANCE_TYPES:
        return [f"maintenance.type: {kind!r} is not one of {', '.join(MAINTENANCE_TYPES)}"]
    problems = []
    if kind == "contract":
        contractors = value.get("contractors")
        if not isinstance(contractors, list) or not contractors:
            problems.append("maintenance.contractors: mandatory when maintenance.type is contract")
        else:
            for index, contractor in enumerate(contractors):
                if not isinstance(contractor, dict) or not contractor.get("name") or not contractor.get("until"):
                    problems.append(f"maintenance.contractors[{index}]: name and until are mandatory")
    if kind in ("internal", "community"):
        contacts = value.get("contacts")
        if not isinstance(contacts, list) or not contacts:
            problems.append(f"maintenance.contacts: mandatory when maintenance.type is {kind}")
        else:
            for index, contact in enumerate(contacts):
                if not isinstance(contact, dict) or not isinstance(contact.get("name"), str):
                    problems.append(f"maintenance.contacts[{index}].name: missing (mandatory)")
    return problems


def _check_localisation(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return ["localisation: missing (mandatory)"]
    problems = []
    if not isinstance(value.get("localisationReady"), bool):
        problems.append("localisation.localisationReady: must be true or false")
    languages = value.get("availableLanguages")
    if not isinstance(languages, list) or not languages:
        problems.append("localisation.availableLanguages: mandatory, with at least one language")
    else:
        problems += [
            f"localisation.availableLanguages: {lang!r} is not a BCP 47 language tag"
            for lang in languages
            if not isinstance(lang, str) or not _BCP47.match(lang)
        ]
    return problems
