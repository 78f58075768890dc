"""Where a service process loses time, as metrics: garbage-collector pauses and event-loop
stalls. Every service gets both (the kit starts them); they answer "which process held this
order up, and was it the collector?".

- ``omni_gc_pause_seconds{generation}``: the duration of each collection (``gc.callbacks``);
- ``omni_event_loop_lag_seconds``: how late a timer set every ``interval`` fires. Anything that
  holds the loop (a blocking call, a long computation, a collection) shows as lag; a lag of
  ``log_above`` or more is logged with the collector's share of it.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

__all__ = ["GcTimer", "watch_loop_lag"]


class GcTimer:
    """A ``gc.callbacks`` entry that times each collection into a histogram by generation and
    keeps the running total, so a stall can be split into collector and the rest."""

    def __init__(self, histogram: Any) -> None:
        self._by_generation = [histogram.labels(str(g)) for g in range(3)]
        self._started = 0.0
        self.total_seconds = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started = now
            return
        seconds = now - self._started
        self.total_seconds += seconds
        self._by_generation[info["generation"]].observe(seconds)

    def install(self) -> GcTimer:
        if self not in gc.callbacks:
            gc.callbacks.append(self)
        return self

    def remove(self) -> None:
        if self in gc.callbacks:
            gc.callbacks.remove(self)


async def watch_loop_lag(histogram: Any, gc_timer: GcTimer | None = None, *,
                         interval: float = 0.05, log_above: float = 0.25,
                         log: Any = None) -> None:
    """Run until cancelled: observe each timer's lateness; log the large ones."""
    loop = asyncio.get_running_loop()
    while True:
        gc_before = gc_timer.total_seconds if gc_timer is not None else 0.0
        due = loop.time() + interval
        await asyncio.sleep(interval)
        lag = max(0.0, loop.time() - due)
        histogram.observe(lag)
        if lag >= log_above and log is not None:
            gc_ms = ((gc_timer.total_seconds - gc_before) * 1e3 if gc_timer is not None
                     else None)
            log.warning("event loop stalled", lag_ms=round(lag * 1e3, 1),
                        gc_ms=None if gc_ms is None else round(gc_ms, 1),
                        gc_counts=gc.get_count())
