"""Reading and writing CSV and Parquet in chunks, so files larger than memory stream through.

CSV columns are read as text (each value is judged by the calculation, so a stray word in
a number column marks that row, not the file). Rows with the wrong number of fields
cannot be placed in columns: they are skipped and counted. Output goes to a temporary
file beside the target and replaces it only when complete.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CSV_SUFFIXES = (".csv", ".csv.gz", ".csv.bz2", ".csv.zst", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd"}


class FileProblem(Exception):
    """A file that cannot be read or written as asked (named, with what to do)."""


def file_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    raise FileProblem(f"{path}: unknown file type; use a name ending .csv or .parquet")


@dataclass
class ReadStats:
    bytes_total: int = 0
    bytes_read: int = 0
    rows_total: int | None = None
    skipped_rows: int = 0
    skipped_examples: list[str] = field(default_factory=list)


def _header(path: Path) -> list[str]:
    with pa.input_stream(str(path), compression="detect") as stream:
        text = io.TextIOWrapper(io.BufferedReader(stream), encoding="utf-8-sig", errors="replace", newline="")
        names = next(csv.reader(text), None)
    if not names:
        raise FileProblem(f"{path}: line 1: no header row; the first line must name the columns")
    return names


def _batch_frame(batch: pa.RecordBatch) -> pd.DataFrame:
    try:
        batch.validate(full=True)
        return batch.to_pandas()
    except (pa.ArrowInvalid, UnicodeDecodeError):
        # text that is not UTF-8: keep the row, replacing the undecodable bytes
        columns = {}
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                raw = pc.cast(column.view(pa.binary()), pa.binary())
                columns[name] = [None if v is None else v.decode("utf-8", "replace") for v in raw.to_pylist()]
            else:
                columns[name] = column.to_pandas()
        return pd.DataFrame(columns)


def read_chunks(path: Path, chunk_bytes: int, chunk_rows: int, stats: ReadStats) -> Iterator[pd.DataFrame]:
    """Yield the file as DataFrames of about ``chunk_bytes`` (CSV) or ``chunk_rows`` rows (Parquet)."""
    kind = file_kind(path)
    if not path.is_file():
        raise FileProblem(f"{path}: no such file")
    stats.bytes_total = path.stat().st_size
    try:
        if kind == "parquet":
            yield from _read_parquet(path, chunk_rows, stats)
        else:
            yield from _read_csv(path, chunk_bytes, stats)
    except (pa.ArrowInvalid, pa.ArrowException, OSError) as err:
        raise FileProblem(f"{path}: cannot be read: {err}") from err


def _read_parquet(path: Path, chunk_rows: int, stats: ReadStats) -> Iterator[pd.DataFrame]:
    parquet = pq.ParquetFile(str(path))
    stats.rows_total = parquet.metadata.num_rows
    for batch in parquet.iter_batches(batch_size=chunk_rows):
        stats.bytes_read += int(stats.bytes_total * batch.num_rows / max(stats.rows_total, 1))
        yield _batch_frame(batch)


def _read_csv(path: Path, chunk_bytes: int, stats: ReadStats) -> Iterator[pd.DataFrame]:
    names = _header(path)
    if len(set(names)) != len(names):
        duplicates = sorted({name for name in names if names.count(name) > 1})
        raise FileProblem(f"{path}: line 1: repeated column name(s): {', '.join(duplicates)}")

    def skip(row: pacsv.InvalidRow) -> str:
        stats.skipped_rows += 1
        if len(stats.skipped_examples) < 5:
            stats.skipped_examples.append(f"{row.actual_columns} fields instead of {row.expected_columns}: {row.text}")
        return "skip"

    raw = open(path, "rb")  # noqa: SIM115 - closed below; its position measures progress
    codec = _COMPRESSION.get(path.suffix.lower())
    with raw, pa.CompressedInputStream(raw, codec) if codec else pa.PythonFile(raw, mode="r") as stream:
        reader = pacsv.open_csv(
            stream,
            read_options=pacsv.ReadOptions(block_size=chunk_bytes),
            parse_options=pacsv.ParseOptions(invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                check_utf8=False,
            ),
        )
        for batch in reader:
            with contextlib.suppress(ValueError, OSError):
                stats.bytes_read = raw.tell()
            yield _batch_frame(batch)
        stats.bytes_read = stats.bytes_total


class AtomicWriter:
    """Write chunks to a temporary file next to ``path``; :meth:`commit` moves it into place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = file_kind(path)
        if self.path.is_dir():
            raise FileProblem(f"{path}: is a folder; give a file name for the output")
        if not self.path.parent.is_dir():
            raise FileProblem(f"{path}: the folder {path.parent} does not exist")
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        os.close(handle)
        self.temporary = Path(temporary)
        self._writer: pacsv.CSVWriter | pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None

    def write(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
        if self._writer is None:
            self._schema = table.schema
            if self.kind == "parquet":
                self._writer = pq.ParquetWriter(str(self.temporary), table.schema)
            else:
                self._writer = pacsv.CSVWriter(str(self.temporary), table.schema)
        elif self._schema is not None and not table.schema.equals(self._schema):
            table = table.cast(self._schema)
        self._writer.write_table(table)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            if self._writer is not None:
                self._writer.close()
        self.temporary.unlink(missing_ok=True)
