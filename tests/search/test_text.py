"""Words and stems: what both front ends take from text, and that they take the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nhsoa.search.stem import stem
from nhsoa.search.text import tokens, words
from tests.conftest import REPO
from tests.search.conftest import run_search_js


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A&E attendances", ["a&e", "attendances"]),
        ("A & E", ["a&e"]),  # written with spaces, still one term
        ("R&D and data&analytics", ["r&d", "and", "data", "analytics"]),  # & joins single letters only
        ("dm+d, C++", ["dm+d", "c"]),
        ("Children's café", ["childrens", "cafe"]),  # apostrophes and accents fold away
        ("ICD-10 and DCB0129", ["icd", "10", "and", "dcb0129"]),
        ("e.g. the A-team", ["e", "g", "the", "a", "team"]),  # single letters stay words of their own
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["chart", "charts", "charting"], "chart"),
        (["forecast", "forecasts", "forecasting"], "forecast"),
        (["centile", "centiles"], "centil"),
        (["simulation", "simulations", "simulate", "simulated"], "simul"),
        (["waiting", "waits", "wait"], "wait"),
        (["statistics", "statistical"], "statist"),
        (["CCGs", "CCG"], "ccg"),
        (["GPs", "GP"], "gp"),
    ],
)
def test_word_forms_share_a_stem(forms: list[str], shared: str) -> None:
    assert {stem(word.lower()) for word in forms} == {shared}


@pytest.mark.parametrize(
    ("word", "expected"),
    # Porter's own examples (1980), and three-letter abbreviations that must not lose their "s".
    [("caresses", "caress"), ("ponies", "poni"), ("relational", "relat"), ("hopefulness", "hope"),
     ("generalizations", "gener"), ("adjustment", "adjust"), ("controll", "control"),
     ("hes", "hes"), ("ods", "ods"), ("ons", "ons"), ("los", "los"), ("its", "its")],
)  # fmt: skip
def test_porter_stems_and_abbreviations(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_a_and_e_are_one_term_not_two_letters() -> None:
    assert tokens("Data analysis of A&E waits") == ["data", "analysi", "of", "a&e", "wait"]


def test_search_js_words_and_stems_equal_pythons(tmp_path: Path) -> None:
    """Every word in the registry and the docs, and tricky text, read the same way in Node."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "registry").rglob("*.yaml"))
    text += (REPO / "README.md").read_text(encoding="utf-8")
    vocabulary = sorted(set(re.findall(r"[a-z]+", text.lower())))
    samples = ["A & E", "a&e", "R&D", "dm+d", "C++", "Café Noël", "children's", "İstanbul", "ﬁle", "x & y & z",
               "NHS-R", "e.g.", "  ", "A &", "& E", "a&b&c", "+x+", "ICD-10"]  # fmt: skip
    answer = run_search_js(tmp_path, {}, samples, vocabulary)
    assert answer["stems"] == [stem(word) for word in vocabulary]
    assert answer["words"] == [words(sample) for sample in samples]
