"""Benchmark ``nhsoa scan`` and ``nhsoa no-data`` on the corpus of real repositories, before and after.

Part 1, per corpus repository: files read and alarms of the scanner at --before (default ``main``,
loaded from git, as it was there) against this checkout's, and the data files each version of
no-data blocks when given the repository's folder. Then the alarm rate outside NHS-number and CHI
packages against its target (at most 1 per 500 files).

Part 2 times, as fresh processes, median of --runs: ``nhsoa scan`` on the largest corpus repository
(most bytes committed) and on a synthetic 50 MB CSV whose every line holds a ten-digit number (the
worst case: each is a candidate to judge), each against ``git grep -E '[0-9]{10}'`` on the same
tree (the baseline: a search for every ten-digit run, with no judgement), and prints the ratios of
wall-clock and of CPU time (steadier when the machine is shared).

    python benchmarks/guards.py [--before REV] [--runs 5] [--with-checkout]

The corpus is the folder named by NHSOA_CORPUS, else shared/corpus above the checkout.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from nhsoa import yamlio  # noqa: E402
from nhsoa.guards.nodata import check  # noqa: E402
from nhsoa.guards.scan import scan_paths  # noqa: E402
from tests.corpus import bundles, corpus_dir  # noqa: E402

BIN = Path(sys.executable).parent
RECORDS = yamlio.load_file(REPO / "tests" / "data" / "corpus" / "guards.yaml").data


def old_module(rev: str, path: str, name: str) -> ModuleType | None:
    """The module at ``path`` as it was at ``rev``, or None when it was not there."""
    show = ["git", "-C", str(REPO), "show", f"{rev}:{path}"]
    done = subprocess.run(show, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    folder = Path(tempfile.mkdtemp(prefix="nhsoa-before-"))
    (folder / f"{name}.py").write_text(done.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def before_scan(module: ModuleType, folder: Path) -> tuple[int, int]:
    """(files, alarms) of the old scanner on ``folder``: it read every file below it but .git."""
    files = [p for p in folder.rglob("*") if p.is_file() and ".git" not in p.relative_to(folder).parts]
    return len(files), len(module.scan_paths([folder]))


def before_nodata(module: ModuleType, folder: Path) -> int:
    return len(module.check([folder], folder))


def timed(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``command`` (CPU time is steadier on a shared machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def tracked_bytes(folder: Path) -> int:
    listed = subprocess.run(["git", "-C", str(folder), "ls-files", "-z"], capture_output=True, check=True).stdout
    return sum((folder / os.fsdecode(name)).stat().st_size for name in listed.split(b"\0") if name)


def part1(clones: dict[str, Path], rev: str, checkout: Path | None) -> None:
    old_scan = old_module(rev, "src/nhsoa/guards/scan.py", "before_scan")
    old_nodata = old_module(rev, "src/nhsoa/guards/nodata.py", "before_nodata")
    print(f"{'repository':50} {'files':>12} {'alarms':>13} {'no-data blocked':>16}")
    print(f"{'':50} {'before after':>12} {'before after':>13} {'before after':>16}")
    rate = [0, 0]
    for name, folder in clones.items():
        scan = scan_paths([folder])
        files_b, alarms_b = before_scan(old_scan, folder) if old_scan else (0, 0)
        blocked_b = before_nodata(old_nodata, folder) if old_nodata else 0
        blocked = len(check([folder]).blocked)
        package = " *" if RECORDS[name]["numbers_package"] else ""
        print(
            f"{name + package:50} {files_b:6} {len(scan.scanned):5} {alarms_b:6} {len(scan.matches):6} "
            f"{blocked_b:8} {blocked:7}"
        )
        if not RECORDS[name]["numbers_package"]:
            rate[0] += len(scan.matches)
            rate[1] += len(scan.scanned)
    print("* a package about NHS or CHI numbers (outside the alarm-rate target)")
    if checkout is not None:  # a working checkout, with its virtual environment and caches
        scan = scan_paths([checkout])
        files_b, alarms_b = before_scan(old_scan, checkout) if old_scan else (0, 0)
        print(f"{'this checkout (with .venv)':50} {files_b:6} {len(scan.scanned):5} {alarms_b:6} {len(scan.matches):6}")
    print(f"alarms outside those packages: {rate[0]} in {rate[1]} files (target: at most {rate[1] / 500:.1f})")


def synthetic_csv(folder: Path) -> Path:
    rng = random.Random(1)
    lines = ["id,number,value"]
    size = 0
    while size < 50 * 2**20:
        line = f"{len(lines)},{rng.randrange(10**9, 10**10)},{rng.random():.6f}"
        lines.append(line)
        size += len(line) + 1
    (folder / "numbers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "numbers.csv"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True)
    return folder


def part2(largest: Path, runs: int) -> None:
    grep = ["git", "grep", "-c", "-E", "[0-9]{10}"]
    nhsoa_scan = [str(BIN / "nhsoa"), "scan", "."]
    with tempfile.TemporaryDirectory(prefix="nhsoa-bench-") as tmp:
        big = synthetic_csv(Path(tmp))
        for label, tree in ((f"{largest.name} (largest corpus repository)", largest), ("50 MB CSV", big)):
            (grep_wall, grep_cpu), (scan_wall, scan_cpu) = timed(grep, tree, runs), timed(nhsoa_scan, tree, runs)
            print(f"{label}:")
            for kind, ours, theirs in (("wall", scan_wall, grep_wall), ("CPU ", scan_cpu, grep_cpu)):
                print(f"  {kind}: nhsoa scan {ours:.3f} s, git grep {theirs:.3f} s, ratio {ours / theirs:.1f}")
        start = time.perf_counter()
        scan_paths([largest])
        print(f"  (in-process scan of {largest.name}, without Python's start-up: {time.perf_counter() - start:.3f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="git revision of the scanner to compare (default: main)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each timed command; the median is shown")
    parser.add_argument(
        "--with-checkout", action="store_true", help="also scan this checkout, .venv and all (slow before)"
    )
    args = parser.parse_args()
    folder = corpus_dir()
    if folder is None or not bundles():
        print("the corpus is not available (set NHSOA_CORPUS to the corpus folder)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="nhsoa-corpus-") as tmp:
        clones = {}
        for name in sorted(bundles()):
            clones[name] = Path(tmp) / name
            subprocess.run(["git", "clone", "-q", str(folder / f"{name}.bundle"), str(clones[name])], check=True)
        part1(clones, args.before, REPO if args.with_checkout else None)
        largest = max(clones.values(), key=tracked_bytes)
        part2(largest, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
