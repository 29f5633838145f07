"""Remove the files the answers do not call for. Only removes, so running it twice is safe."""

from __future__ import annotations

import shutil
from pathlib import Path

GIT_HOST = "{{ cookiecutter.git_host }}"
CLINICAL_SAFETY = "{{ cookiecutter.clinical_safety }}"

CI_FILES = {
    "github": (".github",),
    "gitlab": (".gitlab-ci.yml", ".gitlab"),
    "azure-devops": ("azure-pipelines.yml",),
}
CLINICAL_SAFETY_FILES = ("governance/hazard-log.md", "governance/clinical-safety-case.md")


def unwanted(git_host: str, clinical_safety: str) -> list[str]:
    """Paths (relative to the project) that this choice of answers does not use."""
    paths = [path for host, files in CI_FILES.items() if host != git_host for path in files]
    if clinical_safety == "no":
        paths += CLINICAL_SAFETY_FILES
    return paths


def remove(root: Path, relative: str) -> None:
    path = root / relative
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def main() -> None:
    for relative in unwanted(GIT_HOST, CLINICAL_SAFETY):
        remove(Path.cwd(), relative)


if __name__ == "__main__":
    main()
