"""The validation pipeline: peers, parallel runs, skips and line numbers."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhsoa.registry import rules, schema
from nhsoa.registry.checks import Context, Problem, check_entry
from nhsoa.registry.cross_checks import Summary, check_registry
from nhsoa.registry.store import load_reference
from nhsoa.registry.validate import validate
from tests.conftest import TODAY, entry_text


def _rules(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.path.name, f.rule.id) for f in report.findings]


def test_one_file_is_compared_with_the_rest_of_its_registry(registry: Path) -> None:
    tools = registry / "tools"
    (tools / "first.yaml").write_text(entry_text("first", repository="https://github.com/x/shared"))
    (tools / "second.yaml").write_text(entry_text("second", repository="https://github.com/X/Shared.git"))
    (tools / "old.yaml").write_text(entry_text("old", phase="retired", superseded_by="first"))
    report = validate([tools / "second.yaml"], today=TODAY)
    assert _rules(report) == [("second.yaml", "OA013")]
    assert (
        report.findings[0].message == f"github.com/x/shared is also listed by {os.path.relpath(tools / 'first.yaml')}"
    )
    assert validate([tools / "old.yaml"], today=TODAY).findings == []


def test_a_file_reached_through_a_symlink_is_not_its_own_duplicate(registry: Path, tmp_path: Path) -> None:
    (registry / "tools" / "alone.yaml").write_text(entry_text("alone"))
    link = tmp_path / "link"
    link.symlink_to(registry)
    assert validate([link / "tools" / "alone.yaml"], today=TODAY).findings == []


def test_parallel_and_serial_runs_agree(registry: Path) -> None:
    tools = registry / "tools"
    for index in range(450):
        extra = {"licence": "NOASSERTION"} if index % 7 == 0 else {}
        (tools / f"tool-{index:03d}.yaml").write_text(
            entry_text(f"tool-{index:03d}", name=f"Tool {index:03d}", **extra)
        )
    (tools / "tool-999.yaml").write_text(entry_text("tool-999", repository="https://github.com/example/tool-001"))
    serial = validate([tools], today=TODAY, jobs=1)
    parallel = validate([tools], today=TODAY, jobs=2)
    assert serial.findings == parallel.findings
    assert {f.rule.id for f in serial.findings} == {"OA022", "OA013", "OA014"}


def test_skip_with_reason_silences_only_that_rule(registry: Path) -> None:
    path = registry / "tools" / "skipper.yaml"
    path.write_text(
        entry_text(
            "skipper",
            licence="CC-BY-NC-4.0",
            docs_licence="NOASSERTION-NOT-A-LICENCE",
            skip_checks="[{rule: OA021, reason: The data owner requires a non-commercial licence.}]",
        )
    )
    assert _rules(validate([path], today=TODAY)) == [("skipper.yaml", "OA020")]


def test_skip_without_enough_reason_is_a_schema_error(registry: Path) -> None:
    path = registry / "tools" / "lazy.yaml"
    path.write_text(entry_text("lazy", licence="CC-BY-NC-4.0", skip_checks="[{rule: OA021, reason: meh}]"))
    assert _rules(validate([path], today=TODAY)) == [("lazy.yaml", "OA021"), ("lazy.yaml", "OA010")]


def test_findings_point_at_the_offending_line(registry: Path) -> None:
    path = registry / "tools" / "lines.yaml"
    path.write_text(entry_text("lines", topics="\n  - spc\n  - astrology"))
    [finding] = validate([path], today=TODAY).findings
    assert (finding.rule.id, finding.line, finding.field_name) == ("OA041", 11, "topics[1]")


_FIELDS = st.sampled_from(
    ["id", "name", "summary", "description", "repository", "repository_aliases", "licence", "docs_licence", "owner",
     "ods_code", "adopters", "topics", "phase", "superseded_by", "clinical_safety", "applicable", "skip_checks", "rule",
     "reason", "evidence", "url", "confirmed", "last_verified", "added", "contact", "maintainers", "rap", "criteria"]
)  # fmt: skip
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["live", "retired", "yes", "RGT", "MIT", "https://x.org/a", "javascript:x", "2026-01-01", "<b>"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_FIELDS | st.integers(), children, max_size=6),
    max_leaves=30,
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_FIELDS, _VALUES, max_size=12))
def test_any_mapping_gives_findings_never_a_crash(registry: Path, data: dict[str, object]) -> None:
    reference = load_reference(registry)
    path = registry / "tools" / "fuzz.yaml"
    problems = [Problem(rules.SCHEMA, e.field, e.message) for e in schema.check(data)]
    problems += check_entry(data, Context(path=path, reference=reference, today=TODAY))
    check_registry([Summary.of(path, data), Summary.of(path.with_name("other.yaml"), data)])
    assert all(problem.rule in rules.RULES for problem in problems)
