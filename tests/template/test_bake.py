"""Bake the template for a covering set of answers; check the file tree, the rendering and product.yaml.

The full product of the choices (owner type x licence x git host x phase x personal data x clinical
safety) is over 3,000 projects. The file tree depends only on the git host and clinical safety, and
the content on each choice separately, so the covering set below bakes every git host x clinical
safety x licence combination (36) and rotates the other choices through them so that every value
of every choice appears at least once.
"""

from __future__ import annotations

import ast
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from nhsoa import __version__, yamlio
from nhsoa.registry.store import shipped_root
from nhsoa.registry.validate import validate
from tests.template.conftest import DATA, baked, files_under, questions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CHOICES = {key: value for key, value in questions().items() if isinstance(value, list) and not key.startswith("_")}
LEAKED_TEMPLATE_SYNTAX = ("{{", "{%", "{#", "cookiecutter.")


def covering_set() -> list[dict[str, str]]:
    rotated = ("owner_type", "gds_phase", "personal_data")
    grid = itertools.product(CHOICES["git_host"], CHOICES["clinical_safety"], CHOICES["licence"])
    combos = []
    for index, (host, safety, licence) in enumerate(grid):
        combo = {"git_host": host, "clinical_safety": safety, "licence": licence}
        combo |= {key: CHOICES[key][index % len(CHOICES[key])] for key in rotated}
        combo["product_name"] = f"Covering Product {index}"
        combos.append(combo)
    return combos


COMBINATIONS = covering_set()


def test_the_covering_set_uses_every_value_of_every_choice() -> None:
    assert set(CHOICES) == {"owner_type", "licence", "git_host", "gds_phase", "personal_data", "clinical_safety"}
    for key, values in CHOICES.items():
        assert {combo[key] for combo in COMBINATIONS} == set(values), key


def expected_tree(answers: dict[str, str], package: str) -> set[str]:
    expected = set()
    for line in (DATA / "expected-tree.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path, _, condition = line.partition("  ")
        if condition.startswith("host=") and answers["git_host"] != condition.removeprefix("host="):
            continue
        if condition.startswith("clinical=") and answers["clinical_safety"] not in condition[9:].split(","):
            continue
        expected.add(path.replace("{package}", package))
    return expected


@pytest.fixture(scope="module")
def bakes(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, str], Path]]:
    root = tmp_path_factory.mktemp("bakes")
    return [(combo, baked(root / str(index), **combo)) for index, combo in enumerate(COMBINATIONS)]


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_bake(bakes: list[tuple[dict[str, str], Path]], index: int) -> None:
    answers, project = bakes[index]
    package = f"covering_product_{index}"
    assert project.name == f"covering-product-{index}"
    assert files_under(project) == expected_tree(answers, package)
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            leaked = [s for s in LEAKED_TEMPLATE_SYNTAX if s in text or s in path.name]
            assert not leaked, f"{path.relative_to(project)} holds {leaked}"
            assert not text or (text.endswith("\n") and not text.endswith("\n\n")), f"{path} ends badly"
            assert not any(line != line.rstrip() for line in text.splitlines()), f"{path}: trailing spaces"
    _check_product_yaml(project, answers)
    _check_files_parse(project, answers, package)


def _check_product_yaml(project: Path, answers: dict[str, str]) -> None:
    report = validate([project / "product.yaml"], registry=shipped_root())
    assert [f for f in report.findings if f.severity.name == "ERROR"] == []
    data = yamlio.load_file(project / "product.yaml").data
    assert data["licence"] == answers["licence"]
    assert data["phase"] == answers["gds_phase"]
    assert data["owner"]["type"] == answers["owner_type"]
    assert data["clinical_safety"]["applicable"] == answers["clinical_safety"]
    personal = answers["personal_data"] == "yes"
    assert data["information_governance"]["data_level"] == ("pseudonymised" if personal else "synthetic")
    if answers["clinical_safety"] == "yes":
        for key in ("safety_case", "hazard_log"):
            assert data["clinical_safety"][key].startswith(data["repository"])


def _check_files_parse(project: Path, answers: dict[str, str], package: str) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == answers["licence"]
    assert f"nhsoa=={__version__}" in pyproject["project"]["optional-dependencies"]["dev"]
    licence_titles = {
        "MIT": "MIT License",
        "Apache-2.0": "Apache License",
        "GPL-3.0-or-later": "GNU GENERAL PUBLIC LICENSE",
        "AGPL-3.0-or-later": "GNU AFFERO GENERAL PUBLIC LICENSE",
    }
    assert licence_titles[answers["licence"]] in (project / "LICENSE").read_text(encoding="utf-8")[:200]
    for path in project.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))
    for path in project.rglob("*.ipynb"):
        notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        assert notebook["nbformat"] == 4
        assert all(cell.get("outputs", []) == [] for cell in notebook["cells"])
    for path in [*project.rglob("*.yml"), *project.rglob("*.yaml"), project / ".secrets.baseline"]:
        yamlio.loads(path.read_text(encoding="utf-8"))
    hooks = yamlio.load_file(project / ".pre-commit-config.yaml").data
    pins = [dep for repo in hooks["repos"] for hook in repo["hooks"] for dep in hook["additional_dependencies"]]
    assert f"nhsoa=={__version__}" in pins
    assert all(repo["repo"] == "local" for repo in hooks["repos"])
    assert (project / "src" / package / "pipeline.py").is_file()


def test_template_keeps_no_nhsoa_version_of_its_own() -> None:
    """The release to pin is given when generating (nhsoa new: its own); the template holds no second copy."""
    assert questions()["_nhsoa_version"] == ""
