"""Benchmark the registry site: build time, catalogue payload, and facet response in Chromium.

For the shipped registry and for synthetic registries of 1,000 and 5,000 entries it times
``nhsoa site build`` (validation, page generation, data files and the MkDocs render) beside
a plain ``mkdocs build`` of the project it generated, built in the same run, and prints the
ratio between them (what reading the registry and writing the pages adds to MkDocs' own
render): the two builds alternate ``--repeat`` times (3) and the fastest of each counts, as
the machine's other work slows some runs. Each runs in a fresh process, as for its users;
the processor time beside each shows the work done, on however many cores.
It then measures the catalogue's payload per entry and, in Debian's
chromium, the time from a facet click to updated results (median of several clicks).

    python benchmarks/site.py [--sizes 1000,5000] [--clicks 15] [--repeat 3]

Targets on the project's 2-core machine: 1,000 entries <= 20 s, 5,000 <= 90 s, facet click
<= 100 ms.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CLICK, catalogue_page
from synthetic import make_registry

from nhsoa.registry.store import shipped_root

TARGETS = {1000: 20.0, 5000: 90.0}


QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # MkDocs' notice about its future, printed on every build


def plain_build(source: Path, public: Path) -> Timing:
    """Time a plain ``mkdocs build`` of the MkDocs project ``nhsoa site build`` generated."""
    config = str(source / "mkdocs.yml")
    return _timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "--site-dir", str(public)])[0]


def ours(registry: Path, out: Path) -> tuple[Timing, str]:
    """Time ``nhsoa site build``, and what it printed."""
    shutil.rmtree(out, ignore_errors=True)
    return _timed([sys.executable, "-m", "nhsoa", "site", "build", "--registry", str(registry), "--out", str(out)])


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds
    cpu: float  # seconds of processor time, user and system, of the build and its worker processes


def _timed(command: list[str]) -> tuple[Timing, str]:
    """Each build runs in a fresh process, as it does for its users (start-up and imports included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, **QUIET})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu), done.stdout


def compare(registry: Path, folder: Path, repeat: int) -> tuple[list[Timing], list[Timing], Build]:
    """Our build and a plain MkDocs build of the project it generated, alternately, ``repeat`` times each."""
    mine, plain, made = [], [], Build(0, 0, "", folder / "out" / "public")
    for run in range(repeat):
        timing, printed = ours(registry, folder / "out")
        mine.append(timing)
        made = Build.parse(printed, folder / "out" / "public")
        target = folder / f"plain-{run}"
        plain.append(plain_build(folder / "out" / "source", target))
        shutil.rmtree(target, ignore_errors=True)
    return mine, plain, made


@dataclass
class Build:
    tools: int
    pages: int  # generated
    stages: str
    public: Path

    @classmethod
    def parse(cls, printed: str, public: Path) -> Build:
        """From `nhsoa site build`'s report: "N tools, M pages (load 1.0 s, generate 2.0 s, render 3.0 s)"."""
        found = re.search(r"^(\d+) tools, (\d+) pages \((.*)\)$", printed, re.MULTILINE)
        if found is None:
            raise SystemExit(f"unexpected output from nhsoa site build:\n{printed}")
        return cls(int(found.group(1)), int(found.group(2)), found.group(3), public)


def _runs(timings: list[Timing]) -> str:
    best = min(timings, key=lambda timing: timing.wall)
    runs = f"; runs: {', '.join(f'{timing.wall:.1f}' for timing in timings)}" if len(timings) > 1 else ""
    return f"{best.wall:.1f} s (CPU {best.cpu:.1f} s{runs})"


def _best(timings: list[Timing]) -> float:
    return min(timing.wall for timing in timings)


def payload(public: Path, entries: int) -> str:
    data = (public / "assets" / "nhsoa" / "catalogue-data.js").read_bytes()
    page = (public / "catalogue.html").read_bytes()
    packed_data, packed_page = len(gzip.compress(data)) / entries, len(gzip.compress(page)) / entries
    return (
        f"catalogue data {len(data) / entries:,.0f} B/entry ({packed_data:,.0f} gzipped); "
        f"page incl. no-script list {len(page) / entries:,.0f} B/entry ({packed_page:,.0f} gzipped)"
    )


def facet_clicks(public: Path, clicks: int) -> list[float]:
    """Milliseconds from a facet click to the next frame with updated results, for several facet values."""
    timings: list[float] = []
    with catalogue_page(public) as page:
        for index in range(clicks):
            facet = ("topic", "language", "licence", "phase", "rap")[index % 5]
            selector = f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']"
            timings.append(page.evaluate(CLICK, selector))  # on
            timings.append(page.evaluate(CLICK, f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']:checked"))  # off
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000", help="synthetic registry sizes (comma-separated)")
    parser.add_argument("--clicks", type=int, default=15, help="facet values to click (each on and off)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per size; the fastest counts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="nhsoa-site-bench-") as tmp:
        root = Path(tmp)
        mine, plain, seed = compare(shipped_root(), root / "seed", args.repeat)
        print(f"shipped registry ({seed.tools} entries, {seed.pages} generated pages): nhsoa site build "
              f"{_runs(mine)}; plain mkdocs build of its source: {_runs(plain)}; "
              f"ratio {_best(mine) / _best(plain):.2f}x")  # fmt: skip
        seed_clicks = facet_clicks(seed.public, 5)
        largest = None
        for size in sizes:
            registry = make_registry(root / f"registry-{size}", size)
            mine, plain, made = compare(registry, root / f"size-{size}", args.repeat)
            target = TARGETS.get(size)
            verdict = f" (target <= {target:.0f} s: {'met' if _best(mine) <= target else 'NOT met'})" if target else ""
            print(f"{size:,} entries ({made.pages:,} generated pages): nhsoa site build {_runs(mine)} "
                  f"[last run: {made.stages}]{verdict}; plain mkdocs build of its source: {_runs(plain)}; "
                  f"ratio {_best(mine) / _best(plain):.2f}x")  # fmt: skip
            print(f"  {payload(made.public, size)}")
            largest = (size, made.public)
        if largest:
            size, public = largest
            timings = facet_clicks(public, args.clicks)
            median, worst = statistics.median(timings), max(timings)
            print(f"facet click to updated results at {size:,} entries: median {median:.1f} ms, worst {worst:.1f} ms "
                  f"over {len(timings)} clicks (target <= 100 ms: {'met' if median <= 100 else 'NOT met'}); "
                  f"at {seed.tools} entries: median {statistics.median(seed_clicks):.1f} ms; "
                  f"ratio {median / statistics.median(seed_clicks):.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
