"""Bake the template for a covering set of answers; check the file tree, the rendering and product.yaml.

The full product of the choices (language x owner type x licence x git host x phase x personal data
x clinical safety) is over 6,000 projects. The file tree depends only on the language, the git host,
clinical safety and (for R, whose MIT licence takes two files) the licence, and the content on each
choice separately, so the covering set below bakes every language x git host x clinical safety x
licence combination (72) and rotates the other choices through them so that every value of every
choice appears at least once.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from nhsoa import __version__, yamlio
from nhsoa.registry.store import shipped_root
from nhsoa.registry.validate import validate
from tests.template.conftest import DATA, TEMPLATE_PROJECT, baked, files_under, questions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CHOICES = {key: value for key, value in questions().items() if isinstance(value, list) and not key.startswith("_")}
LEAKED_TEMPLATE_SYNTAX = ("{{", "{%", "{#", "cookiecutter.")
# Words of the other language's tooling: a project of one language mentions none of them.
OTHER_LANGUAGE_WORDS = {
    "Python": ("Rscript", "R CMD", "testthat", "lintr", "renv", "roxygen", "DESCRIPTION"),
    "R": ("pytest", "ruff", "mkdocs", "MkDocs", "nbconvert", "pyproject", ".ipynb", "src/"),
}


def covering_set() -> list[dict[str, str]]:
    rotated = ("owner_type", "gds_phase", "personal_data")
    grid = itertools.product(CHOICES["language"], CHOICES["git_host"], CHOICES["clinical_safety"], CHOICES["licence"])
    combos = []
    for index, (language, host, safety, licence) in enumerate(grid):
        combo = {"language": language, "git_host": host, "clinical_safety": safety, "licence": licence}
        combo |= {key: CHOICES[key][index % len(CHOICES[key])] for key in rotated}
        combo["product_name"] = f"Covering Product {index}"
        combos.append(combo)
    return combos


COMBINATIONS = covering_set()


def test_the_covering_set_uses_every_value_of_every_choice() -> None:
    assert set(CHOICES) == {
        "language",
        "owner_type",
        "licence",
        "git_host",
        "gds_phase",
        "personal_data",
        "clinical_safety",
    }
    assert next(iter(questions())) == "language"  # asked first
    assert CHOICES["language"][0] == "Python"  # the default
    for key, values in CHOICES.items():
        assert {combo[key] for combo in COMBINATIONS} == set(values), key


def expected_tree(answers: dict[str, str], package: str) -> set[str]:
    expected = set()
    for line in (DATA / "expected-tree.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path, _, conditions = line.partition("  ")
        if all(_holds(condition, answers) for condition in conditions.split()):
            expected.add(path.replace("{package}", package))
    return expected


def _holds(condition: str, answers: dict[str, str]) -> bool:
    key, _, values = condition.partition("=")
    answer = {"lang": "language", "host": "git_host", "clinical": "clinical_safety", "licence": "licence"}[key]
    return answers[answer] in values.split(",")


def package_of(answers: dict[str, str], index: int) -> str:
    return f"coveringproduct{index}" if answers["language"] == "R" else f"covering_product_{index}"


@pytest.fixture(scope="module")
def bakes(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, str], Path]]:
    root = tmp_path_factory.mktemp("bakes")
    return [(combo, baked(root / str(index), **combo)) for index, combo in enumerate(COMBINATIONS)]


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_bake(bakes: list[tuple[dict[str, str], Path]], index: int) -> None:
    answers, project = bakes[index]
    package = package_of(answers, index)
    assert project.name == f"covering-product-{index}"
    assert files_under(project) == expected_tree(answers, package)
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            leaked = [s for s in LEAKED_TEMPLATE_SYNTAX if s in text or s in path.name]
            assert not leaked, f"{path.relative_to(project)} holds {leaked}"
            other = [word for word in OTHER_LANGUAGE_WORDS[answers["language"]] if word in text]
            assert not other, f"{path.relative_to(project)} mentions {other}"
            assert not text or (text.endswith("\n") and not text.endswith("\n\n")), f"{path} ends badly"
            assert not any(line != line.rstrip() for line in text.splitlines()), f"{path}: trailing spaces"
    _check_product_yaml(project, answers)
    _check_common_files_parse(project, answers, package)
    if answers["language"] == "R":
        _check_r_files(project, answers, package)
    else:
        _check_python_files(project, answers, package)


def _check_product_yaml(project: Path, answers: dict[str, str]) -> None:
    report = validate([project / "product.yaml"], registry=shipped_root())
    assert [f for f in report.findings if f.severity.name == "ERROR"] == []
    data = yamlio.load_file(project / "product.yaml").data
    assert data["licence"] == answers["licence"]
    assert data["languages"] == [answers["language"]]
    assert data["phase"] == answers["gds_phase"]
    assert data["owner"]["type"] == answers["owner_type"]
    assert data["clinical_safety"]["applicable"] == answers["clinical_safety"]
    personal = answers["personal_data"] == "yes"
    assert data["information_governance"]["data_level"] == ("pseudonymised" if personal else "synthetic")
    if answers["clinical_safety"] == "yes":
        for key in ("safety_case", "hazard_log"):
            assert data["clinical_safety"][key].startswith(data["repository"])


LICENCE_TITLES = {
    "MIT": "MIT License",
    "Apache-2.0": "Apache License",
    "GPL-3.0-or-later": "GNU GENERAL PUBLIC LICENSE",
    "AGPL-3.0-or-later": "GNU AFFERO GENERAL PUBLIC LICENSE",
}
R_LICENCES = {
    "MIT": "MIT + file LICENSE",
    "Apache-2.0": "Apache License (== 2.0)",
    "GPL-3.0-or-later": "GPL (>= 3)",
    "AGPL-3.0-or-later": "AGPL (>= 3)",
}


def _check_common_files_parse(project: Path, answers: dict[str, str], package: str) -> None:
    for path in [*project.rglob("*.yml"), *project.rglob("*.yaml"), project / ".secrets.baseline"]:
        yamlio.loads(path.read_text(encoding="utf-8"))
    hooks = yamlio.load_file(project / ".pre-commit-config.yaml").data
    pins = [dep for repo in hooks["repos"] for hook in repo["hooks"] for dep in hook.get("additional_dependencies", [])]
    assert f"nhsoa=={__version__}" in pins
    assert all(repo["repo"] == "local" for repo in hooks["repos"])
    ids = {hook["id"]: hook for repo in hooks["repos"] for hook in repo["hooks"]}
    assert {"nhsoa-scan", "nhsoa-no-data", "nhsoa-validate", "detect-secrets"} <= set(ids)
    assert all(hook["language"] in ("python", "system") for hook in ids.values())
    allowed = (project / ".nhsoa-data-allow").read_text(encoding="utf-8").splitlines()
    example = "/inst/extdata/" if answers["language"] == "R" else f"/src/{package}/data/"
    assert [line for line in allowed if line and not line.startswith("#")] == [example + "synthetic_*.csv"]
    if answers["language"] == "R":
        assert {"lintr", "testthat"} <= set(ids)
        assert not {"ruff-check", "nbstripout"} & set(ids)
    else:
        assert {"ruff-check", "ruff-format", "nbstripout"} <= set(ids)
        assert "lintr" not in ids


def _check_python_files(project: Path, answers: dict[str, str], package: str) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == answers["licence"]
    assert f"nhsoa=={__version__}" in pyproject["project"]["optional-dependencies"]["dev"]
    assert LICENCE_TITLES[answers["licence"]] in (project / "LICENSE").read_text(encoding="utf-8")[:200]
    for path in project.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))
    for path in project.rglob("*.ipynb"):
        notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        assert notebook["nbformat"] == 4
        assert all(cell.get("outputs", []) == [] for cell in notebook["cells"])
    assert (project / "src" / package / "pipeline.py").is_file()


def _check_r_files(project: Path, answers: dict[str, str], package: str) -> None:
    description = dcf((project / "DESCRIPTION").read_text(encoding="utf-8"))
    assert description["Package"] == package
    assert description["Title"] == answers["product_name"]
    assert description["License"] == R_LICENCES[answers["licence"]]
    assert description["URL"] == yamlio.load_file(project / "product.yaml").data["repository"]
    assert 'role = c("aut", "cre")' in description["Authors@R"]
    assert "logger" in description["Imports"]
    licence = (project / "LICENSE").read_text(encoding="utf-8")
    if answers["licence"] == "MIT":  # R's form for `MIT + file LICENSE`; the text itself in LICENSE.md
        text = (project / "LICENSE.md").read_text(encoding="utf-8")
        assert text.startswith("MIT License")
        year = text.split("Copyright (c) ", 1)[1][:4]
        assert dcf(licence) == {"YEAR": year, "COPYRIGHT HOLDER": "NHS England"}
    else:
        assert LICENCE_TITLES[answers["licence"]] in licence[:200]
    # roxygen2's output does not depend on the answers: the template's copy is the project's
    for generated in ["NAMESPACE", *(f"man/{p.name}" for p in (TEMPLATE_PROJECT / "man").iterdir())]:
        assert (project / generated).read_bytes() == (TEMPLATE_PROJECT / generated).read_bytes(), generated
    lock = json.loads((project / "renv.lock").read_text(encoding="utf-8"))
    assert "logger" in lock["Packages"]
    assert (project / "R" / "pipeline.R").is_file()
    assert f"library({package})" in (project / "tests" / "testthat.R").read_text(encoding="utf-8")


def dcf(text: str) -> dict[str, str]:
    """The fields of a Debian control file (R's DESCRIPTION format), continuation lines joined."""
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line[:1].isspace():
            fields[key] += "\n" + line.strip()
        else:
            key, sep, value = line.partition(":")
            assert sep, f"not a DCF line: {line!r}"
            assert key not in fields, f"{key} given twice"
            fields[key] = value.strip()
    return fields


def test_template_keeps_no_nhsoa_version_of_its_own() -> None:
    """The release to pin is given when generating (nhsoa new: its own); the template holds no second copy."""
    assert questions()["_nhsoa_version"] == ""


@pytest.mark.parametrize("language", CHOICES["language"])
def test_every_task_runs_without_make_with_the_commands_the_readme_gives(tmp_path: Path, language: str) -> None:
    """Each `make <task>` row of the README names the commands the Makefile runs for that task."""
    project = baked(tmp_path, language=language, product_name="Tasks Table")
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z_]+) [?:]= (.*)$", makefile, re.MULTILINE)) | {"VERSION": "0.1.0"}
    recipes = {
        target: re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables.get(m.group(1), m.group(0)), body)
        for target, body in re.findall(r"^([a-z-]+):[^\n]*\n((?:\t[^\n]*\n)*)", makefile, re.MULTILINE)
        if body
    }
    readme = (project / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `make ([a-z-]+)` \| (.*) \|$", readme, re.MULTILINE))
    assert set(rows) == set(recipes) - {"help", "format", *(["install"] if language == "Python" else [])}
    for target, cell in rows.items():
        commands = [text for text in re.findall(r"`([^`]+)`", cell) if " " in text]
        assert commands, target
        for command in commands:
            assert command in recipes[target], (
                f"README: `make {target}` runs `{command}`; the Makefile:\n{recipes[target]}"
            )
