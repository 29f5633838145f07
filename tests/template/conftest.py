"""Shared fixtures: the template, a git copy of it, baking helpers and a quiet, repeatable git."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nhsoa.template.bake import bake

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "templates" / "analytics-product"
TEMPLATE_PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
DATA = Path(__file__).parent / "data"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "test.author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "test.author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(scope="session", autouse=True)
def quiet_git(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A pinned identity, no user or system git configuration, and a private pre-commit cache."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for key, value in GIT_ENV.items():
            patch.setenv(key, value)
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        patch.setenv("PRE_COMMIT_HOME", str(tmp_path_factory.mktemp("pre-commit-home")))
        yield


@pytest.fixture(scope="session")
def nhsoa_wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the wheel of this checkout, built once per session (for PIP_FIND_LINKS)."""
    folder = tmp_path_factory.mktemp("wheels")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(REPO), "-w", str(folder)]
    subprocess.run(command, check=True, capture_output=True)
    return folder


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def copy_template_repo(target: Path) -> Path:
    """A git repository holding a copy of the template at templates/analytics-product."""
    shutil.copytree(TEMPLATE, target / "templates" / "analytics-product")
    git(target, "init", "--quiet")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "template")
    return target


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only git copy of the template, for tests that generate but never change it."""
    return copy_template_repo(tmp_path_factory.mktemp("template-repo"))


@pytest.fixture
def own_template_repo(tmp_path: Path) -> Path:
    """A git copy of the template that the test may change and commit to."""
    return copy_template_repo(tmp_path / "template-repo")


def baked(output: Path, **answers: Any) -> Path:
    """The template generated in-process with ``answers`` (defaults for the rest)."""
    return bake(TEMPLATE, answers, output)


def questions() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    return data


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
