"""`nhsoa registry add --from` on the corpus of real repositories, held to tests/data/corpus/harvest.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from nhsoa import yamlio
from nhsoa.main import main
from tests.conftest import REPO, git
from tests.corpus import Checkouts, bundles

RECORDS: dict[str, Any] = yamlio.load_file(REPO / "tests" / "data" / "corpus" / "harvest.yaml").data
TODAY = "2026-11-25"


def published_clone(corpus: Checkouts, name: str, into: Path) -> Path:
    """A clone of the bundle whose origin is the repository's public address, as a clone from the code host is."""
    target = into / name
    git(into, "clone", "-q", str(corpus(name)), str(target))
    git(target, "remote", "set-url", "origin", bundles()[name].repository)
    return target


def empty_registry(into: Path) -> Path:
    """A registry with the real reference lists (organisations and their code hosts) and no entries."""
    root = into / "registry"
    (root / "tools").mkdir(parents=True)
    for name in ("taxonomy.yaml", "organisations.yaml"):
        shutil.copy(REPO / "registry" / name, root / name)
    return root


def shipped_registry(into: Path) -> Path:
    root = into / "registry"
    shutil.copytree(REPO / "registry", root)
    return root


def add(clone: Path, root: Path, *extra: str) -> int:
    return main(["registry", "add", "--from", str(clone), "--registry", str(root), "--today", TODAY, *extra])


def test_every_corpus_repository_has_a_record() -> None:
    assert set(RECORDS) == set(bundles()) or not bundles()


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_registry_add_asks_for_at_most_the_owner_type_and_the_phase(
    corpus: Checkouts, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = RECORDS[name]
    clone = published_clone(corpus, name, tmp_path)
    root = empty_registry(tmp_path)
    supplied = record["supplied"]
    if supplied:
        assert add(clone, root) == 1
        missing = re.search(r"does not give ([^;]+);", capsys.readouterr().err)
        assert missing is not None
        assert set(missing.group(1).split(", ")) == set(supplied)
        assert not any((root / "tools").iterdir())
    sets = [arg for key, value in supplied.items() for arg in ("--set", f"{key}={value}")]
    assert add(clone, root, *sets) == 0
    out = capsys.readouterr().out
    path = root / "tools" / f"{record['draft']['id']}.yaml"
    assert main(["validate", str(path), "--today", TODAY]) == 0
    written = yamlio.load_file(path).data
    assert written["last_verified_commit"] == bundles()[name].commit  # the evidence, from the same checkout
    for key, want in record["draft"].items():
        got = written.get(key)
        if key == "maintainers":
            got = [m["name"] for m in got or []]
        assert got == want, key
    provenance = dict(re.findall(r"^  (\S+)\s+<- (.*)$", out, re.MULTILINE))
    for key, want in record["source"].items():
        assert provenance[key].startswith(want), (key, provenance[key])
    assert sorted(re.findall(r"^conflict: ([\w.]+):", out, re.MULTILINE)) == sorted(record["conflicts"])


def test_the_same_repository_is_never_added_twice(
    corpus: Checkouts, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """personMatchR is in the shipped registry: adding it again points to sync and writes nothing."""
    clone = published_clone(corpus, "nhsbsa-data-analytics__personMatchR", tmp_path)
    root = shipped_registry(tmp_path)
    before = {p.name: p.read_bytes() for p in (root / "tools").iterdir()}
    assert add(clone, root, "--set", "phase=live") == 1
    err = capsys.readouterr().err
    assert "is already in the registry as 'personmatchr'" in err
    assert "nhsoa registry sync personmatchr" in err
    assert add(clone, root, "--set", "phase=live", "--id", "person-match-r", "--force") == 1
    assert "already in the registry as 'personmatchr'" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (root / "tools").iterdir()} == before


def test_a_default_id_that_is_another_tools_id_is_not_taken(
    corpus: Checkouts, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """py-phsopendata's package is `phsopendata`, the id of the R package from another repository."""
    clone = published_clone(corpus, "Public-Health-Scotland__py-phsopendata", tmp_path)
    root = shipped_registry(tmp_path)
    r_package = (root / "tools" / "phsopendata.yaml").read_bytes()
    sets = ["--set", "owner.type=public-health-agency", "--set", "phase=alpha"]
    assert add(clone, root, *sets, "--id", "phsopendata") == 1
    assert "the id 'phsopendata' belongs to another tool" in capsys.readouterr().err
    assert add(clone, root, *sets, "--id", "phsopendata", "--force") == 1
    assert (root / "tools" / "phsopendata.yaml").read_bytes() == r_package
    assert add(clone, root, *sets) == 0
    assert "id: 'phsopendata' belongs to another tool (phsopendata.yaml); using 'py-phsopendata'" in (
        capsys.readouterr().out
    )
    assert (root / "tools" / "phsopendata.yaml").read_bytes() == r_package
    written = yamlio.load_file(root / "tools" / "py-phsopendata.yaml").data
    assert written["repository"] == "https://github.com/Public-Health-Scotland/py-phsopendata"
