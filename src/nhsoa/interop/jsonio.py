"""Reading JSON metadata files with the same limits as YAML: size, encoding, a clear line on error."""

from __future__ import annotations

import json
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.interop.model import ImportFailed

MAX_BYTES = yamlio.MAX_BYTES
MAX_DEPTH = 64


def load(raw: bytes, source: str) -> Any:
    text = decode(raw, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(source, f"invalid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise ImportFailed(source, "JSON is nested too deeply") from None
    if _depth(data) > MAX_DEPTH:
        raise ImportFailed(source, f"JSON is nested more than {MAX_DEPTH} levels deep")
    return data


def decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportFailed(source, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        return yamlio.decode(raw)
    except YamlError as exc:
        raise ImportFailed(source, exc.message, exc.line) from None


def load_yaml(raw: bytes, source: str) -> Any:
    try:
        return yamlio.load_bytes(raw)[1]
    except YamlError as exc:
        raise ImportFailed(source, exc.message, exc.line) from None


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level
