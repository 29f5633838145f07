"""Continuous integration (G2) and scheduled or triggered runs (G3), judged by what the jobs run.

A CI job counts for G2 only when something automatic starts it (a push, a pull or merge request, a
calling workflow) and it runs tests or checks: a docs or publishing workflow does not. A job counts
for G3 only when a schedule or an outside event starts it and it runs the pipeline itself: a
scheduled clean-up of container images, a stale-issue sweep, a link check, dependency updates or a
scheduled test run do not. Schedules kept beside the code (a Databricks bundle, an Airflow DAG,
a crontab) count too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from nhsoa.rap.ci import ci_files, steps
from nhsoa.rap.commands import INSTALL, TEST_LABEL
from nhsoa.rap.evidence import Project, Shown
from nhsoa.rap.jobs import Step
from nhsoa.rap.repository import listed

CHECK_ACTIONS = re.compile(
    r"check-r-package|rcmdcheck|lintr|ruff|flake8|pylint|pyright|mypy|super-linter|pre-commit/action|tox|pytest|"
    r"black|isort",
    re.IGNORECASE,
)
REMOTE_WORKFLOW = re.compile(r"^uses:\s*(?!\./)[\w.-]+/[\w.-]+/\.github/workflows/(?P<file>[^@\s]+)")


def continuous_integration(project: Project) -> Shown:
    found = _ci_hits(project, lambda step, line: _checks(project, line))
    if not found:  # commands that do not say what they run ("./ci.sh"), in steps named for tests or checks
        found = _ci_hits(project, _named_check)
    if found:
        files = sorted({where.split(":")[0] for where, _ in found})
        shown = [f"`{command}` ({where})" for where, command in found]
        return Shown(True, f"{listed(files)} run{'s' * (len(files) == 1)} tests or checks: {listed(shown, 2)}",
                     tuple(where for where, _ in found[:3]))  # fmt: skip
    broken = [f"{job.file} does not parse ({job.broken}), so it never runs" for job in project.jobs if job.broken]
    if broken:
        return Shown(False, "; ".join(broken), tuple(job.file for job in project.jobs if job.broken))
    present = [p.as_posix() for p in ci_files(project.repo)]
    if present:
        return Shown(False, f"CI configuration ({listed(present)}) runs no tests or checks on pushes or pull requests")
    return Shown(False, "no CI configuration (GitHub Actions, GitLab CI, Azure Pipelines, Travis, Jenkins ...)")


def _ci_hits(project: Project, accepts: Callable[[Step, str], bool]) -> list[tuple[str, str]]:
    """(file:line, command) of each command in an automatic job that ``accepts`` takes for a test or check."""
    found = []
    for job, step in steps(project.jobs):
        hit = _find(step, partial(accepts, step)) if job.automatic else None
        if hit is not None:
            found.append((job.at(hit[0]), hit[1]))
    return found


def _find(step: Step, predicate: Callable[[str], bool]) -> tuple[int, str] | None:
    """The line (in the file) and text of the first command of ``step`` that ``predicate`` accepts."""
    lines = step.text.splitlines() or [step.text]
    block = len(lines) > 1  # a block scalar starts on the line after its key
    for offset, line in enumerate(lines):
        if line.strip() and not line.strip().startswith("#") and predicate(line.strip()):
            return step.line + (offset + 1 if block else 0), _short(line)
    return None


def _named_check(step: Step, command: str) -> bool:
    """A command in a step named for tests or checks ("Unit tests", a GitLab job called lint)."""
    if not step.label or not TEST_LABEL.search(step.label) or command.startswith("uses:") or INSTALL.search(command):
        return False
    first = command.split(maxsplit=1)[0] if command.strip() else ""
    return first not in {"echo", "cd", "export", "set", "mkdir", "cp", "mv", "rm", "ls", "cat", "git", "source"}


def _checks(project: Project, command: str) -> bool:
    if command.startswith("uses:"):
        remote = REMOTE_WORKFLOW.match(command)
        if remote:  # another repository's reusable workflow: judged by its name
            return bool(re.search(r"test|check|lint|\bci\b|ci\.ya?ml", remote.group("file"), re.IGNORECASE))
        return bool(CHECK_ACTIONS.search(command))
    return project.commands.runs_tests_or_checks(command)


def triggers(project: Project) -> Shown:
    # jobs kept for the schedule come first: their commands say best what the scheduled run does
    triggered = sorted((job for job in project.jobs if job.trigger), key=lambda job: job.automatic)
    for job in triggered:
        for step in job.steps:
            hit = _find(step, lambda line: _runs_pipeline(project, line))
            if hit is not None:
                at = job.at(hit[0])
                return Shown(True, f"{job.trigger}: job '{job.name}' runs `{hit[1]}` ({at})", (at,))
    elsewhere = _schedules_beside_code(project)
    if elsewhere:
        return elsewhere
    if triggered:
        jobs = [f"'{j.name}' ({j.trigger})" for j in triggered]
        places = tuple(sorted({j.trigger.rsplit(" at ", 1)[-1] for j in triggered}))[:3]
        return Shown(False, f"scheduled or triggered jobs do not run the pipeline: {listed(jobs, 2)}", places)
    extra = " (the Dependabot schedule only updates dependencies)" if _dependabot(project) else ""
    return Shown(False, f"no scheduled or event-triggered job that runs the pipeline{extra}")


def _runs_pipeline(project: Project, command: str) -> bool:
    return not command.startswith("uses:") and project.commands.runs_pipeline(command)


def _schedules_beside_code(project: Project) -> Shown | None:
    repo = project.repo
    for path in repo.files:
        name = path.as_posix()
        if re.search(r"(?:^|/)databricks\.ya?ml$|^resources/.+\.ya?ml$", name):
            line = repo.line_of(path, r"quartz_cron_expression|^\s*(?:schedule|trigger|file_arrival):")
            if line:
                return Shown(True, f"Databricks job schedule or trigger ({name}:{line})", (f"{name}:{line}",))
        elif path.suffix == ".py" and re.search(r"(?:^|/)dags/", name):
            line = repo.line_of(path, r"\bschedule(?:_interval)?\s*=\s*(?!None)")
            if line and re.search(r"\bDAG\b|@dag\b", repo.read(path)):
                return Shown(True, f"Airflow DAG with a schedule ({name}:{line})", (f"{name}:{line}",))
        elif path.name in ("crontab", "cron") or path.suffix == ".cron":
            for number, entry in enumerate(repo.read(path).splitlines(), 1):
                if not entry.lstrip().startswith("#") and _runs_pipeline(project, entry):
                    return Shown(True, f"crontab {name}:{number} runs `{_short(entry)}`", (f"{name}:{number}",))
    return None


def _dependabot(project: Project) -> bool:
    return project.repo.has(".github/dependabot.yml") or project.repo.has(".github/dependabot.yaml")


def _short(command: str) -> str:
    first = next(
        (line.strip() for line in command.splitlines() if line.strip() and not line.strip().startswith("#")), ""
    )
    return first if len(first) <= 70 else first[:67] + "..."
