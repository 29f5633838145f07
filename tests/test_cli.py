"""The command line, called in-process as ``main([...])``: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.registry import validate as validate_module
from tests.conftest import ENTRIES, entry_text

VALID = ENTRIES / "valid"
INVALID = ENTRIES / "invalid"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_files_exits_zero(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    code, out, err = run(capsys, "validate", "tests/data/entries/valid", "--today", "2026-11-25")
    assert (code, out, err) == (0, "6 files checked: 0 errors, 0 warnings, 0 hints\n", "")


def test_validate_prints_path_line_rule_severity_field_message_and_fix(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    code, out, _ = run(capsys, "validate", "tests/data/entries/invalid/OA030/lower-case-ods.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "tests/data/entries/invalid/OA030/lower-case-ods.yaml:11: OA030 error: owner.ods_code: "
        "'rgt' is not an ODS code (3 to 7 capital letters and digits) "
        "(fix: use the organisation's ODS code in capitals, e.g. `RGT` or `X24` (https://odsportal.digital.nhs.uk))"
    )


def test_warnings_alone_exit_zero_unless_fail_on_warning(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    path = "tests/data/entries/invalid/OA023/deprecated-gpl.yaml"
    assert run(capsys, "validate", path)[0] == 0
    assert run(capsys, "validate", path, "--fail-on", "warning")[0] == 1


def test_every_file_is_reported_in_one_run(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    code, out, _ = run(capsys, "validate", "tests/data/entries/invalid", "--today", "2026-11-25")
    assert code == 1
    reported = {line.split(":", 1)[0] for line in out.splitlines()[:-1]}
    assert len(reported) == len(list(INVALID.rglob("*.yaml")))
    assert out.splitlines()[-1].startswith(f"{len(reported)} files checked: ")


def test_json_format(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", "tests/data/entries/invalid/OA041")
    report = json.loads(out)
    assert code == 1
    assert report["counts"] == {"hint": 0, "warning": 0, "error": 1}
    assert report["findings"] == [
        {
            "path": "tests/data/entries/invalid/OA041/unknown-topic.yaml",
            "line": 12,
            "rule": "OA041",
            "name": "known-topic",
            "severity": "error",
            "field": "topics[1]",
            "message": "topic 'astrology' is not in registry/taxonomy.yaml",
            "fix": "use a topic from registry/taxonomy.yaml (`nhsoa list --topics`) or propose a new one there",
        }
    ]


def test_github_format_annotates_file_and_line(capsys: pytest.CaptureFixture[str], in_repo: Path) -> None:
    _, out, _ = run(capsys, "validate", "--format", "github", "tests/data/entries/invalid/OA022")
    assert out.splitlines()[0] == (
        "::warning file=tests/data/entries/invalid/OA022/noassertion.yaml,line=7,title=OA022 licence-declared"
        "::licence: no licence is declared (NOASSERTION) "
        "(fix: ask the maintainers to add a LICENSE file, then record it here)"
    )


def test_product_yaml_validates_outside_a_registry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "my-product"
    project.mkdir()
    (project / "product.yaml").write_text(entry_text("my-product", topics="[rap]"), encoding="utf-8")
    monkeypatch.chdir(project)
    assert run(capsys, "validate", "product.yaml") == (0, "1 file checked: 0 errors, 0 warnings, 0 hints\n", "")


def test_hostile_file_gives_findings_not_a_traceback(
    capsys: pytest.CaptureFixture[str], registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = registry / "tools" / "hostile.yaml"
    hostile.write_text(
        entry_text(
            "hostile",
            summary="\"<script>fetch('https://evil.example')</script>\"",
            homepage="javascript:alert(1)",
            description='"[click](javascript:alert(1)) <b onmouseover=alert(1)>x</b>"',
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(registry)
    code, out, err = run(capsys, "validate", "tools")
    assert code == 1
    assert err == ""
    assert [line.split(": ", 3)[1:3] for line in out.splitlines()[:-1]] == [
        ["OA042 error", "summary"],
        ["OA040 error", "homepage"],
        ["OA040 error", "description"],
        ["OA042 error", "description"],
    ]


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert err == f"nhsoa: error: {tmp_path / 'nope'}: no such file or folder\n"


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "--format", "xml")
    assert code == 2
    assert "invalid choice: 'xml'" in err


def test_internal_error_exits_3_without_traceback_unless_verbose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, in_repo: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("nhsoa.commands.validate.validate", broken)
    code, _, err = run(capsys, "validate", "tests/data/entries/valid")
    assert code == 3
    assert "Traceback" not in err
    assert "internal error: ZeroDivisionError: division by zero" in err
    code, _, err = run(capsys, "-v", "validate", "tests/data/entries/valid")
    assert code == 3
    assert "Traceback (most recent call last)" in err
    assert validate_module.validate is not broken


def _registry_with_entries(registry: Path) -> Path:
    tools = registry / "tools"
    (tools / "spc-charts.yaml").write_text(
        entry_text(
            "spc-charts",
            name="SPC Charts",
            languages="[R]",
            topics="[spc, visualisation]",
            keywords="[making data count]",
            owner="{name: Cambridge University Hospitals, type: nhs-trust, ods_code: RGT}",
            adopters="[{ods_code: RJ1}]",
        ),
        encoding="utf-8",
    )
    (tools / "growth-calc.yaml").write_text(
        entry_text(
            "growth-calc",
            name="Growth Calc",
            languages="[Python]",
            topics="[growth-charts]",
            licence="AGPL-3.0-or-later",
        ),
        encoding="utf-8",
    )
    (tools / "broken.yaml").write_text("id: broken\nname: [\n", encoding="utf-8")
    return registry


def test_list_shows_valid_entries_and_says_what_was_left_out(
    capsys: pytest.CaptureFixture[str], registry: Path
) -> None:
    _registry_with_entries(registry)
    code, out, err = run(capsys, "list", "--registry", str(registry), "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == ["growth-calc", "spc-charts"]
    assert err == "nhsoa: 1 entry with errors left out; run `nhsoa validate` to see why\n"


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (["--topic", "spc"], ["spc-charts"]),
        (["--language", "python"], ["growth-calc"]),
        (["--owner", "RGT"], ["spc-charts"]),
        (["--owner", "cambridge"], ["spc-charts"]),
        (["--licence", "agpl-3.0-or-later"], ["growth-calc"]),
        (["--adopted-by", "rj1"], ["spc-charts"]),
        (["--phase", "beta", "--language", "R"], ["spc-charts"]),
        (["--phase", "live"], []),
    ],
)
def test_list_filters(capsys: pytest.CaptureFixture[str], registry: Path, filters: list[str], ids: list[str]) -> None:
    _registry_with_entries(registry)
    _, out, _ = run(capsys, "list", "--registry", str(registry), "--format", "json", *filters)
    assert [e["id"] for e in json.loads(out)] == ids


def test_search_ranks_and_exits_1_when_nothing_matches(capsys: pytest.CaptureFixture[str], registry: Path) -> None:
    _registry_with_entries(registry)
    code, out, _ = run(capsys, "search", "making data count", "--registry", str(registry), "--format", "json")
    assert (code, [e["id"] for e in json.loads(out)]) == (0, ["spc-charts"])
    code, out, _ = run(capsys, "search", "quantum", "--registry", str(registry), "--format", "json")
    assert (code, json.loads(out)) == (1, [])


def test_list_table_names_every_tool(capsys: pytest.CaptureFixture[str], registry: Path) -> None:
    _registry_with_entries(registry)
    code, out, _ = run(capsys, "list", "--registry", str(registry))
    assert code == 0
    assert "SPC Charts" in out
    assert "Growth Calc" in out
    assert "2 tools" in out


def test_show_prints_the_entry_and_suggests_on_typos(capsys: pytest.CaptureFixture[str], registry: Path) -> None:
    _registry_with_entries(registry)
    code, out, _ = run(capsys, "show", "spc-charts", "--registry", str(registry), "--format", "json")
    assert (code, json.loads(out)["name"]) == (0, "SPC Charts")
    code, out, err = run(capsys, "show", "spc", "--registry", str(registry))
    assert (code, out) == (1, "")
    assert err == "nhsoa: error: no tool with id 'spc'; did you mean spc-charts?\n"


def test_index_writes_json_csv_and_schema(capsys: pytest.CaptureFixture[str], registry: Path, tmp_path: Path) -> None:
    _registry_with_entries(registry)
    out_dir = tmp_path / "out"
    code, _out, _ = run(capsys, "index", "--registry", str(registry), "--out", str(out_dir))
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["product.schema.json", "registry.csv", "registry.json"]
    document = json.loads((out_dir / "registry.json").read_text())
    assert document["count"] == 2
    csv_lines = (out_dir / "registry.csv").read_text().splitlines()
    assert csv_lines[0].startswith("id,name,summary,kind,phase,repository")
    assert csv_lines[2].startswith("spc-charts,SPC Charts,")
    assert ",RJ1,1," in csv_lines[2]


def test_rules_markdown_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from nhsoa.registry.rules import RULES

    code, out, _ = run(capsys, "rules", "--format", "markdown")
    assert code == 0
    assert [line.split(" | ")[0].lstrip("| ") for line in out.splitlines()[2:]] == [r.id for r in RULES]


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
