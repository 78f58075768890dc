"""Omni Alpha broker gateway: venues, smart order routing, failover, reconciliation."""
