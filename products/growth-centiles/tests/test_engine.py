"""The engine groups rows by reference, measurement and sex; results do not depend on row order."""

import dataclasses

import numpy as np

from growth_centiles import agreement
from growth_centiles.engine import Group, Parsed, compute, groups
from growth_centiles.frame import Options, parse
from growth_centiles.references import METHODS, REFERENCES, SEXES


def _parsed(size: int, seed: int) -> Parsed:
    return parse(agreement.random_cases(size, seed=seed), Options())


def test_groups_name_their_reference_measurement_and_sex_and_cover_each_row_once() -> None:
    parsed = _parsed(3000, seed=21)
    rows = np.flatnonzero(parsed.problem < 0)
    found = list(groups(parsed, rows))
    assert len({group for group, _ in found}) == len(found) > 20  # each group once
    assert np.array_equal(np.sort(np.concatenate([members for _, members in found])), rows)
    for group, members in found:
        assert isinstance(group, Group)
        codes = (REFERENCES.index(group.reference), METHODS.index(group.method), SEXES.index(group.sex))
        assert {(parsed.reference[i], parsed.method[i], parsed.sex[i]) for i in members} == {codes}
    assert list(groups(parsed, rows[:0])) == []


def test_results_do_not_depend_on_the_order_of_rows() -> None:
    parsed = _parsed(4000, seed=22)
    order = np.random.default_rng(3).permutation(parsed.days.size)
    shuffled = Parsed(**{field.name: getattr(parsed, field.name)[order] for field in dataclasses.fields(Parsed)})
    straight, mixed = compute(parsed), compute(shuffled)
    for field in dataclasses.fields(straight):
        np.testing.assert_array_equal(getattr(straight, field.name)[order], getattr(mixed, field.name))
