"""Build the month's referral tables."""

import logging

LOG = logging.getLogger(__name__)


def run() -> None:
    """Read, summarise and write."""
    LOG.info("building tables")
