"""``nhsoa links`` against a real HTTP server on 127.0.0.1 (no other host is contacted)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from nhsoa.main import main
from nhsoa.registry import linkcheck
from tests.conftest import entry_text


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str | None]]] = {
        "/ok": (200, None),
        "/moved": (301, "/new-home"),
        "/new-home": (200, None),
        "/gone": (404, None),
        "/limited": (429, None),
        "/forbidden": (403, None),
        "/no-head": (200, None),
    }

    def _answer(self, with_body: bool) -> None:
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status, location = self.routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "health", "detail"),
    [
        ("/ok", linkcheck.Health.OK, ""),
        ("/no-head", linkcheck.Health.OK, ""),
        ("/moved", linkcheck.Health.MOVED, "now at {base}/new-home"),
        ("/gone", linkcheck.Health.DEAD, "HTTP 404"),
        ("/limited", linkcheck.Health.UNSURE, "HTTP 429 (rate limit or login)"),
        ("/forbidden", linkcheck.Health.UNSURE, "HTTP 403 (rate limit or login)"),
    ],
)
def test_each_answer_is_classified(server: str, path: str, health: linkcheck.Health, detail: str) -> None:
    result = linkcheck.check_url("tool", "homepage", server + path, timeout=5)
    assert (result.health, result.detail) == (health, detail.format(base=server))


def test_no_answer_is_dead() -> None:
    result = linkcheck.check_url("tool", "homepage", "http://127.0.0.1:9/", timeout=2)
    assert result.health is linkcheck.Health.DEAD
    assert result.detail.startswith("no answer")


def test_repository_case_and_git_suffix_are_not_a_move() -> None:
    def get(url: str, timeout: float) -> tuple[int, str]:
        return 200, "https://github.com/NHS-R-Community/NHSRplotthedots.git"

    result = linkcheck.check_url("x", "repository", "https://github.com/nhs-r-community/nhsrplotthedots", get=get)
    assert result.health is linkcheck.Health.OK


def test_command_reports_without_failing_unless_asked(
    server: str, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = registry / "tools"
    # Entries must be https to be valid; the check reaches them through the local server instead.
    (tools / "alive.yaml").write_text(
        entry_text("alive", homepage="https://example.org/ok", last_verified='"2024-01-01"')
    )
    (tools / "dead.yaml").write_text(entry_text("dead", homepage="https://example.org/gone"))
    original = linkcheck.fetch
    asked: list[str] = []

    def local(url: str, timeout: float) -> tuple[int, str]:
        asked.append(url)
        if url.startswith("https://example.org/"):
            return original(url.replace("https://example.org", server), timeout)
        return 200, url  # the entries' repositories: not this test's subject, and never fetched

    monkeypatch.setattr(linkcheck, "fetch", local)
    out = tmp_path / "health.md"
    argv = ["links", "--registry", str(registry), "--today", "2026-11-25", "--format", "markdown", "--out", str(out)]
    assert main(argv) == 0
    report = out.read_text()
    assert "### Dead links (1)" in report
    assert "- `dead` homepage: <https://example.org/gone> (HTTP 404)" in report
    assert "### Needing a check (1)" in report
    assert "alive.yaml" in report
    assert "OA070" in report
    assert sorted(asked) == sorted(
        ["https://example.org/ok", "https://example.org/gone", "https://github.com/example/alive",
         "https://github.com/example/dead"]
    )  # fmt: skip
    assert main([*argv, "--fail-on-dead"]) == 1
