"""Benchmark the registry site: build time, catalogue payload, and facet response in Chromium.

For the shipped registry and for synthetic registries of 1,000 and 5,000 entries it times
``nhsoa site build`` (validation, page generation and the MkDocs render) against a plain
MkDocs Material build of the same number of bare pages, in the same run, and prints the
overhead ratio. It then measures the catalogue's payload per entry and, in Debian's
chromium, the time from a facet click to updated results (median of several clicks).

    python benchmarks/site.py [--sizes 1000,5000] [--clicks 15]

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
from nhsoa.site.build import build

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip
TARGETS = {1000: 20.0, 5000: 90.0}


def baseline_build(source: Path, folder: Path) -> tuple[float, int]:
    """Seconds for MkDocs Material to build the same site with every generated page made bare.

    The same mkdocs.yml (theme, navigation, extensions, search), hand-written pages and data
    files; each generated page (tools, organisations, topics, catalogue...) replaced by a title
    and one paragraph. The difference is what generating real pages costs.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    shutil.copytree(source, folder / "source")
    bare = 0
    for page in (folder / "source" / "docs").rglob("*.md"):
        if "generator: nhsoa" in page.read_text(encoding="utf-8")[:400]:
            page.write_text("---\ntitle: A page\n---\n\nA bare page with one paragraph of text.\n", encoding="utf-8")
            bare += 1
    started = time.perf_counter()
    mkdocs_build(load_config(str(folder / "source" / "mkdocs.yml"), site_dir=str(folder / "public")))
    return time.perf_counter() - started, bare


def ours(registry: Path, out: Path) -> tuple[float, Any]:
    started = time.perf_counter()
    result = build(registry, out, today=date.today())
    return time.perf_counter() - started, result


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
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="nhsoa-site-bench-") as tmp:
        root = Path(tmp)
        seconds, result = ours(shipped_root(), root / "seed-out")
        count = result.generated.tools
        base, pages = baseline_build(result.source, root / "seed-baseline")
        print(f"shipped registry ({count} entries, {pages} generated pages): nhsoa site build {seconds:.1f} s; "
              f"MkDocs Material with {pages} bare pages {base:.1f} s; overhead {seconds / base:.2f}x")  # fmt: skip
        seed_clicks = facet_clicks(result.public, 5)
        largest = None
        for size in sizes:
            registry = make_registry(root / f"registry-{size}", size)
            seconds, result = ours(registry, root / f"out-{size}")
            base, pages = baseline_build(result.source, root / f"baseline-{size}")
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
            target = TARGETS.get(size)
            verdict = f" (target <= {target:.0f} s: {'met' if seconds <= target else 'NOT met'})" if target else ""
            print(f"{size:,} entries: nhsoa site build {seconds:.1f} s [{stages}]{verdict}; "
                  f"MkDocs Material with the same {pages:,} pages bare {base:.1f} s; "
                  f"overhead {seconds / base:.2f}x (target <= 1.3)")  # fmt: skip
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


if __name__ == "__main__":
    raise SystemExit(main())
