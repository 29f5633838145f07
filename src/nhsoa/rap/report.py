"""An assessment as text for a person, or as JSON with stable keys for other tools.

JSON (``nhsoa rap --format json``), one object:

- ``path``: the folder assessed; ``product_yaml``: whether it has a product.yaml.
- ``level``: the RAP level counting every criterion (``none``, ``baseline``, ``silver``, ``gold``);
  what ``--write`` records.
- ``level_from_files``: the level leaving out criteria nobody has attested yet.
- ``next_level``: the level above ``level_from_files`` (null at gold); ``next_level_needs``: ids of
  the criteria not met that stand in its way.
- ``not_attested``: ids of the criteria only a person can say that nobody has recorded.
- ``criteria``: one object per criterion, B1 to G4: ``id``, ``level``, ``criterion`` (what it asks),
  ``status`` (``met``, ``not-met``, ``n/a``, ``not-attested``), ``source`` (``files``,
  ``product.yaml``, ``files and product.yaml``, ``nobody``), ``files`` (null for criteria only a
  person can attest, else ``{"met", "summary", "where"}``: what the files show and where),
  ``attested`` (the status product.yaml records, or null), ``next_step`` (what to do, or null).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from nhsoa.rap.assess import BOTH, FILES, PRODUCT, Assessment, Result
from nhsoa.rap.criteria import ELSEWHERE, LEVELS, NOT_ATTESTED

WIDTH = 100
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LABEL = {"met": "met", "not-met": "not met", "n/a": "n/a", NOT_ATTESTED: "not attested"}


def as_json(assessment: Assessment, path: Path, has_product: bool) -> dict[str, Any]:
    return {
        "path": str(path),
        "product_yaml": has_product,
        "level": assessment.level,
        "level_from_files": assessment.level_from_files,
        "next_level": assessment.next_level,
        "next_level_needs": [r.criterion.id for r in assessment.needs()],
        "not_attested": [r.criterion.id for r in assessment.not_attested()],
        "criteria": [_criterion(r) for r in assessment.results],
    }


def _criterion(result: Result) -> dict[str, Any]:
    shown = result.files
    return {
        "id": result.criterion.id,
        "level": result.criterion.level,
        "criterion": result.criterion.text,
        "status": result.status,
        "source": result.source,
        "files": None if shown is None else {"met": shown.met, "summary": shown.summary, "where": list(shown.where)},
        "attested": result.attested,
        "next_step": result.next_step,
    }


def as_text(assessment: Assessment) -> str:
    lines = []
    for level in LEVELS:
        lines.append(f"{level}")
        for result in (r for r in assessment.results if r.criterion.level == level):
            lines += _result_lines(result)
    lines.append("")
    lines += headline(assessment)
    return "\n".join(lines) + "\n"


def _result_lines(result: Result) -> list[str]:
    status = LABEL[result.status]
    if result.source == PRODUCT:
        status += " (attested in product.yaml)"
    elif result.source == BOTH:
        status += " (files; product.yaml agrees)"
    elif result.source == FILES and result.attested is not None:
        status += f" (files; product.yaml says {result.attested})"
    out = [f"  {result.criterion.id} {status}: {result.criterion.text}"]
    if result.files is not None:
        out += _wrapped("files show: " + result.files.summary)
    if result.next_step:
        out += _wrapped("next: " + result.next_step)
    return out


def _wrapped(text: str) -> list[str]:
    text = CONTROL.sub("?", text)  # evidence quotes other people's files: no terminal escape codes get through
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent="      ",
        subsequent_indent="        ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def headline(assessment: Assessment) -> list[str]:
    """The closing lines: the level from files, what the next level needs, and the RAP level."""
    from_files = assessment.level_from_files
    needs = [r.criterion.id for r in assessment.needs()]
    line = f"RAP level from files: {from_files}"
    if needs:
        verb = "is" if len(needs) == 1 else "are"
        either = " met or attested" if set(needs) <= ELSEWHERE else " met"
        line += f"; {assessment.next_level} once {_joined(needs)} {verb}{either}"
    lines = [line]
    waiting = [r.criterion.id for r in assessment.not_attested()]
    if waiting:
        lines.append(
            f"RAP level: {assessment.level} until {_joined(waiting)} {'is' if len(waiting) == 1 else 'are'} "
            "attested (only a person can say: record them under rap.criteria in product.yaml)"
        )
    else:
        lines.append(f"RAP level: {assessment.level}")
    return lines


def _joined(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]
