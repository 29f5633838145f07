"""The rules table: every check beyond parsing has a stable id, a severity, a reason and a fix.

The rules reference page and ``nhsoa rules`` are generated from this table; the checks
that apply the rules live in :mod:`nhsoa.registry.checks` and :mod:`nhsoa.registry.cross_checks`.
Ids are stable: a retired rule's id is never reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from nhsoa.registry.findings import Severity

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    rationale: str
    fix: str
    skippable: bool = True


RULES: tuple[Rule, ...] = (
    # Reading the file. These stop the other checks, so they cannot be skipped.
    Rule(
        "OA001",
        "yaml-syntax",
        E,
        "An entry must be valid YAML to be read at all.",
        "fix the YAML syntax at the line shown",
        False,
    ),
    Rule(
        "OA002",
        "duplicate-key",
        E,
        "With a key given twice, one value is silently lost.",
        "keep one of the two keys",
        False,
    ),
    Rule(
        "OA003",
        "text-encoding",
        E,
        "Entries are UTF-8 text; binary or mis-encoded files cannot be reviewed.",
        "save the file as UTF-8 text",
        False,
    ),
    Rule(
        "OA004",
        "file-size",
        E,
        "Entries are short; a file over 256 KiB is a mistake or an attack.",
        "shorten the file; long documentation belongs on the tool's own site",
        False,
    ),
    Rule(
        "OA005",
        "yaml-aliases",
        E,
        "Anchors and aliases that expand without limit (a 'billion laughs') exhaust memory.",
        "write values out instead of using anchors and aliases",
        False,
    ),
    Rule(
        "OA006",
        "entry-shape",
        E,
        "An entry is one YAML mapping of fields.",
        "make the file a single mapping of `field: value` lines",
        False,
    ),
    # Structure.
    Rule(
        "OA010",
        "schema",
        E,
        "Every entry follows the product metadata schema, so every tool is described alike.",
        "see the schema (`nhsoa schema`) for the field",
        False,
    ),
    Rule(
        "OA011",
        "id-matches-file",
        E,
        "The id is the file name, so links and pull requests name the same thing.",
        "rename the file to <id>.yaml or change the id",
    ),
    Rule(
        "OA012",
        "duplicate-id",
        E,
        "Two entries with one id would overwrite each other in the catalogue.",
        "choose a different id for one of the entries",
        False,
    ),
    Rule(
        "OA013",
        "duplicate-repository",
        E,
        "One repository is one tool: a second entry splits its adopters and reviews.",
        "merge the two entries, or record the old address in `repository_aliases` of one",
    ),
    Rule(
        "OA014",
        "similar-name",
        H,
        "Tools with near-identical names confuse people choosing between them.",
        "check the tools are different and say how in the summaries",
    ),
    # Licences.
    Rule(
        "OA020",
        "licence-spdx",
        E,
        "Only a valid SPDX expression tells adopters unambiguously what they may do.",
        "use an SPDX expression such as `MIT` or `Apache-2.0 OR MIT` (https://spdx.org/licenses/)",
    ),
    Rule(
        "OA021",
        "licence-approved",
        W,
        "The registry lists open source: OSI-approved code licences, or accepted content licences "
        "such as OGL-UK-3.0 and CC0-1.0.",
        "choose an OSI-approved licence (MIT, Apache-2.0, GPL-3.0-or-later) or explain in skip_checks",
    ),
    Rule(
        "OA022",
        "licence-declared",
        W,
        "Code without a declared licence cannot safely be reused by anyone else.",
        "ask the maintainers to add a LICENSE file, then record it here",
    ),
    Rule(
        "OA023",
        "licence-current-id",
        W,
        "Deprecated SPDX ids such as `GPL-3.0` are ambiguous about 'or later'.",
        "use the current SPDX id (see https://spdx.org/licenses/)",
    ),
    # Organisations.
    Rule(
        "OA030",
        "ods-code-format",
        E,
        "Organisations are identified by their Organisation Data Service (ODS) code.",
        "use the organisation's ODS code in capitals, e.g. `RGT` or `X24` (https://odsportal.digital.nhs.uk)",
    ),
    Rule(
        "OA031",
        "ods-code-known",
        W,
        "An ODS code that is not in registry/organisations.yaml may be mistyped or retired.",
        "check the code on the ODS portal, then add the organisation to registry/organisations.yaml",
    ),
    # What the site publishes.
    Rule(
        "OA040",
        "https-url",
        E,
        "The site links only to https addresses; javascript:, data: and file: links are attacks.",
        "use the https:// address",
    ),
    Rule(
        "OA041",
        "known-topic",
        E,
        "Topics come from one controlled list so the topic facet stays useful.",
        "use a topic from registry/taxonomy.yaml (`nhsoa list --topics`) or propose a new one there",
    ),
    Rule(
        "OA042",
        "no-html",
        E,
        "Text is published on the site: raw HTML could run scripts or break pages, and invisible "
        "control characters can disguise what text says.",
        "write plain text, or Markdown in `description`, without HTML tags or control characters",
    ),
    Rule(
        "OA043",
        "contact-form",
        E,
        "Adopters need a working route to the maintainers.",
        "give an https address (such as the issue tracker) or an email address",
    ),
    # Lifecycle and governance.
    Rule(
        "OA050",
        "successor-exists",
        E,
        "A superseded tool must point at a successor people can find.",
        "use the id of an existing entry in `superseded_by`",
    ),
    Rule(
        "OA051",
        "retired-explained",
        E,
        "Archive, don't delete: a retired tool says what replaced it or why it stopped.",
        "add `superseded_by: <id>` or `retired_reason: <why>`",
    ),
    Rule(
        "OA052",
        "live-maintained",
        E,
        "A live tool has people behind it and a way to reach them.",
        "add `maintainers` and `contact`, or set `phase` to beta or retired",
    ),
    Rule(
        "OA053",
        "clinical-safety-evidence",
        E,
        "A tool that needs DCB0129 must publish its safety case and hazard log.",
        "add `clinical_safety.safety_case` and `clinical_safety.hazard_log` links",
    ),
    # Adoption and freshness.
    Rule(
        "OA061", "duplicate-adopter", E, "Each adopting organisation is counted once.", "merge the two adopter records"
    ),
    Rule(
        "OA062",
        "adopter-confirmed",
        W,
        "Adoption claims go stale; a confirmation older than 24 months may no longer hold.",
        "ask the organisation to re-confirm (`nhsoa adopt <id> --ods <code>`)",
    ),
    Rule(
        "OA070",
        "recently-verified",
        H,
        "An entry not checked for a year may describe a tool that has moved on.",
        "check the entry against its repository and update `last_verified`",
    ),
    Rule("OA071", "date-not-future", E, "Dates record what has happened.", "use today's date or earlier"),
    Rule(
        "OA080",
        "skip-known-rule",
        E,
        "A skip must name a rule that exists and may be skipped.",
        "use a skippable rule id from `nhsoa rules`",
    ),
    # Review of a change to the registry (``nhsoa review``): old and new versions compared.
    Rule(
        "OA101",
        "entry-deleted",
        E,
        "Archive, don't delete: other entries, pages and adopters link to an entry after its tool stops.",
        "restore the file and set `phase: retired` with `superseded_by: <id>` or `retired_reason: <why>`",
        False,
    ),
    Rule(
        "OA102",
        "repository-moved",
        E,
        "A moved repository keeps its old address in `repository_aliases`, so duplicates are still found.",
        "add the old address to `repository_aliases`",
    ),
    Rule(
        "OA103",
        "licence-changed",
        W,
        "A licence change affects every adopter and must match the repository's own licence.",
        "link the repository's LICENSE change in the pull request so a maintainer can confirm it",
    ),
    Rule(
        "OA104",
        "owner-changed",
        W,
        "A tool changes hands only when the old and the new owner agree.",
        "link the agreement of both organisations in the pull request",
    ),
    Rule(
        "OA105",
        "adopters-changed",
        H,
        "Adoption is evidence other trusts rely on; each added or removed adopter is checked.",
        "give evidence for each new adopter (`nhsoa adopt <id> --ods <code> --evidence <url>`), say why one left",
    ),
    Rule(
        "OA106",
        "similar-entry",
        W,
        "A new entry that resembles an existing one may duplicate or overlap it.",
        "say how the tools differ in the summary, or add to the existing entry instead",
    ),
    Rule(
        "OA107",
        "entry-renamed",
        W,
        "Renaming an entry changes its id, which breaks links and adopters' references.",
        "keep the old file name, or retire the old entry with `superseded_by` pointing at the new one",
    ),
    Rule(
        "OA108",
        "regular-file",
        E,
        "Entries are plain files; a symbolic link or submodule could point anywhere.",
        "replace it with a regular YAML file",
        False,
    ),
    Rule(
        "OA109",
        "reference-list-changed",
        H,
        "The topic list and the organisations list shape every entry's checks.",
        "check the change against its source (ODS for organisations) and keep the files' order",
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


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
