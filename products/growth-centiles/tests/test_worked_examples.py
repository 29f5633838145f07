"""The two worked examples the CDC publishes for BMI-for-age, computed through the engine.

Source: Centers for Disease Control and Prevention, National Center for Health Statistics.
Data file for the Extended CDC BMI-for-age Growth Charts for Children and Adolescents,
"Calculate the Z-score and Corresponding Percentile for a Given BMI".
https://www.cdc.gov/growthcharts/extended-bmi-data-files.htm

The page gives each child's age in months at the midpoint of a month, as its table does, so the
engine is given that exact age (no dates, whose whole days would fall between table rows), and
each result is compared at the precision the page prints it. docs/worked-examples.md works the
same two examples by hand.
"""

import numpy as np
import pytest

from growth_centiles.engine import DAYS_PER_YEAR, Parsed, Results, compute
from growth_centiles.lms import lookup
from growth_centiles.references import BMI, CDC, METHODS, REFERENCES, SEXES, select_segments, tables
from growth_centiles.sds import CDC_P95_SDS, measurement_at


def _cdc_bmi(sex: str, age_months: float, bmi: float) -> Results:
    """The engine's results for one CDC BMI measurement of a term baby at an exact age."""
    return compute(
        Parsed(
            days=np.array([age_months / 12 * DAYS_PER_YEAR]),
            gestation_weeks=np.array([40.0]),
            gestation_days=np.array([0.0]),
            sex=np.array([SEXES.index(sex)]),
            method=np.array([METHODS.index(BMI)]),
            reference=np.array([REFERENCES.index(CDC)]),
            value=np.array([bmi]),
            problem=np.array([-1]),
        )
    )


def _published_row(sex: str, age_months: float) -> tuple[float, float, float, float, float]:
    """L, M, S, sigma and the 95th centile the engine reads from rcpchgrowth's CDC table at that age."""
    age = np.array([age_months / 12])
    segment = int(select_segments(CDC, BMI, sex, age)[0])
    lms = lookup(tables(CDC, BMI, sex)[segment], age)
    p95 = measurement_at(CDC_P95_SDS, lms)
    return float(lms.l[0]), float(lms.m[0]), float(lms.s[0]), float(lms.sigma[0]), float(p95[0])


def test_girl_of_9_years_6_months_with_bmi_21_2_below_the_95th_centile() -> None:
    # "A girl aged 9 years and 6 months (114.5 months) with BMI = 21.2 ... P95 is 22.3979 ...
    #  L = -2.257782149, M = 16.57626713, and S = 0.132796819": BMIzscore 1.4215, percentile 92.2
    l, m, s, _, p95 = _published_row("female", 114.5)
    assert (l, m, s) == (-2.257782149, 16.57626713, 0.132796819)
    assert 21.2 < p95 == pytest.approx(22.3979, abs=0.001)  # below the 95th centile: the LMS formula

    results = _cdc_bmi("female", 114.5, 21.2)
    assert results.code.tolist() == [-1]
    assert round(float(results.corrected_sds[0]), 4) == 1.4215
    assert round(float(results.corrected_centile[0]), 1) == 92.2
    assert results.chronological_sds[0] == results.corrected_sds[0]  # born at term: one age


def test_boy_of_4_years_2_months_with_bmi_22_6_above_the_95th_centile() -> None:
    # "A boy aged 4 years and 2 months (50.5 months) with BMI = 22.6 ... P95 is 17.8219 ...
    #  sigma = 2.3983": BMIpercentile 90 + 10 Phi((22.6 - 17.8219) / 2.3983) = 99.7683, BMIzscore 2.83
    l, m, s, sigma, p95 = _published_row("male", 50.5)
    assert round(sigma, 4) == 2.3983
    # rcpchgrowth puts the 95th centile at z = 1.645 where the CDC uses 1.6449: 0.0002 kg/m2 apart
    assert p95 == pytest.approx(17.8219, abs=0.0005)

    results = _cdc_bmi("male", 50.5, 22.6)
    assert results.code.tolist() == [-1]
    assert round(float(results.corrected_centile[0]), 4) == 99.7683
    assert round(float(results.corrected_sds[0]), 2) == 2.83
    # the LMS formula alone would give 3.72 here: the extended method was used instead
    assert round(((22.6 / m) ** l - 1) / (l * s), 2) == 3.72
