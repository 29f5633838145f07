"""The generated project's own checks, run as its users would, once per git host (marked slow).

One virtual environment and one pre-commit cache serve every project in the session: the first
project installs its development tools, the others only themselves. nhsoa is not on the package
index yet, so pip finds the session's wheel of this checkout through PIP_FIND_LINKS. The pre-commit
cache is the session's (``PRE_COMMIT_HOME``), shared with the R products' slow tests.
"""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

from nhsoa.guards.scan import check_digit
from nhsoa.main import main
from tests.template.conftest import git

pytestmark = pytest.mark.slow

NAMES = {"github": "Théâtre A&E Flow", "gitlab": "Dr O'Neil's \"Waits\"", "azure-devops": "2026 Bed Census"}


class SharedEnvironment:
    def __init__(self, root: Path, wheels: Path) -> None:
        self.root = root
        self.wheels = wheels
        self.venv = root / "venv"
        self.ready = False
        self.env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "VIRTUAL_ENV"))}
        self.env |= {
            "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "PIP_FIND_LINKS": str(self.wheels),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }

    def run(self, project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.venv / "bin" / "python"), *args],
            cwd=project,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            pytest.fail(f"{' '.join(args)} failed in {project.name}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        return result

    def install(self, project: Path) -> None:
        if not self.ready:
            venv.create(self.venv, with_pip=True)
            self.run(project, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
            self.ready = True
        else:
            self.run(project, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory, nhsoa_wheels: Path) -> SharedEnvironment:
    return SharedEnvironment(tmp_path_factory.mktemp("shared-env"), nhsoa_wheels)


@pytest.mark.parametrize("host", list(NAMES))
def test_generated_project_passes_its_own_checks(
    host: str, shared: SharedEnvironment, template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = template_repo / "templates" / "analytics-product"
    argv = ["new", "--no-input", "--template", str(template), "-o", str(tmp_path)]
    assert main([*argv, "--set", f"product_name={NAMES[host]}", "--set", f"git_host={host}"]) == 0
    project = Path(capsys.readouterr().out.split("created ", 1)[1].splitlines()[0])
    package = next(p.name for p in (project / "src").iterdir())
    shared.install(project)

    shared.run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider")
    shared.run(project, "-m", "ruff", "check", ".")
    shared.run(project, "-m", "ruff", "format", "--check", ".")
    shared.run(project, "-m", "mkdocs", "build", "--strict")
    shared.run(project, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", "reports/report.ipynb")
    shared.run(project, "-m", package, "--log-file", "logs/pipeline.log")
    shared.run(project, "-m", "nhsoa", "validate", "product.yaml")
    hooks = shared.run(project, "-m", "pre_commit", "run", "--all-files")
    assert "Failed" not in hooks.stdout
    assert "no drift" in shared.run(project, "-m", "nhsoa", "check", ".").stdout
    assert "B2 met" in shared.run(project, "-m", "nhsoa", "rap", ".").stdout

    report = (project / "reports" / "report.html").read_text(encoding="utf-8")
    assert "Attendances by month" in report
    assert "subtitle:" not in report  # the Quarto front matter is not printed
    assert (project / "site" / "index.html").is_file()
    assert (project / "data" / "processed" / "monthly_attendances.csv").is_file()
    assert "wrote" in (project / "logs" / "pipeline.log").read_text(encoding="utf-8")
    assert git(project, "status", "--porcelain") == ""  # every output is ignored by git
    if host == "github":
        _leaks_are_blocked_at_commit(project, shared)


def _leaks_are_blocked_at_commit(project: Path, shared: SharedEnvironment) -> None:
    first_nine = "485777345"  # in an issuing range; the check digit is added here
    real = first_nine + str(check_digit(first_nine))
    test_number = "999000001" + str(check_digit("999000001"))

    def commit(name: str, content: str) -> tuple[int, str]:
        """Commit one new file through the installed pre-commit hook; the exit code and all output."""
        (project / name).write_text(content, encoding="utf-8")
        git(project, "add", name)
        result = subprocess.run(
            ["git", "commit", "-m", f"add {name}"],
            cwd=project,
            env=shared.env,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.returncode, result.stdout + result.stderr

    code, output = commit("notes.md", f"Seen patient {real} today.\n")
    assert code != 0
    assert "notes.md:1:14: NHS number (England, Wales, Isle of Man) 485******* could be a patient's" in output
    assert real not in output
    git(project, "rm", "--quiet", "--cached", "notes.md")
    code, output = commit("extract.csv", "id,value\n1,2\n")
    assert code != 0
    assert "extract.csv: .csv data file" in output
    git(project, "rm", "--quiet", "--cached", "extract.csv")
    (project / "extract.csv").unlink()
    code, output = commit("notes.md", f"Test patient {test_number} only.\n")
    assert code == 0, output
