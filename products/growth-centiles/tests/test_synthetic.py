"""The synthetic cohort: its SDS spread is the reference's, so charts and reports made from it read true."""

import pandas as pd
import pytest

from growth_centiles import calculate, synthetic


@pytest.fixture(scope="module")
def cohort_sds() -> pd.DataFrame:
    cohort = synthetic.cohort(children=8000, visits=3, seed=7)
    return pd.concat([cohort, calculate(cohort)], axis=1)


@pytest.mark.parametrize("method", ["height", "weight", "ofc"])
def test_simulated_sds_is_standard_normal(cohort_sds: pd.DataFrame, method: str) -> None:
    measured = cohort_sds[cohort_sds["measurement_method"] == method]
    # one measurement per child, so that repeated visits do not narrow the uncertainty falsely
    sds = measured.groupby("child_id")["corrected_sds"].first().dropna()
    assert len(sds) > 800
    assert abs(sds.mean()) < 0.1
    assert 0.92 < sds.std() < 1.08  # 1 + 0.15^2 drift: about 1.01


def test_head_circumference_follows_height_as_set(cohort_sds: pd.DataFrame) -> None:
    wide = cohort_sds.pivot_table(
        index=["child_id", "observation_date"], columns="measurement_method", values="corrected_sds"
    ).dropna(subset=["ofc", "height"])
    assert 0.4 < wide["ofc"].corr(wide["height"]) < 0.6  # 0.5 / 1.0225


def test_cohort_is_the_same_for_the_same_seed() -> None:
    pd.testing.assert_frame_equal(synthetic.cohort(50, 3, seed=1), synthetic.cohort(50, 3, seed=1))
