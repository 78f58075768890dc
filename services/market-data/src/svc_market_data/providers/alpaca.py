"""Alpaca market data (alpaca-py): historical bars over the REST data API v2, live bars,
quotes and trades over the market-data WebSocket stream (msgpack frames).

``data_url`` / ``stream_url`` override the endpoints (a proxy, or the test's fake server).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from alpaca.data.historical.stock import StockHistoricalDataClient
from alpaca.data.live.stock import StockDataStream
from alpaca.data.requests import StockBarsRequest
from alpaca.data.timeframe import TimeFrame, TimeFrameUnit
from omni.market_data.v1 import events_pb2 as ev
from omni_quant.marketsim import Quote, Trade

from svc_market_data.bars import BAR_TIME, Bar, parse_timeframe
from svc_market_data.pipeline import InstrumentInfo
from svc_market_data.providers.base import NS, Provider, Sink

log = logging.getLogger(__name__)


def _ns(dt: datetime) -> int:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp()) * NS + dt.microsecond * 1000


# Trading-status codes of the SIP feeds (CTS numeric, UTDF letters) that change whether the
# instrument can trade; other codes (imbalance indications and the like) are informational.
HALT_CODES = {
    "2": ev.TRADING_STATUS_HALTED, "H": ev.TRADING_STATUS_HALTED,
    "P": ev.TRADING_STATUS_HALTED, "M": ev.TRADING_STATUS_HALTED,
    "3": ev.TRADING_STATUS_TRADING, "T": ev.TRADING_STATUS_TRADING,
    "Q": ev.TRADING_STATUS_TRADING,
}


def alpaca_timeframe(seconds: int) -> TimeFrame:
    if seconds % 86_400 == 0:
        return TimeFrame(seconds // 86_400, TimeFrameUnit.Day)
    if seconds % 3600 == 0:
        return TimeFrame(seconds // 3600, TimeFrameUnit.Hour)
    return TimeFrame(seconds // 60, TimeFrameUnit.Minute)


class AlpacaProvider(Provider):
    name = "alpaca"

    def __init__(self, api_key: str, secret_key: str, symbols: dict[str, str], feed: str = "iex",
                 data_url: str | None = None, stream_url: str | None = None,
                 quotes: bool = True, trades: bool = True, bars: bool = True) -> None:
        if not api_key or not secret_key:
            raise ValueError("Alpaca needs an API key and secret")
        self.symbols = symbols
        self.by_instrument = {v: k for k, v in symbols.items()}
        self.api_key = api_key
        self.secret_key = secret_key
        self.feed = feed
        self.data_url = data_url
        self.stream_url = stream_url
        self.want = (quotes, trades, bars)
        self.stream: StockDataStream | None = None
        self._rest = StockHistoricalDataClient(api_key, secret_key, url_override=data_url)

    def instruments(self) -> list[InstrumentInfo]:
        return [InstrumentInfo(iid, "equity", 0.01, 1.0, "USD", "ALPACA", sym, self.name)
                for sym, iid in self.symbols.items()]

    def _bars_sync(self, symbol: str, iid: str, seconds: int, start_ns: int,
                   end_ns: int) -> list[Bar]:
        req = StockBarsRequest(
            symbol_or_symbols=symbol, timeframe=alpaca_timeframe(seconds),
            start=datetime.fromtimestamp(start_ns / NS, tz=UTC),
            end=datetime.fromtimestamp(end_ns / NS, tz=UTC), feed=self.feed)
        barset = self._rest.get_stock_bars(req)
        label = parse_timeframe(f"{seconds // 60}m" if seconds < 3600 else
                                f"{seconds // 3600}h" if seconds < 86_400 else
                                f"{seconds // 86_400}d").label
        out = []
        for b in barset.data.get(symbol, []):
            t = _ns(b.timestamp)
            out.append(Bar(iid, label, BAR_TIME, t, t + seconds * NS, b.open, b.high, b.low,
                           b.close, b.volume, b.vwap or b.close, int(b.trade_count or 0),
                           self.name))
        return out

    async def history(self, instrument: str, timeframe: str, start_ns: int,
                      end_ns: int) -> list[Bar]:
        tf = parse_timeframe(timeframe)
        if tf.bar_type != BAR_TIME:
            raise ValueError("Alpaca serves time bars only")
        symbol = self.by_instrument[instrument]
        return await asyncio.to_thread(self._bars_sync, symbol, instrument, tf.seconds, start_ns,
                                       end_ns)

    async def run(self, sink: Sink, stop: asyncio.Event) -> None:
        stream = StockDataStream(self.api_key, self.secret_key, feed=_feed(self.feed),
                                 url_override=self.stream_url)
        self.stream = stream
        src = self.name
        symbols = self.symbols

        async def on_quote(q) -> None:
            sink.on_quote(Quote(symbols[q.symbol], _ns(q.timestamp), q.bid_price, q.ask_price,
                                q.bid_size, q.ask_size), src)

        async def on_trade(t) -> None:
            side = 0
            sink.on_trade(Trade(symbols[t.symbol], _ns(t.timestamp), t.price, t.size, side,
                                str(t.id) if t.id is not None else ""), src)

        async def on_bar(b) -> None:
            t = _ns(b.timestamp)
            sink.on_bar(Bar(symbols[b.symbol], "1m", BAR_TIME, t, t + 60 * NS, b.open, b.high,
                            b.low, b.close, b.volume, b.vwap or b.close, int(b.trade_count or 0),
                            src))

        async def on_status(s) -> None:
            code = str(s.status_code)
            status = HALT_CODES.get(code)
            if status is not None:
                reason = " / ".join(x for x in (s.status_message, s.reason_message) if x)
                sink.on_status(symbols[s.symbol], _ns(s.timestamp), status, reason, src)

        names = list(symbols)
        stream.subscribe_trading_statuses(on_status, *names)
        if self.want[0]:
            stream.subscribe_quotes(on_quote, *names)
        if self.want[1]:
            stream.subscribe_trades(on_trade, *names)
        if self.want[2]:
            stream.subscribe_bars(on_bar, *names)
        task = asyncio.create_task(stream._run_forever(), name="alpaca-stream")
        stopper = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await stream.stop_ws()
            await stream.close()  # wake the receive loop now rather than at its 5 s poll
            try:
                await asyncio.wait_for(task, 10)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
            stopper.cancel()


def _feed(name: str):
    from alpaca.data.enums import DataFeed

    return DataFeed(name.lower())
