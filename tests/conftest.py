from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
ENTRIES = DATA / "entries"
TODAY = date(2026, 11, 25)  # the date the entry cases' expectations are written for

pytest_plugins = ["tests.corpus", "tests.search.report"]  # real repositories from git bundles; search figures


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as a maintainer would, so paths print relative to it."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """An empty registry with the test taxonomy and organisations; add entries to tools/."""
    root = tmp_path / "registry"
    (root / "tools").mkdir(parents=True)
    for name in ("taxonomy.yaml", "organisations.yaml"):
        (root / name).write_text((ENTRIES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return root


def entry_text(entry_id: str, **fields: str) -> str:
    """A small valid entry as YAML text; keyword arguments add or replace top-level lines."""
    lines = {
        "id": entry_id,
        "name": entry_id.replace("-", " ").title(),
        "summary": "A test entry for the registry's own tests.",
        "kind": "package",
        "repository": f"https://github.com/example/{entry_id}",
        "licence": "MIT",
        "owner": "{name: Example Trust, type: nhs-trust}",
        "phase": "beta",
        **fields,
    }
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


# Git repositories and registries built from fixture files, for review and harvest tests.
REVIEW_ENTRIES = DATA / "review" / "entries"


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """git with a pinned author and date, and no user or system configuration."""
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
def seeded_registry(tmp_path: Path) -> Path:
    """A registry folder with the real reference lists and the review fixture entries."""
    root = tmp_path / "registry"
    (root / "tools").mkdir(parents=True)
    for name in ("taxonomy.yaml", "organisations.yaml"):
        shutil.copy(REPO / "registry" / name, root / name)
    for entry in REVIEW_ENTRIES.glob("*.yaml"):
        shutil.copy(entry, root / "tools" / entry.name)
    return root


@pytest.fixture
def registry_repo(seeded_registry: Path, git_env: None) -> Path:
    """A git repository (branch main, one commit) holding the registry folder, on branch `change`."""
    repo = seeded_registry.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "registry")
    git(repo, "checkout", "-q", "-b", "change")
    return repo
