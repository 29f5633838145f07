"""Agreement with the pinned rcpchgrowth, case by case (its Measurement class is the reference implementation)."""

import itertools

import numpy as np
import pandas as pd

from growth_centiles import agreement
from growth_centiles.references import METHODS, REFERENCES, SEXES

TOLERANCE = 1e-9


def _assert_agrees(result: agreement.Agreement) -> None:
    assert result.identical_missing, (result.missing_pattern_mismatches, result.text_mismatches)
    assert result.worst <= TOLERANCE, result.max_abs_difference
    assert not result.mismatched_rows


def test_random_cases_agree_with_rcpchgrowth() -> None:
    _assert_agrees(agreement.compare(agreement.random_cases(2500, seed=20240601)))


def test_segment_boundaries_agree_with_rcpchgrowth() -> None:
    """Every reference, measurement and sex at each boundary day, the day before and the day after."""
    rng = np.random.default_rng(7)
    gestations = [(np.nan, np.nan), (24.0, 0.0), (33.0, 4.0), (38.0, 0.0), (43.0, 2.0)]
    rows = []
    grid = itertools.product(agreement._BOUNDARY_DAYS, (-1, 0, 1), REFERENCES, METHODS, SEXES)
    for days, offset, reference, method, sex in grid:
        weeks, extra = gestations[rng.integers(len(gestations))]
        correction = 0 if np.isnan(weeks) else int(280 - (weeks * 7 + extra))
        # half on the chronological boundary, half on the corrected one
        age_days = max(days + offset + (correction if rng.random() < 0.5 else 0), 0)
        observation = pd.Timestamp("2010-03-01") + pd.Timedelta(days=age_days)
        rows.append(("2010-03-01", observation.date().isoformat(), sex, method, reference, weeks, extra))
    cases = pd.DataFrame(
        rows,
        columns=[
            "birth_date",
            "observation_date",
            "sex",
            "measurement_method",
            "reference",
            "gestation_weeks",
            "gestation_days",
        ],
    )
    cases["observation_value"] = agreement._values(
        cases,
        (pd.to_datetime(cases["observation_date"]) - pd.to_datetime(cases["birth_date"])).dt.days.to_numpy(),
        np.where(cases["gestation_weeks"].isna(), 0, 280 - (cases["gestation_weeks"] * 7 + cases["gestation_days"])),
        rng,
    )
    _assert_agrees(agreement.compare(cases))


def test_a_wrong_result_would_be_caught() -> None:
    cases = agreement.random_cases(200, seed=3)
    ours = agreement.calculate(cases)
    theirs = agreement.rcpchgrowth_results(cases)
    row = int(np.flatnonzero(ours["corrected_sds"].notna())[0])
    ours.loc[ours.index[row], "corrected_sds"] += 1e-6
    result = agreement.compare(cases, ours, theirs)
    assert result.worst >= 1e-6
    assert row in result.mismatched_rows
