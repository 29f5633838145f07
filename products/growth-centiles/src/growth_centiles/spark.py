"""Run the calculation on Spark, for data that outgrows one machine.

The calculation is a pure function of one pandas DataFrame, so Spark's ``mapInPandas``
applies it to each partition's Arrow batches; the result keeps every input column and
adds the result columns. Requires the ``spark`` extra (pyspark).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql.types import StructType

from growth_centiles.frame import FIELDS, OUTPUT_COLUMNS, Options, calculate

_TEXT_COLUMNS = frozenset(
    {
        "corrected_centile_band",
        "chronological_centile_band",
        "bmi_category_population",
        "bmi_category_clinical",
        "error",
    }
)


def result_schema_ddl() -> str:
    """The result columns as a Spark DDL fragment."""
    return ", ".join(f"`{name}` {'string' if name in _TEXT_COLUMNS else 'double'}" for name in OUTPUT_COLUMNS)


def calculate_spark(
    frame: DataFrame, columns: Mapping[str, str] | None = None, options: Options | None = None
) -> DataFrame:
    """Add the result columns to a Spark DataFrame; ``columns`` maps fields to column names where they differ."""
    mapping = dict(columns or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}")
    clash = [name for name in OUTPUT_COLUMNS if name in frame.columns]
    if clash:
        raise ValueError(f"column(s) {', '.join(clash)} would be overwritten by results; rename them")
    options = options or Options()
    result_schema = StructType.fromDDL(result_schema_ddl())
    schema = StructType(list(frame.schema.fields) + list(result_schema.fields))

    def apply(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            fields = {name: batch[mapping.get(name, name)] for name in FIELDS if mapping.get(name, name) in batch}
            results = calculate(pd.DataFrame(fields, index=batch.index), options)
            for name in _TEXT_COLUMNS:
                results[name] = results[name].astype(object).where(results[name].notna(), None)
            yield pd.concat([batch, results], axis=1)

    return frame.mapInPandas(apply, schema=schema)
