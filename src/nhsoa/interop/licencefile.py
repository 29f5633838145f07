"""The licence files at the top of a repository: which licence their text is, and who holds the copyright.

The text is identified with ``identify`` (pre-commit's file identifier), which compares it
with the licence texts of choosealicense.com. The GPL family's texts do not say whether later
versions may be used; a repository that ships one without a notice saying so is read as
``-only``, as the SPDX ids of ScanCode and the NHS open source policy's examples read it.

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
    found = Imported(NAME, paths[0].name)
    licences = [(path, spdx) for path in paths if (spdx := _identify(path))]
    if licences:
        path, spdx = licences[0]
        found.put("licence", spdx, f"{path.name} (the {spdx.removesuffix('-only')} text)")
        found.provenance["licence"] = f"{path.name}: the {spdx.removesuffix('-only')} text"
        others = {s for _, s in licences[1:] if s != spdx}
        if others:
            found.note(f"the licence files hold different licences: {spdx}, {', '.join(sorted(others))}")
    for path in paths:
        holder = copyright_holder(_text(path))
        if holder:
            found.put("owner.name", holder, "copyright line")
            found.provenance["owner.name"] = f"{path.name}: copyright line"
            break
    return found


def _identify(path: Path) -> str | None:
    try:
        spdx = license_id(str(path))
    except (UnicodeDecodeError, OSError):
        return None
    if spdx is None:
        return None
    return f"{spdx}-only" if spdx in _GPL_TEXTS else common.spdx(spdx)[0]


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
