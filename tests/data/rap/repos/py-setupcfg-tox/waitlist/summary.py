"""Summaries of waiting lists by week."""


def weeks_waiting(days: int) -> int:
    """Whole weeks a patient has waited."""
    return days // 7
