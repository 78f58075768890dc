"""Crypto exchanges through ccxt (async): ticker → quote, order book → L2 snapshot,
klines → bars, recent trades → trades. Polling, since ccxt's REST is what every exchange has.

``base_url`` rewrites the host of every API URL of the exchange (a proxy, or the tests' fake
server); paths are kept, so the exchange's own protocol is spoken unchanged.
"""

from __future__ import annotations

import asyncio
import logging
import re

import ccxt.async_support as ccxt_async
from omni_quant.marketsim import Quote, Trade

from svc_market_data.bars import BAR_TIME, Bar, parse_timeframe
from svc_market_data.pipeline import InstrumentInfo
from svc_market_data.providers.base import Provider, Sink

log = logging.getLogger(__name__)

_HOST = re.compile(r"^https?://[^/]+")
MS = 1_000_000


def _rewrite(urls, base: str):
    if isinstance(urls, str):
        return _HOST.sub(base, urls)
    if isinstance(urls, dict):
        return {k: _rewrite(v, base) for k, v in urls.items()}
    return urls


def ccxt_timeframe(seconds: int) -> str:
    if seconds % 86_400 == 0:
        return f"{seconds // 86_400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


class CcxtProvider(Provider):
    name = "ccxt"

    def __init__(self, exchange_id: str, symbols: dict[str, str], base_url: str | None = None,
                 poll_interval_s: float = 2.0, timeframe: str = "1m", book_depth: int = 20,
                 trades: bool = True, config: dict | None = None) -> None:
        klass = getattr(ccxt_async, exchange_id, None)
        if klass is None:
            raise ValueError(f"unknown ccxt exchange {exchange_id!r}")
        tf = parse_timeframe(timeframe)
        if tf.bar_type != BAR_TIME:
            raise ValueError("exchange klines are time bars")
        self.exchange_id = exchange_id
        self.name = f"ccxt:{exchange_id}"
        cfg = {"enableRateLimit": True, **(config or {})}
        self.exchange = klass(cfg)
        if exchange_id.startswith("binance"):
            # spot only: do not load futures/options markets we do not use
            self.exchange.options["fetchMarkets"] = {"types": ["spot"]}
        if base_url:
            self.exchange.urls["api"] = _rewrite(self.exchange.urls["api"], base_url.rstrip("/"))
        self.symbols = symbols
        self.by_instrument = {v: k for k, v in symbols.items()}
        self.poll_interval_s = poll_interval_s
        self.timeframe = tf
        self.book_depth = book_depth
        self.want_trades = trades
        self._last_bar: dict[str, int] = {}
        self._last_trade_ms: dict[str, int] = {}
        self._markets_loaded = False

    def instruments(self) -> list[InstrumentInfo]:
        return [InstrumentInfo(iid, "crypto", 0.01, 1e-8, sym.split("/")[-1], self.exchange_id,
                               sym, self.name, allow_locked=False)
                for sym, iid in self.symbols.items()]

    async def _markets(self) -> None:
        if not self._markets_loaded:
            await self.exchange.load_markets()
            self._markets_loaded = True

    async def history(self, instrument: str, timeframe: str, start_ns: int,
                      end_ns: int) -> list[Bar]:
        tf = parse_timeframe(timeframe)
        if tf.bar_type != BAR_TIME:
            raise ValueError("exchange klines are time bars")
        await self._markets()
        symbol = self.by_instrument[instrument]
        out: list[Bar] = []
        since = start_ns // MS
        period_ms = tf.seconds * 1000
        while since < end_ns // MS:
            rows = await self.exchange.fetch_ohlcv(symbol, ccxt_timeframe(tf.seconds), since, 1000)
            if not rows:
                break
            for t, o, h, lo, c, v in rows:
                if t * MS >= end_ns:
                    break
                out.append(Bar(instrument, tf.label, BAR_TIME, t * MS, (t + period_ms) * MS,
                               float(o), float(h), float(lo), float(c), float(v or 0.0),
                               float(c), 0, self.name))
            nxt = rows[-1][0] + period_ms
            if nxt <= since:
                break
            since = nxt
        return out

    async def poll_once(self, sink: Sink, now_ns: int | None = None) -> None:
        ex = self.exchange
        await self._markets()
        src = self.name
        for sym, iid in self.symbols.items():
            book = await ex.fetch_order_book(sym, self.book_depth)
            ts = (book.get("timestamp") or ex.milliseconds()) * MS
            bids = [(float(p), float(s)) for p, s, *_ in book["bids"]]
            asks = [(float(p), float(s)) for p, s, *_ in book["asks"]]
            if bids and asks:
                sink.on_book_snapshot(iid, ts, bids, asks, source=src)
            t = await ex.fetch_ticker(sym)
            if t.get("bid") and t.get("ask"):
                qts = (t.get("timestamp") or ex.milliseconds()) * MS
                sink.on_quote(Quote(iid, qts, float(t["bid"]), float(t["ask"]),
                                    float(t.get("bidVolume") or 0.0),
                                    float(t.get("askVolume") or 0.0)), src)
            if self.want_trades:
                since = self._last_trade_ms.get(iid)
                for tr in await ex.fetch_trades(sym, since, 500):
                    tms = tr["timestamp"]
                    if since is not None and tms < since:
                        continue
                    side = 1 if tr.get("side") == "buy" else 2 if tr.get("side") == "sell" else 0
                    sink.on_trade(Trade(iid, tms * MS, float(tr["price"]), float(tr["amount"]),
                                        side, str(tr.get("id") or "")), src)
                    self._last_trade_ms[iid] = tms
            seconds = self.timeframe.seconds
            period_ms = seconds * 1000
            now_ms = (now_ns // MS) if now_ns else ex.milliseconds()
            last = self._last_bar.get(iid)
            since = last + period_ms if last is not None else (now_ms // period_ms - 5) * period_ms
            rows = await ex.fetch_ohlcv(sym, ccxt_timeframe(seconds), since, 100)
            for t0, o, h, lo, c, v in rows:
                if t0 + period_ms > now_ms or (last is not None and t0 <= last):
                    continue  # still forming, or already pushed
                sink.on_bar(Bar(iid, self.timeframe.label, BAR_TIME, t0 * MS,
                                (t0 + period_ms) * MS, float(o), float(h), float(lo), float(c),
                                float(v or 0.0), float(c), 0, src))
                self._last_bar[iid] = last = t0

    async def run(self, sink: Sink, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    await self.poll_once(sink)
                except Exception as exc:  # network errors: retry at the next poll
                    log.warning("%s poll failed: %s", self.name, exc)
                try:
                    await asyncio.wait_for(stop.wait(), self.poll_interval_s)
                except TimeoutError:
                    pass
        finally:
            await self.close()

    async def close(self) -> None:
        await self.exchange.close()
