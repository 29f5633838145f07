"""Findings: what a rule says about one place in one file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nhsoa.registry.rules import Rule, Severity
from nhsoa.yamlio import FieldPath


@dataclass(frozen=True)
class Finding:
    path: Path
    rule: Rule
    message: str
    fix: str = ""
    field: FieldPath = ()
    line: int | None = None

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def field_name(self) -> str:
        """The field as a dotted path, e.g. ``adopters[1].ods_code``."""
        out = ""
        for element in self.field:
            out += f"[{element}]" if isinstance(element, int) else (f".{element}" if out else element)
        return out

    def located(self, line: int) -> Finding:
        return Finding(self.path, self.rule, self.message, self.fix, self.field, line)

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line or 0, self.rule.id)
