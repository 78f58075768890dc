"""runtime_watch: collections are timed by generation; a stalled event loop is measured, and a
large stall is logged with the collector's share of it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from typing import Any

from omni_core.runtime_watch import GcTimer, watch_loop_lag
from prometheus_client import CollectorRegistry, Histogram


def _histogram(labels: tuple[str, ...] = ()) -> Histogram:
    return Histogram("h_seconds", "test", labels, buckets=(0.01, 0.1, 1.0),
                     registry=CollectorRegistry())


def _count(h: Histogram, **labels: str) -> float:
    return next(s.value for m in h.collect() for s in m.samples
                if s.name.endswith("_count") and s.labels == labels)


def _sum(h: Histogram) -> float:
    return next(s.value for m in h.collect() for s in m.samples if s.name.endswith("_sum"))


def test_each_collection_is_timed_under_its_generation():
    h = _histogram(("generation",))
    timer = GcTimer(h).install()
    try:
        before = timer.total_seconds
        gc.collect(1)
        gc.collect(2)
        assert _count(h, generation="1") >= 1 and _count(h, generation="2") >= 1
        assert timer.total_seconds > before
    finally:
        timer.remove()
    assert timer not in gc.callbacks
    n = _count(h, generation="2")
    gc.collect(2)
    assert _count(h, generation="2") == n  # removed: no longer timed


class _Log:
    def __init__(self) -> None:
        self.records: list[tuple[str, dict[str, Any]]] = []

    def warning(self, msg: str, **fields: Any) -> None:
        self.records.append((msg, fields))


async def test_a_blocked_loop_is_measured_and_a_large_stall_logged():
    lag, log = _histogram(), _Log()
    timer = GcTimer(_histogram(("generation",))).install()
    task = asyncio.create_task(watch_loop_lag(lag, timer, interval=0.01, log_above=0.1,
                                              log=log))
    try:
        await asyncio.sleep(0.05)
        assert log.records == []
        time.sleep(0.3)  # noqa: ASYNC251  (holds the loop, as a blocking call would)
        gc.collect()
        await asyncio.sleep(0.05)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        timer.remove()
    assert _sum(lag) >= 0.25
    assert len(log.records) == 1
    msg, fields = log.records[0]
    assert msg == "event loop stalled" and fields["lag_ms"] >= 250
    assert 0 < fields["gc_ms"] < fields["lag_ms"]
