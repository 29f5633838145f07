"""Valid numbers from each issuing range, made from their check digits at test time.

No number that could be a patient's is written into this repository: tests build them here, from
a seeded generator, so the numbers are the same on every run and the files stay clean.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from nhsoa.guards.identifiers import Scheme, check_digit, is_placeholder, luhn_check_digit, scheme_of

# Each issuing range, as (name, scheme, lowest first nine digits, highest first nine digits).
RANGES = (
    ("england-3", Scheme.NHS, 300_000_000, 320_000_000),
    ("northern-ireland", Scheme.HC, 320_000_001, 399_999_999),
    ("england-wales-4", Scheme.NHS, 400_000_000, 499_999_999),
    ("england-wales-6", Scheme.NHS, 600_000_000, 699_999_999),
    ("england-wales-7", Scheme.NHS, 700_000_000, 799_999_999),
)


def _nhs(rng: random.Random, low: int, high: int) -> str:
    while True:
        base = f"{rng.randint(low, high):09d}"
        digit = check_digit(base)
        if digit is not None and not is_placeholder(base + str(digit)):
            return base + str(digit)


def _chi(rng: random.Random, luhn: bool) -> str:
    while True:
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 90))
        base = born.strftime("%d%m%y") + f"{rng.randrange(1000):03d}"
        digit = luhn_check_digit(base) if luhn else check_digit(base)
        number = f"{base}{digit}"
        only_luhn = not luhn or check_digit(base) != digit  # a modulus-10 number that modulus 11 would refuse
        # scheme CHI: not also in an NHS range (as a birthday on the 30th or 31st can be)
        if digit is not None and not is_placeholder(number) and only_luhn and scheme_of(number) is Scheme.CHI:
            return number


def issued(seed: int = 0) -> dict[str, str]:
    """One valid number from every issuing range: the NHS and H&C ranges, CHI with either check digit."""
    rng = random.Random(seed)
    numbers = {name: _nhs(rng, low, high) for name, _, low, high in RANGES}
    numbers["scotland-chi-mod11"] = _chi(rng, luhn=False)
    numbers["scotland-chi-mod10"] = _chi(rng, luhn=True)
    return numbers


def grouped(number: str, separator: str) -> str:
    return f"{number[:3]}{separator}{number[3:6]}{separator}{number[6:]}"


def valid(first_nine: str) -> str:
    digit = check_digit(first_nine)
    assert digit is not None
    return first_nine + str(digit)
