"""CircuitBreaker state machine, driven by a SimulatedClock."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from omni_core.breaker import (
    BreakerStatus,
    CircuitBreaker,
    CircuitOpenError,
    add_listener,
    breakers,
    get_breaker,
    remove_listener,
)
from omni_core.clock import SimulatedClock


class Boom(Exception):
    pass


async def fail() -> None:
    raise Boom()


async def ok(x: int = 1) -> int:
    return x


def make(name: str, clock: SimulatedClock, **kw) -> CircuitBreaker:
    kw.setdefault("failure_threshold", 3)
    kw.setdefault("reset_timeout", 10)
    return CircuitBreaker(name, clock=clock, **kw)


async def test_closed_open_half_open_closed():
    clock = SimulatedClock(datetime(2024, 1, 1, tzinfo=UTC))
    b = make("venue:test-cycle", clock)
    changes: list[tuple[str, str]] = []
    b.add_listener(lambda br, old, new: changes.append((old.value, new.value)))

    for _ in range(2):
        with pytest.raises(Boom):
            await b.call(fail)
    assert b.status is BreakerStatus.CLOSED and b.consecutive_failures == 2
    assert await b.call(ok, 5) == 5  # a success resets the count
    assert b.consecutive_failures == 0
    for _ in range(3):
        with pytest.raises(Boom):
            await b.call(fail)
    assert b.status is BreakerStatus.OPEN

    with pytest.raises(CircuitOpenError) as err:
        await b.call(ok)
    assert err.value.code == grpc.StatusCode.UNAVAILABLE
    await clock.advance(9.9)
    assert b.status is BreakerStatus.OPEN
    await clock.advance(0.1)
    assert b.status is BreakerStatus.HALF_OPEN

    # a failed trial re-opens it
    with pytest.raises(Boom):
        async with b:
            raise Boom()
    assert b.status is BreakerStatus.OPEN
    await clock.advance(10)
    async with b:
        pass
    assert b.status is BreakerStatus.CLOSED
    assert changes == [
        ("closed", "open"), ("open", "half_open"), ("half_open", "open"),
        ("open", "half_open"), ("half_open", "closed"),
    ]
    snap = b.snapshot()
    assert (snap.failures_total, snap.successes_total) == (6, 2)
    proto = snap.to_proto()
    assert proto.name == "venue:test-cycle" and proto.status == 1  # CLOSED


async def test_half_open_limits_trial_calls():
    clock = SimulatedClock()
    b = make("venue:test-trials", clock, failure_threshold=1, half_open_max_calls=2)
    with pytest.raises(Boom):
        await b.call(fail)
    await clock.advance(10)
    e1, e2 = b.__aenter__(), b.__aenter__()
    await e1
    await e2
    with pytest.raises(CircuitOpenError):
        await b.call(ok)
    await b.__aexit__(None, None, None)
    assert b.status is BreakerStatus.CLOSED


async def test_filter_and_registry_and_global_listener():
    clock = SimulatedClock()
    seen = []

    def listener(br, old, new):
        seen.append((br.name, new))

    add_listener(listener)
    try:
        b = make("venue:test-filter", clock, failure_threshold=1,
                 counts_as_failure=lambda exc: not isinstance(exc, KeyError))
        with pytest.raises(KeyError):
            async with b:
                raise KeyError("not a venue fault")
        assert b.status is BreakerStatus.CLOSED
        with pytest.raises(Boom):
            await b.call(fail)
        assert seen == [("venue:test-filter", BreakerStatus.OPEN)]
        assert get_breaker("venue:test-filter") is b and b in breakers()
    finally:
        remove_listener(listener)
