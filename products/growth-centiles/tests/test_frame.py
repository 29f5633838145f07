import numpy as np
import pandas as pd
import pytest

from growth_centiles import OUTPUT_COLUMNS, Options, calculate
from growth_centiles.codes import NO_RESULT, Code


def test_every_row_gets_its_expected_code(rows: pd.DataFrame) -> None:
    results = calculate(rows.drop(columns=["case", "expected_error"]))
    got = results["error"].astype(object).where(results["error"].notna(), "").tolist()
    expected = rows["expected_error"].tolist()
    wrong = [(case, e, g) for case, e, g in zip(rows["case"], expected, got, strict=True) if e != g]
    assert not wrong


def test_rows_without_results_have_no_sds_and_others_do(rows: pd.DataFrame) -> None:
    results = calculate(rows.drop(columns=["case", "expected_error"]))
    no_result = rows["expected_error"].isin([code.value for code in NO_RESULT]).to_numpy()
    has_any = results[["corrected_sds", "chronological_sds"]].notna().any(axis=1).to_numpy()
    assert not (no_result & has_any).any()
    assert has_any[~no_result].all()


def test_output_has_the_documented_columns_and_keeps_the_index(rows: pd.DataFrame) -> None:
    frame = rows.drop(columns=["case", "expected_error"]).set_axis(range(100, 100 + len(rows)))
    results = calculate(frame)
    assert tuple(results.columns) == OUTPUT_COLUMNS
    assert results.index.equals(frame.index)


def test_typed_columns_give_the_same_results_as_text(rows: pd.DataFrame) -> None:
    text = rows.drop(columns=["case", "expected_error"]).iloc[:6]
    typed = text.assign(
        birth_date=pd.to_datetime(text["birth_date"]),
        observation_date=pd.to_datetime(text["observation_date"]),
        observation_value=text["observation_value"].astype(float),
        gestation_weeks=pd.to_numeric(text["gestation_weeks"]),
        gestation_days=pd.to_numeric(text["gestation_days"]),
    )
    pd.testing.assert_frame_equal(calculate(text), calculate(typed))


def test_date_format_option_reads_day_first_dates() -> None:
    frame = pd.DataFrame(
        {
            "birth_date": ["01/02/2015"],
            "observation_date": ["28/12/2020"],
            "sex": ["male"],
            "measurement_method": ["height"],
            "observation_value": ["110"],
        }
    )
    iso = calculate(frame.assign(birth_date=["2015-02-01"], observation_date=["2020-12-28"]))
    day_first = calculate(frame, Options(date_format="%d/%m/%Y"))
    assert day_first["corrected_sds"].iloc[0] == iso["corrected_sds"].iloc[0]
    assert pd.isna(calculate(frame)["corrected_sds"].iloc[0])  # not ISO: marked invalid, not guessed


def test_default_reference_applies_to_rows_without_one() -> None:
    frame = pd.DataFrame(
        {
            "birth_date": ["2015-01-01"] * 2,
            "observation_date": ["2020-12-28"] * 2,
            "sex": ["female"] * 2,
            "measurement_method": ["height"] * 2,
            "observation_value": ["110"] * 2,
            "reference": ["", "uk-who"],
        }
    )
    results = calculate(frame, Options(reference="trisomy-21"))
    assert results["corrected_sds"].iloc[0] != results["corrected_sds"].iloc[1]
    assert results["corrected_sds"].iloc[0] == calculate(frame.assign(reference="trisomy-21"))["corrected_sds"].iloc[0]


def test_unknown_default_reference_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reference"):
        Options(reference="uk90")


def test_missing_required_column_is_named() -> None:
    with pytest.raises(KeyError, match="observation_value"):
        calculate(pd.DataFrame({"birth_date": [], "observation_date": [], "sex": [], "measurement_method": []}))


def test_bmi_categories_follow_the_thresholds() -> None:
    # a 10-year-old girl's BMI at exact SDS values around each threshold, made from UK90's own L, M, S
    from growth_centiles.lms import lookup
    from growth_centiles.references import tables

    age = np.array([(pd.Timestamp("2020-12-28") - pd.Timestamp("2010-06-01")).days / 365.25])
    lms = lookup(tables("uk-who", "bmi", "female")[3], age)
    sds = np.array([-2.1, -1.9, 1.0, 1.2, 1.5, 1.7, 2.1, 2.7, 3.0])
    values = lms.m * (1 + lms.l * lms.s * sds) ** (1 / lms.l)
    frame = pd.DataFrame(
        {
            "birth_date": "2010-06-01",
            "observation_date": "2020-12-28",
            "sex": "female",
            "measurement_method": "bmi",
            "observation_value": values,
        }
    )
    results = calculate(frame)
    # centiles: 1.8, 2.9, 84.1, 88.5, 93.3, 95.5, 98.2, 99.65, 99.87
    assert results["bmi_category_population"].tolist() == [
        "underweight",
        "healthy weight",
        "healthy weight",
        "overweight",
        "overweight",
        "obese",
        "obese",
        "severely obese",
        "severely obese",
    ]
    assert results["bmi_category_clinical"].tolist() == [
        "underweight",
        "healthy weight",
        "healthy weight",
        "healthy weight",
        "overweight",
        "overweight",
        "obese",
        "severely obese",
        "severely obese",
    ]


def test_bmi_categories_only_for_uk_who_from_four_years() -> None:
    frame = pd.DataFrame(
        {
            "birth_date": ["2019-01-01", "2010-01-01", "2010-01-01"],
            "observation_date": ["2022-06-01", "2020-06-01", "2020-06-01"],
            "sex": "male",
            "measurement_method": ["bmi", "bmi", "weight"],
            "observation_value": ["16", "17", "30"],
            "reference": ["uk-who", "cdc", "uk-who"],
        }
    )
    results = calculate(frame)
    assert results["bmi_category_population"].isna().all()
    assert results["bmi_category_clinical"].isna().all()


def test_codes_are_listed_in_priority_order() -> None:
    assert next(iter(Code)) is Code.INVALID_DATE
    assert list(Code)[-1] is Code.IMPLAUSIBLE_SDS
