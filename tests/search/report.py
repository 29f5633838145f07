"""The search's relevance figures, printed at the end of a test run (a pytest plugin)."""

from __future__ import annotations

import pytest

REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("search relevance")
        for line in REPORT:
            terminalreporter.write_line(line)
