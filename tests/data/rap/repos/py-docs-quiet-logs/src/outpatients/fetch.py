"""Fetch the published outpatient tables."""

import logging

logging.getLogger("urllib3").setLevel(logging.WARNING)


def fetch(month: str) -> str:
    """The address of the month's table."""
    print(f"fetching {month}")
    return f"https://example.org/outpatients/{month}.csv"
