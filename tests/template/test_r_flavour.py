"""The R flavour's package lists agree: code, DESCRIPTION, renv.lock, install commands, CI and `make r`.

An R product names its packages in several places (DESCRIPTION, renv.lock, the README's install
command, each CI file, and this repository's `make r` that installs them from Debian for the slow
tests). These tests read every `pkg::` call in the product and fail when a place forgets a package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.template.conftest import REPO, baked
from tests.template.test_bake import dcf

BASE_R = {"base", "compiler", "datasets", "graphics", "grDevices", "grid", "methods", "parallel", "splines", "stats"}
BASE_R |= {"stats4", "tcltk", "tools", "utils"}
TOOLS = {"lintr", "roxygen2"}  # development tools: run on the code, not called by it


@pytest.fixture(scope="module")
def product(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return baked(tmp_path_factory.mktemp("r-flavour"), language="R", product_name="Package Lists", git_host="github")


def called(project: Path, *folders: str) -> set[str]:
    """Packages whose functions the R code and the report call as ``pkg::name``."""
    found: set[str] = set()
    for folder in folders:
        for path in (project / folder).rglob("*"):
            if path.suffix in (".R", ".qmd"):
                found |= set(re.findall(r"\b([A-Za-z][A-Za-z0-9.]*)::", path.read_text(encoding="utf-8")))
    return found


def description_packages(project: Path, field: str) -> set[str]:
    text = dcf((project / "DESCRIPTION").read_text(encoding="utf-8"))[field]
    return {re.sub(r"\s*\(.*\)", "", item).strip() for item in text.split(",") if item.strip()}


def test_description_declares_every_package_the_code_calls(product: Path) -> None:
    imports = description_packages(product, "Imports")
    suggests = description_packages(product, "Suggests")
    assert called(product, "R") - BASE_R <= imports - BASE_R
    assert called(product, "R") & BASE_R <= imports  # R CMD check wants base packages other than base too
    assert called(product, "tests", "reports") - BASE_R - imports <= suggests


def test_renv_lock_pins_what_the_outputs_need_and_everything_it_needs(product: Path) -> None:
    lock = json.loads((product / "renv.lock").read_text(encoding="utf-8"))
    pinned = lock["Packages"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", lock["R"]["Version"])
    needed = (description_packages(product, "Imports") | called(product, "reports")) - BASE_R
    assert needed <= set(pinned)
    for name, record in pinned.items():
        assert record["Package"] == name
        assert record["Source"] == "Repository"
        assert set(record.get("Requirements", [])) <= set(pinned), name  # restore needs nothing unpinned
    assert not set(pinned) & TOOLS  # development tools are not pinned


def test_install_commands_and_ci_install_every_package_the_checks_use(product: Path, tmp_path: Path) -> None:
    everything = (description_packages(product, "Imports") | description_packages(product, "Suggests")) - BASE_R
    readme = (product / "README.md").read_text(encoding="utf-8")
    install = re.search(r"install\.packages\(c\(([^)]*)\)\)", readme)
    assert install is not None
    assert set(re.findall(r'"([^"]+)"', install.group(1))) == everything | TOOLS
    for host, ci in (("gitlab", ".gitlab-ci.yml"), ("azure-devops", "azure-pipelines.yml")):
        project = baked(tmp_path / host, language="R", product_name="Package Lists", git_host=host)
        listed = re.search(r"install\.packages\(c\(([^)]*)\)", (project / ci).read_text(encoding="utf-8"))
        assert listed is not None
        assert set(re.findall(r'"([^"]+)"', listed.group(1))) == everything | {"lintr"}
    github = (product / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "r-lib/actions/setup-r-dependencies@v2" in github  # installs DESCRIPTION's packages itself
    assert set(re.findall(r"any::([A-Za-z0-9.]+)", github)) >= {"rcmdcheck", "lintr"}


def test_make_r_installs_every_package_from_debian(product: Path) -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    debian = set(re.search(r"^R_PACKAGES := (.*)$", makefile, re.MULTILINE).group(1).split())  # type: ignore[union-attr]
    everything = (description_packages(product, "Imports") | description_packages(product, "Suggests")) - BASE_R
    assert {f"r-cran-{name.lower()}" for name in everything | TOOLS} | {"r-base-core", "pandoc"} == debian


# What R CMD check expects at the top of a package source; anything else must be in .Rbuildignore
# (else "Non-standard files/directories found at top level" or "hidden files" notes).
PACKAGE_TOP_LEVEL = {"DESCRIPTION", "NAMESPACE", "R", "man", "inst", "tests", "README.md"}
BUILD_LEAVES_OUT = {".Rbuildignore", ".gitignore"}  # R CMD build never copies these


@pytest.mark.parametrize(
    ("host", "licence"), [("github", "MIT"), ("gitlab", "GPL-3.0-or-later"), ("azure-devops", "AGPL-3.0-or-later")]
)
def test_rbuildignore_leaves_only_the_package_in_the_build(tmp_path: Path, host: str, licence: str) -> None:
    project = baked(
        tmp_path, language="R", product_name="Build Ignore", git_host=host, licence=licence, clinical_safety="yes"
    )
    patterns = [line for line in (project / ".Rbuildignore").read_text(encoding="utf-8").splitlines() if line]
    ignored = {
        entry.name for entry in project.iterdir() if any(re.search(p, entry.name, re.IGNORECASE) for p in patterns)
    }
    kept = {entry.name for entry in project.iterdir()} - ignored - BUILD_LEAVES_OUT
    licence_file = {"LICENSE"} if licence == "MIT" else set()  # `MIT + file LICENSE` ships R's two-line LICENSE
    assert kept == PACKAGE_TOP_LEVEL | licence_file
