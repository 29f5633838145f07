"""Per-row result codes: why a row has no result, or why its result should be checked.

Bad input never stops a run: every row gets a code (empty when all is well). When a row
has several problems, the code is the first that applies in the order listed here.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    INVALID_DATE = "invalid_date"
    OBSERVATION_BEFORE_BIRTH = "observation_before_birth"
    UNKNOWN_SEX = "unknown_sex"
    UNKNOWN_METHOD = "unknown_method"
    UNKNOWN_REFERENCE = "unknown_reference"
    INVALID_GESTATION = "invalid_gestation"
    MISSING_VALUE = "missing_value"
    NON_NUMERIC_VALUE = "non_numeric_value"
    VALUE_NOT_POSITIVE = "value_not_positive"
    AGE_OUTSIDE_REFERENCE = "age_outside_reference"
    CORRECTED_AGE_OUTSIDE_REFERENCE = "corrected_age_outside_reference"
    CHRONOLOGICAL_AGE_OUTSIDE_REFERENCE = "chronological_age_outside_reference"
    IMPLAUSIBLE_SDS = "implausible_sds"


DESCRIPTIONS: dict[Code, str] = {
    Code.INVALID_DATE: "birth or observation date missing or not a date in the expected format",
    Code.OBSERVATION_BEFORE_BIRTH: "observation date before the birth date",
    Code.UNKNOWN_SEX: "sex missing or not one of male/female (m/f, 1/2)",
    Code.UNKNOWN_METHOD: "measurement method missing or not one of height, weight, bmi, ofc",
    Code.UNKNOWN_REFERENCE: "reference not one of uk-who, who, cdc, turners-syndrome, trisomy-21, trisomy-21-aap",
    Code.INVALID_GESTATION: "gestation not whole weeks from 22 to 44 and days from 0 to 6",
    Code.MISSING_VALUE: "observation value missing",
    Code.NON_NUMERIC_VALUE: "observation value is not a finite number",
    Code.VALUE_NOT_POSITIVE: "observation value is zero or negative",
    Code.AGE_OUTSIDE_REFERENCE: "the reference has no data for this measurement, sex and age (nothing calculated)",
    Code.CORRECTED_AGE_OUTSIDE_REFERENCE: "no reference data at the corrected age (chronological results given)",
    Code.CHRONOLOGICAL_AGE_OUTSIDE_REFERENCE: "no reference data at the chronological age (corrected results given)",
    Code.IMPLAUSIBLE_SDS: "SDS beyond +/-8 (+/-15 for BMI): results given but probably an error in the data",
}

# the order in which codes win when a row has several problems
PRIORITY: tuple[Code, ...] = tuple(Code)
# codes for which no SDS is calculated at all
NO_RESULT: frozenset[Code] = frozenset(PRIORITY[: PRIORITY.index(Code.AGE_OUTSIDE_REFERENCE) + 1])
