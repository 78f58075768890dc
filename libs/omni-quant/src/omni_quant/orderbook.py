"""A level-2 order book: price levels per side, built from snapshots and deltas.

Pure and synchronous (no I/O); it sits on the market-data hot path and is read by the paper
venue's matching engine, so every operation is O(levels touched):

* each side is a dict ``price -> size`` plus a sorted list of keys (bids are kept as negated
  prices so both sides sort ascending from the best level);
* a delta with size 0 removes the level; a snapshot replaces the side;
* top-of-book analytics (spread, imbalance, microprice) read the first entries only;
* :meth:`OrderBook.impact` walks the book for a given quantity without changing it, and
  :meth:`OrderBook.take` walks it and removes what it consumed (a market order against the book).

Prices are floats (market prices on the hot path are floats by convention). Sizes are floats so
fractional crypto and FX quantities work.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["BID", "ASK", "OrderBook", "Impact", "CrossedBookError"]

BID = 1
ASK = 2


class CrossedBookError(ValueError):
    """Raised by :meth:`OrderBook.check` when the best bid is at or above the best ask."""


@dataclass(frozen=True, slots=True)
class Impact:
    """The result of walking one side of the book for ``requested`` quantity.

    ``side`` is the side of the *aggressor*: a buy walks the asks, a sell walks the bids.
    ``average_price`` is the volume-weighted price of what could be filled (NaN if nothing);
    ``worst_price`` the last level touched; ``impact_bps`` the signed cost against the mid in
    basis points (positive is worse for the aggressor); ``slippage_bps`` the same against the
    touch (best opposite price).
    """

    side: int
    requested: float
    filled: float
    average_price: float
    worst_price: float
    levels: int
    impact_bps: float
    slippage_bps: float
    fills: tuple[tuple[float, float], ...]

    @property
    def complete(self) -> bool:
        return self.filled >= self.requested - 1e-12


class _Side:
    __slots__ = ("sign", "sizes", "keys")

    def __init__(self, sign: float) -> None:
        # sign = -1 for bids (keys are -price, ascending = best first), +1 for asks.
        self.sign = sign
        self.sizes: dict[float, float] = {}
        self.keys: list[float] = []

    def clear(self) -> None:
        self.sizes.clear()
        self.keys.clear()

    def set(self, price: float, size: float) -> None:
        sizes = self.sizes
        if size <= 0.0:
            if price in sizes:
                del sizes[price]
                keys = self.keys
                k = self.sign * price
                i = bisect_left(keys, k)
                if i < len(keys) and keys[i] == k:
                    del keys[i]
            return
        if price not in sizes:
            insort(self.keys, self.sign * price)
        sizes[price] = size

    def load(self, prices: Sequence[float], sizes: Sequence[float]) -> None:
        d: dict[float, float] = {}
        for p, s in zip(prices, sizes, strict=True):
            p = float(p)
            s = float(s)
            if s > 0.0 and p > 0.0:
                d[p] = d.get(p, 0.0) + s
        self.sizes = d
        sign = self.sign
        self.keys = sorted(sign * p for p in d)

    def best(self) -> float:
        keys = self.keys
        return self.sign * keys[0] if keys else math.nan

    def best_size(self) -> float:
        keys = self.keys
        return self.sizes[self.sign * keys[0]] if keys else 0.0

    def levels(self, n: int | None) -> list[tuple[float, float]]:
        sign = self.sign
        sizes = self.sizes
        keys = self.keys if n is None else self.keys[:n]
        return [(sign * k, sizes[sign * k]) for k in keys]

    def depth(self, n: int | None) -> float:
        sign = self.sign
        sizes = self.sizes
        keys = self.keys if n is None else self.keys[:n]
        return sum(sizes[sign * k] for k in keys)

    def remove_through(self, price: float) -> None:
        """Remove levels at or through ``price`` (used to uncross after a top-of-book update)."""
        keys = self.keys
        sign = self.sign
        limit = sign * price
        n = 0
        while n < len(keys) and keys[n] <= limit:
            del self.sizes[sign * keys[n]]
            n += 1
        if n:
            del keys[:n]


class OrderBook:
    """An L2 book for one instrument. Not thread-safe; one owner per book."""

    __slots__ = ("instrument", "bids", "asks", "ts_ns", "sequence")

    def __init__(self, instrument: str = "") -> None:
        self.instrument = instrument
        self.bids = _Side(-1.0)
        self.asks = _Side(1.0)
        self.ts_ns = 0
        self.sequence = 0

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def from_snapshot(
        cls,
        instrument: str,
        bid_prices: Sequence[float],
        bid_sizes: Sequence[float],
        ask_prices: Sequence[float],
        ask_sizes: Sequence[float],
        ts_ns: int = 0,
        sequence: int = 0,
    ) -> OrderBook:
        book = cls(instrument)
        book.apply_snapshot(bid_prices, bid_sizes, ask_prices, ask_sizes, ts_ns, sequence)
        return book

    def apply_snapshot(
        self,
        bid_prices: Sequence[float],
        bid_sizes: Sequence[float],
        ask_prices: Sequence[float],
        ask_sizes: Sequence[float],
        ts_ns: int = 0,
        sequence: int = 0,
    ) -> None:
        """Replace both sides. Non-positive sizes and prices are dropped; repeated prices add."""
        self.bids.load(bid_prices, bid_sizes)
        self.asks.load(ask_prices, ask_sizes)
        self.ts_ns = ts_ns
        self.sequence = sequence

    def apply_delta(self, side: int, price: float, size: float, ts_ns: int = 0,
                    sequence: int = 0) -> None:
        """Set the size at one level (absolute, not incremental); size 0 removes the level."""
        (self.bids if side == BID else self.asks).set(price, size)
        if ts_ns:
            self.ts_ns = ts_ns
        if sequence:
            self.sequence = sequence

    def apply_deltas(self, deltas: Iterable[tuple[int, float, float]], ts_ns: int = 0,
                     sequence: int = 0) -> None:
        bids_set = self.bids.set
        asks_set = self.asks.set
        for side, price, size in deltas:
            (bids_set if side == BID else asks_set)(price, size)
        if ts_ns:
            self.ts_ns = ts_ns
        if sequence:
            self.sequence = sequence

    def apply_top(self, bid: float, bid_size: float, ask: float, ask_size: float,
                  ts_ns: int = 0) -> None:
        """Apply a top-of-book quote: set both touches and drop levels the quote has crossed.

        Quotes carry only the touch; levels on the bid side priced above the new best bid (and
        asks below the new best ask) no longer exist, so they are removed.
        """
        bids = self.bids
        asks = self.asks
        bk = bids.keys
        ak = asks.keys
        if (bk and ak and bk[0] == -bid and ak[0] == ask and bid_size > 0.0
                and ask_size > 0.0):  # same touch: sizes only
            bids.sizes[bid] = bid_size
            asks.sizes[ask] = ask_size
            if ts_ns:
                self.ts_ns = ts_ns
            return
        # bids better than the new bid: keys < -bid
        nb = -bid
        while bk and bk[0] < nb:
            del bids.sizes[-bk[0]]
            del bk[0]
        while ak and ak[0] < ask:
            del asks.sizes[ak[0]]
            del ak[0]
        bids.set(bid, bid_size)
        asks.set(ask, ask_size)
        if ts_ns:
            self.ts_ns = ts_ns

    def set_top(self, bid: float, bid_size: float, ask: float, ask_size: float,
                ts_ns: int = 0) -> None:
        """Make the book exactly one level a side (for feeds that only send the touch)."""
        self.bids.clear()
        self.asks.clear()
        self.bids.set(bid, bid_size)
        self.asks.set(ask, ask_size)
        if ts_ns:
            self.ts_ns = ts_ns

    def clear(self) -> None:
        self.bids.clear()
        self.asks.clear()

    # -- reading ----------------------------------------------------------------------------

    @property
    def best_bid(self) -> float:
        return self.bids.best()

    @property
    def best_ask(self) -> float:
        return self.asks.best()

    @property
    def best_bid_size(self) -> float:
        return self.bids.best_size()

    @property
    def best_ask_size(self) -> float:
        return self.asks.best_size()

    @property
    def mid(self) -> float:
        return 0.5 * (self.bids.best() + self.asks.best())

    @property
    def spread(self) -> float:
        return self.asks.best() - self.bids.best()

    @property
    def spread_bps(self) -> float:
        mid = self.mid
        return (self.spread / mid) * 1e4 if mid > 0 else math.nan

    @property
    def empty(self) -> bool:
        return not self.bids.keys and not self.asks.keys

    def is_crossed(self) -> bool:
        return bool(self.bids.keys and self.asks.keys) and self.bids.best() > self.asks.best()

    def is_locked(self) -> bool:
        return bool(self.bids.keys and self.asks.keys) and self.bids.best() == self.asks.best()

    def check(self) -> None:
        if self.is_crossed() or self.is_locked():
            raise CrossedBookError(
                f"{self.instrument}: best bid {self.best_bid} >= best ask {self.best_ask}"
            )

    def levels(self, side: int, n: int | None = None) -> list[tuple[float, float]]:
        """The best ``n`` levels of one side as (price, size), best first."""
        return (self.bids if side == BID else self.asks).levels(n)

    def depth(self, side: int, n: int | None = None) -> float:
        """Total size in the best ``n`` levels (all levels when ``n`` is None)."""
        return (self.bids if side == BID else self.asks).depth(n)

    def depth_by_level(self, n: int) -> tuple[list[float], list[float]]:
        """Cumulative size at each of the best ``n`` levels, per side: (bids, asks)."""
        out = []
        for side in (self.bids, self.asks):
            acc = 0.0
            cum = []
            for _, s in side.levels(n):
                acc += s
                cum.append(acc)
            out.append(cum)
        return out[0], out[1]

    def imbalance(self, n: int = 1) -> float:
        """(bid depth - ask depth) / (bid depth + ask depth), best ``n`` levels; in [-1, 1]."""
        b = self.bids.depth(n)
        a = self.asks.depth(n)
        tot = b + a
        return (b - a) / tot if tot > 0 else 0.0

    def microprice(self) -> float:
        """Size-weighted mid: (bid * ask_size + ask * bid_size) / (bid_size + ask_size)."""
        bids = self.bids
        asks = self.asks
        if not bids.keys or not asks.keys:
            return math.nan
        bp = -bids.keys[0]
        ap = asks.keys[0]
        bs = bids.sizes[bp]
        as_ = asks.sizes[ap]
        return (bp * as_ + ap * bs) / (bs + as_)

    def impact(self, side: int, quantity: float) -> Impact:
        """Walk the book as an aggressor of ``side`` (BID = buy, walks asks) for ``quantity``."""
        return self._walk(side, quantity, consume=False)

    def take(self, side: int, quantity: float) -> Impact:
        """Like :meth:`impact` but removes the liquidity it consumed from the book."""
        return self._walk(side, quantity, consume=True)

    def vwap_to(self, side: int, quantity: float) -> float:
        return self._walk(side, quantity, consume=False).average_price

    def _walk(self, side: int, quantity: float, consume: bool) -> Impact:
        if quantity <= 0 or not math.isfinite(quantity):
            raise ValueError(f"quantity must be a positive finite number, got {quantity!r}")
        book_side = self.asks if side == BID else self.bids
        sign = book_side.sign
        sizes = book_side.sizes
        remaining = quantity
        notional = 0.0
        fills: list[tuple[float, float]] = []
        worst = math.nan
        touch = book_side.best()
        mid = self.mid
        consumed_levels = 0
        for k in book_side.keys:
            if remaining <= 0.0:
                break
            price = sign * k
            avail = sizes[price]
            q = avail if avail < remaining else remaining
            fills.append((price, q))
            notional += price * q
            remaining -= q
            worst = price
            if q >= avail:
                consumed_levels += 1
        filled = quantity - max(remaining, 0.0)
        if consume and fills:
            keys = book_side.keys
            for price, q in fills:
                left = sizes[price] - q
                if left <= 1e-12:
                    del sizes[price]
                else:
                    sizes[price] = left
            del keys[:consumed_levels]
        if filled <= 0.0:
            return Impact(side, quantity, 0.0, math.nan, math.nan, 0, math.nan, math.nan, ())
        avg = notional / filled
        direction = 1.0 if side == BID else -1.0
        impact_bps = direction * (avg - mid) / mid * 1e4 if mid > 0 else math.nan
        slip_bps = direction * (avg - touch) / touch * 1e4 if touch > 0 else math.nan
        return Impact(side, quantity, filled, avg, worst, len(fills), impact_bps, slip_bps,
                      tuple(fills))

    def snapshot(self, n: int | None = None) -> tuple[list[tuple[float, float]],
                                                     list[tuple[float, float]]]:
        return self.bids.levels(n), self.asks.levels(n)

    def __repr__(self) -> str:
        return (f"OrderBook({self.instrument!r}, bid={self.best_bid}x{self.best_bid_size}, "
                f"ask={self.best_ask}x{self.best_ask_size}, levels={len(self.bids.keys)}/"
                f"{len(self.asks.keys)})")
