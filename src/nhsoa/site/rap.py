"""The NHS levels of reproducible analytical pipelines (RAP), criterion by criterion.

Paraphrased from the NHS RAP community of practice's "levels of RAP" (baseline, silver,
gold); the ids B1..B5, S1..S9, G1..G4 are the ones entries record under ``rap.criteria``.
"""

from __future__ import annotations

CRITERIA: dict[str, tuple[str, str]] = {
    "B1": ("baseline", "Data are produced by code in an open-source language (such as Python, R or SQL)."),
    "B2": ("baseline", "Code is version controlled."),
    "B3": ("baseline", "The repository has a README that says how to reproduce the outputs."),
    "B4": ("baseline", "Code has been peer reviewed."),
    "B5": ("baseline", "Code is published in the open and linked to and from any publication."),
    "S1": ("silver", "Outputs are produced by code with minimal manual intervention."),
    "S2": ("silver", "Code is documented: user guidance, structure, method and function docstrings."),
    "S3": ("silver", "Code is organised in a standard folder structure."),
    "S4": ("silver", "Reusable functions or classes are used where appropriate."),
    "S5": ("silver", "Code follows agreed coding standards (such as PEP 8 or the tidyverse style guide)."),
    "S6": ("silver", "The pipeline has a testing framework (unit tests, back tests)."),
    "S7": ("silver", "The repository records its dependencies (such as requirements.txt or renv.lock)."),
    "S8": ("silver", "The pipeline logs automatically, to show outputs are as expected."),
    "S9": ("silver", "Data are handled and output in a tidy format."),
    "G1": ("gold", "Code is fully packaged."),
    "G2": ("gold", "Tests and checks run automatically on every change (continuous integration)."),
    "G3": ("gold", "The process runs on a schedule or when new data arrive."),
    "G4": ("gold", "Changes are clearly signposted (a changelog or release notes)."),
}

STATUS_LABEL = {"met": "Met", "not-met": "Not met", "n/a": "Not applicable"}
