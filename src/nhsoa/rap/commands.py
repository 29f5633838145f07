"""What a command in a CI job, Makefile or justfile does: run tests, run checks, or run the pipeline.

A CI step often calls a task runner (``make test``, ``just check``, ``tox``, ``nox``); the target's
recipe is read from the repository's Makefile or justfile so that the judgement rests on what is
run, not on the target's name. Names decide only when the recipe cannot be found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from nhsoa.rap.repository import Repository

TESTS = re.compile(
    r"\b(?:pytest|py\.test|unittest|nosetests|tox|nox|testthat|test_check|test_dir|devtools::test|"
    r"R CMD check|rcmdcheck|check-r-package|devtools::check|tinytest|coverage run|hatch run test|"
    r"manage\.py test|behave|covr::|cargo test|go test|(?:npm|yarn|pnpm)(?: run)? test|dotnet test|mvn test|"
    r"gradle test)"
    # a test service or test script: `docker compose run test`, `./scripts/run_tests.sh`
    r"|\bdocker[- ]compose\s+(?:run|up)\b.*\btests?\b|[\w./-]*\btests?[\w.-]*\.(?:sh|ps1|bat)\b"
)
# What a CI step or job is called, when its command alone does not say ("Unit tests", "lint").
TEST_LABEL = re.compile(r"\b(?:unit[- ])?tests?\b|\btesting\b|\blint(?:ing|er)?\b|\bchecks?\b", re.IGNORECASE)
CHECKS = re.compile(
    r"\b(?:ruff|flake8|pylint|pycodestyle|pyflakes|black\s+--check|isort\s+--check|mypy|pyright|pytype|"
    r"pre-commit\s+run|pre_commit\s+run|lintr|lint_package|lint_dir|styler|air\s+format\s+--check|"
    r"sqlfluff|codespell|bandit)"
)
# Installing a tool is not running it.
INSTALL = re.compile(
    r"^\s*(?:sudo\s+)?(?:python3?\s+-m\s+)?(?:pip3?|uv\s+pip|uv\s+tool|pipx|conda|mamba|apt(?:-get)?|npm|brew)\s+install\b"
    r"|\b(?:uv|poetry)\s+add\b|install\.packages\(|\bextra-packages:|\b(?:remotes|devtools)::install\w*\(|"
    r"\bpak::(?:pak|pkg_install)\(|\brenv::(?:restore|install)\("
)
# Task runners: `make X`, `just X`; the word after them is the target.
RUNNER = re.compile(r"(?:^|[\s;&|(])(make|just|task|invoke)\s+(?:-\S+\s+)*([A-Za-z0-9_.:-]+)?")
TEST_TARGETS = re.compile(r"(?:^|[-_:])(?:test|tests|check|checks|lint|ci|verify|qa|typecheck)(?:[-_:]|$)")
# Running the analysis itself: a module or script of the project, an R script, a workflow manager.
PIPELINE = re.compile(
    r"(?:\bpython3?(?:\.\d+)?\s+(?:-u\s+)?(?:-m\s+(?P<module>[A-Za-z_][\w.]*)|(?P<script>[\w./-]+\.py))"
    r"|\bRscript\s+(?:--\S+\s+)*(?:-e\s+(?P<rexpr>.*?\b(?:tar_make|source|render|run_\w+|run|main)\s*\()"
    r"|(?P<rscript>[\w./-]+\.[rR]))"
    r"|\btar_make\b|\btargets::|\bquarto\s+render|\brmarkdown::render|\bnbconvert\b.*--execute|\bpapermill\b"
    r"|\bdvc\s+repro|\bsnakemake\b|\bnextflow\s+run|\bkedro\s+run|\bdbt\s+(?:run|build)|\bdatabricks\s+(?:bundle|jobs)\s+run)"
)
# Modules and scripts that are tools, not the project's pipeline.
TOOL_MODULES = frozenset(
    {
        "pip", "pytest", "unittest", "venv", "build", "twine", "ruff", "black", "flake8", "pylint", "mypy", "isort",
        "coverage", "tox", "nox", "mkdocs", "sphinx", "pre_commit", "nbstripout", "nhsoa", "jupyter", "ipykernel",
        "pip_audit", "setuptools", "wheel", "hatch", "poetry", "uv", "http", "json", "site", "ensurepip", "pipx",
    }
)  # fmt: skip
# Scripts whose name starts with one of these words keep the repository, not run the analysis.
HOUSEKEEPING = frozenset(
    {
        "clean", "cleanup", "prune", "purge", "delete", "remove", "retention", "stale", "dependabot", "renovate",
        "release", "publish", "deploy", "bump", "changelog", "check", "lint", "format", "label", "labels", "link",
        "links", "test", "tests", "setup", "conf", "conftest", "version",
    }
)  # fmt: skip
NOT_PIPELINE_DIRS = frozenset({"tests", "test", "testing", "docs", "doc", ".github"})


def housekeeping(path: str) -> bool:
    """A script (``scripts/cleanup_images.py``) or module (``tests.update``) that is not the pipeline."""
    parts = [p for p in re.split(r"[/\\]", path) if p not in ("", ".")]
    if NOT_PIPELINE_DIRS.intersection(p.lower() for p in parts[:-1]):
        return True
    stem = parts[-1].lower() if parts else ""
    return re.split(r"[-_.]", stem)[0] in HOUSEKEEPING


@dataclass(frozen=True)
class Recipes:
    """The targets of a Makefile or justfile: their commands and the targets they depend on."""

    commands: dict[str, list[str]]
    needs: dict[str, list[str]]
    default: str | None

    def expand(self, target: str | None, seen: frozenset[str] = frozenset()) -> list[str]:
        name = target or self.default
        if name is None or name in seen or name not in self.commands:
            return []
        lines = list(self.commands[name])
        for need in self.needs.get(name, []):
            lines += self.expand(need, seen | {name})
        return lines


def parse_recipes(text: str) -> Recipes:
    """Targets of a Makefile or justfile (both write ``target: deps`` then indented commands)."""
    commands: dict[str, list[str]] = {}
    needs: dict[str, list[str]] = {}
    default = None
    current = None
    for line in text.splitlines():
        if line[:1] in ("\t", " ") and current is not None:
            if line.strip() and not line.strip().startswith("#"):
                commands[current].append(line.strip())
            continue
        if re.match(r"^(?:ifeq|ifneq|ifdef|ifndef|else|endif)\b", line):
            continue  # make conditionals sit at the margin inside a recipe
        header = re.match(r"^@?([A-Za-z0-9_.-]+)(?:\s+[^:]*?)?\s*:(?!=)\s*(.*)$", line)
        if header and not line.startswith((".PHONY", "export ", "set ")):
            current = header.group(1)
            commands.setdefault(current, [])
            deps = re.sub(r"#.*$", "", header.group(2))
            needs[current] = [re.sub(r"[()'\"]", "", d) for d in deps.split() if not d.startswith(("&&", "'", '"'))]
            default = default or (current if not current.startswith(".") else None)
        elif line.strip() and not line.startswith("#"):
            current = None
    return Recipes(commands, needs, default)


class Commands:
    """Judges commands in the context of one repository (its task runners and its own modules)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @cached_property
    def recipes(self) -> dict[str, Recipes]:
        found = {}
        for runner, names in (("make", ("Makefile", "makefile", "GNUmakefile")), ("just", ("justfile", "Justfile"))):
            for name in names:
                if self.repo.has(name):
                    found[runner] = parse_recipes(self.repo.read(name))
                    break
        return found

    def expanded(self, command: str) -> list[str]:
        """The command, followed by the recipe lines of any make/just target it calls."""
        lines = [command]
        for runner, target in RUNNER.findall(command):
            if runner in self.recipes:
                lines += self.recipes[runner].expand(target or None)
        return lines

    def runs_tests_or_checks(self, command: str) -> bool:
        lines = [line for line in self.expanded(command) if not INSTALL.search(line)]
        if any(TESTS.search(line) or CHECKS.search(line) for line in lines):
            return True
        # A target named for tests or checks whose recipe hands over to a file or tool we do not read.
        return any(TEST_TARGETS.search(target or "") for _, target in RUNNER.findall(command))

    def runs_tests(self, command: str) -> bool:
        return any(TESTS.search(line) for line in self.expanded(command) if not INSTALL.search(line))

    def runs_pipeline(self, command: str) -> bool:
        return any(self._pipeline_line(line) for line in self.expanded(command))

    def _pipeline_line(self, line: str) -> bool:
        if TESTS.search(line):
            return False
        for found in PIPELINE.finditer(line):
            module, script, rscript = found.group("module"), found.group("script"), found.group("rscript")
            if module is not None:
                if module.split(".")[0] not in TOOL_MODULES and not housekeeping(module.replace(".", "/")):
                    return True
            elif (script or rscript) is not None:
                if not housekeeping(script or rscript or ""):
                    return True
            else:
                return True
        # the project's own command, run as the command (after any VAR=value and `uv run`-style launcher)
        head = re.sub(r"^(?:\w+=\S*\s+)*(?:(?:uv|poetry|pipx|hatch|pdm|pixi)\s+run\s+)?", "", line.strip())
        return any(re.match(rf"{re.escape(name)}(?:\s|$)", head) for name in self.entry_points)

    @cached_property
    def entry_points(self) -> list[str]:
        """The project's own console commands (pyproject [project.scripts], setup.cfg entry points)."""
        scripts = self.repo.pyproject.get("project", {}).get("scripts", {})
        names = list(scripts) if isinstance(scripts, dict) else []
        poetry = self.repo.pyproject.get("tool", {}).get("poetry", {}).get("scripts", {})
        names += list(poetry) if isinstance(poetry, dict) else []
        cfg = self.repo.setup_cfg
        if cfg.has_option("options.entry_points", "console_scripts"):
            text = cfg.get("options.entry_points", "console_scripts")
            names += [line.split("=")[0].strip() for line in text.splitlines() if "=" in line]
        names += re.findall(r"['\"]([\w-]+)\s*=\s*[\w.]+:\w+['\"]", self.repo.read("setup.py"))
        return [n for n in names if n]
