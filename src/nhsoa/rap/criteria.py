"""The NHS levels of reproducible analytical pipelines (RAP), criterion by criterion.

Paraphrased from the NHS RAP community of practice's "levels of RAP"
(https://nhsdigital.github.io/rap-community-of-practice/): baseline B1-B5, silver S1-S9 and gold G1-G4,
the ids entries record under ``rap.criteria``. A level is reached when every criterion of it and of
the levels below is met or not applicable.

Thirteen criteria can be shown by a repository's files; five (peer review, openness, minimal manual
steps, reusable functions, tidy data) only a person can attest. Each criterion says what to do
when it is not met.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("baseline", "silver", "gold")
MET, NOT_MET, NOT_APPLICABLE = "met", "not-met", "n/a"
NOT_ATTESTED = "not-attested"  # only a person can say, and nobody has yet (never written to product.yaml)
RECORDED = (MET, NOT_MET, NOT_APPLICABLE)  # the statuses product.yaml records
STATUS_LABEL = {MET: "Met", NOT_MET: "Not met", NOT_APPLICABLE: "Not applicable", NOT_ATTESTED: "Not attested"}


@dataclass(frozen=True)
class Criterion:
    id: str
    level: str
    text: str  # what the criterion asks, as a sentence
    evidence: str  # what a repository can show for it
    fix: str  # what to do when it is not met (or, for attested criteria, what a person says)

    @property
    def from_files(self) -> bool:
        return not self.evidence.startswith("attested")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("B1", "baseline", "Data are produced by code in an open-source language (such as Python, R or SQL).",
              "source files in those languages",
              "write the pipeline in Python, R or SQL and commit the code"),
    Criterion("B2", "baseline", "Code is version controlled.",
              "a git repository",
              "put the code under git and push it to your organisation's code host"),
    Criterion("B3", "baseline", "The repository has a README that says how to reproduce the outputs.",
              "README with install and run steps",
              "add a README with installation and run steps (sections such as 'Installation' and 'Usage')"),
    Criterion("B4", "baseline", "Code has been peer reviewed.",
              "attested (pull-request reviews)",
              "say whether changes are peer reviewed (for example, reviews on pull requests)"),
    Criterion("B5", "baseline", "Code is published in the open and linked to and from any publication.",
              "attested (repository public, links)",
              "say whether the code is published openly and linked to and from the outputs it supports"),
    Criterion("S1", "silver", "Outputs are produced by code with minimal manual intervention.",
              "attested (single entry point)",
              "say whether the outputs come from the code with minimal manual steps (one command runs the pipeline)"),
    Criterion("S2", "silver", "Code is documented: user guidance, structure, method and function docstrings.",
              "docs folder or site, vignettes, man/ pages, docstrings or roxygen comments",
              "document the code: a docs/ folder or site (MkDocs, Sphinx, pkgdown, vignettes) and docstrings "
              "(Python) or roxygen comments (R) on the functions"),
    Criterion("S3", "silver", "Code is organised in a standard folder structure.",
              "src/ or package folder, R package or R project layout, tests/, docs/",
              "organise the code as a package: src/<package>/ or <package>/__init__.py (Python); DESCRIPTION with "
              "R/ (R package), or R/ with tests/ or _targets.R (R project)"),
    Criterion("S4", "silver", "Reusable functions or classes are used where appropriate.",
              "attested",
              "say whether reusable functions or classes are used where they fit"),
    Criterion("S5", "silver", "Code follows agreed coding standards (such as PEP 8 or the tidyverse style guide).",
              "linter configuration or linter run (ruff, flake8, pylint, black, lintr, styler, air)",
              "configure a linter and run it in pre-commit and CI: [tool.ruff] in pyproject.toml (Python), a "
              ".lintr file (R)"),
    Criterion("S6", "silver", "The pipeline has a testing framework (unit tests, back tests).",
              "test files run by a framework (pytest, unittest, testthat)",
              "add tests: pytest files under tests/ (Python), testthat tests in tests/testthat/ (R)"),
    Criterion("S7", "silver", "The repository records its dependencies (such as requirements.txt or renv.lock).",
              "pyproject/setup dependencies, requirements, lock files, renv.lock, DESCRIPTION Imports",
              "record the dependencies: pyproject.toml dependencies, requirements.txt or a lock file (Python); "
              "renv.lock or DESCRIPTION Imports (R)"),
    Criterion("S8", "silver", "The pipeline logs automatically, to show outputs are as expected.",
              "logging in the project's code (logging, loguru, structlog; logger, log4r, cli)",
              "log from the pipeline: Python's logging (or loguru) set up in the entry point; the logger or log4r "
              "package, or cli alerts, in R"),
    Criterion("S9", "silver", "Data are handled and output in a tidy format.",
              "attested",
              "say whether data are handled and output in tidy form"),
    Criterion("G1", "gold", "Code is fully packaged.",
              "pyproject with build system, setup.py or setup.cfg, or an R DESCRIPTION",
              "package the code: pyproject.toml with [build-system] and [project] (Python), a DESCRIPTION file (R)"),
    Criterion("G2", "gold", "Tests and checks run automatically on every change (continuous integration).",
              "CI job running tests or checks (pytest, R CMD check, linters)",
              "run the tests and checks in CI on every push and pull request (GitHub Actions, GitLab CI, Azure "
              "Pipelines; r-lib/actions check-r-package for R)"),
    Criterion("G3", "gold", "The process runs on a schedule or when new data arrive.",
              "scheduled or event-triggered job that runs the pipeline",
              "run the pipeline on a schedule or trigger: a scheduled CI job (GitHub Actions on: schedule, a "
              "GitLab pipeline schedule, Azure schedules) whose job runs the pipeline"),
    Criterion("G4", "gold", "Changes are clearly signposted (a changelog or release notes).",
              "changelog (CHANGELOG, CHANGES, HISTORY, NEWS, RELEASES) or version tags",
              "signpost changes: keep a CHANGELOG.md (Python) or NEWS.md (R) and tag releases (v1.2.0)"),
)  # fmt: skip
BY_ID = {criterion.id: criterion for criterion in CRITERIA}
# Criteria that can be met outside the repository, where its files cannot show it: CI on a separate
# server, a schedule kept by an orchestrator, release notes published elsewhere. For these, files
# that show nothing leave room for a person to attest them.
ELSEWHERE = frozenset({"G2", "G3", "G4"})
