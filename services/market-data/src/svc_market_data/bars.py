"""Bar aggregation (pure): time bars from 1 minute to 1 day, tick bars and volume bars.

* Time bars are aligned to the UTC epoch (a 1-day bar starts at 00:00 UTC). The smallest
  configured time frame is built from trades; larger ones are rolled up from its closed bars,
  so every time frame agrees with every other. An interval with no trade produces no bar (the
  history shows the gap rather than an invented flat bar).
* A bar closes when the first trade of a later interval arrives or when :meth:`flush` is
  called with a time at or past its end (the service calls it on a timer, so quiet
  instruments still close their bars on time).
* Tick bars close after ``n`` trades; volume bars after exactly ``q`` units (a trade that
  crosses the threshold is split between bars).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NS = 1_000_000_000

BAR_TIME = 1
BAR_TICK = 2
BAR_VOLUME = 3

_EMPTY: tuple = ()

_UNITS = {"m": 60, "h": 3600, "d": 86_400}
_TF_RE = re.compile(r"^(\d+)([mhdtv])$")
MAX_TIME_S = 86_400
MIN_TIME_S = 60


@dataclass(slots=True)
class Bar:
    instrument: str
    timeframe: str
    bar_type: int
    start_ns: int
    end_ns: int
    open: float
    high: float
    low: float
    close: float
    volume: float
    vwap: float
    trade_count: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class Timeframe:
    label: str
    bar_type: int
    seconds: int = 0  # time bars
    count: int = 0  # tick bars
    volume: float = 0.0  # volume bars


def parse_timeframe(label: str) -> Timeframe:
    """Parse "1m".."1d", "<n>t", "<q>v". Raises ValueError with a readable message."""
    m = _TF_RE.match(label.strip()) if isinstance(label, str) else None
    if not m:
        raise ValueError(
            f"timeframe {label!r} is not one of <n>m, <n>h, <n>d (time), <n>t (ticks), "
            "<n>v (volume)")
    n = int(m.group(1))
    unit = m.group(2)
    if n <= 0:
        raise ValueError(f"timeframe {label!r} must be positive")
    if unit == "t":
        return Timeframe(f"{n}t", BAR_TICK, count=n)
    if unit == "v":
        return Timeframe(f"{n}v", BAR_VOLUME, volume=float(n))
    seconds = n * _UNITS[unit]
    if seconds < MIN_TIME_S or seconds > MAX_TIME_S or MAX_TIME_S % seconds:
        raise ValueError(
            f"timeframe {label!r}: time bars go from 1m to 1d and must divide a day evenly")
    return Timeframe(canonical_label(seconds), BAR_TIME, seconds=seconds)


def canonical_label(seconds: int) -> str:
    if seconds % 86_400 == 0:
        return f"{seconds // 86_400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


class TimeBarAggregator:
    """Trades → time bars of ``seconds``."""

    __slots__ = ("instrument", "label", "period_ns", "start", "end", "o", "h", "l", "c", "v",
                 "pv", "n", "source")

    def __init__(self, instrument: str, seconds: int, source: str = "") -> None:
        self.instrument = instrument
        self.label = canonical_label(seconds)
        self.period_ns = seconds * NS
        self.start = -1
        self.end = -1
        self.source = source
        self.o = self.h = self.l = self.c = 0.0
        self.v = self.pv = 0.0
        self.n = 0

    def _close(self) -> Bar:
        v = self.v
        bar = Bar(self.instrument, self.label, BAR_TIME, self.start, self.end, self.o, self.h,
                  self.l, self.c, v, self.pv / v if v > 0 else self.c, self.n, self.source)
        self.start = -1
        return bar

    def add(self, ts_ns: int, price: float, size: float) -> Bar | None:
        closed = None
        if ts_ns >= self.end or self.start < 0:
            if self.start >= 0:
                if ts_ns < self.start:
                    return None  # late trade for a closed interval: validation drops these
                closed = self._close()
            start = ts_ns - ts_ns % self.period_ns
            self.start = start
            self.end = start + self.period_ns
            self.o = self.h = self.l = self.c = price
            self.v = size
            self.pv = price * size
            self.n = 1
            return closed
        if ts_ns < self.start:
            return None
        if price > self.h:
            self.h = price
        elif price < self.l:
            self.l = price
        self.c = price
        self.v += size
        self.pv += price * size
        self.n += 1
        return None

    def flush(self, now_ns: int) -> Bar | None:
        if self.start >= 0 and now_ns >= self.end:
            return self._close()
        return None

    def current(self) -> Bar | None:
        """The forming bar (not closed), or None."""
        if self.start < 0:
            return None
        v = self.v
        return Bar(self.instrument, self.label, BAR_TIME, self.start, self.end, self.o, self.h,
                   self.l, self.c, v, self.pv / v if v > 0 else self.c, self.n, self.source)


class BarRollup:
    """Closed time bars of a smaller period → bars of a larger period (a multiple of it)."""

    __slots__ = ("instrument", "label", "period_ns", "cur", "source")

    def __init__(self, instrument: str, seconds: int, source: str = "") -> None:
        self.instrument = instrument
        self.label = canonical_label(seconds)
        self.period_ns = seconds * NS
        self.cur: Bar | None = None
        self.source = source

    def add(self, bar: Bar) -> Bar | None:
        start = bar.start_ns - bar.start_ns % self.period_ns
        cur = self.cur
        closed = None
        if cur is not None and start != cur.start_ns:
            if start < cur.start_ns:
                return None
            closed = self._finish()
            cur = None
        if cur is None:
            self.cur = Bar(self.instrument, self.label, BAR_TIME, start, start + self.period_ns,
                           bar.open, bar.high, bar.low, bar.close, bar.volume,
                           bar.vwap * bar.volume, bar.trade_count, self.source or bar.source)
            return closed
        if bar.high > cur.high:
            cur.high = bar.high
        if bar.low < cur.low:
            cur.low = bar.low
        cur.close = bar.close
        cur.volume += bar.volume
        cur.vwap += bar.vwap * bar.volume  # notional until finished
        cur.trade_count += bar.trade_count
        return closed

    def _finish(self) -> Bar:
        cur = self.cur
        assert cur is not None
        cur.vwap = cur.vwap / cur.volume if cur.volume > 0 else cur.close
        self.cur = None
        return cur

    def flush(self, now_ns: int) -> Bar | None:
        if self.cur is not None and now_ns >= self.cur.end_ns:
            return self._finish()
        return None


class TickBarAggregator:
    """Trades → a bar every ``count`` trades."""

    __slots__ = ("instrument", "label", "count", "bar", "pv", "source")

    def __init__(self, instrument: str, count: int, source: str = "") -> None:
        if count <= 0:
            raise ValueError("tick bars need a positive trade count")
        self.instrument = instrument
        self.label = f"{count}t"
        self.count = count
        self.bar: Bar | None = None
        self.pv = 0.0
        self.source = source

    def add(self, ts_ns: int, price: float, size: float) -> Bar | None:
        bar = self.bar
        if bar is None:
            self.bar = bar = Bar(self.instrument, self.label, BAR_TICK, ts_ns, ts_ns, price, price,
                                 price, price, size, price, 1, self.source)
            self.pv = price * size
        else:
            if price > bar.high:
                bar.high = price
            if price < bar.low:
                bar.low = price
            bar.close = price
            bar.end_ns = ts_ns
            bar.volume += size
            self.pv += price * size
            bar.trade_count += 1
        if bar.trade_count >= self.count:
            bar.vwap = self.pv / bar.volume if bar.volume > 0 else bar.close
            self.bar = None
            return bar
        return None


class VolumeBarAggregator:
    """Trades → a bar every ``threshold`` units traded; a crossing trade is split."""

    __slots__ = ("instrument", "label", "threshold", "bar", "pv", "source")

    def __init__(self, instrument: str, threshold: float, source: str = "") -> None:
        if threshold <= 0:
            raise ValueError("volume bars need a positive threshold")
        self.instrument = instrument
        self.label = f"{threshold:g}v"
        self.threshold = float(threshold)
        self.bar: Bar | None = None
        self.pv = 0.0
        self.source = source

    def add(self, ts_ns: int, price: float, size: float) -> list[Bar]:
        out: list[Bar] = []
        remaining = size
        eps = self.threshold * 1e-12
        while remaining > eps:
            bar = self.bar
            if bar is None:
                self.bar = bar = Bar(self.instrument, self.label, BAR_VOLUME, ts_ns, ts_ns, price,
                                     price, price, price, 0.0, price, 0, self.source)
                self.pv = 0.0
            room = self.threshold - bar.volume
            q = remaining if remaining < room else room
            if price > bar.high:
                bar.high = price
            if price < bar.low:
                bar.low = price
            bar.close = price
            bar.end_ns = ts_ns
            bar.volume += q
            self.pv += price * q
            bar.trade_count += 1
            remaining -= q
            if bar.volume >= self.threshold - eps:
                bar.volume = self.threshold
                bar.vwap = self.pv / bar.volume
                out.append(bar)
                self.bar = None
        return out


class BarEngine:
    """All bar aggregators of one instrument. ``on_trade`` and ``flush`` return closed bars
    (smaller time frames first)."""

    __slots__ = ("instrument", "base", "rollups", "others", "timeframes")

    def __init__(self, instrument: str, timeframes: list[str], source: str = "") -> None:
        tfs = [parse_timeframe(t) for t in timeframes]
        times = sorted({t.seconds for t in tfs if t.bar_type == BAR_TIME})
        self.instrument = instrument
        self.timeframes = [t.label for t in tfs]
        self.base: TimeBarAggregator | None = None
        self.rollups: list[BarRollup] = []
        if times:
            base = times[0]
            for s in times[1:]:
                if s % base:
                    raise ValueError(
                        f"timeframe {canonical_label(s)} is not a multiple of "
                        f"{canonical_label(base)}")
            self.base = TimeBarAggregator(instrument, base, source)
            self.rollups = [BarRollup(instrument, s, source) for s in times[1:]]
        self.others: list[TickBarAggregator | VolumeBarAggregator] = []
        for t in tfs:
            if t.bar_type == BAR_TICK:
                self.others.append(TickBarAggregator(instrument, t.count, source))
            elif t.bar_type == BAR_VOLUME:
                self.others.append(VolumeBarAggregator(instrument, t.volume, source))

    def on_trade(self, ts_ns: int, price: float, size: float):
        out = _EMPTY
        base = self.base
        if base is not None:
            closed = base.add(ts_ns, price, size)
            if closed is not None:
                out = [closed]
                self._roll(closed, out, ts_ns)
        if self.others:
            if out is _EMPTY:
                out = []
            for agg in self.others:
                r = agg.add(ts_ns, price, size)
                if r is None:
                    continue
                if isinstance(r, list):
                    out.extend(r)
                else:
                    out.append(r)
        return out

    def _roll(self, closed: Bar, out: list[Bar], now_ns: int) -> None:
        for r in self.rollups:
            c = r.add(closed)
            if c is not None:
                out.append(c)
            c = r.flush(now_ns)
            if c is not None:
                out.append(c)

    def flush(self, now_ns: int) -> list[Bar]:
        out: list[Bar] = []
        if self.base is not None:
            closed = self.base.flush(now_ns)
            if closed is not None:
                out.append(closed)
                self._roll(closed, out, now_ns)
        for r in self.rollups:
            c = r.flush(now_ns)
            if c is not None:
                out.append(c)
        return out
