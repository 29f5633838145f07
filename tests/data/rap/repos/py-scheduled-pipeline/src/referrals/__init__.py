"""Referral tables."""
