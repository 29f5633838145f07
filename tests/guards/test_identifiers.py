"""Which numbers could be a patient's: issuing ranges, check digits, CHI dates of birth, placeholders."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nhsoa.guards.identifiers import (
    Scheme,
    check_digit,
    is_date_of_birth,
    is_nhs_number,
    is_placeholder,
    luhn_check_digit,
    range_scheme,
    scheme_of,
)
from tests.guards.numbers import RANGES, issued, valid


def test_the_data_dictionary_example_passes_the_check_but_was_never_issued() -> None:
    example = "9434765919"  # the worked example of the modulus-11 check
    assert is_nhs_number(example)
    assert is_nhs_number("943 476 5919")
    assert not is_nhs_number("9434765918")
    assert scheme_of(example) is None  # 943 is in no issuing range


def test_a_check_digit_of_ten_means_no_valid_nhs_number() -> None:
    base = next(f"{n:09d}" for n in range(412_345_000, 412_346_000) if check_digit(f"{n:09d}") is None)
    assert not any(is_nhs_number(base + str(digit)) for digit in range(10))
    assert all(scheme_of(base + str(digit)) is None for digit in range(10))  # 41/23/45 is no date either


@pytest.mark.parametrize(
    ("first_nine", "scheme"),
    [
        (299_999_999, None),
        (300_000_000, Scheme.NHS),
        (320_000_000, Scheme.NHS),
        (320_000_001, Scheme.HC),
        (399_999_999, Scheme.HC),
        (400_000_000, Scheme.NHS),
        (499_999_999, Scheme.NHS),
        (500_000_000, None),
        (599_999_999, None),
        (600_000_000, Scheme.NHS),
        (799_999_999, Scheme.NHS),
        (800_000_000, None),
        (900_000_000, None),
        (999_000_000, None),  # the test range
    ],
)
def test_issuing_ranges(first_nine: int, scheme: Scheme | None) -> None:
    assert range_scheme(first_nine) is scheme


@pytest.mark.parametrize("name", [name for name, *_ in RANGES])
def test_a_number_from_each_range_is_reported_and_a_wrong_check_digit_is_not(name: str) -> None:
    number = issued(seed=3)[name]
    scheme = next(scheme for range_name, scheme, *_ in RANGES if range_name == name)
    assert scheme_of(number) is scheme
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert scheme_of(wrong) in (None, Scheme.CHI)  # a wrong NHS check digit may still be a CHI number


@pytest.mark.parametrize(
    ("ddmmyy", "valid_date"),
    [("010100", True), ("311299", True), ("290200", True), ("290204", True), ("290201", False), ("310499", False),
     ("000199", False), ("321299", False), ("011399", False), ("150000", False)],
)  # fmt: skip
def test_chi_dates_of_birth(ddmmyy: str, valid_date: bool) -> None:
    assert is_date_of_birth(ddmmyy) is valid_date


def test_chi_numbers_with_either_check_digit() -> None:
    base = "150682123"  # born 15 June 1982
    mod11, mod10 = check_digit(base), luhn_check_digit(base)
    assert mod11 is not None
    assert mod11 != mod10
    assert scheme_of(f"{base}{mod11}") is Scheme.CHI
    assert scheme_of(f"{base}{mod10}") is Scheme.CHI
    others = set(range(10)) - {mod11, mod10}
    assert all(scheme_of(f"{base}{d}") is None for d in others)
    assert scheme_of(f"{'310282123'}{luhn_check_digit('310282123')}") is None  # 31 February


def test_luhn_check_digit_matches_the_published_algorithm() -> None:
    assert luhn_check_digit("7992739871") == 3  # the usual worked example of the Luhn algorithm


@pytest.mark.parametrize(
    "digits",
    ["0000000000", "1111111111", "3333333333", "4444444444", "4000000004", "1212121212", "0123456789",
     "1234567890", "9876543210", "3456789012", "1231231231", "4564564564", "1234512345", "4500000000",
     "7111111112", "1610612736", "4294967296"],
)  # fmt: skip
def test_placeholders_and_bit_masks_are_never_reported(digits: str) -> None:
    assert is_placeholder(digits)
    assert scheme_of(digits) is None


def test_every_range_gives_numbers() -> None:
    numbers = issued(seed=7)
    assert {name for name, *_ in RANGES} <= set(numbers)
    schemes = {scheme_of(number) for number in numbers.values()}
    assert schemes == {Scheme.NHS, Scheme.HC, Scheme.CHI}


@given(st.integers(min_value=0, max_value=999_999_999))
def test_every_valid_number_outside_the_issuing_ranges_and_dates_is_not_reported(first_nine: int) -> None:
    base = f"{first_nine:09d}"
    digit = check_digit(base)
    if digit is None:
        return
    number = base + str(digit)
    in_range = any(low <= first_nine <= high for _, _, low, high in RANGES)
    expected = in_range and not is_placeholder(number)
    assert (scheme_of(number) is not None) == (expected or (is_date_of_birth(base[:6]) and not is_placeholder(number)))


@given(st.integers(min_value=999_000_000, max_value=999_999_999), st.integers(min_value=0, max_value=9))
def test_the_test_range_is_never_reported(first_nine: int, last: int) -> None:
    assert scheme_of(f"{first_nine}{last}") is None


def test_valid_helper() -> None:
    assert is_nhs_number(valid("400000017"[:9]))
