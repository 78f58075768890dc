"""Ticks held for a short window and published together.

On a broker whose work per fetch grows with the batches a topic holds (the embedded one,
docs/embedded.md "Long sessions"), every separate publish is one more batch that every consumer
of market-data-stream fetches. Holding quotes, trades and book updates for ``window`` seconds
puts a window's ticks into one batch. Anything else (a closed bar, an instrument status) goes
out at once, after the ticks held before it, so per-instrument order is kept and the bars the
strategies trade on are not delayed. Nothing is dropped: the window only groups.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message
from omni.market_data.v1 import events_pb2 as ev

Send = Callable[[str, Message], None]

TICKS = (ev.Quote, ev.Trade, ev.BookDelta, ev.BookSnapshot)


class PublishWindow:
    def __init__(self, send: Send, window: float) -> None:
        if window < 0:
            raise ValueError("publish window must be >= 0 seconds")
        self.send = send
        self.window = window
        self._held: list[tuple[str, Message]] = []

    def __call__(self, key: str, msg: Message) -> None:
        if self.window and isinstance(msg, TICKS):
            self._held.append((key, msg))
            return
        self.flush()
        self.send(key, msg)

    @property
    def held(self) -> int:
        return len(self._held)

    def flush(self) -> None:
        held, self._held = self._held, []
        for key, msg in held:
            self.send(key, msg)

    async def flush_async(self) -> None:
        self.flush()
