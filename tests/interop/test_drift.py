"""What counts as a change since the recorded commit, and what does not."""

from __future__ import annotations

from typing import Any

from nhsoa.interop.drift import compare
from nhsoa.interop.verification import Verified

RECORDED: dict[str, Any] = {
    "licence": "GPL-3.0-only",
    "description": "Call `fingertips_data()` to download values.",
    "verification": {
        "install": [{"channel": "cran", "package": "fingertipsR", "source": "https://cran.example/fingertipsR"}],
        "phase": {"latest_release": {"version": "1.0.5", "source": "https://cran.example/fingertipsR"}},
        "languages": [{"language": "R", "lines": 1900}, {"language": "SQL", "lines": 50}],
    },
}


def _verified(**fields: Any) -> Verified:
    return Verified(commit="b" * 40, readme="Use fingertips_data() for values.", **fields)


def test_an_index_that_was_not_asked_changes_nothing() -> None:
    verified = _verified(verification={"languages": [{"language": "R", "lines": 2100}]}, checked=set())
    assert compare(RECORDED, {"licence": "GPL-3.0-only"}, verified) == []


def test_a_refuted_channel_and_a_new_one_are_both_reported() -> None:
    install = [{"channel": "r_universe", "package": "ropensci/fingertipsR", "source": "https://ropensci.example"}]
    verified = _verified(verification={"install": install}, checked={"cran", "r_universe"})
    fields = [(d.field, d.message) for d in compare(RECORDED, {}, verified)]
    assert fields == [
        ("install", "cran no longer has fingertipsR"),
        ("install", "ropensci/fingertipsR is now installed from r_universe"),
    ]


def test_releases_are_compared_only_with_one_seen_the_same_way() -> None:
    by_tag = {"phase": {"latest_release": {"version": "v1.1.0", "source": "tag v1.1.0"}}}
    assert compare(RECORDED, {}, _verified(verification=by_tag)) == []
    by_index = {"phase": {"latest_release": {"version": "1.1.0", "source": "https://cran.example/fingertipsR"}}}
    [change] = compare(RECORDED, {}, _verified(verification=by_index))
    assert change.message == "newest release on the index is 1.1.0 (recorded: 1.0.5)"


def test_a_minor_language_growing_is_not_a_change_until_it_is_a_tenth() -> None:
    small = {"languages": [{"language": "R", "lines": 1900}, {"language": "SQL", "lines": 150}]}
    assert compare(RECORDED, {}, _verified(verification=small)) == []
    large = {"languages": [{"language": "R", "lines": 1900}, {"language": "SQL", "lines": 400}]}
    [change] = compare(RECORDED, {}, _verified(verification=large))
    assert change.message == "main languages changed from R to R, SQL"


def test_a_named_function_still_in_the_code_but_not_the_readme_is_not_a_change() -> None:
    verified = Verified(commit="c" * 40, readme="A package.", defined={"fingertips_data"})
    assert compare(RECORDED, {}, verified) == []
    gone = Verified(commit="c" * 40, readme="A package.", defined={"fingertips_values"})
    assert [d.field for d in compare(RECORDED, {}, gone)] == ["readme"]
