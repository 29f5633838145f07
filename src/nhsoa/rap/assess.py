"""Assess a repository against the NHS levels of reproducible analytical pipelines (RAP).

The criteria (baseline B1-B5, silver S1-S9, gold G1-G4) are paraphrased from the NHS RAP
community of practice's "levels of RAP" (https://nhsdigital.github.io/rap-community-of-practice/).
Criteria that files can show are judged from the repository itself; the others (peer review,
openness, reusable functions, tidy data, minimal manual steps) can only be attested, and are read
from the ``rap.criteria`` a person recorded in ``product.yaml``. A level is reached when every
criterion of it and of the levels below is met or not applicable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nhsoa import yamlio
from nhsoa.errors import NhsoaError
from nhsoa.rap.criteria import BY_ID, CRITERIA, LEVELS, MET, NOT_APPLICABLE, NOT_MET, Criterion
from nhsoa.rap.evidence import DETECTORS, Repository


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    status: str  # met, not-met or n/a
    evidence: str
    source: str  # "repository", "product.yaml" or "not assessed"


@dataclass(frozen=True)
class Assessment:
    results: list[Result]

    @property
    def level(self) -> str:
        reached = "none"
        for level in LEVELS:
            if all(r.status in (MET, NOT_APPLICABLE) for r in self.results if r.criterion.level == level):
                reached = level
            else:
                break
        return reached

    def criteria(self) -> dict[str, str]:
        return {r.criterion.id: r.status for r in self.results}


def assess(root: Path, product: dict[str, Any] | None = None) -> Assessment:
    """Judge every criterion: from files where they can show it, else from ``product.yaml``."""
    repository = Repository(root)
    attested = _attested(product or {})
    results = []
    for criterion in CRITERIA:
        detector = DETECTORS.get(criterion.id)
        if detector is not None:
            evidence = detector(repository)
            status = MET if evidence else NOT_MET
            found = evidence or f"not found: {criterion.evidence}"
            results.append(Result(criterion, status, found, "repository"))
        elif criterion.id in attested:
            status = attested[criterion.id]
            results.append(Result(criterion, status, f"recorded as {status} in product.yaml", "product.yaml"))
        else:
            results.append(
                Result(
                    criterion,
                    NOT_MET,
                    f"not recorded: a person must attest it (rap.criteria.{criterion.id} in product.yaml)",
                    "not assessed",
                )
            )
    return Assessment(results)


def _attested(product: dict[str, Any]) -> dict[str, str]:
    rap = product.get("rap")
    criteria = rap.get("criteria") if isinstance(rap, dict) else None
    if not isinstance(criteria, dict):
        return {}
    return {
        str(key): str(value)
        for key, value in criteria.items()
        if key in BY_ID and value in (MET, NOT_MET, NOT_APPLICABLE)
    }


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
