"""Revision scripts, one per schema change: ``<number>_<imperative slug>.py``."""
