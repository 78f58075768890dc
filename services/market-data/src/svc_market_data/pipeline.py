"""The hot path, independent of any I/O: validate → update book → aggregate bars → emit.

Providers push quotes, trades, bars and books in; only what passes validation is emitted, as
protobuf events, through ``sink(key, event)`` (the service publishes them on
``market-data-stream`` keyed by instrument id) and to in-process listeners (gRPC Subscribe).
Closed bars and accepted trades are also queued for the history store.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from google.protobuf.message import Message
from omni.market_data.v1 import events_pb2 as ev
from omni_quant.marketsim import Quote, Trade
from omni_quant.orderbook import ASK, BID, OrderBook

from svc_market_data import codec
from svc_market_data.bars import BAR_TIME, Bar, BarEngine, parse_timeframe
from svc_market_data.validation import QuarantineRecord, Validator

Sink = Callable[[str, Message], None]


@dataclass(frozen=True, slots=True)
class InstrumentInfo:
    instrument_id: str
    asset_class: str = "equity"
    tick_size: float = 0.01
    lot_size: float = 1.0
    currency: str = "USD"
    venue: str = ""
    description: str = ""
    source: str = ""
    allow_locked: bool = False
    # "trades" (default) or "quotes": build bars from mid quotes (volume 0) for feeds that
    # carry no trades, e.g. FX quote streams
    bar_source: str = "trades"


class UnknownInstrument(KeyError):
    pass


class Pipeline:
    def __init__(
        self,
        instruments: Sequence[InstrumentInfo],
        validator: Validator,
        timeframes: Sequence[str] = ("1m",),
        sink: Sink | None = None,
        source: str = "",
        store_capacity: int = 100_000,
        publish_quotes: bool = True,
        publish_trades: bool = True,
    ) -> None:
        self.validator = validator
        self.source = source
        self.sink = sink
        self.listeners: list[Sink] = []
        self.timeframes = [parse_timeframe(t).label for t in timeframes]
        self.instruments: dict[str, InstrumentInfo] = {}
        self.books: dict[str, OrderBook] = {}
        self.quotes: dict[str, Quote] = {}
        self.last_trade: dict[str, Trade] = {}
        self.bar_engines: dict[str, BarEngine] = {}
        self.status: dict[str, int] = {}
        self.publish_quotes = publish_quotes
        self.publish_trades = publish_trades
        # for the history store; bounded so a slow database cannot grow memory without limit
        self.pending_bars: deque[Bar] = deque(maxlen=store_capacity)
        self.pending_trades: deque[Trade] = deque(maxlen=store_capacity)
        self.store_trades = True
        self.counts = {"quotes": 0, "trades": 0, "bars": 0, "books": 0, "rejected": 0}
        self._quote_bars: set[str] = set()
        for info in instruments:
            self.add_instrument(info)

    def add_instrument(self, info: InstrumentInfo) -> None:
        iid = info.instrument_id
        self.instruments[iid] = info
        self.books[iid] = OrderBook(iid)
        self.bar_engines[iid] = BarEngine(iid, list(self.timeframes), info.source or self.source)
        self.validator.configure_instrument(iid, info.allow_locked)
        self.status[iid] = ev.TRADING_STATUS_TRADING
        if info.bar_source == "quotes":
            self._quote_bars.add(iid)
        elif info.bar_source != "trades":
            raise ValueError(f"{iid}: bar_source must be 'trades' or 'quotes'")

    def require(self, instrument: str) -> InstrumentInfo:
        info = self.instruments.get(instrument)
        if info is None:
            raise UnknownInstrument(instrument)
        return info

    # -- output ------------------------------------------------------------------------------

    def _emit(self, key: str, msg: Message) -> None:
        if self.sink is not None:
            self.sink(key, msg)
        for fn in self.listeners:
            fn(key, msg)

    def _unknown(self, instrument: str, kind: str, ts: int, source: str) -> bool:
        self.validator._reject(instrument, "invalid", f"unknown instrument {instrument!r}", kind,
                               ts, "", source)
        self.counts["rejected"] += 1
        return False

    def _emit_bars(self, bars: list[Bar]) -> None:
        pend = self.pending_bars
        for b in bars:
            pend.append(b)
            self.counts["bars"] += 1
            self._emit(b.instrument, codec.bar_to_proto(b))

    # -- input -------------------------------------------------------------------------------

    def on_quote(self, q: Quote, source: str = "") -> bool:
        iid = q.instrument
        book = self.books.get(iid)
        src = source or self.source
        if book is None:
            return self._unknown(iid, "quote", q.ts_ns, src)
        if self.validator.check_quote(iid, q.ts_ns, q.bid, q.ask, q.bid_size, q.ask_size,
                                      src) is not None:
            self.counts["rejected"] += 1
            return False
        if book.sequence:
            book.apply_top(q.bid, q.bid_size, q.ask, q.ask_size, q.ts_ns)
        else:  # no depth ever received: the book is the touch, never stale levels below it
            book.set_top(q.bid, q.bid_size, q.ask, q.ask_size, q.ts_ns)
        self.quotes[iid] = q
        self.counts["quotes"] += 1
        if self.publish_quotes:
            self._emit(iid, codec.quote_to_proto(q, src))
        if iid in self._quote_bars:
            closed = self.bar_engines[iid].on_trade(q.ts_ns, 0.5 * (q.bid + q.ask), 0.0)
            if closed:
                self._emit_bars(closed)
        return True

    def on_trade(self, t: Trade, source: str = "") -> bool:
        iid = t.instrument
        engine = self.bar_engines.get(iid)
        if engine is None:
            return self._unknown(iid, "trade", t.ts_ns, source or self.source)
        if self.validator.check_trade(iid, t.ts_ns, t.price, t.size, t.trade_id,
                                      source or self.source) is not None:
            self.counts["rejected"] += 1
            return False
        self.last_trade[iid] = t
        self.counts["trades"] += 1
        if self.store_trades:
            self.pending_trades.append(t)
        if self.publish_trades:
            self._emit(iid, codec.trade_to_proto(t, source or self.source))
        closed = engine.on_trade(t.ts_ns, t.price, t.size)
        if closed:
            self._emit_bars(closed)
        return True

    def on_bar(self, bar: Bar) -> bool:
        """A bar from a provider (replay, Alpaca, Yahoo, exchange klines)."""
        iid = bar.instrument
        engine = self.bar_engines.get(iid)
        if engine is None:
            return self._unknown(iid, "bar", bar.start_ns, bar.source or self.source)
        period = bar.end_ns - bar.start_ns if bar.bar_type == BAR_TIME else 0
        if self.validator.check_bar(iid, bar.timeframe, period, bar.start_ns, bar.end_ns, bar.open,
                                    bar.high, bar.low, bar.close, bar.volume,
                                    bar.source or self.source) is not None:
            self.counts["rejected"] += 1
            return False
        out = [bar]
        base = engine.base
        if base is not None and bar.bar_type == BAR_TIME and bar.timeframe == base.label:
            engine._roll(bar, out, bar.end_ns)
        self._emit_bars(out)
        return True

    def on_book_snapshot(self, instrument: str, ts_ns: int, bids: Sequence[tuple[float, float]],
                         asks: Sequence[tuple[float, float]], sequence: int = 0,
                         source: str = "", publish: bool = True) -> bool:
        book = self.books.get(instrument)
        if book is None:
            return self._unknown(instrument, "book", ts_ns, source or self.source)
        trial = OrderBook.from_snapshot(instrument, [p for p, _ in bids], [s for _, s in bids],
                                        [p for p, _ in asks], [s for _, s in asks], ts_ns,
                                        sequence or book.sequence + 1)
        if trial.is_crossed() or trial.is_locked():
            rule = "crossed" if trial.is_crossed() else "locked"
            if rule == "crossed" or not self.instruments[instrument].allow_locked:
                self.validator._reject(instrument, rule,
                                       f"book best bid {trial.best_bid} >= best ask "
                                       f"{trial.best_ask}",
                                       "book", ts_ns, repr(trial), source or self.source)
                self.counts["rejected"] += 1
                return False
        self.books[instrument] = trial
        self.counts["books"] += 1
        if publish:
            self._emit(instrument, codec.book_to_proto(trial, None, source or self.source))
        return True

    def on_book_delta(self, instrument: str, ts_ns: int,
                      updates: Sequence[tuple[int, float, float]],
                      sequence: int = 0, source: str = "", publish: bool = True) -> bool:
        """Apply level updates (side, price, new size). A delta whose result would cross the
        book, or whose sequence does not follow the book's, is quarantined and not applied."""
        book = self.books.get(instrument)
        if book is None:
            return self._unknown(instrument, "book", ts_ns, source or self.source)
        src = source or self.source
        if sequence and book.sequence and sequence != book.sequence + 1:
            rule = "duplicate" if sequence <= book.sequence else "gap"
            self.validator._reject(instrument, rule,
                                   f"book delta sequence {sequence} after {book.sequence}", "book",
                                   ts_ns, "", src)
            self.counts["rejected"] += 1
            if rule == "duplicate":
                return False
        undo = [(s, p, (book.bids if s == BID else book.asks).sizes.get(p, 0.0))
                for s, p, _ in updates]
        prev_seq, prev_ts = book.sequence, book.ts_ns
        book.apply_deltas(updates, ts_ns, sequence or book.sequence + 1)
        if book.is_crossed():
            book.apply_deltas(reversed(undo))
            book.sequence, book.ts_ns = prev_seq, prev_ts
            self.validator._reject(instrument, "crossed", "delta would cross the book", "book",
                                   ts_ns, repr(list(updates)), src)
            self.counts["rejected"] += 1
            return False
        if publish:
            self._emit(instrument, codec.delta_to_proto(instrument, ts_ns, book.sequence,
                                                        list(updates), src))
        return True

    def on_status(self, instrument: str, ts_ns: int, status: int, reason: str = "",
                  source: str = "") -> bool:
        """A venue's trading status (halt, resumption). Published when it changes."""
        if instrument not in self.instruments:
            return self._unknown(instrument, "feed", ts_ns, source or self.source)
        if self.status.get(instrument) == status:
            return True
        self.status[instrument] = status
        self._emit(instrument, codec.status_to_proto(instrument, ts_ns, status, reason,
                                                     source or self.source))
        return True

    def announce(self, now_ns: int, reason: str = "feed started") -> None:
        """Publish every instrument's current status (at start, so consumers know the set)."""
        for iid, status in self.status.items():
            self._emit(iid, codec.status_to_proto(iid, now_ns, status, reason, self.source))

    # -- timers ------------------------------------------------------------------------------

    def flush_bars(self, now_ns: int) -> int:
        n = 0
        for engine in self.bar_engines.values():
            closed = engine.flush(now_ns)
            if closed:
                n += len(closed)
                self._emit_bars(closed)
        return n

    def check_stale(self, now_ns: int) -> list[str]:
        stale = self.validator.check_stale(now_ns, list(self.instruments))
        for iid in stale:
            self.status[iid] = ev.TRADING_STATUS_STALE
            self._emit(iid, codec.status_to_proto(iid, now_ns, ev.TRADING_STATUS_STALE,
                                                  "no update within the staleness limit",
                                                  self.source))
        for iid, st in self.status.items():
            if st == ev.TRADING_STATUS_STALE and not self.validator.is_stale(iid):
                self.status[iid] = ev.TRADING_STATUS_TRADING
                self._emit(iid, codec.status_to_proto(iid, now_ns, ev.TRADING_STATUS_TRADING,
                                                      "feed resumed", self.source))
        return stale


def book_diff(old: OrderBook, new: OrderBook) -> list[tuple[int, float, float]]:
    """The level updates that turn ``old`` into ``new``."""
    out: list[tuple[int, float, float]] = []
    for side, o, n in ((BID, old.bids.sizes, new.bids.sizes),
                       (ASK, old.asks.sizes, new.asks.sizes)):
        for p, s in n.items():
            if o.get(p) != s:
                out.append((side, p, s))
        for p in o:
            if p not in n:
                out.append((side, p, 0.0))
    return out


def record_to_dict(r: QuarantineRecord) -> dict:
    return {"instrument": r.instrument, "rule": r.rule, "reason": r.reason, "kind": r.kind,
            "event_ts_ns": r.event_ts_ns, "at_ns": r.at_ns, "detail": r.detail}
