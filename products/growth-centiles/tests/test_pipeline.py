"""The example pipeline (``python -m growth_centiles``): the shipped synthetic data in, every result out, logged."""

import logging
from pathlib import Path

import pandas as pd
import pytest

from growth_centiles import OUTPUT_COLUMNS, synthetic
from growth_centiles.__main__ import main
from growth_centiles.pipeline import example_data


def test_the_shipped_example_is_what_the_code_makes() -> None:
    made = synthetic.example().to_csv(index=False, lineterminator="\n")
    assert example_data().read_text(encoding="utf-8") == made, (
        'regenerate: python -c "from growth_centiles import synthetic; synthetic.example()'
        ".to_csv('src/growth_centiles/data/synthetic_measurements.csv', index=False, lineterminator='\\n')\""
    )


def test_pipeline_on_the_example(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    output, log = tmp_path / "out" / "results.csv", tmp_path / "logs" / "pipeline.log"
    with caplog.at_level(logging.INFO, logger="growth_centiles"):
        assert main(["--output", str(output), "--log-file", str(log)]) == 0
    results = pd.read_csv(output, dtype=str, keep_default_na=False)
    example = pd.read_csv(example_data(), dtype=str, keep_default_na=False)
    assert list(results.columns) == [*example.columns, *OUTPUT_COLUMNS]
    assert len(results) == len(example) == 375
    assert results["error"].value_counts().to_dict() == {
        "": 372,
        "observation_before_birth": 1,
        "unknown_sex": 1,
        "missing_value": 1,
    }
    assert (results.loc[results["error"] == "", "corrected_sds"] != "").all()
    text = log.read_text(encoding="utf-8")
    for line in ("read 375 rows from", "372 rows calculated without a problem", "1 row(s) unknown_sex", "wrote 375"):
        assert line in text
    assert "BMI categories (population monitoring thresholds): healthy weight" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("birth_date,sex\n2015-01-01,male\n", "missing column(s) observation_date, measurement_method"),
        (
            "birth_date,observation_date,sex,measurement_method,observation_value,error\n2015-01-01,2016-01-01,m,bmi,16,\n",
            "column(s) error would be overwritten",
        ),
        ("birth_date,observation_date,sex,measurement_method,observation_value\n", "no measurements to calculate"),
    ],
)
def test_bad_input_writes_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str | None, message: str
) -> None:
    source, output = tmp_path / "in.csv", tmp_path / "out.csv"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    output.write_text("kept\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="growth_centiles"):
        assert main(["--input", str(source), "--output", str(output), "--quiet"]) == 1
    assert message in caplog.text
    assert output.read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["out.csv", *(["in.csv"] if content else [])])
