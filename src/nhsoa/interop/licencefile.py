"""The licence files at the top of a repository: which licence their text is, and who holds the copyright.

The text is identified with ``identify`` (pre-commit's file identifier), which compares it
with the licence texts of choosealicense.com. The GPL family's texts do not say whether later
versions may be used; a repository that ships one without a notice saying so is read as
``-only``, as the SPDX ids of ScanCode and the NHS open source policy's examples read it. A file
that holds only the GNU "how to apply" notice says itself whether later versions may be used; the
CC0 deed and the Open Government Licence, which identify does not know, are read by their headings.

The copyright holder is the name on a ``Copyright (c) YEAR NAME`` line, or R's licence stub
(``YEAR: 2025`` / ``COPYRIGHT HOLDER: NAME``), near the top of a file. The Free Software
Foundation's line inside the GPL's own text, templates' placeholders (``[name of copyright
owner]``) and usethis's default (``PACKAGE authors``) are not holders.
"""

from __future__ import annotations

import re
from pathlib import Path

from identify.identify import license_id

from nhsoa.interop import common
from nhsoa.interop.model import Imported

NAME = "licence-file"
NOTICE = "licence-notice"  # the file is a GNU notice, which says itself whether later versions apply
CANDIDATES = ("LICENSE", "LICENCE", "LICENSE.md", "LICENCE.md", "LICENSE.txt", "LICENCE.txt", "COPYING",
              "COPYING.md", "COPYING.txt")  # fmt: skip
MAX_BYTES = 200_000
_GPL_TEXTS = {"GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0"}
_COPYRIGHT = re.compile(
    r"^[\W_]*copyright\s*(?:\(c\)|©|&copy;)?\s*(?:\d{4}(?:\s*[-–,]\s*\d{4})*\s*,?)?\s*(?:by\s+)?(?P<holder>.+)$",
    re.IGNORECASE,
)
_STUB = re.compile(r"^COPYRIGHT HOLDER:\s*(?P<holder>.+)$", re.IGNORECASE)
_NOT_HOLDERS = re.compile(
    r"free software foundation|[<\[{]|copyright (?:owner|holder)|^(?:year|name)\b|\bauthors?$|\bcontributors$",
    re.IGNORECASE,
)


def files(folder: Path) -> list[Path]:
    names = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    found = [names[c.lower()] for c in CANDIDATES if c.lower() in names]
    return [p for p in found if p.is_file() and not p.is_symlink() and p.stat().st_size <= MAX_BYTES]


def read(folder: Path) -> Imported | None:
    """The licence and the copyright holder that the licence files give, or None when there are none."""
    paths = files(folder)
    if not paths:
        return None
    licences = [(path, *known) for path in paths if (known := _identify(path))]
    found = Imported(NOTICE if licences and licences[0][2] == "notice" else NAME, paths[0].name)
    if licences:
        path, spdx, form = licences[0]
        found.put("licence", spdx, f"{path.name} (the {spdx.removesuffix('-only')} {form})")
        found.provenance["licence"] = f"{path.name}: the {spdx.removesuffix('-only')} {form}"
        others = {s for _, s, _ in licences[1:] if s != spdx}
        if others:
            found.note(f"the licence files hold different licences: {spdx}, {', '.join(sorted(others))}")
    for path in paths:
        holder = copyright_holder(_text(path))
        if holder:
            found.put("owner.name", holder, "copyright line")
            found.provenance["owner.name"] = f"{path.name}: copyright line"
            break
    return found


def _identify(path: Path) -> tuple[str, str] | None:
    """The file's licence as an SPDX id, and whether the file is its ``text`` or a ``notice``."""
    try:
        spdx = license_id(str(path))
    except (UnicodeDecodeError, OSError):
        return None
    if spdx is None:
        return _from_notice(_text(path))
    expression = f"{spdx}-only" if spdx in _GPL_TEXTS else common.spdx(spdx)[0]
    return (expression, "text") if expression else None


# What identify cannot match, because the file is a notice rather than the licence text, or the text is
# not among choosealicense.com's: the GNU licences' own "how to apply" notice (which says whether later
# versions may be used), and the headings of the CC0 deed and the Open Government Licence.
_GNU_NOTICE = re.compile(
    r"under the terms of the GNU (?P<kind>Affero General|Lesser General|Library General|General) Public License"
    r"\s+as published by the Free Software Foundation,?\s+either version (?P<version>[23](?:\.1)?) of the License,?"
    r"\s+or\s+\(at your option\) any later version",
    re.IGNORECASE,
)
_GNU_IDS = {"affero general": "AGPL", "lesser general": "LGPL", "library general": "LGPL", "general": "GPL"}
_HEADINGS = (
    (re.compile(r"^\W*CC0 1\.0 Universal\W*$", re.IGNORECASE | re.MULTILINE), "CC0-1.0"),
    (re.compile(r"^\W*Open Government Licen[cs]e v(?:ersion )?3\.0\W*$", re.IGNORECASE | re.MULTILINE), "OGL-UK-3.0"),
)


def _from_notice(text: str) -> tuple[str, str] | None:
    top = "\n".join(text.splitlines()[:40])
    notice = _GNU_NOTICE.search(" ".join(top.split()))
    if notice:
        version = notice.group("version")
        version = version if "." in version else f"{version}.0"
        return f"{_GNU_IDS[notice.group('kind').lower()]}-{version}-or-later", "notice"
    return next(((spdx, "text") for pattern, spdx in _HEADINGS if pattern.search(top)), None)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""


def copyright_holder(text: str, lines: int = 12) -> str | None:
    """The holder named on the first copyright line near the top of a licence file, if any."""
    for line in [line.strip() for line in text.splitlines() if line.strip()][:lines]:
        match = _STUB.match(line) or _COPYRIGHT.match(line)
        if not match:
            continue
        holder = re.sub(r"\s*all rights reserved\.?$", "", match.group("holder"), flags=re.IGNORECASE)
        holder = common.one_line(holder.strip(" _*.,"))
        if holder and not _NOT_HOLDERS.search(holder) and not re.fullmatch(r"[\d\s,-]+", holder):
            return holder
    return None
