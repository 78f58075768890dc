"""SimulatedClock: deterministic ordering of sleepers; RealClock basics."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from omni_core.clock import Clock, RealClock, SimulatedClock

T0 = datetime(2024, 3, 1, 14, 30, tzinfo=UTC)


async def test_sleepers_wake_in_time_order_regardless_of_creation_order():
    clock = SimulatedClock(T0)
    woke: list[tuple[str, datetime]] = []

    async def sleeper(name: str, seconds: float) -> None:
        await clock.sleep(seconds)
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, s)) for n, s in
             [("c", 30), ("a", 10), ("b", 20), ("a2", 10), ("late", 100)]]
    await asyncio.sleep(0)
    assert clock.pending == 5
    await clock.advance(60)
    assert [n for n, _ in woke] == ["a", "a2", "b", "c"]
    assert [t for _, t in woke] == [T0 + timedelta(seconds=s) for s in (10, 10, 20, 30)]
    assert clock.now() == T0 + timedelta(seconds=60)
    assert clock.pending == 1
    await clock.advance_to(T0 + timedelta(seconds=100))
    assert woke[-1] == ("late", T0 + timedelta(seconds=100))
    await asyncio.gather(*tasks)


async def test_sleeper_rescheduling_inside_window_is_woken_in_order():
    clock = SimulatedClock(T0)
    ticks: list[float] = []

    async def every_5() -> None:
        while True:
            await clock.sleep(5)
            ticks.append(clock.monotonic())

    task = asyncio.create_task(every_5())
    await asyncio.sleep(0)
    await clock.advance(22)
    assert ticks == [5, 10, 15, 20]
    task.cancel()


async def test_sleep_until_and_time_values():
    clock = SimulatedClock(T0)
    assert clock.time() == T0.timestamp() and clock.monotonic() == 0
    done = asyncio.create_task(clock.sleep_until(T0 + timedelta(minutes=1)))
    await asyncio.sleep(0)
    assert not done.done()
    await clock.advance(59)
    assert not done.done()
    await clock.advance(1)
    assert done.done()
    await clock.sleep_until(T0)  # in the past: returns at once
    with pytest.raises(ValueError):
        await clock.advance(-1)
    with pytest.raises(ValueError):
        SimulatedClock(datetime(2024, 1, 1))  # naive


async def test_real_clock_is_a_clock():
    c = RealClock()
    assert isinstance(c, Clock) and isinstance(SimulatedClock(), Clock)
    assert c.now().tzinfo is not None
    await c.sleep(0)
    await c.sleep_until(c.now() - timedelta(seconds=1))
