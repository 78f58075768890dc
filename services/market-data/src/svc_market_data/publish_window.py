"""Ticks held for a short window and published together.

On a broker whose work per fetch grows with the batches a topic holds (the embedded one,
docs/embedded.md "Long sessions"), every separate publish is one more batch that every consumer
of market-data-stream fetches. So:

- quotes, trades and book updates wait until the next bar or status event, or at most
  ``window`` seconds (checked every quarter window by :meth:`flush_due`);
- a closed bar or a status event takes the held ticks out first, so per-instrument order is
  kept, and does not wait itself;
- everything handed over in one event-loop iteration (the simulator's step closes every
  instrument's bars at once) goes to the producer back to back at its end, as one batch.

With ``window`` 0 only the last applies. Nothing is dropped: the window only groups.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from google.protobuf.message import Message
from omni.market_data.v1 import events_pb2 as ev
from omni_core.coalesce import IterationBatch

Send = Callable[[str, Message], None]

TICKS = (ev.Quote, ev.Trade, ev.BookDelta, ev.BookSnapshot)


class PublishWindow:
    def __init__(self, send: Send, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if window < 0:
            raise ValueError("publish window must be >= 0 seconds")
        self.out: IterationBatch[str, Message] = IterationBatch(send)
        self.window = window
        self.clock = clock
        self._held: list[tuple[str, Message]] = []
        self._oldest = 0.0

    def __call__(self, key: str, msg: Message) -> None:
        if self.window and isinstance(msg, TICKS):
            if not self._held:
                self._oldest = self.clock()
            self._held.append((key, msg))
            return
        self._release()
        self.out(key, msg)

    @property
    def held(self) -> int:
        return len(self._held) + self.out.held

    def _release(self) -> None:
        held, self._held = self._held, []
        for key, msg in held:
            self.out(key, msg)

    def flush(self) -> None:
        """Send everything held now."""
        self._release()
        self.out.flush()

    async def flush_due(self) -> None:
        """Send the held ticks once the oldest has waited ``window`` seconds."""
        if self._held and self.clock() - self._oldest >= self.window:
            self.flush()
