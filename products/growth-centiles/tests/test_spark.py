"""The Spark wrapper in local mode on a small DataFrame: same results as the pandas function."""

import os
import sys
from collections.abc import Iterator

import pandas as pd
import pytest

from growth_centiles import OUTPUT_COLUMNS, agreement, calculate

pyspark = pytest.importorskip("pyspark")

pytestmark = [
    # pyspark warns about pandas 3 while it catches up; the results are checked below
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers import growth_centiles from this environment
    session = (
        SparkSession.builder.master("local[1]")
        .appName("growth-centiles-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_matches_pandas(spark: object) -> None:
    from growth_centiles.spark import calculate_spark

    cases = agreement.random_cases(300, seed=12).rename(columns={"birth_date": "dob"})
    cases.loc[cases.index[:5], "observation_value"] = -1.0
    frame = spark.createDataFrame(cases.astype({"gestation_weeks": "float64", "gestation_days": "float64"}))  # type: ignore[attr-defined]
    result = calculate_spark(frame.repartition(3), {"birth_date": "dob"}).toPandas()
    result = result.sort_values(["dob", "observation_date", "observation_value"]).reset_index(drop=True)
    expected = pd.concat([cases, calculate(cases.rename(columns={"dob": "birth_date"}))], axis=1)
    expected = expected.sort_values(["dob", "observation_date", "observation_value"]).reset_index(drop=True)
    assert list(result.columns) == [*cases.columns, *OUTPUT_COLUMNS]
    for name in OUTPUT_COLUMNS:
        if expected[name].dtype == "category":
            assert result[name].fillna("").tolist() == expected[name].astype(object).fillna("").tolist(), name
        else:
            pd.testing.assert_series_equal(result[name], expected[name], check_names=False, rtol=0, atol=0)
    assert (result["error"] == "value_not_positive").sum() == 5


def test_spark_refuses_unknown_fields_and_clashing_columns(spark: object) -> None:
    from growth_centiles.spark import calculate_spark

    frame = spark.createDataFrame(pd.DataFrame({"corrected_sds": [1.0]}))  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown field"):
        calculate_spark(frame, {"dob": "x"})
    with pytest.raises(ValueError, match="would be overwritten"):
        calculate_spark(frame)
