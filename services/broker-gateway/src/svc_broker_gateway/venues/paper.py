"""The paper venue: omni_quant's matching engine per instrument, fed with the simulated
market's L2 book, with a deterministic latency model. In process, no network."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence

from omni_quant.matching import (
    ExecKind,
    FeeSchedule,
    LatencyModel,
    MatchingEngine,
    Order,
    OrderStatus,
    OrderType,
    Report,
    Side,
    TimeInForce,
)

from .base import (
    InstrumentSpec,
    Levels,
    OrderRequest,
    Status,
    UpdateSink,
    Venue,
    VenueFill,
    VenueOrder,
    VenuePosition,
    VenueRejected,
)

_SIDE = {"buy": Side.BUY, "sell": Side.SELL}
_TYPE = {
    "market": OrderType.MARKET,
    "limit": OrderType.LIMIT,
    "stop": OrderType.STOP,
    "stop_limit": OrderType.STOP_LIMIT,
}
_TIF = {
    "day": TimeInForce.DAY,
    "gtc": TimeInForce.GTC,
    "ioc": TimeInForce.IOC,
    "fok": TimeInForce.FOK,
}
_STATUS = {
    OrderStatus.PENDING_TRIGGER: Status.NEW,
    OrderStatus.ACCEPTED: Status.NEW,
    OrderStatus.PARTIALLY_FILLED: Status.PARTIALLY_FILLED,
    OrderStatus.FILLED: Status.FILLED,
    OrderStatus.CANCELLED: Status.CANCELLED,
    OrderStatus.REJECTED: Status.REJECTED,
    OrderStatus.EXPIRED: Status.EXPIRED,
}


class PaperVenue(Venue):
    kind = "paper"

    def __init__(
        self,
        name: str = "paper",
        instruments: Sequence[InstrumentSpec] = (),
        fees: FeeSchedule | None = None,
        latency: LatencyModel | None = None,
        simulate_latency: bool = False,
        clock=None,
        max_orders: int = 100_000,
    ) -> None:
        self.max_orders = max_orders
        self.name = name
        self.fees = fees or FeeSchedule()
        self.latency = latency or LatencyModel(0.0005, 0.0002, seed=0)
        self.expected_latency_s = self.latency.expected()
        self.simulate_latency = simulate_latency
        self.instruments = {s.instrument_id: s for s in instruments}
        self._clock = clock or (lambda: 0.0)
        self.engines: dict[str, MatchingEngine] = {
            s.instrument_id: MatchingEngine(
                s.instrument_id,
                s.tick_size,
                s.lot_size,
                self.fees,
                s.min_quantity,
                fill_id_prefix=f"{name}-{s.instrument_id}-",
            )
            for s in instruments
        }
        self._vid = itertools.count(1)
        self._by_client: dict[str, tuple[str, Order]] = {}  # client id -> (instrument, order)
        self._msg = itertools.count()
        self._sinks: list[UpdateSink] = []
        self._positions: dict[str, tuple[float, float]] = {}

    # Push of fills for resting orders (book moves, other paper orders).
    def subscribe(self, sink: UpdateSink) -> None:
        self._sinks.append(sink)

    def add_instrument(self, spec: InstrumentSpec) -> None:
        self.instruments[spec.instrument_id] = spec
        self.engines[spec.instrument_id] = MatchingEngine(
            spec.instrument_id,
            spec.tick_size,
            spec.lot_size,
            self.fees,
            spec.min_quantity,
            fill_id_prefix=f"{self.name}-{spec.instrument_id}-",
        )

    # ------------------------------------------------------------ market data

    def on_book(
        self, instrument_id: str, bids: Levels, asks: Levels, ts: float | None = None
    ) -> None:
        eng = self.engines.get(instrument_id)
        if eng is not None:
            self._dispatch(eng.set_book(bids, asks, self._clock() if ts is None else ts), None)

    def on_level(self, instrument_id: str, side: str, price: float, size: float) -> None:
        eng = self.engines.get(instrument_id)
        if eng is not None:
            self._dispatch(eng.set_level(_SIDE[side], price, size, self._clock()), None)

    def on_trade(self, instrument_id: str, price: float) -> None:
        eng = self.engines.get(instrument_id)
        if eng is not None:
            self._dispatch(eng.on_trade(price, self._clock()), None)

    def end_of_day(self) -> None:
        for eng in self.engines.values():
            self._dispatch(eng.expire_day_orders(self._clock()), None)

    # ------------------------------------------------------------------ orders

    async def _delay(self) -> None:
        if self.simulate_latency:
            await asyncio.sleep(self.latency.delay(next(self._msg)))

    async def submit(self, request: OrderRequest) -> VenueOrder:
        await self._delay()
        eng = self.engines.get(request.instrument_id)
        if eng is None:
            raise VenueRejected(f"unknown instrument {request.instrument_id}")
        if request.client_order_id in self._by_client:
            raise VenueRejected(f"duplicate client order id {request.client_order_id}")
        order = Order(
            request.client_order_id,
            _SIDE[request.side],
            request.quantity,
            _TYPE[request.order_type],
            _TIF[request.time_in_force],
            request.limit_price,
            request.stop_price,
            owner=f"P{next(self._vid)}",
        )
        reports = eng.submit(order, self._clock())
        if order.status is not OrderStatus.REJECTED:
            self._by_client[request.client_order_id] = (request.instrument_id, order)
            if len(self._by_client) > self.max_orders:
                self._prune()
        self._dispatch(reports, order.order_id)
        return self._view(request.instrument_id, order, reports)

    async def cancel(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder:
        await self._delay()
        found = self._by_client.get(client_order_id)
        if found is None:
            raise VenueRejected(f"unknown order {client_order_id}")
        inst, order = found
        if order.is_terminal:
            raise VenueRejected(f"order {client_order_id} is {order.status.name.lower()}")
        self.engines[inst].cancel(order.order_id, self._clock())
        return self._view(inst, order, [])

    async def get_order(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder | None:
        found = self._by_client.get(client_order_id)
        return None if found is None else self._view(found[0], found[1], [])

    async def open_orders(self) -> list[VenueOrder]:
        return [self._view(i, o, []) for i, o in self._by_client.values() if not o.is_terminal]

    async def positions(self) -> list[VenuePosition]:
        return [
            VenuePosition(k, q, p)
            for k, (q, p) in sorted(self._positions.items())
            if abs(q) > 1e-12
        ]

    async def book(self, instrument_id: str, depth: int = 20) -> tuple[Levels, Levels] | None:
        eng = self.engines.get(instrument_id)
        if eng is None:
            return None
        return eng.depth(Side.BUY, depth), eng.depth(Side.SELL, depth)

    def _prune(self) -> None:
        """Bounded memory on long runs: forget the oldest terminal orders (the gateway has
        their final state; open orders are always kept)."""
        excess = len(self._by_client) - self.max_orders // 2
        for cid in [k for k, (_, o) in self._by_client.items() if o.is_terminal][:excess]:
            del self._by_client[cid]
        for eng in self.engines.values():
            eng.forget_terminal()

    # ---------------------------------------------------------------- internals

    def _view(self, inst: str, order: Order, reports: list[Report]) -> VenueOrder:
        fills = [
            VenueFill(
                r.fill.fill_id,
                r.fill.price,
                r.fill.quantity,
                r.fill.fee,
                r.fill.fee_currency,
                r.fill.liquidity == 1,
                r.fill.ts,
            )
            for r in reports
            if r.fill is not None and r.order_id == order.order_id
        ]
        reason = (
            order.reason
            if order.status in (OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.EXPIRED)
            else ""
        )
        return VenueOrder(
            order.order_id,
            order.owner,
            inst,
            "buy" if order.side is Side.BUY else "sell",
            order.quantity,
            _STATUS[order.status],
            order.filled,
            order.average_price,
            order.fees,
            reason,
            fills,
        )

    def _dispatch(self, reports: list[Report], own: str | None) -> None:
        """Book positions for every fill; push updates of orders other than the one being
        submitted (those come back in submit's answer)."""
        touched: dict[str, None] = {}
        for r in reports:
            if r.fill is not None:
                found = self._by_client.get(r.order_id)
                inst = found[0] if found else ""
                q, p = self._positions.get(inst, (0.0, 0.0))
                signed = r.fill.quantity if r.fill.side is Side.BUY else -r.fill.quantity
                nq = q + signed
                if q == 0 or (q > 0) == (signed > 0):
                    np_ = (q * p + signed * r.fill.price) / nq if nq else 0.0
                elif abs(signed) > abs(q):
                    np_ = r.fill.price
                else:
                    np_ = p if abs(nq) > 1e-12 else 0.0
                self._positions[inst] = (nq, np_)
            if r.order_id != own and r.kind is not ExecKind.REJECTED:
                touched[r.order_id] = None
        if not self._sinks:
            return
        for oid in touched:
            found = self._by_client.get(oid)
            if found is None:
                continue
            view = self._view(found[0], found[1], [x for x in reports if x.order_id == oid])
            for sink in self._sinks:
                sink(self.name, view)
