"""Shape the project for the answers: keep one language's files and one git host's CI, drop the rest.

Files common to both languages (governance pack, product.yaml, CI shape, guards, licences, issue
templates, README, CHANGELOG, data folders) are written once in the template; each language's own
files sit beside them and the other language's are removed here. The synthetic example data is one
file too: the Python package reads it from ``src/<package>/data/``, an R package from
``inst/extdata/``, so for R it is moved there. Running this twice is safe: it only moves and removes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

LANGUAGE = "{{ cookiecutter.language }}"
PACKAGE = "{{ cookiecutter.package_name }}"
LICENCE = "{{ cookiecutter.licence }}"
GIT_HOST = "{{ cookiecutter.git_host }}"
CLINICAL_SAFETY = "{{ cookiecutter.clinical_safety }}"

CI_FILES = {
    "github": (".github",),
    "gitlab": (".gitlab-ci.yml", ".gitlab"),
    "azure-devops": ("azure-pipelines.yml",),
}
CLINICAL_SAFETY_FILES = ("governance/hazard-log.md", "governance/clinical-safety-case.md")
LANGUAGE_FILES = {
    "Python": (
        "pyproject.toml",
        "mkdocs.yml",
        "docs/assets",
        "src",
        "notebooks",
        "reports/report.ipynb",
        "tests/test_pipeline.py",
    ),
    "R": (
        "DESCRIPTION",
        "NAMESPACE",
        ".Rbuildignore",
        ".lintr",
        "R",
        "man",
        "inst",
        "renv.lock",
        "tests/testthat.R",
        "tests/testthat",
        "reports/report.qmd",
        "LICENSE.md",
    ),
}
EXAMPLE_DATA = "synthetic_attendances.csv"


def unwanted(git_host: str, clinical_safety: str, language: str = "Python", licence: str = "MIT") -> list[str]:
    """Paths (relative to the project) that this choice of answers does not use."""
    paths = [path for host, files in CI_FILES.items() if host != git_host for path in files]
    if clinical_safety == "no":
        paths += CLINICAL_SAFETY_FILES
    paths += [path for other, files in LANGUAGE_FILES.items() if other != language for path in files]
    if language == "R" and licence != "MIT":
        # only `MIT + file LICENSE` needs R's two-line LICENSE; the full text stays in LICENSE
        paths.append("LICENSE.md")
    return paths


def moves(language: str, package: str) -> list[tuple[str, str]]:
    """Files to move (from, to) before the unwanted ones go: the example data into an R package."""
    if language != "R":
        return []
    return [(f"src/{package}/data/{EXAMPLE_DATA}", f"inst/extdata/{EXAMPLE_DATA}")]


def move(root: Path, source: str, target: str) -> None:
    if (root / source).is_file() and not (root / target).exists():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / source).rename(root / target)


def remove(root: Path, relative: str) -> None:
    path = root / relative
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def main() -> None:
    root = Path.cwd()
    for source, target in moves(LANGUAGE, PACKAGE):
        move(root, source, target)
    for relative in unwanted(GIT_HOST, CLINICAL_SAFETY, LANGUAGE, LICENCE):
        remove(root, relative)


if __name__ == "__main__":
    main()
