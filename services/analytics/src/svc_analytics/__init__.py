"""Omni Alpha analytics service: performance statistics, tear sheets, dashboard data."""
