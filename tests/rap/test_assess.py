"""``nhsoa rap``: criteria judged from the repository and from product.yaml; --write keeps the file's comments.

"Not met" (the files show it is absent, or a person recorded so) is kept apart from "not attested"
(only a person can say, and nobody has): the level from files leaves the second out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import main
from nhsoa.rap.assess import DETECTORS, Assessment, Result, assess, with_block
from nhsoa.rap.criteria import CRITERIA
from nhsoa.rap.report import headline
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
    assert {c.id for c in CRITERIA if c.from_files} == set(DETECTORS) == FROM_FILES  # one table, one detector each


def test_a_generated_project_shows_every_criterion_files_can_show(generated: Path) -> None:
    assessment = assess(generated, yamlio.load_file(generated / "product.yaml").data)
    by_id = {r.criterion.id: r for r in assessment.results}
    assert {i for i, r in by_id.items() if r.status == "met"} == FROM_FILES
    assert {i for i, r in by_id.items() if r.status == "not-attested"} == ATTESTED
    assert all(by_id[i].source == "nobody" and by_id[i].files is None for i in ATTESTED)
    assert assessment.level_from_files == "gold"
    assert assessment.level == "none"  # peer review (B4) and openness (B5) need a person's word
    assert "1 commit" in by_id["B2"].files.summary  # type: ignore[union-attr]
    assert "job 'pipeline' runs `python -m rap_check" in by_id["G3"].files.summary  # type: ignore[union-attr]


def test_attested_criteria_come_from_product_yaml(generated: Path) -> None:
    product = {"rap": {"level": "none", "criteria": dict.fromkeys(ATTESTED, "met")}}
    assert assess(generated, product).level == "gold"
    product["rap"]["criteria"]["S4"] = "not-met"
    assert assess(generated, product).level == "baseline"
    assert assess(generated, product).level_from_files == "baseline"
    product["rap"]["criteria"]["S4"] = "n/a"
    assert assess(generated, product).level == "gold"


def test_an_empty_folder_meets_nothing(tmp_path: Path) -> None:
    assessment = assess(tmp_path)
    assert {r.criterion.id for r in assessment.results if r.status == "not-met"} == FROM_FILES
    assert {r.criterion.id for r in assessment.results if r.status == "not-attested"} == ATTESTED
    assert assessment.level == assessment.level_from_files == "none"


def test_level_needs_every_lower_level() -> None:
    def results(unmet: set[str], waiting: frozenset[str] = frozenset()) -> Assessment:
        return Assessment(
            [
                Result(c, "not-met" if c.id in unmet else "not-attested" if c.id in waiting else "met", "")
                for c in CRITERIA
            ]
        )

    assert results(set()).level == "gold"
    assert results({"G3"}).level == "silver"
    assert results({"S8"}).level == "baseline"
    assert results({"B2", "G3"}).level == "none"
    waiting = frozenset(ATTESTED)
    assert results(set(), waiting).level == "none"
    assert results(set(), waiting).level_from_files == "gold"
    assert results({"G3"}, waiting).level_from_files == "silver"
    assert [r.criterion.id for r in results({"G3", "G1"}, waiting).needs()] == ["G1", "G3"]
    assert headline(results({"G3"}, waiting)) == [
        "RAP level from files: silver; gold once G3 is met or attested",
        "RAP level: none until B4, B5, S1, S4 and S9 are attested (only a person can say: record them under "
        "rap.criteria in product.yaml)",
    ]
    assert headline(results({"S8", "G3"}))[0] == "RAP level from files: baseline; silver once S8 is met"
    assert headline(results(set())) == ["RAP level from files: gold", "RAP level: gold"]


def test_a_record_of_met_counts_when_the_files_disagree_and_both_are_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI on a server outside the repository: the person's word counts, and the files' silence is shown."""
    (tmp_path / "product.yaml").write_text(
        "id: beds\nrap:\n  level: none\n  criteria:\n    G2: met\n", encoding="utf-8"
    )
    result = {r.criterion.id: r for r in assess(tmp_path, {"rap": {"criteria": {"G2": "met"}}}).results}["G2"]
    assert (result.status, result.source, result.attested, result.disagrees) == ("met", "product.yaml", "met", True)
    assert main(["rap", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "G2 met (attested in product.yaml)" in out
    assert "files show: no CI configuration" in out
    assert "next: check the record: product.yaml says met but the files do not show it" in out


def test_files_that_show_a_criterion_outrank_a_stale_record_of_not_met(generated: Path) -> None:
    result = {r.criterion.id: r for r in assess(generated, {"rap": {"criteria": {"G2": "not-met"}}}).results}["G2"]
    assert (result.status, result.source, result.attested) == ("met", "files", "not-met")
    assert result.next_step == "product.yaml records not-met; `nhsoa rap --write` updates it to met"


def test_not_met_and_not_attested_say_different_things(tmp_path: Path) -> None:
    results = {r.criterion.id: r for r in assess(tmp_path, {"rap": {"criteria": {"S4": "not-met"}}}).results}
    assert results["G3"].next_step is not None
    assert results["G3"].next_step.endswith(
        "if this is done outside the repository, record rap.criteria.G3: met in product.yaml"
    )
    assert results["S6"].next_step is not None
    assert "outside the repository" not in results["S6"].next_step  # tests live in the repository or nowhere
    assert results["B4"].next_step is not None
    assert results["B4"].next_step.endswith("record rap.criteria.B4 as met, not-met or n/a in product.yaml")
    assert (results["S4"].status, results["S4"].source) == ("not-met", "product.yaml")


def test_json_has_stable_keys(generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rap", str(generated), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report) == [
        *("path", "product_yaml", "level", "level_from_files", "next_level", "next_level_needs", "not_attested"),
        "criteria",
    ]
    assert (report["level"], report["level_from_files"], report["next_level"]) == ("none", "gold", None)
    assert report["not_attested"] == ["B4", "B5", "S1", "S4", "S9"]
    g3 = report["criteria"][16]
    assert list(g3) == ["id", "level", "criterion", "status", "source", "files", "attested", "next_step"]
    assert (g3["id"], g3["status"], g3["source"], g3["attested"], g3["next_step"]) == ("G3", "met", "files", None, None)
    assert g3["files"]["met"] is True
    where, line = g3["files"]["where"][0].split(":")
    assert "python -m rap_check" in (generated / where).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    b4 = report["criteria"][3]
    assert (b4["status"], b4["source"], b4["files"]) == ("not-attested", "nobody", None)


def test_write_records_the_result_and_keeps_comments(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    product = generated / "product.yaml"
    original = product.read_text(encoding="utf-8")
    try:
        assert main(["rap", str(generated), "--write", "--today", "2026-03-01"]) == 0
        out = capsys.readouterr().out
        assert "  B2 met: Code is version controlled." in out
        assert "RAP level: none until B4, B5, S1, S4 and S9 are attested" in out
        assert "recorded rap.level none in" in out
        text = product.read_text(encoding="utf-8")
        assert text.startswith(original.split("\nid:")[0])  # the header comments survive
        data = yamlio.load_file(product).data
        assert data["rap"]["assessed"] == "2026-03-01"
        assert data["rap"]["method"] == "automatic"
        assert data["rap"]["criteria"]["G2"] == "met"
        assert set(data["rap"]["criteria"]) == FROM_FILES  # nobody has attested the rest: nothing is written
        report = validate([product], registry=shipped_root())
        assert [f for f in report.findings if f.severity.name == "ERROR"] == []
        # attest the rest by hand; a second run keeps them and replaces the block in place
        data["rap"]["criteria"] |= dict.fromkeys(ATTESTED, "met")
        product.write_text(with_block(text, "rap", data["rap"]), encoding="utf-8")
        assert main(["rap", str(generated), "--write", "--today", "2026-03-02"]) == 0
        assert "RAP level: gold\n" in capsys.readouterr().out
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
        (
            "id: x\nrap:\n  criteria:\n    B4: yes\n",
            "product.yaml:4: rap.criteria.B4 is 'yes' (fix: write met, not-met, n/a)",
        ),
        ("id: x\nrap:\n  criteria:\n    B9: met\n", "product.yaml:4: rap.criteria.B9 is not a RAP criterion"),
        ("id: x\nrap:\n  criteria: [B4]\n", "product.yaml:3: rap.criteria must be a mapping"),
        ("id: x\nrap: gold\n", "product.yaml:2: rap must be a mapping"),
    ],
)
def test_bad_product_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (tmp_path / "product.yaml").write_text(content, encoding="utf-8")
    assert main(["rap", str(tmp_path), "--write"]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert (tmp_path / "product.yaml").read_text(encoding="utf-8") == content


def test_a_link_out_of_the_repository_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("# Notes\n\n## Installation\n\npip install secret-thing\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").symlink_to(outside / "notes.md")
    b3 = {r.criterion.id: r for r in assess(repo).results}["B3"]
    assert b3.status == "not-met"
    assert "secret" not in b3.evidence


def test_evidence_cannot_send_terminal_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("# x\n\n## Install \x1b]0;owned\x07 here\n", encoding="utf-8")
    assert main(["rap", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "'Install ?]0;owned? here' (line 3)" in out


def test_write_needs_product_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rap", str(tmp_path), "--write"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["rap", str(tmp_path / "missing")]) == 2
