"""One version, everywhere; a changelog in Keep a Changelog form; a release workflow that checks before it publishes.

The workflow file is also checked against GitHub's workflow schema with the others
(tests/review/test_automation.py); the smoke test it runs is run by tests/template/test_distribution.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tomllib

from nhsoa import __version__, yamlio
from nhsoa.main import main

ROOT = Path(__file__).resolve().parents[1]
CHANGELOG = ROOT / "CHANGELOG.md"
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def workflow() -> dict[str, Any]:
    data: dict[str, Any] = yamlio.load_file(ROOT / ".github" / "workflows" / "release.yml").data
    return data


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_nhsoa_version_prints_the_one_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"nhsoa {__version__}\n"


def test_the_version_is_kept_in_one_place() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["dynamic"] == ["version"]
    assert "version" not in pyproject["project"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/nhsoa/__init__.py"
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", __version__)


def test_the_changelog_keeps_a_changelog() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text
    releases = re.findall(r"^## \[([^\]]+)\](.*)$", text, flags=re.MULTILINE)
    assert releases[0] == ("Unreleased", "")
    for version, rest in releases[1:]:
        assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version), version
        assert re.fullmatch(r" - [0-9]{4}-[0-9]{2}-[0-9]{2}", rest), f"## [{version}]{rest}: needs ' - YYYY-MM-DD'"
    assert set(re.findall(r"^### (.*)$", text, flags=re.MULTILINE)) <= set(KINDS)
    for name, _ in releases:
        assert re.search(rf"^\[{re.escape(name)}\]: https://", text, flags=re.MULTILINE), f"no link for [{name}]"


def test_a_version_tag_starts_the_release() -> None:
    data = workflow()
    assert data["on"] == {"push": {"tags": ["v*"]}}
    assert data["permissions"] == {"contents": "read"}


def test_the_build_is_checked_and_must_match_the_tag_and_the_changelog() -> None:
    build = workflow()["jobs"]["build"]
    commands = runs(build)
    assert "python -m build" in commands
    assert "twine check --strict dist/*" in commands
    assert "dist/nhsoa-${version}-py3-none-any.whl" in commands
    assert "CHANGELOG.md" in commands


def test_the_wheel_is_tried_outside_the_checkout_before_anything_is_published() -> None:
    jobs = workflow()["jobs"]
    smoke = runs(jobs["smoke-test"])
    assert "python scripts/smoke-test.py" in smoke
    assert '--work "$RUNNER_TEMP/smoke"' in smoke
    assert (ROOT / "scripts" / "smoke-test.py").is_file()
    assert set(jobs["publish"]["needs"]) == {"build", "smoke-test"}
    assert jobs["github-release"]["needs"] == ["publish"]


def test_publishing_uses_trusted_publishing_only() -> None:
    publish = workflow()["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    (step,) = [step for step in publish["steps"] if "pypa/gh-action-pypi-publish" in step.get("uses", "")]
    assert "with" not in step  # no password or token: the index trusts this workflow and environment


def test_the_release_carries_the_files_and_the_built_site() -> None:
    jobs = workflow()["jobs"]
    assert "site/public" in runs(jobs["smoke-test"])
    release = jobs["github-release"]
    assert release["permissions"] == {"contents": "write"}
    command = runs(release)
    assert "gh release create" in command
    assert "dist/*" in command
    assert "site/*.tar.gz" in command
