"""The growth references, read at run time from the installed ``rcpchgrowth`` package.

Nothing here copies reference data: every LMS table is taken from the module of
``rcpchgrowth`` that uses it, so the tables are exactly those ``rcpchgrowth`` would
use, and the UK reference data (under its own MRC licence) stays in that package.

A reference is a patchwork of tables ("segments"), each covering a range of ages.
:func:`select_segments` chooses, for every age, the segment ``rcpchgrowth`` would
choose, or none where it has no data (for that age, measurement or sex). Values are
never interpolated across a segment boundary: each segment is looked up on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
from rcpchgrowth import cdc, trisomy_21, trisomy_21_aap, turner, uk_who, who
from rcpchgrowth.constants import reference_constants as rc

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

UK_WHO = rc.UK_WHO
WHO = rc.WHO
CDC = rc.CDC
TURNERS = rc.TURNERS
TRISOMY_21 = rc.TRISOMY_21
TRISOMY_21_AAP = rc.TRISOMY_21_AAP
REFERENCES: tuple[str, ...] = (UK_WHO, WHO, CDC, TURNERS, TRISOMY_21, TRISOMY_21_AAP)

HEIGHT = rc.HEIGHT
WEIGHT = rc.WEIGHT
BMI = rc.BMI
OFC = rc.HEAD_CIRCUMFERENCE
METHODS: tuple[str, ...] = (HEIGHT, WEIGHT, BMI, OFC)

MALE = rc.MALE
FEMALE = rc.FEMALE
SEXES: tuple[str, ...] = (MALE, FEMALE)

_23_WEEKS = rc.UK90_REFERENCE_LOWER_THRESHOLD
_25_WEEKS = ((25 * 7) - (40 * 7)) / 365.25
_42_WEEKS = rc.UK_WHO_INFANT_LOWER_THRESHOLD
_WHO_2006_UPPER = rc.WHO_2006_REFERENCE_UPPER_THRESHOLD
_AAP_FIRST_AGE = rc.TRISOMY_21_AAP_INFANT_AGES[0]
_TRISOMY_21_BMI_UPPER = 18.82  # as in rcpchgrowth.trisomy_21, below the table's last age of 18.92


def round4_key(age: float) -> float:
    """The age rounded as Python's ``round(age, 4)`` does, scaled to a whole number of 1/10000 years."""
    return float(round(round(age, 4) * 10000.0))


@dataclass(frozen=True)
class Table:
    """One LMS table: ages in decimal years, ascending, and L, M, S (and sigma for CDC BMI)."""

    name: str
    ages: FloatArray
    keys: FloatArray  # round4_key of each age: rcpchgrowth matches ages rounded to 4 decimal places
    l: FloatArray
    m: FloatArray
    s: FloatArray
    sigma: FloatArray | None

    @property
    def size(self) -> int:
        return int(self.ages.size)


def _number(value: object) -> float:
    # a few unused rows of rcpchgrowth's tables hold "" where a number would be
    if isinstance(value, (int, float)):
        return float(value)
    return math.nan


def _table(name: str, rows: list[dict[str, object]]) -> Table:
    ages = np.array([_number(row["decimal_age"]) for row in rows], dtype=np.float64)
    sigma = None
    if rows and "sigma" in rows[0]:
        sigma = np.array([_number(row["sigma"]) for row in rows], dtype=np.float64)
    return Table(
        name=name,
        ages=ages,
        keys=np.array([round4_key(age) for age in ages], dtype=np.float64),
        l=np.array([_number(row["L"]) for row in rows], dtype=np.float64),
        m=np.array([_number(row["M"]) for row in rows], dtype=np.float64),
        s=np.array([_number(row["S"]) for row in rows], dtype=np.float64),
        sigma=sigma,
    )


# The tables of each reference, in segment order, with the rcpchgrowth module data they come from.
_SOURCES: dict[str, tuple[tuple[str, dict[str, object]], ...]] = {
    UK_WHO: (
        ("uk90_preterm", uk_who.UK90_PRETERM_DATA),
        ("who_2006_infant", uk_who.WHO_INFANTS_DATA),
        ("who_2006_child", uk_who.WHO_CHILD_DATA),
        ("uk90_child", uk_who.UK90_CHILD_DATA),
    ),
    WHO: (
        ("who_2006_infant", who.WHO_INFANTS_DATA),
        ("who_2006_child", who.WHO_CHILD_DATA),
        ("who_2007_child", who.WHO_2007_DATA),
    ),
    CDC: (
        ("cdc_infant", cdc.CDC_INFANT_DATA),
        ("who_2006_infant_cdc", cdc.WHO_INFANTS_DATA),
        ("cdc_child", cdc.CDC_CHILD_DATA),
    ),
    TURNERS: (("turner", turner.TURNER_DATA),),
    TRISOMY_21: (("trisomy_21", trisomy_21.TRISOMY_21_DATA),),
    TRISOMY_21_AAP: (
        ("trisomy_21_aap_infant", trisomy_21_aap.TRISOMY_21_AAP_INFANT_DATA),
        ("trisomy_21_aap_child", trisomy_21_aap.TRISOMY_21_AAP_CHILD_DATA),
    ),
}


@cache
def tables(reference: str, method: str, sex: str) -> tuple[Table, ...]:
    """The segment tables of a reference for one measurement and sex (a table may be empty)."""
    out = []
    for name, data in _SOURCES[reference]:
        measurement = data["measurement"]
        assert isinstance(measurement, dict)
        rows = measurement.get(method, {}).get(sex, [])
        out.append(_table(name, rows))
    return tuple(out)


Selection = tuple[npt.NDArray[np.int64] | FloatArray, BoolArray]


def _uk_who(method: str, male: bool, a: FloatArray) -> Selection:
    segment = np.select([a < _23_WEEKS, a < _42_WEEKS, a < 2.0, a < 4.0, a <= 20.0], [-1, 0, 1, 2, 3], -1)
    absent = (a < _23_WEEKS) | (a > 20.0)
    if method == HEIGHT:
        absent |= a < _25_WEEKS
    elif method == BMI:
        absent |= a < _42_WEEKS
    elif method == OFC:
        absent |= a > (18.0 if male else 17.0)
    return segment, absent


def _who(method: str, male: bool, a: FloatArray) -> Selection:
    segment = np.select([(a <= _WHO_2006_UPPER) & (a < 2.0), a <= _WHO_2006_UPPER, a <= 19.0], [0, 1, 2], -1)
    absent = (a < 0.0) | (a > 19.0)
    if method == WEIGHT:
        absent |= a > 10.0
    elif method == OFC:
        absent |= a > _WHO_2006_UPPER
    return segment, absent


def _cdc(method: str, male: bool, a: FloatArray) -> Selection:
    infant = (a <= 3.0) if method == OFC else np.zeros(a.shape, dtype=bool)
    segment = np.select([a < 0.0, infant, a < 2.0, a <= 20.0], [-1, 0, 1, 2], -1)
    absent = (a < 0.0) | (a > 20.0)
    if method == OFC:
        absent |= a > 3.0
    elif method == BMI:
        absent |= a < 2.0
    return segment, absent


def _turner(method: str, male: bool, a: FloatArray) -> Selection:
    absent = (a < 1.0) | (a > 20.0)
    if method != HEIGHT or male:
        absent |= True
    return np.zeros(a.shape, dtype=np.int64), absent


def _trisomy_21(method: str, male: bool, a: FloatArray) -> Selection:
    absent = (a < 0.0) | (a > 20.0)
    if method == BMI:
        absent |= a > _TRISOMY_21_BMI_UPPER
    elif method == OFC:
        absent |= a > 18.0
    return np.zeros(a.shape, dtype=np.int64), absent


def _trisomy_21_aap(method: str, male: bool, a: FloatArray) -> Selection:
    if method == OFC:
        infant = a < 3.0  # at exactly 3 years the child table is used for head circumference
    elif method in (HEIGHT, WEIGHT):
        infant = a <= 3.0
    else:
        infant = np.zeros(a.shape, dtype=bool)
    absent = (a < 0.0) | (a > 20.0)
    if method in (HEIGHT, OFC):
        absent |= a < _AAP_FIRST_AGE
    elif method == BMI:
        absent |= a < 2.0
    return np.where(infant, 0, 1), absent


_SELECTORS = {
    UK_WHO: _uk_who,
    WHO: _who,
    CDC: _cdc,
    TURNERS: _turner,
    TRISOMY_21: _trisomy_21,
    TRISOMY_21_AAP: _trisomy_21_aap,
}


def select_segments(reference: str, method: str, sex: str, age: FloatArray) -> IntArray:
    """For each age, the index into :func:`tables` of the segment used, or -1 where there is no reference data.

    These are rcpchgrowth's rules (the reference choice and ``reference_data_absent`` in each
    reference's module), written over arrays. NaN ages select no segment.
    """
    if reference not in _SELECTORS:
        raise ValueError(f"unknown reference {reference!r}")
    with np.errstate(invalid="ignore"):
        segment, absent = _SELECTORS[reference](method, sex == MALE, age)
    result = np.asarray(segment, dtype=np.int64)
    result[absent | np.isnan(age)] = -1
    return result


def uses_two_year_endpoint(reference: str) -> bool:
    """Whether an age of exactly 2.0 years is moved to the selected table's nearest end (UK-WHO and WHO)."""
    return reference in (UK_WHO, WHO)
