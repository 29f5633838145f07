"""What the package indexes say about a package: PyPI, CRAN, R-universe and npm.

Each index is asked through its documented public interface: PyPI's JSON API, the
``src/contrib/PACKAGES`` file every CRAN-like repository serves (CRAN and R-universe alike), and
the npm registry's package document. The base addresses are settings, so a test can stand a
local server in for them and a trust can point them at its own mirror. An index that cannot be
reached gives a listing with ``found=None`` and the reason: "not checked" is never "not there".
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from nhsoa import __version__

MAX_BYTES = 64 * 1024 * 1024  # CRAN's PACKAGES file is a few MiB; anything far larger is not an index
_PACKAGES_FIELD = re.compile(r"^(Package|Version):[ \t]*(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Indexes:
    """Base addresses of the package indexes; None leaves that index unasked."""

    pypi: str | None = "https://pypi.org"
    cran: str | None = "https://cloud.r-project.org"
    npm: str | None = "https://registry.npmjs.org"
    r_universe: str | None = "https://{universe}.r-universe.dev"  # {universe} is filled in
    timeout: float = 30.0


OFFLINE = Indexes(pypi=None, cran=None, npm=None, r_universe=None)


@dataclass(frozen=True)
class Listing:
    """An index's answer about one package: found, not found (False) or not asked or unreachable (None)."""

    channel: str
    package: str
    found: bool | None
    page: str = ""
    version: str | None = None
    date: str | None = None
    problem: str | None = None


class IndexClient:
    """Asks the indexes, remembering each answer (a CRAN-like PACKAGES file is read once per run)."""

    def __init__(self, indexes: Indexes) -> None:
        self.indexes = indexes
        self._repositories: dict[str, dict[str, str] | str] = {}

    def pypi(self, name: str) -> Listing:
        base = self.indexes.pypi
        if base is None:
            return Listing("pypi", name, None, problem="PyPI not asked")
        page = f"{base.rstrip('/')}/project/{name}/"
        status, body = self._get(f"{base.rstrip('/')}/pypi/{quote(name)}/json")
        if status == 404:
            return Listing("pypi", name, False, page)
        if status != 200 or not isinstance(body, dict) or not isinstance(body.get("info"), dict):
            return Listing("pypi", name, None, page, problem=_problem(base, status, body))
        version = body["info"].get("version")
        name = _text(body["info"].get("name")) or name  # the project's own spelling of its name
        files = body.get("releases", {}).get(version) if isinstance(body.get("releases"), dict) else None
        uploaded = files[0].get("upload_time", "") if isinstance(files, list) and files else ""
        return Listing("pypi", name, True, f"{base.rstrip('/')}/project/{name}/", _text(version), _day(uploaded))

    def npm(self, name: str) -> Listing:
        base = self.indexes.npm
        if base is None:
            return Listing("npm", name, None, problem="npm not asked")
        url = f"{base.rstrip('/')}/{quote(name, safe='@')}"
        status, body = self._get(url)
        if status == 404:
            return Listing("npm", name, False, url)
        tags = body.get("dist-tags") if isinstance(body, dict) else None
        if status != 200 or not isinstance(tags, dict):
            return Listing("npm", name, None, url, problem=_problem(base, status, body))
        version = _text(tags.get("latest"))
        times = body.get("time") if isinstance(body, dict) else None
        when = times.get(version, "") if isinstance(times, dict) and version else ""
        return Listing("npm", name, True, url, version, _day(when))

    def cran(self, name: str) -> Listing:
        base = self.indexes.cran
        if base is None:
            return Listing("cran", name, None, problem="CRAN not asked")
        page = f"{base.rstrip('/')}/web/packages/{name}/index.html"
        return self._cran_like("cran", name, name, base.rstrip("/"), page)

    def r_universe(self, universe: str, name: str) -> Listing:
        template = self.indexes.r_universe
        package = f"{universe}/{name}"
        if template is None:
            return Listing("r_universe", package, None, problem="R-universe not asked")
        base = template.replace("{universe}", universe).rstrip("/")
        return self._cran_like("r_universe", package, name, base, f"{base}/{name}")

    def _cran_like(self, channel: str, package: str, name: str, base: str, page: str) -> Listing:
        packages = self._repository(base)
        if isinstance(packages, str):
            return Listing(channel, package, None, page, problem=packages)
        version = packages.get(name)
        return Listing(channel, package, version is not None, page, _text(version))

    def _repository(self, base: str) -> dict[str, str] | str:
        """Package -> version from a CRAN-like repository's PACKAGES file, or why it could not be read."""
        if base not in self._repositories:
            status, body = self._get(f"{base}/src/contrib/PACKAGES", as_json=False)
            if status == 200 and isinstance(body, str):
                self._repositories[base] = _parse_packages(body)
            else:
                self._repositories[base] = _problem(base, status, body)
        return self._repositories[base]

    def _get(self, url: str, *, as_json: bool = True) -> tuple[int, object]:
        """(HTTP status, parsed body); status 0 with the reason as body when there was no answer."""
        if urlsplit(url).scheme not in ("https", "http"):
            return 0, f"{url!r} is not an http(s) address"
        request = urllib.request.Request(url, headers={"User-Agent": f"nhsoa/{__version__}"})
        try:
            with urllib.request.urlopen(request, timeout=self.indexes.timeout) as response:  # scheme checked above
                raw = response.read(MAX_BYTES + 1)
                status = int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return 0, str(getattr(exc, "reason", exc))
        if len(raw) > MAX_BYTES:
            return 0, f"answer larger than {MAX_BYTES // (1024 * 1024)} MiB"
        text = raw.decode("utf-8", errors="replace")
        if not as_json:
            return status, text
        try:
            return status, json.loads(text)
        except ValueError:
            return 0, "the answer is not JSON"


def _parse_packages(text: str) -> dict[str, str]:
    packages: dict[str, str] = {}
    for stanza in re.split(r"\n\s*\n", text):
        fields = dict(_PACKAGES_FIELD.findall(stanza))
        if "Package" in fields:
            packages[fields["Package"]] = fields.get("Version", "")
    return packages


def _problem(base: str, status: int, body: object) -> str:
    reason = body if isinstance(body, str) else f"HTTP {status}" if status else "no answer"
    return f"could not ask {base}: {reason}"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _day(timestamp: str) -> str | None:
    return timestamp[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", timestamp) else None
