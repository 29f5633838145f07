"""Addresses: which are safe to publish, and when two repositories are the same."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_DANGEROUS = ("javascript", "vbscript", "data", "file")
# Most addresses are plain https links; accept those without parsing them.
_PLAIN_HTTPS = re.compile(r"https://(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}(?:/[A-Za-z0-9._~%!$&()*+,;=:@/?#-]*)?")
_NOT_IN_ADDRESSES = re.compile(r"[<>\"'`{}|\\^\s\x00-\x1f\x7f]")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be published, or None when it is a plain https address."""
    if _PLAIN_HTTPS.fullmatch(url):
        return None
    text = url.strip()
    if text != url or any(ch.isspace() or ord(ch) < 32 for ch in text):
        return f"{_shown(url)} contains spaces or control characters"
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme in _DANGEROUS:
        return f"{scheme}: addresses are not allowed"
    if scheme != "https":
        return f"{_shown(url)} is not an https address"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return f"{_shown(url)} is not a valid address"
    if not parts.hostname or "." not in parts.hostname:
        return f"{_shown(url)} has no domain name"
    if parts.username or parts.password:
        return f"{_shown(url)} contains a user name or password"
    if port not in (None, 443):
        return f"{_shown(url)} uses a non-standard port"
    if _NOT_IN_ADDRESSES.search(text):
        return f"{_shown(url)} contains characters that are not allowed in an address"
    return None


def contact_problem(contact: str) -> str | None:
    """A contact is an https address or an email address."""
    if _EMAIL.match(contact):
        return None
    if contact.lower().startswith("mailto:") and _EMAIL.match(contact[7:]):
        return None
    if url_problem(contact) is None:
        return None
    return f"{_shown(contact)} is neither an https address nor an email address"


def normalise_repository(url: str) -> str:
    """The identity of a repository: no scheme, case, ``www.``, trailing ``/`` or ``.git``.

    ``https://www.GitHub.com/NHS-R-Community/NHSRplotthedots.git/`` and
    ``http://github.com/nhs-r-community/nhsrplotthedots`` are the same repository.
    """
    text = url.strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.sub(r"^git@([^:/]+):", r"\1/", text)
    text = text.split("#", 1)[0].split("?", 1)[0]
    text = text.removeprefix("www.")
    while text.endswith("/") or text.endswith(".git"):
        text = text.removesuffix("/").removesuffix(".git")
    return text


def _shown(url: str, limit: int = 80) -> str:
    shown = url if len(url) <= limit else url[: limit - 3] + "..."
    return repr(shown)
