"""The repository's own pre-commit hooks stay in step with the package they run."""

from __future__ import annotations

import re

import tomllib

from nhsoa import yamlio
from tests.conftest import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_hooks_are_local_python_hooks_with_pinned_dependencies() -> None:
    config = yamlio.load_file(REPO / ".pre-commit-config.yaml").data
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] == "python", hook["id"]
        assert all("==" in dep for dep in hook.get("additional_dependencies", [])), hook["id"]


def test_validate_hook_installs_exactly_nhsoa_dependencies() -> None:
    config = yamlio.load_file(REPO / ".pre-commit-config.yaml").data
    hook = next(h for h in config["repos"][0]["hooks"] if h["id"] == "nhsoa-validate")
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert sorted(_name(d) for d in hook["additional_dependencies"]) == sorted(
        _name(d) for d in project["dependencies"]
    )


def test_ruff_hook_pins_the_same_ruff_as_the_dev_extra() -> None:
    config = yamlio.load_file(REPO / ".pre-commit-config.yaml").data
    pinned = {
        d for h in config["repos"][0]["hooks"] for d in h.get("additional_dependencies", []) if d.startswith("ruff")
    }
    dev = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["dev"]
    assert pinned == {d for d in dev if d.startswith("ruff==")}
