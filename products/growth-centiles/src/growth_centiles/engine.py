"""The vectorised calculation: ages, SDS, centiles, bands and categories for arrays of measurements.

:func:`compute` takes already-parsed arrays (see :mod:`growth_centiles.frame` for the pandas
entry point) and follows rcpchgrowth's ``Measurement``:

- chronological age = days from birth to observation / 365.25;
- corrected age = days from the due date (birth + 280 days - gestation) / 365.25, always for
  UK-WHO, Turner and trisomy 21; for CDC and WHO the chronological age is used instead when
  the baby was born at 37 to 42 weeks, or born before 37 weeks and is 2 years or older;
- SDS at each age against the segment of the reference chosen for that age (no
  interpolation across segments), then centile, centile band, percentage median BMI.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from growth_centiles import bands
from growth_centiles import sds as sds_math
from growth_centiles.codes import PRIORITY, Code
from growth_centiles.lms import Lms, lookup
from growth_centiles.references import (
    BMI,
    CDC,
    METHODS,
    REFERENCES,
    SEXES,
    UK_WHO,
    WHO,
    BoolArray,
    FloatArray,
    IntArray,
    select_segments,
    tables,
    uses_two_year_endpoint,
)

TERM_DAYS = 280
DAYS_PER_YEAR = 365.25
_SDS_LIMIT = {BMI: 15.0}
_DEFAULT_SDS_LIMIT = 8.0


@dataclass(frozen=True)
class Parsed:
    """Inputs as arrays of one length. Codes index REFERENCES, METHODS, SEXES; -1 is unknown.

    ``problem`` holds, per row, the index in :data:`PRIORITY` of an input problem already
    found while parsing (or -1); rows with one are not calculated.
    """

    days: FloatArray  # whole days from birth to observation, NaN if a date is invalid
    gestation_weeks: FloatArray  # 40 where not given
    gestation_days: FloatArray  # 0 where not given
    sex: IntArray
    method: IntArray
    reference: IntArray
    value: FloatArray
    problem: IntArray


@dataclass(frozen=True)
class Results:
    chronological_age: FloatArray
    corrected_age: FloatArray
    corrected_sds: FloatArray
    corrected_centile: FloatArray
    corrected_band: IntArray  # index into bands.BAND_TEXTS, -1 for none
    chronological_sds: FloatArray
    chronological_centile: FloatArray
    chronological_band: IntArray
    corrected_percentage_median_bmi: FloatArray
    chronological_percentage_median_bmi: FloatArray
    bmi_category_population: IntArray  # index into bands.BMI_CATEGORIES, -1 for none
    bmi_category_clinical: IntArray
    code: IntArray  # index into codes.PRIORITY, -1 when all is well


def ages(parsed: Parsed) -> tuple[FloatArray, FloatArray]:
    """Chronological and corrected decimal ages (before the CDC/WHO rule), NaN before birth or without dates."""
    days = np.where(parsed.days >= 0, parsed.days, np.nan)
    chronological = days / DAYS_PER_YEAR
    correction = TERM_DAYS - (parsed.gestation_weeks * 7 + parsed.gestation_days)
    corrected = (days - correction) / DAYS_PER_YEAR
    return chronological, corrected


class Group(NamedTuple):
    """Rows measured against one set of LMS tables: one reference, one measurement, one sex."""

    reference: str
    method: str
    sex: str


def groups(parsed: Parsed, rows: IntArray) -> Iterator[tuple[Group, IntArray]]:
    """Each reference, measurement and sex among ``rows``, with its rows (ascending), in the order of the codes."""
    fields = pd.DataFrame({"reference": parsed.reference[rows], "method": parsed.method[rows], "sex": parsed.sex[rows]})
    for (reference, method, sex), members in fields.groupby(list(fields.columns), sort=True).indices.items():
        yield Group(REFERENCES[reference], METHODS[method], SEXES[sex]), rows[members]


def _lms_for(reference: str, method: str, sex: str, age: FloatArray, *, linear_only: bool) -> Lms:
    segment = select_segments(reference, method, sex, age)
    found = Lms(*(np.full(age.size, np.nan) for _ in range(4)))
    for index, table in enumerate(tables(reference, method, sex)):
        rows = np.nonzero(segment == index)[0]
        if rows.size == 0 or table.size == 0:
            continue
        at = age[rows]
        if uses_two_year_endpoint(reference):
            # rcpchgrowth moves an age of exactly 2.0 years to the nearest end of the daily WHO table chosen
            at = np.where(at == 2.0, np.clip(at, table.ages[0], table.ages[-1]), at)
        part = lookup(table, at, linear_only=linear_only)
        for name in ("l", "m", "s", "sigma"):
            getattr(found, name)[rows] = getattr(part, name)
    return found


def _measure(reference: str, method: str, sex: str, value: FloatArray, age: FloatArray) -> tuple[FloatArray, ...]:
    """SDS and percentage median BMI at one age per row, for one reference, measurement and sex."""
    lms = _lms_for(reference, method, sex, age, linear_only=reference == WHO)
    z = sds_math.sds(reference, method, value, age, lms)
    if method != BMI:
        return z, np.full(age.size, np.nan)
    # rcpchgrowth's percentage_median_bmi looks up M without the WHO linear-only override
    median_lms = _lms_for(reference, method, sex, age, linear_only=False) if reference == WHO else lms
    return z, sds_math.percentage_median(value, median_lms)


def compute(parsed: Parsed) -> Results:
    n = parsed.days.size
    chronological, corrected = ages(parsed)
    ref_code = parsed.reference
    cdc_or_who = np.isin(ref_code, [REFERENCES.index(CDC), REFERENCES.index(WHO)])
    weeks = parsed.gestation_weeks
    with np.errstate(invalid="ignore"):
        use_chronological = cdc_or_who & (((corrected >= 2) & (weeks < 37)) | ((weeks >= 37) & (weeks <= 42)))
    corrected = np.where(use_chronological, chronological, corrected)

    nan = np.full(n, np.nan)
    corrected_sds, chronological_sds = nan.copy(), nan.copy()
    corrected_pm, chronological_pm = nan.copy(), nan.copy()
    corrected_band = np.full(n, -1, dtype=np.int64)
    chronological_band = corrected_band.copy()

    calculable = (parsed.problem < 0) & ~np.isnan(chronological)
    for (reference, method, sex), rows in groups(parsed, np.flatnonzero(calculable)):
        value = parsed.value[rows]
        corr_age, chrono_age = corrected[rows], chronological[rows]
        z_corr, pm_corr = _measure(reference, method, sex, value, corr_age)
        # most children have no correction: their chronological results are the corrected ones
        z_chrono, pm_chrono = z_corr.copy(), pm_corr.copy()
        differs = corr_age != chrono_age
        if differs.any():
            z_chrono[differs], pm_chrono[differs] = _measure(
                reference, method, sex, value[differs], chrono_age[differs]
            )
        corrected_sds[rows], chronological_sds[rows] = z_corr, z_chrono
        corrected_pm[rows], chronological_pm[rows] = pm_corr, pm_chrono
        corrected_band[rows] = bands.band_codes(z_corr, reference, method)
        chronological_band[rows] = bands.band_codes(z_chrono, reference, method)

    corrected_centile = sds_math.centile(corrected_sds)
    chronological_centile = sds_math.centile(chronological_sds)
    population, clinical = _bmi_categories(parsed, corrected, corrected_sds, corrected_centile)
    code = _codes(parsed, chronological, calculable, corrected_sds, chronological_sds)
    return Results(
        chronological_age=chronological,
        corrected_age=corrected,
        corrected_sds=corrected_sds,
        corrected_centile=corrected_centile,
        corrected_band=corrected_band,
        chronological_sds=chronological_sds,
        chronological_centile=chronological_centile,
        chronological_band=chronological_band,
        corrected_percentage_median_bmi=corrected_pm,
        chronological_percentage_median_bmi=chronological_pm,
        bmi_category_population=population,
        bmi_category_clinical=clinical,
        code=code,
    )


def _bmi_categories(
    parsed: Parsed, corrected: FloatArray, z: FloatArray, centile: FloatArray
) -> tuple[IntArray, IntArray]:
    with np.errstate(invalid="ignore"):
        applies = (
            (parsed.reference == REFERENCES.index(UK_WHO))
            & (parsed.method == METHODS.index(BMI))
            & (corrected >= bands.BMI_CATEGORY_MIN_AGE)
        )
    population = bands.bmi_category_codes(np.where(applies, centile, np.nan), bands.POPULATION_CENTILES)
    clinical = bands.bmi_category_codes(np.where(applies, z, np.nan), bands.CLINICAL_SDS)
    return population, clinical


def _codes(
    parsed: Parsed, chronological: FloatArray, calculable: BoolArray, z_corr: FloatArray, z_chrono: FloatArray
) -> IntArray:
    code: IntArray = parsed.problem.copy()
    before_birth = (parsed.problem < 0) & (parsed.days < 0)
    code[before_birth] = PRIORITY.index(Code.OBSERVATION_BEFORE_BIRTH)
    has_corr, has_chrono = ~np.isnan(z_corr), ~np.isnan(z_chrono)
    code[calculable & ~has_corr & ~has_chrono] = PRIORITY.index(Code.AGE_OUTSIDE_REFERENCE)
    code[calculable & ~has_corr & has_chrono] = PRIORITY.index(Code.CORRECTED_AGE_OUTSIDE_REFERENCE)
    code[calculable & has_corr & ~has_chrono] = PRIORITY.index(Code.CHRONOLOGICAL_AGE_OUTSIDE_REFERENCE)
    limit = np.where(parsed.method == METHODS.index(BMI), _SDS_LIMIT[BMI], _DEFAULT_SDS_LIMIT)
    with np.errstate(invalid="ignore"):
        implausible = (np.abs(z_corr) > limit) | (np.abs(z_chrono) > limit)
    code[calculable & has_corr & has_chrono & implausible] = PRIORITY.index(Code.IMPLAUSIBLE_SDS)
    return code
