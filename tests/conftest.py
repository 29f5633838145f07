"""Shared fixtures: a temporary registry built from fixture files, and git with a pinned author."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
ENTRIES = Path(__file__).parent / "data" / "review" / "entries"


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
        "GIT_AUTHOR_DATE": "2025-06-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-06-01T12:00:00+00:00",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A registry folder: the real reference lists and the fixture entries."""
    root = tmp_path / "registry"
    (root / "tools").mkdir(parents=True)
    for name in ("taxonomy.yaml", "organisations.yaml"):
        shutil.copy(ROOT / "registry" / name, root / name)
    for entry in ENTRIES.glob("*.yaml"):
        shutil.copy(entry, root / "tools" / entry.name)
    return root


@pytest.fixture
def registry_repo(tmp_path: Path, registry: Path, git_env: None) -> Path:
    """A git repository (branch main, one commit) holding the registry folder."""
    repo = registry.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "registry")
    git(repo, "checkout", "-q", "-b", "change")
    return repo
