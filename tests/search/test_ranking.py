"""The ranking rules, on small registries written for each rule."""

from __future__ import annotations

from typing import Any

from nhsoa.search import build, rank
from nhsoa.search.index import Index
from nhsoa.search.vocabulary import Group, Vocabulary

VOCABULARY = Vocabulary(
    (
        Group("ae", ("A&E", "A and E", "ED", "emergency department")),
        Group("rtt", ("RTT", "referral to treatment", "waiting list")),
        Group("spc", ("SPC", "statistical process control")),
    )
)
TOPICS = {"spc": "Statistical process control", "growth-charts": "Growth charts and centiles", "misc": "Other"}


def entry(entry_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": entry_id, "name": entry_id, "summary": "A tool.", "description": "", "keywords": [],
        "topics": ["misc"], "languages": ["R"], "owner": {"name": "Example Trust"}, "phase": "live",
    }  # fmt: skip
    return {**base, **fields}


def ids(entries: list[dict[str, Any]], query: str) -> list[str]:
    return [hit.id for hit in rank(build(entries, TOPICS, VOCABULARY), query)]


def test_a_and_e_match_the_term_never_the_letters() -> None:
    entries = [
        entry("tool-one", summary="Models A&E attendances."),
        entry("tool-two", summary="Handover at the emergency department."),
        entry("letters", name="Area team", summary="Analyses each area and every measure."),
    ]
    assert ids(entries, "A&E") == ["tool-one", "tool-two"]
    assert ids(entries, "A & E") == ["tool-one", "tool-two"]
    assert ids(entries, "emergency department") == ["tool-two", "tool-one"]  # the same words rank first
    assert ids(entries, "a") == []
    assert ids(entries, "e") == []


def test_abbreviations_find_what_they_stand_for_and_back() -> None:
    entries = [entry("waits", summary="Analyses referral-to-treatment (RTT) pathways."), entry("other")]
    assert ids(entries, "RTT") == ["waits"]
    assert ids(entries, "waiting lists") == ["waits"]
    assert ids([entry("control", summary="Statistical process control charts.")], "SPC") == ["control"]


def test_word_forms_match_each_other() -> None:
    entries = [entry("demand", summary="Forecasts hospital demand."), entry("charts", keywords=["charting"])]
    assert ids(entries, "forecasting") == ["demand"]
    assert ids(entries, "chart") == ["charts"]


def test_a_word_being_typed_matches_the_words_it_begins() -> None:
    entries = [entry("growth", summary="Growth centiles."), entry("grows", description="It grows.")]
    assert ids(entries, "grow") == ["grows", "growth"]  # the whole word first, then the longer one
    assert ids(entries, "gro") == []  # three letters are a word of their own, never a beginning


def test_a_name_or_topic_match_ranks_above_a_description_match() -> None:
    entries = [
        entry("aaa-described", description="Mentions funnel plots in passing."),
        entry("zzz-named", name="funnel plots"),
        entry("mmm-topic", topics=["spc"]),
    ]
    assert ids(entries, "funnel") == ["zzz-named", "aaa-described"]
    assert ids(entries, "statistical process control") == ["mmm-topic"]
    assert ids([*entries, entry("aaa-mentions", description="SPC")], "SPC") == ["mmm-topic", "aaa-mentions"]


def test_the_words_of_the_query_together_rank_first() -> None:
    entries = [
        entry("charts", name="growth server", summary="Growth chart API; runs in Docker."),
        entry("runcharter", keywords=["run charts"], summary="Run chart analysis."),
    ]
    assert ids(entries, "run chart") == ["runcharter", "charts"]


def test_retired_tools_come_after_live_and_beta_ones() -> None:
    entries = [
        entry("digital-growth-charts-hazard-log", phase="retired", keywords=["growth charts", "hazard log"]),
        entry("beta-centiles", phase="beta", description="Growth charts for children."),
        entry("live-charts", summary="Draws growth charts."),
    ]
    assert ids(entries, "growth charts") == ["live-charts", "beta-centiles", "digital-growth-charts-hazard-log"]


def test_a_retired_tool_goes_after_the_live_ones_that_match_as_many_words_only() -> None:
    retired = entry("old-sentiment", phase="retired", keywords=["sentiment analysis"])
    one_word = entry("tool-one", summary="Statistical analysis.")
    both = entry("tool-two", description="Some sentiment scoring in an analysis.")
    assert ids([retired, one_word, both], "sentiment analysis") == ["tool-two", "old-sentiment", "tool-one"]
    # When no live tool has both words, the retired tool that has them keeps its place.
    assert ids([retired, one_word], "sentiment analysis") == ["old-sentiment", "tool-one"]


def test_superseded_tools_count_as_retired() -> None:
    entries = [entry("old-tool", superseded_by="new-tool", keywords=["linkage"]), entry("b", description="linkage")]
    assert ids(entries, "linkage") == ["b", "old-tool"]


def test_a_query_that_names_a_retired_tool_or_asks_for_retired_ones_ranks_it_by_relevance() -> None:
    entries = [
        entry("digital-growth-charts-hazard-log", phase="retired", keywords=["growth charts", "hazard log"]),
        entry("documentation-site", description="Growth charts documentation, with a hazard log."),
        entry("digital-growth-charts-server", summary="An API."),  # shares the first words of the name
    ]
    assert ids(entries, "growth charts")[1:] == ["documentation-site", "digital-growth-charts-hazard-log"]
    assert ids(entries, "hazard log")[0] == "digital-growth-charts-hazard-log"  # names the tool
    assert ids(entries, "hazard")[0] == "documentation-site"  # only part of what tells its name apart
    for asks in ("retired growth charts", "dormant growth charts", "archived growth charts"):
        assert ids(entries, asks)[0] == "digital-growth-charts-hazard-log"


def test_ties_are_broken_by_phase_then_adopters_not_by_alphabet() -> None:
    same = {"summary": "Cleans episode data."}
    entries = [
        entry("aaa-alpha", phase="alpha", **same),
        entry("bbb-beta", phase="beta", **same),
        entry("ccc-live", **same),
        entry("ddd-live-adopted", adopters=[{"ods_code": "RGT"}], **same),
    ]
    assert ids(entries, "episode") == ["ddd-live-adopted", "ccc-live", "bbb-beta", "aaa-alpha"]


def test_recent_activity_breaks_a_tie_left_after_phase_and_adopters() -> None:
    same = {"summary": "Cleans episode data."}
    entries = [entry("aaa", last_commit="2021-01-01", **same), entry("zzz", last_commit="2026-01-01", **same)]
    assert ids(entries, "episode") == ["zzz", "aaa"]


def test_stop_words_alone_find_nothing_and_unknown_words_nothing() -> None:
    entries = [entry("a-tool", summary="The analysis of the data.")]
    assert ids(entries, "of the") == []
    assert ids(entries, "quantum") == []
    assert ids(entries, "") == []


def test_fields_of_every_kind_are_searched() -> None:
    entries = [
        entry("by-owner", owner={"name": "Public Health Scotland", "ods_code": "S08"}),
        entry("by-language", languages=["Julia"]),
        entry("by-keyword", keywords=["splink"]),
        entry("by-topic-id", topics=["growth-charts"]),
    ]
    assert ids(entries, "scotland") == ["by-owner"]
    assert ids(entries, "S08") == ["by-owner"]
    assert ids(entries, "julia") == ["by-language"]
    assert ids(entries, "splink") == ["by-keyword"]
    assert ids(entries, "centiles") == ["by-topic-id"]


def test_run_together_names_are_found_by_their_parts() -> None:
    entries = [entry("rcpchgrowth", summary="Calculates growth references from the RCPCH."), entry("other")]
    index = build(entries, TOPICS, VOCABULARY)
    hit = next(h for h in rank(index, "growth"))
    assert hit.id == "rcpchgrowth"
    name_only = [entry("rcpchgrowth"), entry("rcpch-tools", summary="RCPCH growth tools.")]
    assert ids(name_only, "growth") == ["rcpchgrowth", "rcpch-tools"]


def test_hostile_and_malformed_fields_are_read_as_text_or_skipped() -> None:
    entries = [
        entry(
            "hostile",
            name="<script>alert(1)</script>Raw",
            keywords=[None, 3, "kw"],
            topics="spc",
            owner="not a mapping",
            languages=None,
            description={"a": 1},
        ),
        {"name": "no id"},
    ]
    index = build(entries, TOPICS, VOCABULARY)
    assert index.ids == ("hostile",)
    assert ids(entries, "script raw kw") == ["hostile"]


def test_the_index_survives_its_json_unchanged() -> None:
    entries = [entry(f"tool-{n}", summary=f"Tool number {n} for A&E waits.", phase="beta") for n in range(30)]
    index = build(entries, TOPICS, VOCABULARY)
    assert Index.from_json(index.to_json()) == index
