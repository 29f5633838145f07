"""Units behind the rules: addresses, licences, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhsoa.registry import licences
from nhsoa.registry.addresses import contact_problem, normalise_repository, url_problem
from nhsoa.registry.cross_checks import Summary, check_registry


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/nhs-r-community/NHSRplotthedots",
        "https://www.GitHub.com/NHS-R-Community/NHSRplotthedots.git/",
        "http://github.com/nhs-r-community/nhsrplotthedots",
        "github.com/nhs-r-community/nhsrplotthedots/",
        "git@github.com:nhs-r-community/NHSRplotthedots.git",
        "https://github.com/nhs-r-community/NHSRplotthedots#readme",
    ],
)
def test_repository_addresses_normalise_to_one_identity(url: str) -> None:
    assert normalise_repository(url) == "github.com/nhs-r-community/nhsrplotthedots"


def test_different_repositories_stay_different() -> None:
    assert normalise_repository("https://github.com/a/tool") != normalise_repository("https://github.com/b/tool")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/path?q=1#x", None),
        ("javascript:alert(1)", "javascript: addresses are not allowed"),
        ("JavaScript:alert(1)", "javascript: addresses are not allowed"),
        ("data:text/html,<script>x</script>", "data: addresses are not allowed"),
        ("file:///etc/passwd", "file: addresses are not allowed"),
        ("http://example.org", "'http://example.org' is not an https address"),
        ("//example.org/x", "'//example.org/x' is not an https address"),
        (" https://example.org", "' https://example.org' contains spaces or control characters"),
        ("https://example.org/\x00", "'https://example.org/\\x00' contains spaces or control characters"),
        ("https://user:secret@example.org/", "'https://user:secret@example.org/' contains a user name or password"),
        (
            'https://example.org/"onmouseover=x',
            "'https://example.org/\"onmouseover=x' contains characters that are not allowed in an address",
        ),
        ("https://intranet/", "'https://intranet/' has no domain name"),
    ],
)
def test_url_problems(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize("contact", ["team@nhs.net", "mailto:team@nhs.net", "https://github.com/a/b/issues"])
def test_contacts_accepted(contact: str) -> None:
    assert contact_problem(contact) is None


@pytest.mark.parametrize("contact", ["team at nhs.net", "javascript:alert(1)", "@nhs.net"])
def test_contacts_refused(contact: str) -> None:
    assert contact_problem(contact) is not None


@pytest.mark.parametrize(
    ("expression", "approved", "deprecated"),
    [
        ("MIT", True, ()),
        ("MIT OR Apache-2.0", True, ()),
        ("MIT OR CC-BY-NC-4.0", True, ()),
        ("MIT AND CC-BY-NC-4.0", False, ()),
        ("OGL-UK-3.0", True, ()),
        ("CC0-1.0", True, ()),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", True, ()),
        ("GPL-3.0", True, ("GPL-3.0",)),
        ("GPL-3.0+", True, ("GPL-3.0+",)),
        ("LicenseRef-Trust-Internal", False, ()),
    ],
)
def test_licence_approval_and_deprecation(expression: str, approved: bool, deprecated: tuple[str, ...]) -> None:
    result = licences.check(expression)
    assert (result.error, result.approved, result.deprecated) == (None, approved, deprecated)


@pytest.mark.parametrize("expression", ["MIT/Apache", "Apache 2", "(MIT", "MIT AND", "", "Classpath-exception-2.0"])
def test_invalid_licence_expressions_are_errors_not_exceptions(expression: str) -> None:
    assert licences.check(expression).error


def _summary(name: str, entry_id: str | None = None) -> Summary:
    entry_id = entry_id or name.lower().replace(" ", "-")
    return Summary.of(
        Path(f"{entry_id}.yaml"), {"id": entry_id, "name": name, "repository": f"https://x.org/{entry_id}"}
    )


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("nhs-number", "NHSnumber", True),  # punctuation and case
        ("plotthedots", "plotthedot", True),  # a letter dropped
        ("SPC charts", "SPC chartz", True),  # a letter changed
        ("imdtools", "sim-tools", False),  # two edits apart
        ("ehrql", "ehrq", False),  # short names must match exactly
        ("FunnelPlotR", "NHSRplotthedots", False),
    ],
)
def test_similar_names(first: str, second: str, similar: bool) -> None:
    found = check_registry([_summary(first, "first"), _summary(second, "second")])
    assert bool(found) is similar
