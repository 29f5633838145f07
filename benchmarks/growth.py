"""Benchmark of products/growth-centiles against rcpchgrowth, measured side by side in one run.

Run with the product's environment (``make bench-growth`` creates it):

    products/growth-centiles/.venv/bin/python benchmarks/growth.py

It prints:
- 1,000,000 measurements from CSV to CSV (and to Parquet) with the command line: wall time and
  peak memory of the process (targets: <= 10 s, <= 1 GB on a 2-core machine);
- time per measurement of rcpchgrowth's ``Measurement`` on a sample of the same rows, and the
  speed-up of the vectorised engine per measurement (target >= 100x);
- a 1,000,000-row file with 10% of rows spoiled (and some malformed lines): processed, exit 0;
- agreement with rcpchgrowth on 100,000 random cases: largest absolute difference, missing pattern.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from growth_centiles import agreement, calculate, synthetic


def _run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident memory in MB, and exit code of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if process.stderr is not None:
        process.stderr.close()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _rcpchgrowth_seconds_per_measurement(sample: pd.DataFrame) -> float:
    started = time.perf_counter()
    results = agreement.rcpchgrowth_results(sample)
    seconds = (time.perf_counter() - started) / len(sample)
    calculated = int(results["corrected_sds"].notna().sum())
    print(f"rcpchgrowth calculated {calculated:,} of the {len(sample):,} sampled rows")
    return seconds


def _agreement(size: int) -> None:
    started = time.perf_counter()
    result = agreement.compare(agreement.random_cases(size, seed=4))
    print(
        f"agreement with rcpchgrowth on {result.cases:,} random cases ({time.perf_counter() - started:.0f} s): "
        f"max |difference| {result.worst:.3g}, identical missing pattern: {result.identical_missing}, "
        f"rows differing by > 1e-9: {len(result.mismatched_rows)}"
    )
    for field, value in result.max_abs_difference.items():
        print(f"  {field:38} max |difference| {value:.3g}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=3000, help="rows timed through rcpchgrowth's Measurement")
    parser.add_argument("--agreement-cases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    command = str(Path(sys.executable).parent / "growth-centiles")
    if not Path(command).exists():
        command = shutil.which("growth-centiles") or "growth-centiles"
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    folder = Path(tempfile.mkdtemp(prefix="growth-bench-")) if args.keep is None else args.keep
    folder.mkdir(parents=True, exist_ok=True)
    try:
        clean = synthetic.measurements(args.rows, seed=1)
        source = folder / "measurements.csv"
        clean.to_csv(source, index=False)
        print(f"input: {args.rows:,} rows, {source.stat().st_size / 1e6:.0f} MB CSV")

        for suffix in ("csv", "parquet"):
            out = folder / f"out.{suffix}"
            seconds, peak, code = _run([command, "calculate", str(source), "-o", str(out), "--quiet"])
            print(f"CSV -> {suffix:7}: {seconds:6.2f} s, peak memory {peak:6.0f} MB, exit {code}", end="")
            print("  (targets <= 10 s, <= 1024 MB)")

        sample = clean.sample(args.sample, random_state=2)
        rcpch = _rcpchgrowth_seconds_per_measurement(sample)
        started = time.perf_counter()
        calculate(clean)
        engine = (time.perf_counter() - started) / len(clean)
        seconds, _, _ = _run([command, "calculate", str(source), "-o", str(folder / "again.csv"), "--quiet"])
        end_to_end = seconds / len(clean)
        print(f"rcpchgrowth Measurement: {rcpch * 1e6:8.1f} us per measurement ({len(sample):,} rows sampled)")
        print(f"engine in memory       : {engine * 1e6:8.2f} us per measurement  -> {rcpch / engine:6.0f}x faster")
        ratio = rcpch / end_to_end
        print(f"command, CSV to CSV    : {end_to_end * 1e6:8.2f} us per measurement  -> {ratio:6.0f}x faster")

        spoiled = synthetic.spoil(clean, 0.10, seed=3)
        messy = folder / "messy.csv"
        spoiled.to_csv(messy, index=False)
        with messy.open("a") as handle:  # a few lines cut short, as a broken export leaves them
            handle.writelines("2015-01-01,2020-01-01,male\n" for _ in range(100))
        seconds, peak, code = _run([command, "calculate", str(messy), "-o", str(folder / "messy_out.csv"), "--quiet"])
        written = sum(1 for _ in (folder / "messy_out.csv").open()) - 1 if code == 0 else 0
        errors = pd.read_csv(folder / "messy_out.csv", usecols=["error"])["error"].value_counts() if code == 0 else {}
        print(
            f"10% spoiled rows + 100 malformed lines: exit {code}, {seconds:.2f} s, peak {peak:.0f} MB, "
            f"{written:,} rows written, {int(sum(errors.values)) if len(errors) else 0:,} with an error code"
        )

        if args.agreement_cases:
            _agreement(args.agreement_cases)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
