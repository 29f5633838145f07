"""What a repository's files show about the RAP criteria that files can show.

Each detector returns a short description of the evidence it found, or None. The file list is
git's (tracked and untracked files that are not ignored) when the folder is a git work tree, so
ignored outputs and virtual environments do not count.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CODE_SUFFIXES = {".py": "Python", ".r": "R", ".sql": "SQL", ".ipynb": "notebook", ".rmd": "R Markdown"}
_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "site", "build", "dist", ".tox", ".nox"}
_MAX_READ = 512 * 1024
CI_FILES = re.compile(
    r"^(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.yml|azure-pipelines\.ya?ml|Jenkinsfile|\.circleci/config\.yml)$"
)
_RUNS_TESTS = re.compile(r"\b(pytest|testthat|tox|nox|unittest|make test|R CMD check|devtools::test)\b")
_TRIGGERS = re.compile(
    r"^\s*(schedule:|schedules:|- cron:|cron:|repository_dispatch:|workflow_run:)"
    r"|CI_PIPELINE_SOURCE\s*==\s*\"(schedule|trigger|pipeline)\"",
    re.MULTILINE,
)
_LOGGING = re.compile(r"^\s*(import logging|from logging import|from loguru import|library\((logger|log4r)\))", re.M)
_LINTER_TABLES = ("ruff", "flake8", "black", "pylint")
_LINTER_FILES = ("ruff.toml", ".ruff.toml", ".flake8", ".pylintrc", "pylintrc", ".lintr", "tox.ini")


class Repository:
    """A read-only view of the files under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, text=True, check=False, encoding="utf-8"
            )
        except OSError:
            return None
        return result.stdout if result.returncode == 0 else None

    @cached_property
    def is_git(self) -> bool:
        return (self.git("rev-parse", "--is-inside-work-tree") or "").strip() == "true"

    @cached_property
    def files(self) -> list[PurePosixPath]:
        if self.is_git:
            listing = self.git("ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ".")
            if listing is not None:
                return sorted({PurePosixPath(p) for p in listing.split("\0") if p and (self.root / p).is_file()})
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
            base = Path(folder).relative_to(self.root)
            found += [PurePosixPath((base / name).as_posix()) for name in names]
        return sorted(found)

    def has_dir(self, name: str) -> bool:
        return any(path.parts[:1] == (name,) for path in self.files)

    def matching(self, pattern: re.Pattern[str]) -> list[PurePosixPath]:
        return [path for path in self.files if pattern.search(path.as_posix())]

    def read(self, path: PurePosixPath | str) -> str:
        full = self.root / str(path)
        try:
            if full.stat().st_size > _MAX_READ:
                return ""
            return full.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    @cached_property
    def pyproject(self) -> dict[str, Any]:
        text = self.read("pyproject.toml")
        try:
            return tomllib.loads(text) if text else {}
        except tomllib.TOMLDecodeError:
            return {}


def _listed(paths: list[PurePosixPath], limit: int = 3) -> str:
    shown = ", ".join(p.as_posix() for p in paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def code_files(repo: Repository) -> str | None:
    counts: dict[str, int] = {}
    for path in repo.files:
        language = CODE_SUFFIXES.get(path.suffix.lower())
        if language:
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    return ", ".join(f"{n} {language} file{'s' * (n != 1)}" for language, n in sorted(counts.items()))


def version_control(repo: Repository) -> str | None:
    if not repo.is_git:
        return None
    count = (repo.git("rev-list", "--count", "HEAD") or "").strip()
    return f"git repository with {count} commit{'s' * (count != '1')}" if count.isdigit() and count != "0" else None


def readme(repo: Repository) -> str | None:
    for path in repo.files:
        if len(path.parts) == 1 and path.stem.upper() == "README":
            text = repo.read(path).lower()
            if "install" in text and ("usage" in text or "run" in text):
                return f"{path} (install and usage steps)"
    return None


def documentation(repo: Repository) -> str | None:
    pages = [p for p in repo.files if p.parts[:1] == ("docs",) and p.suffix.lower() in (".md", ".rst", ".qmd")]
    modules = [p for p in repo.files if p.suffix == ".py" and p.parts[:1] != ("tests",)]
    documented = [p for p in modules if re.match(r'\s*(#.*\n\s*)*[rRuU]?("""|\'\'\')', repo.read(p))]
    if not pages or (modules and not documented):
        return None
    return (
        f"docs/ ({len(pages)} page{'s' * (len(pages) != 1)}); docstrings in {len(documented)} of {len(modules)} modules"
    )


def layout(repo: Repository) -> str | None:
    package = (
        "src/" if repo.has_dir("src") else ("R/" if repo.has_dir("R") and (repo.root / "DESCRIPTION").is_file() else "")
    )
    if package and repo.has_dir("tests"):
        return f"{package} and tests/" + (" and docs/" if repo.has_dir("docs") else "")
    return None


def coding_standard(repo: Repository) -> str | None:
    tools = repo.pyproject.get("tool", {})
    tables = [name for name in _LINTER_TABLES if name in tools]
    if tables:
        return f"pyproject.toml [tool.{tables[0]}]"
    files = [p for p in repo.files if p.as_posix() in _LINTER_FILES]
    if files:
        return _listed(files)
    config = repo.read(".pre-commit-config.yaml")
    for linter in ("ruff", "flake8", "black", "lintr", "styler"):
        if re.search(rf"\b{linter}\b", config):
            return f".pre-commit-config.yaml runs {linter}"
    return None


def tests(repo: Repository) -> str | None:
    test_files = [
        p for p in repo.files if re.match(r"(test_.*|.*_test)\.(py|R)$", p.name) or p.parts[:2] == ("tests", "testthat")
    ]
    if not test_files:
        return None
    runner = (
        "pytest configuration in pyproject.toml"
        if "pytest" in repo.pyproject.get("tool", {})
        else next(
            (p.as_posix() for p in repo.files if p.name in ("pytest.ini", "conftest.py", "tox.ini", "testthat.R")), ""
        )
    )
    if not runner:
        return None
    return f"{len(test_files)} test file{'s' * (len(test_files) != 1)}; {runner}"


def dependencies(repo: Repository) -> str | None:
    if isinstance(repo.pyproject.get("project", {}).get("dependencies"), list):
        return "pyproject.toml [project] dependencies"
    names = (
        "requirements.txt",
        "environment.yml",
        "environment.yaml",
        "renv.lock",
        "poetry.lock",
        "uv.lock",
        "Pipfile",
    )
    found = [p for p in repo.files if p.name in names or re.match(r"requirements.*\.txt$", p.name)]
    return _listed(found) if found else None


def logging_setup(repo: Repository) -> str | None:
    found = [p for p in repo.files if p.suffix.lower() in (".py", ".r") and p.parts[:1] != ("tests",)]
    found = [p for p in found if _LOGGING.search(repo.read(p))]
    return f"logging in {_listed(found)}" if found else None


def packaged(repo: Repository) -> str | None:
    if "build-system" in repo.pyproject and "name" in repo.pyproject.get("project", {}):
        return "pyproject.toml with [build-system] and [project]"
    if (repo.root / "DESCRIPTION").is_file():
        return "DESCRIPTION (R package)"
    if (repo.root / "setup.py").is_file():
        return "setup.py"
    return None


def continuous_integration(repo: Repository) -> str | None:
    found = [p for p in repo.matching(CI_FILES) if _RUNS_TESTS.search(repo.read(p))]
    return f"{_listed(found)} runs the tests" if found else None


def triggers(repo: Repository) -> str | None:
    found = [p for p in repo.matching(CI_FILES) if _TRIGGERS.search(repo.read(p))]
    return f"{_listed(found)} runs on a schedule or trigger" if found else None


def releases(repo: Repository) -> str | None:
    changelog = next((p for p in repo.files if len(p.parts) == 1 and p.stem.upper() in ("CHANGELOG", "NEWS")), None)
    if changelog is None:
        return None
    version = repo.pyproject.get("project", {}).get("version")
    tags = (repo.git("tag", "--list") or "").split() if repo.is_git else []
    signs = [changelog.as_posix()]
    if isinstance(version, str):
        signs.append(f"version {version}")
    if tags:
        signs.append(f"tags {_listed([PurePosixPath(t) for t in tags])}")
    return "; ".join(signs) if len(signs) > 1 else None


DETECTORS: dict[str, Callable[[Repository], str | None]] = {
    "B1": code_files,
    "B2": version_control,
    "B3": readme,
    "S2": documentation,
    "S3": layout,
    "S5": coding_standard,
    "S6": tests,
    "S7": dependencies,
    "S8": logging_setup,
    "G1": packaged,
    "G2": continuous_integration,
    "G3": triggers,
    "G4": releases,
}
