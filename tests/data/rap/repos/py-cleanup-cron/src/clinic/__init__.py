"""Clinic letters."""
