"""Evidence a repository's own files give for the facts a trust relies on.

- the packages it declares (DESCRIPTION, pyproject.toml, setup.cfg, setup.py, package.json),
  the starting point for its install channels;
- its status badges (repostatus.org, r-lib lifecycle, GIScience) and any README notice that it is
  archived or no longer maintained;
- its newest version tag;
- its languages by lines of code (:mod:`nhsoa.interop.linecount`).

Everything here reads text that has already been read from the repository: it neither
runs git nor touches the network, so it is the same on a checkout and on a bare mirror.
"""

from __future__ import annotations

import configparser
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

README_NAMES = ("README.md", "README.Rmd", "README.qmd", "README.rst", "README.txt", "README")
PACKAGE_FILES = ("DESCRIPTION", "pyproject.toml", "setup.cfg", "setup.py", "package.json")
REPOSTATUS = ("concept", "wip", "suspended", "abandoned", "active", "inactive", "unsupported", "moved")
LIFECYCLE = ("experimental", "maturing", "stable", "questioning", "superseded", "deprecated", "dormant", "retired",
             "archived", "defunct")  # fmt: skip
GISCIENCE = ("experimental", "active", "hibernate", "archive")

_REPOSTATUS = re.compile(r"repostatus\.org/(?:badges/[\w.]+/|#)(" + "|".join(REPOSTATUS) + r")\b", re.IGNORECASE)
_LIFECYCLE = re.compile(
    r"(?:lifecycle[-_/]|lifecycle\.r-lib\.org/articles/stages\.html#)(" + "|".join(LIFECYCLE) + r")\b", re.IGNORECASE
)
_GISCIENCE = re.compile(r"GIScience/badges(?:/raw/\w+/status/|#)(" + "|".join(GISCIENCE) + r")\b", re.IGNORECASE)
_ARCHIVE_NOTICE = re.compile(
    r"\b(?:this|the)\s+(?:repository|repo|project|package|tool|code)\s+(?:has\s+been|is\s+now|is)\s+"
    r"(?:archived|deprecated|(?:not\s+currently\s+being\s+actively|no\s+longer(?:\s+actively)?)\s+"
    r"(?:maintained|supported|developed))",
    re.IGNORECASE,
)
# A heading that announces the end: "# cohort-extractor has been discontinued".
_ARCHIVE_HEADING = re.compile(
    r"^#{1,3}[ \t]+[^\n]*?\b(?:has\s+been|is)\s+(?:discontinued|deprecated|archived|retired)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_R_UNIVERSE = re.compile(r"https?://([A-Za-z0-9][A-Za-z0-9-]{0,38})\.r-universe\.dev\b")
_SETUP_NAME = re.compile(r"""\bname\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)["']""")
_VERSION_TAG = re.compile(r"^(?:v|version[-_]?|release[-_]?)?(\d+(?:\.\d+){0,3})([-.+]?[A-Za-z0-9.]*)$", re.IGNORECASE)
_PRE_RELEASE = re.compile(r"(?:a|alpha|b|beta|rc|dev|pre|preview)\d*$", re.IGNORECASE)


@dataclass(frozen=True)
class Package:
    """A package a repository declares: its language, its name and the file that names it."""

    language: str
    name: str
    source: str
    version: str | None = None


@dataclass(frozen=True)
class Badge:
    scheme: str  # repostatus or lifecycle
    status: str
    source: str


@dataclass(frozen=True)
class Release:
    version: str
    source: str
    date: str | None = None


def readme(files: Mapping[str, bytes]) -> tuple[str, str] | None:
    """(name, text) of the top-level README, preferring the rendered Markdown."""
    by_lower = {name.lower(): name for name in files if "/" not in name}
    for wanted in README_NAMES:
        name = by_lower.get(wanted.lower())
        if name is not None:
            return name, files[name].decode("utf-8", errors="replace")
    return None


def packages(files: Mapping[str, bytes]) -> list[Package]:
    """The packages declared at the top of a repository, in the order of :data:`PACKAGE_FILES`."""
    found: list[Package] = []
    for name in PACKAGE_FILES:
        raw = files.get(name)
        if raw is None:
            continue
        text = raw.decode("utf-8", errors="replace")
        package = _READERS[name](text)
        if package is not None and not any(p.language == package.language for p in found):
            found.append(package)
    return found


def _description(text: str) -> Package | None:
    fields = dict(re.findall(r"^([A-Za-z@/.]+):[ \t]*(\S.*)$", text, re.MULTILINE))
    name = fields.get("Package", "").strip()
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]", name):
        return None
    return Package("R", name, "DESCRIPTION", fields.get("Version", "").strip() or None)


def _pyproject(text: str) -> Package | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    project = data.get("project")
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    for table in (project, poetry):
        if isinstance(table, dict) and isinstance(table.get("name"), str):
            version = table.get("version")
            return Package("Python", table["name"], "pyproject.toml", version if isinstance(version, str) else None)
    return None


def _setup_cfg(text: str) -> Package | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    name = parser.get("metadata", "name", fallback="").strip()
    return Package("Python", name, "setup.cfg") if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) else None


def _setup_py(text: str) -> Package | None:
    call = text.find("setup(")
    match = _SETUP_NAME.search(text, call) if call >= 0 else None
    return Package("Python", match.group(1), "setup.py") if match else None


def package_json(text: str) -> Package | None:
    """The npm package a package.json declares: one with a name that is not private."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("private") is True or not isinstance(data.get("name"), str):
        return None
    version = data.get("version")
    return Package("JavaScript", data["name"], "package.json", version if isinstance(version, str) else None)


_READERS = {
    "DESCRIPTION": _description,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "package.json": package_json,
}


def r_universes(text: str) -> list[str]:
    """R-universe names a README points to (``https://<name>.r-universe.dev``), in order."""
    return list(dict.fromkeys(match.group(1).lower() for match in _R_UNIVERSE.finditer(text)))


def badges(name: str, text: str) -> list[Badge]:
    """repostatus.org, lifecycle and GIScience status badges in a README, each once, in order."""
    found = [(m.start(), Badge("repostatus", m.group(1).lower(), name)) for m in _REPOSTATUS.finditer(text)]
    found += [(m.start(), Badge("lifecycle", m.group(1).lower(), name)) for m in _LIFECYCLE.finditer(text)]
    found += [(m.start(), Badge("giscience", m.group(1).lower(), name)) for m in _GISCIENCE.finditer(text)]
    return list(dict.fromkeys(badge for _, badge in sorted(found, key=lambda item: item[0])))


def archive_notice(text: str) -> str | None:
    """The sentence of a README that says the repository is archived or no longer maintained."""
    match = _ARCHIVE_HEADING.search(text) or _ARCHIVE_NOTICE.search(text)
    if not match:
        return None
    return " ".join(match.group(0).lstrip("#").split())[:300]


def version_key(tag: str) -> tuple[tuple[int, ...], int, str] | None:
    """A sort key for a version tag (``v1.2.0``, ``1.10``, ``release-2``); None for other tags.

    Pre-releases (``1.0.0rc1``) sort before their release.
    """
    match = _VERSION_TAG.match(tag.strip())
    if not match:
        return None
    numbers = tuple(int(part) for part in match.group(1).split("."))
    numbers += (0,) * (4 - len(numbers))
    suffix = match.group(2).lstrip("-.+")
    return numbers, 0 if _PRE_RELEASE.search(suffix) else 1, suffix


def newest_tag(tags: Iterable[tuple[str, str | None]]) -> Release | None:
    """The highest version among ``(tag, date)`` pairs, as a release."""
    versioned = [(key, name, when) for name, when in tags if (key := version_key(name)) is not None]
    if not versioned:
        return None
    _, name, when = max(versioned, key=lambda item: item[0])
    return Release(name, f"tag {name}", when)
