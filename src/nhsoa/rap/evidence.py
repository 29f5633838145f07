"""What a repository's files show about each RAP criterion that files can show.

Each detector returns a :class:`Shown`: whether the files show the criterion is met, a one-line
summary of what they show (present or absent), and where to look (``path`` or ``path:line``).
The detectors know R packages and projects (DESCRIPTION, roxygen, man/, vignettes, testthat, lintr,
styler/air, renv, targets, NEWS.md, R CMD check) as well as Python ones (src/ and flat layouts,
setup.py/setup.cfg/pyproject, pytest and unittest, ruff/flake8/pylint/black, tox/nox/make/just).
The CI criteria (G2, G3) are in :mod:`nhsoa.rap.automation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from nhsoa.rap import readme
from nhsoa.rap.ci import jobs
from nhsoa.rap.code import Code
from nhsoa.rap.commands import Commands
from nhsoa.rap.jobs import Job
from nhsoa.rap.repository import CODE_SUFFIXES, OTHER_OPEN_LANGUAGES, Repository, listed


@dataclass(frozen=True)
class Shown:
    met: bool
    summary: str  # what the files show, whether the criterion is met or not
    where: tuple[str, ...] = ()


class Project:
    """A repository with the readings several detectors share, each made once."""

    def __init__(self, root: Path) -> None:
        self.repo = Repository(root)

    @cached_property
    def code(self) -> Code:
        return Code(self.repo)

    @cached_property
    def commands(self) -> Commands:
        return Commands(self.repo)

    @cached_property
    def jobs(self) -> list[Job]:
        return jobs(self.repo)

    @cached_property
    def readme(self) -> readme.Readme | None:
        return readme.find(self.repo)


def code_files(project: Project) -> Shown:
    counts: dict[str, int] = {}
    files = project.repo.code_files or project.repo.other_code_files
    for path in files:
        language = CODE_SUFFIXES.get(path.suffix.lower()) or OTHER_OPEN_LANGUAGES[path.suffix.lower()]
        counts[language] = counts.get(language, 0) + 1
    if not counts:
        return Shown(False, "no Python, R, SQL, notebook, R Markdown or Quarto files, nor another open language")
    summary = ", ".join(f"{n} {language} file{'s' * (n != 1)}" for language, n in sorted(counts.items()))
    return Shown(True, summary, tuple(p.as_posix() for p in files[:3]))


def version_control(project: Project) -> Shown:
    repo = project.repo
    if not repo.is_git:
        return Shown(False, "not a git repository")
    if not repo.commits:
        return Shown(False, "a git repository with no commits yet")
    return Shown(True, f"git repository with {repo.commits} commit{'s' * (repo.commits != 1)}")


def readme_steps(project: Project) -> Shown:
    found = project.readme
    if found is None:
        return Shown(False, "no README at the top of the repository")
    sections = found.sections(readme.SETUP_HEADING) + found.sections(readme.USE_HEADING)
    sections = sorted(set(sections), key=lambda h: h.line)
    if sections:
        where = tuple(f"{found.path}:{h.line}" for h in sections[:3])
        return Shown(True, f"{found.path}: " + "; ".join(f"'{h.text}' (line {h.line})" for h in sections[:3]), where)
    if found.commands:
        command = found.commands[0]
        return Shown(True, f"{found.path} shows how to run it: `{command.text}` (line {command.line})",
                     (f"{found.path}:{command.line}",))  # fmt: skip
    return Shown(False, f"{found.path} has no section or commands on installing, setting up or running the code")


DOC_FOLDERS = ("docs", "doc", "documentation", "vignettes")
DOC_PAGES = (".md", ".rst", ".qmd", ".rmd", ".ipynb", ".txt", ".html", ".pdf", ".tex", ".adoc")
DOC_TOOLS = re.compile(
    r"^(?:(?:.*/)?mkdocs\.ya?ml|(?:docs?/)?(?:source/)?conf\.py|(?:pkgdown/)?_pkgdown\.ya?ml|_quarto\.ya?ml|"
    r"\.?readthedocs\.ya?ml|_toc\.ya?ml|book\.toml)$"
)


def documentation(project: Project) -> Shown:
    repo = project.repo
    guidance = _guidance(project)
    man = [p for p in repo.under("man") if p.suffix == ".Rd"]
    counted = project.code.docstrings()
    if man:
        functions = f"{len(man)} man/ page{'s' * (len(man) != 1)}"
        documented = True
    elif counted.with_functions:
        functions = (
            f"docstrings in {len(counted.documented)} of {len(counted.with_functions)} code files that define functions"
        )
        documented = 2 * len(counted.documented) >= len(counted.with_functions)
    else:
        functions, documented = "no functions to document", True
    where = tuple(p.as_posix() for p in (man or counted.documented)[:2])
    if guidance and documented:
        return Shown(True, f"{'; '.join(guidance)}; {functions}", where)
    missing = "" if guidance else "no user guide (docs/ folder, documentation site, vignettes or README usage section)"
    weak = "" if documented else functions
    return Shown(False, "; ".join(part for part in (missing, weak or functions) if part), where)


def _guidance(project: Project) -> list[str]:
    repo = project.repo
    shown = []
    for folder in DOC_FOLDERS:
        pages = [p for p in repo.under(folder) if p.suffix.lower() in DOC_PAGES]
        if pages:
            shown.append(f"{folder}/ ({len(pages)} page{'s' * (len(pages) != 1)})")
    shown += [p.as_posix() for p in repo.files if DOC_TOOLS.match(p.as_posix())][:2]
    if project.readme is not None:
        usage = project.readme.sections(readme.USE_HEADING)
        if usage:
            shown.append(f"{project.readme.path}:{usage[0].line} '{usage[0].text}'")
    return shown


NOT_PACKAGES = frozenset({"tests", "test", "testing", "docs", "doc", "examples", "benchmarks", "notebooks"})


def layout(project: Project) -> Shown:
    repo = project.repo
    extras = [f"{d}/" for d in ("tests", "docs", "man", "vignettes") if repo.under(d)]
    r_code = [p for p in repo.under("R") if p.suffix.lower() == ".r"]
    found = None
    if repo.description.get("Package") and r_code:
        found = "R package: DESCRIPTION and R/"
    elif [p for p in repo.under("src") if p.suffix.lower() in (".py", ".r")]:
        packages = sorted({p.parts[1] for p in repo.under("src") if p.name == "__init__.py" and len(p.parts) == 3})
        found = f"src/{packages[0]}/ package" if packages else "code in src/"
    else:
        flat = sorted({p.parts[0] for p in repo.files if len(p.parts) == 2 and p.name == "__init__.py"} - NOT_PACKAGES)
        if flat:
            found = f"package folder{'s' * (len(flat) > 1)} {listed([f'{name}/' for name in flat])} (with __init__.py)"
        elif r_code and repo.has("_targets.R"):
            found = "targets pipeline: _targets.R with functions in R/"
        elif r_code and repo.under("tests"):
            found = "R project: R/ and tests/"
    if found is None:
        loose = [p for p in repo.code_files if len(p.parts) == 1]
        detail = f"code files at the top: {listed(loose)}" if loose else "code outside any package or project folder"
        return Shown(False, f"no package or project layout (src/, a package folder, an R package or R/ with tests/ "
                            f"or _targets.R); {detail}")  # fmt: skip
    return Shown(True, ", ".join([found, *extras]))


def dependencies(project: Project) -> Shown:
    repo = project.repo
    shown: list[str] = []
    project_table = repo.pyproject.get("project", {})
    if isinstance(project_table.get("dependencies"), list):
        shown.append(repo.where("pyproject.toml", r"^dependencies\s*=") + " dependencies")
    if isinstance(repo.pyproject.get("tool", {}).get("poetry", {}).get("dependencies"), dict):
        shown.append(repo.where("pyproject.toml", r"^\[tool\.poetry\.dependencies\]") + " [tool.poetry.dependencies]")
    if re.search(r"\binstall_requires\s*=", repo.read("setup.py")):
        shown.append(repo.where("setup.py", r"install_requires") + " install_requires")
    if repo.setup_cfg.has_option("options", "install_requires"):
        shown.append(repo.where("setup.cfg", r"^install_requires") + " install_requires")
    for field in ("Imports", "Depends"):
        if repo.description.get(field) and (field == "Imports" or not repo.description.get("Imports")):
            shown.append(repo.where("DESCRIPTION", rf"^{field}:") + f" {field}")
    if repo.description.get("Package") and not any(repo.description.get(f) for f in ("Imports", "Depends")):
        # R CMD check fails a package that uses a package its DESCRIPTION does not declare
        shown.append("DESCRIPTION (no package dependencies)")
    locks = re.compile(
        r"(?:requirements[^/]*\.(?:txt|in)|requirements/[^/]+\.(?:txt|in)|environment\.ya?ml|conda-lock\.ya?ml|Pipfile"
        r"|Pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|pixi\.(?:toml|lock)|renv\.lock|packrat/packrat\.lock|install\.R)$"
    )
    shown += [p.as_posix() for p in repo.files if locks.search(p.as_posix()) and p.parts[0] not in ("docs", "doc")]
    if not shown:
        return Shown(False, "no dependency record (requirements.txt, pyproject or setup dependencies, environment.yml, "
                            "a lock file, renv.lock or DESCRIPTION Imports)")  # fmt: skip
    return Shown(True, listed(shown, 4), tuple(item.split(" ")[0] for item in shown[:4]))


def logging_setup(project: Project) -> Shown:
    found = project.code.logging()
    if not found:
        return Shown(
            False,
            "no logging in the project's code (looked for Python logging, loguru and structlog; R logger, log4r, "
            "futile.logger, lgr and cli alerts); print() and message() are not a log",
        )
    return Shown(True, f"logging in {listed(found)}", tuple(found[:3]))


def packaged(project: Project) -> Shown:
    repo = project.repo
    build = repo.pyproject.get("build-system")
    name = repo.pyproject.get("project", {}).get("name") or repo.pyproject.get("tool", {}).get("poetry", {}).get("name")
    if isinstance(build, dict) and (name or repo.has("setup.py") or repo.has("setup.cfg")):
        backend = str(build.get("build-backend", "")).split(".")[0] or "setuptools"
        return Shown(
            True, f"pyproject.toml [build-system] ({backend})", (repo.where("pyproject.toml", r"^\[build-system\]"),)
        )
    if re.search(r"\bsetup\s*\(", repo.read("setup.py")):
        return Shown(True, "setup.py", (repo.where("setup.py", r"\bsetup\s*\("),))
    if repo.setup_cfg.has_option("metadata", "name"):
        return Shown(True, "setup.cfg [metadata]", (repo.where("setup.cfg", r"^\[metadata\]"),))
    if repo.description.get("Package"):
        return Shown(True, f"DESCRIPTION (R package {repo.description['Package']})", ("DESCRIPTION:1",))
    if repo.pyproject.get("project"):
        return Shown(False, "pyproject.toml has [project] but no [build-system], so it does not build a package")
    return Shown(
        False, "no package metadata (pyproject.toml with a build system, setup.py, setup.cfg or an R DESCRIPTION)"
    )


CHANGELOG = re.compile(
    r"^(?:docs?/|inst/)?(?:change[-_]?log|changes|history|news|releases?|release[-_]?notes)"
    r"(?:\.(?:md|markdown|rst|txt|adoc|rmd|rd))?$",
    re.IGNORECASE,
)


def releases(project: Project) -> Shown:
    repo = project.repo
    logs = [p for p in repo.files if CHANGELOG.match(p.as_posix()) and repo.read(p).strip()]
    tags = repo.version_tags
    version = _version(repo)
    signs = [p.as_posix() for p in logs[:2]]
    if tags:
        signs.append(f"{len(tags)} version tag{'s' * (len(tags) != 1)} ({listed(tags)})")
    if not signs:
        extra = f" ({version} alone does not say what changed)" if version else ""
        return Shown(False, f"no changelog (CHANGELOG, CHANGES, HISTORY, NEWS, RELEASES) and no version tags{extra}")
    return Shown(True, "; ".join(signs + ([version] if version else [])), tuple(p.as_posix() for p in logs[:2]))


def _version(repo: Repository) -> str:
    version = repo.pyproject.get("project", {}).get("version") or repo.description.get("Version")
    if isinstance(version, str):
        return f"version {version}"
    found = re.search(r"\bversion\s*=\s*['\"]([\w.+-]+)['\"]", repo.read("setup.py"))
    return f"version {found.group(1)}" if found else ""


Detector = Callable[[Project], Shown]
