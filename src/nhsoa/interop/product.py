"""product.yaml: a product repository's own entry (the registry's document type), taken as it is."""

from __future__ import annotations

from typing import Any

from nhsoa.interop import jsonio
from nhsoa.interop.model import Imported, ImportFailed, flatten
from nhsoa.registry import schema

NAME = "product"
FILENAMES = ("product.yaml",)
# Fields the registry curates itself; a product repository may not assert them.
CURATED = ("adopters", "added", "last_verified", "last_verified_commit", "verification", "skip_checks")


def detect(data: Any) -> bool:
    return isinstance(data, dict) and {"id", "kind", "phase"} <= set(data)


def parse(raw: bytes, source: str = "product.yaml") -> Imported:
    data = jsonio.load_yaml(raw, source)
    if not isinstance(data, dict):
        raise ImportFailed(source, "a product.yaml file is one YAML mapping")
    found = Imported(NAME, source)
    known = schema.schema()["properties"]
    for key, value in data.items():
        if key in CURATED:
            found.skip(key, "curated by the registry, not taken from the product")
        elif key in known:
            found.entry[key] = value
        else:
            found.skip(str(key), "not a field of the metadata schema")
    for dotted in flatten(found.entry):
        found.provenance[dotted] = f"{source}: {dotted}"
    return found
