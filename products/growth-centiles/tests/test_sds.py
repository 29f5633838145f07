"""The SDS formulas beyond plain LMS: the CDC extended BMI method and the WHO rule beyond +/-3 SDS."""

import numpy as np
import pytest
from scipy.stats import norm

from growth_centiles.lms import Lms
from growth_centiles.references import BMI, CDC, HEIGHT, OFC, UK_WHO, WEIGHT, WHO
from growth_centiles.sds import (
    CDC_P95_SDS,
    cdc_extended_bmi_sds,
    measurement_at,
    sds,
    who_rule_applies,
    who_sds_beyond_three,
    z_score,
)


def _lms(n: int, l: float, m: float, s: float, sigma: float = np.nan) -> Lms:
    return Lms(np.full(n, l), np.full(n, m), np.full(n, s), np.full(n, sigma))


def test_cdc_extended_bmi_is_the_half_normal_formula_above_the_95th_centile() -> None:
    lms = _lms(3, -2.0, 16.0, 0.13, sigma=4.0)
    p95 = float(measurement_at(CDC_P95_SDS, lms)[0])
    bmi = np.array([p95 - 1.0, p95 + 2.0, p95 + 8.0])
    extended, above = cdc_extended_bmi_sds(bmi, lms)
    assert above.tolist() == [False, True, True]
    expected = [norm.ppf((90 + 10 * norm.cdf(excess / 4.0)) / 100) for excess in (2.0, 8.0)]
    assert extended[1:] == pytest.approx(expected, abs=1e-12)
    z = sds(CDC, BMI, bmi, np.full(3, 10.0), lms)
    assert z[0] == z_score(bmi, lms)[0]  # at or below the 95th centile: the LMS z-score
    assert z[1:].tolist() == extended[1:].tolist()


def test_cdc_extended_bmi_meets_the_lms_method_at_the_95th_centile() -> None:
    lms = _lms(2, -2.0, 16.0, 0.13, sigma=4.0)
    p95 = float(measurement_at(CDC_P95_SDS, lms)[0])
    z = sds(CDC, BMI, np.array([p95, p95 + 1e-9]), np.full(2, 10.0), lms)
    assert z[0] == pytest.approx(CDC_P95_SDS, abs=1e-9)  # on the line: LMS
    assert z[1] == pytest.approx(norm.ppf(0.95), abs=1e-6)  # just above: the extended method starts at 95
    assert sds(CDC, WEIGHT, np.array([p95 + 8.0]), np.full(1, 10.0), lms)[0] == z_score(np.array([p95 + 8.0]), lms)[0]


@pytest.mark.parametrize(("method", "expected"), [(WEIGHT, [1, 1, 1, 1]), (BMI, [1, 1, 1, 1]),
                                                  (HEIGHT, [1, 1, 0, 0]), (OFC, [1, 1, 0, 0])])  # fmt: skip
def test_who_rule_applies_to_weight_and_bmi_at_every_age_and_to_the_rest_under_five(
    method: str, expected: list[int]
) -> None:
    ages = np.array([0.0, 4.99, 5.0, 12.0])
    assert who_rule_applies(method, ages).astype(int).tolist() == expected


def test_who_rule_counts_beyond_three_sds_in_units_of_the_two_to_three_sds_distance() -> None:
    lms = _lms(4, -0.5, 20.0, 0.12)
    sd2, sd3 = float(measurement_at(2, lms)[0]), float(measurement_at(3, lms)[0])
    sd2n, sd3n = float(measurement_at(-2, lms)[0]), float(measurement_at(-3, lms)[0])
    value = np.array([sd3 + 0.5 * (sd3 - sd2), sd3n - 0.25 * (sd2n - sd3n), sd2, sd3 + (sd3 - sd2)])
    z = who_sds_beyond_three(value, z_score(value, lms), lms, np.array([True, True, True, False]))
    assert z[:3] == pytest.approx([3.5, -3.25, 2.0], abs=1e-12)
    assert z[3] == z_score(value, lms)[3]  # where the rule does not apply, the LMS z-score stays
    assert z_score(value, lms)[0] < 3.5  # the LMS tail, skewed to the right, compresses high SDS


def test_who_rule_is_used_for_who_only() -> None:
    lms = _lms(1, -0.5, 20.0, 0.12)
    value = measurement_at(4.5, lms)
    ages = np.array([7.0])
    assert sds(WHO, WEIGHT, value, ages, lms)[0] > 4.6
    assert sds(WHO, HEIGHT, value, ages, lms)[0] == pytest.approx(4.5)  # from 5 years: not for height
    assert sds(UK_WHO, WEIGHT, value, ages, lms)[0] == pytest.approx(4.5)
