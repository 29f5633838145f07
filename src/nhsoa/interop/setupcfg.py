"""setup.cfg: the [metadata] section setuptools reads (a setup.cfg of tool settings only is not metadata)."""

from __future__ import annotations

import configparser
from typing import Any

from nhsoa.interop import jsonio, pymeta
from nhsoa.interop.model import Imported, ImportFailed, NotMetadata

NAME = "setupcfg"
FILENAMES = ("setup.cfg",)
_LISTS = ("classifiers", "keywords")


def parse(raw: bytes, source: str = "setup.cfg") -> Imported:
    text = jsonio.decode(raw, source)
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        parser.read_string(text, source=source)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", 1) or 1
        raise ImportFailed(source, f"not a valid setup.cfg: {str(exc).splitlines()[0]}", int(line)) from None
    if not parser.has_section("metadata"):
        raise NotMetadata(source, "no [metadata] section (only tool settings); not read as packaging metadata")
    found = Imported(NAME, source)
    meta: dict[str, Any] = {}
    for raw_key, value in parser.items("metadata"):
        key = raw_key.replace("-", "_")
        if value.strip().startswith(("file:", "attr:")):
            found.skip(f"metadata.{key}", f"{value.strip()!r} points elsewhere; not followed")
        elif key == "project_urls":
            meta[key] = _pairs(value)
        elif key in _LISTS:
            # classifiers are one per line; keywords may also be separated by commas
            lines = value.replace(",", "\n").splitlines() if key == "keywords" else value.splitlines()
            meta[key] = [line.strip() for line in lines if line.strip()]
        else:
            meta[key] = value.strip()
    pymeta.put_core(found, meta, "metadata")
    for key in sorted(set(meta) - pymeta.CORE_FIELDS - {"long_description", "long_description_content_type"}):
        found.skip(f"metadata.{key}")
    return found


def _pairs(value: str) -> dict[str, str]:
    """``label = address`` lines (setup.cfg's dangling list of project URLs)."""
    pairs = {}
    for line in value.splitlines():
        label, sep, url = line.partition("=")
        if sep and label.strip() and url.strip():
            pairs[label.strip()] = url.strip()
    return pairs
