"""The entry cases under tests/data/entries: a new case is a new file.

``valid/`` cases must give no findings at all. Each case under ``invalid/<rule>/`` (a file,
or a folder of files for rules that compare entries) lists the exact findings it must give
in ``# expect:`` comments at the end of each file, as ``nhsoa validate`` prints them
without the path and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nhsoa.registry.report import text_line
from nhsoa.registry.rules import RULES
from nhsoa.registry.validate import validate
from tests.conftest import ENTRIES, TODAY

VALID = sorted((ENTRIES / "valid").iterdir())
INVALID = sorted(case for rule_dir in (ENTRIES / "invalid").iterdir() for case in rule_dir.iterdir())


def _case_id(path: Path) -> str:
    return str(path.relative_to(ENTRIES))


def _actual(case: Path) -> dict[Path, list[str]]:
    report = validate([case], today=TODAY)
    found: dict[Path, list[str]] = {path: [] for path in report.files}
    for finding in report.findings:
        line = text_line(finding.located(finding.line or 1))
        without_path = line.split(":", 1)[1].strip()
        found[finding.path].append(re.sub(r" \(fix: .*\)$", "", without_path))
    return found


def _expected(path: Path) -> list[str]:
    text = path.read_bytes().decode("latin-1")
    return [line.removeprefix("# expect: ") for line in text.splitlines() if line.startswith("# expect: ")]


@pytest.mark.parametrize("case", VALID, ids=_case_id)
def test_valid_case_has_no_findings(case: Path, in_repo: Path) -> None:
    assert _actual(case) == {path: [] for path in _actual(case)}


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case_gives_exactly_the_expected_findings(case: Path, in_repo: Path) -> None:
    actual = _actual(case)
    assert actual, f"{case} holds no entry files"
    assert {path: _expected(path) for path in actual} == actual


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case_breaks_the_rule_it_is_filed_under(case: Path, in_repo: Path) -> None:
    rule = case.relative_to(ENTRIES / "invalid").parts[0]
    assert any(f" {rule} " in f" {line}" for lines in _actual(case).values() for line in lines)


def test_every_rule_has_an_invalid_case() -> None:
    folders = {p.name for p in (ENTRIES / "invalid").iterdir() if any(p.iterdir())}
    # Review rules (OA101 to OA109) compare two versions of the registry; tests/review/ covers each.
    assert {rule.id for rule in RULES if not rule.id.startswith("OA1")} <= folders
    assert folders <= {rule.id for rule in RULES}, "a case folder names a rule that does not exist"
