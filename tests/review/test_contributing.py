"""CONTRIBUTING.md's rules section is the rules table, and it names every command it tells people to run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from nhsoa.main import build_parser
from nhsoa.registry.rules import markdown_table

TEXT = (Path(__file__).parent.parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_rules_section_matches_the_rules_table() -> None:
    section = TEXT.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert section == markdown_table(), "run: nhsoa rules --format markdown, and paste it between the markers"


def test_every_command_in_the_guide_exists() -> None:
    parser = build_parser()
    blocks = "\n".join(re.findall(r"^```sh\n(.*?)^```", TEXT, re.MULTILINE | re.DOTALL))
    calls = re.findall(r"^nhsoa (.+)$", blocks, re.MULTILINE)
    calls += [c.split("`")[0] for c in re.findall(r"`nhsoa ([^`]+)`", TEXT)]
    assert len(calls) >= 8
    for call in calls:
        words = shlex.split(re.sub(r"\|\S+", "", call.replace("<", "").replace(">", "")))
        if not words or words[0] in ("rules",):
            continue
        parser.parse_known_args(words)
