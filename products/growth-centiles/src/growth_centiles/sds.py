"""SDS (z-scores), centiles and percentage of median BMI from L, M and S, by rcpchgrowth's rules.

Three formulas give the SDS of a measurement X at an age with reference values L, M and S:

- the LMS method (Cole TJ, Green PJ. Smoothing reference centile curves: the LMS method and
  penalized likelihood. Stat Med. 1992;11(10):1305-1319), for every reference:
  z = ((X/M)^L - 1) / (L S), or ln(X/M) / S when L = 0;
- the CDC extended BMI method, for CDC BMI above the 95th centile (:func:`cdc_extended_bmi_sds`);
- the WHO rule beyond +/-3 SDS, for WHO (:func:`who_sds_beyond_three`).

centile = 100 x Phi(z), Phi the standard normal cumulative distribution.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri

from growth_centiles.lms import Lms
from growth_centiles.references import BMI, CDC, WEIGHT, WHO, BoolArray, FloatArray

# rcpchgrowth takes the 95th centile line at z = 1.645 (CDC's tables use the exact 1.6449);
# at the CDC's own worked example this moves the 95th centile by 0.0002 kg/m2
CDC_P95_SDS = 1.645
# the WHO rule measures beyond +/-3 SDS, and WHO 2007 applies it to weight and BMI only at 5 years and over
WHO_RULE_SDS = 3.0
WHO_2007_FROM_AGE = 5.0


def z_score(value: FloatArray, lms: Lms) -> FloatArray:
    """The LMS z-score, NaN where there is no L, M and S."""
    l, m, s = lms.l, lms.m, lms.s
    with np.errstate(all="ignore"):
        box_cox = (((value / m) ** l) - 1) / (l * s)
        log_form = np.log(value / m) / s
    result: FloatArray = np.where(l != 0.0, box_cox, log_form)
    return result


def measurement_at(z: float, lms: Lms) -> FloatArray:
    """The measurement on the z SDS line, M (1 + L S z)^(1/L), as rcpchgrowth writes it (L is never 0 here)."""
    with np.errstate(all="ignore"):
        result: FloatArray = lms.m * (1 + lms.l * lms.s * z) ** (1 / lms.l)
    return result


def cdc_extended_bmi_sds(value: FloatArray, lms: Lms) -> tuple[FloatArray, BoolArray]:
    """CDC extended BMI-for-age SDS where BMI is above the 95th centile; also the mask of those rows.

    Wei R, Ogden CL, Parsons VL, Freedman DS, Hales CM. A method for calculating BMI z-scores and
    percentiles above the 95th percentile of the CDC growth charts. Ann Hum Biol.
    2020;47(6):514-521. doi:10.1080/03014460.2020.1808065

    Above the 95th centile P95 = M (1 + 1.645 L S)^(1/L), BMI - P95 is modelled as half-normal
    with scale sigma (by sex and age; rcpchgrowth's CDC BMI table carries CDC's monthly sigma):

        centile = 90 + 10 Phi((BMI - P95) / sigma)
        z = Phi^-1(centile / 100)

    At BMI = P95 both methods give the 95th centile. As in rcpchgrowth, the method applies only
    where BMI > P95; the other rows are returned unchanged (NaN) for the LMS z-score to fill.
    """
    p95 = measurement_at(CDC_P95_SDS, lms)
    with np.errstate(invalid="ignore"):
        above = value > p95
    z = np.full(value.size, np.nan)
    centile = 90 + 10 * ndtr((value[above] - p95[above]) / lms.sigma[above])
    z[above] = ndtri(centile / 100)
    return z, above


def who_rule_applies(method: str, age: FloatArray) -> BoolArray:
    """Where the WHO rule beyond +/-3 SDS applies: weight and BMI at every age, height and head circumference under 5.

    Under 5 (the WHO 2006 standards) rcpchgrowth applies it to every measurement; from 5 (the
    WHO 2007 references) only to weight and BMI, as WHO's computation notes do.
    """
    if method in (WEIGHT, BMI):
        return np.ones(age.size, dtype=bool)
    with np.errstate(invalid="ignore"):
        under_five: BoolArray = age < WHO_2007_FROM_AGE
    return under_five


def who_sds_beyond_three(value: FloatArray, z: FloatArray, lms: Lms, applies: BoolArray) -> FloatArray:
    """The SDS, with those beyond +/-3 (where the rule ``applies``) counted in units of the 2 to 3 SDS distance.

    World Health Organization. Computation of centiles and z-scores for height-for-age,
    weight-for-age and BMI-for-age (WHO Reference 2007). Geneva: WHO; 2007. With SD2 and SD3
    the measurements on the 2 and 3 SDS lines (:func:`measurement_at`):

        z > 3:  z* = 3 + (X - SD3pos) / (SD3pos - SD2pos)
        z < -3: z* = -3 + (X - SD3neg) / (SD2neg - SD3neg)

    Other rows keep their LMS z-score.
    """
    z = z.copy()
    with np.errstate(invalid="ignore"):
        high = applies & (z > WHO_RULE_SDS)
        low = applies & (z < -WHO_RULE_SDS)
    if high.any():
        sd3 = measurement_at(WHO_RULE_SDS, lms)[high]
        sd2 = measurement_at(WHO_RULE_SDS - 1, lms)[high]
        z[high] = WHO_RULE_SDS + ((value[high] - sd3) / (sd3 - sd2))
    if low.any():
        sd3 = measurement_at(-WHO_RULE_SDS, lms)[low]
        sd2 = measurement_at(-(WHO_RULE_SDS - 1), lms)[low]
        z[low] = -WHO_RULE_SDS + ((value[low] - sd3) / (sd2 - sd3))
    return z


def sds(reference: str, method: str, value: FloatArray, age: FloatArray, lms: Lms) -> FloatArray:
    """SDS for each value at each age, NaN where there is no reference value."""
    z = z_score(value, lms)
    if reference == CDC and method == BMI:
        extended, above = cdc_extended_bmi_sds(value, lms)
        z[above] = extended[above]
    elif reference == WHO:
        z = who_sds_beyond_three(value, z, lms, who_rule_applies(method, age))
    return z


def centile(z: FloatArray) -> FloatArray:
    """The centile (0 to 100) of each SDS: the normal cumulative distribution, as scipy.stats.norm.cdf gives it."""
    result: FloatArray = ndtr(z) * 100
    return result


def percentage_median(value: FloatArray, lms: Lms) -> FloatArray:
    """The value as a percentage of the reference median (used for BMI)."""
    result: FloatArray = (value / lms.m) * 100.0
    return result
