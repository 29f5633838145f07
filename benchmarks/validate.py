"""Benchmark: ``nhsoa validate`` against bare libyaml parsing and check-jsonschema.

Generates N synthetic entries (default 10,000), then times in one run, each as a fresh
process: (a) bare libyaml parsing of the same files, (b) ``nhsoa validate``, (c)
``check-jsonschema`` with the same schema. Prints the ratios and peak memory (the whole
process tree's resident memory, sampled).

Targets on a 2-core machine: (b)/(a) <= 1.5, (c)/(b) >= 10, peak memory < 500 MB.

    python benchmarks/validate.py [-n 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_registry

from nhsoa.registry.schema import SCHEMA_FILE, schema_text

BARE_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB of the process tree, and exit code."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    return time.perf_counter() - start, peak / 2**20, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="number of synthetic entries")
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a) and (b); the median is reported")
    parser.add_argument("--skip-check-jsonschema", action="store_true", help="do not run (c), which is slow")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent

    with tempfile.TemporaryDirectory(prefix="nhsoa-bench-") as tmp:
        registry = make_registry(Path(tmp) / "registry", args.n)
        tools = registry / "tools"
        schema_path = Path(tmp) / SCHEMA_FILE
        schema_path.write_text(schema_text(), encoding="utf-8")
        files = sorted(str(p) for p in tools.glob("*.yaml"))
        size = sum(Path(f).stat().st_size for f in files)
        print(f"{len(files):,} synthetic entries, {size / 2**20:.1f} MB, in {tools}")

        runs: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}
        for _ in range(args.repeat):
            for key, command in (
                ("a", [sys.executable, "-c", BARE_PARSE, str(tools)]),
                ("b", [str(bin_dir / "nhsoa"), "validate", str(tools)]),
            ):
                seconds, peak, code = measure(command)
                if code not in (0, 1):
                    print(f"({key}) failed with exit code {code}", file=sys.stderr)
                    return 1
                runs[key].append((seconds, peak))
        a = statistics.median(s for s, _ in runs["a"])
        b = statistics.median(s for s, _ in runs["b"])
        b_peak = max(p for _, p in runs["b"])
        print(f"(a) bare libyaml parse      {a:7.2f} s   peak {max(p for _, p in runs['a']):6.0f} MB")
        print(f"(b) nhsoa validate          {b:7.2f} s   peak {b_peak:6.0f} MB")
        ok = b / a <= 1.5 and b_peak < 500
        if not args.skip_check_jsonschema:
            c, c_peak, _ = measure([str(bin_dir / "check-jsonschema"), "--schemafile", str(schema_path), *files])
            print(f"(c) check-jsonschema        {c:7.2f} s   peak {c_peak:6.0f} MB")
        print(f"(b)/(a) = {b / a:.2f}   (target <= 1.5)")
        if not args.skip_check_jsonschema:
            print(f"(c)/(b) = {c / b:.1f}   (target >= 10)")
            ok = ok and c / b >= 10
        print(f"peak memory of (b) = {b_peak:.0f} MB   (target < 500)")
        print("all targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
