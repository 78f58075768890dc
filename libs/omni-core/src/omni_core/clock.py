"""Clocks. Services take time from a `Clock` so backtests can drive a `SimulatedClock` through
the same code that runs live (one kernel for backtest and live)."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time as _time
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "RealClock", "SimulatedClock"]


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC datetime."""
        ...

    def time(self) -> float:
        """Seconds since the epoch."""
        ...

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...

    async def sleep_until(self, when: datetime) -> None: ...


class RealClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def time(self) -> float:
        return _time.time()

    def monotonic(self) -> float:
        return _time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))

    async def sleep_until(self, when: datetime) -> None:
        await self.sleep((_aware(when) - self.now()).total_seconds())


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return dt.astimezone(UTC)


class SimulatedClock:
    """Time moves only when `advance`/`advance_to` is called. Sleepers wake in deadline order
    (ties in the order they went to sleep); each one runs before the next is woken, so a
    sleeper that schedules another sleep inside the advanced window is woken too, in order.

        clock = SimulatedClock(datetime(2024, 1, 2, 14, 30, tzinfo=UTC))
        await clock.advance(60)
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = _aware(start) if start is not None else datetime(2024, 1, 1, tzinfo=UTC)
        self._epoch = self._now
        self._seq = itertools.count()
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []

    def now(self) -> datetime:
        return self._now

    def time(self) -> float:
        return self._now.timestamp()

    def monotonic(self) -> float:
        return (self._now - self._epoch).total_seconds()

    @property
    def pending(self) -> int:
        """How many sleepers are waiting."""
        return sum(1 for _, _, f in self._sleepers if not f.done())

    async def sleep(self, seconds: float) -> None:
        await self.sleep_until(self._now + timedelta(seconds=max(0.0, seconds)))

    async def sleep_until(self, when: datetime) -> None:
        when = _aware(when)
        if when <= self._now:
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (when, next(self._seq), fut))
        await fut

    async def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time does not go backwards")
        await self.advance_to(self._now + timedelta(seconds=seconds))

    async def advance_to(self, when: datetime) -> None:
        when = _aware(when)
        if when < self._now:
            raise ValueError("time does not go backwards")
        while self._sleepers and self._sleepers[0][0] <= when:
            deadline, _, fut = heapq.heappop(self._sleepers)
            if fut.done():
                continue
            self._now = max(self._now, deadline)
            fut.set_result(None)
            # let the woken task (and what it triggers) run before waking the next one
            for _ in range(5):
                await asyncio.sleep(0)
        self._now = when
        await asyncio.sleep(0)
