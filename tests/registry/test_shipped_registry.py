"""The registry this repository ships: valid, consistent and referentially sound."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.registry.rules import Severity
from nhsoa.registry.store import load_reference
from nhsoa.registry.validate import validate
from tests.conftest import REPO

REGISTRY = REPO / "registry"
REGIONS = {
    "London",
    "South West",
    "South East",
    "Midlands",
    "East of England",
    "North West",
    "North East and Yorkshire",
    "National",
}


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return validate([REGISTRY / "tools"], keep_data=True)


def test_shipped_registry_has_no_errors(report) -> None:  # type: ignore[no-untyped-def]
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert len(report.files) >= 77


def test_every_warning_is_one_the_facts_justify(report) -> None:  # type: ignore[no-untyped-def]
    """Warnings are allowed only where the tool's own facts cause them (undeclared or deprecated licences)."""
    assert {f.rule.id for f in report.findings if f.severity is Severity.WARNING} <= {"OA022", "OA023"}


def test_every_entry_is_described_in_its_own_words(report) -> None:  # type: ignore[no-untyped-def]
    for path, entry in report.data.items():
        assert len(entry.get("description", "").split()) >= 60, f"{path.name}: description too short"
        assert entry["summary"] != entry.get("description", "").strip(), path.name


def test_organisations_are_unique_well_formed_and_placed_in_a_region() -> None:
    document = yamlio.load_file(REGISTRY / "organisations.yaml").data
    assert document["source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["snapshot_date"])
    rows = document["organisations"]
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z0-9]{3,7}", code) for code in codes)
    counts = Counter(row["type"] for row in rows)
    assert set(counts) == {"region", "national-body", "icb", "csu", "trust"}
    assert counts["region"] == 7
    assert 30 <= counts["icb"] <= 42
    assert counts["trust"] >= 190
    assert {row["region"] for row in rows} <= REGIONS | {r["name"] for r in rows if r["type"] == "region"}


def test_every_topic_is_defined_once_and_used() -> None:
    reference = load_reference(REGISTRY)
    used = Counter(
        topic for path in (REGISTRY / "tools").glob("*.yaml") for topic in yamlio.load_file(path).data.get("topics", [])
    )
    unused = sorted(set(reference.topics) - set(used))
    assert unused == [], f"topics no entry uses: {unused}"
    assert all(topic.definition.endswith(".") for topic in reference.topics.values())


def test_successors_form_no_cycles(report) -> None:  # type: ignore[no-untyped-def]
    successor = {e["id"]: e.get("superseded_by") for e in report.data.values()}
    for start in successor:
        seen, current = set(), start
        while current := successor.get(current):
            assert current not in seen, f"cycle of superseded_by through {current}"
            seen.add(current)


def test_entry_file_names_are_their_ids() -> None:
    for path in (REGISTRY / "tools").iterdir():
        assert path.suffix == ".yaml"
        assert yamlio.load_file(Path(path)).data["id"] == path.stem


def test_each_code_host_account_belongs_to_one_organisation_and_says_who_runs_it() -> None:
    reference = load_reference(REGISTRY)
    accounts = [host.key for org in reference.organisations.values() for host in org.code_hosts]
    assert len(accounts) == len(set(accounts))
    assert {"github.com/nhsengland", "github.com/nhsbsa-data-analytics", "github.com/the-strategy-unit"} <= set(
        accounts
    )
    for organisation in reference.organisations.values():
        for host in organisation.code_hosts:
            assert host.sources, host.address
            assert all(source.startswith("https://") for source in host.sources)


def test_a_code_host_without_a_source_is_refused_with_its_line(tmp_path: Path) -> None:
    from nhsoa.errors import NhsoaError

    (tmp_path / "taxonomy.yaml").write_text((REGISTRY / "taxonomy.yaml").read_text(encoding="utf-8"))
    (tmp_path / "organisations.yaml").write_text(
        "organisations:\n"
        "  - code: X24\n    name: NHS England\n    type: national-body\n    region: National\n"
        "    code_hosts:\n      - address: https://github.com/nhsengland\n",
        encoding="utf-8",
    )
    with pytest.raises(NhsoaError, match=r"organisations.yaml:7: organisations\[0\].code_hosts\[0\]: sources must"):
        load_reference(tmp_path)
