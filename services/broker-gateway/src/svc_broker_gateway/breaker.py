"""Per-venue breaker: the kit's CircuitBreaker (registered as ``venue:<name>``, so the service
kit publishes CircuitBreakerChanged and the control-plane board shows it) with the gateway's
vocabulary on top: a rejection is an answer (success), a timeout is a failure, and a venue
that is unreachable or answers garbage trips at once."""

from __future__ import annotations

from collections.abc import Callable

from omni_core.breaker import BreakerStatus, CircuitBreaker


class VenueBreaker:
    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"

    def __init__(
        self,
        name: str,
        failure_threshold: int = 3,
        reset_timeout_s: float = 5.0,
        on_change: Callable[[str, str, str, str], None] | None = None,
        clock=None,
    ) -> None:
        self.name = name
        self.last_error = ""
        self._on_change = on_change
        self.cb = CircuitBreaker(f"venue:{name}", failure_threshold, reset_timeout_s, clock=clock)
        self.cb.add_listener(self._changed)

    def _changed(self, cb: CircuitBreaker, old: BreakerStatus, new: BreakerStatus) -> None:
        if self._on_change is not None:
            reason = (
                self.last_error
                if new is BreakerStatus.OPEN
                else {
                    BreakerStatus.HALF_OPEN: "cool-down over: probing",
                    BreakerStatus.CLOSED: "call succeeded",
                }.get(new, "")
            )
            self._on_change(self.name, old.value, new.value, reason)

    @property
    def state(self) -> str:
        return self.cb.status.value

    @property
    def failures(self) -> int:
        return self.cb.consecutive_failures

    @property
    def changed_at(self):
        return self.cb.snapshot().changed_at

    def allow(self) -> bool:
        return self.cb.status is not BreakerStatus.OPEN

    def success(self) -> None:
        self.cb.record_success()
        if self.cb.status is not BreakerStatus.CLOSED:
            self.cb.reset()

    def failure(self, error: str) -> None:
        self.last_error = error
        self.cb.record_failure()

    def trip(self, error: str) -> None:
        self.last_error = error
        self.cb.failures_total += 1
        self.cb.consecutive_failures += 1
        self.cb.trip()
