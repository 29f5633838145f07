"""Agreement with rcpchgrowth: random cases, the same cases through rcpchgrowth's ``Measurement``, and the differences.

Used by the correctness tests (a few thousand cases) and the benchmark (100,000 cases).
Cases cover every reference, measurement, sex, gestation from 22 to 44 weeks, and ages
drawn both at random and on purpose at segment boundaries and exact table ages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rcpchgrowth import Measurement

from growth_centiles.frame import Options, calculate
from growth_centiles.lms import lookup
from growth_centiles.references import METHODS, REFERENCES, SEXES, select_segments, tables

_EPOCH = dt.date(2000, 1, 1)
# ages in days where references change segment or stop: 2 weeks, 1, 2, 3, 4, 5 years and 1856 days, 10, 17-20 years
_BOUNDARY_DAYS = (0, 14, 365, 730, 731, 1095, 1096, 1461, 1826, 1856, 1857, 3652, 6209, 6574, 6874, 6940, 7305)

NUMERIC_FIELDS: tuple[str, ...] = (
    "chronological_decimal_age",
    "corrected_decimal_age",
    "corrected_sds",
    "corrected_centile",
    "chronological_sds",
    "chronological_centile",
    "corrected_percentage_median_bmi",
    "chronological_percentage_median_bmi",
)
TEXT_FIELDS: tuple[str, ...] = ("corrected_centile_band", "chronological_centile_band")


def _table_days(rng: np.random.Generator) -> int:
    """A day count that lands on (or one day off) an age in some reference table."""
    reference = REFERENCES[rng.integers(len(REFERENCES))]
    method = METHODS[rng.integers(len(METHODS))]
    candidates = [t for t in tables(reference, method, SEXES[rng.integers(2)]) if t.size]
    if not candidates:
        return int(rng.integers(0, 7306))
    table = candidates[rng.integers(len(candidates))]
    age = table.ages[rng.integers(table.size)]
    return round(age * 365.25) + int(rng.integers(-1, 2))


def random_cases(size: int, seed: int) -> pd.DataFrame:
    """``size`` random measurements with valid inputs, in the canonical columns (dates as ISO text)."""
    rng = np.random.default_rng(seed)
    reference = rng.choice(REFERENCES, size)
    method = rng.choice(METHODS, size)
    sex = rng.choice(SEXES, size)
    blank = rng.random(size) < 0.3
    weeks = np.where(blank, np.nan, rng.integers(22, 45, size))
    days_extra = np.where(blank, np.nan, rng.integers(0, 7, size))
    correction = np.where(blank, 0, 280 - (np.nan_to_num(weeks) * 7 + np.nan_to_num(days_extra)))

    kind = rng.random(size)
    age_days = rng.integers(0, 7400, size)
    boundary = kind < 0.2
    age_days[boundary] = rng.choice(_BOUNDARY_DAYS, boundary.sum()) + rng.integers(-1, 2, boundary.sum())
    on_table = (kind >= 0.2) & (kind < 0.4)
    age_days[on_table] = [_table_days(rng) for _ in range(on_table.sum())]
    # half of the table ages are for the corrected age: shift by the gestation correction
    shift = on_table & (rng.random(size) < 0.5)
    age_days[shift] = age_days[shift] + correction[shift].astype(np.int64)
    age_days = np.clip(age_days, 0, None)

    birth = np.array([_EPOCH + dt.timedelta(days=int(d)) for d in rng.integers(0, 8000, size)])
    observation = np.array([b + dt.timedelta(days=int(d)) for b, d in zip(birth, age_days, strict=False)])
    frame = pd.DataFrame(
        {
            "birth_date": [d.isoformat() for d in birth],
            "observation_date": [d.isoformat() for d in observation],
            "sex": sex,
            "measurement_method": method,
            "observation_value": np.nan,
            "gestation_weeks": weeks,
            "gestation_days": days_extra,
            "reference": reference,
        }
    )
    frame["observation_value"] = _values(frame, age_days, correction, rng)
    return frame


def _values(frame: pd.DataFrame, age_days: np.ndarray, correction: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Plausible values: a random SDS (a few extreme) turned into a measurement at the corrected age."""
    size = len(frame)
    z = rng.normal(0.0, 1.3, size)
    extreme = rng.random(size) < 0.05
    z[extreme] = rng.uniform(-10, 10, extreme.sum())
    values = rng.uniform(1.0, 150.0, size)  # for ages a reference does not cover
    age = (age_days - correction) / 365.25
    for (reference, method, sex), rows in frame.groupby(["reference", "measurement_method", "sex"]).indices.items():
        segment = select_segments(reference, method, sex, age[rows])
        for index, table in enumerate(tables(reference, method, sex)):
            part = rows[segment == index]
            if part.size == 0 or table.size == 0:
                continue
            lms = lookup(table, age[part])
            ok = lms.found
            with np.errstate(all="ignore"):
                value = lms.m * (1 + lms.l * lms.s * z[part]) ** (1 / lms.l)
            value = np.where(ok & np.isfinite(value) & (value > 0), value, lms.m * np.exp(lms.s * z[part]))
            values[part[ok]] = value[ok]
    return np.round(values, 3)


def _number(value: object) -> float:
    if value is None:
        return math.nan
    return float(value)  # type: ignore[arg-type]


def _whole(value: object) -> int:
    # blank gestation is passed to rcpchgrowth as 0, which it reads as "not known: 40 weeks"
    if value is None or (isinstance(value, str) and not value.strip()) or pd.isna(value):
        return 0
    return int(float(value))  # type: ignore[arg-type]


def rcpchgrowth_results(cases: pd.DataFrame) -> pd.DataFrame:
    """The same fields computed one row at a time by rcpchgrowth's ``Measurement`` (NaN/None where it gives none)."""
    rows = []
    has_reference = "reference" in cases.columns
    for case in cases.itertuples(index=False):
        reference = str(case.reference).strip() if has_reference and not pd.isna(case.reference) else ""
        arguments = {
            "birth_date": dt.date.fromisoformat(str(case.birth_date)),
            "observation_date": dt.date.fromisoformat(str(case.observation_date)),
            "measurement_method": case.measurement_method,
            "observation_value": float(case.observation_value),
            "reference": reference or "uk-who",
            "sex": case.sex,
            "gestation_weeks": _whole(case.gestation_weeks),
            "gestation_days": _whole(case.gestation_days),
        }
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                result = Measurement(**arguments).measurement
        except Exception:  # a case rcpchgrowth cannot calculate has no results
            rows.append(dict.fromkeys(NUMERIC_FIELDS, math.nan) | dict.fromkeys(TEXT_FIELDS))
            continue
        dates = result["measurement_dates"]
        values = result["measurement_calculated_values"]
        row = {
            "chronological_decimal_age": _number(dates["chronological_decimal_age"]),
            "corrected_decimal_age": _number(dates["corrected_decimal_age"]),
        }
        for field in NUMERIC_FIELDS[2:]:
            row[field] = _number(values[field])
        for field in TEXT_FIELDS:
            row[field] = values[field]
        rows.append(row)
    return pd.DataFrame(rows, index=cases.index)


@dataclass(frozen=True)
class Agreement:
    cases: int
    max_abs_difference: dict[str, float]
    missing_pattern_mismatches: dict[str, int]
    text_mismatches: dict[str, int]
    mismatched_rows: list[int]

    @property
    def worst(self) -> float:
        return max(self.max_abs_difference.values())

    @property
    def identical_missing(self) -> bool:
        return not any(self.missing_pattern_mismatches.values()) and not any(self.text_mismatches.values())


def compare(cases: pd.DataFrame, ours: pd.DataFrame | None = None, theirs: pd.DataFrame | None = None) -> Agreement:
    """Run both and compare field by field: largest absolute difference and rows where only one has a value."""
    ours = calculate(cases, Options()) if ours is None else ours
    theirs = rcpchgrowth_results(cases) if theirs is None else theirs
    differences: dict[str, float] = {}
    patterns: dict[str, int] = {}
    bad_rows: set[int] = set()
    for field in NUMERIC_FIELDS:
        a = ours[field].to_numpy(dtype=np.float64)
        b = theirs[field].to_numpy(dtype=np.float64)
        only_one = np.isnan(a) != np.isnan(b)
        both = ~np.isnan(a) & ~np.isnan(b)
        # equal infinities (a centile's SDS can be infinite for a wild value) count as no difference
        with np.errstate(invalid="ignore"):
            diff = np.where(a[both] == b[both], 0.0, np.abs(a[both] - b[both]))
        differences[field] = float(diff.max()) if diff.size else 0.0
        patterns[field] = int(only_one.sum())
        bad_rows.update(np.nonzero(only_one)[0].tolist())
        bad_rows.update(np.nonzero(both)[0][diff > 1e-9].tolist())
    texts: dict[str, int] = {}
    for field in TEXT_FIELDS:
        a_text = [None if pd.isna(x) else x for x in ours[field].tolist()]
        b_text = [None if pd.isna(x) else x for x in theirs[field].tolist()]
        wrong = [i for i, (x, y) in enumerate(zip(a_text, b_text, strict=False)) if x != y]
        texts[field] = len(wrong)
        bad_rows.update(wrong)
    return Agreement(len(cases), differences, patterns, texts, sorted(bad_rows))


def chunks(frame: pd.DataFrame, size: int) -> Iterable[pd.DataFrame]:
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]
