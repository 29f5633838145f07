"""Outpatient summaries."""
