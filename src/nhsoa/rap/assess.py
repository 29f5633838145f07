"""Assess a repository against the NHS levels of reproducible analytical pipelines (RAP).

Each criterion that files can show is judged from the repository (:mod:`nhsoa.rap.evidence`); the
five that only a person can say (peer review, openness, minimal manual steps, reusable functions,
tidy data) are read from ``rap.criteria`` in ``product.yaml``. A person may also attest a criterion
that files can show (CI or a schedule that lives outside the repository): a recorded ``met`` counts
even when the files disagree, and both are shown. Files that show a criterion met outrank a recorded
``not-met`` (it is out of date).

Two levels come out: the level *from files*, which leaves out criteria nobody has attested yet, and
the *RAP level*, which counts every criterion; the second is what ``--write`` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError
from nhsoa.rap.automation import continuous_integration, triggers
from nhsoa.rap.criteria import (
    BY_ID,
    CRITERIA,
    ELSEWHERE,
    LEVELS,
    MET,
    NOT_APPLICABLE,
    NOT_ATTESTED,
    NOT_MET,
    RECORDED,
    Criterion,
)
from nhsoa.rap.evidence import (
    Detector,
    Project,
    Shown,
    code_files,
    dependencies,
    documentation,
    layout,
    logging_setup,
    packaged,
    readme_steps,
    releases,
    version_control,
)
from nhsoa.rap.quality import coding_standard, tests

DETECTORS: dict[str, Detector] = {
    "B1": code_files, "B2": version_control, "B3": readme_steps, "S2": documentation, "S3": layout,
    "S5": coding_standard, "S6": tests, "S7": dependencies, "S8": logging_setup, "G1": packaged,
    "G2": continuous_integration, "G3": triggers, "G4": releases,
}  # fmt: skip  # fmt: skip
PASSING = (MET, NOT_APPLICABLE)
FILES, PRODUCT, BOTH, NOBODY = "files", "product.yaml", "files and product.yaml", "nobody"


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    status: str  # met, not-met, n/a or not-attested
    source: str  # files, product.yaml, files and product.yaml, or nobody (not attested yet)
    files: Shown | None = None  # what the files show; None for criteria only a person can attest
    attested: str | None = None  # what product.yaml records, if anything

    @property
    def disagrees(self) -> bool:
        """product.yaml and the files say different things."""
        return self.files is not None and self.attested is not None and self.files.met != (self.attested == MET)

    @property
    def next_step(self) -> str | None:
        """What the analyst should do about this criterion, or None when nothing is needed."""
        key = f"rap.criteria.{self.criterion.id}"
        if self.status == NOT_ATTESTED:
            return f"{self.criterion.fix}: record {key} as met, not-met or n/a in product.yaml"
        if self.status == NOT_MET and self.source == FILES and self.criterion.id in ELSEWHERE:
            return f"{self.criterion.fix}; if this is done outside the repository, record {key}: met in product.yaml"
        if self.status == NOT_MET:
            return self.criterion.fix
        if self.disagrees and self.source == PRODUCT:
            return f"check the record: product.yaml says {self.attested} but the files do not show it"
        if self.disagrees:
            return f"product.yaml records {self.attested}; `nhsoa rap --write` updates it to met"
        return None

    @property
    def evidence(self) -> str:
        """One line: what the files show and what product.yaml records."""
        parts = []
        if self.attested is not None:
            parts.append(f"recorded as {self.attested} in product.yaml")
        if self.files is not None:
            parts.append(f"files show: {self.files.summary}")
        return "; ".join(parts) or "not recorded: only a person can attest it"


@dataclass(frozen=True)
class Assessment:
    results: list[Result]

    @property
    def level(self) -> str:
        """Every criterion counts: one nobody has attested holds the level back."""
        return _reached(self.results, lambda r: r.status in PASSING)

    @property
    def level_from_files(self) -> str:
        """Criteria nobody has attested yet are left out; every other one must be met or n/a."""
        return _reached(self.results, lambda r: r.status in PASSING or r.status == NOT_ATTESTED)

    @property
    def next_level(self) -> str | None:
        index = LEVELS.index(self.level_from_files) + 1 if self.level_from_files in LEVELS else 0
        return LEVELS[index] if index < len(LEVELS) else None

    def needs(self) -> list[Result]:
        """The criteria not met that stand between the level from files and the next one."""
        if self.next_level is None:
            return []
        upto = LEVELS[: LEVELS.index(self.next_level) + 1]
        return [r for r in self.results if r.criterion.level in upto and r.status == NOT_MET]

    def not_attested(self) -> list[Result]:
        return [r for r in self.results if r.status == NOT_ATTESTED]

    def criteria(self) -> dict[str, str]:
        """The statuses product.yaml records: criteria nobody has attested are left out."""
        return {r.criterion.id: r.status for r in self.results if r.status in RECORDED}


def _reached(results: list[Result], passes: Any) -> str:
    reached = "none"
    for level in LEVELS:
        if not all(passes(r) for r in results if r.criterion.level == level):
            break
        reached = level
    return reached


def assess(root: Path, product: dict[str, Any] | None = None) -> Assessment:
    """Judge every criterion from the files where they can show it, and from ``product.yaml``."""
    project = Project(root)
    attested = _attested(product or {})
    results = []
    for criterion in CRITERIA:
        recorded = attested.get(criterion.id)
        detector = DETECTORS.get(criterion.id)
        if detector is None:
            results.append(Result(criterion, recorded or NOT_ATTESTED, PRODUCT if recorded else NOBODY, None, recorded))
            continue
        shown = detector(project)
        if shown.met:
            source = BOTH if recorded == MET else FILES
            results.append(Result(criterion, MET, source, shown, recorded))
        elif recorded in PASSING:
            results.append(Result(criterion, recorded, PRODUCT, shown, recorded))
        else:
            results.append(Result(criterion, NOT_MET, BOTH if recorded else FILES, shown, recorded))
    return Assessment(results)


def _attested(product: dict[str, Any]) -> dict[str, str]:
    rap = product.get("rap")
    criteria = rap.get("criteria") if isinstance(rap, dict) else None
    if not isinstance(criteria, dict):
        return {}
    return {str(key): str(value) for key, value in criteria.items() if key in BY_ID and value in RECORDED}


def rap_block(assessment: Assessment, today: date) -> dict[str, Any]:
    """The ``rap`` mapping to record in product.yaml."""
    return {
        "level": assessment.level,
        "criteria": assessment.criteria(),
        "assessed": today.isoformat(),
        "method": "automatic",
    }


def with_block(text: str, key: str, value: Any) -> str:
    """``text`` (a YAML mapping) with its top-level ``key`` replaced by ``value``, or appended.

    Only that block's lines change, so the comments and layout of the rest of the file survive.
    The result is re-read and compared with the intended data before it is returned.
    """
    before = yamlio.loads(text)
    if not isinstance(before, dict):
        raise NhsoaError("product.yaml is not a mapping of fields")
    block = yamlio.dumps({key: value})
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", line)), None)
    if start is None:
        joined = "".join(lines)
        new_text = joined + ("" if not joined or joined.endswith("\n") else "\n") + block
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
            end += 1
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # a comment or blank line at column 0 before the next key belongs to that key
        new_text = "".join(lines[:start]) + block + "".join(lines[end:])
    expected = {**before, key: value}
    if yamlio.loads(new_text) != expected:
        raise NhsoaError(f"could not update `{key}` without changing other fields; edit product.yaml by hand")
    return new_text


def record(product_file: Path, assessment: Assessment, today: date) -> dict[str, Any]:
    """Write the assessment into ``product_file`` (atomically); return the ``rap`` block written."""
    loaded = yamlio.load_file(product_file)
    block = rap_block(assessment, today)
    yamlio.write_atomic(product_file, with_block(loaded.text, "rap", block))
    return block
