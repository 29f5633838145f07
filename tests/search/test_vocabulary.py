"""The NHS vocabulary in registry/vocabulary.yaml: what it must hold, and how bad files are reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nhsoa.errors import NhsoaError
from nhsoa.main import main
from nhsoa.registry import catalogue
from nhsoa.search.text import tokens
from nhsoa.search.vocabulary import VOCABULARY_FILE, load, load_file
from tests.conftest import DATA, REPO, entry_text

CASES = sorted((DATA / "search" / "vocabulary").glob("*.yaml"))

# Terms an NHS analyst types that the vocabulary must know, each with the words it stands for.
REQUIRED = {
    "SPC": ["statistical process control", "Making Data Count"],
    "A&E": ["ED", "emergency department", "accident and emergency"],
    "RTT": ["referral to treatment", "waiting list"],
    "HES": ["hospital episode statistics"],
    "ODS": ["Organisation Data Service"],
    "CHI": ["Community Health Index"],
    "SNOMED": ["SNOMED CT"],
    "NCMP": ["National Child Measurement Programme"],
    "IMD": ["deprivation", "index of multiple deprivation"],
    "LOS": ["length of stay"],
}


def test_the_shipped_vocabulary_holds_the_nhs_terms_with_their_sources() -> None:
    shipped = load(REPO / "registry")
    concept = shipped.phrases()
    for abbreviation, meanings in REQUIRED.items():
        key = tokens(abbreviation)
        group = next(g for g in shipped.groups if g.concept == concept[tuple(key)])
        assert group.source is not None, abbreviation
        assert group.source.startswith("https://"), abbreviation
        for meaning in meanings:
            assert concept[tuple(tokens(meaning))] == group.concept, (abbreviation, meaning)


def test_every_abbreviation_of_an_nhs_data_set_or_standard_says_where_it_is_defined() -> None:
    """Groups without a source are plain English or organisations' own names; the rest cite a page."""
    unsourced = {g.id for g in load(REPO / "registry").groups if g.source is None}
    assert unsourced <= {
        "sds", "bmi", "des", "qi", "gp", "ig", "dpia", "ehr", "llm", "nlp", "ml", "ai", "nhse", "nhsd", "nhsbsa",
        "phe", "ukhsa", "phs", "ons", "rcpch", "lookup",
    }  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_a_bad_vocabulary_is_reported_with_file_line_and_field(case: Path) -> None:
    expected = re.match(r"# expect: (.*)", case.read_text(encoding="utf-8"))
    assert expected, f"{case} needs an `# expect:` first line"
    with pytest.raises(NhsoaError) as raised:
        load_file(case)
    assert f"{case}:{expected.group(1)}" in str(raised.value)


def test_search_stops_with_the_vocabularys_error_and_no_traceback(
    capsys: pytest.CaptureFixture[str], registry: Path
) -> None:
    (registry / "tools" / "spc-charts.yaml").write_text(entry_text("spc-charts"), encoding="utf-8")
    shutil.copyfile(DATA / "search" / "vocabulary" / "term-in-two-groups.yaml", registry / VOCABULARY_FILE)
    code = main(["search", "waiting list", "--registry", str(registry)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{registry / VOCABULARY_FILE}:6: groups[1].terms[1]: 'Waiting Lists' is already a term" in err
    assert "Traceback" not in err + out


def test_a_registry_without_a_vocabulary_uses_the_shipped_one(registry: Path) -> None:
    assert not (registry / VOCABULARY_FILE).exists()
    assert load(registry).groups == ()
    assert catalogue.load(registry).vocabulary == load(REPO / "registry")
