"""Benchmark ``nhsoa new`` against plain ``cookiecutter`` on the same template, in one run, per language.

Part 1 times, as a user would see them (whole commands, interleaved, median of --runs), for each
language (``language=Python`` and ``language=R``):
  cookiecutter --no-input TEMPLATE language=L     the baseline: render the template only
  nhsoa new --no-input --no-git --set language=L  render (no clone: the template is local) + .cruft.json
  nhsoa new --no-input --set language=L           the above + git init, first commit, hook install
and prints each against the baseline (target for the full command: at most 1.3 times).

Part 2 (skipped with --quick) times ``nhsoa new`` to every generated check green, with an empty
pre-commit cache. Python: a fresh virtual environment, ``pip install -e .[dev]`` (nhsoa from a wheel
of this checkout, via PIP_FIND_LINKS), then pytest, ruff, mkdocs --strict, the report notebook, the
pipeline and ``pre-commit run --all-files``. R (with R and its packages already installed, as from
Debian by ``make r``): a fresh virtual environment with nhsoa and pre-commit (the Python tools an R
product uses), then the product's own ``make`` tasks: testthat, lintr, R CMD build and check, the
report (R Markdown), the pipeline and pre-commit. Package downloads come from pip's cache when warm.

Usage: python benchmarks/new.py [--runs N] [--quick] [--language Python|R]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from nhsoa import __version__

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return elapsed


def template_repository(root: Path) -> Path:
    """A git repository holding a copy of the template (nhsoa records the template's commit)."""
    repo = root / "template-repo"
    shutil.copytree(REPO / "templates" / "analytics-product", repo / "templates" / "analytics-product")
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "template"]):
        run(["git", *step], repo, git_env())
    return repo / "templates" / "analytics-product"


def git_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env |= {
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    return env | extra


def generation(root: Path, template: Path, runs: int, language: str) -> dict[str, list[float]]:
    nhsoa_new = [str(BIN / "nhsoa"), "new", "--no-input", "--set", f"language={language}", "--template", str(template)]
    commands = {
        # the release to pin, as nhsoa new gives it (the template keeps none of its own)
        "cookiecutter --no-input": [
            str(BIN / "cookiecutter"),
            "--no-input",
            str(template),
            f"_nhsoa_version={__version__}",
            f"language={language}",
        ],
        "nhsoa new --no-input --no-git": [*nhsoa_new, "--no-git"],
        "nhsoa new --no-input": nhsoa_new,
    }
    env = git_env(PRE_COMMIT_HOME=str(root / "pre-commit-cache"), HOME=str(root / "home"))
    (root / "home").mkdir(exist_ok=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(runs + 1):  # the first round warms the file cache and is not counted
        for name, args in commands.items():
            out = root / f"out-{index}-{len(times[name])}-{abs(hash(name))}"
            out.mkdir()
            elapsed = run(args, out, env)
            if index:
                times[name].append(elapsed)
            shutil.rmtree(out)
    return times


def checks_environment(root: Path, name: str) -> dict[str, str]:
    """Fresh folders for one language's checks: a virtual environment and an empty pre-commit cache."""
    wheels = root / "wheels"
    if not wheels.is_dir():
        run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(wheels)], REPO)
    env = git_env(PIP_FIND_LINKS=str(wheels), PRE_COMMIT_HOME=str(root / f"pre-commit-{name}"))
    env["PATH"] = f"{root / f'venv-{name}' / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("VIRTUAL_ENV", None)
    (root / f"checks-{name}").mkdir()
    return env


def checks(root: Path, template: Path) -> list[tuple[str, float]]:
    env = checks_environment(root, "python")
    out = root / "checks-python"
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    steps.append(("nhsoa new", run([str(BIN / "nhsoa"), "new", "--no-input", "--template", str(template)], out, env)))
    project = next(out.iterdir())
    package = next(p.name for p in (project / "src").iterdir())
    begin = time.perf_counter()
    venv.create(root / "venv-python", with_pip=True)
    steps.append(("python -m venv", time.perf_counter() - begin))
    python = str(root / "venv-python" / "bin" / "python")
    for name, args in (
        ("pip install -e .[dev]", ["-m", "pip", "install", "-q", "-e", ".[dev]"]),
        ("pytest", ["-m", "pytest", "-q", "-p", "no:cacheprovider"]),
        ("ruff check + format", ["-m", "ruff", "check", "."]),
        ("", ["-m", "ruff", "format", "--check", "."]),
        ("mkdocs build --strict", ["-m", "mkdocs", "build", "--strict"]),
        ("report notebook", ["-m", "jupyter", "nbconvert", "--to", "html", "--execute", "reports/report.ipynb"]),
        ("pipeline", ["-m", package]),
        ("pre-commit run --all-files", ["-m", "pre_commit", "run", "--all-files"]),
    ):
        elapsed = run([python, *args], project, env)
        if name:
            steps.append((name, elapsed))
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + elapsed)
    steps.append(("total: nhsoa new to all checks green", time.perf_counter() - start))
    return steps


def checks_r(root: Path, template: Path) -> list[tuple[str, float]]:
    env = checks_environment(root, "r")
    out = root / "checks-r"
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    new = [str(BIN / "nhsoa"), "new", "--no-input", "--set", "language=R", "--template", str(template)]
    steps.append(("nhsoa new --set language=R", run(new, out, env)))
    project = next(out.iterdir())
    begin = time.perf_counter()
    venv.create(root / "venv-r", with_pip=True)
    python = str(root / "venv-r" / "bin" / "python")
    run([python, "-m", "pip", "install", "-q", f"nhsoa=={__version__}", "pre-commit==4.7.0"], project, env)
    steps.append(("venv + pip install nhsoa pre-commit", time.perf_counter() - begin))
    for name, target in (
        ("testthat", "test"),
        ("lintr", "lint"),
        ("R CMD build + check --no-manual", "package"),
        ("report (R Markdown)", "report"),
        ("pipeline", "pipeline"),
        ("nhsoa validate", "validate"),
        ("pre-commit run --all-files", "hooks"),
    ):
        steps.append((name, run(["make", target], project, env)))
    steps.append(("total: nhsoa new to all checks green", time.perf_counter() - start))
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument("--quick", action="store_true", help="skip part 2 (the generated checks)")
    parser.add_argument("--language", choices=("Python", "R"), action="append", help="only this language")
    args = parser.parse_args()
    languages = args.language or ["Python", "R"]
    with tempfile.TemporaryDirectory(prefix="nhsoa-bench-") as scratch:
        root = Path(scratch)
        template = template_repository(root)
        for language in languages:
            times = generation(root, template, args.runs, language)
            baseline = statistics.median(times["cookiecutter --no-input"])
            print(f"Part 1 ({language}): generating a project (median of {args.runs} runs, whole commands)")
            for name, values in times.items():
                median = statistics.median(values)
                print(f"  {name:<32} {median * 1000:7.0f} ms   ratio {median / baseline:4.2f}")
            ratio = statistics.median(times["nhsoa new --no-input"]) / baseline
            verdict = "within" if ratio <= 1.3 else "OVER"
            print(f"  overhead ratio of nhsoa new: {ratio:.2f} ({verdict} the 1.3 target)")
        if not args.quick:
            for language in languages:
                print(f"Part 2 ({language}): nhsoa new to all generated checks green (fresh venv and pre-commit cache)")
                for name, seconds in (checks if language == "Python" else checks_r)(root, template):
                    print(f"  {name:<40} {seconds:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
