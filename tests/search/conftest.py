"""The search's two front ends side by side: Python, and search.js run in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from nhsoa.registry import catalogue
from nhsoa.registry.catalogue import Catalogue
from nhsoa.site.build import site_files
from tests.conftest import REPO
from tests.search.report import REPORT

__all__ = ["QUERIES", "REPORT", "SEARCH_JS", "run_search_js"]

SEARCH_JS = site_files() / "docs" / "assets" / "nhsoa" / "search.js"
QUERIES = REPO / "tests" / "data" / "search" / "queries.yaml"

# Reads the index and the queries from files, ranks each query with search.js, prints JSON.
_DRIVER = """
const search = require(process.argv[2]);
const fs = require("fs");
const index = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const words = JSON.parse(fs.readFileSync(process.argv[5], "utf8"));
process.stdout.write(JSON.stringify({
  ranked: index.ids ? queries.map(q => search.rank(index, q).map(h => [h.id, h.score])) : [],
  stems: words.map(w => search.stem(w)),
  words: queries.map(q => search.words(q)),
}));
"""


def run_search_js(folder: Path, index: dict[str, Any], queries: Sequence[str], words: Sequence[str] = ()) -> Any:
    """search.js's answers, in Node: rankings ([id, score] pairs) per query, stems per word, words per query."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed; `make node` installs Debian's nodejs")
    paths = {name: folder / f"{name}.json" for name in ("index", "queries", "words")}
    paths["index"].write_text(json.dumps(index), encoding="utf-8")
    paths["queries"].write_text(json.dumps(list(queries)), encoding="utf-8")
    paths["words"].write_text(json.dumps(list(words)), encoding="utf-8")
    driver = folder / "driver.js"
    driver.write_text(_DRIVER, encoding="utf-8")
    result = subprocess.run(
        [node, str(driver), str(SEARCH_JS), *(str(paths[n]) for n in ("index", "queries", "words"))],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def shipped() -> Catalogue:
    """The registry nhsoa ships, as `nhsoa search` loads it."""
    return catalogue.load(REPO / "registry")
