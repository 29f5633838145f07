"""Command line: ``growth-centiles calculate INPUT -o OUTPUT`` and helpers.

Exit codes: 0 done (rows with problems are marked in the output, not fatal), 1 a file or
column problem stopped the run (nothing written), 2 wrong usage, 3 a bug, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from growth_centiles import __version__
from growth_centiles.codes import DESCRIPTIONS, Code
from growth_centiles.frame import FIELDS, OUTPUT_COLUMNS, REQUIRED_FIELDS, Options, calculate
from growth_centiles.references import REFERENCES

from .files import AtomicWriter, FileProblem, ReadStats, read_chunks


class UsageProblem(Exception):
    """The command line asks for something impossible."""


@dataclass
class Tally:
    """Counts over all chunks for the summary."""

    rows: int = 0
    calculated: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    population: Counter[str] = field(default_factory=Counter)
    clinical: Counter[str] = field(default_factory=Counter)

    def add(self, results: pd.DataFrame) -> None:
        self.rows += len(results)
        self.calculated += int(results["error"].isna().sum())
        self.errors.update(results["error"].value_counts().to_dict())
        self.population.update(results["bmi_category_population"].value_counts().to_dict())
        self.clinical.update(results["bmi_category_clinical"].value_counts().to_dict())


def _mapping(pairs: Sequence[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not column:
            raise UsageProblem(f"--column {pair!r}: write it as FIELD=COLUMN, e.g. --column birth_date=dob")
        if name not in FIELDS:
            raise UsageProblem(f"--column {pair!r}: unknown field {name!r}; fields are {', '.join(FIELDS)}")
        mapping[name] = column
    return mapping


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="growth-centiles",
        description="Child growth SDS and centiles for whole populations, by the rules of RCPCH rcpchgrowth.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    calc = commands.add_parser(
        "calculate",
        help="add ages, SDS, centiles, bands and BMI categories to every row of a CSV or Parquet file",
        description="Reads INPUT in chunks and writes every input column plus the results to OUTPUT.",
    )
    calc.add_argument("input", type=Path, help="CSV or Parquet file, one measurement per row")
    calc.add_argument("-o", "--output", type=Path, required=True, help="CSV or Parquet file to write (by its suffix)")
    calc.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"the input column holding FIELD when its name differs; fields: {', '.join(FIELDS)}",
    )
    calc.add_argument(
        "--reference",
        default="uk-who",
        choices=REFERENCES,
        help="reference for rows without a reference column value (default uk-who)",
    )
    calc.add_argument(
        "--date-format",
        default="ISO8601",
        help="strftime format of the dates, e.g. %%d/%%m/%%Y (default ISO 8601: 2024-03-31)",
    )
    calc.add_argument("--chunk-mb", type=int, default=32, help="CSV read size per chunk in MB (default 32)")
    calc.add_argument("--chunk-rows", type=int, default=500_000, help="Parquet rows per chunk (default 500000)")
    calc.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    calc.set_defaults(run=_calculate)

    codes = commands.add_parser("codes", help="list the per-row error codes and what they mean")
    codes.set_defaults(run=_codes)
    return parser


def _canonical(chunk: pd.DataFrame, mapping: dict[str, str], source: Path) -> pd.DataFrame:
    renamed = {}
    for name in FIELDS:
        column = mapping.get(name, name)
        if column in chunk.columns:
            renamed[name] = chunk[column]
        elif name in REQUIRED_FIELDS:
            hint = f" or say which column holds it with --column {name}=NAME"
            raise FileProblem(f"{source}: line 1: no column {column!r} for {name}{hint}")
        elif name in mapping:
            raise FileProblem(f"{source}: line 1: no column {column!r} (given for {name} with --column)")
    return pd.DataFrame(renamed, index=chunk.index)


def _calculate(args: argparse.Namespace, console: Console) -> int:
    mapping = _mapping(args.column)
    if args.chunk_mb < 1 or args.chunk_rows < 1:
        raise UsageProblem("--chunk-mb and --chunk-rows must be at least 1")
    if args.input.resolve() == args.output.resolve():
        raise UsageProblem(f"{args.output}: the output would overwrite the input; choose another name")
    options = Options(reference=args.reference, date_format=args.date_format)
    stats = ReadStats()
    tally = Tally()
    started = time.perf_counter()
    writer = AtomicWriter(args.output)
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>5.1f}%  {task.fields[rows]:,} rows"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=args.quiet,
    )
    try:
        with progress:
            task = progress.add_task(args.input.name, total=None, rows=0)
            for chunk in read_chunks(args.input, args.chunk_mb << 20, args.chunk_rows, stats):
                clash = [name for name in OUTPUT_COLUMNS if name in chunk.columns]
                if clash:
                    names = ", ".join(clash)
                    raise FileProblem(f"{args.input}: line 1: column(s) {names} would be overwritten; rename them")
                results = calculate(_canonical(chunk, mapping, args.input), options)
                writer.write(pd.concat([chunk, results], axis=1))
                tally.add(results)
                progress.update(task, total=stats.bytes_total, completed=stats.bytes_read, rows=tally.rows)
        if tally.rows == 0:
            _write_header_only(args.input, writer)
        writer.commit()
    except BaseException:
        writer.abandon()
        raise
    if not args.quiet:
        _summary(console, args, tally, stats, time.perf_counter() - started)
    return 0


def _write_header_only(source: Path, writer: AtomicWriter) -> None:
    # an input with a header and no rows still gives an output with every column
    columns = list(next(read_chunks(source, 1 << 20, 1, ReadStats()), pd.DataFrame()).columns)
    empty = pd.DataFrame({name: pd.Series([], dtype="str") for name in [*columns, *OUTPUT_COLUMNS]})
    writer.write(empty)


def _summary(
    console: Console,
    args: argparse.Namespace,
    tally: Tally,
    stats: ReadStats,
    seconds: float,
) -> None:
    console.print(f"[bold]{tally.rows:,}[/bold] rows from {args.input} written to {args.output} in {seconds:.1f} s")
    if stats.skipped_rows:
        console.print(f"[yellow]{stats.skipped_rows:,} malformed CSV lines skipped[/yellow] (wrong number of fields)")
        for example in stats.skipped_examples:
            console.print(f"  e.g. {example[:120]}", markup=False)
    table = Table(title="Rows by result")
    table.add_column("error")
    table.add_column("rows", justify="right")
    table.add_column("meaning")
    table.add_row("(none)", f"{tally.calculated:,}", "calculated")
    for code in Code:
        if tally.errors.get(code.value):
            table.add_row(code.value, f"{tally.errors[code.value]:,}", DESCRIPTIONS[code])
    console.print(table)
    if tally.population or tally.clinical:
        categories = Table(title="BMI categories (UK-WHO, 4 years and over)")
        categories.add_column("category")
        categories.add_column("population monitoring", justify="right")
        categories.add_column("clinical", justify="right")
        for name in ("underweight", "healthy weight", "overweight", "obese", "severely obese"):
            categories.add_row(name, f"{tally.population.get(name, 0):,}", f"{tally.clinical.get(name, 0):,}")
        console.print(categories)


def _codes(args: argparse.Namespace, console: Console) -> int:
    table = Table(title="Error codes, in the order they win when a row has several problems")
    table.add_column("code")
    table.add_column("meaning")
    for code in Code:
        table.add_row(code.value, DESCRIPTIONS[code])
    console.print(table)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    console = Console()
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args, console)
    except UsageProblem as err:
        print(f"growth-centiles: error: {err}", file=sys.stderr)
        return 2
    except FileProblem as err:
        print(f"growth-centiles: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("growth-centiles: interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as err:
        print(f"growth-centiles: internal error ({type(err).__name__}: {err}); please report it", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
