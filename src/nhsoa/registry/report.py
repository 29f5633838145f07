"""Findings rendered for people (text), programs (json) and GitHub Actions (annotations)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from nhsoa.registry.findings import Finding
from nhsoa.registry.rules import Severity

FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def shown_path(path: Path) -> str:
    """The path relative to the working folder when it is inside it (shorter, clickable)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def text_line(finding: Finding) -> str:
    """``path:line: OA012 error: field: message (fix: hint)``"""
    where = f"{shown_path(finding.path)}:{finding.line or 1}"
    field = f"{finding.field_name}: " if finding.field_name else ""
    fix = f" (fix: {finding.fix})" if finding.fix else ""
    return f"{where}: {finding.rule.id} {finding.severity}: {field}{finding.message}{fix}"


def summary_line(files: int, findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in reversed(Severity)]
    return f"{files} file{'' if files == 1 else 's'} checked: {', '.join(parts)}"


def as_text(files: int, findings: Sequence[Finding]) -> str:
    return "".join(text_line(f) + "\n" for f in findings) + summary_line(files, findings) + "\n"


def as_json(files: int, findings: Sequence[Finding]) -> str:
    rows = [
        {
            "path": shown_path(f.path),
            "line": f.line or 1,
            "rule": f.rule.id,
            "name": f.rule.name,
            "severity": str(f.severity),
            "field": f.field_name,
            "message": f.message,
            "fix": f.fix,
        }
        for f in findings
    ]
    counts = {str(s): sum(1 for f in findings if f.severity is s) for s in Severity}
    return json.dumps({"files": files, "counts": counts, "findings": rows}, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(files: int, findings: Sequence[Finding]) -> str:
    """Workflow commands that GitHub shows as annotations on the file and line."""
    lines = []
    for f in findings:
        field = f"{f.field_name}: " if f.field_name else ""
        title = _escape_property(f"{f.rule.id} {f.rule.name}")
        props = f"file={_escape_property(shown_path(f.path))},line={f.line or 1},title={title}"
        message = _escape_data(f"{field}{f.message} (fix: {f.fix})" if f.fix else f"{field}{f.message}")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{message}")
    lines.append(summary_line(files, findings))
    return "\n".join(lines) + "\n"


RENDERERS = {"text": as_text, "json": as_json, "github": as_github}
