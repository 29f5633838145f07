"""L, M and S for arrays of ages within one segment table, by rcpchgrowth's rules.

- An age that equals a table age when both are rounded to 4 decimal places (as Python's
  ``round(age, 4)`` rounds) takes that table row's values as they are.
- Otherwise the values are interpolated between the table rows around the age: cubic
  (Lagrange, through two rows below and two above) when the table has them, linear
  between the two neighbouring rows at the first and last interval of the table, and
  always linear where ``linear_only`` is set (WHO SDS, CDC BMI with sigma).
- An age before the table's first row or after its last has no values (NaN).

The arithmetic follows rcpchgrowth's ``fetch_lms``, ``cubic_interpolation`` and
``linear_interpolation`` (numpy.interp) operation by operation, so results agree to
the last bit or two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from growth_centiles.references import BoolArray, FloatArray, Table


def round4_keys(age: FloatArray) -> FloatArray:
    """Python's ``round(age, 4)`` for every age, scaled by 10000 (whole numbers, NaN stays NaN).

    ``np.round`` rounds ``age * 10000`` after the multiplication has rounded, which can differ
    from Python's correctly rounded ``round`` when the product lies within a hair of a half;
    those few ages are rounded one by one with Python's own ``round``.
    """
    scaled = age * 10000.0
    keys = np.rint(scaled)
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_half.any():
        keys[near_half] = [float(round(round(float(a), 4) * 10000.0)) for a in age[near_half]]
    return keys


@dataclass(frozen=True)
class Lms:
    """L, M, S (and sigma, NaN where the table has none) for each age; NaN where there is no value."""

    l: FloatArray
    m: FloatArray
    s: FloatArray
    sigma: FloatArray

    @property
    def found(self) -> BoolArray:
        return ~np.isnan(self.m)


def _cubic(t: FloatArray, x: tuple[FloatArray, ...], y: tuple[FloatArray, ...]) -> FloatArray:
    # rcpchgrowth.global_functions.cubic_interpolation, term by term in the same order
    a2b, a1b, a1a, a2a = x
    p2b, p1b, p1a, p2a = y
    tt0 = t - a2b
    tt1 = t - a1b
    tt2 = t - a1a
    tt3 = t - a2a
    t01 = a2b - a1b
    t02 = a2b - a1a
    t03 = a2b - a2a
    t12 = a1b - a1a
    t13 = a1b - a2a
    t23 = a1a - a2a
    result: FloatArray = (
        p2b * tt1 * tt2 * tt3 / t01 / t02 / t03
        - p1b * tt0 * tt2 * tt3 / t01 / t12 / t13
        + p1a * tt0 * tt1 * tt3 / t02 / t12 / t23
        - p2a * tt0 * tt1 * tt2 / t03 / t13 / t23
    )
    return result


def _linear(t: FloatArray, x0: FloatArray, x1: FloatArray, y0: FloatArray, y1: FloatArray) -> FloatArray:
    # numpy.interp between two points, which is what scipy's interp1d (used by rcpchgrowth) calls
    slope = (y1 - y0) / (x1 - x0)
    result: FloatArray = slope * (t - x0) + y0
    return result


def lookup(table: Table, age: FloatArray, *, linear_only: bool = False) -> Lms:
    """L, M, S (and sigma) of ``table`` at each age; NaN where the table has no value for the age."""
    n = age.size
    nan = np.full(n, np.nan)
    out = {name: nan.copy() for name in ("l", "m", "s", "sigma")}
    columns = {"l": table.l, "m": table.m, "s": table.s}
    if table.sigma is not None:
        columns["sigma"] = table.sigma
        linear_only = True  # rcpchgrowth interpolates CDC BMI (which has sigma) linearly only
    size = table.size
    if size == 0 or n == 0:
        return Lms(**out)

    keys = round4_keys(age)
    first_match = np.searchsorted(table.keys, keys, side="left")
    exact = first_match < size
    exact[exact] = table.keys[first_match[exact]] == keys[exact]

    below = np.searchsorted(table.ages, age, side="left") - 1  # the last table age strictly below the age
    with np.errstate(invalid="ignore"):
        inside = ~exact & (below >= 0) & (below + 1 < size) & ~np.isnan(age)
    cubic = np.zeros(n, dtype=bool) if linear_only else inside & (below >= 1) & (below < size - 2)
    linear = inside & ~cubic

    if exact.any():
        rows = first_match[exact]
        for name, values in columns.items():
            out[name][exact] = values[rows]
    if cubic.any():
        i = below[cubic]
        t = age[cubic]
        x = (table.ages[i - 1], table.ages[i], table.ages[i + 1], table.ages[i + 2])
        for name, values in columns.items():
            out[name][cubic] = _cubic(t, x, (values[i - 1], values[i], values[i + 1], values[i + 2]))
    if linear.any():
        i = below[linear]
        t = age[linear]
        for name, values in columns.items():
            out[name][linear] = _linear(t, table.ages[i], table.ages[i + 1], values[i], values[i + 1])
    return Lms(**out)
