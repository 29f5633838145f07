"""Whether an entry's phase contradicts the evidence it records (rule OA054, ``phase-evidence``).

The evidence is the entry's own ``verification.phase``: status badges from the README, a README
notice that the tool is discontinued or unmaintained, and the code host's archive flag.

- Nothing but ``retired`` fits an archived repository or a badge that says the tool has ended
  (repostatus abandoned, unsupported or moved; lifecycle deprecated, superseded, retired,
  archived or defunct; GIScience archive).
- ``live`` also does not fit a badge that says the tool is early or paused (repostatus concept,
  wip or suspended; lifecycle or GIScience experimental) or a README notice that it is not
  maintained.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

ENDED = frozenset(
    {("repostatus", "abandoned"), ("repostatus", "unsupported"), ("repostatus", "moved"),
     ("lifecycle", "deprecated"), ("lifecycle", "superseded"), ("lifecycle", "retired"),
     ("lifecycle", "archived"), ("lifecycle", "defunct"), ("giscience", "archive")}
)  # fmt: skip
EARLY = frozenset(
    {("repostatus", "concept"), ("repostatus", "wip"), ("repostatus", "suspended"),
     ("lifecycle", "experimental"), ("giscience", "experimental")}
)  # fmt: skip


def contradictions(phase: Any, verification: Any) -> Iterator[str]:
    """A sentence for each piece of recorded evidence that the phase contradicts."""
    evidence = _mapping(_mapping(verification).get("phase"))
    if phase not in ("discovery", "alpha", "beta", "live") or not evidence:
        return
    archived = _mapping(evidence.get("archived"))
    if archived.get("value") is True:
        yield f"{phase!r}, but the repository is archived (seen at {archived.get('source')})"
    for scheme, status in _badges(evidence.get("badges")):
        if (scheme, status) in ENDED or (phase == "live" and (scheme, status) in EARLY):
            yield f"{phase!r}, but the README's {scheme} badge says {status}"
    notice = _mapping(evidence.get("notice")).get("text")
    if phase == "live" and isinstance(notice, str):
        yield f"'live', but the README says {notice!r}"


def _badges(value: Any) -> Iterator[tuple[str, str]]:
    for badge in value if isinstance(value, list) else []:
        if isinstance(badge, Mapping):
            yield str(badge.get("scheme")), str(badge.get("status"))


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
