"""``omni.market_data.v1.MarketDataService`` over the running :class:`MarketDataCore`."""

from __future__ import annotations

import asyncio
import math
import time

from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as ev
from omni.market_data.v1 import market_data_service_pb2 as pb
from omni.market_data.v1 import market_data_service_pb2_grpc as pb_grpc
from omni_core.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    Unavailable,
)
from omni_quant.orderbook import ASK, BID

from svc_market_data import codec
from svc_market_data.bars import parse_timeframe
from svc_market_data.core import MarketDataCore
from svc_market_data.metrics import SUBSCRIBERS
from svc_market_data.validation import RULES

NS = 1_000_000_000
DEFAULT_BARS = 1000
MAX_BARS = 10_000
SUBSCRIBER_QUEUE = 10_000
FULL_NAME = "omni.market_data.v1.MarketDataService"


def _nan_to_zero(x: float) -> float:
    return 0.0 if x is None or math.isnan(x) else x


class MarketDataServicer(pb_grpc.MarketDataServiceServicer):
    def __init__(self, core: MarketDataCore) -> None:
        self.core = core

    # -- helpers -------------------------------------------------------------------------

    def _instrument(self, iid) -> str:
        value = iid.value.strip() if iid is not None else ""
        if not value:
            raise InvalidArgument("instrument_id is required")
        if value not in self.core.pipeline.instruments:
            raise NotFound(f"unknown instrument {value!r}; ListInstruments shows the "
                           f"{len(self.core.pipeline.instruments)} known ones")
        return value

    # -- RPCs ----------------------------------------------------------------------------

    async def GetBars(self, request: pb.GetBarsRequest, context) -> pb.GetBarsResponse:
        iid = self._instrument(request.instrument_id)
        if not request.timeframe:
            raise InvalidArgument("timeframe is required, e.g. \"1m\"")
        try:
            tf = parse_timeframe(request.timeframe)
        except ValueError as exc:
            raise InvalidArgument(str(exc)) from None
        if request.limit < 0 or request.limit > MAX_BARS:
            raise InvalidArgument(f"limit must be between 0 and {MAX_BARS}")
        limit = request.limit or DEFAULT_BARS
        rng = request.range
        start = codec.ts_to_ns(rng.start) if rng.HasField("start") else 0
        end = codec.ts_to_ns(rng.end) if rng.HasField("end") else time.time_ns() + NS
        if end <= start:
            raise InvalidArgument("range.end must be after range.start")
        store = self.core.store
        if store is None:
            raise Unavailable("the history store is not open yet")
        await self.core.flush()
        bars = await store.get_bars(iid, tf.label, start, end, limit)
        if not bars and start > 0:
            # nothing stored: backfill from the provider's history API when it has one
            try:
                fetched = await self.core.provider.history(iid, tf.label, start, end)
            except ValueError as exc:
                raise InvalidArgument(str(exc)) from None
            except Exception as exc:
                raise Unavailable(f"{self.core.provider.name} history failed: {exc}") from None
            good = [b for b in fetched if self.core.validator.check_bar(
                iid, b.timeframe, b.end_ns - b.start_ns, b.start_ns, b.end_ns, b.open, b.high,
                b.low, b.close, b.volume, b.source) is None]
            if good:
                await store.save_bars(good)
                bars = good[-limit:]
        return pb.GetBarsResponse(bars=[codec.bar_to_proto(b) for b in bars])

    async def GetBook(self, request: pb.GetBookRequest, context) -> pb.GetBookResponse:
        iid = self._instrument(request.instrument_id)
        if request.depth < 0 or request.depth > 1000:
            raise InvalidArgument("depth must be between 0 and 1000")
        q = request.impact_quantity
        if q < 0 or math.isnan(q) or math.isinf(q):
            raise InvalidArgument("impact_quantity must be a finite number >= 0")
        depth = request.depth or 10
        book = self.core.pipeline.books[iid]
        if book.empty:
            raise FailedPrecondition(f"no book for {iid} yet")
        stats = pb.BookStats(
            best_bid=_nan_to_zero(book.best_bid), best_ask=_nan_to_zero(book.best_ask),
            mid=_nan_to_zero(book.mid), spread=_nan_to_zero(book.spread),
            spread_bps=_nan_to_zero(book.spread_bps), microprice=_nan_to_zero(book.microprice()),
            imbalance_top=book.imbalance(1), imbalance_depth=book.imbalance(depth),
            bid_depth=book.depth(BID, depth), ask_depth=book.depth(ASK, depth))
        if q > 0:
            for side, field in ((BID, stats.buy_impact), (ASK, stats.sell_impact)):
                imp = book.impact(side, q)
                field.requested = imp.requested
                field.filled = imp.filled
                field.average_price = _nan_to_zero(imp.average_price)
                field.worst_price = _nan_to_zero(imp.worst_price)
                field.levels = imp.levels
                field.impact_bps = _nan_to_zero(imp.impact_bps)
        return pb.GetBookResponse(book=codec.book_to_proto(book, depth, self.core.provider.name),
                                  stats=stats)

    async def ListInstruments(self, request: pb.ListInstrumentsRequest,
                              context) -> pb.ListInstrumentsResponse:
        want = request.asset_class
        if want and want not in codec.ASSET_CLASS_NAME:
            raise InvalidArgument(f"unknown asset class {want}")
        out = []
        for info in self.core.pipeline.instruments.values():
            ac = codec.ASSET_CLASS.get(info.asset_class, types_pb2.ASSET_CLASS_UNSPECIFIED)
            if want and ac != want:
                continue
            m = pb.Instrument(asset_class=ac, tick_size=info.tick_size, lot_size=info.lot_size,
                              currency=info.currency, venue=info.venue,
                              description=info.description,
                              source=info.source or self.core.provider.name,
                              status=self.core.pipeline.status.get(info.instrument_id, 0))
            m.instrument_id.value = info.instrument_id
            out.append(m)
        return pb.ListInstrumentsResponse(instruments=out)

    async def GetQuote(self, request: pb.GetQuoteRequest, context) -> pb.GetQuoteResponse:
        iid = self._instrument(request.instrument_id)
        q = self.core.pipeline.quotes.get(iid)
        if q is None:
            raise Unavailable(f"no quote for {iid} yet")
        return pb.GetQuoteResponse(quote=codec.quote_to_proto(q, self.core.provider.name))

    async def Subscribe(self, request: pb.SubscribeRequest, context):
        if not request.instrument_ids:
            raise InvalidArgument("instrument_ids: at least one is required")
        ids = {self._instrument(i) for i in request.instrument_ids}
        want_q, want_t, want_b = request.quotes, request.trades, request.bars
        if not (want_q or want_t or want_b):
            want_q = want_t = want_b = True
        tfs = set()
        for t in request.timeframes:
            try:
                tfs.add(parse_timeframe(t).label)
            except ValueError as exc:
                raise InvalidArgument(str(exc)) from None
        queue: asyncio.Queue = asyncio.Queue(SUBSCRIBER_QUEUE)
        overflow = asyncio.Event()

        def listener(key: str, msg) -> None:
            if key not in ids or overflow.is_set():
                return
            t = type(msg)
            if t is ev.Quote:
                if not want_q:
                    return
                item = pb.SubscribeResponse(quote=msg)
            elif t is ev.Trade:
                if not want_t:
                    return
                item = pb.SubscribeResponse(trade=msg)
            elif t is ev.Bar:
                if not want_b or (tfs and msg.timeframe not in tfs):
                    return
                item = pb.SubscribeResponse(bar=msg)
            elif t is ev.InstrumentStatus:
                item = pb.SubscribeResponse(status=msg)
            else:
                return
            try:
                queue.put_nowait(item)
            except asyncio.QueueFull:
                overflow.set()

        listeners = self.core.pipeline.listeners
        listeners.append(listener)
        SUBSCRIBERS.inc()
        try:
            while True:
                if overflow.is_set() and queue.empty():
                    raise ResourceExhausted(
                        f"subscriber fell {SUBSCRIBER_QUEUE} events behind; resubscribe")
                item = await queue.get()
                yield item
        finally:
            listeners.remove(listener)
            SUBSCRIBERS.dec()

    async def GetQuarantine(self, request: pb.GetQuarantineRequest,
                            context) -> pb.GetQuarantineResponse:
        if request.rule and request.rule not in RULES:
            raise InvalidArgument(f"unknown rule {request.rule!r}; rules are {', '.join(RULES)}")
        if request.limit < 0 or request.limit > 10_000:
            raise InvalidArgument("limit must be between 0 and 10000")
        records = self.core.quarantine.query(request.instrument_id.value, request.rule,
                                             request.limit or 100)
        out = []
        for r in records:
            m = pb.QuarantineRecord(rule=r.rule, reason=r.reason, kind=r.kind, detail=r.detail,
                                    source=r.source)
            m.instrument_id.value = r.instrument
            m.event_time.seconds, m.event_time.nanos = divmod(max(r.event_ts_ns, 0), NS)
            m.quarantined_at.seconds, m.quarantined_at.nanos = divmod(max(r.at_ns, 0), NS)
            out.append(m)
        return pb.GetQuarantineResponse(records=out,
                                        counts_by_rule=dict(self.core.quarantine.counts))
