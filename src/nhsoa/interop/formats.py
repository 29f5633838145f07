"""The formats nhsoa reads and writes, and how a file's format is recognised."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import BadValue, UsageError, YamlError
from nhsoa.interop import cff, codemeta, description, jsonio, product, publiccode, pyproject, setupcfg, setuppy
from nhsoa.interop.model import Imported, ImportFailed

IMPORTERS: dict[str, ModuleType] = {
    "product": product,
    "publiccode": publiccode,
    "codemeta": codemeta,
    "cff": cff,
    "description": description,
    "pyproject": pyproject,
    "setupcfg": setupcfg,
    "setuppy": setuppy,
}
EXPORTERS: dict[str, ModuleType] = {"codemeta": codemeta, "publiccode": publiccode, "cff": cff}
BY_FILENAME = {name.lower(): fmt for fmt, module in IMPORTERS.items() for name in module.FILENAMES}


def detect(path: Path, raw: bytes) -> str:
    """The format of a metadata file: by its name first, then by its content (else :class:`BadValue`)."""
    by_name = BY_FILENAME.get(path.name.lower())
    if by_name:
        return by_name
    text = jsonio.decode(raw, path.name)
    if text.lstrip().startswith("{"):
        try:
            if codemeta.detect(json.loads(text)):
                return "codemeta"
        except json.JSONDecodeError:
            pass
    if description.detect(text):
        return "description"
    if "[project]" in text or "[tool.poetry]" in text:
        return "pyproject"
    data = _yaml(text)
    for fmt in ("cff", "publiccode", "product"):
        if IMPORTERS[fmt].detect(data):
            return fmt
    raise BadValue(
        "format", f"cannot tell the format of {path} from its name or content; say which it is: {', '.join(IMPORTERS)}"
    )


def _yaml(text: str) -> Any:
    try:
        return yamlio.loads(text)
    except YamlError:
        return None


def read(path: Path, fmt: str = "auto") -> Imported:
    """Import one metadata file; raise :class:`ImportFailed` when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > jsonio.MAX_BYTES:
            raise ImportFailed(path.name, f"file is {size:,} bytes; the limit is {jsonio.MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if fmt == "auto":
        fmt = detect(path, raw)
    module = IMPORTERS[fmt]
    if getattr(module, "READS_FOLDER", False):
        found: Imported = module.parse(raw, path.name, folder=path.parent)
        return found
    imported: Imported = module.parse(raw, path.name)
    return imported
