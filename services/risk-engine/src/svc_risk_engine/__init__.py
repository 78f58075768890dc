"""Omni Alpha risk engine."""
