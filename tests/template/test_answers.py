"""The template's answer checks: hostile names give a valid slug or a clear error, and no half-made folder."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from nhsoa import __version__, yamlio
from nhsoa.errors import NhsoaError
from nhsoa.main import main
from nhsoa.registry.store import shipped_root
from tests.template.conftest import DATA, TEMPLATE, baked

CASES: list[dict[str, str]] = json.loads((DATA / "hostile-names.json").read_text(encoding="utf-8"))
for case in CASES:
    if case.get("product_name") == "LONG200":
        case["product_name"] = "Long " * 39 + "Longs"  # 200 characters


def load_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TEMPLATE / "hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answers_of(case: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in case.items() if key not in ("slug", "package", "r_package", "error")}


def case_id(case: dict[str, str]) -> str:
    return ",".join(f"{key}:{value!r}"[:30] for key, value in answers_of(case).items())


def test_hook_topics_are_the_taxonomy() -> None:
    taxonomy = yamlio.load_file(shipped_root() / "taxonomy.yaml").data
    assert [topic["id"] for topic in taxonomy["topics"]] == load_hook("pre_gen_project").TOPICS


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_answer_baked_in_process(tmp_path: Path, case: dict[str, str]) -> None:
    output = tmp_path / "out"
    if "error" in case:
        with pytest.raises(NhsoaError):
            baked(output, **answers_of(case))
        # cookiecutter makes the project folder before the hook runs and removes it after; only a
        # slug holding "/" leaves its empty parent behind (nhsoa new works in a staging folder)
        assert not output.exists() or not [p for p in output.rglob("*") if p.is_file()]
        return
    project = baked(output, **answers_of(case))
    assert project.name == case["slug"]
    assert (project / "src" / case["package"] / "pipeline.py").is_file()
    data = yamlio.load_file(project / "product.yaml").data
    assert data["name"] == case["product_name"]
    assert data["id"] == case["slug"]


@pytest.mark.parametrize("case", [c for c in CASES if "r_package" in c], ids=case_id)
def test_hostile_product_name_gives_an_r_package(tmp_path: Path, case: dict[str, str]) -> None:
    project = baked(tmp_path, language="R", **answers_of(case))
    assert project.name == case["slug"]
    description = (project / "DESCRIPTION").read_text(encoding="utf-8")
    assert f"Package: {case['r_package']}\n" in description
    assert f"Title: {case['product_name']}\n" in description
    assert load_hook("pre_gen_project").R_PACKAGE.match(case["r_package"])
    assert f"library({case['r_package']})" in (project / "tests" / "testthat.R").read_text(encoding="utf-8")
    assert yamlio.load_file(project / "product.yaml").data["languages"] == ["R"]


@pytest.mark.parametrize("case", [c for c in CASES if "error" in c], ids=case_id)
def test_hook_explains_each_refusal(case: dict[str, str]) -> None:
    hook = load_hook("pre_gen_project")
    answers = _defaults() | answers_of(case)
    if "product_name" in case and case["error"].startswith("project_slug"):
        answers["project_slug"] = case["error"].split("'")[1]
    if "package_name" not in case and case["error"].startswith("package_name"):
        answers["package_name"] = case["error"].split("'")[1]  # as the template derives it
    problems = hook.problems(answers)
    assert any(case["error"] in problem for problem in problems), problems
    assert all(" (fix: " in problem for problem in problems)


def test_defaults_are_accepted() -> None:
    assert load_hook("pre_gen_project").problems(_defaults()) == []
    r_defaults = _defaults() | {"language": "R", "package_name": "exampleanalyticsproduct"}
    assert load_hook("pre_gen_project").problems(r_defaults) == []


def _defaults() -> dict[str, Any]:
    """The template's default answers, with the derived ones worked out as cookiecutter would, as nhsoa gives them."""
    data = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    answers = {key: value[0] if isinstance(value, list) else value for key, value in data.items() if key[0] != "_"}
    return answers | {
        "project_slug": "example-analytics-product",
        "package_name": "example_analytics_product",
        "repository_namespace": "my-organisation",
        "repository_url": "https://github.com/my-organisation/example-analytics-product",
        "_nhsoa_version": __version__,
    }


@pytest.mark.parametrize("version", ["latest", '0.1.0"]', "1.0 ; rm", "../0.1"])
def test_hook_refuses_an_odd_nhsoa_version(version: str) -> None:
    problems = load_hook("pre_gen_project").problems(_defaults() | {"_nhsoa_version": version})
    assert len(problems) == 1
    assert problems[0].startswith(f"_nhsoa_version: {version!r} is not a version")
    assert "(fix: generate with `nhsoa new`" in problems[0]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (["product_name={{ cycler.__init__.__globals__ }}"], "template syntax"),
        (["product_name=<b>bold</b>"], "contains < or >"),
        (["product_name="], "project_slug: the answers give no folder name"),
        (["product_name=Fine Name", "project_slug=."], "project_slug"),
        (["project_slug=../../escape"], "is not a slug"),
    ],
)
def test_new_refuses_hostile_answers_and_leaves_nothing(
    template_repo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], settings: list[str], message: str
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    argv = ["new", "--no-input", "--no-hooks", "--template", str(template_repo / "templates" / "analytics-product")]
    argv += ["-o", str(output)] + [arg for setting in settings for arg in ("--set", setting)]
    assert main(argv) == 1
    err = capfd.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert list(output.iterdir()) == []
    assert not (tmp_path / "escape").exists()


def test_post_generation_hook_only_removes_and_can_run_twice(tmp_path: Path) -> None:
    hook = load_hook("post_gen_project")
    project = baked(tmp_path / "out", git_host="gitlab", clinical_safety="no")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    for relative in hook.unwanted("gitlab", "no"):
        hook.remove(project, relative)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()
    assert not (project / "governance" / "hazard-log.md").exists()
    shutil.rmtree(project)


def test_post_generation_hook_shapes_an_r_project_and_can_run_twice(tmp_path: Path) -> None:
    hook = load_hook("post_gen_project")
    project = baked(tmp_path / "out", language="R", product_name="Twice Over", licence="GPL-3.0-or-later")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    for source, target in hook.moves("R", "twiceover"):
        hook.move(project, source, target)
    for relative in hook.unwanted("github", "no", "R", "GPL-3.0-or-later"):
        hook.remove(project, relative)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert (project / "inst" / "extdata" / "synthetic_attendances.csv").is_file()
    assert not (project / "src").exists()
    assert not (project / "pyproject.toml").exists()
    assert not (project / "LICENSE.md").exists()  # GPL: the whole text is in LICENSE
    example = TEMPLATE / "{{cookiecutter.project_slug}}" / "src" / "{{cookiecutter.package_name}}" / "data"
    shipped = (project / "inst" / "extdata" / "synthetic_attendances.csv").read_bytes()
    assert shipped == (example / "synthetic_attendances.csv").read_bytes()  # one file, for both languages
