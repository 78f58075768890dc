"""Multi-timeframe bars: roll closed 1-minute (or any base) bars up into larger frames.

    agg = BarAggregator(["5m", "15m", "1h", "1d"])
    for closed in agg.add(OHLCV(start_s, end_s, o, h, l, c, v)):   # base bars, oldest first
        ...                                                       # (timeframe, bar) closed

Frames are aligned to the UTC epoch (a 1-day bar starts at 00:00 UTC), like market-data's.
A larger bar closes when a base bar of a later interval arrives, or on `flush(now_s)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["OHLCV", "BarAggregator", "timeframe_seconds"]

_TF = re.compile(r"^(\d+)([smhd])$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86_400}


def timeframe_seconds(label: str) -> int:
    m = _TF.match(label.strip().lower())
    if not m or int(m.group(1)) <= 0:
        raise ValueError(f"bad timeframe {label!r}: use <n>s, <n>m, <n>h or <n>d")
    return int(m.group(1)) * _UNIT[m.group(2)]


@dataclass(slots=True)
class OHLCV:
    start: float  # seconds since the epoch
    end: float
    open: float
    high: float
    low: float
    close: float
    volume: float


class BarAggregator:
    def __init__(self, timeframes: list[str]) -> None:
        self.frames = sorted({(timeframe_seconds(t), t) for t in timeframes})
        self._open: dict[str, OHLCV | None] = {t: None for _, t in self.frames}

    def add(self, bar: OHLCV) -> list[tuple[str, OHLCV]]:
        closed: list[tuple[str, OHLCV]] = []
        for secs, tf in self.frames:
            start = (int(bar.start) // secs) * secs
            cur = self._open[tf]
            if cur is not None and start > cur.start:
                closed.append((tf, cur))
                cur = None
            elif cur is not None and start < cur.start:
                continue  # late base bar for a frame already closed: ignored
            if cur is None:
                self._open[tf] = OHLCV(start, start + secs, bar.open, bar.high, bar.low,
                                       bar.close, bar.volume)
            else:
                cur.high = max(cur.high, bar.high)
                cur.low = min(cur.low, bar.low)
                cur.close = bar.close
                cur.volume += bar.volume
            if bar.end >= start + secs:  # the base bar completes the frame
                closed.append((tf, self._open[tf]))  # type: ignore[arg-type]
                self._open[tf] = None
        return closed

    def flush(self, now: float) -> list[tuple[str, OHLCV]]:
        closed = []
        for _, tf in self.frames:
            cur = self._open[tf]
            if cur is not None and now >= cur.end:
                closed.append((tf, cur))
                self._open[tf] = None
        return closed
