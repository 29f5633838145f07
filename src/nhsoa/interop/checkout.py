"""A repository to read: a local folder, or a shallow clone of an address; and what git knows about it.

git runs without prompts, askpass helpers, user configuration of symlinks or submodules, and with
a time limit; an address that git would read as an option or a command (``-u...``, ``ext::``) is
refused before git sees it.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from nhsoa.errors import NhsoaError, UsageError

CLONE_TIMEOUT = 300
_SCHEMES = ("https://", "http://", "ssh://", "git://", "file://")
_SCP = re.compile(r"^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?!//)([^\s]+)$")  # git@github.com:o/r.git


class CloneFailed(NhsoaError):
    """git could not clone a repository: the address, and git's own words."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"cannot clone {address}: {reason}")
        self.address = address
        self.reason = reason


def git(args: list[str], *, check: bool = True, timeout: int = 60) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args], capture_output=True, text=True, env=env, timeout=timeout, check=False, encoding="utf-8"
        )
    except FileNotFoundError:
        raise NhsoaError("git is not installed; install git to read a repository") from None
    except subprocess.TimeoutExpired:
        raise NhsoaError(f"git {_subcommand(args)} took longer than {timeout} seconds; stopped") from None
    if check and done.returncode != 0:
        raise NhsoaError(f"git {_subcommand(args)} failed: {_reason(done.stderr, done.returncode)}")
    return done.stdout


def _reason(stderr: str, code: int) -> str:
    """git's own reason: its first ``fatal:`` or ``error:`` line (later lines are advice)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    first = next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else "")
    return first.removeprefix("fatal: ").removeprefix("error: ") or f"exit code {code}"


def _subcommand(args: list[str]) -> str:
    """The git command's name, past options such as ``-c key=value`` and ``-C folder``."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        rest = rest[2:] if rest[0] in ("-c", "-C") else rest[1:]
    return rest[0] if rest else "git"


def is_remote(source: str) -> bool:
    return source.startswith(_SCHEMES) or bool(re.match(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:", source))


def check_address(source: str) -> None:
    """Refuse addresses git would treat as options or as commands (``ext::``, ``-u...``)."""
    if source.startswith("-") or "::" in source.split("/", 1)[0]:
        raise UsageError(f"{source!r} is not a repository address")
    if not is_remote(source):
        raise UsageError(f"{source!r}: use an https://, ssh:// or file:// address, or a local folder")


@contextmanager
def checkout(source: str) -> Iterator[Path]:
    """A folder holding the repository at ``source``: the folder itself, or a shallow clone of the address."""
    if source.startswith("-") or "::" in source.split("/", 1)[0]:
        raise UsageError(f"{source!r} is not a repository address")
    if not is_remote(source):
        folder = Path(source)
        if not folder.is_dir():
            raise UsageError(f"{source}: no such folder")
        yield folder
        return
    check_address(source)
    with tempfile.TemporaryDirectory(prefix="nhsoa-harvest-") as tmp:
        target = Path(tmp) / "repository"
        try:
            git(
                ["-c", "core.symlinks=false", "clone", "--quiet", "--depth", "1", "--no-recurse-submodules",
                 "--", source, str(target)],
                timeout=CLONE_TIMEOUT,
            )  # fmt: skip
        except NhsoaError as exc:
            raise CloneFailed(source, str(exc).removeprefix("git clone failed: ")) from None
        yield target


def is_work_tree(folder: Path) -> bool:
    return (folder / ".git").exists()


def last_commit(folder: Path) -> str | None:
    """The date of the newest commit of a git working tree, or None."""
    if not is_work_tree(folder):
        return None
    out = git(["-C", str(folder), "log", "-1", "--format=%cs"], check=False).strip()
    return out if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out) else None


def origin(folder: Path) -> str | None:
    """The https address of the ``origin`` remote of a working tree (credentials dropped), or None.

    A remote that is a local path or a bundle says nothing about where the code is published.
    """
    if not is_work_tree(folder):
        return None
    remote = git(["-C", str(folder), "config", "--get", "remote.origin.url"], check=False).strip()
    return web_address(remote)


def web_address(remote: str) -> str | None:
    """``https://host/path`` for a git remote (https, http, ssh, git or ``user@host:path``), else None."""
    text = remote.strip()
    if match := _SCP.match(text):
        host, path = match.group(1), match.group(2)
    elif text.startswith(("https://", "http://", "ssh://", "git://")):
        try:
            parts = urlsplit(text)
        except ValueError:
            return None
        host, path = parts.hostname or "", parts.path
    else:
        return None
    path = path.strip("/")
    while path.endswith(".git") or path.endswith("/"):
        path = path.removesuffix(".git").removesuffix("/")
    if "." not in host or not re.fullmatch(r"[A-Za-z0-9._~%/-]+", path) or "/" not in path or ".." in path:
        return None
    return f"https://{host.lower()}/{path}"
