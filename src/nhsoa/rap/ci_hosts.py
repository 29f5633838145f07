"""CI configurations other than GitHub Actions, read into jobs (see :mod:`nhsoa.rap.ci`)."""

from __future__ import annotations

import re
from typing import Any

from nhsoa import yamlio
from nhsoa.rap.jobs import Job, Step

# GitLab CI ---------------------------------------------------------------------------------------

GITLAB_KEYWORDS = frozenset(
    {"default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script",
     "after_script", "types"}
)  # fmt: skip
SOURCE_RULE = re.compile(r"\$CI_PIPELINE_SOURCE\s*(==|!=)\s*['\"](\w+)['\"]")
OUTSIDE_SOURCES = frozenset({"schedule", "trigger", "pipeline"})


def gitlab(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    found = []
    for job_id, body in data.items():
        if not isinstance(body, dict) or job_id in GITLAB_KEYWORDS or str(job_id).startswith("."):
            continue
        job = Job(name, str(job_id), yamlio.locate(text, [job_id]))
        _gitlab_when(job, body, text)
        for key, index, command in _gitlab_script(data, body):
            owner = job_id if key in body else _template_with(data, body, key)
            line = yamlio.locate(text, [owner, key, index] if index is not None else [owner, key])
            job.steps.append(Step(line, command, str(job_id)))
        found.append(job)
    return found


def _gitlab_when(job: Job, body: dict[str, Any], text: str) -> None:
    """Set when the job runs, from ``rules``, ``only``/``except`` and ``when``."""
    rules = [r for r in body.get("rules") or [] if isinstance(r, dict) and r.get("when") != "never"]
    only = body.get("only")
    only_refs = _as_list(only.get("refs") if isinstance(only, dict) else only)
    excepted = _as_list(body.get("except"))
    sources = []
    automatic = not rules
    for index, rule in enumerate(rules):
        tests = SOURCE_RULE.findall(str(rule.get("if", "")))
        positive = {value for op, value in tests if op == "=="}
        if positive & OUTSIDE_SOURCES:
            sources.append((positive & OUTSIDE_SOURCES, yamlio.locate(text, [job.name, "rules", index])))
        if rule.get("when") != "manual" and not (positive and positive <= OUTSIDE_SOURCES | {"web", "api"}):
            automatic = True
    outside_refs = {"schedules", "triggers", "pipelines"} & {str(r) for r in only_refs}
    if outside_refs:
        sources.append((outside_refs, yamlio.locate(text, [job.name, "only"])))
        automatic = bool({str(r) for r in only_refs} - outside_refs - {"web", "api"})
    if body.get("when") == "manual":
        automatic = False
    job.automatic = automatic
    if sources and "schedules" not in {str(e) for e in excepted}:
        kinds, line = sources[0]
        job.trigger = f"{' or '.join(sorted(kinds))} pipelines at {job.file}:{line}"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def _gitlab_script(data: dict[str, Any], body: dict[str, Any], depth: int = 0) -> list[tuple[str, int | None, str]]:
    script = body.get("script")
    if script is None and depth < 5:
        for parent in _extends(body):
            if isinstance(data.get(parent), dict):
                return _gitlab_script(data, data[parent], depth + 1)
        return []
    if isinstance(script, str):
        return [("script", None, script)]
    return [("script", i, str(s)) for i, s in enumerate(script or []) if isinstance(s, (str, list))]


def _extends(body: dict[str, Any]) -> list[str]:
    parents = body.get("extends") or []
    return [parents] if isinstance(parents, str) else [str(p) for p in parents]


def _template_with(data: dict[str, Any], body: dict[str, Any], key: str) -> str:
    for parent in _extends(body):
        if isinstance(data.get(parent), dict) and key in data[parent]:
            return parent
        if isinstance(data.get(parent), dict):
            return _template_with(data, data[parent], key)
    return ""


# Azure Pipelines --------------------------------------------------------------------------------

STEP_KEYS = ("script", "bash", "pwsh", "powershell", "task", "template")


def azure(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    automatic = data.get("trigger", "") != "none" or data.get("pr", "") not in ("none", "")
    trigger = ""
    if isinstance(data.get("schedules"), list):
        crons = [str(s.get("cron")) for s in data["schedules"] if isinstance(s, dict)]
        trigger = f"schedule ({', '.join(crons)}) at {name}:{yamlio.locate(text, ['schedules'])}"
    elif _pipeline_resource_trigger(data):
        trigger = f"completion of another pipeline at {name}:{yamlio.locate(text, ['resources'])}"
    found = []
    for path, body in _azure_jobs(data, []):
        label = str(body.get("job") or body.get("deployment") or "steps")
        job = Job(name, label, yamlio.locate(text, path) if path else 1, automatic, trigger)
        condition = str(body.get("condition", ""))
        if "Schedule" in condition and re.search(r"\bne\(\s*variables\[.Build\.Reason.\]", condition):
            job.trigger = ""
        elif "Schedule" in condition and re.search(r"\beq\(\s*variables\[.Build\.Reason.\]", condition):
            job.automatic = False
        for index, step in enumerate(body.get("steps") or []):
            if not isinstance(step, dict):
                continue
            for key in STEP_KEYS:
                if isinstance(step.get(key), str):
                    line = yamlio.locate(text, [*path, "steps", index, key])
                    command = step[key] if key in ("script", "bash", "pwsh", "powershell") else f"{key}: {step[key]}"
                    inputs = step.get("inputs")
                    if isinstance(inputs, dict):
                        command += " " + " ".join(str(v) for v in inputs.values())
                    job.steps.append(Step(line, command, str(step.get("displayName", ""))))
        found.append(job)
    return found


def _azure_jobs(data: dict[str, Any], path: list[str | int]) -> list[tuple[list[str | int], dict[str, Any]]]:
    if "steps" in data:
        return [(path, data)]
    found = []
    for key in ("stages", "jobs"):
        for index, item in enumerate(data.get(key) or []):
            if isinstance(item, dict):
                found += _azure_jobs(item, [*path, key, index])
    return found


def _pipeline_resource_trigger(data: dict[str, Any]) -> bool:
    resources = data.get("resources")
    pipelines = resources.get("pipelines") if isinstance(resources, dict) else None
    return any(isinstance(p, dict) and p.get("trigger") not in (None, "none", False) for p in pipelines or [])


# Travis CI, CircleCI, Bitbucket Pipelines, Jenkins -----------------------------------------------

TRAVIS_PHASES = ("install", "before_script", "script", "after_success")


def travis(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    job = Job(name, "build", 1)
    _commands(job, text, data, [], TRAVIS_PHASES)
    found = [job]
    include = (
        (data.get("jobs") or data.get("matrix") or {}).get("include", [])
        if isinstance(data.get("jobs") or data.get("matrix"), dict)
        else []
    )
    key = "jobs" if "jobs" in data else "matrix"
    for index, body in enumerate(include or []):
        if isinstance(body, dict):
            extra = Job(name, str(body.get("name") or body.get("stage") or index), 1)
            if "cron" in str(body.get("if", "")):
                extra.automatic = False
                extra.trigger = f"cron builds at {name}:{yamlio.locate(text, [key, 'include', index, 'if'])}"
            _commands(extra, text, body, [key, "include", index], TRAVIS_PHASES)
            found.append(extra)
    return found


def circleci(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    scheduled: dict[str, str] = {}
    for flow_name, flow in (data.get("workflows") or {}).items():
        if isinstance(flow, dict) and any(isinstance(t, dict) and "schedule" in t for t in flow.get("triggers") or []):
            for entry in flow.get("jobs") or []:
                job_name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
                scheduled[job_name] = f"schedule at {name}:{yamlio.locate(text, ['workflows', flow_name, 'triggers'])}"
    found = []
    for job_id, body in (data.get("jobs") or {}).items():
        if not isinstance(body, dict):
            continue
        job = Job(name, str(job_id), yamlio.locate(text, ["jobs", job_id]), trigger=scheduled.get(str(job_id), ""))
        for index, step in enumerate(body.get("steps") or []):
            run = step.get("run") if isinstance(step, dict) else None
            command = run.get("command") if isinstance(run, dict) else run
            if isinstance(command, str):
                job.steps.append(Step(yamlio.locate(text, ["jobs", job_id, "steps", index]), command))
        found.append(job)
    return found


def bitbucket(name: str, text: str, data: dict[str, Any]) -> list[Job]:
    found = []
    pipelines = data.get("pipelines")
    for section, body in pipelines.items() if isinstance(pipelines, dict) else []:
        groups = {section: body} if section == "default" else body if isinstance(body, dict) else {}
        for group, items in groups.items():
            path: list[str | int] = ["pipelines", section] if section == "default" else ["pipelines", section, group]
            job = Job(
                name,
                section if section == group else f"{section} {group}",
                yamlio.locate(text, path),
                automatic=section != "custom",
            )
            for index, item in enumerate(items if isinstance(items, list) else []):
                step = item.get("step") if isinstance(item, dict) else None
                if isinstance(step, dict):
                    _commands(job, text, step, [*path, index, "step"], ("script",))
            found.append(job)
    return found


JENKINS_STEP = re.compile(
    r"\b(?:sh|bat|powershell)\s*\(?\s*(?:script\s*:\s*)?(?P<quote>'''|\"\"\"|'|\")(?P<command>.*?)(?<!\\)(?P=quote)",
    re.S,
)


def jenkins(name: str, text: str) -> list[Job]:
    job = Job(name, "pipeline", 1)
    for found in JENKINS_STEP.finditer(text):
        job.steps.append(Step(text.count("\n", 0, found.start()) + 1, found.group("command")))
    cron = re.search(r"\bcron\s*\(", text)
    if cron:
        job.trigger = f"cron trigger at {name}:{text.count(chr(10), 0, cron.start()) + 1}"
    return [job]


def _commands(job: Job, text: str, body: dict[str, Any], path: list[str | int], keys: tuple[str, ...]) -> None:
    for key in keys:
        value = body.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for index, command in enumerate(items):
            if isinstance(command, str):
                where = [*path, key] if isinstance(value, str) else [*path, key, index]
                job.steps.append(Step(yamlio.locate(text, where), command))
