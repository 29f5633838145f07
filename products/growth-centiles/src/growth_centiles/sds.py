"""SDS (z-scores), centiles and percentage of median BMI from L, M and S, by rcpchgrowth's rules.

- z = ((X/M)^L - 1) / (L S), or ln(X/M) / S when L = 0.
- CDC BMI above the 95th centile uses the extended method with sigma.
- WHO beyond +/-3 SDS is measured in units of the distance between the 2 and 3 SDS lines
  (weight and BMI from 5 years, every measurement below 5 years).
- centile = 100 * normal CDF(z).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri

from growth_centiles.lms import Lms
from growth_centiles.references import BMI, CDC, WEIGHT, WHO, FloatArray


def z_score(value: FloatArray, lms: Lms) -> FloatArray:
    """The LMS z-score, NaN where there is no L, M and S."""
    l, m, s = lms.l, lms.m, lms.s
    with np.errstate(all="ignore"):
        box_cox = (((value / m) ** l) - 1) / (l * s)
        log_form = np.log(value / m) / s
    result: FloatArray = np.where(l != 0.0, box_cox, log_form)
    return result


def _measurement_at(z: float, lms: Lms) -> FloatArray:
    # M (1 + L S z)^(1/L), as rcpchgrowth writes it where it needs the 95th centile or the 2 and 3 SDS lines
    with np.errstate(all="ignore"):
        result: FloatArray = lms.m * (1 + lms.l * lms.s * z) ** (1 / lms.l)
    return result


def sds(reference: str, method: str, value: FloatArray, age: FloatArray, lms: Lms) -> FloatArray:
    """SDS for each value at each age, NaN where there is no reference value."""
    z = z_score(value, lms)
    if reference == CDC and method == BMI:
        p95 = _measurement_at(1.645, lms)
        with np.errstate(invalid="ignore"):
            above = value > p95
        if above.any():
            centile = ndtr((value[above] - p95[above]) / lms.sigma[above]) * 10 + 90
            z[above] = ndtri(centile / 100)
    elif reference == WHO:
        with np.errstate(invalid="ignore"):
            applies = (age < 5) if method not in (BMI, WEIGHT) else (age >= 5) | (age < 5)
            high = applies & (z > 3)
            low = applies & (z < -3)
        if high.any():
            sd3 = _measurement_at(3, lms)[high]
            sd2 = _measurement_at(2, lms)[high]
            z[high] = 3 + ((value[high] - sd3) / (sd3 - sd2))
        if low.any():
            sd3 = _measurement_at(-3, lms)[low]
            sd2 = _measurement_at(-2, lms)[low]
            z[low] = -3 + ((value[low] - sd3) / (sd2 - sd3))
    return z


def centile(z: FloatArray) -> FloatArray:
    """The centile (0 to 100) of each SDS: the normal cumulative distribution, as scipy.stats.norm.cdf gives it."""
    result: FloatArray = ndtr(z) * 100
    return result


def percentage_median(value: FloatArray, lms: Lms) -> FloatArray:
    """The value as a percentage of the reference median (used for BMI)."""
    result: FloatArray = (value / lms.m) * 100.0
    return result
