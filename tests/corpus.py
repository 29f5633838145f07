"""Real NHS and UK public-health repositories, as git bundles, for the tools that read repositories.

The bundles live outside this repository (``shared/corpus`` beside or above the checkout, or the
folder named by ``NHSOA_CORPUS``), with an ``index.tsv`` describing each. Tests clone a bundle into a
temporary folder and never change the bundle. Where the corpus is absent the tests that need it are
skipped, saying so.
"""

from __future__ import annotations

import csv
import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path | None:
    """The corpus folder: ``$NHSOA_CORPUS``, else the nearest ``shared/corpus`` above the checkout,
    or above the local repository it was cloned from (a fresh clone made to test in a scratch folder)."""
    named = os.environ.get("NHSOA_CORPUS")
    if named:
        return Path(named)
    for checkout in (REPO, _cloned_from()):
        for folder in checkout.parents if checkout else ():
            candidate = folder / "shared" / "corpus"
            if (candidate / "index.tsv").is_file():
                return candidate
    return None


def _cloned_from() -> Path | None:
    """The local repository this checkout was cloned from, if it was cloned from a folder."""
    done = subprocess.run(
        ["git", "-C", str(REPO), "remote", "get-url", "origin"], capture_output=True, text=True, check=False
    )
    origin = done.stdout.strip().removeprefix("file://")
    return Path(origin).resolve() if done.returncode == 0 and origin.startswith("/") else None


@dataclass(frozen=True)
class Bundle:
    name: str  # OWNER__NAME, the bundle's file name without .bundle
    repository: str  # its public address
    commit: str  # the HEAD commit the bundle holds
    licence: str
    language: str
    shape: str
    notes: str


@cache
def bundles() -> dict[str, Bundle]:
    """Every bundle the corpus index lists, by name (empty when the corpus is absent)."""
    folder = corpus_dir()
    if folder is None:
        return {}
    with (folder / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {
        row["file"].removesuffix(".bundle"): Bundle(
            row["file"].removesuffix(".bundle"),
            row["repository"],
            row["commit"],
            row["licence"],
            row["language"],
            row["shape"],
            row["notes"],
        )
        for row in rows
    }


def clone(name: str, into: Path) -> Path:
    """A working copy of bundle ``name`` in ``into/<name>`` (tags and other branches kept)."""
    folder = corpus_dir()
    if folder is None or name not in bundles():
        pytest.skip(f"the corpus bundle {name} is not available (set NHSOA_CORPUS to the corpus folder)")
    target = into / name
    subprocess.run(["git", "clone", "-q", str(folder / f"{name}.bundle"), str(target)], check=True)
    return target


class Checkouts:
    """One read-only clone of each bundle per test session, made the first time a test asks for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made: dict[str, Path] = {}

    def __call__(self, name: str) -> Path:
        if name not in self._made:
            self._made[name] = clone(name, self.root)
        return self._made[name]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Checkouts:
    """``corpus(name)``: a clone of that bundle, shared by the session; copy it before changing it."""
    return Checkouts(tmp_path_factory.mktemp("corpus"))
