"""Benchmark the registry site: build time, catalogue payload, and facet response in Chromium.

For the shipped registry and for synthetic registries of 1,000 and 5,000 entries it times
``nhsoa site build`` (validation, page generation, data files and the MkDocs render) against
a plain MkDocs Material project with as many bare pages, built in the same run, and prints
the overhead ratio (with ``--repeat N`` the two builds alternate N times and the best of
each counts). It then measures the catalogue's payload per entry and, in Debian's
chromium, the time from a facet click to updated results (median of several clicks).

    python benchmarks/site.py [--sizes 1000,5000] [--clicks 15] [--repeat 1]

Targets on the project's 2-core machine: 1,000 entries <= 20 s, 5,000 <= 90 s,
overhead <= 1.3, facet click <= 100 ms.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_registry

from nhsoa.registry import shipped_root
from nhsoa.site import serve
from nhsoa.site.build import build, site_files

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip
TARGETS = {1000: 20.0, 5000: 90.0}


PLAIN_CONFIG = "site_name: Plain\ntheme:\n  name: material\nnav:\n  - index.md\n"


def baseline_build(pages: int, folder: Path) -> float:
    """Seconds for a plain MkDocs Material project of ``pages`` bare pages to build.

    Its mkdocs.yml names the site and the theme and nothing else (Material's defaults,
    search included) but a navigation of the home page: like the registry's tool pages, the
    others stay out of it (with every page in the navigation, MkDocs renders the whole
    navigation into every page and the build is quadratic). Each page is a heading and one
    paragraph, one folder of pages as in the registry's tools/.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nA bare page with one paragraph of text.\n", encoding="utf-8")
    for index in range(pages - 1):
        text = f"# Page {index}\n\nA bare page with one paragraph of text.\n"
        (docs / "pages" / f"page-{index:05d}.md").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    mkdocs_build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "public")))
    return time.perf_counter() - started


def ours(registry: Path, out: Path) -> tuple[float, Any]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = build(registry, out, today=date.today())
    return time.perf_counter() - started, result


def compare(registry: Path, folder: Path, repeat: int) -> tuple[list[float], list[float], Any]:
    """Our build and the plain one of as many pages, alternately, ``repeat`` times each."""
    mine, plain, result = [], [], None
    for run in range(repeat):
        seconds, result = ours(registry, folder / "out")
        mine.append(seconds)
        pages = result.generated.page_count + sum(1 for _ in (site_files() / "docs").rglob("*.md"))  # + hand-written
        target = folder / f"plain-{run}"
        plain.append(baseline_build(pages, target))
        shutil.rmtree(target, ignore_errors=True)
    return mine, plain, result


def _runs(values: list[float]) -> str:
    return f"{min(values):.1f} s" + (f" (runs: {', '.join(f'{v:.1f}' for v in values)})" if len(values) > 1 else "")


def payload(public: Path, entries: int) -> str:
    data = (public / "assets" / "nhsoa" / "catalogue-data.js").read_bytes()
    page = (public / "catalogue.html").read_bytes()
    packed_data, packed_page = len(gzip.compress(data)) / entries, len(gzip.compress(page)) / entries
    return (
        f"catalogue data {len(data) / entries:,.0f} B/entry ({packed_data:,.0f} gzipped); "
        f"page incl. no-script list {len(page) / entries:,.0f} B/entry ({packed_page:,.0f} gzipped)"
    )


CLICK = """async (selector) => {
  const box = document.querySelector(selector);
  const started = performance.now();
  box.click();
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
}"""


def facet_clicks(public: Path, clicks: int) -> list[float]:
    """Milliseconds from a facet click to the next frame with updated results, for several facet values."""
    from playwright.sync_api import sync_playwright

    httpd = serve.server(public, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    timings: list[float] = []
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium"), args=FLAGS, headless=True
            )
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(serve.url(httpd)) else r.abort())
            page.goto(serve.url(httpd) + "catalogue.html")
            page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
            for index in range(clicks):
                facet = ("topic", "language", "licence", "phase", "rap")[index % 5]
                selector = f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']"
                timings.append(page.evaluate(CLICK, selector))  # on
                timings.append(page.evaluate(CLICK, f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']:checked"))  # off
            context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000", help="synthetic registry sizes (comma-separated)")
    parser.add_argument("--clicks", type=int, default=15, help="facet values to click (each on and off)")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind per size; the best counts")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    _warm_up()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="nhsoa-site-bench-") as tmp:
        root = Path(tmp)
        mine, plain, result = compare(shipped_root(), root / "seed", args.repeat)
        count, pages = result.generated.tools, result.generated.page_count
        print(f"shipped registry ({count} entries, {pages} generated pages): nhsoa site build {_runs(mine)}; "
              f"plain MkDocs Material, as many bare pages: {_runs(plain)}; "
              f"overhead {min(mine) / min(plain):.2f}x")  # fmt: skip
        seed_clicks = facet_clicks(result.public, 5)
        largest = None
        for size in sizes:
            registry = make_registry(root / f"registry-{size}", size)
            mine, plain, result = compare(registry, root / f"size-{size}", args.repeat)
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
            target = TARGETS.get(size)
            verdict = f" (target <= {target:.0f} s: {'met' if min(mine) <= target else 'NOT met'})" if target else ""
            ratio = min(mine) / min(plain)
            print(f"{size:,} entries ({result.generated.page_count:,} pages): nhsoa site build {_runs(mine)} "
                  f"[last run: {stages}]{verdict}; plain MkDocs Material, as many bare pages: {_runs(plain)}; "
                  f"overhead {ratio:.2f}x (target <= 1.3: {'met' if ratio <= 1.3 else 'NOT met'})")  # fmt: skip
            print(f"  {payload(result.public, size)}")
            largest = (size, result.public)
        if largest:
            size, public = largest
            timings = facet_clicks(public, args.clicks)
            median, worst = statistics.median(timings), max(timings)
            print(f"facet click to updated results at {size:,} entries: median {median:.1f} ms, worst {worst:.1f} ms "
                  f"over {len(timings)} clicks (target <= 100 ms: {'met' if median <= 100 else 'NOT met'}); "
                  f"at {count} entries: median {statistics.median(seed_clicks):.1f} ms; "
                  f"ratio {median / statistics.median(seed_clicks):.1f}x")  # fmt: skip
    return 0


def _warm_up() -> None:
    """Import what both builds use before timing either, so that neither pays for it alone."""
    import material.plugins.search.plugin
    import mkdocs.commands.build
    import mkdocs.config

    del material, mkdocs


if __name__ == "__main__":
    raise SystemExit(main())
