"""Python packaging metadata, whichever file holds it (pyproject.toml, setup.cfg, setup.py).

Core metadata has the same fields in all three; this module maps them once: licence strings
and Trove classifiers to SPDX, Development Status to a phase, project URLs to addresses,
authors and maintainers to people and a contact.
"""

from __future__ import annotations

import re
from typing import Any

from nhsoa.interop import common
from nhsoa.interop.model import Imported
from nhsoa.registry.addresses import normalise_repository

_URL_KEYS = {
    "repository": ("source", "repository", "source code", "code", "github", "gitlab"),
    "homepage": ("homepage", "home", "home page", "website", "url"),
    "documentation": ("documentation", "docs", "doc"),
    "contact": ("issues", "bug tracker", "tracker", "bugs", "issue tracker", "bug reports"),
}
_CLASSIFIER_LICENCES = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: BSD License": None,  # which BSD is not said
    "License :: OSI Approved :: GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "License :: OSI Approved :: GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "License :: OSI Approved :: GNU Affero General Public License v3": "AGPL-3.0-only",
    "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "License :: OSI Approved :: ISC License (ISCL)": "ISC",
    "License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}
_PHASES = {"1": "discovery", "2": "alpha", "3": "alpha", "4": "beta", "5": "live", "6": "live", "7": "retired"}
_GPL_VERSIONS = {"GPL": ("1.0", "2.0", "3.0"), "LGPL": ("2.0", "2.1", "3.0"), "AGPL": ("3.0",)}


def licence_from_text(text: str) -> str | None:
    """An SPDX expression for a free-text licence as packages write it (``GPLv3``, ``Apache 2.0``).

    An SPDX id or expression is taken as it is (deprecated ids made current). Free text is read
    only when it names one licence unambiguously; ``BSD`` or ``GPL`` alone give None.
    """
    expression, _ = common.spdx(text)
    if expression:
        return expression
    words = " ".join(re.sub(r"\blicen[cs]e\b|\bversion\b|[(),]", " ", text.lower()).split())
    later = bool(re.search(r"\+|or (any )?later|or-later", words))
    version = re.search(r"(?<![\d.])(\d(?:\.\d)?)(?![\d.])", words.replace("v", " "))
    number = version.group(1) if version else None
    if family := _gpl_family(words):
        return _gpl(family, number, later)
    if "apache" in words:
        return "Apache-2.0" if number in (None, "2", "2.0") else None
    if "mozilla" in words or re.search(r"\bmpl\b", words):
        return "MPL-2.0" if number in ("2", "2.0") else None
    if "bsd" in words:
        return _bsd(words)
    simple = {"mit": "MIT", "the mit": "MIT", "expat": "MIT", "isc": "ISC", "cc0": "CC0-1.0", "cc0 1.0": "CC0-1.0",
              "unlicense": "Unlicense", "the unlicense": "Unlicense"}  # fmt: skip
    return simple.get(words)


def _gpl_family(words: str) -> str | None:
    if re.search(r"affero|\bagpl", words):
        return "AGPL"
    if re.search(r"lesser|library general|\blgpl", words):
        return "LGPL"
    if re.search(r"\bgpl|general public", words):
        return "GPL"
    return None


def _gpl(family: str, number: str | None, later: bool) -> str | None:
    if number is None:
        return None
    full = number if "." in number else f"{number}.0"
    if full not in _GPL_VERSIONS[family]:
        return None
    return f"{family}-{full}-{'or-later' if later else 'only'}"


def _bsd(words: str) -> str | None:
    if re.search(r"\b3\b|3-clause|new|modified|revised", words):
        return "BSD-3-Clause"
    if re.search(r"\b2\b|2-clause|simplified|freebsd", words):
        return "BSD-2-Clause"
    return None


def put_licence(found: Imported, text: Any, classifiers: Any, where: str) -> None:
    """The licence from a licence string, else from the classifiers."""
    if isinstance(text, str) and text.strip():
        expression = licence_from_text(text)
        if expression:
            found.put("licence", expression, where)
            return
        found.skip(where, f"{text.strip()[:80]!r} does not name one licence")
    for classifier in common.texts(classifiers):
        if classifier in _CLASSIFIER_LICENCES:
            licence = _CLASSIFIER_LICENCES[classifier]
            if licence:
                found.put("licence", licence, f"classifier {classifier!r}")
                return
            found.skip("classifier", f"{classifier!r} does not name one licence")


def put_phase(found: Imported, classifiers: Any) -> None:
    for classifier in common.texts(classifiers):
        match = re.match(r"^Development Status :: (\d) - ", classifier)
        if match and match.group(1) in _PHASES:
            found.put("phase", _PHASES[match.group(1)], f"classifier {classifier!r}")


def put_urls(found: Imported, urls: Any, where: str) -> None:
    """Project URLs by label; a home page that is the repository itself gives the repository."""
    if not isinstance(urls, dict):
        return
    for label, url in urls.items():
        if not isinstance(url, str) or not url.strip():
            continue
        key = str(label).strip().lower().replace("-", " ").replace("_", " ")
        field = next((f for f, labels in _URL_KEYS.items() if key in labels), None)
        root = _repository_root(url)
        if root and field in (None, "homepage", "repository"):
            if "repository" not in found.entry:
                found.put("repository", root, f"{where}.{label}")
        elif field is None:
            found.skip(f"{where}.{label}")
        elif field not in found.entry:
            value = url.strip()
            if field == "repository":
                value = common.repository_address(value) or common.repository_url(value)
            found.put(field, value, f"{where}.{label}")


def _repository_root(url: str) -> str | None:
    """The repository's address when ``url`` is the repository's own page (not a page inside it)."""
    address = common.repository_address(url)
    return address if address and normalise_repository(address) == normalise_repository(url) else None


def put_people(found: Imported, people: list[tuple[str, str | None]], where: str) -> None:
    """Maintainers from (name, email) pairs, in order; the first email is a contact if none is known."""
    seen: set[str] = set()
    maintainers = []
    for name, _ in people:
        # One field is one name: splitting at commas or "and" would break "NHS England - Data and Analysis".
        plain = common.one_line(re.sub(r"<[^>]*>", "", name))
        if plain and plain.casefold() not in seen:
            seen.add(plain.casefold())
            maintainers.append(common.person(plain))
    found.put("maintainers", maintainers, where)
    emails = [email for _, email in people if email and common.is_email(email)]
    if emails and "contact" not in found.entry:
        found.put("contact", emails[0], f"{where} (email)")


# Core metadata fields as setup() and setup.cfg's [metadata] name them.
CORE_FIELDS = frozenset(
    {"name", "version", "description", "summary", "url", "home_page", "download_url", "project_urls", "license",
     "classifiers", "author", "author_email", "maintainer", "maintainer_email", "keywords"}
)  # fmt: skip


def put_core(found: Imported, meta: dict[str, Any], where: str) -> None:
    """Core metadata (``setup()`` arguments or setup.cfg's [metadata]) into a draft entry."""
    name = meta.get("name") if isinstance(meta.get("name"), str) else None
    found.put("name", name and common.one_line(name), f"{where} name")
    if name:
        found.put("id", common.slug(name), f"{where} name (as an id)")
        found.note(f"install.pypi is not set: {found.source} does not say whether {name!r} is published on PyPI")
    if isinstance(meta.get("version"), str):
        found.note(f"version {meta['version'].strip()!r} (not part of an entry)")
    description = next((meta[k] for k in ("description", "summary") if isinstance(meta.get(k), str)), None)
    if description and description.strip():
        summary, cut = common.summary_from(description)
        found.put("summary", summary, f"{where} description" + (" (first sentence)" if cut else ""))
    found.put("languages", ["Python"], f"{found.source} (a Python package)")
    found.put("kind", "package", f"{found.source} (a Python package)")
    put_licence(found, meta.get("license"), meta.get("classifiers"), f"{where} license")
    found.put("keywords", common.keywords(meta.get("keywords")), f"{where} keywords")
    urls = {key: meta[key] for key in ("url", "home_page") if isinstance(meta.get(key), str)}
    put_urls(found, meta.get("project_urls"), f"{where} project_urls")
    put_urls(found, urls, where)
    people = [
        (meta[person], meta.get(f"{person}_email") if isinstance(meta.get(f"{person}_email"), str) else None)
        for person in ("maintainer", "author")
        if isinstance(meta.get(person), str) and meta[person].strip()
    ]
    put_people(found, people, f"{where} maintainer, author")
    put_phase(found, meta.get("classifiers"))
