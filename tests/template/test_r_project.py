"""An R product's own checks, run as its users would, once per git host (marked slow).

Each git host gets one product, made by ``nhsoa new --set language=R`` with an awkward name, and
every check below runs on that same product through its own Makefile (the README gives the same
commands for use without make; a test in test_bake.py keeps the two in step): pre-commit on the
first run, testthat, lintr, roxygen2's output, the report with R Markdown (Quarto is not installed
here), R CMD build and check, the pipeline, product.yaml and template drift. R and its packages come
from Debian (`make r` installs them); renv is not installed, and nothing needs it.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from nhsoa.guards.scan import check_digit
from nhsoa.main import main
from tests.template.conftest import git

pytestmark = pytest.mark.slow

# An awkward product name per host, and owner and author names that need quoting in R and YAML.
NAMES = {
    "github": "Théâtre A&E Flow",
    "gitlab": "Dr O'Neil's \"Waits\" 100%",
    "azure-devops": "2026 Bed Census",
}
PACKAGES = {"github": "theatreaeflow", "gitlab": "droneilswaits100", "azure-devops": "product2026bedcensus"}
AUTHOR = 'O\'Brien "Data" Team \\ R&D'
OWNER = 'Barts & The London "NHS" Trust'


@dataclass
class RProduct:
    host: str
    path: Path
    package: str
    env: dict[str, str]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(args, cwd=self.path, env=self.env, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            output = f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
            pytest.fail(f"{' '.join(args)} failed in the {self.host} R product:\n{output}")
        return result

    def make(self, target: str) -> subprocess.CompletedProcess[str]:
        return self.run("make", target)


@pytest.fixture(scope="module", params=list(NAMES))
def product(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, template_repo: Path, nhsoa_wheels: Path
) -> RProduct:
    if shutil.which("Rscript") is None:
        pytest.fail("R is not installed: run `make r` (Debian's R and the packages the R product uses)")
    host = request.param
    output = tmp_path_factory.mktemp(f"r-{host}")
    answers = {
        "language": "R",
        "product_name": NAMES[host],
        "git_host": host,
        "author_name": AUTHOR,
        "owner_organisation": OWNER,
        "licence": {"github": "MIT", "gitlab": "AGPL-3.0-or-later", "azure-devops": "Apache-2.0"}[host],
    }
    argv = ["new", "--no-input", "--template", str(template_repo / "templates" / "analytics-product")]
    argv += ["-o", str(output), *[arg for key, value in answers.items() for arg in ("--set", f"{key}={value}")]]
    assert main(argv) == 0
    (path,) = output.iterdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "VIRTUAL_ENV"))}
    env |= {
        # nhsoa and pre-commit from this environment; the hooks' nhsoa from a wheel of this checkout
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PIP_FIND_LINKS": str(nhsoa_wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "LANG": "C.UTF-8",
    }
    return RProduct(host, path, PACKAGES[host], env)


def test_pre_commit_passes_on_the_first_run(product: RProduct) -> None:
    hooks = product.make("hooks")
    assert "Failed" not in hooks.stdout
    for hook in ("nhsoa scan", "nhsoa no-data", "nhsoa validate", "lintr", "testthat"):
        assert re.search(rf"^{re.escape(hook)}.*Passed$", hooks.stdout, re.MULTILINE), hook


def test_tests_and_lint_pass(product: RProduct) -> None:
    assert "[ FAIL 0 | WARN 0 | SKIP 0 | PASS" in product.make("test").stdout
    product.make("lint")


def test_roxygen_output_is_what_the_template_ships(product: RProduct) -> None:
    product.run("Rscript", "-e", "roxygen2::roxygenise()")
    assert git(product.path, "status", "--porcelain") == ""  # NAMESPACE, man/ and DESCRIPTION unchanged


def test_report_renders_with_r_markdown_where_quarto_is_absent(product: RProduct) -> None:
    assert shutil.which("quarto", path=product.env["PATH"]) is None
    product.make("report")
    report = (product.path / "reports" / "report.html").read_text(encoding="utf-8")
    title = html.escape(NAMES[product.host], quote=False).replace("'", "’").replace('"', "“", 1).replace('"', "”", 1)
    assert f'<h1 class="title toc-ignore">{title}</h1>' in report
    assert "Attendances by month" in report
    assert "<caption>Attendances by month (rows) and department (columns)</caption>" in report
    assert "237 of 240 records used" in report
    assert "```{r}" not in report  # every chunk ran
    assert "format:" not in report  # the front matter is not printed


def test_r_cmd_check_finds_no_problem(product: RProduct) -> None:
    product.make("package")
    log = (product.path / f"{product.package}.Rcheck" / "00check.log").read_text(encoding="utf-8")
    assert log.rstrip().endswith("Status: OK"), log[-3000:]  # no error, warning or note
    assert "Running ‘testthat.R’" in log


def test_pipeline_writes_its_output_and_log(product: RProduct) -> None:
    product.make("pipeline")
    summary = (product.path / "data" / "processed" / "monthly_attendances.csv").read_text(encoding="utf-8")
    assert summary.splitlines()[0] == '"month","department","attendances","patients"'
    assert sum(int(line.rsplit(",", 2)[1]) for line in summary.splitlines()[1:]) == 237
    log = (product.path / "logs" / "pipeline.log").read_text(encoding="utf-8")
    assert "dropped 2 record(s) without a valid NHS number" in log
    assert "wrote" in log


def test_metadata_is_valid_and_the_product_has_not_drifted(product: RProduct) -> None:
    product.make("validate")
    assert "no drift" in product.make("drift").stdout
    rap = product.make("rap").stdout
    assert "G1 met" in rap
    assert "S6 met" in rap
    assert git(product.path, "status", "--porcelain") == ""  # every output the checks made is ignored by git


@pytest.mark.parametrize("product", ["github"], indirect=True)  # the guards are the same for every host
def test_guards_refuse_an_nhs_number_in_r_code_and_an_rds_file(product: RProduct) -> None:
    first_nine = "485777345"  # in an issuing range; the check digit is added here
    real = first_nine + str(check_digit(first_nine))

    def commit(name: str, content: bytes) -> tuple[int, str]:
        """Commit one new file through the installed pre-commit hook; the exit code and all output."""
        (product.path / name).write_bytes(content)
        git(product.path, "add", name)
        result = product.run("git", "commit", "-m", f"add {name}", check=False)
        git(product.path, "reset", "--quiet", "HEAD", "--", name)
        (product.path / name).unlink()
        return result.returncode, result.stdout + result.stderr

    code, output = commit("R/lookup.R", f'patient <- "{real}"\n'.encode())
    assert code != 0
    assert "R/lookup.R:1:13: NHS number (England, Wales, Isle of Man) 485******* could be a patient's" in output
    assert real not in output
    code, output = commit("extract.rds", b"X\n\x00\x00\x00\x03\x00\x04\x02\x02")
    assert code != 0
    assert "extract.rds: .rds data file" in output
    assert git(product.path, "status", "--porcelain") == ""
    assert len(git(product.path, "log", "--format=%H").split()) == 1  # nothing was committed
