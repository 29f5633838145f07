"""The pandas entry point: one DataFrame chunk in, one DataFrame of results out.

:func:`calculate` is a pure function of its chunk (no state between chunks), so the same
function serves a whole file, a file read in chunks, and Spark's ``mapInPandas``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from growth_centiles import bands
from growth_centiles.codes import PRIORITY, Code
from growth_centiles.engine import Parsed, Results, compute
from growth_centiles.references import METHODS, REFERENCES, SEXES, FloatArray, IntArray

# input fields, by their canonical column names
BIRTH_DATE = "birth_date"
OBSERVATION_DATE = "observation_date"
SEX = "sex"
METHOD = "measurement_method"
VALUE = "observation_value"
GESTATION_WEEKS = "gestation_weeks"
GESTATION_DAYS = "gestation_days"
REFERENCE = "reference"
REQUIRED_FIELDS: tuple[str, ...] = (BIRTH_DATE, OBSERVATION_DATE, SEX, METHOD, VALUE)
OPTIONAL_FIELDS: tuple[str, ...] = (GESTATION_WEEKS, GESTATION_DAYS, REFERENCE)
FIELDS: tuple[str, ...] = REQUIRED_FIELDS + OPTIONAL_FIELDS

OUTPUT_COLUMNS: tuple[str, ...] = (
    "chronological_decimal_age",
    "corrected_decimal_age",
    "corrected_sds",
    "corrected_centile",
    "corrected_centile_band",
    "chronological_sds",
    "chronological_centile",
    "chronological_centile_band",
    "corrected_percentage_median_bmi",
    "chronological_percentage_median_bmi",
    "bmi_category_population",
    "bmi_category_clinical",
    "error",
)

_SEX_WORDS = {"male": 0, "m": 0, "boy": 0, "1": 0, "female": 1, "f": 1, "girl": 1, "2": 1}
_METHOD_WORDS = {
    "height": 0,
    "length": 0,
    "weight": 1,
    "bmi": 2,
    "body mass index": 2,
    "ofc": 3,
    "head circumference": 3,
    "head_circumference": 3,
    "hc": 3,
}
_REFERENCE_WORDS = {name: index for index, name in enumerate(REFERENCES)} | {
    "ukwho": REFERENCES.index("uk-who"),
    "uk_who": REFERENCES.index("uk-who"),
    "turner": REFERENCES.index("turners-syndrome"),
    "turners": REFERENCES.index("turners-syndrome"),
    "turner-syndrome": REFERENCES.index("turners-syndrome"),
    "trisomy21": REFERENCES.index("trisomy-21"),
    "down-syndrome": REFERENCES.index("trisomy-21"),
}
_MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null", "none"})
assert list(METHODS) == ["height", "weight", "bmi", "ofc"]
assert list(SEXES) == ["male", "female"]

ISO_DATES = "ISO8601"


@dataclass(frozen=True)
class Options:
    """How to read a chunk: the reference for rows without one, and the date format (strftime codes)."""

    reference: str = "uk-who"
    date_format: str = ISO_DATES

    def __post_init__(self) -> None:
        if self.reference not in REFERENCES:
            raise ValueError(f"unknown reference {self.reference!r}: use one of {', '.join(REFERENCES)}")


def _choices(series: pd.Series, words: dict[str, int]) -> IntArray:
    """Codes for a column of words (case and surrounding space ignored), -1 where unknown or missing."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.array([words.get(str(word).strip().lower(), -1) for word in uniques] + [-1], dtype=np.int64)
    result: IntArray = lookup[codes]  # the sentinel -1 picks the trailing -1
    return result


def _missing(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.isna().to_numpy()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    blank = np.array([str(word).strip().lower() in _MISSING_WORDS for word in uniques] + [True], dtype=bool)
    result: np.ndarray = blank[codes]
    return result


def _numbers(series: pd.Series) -> tuple[FloatArray, np.ndarray, np.ndarray]:
    """Values, missing mask, and not-a-number mask (present but not a finite number)."""
    missing = _missing(series)
    if pd.api.types.is_bool_dtype(series.dtype):
        values = np.full(len(series), np.nan)
    elif pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    values = np.where(missing, np.nan, values)
    invalid = ~missing & ~np.isfinite(values)
    values[invalid] = np.nan
    return values, missing, invalid


def _days(series: pd.Series, date_format: str) -> np.ndarray:
    """Days since 1970-01-01 of each date (time of day ignored), NaN where missing or not a date."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        parsed = series
    else:
        text = series if pd.api.types.is_string_dtype(series.dtype) else series.astype("string")
        parsed = pd.to_datetime(text, format=date_format, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    values = parsed.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    days = values.astype(np.int64).astype(np.float64)
    days[np.isnat(values)] = np.nan
    return days


def parse(chunk: pd.DataFrame, options: Options) -> Parsed:
    """Turn a chunk with the canonical column names into arrays and per-row input problems."""
    missing = [field for field in REQUIRED_FIELDS if field not in chunk.columns]
    if missing:
        raise KeyError(f"missing column(s): {', '.join(missing)}")
    n = len(chunk)
    birth = _days(chunk[BIRTH_DATE], options.date_format)
    observation = _days(chunk[OBSERVATION_DATE], options.date_format)
    sex = _choices(chunk[SEX], _SEX_WORDS)
    method = _choices(chunk[METHOD], _METHOD_WORDS)
    if REFERENCE in chunk.columns:
        reference = _choices(chunk[REFERENCE], _REFERENCE_WORDS)
        # rows that leave the reference blank use the default reference
        default = _REFERENCE_WORDS[options.reference]
        reference = np.where(_missing(chunk[REFERENCE]), default, reference)
    else:
        reference = np.full(n, _REFERENCE_WORDS[options.reference], dtype=np.int64)
    value, value_missing, value_invalid = _numbers(chunk[VALUE])
    weeks, days_extra, gestation_bad = _gestation(chunk, n)

    problem = np.full(n, -1, dtype=np.int64)
    checks = (
        (Code.VALUE_NOT_POSITIVE, ~value_missing & ~value_invalid & ~(value > 0)),
        (Code.NON_NUMERIC_VALUE, value_invalid),
        (Code.MISSING_VALUE, value_missing),
        (Code.INVALID_GESTATION, gestation_bad),
        (Code.UNKNOWN_REFERENCE, reference < 0),
        (Code.UNKNOWN_METHOD, method < 0),
        (Code.UNKNOWN_SEX, sex < 0),
        (Code.INVALID_DATE, np.isnan(birth) | np.isnan(observation)),
    )
    # later checks win: they come first in the priority order
    for code, mask in checks:
        problem[mask] = PRIORITY.index(code)
    return Parsed(
        days=observation - birth,
        gestation_weeks=weeks,
        gestation_days=days_extra,
        sex=sex,
        method=method,
        reference=reference,
        value=value,
        problem=problem,
    )


def _gestation(chunk: pd.DataFrame, n: int) -> tuple[FloatArray, FloatArray, np.ndarray]:
    """Gestation weeks and days (40+0 where not given) and a mask of invalid gestations."""
    weeks = np.full(n, 40.0)
    days = np.zeros(n)
    bad = np.zeros(n, dtype=bool)
    weeks_given = np.zeros(n, dtype=bool)
    if GESTATION_WEEKS in chunk.columns:
        values, missing, invalid = _numbers(chunk[GESTATION_WEEKS])
        with np.errstate(invalid="ignore"):
            bad |= invalid | (~missing & ((values < 22) | (values > 44) | (values != np.floor(values))))
        weeks_given = ~missing
        weeks = np.where(weeks_given & ~bad, values, weeks)
    if GESTATION_DAYS in chunk.columns:
        values, missing, invalid = _numbers(chunk[GESTATION_DAYS])
        with np.errstate(invalid="ignore"):
            day_bad = invalid | (~missing & ((values < 0) | (values > 6) | (values != np.floor(values))))
        # days without weeks say nothing certain about gestation
        day_bad |= ~missing & ~weeks_given
        bad |= day_bad
        days = np.where(~missing & ~day_bad, values, 0.0)
    weeks = np.where(bad, 40.0, weeks)
    days = np.where(bad, 0.0, days)
    return weeks, days, bad


def results_frame(results: Results, index: pd.Index) -> pd.DataFrame:
    """The results as a DataFrame, with categorical text columns (cheap to hold and to write)."""
    error_names = [code.value for code in PRIORITY]

    def categorical(codes: IntArray, categories: list[str] | tuple[str, ...]) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=list(categories))

    columns: dict[str, object] = {
        "chronological_decimal_age": results.chronological_age,
        "corrected_decimal_age": results.corrected_age,
        "corrected_sds": results.corrected_sds,
        "corrected_centile": results.corrected_centile,
        "corrected_centile_band": categorical(results.corrected_band, bands.BAND_TEXTS),
        "chronological_sds": results.chronological_sds,
        "chronological_centile": results.chronological_centile,
        "chronological_centile_band": categorical(results.chronological_band, bands.BAND_TEXTS),
        "corrected_percentage_median_bmi": results.corrected_percentage_median_bmi,
        "chronological_percentage_median_bmi": results.chronological_percentage_median_bmi,
        "bmi_category_population": categorical(results.bmi_category_population, bands.BMI_CATEGORIES),
        "bmi_category_clinical": categorical(results.bmi_category_clinical, bands.BMI_CATEGORIES),
        "error": categorical(results.code, error_names),
    }
    return pd.DataFrame(columns, index=index)


def calculate(chunk: pd.DataFrame, options: Options | None = None) -> pd.DataFrame:
    """Results for every row of ``chunk`` (columns named as in :data:`FIELDS`), in :data:`OUTPUT_COLUMNS`.

    Never raises for bad values: each row's problem is named in the ``error`` column.
    Raises KeyError only when a required column is absent.
    """
    options = options or Options()
    return results_frame(compute(parse(chunk, options)), chunk.index)
