"""The product metadata JSON Schema: loading it and turning its errors into plain words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

from nhsoa.yamlio import FieldPath

SCHEMA_FILE = "product.schema.json"


@dataclass(frozen=True)
class SchemaProblem:
    """Where an entry departs from the schema, in plain words, and how to fix it."""

    field: FieldPath
    message: str
    fix: str


def schema_text() -> str:
    return resources.files("nhsoa").joinpath("data").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())  # type: ignore[no-any-return]


@cache
def _fast_check() -> Callable[[Any], Any]:
    # Compiled to Python code: about six times faster than jsonschema on a valid entry.
    # Valid entries are the common case, so jsonschema only runs to explain a failure.
    # Given its own copy with $refs inlined: fastjsonschema rewrites the definition it is
    # given, and compiles each $ref into a function call that formats its error prefix.
    return fastjsonschema.compile(_inline_refs(json.loads(schema_text())))


def _inline_refs(document: dict[str, Any]) -> dict[str, Any]:
    definitions = document.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**inline(definitions[ref.removeprefix("#/$defs/")]), **inline(rest)}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(document)  # type: ignore[no-any-return]


@cache
def _validator() -> Any:
    import jsonschema  # noqa: PLC0415 - only needed to explain a failure; saves start-up time

    cls = jsonschema.Draft202012Validator
    return cls(schema(), format_checker=cls.FORMAT_CHECKER)


@cache
def url_fields() -> tuple[tuple[str, ...], ...]:
    """Paths of every field the schema declares as a URL; ``*`` is every item of a list."""
    found: list[tuple[str, ...]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        if node.get("$ref") == "#/$defs/url":
            found.append(path)
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "*"))

    walk(schema(), ())
    return tuple(found)


def check(data: Any) -> list[SchemaProblem]:
    """Every schema error in ``data``, or an empty list."""
    try:
        _fast_check()(data)
        return []
    except (fastjsonschema.JsonSchemaException, TypeError):  # TypeError: a key that is not text
        pass
    odd_keys = list(_odd_keys(data))
    if odd_keys:  # jsonschema assumes text keys: report them, then validate without them
        data = _without_odd_keys(data)
    unique = {(e.field, e.message): e for e in [*odd_keys, *_explain(data)]}  # a date can fail format and pattern
    return sorted(unique.values(), key=lambda e: [str(p) for p in e.field])


def _odd_keys(value: Any, field: FieldPath = ()) -> Iterator[SchemaProblem]:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                yield SchemaProblem(field, f"{key!r} is not a field name", "field names are words such as `name`")
            else:
                yield from _odd_keys(item, (*field, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _odd_keys(item, (*field, index))


def _without_odd_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_odd_keys(v) for k, v in value.items() if isinstance(k, str)}
    if isinstance(value, list):
        return [_without_odd_keys(item) for item in value]
    return value


def _explain(data: Any) -> Iterator[SchemaProblem]:
    for error in _validator().iter_errors(data):
        yield from _leaves(error)


def _leaves(error: Any) -> Iterator[SchemaProblem]:
    """Report the most specific errors: for anyOf/oneOf, the branch errors beneath."""
    if error.context:
        for sub in error.context:
            yield from _leaves(sub)
        return
    field: FieldPath = tuple(error.absolute_path)
    validator, value = error.validator, error.validator_value
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    if validator == "additionalProperties":
        for key in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
            if not any(_matches(p, key) for p in error.schema.get("patternProperties", {})):
                yield SchemaProblem((*field, key), f"unknown field {key!r}", _known_fields(error.schema))
        return
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        hint = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        yield SchemaProblem(field, f"missing required field {missing!r}", f"add `{missing}`" + _colon(hint))
        return
    if validator == "enum":
        choices = ", ".join(str(v) for v in value)
        yield SchemaProblem(field, f"{error.instance!r} is not allowed", f"use one of: {choices}")
        return
    if validator == "format" and value == "date":
        yield SchemaProblem(field, f"{error.instance!r} is not a date", 'write the date as "YYYY-MM-DD"')
        return
    if validator == "pattern" and value == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$":
        yield SchemaProblem(field, f"{error.instance!r} is not a date", 'write the date as "YYYY-MM-DD"')
        return
    if validator == "type":
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in ([value] if isinstance(value, str) else value))
        yield SchemaProblem(field, f"{_short(repr(error.instance), 60)} should be {expected}", _see(description))
        return
    yield SchemaProblem(field, _short(error.message), _see(description))


_TYPE_WORDS = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _see(description: str) -> str:
    if not description:
        return "see the schema (`nhsoa schema`)"
    first = description[0].lower() if description[1:2].islower() else description[0]  # keep "ODS", "URL"
    return f"see the schema: {first}{description[1:]}"


def _matches(pattern: str, key: str) -> bool:
    return re.search(pattern, key) is not None


def _known_fields(sub_schema: dict[str, Any]) -> str:
    names = ", ".join(sorted(sub_schema.get("properties", {})))
    return f"remove it or use a known field: {names}" if names else "remove it"


def _colon(text: str) -> str:
    return f": {text[0].lower() if text[1:2].islower() else text[0]}{text[1:]}" if text else ""


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."
