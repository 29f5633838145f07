"""Recording and re-checking an entry's evidence, against git repositories made here and a local index.

No test touches the network: repositories are cloned from file:// addresses and the package
indexes are a local HTTP server (tests/interop/index_server.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nhsoa import yamlio
from nhsoa.interop.indexes import OFFLINE, IndexClient, Indexes
from nhsoa.interop.reverify import harvest_verified
from nhsoa.main import main
from tests.conftest import git
from tests.interop.index_server import IndexServer, serving

BADGE = "[![Project Status: Active](https://www.repostatus.org/badges/latest/active.svg)](https://www.repostatus.org/#active)"
DEPRECATED = "[![Lifecycle: deprecated](https://img.shields.io/badge/lifecycle-deprecated-orange.svg)](x)"


@pytest.fixture
def index_server() -> Iterator[IndexServer]:
    with serving() as server:
        yield server


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def make_r_package(folder: Path) -> Path:
    """An R package repository like runcharter: DESCRIPTION, NAMESPACE, one function, a badge, a tag."""
    folder.mkdir(parents=True)
    _write(
        folder,
        {
            "DESCRIPTION": "Package: runcharter\nTitle: Run charts at scale\nVersion: 0.2.0\n"
            "License: GPL (>= 3)\nURL: https://github.com/example/runcharter\n",
            "NAMESPACE": "export(rebase_medians)\n",
            "R/runcharter.R": "rebase_medians <- function(df) {\n  # after each sustained run\n  df\n}\n",
            "README.md": f"# runcharter\n\n{BADGE}\n\nCall `rebase_medians()` on your data.\n",
        },
    )
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "first release")
    git(folder, "tag", "v0.2.0")
    return folder


def _indexes(server: IndexServer) -> Indexes:
    return Indexes(pypi=server.url, cran=f"{server.url}/cran", npm=None, r_universe=None)


def test_evidence_from_a_clone_and_the_index(tmp_path: Path, git_env: None, index_server: IndexServer) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    _, verified = harvest_verified(f"file://{repo}", IndexClient(_indexes(index_server)))
    assert verified.commit == git(repo, "rev-parse", "HEAD").strip()
    assert verified.install == {"cran": "runcharter"}
    assert verified.verification == {
        "licence": {"expression": "GPL-3.0-or-later", "source": "DESCRIPTION: License"},
        "install": [
            {
                "channel": "cran",
                "package": "runcharter",
                "source": f"{index_server.url}/cran/web/packages/runcharter/index.html",
            }
        ],
        "phase": {
            "badges": [{"scheme": "repostatus", "status": "active", "source": "README.md"}],
            "latest_release": {
                "version": "0.2.0",
                "source": f"{index_server.url}/cran/web/packages/runcharter/index.html",
            },
        },
        "languages": [{"language": "R", "lines": 3}],
    }
    assert "rebase_medians" in verified.defined


def test_without_an_index_the_newest_tag_is_the_release_and_channels_are_unchecked(
    tmp_path: Path, git_env: None
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    _, verified = harvest_verified(f"file://{repo}", IndexClient(OFFLINE))
    assert verified.verification["phase"]["latest_release"] == {
        "version": "v0.2.0",
        "date": "2025-06-01",
        "source": "tag v0.2.0",
    }
    assert "install" not in verified.verification
    assert verified.notes == ["cran: CRAN not asked"]


def test_a_package_no_index_has_is_installed_from_the_repository(
    tmp_path: Path, git_env: None, index_server: IndexServer
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"other": "1.0"})
    _, verified = harvest_verified(str(repo), IndexClient(_indexes(index_server)))
    assert verified.verification["install"] == [
        {"channel": "repository", "package": "runcharter", "source": "DESCRIPTION"}
    ]
    assert verified.refuted == {"cran"}


def _add(repo: Path, registry: Path, server: IndexServer) -> Path:
    args = [
        "registry", "add", "--from", f"file://{repo}", "--registry", str(registry), "--today", "2025-07-01",
        "--cran-url", f"{server.url}/cran",
        "--set", "repository=https://github.com/example/runcharter",
        "--set", "owner.name=Example Trust", "--set", "owner.type=nhs-trust", "--set", "phase=live",
        "--set", "topics=[spc]", "--set", "contact=https://github.com/example/runcharter/issues",
        "--set", "maintainers=[{name: Example Team}]",
        "--set", "description=Draws run charts and rebases them with `rebase_medians()`.",
    ]  # fmt: skip
    assert main(args) == 0
    return registry / "tools" / "runcharter.yaml"


def test_registry_add_records_the_evidence(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer
) -> None:
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    entry = yamlio.load_file(_add(make_r_package(tmp_path / "runcharter"), registry, index_server)).data
    assert entry["install"] == {"cran": "runcharter"}
    assert entry["last_verified_commit"] == git(tmp_path / "runcharter", "rev-parse", "HEAD").strip()
    assert entry["verification"]["phase"]["badges"][0]["status"] == "active"
    assert main(["validate", str(registry / "tools" / "runcharter.yaml"), "--today", "2025-07-01"]) == 0


def _check(registry: Path, repo: Path, server: IndexServer) -> list[str]:
    return [
        "registry", "sync", "runcharter", "--check", "--from", f"file://{repo}",
        "--registry", str(registry), "--cran-url", f"{server.url}/cran",
    ]  # fmt: skip


def test_sync_check_is_quiet_while_nothing_that_matters_changed(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    _add(repo, registry, index_server)
    _write(repo, {"R/runcharter.R": "rebase_medians <- function(df) {\n  # faster now\n  df\n}\n"})
    git(repo, "commit", "-qam", "refactor")
    capsys.readouterr()
    assert main(_check(registry, repo, index_server)) == 0
    out = capsys.readouterr().out
    assert "runcharter.yaml: unchanged in the facts that matter" in out
    assert out.rstrip().endswith("0 of 1 entry changed since verified")


def test_sync_check_reports_each_fact_that_changed_and_fails(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    entry_path = _add(repo, registry, index_server)
    before = entry_path.read_text(encoding="utf-8")
    _write(
        repo,
        {
            "DESCRIPTION": "Package: runcharter\nTitle: Run charts\nVersion: 0.3.0\nLicense: MIT\n",
            "NAMESPACE": "export(run_chart)\n",
            "R/runcharter.R": "run_chart <- function(df) df\n",
            "README.md": f"# runcharter\n\n{DEPRECATED}\n\nThis package is no longer maintained.\n",
            "sql/extract.sql": "SELECT a\nFROM b\nWHERE c\nAND d\nAND e\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "rewrite")
    index_server.cran_like("/cran", {"other": "1.0"})  # CRAN archived it
    capsys.readouterr()
    assert main(_check(registry, repo, index_server)) == 1
    out = capsys.readouterr().out
    for expected in (
        "licence: the repository now declares MIT, recorded: GPL-3.0-or-later",
        "install: cran no longer has runcharter",
        "install: runcharter is now installed from repository",
        "phase: status badges changed from repostatus:active to lifecycle:deprecated",
        "phase: the README now says: 'This package is no longer maintained'",
        "languages: main languages changed from R to R, SQL",
        "readme: neither the README nor the code mentions `rebase_medians()`",
    ):
        assert expected in out
    assert out.rstrip().endswith("1 of 1 entry changed since verified")
    assert entry_path.read_text(encoding="utf-8") == before  # --check writes nothing


def test_sync_records_the_new_evidence_and_review_then_flags_the_phase(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    entry_path = _add(repo, registry, index_server)
    _write(repo, {"README.md": f"# runcharter\n\n{DEPRECATED}\n\n`rebase_medians()`\n"})
    git(repo, "commit", "-qam", "deprecate")
    index_server.cran_like("/cran", {})
    args = ["registry", "sync", "runcharter", "--from", f"file://{repo}", "--registry", str(registry), "--yes"]
    assert main([*args, "--cran-url", f"{index_server.url}/cran", "--today", "2025-07-02"]) == 0
    entry = yamlio.load_file(entry_path).data
    assert "install" not in entry or "cran" not in entry["install"]
    assert entry["verification"]["install"][0]["channel"] == "repository"
    assert entry["last_verified_commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert entry["last_verified"] == "2025-07-02"
    capsys.readouterr()
    assert main(["validate", str(entry_path), "--today", "2025-07-02"]) == 0
    assert "OA054 warning: phase: 'live', but the README's lifecycle badge says deprecated" in capsys.readouterr().out


def test_links_can_include_the_repository_check(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    entry_path = _add(repo, registry, index_server)
    # The weekly job clones the address the entry names; here that is the local repository.
    text = entry_path.read_text(encoding="utf-8").replace("https://github.com/example/runcharter\n", f"file://{repo}\n")
    entry_path.write_text(text, encoding="utf-8")
    _write(repo, {"DESCRIPTION": "Package: runcharter\nTitle: Run charts\nVersion: 0.2.1\nLicense: MIT\n"})
    git(repo, "commit", "-qam", "relicense")
    capsys.readouterr()
    args = ["links", "--registry", str(registry), "--check-repositories", "--cran-url", f"{index_server.url}/cran"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "runcharter.yaml: licence: the repository now declares MIT" in out
    assert main([*args[:3], "--format", "markdown"]) == 0  # without the option the report is links only


def test_sync_refuses_a_copy_of_another_repository(
    tmp_path: Path, registry: Path, git_env: None, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder given with --from must be a copy of the entry's repository, or nothing it says is true of it."""
    repo = make_r_package(tmp_path / "runcharter")
    index_server.cran_like("/cran", {"runcharter": "0.2.0"})
    entry_path = _add(repo, registry, index_server)
    before = entry_path.read_text(encoding="utf-8")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(repo), str(fork))
    git(fork, "remote", "set-url", "origin", "https://github.com/someone-else/runcharter-copy")
    _write(fork, {"DESCRIPTION": "Package: runcharter\nTitle: Run charts\nVersion: 9.0.0\nLicense: MIT\n"})
    git(fork, "commit", "-qam", "relicensed copy")
    sync = ["registry", "sync", "runcharter", "--from", str(fork), "--registry", str(registry)]
    check = [*sync, "--check", "--cran-url", f"{index_server.url}/cran"]
    capsys.readouterr()
    assert main(check) == 1
    assert main([*sync, "--yes"]) == 1
    out, err = capsys.readouterr()
    expected = "copy of https://github.com/someone-else/runcharter-copy, not of the entry's repository"
    assert expected in out
    assert expected in err
    assert entry_path.read_text(encoding="utf-8") == before
    aliased = before.replace("repository: https://github.com/example/runcharter\n", (
        "repository: https://github.com/example/runcharter\n"
        "repository_aliases:\n  - https://github.com/someone-else/runcharter-copy\n"
    ))  # fmt: skip
    assert aliased != before
    entry_path.write_text(aliased, encoding="utf-8")
    assert main(check) == 1  # a copy it may be: now it reports the licence change
    assert "licence" in capsys.readouterr().out
