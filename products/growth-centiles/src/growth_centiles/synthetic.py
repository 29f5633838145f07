"""Synthetic measurements: no real child is in them, so they can be shipped, charted and benchmarked.

A cohort is made of children followed over several visits: each child keeps a personal
SDS for each measurement (with a little drift and measurement noise) and values are made
from that SDS with the reference's own L, M and S at the child's age. Height, weight and
head circumference SDS are each standard normal across children (variance 1 + 0.15^2 with
the drift); BMI is made from height and weight, so its SDS is not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from growth_centiles.lms import lookup
from growth_centiles.references import METHODS, select_segments, tables

_GARBAGE = {
    "observation_value": ["", "abc", "-4", "0", "1e400", "NaN", "12,5", "<b>9</b>"],
    "birth_date": ["", "2015-02-30", "not a date", "31/12/2015", "javascript:alert(1)"],
    "observation_date": ["", "2020-13-01", "yesterday"],
    "sex": ["", "x", "unknown", "9"],
    "measurement_method": ["", "shoe", "waist"],
    "gestation_weeks": ["50", "-1", "thirty", "32.5"],
}


def measurement_values(
    reference: str, method: np.ndarray, sex: np.ndarray, age: np.ndarray, sds: np.ndarray
) -> np.ndarray:
    """The value at each SDS and age (NaN where the reference has no data), from the LMS tables."""
    values = np.full(age.size, np.nan)
    for m in METHODS:
        for s in ("male", "female"):
            rows = np.flatnonzero((method == m) & (sex == s))
            if rows.size == 0:
                continue
            segment = select_segments(reference, m, s, age[rows])
            for index, table in enumerate(tables(reference, m, s)):
                part = rows[segment == index]
                if part.size and table.size:
                    lms = lookup(table, age[part])
                    with np.errstate(all="ignore"):
                        values[part] = lms.m * (1 + lms.l * lms.s * sds[part]) ** (1 / lms.l)
    return values


def cohort(children: int, visits: int, seed: int, *, max_age_years: float = 18.0) -> pd.DataFrame:
    """Height, weight, BMI (and head circumference under 2 years) for ``children`` followed over ``visits`` visits."""
    rng = np.random.default_rng(seed)
    child = np.repeat(np.arange(children), visits)
    birth = np.datetime64("2005-01-01") + rng.integers(0, 3650, children).astype("timedelta64[D]")
    sex = rng.choice(np.array(["male", "female"]), children)
    preterm = rng.random(children) < 0.08
    weeks = np.where(preterm, rng.integers(24, 37, children), np.where(rng.random(children) < 0.5, 40, 0))
    days = np.where(weeks > 0, rng.integers(0, 7, children), 0)
    start = rng.uniform(0, max_age_years * 365.25 * 0.6, children)
    span = rng.uniform(0.5, 8.0, children) * 365.25
    step = np.sort(rng.random((children, visits)), axis=1).ravel()
    age_days = np.minimum(start[child] + step * span[child], max_age_years * 365.25).astype(np.int64)
    base = rng.normal(0.0, 1.0, (children, 2))
    drift = rng.normal(0.0, 0.15, (children * visits, 2))
    height_sds = base[child, 0] + drift[:, 0]
    weight_sds = 0.6 * base[child, 0] + 0.8 * base[child, 1] + drift[:, 1]
    # head circumference: a personal SDS correlated 0.5 with height's, of variance 0.5^2 + 0.75 = 1,
    # and its own visit-to-visit drift, so its SDS spreads as height's does; drawn last, so the
    # heights and weights a seed gives do not depend on it
    own_ofc = rng.normal(0.0, 1.0, children)
    ofc_sds = 0.5 * base[child, 0] + np.sqrt(0.75) * own_ofc[child] + rng.normal(0.0, 0.15, children * visits)
    correction = np.where(weeks[child] > 0, 280 - (weeks[child] * 7 + days[child]), 0)
    age = (age_days - correction) / 365.25
    frame = pd.DataFrame(
        {
            "child_id": child,
            "birth_date": birth[child],
            "observation_date": birth[child] + age_days.astype("timedelta64[D]"),
            "sex": sex[child],
            "gestation_weeks": np.where(weeks[child] > 0, weeks[child], np.nan),
            "gestation_days": np.where(weeks[child] > 0, days[child], np.nan),
        }
    )
    sexes = sex[child]
    height = measurement_values("uk-who", np.full(age.size, "height"), sexes, age, height_sds)
    weight = measurement_values("uk-who", np.full(age.size, "weight"), sexes, age, weight_sds)
    long = [
        frame.assign(measurement_method="height", observation_value=np.round(height, 1)),
        frame.assign(measurement_method="weight", observation_value=np.round(weight, 2)),
        frame.assign(measurement_method="bmi", observation_value=np.round(weight / (height / 100) ** 2, 2)),
    ]
    infants = age < 2
    ofc = measurement_values("uk-who", np.full(age.size, "ofc"), sexes, age, ofc_sds)
    long.append(frame[infants].assign(measurement_method="ofc", observation_value=np.round(ofc[infants], 1)))
    out = pd.concat(long, ignore_index=True).dropna(subset=["observation_value"])
    return out.sort_values(["child_id", "observation_date", "measurement_method"], ignore_index=True)


def measurements(size: int, seed: int) -> pd.DataFrame:
    """``size`` independent UK-WHO measurements (any of the four methods), dates as ISO text, as an extract might be."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(np.array(["male", "female"]), size)
    method = rng.choice(np.array(METHODS), size, p=[0.3, 0.3, 0.3, 0.1])
    age_days = rng.integers(0, int(18 * 365.25), size)
    age_days = np.where(method == "ofc", age_days % 1400, age_days)
    age_days = np.where(method == "bmi", np.maximum(age_days, 15), age_days)
    preterm = rng.random(size) < 0.08
    weeks = np.where(preterm, rng.integers(24, 37, size), 40)
    days = rng.integers(0, 7, size)
    correction = np.where(preterm, 280 - (weeks * 7 + days), 0)
    age = (age_days - correction) / 365.25
    values = measurement_values("uk-who", method, sex, age, rng.normal(0.0, 1.1, size))
    values = np.where(np.isnan(values), rng.uniform(2, 80, size), values)
    birth = np.datetime64("2004-01-01") + rng.integers(0, 7000, size).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "birth_date": pd.Series(birth).dt.strftime("%Y-%m-%d"),
            "observation_date": pd.Series(birth + age_days.astype("timedelta64[D]")).dt.strftime("%Y-%m-%d"),
            "sex": sex,
            "measurement_method": method,
            "observation_value": np.round(values, 2),
            "gestation_weeks": np.where(preterm, weeks.astype(str), ""),
            "gestation_days": np.where(preterm, days.astype(str), ""),
        }
    )


def spoil(frame: pd.DataFrame, fraction: float, seed: int) -> pd.DataFrame:
    """A copy of text ``frame`` with ``fraction`` of its rows spoiled in one field each (typos, blanks, HTML)."""
    rng = np.random.default_rng(seed)
    out = frame.astype(str).copy()
    spoiled = np.flatnonzero(rng.random(len(out)) < fraction)
    fields = rng.choice(np.array(list(_GARBAGE)), spoiled.size)
    for field, garbage in _GARBAGE.items():
        rows = spoiled[fields == field]
        out.iloc[rows, out.columns.get_loc(field)] = rng.choice(np.array(garbage), rows.size)
    return out


# Rows of the shipped example that are wrong on purpose, to show the error codes at work.
_EXAMPLE_MISTAKES = [
    {"child_id": 900, "birth_date": "2012-03-01", "observation_date": "2011-03-01", "sex": "female"},
    {"child_id": 901, "birth_date": "2012-03-01", "observation_date": "2016-03-01", "sex": "unknown"},
    {"child_id": 902, "birth_date": "2012-03-01", "observation_date": "2016-03-01", "sex": "male", "value": ""},
]


def example(children: int = 40, visits: int = 3, seed: int = 2025) -> pd.DataFrame:
    """The example file shipped with the package: a small cohort as text, and three rows wrong on purpose.

    ``src/growth_centiles/data/synthetic_measurements.csv`` is this frame written as CSV; a test
    keeps the file in step with this function.
    """
    frame = cohort(children, visits, seed)
    text = pd.DataFrame(
        {
            "child_id": frame["child_id"].astype(str),
            "birth_date": frame["birth_date"].dt.strftime("%Y-%m-%d"),
            "observation_date": frame["observation_date"].dt.strftime("%Y-%m-%d"),
            "sex": frame["sex"],
            "gestation_weeks": frame["gestation_weeks"].map(lambda weeks: "" if np.isnan(weeks) else f"{weeks:.0f}"),
            "gestation_days": frame["gestation_days"].map(lambda days: "" if np.isnan(days) else f"{days:.0f}"),
            "measurement_method": frame["measurement_method"],
            "observation_value": frame["observation_value"].map(lambda value: f"{value:g}"),
        }
    )
    mistakes = [
        {
            "child_id": str(row["child_id"]),
            "birth_date": row["birth_date"],
            "observation_date": row["observation_date"],
            "sex": row["sex"],
            "gestation_weeks": "",
            "gestation_days": "",
            "measurement_method": "height",
            "observation_value": row.get("value", "104.2"),
        }
        for row in _EXAMPLE_MISTAKES
    ]
    return pd.concat([text, pd.DataFrame(mistakes)], ignore_index=True)
