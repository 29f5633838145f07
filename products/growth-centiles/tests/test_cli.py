import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from growth_centiles import OUTPUT_COLUMNS, agreement
from growth_centiles.cli import main

DATA = Path(__file__).parent / "data"
MAP = [
    "--column", "birth_date=dob", "--column", "observation_date=seen", "--column", "measurement_method=method",
    "--column", "observation_value=value",
]  # fmt: skip


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """The hand-written rows, renamed as an analyst's extract might name them, plus one truncated line."""
    frame = pd.read_csv(DATA / "rows.csv", dtype=str, keep_default_na=False)
    frame = frame.rename(
        columns={
            "birth_date": "dob",
            "observation_date": "seen",
            "measurement_method": "method",
            "observation_value": "value",
        }
    )
    path = tmp_path / "messy.csv"
    frame.to_csv(path, index=False)
    with path.open("a") as handle:
        handle.write("truncated,2015-01-01,2020-12-28\n")
    return path


def test_calculate_csv_to_csv_with_mapped_columns(
    messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    assert main(["calculate", str(messy), "-o", str(out), *MAP]) == 0
    result = pd.read_csv(out, dtype=str, keep_default_na=False)
    source = pd.read_csv(messy, dtype=str, keep_default_na=False).iloc[:-1]  # without the truncated line
    assert list(result.columns) == [*source.columns, *OUTPUT_COLUMNS]
    assert result["error"].tolist() == result["expected_error"].tolist()
    assert result["dob"].tolist() == source["dob"].tolist()  # input text passes through unchanged
    printed = capsys.readouterr().out
    assert f"{len(source)} rows" in printed
    assert "1 malformed CSV lines skipped" in printed
    assert "invalid_gestation" in printed


def test_parquet_output_and_input(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    assert main(["calculate", str(messy), "-o", str(out), *MAP, "--quiet"]) == 0
    table = pq.read_table(out).to_pandas()
    assert table["error"].astype(object).fillna("").tolist() == table["expected_error"].tolist()
    again = tmp_path / "again.csv"
    renamed = table.drop(columns=list(OUTPUT_COLUMNS))
    renamed.to_parquet(tmp_path / "in.parquet")
    assert main(["calculate", str(tmp_path / "in.parquet"), "-o", str(again), *MAP, "--quiet"]) == 0
    assert pd.read_csv(again)["corrected_sds"].equals(pd.read_csv(again)["corrected_sds"])


def test_chunked_reading_gives_the_same_output(tmp_path: Path) -> None:
    cases = agreement.random_cases(30000, seed=5)
    source = tmp_path / "cases.csv"
    cases.to_csv(source, index=False)
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    assert main(["calculate", str(source), "-o", str(whole), "--quiet"]) == 0
    assert main(["calculate", str(source), "-o", str(chunked), "--chunk-mb", "1", "--quiet"]) == 0
    assert whole.read_bytes() == chunked.read_bytes()


def test_missing_column_stops_before_writing(messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    out.write_text("precious\n")
    assert main(["calculate", str(messy), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no column 'birth_date' for birth_date" in err
    assert "--column birth_date=NAME" in err
    assert "Traceback" not in err
    assert out.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.csv", "out.csv"]  # no partial file left


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--column", "dob"], "write it as FIELD=COLUMN", 2),
        (["--column", "date_of_birth=dob"], "unknown field 'date_of_birth'", 2),
        (["--chunk-mb", "0"], "at least 1", 2),
    ],
)
def test_usage_problems(
    messy: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str, code: int
) -> None:
    assert main(["calculate", str(messy), "-o", str(messy.with_name("o.csv")), *args]) == code
    assert message in capsys.readouterr().err


def test_file_problems(tmp_path: Path, messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calculate", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "o.csv")]) == 1
    assert "absent.csv: no such file" in capsys.readouterr().err
    assert main(["calculate", str(messy), "-o", str(tmp_path / "o.xlsx"), *MAP]) == 1
    assert "unknown file type" in capsys.readouterr().err
    assert main(["calculate", str(messy), "-o", str(tmp_path), *MAP]) == 1
    assert "unknown file type" in capsys.readouterr().err or "folder" in capsys.readouterr().err
    assert main(["calculate", str(messy), "-o", str(tmp_path / "nowhere" / "o.csv"), *MAP]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["calculate", str(messy), "-o", str(messy), *MAP]) == 2
    assert "overwrite the input" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert main(["calculate", str(empty), "-o", str(tmp_path / "o.csv")]) == 1
    assert "no header row" in capsys.readouterr().err
    repeated = tmp_path / "repeated.csv"
    repeated.write_text("a,a\n1,2\n")
    assert main(["calculate", str(repeated), "-o", str(tmp_path / "o.csv")]) == 1
    assert "repeated column name(s): a" in capsys.readouterr().err


def test_result_columns_in_the_input_are_not_overwritten(messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = messy.with_name("first.csv")
    assert main(["calculate", str(messy), "-o", str(first), *MAP, "--quiet"]) == 0
    assert main(["calculate", str(first), "-o", str(messy.with_name("second.csv")), *MAP]) == 1
    assert "would be overwritten" in capsys.readouterr().err


def test_header_only_file_gives_header_only_output(tmp_path: Path) -> None:
    source = tmp_path / "header.csv"
    source.write_text("birth_date,observation_date,sex,measurement_method,observation_value\n")
    out = tmp_path / "out.csv"
    assert main(["calculate", str(source), "-o", str(out), "--quiet"]) == 0
    assert list(pd.read_csv(out).columns)[-1] == "error"


def test_non_utf8_bytes_and_bom_do_not_stop_the_run(tmp_path: Path) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes(
        b"\xef\xbb\xbfbirth_date,observation_date,sex,measurement_method,observation_value,name\n"
        b"2015-01-01,2020-12-28,male,height,110,Ren\xe9e\n"
        b"2015-01-01,2020-12-28,female,height,110,ok\n"
    )
    out = tmp_path / "out.csv"
    assert main(["calculate", str(source), "-o", str(out), "--quiet"]) == 0
    result = pd.read_csv(out)
    assert result["corrected_sds"].notna().all()
    assert result["name"].tolist()[1] == "ok"


def test_gzip_input(tmp_path: Path) -> None:
    cases = agreement.random_cases(50, seed=8)
    cases.to_csv(tmp_path / "cases.csv.gz", index=False)
    assert main(["calculate", str(tmp_path / "cases.csv.gz"), "-o", str(tmp_path / "o.csv"), "--quiet"]) == 0
    assert len(pd.read_csv(tmp_path / "o.csv")) == 50


def test_codes_command_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes"]) == 0
    printed = capsys.readouterr().out
    assert "implausible_sds" in printed
    assert "invalid_date" in printed


def test_installed_command_runs(messy: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(sys.executable).parent / "growth-centiles"
    if not script.exists():
        script = Path(shutil.which("growth-centiles") or "growth-centiles")
    out = tmp_path / "o.csv"
    command = [str(script), "calculate", str(messy), "-o", str(out), *MAP]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.exists()
