"""The jobs a repository's CI configuration defines: when each runs and the commands it runs.

Understood: GitHub Actions (with local and remote reusable workflows), GitLab CI (with ``extends``
and local ``include``), Azure Pipelines, Travis CI, CircleCI, Bitbucket Pipelines and Jenkinsfiles.
A job is *automatic* when pushes, pull/merge requests or a calling workflow start it, and
*triggered* when a schedule or an outside event (another pipeline, a repository dispatch) does.
A file that does not parse runs nothing (its host cannot read it either) and is reported as broken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import YamlError
from nhsoa.rap import ci_hosts
from nhsoa.rap.jobs import Job, Step
from nhsoa.rap.repository import Repository

CI_FILE = re.compile(
    r"^(?:\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab/ci/.+\.ya?ml|"
    r"(?:\.azure-pipelines/|azure-pipelines/|\.pipelines/)?azure-pipelines[^/]*\.ya?ml|\.azure-pipelines/.+\.ya?ml|"
    r"\.travis\.ya?ml|Jenkinsfile|.+\.Jenkinsfile|\.circleci/config\.ya?ml|bitbucket-pipelines\.ya?ml)$"
)
GITLAB_TAGS = re.compile(r"!reference\b")


def ci_files(repo: Repository) -> list[PurePosixPath]:
    return [p for p in repo.files if CI_FILE.match(p.as_posix())]


def jobs(repo: Repository) -> list[Job]:
    """Every job of every CI file in the repository (and the local files GitLab CI includes)."""
    sources = [(p.as_posix(), _reader(p.as_posix())) for p in ci_files(repo)]
    seen = {name for name, _ in sources}
    sources += [(name, ci_hosts.gitlab) for name in _gitlab_includes(repo) if name not in seen]
    found: list[Job] = []
    for name, reader in sources:
        text = repo.read(name)
        if "Jenkinsfile" in PurePosixPath(name).name:
            found += ci_hosts.jenkins(name, text)
            continue
        if reader is ci_hosts.gitlab:
            text = GITLAB_TAGS.sub("", text)  # GitLab's own tags (!reference) hold nothing that says when jobs run
        try:
            data = yamlio.loads(text)
        except YamlError as exc:
            found.append(_unparsed(name, text, f"line {exc.line}: {exc.message}"))
            continue
        if isinstance(data, dict):
            found += reader(name, text, data)
    return _resolve_local_calls(repo, found)


def _gitlab_includes(repo: Repository) -> list[str]:
    """Local files that .gitlab-ci.yml includes (``include: local: path`` or a bare path)."""
    try:
        data = yamlio.loads(repo.read(".gitlab-ci.yml")) if repo.has(".gitlab-ci.yml") else None
    except YamlError:
        return []
    include = data.get("include") if isinstance(data, dict) else None
    items = include if isinstance(include, list) else [include] if include else []
    paths = [i.get("local") if isinstance(i, dict) else i for i in items]
    return [str(p).lstrip("/") for p in paths if isinstance(p, str) and "://" not in p and repo.has(str(p).lstrip("/"))]


def _reader(name: str) -> Any:
    if name.startswith(".github/workflows/"):
        return github
    if name.startswith(".gitlab"):
        return ci_hosts.gitlab
    if "azure-pipelines" in name or name.startswith((".azure-pipelines/", ".pipelines/")):
        return ci_hosts.azure
    if name.startswith(".travis"):
        return ci_hosts.travis
    if name.startswith(".circleci"):
        return ci_hosts.circleci
    return ci_hosts.bitbucket


def _unparsed(name: str, text: str, error: str) -> Job:
    """A file its CI host cannot read either: it never runs, whatever it says."""
    return Job(name, "(does not parse)", 1, automatic=False, broken=error)


# GitHub Actions ---------------------------------------------------------------------------------

AUTOMATIC_EVENTS = frozenset({"push", "pull_request", "pull_request_target", "merge_group"})
# An outside system saying new data are ready. (workflow_run only chains this repository's own workflows.)
OUTSIDE_EVENTS = ("repository_dispatch",)


def github(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    events = _events(data.get("on"))
    automatic = bool(AUTOMATIC_EVENTS & set(events)) or "workflow_call" in events
    trigger = ""
    if "schedule" in events:
        crons = (
            [c.get("cron") for c in events["schedule"] or [] if isinstance(c, dict)]
            if isinstance(events["schedule"], list)
            else []
        )
        line = yamlio.locate(text, ["on", "schedule"])
        trigger = f"schedule ({', '.join(str(c) for c in crons) or 'cron'}) at {name}:{line}"
    else:
        outside = next((e for e in OUTSIDE_EVENTS if e in events), None)
        if outside:
            trigger = f"{outside.replace('_', ' ')} at {name}:{yamlio.locate(text, ['on', outside])}"
    found = []
    for job_id, body in (data.get("jobs") or {}).items():
        if not isinstance(body, dict):
            continue
        job = Job(name, str(job_id), yamlio.locate(text, ["jobs", job_id]), automatic, trigger)
        condition = str(body.get("if", ""))
        if job.trigger and _excludes(condition, "schedule", "github.event_name"):
            job.trigger = ""
        if _not_on_changes(condition):
            job.automatic = False
        if isinstance(body.get("uses"), str):  # a reusable workflow called as a whole job
            job.steps.append(Step(yamlio.locate(text, ["jobs", job_id, "uses"]), f"uses: {body['uses']}"))
        for index, step in enumerate(body.get("steps") or []):
            if not isinstance(step, dict):
                continue
            for key in ("run", "uses"):
                if isinstance(step.get(key), str):
                    line = yamlio.locate(text, ["jobs", job_id, "steps", index, key])
                    label = str(step.get("name", ""))
                    job.steps.append(Step(line, step[key] if key == "run" else f"uses: {step[key]}", label))
        found.append(job)
    return found


def _events(on: Any) -> dict[str, Any]:
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {str(e): None for e in on}
    return {str(k): v for k, v in on.items()} if isinstance(on, dict) else {}


def _excludes(condition: str, event: str, variable: str) -> bool:
    """A job condition that keeps the job off ``event`` (``!= 'schedule'``, or ``== 'push'``)."""
    if variable not in condition:
        return False
    if re.search(rf"!=\s*['\"]{event}['\"]", condition):
        return True
    return bool(re.search(r"==\s*['\"]\w+['\"]", condition)) and event not in condition


def _not_on_changes(condition: str) -> bool:
    """A job condition that allows only events other than changes (``event_name == 'schedule'``)."""
    if "!=" in condition or "github.event_name" not in condition:
        return False
    allowed = set(re.findall(r"event_name\s*==\s*['\"](\w+)['\"]", condition))
    return bool(allowed) and not allowed & (AUTOMATIC_EVENTS | {"workflow_call"})


def _resolve_local_calls(repo: Repository, found: list[Job]) -> list[Job]:
    """A workflow that only runs when called (``workflow_call``) is automatic or triggered as its callers are."""
    called: dict[str, list[Job]] = {}
    for job in found:
        for step in job.steps:
            target = re.match(r"uses:\s*\./(\.github/workflows/[^@\s]+)", step.text)
            if target:
                called.setdefault(target.group(1), []).append(job)
    for job in found:
        callers = called.get(job.file, [])
        if job.file.startswith(".github/workflows/") and _called_only(repo, job.file):
            job.automatic = any(c.automatic for c in callers)
            job.trigger = job.trigger or next((c.trigger for c in callers if c.trigger), "")
    return found


def _called_only(repo: Repository, file: str) -> bool:
    try:
        data = yamlio.loads(repo.read(file))
    except YamlError:
        return False
    events = _events(data.get("on")) if isinstance(data, dict) else {}
    return set(events) <= {"workflow_call", "workflow_dispatch"} and "workflow_call" in events


def steps(all_jobs: list[Job]) -> Iterator[tuple[Job, Step]]:
    for job in all_jobs:
        for step in job.steps:
            yield job, step
