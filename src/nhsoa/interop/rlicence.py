"""R's licence specifications (DESCRIPTION ``License:``) as SPDX expressions.

R writes a licence as a name with an optional version constraint, ``GPL (>= 3)``, ``GPL-3``,
``Apache License (== 2.0)``, alternatives joined by ``|``, and ``+ file LICENSE`` where a file
adds to the licence (for MIT and BSD it only names the year and holder). See "Licensing" in
Writing R Extensions and R's ``share/licenses/license.db``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nhsoa.interop import common

# Licences named with a version, by R's short name: (SPDX stem, versions R accepts).
_VERSIONED = {
    "GPL": ("GPL", ("2", "3")),
    "LGPL": ("LGPL", ("2", "2.1", "3")),
    "AGPL": ("AGPL", ("3",)),
}
# Unversioned GPL-family names mean "any version" in R.
_ANY_VERSION = {"GPL": "GPL-1.0-or-later", "LGPL": "LGPL-2.0-or-later", "AGPL": "AGPL-3.0-or-later"}
_FIXED = {
    "mit": "MIT",
    "mit license": "MIT",
    "apache license 2.0": "Apache-2.0",
    "bsd_2_clause": "BSD-2-Clause",
    "bsd_3_clause": "BSD-3-Clause",
    "bsd 2-clause license": "BSD-2-Clause",
    "bsd 3-clause license": "BSD-3-Clause",
    "mpl": "MPL-2.0",
    "mpl-2.0": "MPL-2.0",
    "artistic-2.0": "Artistic-2.0",
    "cc0": "CC0-1.0",
    "cc by 4.0": "CC-BY-4.0",
    "cc by-sa 4.0": "CC-BY-SA-4.0",
    "eupl-1.2": "EUPL-1.2",
    "eupl-1.1": "EUPL-1.1",
    "lucent public license": "LPL-1.02",
    "unlimited": None,  # "no restrictions": not an SPDX licence
}
# Licences whose template needs "+ file LICENSE" for the year and holder: the file adds nothing.
TEMPLATE_LICENCES = frozenset({"MIT", "BSD-2-Clause", "BSD-3-Clause"})
_CONSTRAINT = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z _.-]*?)\s*(?:-\s*(?P<bare>[\d.]+)|\(\s*(?P<op>>=|==)\s*(?P<version>[\d.]+)\s*\))?$"
)
_FILE = re.compile(r"\+\s*file\s+LICEN[CS]E(?:\.md)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RLicence:
    expression: str | None  # None when some alternative has no SPDX equivalent
    extra_file: bool  # "+ file LICENSE" that may add terms (not an MIT/BSD template)
    only_file: bool  # "file LICENSE": the licence is only in that file
    unknown: str = ""  # the alternative that could not be read


def parse(value: str) -> RLicence:
    parts = []
    extra = False
    for alternative in value.split("|"):
        spec = common.one_line(alternative)
        has_file = bool(_FILE.search(spec))
        spec = _FILE.sub("", spec).strip()
        if re.fullmatch(r"file\s+LICEN[CS]E(?:\.md)?", spec, re.IGNORECASE):
            return RLicence(None, False, True)
        spdx = spdx_of(spec)
        if spdx is None:
            return RLicence(None, False, False, spec)
        extra = extra or (has_file and spdx not in TEMPLATE_LICENCES)
        parts.append(spdx)
    return RLicence(" OR ".join(dict.fromkeys(parts)), extra, False)


def spdx_of(spec: str) -> str | None:
    """One R licence specification (no ``|``, no ``+ file``) as an SPDX id, or None."""
    key = " ".join(spec.split()).lower()
    if key in _FIXED:
        return _FIXED[key]
    match = _CONSTRAINT.match(spec.strip())
    if match:
        name = match.group("name").strip()
        family = _VERSIONED.get(name.upper())
        version = match.group("version") or match.group("bare")
        if family and version is None:
            return _ANY_VERSION[name.upper()]
        if family and version:
            return _versioned(family, version, later=match.group("op") == ">=")
        if name.lower().startswith("apache") and version and version.split(".")[0] == "2":
            return "Apache-2.0"  # Apache License 2.0 is the only version R packages use; ">= 2" reads as 2.0
        if name.upper() == "MPL" and version and version.split(".")[0] == "2":
            return "MPL-2.0"
        if name.upper() in ("CC0",):
            return "CC0-1.0"
    expression, _ = common.spdx(spec)
    return expression


def _versioned(family: tuple[str, tuple[str, ...]], version: str, *, later: bool) -> str | None:
    stem, known = family
    short = version.removesuffix(".0") if version.endswith(".0") else version
    if short not in known:
        return None
    full = short if "." in short else f"{short}.0"
    return f"{stem}-{full}-{'or-later' if later else 'only'}"
