"""The gateway core: order commands in, venue calls through breakers, execution reports out,
smart order routing, failover and reconciliation. No Kafka or gRPC here: events leave through
the ``publish`` callback, so the same object runs in the service, in tests and in benchmarks.

Order life at the gateway: an order is split into one or more *slices*, one per venue. A
slice is written to the store (status ``pending_send``) before it is sent, so a crash between
sending and hearing back leaves a record that reconciliation resolves by the client order id
(the slice id) at the venue. A send that certainly did not reach the venue (connection
refused, breaker open, 5xx) fails over to the next venue; a send whose fate is unknown
(timeout, garbage) stays ``in_doubt`` until reconciliation finds the order at the venue
(adopted) or learns the venue does not have it (then its quantity fails over). Every order
therefore ends terminal, or stays tracked until the venue answers.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal

from google.protobuf.timestamp_pb2 import Timestamp
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as bg
from omni.broker_gateway.v1 import events_pb2 as bge
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_quant.matching import Side

from .breaker import VenueBreaker
from .routing import NoRoute, Route, SmartOrderRouter, VenueCandidate
from .store import IN_DOUBT, OPEN, PENDING_SEND, OrderRecord, SliceRecord, Store
from .venues.base import (
    OrderRequest,
    Status,
    Venue,
    VenueError,
    VenueGarbage,
    VenueOrder,
    VenueRejected,
    VenueTimeout,
    VenueUnavailable,
)

ORDER_TOPIC = "order-management"
MONITOR_TOPIC = "system-monitoring"
SERVICE = "broker-gateway"

Publish = Callable[[str, str, object], Awaitable[None]]

_SIDE_IN = {common.SIDE_BUY: "buy", common.SIDE_SELL: "sell"}
_SIDE_OUT = {"buy": common.SIDE_BUY, "sell": common.SIDE_SELL}
_TYPE_IN = {
    common.ORDER_TYPE_MARKET: "market",
    common.ORDER_TYPE_LIMIT: "limit",
    common.ORDER_TYPE_STOP: "stop",
    common.ORDER_TYPE_STOP_LIMIT: "stop_limit",
}
_TYPE_OUT = {v: k for k, v in _TYPE_IN.items()}
_TIF_IN = {
    common.TIME_IN_FORCE_DAY: "day",
    common.TIME_IN_FORCE_GTC: "gtc",
    common.TIME_IN_FORCE_IOC: "ioc",
    common.TIME_IN_FORCE_FOK: "fok",
    common.TIME_IN_FORCE_UNSPECIFIED: "day",
}
_TIF_OUT = {
    "day": common.TIME_IN_FORCE_DAY,
    "gtc": common.TIME_IN_FORCE_GTC,
    "ioc": common.TIME_IN_FORCE_IOC,
    "fok": common.TIME_IN_FORCE_FOK,
}
_ORDER_STATUS = {
    "pending": om.ORDER_STATUS_PENDING,
    "accepted": om.ORDER_STATUS_ACCEPTED,
    "partially_filled": om.ORDER_STATUS_PARTIALLY_FILLED,
    "filled": om.ORDER_STATUS_FILLED,
    "cancelled": om.ORDER_STATUS_CANCELLED,
    "rejected": om.ORDER_STATUS_REJECTED,
    "expired": om.ORDER_STATUS_EXPIRED,
    "replaced": om.ORDER_STATUS_REPLACED,
}
_VENUE_KIND = {
    "paper": bg.VENUE_KIND_PAPER,
    "alpaca": bg.VENUE_KIND_ALPACA,
    "ccxt": bg.VENUE_KIND_CCXT,
}
_EPS = 1e-9


class InvalidOrder(ValueError):
    pass


class UnknownVenue(KeyError):
    pass


def _dt(d) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(d)
    return ts


def _ts(t: float) -> Timestamp:
    ts = Timestamp()
    ts.FromNanoseconds(int(t * 1e9))
    return ts


@dataclass(slots=True)
class VenueSlot:
    venue: Venue
    breaker: VenueBreaker
    enabled: bool = True
    disabled_reason: str = ""

    @property
    def state(self) -> int:
        if not self.enabled:
            return bg.VENUE_STATE_DISABLED
        s = self.breaker.state
        return {
            VenueBreaker.CLOSED: bg.VENUE_STATE_UP,
            VenueBreaker.OPEN: bg.VENUE_STATE_TRIPPED,
            VenueBreaker.HALF_OPEN: bg.VENUE_STATE_PROBING,
        }[s]


@dataclass(slots=True)
class GatewayStats:
    commands: int = 0
    duplicates: int = 0
    reports: int = 0
    failovers: int = 0
    rejects: int = 0
    reconciliations: int = 0
    discrepancies: int = 0
    extra: dict = field(default_factory=dict)


class Gateway:
    def __init__(
        self,
        venues: list[Venue],
        store: Store,
        publish: Publish,
        router: SmartOrderRouter | None = None,
        clock: Callable[[], float] = time.time,
        breaker_threshold: int = 3,
        breaker_reset_s: float = 5.0,
        max_cached_terminal: int = 10_000,
        breaker_clock=None,
    ) -> None:
        self.breaker_clock = breaker_clock
        self.store = store
        self.publish = publish
        self.router = router or SmartOrderRouter()
        self.clock = clock
        self.slots: dict[str, VenueSlot] = {}
        self.orders: dict[str, OrderRecord] = {}
        self.slices: dict[str, SliceRecord] = {}
        self._by_order: dict[str, list[str]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task] = set()
        self._events: list[tuple[str, str, object]] = []
        # Latest top of book per (source, instrument) from market data, for venues without a
        # book of their own; source "" is any.
        self.quotes: dict[tuple[str, str], tuple[list, list]] = {}
        # Position per (venue, instrument) implied by the fills we booked, and the venue's
        # position beyond it when first reconciled (holdings from before this gateway).
        self.implied: dict[tuple[str, str], float] = {}
        self._pos_baseline: dict[tuple[str, str], float] = {}
        self._dirty_o: dict[str, OrderRecord] = {}
        self._persist_lock = asyncio.Lock()
        self._dirty_s: dict[str, SliceRecord] = {}
        self._routes: list[tuple[str, str, str, bytes]] = []
        self.max_cached_terminal = max_cached_terminal
        self.stats = GatewayStats()
        for v in venues:
            self.add_venue(v, breaker_threshold, breaker_reset_s)

    # ------------------------------------------------------------------ venues

    def add_venue(self, venue: Venue, threshold: int = 3, reset_s: float = 5.0) -> None:
        br = VenueBreaker(
            venue.name,
            threshold,
            reset_s,
            on_change=self._breaker_changed,
            clock=self.breaker_clock,
        )
        self.slots[venue.name] = VenueSlot(venue, br)
        subscribe = getattr(venue, "subscribe", None)
        if subscribe is not None:
            subscribe(self._venue_push)

    def slot(self, name: str) -> VenueSlot:
        try:
            return self.slots[name]
        except KeyError:
            raise UnknownVenue(name) from None

    def _breaker_changed(self, venue: str, prev: str, state: str, reason: str) -> None:
        m = {
            VenueBreaker.CLOSED: bg.VENUE_STATE_UP,
            VenueBreaker.OPEN: bg.VENUE_STATE_TRIPPED,
            VenueBreaker.HALF_OPEN: bg.VENUE_STATE_PROBING,
        }
        ev = bge.VenueStatusChanged(
            venue=venue,
            previous_state=m[prev],
            state=m[state],
            reason=reason,
            event_time=_ts(self.clock()),
        )
        self._events.append((MONITOR_TOPIC, SERVICE, ev))

    async def set_enabled(self, name: str, enabled: bool, reason: str = "") -> bg.Venue:
        s = self.slot(name)
        prev = s.state
        s.enabled = enabled
        s.disabled_reason = "" if enabled else (reason or "disabled by operator")
        if prev != s.state:
            self._events.append(
                (
                    MONITOR_TOPIC,
                    SERVICE,
                    bge.VenueStatusChanged(
                        venue=name,
                        previous_state=prev,
                        state=s.state,
                        reason=reason or ("enabled" if enabled else "disabled"),
                        event_time=_ts(self.clock()),
                    ),
                )
            )
        await self._flush()
        return self.venue_proto(name)

    def venue_proto(self, name: str) -> bg.Venue:
        s = self.slot(name)
        v = s.venue
        return bg.Venue(
            name=v.name,
            kind=_VENUE_KIND.get(v.kind, bg.VENUE_KIND_UNSPECIFIED),
            state=s.state,
            enabled=s.enabled,
            instruments=[common.InstrumentId(value=i) for i in sorted(v.instruments)],
            maker_fee=common.Decimal(value=str(v.fees.maker)),
            taker_fee=common.Decimal(value=str(v.fees.taker)),
            expected_latency_ms=v.expected_latency_s * 1000.0,
            consecutive_failures=s.breaker.failures,
            last_error=s.breaker.last_error or s.disabled_reason,
            state_changed_at=_dt(s.breaker.changed_at),
            open_orders=sum(1 for x in self.slices.values() if x.venue == name and not x.terminal),
        )

    async def _venue_call(self, slot: VenueSlot, fn, *args):
        """One call through the venue's breaker. Rejections are answers, not failures."""
        if not slot.breaker.allow():
            raise VenueUnavailable(
                f"{slot.venue.name}: circuit breaker open ({slot.breaker.last_error})"
            )
        try:
            out = await fn(*args)
        except VenueRejected:
            slot.breaker.success()
            raise
        except (VenueUnavailable, VenueGarbage) as exc:
            slot.breaker.trip(str(exc))
            raise
        except VenueTimeout as exc:
            slot.breaker.failure(str(exc))
            raise
        except VenueError as exc:
            slot.breaker.failure(str(exc))
            raise
        except Exception as exc:  # an adapter bug or an unexpected answer: garbage
            slot.breaker.trip(f"{type(exc).__name__}: {exc}")
            raise VenueGarbage(f"{slot.venue.name}: {type(exc).__name__}: {exc}") from exc
        slot.breaker.success()
        return out

    # ----------------------------------------------------------------- routing

    async def candidates(
        self, instrument_id: str, limit: float | None, exclude: set[str] = frozenset()
    ) -> list[VenueCandidate]:
        out = []
        for name, s in self.slots.items():
            v = s.venue
            spec = v.spec(instrument_id)
            reason = ""
            if spec is None:
                continue
            if name in exclude:
                reason = "failed for this order"
            elif not s.enabled:
                reason = s.disabled_reason or "disabled"
            elif not s.breaker.allow():
                reason = f"circuit breaker open: {s.breaker.last_error}"
            elif limit is not None and round(
                limit / spec.tick_size
            ) * spec.tick_size - limit > 1e-9 * max(1, limit):
                reason = f"price off the venue tick size {spec.tick_size}"
            book = None
            if not reason:
                try:
                    book = await self._venue_call(s, v.book, instrument_id, 20)
                except VenueError as exc:
                    reason = f"book unavailable: {exc}"
                if book is None and not reason:
                    # A broker without its own book (Alpaca): the market's top of book as
                    # seen on market-data-stream stands in for it.
                    book = self.quotes.get((v.kind, instrument_id)) or self.quotes.get(
                        ("", instrument_id)
                    )
            out.append(
                VenueCandidate(
                    name,
                    v.fees.taker,
                    v.expected_latency_s,
                    book[0] if book else None,
                    book[1] if book else None,
                    reason,
                )
            )
        return out

    async def compute_route(
        self,
        instrument_id: str,
        side: str,
        quantity: float,
        limit: float | None,
        exclude: set[str] = frozenset(),
    ) -> Route:
        cands = await self.candidates(instrument_id, limit, exclude)
        if not cands:
            raise InvalidOrder(f"unknown instrument {instrument_id}")
        return self.router.route(Side.BUY if side == "buy" else Side.SELL, quantity, cands, limit)

    def route_proto(
        self, r: Route, instrument_id: str, o: OrderRecord | None = None
    ) -> bg.RouteDecision:
        return bg.RouteDecision(
            decision_id=str(uuid.uuid4()),
            account_id=o.account_id if o else "",
            order_id=o.order_id if o else "",
            client_order_id=o.client_order_id if o else "",
            instrument_id=common.InstrumentId(value=instrument_id),
            side=common.SIDE_BUY if r.side is Side.BUY else common.SIDE_SELL,
            quantity=r.quantity,
            slices=[bg.RouteSlice(venue=v, quantity=q) for v, q in r.slices],
            candidates=[
                bg.VenueCost(
                    venue=c.venue,
                    quantity=c.quantity,
                    available_quantity=c.available_quantity,
                    fee_bps=c.fee_bps,
                    half_spread_bps=c.half_spread_bps,
                    impact_bps=c.impact_bps,
                    latency_bps=c.latency_bps,
                    total_bps=c.total_bps,
                    expected_average_price=c.expected_average_price,
                    expected_latency_ms=c.expected_latency_ms,
                    excluded_reason=c.excluded_reason,
                )
                for c in r.candidates
            ],
            chosen_cost_bps=r.chosen_cost_bps,
            best_single_venue_cost_bps=r.best_single_venue_cost_bps,
            reason=r.reason,
            failover_from=r.failover_from,
            decided_at=_ts(self.clock()),
        )

    # ---------------------------------------------------------------- commands

    def _lock(self, order_id: str) -> asyncio.Lock:
        lk = self._locks.get(order_id)
        if lk is None:
            lk = self._locks[order_id] = asyncio.Lock()
        return lk

    def _validate(self, o: OrderRecord) -> str:
        if not (o.quantity == o.quantity) or o.quantity <= 0:
            return "quantity must be positive"
        specs = [s.venue.spec(o.instrument_id) for s in self.slots.values()]
        specs = [x for x in specs if x is not None]
        if not specs:
            return f"unknown instrument {o.instrument_id}"
        if o.side not in ("buy", "sell"):
            return "side must be buy or sell"
        if o.order_type in ("limit", "stop_limit") and not (o.limit_price and o.limit_price > 0):
            return "limit price required and must be positive"
        if o.order_type in ("stop", "stop_limit") and not (o.stop_price and o.stop_price > 0):
            return "stop price required and must be positive"
        for name, px in (("limit", o.limit_price), ("stop", o.stop_price)):
            if px and all(
                abs(round(px / s.tick_size) * s.tick_size - px) > 1e-9 * max(1, px) for s in specs
            ):
                ticks = ", ".join(str(s.tick_size) for s in specs)
                return f"{name} price {px} is off the tick size ({ticks})"
        if all(
            s.lot_size
            and abs(round(o.quantity / s.lot_size) * s.lot_size - o.quantity)
            > 1e-9 * max(1, o.quantity)
            for s in specs
        ):
            return f"quantity {o.quantity} is not a multiple of the lot size"
        return ""

    @staticmethod
    def record_from_proto(account_id: str, order: om.Order) -> OrderRecord:
        return OrderRecord(
            order_id=order.order_id or str(uuid.uuid4()),
            account_id=account_id or order.account_id,
            client_order_id=order.client_order_id or order.order_id,
            instrument_id=order.instrument_id.value,
            side=_SIDE_IN.get(order.side, "?"),
            order_type=_TYPE_IN.get(order.order_type, "?"),
            time_in_force=_TIF_IN.get(order.time_in_force, "day"),
            quantity=order.quantity,
            limit_price=order.limit_price or None,
            stop_price=order.stop_price or None,
            strategy_id=order.strategy_id,
            replaces_order_id=order.replaces_order_id,
        )

    async def submit(self, account_id: str, order: om.Order, venue: str = "") -> OrderRecord:
        """Handle a SubmitOrderCommand. Idempotent by (account, client order id)."""
        self.stats.commands += 1
        rec = self.record_from_proto(account_id, order)
        venue = venue or order.venue
        known = self.orders.get(rec.order_id) or await self.store.find_client_order(
            rec.account_id, rec.client_order_id
        )
        if known is not None:
            self.stats.duplicates += 1
            return known
        async with self._lock(rec.order_id):
            reason = "unknown order type" if rec.order_type == "?" else self._validate(rec)
            if not reason and venue and venue not in self.slots:
                reason = f"unknown venue {venue}"
            if reason:
                rec.status, rec.reason = "rejected", reason
                self.stats.rejects += 1
                self._dirty_order(rec)
                self._report(rec, ome.EXEC_TYPE_REJECTED, reason=reason)
                await self._flush()
                return rec
            self.orders[rec.order_id] = rec
            rec.unrouted = rec.quantity
            self._dirty_order(rec)
            await self._route_and_send(rec, rec.quantity, pinned=venue)
        await self._flush()
        return rec

    async def _route_and_send(
        self,
        rec: OrderRecord,
        qty: float,
        pinned: str = "",
        exclude: set[str] | None = None,
        failover_from: str = "",
    ) -> None:
        exclude = set(exclude or ())
        while qty > _EPS:
            if pinned and not exclude:
                s = self.slots[pinned]
                if not s.enabled or not s.breaker.allow():
                    pinned = ""  # the pinned venue is down: route instead
                    continue
                route = Route(
                    Side.BUY if rec.side == "buy" else Side.SELL,
                    qty,
                    [(pinned, qty)],
                    [],
                    0.0,
                    0.0,
                    f"venue {pinned} requested by the order",
                )
            else:
                try:
                    route = await self.compute_route(
                        rec.instrument_id, rec.side, qty, rec.limit_price, exclude
                    )
                except NoRoute as exc:
                    await self._give_up(rec, qty, f"no venue available: {exc}")
                    return
            route.failover_from = failover_from
            decision = self.route_proto(route, rec.instrument_id, rec)
            self._routes.append(
                (decision.decision_id, rec.order_id, rec.account_id, decision.SerializeToString())
            )
            self._events.append(
                (
                    MONITOR_TOPIC,
                    SERVICE,
                    bge.RouteDecided(decision=decision, event_time=_ts(self.clock())),
                )
            )
            failed_qty = 0.0
            for venue, q in route.slices:
                ok = await self._send_slice(rec, venue, q, len(route.slices) > 1)
                if not ok:
                    failed_qty += q
                    exclude.add(venue)
                    failover_from = venue
                    self.stats.failovers += 1
            qty = failed_qty
            pinned = ""

    async def _give_up(self, rec: OrderRecord, qty: float, reason: str) -> None:
        rec.unrouted = max(0.0, rec.unrouted - qty)
        rec.reason = reason
        await self._settle(rec, reason)

    async def _send_slice(self, rec: OrderRecord, venue: str, qty: float, split: bool) -> bool:
        """Send one slice. False when it certainly did not reach the venue (fail over)."""
        n = len(self._by_order.get(rec.order_id, ()))
        slice_id = rec.client_order_id if n == 0 and not split else f"{rec.client_order_id}-{n + 1}"
        s = SliceRecord(slice_id, rec.order_id, venue, rec.instrument_id, rec.side, qty)
        s.attempts = 1
        self.slices[slice_id] = s
        self._by_order.setdefault(rec.order_id, []).append(slice_id)
        rec.unrouted = max(0.0, rec.unrouted - qty)
        self._dirty_slice(s)
        self._dirty_order(rec)
        slot = self.slots[venue]
        if slot.venue.kind != "paper":
            # Write-ahead: an external venue may know the slice from here on. (The paper venue
            # lives and dies with this process: nothing outside can hold its orders.)
            await self._persist()
        req = OrderRequest(
            slice_id,
            rec.instrument_id,
            rec.side,
            qty,
            rec.order_type,
            rec.time_in_force,
            rec.limit_price,
            rec.stop_price,
        )
        try:
            vo = await self._venue_call(slot, slot.venue.submit, req)
        except VenueRejected as exc:
            s.status, s.reason = "rejected", str(exc)
            self._dirty_slice(s)
            await self._settle(rec, str(exc))
            return True
        except VenueUnavailable as exc:
            s.status, s.reason = "failed", str(exc)
            rec.unrouted += qty
            self._dirty_slice(s)
            self._dirty_order(rec)
            return False
        except (VenueTimeout, VenueGarbage) as exc:
            s.status, s.reason = IN_DOUBT, str(exc)
            self._dirty_slice(s)
            return True
        await self._apply(s, vo, source="submit")
        return True

    async def cancel(
        self,
        order_id: str = "",
        client_order_id: str = "",
        account_id: str = "",
        reason: str = "cancel requested",
    ) -> OrderRecord | None:
        self.stats.commands += 1
        rec = self.orders.get(order_id)
        if rec is None and client_order_id:
            rec = await self.store.find_client_order(account_id, client_order_id)
            rec = self.orders.get(rec.order_id, rec) if rec else None
        if rec is None or rec.terminal:
            if rec is None or rec.status not in ("cancelled",):
                fake = rec or OrderRecord(
                    order_id, account_id, client_order_id, "", "", "", "", 0.0
                )
                self._report(
                    fake,
                    ome.EXEC_TYPE_CANCEL_REJECTED,
                    reason="unknown order" if rec is None else f"order is {rec.status}",
                )
                await self._flush()
            return rec
        async with self._lock(rec.order_id):
            rec.unrouted = 0.0
            problems = []
            for sid in list(self._by_order.get(rec.order_id, ())):
                s = self.slices[sid]
                if s.terminal:
                    continue
                slot = self.slots[s.venue]
                try:
                    vo = await self._venue_call(
                        slot, slot.venue.cancel, s.slice_id, s.venue_order_id, s.instrument_id
                    )
                except VenueRejected as exc:
                    # Already gone at the venue: find out how it ended.
                    try:
                        vo = await self._venue_call(
                            slot,
                            slot.venue.get_order,
                            s.slice_id,
                            s.venue_order_id,
                            s.instrument_id,
                        )
                    except VenueError:
                        vo = None
                    if vo is None:
                        problems.append(str(exc))
                        continue
                except VenueError as exc:
                    problems.append(str(exc))
                    continue
                await self._apply(s, vo, source="cancel", reason=reason)
            if problems and not rec.terminal:
                self._report(rec, ome.EXEC_TYPE_CANCEL_REJECTED, reason="; ".join(problems))
            await self._settle(rec, reason)
        await self._flush()
        return rec

    async def replace(
        self, account_id: str, order_id: str, replacement: om.Order
    ) -> OrderRecord | None:
        """Cancel/replace: cancel the working order, then send the replacement for what was
        not filled. Not atomic at the venues: fills racing the cancel are subtracted."""
        orig = self.orders.get(order_id)
        if orig is None or orig.terminal:
            fake = orig or OrderRecord(order_id, account_id, "", "", "", "", "", 0.0)
            self._report(
                fake,
                ome.EXEC_TYPE_CANCEL_REJECTED,
                reason="unknown order" if orig is None else f"order is {orig.status}",
            )
            await self._flush()
            return None
        await self.cancel(order_id, reason="replaced")
        if orig.status == "filled":
            return None
        new = om.Order()
        new.CopyFrom(replacement)
        new.quantity = replacement.quantity - orig.filled
        if not new.instrument_id.value:
            new.instrument_id.value = orig.instrument_id
        new.replaces_order_id = orig.order_id
        if new.quantity <= _EPS:
            self._report(
                orig, ome.EXEC_TYPE_CANCEL_REJECTED, reason="replacement quantity already filled"
            )
            await self._flush()
            return None
        orig.status = "replaced"
        self._dirty_order(orig)
        rec = await self.submit(account_id, new)
        if rec.status != "rejected":
            self._report(rec, ome.EXEC_TYPE_REPLACED, original=orig.order_id)
            await self._flush()
        return rec

    # ---------------------------------------------------------------- updates

    def _venue_push(self, venue: str, vo: VenueOrder) -> None:
        s = self.slices.get(vo.client_order_id)
        if s is None or s.venue != venue:
            return
        task = asyncio.get_running_loop().create_task(self._pushed(s, vo))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _pushed(self, s: SliceRecord, vo: VenueOrder) -> None:
        async with self._lock(s.order_id):
            await self._apply(s, vo, source="push")
        await self._flush()

    async def drain(self) -> None:
        """Wait for pushed venue updates to be processed."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    async def _apply(
        self, s: SliceRecord, vo: VenueOrder, source: str, reason: str = "", restated: bool = False
    ) -> list[str]:
        """Bring a slice (and its order) up to the venue's view; returns what changed."""
        rec = self.orders.get(s.order_id)
        changes: list[str] = []
        if vo.venue_order_id and s.venue_order_id != vo.venue_order_id:
            s.venue_order_id = vo.venue_order_id
        was_open = s.status in (PENDING_SEND, IN_DOUBT)
        if was_open and vo.status is not Status.REJECTED:
            if not vo.status.terminal:
                s.status = OPEN
            if rec is not None and rec.status == "pending":
                rec.status = "accepted"
                self._report(rec, ome.EXEC_TYPE_NEW, slice_=s)
        # Fills: cumulative quantities only grow.
        if vo.filled > s.filled + _EPS:
            delta = vo.filled - s.filled
            new_fills = [f for f in vo.fills if f.fill_id]
            if new_fills and abs(sum(f.quantity for f in new_fills) - delta) < 1e-6:
                parts = [
                    (f.fill_id, f.quantity, f.price, f.fee, f.fee_currency, f.maker)
                    for f in new_fills
                ]
            else:
                px = (
                    (vo.filled * vo.average_price - s.notional) / delta if vo.average_price else 0.0
                )
                fee = vo.fees - Decimal(s.fees) if vo.fees else Decimal("0")
                parts = [
                    (
                        f"{s.slice_id}:{vo.filled:.10g}",
                        delta,
                        px,
                        fee,
                        s_fee_ccy(self.slots[s.venue].venue),
                        False,
                    )
                ]
            key = (s.venue, s.instrument_id)
            for fill_id, q, px, fee, ccy, maker in parts:
                self.implied[key] = self.implied.get(key, 0.0) + (q if s.side == "buy" else -q)
                s.filled += q
                s.notional += q * px
                s.fees = str(Decimal(s.fees) + fee)
                changes.append(f"fill {q}@{px}")
                if rec is not None:
                    rec.filled += q
                    rec.notional += q * px
                    rec.fees = str(Decimal(rec.fees) + fee)
                    done = rec.filled >= rec.quantity - _EPS
                    if done:
                        rec.status = "filled"
                    elif not rec.terminal:  # a late fill after a close keeps the close
                        rec.status = "partially_filled"
                    self._report(
                        rec,
                        ome.EXEC_TYPE_FILL if done else ome.EXEC_TYPE_PARTIAL_FILL,
                        slice_=s,
                        fill=(fill_id, q, px, fee, ccy, maker),
                    )
            s.notional = vo.filled * vo.average_price if vo.average_price else s.notional
        if vo.status.terminal and not s.terminal:
            s.status = {
                Status.FILLED: "filled",
                Status.CANCELLED: "cancelled",
                Status.REJECTED: "rejected",
                Status.EXPIRED: "expired",
            }[vo.status]
            s.reason = vo.reason or reason
            changes.append(f"status {s.status}")
        elif vo.status in (Status.NEW, Status.PARTIALLY_FILLED) and s.status != OPEN:
            s.status = OPEN
        self._dirty_slice(s)
        if rec is not None:
            await self._settle(rec, vo.reason or reason, restated=restated)
        return changes

    async def _settle(self, rec: OrderRecord, reason: str = "", restated: bool = False) -> None:
        """Close the order when nothing of it is left working anywhere."""
        sl = [self.slices[x] for x in self._by_order.get(rec.order_id, ())]
        if rec.terminal:
            self._dirty_order(rec)
            return
        if rec.filled >= rec.quantity - _EPS:
            rec.status = "filled"
        elif rec.unrouted <= _EPS and all(x.terminal or x.status == "failed" for x in sl):
            statuses = {x.status for x in sl if x.status != "failed"}
            if "cancelled" in statuses:
                final, et = "cancelled", ome.EXEC_TYPE_CANCELLED
            elif "expired" in statuses:
                final, et = "expired", ome.EXEC_TYPE_EXPIRED
            elif rec.filled > _EPS:
                final, et = "cancelled", ome.EXEC_TYPE_CANCELLED
            else:
                final, et = "rejected", ome.EXEC_TYPE_REJECTED
            rec.status = final
            rec.reason = reason or next((x.reason for x in sl if x.reason), "")
            self._report(rec, et, reason=rec.reason)
        self._dirty_order(rec)
        if rec.terminal:
            self._forget_if_needed()

    def _forget_if_needed(self) -> None:
        if len(self.orders) <= self.max_cached_terminal:
            return
        for oid in [k for k, o in self.orders.items() if o.terminal][: len(self.orders) // 2]:
            self.orders.pop(oid, None)
            self._locks.pop(oid, None)
            for sid in self._by_order.pop(oid, ()):
                self.slices.pop(sid, None)

    # ------------------------------------------------------------------ events

    def _report(
        self,
        rec: OrderRecord,
        exec_type: int,
        slice_: SliceRecord | None = None,
        fill: tuple | None = None,
        reason: str = "",
        original: str = "",
    ) -> None:
        now = _ts(self.clock())
        er = ome.ExecutionReport(
            account_id=rec.account_id,
            exec_id=fill[0]
            if fill
            else f"{rec.order_id}:{ome.ExecType.Name(exec_type)}:{uuid.uuid4().hex[:12]}",
            exec_type=exec_type,
            order_id=rec.order_id,
            client_order_id=rec.client_order_id,
            venue=slice_.venue if slice_ else "",
            venue_order_id=slice_.venue_order_id if slice_ else "",
            instrument_id=common.InstrumentId(value=rec.instrument_id),
            side=_SIDE_OUT.get(rec.side, common.SIDE_UNSPECIFIED),
            last_quantity=fill[1] if fill else 0.0,
            last_price=fill[2] if fill else 0.0,
            cumulative_quantity=rec.filled,
            average_price=rec.average_price,
            leaves_quantity=0.0 if rec.terminal else max(0.0, rec.quantity - rec.filled),
            fee=common.Decimal(value=str(fill[3]) if fill else "0"),
            fee_currency=fill[4] if fill else "",
            liquidity=(common.LIQUIDITY_MAKER if fill[5] else common.LIQUIDITY_TAKER)
            if fill
            else common.LIQUIDITY_UNSPECIFIED,
            order_status=_ORDER_STATUS.get(rec.status, om.ORDER_STATUS_UNSPECIFIED),
            reason=reason,
            original_order_id=original,
            event_time=now,
            received_at=now,
        )
        self.stats.reports += 1
        self._events.append((ORDER_TOPIC, rec.account_id, er))

    def _dirty_order(self, rec: OrderRecord) -> None:
        self._dirty_o[rec.order_id] = rec

    def _dirty_slice(self, s: SliceRecord) -> None:
        self._dirty_s[s.slice_id] = s

    async def _persist(self) -> None:
        # One writer at a time: a caller that finds nothing dirty still waits for a write in
        # flight (it may hold the records its events describe).
        async with self._persist_lock:
            if not (self._dirty_o or self._dirty_s or self._routes):
                return
            o, sl, r = list(self._dirty_o.values()), list(self._dirty_s.values()), self._routes
            self._dirty_o, self._dirty_s, self._routes = {}, {}, []
            try:
                await self.store.save_many(o, sl, r)
            except BaseException:
                # Keep them for the next write (newer versions dirtied meanwhile win).
                for x in o:
                    self._dirty_o.setdefault(x.order_id, x)
                for y in sl:
                    self._dirty_s.setdefault(y.slice_id, y)
                self._routes[:0] = r
                raise

    async def _flush(self) -> None:
        """Persist, then publish: the store is never behind what others were told. Events
        and the records they describe are produced together without an await in between, so
        taking the events first and then persisting everything dirty covers them, even when
        other handlers run concurrently."""
        await self._persist()
        while self._events:
            batch, self._events = self._events, []
            await self._persist()
            for topic, key, ev in batch:
                await self.publish(topic, key, ev)

    # ---------------------------------------------------------- reconciliation

    async def load(self) -> None:
        """Restore open orders and their slices from the store (after a restart)."""
        for rec in await self.store.load_orders(open_only=True):
            self.orders[rec.order_id] = rec
        for s in await self.store.load_slices():
            if s.filled:
                k = (s.venue, s.instrument_id)
                self.implied[k] = self.implied.get(k, 0.0) + (
                    s.filled if s.side == "buy" else -s.filled
                )
            if s.order_id in self.orders:
                self.slices[s.slice_id] = s
                self._by_order.setdefault(s.order_id, []).append(s.slice_id)

    async def reconcile(self, venue: str = "", trigger: str = "on_demand") -> bg.ReconcileResponse:
        names = [venue] if venue else list(self.slots)
        for n in names:
            self.slot(n)
        resp = bg.ReconcileResponse()
        for name in names:
            slot = self.slots[name]
            report = bge.ReconciliationReport(
                venue=name, trigger=trigger, event_time=_ts(self.clock())
            )
            try:
                ds, checked = await self._reconcile_venue(slot)
                ds.extend(await self._reconcile_positions(slot))
            except VenueError as exc:
                report.completed = False
                report.error = str(exc)
                resp.failed_venues.append(name)
            else:
                report.completed = True
                report.orders_checked = checked
                report.discrepancies.extend(ds)
                resp.discrepancies.extend(ds)
                resp.orders_checked += checked
                self.stats.discrepancies += len(ds)
            resp.venues_checked += 1
            self.stats.reconciliations += 1
            self._events.append((MONITOR_TOPIC, SERVICE, report))
        await self._flush()
        return resp

    async def _reconcile_venue(self, slot: VenueSlot) -> tuple[list[bg.Discrepancy], int]:
        v = slot.venue
        name = v.name
        ds: list[bg.Discrepancy] = []
        venue_open = {o.client_order_id: o for o in await self._venue_call(slot, v.open_orders)}
        ours = [
            s
            for s in self.slices.values()
            if s.venue == name and not s.terminal and s.status != "failed"
        ]
        checked = 0
        reroute: list[tuple[OrderRecord, float]] = []
        for s in ours:
            checked += 1
            rec = self.orders.get(s.order_id)
            vo = venue_open.pop(s.slice_id, None)
            if vo is None:
                vo = await self._venue_call(
                    slot, v.get_order, s.slice_id, s.venue_order_id, s.instrument_id
                )
            d = dict(
                venue=name,
                order_id=s.order_id,
                client_order_id=s.slice_id,
                venue_order_id=(vo.venue_order_id if vo else s.venue_order_id),
                instrument_id=common.InstrumentId(value=s.instrument_id),
            )
            if vo is None:
                if s.status in (PENDING_SEND, IN_DOUBT):
                    # Never reached the venue: close the slice, route its quantity again.
                    s.status, s.reason = "not_found", "venue does not know the order"
                    self._dirty_slice(s)
                    ds.append(
                        bg.Discrepancy(
                            kind=bg.DISCREPANCY_KIND_ORDER_NOT_FOUND,
                            ours=IN_DOUBT,
                            theirs="unknown",
                            action="closed slice; quantity re-routed",
                            **d,
                        )
                    )
                    if rec is not None and not rec.terminal:
                        reroute.append((rec, s.quantity - s.filled))
                else:
                    s.status, s.reason = "cancelled", "venue no longer knows the order"
                    self._dirty_slice(s)
                    ds.append(
                        bg.Discrepancy(
                            kind=bg.DISCREPANCY_KIND_ORDER_NOT_FOUND,
                            ours=s.status,
                            theirs="unknown",
                            action="closed order",
                            **d,
                        )
                    )
                    if rec is not None:
                        await self._settle(rec, "reconciliation: venue does not know the order")
                continue
            before_status, before_filled = s.status, s.filled
            in_doubt = s.status in (PENDING_SEND, IN_DOUBT)
            async with self._lock(s.order_id):
                await self._apply(
                    s,
                    vo,
                    source="reconcile",
                    reason=f"reconciliation: venue says {vo.status.value}",
                )
            if in_doubt:
                ds.append(
                    bg.Discrepancy(
                        kind=bg.DISCREPANCY_KIND_ORDER_RECOVERED,
                        ours=before_status,
                        theirs=vo.status.value,
                        action="adopted venue order",
                        **d,
                    )
                )
            if vo.filled > before_filled + _EPS:
                ds.append(
                    bg.Discrepancy(
                        kind=bg.DISCREPANCY_KIND_MISSED_FILL,
                        ours=f"{before_filled:g}",
                        theirs=f"{vo.filled:g}",
                        action="emitted fill",
                        **d,
                    )
                )
            if (
                vo.status.terminal
                and not in_doubt
                and before_status not in ("filled",)
                and s.status != "filled"
            ):
                ds.append(
                    bg.Discrepancy(
                        kind=bg.DISCREPANCY_KIND_STATUS_MISMATCH,
                        ours=before_status,
                        theirs=vo.status.value,
                        action="closed order",
                        **d,
                    )
                )
        for cid, vo in venue_open.items():
            if cid in self.slices:
                continue
            ds.append(
                bg.Discrepancy(
                    kind=bg.DISCREPANCY_KIND_UNKNOWN_ORDER,
                    venue=name,
                    client_order_id=cid,
                    venue_order_id=vo.venue_order_id,
                    instrument_id=common.InstrumentId(value=vo.instrument_id),
                    ours="unknown",
                    theirs=vo.status.value,
                    action="reported",
                )
            )
        for rec, q in reroute:
            async with self._lock(rec.order_id):
                rec.unrouted += q
                await self._route_and_send(rec, q, exclude={name}, failover_from=name)
        return ds, checked

    async def _reconcile_positions(self, slot: VenueSlot) -> list[bg.Discrepancy]:
        """The venue's positions against those implied by our fills. What the venue held when
        first seen is a baseline (holdings from before this gateway); a change in the gap after
        that (a trade we never heard of, a transfer) is reported."""
        name = slot.venue.name
        theirs = {
            p.instrument_id: p.quantity for p in await self._venue_call(slot, slot.venue.positions)
        }
        out = []
        insts = set(theirs) | {i for (v, i) in self.implied if v == name}
        for inst in sorted(insts):
            key = (name, inst)
            ours = self.implied.get(key, 0.0)
            gap = theirs.get(inst, 0.0) - ours
            if key not in self._pos_baseline:
                self._pos_baseline[key] = gap
                continue
            if abs(gap - self._pos_baseline[key]) > 1e-9 * max(1.0, abs(ours)):
                out.append(
                    bg.Discrepancy(
                        kind=bg.DISCREPANCY_KIND_POSITION_MISMATCH,
                        venue=name,
                        instrument_id=common.InstrumentId(value=inst),
                        ours=f"{ours + self._pos_baseline[key]:g}",
                        theirs=f"{theirs.get(inst, 0.0):g}",
                        action="reported; baseline moved to the venue's position",
                    )
                )
                self._pos_baseline[key] = gap
        return out

    async def sync_open(self) -> None:
        """Poll venues that do not push for changes to open slices (fills, closes)."""
        for name, slot in self.slots.items():
            if slot.venue.kind == "paper" or not slot.breaker.allow():
                continue  # the paper venue is in process: it always pushes
            if any(s.venue == name and not s.terminal for s in self.slices.values()):
                try:
                    await self._reconcile_venue(slot)
                except VenueError:
                    pass
        await self._flush()

    # ------------------------------------------------------------------ queries

    def order_proto(self, rec: OrderRecord, s: SliceRecord | None = None) -> om.Order:
        return om.Order(
            order_id=rec.order_id,
            client_order_id=s.slice_id if s else rec.client_order_id,
            account_id=rec.account_id,
            strategy_id=rec.strategy_id,
            instrument_id=common.InstrumentId(value=rec.instrument_id),
            side=_SIDE_OUT.get(rec.side, 0),
            order_type=_TYPE_OUT.get(rec.order_type, 0),
            time_in_force=_TIF_OUT.get(rec.time_in_force, 0),
            quantity=s.quantity if s else rec.quantity,
            limit_price=rec.limit_price or 0.0,
            stop_price=rec.stop_price or 0.0,
            status=_ORDER_STATUS.get(
                {
                    "open": "accepted",
                    "pending_send": "pending",
                    "in_doubt": "pending",
                    "failed": "rejected",
                    "not_found": "cancelled",
                }.get(s.status, s.status)
                if s
                else rec.status,
                0,
            ),
            filled_quantity=s.filled if s else rec.filled,
            average_fill_price=s.average_price if s else rec.average_price,
            leaves_quantity=(0.0 if s.terminal else s.quantity - s.filled)
            if s
            else (0.0 if rec.terminal else rec.quantity - rec.filled),
            reject_reason=(s.reason if s else rec.reason),
            venue=s.venue if s else "",
            venue_order_id=s.venue_order_id if s else "",
            fees=common.Decimal(value=s.fees if s else rec.fees),
        )

    async def venue_orders(self, venue: str, open_only: bool) -> list[om.Order]:
        self.slot(venue)
        out = []
        for s in await self.store.load_slices(venue=venue, open_only=open_only):
            rec = self.orders.get(s.order_id) or await self.store.get_order(s.order_id)
            if rec is None:
                continue
            out.append(self.order_proto(rec, self.slices.get(s.slice_id, s)))
        return out


def s_fee_ccy(v: Venue) -> str:
    return v.fees.currency
