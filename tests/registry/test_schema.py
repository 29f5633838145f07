"""The product metadata schema itself."""

from __future__ import annotations

from typing import Any

import jsonschema

from nhsoa.registry import schema

GROUPS = {
    "identity": ["id", "name", "summary", "description", "kind", "repository", "homepage", "documentation",
                 "install", "languages", "licence", "docs_licence", "topics", "keywords"],
    "ownership": ["owner", "maintainers", "contact", "openness"],
    "product": ["phase", "superseded_by", "product"],
    "reproducibility": ["rap"],
    "governance": ["clinical_safety", "medical_device", "information_governance", "equity", "evidence"],
    "registry": ["adopters", "added", "last_verified", "last_verified_commit", "verification", "template",
                 "skip_checks"],
}  # fmt: skip


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.schema())


def test_schema_covers_every_field_group_of_the_design() -> None:
    properties = schema.schema()["properties"]
    for group, fields in GROUPS.items():
        assert set(fields) <= set(properties), group


def test_every_top_level_field_is_described() -> None:
    for name, definition in schema.schema()["properties"].items():
        assert definition.get("description"), name


def test_unknown_top_level_keys_are_rejected() -> None:
    assert schema.schema()["additionalProperties"] is False


def test_rap_criteria_ids_follow_the_nhs_levels() -> None:
    criteria: dict[str, Any] = schema.schema()["properties"]["rap"]["properties"]["criteria"]
    validator = jsonschema.Draft202012Validator(criteria)
    ok = (
        {f"B{i}": "met" for i in range(1, 6)}
        | {f"S{i}": "n/a" for i in range(1, 10)}
        | {f"G{i}": "not-met" for i in range(1, 5)}
    )
    assert validator.is_valid(ok)
    assert not validator.is_valid({"B6": "met"})
    assert not validator.is_valid({"G1": "done"})


def test_fast_and_full_validators_agree_on_entry_cases() -> None:
    from nhsoa import yamlio
    from nhsoa.errors import YamlError
    from tests.conftest import ENTRIES

    full = jsonschema.Draft202012Validator(
        schema.schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for path in ENTRIES.rglob("*.yaml"):
        try:
            data = yamlio.load_file(path).data
        except YamlError:
            continue
        assert (schema.check(data) == []) == full.is_valid(data), path
