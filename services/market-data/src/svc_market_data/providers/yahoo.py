"""Yahoo Finance history through yfinance (the chart API, ``/v8/finance/chart/<symbol>``).

Yahoo has no documented live feed, so ``run`` polls recent bars every ``poll_interval_s`` and
pushes the ones it has not pushed yet. ``base_url`` sends every Yahoo request (chart, cookie,
crumb) to another host, e.g. a caching proxy or the tests' fake server; yfinance itself has
hard-coded hosts, so this is done with a session that rewrites them.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import requests

from svc_market_data.bars import BAR_TIME, Bar, parse_timeframe
from svc_market_data.pipeline import InstrumentInfo
from svc_market_data.providers.base import NS, Provider, Sink

log = logging.getLogger(__name__)

_YAHOO = re.compile(r"^https?://[^/]*yahoo\.com")
# yfinance intervals for our time frames
YF_INTERVALS = {60: "1m", 120: "2m", 300: "5m", 900: "15m", 1800: "30m", 3600: "1h",
                86_400: "1d"}
_yf_lock = threading.Lock()


class RedirectSession(requests.Session):
    """A requests session that sends *.yahoo.com requests to ``base_url`` instead."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        return super().request(method, _YAHOO.sub(self.base_url, str(url)), *args, **kwargs)


class YahooProvider(Provider):
    name = "yahoo"

    def __init__(self, symbols: dict[str, str], timeframe: str = "1d",
                 base_url: str | None = None, poll_interval_s: float = 300.0,
                 cache_dir: str | Path | None = None, lookback_bars: int = 5) -> None:
        import yfinance as yf

        tf = parse_timeframe(timeframe)
        if tf.bar_type != BAR_TIME or tf.seconds not in YF_INTERVALS:
            raise ValueError(f"Yahoo serves time bars {sorted(YF_INTERVALS.values())}, "
                             f"not {timeframe!r}")
        self.yf = yf
        self.symbols = symbols
        self.by_instrument = {v: k for k, v in symbols.items()}
        self.timeframe = tf
        self.poll_interval_s = poll_interval_s
        self.lookback_bars = lookback_bars
        self.session = RedirectSession(base_url) if base_url else None
        if cache_dir is not None:
            yf.set_tz_cache_location(str(cache_dir))  # tz, cookie and ISIN caches
        self._last_start: dict[str, int] = {}

    def instruments(self) -> list[InstrumentInfo]:
        return [InstrumentInfo(iid, _asset_class(sym), 0.01, 1.0, "USD", "YAHOO", sym, self.name)
                for sym, iid in self.symbols.items()]

    def _history_sync(self, symbol: str, iid: str, seconds: int, start_ns: int,
                      end_ns: int) -> list[Bar]:
        yf = self.yf
        interval = YF_INTERVALS[seconds]
        start = datetime.fromtimestamp(start_ns / NS, tz=UTC)
        end = datetime.fromtimestamp(end_ns / NS, tz=UTC)
        with _yf_lock:  # yfinance keeps process-wide state (session, caches)
            ticker = yf.Ticker(symbol, session=self.session)
            df = ticker.history(start=start, end=end, interval=interval, auto_adjust=False,
                                actions=False, prepost=False, repair=False, raise_errors=True)
        label = parse_timeframe(interval).label
        out: list[Bar] = []
        for ts, row in df.iterrows():
            if seconds >= 86_400:
                d = ts.date()
                t = int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()) * NS
            else:
                t = int(ts.tz_convert("UTC").value)
            o, h, lo, c = (float(row[k]) for k in ("Open", "High", "Low", "Close"))
            v = float(row.get("Volume", 0.0) or 0.0)
            if any(math.isnan(x) for x in (o, h, lo, c)):
                continue  # Yahoo sends null rows for intervals without trades
            out.append(Bar(iid, label, BAR_TIME, t, t + seconds * NS, o, h, lo, c, v,
                           (h + lo + c) / 3.0, 0, self.name))
        return out

    async def history(self, instrument: str, timeframe: str, start_ns: int,
                      end_ns: int) -> list[Bar]:
        tf = parse_timeframe(timeframe)
        if tf.bar_type != BAR_TIME or tf.seconds not in YF_INTERVALS:
            raise ValueError(f"Yahoo has no {timeframe!r} bars")
        symbol = self.by_instrument[instrument]
        return await asyncio.to_thread(self._history_sync, symbol, instrument, tf.seconds,
                                       start_ns, end_ns)

    async def poll_once(self, sink: Sink, now_ns: int) -> int:
        """Fetch recent bars of every symbol; push closed ones not pushed before."""
        seconds = self.timeframe.seconds
        pushed = 0
        for sym, iid in self.symbols.items():
            start = now_ns - self.lookback_bars * seconds * NS
            try:
                bars = await asyncio.to_thread(self._history_sync, sym, iid, seconds, start,
                                               now_ns)
            except Exception as exc:  # a failed poll is retried at the next one
                log.warning("yahoo poll failed for %s: %s", sym, exc)
                continue
            last = self._last_start.get(iid, -1)
            for b in bars:
                if b.start_ns > last and b.end_ns <= now_ns:
                    sink.on_bar(b)
                    self._last_start[iid] = b.start_ns
                    pushed += 1
        return pushed

    async def run(self, sink: Sink, stop: asyncio.Event) -> None:
        import time

        while not stop.is_set():
            await self.poll_once(sink, time.time_ns())
            try:
                await asyncio.wait_for(stop.wait(), self.poll_interval_s)
            except TimeoutError:
                pass


def _asset_class(symbol: str) -> str:
    if symbol.endswith("=X"):
        return "fx"
    if symbol.endswith("=F"):
        return "future"
    if symbol.endswith("-USD"):
        return "crypto"
    return "equity"
