"""Exports validate against the official schemas, and entry -> export -> import keeps every mappable field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nhsoa import yamlio
from nhsoa.commands.export import render
from nhsoa.interop import cff, codemeta, formats, publiccode
from nhsoa.interop.model import flatten
from nhsoa.main import main

ENTRY = Path(__file__).parent.parent / "data" / "review" / "entries" / "nhsr-plot-the-dots.yaml"

# What each format can carry back into an entry (see CONTRIBUTING.md, "Importing and exporting").
MAPPABLE = {
    "codemeta": ("id", "name", "summary", "kind", "repository", "homepage", "contact", "licence", "languages",
                 "keywords", "install.cran", "phase", "owner.name", "maintainer names"),
    "cff": ("name", "summary", "repository", "homepage", "licence", "keywords", "maintainer names"),
    "publiccode": ("name", "summary", "repository", "homepage", "licence", "phase", "kind", "owner.name",
                   "maintainer names"),
}  # fmt: skip


def entry() -> dict[str, Any]:
    data = yamlio.load_file(ENTRY).data
    assert isinstance(data, dict)
    return data


def value(data: dict[str, Any], key: str) -> Any:
    if key == "maintainer names":
        return [m["name"] for m in data.get("maintainers", [])]
    return flatten(data).get(key)


@pytest.mark.parametrize("fmt", sorted(MAPPABLE))
def test_round_trip_keeps_every_mappable_field(fmt: str, tmp_path: Path) -> None:
    original = entry()
    text = render(original, fmt)
    path = tmp_path / formats.IMPORTERS[fmt].FILENAMES[0]
    path.write_text(text, encoding="utf-8")
    back = formats.read(path).entry
    for key in MAPPABLE[fmt]:
        assert value(back, key) == value(original, key), key


@pytest.mark.parametrize("fmt", ["codemeta", "publiccode"])
def test_round_trip_keeps_summary_and_kind_beside_a_long_description(fmt: str, tmp_path: Path) -> None:
    """CodeMeta carries the summary as schema:abstract and the kind as applicationCategory."""
    described = entry() | {
        "kind": "pipeline",
        "description": "A longer account of the tool, in Markdown, over several sentences. " * 4,
    }
    path = tmp_path / formats.IMPORTERS[fmt].FILENAMES[0]
    path.write_text(render(described, fmt), encoding="utf-8")
    back = formats.read(path).entry
    assert back["summary"] == described["summary"]
    if fmt == "codemeta":
        assert back["kind"] == "pipeline"
        assert back["description"] == described["description"].strip()


def test_codemeta_types_organisations_as_organizations_and_people_as_persons() -> None:
    organisation = entry() | {"maintainers": [{"name": "NHS-R Community"}, {"name": "Christopher Reading"}]}
    document = json.loads(codemeta.export(organisation))
    assert document["copyrightHolder"] == {"@type": "Organization", "name": "NHS-R Community"}
    assert [m["@type"] for m in document["maintainer"]] == ["Organization", "Person"]
    person = entry() | {"owner": {"name": "Christopher Reading", "type": "individual"}}
    document = json.loads(codemeta.export(person))
    assert document["copyrightHolder"] == {"@type": "Person", "name": "Christopher Reading"}
    assert [m["@type"] for m in document["maintainer"]] == ["Person"]
    assert codemeta.check(json.dumps(document)) == []


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_codemeta_export_is_json_ld_with_the_context(version: str) -> None:
    text = codemeta.export(entry(), version)
    assert codemeta.check(text) == []
    assert json.loads(text)["@context"] == codemeta.CONTEXTS[version]


def test_codemeta_check_finds_unknown_terms_and_wrong_context() -> None:
    document = json.loads(codemeta.export(entry()))
    document["colour"] = "blue"
    assert codemeta.check(json.dumps(document)) == ["$: 'colour' is not a CodeMeta 3.0 term"]
    document["@context"] = "https://schema.org"
    assert codemeta.check(json.dumps(document))[0].startswith("@context must be one of")


def test_cff_export_validates_and_the_schema_catches_mistakes() -> None:
    text = cff.export(entry())
    assert cff.check(text) == []
    broken = text.replace("cff-version: 1.2.0", "cff-version: 9.9.9").replace("authors:", "writers:")
    problems = cff.check(broken)
    assert any("cff-version" in p for p in problems)
    assert any("authors" in p for p in problems)


def test_cff_cannot_hold_and_expressions() -> None:
    data = entry() | {"licence": "MIT AND Apache-2.0"}
    assert "license" not in yamlio.loads(cff.export(data))


def test_publiccode_export_has_the_required_keys_and_vocabularies() -> None:
    text = publiccode.export(entry())
    assert publiccode.check(text) == []
    data = yamlio.loads(text)
    data["developmentStatus"] = "finished"
    data["categories"] = ["data-analytics", "spreadsheets"]
    del data["localisation"]
    data["description"]["en-GB"]["shortDescription"] = "x" * 151
    problems = publiccode.check(yamlio.dumps(data))
    assert "developmentStatus: 'finished' is not one of concept, development, beta, stable, obsolete" in problems
    assert "categories: 'spreadsheets' is not in the categories list" in problems
    assert "localisation: missing (mandatory)" in problems
    assert "description.en-GB.shortDescription: 151 characters; at most 150" in problems


def test_publiccode_countries_are_upper_case_iso_codes() -> None:
    data = yamlio.loads(publiccode.export(entry()))
    assert data["intendedAudience"]["countries"] == ["GB"]
    data["intendedAudience"]["countries"] = ["gb", "GBR"]
    assert publiccode.check(yamlio.dumps(data)) == [
        f"intendedAudience.countries: {code!r} is not an upper-case ISO 3166-1 alpha-2 code (lower case is deprecated)"
        for code in ("gb", "GBR")
    ]


def test_publiccode_categories_are_required_before_0_4() -> None:
    data = yamlio.loads(publiccode.export(entry()))
    del data["categories"]
    assert publiccode.check(yamlio.dumps(data)) == []
    data["publiccodeYmlVersion"] = "0.3"
    assert publiccode.check(yamlio.dumps(data)) == ["categories: missing (mandatory)"]


def test_export_command_writes_and_refuses_to_overwrite(
    seeded_registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = seeded_registry.parent / "CITATION.cff"
    args = ["export", "nhsr-plot-the-dots", "--format", "cff", "--registry", str(seeded_registry), "--out", str(out)]
    assert main(args) == 0
    assert cff.check(out.read_text(encoding="utf-8")) == []
    assert main(args) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert main(["export", "no-such-tool", "--format", "codemeta", "--registry", str(seeded_registry)]) == 1
    assert "no entry 'no-such-tool'" in capsys.readouterr().err


def test_export_to_stdout(seeded_registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "phs-funnel", "--format", "publiccode", "--registry", str(seeded_registry)]) == 0
    assert publiccode.check(capsys.readouterr().out) == []
