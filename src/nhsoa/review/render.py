"""A review for people (text), for a pull-request comment (markdown), for programs (json), for GitHub (annotations)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from nhsoa.registry import report, rules
from nhsoa.registry.findings import Finding
from nhsoa.registry.rules import Severity
from nhsoa.review.pipeline import Review

FORMATS = ("text", "markdown", "json", "github")

# The maintainer's checklist: each automatic check is a group of rules; it is ticked when
# none of its rules found an error or a warning.
CHECKS: tuple[tuple[str, tuple[rules.Rule, ...]], ...] = (
    (
        "Files are readable YAML entries in the schema's shape",
        (
            rules.YAML_SYNTAX,
            rules.DUPLICATE_KEY,
            rules.TEXT_ENCODING,
            rules.FILE_SIZE,
            rules.YAML_ALIASES,
            rules.ENTRY_SHAPE,
            rules.SCHEMA,
            rules.REGULAR_FILE,
        ),
    ),
    (
        "Ids, names and repositories are unique",
        (
            rules.ID_MATCHES_FILE,
            rules.DUPLICATE_ID,
            rules.DUPLICATE_REPOSITORY,
            rules.SIMILAR_NAME,
            rules.SIMILAR_ENTRY,
        ),
    ),
    (
        "Licences are valid SPDX and open",
        (
            rules.LICENCE_SPDX,
            rules.LICENCE_APPROVED,
            rules.LICENCE_DECLARED,
            rules.LICENCE_CURRENT_ID,
            rules.LICENCE_CHANGED,
        ),
    ),
    (
        "Owners and adopters are known NHS organisations",
        (rules.ODS_CODE_FORMAT, rules.ODS_CODE_KNOWN, rules.OWNER_CHANGED),
    ),
    ("Links are https and text has no HTML", (rules.HTTPS_URL, rules.KNOWN_TOPIC, rules.NO_HTML, rules.CONTACT_FORM)),
    (
        "Archive, don't delete: retirements, successors, moves and renames",
        (
            rules.SUCCESSOR_EXISTS,
            rules.RETIRED_EXPLAINED,
            rules.LIVE_MAINTAINED,
            rules.CLINICAL_SAFETY_EVIDENCE,
            rules.ENTRY_DELETED,
            rules.REPOSITORY_MOVED,
            rules.ENTRY_RENAMED,
        ),
    ),
    (
        "Adoption claims and dates hold",
        (
            rules.DUPLICATE_ADOPTER,
            rules.ADOPTER_CONFIRMED,
            rules.RECENTLY_VERIFIED,
            rules.DATE_NOT_FUTURE,
            rules.ADOPTERS_CHANGED,
        ),
    ),
    ("Skipped checks name real rules, with reasons", (rules.SKIP_KNOWN_RULE,)),
    ("Reference lists (topics, organisations) are unchanged or checked", (rules.REFERENCE_LIST_CHANGED,)),
)
HUMAN_CHECKS = (
    ("Fit", "each tool is open analytics code, a template or guidance useful to NHS analysts in England"),
    ("Overlap", "any similar entry named above is a different tool, and the summary says how"),
    ("Description", "the summary says what the tool does and for whom; the description is accurate and plain"),
    ("Evidence", "links to evaluations, papers and safety documents work and say what the entry claims"),
    ("Ownership and adopters", "owner and adopter changes are confirmed by the organisations named"),
)


def _counts(findings: Sequence[Finding]) -> str:
    parts = []
    for severity in reversed(Severity):
        n = sum(1 for f in findings if f.severity is severity)
        parts.append(f"{n} {severity}{'' if n == 1 else 's'}")
    return ", ".join(parts)


def _heading(result: Review) -> str:
    counts: dict[str, int] = {}
    for entry in result.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    what = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no entries changed"
    return f"{result.base} ({result.base_commit[:7]}) ... {result.head} ({result.head_commit[:7]}): {what}"


def as_text(result: Review) -> str:
    lines = [f"review of {_heading(result)}"]
    for entry in result.entries:
        renamed = f" (from {entry.old_path})" if entry.old_path else ""
        fields = f": {', '.join(entry.fields)}" if entry.fields else ""
        lines.append(f"  {entry.status:<9} {entry.path}{renamed}{fields}")
    lines += [report.text_line(f) for f in result.findings]
    lines.append(f"{len(result.entries)} entr{'y' if len(result.entries) == 1 else 'ies'} reviewed: "
                 f"{_counts(result.findings)}")  # fmt: skip
    return "\n".join(lines) + "\n"


def as_json(result: Review) -> str:
    findings = json.loads(report.as_json(len(result.entries), result.findings))
    document = {
        "base": {"ref": result.base, "commit": result.base_commit},
        "head": {"ref": result.head, "commit": result.head_commit},
        "entries": [
            {"status": e.status, "path": e.path, "old_path": e.old_path, "id": e.id, "changed_fields": e.fields}
            for e in result.entries
        ],
        "other_files": [{"status": c.status, "path": c.path} for c in result.other_files],
        "counts": findings["counts"],
        "findings": findings["findings"],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_github(result: Review) -> str:
    return report.as_github(len(result.entries), result.findings)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: str) -> str:
    """Text from an entry made inert in Markdown: no HTML, links, mentions, tables or code spans."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("@", "&#64;")
    return " ".join(escaped.split())


def code(text: str) -> str:
    """A code span: shown literally by Markdown (backticks inside cannot close it early)."""
    return "`" + " ".join(text.replace("`", "'").replace("|", "\\|").split()) + "`"


_CODE_SPAN = re.compile(r"(`[^`]*`)")


def trusted(text: str) -> str:
    """nhsoa's own words (rule names and fixes): HTML is neutralised outside `code` spans, which
    Markdown already shows literally (an entity inside one would be shown as typed)."""
    parts = _CODE_SPAN.split(text)
    return "".join(
        part if part.startswith("`") else part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for part in parts
    )


def as_markdown(result: Review) -> str:
    out = ["## Registry review", "", f"Compared {md(_heading(result))}.", ""]
    out += ["### Automatic checks", ""]
    for title, group in CHECKS:
        found = [f for f in result.findings if f.rule in group and f.severity >= Severity.WARNING]
        tick = " " if found else "x"
        suffix = f" ({_counts(found).replace(', 0 hints', '')})" if found else ""
        out.append(f"- [{tick}] {title}{suffix}")
    out.append("")
    if result.entries or result.other_files:
        out += ["### Changes", "", "| Entry | Change | Fields changed |", "|---|---|---|"]
        for entry in result.entries:
            renamed = f" from {code(entry.old_path)}" if entry.old_path else ""
            fields = ", ".join(code(f) for f in entry.fields) or " "
            out.append(f"| {code(entry.path)} | {entry.status}{renamed} | {fields} |")
        for change in result.other_files:
            out.append(f"| {code(change.path)} | {change.status} (not an entry) | |")
        out.append("")
    if result.findings:
        out += ["### Findings", ""]
        for finding in result.findings:
            rule = finding.rule
            where = f"{finding.path.as_posix()}:{finding.line or 1}"
            field = f"{code(finding.field_name)}: " if finding.field_name else ""
            out.append(
                f"- **{finding.severity}** {rule.id} `{rule.name}` at {code(where)}: {field}{md(finding.message)}"
                f" (fix: {trusted(finding.fix)})"
            )
        out.append("")
    out += ["### For the reviewer", ""]
    out += [f"- [ ] **{name}**: {text}" for name, text in HUMAN_CHECKS]
    out += [
        "",
        f"Result: {_counts(result.findings)}. Each rule is explained by `nhsoa rules` and in CONTRIBUTING.md.",
        "",
    ]
    return "\n".join(out)


RENDERERS = {"text": as_text, "markdown": as_markdown, "json": as_json, "github": as_github}
