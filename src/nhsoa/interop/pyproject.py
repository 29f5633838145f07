"""pyproject.toml ([project] table, PEP 621 and PEP 639; Poetry's [tool.poetry] table) to a registry entry."""

from __future__ import annotations

import re
import sys
from typing import Any

from nhsoa.interop import common, jsonio
from nhsoa.interop.model import Imported, ImportFailed

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NAME = "pyproject"
FILENAMES = ("pyproject.toml",)
_URL_KEYS = {
    "repository": ("source", "repository", "source code", "code", "github", "gitlab"),
    "homepage": ("homepage", "home", "home page", "website"),
    "documentation": ("documentation", "docs", "doc"),
    "contact": ("issues", "bug tracker", "tracker", "bugs", "issue tracker", "bug reports"),
}
_CLASSIFIER_LICENCES = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: BSD License": None,  # which BSD is not said
    "License :: OSI Approved :: GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "License :: OSI Approved :: GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "License :: OSI Approved :: GNU Affero General Public License v3": "AGPL-3.0-only",
    "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}
_HANDLED = {"name", "description", "license", "keywords", "authors", "maintainers", "urls", "classifiers",
            "readme", "version", "dynamic", "requires-python", "dependencies", "optional-dependencies",
            "scripts", "gui-scripts", "entry-points", "license-files"}  # fmt: skip


def detect(data: Any) -> bool:
    return isinstance(data, dict) and ("project" in data or "poetry" in data.get("tool", {}))


def load(raw: bytes, source: str) -> dict[str, Any]:
    text = jsonio.decode(raw, source)
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ImportFailed(
            source, f"invalid TOML: {str(exc).split(' (at')[0]}", int(line.group(1)) if line else 1
        ) from None


def parse(raw: bytes, source: str = "pyproject.toml") -> Imported:
    data = load(raw, source)
    project = data.get("project")
    poetry = data.get("tool", {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if not isinstance(project, dict) and isinstance(poetry, dict):
        return _poetry(poetry, source)
    if not isinstance(project, dict):
        raise ImportFailed(source, "no [project] table (and no [tool.poetry] table) to read")
    found = Imported(NAME, source)
    name = project.get("name") if isinstance(project.get("name"), str) else None
    found.put("name", name, "project.name")
    if name:
        found.put("id", common.slug(name), "project.name (as an id)")
        found.note(f"install.pypi is not set: pyproject.toml does not say whether {name!r} is published on PyPI")
    if isinstance(project.get("description"), str):
        summary, cut = common.summary_from(project["description"])
        found.put("summary", summary, "project.description (first sentence)" if cut else "project.description")
    found.put("languages", ["Python"], "pyproject.toml (a Python project)")
    found.put("kind", "package", "pyproject.toml (a Python package)")
    _licence(project.get("license"), project.get("classifiers"), found)
    found.put("keywords", common.keywords(project.get("keywords")), "project.keywords")
    people = [_person(p) for key in ("maintainers", "authors") for p in project.get(key, []) or []]
    found.put("maintainers", _unique(p for p in people if p), "project.maintainers, project.authors")
    _urls(project.get("urls"), found, "project.urls")
    _phase(project.get("classifiers"), found)
    for key in sorted(set(project) - _HANDLED):
        found.skip(f"project.{key}")
    return found


def _licence(value: Any, classifiers: Any, found: Imported) -> None:
    text = value if isinstance(value, str) else value.get("text") if isinstance(value, dict) else None
    if isinstance(value, dict) and "file" in value and not text:
        found.skip("project.license", f"points to the file {value['file']!r}; read the licence there")
    if isinstance(text, str) and text.strip():
        expression, problem = common.spdx(text)
        if expression:
            found.put("licence", expression, "project.license")
            return
        found.skip("project.license", problem)
    for classifier in common.texts(classifiers):
        if classifier in _CLASSIFIER_LICENCES:
            licence = _CLASSIFIER_LICENCES[classifier]
            if licence:
                found.put("licence", licence, f"classifier {classifier!r}")
                return
            found.skip("classifier", f"{classifier!r} does not name one licence")


def _phase(classifiers: Any, found: Imported) -> None:
    phases = {"1": "discovery", "2": "alpha", "3": "alpha", "4": "beta", "5": "live", "6": "live", "7": "retired"}
    for classifier in common.texts(classifiers):
        match = re.match(r"^Development Status :: (\d) - ", classifier)
        if match and match.group(1) in phases:
            found.put("phase", phases[match.group(1)], f"classifier {classifier!r}")


def _person(value: Any) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return common.one_line(value["name"])
    if isinstance(value, str):  # Poetry: "Name <email>"
        return common.one_line(value.split("<", 1)[0]) or None
    return None


def _unique(names: Any) -> list[dict[str, str]]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(common.person(name))
    return out


def _urls(urls: Any, found: Imported, where: str) -> None:
    if not isinstance(urls, dict):
        return
    for label, url in urls.items():
        if not isinstance(url, str):
            continue
        key = str(label).strip().lower().replace("-", " ").replace("_", " ")
        field = next((f for f, labels in _URL_KEYS.items() if key in labels), None)
        if field is None:
            found.skip(f"{where}.{label}")
            continue
        value = common.repository_url(url) if field == "repository" else url.strip()
        if field not in found.entry:
            found.put(field, value, f"{where}.{label}")


def _poetry(poetry: dict[str, Any], source: str) -> Imported:
    found = Imported(NAME, source)
    name = poetry.get("name") if isinstance(poetry.get("name"), str) else None
    found.put("name", name, "tool.poetry.name")
    if name:
        found.put("id", common.slug(name), "tool.poetry.name (as an id)")
    if isinstance(poetry.get("description"), str):
        found.put("summary", common.summary_from(poetry["description"])[0], "tool.poetry.description")
    found.put("languages", ["Python"], "pyproject.toml (a Python project)")
    found.put("kind", "package", "pyproject.toml (a Python package)")
    _licence(poetry.get("license"), poetry.get("classifiers"), found)
    found.put("keywords", common.keywords(poetry.get("keywords")), "tool.poetry.keywords")
    people = [_person(p) for key in ("maintainers", "authors") for p in poetry.get(key, []) or []]
    found.put("maintainers", _unique(p for p in people if p), "tool.poetry.maintainers, tool.poetry.authors")
    urls = {k: poetry[k] for k in ("repository", "homepage", "documentation") if isinstance(poetry.get(k), str)}
    _urls(urls, found, "tool.poetry")
    _urls(poetry.get("urls"), found, "tool.poetry.urls")
    _phase(poetry.get("classifiers"), found)
    return found
