"""The pieces the RAP detectors rest on: README sections, make/just recipes, what a command runs, who logs,
and when jobs of each CI host run."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from nhsoa.rap import readme
from nhsoa.rap.automation import continuous_integration, triggers
from nhsoa.rap.code import Code
from nhsoa.rap.commands import Commands, housekeeping, parse_recipes
from nhsoa.rap.evidence import Project, code_files
from nhsoa.rap.repository import Repository


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def sections(name: str, text: str) -> list[str]:
    return [h.text for h in readme.parse(PurePosixPath(name), text).headings]


def test_readme_sections_in_every_common_form() -> None:
    markdown = "# Title\n\nInstallation\n------------\n\n<h2>Usage</h2>\n\n**Getting started**\n\n## Licence\n"
    assert sections("README.md", markdown) == ["Installation", "Usage", "Getting started", "Licence"]
    rst = "Title\n=====\n\nInstalling\n``````````\n\npip install x\n"
    assert sections("README.rst", rst) == ["Installing"]
    # a paragraph before a fenced block is not a heading, and '# comments' in code are not headings
    fenced = "# Title\n\nTo see the commands run\n```\n# install.packages('x')\nopensafely --help\n```\n"
    assert sections("README.md", fenced) == []
    found = readme.parse(PurePosixPath("README.md"), fenced)
    assert [(c.line, c.text) for c in found.commands] == [(5, "install.packages(")]  # R READMEs comment them
    prose = "Run `python -m beds` after you make changes to `config.yml`.\n"
    assert [c.text for c in readme.parse(PurePosixPath("README.md"), prose).commands] == ["python -m beds"]


@pytest.mark.parametrize(
    ("heading", "setup_or_use"),
    [
        ("Installation", True),
        ("Prerequisites", True),
        ("Running the pipeline", True),
        ("Quick start", True),
        ("Run the app", True),
        ("Turn off run chart analysis", False),
        ("Terms of use", False),
        ("Licence", False),
    ],
)
def test_readme_headings_that_say_how_to_install_or_run(heading: str, setup_or_use: bool) -> None:
    found = bool(readme.SETUP_HEADING.search(heading) or readme.USE_HEADING.search(heading))
    assert found is setup_or_use


def test_recipes_of_a_makefile_and_a_justfile() -> None:
    makefile = (
        ".PHONY: test\n"
        "VENV := .venv\n"
        "test: install  ## run the tests\n"
        "ifeq ($(CI),true)\n"
        "\tpython -m pytest --cov\n"
        "else\n"
        "\tpython -m pytest\n"
        "endif\n"
        "install:\n"
        "\tpip install -e .\n"
    )
    recipes = parse_recipes(makefile)
    assert recipes.default == "test"
    assert recipes.expand("test") == ["python -m pytest --cov", "python -m pytest", "pip install -e ."]
    justfile = 'export X := "1"\n\ncheck: format lint\n\nformat *args=".": devenv\n    ruff format --check {{ args }}\n'
    justfile += "\nlint:\n    ruff check .\n"
    assert parse_recipes(justfile).expand("check") == ["ruff format --check {{ args }}", "ruff check ."]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("scripts/cleanup_registry.py", True),
        ("scripts/check_version.py", True),
        ("tests/acceptance/update_studies", True),
        ("docs/gen_ref_pages.py", True),
        ("run_pipeline.py", False),
        ("rap_check", False),
        ("src/referrals/pipeline.py", False),
    ],
)
def test_housekeeping_scripts(path: str, expected: bool) -> None:
    assert housekeeping(path) is expected


def test_what_commands_run(tmp_path: Path) -> None:
    root = write(tmp_path, {"pyproject.toml": '[project]\nname = "beds"\n[project.scripts]\nbeds = "beds.cli:main"\n'})
    commands = Commands(Repository(root))
    assert commands.runs_pipeline("python -m beds.pipeline --month latest")
    assert commands.runs_pipeline("uv run beds --all")
    assert commands.runs_pipeline("Rscript -e 'targets::tar_make()'")
    assert commands.runs_pipeline("Rscript R/run.R")
    assert not commands.runs_pipeline("python -m pytest")
    assert not commands.runs_pipeline("python scripts/cleanup_images.py")
    assert not commands.runs_pipeline("just build-beds beds")
    assert commands.runs_tests_or_checks("docker compose run --rm test")
    assert commands.runs_tests_or_checks("make check-links")  # named for a check; no Makefile to read
    assert not commands.runs_tests_or_checks("pip install flake8 pytest")
    assert not commands.runs_tests_or_checks("Rscript -e 'remotes::install_cran(\"rcmdcheck\")'")


def test_logging_is_the_projects_own(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "src/beds/quiet.py": 'import logging\n\nlogging.getLogger("urllib3").setLevel(logging.WARNING)\n',
            "src/beds/run.py": "from loguru import logger\n\n\ndef run():\n    logger.info('start')\n",
            "R/report.R": "report <- function() {\n  message('done')\n}\n",
            "R/alert.R": "alert <- function() {\n  cli::cli_alert_success('written')\n}\n",
            "docs/hooks.py": "import logging\nlogging.basicConfig()\n",
            "src/beds/_vendor/lib.py": "import logging\nlogging.basicConfig()\n",
        },
    )
    assert Code(Repository(root)).logging() == ["R/alert.R:2", "src/beds/run.py:5"]


def jobs_of(tmp_path: Path, files: dict[str, str]) -> Project:
    return Project(write(tmp_path, files))


def test_when_jobs_run_on_each_host(tmp_path: Path) -> None:
    project = jobs_of(
        tmp_path,
        {
            ".travis.yml": "script: pytest\njobs:\n  include:\n    - if: type = cron\n      script: python -m beds\n",
            ".circleci/config.yml": (
                "version: 2.1\njobs:\n  nightly:\n    steps:\n      - run: Rscript run.R\n"
                "workflows:\n  nightly:\n    triggers:\n      - schedule:\n          cron: '0 2 * * *'\n"
                "    jobs: [nightly]\n"
            ),
            "bitbucket-pipelines.yml": "pipelines:\n  default:\n    - step:\n        script:\n          - tox\n",
            ".gitlab-ci.yml": "refresh:\n  only: [schedules]\n  script: [python -m beds.refresh]\n",
        },
    )
    summary = {(j.file, j.name): (j.automatic, bool(j.trigger)) for j in project.jobs}
    assert summary == {
        (".travis.yml", "build"): (True, False),
        (".travis.yml", "0"): (False, True),
        (".circleci/config.yml", "nightly"): (True, True),
        ("bitbucket-pipelines.yml", "default"): (True, False),
        (".gitlab-ci.yml", "refresh"): (False, True),
    }
    assert continuous_integration(project).met
    assert triggers(project).met


def test_a_job_kept_off_the_schedule_does_not_count(tmp_path: Path) -> None:
    workflow = (
        "on:\n  schedule:\n    - cron: '0 1 * * *'\n  push:\n"
        "jobs:\n  publish:\n    if: github.event_name != 'schedule'\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: python -m beds\n"
    )
    shown = triggers(jobs_of(tmp_path / "a", {".github/workflows/publish.yml": workflow}))
    assert not shown.met
    dispatched = workflow.replace("  schedule:\n    - cron: '0 1 * * *'\n", "  repository_dispatch:\n").replace(
        "    if: github.event_name != 'schedule'\n", ""
    )
    shown = triggers(jobs_of(tmp_path / "b", {".github/workflows/publish.yml": dispatched}))
    assert shown.met
    assert shown.summary.startswith("repository dispatch at .github/workflows/publish.yml:2: job 'publish' runs")


@pytest.mark.parametrize(
    ("files", "met", "summary"),
    [
        ({"src/App.tsx": "export const App = () => null;\n", "jest.config.ts": "export default {};\n"}, True,
         "1 TypeScript file"),
        ({"src/nhsnumber.cljc": "(ns nhsnumber)\n"}, True, "1 Clojure file"),
        ({"analysis.jl": "using DataFrames\n", "pipeline.py": "print(1)\n"}, True, "1 Python file"),
        # a documentation site: its theme scripts and bundles produce no data
        ({"docs/index.md": "# Docs\n", "docs/assets/extra.js": "x()\n", "overrides/main.js": "y()\n",
          "bundle.min.js": "z()\n", "rollup.config.mjs": "export default {};\n"}, False,
         "no Python, R, SQL"),
    ],
)  # fmt: skip
def test_code_in_any_open_language_is_the_projects_code(
    tmp_path: Path, files: dict[str, str], met: bool, summary: str
) -> None:
    shown = code_files(Project(write(tmp_path, files)))
    assert shown.met is met
    assert shown.summary.startswith(summary)
