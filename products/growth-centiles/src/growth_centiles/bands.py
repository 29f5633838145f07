"""Centile bands (rcpchgrowth's advisory wording) and NCMP BMI categories, over arrays.

The thresholds are rcpchgrowth's (``generate_centile_band_ranges``: each centile line's SDS
+/- 0.25 x 0.666) and the ranges are tried in its order, so overlapping ranges (as in the
CDC formats) resolve the same way; a test compares every band with rcpchgrowth's own
``centile_band_for_centile``.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
import numpy.typing as npt
from scipy.special import ndtri

from growth_centiles.references import BMI, CDC, HEIGHT, OFC, WEIGHT, FloatArray

IntArray = npt.NDArray[np.int64]

# the centile lines of each format, as in rcpchgrowth.constants.reference_constants
COLE_NINE = "cole-nine-centiles"
THREE_PERCENT = "three-percent-centiles"
EIGHTY_FIVE_PERCENT = "eighty-five-percent-centiles"
_FORMATS: dict[str, list[float]] = {
    COLE_NINE: [0.4, 2.0, 9.0, 25.0, 50.0, 75.0, 91.0, 98.0, 99.6],
    THREE_PERCENT: [3.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 97.0],
    EIGHTY_FIVE_PERCENT: [5.0, 10.0, 25.0, 50.0, 75.0, 85.0, 90.0, 95, 98.0, 99.0, 99.9, 99.99],
}
_ADVISORY_SDS = 4.0  # beyond +/-4 SDS "well outside the normal range", for every measurement
_QUARTER = 0.25 * 0.666


def _ordinal(centile: float) -> str:
    # rcpchgrowth's return_suffix for the centiles above: whole numbers lose ".0"; 11-13 take "th"
    text = str(int(centile)) if float(centile).is_integer() else str(centile)
    if float(centile).is_integer() and text[-2:] in ("11", "12", "13"):
        return f"{text}th"
    return text + {"1": "st", "2": "nd", "3": "rd"}.get(text[-1], "th")


def _ranges(collection: list[float]) -> list[tuple[float, float]]:
    edges = []
    for centile in collection:
        sds = float(ndtri(centile / 100))
        edges.extend((sds - _QUARTER, sds + _QUARTER))
    return list(itertools.pairwise(edges))


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
        return EIGHTY_FIVE_PERCENT if method == BMI else THREE_PERCENT
    return COLE_NINE


@cache
def _bands(method: str, fmt: str) -> tuple[tuple[tuple[float, float, int], ...], int, int, int, float, float]:
    name = _NAMES.get(method, method)
    collection = _FORMATS[fmt]
    ranges = _ranges(collection)
    labelled = []
    for r, (low, high) in enumerate(ranges):
        if r % 2 == 0:
            text = f"This {name} measurement is on or near the {_ordinal(collection[r // 2])} centile."
        else:
            lower, upper = _ordinal(collection[(r - 1) // 2]), _ordinal(collection[(r + 1) // 2])
            text = f"This {name} measurement is between the {lower} and {upper} centiles."
        labelled.append((float(low), float(high), _label(text)))
    outside = _label(f"This {name} measurement is well outside the normal range. Please check its accuracy.")
    below = _label(f"This {name} measurement is below the normal range.")
    above = _label(f"This {name} measurement is above the normal range.")
    return tuple(labelled), outside, below, above, -_ADVISORY_SDS, _ADVISORY_SDS


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
    for method in (HEIGHT, WEIGHT, BMI, OFC):
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
