"""The growth references, read at run time from the installed ``rcpchgrowth`` package.

Nothing here copies reference data: every LMS table is read from the data files of the
installed ``rcpchgrowth`` package (the same files its modules load; a test checks they
are identical), and the UK reference data (under its own MRC licence) stays in that
package. The files are read without importing ``rcpchgrowth`` itself, which would load
all of scipy.stats and add seconds to every run.

A reference is a patchwork of tables ("segments"), each covering a range of ages.
:func:`select_segments` chooses, for every age, the segment ``rcpchgrowth`` would
choose, or none where it has no data (for that age, measurement or sex). Values are
never interpolated across a segment boundary: each segment is looked up on its own.
"""

from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

# names and thresholds as rcpchgrowth.constants.reference_constants defines them
UK_WHO = "uk-who"
WHO = "who"
CDC = "cdc"
TURNERS = "turners-syndrome"
TRISOMY_21 = "trisomy-21"
TRISOMY_21_AAP = "trisomy-21-aap"
REFERENCES: tuple[str, ...] = (UK_WHO, WHO, CDC, TURNERS, TRISOMY_21, TRISOMY_21_AAP)

HEIGHT = "height"
WEIGHT = "weight"
BMI = "bmi"
OFC = "ofc"
METHODS: tuple[str, ...] = (HEIGHT, WEIGHT, BMI, OFC)

MALE = "male"
FEMALE = "female"
SEXES: tuple[str, ...] = (MALE, FEMALE)

_23_WEEKS = ((23 * 7) - (40 * 7)) / 365.25
_25_WEEKS = ((25 * 7) - (40 * 7)) / 365.25
_42_WEEKS = ((42 * 7) - (40 * 7)) / 365.25
_WHO_2006_UPPER = 1856 / 365.25
_AAP_FIRST_AGE = 0.083333333
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


# The data files of each reference, in segment order, as rcpchgrowth's modules load them
# (uk_who.py, who.py, cdc.py, turner.py, trisomy_21.py, trisomy_21_aap.py).
SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    UK_WHO: (
        ("uk90_preterm", "uk90_preterm.json"),
        ("who_2006_infant", "who/who_infants.json"),
        ("who_2006_child", "who/who_children.json"),
        ("uk90_child", "uk90_child.json"),
    ),
    WHO: (
        ("who_2006_infant", "who/who_infants.json"),
        ("who_2006_child", "who/who_children.json"),
        ("who_2007_child", "who/who_2007_children.json"),
    ),
    CDC: (
        ("cdc_infant", "cdc_infants.json"),
        ("who_2006_infant_cdc", "who/pre_2025/who_infants.json"),
        ("cdc_child", "cdc2-20.json"),
    ),
    TURNERS: (("turner", "turner.json"),),
    TRISOMY_21: (("trisomy_21", "trisomy_21.json"),),
    TRISOMY_21_AAP: (
        ("trisomy_21_aap_infant", "trisomy_21_aap_infants.json"),
        ("trisomy_21_aap_child", "trisomy_21_aap_children.json"),
    ),
}


def data_directory() -> Path:
    """The ``data_tables`` folder of the installed rcpchgrowth (found without importing it)."""
    spec = importlib.util.find_spec("rcpchgrowth")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rcpchgrowth is not installed: pip install growth-centiles installs it")
    return Path(next(iter(spec.submodule_search_locations))) / "data_tables"


@cache
def _load(relative: str) -> dict[str, object]:
    with (data_directory() / relative).open(encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    return data


@cache
def tables(reference: str, method: str, sex: str) -> tuple[Table, ...]:
    """The segment tables of a reference for one measurement and sex (a table may be empty)."""
    out = []
    for name, relative in SOURCES[reference]:
        measurement = _load(relative)["measurement"]
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
