"""Benchmark ``nhsoa new`` against plain ``cookiecutter`` on the same template, in one run.

Part 1 times, as a user would see them (whole commands, interleaved, median of --runs):
  cookiecutter --no-input TEMPLATE          the baseline: render the template only
  nhsoa new --no-input --no-git             render (no clone: the template is local) + .cruft.json
  nhsoa new --no-input                      the above + git init, first commit, hook install
and prints each against the baseline (target for the full command: at most 1.3 times).

Part 2 (skipped with --quick) times ``nhsoa new`` to every generated check green: a fresh virtual
environment, ``pip install -e .[dev]`` (nhsoa from a wheel of this checkout, via PIP_FIND_LINKS),
then pytest, ruff, mkdocs --strict, the report notebook and ``pre-commit run --all-files`` with an
empty pre-commit cache. Package downloads come from pip's own cache when it is warm.

Usage: python benchmarks/new.py [--runs N] [--quick]
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


def generation(root: Path, template: Path, runs: int) -> dict[str, list[float]]:
    commands = {
        # the release to pin, as nhsoa new gives it (the template keeps none of its own)
        "cookiecutter --no-input": [str(BIN / "cookiecutter"), "--no-input", str(template), "_nhsoa_version=0.1.0"],
        "nhsoa new --no-input --no-git": [
            str(BIN / "nhsoa"),
            "new",
            "--no-input",
            "--no-git",
            "--template",
            str(template),
        ],
        "nhsoa new --no-input": [str(BIN / "nhsoa"), "new", "--no-input", "--template", str(template)],
    }
    env = git_env(PRE_COMMIT_HOME=str(root / "pre-commit-cache"), HOME=str(root / "home"))
    (root / "home").mkdir()
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


def checks(root: Path, template: Path) -> list[tuple[str, float]]:
    wheels = root / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(wheels)], REPO)
    env = git_env(PIP_FIND_LINKS=str(wheels), PRE_COMMIT_HOME=str(root / "pre-commit-fresh"))
    env["PATH"] = f"{root / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("VIRTUAL_ENV", None)
    out = root / "checks"
    out.mkdir()
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    steps.append(("nhsoa new", run([str(BIN / "nhsoa"), "new", "--no-input", "--template", str(template)], out, env)))
    project = next(out.iterdir())
    package = next(p.name for p in (project / "src").iterdir())
    begin = time.perf_counter()
    venv.create(root / "venv", with_pip=True)
    steps.append(("python -m venv", time.perf_counter() - begin))
    python = str(root / "venv" / "bin" / "python")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument("--quick", action="store_true", help="skip part 2 (the generated checks)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nhsoa-bench-") as scratch:
        root = Path(scratch)
        template = template_repository(root)
        times = generation(root, template, args.runs)
        baseline = statistics.median(times["cookiecutter --no-input"])
        print(f"Part 1: generating a project (median of {args.runs} runs, whole commands)")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<32} {median * 1000:7.0f} ms   ratio {median / baseline:4.2f}")
        ratio = statistics.median(times["nhsoa new --no-input"]) / baseline
        verdict = "within" if ratio <= 1.3 else "OVER"
        print(f"  overhead ratio of nhsoa new: {ratio:.2f} ({verdict} the 1.3 target)")
        if not args.quick:
            print("Part 2: nhsoa new to all generated checks green (fresh venv and pre-commit cache)")
            for name, seconds in checks(root, template):
                print(f"  {name:<40} {seconds:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
