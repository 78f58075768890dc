"""The running market-data service state: provider → pipeline → (bus, subscribers, store).

Independent of gRPC; the servicer and the app wire it up. ``publish`` is the function that
puts an event on ``market-data-stream`` (the kit's ``Service.publish_nowait``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from google.protobuf.message import Message

from svc_market_data.metrics import QUARANTINE_SIZE, STORED, CountSync, record_quarantine
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.base import NS, Provider
from svc_market_data.store import HistoryStore
from svc_market_data.validation import Quarantine, ValidationConfig, Validator

log = logging.getLogger(__name__)

TOPIC = "market-data-stream"


class MarketDataCore:
    def __init__(self, provider: Provider, timeframes: list[str], *,
                 validation: ValidationConfig | None = None, quarantine_capacity: int = 10_000,
                 publish: Callable[[str, Message], object] | None = None,
                 now_ns: Callable[[], int] = time.time_ns, store_trades: bool = True,
                 trade_retention_days: float = 7.0, influx=None, book_depth: int = 10) -> None:
        self.provider = provider
        self.now_ns = now_ns
        self.quarantine = Quarantine(quarantine_capacity, on_record=record_quarantine)
        self.validator = Validator(validation or ValidationConfig(), self.quarantine, now_ns)
        self.publish = publish
        self.pipeline = Pipeline(provider.instruments(), self.validator, timeframes,
                                 sink=self._sink, source=provider.name)
        self.pipeline.store_trades = store_trades
        self.store: HistoryStore | None = None
        self.influx = influx
        self.book_depth = book_depth
        self.trade_retention_days = trade_retention_days
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._counts = CountSync()
        self._flush_lock = asyncio.Lock()
        self.provider_error: BaseException | None = None
        self.provider_restarts = 0
        self.restart_backoff = 1.0
        self.max_restart_backoff = 30.0
        self.provider_done = asyncio.Event()

    # -- output --------------------------------------------------------------------------

    def _sink(self, key: str, msg: Message) -> None:
        if self.publish is not None:
            self.publish(key, msg)

    # -- lifecycle -----------------------------------------------------------------------

    def start(self, ready: Callable[[], bool] | None = None) -> None:
        """Start the provider in the background; it waits for ``ready()`` (the bus) first so
        nothing is validated and then dropped before the producer runs."""
        self._stop.clear()
        self.provider_done.clear()
        self._task = asyncio.create_task(self._run_provider(ready), name="md-provider")

    async def _run_provider(self, ready: Callable[[], bool] | None) -> None:
        """Run the provider; if it fails, restart it with exponential backoff (a dropped
        venue connection must not end the feed). A provider that returns normally (a replay
        that reached its end) is done."""
        backoff = self.restart_backoff
        try:
            if ready is not None:
                for _ in range(600):
                    if ready() or self._stop.is_set():
                        break
                    await asyncio.sleep(0.05)
            self.pipeline.announce(self.now_ns())
            while not self._stop.is_set():
                try:
                    await self.provider.run(self.pipeline, self._stop)
                    log.info("provider %s finished", self.provider.name)
                    return
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    self.provider_error = exc
                    self.provider_restarts += 1
                    log.exception("provider %s failed; restarting in %.1fs", self.provider.name,
                                  backoff)
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._stop.wait(), backoff)
                    backoff = min(backoff * 2, self.max_restart_backoff)
        finally:
            self.provider_done.set()

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), 10)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
                with contextlib.suppress(BaseException):
                    await self._task
        with contextlib.suppress(Exception):
            await self.flush()
        with contextlib.suppress(Exception):
            await self.provider.close()
        if self.influx is not None:
            with contextlib.suppress(Exception):
                await self.influx.close()

    # -- periodic ------------------------------------------------------------------------

    async def tick(self) -> None:
        """Every flush interval: close due bars, flag stale feeds, persist, sync metrics."""
        now = self.now_ns()
        self.pipeline.flush_bars(now)
        self.pipeline.check_stale(now)
        await self.flush()
        self._counts.sync(self.pipeline.counts)
        QUARANTINE_SIZE.set(len(self.quarantine))

    async def flush(self) -> None:
        """Write pending bars and trades to the history store (and InfluxDB when set)."""
        async with self._flush_lock:
            pend_b = self.pipeline.pending_bars
            pend_t = self.pipeline.pending_trades
            bars = [pend_b.popleft() for _ in range(len(pend_b))]
            trades = [pend_t.popleft() for _ in range(len(pend_t))]
            if not bars and not trades:
                return
            if self.store is not None:
                try:
                    STORED.labels("md_bars").inc(await self.store.save_bars(bars))
                    STORED.labels("md_trades").inc(
                        await self.store.save_trades(trades, self.provider.name))
                except Exception:
                    # keep what fits back in the bounded queues; retried at the next flush
                    pend_b.extendleft(reversed(bars))
                    pend_t.extendleft(reversed(trades))
                    raise
            if self.influx is not None:
                try:
                    await self.influx.write(bars, trades)
                except Exception as exc:  # the SQL store is the record; Influx is best effort
                    log.warning("influx write failed: %s", exc)

    async def retention(self) -> int:
        if self.store is None:
            return 0
        before = self.now_ns() - int(self.trade_retention_days * 86_400 * NS)
        return await self.store.prune_trades(before)
