import random

import numpy as np
import pytest

from growth_centiles.lms import lookup, round4_keys
from growth_centiles.references import Table, round4_key, select_segments, tables
from growth_centiles.sds import centile, z_score


def _table(ages: list[float], l_values: list[float], m_values: list[float], s_values: list[float]) -> Table:
    a = np.array(ages)
    return Table("t", a, np.array([round4_key(x) for x in ages]), np.array(l_values), np.array(m_values),
                 np.array(s_values), None)  # fmt: skip


def test_round4_keys_match_python_round_including_near_halves() -> None:
    rng = random.Random(11)
    ages = [rng.uniform(-0.4, 20.1) for _ in range(20000)]
    ages += [k / 10000 + 0.00005 for k in range(-4000, 4000, 7)]  # on a half, as written
    ages += [d / 365.25 for d in range(-150, 7400)]
    keys = round4_keys(np.array(ages))
    assert keys.tolist() == [float(round(round(a, 4) * 10000.0)) for a in ages]


def test_exact_table_age_uses_the_row_as_it_is() -> None:
    table = _table([0.0, 1.0, 2.0, 3.0, 4.0], [1, 2, 3, 4, 5], [10, 20, 30, 40, 50], [0.1, 0.2, 0.3, 0.4, 0.5])
    lms = lookup(table, np.array([2.0, 2.00004, 1.99996]))
    assert lms.m.tolist() == [30.0, 30.0, 30.0]


def test_cubic_inside_the_table_reproduces_a_cubic() -> None:
    ages = [0.0, 0.5, 1.5, 2.0, 3.5, 4.0]
    cubic = [2.0 + a - 0.5 * a**2 + 0.25 * a**3 for a in ages]
    table = _table(ages, cubic, cubic, cubic)
    at = np.array([0.7, 1.9, 2.2, 3.1])
    assert np.allclose(lookup(table, at).m, 2.0 + at - 0.5 * at**2 + 0.25 * at**3, rtol=0, atol=1e-12)


def test_linear_at_the_edges_of_the_table() -> None:
    ages = [0.0, 1.0, 2.0, 3.0]
    curved = [a**3 for a in ages]
    table = _table(ages, curved, curved, curved)
    lms = lookup(table, np.array([0.25, 2.5, 1.5]))
    assert lms.m[0] == pytest.approx(0.25)  # first interval: straight line from 0 to 1
    assert lms.m[1] == pytest.approx(8 + 0.5 * 19)  # last interval: straight line from 8 to 27
    assert lms.m[2] == pytest.approx(1.5**3)  # inside: cubic through four rows is exact for a cubic


def test_outside_the_table_there_is_no_value() -> None:
    table = _table([1.0, 2.0, 3.0], [1, 1, 1], [5, 6, 7], [0.1, 0.1, 0.1])
    assert np.isnan(lookup(table, np.array([0.5, 3.5, np.nan])).m).all()


def test_linear_only_when_asked() -> None:
    ages = [0.0, 1.0, 2.0, 3.0, 4.0]
    curved = [a**2 for a in ages]
    table = _table(ages, curved, curved, curved)
    assert lookup(table, np.array([1.5]), linear_only=True).m[0] == pytest.approx(2.5)
    assert lookup(table, np.array([1.5])).m[0] == pytest.approx(2.25)


def test_z_score_box_cox_and_log_form_for_l_zero() -> None:
    table = _table([0.0, 1.0], [0.0, 0.0], [10.0, 10.0], [0.1, 0.1])
    lms = lookup(table, np.array([0.0, 0.0]))
    z = z_score(np.array([12.0, 8.0]), lms)
    assert z.tolist() == pytest.approx([np.log(1.2) / 0.1, np.log(0.8) / 0.1])
    table = _table([0.0, 1.0], [-1.5, -1.5], [10.0, 10.0], [0.1, 0.1])
    z = z_score(np.array([12.0]), lookup(table, np.array([0.0])))
    assert z[0] == pytest.approx(((12 / 10) ** -1.5 - 1) / (-1.5 * 0.1))
    assert centile(np.array([0.0, 1.0]))[0] == 50.0


def test_no_interpolation_across_a_segment_boundary() -> None:
    # just below 4 years UK-WHO uses WHO 2006 (daily), from 4 years UK90: the values jump at the boundary
    ages = np.array([1460 / 365.25, 4.0])
    segments = select_segments("uk-who", "height", "male", ages)
    assert segments.tolist() == [2, 3]
    who, uk90 = tables("uk-who", "height", "male")[2], tables("uk-who", "height", "male")[3]
    day_1460 = int(np.flatnonzero(np.isclose(who.ages, ages[0], atol=1e-9))[0])
    assert lookup(who, ages[:1]).m[0] == who.m[day_1460]  # a daily table age: used as it is
    assert lookup(uk90, ages[1:]).m[0] == uk90.m[0]  # the first UK90 row, not a blend with WHO
    assert who.m[day_1460] != uk90.m[0]


def test_reference_age_ranges_and_sexes() -> None:
    ages = np.array([-0.5, -0.3, 0.5, 10.0, 17.5, 18.5, 19.5, 20.5])
    assert (select_segments("uk-who", "weight", "male", ages) >= 0).tolist() == [0, 1, 1, 1, 1, 1, 1, 0]
    assert (select_segments("uk-who", "ofc", "female", ages) >= 0).tolist() == [0, 1, 1, 1, 0, 0, 0, 0]
    assert (select_segments("uk-who", "ofc", "male", ages) >= 0).tolist() == [0, 1, 1, 1, 1, 0, 0, 0]
    assert (select_segments("turners-syndrome", "height", "female", ages) >= 0).tolist() == [0, 0, 0, 1, 1, 1, 1, 0]
    assert (select_segments("turners-syndrome", "height", "male", ages) >= 0).sum() == 0
    assert (select_segments("cdc", "bmi", "male", ages) >= 0).tolist() == [0, 0, 0, 1, 1, 1, 1, 0]
    assert (select_segments("who", "height", "male", ages) >= 0).tolist() == [0, 0, 1, 1, 1, 1, 0, 0]
    with pytest.raises(ValueError, match="unknown reference"):
        select_segments("uk90", "height", "male", ages)


def test_tables_are_the_ones_rcpchgrowth_loads() -> None:
    """Our reading of rcpchgrowth's data files gives exactly the tables its modules use."""
    from rcpchgrowth import cdc, trisomy_21, trisomy_21_aap, turner, uk_who, who

    from growth_centiles.references import METHODS, REFERENCES, SEXES, SOURCES, _load

    modules = {
        "uk-who": [uk_who.UK90_PRETERM_DATA, uk_who.WHO_INFANTS_DATA, uk_who.WHO_CHILD_DATA, uk_who.UK90_CHILD_DATA],
        "who": [who.WHO_INFANTS_DATA, who.WHO_CHILD_DATA, who.WHO_2007_DATA],
        "cdc": [cdc.CDC_INFANT_DATA, cdc.WHO_INFANTS_DATA, cdc.CDC_CHILD_DATA],
        "turners-syndrome": [turner.TURNER_DATA],
        "trisomy-21": [trisomy_21.TRISOMY_21_DATA],
        "trisomy-21-aap": [trisomy_21_aap.TRISOMY_21_AAP_INFANT_DATA, trisomy_21_aap.TRISOMY_21_AAP_CHILD_DATA],
    }
    for reference in REFERENCES:
        for (_, relative), data in zip(SOURCES[reference], modules[reference], strict=True):
            assert _load(relative)["measurement"] == data["measurement"]
        for method in METHODS:
            for sex in SEXES:
                assert len(tables(reference, method, sex)) == len(modules[reference])
