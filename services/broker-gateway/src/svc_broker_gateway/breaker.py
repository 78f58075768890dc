"""Per-venue circuit breaker. Uses omni_core.breaker.CircuitBreaker when the kit provides it
with the expected shape; otherwise this small one (closed -> open after N consecutive
failures -> half-open after a cool-down -> closed after one success)."""

from __future__ import annotations

import time
from collections.abc import Callable


class VenueBreaker:
    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"

    def __init__(
        self,
        name: str,
        failure_threshold: int = 3,
        reset_timeout_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[str, str, str, str], None] | None = None,
    ) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_timeout_s = reset_timeout_s
        self._clock = clock
        self._state = self.CLOSED
        self.failures = 0
        self.last_error = ""
        self.opened_at = 0.0
        self.changed_at = clock()
        self._on_change = on_change

    @property
    def state(self) -> str:
        if self._state == self.OPEN and self._clock() - self.opened_at >= self.reset_timeout_s:
            self._set(self.HALF_OPEN, "cool-down over: probing")
        return self._state

    def allow(self) -> bool:
        return self.state != self.OPEN

    def success(self) -> None:
        self.failures = 0
        if self._state != self.CLOSED:
            self._set(self.CLOSED, "call succeeded")

    def failure(self, error: str) -> None:
        self.failures += 1
        self.last_error = error
        if self._state == self.HALF_OPEN or (
            self._state == self.CLOSED and self.failures >= self.failure_threshold
        ):
            self.opened_at = self._clock()
            self._set(self.OPEN, error)

    def trip(self, error: str) -> None:
        """Open at once (a venue that answered garbage or dropped the connection)."""
        self.failures = max(self.failures + 1, self.failure_threshold)
        self.last_error = error
        self.opened_at = self._clock()
        if self._state != self.OPEN:
            self._set(self.OPEN, error)

    def _set(self, state: str, reason: str) -> None:
        prev, self._state = self._state, state
        self.changed_at = self._clock()
        if self._on_change is not None and prev != state:
            self._on_change(self.name, prev, state, reason)
