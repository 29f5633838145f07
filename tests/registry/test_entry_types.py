"""The typed entry (nhsoa.registry.entry) and the JSON Schema describe the same document."""

from __future__ import annotations

import json
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from nhsoa.registry import schema
from nhsoa.registry.entry import Entry

SCHEMA = json.loads(schema.schema_text())
SCALARS: dict[str, type] = {"string": str, "boolean": bool, "integer": int, "number": float}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    name = ref.removeprefix("#/$defs/")
    return {**SCHEMA["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}


def _differences(node: dict[str, Any], annotation: Any, where: str) -> list[str]:
    """How ``annotation`` fails to describe the schema ``node`` (an empty list when it does)."""
    node = _resolve(node)
    if "enum" in node:
        if get_origin(annotation) is not Literal:
            return [f"{where}: the schema lists values {node['enum']}; the type should be a Literal of them"]
        if set(get_args(annotation)) != set(node["enum"]):
            return [f"{where}: the schema allows {sorted(node['enum'])}, the type {sorted(get_args(annotation))}"]
        return []
    kind = node.get("type")
    if kind in SCALARS:
        return [] if annotation is SCALARS[kind] else [f"{where}: the schema says {kind}, the type {annotation}"]
    if kind == "array":
        if get_origin(annotation) is not list:
            return [f"{where}: the schema says array, the type {annotation}"]
        return _differences(node["items"], get_args(annotation)[0], f"{where}[]")
    if kind == "object" and "properties" in node:
        return _object_differences(node, annotation, where)
    if kind == "object" and "patternProperties" in node:
        if get_origin(annotation) is not dict:
            return [f"{where}: the schema says a mapping, the type {annotation}"]
        (values,) = node["patternProperties"].values()
        return _differences(values, get_args(annotation)[1], f"{where}.*")
    return [f"{where}: no rule in this test for the schema node {node}"]


def _object_differences(node: dict[str, Any], annotation: Any, where: str) -> list[str]:
    if not is_typeddict(annotation):
        return [f"{where}: the schema describes an object, the type should be a TypedDict, not {annotation}"]
    hints = get_type_hints(annotation)
    properties: dict[str, Any] = node["properties"]
    problems = [f"{where}.{key}: in the schema, not in {annotation.__name__}" for key in properties.keys() - hints]
    problems += [f"{where}.{key}: in {annotation.__name__}, not in the schema" for key in hints.keys() - properties]
    if set(node.get("required", ())) != set(annotation.__required_keys__):
        problems.append(
            f"{where}: required {sorted(node.get('required', ()))} in the schema, "
            f"{sorted(annotation.__required_keys__)} in {annotation.__name__}"
        )
    for key in properties.keys() & hints.keys():
        problems += _differences(properties[key], hints[key], f"{where}.{key}")
    return problems


def test_the_entry_type_matches_the_schema() -> None:
    assert _differences(SCHEMA, Entry, "entry") == []


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"properties": {**SCHEMA["properties"], "new_field": {"type": "string"}}}, "entry.new_field: in the schema"),
        ({"required": [*SCHEMA["required"], "description"]}, "entry: required"),
        (
            {"properties": {**SCHEMA["properties"], "phase": {"enum": ["alpha", "beta"]}}},
            "entry.phase: the schema allows",
        ),
    ],
)
def test_a_schema_change_the_type_lacks_is_reported(changed: dict[str, Any], expected: str) -> None:
    problems = _differences({**SCHEMA, **changed}, Entry, "entry")
    assert any(problem.startswith(expected) for problem in problems), problems


def test_the_type_is_usable_at_run_time() -> None:
    assert typing.get_type_hints(Entry)["owner"].__required_keys__ == frozenset({"name", "type"})
