"""Coding standards (S5) and tests (S6), as the files show them, for Python and R."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from nhsoa.rap.ci import steps
from nhsoa.rap.commands import INSTALL
from nhsoa.rap.evidence import Project, Shown
from nhsoa.rap.repository import listed

LINTER_TABLES = ("ruff", "flake8", "black", "pylint", "isort", "pycodestyle", "autopep8", "yapf", "blue", "pyflakes")
LINTER_FILES = re.compile(
    r"^(?:ruff\.toml|\.ruff\.toml|\.flake8|\.pylintrc|pylintrc|\.pycodestyle|\.isort\.cfg|\.style\.yapf|"
    r"\.lintr|\.lintr\.R|air\.toml|\.air\.toml|\.sqlfluff)$"
)
LINTER_SECTIONS = re.compile(r"^\[(?:flake8|pycodestyle|pylint[^\]]*|isort|tool:isort|yapf|pep8)\]", re.MULTILINE)
LINTERS = re.compile(
    r"\b(?:ruff|flake8|pylint|pycodestyle|pyflakes|black|isort|autopep8|yapf|lintr|lint_package|lint_dir|"
    r"style-files|styler|style_pkg|air|sqlfluff)\b"
)


def coding_standard(project: Project) -> Shown:
    repo = project.repo
    found: list[tuple[str, str]] = []  # (where, what)
    for table in (t for t in LINTER_TABLES if t in repo.pyproject.get("tool", {})):
        found.append((repo.where("pyproject.toml", rf"^\[tool\.{table}[\].]"), f"pyproject.toml [tool.{table}]"))
    found += [(p.as_posix(), p.as_posix()) for p in repo.files if LINTER_FILES.match(p.as_posix())]
    for name in ("setup.cfg", "tox.ini"):
        section = LINTER_SECTIONS.search(repo.read(name)) if repo.has(name) else None
        if section:
            found.append((repo.where(name, re.escape(section.group(0))), f"{name} {section.group(0)}"))
    config, hooks = _precommit_linters(project)
    if hooks:
        found.append((config, f"{config} runs {', '.join(hooks)}"))
    in_ci = _linter_in_ci(project)
    if in_ci:
        found.append((in_ci, f"{in_ci} runs a linter"))
    if not found:
        return Shown(False, "no linter or formatter configured (looked for ruff, flake8, pylint, black, isort, "
                            ".lintr, styler and air, in their files, pyproject.toml, pre-commit and CI)")  # fmt: skip
    return Shown(True, listed([what for _, what in found]), tuple(where for where, _ in found[:3]))


def _linter_in_ci(project: Project) -> str | None:
    for job, step in steps(project.jobs):
        lines = [line for line in step.text.splitlines() if line.strip()] or [step.text]
        for offset, line in enumerate(lines):
            if not INSTALL.search(line) and any(LINTERS.search(x) for x in project.commands.expanded(line)):
                return job.at(step.line + (offset + 1 if len(lines) > 1 else 0))
    return None


def _precommit_linters(project: Project) -> tuple[str, list[str]]:
    """The pre-commit configuration and the linters its hooks run."""
    for config in project.repo.files:
        if re.match(r"\.pre-commit-config[^/]*\.ya?ml$", config.as_posix()):
            ids = re.findall(r"^\s*-?\s*(?:id|entry|repo):\s*(.+)$", project.repo.read(config), re.MULTILINE)
            hooks = sorted({m.group(0) for i in ids for m in [LINTERS.search(i)] if m})
            if hooks:
                return config.as_posix(), hooks
    return "", []


PY_TEST_NAME = re.compile(r"(?:^|/)(?:test_[^/]*|[^/]*_tests?)\.py$")
IN_TEST_DIR = re.compile(r"(?:^|/)(?:tests?|testing)/")
PY_TEST_CONTENT = re.compile(r"^\s*(?:async\s+)?def\s+test|\bassert\b|\bunittest\b|\bTestCase\b|\bpytest\b", re.M)
R_TEST_CONTENT = re.compile(r"\b(?:test_that|expect_\w+|checkEquals|checkTrue|run_test_file)\s*\(")
RUNNER_FILES = ("pytest.ini", "conftest.py", "tox.ini", "noxfile.py", "tests/testthat.R", "run_tests.py")


def tests(project: Project) -> Shown:
    repo = project.repo
    found: list[PurePosixPath] = []
    for path in repo.files:
        text_path = path.as_posix()
        suffix = path.suffix.lower()
        if suffix == ".py" and path.name not in ("__init__.py", "conftest.py"):
            if (PY_TEST_NAME.search(text_path) or IN_TEST_DIR.search(text_path)) and PY_TEST_CONTENT.search(
                repo.read(path)
            ):
                found.append(path)
        elif (
            suffix == ".r"
            and (IN_TEST_DIR.search(text_path) or text_path.startswith("inst/tinytest/"))
            and R_TEST_CONTENT.search(repo.read(path))
        ):
            found.append(path)
    if not found:
        empty = " (tests/ holds no tests)" if repo.under("tests") else ""
        return Shown(False, f"no tests{empty}: looked for test_*.py and *_test.py files, tests/ folders with test "
                            "functions, and testthat or tinytest files")  # fmt: skip
    runner = _runner(project)
    summary = f"{len(found)} test file{'s' * (len(found) != 1)} ({listed([p.as_posix() for p in found], 2)})"
    return Shown(True, f"{summary}; {runner}", tuple(p.as_posix() for p in found[:2]))


def _runner(project: Project) -> str:
    repo = project.repo
    if "pytest" in repo.pyproject.get("tool", {}):
        return "pytest configured in pyproject.toml"
    if repo.setup_cfg.has_section("tool:pytest"):
        return "pytest configured in setup.cfg"
    present = [name for name in RUNNER_FILES if repo.has(name)]
    if present:
        return f"run by {present[0]}"
    if re.search(r"^Config/testthat|testthat", repo.description.get("Suggests", "") + repo.description.get(
            "Config/testthat/edition", "")):  # fmt: skip
        return "testthat (DESCRIPTION)"
    for job, step in steps(project.jobs):
        if project.commands.runs_tests(step.text):
            return f"run in CI ({job.at(step.line)})"
    return "no runner configuration (pytest or testthat finds them by name)"
