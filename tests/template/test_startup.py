"""``nhsoa new`` imports only what it needs; ``nhsoa --help`` still lists every command."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nhsoa.commands import COMMANDS, modules
from nhsoa.main import main

ALL_NAMES = [name for _, names in COMMANDS for name in names]


@pytest.mark.parametrize(("module", "names"), COMMANDS, ids=[module for module, _ in COMMANDS])
def test_the_table_names_what_each_module_registers(module: str, names: tuple[str, ...]) -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    importlib.import_module(f"nhsoa.commands.{module}").add_parser(subparsers)
    assert tuple(subparsers.choices) == names


def test_every_command_module_is_in_the_table() -> None:
    folder = Path(importlib.import_module("nhsoa.commands").__file__ or "").parent
    found = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert found - {"options"} == {module for module, _ in COMMANDS}


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"    {name} " in out for name in ALL_NAMES)


def test_unknown_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-v", "no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'no-such-command'" in err
    assert all(repr(name) in err for name in ALL_NAMES)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["new", "--no-input"], ["new"]),
        (["-v", "validate", "x.yaml"], ["validate"]),
        (["list", "--help"], ["listing"]),
        (["-h", "new"], [module for module, _ in COMMANDS]),
        ([], [module for module, _ in COMMANDS]),
    ],
)
def test_the_named_command_alone_is_imported(argv: list[str], expected: list[str]) -> None:
    assert [m.__name__.rsplit(".", 1)[1] for m in modules(argv)] == expected


def test_a_fresh_nhsoa_new_does_not_import_the_registry_libraries() -> None:
    code = (
        "import json, sys\n"
        "from nhsoa.main import build_parser\n"
        f"build_parser({['new', '--no-input']!r}).parse_args({['new', '--no-input']!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    assert [m for m in loaded if m.startswith("nhsoa.commands.")] == ["nhsoa.commands.new"]
    heavy = (
        "nhsoa.interop",
        "nhsoa.registry.catalogue",
        "nhsoa.registry.validate",
        "cruft",
        "git",
        "pandas",
        "jsonschema",
    )
    assert [m for m in loaded if m.split(".")[0] in heavy or m.startswith(heavy)] == []
