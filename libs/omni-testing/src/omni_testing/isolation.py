"""Process-wide state that must not leak from one test to the next."""

from __future__ import annotations

import pytest
from omni_core import breaker

__all__ = ["_omni_isolate_breakers"]


@pytest.fixture(autouse=True)
def _omni_isolate_breakers():
    """Each test sees only the circuit breakers it created."""
    breaker.forget_all()
    yield
    breaker.forget_all()
