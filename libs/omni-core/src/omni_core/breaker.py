"""Circuit breaker and the process-wide breaker registry.

    breaker = CircuitBreaker("venue:alpaca", failure_threshold=5, reset_timeout=30)
    async with breaker:
        await venue.submit(order)
    # or: await breaker.call(venue.submit, order)

CLOSED: calls pass; `failure_threshold` consecutive failures open it.
OPEN: calls fail fast with `CircuitOpenError` until `reset_timeout` seconds have passed
(measured on the breaker's clock), then it goes HALF_OPEN.
HALF_OPEN: up to `half_open_max_calls` trial calls pass at once; a success closes it, a failure
opens it again.

Every breaker registers itself in the process registry (`breakers()`); `add_listener` callbacks
hear every state change (the Service publishes CircuitBreakerChanged from them).
"""

from __future__ import annotations

import enum
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from omni_core.clock import Clock, RealClock
from omni_core.errors import Unavailable

__all__ = [
    "BreakerStatus",
    "BreakerSnapshot",
    "CircuitBreaker",
    "CircuitOpenError",
    "breakers",
    "get_breaker",
    "add_listener",
    "remove_listener",
]

T = TypeVar("T")


class BreakerStatus(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"

    @property
    def gauge_value(self) -> int:
        return {"closed": 0, "half_open": 1, "open": 2}[self.value]


class CircuitOpenError(Unavailable):
    """The breaker is open (or half-open with all trial slots taken): the call was not made."""

    def __init__(self, name: str, retry_after: float) -> None:
        super().__init__(f"circuit {name!r} is open; retry in {retry_after:.1f}s")
        self.name = name
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class BreakerSnapshot:
    name: str
    status: BreakerStatus
    consecutive_failures: int
    failures_total: int
    successes_total: int
    changed_at: datetime

    def to_proto(self) -> Any:
        from google.protobuf.timestamp_pb2 import Timestamp
        from omni.control_plane.v1 import events_pb2 as cp

        ts = Timestamp()
        ts.FromDatetime(self.changed_at)
        return cp.BreakerState(
            name=self.name,
            status={
                BreakerStatus.CLOSED: cp.BREAKER_STATUS_CLOSED,
                BreakerStatus.OPEN: cp.BREAKER_STATUS_OPEN,
                BreakerStatus.HALF_OPEN: cp.BREAKER_STATUS_HALF_OPEN,
            }[self.status],
            consecutive_failures=self.consecutive_failures,
            failures_total=self.failures_total,
            successes_total=self.successes_total,
            changed_at=ts,
        )


Listener = Callable[["CircuitBreaker", BreakerStatus, BreakerStatus], None]

_registry: dict[str, weakref.ref[CircuitBreaker]] = {}
_listeners: list[Listener] = []


def breakers() -> list[CircuitBreaker]:
    """The live breakers of this process, by name."""
    out = []
    for name in sorted(_registry):
        b = _registry[name]()
        if b is not None:
            out.append(b)
    return out


def get_breaker(name: str) -> CircuitBreaker | None:
    ref = _registry.get(name)
    return ref() if ref is not None else None


def add_listener(fn: Listener) -> None:
    """``fn(breaker, old, new)`` on every state change of any breaker (called synchronously;
    keep it cheap, e.g. publish_nowait)."""
    _listeners.append(fn)


def remove_listener(fn: Listener) -> None:
    if fn in _listeners:
        _listeners.remove(fn)


def forget_all() -> None:
    """Forget every registered breaker. One process is one service in production; tests run
    many services in one process and call this between tests so boards stay separate."""
    _registry.clear()


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        half_open_max_calls: int = 1,
        clock: Clock | None = None,
        *,
        counts_as_failure: Callable[[BaseException], bool] | None = None,
        register: bool = True,
    ) -> None:
        if failure_threshold < 1 or half_open_max_calls < 1 or reset_timeout < 0:
            raise ValueError("invalid breaker parameters")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.half_open_max_calls = half_open_max_calls
        self.clock: Clock = clock or RealClock()
        self._counts = counts_as_failure or (lambda exc: True)
        self._status = BreakerStatus.CLOSED
        self._opened_at = 0.0
        self._changed_at = self.clock.now()
        self._in_flight_trials = 0
        self.consecutive_failures = 0
        self.failures_total = 0
        self.successes_total = 0
        self._listeners: list[Listener] = []
        if register:
            _registry[name] = weakref.ref(self)

    # state -------------------------------------------------------------------------------

    @property
    def status(self) -> BreakerStatus:
        """Current state; an OPEN breaker whose reset timeout has passed reports HALF_OPEN."""
        if (
            self._status is BreakerStatus.OPEN
            and self.clock.monotonic() - self._opened_at >= self.reset_timeout
        ):
            self._transition(BreakerStatus.HALF_OPEN)
        return self._status

    state = status

    def snapshot(self) -> BreakerSnapshot:
        return BreakerSnapshot(
            self.name, self.status, self.consecutive_failures, self.failures_total,
            self.successes_total, self._changed_at,
        )

    def add_listener(self, fn: Listener) -> None:
        self._listeners.append(fn)

    def _transition(self, new: BreakerStatus) -> None:
        old = self._status
        if old is new:
            return
        self._status = new
        self._changed_at = self.clock.now()
        if new is BreakerStatus.OPEN:
            self._opened_at = self.clock.monotonic()
        if new is not BreakerStatus.HALF_OPEN:
            self._in_flight_trials = 0
        for fn in (*self._listeners, *_listeners):
            try:
                fn(self, old, new)
            except Exception:  # a listener must never break the caller
                pass

    def reset(self) -> None:
        self.consecutive_failures = 0
        self._transition(BreakerStatus.CLOSED)

    def trip(self) -> None:
        self._transition(BreakerStatus.OPEN)

    # calls -------------------------------------------------------------------------------

    def _acquire(self) -> None:
        status = self.status
        if status is BreakerStatus.OPEN:
            remaining = self.reset_timeout - (self.clock.monotonic() - self._opened_at)
            raise CircuitOpenError(self.name, max(0.0, remaining))
        if status is BreakerStatus.HALF_OPEN:
            if self._in_flight_trials >= self.half_open_max_calls:
                raise CircuitOpenError(self.name, 0.0)
            self._in_flight_trials += 1

    def record_success(self) -> None:
        self.successes_total += 1
        self.consecutive_failures = 0
        if self._status is BreakerStatus.HALF_OPEN:
            self._transition(BreakerStatus.CLOSED)

    def record_failure(self) -> None:
        self.failures_total += 1
        self.consecutive_failures += 1
        if self._status is BreakerStatus.HALF_OPEN or (
            self._status is BreakerStatus.CLOSED
            and self.consecutive_failures >= self.failure_threshold
        ):
            self._transition(BreakerStatus.OPEN)

    def _release(self, exc: BaseException | None) -> None:
        was_trial = self._status is BreakerStatus.HALF_OPEN
        if was_trial and self._in_flight_trials > 0:
            self._in_flight_trials -= 1
        if exc is None:
            self.record_success()
        elif isinstance(exc, Exception) and self._counts(exc):
            self.record_failure()

    async def __aenter__(self) -> CircuitBreaker:
        self._acquire()
        return self

    async def __aexit__(self, et: Any, exc: BaseException | None, tb: Any) -> None:
        self._release(exc)

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        self._acquire()
        try:
            result = await fn(*args, **kwargs)
        except BaseException as exc:
            self._release(exc)
            raise
        self._release(None)
        return result

    def __repr__(self) -> str:
        return f"CircuitBreaker({self.name!r}, {self._status.value})"
