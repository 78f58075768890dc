"""Messages handed over during one event-loop iteration, sent together at its end.

A producer sends what it has queued once its linger time (2 ms) passes, so a handler that
publishes several events with milliseconds of work between them (indicators for one bar, then
the next bar's) sends one Kafka batch per event. On the embedded broker every batch a topic
holds costs work on each fetch of it (docs/embedded.md, "Long sessions"); on any broker fewer,
larger batches are cheaper. Collecting the events of one iteration and producing them
back to back at its end puts them in one batch, in the order they were handed over, and delays
none of them beyond the end of the synchronous work that made them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
M = TypeVar("M")

__all__ = ["IterationBatch"]


class IterationBatch(Generic[K, M]):
    """Call it like ``send(key, message)``; ``send`` runs for each at the end of the current
    loop iteration (at once when no event loop is running)."""

    def __init__(self, send: Callable[[K, M], object]) -> None:
        self.send = send
        self._held: list[tuple[K, M]] = []
        self._scheduled = False

    def __call__(self, key: K, msg: M) -> None:
        self._held.append((key, msg))
        if self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._scheduled = True
        loop.call_soon(self.flush)

    @property
    def held(self) -> int:
        return len(self._held)

    def flush(self) -> None:
        """Send everything held now (also what ``stop`` paths call before the producer goes)."""
        self._scheduled = False
        held, self._held = self._held, []
        failed: Exception | None = None
        for key, msg in held:
            try:
                self.send(key, msg)
            except Exception as exc:  # the others still go; the first failure is raised
                failed = failed or exc
        if failed is not None:
            raise failed
