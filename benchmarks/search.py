"""Benchmark the search: relevance on real queries, and speed on a large registry, for both front ends.

    python benchmarks/search.py [--size 5000] [--repeat 5] [--no-browser]

1. Relevance: how many queries of ``tests/data/search/queries.yaml`` have an expected tool in
   the first three results, over the shipped registry, for ``nhsoa search`` (Python) and
   search.js (the site's ranking, run in Node), against the baseline: a plain substring
   filter (every word of the query inside the name, summary or keywords; results by name),
   which is what the catalogue did before.
2. Time per query on a synthetic registry of ``--size`` entries (benchmarks/synthetic.py):
   the ranking in Python and in Node against the same substring filter in each language
   (median of ``--repeat`` runs per query); the whole ``nhsoa search`` command against
   ``nhsoa list`` (which loads and validates the same registry, and does not search); the
   index's build time and its size in the catalogue's data file.
3. A keystroke in Chromium, on the site built from that registry: from the input event to
   the next frame with updated results, for each letter of several queries typed in turn,
   against the same keystrokes with the substring filter put in the search's place (and a
   facet click, the same update without text). Target: under 100 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from browser import CLICK, catalogue_page
from synthetic import make_registry

from nhsoa.registry import catalogue
from nhsoa.registry.catalogue import Catalogue, Entry
from nhsoa.registry.store import shipped_root
from nhsoa.search import rank
from nhsoa.site.build import site_files

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "data" / "search" / "queries.yaml"
SEARCH_JS = site_files() / "docs" / "assets" / "nhsoa" / "search.js"
# Typed a letter at a time in the browser; words the synthetic registry uses, and NHS terms.
TYPED = ("waiting list", "growth centile", "statistical process control", "a&e demand", "forecasting capacity")

# search.js and the substring filter, timed in Node over the same index and entries.
NODE_TIMER = """
const search = require(process.argv[2]);
const fs = require("fs");
const index = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const hay = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const queries = JSON.parse(fs.readFileSync(process.argv[5], "utf8"));
const repeat = Number(process.argv[6]);
function substring(q) {  // the catalogue's filter before: every word inside name, summary or keywords
  const words = q.trim().toLowerCase().split(/\\s+/).filter(Boolean);
  const out = [];
  for (let i = 0; i < hay.length; i++) if (words.every(w => hay[i].indexOf(w) >= 0)) out.push(i);
  return out;
}
function median(xs) { xs.sort((a, b) => a - b); return xs[xs.length >> 1]; }
function time(fn, q) {
  const runs = [];
  for (let r = 0; r < repeat; r++) {
    const t = process.hrtime.bigint();
    fn(q);
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(runs);
}
search.rank(index, "warm up");
const out = {
  search: queries.map(q => time(q => search.rank(index, q), q)),
  substring: queries.map(q => time(substring, q)),
};
out.ranked = search.rank(index, queries[0]).length;
process.stdout.write(JSON.stringify(out));
"""

KEYSTROKE = """async (text) => {
  const box = document.getElementById("nhsoa-q");
  const started = performance.now();
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
}"""
# The catalogue's text filter before: every word inside name, summary or keywords; results by name.
SUBSTRING = """(use) => {
  if (!window.searchRank) window.searchRank = window.nhsoaSearch.rank;
  const tools = window.nhsoaCatalogue.tools;
  const hay = tools.map(t => (t[1] + " " + t[2] + " " + t[3]).toLowerCase());
  window.nhsoaSearch.rank = use === "search" ? window.searchRank : (index, q) => {
    const words = q.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    return tools.filter((t, i) => words.every(w => hay[i].indexOf(w) >= 0)).map(t => ({ id: t[0] }));
  };
}"""


def hay(entry: Entry) -> str:
    return f"{entry.get('name', '')} {entry.get('summary', '')} {' '.join(entry.get('keywords', []))}".lower()


def substring_filter(entries: Sequence[Entry], text: str) -> list[str]:
    """The baseline: every word of the query inside name, summary or keywords; by name, as the site listed them."""
    words = text.lower().split()
    found = [e for e in entries if words and all(w in hay(e) for w in words)]
    return [e["id"] for e in sorted(found, key=lambda e: (e["name"].casefold(), e["id"]))]


def node_rankings(index: dict[str, Any], queries: Sequence[str], folder: Path) -> list[list[str]]:
    script = "const s=require(process.argv[2]),f=require('fs');const i=JSON.parse(f.readFileSync(process.argv[3]));" \
        "const q=JSON.parse(f.readFileSync(process.argv[4]));process.stdout.write(JSON.stringify(" \
        "q.map(x=>s.rank(i,x).map(h=>h.id))));"  # fmt: skip
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    (folder / "queries.json").write_text(json.dumps(list(queries)), encoding="utf-8")
    out = subprocess.run(["node", str(_script(folder, "rank.js", script)), str(SEARCH_JS), str(folder / "index.json"),
                          str(folder / "queries.json")], capture_output=True, text=True, check=True)  # fmt: skip
    return list(json.loads(out.stdout))


def _script(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def answered(expected: Sequence[Sequence[str]], results: Sequence[Sequence[str]]) -> int:
    return sum(bool(set(found[:3]) & set(want)) for want, found in zip(expected, results, strict=True))


def relevance(folder: Path) -> None:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    texts, expected = [q["query"] for q in queries], [q["expect"] for q in queries]
    shipped = catalogue.load(shipped_root())
    index = shipped.search_index()
    python = answered(expected, [[h.id for h in rank(index, t)] for t in texts])
    browser = answered(expected, node_rankings(index.to_json(), texts, folder))
    baseline = answered(expected, [substring_filter(shipped.entries, t) for t in texts])
    n = len(texts)
    met = "met" if min(python, browser) >= 0.95 * n else "NOT met"
    print(f"relevance, {n} queries over the shipped registry ({len(shipped.entries)} tools), an expected tool "
          f"in the first 3: nhsoa search {python}/{n} ({python / n:.1%}), search.js {browser}/{n} "
          f"({browser / n:.1%}); baseline substring filter {baseline}/{n} ({baseline / n:.1%}); "
          f"ratio {python / max(baseline, 1):.2f}x (target >= 95%: {met})")  # fmt: skip


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def speed_queries(found: Catalogue) -> list[str]:
    words = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    return [q["query"] for q in words] + [t[: n + 1] for t in TYPED for n in range(len(t))]


def speed(found: Catalogue, registry: Path, repeat: int, folder: Path) -> None:
    size = len(found.entries)
    started = time.perf_counter()
    index = found.search_index()
    built = time.perf_counter() - started
    data = json.dumps(index.to_json(), separators=(",", ":")).encode()
    print(f"{size:,} entries: index built in {built:.1f} s; {len(data) / size:,.0f} B/entry in the catalogue data "
          f"({len(gzip.compress(data)) / size:,.0f} gzipped)")  # fmt: skip
    queries = speed_queries(found)
    python = statistics.mean(timed(lambda q=q: rank(index, q), repeat) for q in queries)  # type: ignore[misc]
    plain = statistics.mean(timed(lambda q=q: substring_filter(found.entries, q), repeat) for q in queries)  # type: ignore[misc]
    print(f"  per query, Python (nhsoa search's ranking): {python:.1f} ms; substring filter {plain:.1f} ms; "
          f"ratio {python / plain:.2f}x ({len(queries)} queries, median of {repeat} runs each)")  # fmt: skip
    paths = {name: folder / f"speed-{name}.json" for name in ("index", "hay", "queries")}
    paths["index"].write_bytes(data)
    paths["hay"].write_text(json.dumps([hay(e) for e in found.entries]), encoding="utf-8")
    paths["queries"].write_text(json.dumps(queries), encoding="utf-8")
    files = [str(paths[name]) for name in ("index", "hay", "queries")]
    out = subprocess.run(["node", str(_script(folder, "time.js", NODE_TIMER)), str(SEARCH_JS), *files, str(repeat)],
                         capture_output=True, text=True, check=True)  # fmt: skip
    node = json.loads(out.stdout)
    js, js_plain = statistics.mean(node["search"]), statistics.mean(node["substring"])
    print(f"  per query, search.js in Node (the site's ranking): {js:.2f} ms; substring filter {js_plain:.2f} ms; "
          f"ratio {js / max(js_plain, 1e-3):.1f}x")  # fmt: skip
    command = _command_time(["search", "waiting list"], registry)
    listing = _command_time(["list"], registry)
    print(f"  the whole command: nhsoa search {command:.1f} s; nhsoa list (same loading, no search) {listing:.1f} s; "
          f"ratio {command / listing:.2f}x")  # fmt: skip


def _command_time(args: list[str], registry: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nhsoa", *args, "--registry", str(registry), "--format", "json"],
                   capture_output=True, check=False)  # fmt: skip
    return time.perf_counter() - started


def keystrokes(found: Catalogue, registry: Path, folder: Path) -> None:

    from nhsoa.site.build import build

    started = time.perf_counter()
    public = build(registry, folder / "site", catalogue=found).public
    print(f"  site built in {time.perf_counter() - started:.0f} s for the browser measurement")
    typed: list[float] = []
    baseline: list[float] = []
    clicks: list[float] = []
    with catalogue_page(public) as page:
        for text in TYPED:  # each query typed with the search, then with the substring filter
            for use, times in (("search", typed), ("substring", baseline)):
                page.evaluate(SUBSTRING, use)
                times += [page.evaluate(KEYSTROKE, text[: n + 1]) for n in range(len(text))]
                page.evaluate(KEYSTROKE, "")
        page.evaluate(SUBSTRING, "search")
        for facet in ("topic", "language", "licence", "phase", "rap") * 3:
            clicks.append(page.evaluate(CLICK, f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']"))
            clicks.append(page.evaluate(CLICK, f"#nhsoa-facets input[id^='nhsoa-f-{facet}-']:checked"))
    median, plain, click = statistics.median(typed), statistics.median(baseline), statistics.median(clicks)
    print(f"  keystroke to updated results in Chromium at {len(found.entries):,} entries, over {len(typed)} "
          f"keystrokes: median {median:.1f} ms, 90th percentile {_percentile(typed, 0.9):.1f} ms, worst "
          f"{max(typed):.1f} ms (target < 100 ms: {'met' if median < 100 else 'NOT met'}); with the substring "
          f"filter: median {plain:.1f} ms, 90th percentile {_percentile(baseline, 0.9):.1f} ms; ratio "
          f"{median / plain:.2f}x; a facet click: median {click:.1f} ms")  # fmt: skip


def _percentile(values: Sequence[float], fraction: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * fraction))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=5000, help="entries in the synthetic registry")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query; the median counts")
    parser.add_argument("--no-browser", action="store_true", help="skip building the site and the keystroke timing")
    args = parser.parse_args()
    if shutil.which("node") is None:
        print("benchmarks/search.py needs Node.js (`make node`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="nhsoa-search-bench-") as tmp:
        folder = Path(tmp)
        relevance(folder)
        registry = make_registry(folder / "registry", args.size)
        found = catalogue.load(registry)
        speed(found, registry, args.repeat, folder)
        if not args.no_browser:
            keystrokes(found, registry, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
