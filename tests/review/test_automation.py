"""The registry repository's GitHub files: valid against GitHub's schemas, and every nhsoa call they make exists."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.main import build_parser

ROOT = Path(__file__).parent.parent.parent
GITHUB = ROOT / ".github"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCHEMAS = {
    "workflows/*.yml": "vendor.github-workflows",
    "ISSUE_TEMPLATE/[!c]*.yml": "vendor.github-issue-forms",
    "ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
}


@pytest.mark.parametrize(("pattern", "schema"), SCHEMAS.items())
def test_files_match_githubs_schemas(pattern: str, schema: str) -> None:
    files = sorted(GITHUB.glob(pattern))
    assert files
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def nhsoa_calls(text: str) -> list[str]:
    calls = []
    for match in re.finditer(r"(?<![\w-])nhsoa (?!rules\b)([^|>;)&\n]+)", text):
        command = re.sub(r"\$\{\{[^}]*\}\}|\$\([^)]*\)|\"\$\w+\"|\$\w+", "x", match.group(1))
        calls.append(command.strip().rstrip("\\").strip())
    return calls


def test_workflows_call_only_commands_that_exist() -> None:
    parser = build_parser()
    calls = [call for path in sorted(GITHUB.glob("workflows/*.yml")) for call in nhsoa_calls(path.read_text())]
    assert len(calls) >= 6
    for call in calls:
        try:
            parser.parse_args(shlex.split(call))
        except SystemExit:
            pytest.fail(f"the workflows call `nhsoa {call}`, which nhsoa does not accept")


def test_workflows_fetch_history_for_review() -> None:
    workflow = yamlio.load_file(GITHUB / "workflows" / "pull-request.yml").data
    steps = workflow["jobs"]["review"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0


def test_nhsoa_call_finder_sees_a_bad_command() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(shlex.split(nhsoa_calls("run: nhsoa revue --base main\n")[0]))
