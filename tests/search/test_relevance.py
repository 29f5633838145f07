"""Relevance on real queries, and the same order from both front ends.

``tests/data/search/queries.yaml`` holds queries of the kind NHS analysts type, with the
tools a person would expect, written by reading the registry. A query is answered when an
expected tool is among the first three results. Both front ends must answer 95% or more,
and put every query's results in the same order: Python (``nhsoa search``) and search.js
(the site), here run in Node over the index the site build writes. ``tests/site`` checks
the same in the built site, in Chromium.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from nhsoa.registry import catalogue
from nhsoa.registry.catalogue import Catalogue
from nhsoa.search import rank
from tests.search.conftest import QUERIES, REPORT, run_search_js
from tests.site.factory import make_registry

TARGET = 0.95
TOP = 3


def load_queries() -> list[dict[str, object]]:
    with QUERIES.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["queries"])


def answered(queries: Sequence[dict[str, object]], results: Sequence[Sequence[str]]) -> list[bool]:
    return [bool(set(found[:TOP]) & set(q["expect"])) for q, found in zip(queries, results, strict=True)]  # type: ignore[call-overload]


def test_the_query_file_is_real_and_names_real_tools(shipped: Catalogue) -> None:
    queries = load_queries()
    assert len(queries) >= 40
    known = {e["id"] for e in shipped.entries}
    for query in queries:
        assert query["query"], query
        assert set(query["expect"]) <= known, query  # type: ignore[arg-type]


def test_both_front_ends_answer_95_percent_in_the_first_three_in_the_same_order(
    shipped: Catalogue, tmp_path: Path
) -> None:
    queries = load_queries()
    texts = [str(q["query"]) for q in queries]
    index = shipped.search_index()
    python = [[hit.id for hit in rank(index, text)] for text in texts]
    browser = [[hit_id for hit_id, _ in hits] for hits in run_search_js(tmp_path, index.to_json(), texts)["ranked"]]
    rates = {}
    for name, results in (("nhsoa search (Python)", python), ("site (search.js in Node)", browser)):
        hits = answered(queries, results)
        rates[name] = sum(hits) / len(hits)
        missed = [text for text, hit in zip(texts, hits, strict=True) if not hit]
        REPORT.append(f"{name}: {sum(hits)} of {len(hits)} queries answered in the first {TOP} "
                      f"({rates[name]:.1%}){'; missed: ' + ', '.join(missed) if missed else ''}")  # fmt: skip
    assert browser == python
    assert min(rates.values()) >= TARGET, rates


def _queries_from(entries: Sequence[dict[str, object]], count: int, seed: int) -> list[str]:
    """Queries made of the registry's own words, cut short as if being typed, with odd spacing and signs."""
    vocabulary = sorted({w for e in entries for w in re.findall(r"[\w&+'-]+", f"{e.get('name')} {e.get('summary')}")})
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        picked = [rng.choice(vocabulary) for _ in range(rng.randint(1, 4))]
        made.append(" ".join(w[: rng.randint(1, len(w))] if rng.random() < 0.3 else w for w in picked))
    return [*made, "A & E", "a&e", "dm+d", "Café", "children's", "retired charts", "the of", "", "   "]


@pytest.mark.parametrize("where", ["shipped", "synthetic"])
def test_python_and_search_js_give_the_same_order_and_scores(where: str, shipped: Catalogue, tmp_path: Path) -> None:
    if where == "shipped":
        found = shipped
    else:
        found = catalogue.load(make_registry(tmp_path / "registry", 250, hostile=True))
        assert len(found.entries) > 200
    queries = [str(q["query"]) for q in load_queries()] + _queries_from(found.entries, 400, seed=15)
    index = found.search_index()
    python = [[[hit.id, hit.score] for hit in rank(index, text)] for text in queries]
    assert run_search_js(tmp_path, index.to_json(), queries)["ranked"] == python
    assert sum(1 for hits in python if hits) > len(queries) // 2  # the queries do find things
