"""The corpus of real repositories that the repository-reading tools are tested on."""

from __future__ import annotations

import subprocess

import pytest

from tests.corpus import Checkouts, bundles


@pytest.mark.parametrize("name", sorted(bundles()) or ["(no corpus)"])
def test_each_bundle_clones_at_its_recorded_commit(corpus: Checkouts, name: str) -> None:
    checkout = corpus(name)
    head = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    assert head.stdout.strip() == bundles()[name].commit
