from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
ENTRIES = DATA / "entries"
TODAY = date(2026, 11, 25)  # the date the entry cases' expectations are written for


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
