"""Tests of the pipeline: each step on small hand-made records, then a whole run on the example data."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.__main__ import main
from {{ cookiecutter.package_name }}.pipeline import (
    SUMMARY_COLUMNS,
    PipelineError,
    clean,
    example_data,
    is_valid_nhs_number,
    read_attendances,
    run,
    summarise,
)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9990000018", True),  # test range, check digit 8
        ("999 000 0018", True),
        ("9990000019", False),  # wrong check digit
        ("9990000026", True),
        ("999000001", False),  # nine digits
        ("99900000180", False),  # eleven digits
        ("999000001X", False),
        ("", False),
    ],
)
def test_nhs_number_check_digit(number: str, valid: bool) -> None:
    assert is_valid_nhs_number(number) is valid


def _records(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["attendance_id", "nhs_number", "attendance_date", "department"])
    return frame.assign(age_years="40")


def test_clean_drops_and_logs_unusable_records(caplog: pytest.LogCaptureFixture) -> None:
    frame = _records(
        ("A1", "9990000018", "2025-01-03", "emergency"),
        ("A2", "9990000019", "2025-01-04", "emergency"),  # bad check digit
        ("A3", "9990000026", "2025-02-30", "emergency"),  # no such date
    )
    with caplog.at_level(logging.INFO):
        cleaned = clean(frame)
    assert cleaned["attendance_id"].tolist() == ["A1"]
    assert "dropped 1 record(s) without a valid NHS number" in caplog.text
    assert "dropped 1 record(s) with an invalid attendance date" in caplog.text


def test_summarise_counts_attendances_and_distinct_patients() -> None:
    frame = clean(
        _records(
            ("A1", "9990000018", "2025-01-03", "emergency"),
            ("A2", "9990000018", "2025-01-20", "emergency"),
            ("A3", "9990000026", "2025-01-21", "emergency"),
            ("A4", "9990000026", "2025-02-01", "emergency"),
        )
    )
    summary = summarise(frame)
    assert tuple(summary.columns) == SUMMARY_COLUMNS
    assert summary.to_dict("records") == [
        {"month": "2025-01", "department": "emergency", "attendances": 3, "patients": 2},
        {"month": "2025-02", "department": "emergency", "attendances": 1, "patients": 1},
    ]


def test_read_reports_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text("attendance_id,nhs_number\nA1,9990000018\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="missing column"):
        read_attendances(path)


def test_run_on_the_example_data(tmp_path: Path) -> None:
    output = tmp_path / "out" / "summary.csv"
    summary = run(example_data(), output)
    written = pd.read_csv(output, dtype={"month": str})
    assert written.shape == summary.shape
    assert list(written.columns) == list(SUMMARY_COLUMNS)
    assert written["attendances"].sum() == 237  # 240 records, 3 unusable on purpose
    assert (written["patients"] <= written["attendances"]).all()


def test_command_line(tmp_path: Path) -> None:
    output = tmp_path / "summary.csv"
    log = tmp_path / "run.log"
    assert main(["--output", str(output), "--log-file", str(log), "--quiet"]) == 0
    assert output.is_file()
    assert "wrote" not in log.read_text(encoding="utf-8")  # --quiet logs warnings and errors only
    missing = tmp_path / "missing.csv"
    assert main(["--input", str(missing), "--output", str(output), "--log-file", str(log)]) == 1
    assert f"{missing}: no such file" in log.read_text(encoding="utf-8")
