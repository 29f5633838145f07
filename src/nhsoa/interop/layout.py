"""What kind of tool a repository is, when no metadata file says: from the files it holds.

In order: an app (a Streamlit or Shiny app), a package (a DESCRIPTION, pyproject.toml, setup.cfg
or setup.py, or a package.json that is not private), a pipeline (a targets, DVC, Snakemake or
Nextflow pipeline, or a repository whose name or opening sentence calls it one), and otherwise
research code. A package that describes
itself as a pipeline ("A pipeline for ...") is a pipeline that happens to be packaged.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from nhsoa.interop import evidence

PACKAGE_FORMATS = ("description", "pyproject", "setupcfg", "setuppy")
_PIPELINE_FILES = ("_targets.R", "dvc.yaml", "Snakefile", "main.nf", "nextflow.config")
_CODE_SUFFIXES = (".py", ".r", ".ipynb", ".rmd", ".qmd", ".sql", ".sas", ".do", ".jl")
_SELF_PIPELINE = re.compile(r"^(?:an?|the|this)?\s*(?:[\w-]+\s+){0,3}pipelines?\b", re.IGNORECASE)
_MAX_SCRIPT_BYTES = 200_000


def app_signal(folder: Path) -> str | None:
    """Why the repository is an app, or None."""
    if (folder / ".streamlit").is_dir():
        return "a .streamlit folder (a Streamlit app)"
    if (folder / "app.R").is_file() or ((folder / "ui.R").is_file() and (folder / "server.R").is_file()):
        return "app.R, or ui.R and server.R (a Shiny app)"
    for script in sorted(folder.glob("*.py")):
        if script.is_file() and not script.is_symlink() and script.stat().st_size <= _MAX_SCRIPT_BYTES:
            text = script.read_text(encoding="utf-8", errors="replace")
            if re.search(r"^\s*import streamlit\b", text, re.MULTILINE):
                return f"{script.name} imports streamlit (a Streamlit app)"
    return None


def pipeline_signal(folder: Path, name: str, summary: str) -> str | None:
    """Why the repository is a pipeline, or None."""
    present = [f for f in _PIPELINE_FILES if (folder / f).is_file()]
    if present:
        return f"{present[0]} (a pipeline definition)"
    words = {w.lower() for w in re.split(r"[-_.\s]+", name) if w}
    if words & {"pipeline", "rap"}:
        return f"the name {name!r} says it is a pipeline"
    if _SELF_PIPELINE.match(summary):
        return "its summary calls it a pipeline"
    return None


def npm_package(folder: Path) -> str | None:
    """Why the repository is an npm package (a package.json that names it and is not private), or None."""
    manifest = folder / "package.json"
    if not manifest.is_file() or manifest.is_symlink() or manifest.stat().st_size > _MAX_SCRIPT_BYTES:
        return None
    if evidence.package_json(manifest.read_text(encoding="utf-8", errors="replace")) is None:
        return None
    return "package.json (an npm package)"


def has_code(folder: Path) -> bool:
    for _, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "renv", "venv")]
        if any(Path(name).suffix.lower() in _CODE_SUFFIXES for name in names):
            return True
    return False


def decide(folder: Path, manifest: str | None, name: str, summary: str) -> tuple[str, str] | None:
    """(kind, why) from the repository's files; ``manifest`` is the package file that was read, if any."""
    if why := app_signal(folder):
        return "app", why
    if manifest is not None:
        if _SELF_PIPELINE.match(summary):
            return "pipeline", f"{manifest} makes it a package, but its summary calls it a pipeline"
        return "package", f"{manifest} (a package)"
    if why := npm_package(folder):
        return "package", why
    if why := pipeline_signal(folder, name, summary):
        return "pipeline", why
    if has_code(folder):
        return "research-code", "code without a package, app or pipeline definition"
    return None
