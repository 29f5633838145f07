"""Findings: what a rule says about one place in one file."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from nhsoa.yamlio import FieldPath


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` of a list of findings gives the worst."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    path: Path
    rule: str
    severity: Severity
    message: str
    fix: str = ""
    field: FieldPath = ()
    line: int | None = None

    @property
    def field_name(self) -> str:
        """The field as a dotted path, e.g. ``adopters[1].ods_code``."""
        out = ""
        for element in self.field:
            out += f"[{element}]" if isinstance(element, int) else (f".{element}" if out else element)
        return out

    def located(self, line: int) -> Finding:
        return Finding(self.path, self.rule, self.severity, self.message, self.fix, self.field, line)

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line or 0, self.rule)


@dataclass
class FileResult:
    """Everything found in one file; ``data`` is None when the file did not load."""

    path: Path
    data: dict[str, object] | None
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
