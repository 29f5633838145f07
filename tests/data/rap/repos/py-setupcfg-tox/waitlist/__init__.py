"""Waiting-list summaries."""
