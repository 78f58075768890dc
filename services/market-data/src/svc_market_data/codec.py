"""Conversions between the domain objects and the protobuf contract (omni.market_data.v1)."""

from __future__ import annotations

from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as ev
from omni_quant.marketsim import Quote, Trade
from omni_quant.orderbook import BID, OrderBook

from svc_market_data.bars import Bar

NS = 1_000_000_000

ASSET_CLASS = {
    "equity": types_pb2.ASSET_CLASS_EQUITY,
    "fx": types_pb2.ASSET_CLASS_FX,
    "future": types_pb2.ASSET_CLASS_FUTURE,
    "option": types_pb2.ASSET_CLASS_OPTION,
    "crypto": types_pb2.ASSET_CLASS_CRYPTO,
}
ASSET_CLASS_NAME = {v: k for k, v in ASSET_CLASS.items()}

_SIDE = (types_pb2.SIDE_UNSPECIFIED, types_pb2.SIDE_BUY, types_pb2.SIDE_SELL)


def ts_to_ns(ts) -> int:
    return ts.seconds * NS + ts.nanos


# Per (instrument, source) templates: copying one is cheaper than setting the nested
# instrument id and the source string on every event (hot path).
_quote_templates: dict[tuple[str, str], ev.Quote] = {}
_trade_templates: dict[tuple[str, str], ev.Trade] = {}
_MAX_TEMPLATES = 100_000


def _template(cache: dict, cls, instrument: str, source: str):
    key = (instrument, source)
    m = cache.get(key)
    if m is None:
        if len(cache) >= _MAX_TEMPLATES:
            cache.clear()
        m = cache[key] = cls(source=source)
        m.instrument_id.value = instrument
    return m


def quote_to_proto(q: Quote, source: str = "") -> ev.Quote:
    m = ev.Quote()
    m.CopyFrom(_quote_templates.get((q.instrument, source))
               or _template(_quote_templates, ev.Quote, q.instrument, source))
    m.bid = q.bid
    m.ask = q.ask
    m.bid_size = q.bid_size
    m.ask_size = q.ask_size
    t = m.time
    t.seconds, t.nanos = divmod(q.ts_ns, NS)
    return m


def trade_to_proto(t: Trade, source: str = "") -> ev.Trade:
    m = ev.Trade()
    m.CopyFrom(_trade_templates.get((t.instrument, source))
               or _template(_trade_templates, ev.Trade, t.instrument, source))
    m.price = t.price
    m.size = t.size
    m.aggressor_side = _SIDE[t.side]
    m.trade_id = t.trade_id
    tt = m.time
    tt.seconds, tt.nanos = divmod(t.ts_ns, NS)
    return m


def bar_to_proto(b: Bar) -> ev.Bar:
    m = ev.Bar(timeframe=b.timeframe, bar_type=b.bar_type, open=b.open, high=b.high, low=b.low,
               close=b.close, volume=b.volume, vwap=b.vwap, trade_count=b.trade_count,
               source=b.source)
    m.instrument_id.value = b.instrument
    m.start.seconds, m.start.nanos = divmod(b.start_ns, NS)
    m.end.seconds, m.end.nanos = divmod(b.end_ns, NS)
    return m


def book_to_proto(book: OrderBook, depth: int | None = None, source: str = "") -> ev.BookSnapshot:
    bids, asks = book.snapshot(depth)
    m = ev.BookSnapshot(
        bids=[ev.BookLevel(price=p, size=s) for p, s in bids],
        asks=[ev.BookLevel(price=p, size=s) for p, s in asks],
        sequence=book.sequence,
        source=source,
    )
    m.instrument_id.value = book.instrument
    m.time.seconds, m.time.nanos = divmod(book.ts_ns, NS)
    return m


def delta_to_proto(instrument: str, ts_ns: int, sequence: int,
                   updates: list[tuple[int, float, float]], source: str = "") -> ev.BookDelta:
    m = ev.BookDelta(
        updates=[ev.BookLevelUpdate(side=ev.BOOK_SIDE_BID if s == BID else ev.BOOK_SIDE_ASK,
                                    price=p, size=z) for s, p, z in updates],
        sequence=sequence, source=source)
    m.instrument_id.value = instrument
    m.time.seconds, m.time.nanos = divmod(ts_ns, NS)
    return m


def status_to_proto(instrument: str, ts_ns: int, status: int, reason: str,
                    source: str = "") -> ev.InstrumentStatus:
    m = ev.InstrumentStatus(status=status, reason=reason, source=source)
    m.instrument_id.value = instrument
    m.time.seconds, m.time.nanos = divmod(ts_ns, NS)
    return m


def bar_from_proto(m: ev.Bar) -> Bar:
    return Bar(m.instrument_id.value, m.timeframe, m.bar_type, ts_to_ns(m.start), ts_to_ns(m.end),
               m.open, m.high, m.low, m.close, m.volume, m.vwap, m.trade_count, m.source)
