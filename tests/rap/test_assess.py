"""``nhsoa rap``: criteria judged from the repository and from product.yaml; --write keeps the file's comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import main
from nhsoa.rap.assess import Assessment, Result, assess, with_block
from nhsoa.rap.criteria import CRITERIA
from nhsoa.registry.store import shipped_root
from nhsoa.registry.validate import validate
from tests.template.conftest import baked, git

FROM_FILES = {"B1", "B2", "B3", "S2", "S3", "S5", "S6", "S7", "S8", "G1", "G2", "G3", "G4"}
ATTESTED = {"B4", "B5", "S1", "S4", "S9"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = baked(tmp_path_factory.mktemp("rap"), product_name="Rap Check", git_host="gitlab")
    git(project, "init", "--quiet")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "start")
    return project


def test_criteria_table_matches_the_nhs_levels() -> None:
    ids = [c.id for c in CRITERIA]
    assert ids == [f"B{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 10)] + [f"G{i}" for i in range(1, 5)]
    assert set(ids) == FROM_FILES | ATTESTED


def test_a_generated_project_shows_every_criterion_files_can_show(generated: Path) -> None:
    assessment = assess(generated, yamlio.load_file(generated / "product.yaml").data)
    by_id = {r.criterion.id: r for r in assessment.results}
    assert {i for i, r in by_id.items() if r.status == "met"} == FROM_FILES
    assert all(by_id[i].source == "not assessed" for i in ATTESTED)
    assert assessment.level == "none"  # peer review (B4) and openness (B5) need a person's word
    assert "1 commit" in by_id["B2"].evidence
    assert ".gitlab-ci.yml" in by_id["G3"].evidence


def test_attested_criteria_come_from_product_yaml(generated: Path) -> None:
    product = {"rap": {"level": "none", "criteria": dict.fromkeys(ATTESTED, "met")}}
    assert assess(generated, product).level == "gold"
    product["rap"]["criteria"]["S4"] = "not-met"
    assert assess(generated, product).level == "baseline"
    product["rap"]["criteria"]["S4"] = "n/a"
    assert assess(generated, product).level == "gold"


def test_an_empty_folder_meets_nothing(tmp_path: Path) -> None:
    assessment = assess(tmp_path)
    assert {r.status for r in assessment.results} == {"not-met"}
    assert assessment.level == "none"


def test_level_needs_every_lower_level() -> None:
    def results(unmet: set[str]) -> Assessment:
        return Assessment([Result(c, "not-met" if c.id in unmet else "met", "", "") for c in CRITERIA])

    assert results(set()).level == "gold"
    assert results({"G3"}).level == "silver"
    assert results({"S8"}).level == "baseline"
    assert results({"B2", "G3"}).level == "none"


def test_write_records_the_result_and_keeps_comments(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    product = generated / "product.yaml"
    original = product.read_text(encoding="utf-8")
    try:
        assert main(["rap", str(generated), "--write", "--today", "2026-03-01"]) == 0
        out = capsys.readouterr().out
        assert "B2 met" in out
        assert "RAP level: none" in out
        text = product.read_text(encoding="utf-8")
        assert text.startswith(original.split("\nid:")[0])  # the header comments survive
        data = yamlio.load_file(product).data
        assert data["rap"]["assessed"] == "2026-03-01"
        assert data["rap"]["method"] == "automatic"
        assert data["rap"]["criteria"]["G2"] == "met"
        report = validate([product], registry=shipped_root())
        assert [f for f in report.findings if f.severity.name == "ERROR"] == []
        # attest the rest by hand; a second run keeps them and replaces the block in place
        data["rap"]["criteria"] |= dict.fromkeys(ATTESTED, "met")
        product.write_text(with_block(text, "rap", data["rap"]), encoding="utf-8")
        assert main(["rap", str(generated), "--write", "--today", "2026-03-02"]) == 0
        assert "RAP level: gold" in capsys.readouterr().out
        assert product.read_text(encoding="utf-8").count("\nrap:") == 1
    finally:
        product.write_text(original, encoding="utf-8")


def test_with_block_replaces_only_that_block() -> None:
    text = "# head\nid: x\nrap:\n  level: none\n  # note\n\n# about phase\nphase: beta\n"
    updated = with_block(text, "rap", {"level": "gold"})
    assert updated == "# head\nid: x\nrap:\n  level: gold\n\n# about phase\nphase: beta\n"
    assert with_block("id: x", "rap", {"level": "none"}) == "id: x\nrap:\n  level: none\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id: [unclosed\n", "product.yaml:2: while parsing a flow sequence"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_bad_product_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (tmp_path / "product.yaml").write_text(content, encoding="utf-8")
    assert main(["rap", str(tmp_path), "--write"]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert (tmp_path / "product.yaml").read_text(encoding="utf-8") == content


def test_write_needs_product_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rap", str(tmp_path), "--write"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["rap", str(tmp_path / "missing")]) == 2
