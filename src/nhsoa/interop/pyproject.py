"""pyproject.toml ([project] table, PEP 621 and PEP 639; Poetry's [tool.poetry] table) to a registry entry."""

from __future__ import annotations

import re
import sys
from typing import Any

from nhsoa.interop import common, jsonio, pymeta
from nhsoa.interop.model import Imported, ImportFailed, NotMetadata

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NAME = "pyproject"
FILENAMES = ("pyproject.toml",)
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
        raise NotMetadata(source, "no [project] table (and no [tool.poetry] table) to read")
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
    pymeta.put_urls(found, project.get("urls"), "project.urls")
    people = [_person(p) for key in ("maintainers", "authors") for p in _list(project.get(key))]
    pymeta.put_people(found, [p for p in people if p], "project.maintainers, project.authors")
    pymeta.put_phase(found, project.get("classifiers"))
    for key in sorted(set(project) - _HANDLED):
        found.skip(f"project.{key}")
    return found


def _licence(value: Any, classifiers: Any, found: Imported) -> None:
    text = value if isinstance(value, str) else value.get("text") if isinstance(value, dict) else None
    if isinstance(value, dict) and "file" in value and not text:
        found.note(f"project.license points to the file {value['file']!r}; the licence is read from that file")
        return  # the file is the declared licence; a classifier beside it is a summary that can disagree
    pymeta.put_licence(found, text, classifiers, "project.license")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _person(value: Any) -> tuple[str, str | None] | None:
    if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
        email = value.get("email") if isinstance(value.get("email"), str) else None
        return common.one_line(value["name"]), email
    if isinstance(value, str) and value.strip():  # Poetry: "Name <email>"
        name, _, rest = value.partition("<")
        return (common.one_line(name), rest.rstrip(">").strip() or None) if name.strip() else None
    return None


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
    urls = {k: poetry[k] for k in ("repository", "homepage", "documentation") if isinstance(poetry.get(k), str)}
    pymeta.put_urls(found, urls, "tool.poetry")
    pymeta.put_urls(found, poetry.get("urls"), "tool.poetry.urls")
    people = [_person(p) for key in ("maintainers", "authors") for p in _list(poetry.get(key))]
    pymeta.put_people(found, [p for p in people if p], "tool.poetry.maintainers, tool.poetry.authors")
    pymeta.put_phase(found, poetry.get("classifiers"))
    return found
