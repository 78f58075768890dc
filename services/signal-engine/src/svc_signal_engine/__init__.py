"""Omni Alpha signal engine."""
