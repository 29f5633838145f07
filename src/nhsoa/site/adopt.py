"""The "before you adopt" panel: what a trust's safety, IG and legal leads need to ask.

Each section is drawn from the entry: what the publisher has declared, and what the
adopting organisation still has to do itself (DCB0160, its own DPIA, the licence's
obligations). Missing information is said plainly, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nhsoa.registry.entry import ClinicalSafety, Entry

# status: "ok" (declared and reassuring), "check" (work for the adopter), "gap" (not declared)
OK, CHECK, GAP = "ok", "check", "gap"


@dataclass(frozen=True)
class Point:
    status: str
    heading: str
    declared: str  # what the entry says (plain text; escaped when rendered)
    todo: tuple[str, ...]  # questions or actions for the adopting organisation
    links: tuple[tuple[str, str], ...] = ()  # (label, url) from the entry


_PERMISSIVE = re.compile(r"^(MIT|MIT-0|BSD-[0-9]-Clause.*|ISC|Apache-2\.0|Zlib|BSL-1\.0|PSF-2\.0|Python-2\.0)$", re.I)
_PUBLIC_DOMAIN = re.compile(r"^(CC0-1\.0|Unlicense|0BSD|PDDL-1\.0)$", re.I)
_WEAK = re.compile(r"^(LGPL-.*|MPL-2\.0|EPL-.*|CDDL-.*|EUPL-.*)$", re.I)
_STRONG = re.compile(r"^GPL-.*$", re.I)
_NETWORK = re.compile(r"^AGPL-.*$", re.I)
_CONTENT_ATTRIBUTION = re.compile(r"^(OGL-UK-.*|CC-BY-[0-9.]+|ODC-By-.*)$", re.I)
_SHARE_ALIKE = re.compile(r"^(CC-BY-SA-.*|ODbL-.*)$", re.I)


def licence_ids(expression: str) -> list[str]:
    tokens = re.findall(r"[A-Za-z0-9.+:-]+", expression)
    return [t for t in tokens if t.upper() not in {"AND", "OR", "WITH"}]


def licence_family(licence_id: str) -> str:
    """permissive, public-domain, weak-copyleft, copyleft, network-copyleft, content, share-alike, none, other."""
    if licence_id.upper() == "NOASSERTION":
        return "none"
    for family, pattern in (
        ("public-domain", _PUBLIC_DOMAIN),
        ("permissive", _PERMISSIVE),
        ("weak-copyleft", _WEAK),
        ("network-copyleft", _NETWORK),
        ("copyleft", _STRONG),
        ("content", _CONTENT_ATTRIBUTION),
        ("share-alike", _SHARE_ALIKE),
    ):
        if pattern.match(licence_id):
            return family
    return "other"


_OBLIGATIONS = {
    "public-domain": "No conditions: use, change and share freely.",
    "permissive": "Keep the copyright and licence notice in copies you share; otherwise use, change and share "
    "freely, including inside closed systems.",
    "weak-copyleft": "Changes to the tool's own files must be shared under the same licence when you distribute "
    "them; your code that only uses the tool need not be.",
    "copyleft": "If you distribute the tool or software built on it (including to another organisation), you "
    "must share the complete source under the GPL. Internal use without distribution has no such duty.",
    "network-copyleft": "As the GPL, and offering it to users over a network (a web app or API, even inside the "
    "NHS) counts as distribution: modified source must be offered to those users.",
    "content": "Attribute the source when you reuse the content (e.g. 'Contains public sector information "
    "licensed under the Open Government Licence v3.0').",
    "share-alike": "Attribute the source and share adaptations under the same licence.",
    "none": "No licence is declared: by default nobody else may copy, change or share the code. Ask the "
    "owner to add a licence before adopting.",
    "other": "Read the licence text and check its conditions with your information governance or legal team.",
}


def licence_point(entry: Entry) -> Point:
    expression = str(entry.get("licence", "NOASSERTION"))
    families = {licence_family(i) for i in licence_ids(expression)} or {"none"}
    todo = tuple(_OBLIGATIONS[f] for f in sorted(families))
    if " OR " in expression.upper():
        todo = ("The licence is a choice: pick one of the options and record which.", *todo)
    docs = entry.get("docs_licence")
    declared = f"Code: {expression}" + (f"; documentation: {docs}" if docs else "")
    status = GAP if "none" in families else CHECK if families & {"copyleft", "network-copyleft", "other"} else OK
    return Point(status, "Licence obligations", declared, todo)


_SAFETY_TODO_YES = (
    "Name your clinical safety officer and run DCB0160 clinical risk management for this deployment.",
    "Review the manufacturer's hazard log and add the hazards of your own setting and workflow.",
    "Write and sign off a deployment safety case before clinical use; keep it under review.",
)
_SAFETY_TODO_NO = (
    "Ask your clinical safety officer to confirm the tool stays outside direct care as you intend to use it.",
    "If you will use its output to inform an individual patient's care, DCB0160 applies to your deployment.",
)
_SAFETY_TODO_UNKNOWN = (
    "Ask the owner whether DCB0129 applies, and see the safety case if it does.",
    "Your clinical safety officer decides whether your deployment needs DCB0160 risk management.",
)


def safety_point(entry: Entry) -> Point:
    todo: tuple[str, ...]
    safety: ClinicalSafety = entry.get("clinical_safety") or {"applicable": "unknown"}
    applicable = safety["applicable"]
    documents = (("safety_case", "Safety case"), ("hazard_log", "Hazard log"))
    links = tuple((label, str(safety.get(key))) for key, label in documents if key in safety)
    parts = []
    if applicable == "yes":
        parts.append("The publisher says DCB0129 applies (the tool can affect patient care).")
        if safety.get("dcb0129"):
            parts.append(f"DCB0129 status: {safety['dcb0129']}.")
        parts.append(f"A clinical safety officer is {'named' if safety.get('cso_named') else 'not named'}.")
        status, todo = CHECK, _SAFETY_TODO_YES
    elif applicable == "no":
        parts.append("The publisher says DCB0129 does not apply.")
        status, todo = OK, _SAFETY_TODO_NO
    else:
        parts.append("The publisher has not said whether DCB0129 applies.")
        status, todo = GAP, _SAFETY_TODO_UNKNOWN
    if safety.get("rationale"):
        parts.append(f"Reason given: {safety['rationale']}")
    device = entry["medical_device"]["status"] if "medical_device" in entry else None
    if device and device not in ("not-a-device", "unknown"):
        parts.append(f"Medical device: {device.replace('class-', 'class ').upper().replace('CLASS', 'class')}.")
        todo = (*todo, "Check its UKCA/CE marking and registration with the MHRA before use.")
    elif device == "not-a-device":
        parts.append("The publisher says it is not a medical device.")
    return Point(status, "Clinical safety (DCB0129 / DCB0160)", " ".join(parts), todo, links)


_DATA_TODO = {
    "identifiable": (
        "A DPIA is needed before use: what personal data flows where, on what lawful basis (UK GDPR articles 6 "
        "and 9), and who can see it.",
        "Check where it runs and stores data (on premises, cloud region) and agree retention and deletion.",
        "Confirm the national data opt-out and the common law duty of confidentiality are handled.",
    ),
    "pseudonymised": (
        "Screen for a DPIA: pseudonymised data is still personal data under UK GDPR.",
        "Check who holds the re-identification key and that outputs are aggregated or suppressed before release.",
    ),
    "aggregate": ("Check small-number suppression in outputs you publish (disclosure control).",),
    "open": ("Check the data's own licence and attribution conditions.",),
    "synthetic": ("Make sure real patient data is never substituted for the synthetic data without a DPIA.",),
    "none": (),
}


def data_point(entry: Entry) -> Point:
    if "information_governance" not in entry:
        return Point(
            GAP,
            "Data protection (DPIA)",
            "The publisher has not said what data the tool handles.",
            ("Ask what data it needs, and screen for a DPIA with your IG lead before use.",),
        )
    ig = entry["information_governance"]
    level = ig["data_level"]
    parts = [f"Most sensitive data it handles: {level}."]
    if ig.get("dpia"):
        parts.append(f"Publisher's DPIA position: {ig['dpia']}.")
    if ig.get("notes"):
        parts.append(str(ig["notes"]))
    status = CHECK if level in ("identifiable", "pseudonymised") else OK
    return Point(status, "Data protection (DPIA)", " ".join(parts), _DATA_TODO.get(level, ()))


def dependencies_point(entry: Entry) -> Point:
    sources = entry["information_governance"].get("data_sources", []) if "information_governance" in entry else []
    install = entry.get("install") or {}
    parts = []
    if sources:
        parts.append("Data it depends on: " + "; ".join(sources) + ".")
    if install:
        parts.append("Published as " + ", ".join(f"{index}: {name}" for index, name in sorted(install.items())) + ".")
    else:
        parts.append("Not published to a package index: it is installed from its repository.")
    todo = ["Check you have access to each data source, and the terms it is provided under."] if sources else []
    if not install:
        todo.append("Pin the exact commit you install and review changes before updating.")
    status = CHECK if todo else OK
    return Point(status, "Data and software dependencies", " ".join(parts), tuple(todo))


def upkeep_point(entry: Entry) -> Point:
    phase = entry.get("phase", "")
    parts = [f"Phase: {phase}."]
    if entry.get("last_commit"):
        parts.append(f"Newest commit seen: {entry['last_commit']}.")
    if entry.get("last_verified"):
        parts.append(f"Entry last verified: {entry['last_verified']}.")
    todo: list[str] = []
    if phase == "retired":
        todo.append("Retired: do not start a new deployment; see its successor or reason below.")
    elif phase in ("discovery", "alpha"):
        todo.append("Early phase: expect changes, and agree support with the owner before relying on it.")
    if not entry.get("maintainers") or not entry.get("contact"):
        todo.append("No maintainer or contact is listed: plan to support it yourselves.")
    status = GAP if phase == "retired" else CHECK if todo else OK
    return Point(status, "Support and upkeep", " ".join(parts), tuple(todo))


def points(entry: Entry) -> list[Point]:
    return [check(entry) for check in (safety_point, data_point, licence_point, dependencies_point, upkeep_point)]
