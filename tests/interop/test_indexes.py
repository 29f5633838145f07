"""Asking the package indexes, against a local server standing in for them."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from nhsoa.interop.indexes import OFFLINE, IndexClient, Indexes
from tests.interop.index_server import IndexServer, serving


@pytest.fixture
def index_server() -> Iterator[IndexServer]:
    with serving() as server:
        yield server


def _client(server: IndexServer) -> IndexClient:
    return IndexClient(
        Indexes(
            pypi=server.url,
            cran=f"{server.url}/cran",
            npm=f"{server.url}/npm",
            r_universe=f"{server.url}/universes/{{universe}}",
        )
    )


def test_pypi_found_with_version_and_upload_day_and_not_found(index_server: IndexServer) -> None:
    index_server.pypi("sim-tools", "1.3.0", "2026-06-24T10:00:00")
    client = _client(index_server)
    found = client.pypi("sim-tools")
    assert (found.found, found.version, found.date) == (True, "1.3.0", "2026-06-24")
    assert found.page == f"{index_server.url}/project/sim-tools/"
    missing = client.pypi("nhs_reusable_code_library")
    assert (missing.found, missing.problem) == (False, None)


def test_cran_reads_the_packages_file_once(index_server: IndexServer) -> None:
    index_server.cran_like("/cran", {"runcharter": "0.2.0", "phsmethods": "1.0.2"})
    client = _client(index_server)
    assert client.cran("runcharter").found is True
    assert client.cran("runcharter").version == "0.2.0"
    archived = client.cran("fingertipsR")
    assert archived.found is False
    assert archived.page == f"{index_server.url}/cran/web/packages/fingertipsR/index.html"
    assert index_server.asked.count("/cran/src/contrib/PACKAGES") == 1


def test_r_universe_fills_in_the_universe(index_server: IndexServer) -> None:
    index_server.cran_like("/universes/ropensci", {"fingertipsR": "1.1.0"})
    listing = _client(index_server).r_universe("ropensci", "fingertipsR")
    assert (listing.channel, listing.package, listing.found, listing.version) == (
        "r_universe",
        "ropensci/fingertipsR",
        True,
        "1.1.0",
    )
    assert _client(index_server).r_universe("other", "fingertipsR").found is None  # no PACKAGES there: not known


def test_npm_scoped_name_and_latest_version(index_server: IndexServer) -> None:
    index_server.pages["/npm/@rcpch%2Fcharts"] = {
        "dist-tags": {"latest": "7.5.2"},
        "time": {"7.5.2": "2026-08-22T19:49:47Z"},
    }
    listing = _client(index_server).npm("@rcpch/charts")
    assert (listing.found, listing.version, listing.date) == (True, "7.5.2", "2026-08-22")


def test_an_index_that_does_not_answer_is_not_known_never_absent() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    client = IndexClient(Indexes(pypi=f"http://127.0.0.1:{port}", cran=None, npm=None, r_universe=None, timeout=2))
    listing = client.pypi("anything")
    assert listing.found is None
    assert listing.problem is not None
    assert "could not ask" in listing.problem
    assert IndexClient(OFFLINE).cran("x").found is None


def test_an_answer_that_is_not_json_is_not_trusted(index_server: IndexServer) -> None:
    index_server.pages["/pypi/odd/json"] = "<html>maintenance</html>"
    listing = _client(index_server).pypi("odd")
    assert listing.found is None
    assert listing.problem is not None
    assert "not JSON" in listing.problem
