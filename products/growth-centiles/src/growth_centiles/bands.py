"""Centile bands (rcpchgrowth's advisory wording) and NCMP BMI categories, over arrays.

The band thresholds and centile labels are taken from rcpchgrowth itself
(``generate_centile_band_ranges`` and ``return_suffix``), and the ranges are tried in
rcpchgrowth's order, so overlapping ranges (as in the CDC formats) resolve the same way.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt
from rcpchgrowth.centile_bands import generate_centile_band_ranges, return_suffix
from rcpchgrowth.constants import reference_constants as rc
from rcpchgrowth.constants import validation_constants as vc

from growth_centiles.references import BMI, CDC, OFC, FloatArray

IntArray = npt.NDArray[np.int64]

_FORMATS: dict[str, list[float]] = {
    rc.COLE_TWO_THIRDS_SDS_NINE_CENTILES: list(rc.COLE_TWO_THIRDS_SDS_NINE_CENTILE_COLLECTION),
    rc.THREE_PERCENT_CENTILES: list(rc.THREE_PERCENT_CENTILE_COLLECTION),
    rc.EIGHTY_FIVE_PERCENT_CENTILES: list(rc.EIGHTY_FIVE_PERCENT_CENTILE_COLLECTION),
}
_NAMES = {BMI: "body mass index", OFC: "head circumference"}

BAND_TEXTS: list[str] = []
_INDEX: dict[str, int] = {}


def _label(text: str) -> int:
    if text not in _INDEX:
        _INDEX[text] = len(BAND_TEXTS)
        BAND_TEXTS.append(text)
    return _INDEX[text]


def centile_format(reference: str, method: str) -> str:
    """The centile lines a band refers to, as rcpchgrowth's ``Measurement`` chooses them."""
    if reference == CDC:
        return rc.EIGHTY_FIVE_PERCENT_CENTILES if method == BMI else rc.THREE_PERCENT_CENTILES
    return rc.COLE_TWO_THIRDS_SDS_NINE_CENTILES


@cache
def _bands(method: str, fmt: str) -> tuple[tuple[tuple[float, float, int], ...], int, int, int, float, float]:
    name = _NAMES.get(method, method)
    collection = _FORMATS[fmt]
    ranges = generate_centile_band_ranges(collection)
    labelled = []
    for r, (low, high) in enumerate(ranges):
        if r % 2 == 0:
            text = f"This {name} measurement is on or near the {return_suffix(collection[r // 2])} centile."
        else:
            lower, upper = return_suffix(collection[(r - 1) // 2]), return_suffix(collection[(r + 1) // 2])
            text = f"This {name} measurement is between the {lower} and {upper} centiles."
        labelled.append((float(low), float(high), _label(text)))
    outside = _label(f"This {name} measurement is well outside the normal range. Please check its accuracy.")
    below = _label(f"This {name} measurement is below the normal range.")
    above = _label(f"This {name} measurement is above the normal range.")
    if method == BMI:
        limits = (float(vc.MINIMUM_BMI_ADVISORY_SDS), float(vc.MAXIMUM_BMI_ADVISORY_SDS))
    else:
        limits = (float(vc.MINIMUM_HEIGHT_WEIGHT_OFC_ADVISORY_SDS), float(vc.MAXIMUM_HEIGHT_WEIGHT_OFC_ADVISORY_SDS))
    return tuple(labelled), outside, below, above, limits[0], limits[1]


def band_codes(sds: FloatArray, reference: str, method: str) -> IntArray:
    """Index into :data:`BAND_TEXTS` of each SDS's band, -1 where there is none (no SDS)."""
    ranges, outside, below, above, low_limit, high_limit = _bands(method, centile_format(reference, method))
    codes = np.full(sds.size, -1, dtype=np.int64)
    valid = ~np.isnan(sds)
    rest = valid.copy()
    for mask, code in (
        ((sds < low_limit) | (sds > high_limit), outside),
        (sds <= ranges[0][0], below),
        (sds > ranges[-1][1], above),
    ):
        hit = rest & mask
        codes[hit] = code
        rest &= ~hit
    for low, high, code in ranges:
        hit = rest & (low <= sds) & (sds < high)
        codes[hit] = code
        rest &= ~hit
    return codes


def all_band_texts() -> list[str]:
    """Every band text any reference and measurement can give (the categories of the band columns)."""
    for method in (rc.HEIGHT, rc.WEIGHT, BMI, OFC):
        for fmt in _FORMATS:
            _bands(method, fmt)
    return list(BAND_TEXTS)


# NCMP BMI categories. Population monitoring compares the BMI centile with the 2nd, 85th,
# 95th and 99.6th centiles; clinical assessment compares the SDS with -2, 4/3, 2 and 8/3
# (the 2nd, 91st, 98th and 99.6th centile lines of the UK charts).
BMI_CATEGORIES: tuple[str, ...] = ("underweight", "healthy weight", "overweight", "obese", "severely obese")
POPULATION_CENTILES: tuple[float, ...] = (2.0, 85.0, 95.0, 99.6)
CLINICAL_SDS: tuple[float, ...] = (-2.0, 4.0 / 3.0, 2.0, 8.0 / 3.0)
# categories are given for UK-WHO BMI from 4 years, where UK-WHO uses the UK90 reference, as NCMP does
BMI_CATEGORY_MIN_AGE = 4.0


def bmi_category_codes(values: FloatArray, thresholds: tuple[float, ...]) -> IntArray:
    """Index into :data:`BMI_CATEGORIES`: at or below the first threshold is underweight, then [t1, t2) and so on."""
    codes = np.full(values.size, -1, dtype=np.int64)
    valid = ~np.isnan(values)
    codes[valid] = 1
    codes[valid & (values <= thresholds[0])] = 0
    for category, threshold in enumerate(thresholds[1:], start=2):
        codes[valid & (values >= threshold)] = category
    return codes
