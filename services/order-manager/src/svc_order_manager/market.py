"""What order-manager knows of the market, from market-data-stream: last quote (mid, touch),
last trade, a bounded window of recent trades per instrument (interval VWAP of single orders),
and listeners for trades (POV volume, parent interval VWAP)."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MarketState", "Touch"]


@dataclass(slots=True)
class Touch:
    bid: float = 0.0
    ask: float = 0.0
    last: float = 0.0
    # seconds since the epoch of the last update
    at: float = 0.0

    @property
    def mid(self) -> float:
        if self.bid > 0 and self.ask > 0:
            return 0.5 * (self.bid + self.ask)
        return self.last


TradeListener = Callable[[str, float, float, float], None]


class MarketState:
    def __init__(self, window: int = 5000) -> None:
        self.touch: dict[str, Touch] = {}
        self.trades: dict[str, deque[tuple[float, float, float]]] = {}
        self.window = window
        self._listeners: list[TradeListener] = []
        self.seen_trades: set[str] = set()

    def on_trade_listener(self, fn: TradeListener) -> None:
        self._listeners.append(fn)

    def quote(self, inst: str, bid: float, ask: float, t: float) -> None:
        if not (math.isfinite(bid) and math.isfinite(ask)) or bid <= 0 or ask <= 0 or bid > ask:
            return
        tc = self.touch.setdefault(inst, Touch())
        tc.bid, tc.ask, tc.at = bid, ask, t

    def trade(self, inst: str, price: float, size: float, t: float) -> None:
        if not (math.isfinite(price) and math.isfinite(size)) or price <= 0 or size <= 0:
            return
        tc = self.touch.setdefault(inst, Touch())
        tc.last, tc.at = price, t
        dq = self.trades.get(inst)
        if dq is None:
            dq = self.trades[inst] = deque(maxlen=self.window)
        dq.append((t, price, size))
        self.seen_trades.add(inst)
        for fn in self._listeners:
            fn(inst, price, size, t)

    def bar(self, inst: str, close: float, volume: float, vwap: float, t: float) -> None:
        """Bars count as volume only for instruments whose trades we do not see."""
        if inst in self.seen_trades:
            return
        if not (math.isfinite(close) and close > 0):
            return
        tc = self.touch.setdefault(inst, Touch())
        tc.last, tc.at = close, t
        if math.isfinite(volume) and volume > 0:
            px = vwap if vwap > 0 and math.isfinite(vwap) else close
            for fn in self._listeners:
                fn(inst, px, volume, t)

    def mid(self, inst: str) -> float:
        tc = self.touch.get(inst)
        return tc.mid if tc else 0.0

    def interval_stats(self, inst: str, start: float, end: float) -> tuple[float, float, float]:
        """(VWAP, TWAP of trade prices, volume) of the trades seen in [start, end]."""
        dq = self.trades.get(inst)
        if not dq:
            return 0.0, 0.0, 0.0
        pv = v = ps = 0.0
        n = 0
        for t, p, s in dq:
            if start <= t <= end:
                pv += p * s
                v += s
                ps += p
                n += 1
        return (pv / v if v else 0.0), (ps / n if n else 0.0), v
