"""Checks that need one entry and the reference lists (not the other entries).

Each check yields :class:`Problem`s; severity and the default fix come from the rules
table. Checks read the entry defensively: a value of the wrong type is the schema's
finding, not a crash here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa.registry import licences, phase_evidence, rules
from nhsoa.registry.addresses import contact_problem, url_problem
from nhsoa.registry.markdown import scan_markdown, scan_plain
from nhsoa.registry.rules import BY_ID, Rule
from nhsoa.registry.schema import url_fields
from nhsoa.registry.store import Reference
from nhsoa.yamlio import FieldPath

ODS_CODE = re.compile(r"^[A-Z0-9]{3,7}$")
# Control characters (other than tab and newline) and bidirectional overrides can hide or
# reorder text when it is shown ("Trojan Source").
HIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PRODUCT_FILE = "product.yaml"
ADOPTER_STALE_MONTHS = 24
VERIFIED_STALE_MONTHS = 12


@dataclass(frozen=True)
class Problem:
    rule: Rule
    field: FieldPath
    message: str
    fix: str = ""


@dataclass(frozen=True)
class Context:
    path: Path
    reference: Reference
    today: date


Check = Callable[[dict[str, Any], Context], Iterator[Problem]]


def _text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _mapping(entry: dict[str, Any], key: str) -> dict[str, Any]:
    value = entry.get(key)
    return value if isinstance(value, dict) else {}


def _items(entry: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = entry.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def _strings(value: Any, field: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*field, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*field, index))


def _values_at(value: Any, pattern: tuple[str, ...], field: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Values at a schema path where ``*`` stands for every item of a list."""
    if not pattern:
        yield field, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values_at(item, rest, (*field, index))
    elif isinstance(value, dict) and head in value:
        yield from _values_at(value[head], rest, (*field, head))


def check_id_matches_file(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    entry_id = _text(entry, "id")
    if entry_id is None or ctx.path.name == PRODUCT_FILE:
        return
    if ctx.path.stem != entry_id:
        yield Problem(rules.ID_MATCHES_FILE, ("id",), f"{entry_id!r} does not match the file name {ctx.path.name!r}")


def check_licences(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for key in ("licence", "docs_licence"):
        expression = _text(entry, key)
        if expression is None:
            continue
        if expression.strip() == licences.NOASSERTION:
            if key == "licence":
                yield Problem(rules.LICENCE_DECLARED, (key,), "no licence is declared (NOASSERTION)")
            continue
        result = licences.check(expression)
        if result.error:
            yield Problem(rules.LICENCE_SPDX, (key,), f"{expression!r} is not a valid SPDX expression: {result.error}")
            continue
        for deprecated in result.deprecated:
            yield Problem(
                rules.LICENCE_CURRENT_ID, (key,), f"{deprecated!r} is a deprecated SPDX id", _current_ids(deprecated)
            )
        if not result.approved:
            yield Problem(
                rules.LICENCE_APPROVED,
                (key,),
                f"{expression!r} is neither OSI-approved nor an accepted content licence",
            )


def _current_ids(deprecated: str) -> str:
    if deprecated.endswith("+"):
        return f"use `{deprecated[:-1]}-or-later`"
    if deprecated.startswith(("GPL", "LGPL", "AGPL")):
        return f"use `{deprecated}-only` or `{deprecated}-or-later`, whichever the project's licence notice says"
    return ""  # the rule's general fix


def check_ods_codes(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    places: list[tuple[FieldPath, Any]] = [(("owner", "ods_code"), _mapping(entry, "owner").get("ods_code"))]
    places += [(("adopters", i, "ods_code"), adopter.get("ods_code")) for i, adopter in _items(entry, "adopters")]
    for field, code in places:
        if not isinstance(code, str):
            continue
        if not ODS_CODE.match(code):
            yield Problem(
                rules.ODS_CODE_FORMAT, field, f"{code!r} is not an ODS code (3 to 7 capital letters and digits)"
            )
        elif code not in ctx.reference.organisations:
            yield Problem(rules.ODS_CODE_KNOWN, field, f"ODS code {code!r} is not in registry/organisations.yaml")


def check_urls(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for pattern in url_fields():
        for field, value in _values_at(entry, pattern):
            if isinstance(value, str) and (problem := url_problem(value)):
                yield Problem(rules.HTTPS_URL, field, problem)
    description = _text(entry, "description")
    if description:
        for target in scan_markdown(description).links:
            if target.startswith(("#", "/")) or ":" not in target.split("/", 1)[0]:
                continue  # a relative link stays on the site
            if target.lower().startswith("mailto:"):
                continue
            if problem := url_problem(target):
                yield Problem(rules.HTTPS_URL, ("description",), f"a link in the description: {problem}")


def check_html(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for field, value in _strings(entry):
        # `description` is Markdown; every other text is plain (shown escaped, never rendered).
        found = scan_markdown(value) if field == ("description",) else scan_plain(value)
        if found.html:
            yield Problem(rules.NO_HTML, field, f"contains HTML ({found.html[0][:40]!r})")
        if match := HIDDEN_CHARACTER.search(value):
            yield Problem(rules.NO_HTML, field, f"contains the invisible control character U+{ord(match.group(0)):04X}")


def check_contact(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    contact = _text(entry, "contact")
    if contact is not None and (problem := contact_problem(contact)):
        yield Problem(rules.CONTACT_FORM, ("contact",), problem)


def check_topics(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    topics = entry.get("topics")
    if not isinstance(topics, list):
        return
    for index, topic in enumerate(topics):
        if isinstance(topic, str) and topic not in ctx.reference.topics:
            yield Problem(rules.KNOWN_TOPIC, ("topics", index), f"topic {topic!r} is not in registry/taxonomy.yaml")


def check_lifecycle(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    phase = _text(entry, "phase")
    if phase == "retired" and not (entry.get("superseded_by") or entry.get("retired_reason")):
        yield Problem(
            rules.RETIRED_EXPLAINED, ("phase",), "a retired entry names neither `superseded_by` nor `retired_reason`"
        )
    if phase == "live":
        missing = [key for key in ("maintainers", "contact") if not entry.get(key)]
        if missing:
            yield Problem(rules.LIVE_MAINTAINED, ("phase",), f"a live entry needs {' and '.join(missing)}")
    if entry.get("superseded_by") is not None and entry.get("superseded_by") == entry.get("id"):
        yield Problem(rules.SUCCESSOR_EXISTS, ("superseded_by",), "an entry cannot supersede itself")


def check_clinical_safety(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    safety = _mapping(entry, "clinical_safety")
    if safety.get("applicable") != "yes":
        return
    missing = [key for key in ("safety_case", "hazard_log") if not safety.get(key)]
    if missing:
        yield Problem(
            rules.CLINICAL_SAFETY_EVIDENCE,
            ("clinical_safety", "applicable"),
            f"clinical safety applies but there is no {' or '.join(missing)} link",
        )


def check_licence_evidence(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    verification = entry.get("verification")
    evidence = verification.get("licence") if isinstance(verification, dict) else None
    if not isinstance(evidence, dict):
        return
    licence, shown, source = _text(entry, "licence"), evidence.get("expression"), evidence.get("source")
    if licence is None or not isinstance(shown, str):
        return
    if (licences.check(licence).normalised or licence) != (licences.check(shown).normalised or shown):
        seen = f" ({source})" if isinstance(source, str) else ""
        message = f"{licence!r}, but the recorded evidence shows {shown!r}{seen}"
        yield Problem(rules.LICENCE_EVIDENCE, ("licence",), message)


def check_phase_evidence(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for message in phase_evidence.contradictions(entry.get("phase"), entry.get("verification")):
        yield Problem(rules.PHASE_EVIDENCE, ("phase",), message)


def check_adopters(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, adopter in _items(entry, "adopters"):
        code = adopter.get("ods_code")
        if isinstance(code, str):
            if code in seen:
                yield Problem(
                    rules.DUPLICATE_ADOPTER,
                    ("adopters", index, "ods_code"),
                    f"{code} is already listed as adopters[{seen[code]}]",
                )
            seen.setdefault(code, index)
        confirmed = _date(adopter.get("confirmed"))
        if confirmed and _months_between(confirmed, ctx.today) >= ADOPTER_STALE_MONTHS:
            yield Problem(
                rules.ADOPTER_CONFIRMED,
                ("adopters", index, "confirmed"),
                f"adoption by {code} was last confirmed on {confirmed}, over {ADOPTER_STALE_MONTHS} months ago",
            )


def check_dates(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for field, value in _date_fields(entry):
        when = _date(value)
        if when and when > ctx.today:
            yield Problem(rules.DATE_NOT_FUTURE, field, f"{when} is in the future")
    verified = _date(entry.get("last_verified"))
    if verified and _months_between(verified, ctx.today) >= VERIFIED_STALE_MONTHS:
        yield Problem(rules.RECENTLY_VERIFIED, ("last_verified",), f"last verified on {verified}, over a year ago")


def _date_fields(entry: dict[str, Any]) -> Iterator[tuple[FieldPath, Any]]:
    for key in ("added", "last_verified", "last_commit"):
        yield (key,), entry.get(key)
    yield ("rap", "assessed"), _mapping(entry, "rap").get("assessed")
    for index, adopter in _items(entry, "adopters"):
        for key in ("since", "confirmed"):
            yield ("adopters", index, key), adopter.get(key)
    for index, evidence in _items(entry, "evidence"):
        yield ("evidence", index, "date"), evidence.get("date")


def check_skips(entry: dict[str, Any], ctx: Context) -> Iterator[Problem]:
    for index, skip in _items(entry, "skip_checks"):
        rule = BY_ID.get(str(skip.get("rule")))
        if rule is None:
            yield Problem(
                rules.SKIP_KNOWN_RULE, ("skip_checks", index, "rule"), f"there is no rule {skip.get('rule')!r}"
            )
        elif not rule.skippable:
            yield Problem(
                rules.SKIP_KNOWN_RULE, ("skip_checks", index, "rule"), f"{rule.id} ({rule.name}) cannot be skipped"
            )


CHECKS: tuple[Check, ...] = (
    check_id_matches_file,
    check_licences,
    check_ods_codes,
    check_urls,
    check_html,
    check_contact,
    check_topics,
    check_lifecycle,
    check_clinical_safety,
    check_phase_evidence,
    check_licence_evidence,
    check_adopters,
    check_dates,
    check_skips,
)


def check_entry(entry: dict[str, Any], ctx: Context) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(entry, ctx)]
