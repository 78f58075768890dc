"""The provider interface: a provider names its instruments and pushes data into a sink."""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from omni_quant.marketsim import Quote, Trade

from svc_market_data.bars import Bar
from svc_market_data.pipeline import InstrumentInfo

NS = 1_000_000_000


class Sink(Protocol):
    """What providers push into (the :class:`~svc_market_data.pipeline.Pipeline`)."""

    def on_quote(self, q: Quote, source: str = "") -> bool: ...

    def on_trade(self, t: Trade, source: str = "") -> bool: ...

    def on_bar(self, bar: Bar) -> bool: ...

    def on_status(self, instrument: str, ts_ns: int, status: int, reason: str = "",
                  source: str = "") -> bool: ...

    def on_book_snapshot(self, instrument: str, ts_ns: int, bids: Sequence[tuple[float, float]],
                         asks: Sequence[tuple[float, float]], sequence: int = 0,
                         source: str = "", publish: bool = True) -> bool: ...

    def on_book_delta(self, instrument: str, ts_ns: int,
                      updates: Sequence[tuple[int, float, float]], sequence: int = 0,
                      source: str = "", publish: bool = True) -> bool: ...

    def flush_bars(self, now_ns: int) -> int:
        """Close every bar that ends by ``now_ns`` (a provider whose clock covers every
        instrument calls it: nothing earlier can still arrive)."""
        ...


class Provider(ABC):
    """A source of market data.

    ``instruments()`` is known before ``run`` starts (the service answers ListInstruments and
    rejects unknown ids from it). ``run`` pushes data into the sink until ``stop`` is set or
    the source is exhausted; it must not block the event loop (blocking client libraries run
    in threads).
    """

    name: str = "provider"

    @abstractmethod
    def instruments(self) -> list[InstrumentInfo]: ...

    @abstractmethod
    async def run(self, sink: Sink, stop: asyncio.Event) -> None: ...

    async def history(self, instrument: str, timeframe: str, start_ns: int,
                      end_ns: int) -> list[Bar]:
        """Historical bars from the source, when it has an API for them (else empty)."""
        return []

    async def close(self) -> None:  # noqa: B027 - optional hook
        pass


Sleep = Callable[[float], Awaitable[None]]


class Pacer:
    """Paces event times against a clock: ``await pace(ts_ns)`` sleeps until the event is due
    at ``speed`` times real time (speed 0 = as fast as possible, yielding now and then).

    ``monotonic`` and ``sleep`` are injectable so tests drive a fake clock.
    """

    def __init__(self, speed: float, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Sleep = asyncio.sleep, yield_every: int = 500) -> None:
        if speed < 0:
            raise ValueError("replay speed must be >= 0 (0 = as fast as possible)")
        self.speed = speed
        self.monotonic = monotonic
        self.sleep = sleep
        self.yield_every = yield_every
        self._t0_event: int | None = None
        self._t0_wall = 0.0
        self._n = 0
        self.slept = 0.0

    async def pace(self, ts_ns: int) -> None:
        self._n += 1
        if self.speed == 0:
            if self._n % self.yield_every == 0:
                await self.sleep(0)
            return
        if self._t0_event is None:
            self._t0_event = ts_ns
            self._t0_wall = self.monotonic()
            return
        due = (ts_ns - self._t0_event) / NS / self.speed
        delay = due - (self.monotonic() - self._t0_wall)
        if delay > 0:
            self.slept += delay
            await self.sleep(delay)
        elif self._n % self.yield_every == 0:
            await self.sleep(0)
