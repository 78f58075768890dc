"""Omni Alpha control plane: config registry with hot reload, health scores, breaker board."""
