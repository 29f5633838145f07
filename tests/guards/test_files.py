"""The guards look at what git would commit, and never inside virtual environments."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa.guards.files import collect, display
from nhsoa.main import main
from tests.conftest import git
from tests.guards.numbers import issued

REAL = issued()["england-wales-6"]

TREE = {
    "tracked.py": f"X = {REAL}\n",
    "docs/untracked.md": f"{REAL}\n",
    "ignored.log": f"{REAL}\n",
    "output/ignored.csv": f"{REAL}\n",
    ".venv/lib/site.py": f"{REAL}\n",
    "venv/lib/site.py": f"{REAL}\n",
    "env3/pyvenv.cfg": "home = /usr/bin\n",
    "env3/lib/site.py": f"{REAL}\n",
    "conda/conda-meta/history": "\n",
    "conda/lib/site.py": f"{REAL}\n",
    "app/node_modules/pkg/index.js": f"{REAL}\n",
    "renv/library/R-4.4/pkg/R/pkg": f"{REAL}\n",
    "renv/activate.R": "# activate\n",
}


def make_tree(root: Path) -> None:
    for name, text in TREE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def names(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in collect([root]).files}


def test_in_git_only_what_git_would_commit(tmp_path: Path, git_env: None) -> None:
    make_tree(tmp_path)
    (tmp_path / ".gitignore").write_text("*.log\noutput/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "tracked.py", ".gitignore")
    git(tmp_path, "commit", "-qm", "start")
    assert names(tmp_path) == {".gitignore", "tracked.py", "docs/untracked.md", "renv/activate.R"}
    assert names(tmp_path / "docs") == {"untracked.md"}  # a folder inside the repository: what git takes from it
    (tmp_path / "tracked.py").unlink()  # a deleted tracked file is not read
    assert "tracked.py" not in names(tmp_path)


def test_outside_git_the_folder_is_walked(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert names(tmp_path) == {
        "tracked.py",
        "docs/untracked.md",
        "ignored.log",
        "output/ignored.csv",
        "renv/activate.R",
    }


def test_scan_of_a_checkout_with_a_virtual_environment(
    tmp_path: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path)
    git(tmp_path, "init", "-q")
    assert main(["scan", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    reported = {line.split(":")[0] for line in out.splitlines()}
    assert reported == {str(tmp_path / name) for name in ("tracked.py", "docs/untracked.md", "ignored.log")} | {
        str(tmp_path / "output/ignored.csv")
    }


def test_named_files_are_checked_as_given(tmp_path: Path, git_env: None) -> None:
    make_tree(tmp_path)
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    assert collect([tmp_path / "ignored.log"]).files == [tmp_path / "ignored.log"]


def test_paths_are_printed_on_one_line() -> None:
    assert display(Path("a\nb\x1b[0m.csv")) == "a\\nb\\x1b[0m.csv"
    assert display(Path("Data/ünïcode file.csv")) == "Data/ünïcode file.csv"
