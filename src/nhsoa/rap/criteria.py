"""The NHS levels of reproducible analytical pipelines (RAP), criterion by criterion.

Paraphrased from the NHS RAP community of practice's "levels of RAP"
(https://nhsdigital.github.io/rap-community-of-practice/): baseline B1-B5, silver S1-S9 and gold G1-G4,
the ids entries record under ``rap.criteria``. A level is reached when every criterion of it and of
the levels below is met or not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("baseline", "silver", "gold")
MET, NOT_MET, NOT_APPLICABLE = "met", "not-met", "n/a"
STATUS_LABEL = {MET: "Met", NOT_MET: "Not met", NOT_APPLICABLE: "Not applicable"}


@dataclass(frozen=True)
class Criterion:
    id: str
    level: str
    text: str  # what the criterion asks, as a sentence
    evidence: str  # what a repository can show for it


CRITERIA: tuple[Criterion, ...] = (
    Criterion("B1", "baseline", "Data are produced by code in an open-source language (such as Python, R or SQL).",
              "source files in those languages"),
    Criterion("B2", "baseline", "Code is version controlled.",
              "a git repository"),
    Criterion("B3", "baseline", "The repository has a README that says how to reproduce the outputs.",
              "README with install and run steps"),
    Criterion("B4", "baseline", "Code has been peer reviewed.",
              "attested (pull-request reviews)"),
    Criterion("B5", "baseline", "Code is published in the open and linked to and from any publication.",
              "attested (repository public, links)"),
    Criterion("S1", "silver", "Outputs are produced by code with minimal manual intervention.",
              "attested (single entry point)"),
    Criterion("S2", "silver", "Code is documented: user guidance, structure, method and function docstrings.",
              "docs folder, docstrings"),
    Criterion("S3", "silver", "Code is organised in a standard folder structure.",
              "src/ or package layout, tests/, docs/"),
    Criterion("S4", "silver", "Reusable functions or classes are used where appropriate.",
              "attested"),
    Criterion("S5", "silver", "Code follows agreed coding standards (such as PEP 8 or the tidyverse style guide).",
              "linter configuration (ruff, lintr)"),
    Criterion("S6", "silver", "The pipeline has a testing framework (unit tests, back tests).",
              "tests folder and test runner config"),
    Criterion("S7", "silver", "The repository records its dependencies (such as requirements.txt or renv.lock).",
              "pyproject/requirements/renv.lock/environment.yml"),
    Criterion("S8", "silver", "The pipeline logs automatically, to show outputs are as expected.",
              "logging set up in the pipeline"),
    Criterion("S9", "silver", "Data are handled and output in a tidy format.",
              "attested"),
    Criterion("G1", "gold", "Code is fully packaged.",
              "pyproject with build system, or an R DESCRIPTION"),
    Criterion("G2", "gold", "Tests and checks run automatically on every change (continuous integration).",
              "CI workflow running tests"),
    Criterion("G3", "gold", "The process runs on a schedule or when new data arrive.",
              "scheduled or event-triggered workflow"),
    Criterion("G4", "gold", "Changes are clearly signposted (a changelog or release notes).",
              "CHANGELOG, tags, version number"),
)  # fmt: skip
BY_ID = {criterion.id: criterion for criterion in CRITERIA}
