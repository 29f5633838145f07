"""Reviewing a change to the registry: what changed between two git refs, checked by every rule."""
