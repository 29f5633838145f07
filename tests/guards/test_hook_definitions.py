"""The guards exported in .pre-commit-hooks.yaml and those a generated project runs are the same hooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import build_parser
from tests.template.conftest import baked

REPO = Path(__file__).resolve().parents[2]
SHARED_KEYS = ("entry", "language", "files", "types")


def exported() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yamlio.load_file(REPO / ".pre-commit-hooks.yaml").data}


def test_the_three_guards_are_exported_and_run_real_commands() -> None:
    hooks = exported()
    assert set(hooks) == {"nhsoa-validate", "nhsoa-scan", "nhsoa-no-data"}
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for hook in hooks.values():
        program, command = str(hook["entry"]).split()
        assert program == "nhsoa"
        assert command in commands
        assert hook["language"] == "python"


@pytest.mark.parametrize("language", ["Python", "R"])
def test_generated_projects_run_the_exported_guards(tmp_path: Path, language: str) -> None:
    project = baked(tmp_path, language=language)
    config = yamlio.load_file(project / ".pre-commit-config.yaml").data
    local = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    for hook_id, hook in exported().items():
        assert {k: local[hook_id].get(k) for k in SHARED_KEYS} == {k: hook.get(k) for k in SHARED_KEYS}, hook_id
