"""``nhsoa no-data``: data files are blocked unless the project allows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa.guards.nodata import data_kind
from nhsoa.main import main


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("extract.csv", ".csv"),
        ("Extract.CSV", ".csv"),
        ("book.xlsx", ".xlsx"),
        ("old.xls", ".xls"),
        ("table.parquet", ".parquet"),
        ("survey.sav", ".sav"),
        ("stata.dta", ".dta"),
        ("model.rds", ".rds"),
        ("frame.feather", ".feather"),
        ("store.sqlite", ".sqlite"),
        ("cohort.csv.gz", ".csv.gz"),
        ("cohort.tsv.zip", ".tsv.zip"),
        ("README.md", None),
        ("pipeline.py", None),
        ("archive.zip", None),
        ("config.json", None),
        ("csv", None),
    ],
)
def test_data_kind(name: str, kind: str | None) -> None:
    assert data_kind(Path(name)) == kind


def test_blocks_data_files_outside_the_allow_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nhsoa]\nallow_data = ["src/*/data/synthetic_*.csv", "tests/data/*.parquet"]\n', encoding="utf-8"
    )
    files = [
        "src/pkg/data/synthetic_attendances.csv",
        "tests/data/small.parquet",
        "data/raw/extract.csv",
        "exports/book.xlsx",
        "README.md",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    argv = ["no-data", "--root", str(tmp_path), *[str(tmp_path / name) for name in files]]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "data/raw/extract.csv: .csv data file" in out
    assert "exports/book.xlsx: .xlsx data file" in out
    assert "synthetic_attendances" not in out
    assert "small.parquet" not in out
    assert main([*argv, "--allow", "data/raw/*", "--allow", "exports/*.xlsx"]) == 0


def test_relative_paths_from_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data.csv").write_text("a\n", encoding="utf-8")
    assert main(["no-data", "data.csv"]) == 1
    assert capsys.readouterr().out.startswith("data.csv: .csv data file")
    assert main(["no-data"]) == 0  # nothing staged


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.nhsoa\n", "cannot read it"),
        ('[tool.nhsoa]\nallow_data = "data/*"\n', "must be a list of glob patterns"),
    ],
)
def test_bad_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    assert main(["no-data", "--root", str(tmp_path), str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "pyproject.toml" in err
