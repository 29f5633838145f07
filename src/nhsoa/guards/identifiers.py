"""Which ten-digit numbers could be a patient's NHS, H&C or CHI number.

A number is reported only if it could have been issued to a person: it lies in a range one of the
UK's health services issues from, and its check digit is right. The rules and where they come from:

- Check digit (NHS and H&C numbers). NHS Data Model and Dictionary, attribute NHS NUMBER
  (https://www.datadictionary.nhs.uk/attributes/nhs_number.html): "The NHS NUMBER is 10 numeric
  digits in length. The tenth digit is a check digit used to confirm its validity. The check digit
  is validated using the Modulus 11 algorithm": weights 10 down to 2 on the first nine digits, "If
  the result is 11 then a check digit of 0 is used. If the result is 10 then the NHS NUMBER is
  invalid and not used."
- England, Wales and the Isle of Man: first nine digits "400 000 000 to 499 999 999, and 600 000 000
  to 799 999 999", the ranges NHS implementation guides give beside the Data Dictionary's definition
  (NHS North West Genomic Medicine Service Alliance FHIR guide, profile NHSNumber,
  https://github.com/nw-gmsa/nw-gmsa.github.com, input/intro-notes/StructureDefinition-NHSNumber-intro.md).
  "Current numbers in England also include 3xx xxx xxxx" (https://en.wikipedia.org/wiki/NHS_number;
  no NHS England page stating it was found), so 300 000 000 to 320 000 000 counts too.
- Northern Ireland: NHS Data Model and Dictionary, attribute HEALTH AND CARE NUMBER
  (https://archive.datadictionary.nhs.uk/DD%20Release%20August%202024/attributes/health_and_care_number.html):
  "in the same format as the NHS NUMBER in England (3 3 4 format with the tenth digit being a modulus
  11 check digit) ... taken from a range of numbers reserved for Northern Ireland (320 000 001 to
  399 999 999 plus check digit)".
- Scotland: NHS Data Model and Dictionary, attribute COMMUNITY HEALTH INDEX NUMBER
  (https://www.datadictionary.nhs.uk/attributes/community_health_index_number.html): "ten numeric
  digits in length, and is constructed as follows: PERSON BIRTH DATE (in format DDMMYY); two further
  digits; a ninth digit which is always an even number for females and an odd number for males; an
  arithmetical check digit." Public Health Scotland's own CHI validation (phsmethods ``chi_check``,
  https://github.com/Public-Health-Scotland/phsmethods, R/chi_check.R) accepts "Do the first six
  digits denote a valid date? Is the checksum digit correct?", where the checksum is the modulus 11
  check above or, "starting from 2026, some CHIs will only pass if they meet the modulo 10 criteria"
  (the Luhn check digit); both are accepted here.
- Test numbers: "999 000 0000 to 999 999 9999" is the range reserved for testing (same FHIR guide);
  it lies outside every range above, so test numbers are never reported.

Numbers a person types as a placeholder (one or two digits repeated, a run such as 0123456789, a
short block repeated, six of one digit in a row) and bit masks written in decimal (at most two
non-zero hexadecimal digits) are never reported: real numbers almost never look like that (about 6
in 100,000), and code is full of them.
"""

from __future__ import annotations

import calendar
import enum
import itertools
import re


class Scheme(enum.Enum):
    """The service a number could have been issued by; the value is how messages name it."""

    NHS = "NHS number (England, Wales, Isle of Man)"
    HC = "H&C number (Northern Ireland)"
    CHI = "CHI number (Scotland)"


# First nine digits, inclusive bounds (see the module docstring for the source of each).
_RANGES: tuple[tuple[int, int, Scheme], ...] = (
    (300_000_000, 320_000_000, Scheme.NHS),
    (320_000_001, 399_999_999, Scheme.HC),
    (400_000_000, 499_999_999, Scheme.NHS),
    (600_000_000, 799_999_999, Scheme.NHS),
)


def check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit of nine digits, or None when no valid number can end them."""
    a, b, c, d, e, f, g, h, i = map(int, first_nine[:9])  # unrolled: scan runs this for every candidate
    check = 11 - (10 * a + 9 * b + 8 * c + 7 * d + 6 * e + 5 * f + 4 * g + 3 * h + 2 * i) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def luhn_check_digit(first_nine: str) -> int:
    """The modulus-10 (Luhn) check digit of nine digits, as CHI numbers issued from 2025 use."""
    total = 0
    for position, char in enumerate(reversed(first_nine)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def is_nhs_number(text: str) -> bool:
    """True for ten digits (spaces and hyphens ignored) with a correct modulus-11 check digit."""
    digits = text.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return check_digit(digits[:9]) == int(digits[9])


def is_date_of_birth(ddmmyy: str) -> bool:
    """Whether DDMMYY is a calendar date in some century (29 February only in years divisible by 4)."""
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    if not 1 <= month <= 12 or day < 1:
        return False
    leap_year = 2000 + year  # 00 is a leap year as 2000, so a two-digit year's February is never shorter
    return day <= calendar.monthrange(leap_year, month)[1]


def is_placeholder(digits: str) -> bool:
    """Digits a person types to stand for a number: repeats, runs and repeated blocks."""
    if len(set(digits)) <= 2:  # 0000000000, 1111111111, 4000000004, 1212121212
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    if steps in ({1}, {9}):  # 0123456789, 1234567890, 9876543210
        return True
    if any((digits[:size] * 10)[:10] == digits for size in range(3, 6)):  # 1231231231, 1234512345
        return True
    if re.search(r"(.)\1{5}", digits):  # six or more of one digit in a row: 4500000000, 7111111112
        return True
    return _hex_round(int(digits))


def _hex_round(value: int) -> bool:
    """At most two non-zero hexadecimal digits: bit masks and flags (0x60000000 is 1610612736)."""
    return sum(char != "0" for char in f"{value:x}") <= 2


def range_scheme(first_nine: int) -> Scheme | None:
    """The NHS or H&C range holding these first nine digits, if any."""
    return next((scheme for low, high, scheme in _RANGES if low <= first_nine <= high), None)


def scheme_of(digits: str) -> Scheme | None:
    """The service that could have issued these ten digits, or None if none could have."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return None
    base, last = digits[:9], int(digits[9])
    mod11 = check_digit(base) == last
    scheme = range_scheme(int(base)) if mod11 else None
    if scheme is None and is_date_of_birth(digits[:6]) and (mod11 or luhn_check_digit(base) == last):
        scheme = Scheme.CHI
    return None if scheme is None or is_placeholder(digits) else scheme  # the costlier test last
