"""The example pipeline: measurements in, every result out, each step logged.

Steps: read the measurements in chunks (as text: each value is judged by the calculation),
calculate ages, SDS, centiles, bands and BMI categories for every row, write every input
column followed by the results, and log how many rows were read, calculated and flagged, by
error code, and the BMI categories. With no input it runs on the synthetic measurements
shipped with the package, so a run can be checked from its log alone.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import pandas as pd

from growth_centiles.cli import Tally
from growth_centiles.codes import DESCRIPTIONS, Code
from growth_centiles.files import AtomicWriter, FileProblem, ReadStats, read_chunks
from growth_centiles.frame import OUTPUT_COLUMNS, REQUIRED_FIELDS, calculate

LOG = logging.getLogger(__name__)

DEFAULT_OUTPUT = Path("data/processed/growth_centiles.csv")
CHUNK_BYTES, CHUNK_ROWS = 32 << 20, 500_000


class PipelineError(Exception):
    """The input cannot be processed (missing file, missing columns, unwritable output)."""


def example_data() -> Path:
    """The synthetic measurements shipped with the package (made by :func:`growth_centiles.synthetic.example`)."""
    return Path(str(resources.files(__package__).joinpath("data", "synthetic_measurements.csv")))


def run(source: Path, output: Path) -> Tally:
    """Calculate every row of ``source`` into ``output`` (CSV or Parquet, by suffix); the counts."""
    if not source.is_file():
        raise PipelineError(f"{source}: no such file")
    output.parent.mkdir(parents=True, exist_ok=True)
    stats, tally = ReadStats(), Tally()
    try:
        writer = AtomicWriter(output)
    except FileProblem as exc:
        raise PipelineError(str(exc)) from None
    try:
        for chunk in read_chunks(source, CHUNK_BYTES, CHUNK_ROWS, stats):
            missing = [name for name in REQUIRED_FIELDS if name not in chunk.columns]
            if missing:
                raise PipelineError(f"{source}: line 1: missing column(s) {', '.join(missing)}")
            if clash := [name for name in OUTPUT_COLUMNS if name in chunk.columns]:
                raise PipelineError(f"{source}: line 1: column(s) {', '.join(clash)} would be overwritten")
            results = calculate(chunk)
            writer.write(pd.concat([chunk, results], axis=1))
            tally.add(results)
            LOG.info("calculated %d rows (%d so far)", len(chunk), tally.rows)
        if tally.rows == 0:
            raise PipelineError(f"{source}: no measurements to calculate (the file has no rows)")
        writer.commit()
    except FileProblem as exc:
        writer.abandon()
        raise PipelineError(str(exc)) from None
    except BaseException:
        writer.abandon()
        raise
    _log_summary(source, output, stats, tally)
    return tally


def _log_summary(source: Path, output: Path, stats: ReadStats, tally: Tally) -> None:
    LOG.info("read %d rows from %s", tally.rows, source)
    if stats.skipped_rows:
        LOG.warning("skipped %d malformed CSV line(s) (wrong number of fields)", stats.skipped_rows)
    LOG.info("%d rows calculated without a problem", tally.calculated)
    for code in Code:
        if count := tally.errors.get(code.value):
            LOG.warning("%d row(s) %s: %s", count, code.value, DESCRIPTIONS[code])
    for kind, counts in (("population monitoring", tally.population), ("clinical", tally.clinical)):
        if counts:
            shown = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()) if count)
            LOG.info("BMI categories (%s thresholds): %s", kind, shown)
    LOG.info("wrote %d rows to %s", tally.rows, output)
