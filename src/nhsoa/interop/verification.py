"""Collect the evidence behind an entry from a checked-out repository and the package indexes.

The result is what an entry records: the commit it was checked against (``last_verified_commit``)
and its ``verification`` block (install channels, badges, notice, newest release, languages by
lines of code), plus the install names the indexes confirm. Nothing is guessed: an index that
could not be asked leaves its channel out and says so in ``notes``.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError
from nhsoa.interop import evidence, linecount
from nhsoa.interop.indexes import IndexClient, Listing

MAX_FILE_BYTES = linecount.MAX_BYTES
RECORDED_SHARE = 0.01  # languages under 1% of the lines are noise, not evidence
RECORDED_LANGUAGES = 6
GIT_TIMEOUT = 120
# `def name(`, `name <- function(`, `name = function(` and NAMESPACE's `export(name)`.
_DEFINITION = re.compile(
    r"^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(|^\s*`?([A-Za-z._][\w.]*)`?\s*(?:<-|=)\s*function\s*\("
    r"|^\s*export\(\s*\"?([A-Za-z._][\w.]*)\"?\s*\)",
    re.MULTILINE,
)


@dataclass
class Verified:
    """What a repository showed: the commit, the verification block and the confirmed install names."""

    commit: str | None
    verification: dict[str, Any] = field(default_factory=dict)
    install: dict[str, str] = field(default_factory=dict)
    refuted: set[str] = field(default_factory=set)  # channels an index answered "not there"
    checked: set[str] = field(default_factory=set)  # channels that got a definite answer
    readme: str = ""
    defined: set[str] = field(default_factory=set)  # functions the code defines or exports
    notes: list[str] = field(default_factory=list)


def collect(folder: Path, client: IndexClient) -> Verified:
    """The evidence a repository (a folder, usually a shallow clone) gives, with the indexes' answers."""
    paths = tracked_files(folder)
    top = {path: raw for path in paths if "/" not in path and (raw := _read(folder / path)) is not None}
    readme = evidence.readme(top)
    result = Verified(commit=_git_out(folder, "rev-parse", "HEAD"))
    result.readme = readme[1] if readme else ""
    install, listings = _install(evidence.packages(top), readme, client, result)
    phase = _phase(folder, readme, listings, result)
    languages = _languages(folder, paths, result)
    result.verification = {
        key: value for key, value in (("install", install), ("phase", phase), ("languages", languages)) if value
    }
    return result


def tracked_files(folder: Path) -> list[str]:
    """Files of the repository as POSIX paths: what git tracks, or every regular file without git."""
    listed = _git_out(folder, "ls-files", "-z")
    if listed is not None:
        return sorted(path for path in listed.split("\0") if path)
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def _install(
    packages: list[evidence.Package], readme: tuple[str, str] | None, client: IndexClient, result: Verified
) -> tuple[list[dict[str, str]], list[Listing]]:
    channels: list[dict[str, str]] = []
    listings: list[Listing] = []
    universes = evidence.r_universes(readme[1]) if readme else []
    for package in packages:
        asked = _ask(package, universes, client)
        listings += [listing for listing in asked if listing.found]
        for listing in asked:
            if listing.found is None:
                result.notes.append(f"{listing.channel}: {listing.problem or 'not asked'}")
                continue
            result.checked.add(listing.channel)
            if listing.found:
                channels.append({"channel": listing.channel, "package": listing.package, "source": listing.page})
                result.install[listing.channel] = listing.package
            else:
                result.refuted.add(listing.channel)
        if asked and all(listing.found is False for listing in asked):
            result.checked.add("repository")
            channels.append({"channel": "repository", "package": package.name, "source": package.source})
    return channels, listings


def _ask(package: evidence.Package, universes: list[str], client: IndexClient) -> list[Listing]:
    if package.language == "Python":
        return [client.pypi(package.name)]
    if package.language == "JavaScript":
        return [client.npm(package.name)]
    if package.language == "R":
        return [client.cran(package.name), *(client.r_universe(u, package.name) for u in universes)]
    return []


def _phase(folder: Path, readme: tuple[str, str] | None, listings: list[Listing], result: Verified) -> dict[str, Any]:
    phase: dict[str, Any] = {}
    if readme:
        found = evidence.badges(*readme)
        if found:
            phase["badges"] = [{"scheme": b.scheme, "status": b.status, "source": b.source} for b in found]
        notice = evidence.archive_notice(readme[1])
        if notice:
            phase["notice"] = {"text": notice, "source": readme[0]}
    release = next((listing for listing in listings if listing.version), None)
    if release is not None:
        phase["latest_release"] = _release(release.version or "", release.date, release.page)
    else:
        tag = evidence.newest_tag(_tags(folder, result))
        if tag is not None:
            phase["latest_release"] = _release(tag.version, tag.date, tag.source)
    return phase


def _release(version: str, date: str | None, source: str) -> dict[str, str]:
    release = {"version": version}
    if date:
        release["date"] = date
    release["source"] = source
    return release


def _tags(folder: Path, result: Verified) -> list[tuple[str, str | None]]:
    """(tag, date) pairs. A shallow clone lists its origin's tags and fetches only the newest."""
    if _git_out(folder, "rev-parse", "--is-shallow-repository") != "true":
        listed = _git_out(folder, "for-each-ref", "refs/tags", "--format=%(refname:short) %(creatordate:short)")
        return [_split_tag(line) for line in (listed or "").splitlines() if line.strip()]
    remote = _git_out(folder, "ls-remote", "--tags", "--refs", "origin")
    if remote is None:
        result.notes.append("tags: could not list the origin's tags")
        return []
    names = [line.split("refs/tags/", 1)[1] for line in remote.splitlines() if "refs/tags/" in line]
    newest = evidence.newest_tag((name, None) for name in names)
    if newest is None:
        return []
    # version_key only accepts names that start with a digit or "v", so this cannot read as an option
    fetched = _git_out(folder, "fetch", "--quiet", "--depth", "1", "origin", "tag", newest.version)
    when = _git_out(folder, "for-each-ref", f"refs/tags/{newest.version}", "--format=%(creatordate:short)")
    return [(newest.version, when if fetched is not None and when else None)]


def _split_tag(line: str) -> tuple[str, str | None]:
    name, _, when = line.strip().partition(" ")
    return name, when or None


def _languages(folder: Path, paths: list[str], result: Verified) -> list[dict[str, Any]]:
    files = [(path, raw) for path in linecount.select(paths) if (raw := _read(folder / path)) is not None]
    namespace = _read(folder / "NAMESPACE") if "NAMESPACE" in paths else None
    for _, raw in [*files, ("NAMESPACE", namespace or b"")]:
        text = raw.decode("utf-8", errors="replace")
        result.defined.update(name for group in _DEFINITION.findall(text) for name in group if name)
    counts = linecount.count_files(files)
    total = sum(lines for _, lines in counts)
    kept = [(name, lines) for name, lines in counts if total and lines / total >= RECORDED_SHARE]
    return [{"language": name, "lines": lines} for name, lines in kept[:RECORDED_LANGUAGES]]


def _read(path: Path) -> bytes | None:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _git_out(folder: Path, *args: str) -> str | None:
    """Standard output of a git command in ``folder``, stripped; None when git fails or is absent."""
    if not (folder / ".git").exists():
        return None
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True, text=True, env=env, timeout=GIT_TIMEOUT, check=False, encoding="utf-8",
            errors="replace",
        )  # fmt: skip
    except FileNotFoundError:
        raise NhsoaError("git is not installed; install git to verify a repository") from None
    except subprocess.TimeoutExpired:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def significant_languages(lines: list[dict[str, Any]], share: float = 0.10) -> set[str]:
    """Languages with at least ``share`` of the counted lines (what ``languages`` should name)."""
    counts = [(str(item.get("language")), item.get("lines")) for item in lines if isinstance(item, dict)]
    total = sum(n for _, n in counts if isinstance(n, int))
    return {name for name, n in counts if isinstance(n, int) and total and n / total >= share}


def named_functions(description: str) -> list[str]:
    """Functions a description names as `name()`, each once, in order."""
    return list(dict.fromkeys(re.findall(r"`([A-Za-z_.][A-Za-z0-9_.]*)\(\)`", description)))
