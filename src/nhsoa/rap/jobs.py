"""A CI job as the RAP detectors see it: when it runs and the commands it runs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    line: int
    text: str  # a shell command, or "uses: <action or workflow>"
    label: str = ""  # what the step (or its job) is called, e.g. "Unit tests"


@dataclass
class Job:
    file: str
    name: str
    line: int
    automatic: bool = True  # pushes, pull or merge requests (or a calling workflow) start it
    trigger: str = ""  # what else starts it, e.g. "schedule (0 6 * * 1) at ci.yml:8", when a schedule or event does
    steps: list[Step] = field(default_factory=list)
    broken: str = ""  # why the file cannot run (it does not parse), if it cannot

    def at(self, line: int) -> str:
        return f"{self.file}:{line}"
