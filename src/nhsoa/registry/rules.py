"""The rules table: every check beyond parsing has a stable id, a severity, a reason and a fix.

The rules reference page and ``nhsoa rules`` are generated from this table; the checks
that apply the rules live in :mod:`nhsoa.registry.checks` and :mod:`nhsoa.registry.cross_checks`.
Ids are stable: a retired rule's id is never reused.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nhsoa.errors import YamlProblem


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` of a list of findings gives the worst."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@dataclass(frozen=True)
class Rule:
    """A check with a stable id. Checks name the rule object itself, so an unknown rule fails at import."""

    id: str
    name: str
    severity: Severity
    rationale: str
    fix: str
    skippable: bool = True


# Reading the file. These stop the other checks, so they cannot be skipped.
YAML_SYNTAX = Rule(
    "OA001",
    "yaml-syntax",
    E,
    "An entry must be valid YAML to be read at all.",
    "fix the YAML syntax at the line shown",
    False,
)
DUPLICATE_KEY = Rule(
    "OA002",
    "duplicate-key",
    E,
    "With a key given twice, one value is silently lost.",
    "keep one of the two keys",
    False,
)
TEXT_ENCODING = Rule(
    "OA003",
    "text-encoding",
    E,
    "Entries are UTF-8 text; binary or mis-encoded files cannot be reviewed.",
    "save the file as UTF-8 text",
    False,
)
FILE_SIZE = Rule(
    "OA004",
    "file-size",
    E,
    "Entries are short; a file over 256 KiB is a mistake or an attack.",
    "shorten the file; long documentation belongs on the tool's own site",
    False,
)
YAML_ALIASES = Rule(
    "OA005",
    "yaml-aliases",
    E,
    "Anchors and aliases that expand without limit (a 'billion laughs') exhaust memory.",
    "write values out instead of using anchors and aliases",
    False,
)
ENTRY_SHAPE = Rule(
    "OA006",
    "entry-shape",
    E,
    "An entry is one YAML mapping of fields.",
    "make the file a single mapping of `field: value` lines",
    False,
)
# Structure.
SCHEMA = Rule(
    "OA010",
    "schema",
    E,
    "Every entry follows the product metadata schema, so every tool is described alike.",
    "see the schema (`nhsoa schema`) for the field",
    False,
)
ID_MATCHES_FILE = Rule(
    "OA011",
    "id-matches-file",
    E,
    "The id is the file name, so links and pull requests name the same thing.",
    "rename the file to <id>.yaml or change the id",
)
DUPLICATE_ID = Rule(
    "OA012",
    "duplicate-id",
    E,
    "Two entries with one id would overwrite each other in the catalogue.",
    "choose a different id for one of the entries",
    False,
)
DUPLICATE_REPOSITORY = Rule(
    "OA013",
    "duplicate-repository",
    E,
    "One repository is one tool: a second entry splits its adopters and reviews.",
    "merge the two entries, or record the old address in `repository_aliases` of one",
)
SIMILAR_NAME = Rule(
    "OA014",
    "similar-name",
    H,
    "Tools with near-identical names confuse people choosing between them.",
    "check the tools are different and say how in the summaries",
)
# Licences.
LICENCE_SPDX = Rule(
    "OA020",
    "licence-spdx",
    E,
    "Only a valid SPDX expression tells adopters unambiguously what they may do.",
    "use an SPDX expression such as `MIT` or `Apache-2.0 OR MIT` (https://spdx.org/licenses/)",
)
LICENCE_APPROVED = Rule(
    "OA021",
    "licence-approved",
    W,
    "The registry lists open source: OSI-approved code licences, or accepted content licences "
    "such as OGL-UK-3.0 and CC0-1.0.",
    "choose an OSI-approved licence (MIT, Apache-2.0, GPL-3.0-or-later) or explain in skip_checks",
)
LICENCE_DECLARED = Rule(
    "OA022",
    "licence-declared",
    W,
    "Code without a declared licence cannot safely be reused by anyone else.",
    "ask the maintainers to add a LICENSE file, then record it here",
)
LICENCE_CURRENT_ID = Rule(
    "OA023",
    "licence-current-id",
    W,
    "Deprecated SPDX ids such as `GPL-3.0` are ambiguous about 'or later'.",
    "use the current SPDX id (see https://spdx.org/licenses/)",
)
# Organisations.
ODS_CODE_FORMAT = Rule(
    "OA030",
    "ods-code-format",
    E,
    "Organisations are identified by their Organisation Data Service (ODS) code.",
    "use the organisation's ODS code in capitals, e.g. `RGT` or `X24` (https://odsportal.digital.nhs.uk)",
)
ODS_CODE_KNOWN = Rule(
    "OA031",
    "ods-code-known",
    W,
    "An ODS code that is not in registry/organisations.yaml may be mistyped or retired.",
    "check the code on the ODS portal, then add the organisation to registry/organisations.yaml",
)
# What the site publishes.
HTTPS_URL = Rule(
    "OA040",
    "https-url",
    E,
    "The site links only to https addresses; javascript:, data: and file: links are attacks.",
    "use the https:// address",
)
KNOWN_TOPIC = Rule(
    "OA041",
    "known-topic",
    E,
    "Topics come from one controlled list so the topic facet stays useful.",
    "use a topic from registry/taxonomy.yaml (`nhsoa list --topics`) or propose a new one there",
)
NO_HTML = Rule(
    "OA042",
    "no-html",
    E,
    "Text is published on the site: raw HTML could run scripts or break pages, and invisible "
    "control characters can disguise what text says.",
    "write plain text, or Markdown in `description`, without HTML tags or control characters",
)
CONTACT_FORM = Rule(
    "OA043",
    "contact-form",
    E,
    "Adopters need a working route to the maintainers.",
    "give an https address (such as the issue tracker) or an email address",
)
# Lifecycle and governance.
SUCCESSOR_EXISTS = Rule(
    "OA050",
    "successor-exists",
    E,
    "A superseded tool must point at a successor people can find.",
    "use the id of an existing entry in `superseded_by`",
)
RETIRED_EXPLAINED = Rule(
    "OA051",
    "retired-explained",
    E,
    "Archive, don't delete: a retired tool says what replaced it or why it stopped.",
    "add `superseded_by: <id>` or `retired_reason: <why>`",
)
LIVE_MAINTAINED = Rule(
    "OA052",
    "live-maintained",
    E,
    "A live tool has people behind it and a way to reach them.",
    "add `maintainers` and `contact`, or set `phase` to beta or retired",
)
CLINICAL_SAFETY_EVIDENCE = Rule(
    "OA053",
    "clinical-safety-evidence",
    E,
    "A tool that needs DCB0129 must publish its safety case and hazard log.",
    "add `clinical_safety.safety_case` and `clinical_safety.hazard_log` links",
)
PHASE_EVIDENCE = Rule(
    "OA054",
    "phase-evidence",
    W,
    "A phase its own recorded evidence contradicts (an archived repository, an ended or experimental badge, a "
    "notice that it is unmaintained) misleads trusts about a tool's maturity.",
    "set `phase` to what the evidence shows (retired when it has ended; beta or alpha while experimental), "
    "or re-verify with `nhsoa registry sync <id>` if the evidence is out of date",
)
LICENCE_EVIDENCE = Rule(
    "OA055",
    "licence-evidence",
    E,
    "The licence a trust reads is the one the entry's own recorded evidence shows: a licence that "
    "contradicts it cannot both be true.",
    "set `licence` to what `verification.licence` shows, or re-verify with `nhsoa registry sync <id>` "
    "if the evidence is out of date",
)
# Adoption and freshness.
DUPLICATE_ADOPTER = Rule(
    "OA061", "duplicate-adopter", E, "Each adopting organisation is counted once.", "merge the two adopter records"
)
ADOPTER_CONFIRMED = Rule(
    "OA062",
    "adopter-confirmed",
    W,
    "Adoption claims go stale; a confirmation older than 24 months may no longer hold.",
    "ask the organisation to re-confirm (`nhsoa adopt <id> --ods <code>`)",
)
RECENTLY_VERIFIED = Rule(
    "OA070",
    "recently-verified",
    H,
    "An entry not checked for a year may describe a tool that has moved on.",
    "check the entry against its repository and update `last_verified`",
)
DATE_NOT_FUTURE = Rule("OA071", "date-not-future", E, "Dates record what has happened.", "use today's date or earlier")
SKIP_KNOWN_RULE = Rule(
    "OA080",
    "skip-known-rule",
    E,
    "A skip must name a rule that exists and may be skipped.",
    "use a skippable rule id from `nhsoa rules`",
)
# Review of a change to the registry (``nhsoa review``): old and new versions compared.
ENTRY_DELETED = Rule(
    "OA101",
    "entry-deleted",
    E,
    "Archive, don't delete: other entries, pages and adopters link to an entry after its tool stops.",
    "restore the file and set `phase: retired` with `superseded_by: <id>` or `retired_reason: <why>`",
    False,
)
REPOSITORY_MOVED = Rule(
    "OA102",
    "repository-moved",
    E,
    "A moved repository keeps its old address in `repository_aliases`, so duplicates are still found.",
    "add the old address to `repository_aliases`",
)
LICENCE_CHANGED = Rule(
    "OA103",
    "licence-changed",
    W,
    "A licence change affects every adopter and must match the repository's own licence.",
    "link the repository's LICENSE change in the pull request so a maintainer can confirm it",
)
OWNER_CHANGED = Rule(
    "OA104",
    "owner-changed",
    W,
    "A tool changes hands only when the old and the new owner agree.",
    "link the agreement of both organisations in the pull request",
)
ADOPTERS_CHANGED = Rule(
    "OA105",
    "adopters-changed",
    H,
    "Adoption is evidence other trusts rely on; each added or removed adopter is checked.",
    "give evidence for each new adopter (`nhsoa adopt <id> --ods <code> --evidence <url>`), say why one left",
)
SIMILAR_ENTRY = Rule(
    "OA106",
    "similar-entry",
    W,
    "A new entry that resembles an existing one may duplicate or overlap it.",
    "say how the tools differ in the summary, or add to the existing entry instead",
)
ENTRY_RENAMED = Rule(
    "OA107",
    "entry-renamed",
    W,
    "Renaming an entry changes its id, which breaks links and adopters' references.",
    "keep the old file name, or retire the old entry with `superseded_by` pointing at the new one",
)
REGULAR_FILE = Rule(
    "OA108",
    "regular-file",
    E,
    "Entries are plain files; a symbolic link or submodule could point anywhere.",
    "replace it with a regular YAML file",
    False,
)
REFERENCE_LIST_CHANGED = Rule(
    "OA109",
    "reference-list-changed",
    H,
    "The topic list and the organisations list shape every entry's checks.",
    "check the change against its source (ODS for organisations) and keep the files' order",
)

#: The rule each reason a YAML file cannot be loaded breaks.
PARSE_RULES: dict[YamlProblem, Rule] = {
    YamlProblem.SYNTAX: YAML_SYNTAX,
    YamlProblem.DUPLICATE_KEY: DUPLICATE_KEY,
    YamlProblem.ENCODING: TEXT_ENCODING,
    YamlProblem.TOO_LARGE: FILE_SIZE,
    YamlProblem.ALIASES: YAML_ALIASES,
}

#: Every rule, in the order the rules reference lists them.
RULES: tuple[Rule, ...] = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    TEXT_ENCODING,
    FILE_SIZE,
    YAML_ALIASES,
    ENTRY_SHAPE,
    SCHEMA,
    ID_MATCHES_FILE,
    DUPLICATE_ID,
    DUPLICATE_REPOSITORY,
    SIMILAR_NAME,
    LICENCE_SPDX,
    LICENCE_APPROVED,
    LICENCE_DECLARED,
    LICENCE_CURRENT_ID,
    ODS_CODE_FORMAT,
    ODS_CODE_KNOWN,
    HTTPS_URL,
    KNOWN_TOPIC,
    NO_HTML,
    CONTACT_FORM,
    SUCCESSOR_EXISTS,
    RETIRED_EXPLAINED,
    LIVE_MAINTAINED,
    CLINICAL_SAFETY_EVIDENCE,
    PHASE_EVIDENCE,
    LICENCE_EVIDENCE,
    DUPLICATE_ADOPTER,
    ADOPTER_CONFIRMED,
    RECENTLY_VERIFIED,
    DATE_NOT_FUTURE,
    SKIP_KNOWN_RULE,
    ENTRY_DELETED,
    REPOSITORY_MOVED,
    LICENCE_CHANGED,
    OWNER_CHANGED,
    ADOPTERS_CHANGED,
    SIMILAR_ENTRY,
    ENTRY_RENAMED,
    REGULAR_FILE,
    REFERENCE_LIST_CHANGED,
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


MIN_SKIP_REASON = 10


def skipped(entry: Mapping[str, Any]) -> frozenset[Rule]:
    """The rules an entry skips under ``skip_checks``: known, skippable, and with a written reason.

    A skip that fails those tests skips nothing (check_skips reports it)."""
    skips = entry.get("skip_checks")
    if not isinstance(skips, list):
        return frozenset()
    return frozenset(
        BY_ID[str(skip["rule"])]
        for skip in skips
        if isinstance(skip, dict)
        and isinstance(skip.get("reason"), str)
        and len(skip["reason"].strip()) >= MIN_SKIP_REASON
        and str(skip.get("rule")) in BY_ID
        and BY_ID[str(skip["rule"])].skippable
    )


def _cell(text: str) -> str:
    """A table cell: "|" would end it, and outside `code` "<id>" would be read as an HTML tag."""
    parts = text.replace("|", "\\|").split("`")
    return "`".join(part if index % 2 else part.replace("<", "&lt;") for index, part in enumerate(parts))


def markdown_table() -> str:
    """The rules reference as a Markdown table (``nhsoa rules --format markdown`` and the site's rules page)."""
    rows = ["| Rule | Name | Severity | Why | How to fix | Skippable |", "|---|---|---|---|---|---|"]
    for rule in RULES:
        cells = (
            rule.id,
            f"`{rule.name}`",
            str(rule.severity),
            rule.rationale,
            rule.fix,
            "yes" if rule.skippable else "no",
        )
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"
