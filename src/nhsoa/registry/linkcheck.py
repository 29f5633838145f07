"""Link health: which addresses in the registry are dead, moved or refusing to say.

Rate limits and bot walls (403, 429) are "unsure", not dead: a weekly report must not cry
wolf. A repository that now redirects elsewhere has "moved" and its entry should follow
(keeping the old address in ``repository_aliases``).
"""

from __future__ import annotations

import enum
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from nhsoa import __version__
from nhsoa.registry.addresses import normalise_repository

DEFAULT_FIELDS = ("repository", "homepage", "documentation")
SOFT_STATUSES = frozenset({401, 403, 405, 429})  # "not for robots" or "slow down", not "gone"
USER_AGENT = f"nhsoa/{__version__} (registry link check)"


class Health(enum.Enum):
    OK = "ok"
    MOVED = "moved"
    UNSURE = "unsure"
    DEAD = "dead"


@dataclass(frozen=True)
class LinkResult:
    entry: str
    field: str
    url: str
    health: Health
    status: int | None = None
    final_url: str | None = None
    detail: str = ""


Fetch = Callable[[str, float], tuple[int, str]]  # (url, timeout) -> (status, final url)


def fetch(url: str, timeout: float) -> tuple[int, str]:
    """HEAD the address (GET when HEAD is refused), following redirects."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return int(response.status), str(response.geturl())
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (405, 501):
                continue
            return int(exc.code), str(exc.geturl() or url)
    return 405, url


def check_url(entry: str, field: str, url: str, *, timeout: float = 20.0, get: Fetch | None = None) -> LinkResult:
    try:
        status, final = (get or fetch)(url, timeout)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return LinkResult(entry, field, url, Health.DEAD, detail=f"no answer: {reason}")
    if status in SOFT_STATUSES:
        return LinkResult(entry, field, url, Health.UNSURE, status, final, f"HTTP {status} (rate limit or login)")
    if status >= 400:
        return LinkResult(entry, field, url, Health.DEAD, status, final, f"HTTP {status}")
    if _moved(field, url, final):
        return LinkResult(entry, field, url, Health.MOVED, status, final, f"now at {final}")
    return LinkResult(entry, field, url, Health.OK, status, final)


def _moved(field: str, url: str, final: str) -> bool:
    if field == "repository":  # case, .git and trailing slashes do not make a move
        return normalise_repository(url) != normalise_repository(final)
    return url.rstrip("/") != final.rstrip("/")


def check_entries(
    entries: Iterable[Mapping[str, Any]],
    *,
    fields: Sequence[str] = DEFAULT_FIELDS,
    timeout: float = 20.0,
    workers: int = 8,
    get: Fetch | None = None,
) -> list[LinkResult]:
    """Check every address in ``fields`` of every entry, several at a time; sorted by entry."""
    targets = [
        (entry["id"], field, entry[field]) for entry in entries for field in fields if isinstance(entry.get(field), str)
    ]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda t: check_url(*t, timeout=timeout, get=get), targets))
    return sorted(results, key=lambda r: (r.entry, fields.index(r.field)))


def markdown_report(results: Sequence[LinkResult], stale: Sequence[str], *, date: str) -> str:
    """The weekly health report, as the body of one GitHub issue."""
    out = [f"## Registry health, {date}", ""]
    groups = (
        (Health.DEAD, "Dead links", "the address no longer answers or returns an error"),
        (Health.MOVED, "Moved", "update the entry; keep the old repository address in `repository_aliases`"),
        (Health.UNSURE, "Could not tell", "rate limits or logins (403, 429): check by hand if they persist"),
    )
    for health, title, advice in groups:
        found = [r for r in results if r.health is health]
        out += [f"### {title} ({len(found)})", "", f"_{advice}_", ""]
        out += [f"- `{r.entry}` {r.field}: <{r.url}> ({r.detail})" for r in found] or ["None."]
        out.append("")
    out += [f"### Needing a check ({len(stale)})", "", "_stale verifications (OA070) and adoption claims (OA062)_", ""]
    out += [f"- {line}" for line in stale] or ["None."]
    checked = len(results)
    healthy = sum(1 for r in results if r.health is Health.OK)
    out += ["", f"{checked} addresses checked, {healthy} healthy."]
    return "\n".join(out) + "\n"
