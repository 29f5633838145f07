"""The pipeline: attendance records in, a tidy monthly summary out.

Steps: read the records, drop those that cannot be used (and log how many and why), count
attendances and distinct patients per month and department, write one row per month and
department. Every step logs what it did, so a run can be checked from its log alone.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import pandas as pd

LOG = logging.getLogger(__name__)

COLUMNS = ("attendance_id", "nhs_number", "attendance_date", "department", "age_years")
SUMMARY_COLUMNS = ("month", "department", "attendances", "patients")
DEFAULT_OUTPUT = Path("data/processed/monthly_attendances.csv")


class PipelineError(Exception):
    """The input cannot be processed (missing file, missing columns)."""


def example_data() -> Path:
    """The synthetic example records shipped with the package (NHS numbers from the 999 test range)."""
    return Path(str(resources.files(__package__).joinpath("data", "synthetic_attendances.csv")))


def is_valid_nhs_number(value: object) -> bool:
    """True when ``value`` is ten digits whose last digit is the modulus-11 check digit of the first nine."""
    text = str(value).replace(" ", "")
    if len(text) != 10 or not (text.isascii() and text.isdigit()):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(text[9])


def read_attendances(path: Path) -> pd.DataFrame:
    """Read the attendance records as text, so that no NHS number loses a leading zero."""
    if not path.is_file():
        raise PipelineError(f"{path}: no such file")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        raise PipelineError(f"{path}: missing column(s) {', '.join(missing)}")
    LOG.info("read %d records from %s", len(frame), path)
    return frame


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep records with a valid NHS number and a real date; log what was dropped and why."""
    valid_number = frame["nhs_number"].map(is_valid_nhs_number)
    dates = pd.to_datetime(frame["attendance_date"], format="%Y-%m-%d", errors="coerce")
    keep = valid_number & dates.notna()
    if dropped := int((~valid_number).sum()):
        LOG.warning("dropped %d record(s) without a valid NHS number", dropped)
    if dropped := int((valid_number & dates.isna()).sum()):
        LOG.warning("dropped %d record(s) with an invalid attendance date", dropped)
    cleaned = frame.loc[keep].assign(attendance_date=dates[keep])
    LOG.info("kept %d of %d records", len(cleaned), len(frame))
    return cleaned


def summarise(attendances: pd.DataFrame) -> pd.DataFrame:
    """One row per month and department: the number of attendances and of distinct patients."""
    month = attendances["attendance_date"].dt.strftime("%Y-%m")
    summary = (
        attendances.assign(month=month)
        .groupby(["month", "department"], as_index=False)
        .agg(attendances=("attendance_id", "count"), patients=("nhs_number", "nunique"))
        .sort_values(["month", "department"], ignore_index=True)
    )
    return summary.loc[:, list(SUMMARY_COLUMNS)]


def run(source: Path, output: Path) -> pd.DataFrame:
    """Read, clean, summarise and write; return the summary."""
    summary = summarise(clean(read_attendances(source)))
    output.parent.mkdir(parents=True, exist_ok=True)
    summary.to_csv(output, index=False)
    LOG.info("wrote %d summary rows to %s", len(summary), output)
    return summary
