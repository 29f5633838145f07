"""A baseline of known fakes: numbers a repository holds on purpose, so later scans report only new ones.

``nhsoa scan --update-baseline`` records every current finding in ``.nhsoa-scan-baseline.json`` at
the repository's top folder (commit it). The numbers themselves are never stored: each finding is
kept as a keyed hash of its file path and digits, with a key (salt) drawn at random for each
baseline. The hash is scrypt, deliberately slow (about 50 ms): there are only about a billion valid
numbers, so a fast hash could be reversed in minutes by trying them all; at scrypt's cost it takes
weeks of computing for a CHI number and years for an NHS number.
A finding counts as known when its file and number match an entry, wherever it moves in the file;
the same number copied into another file is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError

BASELINE_FILE = ".nhsoa-scan-baseline.json"
FORMAT_VERSION = 1
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_ABOUT = "Known fake patient numbers (hashed; no number is stored). Update with `nhsoa scan --update-baseline`."


@dataclass
class Baseline:
    salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    entries: dict[str, set[str]] = field(default_factory=dict)  # file (POSIX, from the top folder) -> hashes

    def fingerprint(self, file: str, digits: str) -> str:
        secret = f"{file}\0{digits}".encode()
        return hashlib.scrypt(secret, salt=self.salt, dklen=32, **_SCRYPT).hex()

    def knows(self, file: str, digits: str) -> bool:
        hashes = self.entries.get(file)
        return hashes is not None and self.fingerprint(file, digits) in hashes

    def record(self, file: str, numbers: set[str]) -> None:
        """Make ``numbers`` the known findings of ``file`` (none: forget the file)."""
        if numbers:
            self.entries[file] = {self.fingerprint(file, digits) for digits in numbers}
        else:
            self.entries.pop(file, None)

    def to_json(self) -> str:
        document = {
            "about": _ABOUT,
            "version": FORMAT_VERSION,
            "hash": {"name": "scrypt", **_SCRYPT, "dklen": 32, "salt": self.salt.hex()},
            "results": {file: sorted(hashes) for file, hashes in sorted(self.entries.items())},
        }
        return json.dumps(document, indent=2) + "\n"


def _invalid(path: Path, why: str) -> NhsoaError:
    return NhsoaError(
        f"{path}: not a scan baseline ({why}) (fix: restore it from git, or delete it and run "
        f"`nhsoa scan --update-baseline`)"
    )


def _entries(path: Path, results: Any) -> dict[str, set[str]]:
    if not isinstance(results, dict):
        raise _invalid(path, "'results' must map file paths to lists of hashes")
    entries: dict[str, set[str]] = {}
    for file, hashes in results.items():
        if not isinstance(hashes, list) or not all(isinstance(h, str) and len(h) == 64 for h in hashes):
            raise _invalid(path, f"the entry for {file!r} must be a list of 64-character hashes")
        entries[file] = set(hashes)
    return entries


def load(path: Path) -> Baseline:
    """The baseline in ``path``; a clear error when it cannot be read or is not a baseline."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NhsoaError(f"{path}: cannot read the scan baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(path, f"not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise _invalid(path, f"expected a JSON object with version {FORMAT_VERSION}")
    scheme = document.get("hash")
    expected = {"name": "scrypt", **_SCRYPT, "dklen": 32}
    if not isinstance(scheme, dict) or {k: scheme.get(k) for k in expected} != expected:
        raise _invalid(path, f"its hash must be {expected}")
    try:
        salt = bytes.fromhex(str(scheme.get("salt")))
    except ValueError:
        raise _invalid(path, "its salt must be hexadecimal") from None
    if len(salt) < 16:
        raise _invalid(path, "its salt must be at least 16 bytes")
    return Baseline(salt, _entries(path, document.get("results")))


def save(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` in one step: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(baseline.to_json())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
