"""``nhsoa scan --update-baseline``: known fakes are recorded, hashed, and later scans report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhsoa.guards.baseline import BASELINE_FILE, Baseline, load
from nhsoa.main import main
from tests.conftest import git
from tests.guards.numbers import grouped, issued

NUMBERS = issued(seed=11)
FAKE, OTHER, NEW = NUMBERS["england-wales-4"], NUMBERS["northern-ireland"], NUMBERS["scotland-chi-mod11"]


@pytest.fixture
def repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fixtures.py").write_text(f"PATIENTS = ['{FAKE}', '{OTHER}']\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# A package about NHS numbers\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_known_fakes_pass_and_new_numbers_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "."]) == 1
    assert main(["scan", "--update-baseline"]) == 0
    assert "2 known finding(s) in 1 file(s)" in capsys.readouterr().err
    assert main(["scan", "."]) == 0
    assert "2 known fake(s) in" in capsys.readouterr().err
    (repo / "tests" / "fixtures.py").write_text(f"# moved\nPATIENTS = ['{OTHER}', '{FAKE}']\n", encoding="utf-8")
    assert main(["scan", "."]) == 0  # a known number that moves within its file is still known
    (repo / "README.md").write_text(f"Example: {FAKE}\n", encoding="utf-8")
    assert main(["scan", "."]) == 1  # the same number in another file is new
    assert "README.md:1:10:" in capsys.readouterr().out
    (repo / "tests" / "fixtures.py").write_text(f"PATIENTS = ['{FAKE}', '{NEW}']\n", encoding="utf-8")
    assert main(["scan", "tests/fixtures.py"]) == 1  # pre-commit names files: the baseline still applies
    out = capsys.readouterr().out
    assert "fixtures.py:1:28: CHI number (Scotland)" in out
    assert "fixtures.py:1:13:" not in out


def test_the_baseline_holds_no_number(repo: Path) -> None:
    assert main(["scan", "--update-baseline", "."]) == 0
    text = (repo / BASELINE_FILE).read_text(encoding="utf-8")
    for number in (FAKE, OTHER):
        assert number not in text
        assert grouped(number, " ") not in text
    document = json.loads(text)
    assert list(document["results"]) == ["tests/fixtures.py"]
    assert document["hash"]["name"] == "scrypt"
    again = Baseline()  # another baseline draws another key: the same finding hashes differently
    assert again.fingerprint("tests/fixtures.py", FAKE) not in document["results"]["tests/fixtures.py"]
    assert load(repo / BASELINE_FILE).knows("tests/fixtures.py", FAKE)


def test_updating_keeps_the_key_and_forgets_what_is_gone(repo: Path) -> None:
    assert main(["scan", "--update-baseline"]) == 0
    first = json.loads((repo / BASELINE_FILE).read_text(encoding="utf-8"))
    (repo / "notes.md").write_text(f"{NEW}\n", encoding="utf-8")
    assert main(["scan", "--update-baseline", "notes.md"]) == 0  # only notes.md scanned: the rest is kept
    second = json.loads((repo / BASELINE_FILE).read_text(encoding="utf-8"))
    assert second["hash"]["salt"] == first["hash"]["salt"]
    assert second["results"]["tests/fixtures.py"] == first["results"]["tests/fixtures.py"]
    assert set(second["results"]) == {"tests/fixtures.py", "notes.md"}
    (repo / "notes.md").unlink()
    assert main(["scan", "--update-baseline", "tests"]) == 0
    assert set(json.loads((repo / BASELINE_FILE).read_text(encoding="utf-8"))["results"]) == {"tests/fixtures.py"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 9}', "expected a JSON object with version 1"),
        ('{"version": 1, "hash": {"name": "md5"}}', "its hash must be"),
    ],
)
def test_a_broken_baseline_is_a_clear_error(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (repo / BASELINE_FILE).write_text(content, encoding="utf-8")
    assert main(["scan", "."]) == 1
    err = capsys.readouterr().err
    assert f"{BASELINE_FILE}: not a scan baseline ({message}" in err
    assert "Traceback" not in err
    assert main(["scan", "--update-baseline"]) == 1  # never overwritten while it cannot be read
    assert (repo / BASELINE_FILE).read_text(encoding="utf-8") == content


def test_a_named_baseline_must_exist(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--baseline", "nope.json", "."]) == 2
    assert "no such baseline" in capsys.readouterr().err
    assert main(["scan", "--baseline", "known.json", "--update-baseline", "."]) == 0
    assert main(["scan", "--baseline", "known.json", "."]) == 0
