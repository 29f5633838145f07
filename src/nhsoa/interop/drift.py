"""Has a repository moved away from what its entry records? (``nhsoa registry sync --check``)

Compared are only the facts a trust relies on: the declared licence, the install channels, the phase
evidence (status badges, a README notice, the newest release), the main languages, and whether
the README still mentions the functions the description names. A fact the new look could not
establish (an index that did not answer) is not reported as changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from nhsoa.interop.verification import Verified, named_functions, significant_languages
from nhsoa.registry import licences


@dataclass(frozen=True)
class Drift:
    field: str
    message: str


def compare(entry: Mapping[str, Any], harvested: Mapping[str, Any], verified: Verified) -> list[Drift]:
    """Each way the repository now differs from the entry, in the fields that matter."""
    recorded = entry.get("verification")
    recorded = recorded if isinstance(recorded, Mapping) else {}
    found = verified.verification
    declared = _mapping(recorded.get("licence")).get("expression") or entry.get("licence")
    return [
        *_licence(declared, harvested.get("licence")),
        *_install(recorded.get("install"), found.get("install"), verified.checked),
        *_phase(_mapping(recorded.get("phase")), _mapping(found.get("phase"))),
        *_languages(recorded.get("languages"), found.get("languages")),
        *_readme(entry.get("description"), verified),
    ]


def _licence(old: Any, new: Any) -> Iterator[Drift]:
    """The declared licence against what was recorded as declared (or, before that was recorded, the entry's)."""
    if isinstance(old, str) and isinstance(new, str) and _spdx(old) != _spdx(new):
        yield Drift("licence", f"the repository now declares {new}, recorded: {old}")


def _spdx(expression: str) -> str:
    return licences.check(expression).normalised or expression.strip()


def _install(old: Any, new: Any, checked: set[str]) -> Iterator[Drift]:
    before = {pair for pair in _channels(old) if pair[0] in checked}
    after = set(_channels(new))
    for channel, package in sorted(before - after):
        yield Drift("install", f"{channel} no longer has {package}")
    for channel, package in sorted(after - before):
        yield Drift("install", f"{package} is now installed from {channel}")


def _channels(value: Any) -> list[tuple[str, str]]:
    items = value if isinstance(value, list) else []
    return [(str(i.get("channel")), _name(i)) for i in items if isinstance(i, Mapping)]


def _name(item: Mapping[str, Any]) -> str:
    """PyPI names compare as PyPI does (case, ``-``, ``_`` and ``.`` alike); other indexes are exact."""
    name = str(item.get("package"))
    return re.sub(r"[-_.]+", "-", name).lower() if item.get("channel") == "pypi" else name


def _phase(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Drift]:
    before, after = _badges(old.get("badges")), _badges(new.get("badges"))
    if before != after:
        yield Drift("phase", f"status badges changed from {_list(before)} to {_list(after)}")
    old_notice, new_notice = _mapping(old.get("notice")).get("text"), _mapping(new.get("notice")).get("text")
    if new_notice and new_notice != old_notice:
        yield Drift("phase", f"the README now says: {new_notice!r}")
    elif old_notice and not new_notice:
        yield Drift("phase", f"the README no longer says: {old_notice!r}")
    yield from _release(_mapping(old.get("latest_release")), _mapping(new.get("latest_release")))


def _badges(value: Any) -> set[str]:
    items = value if isinstance(value, list) else []
    return {f"{i.get('scheme')}:{i.get('status')}" for i in items if isinstance(i, Mapping)}


def _release(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Drift]:
    """A new release, compared only with one seen the same way (a tag with a tag, an index with an index)."""
    if not new.get("version") or _kind(old) != _kind(new):
        return
    if str(old.get("version")) != str(new["version"]):
        where = "tag" if _kind(new) == "tag" else "release on the index"
        yield Drift("phase", f"newest {where} is {new['version']} (recorded: {old.get('version') or 'none'})")


def _kind(release: Mapping[str, Any]) -> str:
    source = str(release.get("source", ""))
    return "tag" if source.startswith("tag ") else "index" if source.startswith(("https://", "http://")) else ""


def _languages(old: Any, new: Any) -> Iterator[Drift]:
    if not isinstance(old, list) or not isinstance(new, list):
        return
    before, after = significant_languages(old), significant_languages(new)
    if before != after:
        yield Drift("languages", f"main languages changed from {_list(before)} to {_list(after)}")


def _readme(description: Any, verified: Verified) -> Iterator[Drift]:
    """Functions the description names that the README no longer mentions and the code no longer defines.

    A function the README never listed but the code still defines is not a change: only one that
    has gone from both has been removed or renamed."""
    if not isinstance(description, str) or not verified.readme:
        return
    for name in named_functions(description):
        mentioned = re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", verified.readme)
        if not mentioned and name not in verified.defined:
            yield Drift("readme", f"neither the README nor the code mentions `{name}()`, which the description names")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(items: set[str]) -> str:
    return ", ".join(sorted(items)) or "none"
