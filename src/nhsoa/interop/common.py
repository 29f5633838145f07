"""Conversions every importer needs: licences, people, summaries, ids, addresses."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from nhsoa.registry import licences
from nhsoa.registry.addresses import normalise_repository

SUMMARY_MAX = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_SPDX_URL = re.compile(r"^https?://(?:www\.)?spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?/?$")
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "git.")


def spdx(value: str) -> tuple[str | None, str]:
    """An SPDX expression for ``value`` (an id, an expression or an spdx.org address).

    Returns ``(expression, "")`` or ``(None, reason)``; never invents a licence.
    """
    text = value.strip()
    if match := _SPDX_URL.match(text):
        text = match.group(1)
    result = licences.check(text)
    if result.error or result.normalised is None:
        return None, f"{value!r} is not an SPDX licence expression ({result.error})"
    return result.normalised, ""


def one_line(text: str) -> str:
    return " ".join(text.split())


def summary_from(text: str) -> tuple[str, bool]:
    """A one-line summary from a description: the text itself if short, else its first sentence.

    The flag says whether the text had to be cut (so importers can say so).
    """
    flat = one_line(text)
    if len(flat) <= SUMMARY_MAX:
        return flat, False
    first = _SENTENCE_END.split(flat, maxsplit=1)[0]
    if len(first) <= SUMMARY_MAX:
        return first, True
    cut = first[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…", True


def slug(text: str) -> str:
    """An entry id from a name: lower case, ASCII letters and digits, single hyphens."""
    ascii_text = text.encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:64].strip("-")


def is_code_host(url: str) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return host.removeprefix("www.").startswith(_CODE_HOSTS)


_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_ACCOUNT_PAGES = ("issues", "blob", "tree", "wiki", "pulls", "releases", "actions", "-")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


def repository_address(url: str) -> str | None:
    """``https://host/owner/repo`` when ``url`` is a repository's page on a code host, else None.

    Query strings, fragments, ``.git`` and trailing slashes are dropped; a page inside the
    repository (``/issues``, ``/blob/...``) gives the repository's address; an account's own
    page (``https://github.com/nhsengland``) or a site elsewhere gives None.
    """
    text = url.strip()
    if not is_code_host(text):
        return None
    parts = urlsplit(text)
    segments = [s for s in parts.path.split("/") if s]
    if "-" in segments:  # GitLab: /group/project/-/issues
        segments = segments[: segments.index("-")]
    if len(segments) > 2 and (parts.hostname or "").removeprefix("www.") == "github.com":
        if segments[2] not in _ACCOUNT_PAGES:
            return None
        segments = segments[:2]
    if len(segments) < 2 or any(s in _ACCOUNT_PAGES for s in segments[1:2]):
        return None
    path = "/".join(segments).removesuffix(".git")
    return f"https://{(parts.hostname or '').removeprefix('www.')}/{path}"


def repository_url(url: str) -> str:
    """A repository address without a trailing ``.git`` or ``/``, as people write it in entries."""
    text = url.strip()
    while text.endswith("/") or text.endswith(".git"):
        text = text.removesuffix("/").removesuffix(".git")
    return text


def same_repository(first: str, second: str) -> bool:
    return normalise_repository(first) == normalise_repository(second)


def texts(value: Any) -> list[str]:
    """A string or a list of strings as a list of non-empty strings (other items dropped)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return []


def keywords(value: Any) -> list[str]:
    """Keywords from a list or a comma-separated string, without duplicates (case-insensitive)."""
    items = [part for item in texts(value) for part in item.split(",")] if isinstance(value, str) else texts(value)
    seen: set[str] = set()
    out = []
    for item in (one_line(i) for i in items):
        if item and item.casefold() not in seen and len(item) <= 60:
            seen.add(item.casefold())
            out.append(item)
    return out


def person(name: str, github: str | None = None, role: str | None = None) -> dict[str, str]:
    found = {"name": one_line(name)}
    if github:
        found["github"] = github
    if role:
        found["role"] = role
    return found


def install_from_url(url: str) -> tuple[str, str] | None:
    """``("pypi", name)`` or ``("cran", name)`` for a package index address, else None."""
    text = url.strip()
    if match := re.match(r"^https?://(?:www\.)?pypi\.org/project/([A-Za-z0-9._-]+)/?$", text, re.IGNORECASE):
        return "pypi", match.group(1)
    if match := re.match(
        r"^https?://cran\.r-project\.org/(?:package=|web/packages/)([A-Za-z0-9.]+)(?:/index\.html)?/?$",
        text,
        re.IGNORECASE,
    ):
        return "cran", match.group(1)
    return None
