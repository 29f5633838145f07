"""Centile bands (rcpchgrowth's advisory wording) and NCMP BMI categories, over arrays.

The thresholds are rcpchgrowth's (``generate_centile_band_ranges``: each centile line's SDS
+/- 0.25 x 0.666) and the ranges are tried in its order, so overlapping ranges (as in the
CDC formats) resolve the same way; a test compares every band with rcpchgrowth's own
``centile_band_for_centile``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
from scipy.special import ndtri

from growth_centiles.references import BMI, CDC, METHODS, OFC, FloatArray

IntArray = npt.NDArray[np.int64]

# the centile lines of each format, as in rcpchgrowth.constants.reference_constants
COLE_NINE = "cole-nine-centiles"
THREE_PERCENT = "three-percent-centiles"
EIGHTY_FIVE_PERCENT = "eighty-five-percent-centiles"
FORMATS: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {
        COLE_NINE: (0.4, 2.0, 9.0, 25.0, 50.0, 75.0, 91.0, 98.0, 99.6),
        THREE_PERCENT: (3.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 97.0),
        EIGHTY_FIVE_PERCENT: (5.0, 10.0, 25.0, 50.0, 75.0, 85.0, 90.0, 95, 98.0, 99.0, 99.9, 99.99),
    }
)
_ADVISORY_SDS = 4.0  # beyond +/-4 SDS "well outside the normal range", for every measurement
_QUARTER = 0.25 * 0.666


def _ordinal(centile: float) -> str:
    # rcpchgrowth's return_suffix for the centiles above: whole numbers lose ".0"; 11-13 take "th"
    text = str(int(centile)) if float(centile).is_integer() else str(centile)
    if float(centile).is_integer() and text[-2:] in ("11", "12", "13"):
        return f"{text}th"
    return text + {"1": "st", "2": "nd", "3": "rd"}.get(text[-1], "th")


_NAMES = {BMI: "body mass index", OFC: "head circumference"}


@dataclass(frozen=True)
class BandWording:
    """One measurement's bands in one centile format: SDS ranges with their texts, tried in this order."""

    ranges: tuple[tuple[float, float, str], ...]  # [low, high) SDS and the text
    outside: str  # beyond +/-4 SDS
    below: str  # at or below the first range
    above: str  # above the last range

    @property
    def texts(self) -> tuple[str, ...]:
        return (*(text for _, _, text in self.ranges), self.outside, self.below, self.above)


def _wording(method: str, fmt: str) -> BandWording:
    """rcpchgrowth's bands: each centile line's SDS +/- 0.25 x 0.666, and the gaps between them."""
    name = _NAMES.get(method, method)
    collection = FORMATS[fmt]
    edges = [float(ndtri(c / 100)) + side for c in collection for side in (-_QUARTER, _QUARTER)]
    ranges: list[tuple[float, float, str]] = []
    for r, (low, high) in enumerate(itertools.pairwise(edges)):
        if r % 2 == 0:
            text = f"This {name} measurement is on or near the {_ordinal(collection[r // 2])} centile."
        else:
            lower, upper = _ordinal(collection[(r - 1) // 2]), _ordinal(collection[(r + 1) // 2])
            text = f"This {name} measurement is between the {lower} and {upper} centiles."
        ranges.append((low, high, text))
    return BandWording(
        ranges=tuple(ranges),
        outside=f"This {name} measurement is well outside the normal range. Please check its accuracy.",
        below=f"This {name} measurement is below the normal range.",
        above=f"This {name} measurement is above the normal range.",
    )


# Every measurement in every centile format, built once at import.
BANDS: Mapping[tuple[str, str], BandWording] = MappingProxyType(
    {(method, fmt): _wording(method, fmt) for method in METHODS for fmt in FORMATS}
)
# Every band text, each once, in a fixed order (the categories of the band columns): band codes index it.
BAND_TEXTS: tuple[str, ...] = tuple(dict.fromkeys(text for wording in BANDS.values() for text in wording.texts))
_CODE = {text: code for code, text in enumerate(BAND_TEXTS)}


def centile_format(reference: str, method: str) -> str:
    """The centile lines a band refers to, as rcpchgrowth's ``Measurement`` chooses them."""
    if reference == CDC:
        return EIGHTY_FIVE_PERCENT if method == BMI else THREE_PERCENT
    return COLE_NINE


def band_codes(sds: FloatArray, reference: str, method: str) -> IntArray:
    """Index into :data:`BAND_TEXTS` of each SDS's band, -1 where there is none (no SDS)."""
    wording = BANDS[method, centile_format(reference, method)]
    codes = np.full(sds.size, -1, dtype=np.int64)
    rest = ~np.isnan(sds)
    # the first rule that holds wins, as in rcpchgrowth's centile_band_for_centile
    rules = [
        ((sds < -_ADVISORY_SDS) | (sds > _ADVISORY_SDS), wording.outside),
        (sds <= wording.ranges[0][0], wording.below),
        (sds > wording.ranges[-1][1], wording.above),
        *(((low <= sds) & (sds < high), text) for low, high, text in wording.ranges),
    ]
    for mask, text in rules:
        hit = rest & mask
        codes[hit] = _CODE[text]
        rest &= ~hit
    return codes


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
