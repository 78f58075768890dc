"""The order manager: orders through the state machine, persisted with their events, venue
commands and events leaving through the transactional outbox. No Kafka or gRPC here: the
service wires the handlers and the servicer to this object, tests and the benchmark drive it
directly.

Bad input (documented in the README):
- malformed requests (no account, instrument or side, unspecified order type, quantity not a
  positive finite number, a price that is negative or not finite, a limit order without a limit
  price, a stop order without a stop price) raise `InvalidArgument` (gRPC INVALID_ARGUMENT)
  and store nothing;
- well-formed orders that are refused for business reasons (unknown account or instrument,
  kill switch, risk limits, risk-engine unavailable) are stored as REJECTED with
  ``reject_reason`` and published as OrderRejected (``rejected_by`` = "validation" | "risk").
"""

from __future__ import annotations

import asyncio
import json
import math
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core.clock import Clock, RealClock
from omni_core.db import Database, Outbox
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_core.ids import new_id
from omni_core.logging import get_logger
from sqlalchemy import func, select

from . import store, wire
from .clients import RiskChecker
from .market import MarketState
from .state import OPEN, TERMINAL, IllegalTransition, OrderState, S, apply_report
from .state import name as status_name
from .store import CommitError, GroupCommitter, Writes

ORDER_TOPIC = "order-management"
CHILD_NAMESPACE = uuid.UUID("6f6d6e69-6f72-6465-722d-6d616e616765")

# event types composed on the hot path (`OrderManager._record_ev`)
_SUBMITTED = ome.OrderSubmitted.DESCRIPTOR.full_name
_SUBMIT_CMD = ome.SubmitOrderCommand.DESCRIPTOR.full_name
_ACCEPTED = ome.OrderAccepted.DESCRIPTOR.full_name
_FILLED = ome.OrderFilled.DESCRIPTOR.full_name
_PARTIALLY_FILLED = ome.OrderPartiallyFilled.DESCRIPTOR.full_name
_FILL_BOOKED = ome.FillBooked.DESCRIPTOR.full_name
_NS = 1_000_000_000
_OPEN_OR_NEW = OPEN | {S.NEW}

__all__ = ["Config", "OrderManager", "Rec", "ORDER_TOPIC", "child_ids", "validate_submit"]


def child_ids(parent_order_id: str, index: int) -> tuple[str, str]:
    """(order id, client order id) of slice `index` of a parent: deterministic, so a restarted
    service that redoes a slice finds the child it already created instead of doubling it."""
    return (str(uuid.uuid5(CHILD_NAMESPACE, f"{parent_order_id}:{index}")),
            f"{parent_order_id}:{index}")


@dataclass(slots=True)
class Config:
    tenant_id: str = "default"
    # DAY orders expire at this UTC time of day (the session close)
    session_close: time = time(21, 0)
    # when set, orders for other instruments/accounts are REJECTED ("validation")
    known_instruments: frozenset[str] | None = None
    known_accounts: frozenset[str] | None = None
    # terminal orders kept in memory (the rest are read from the database)
    max_cached_terminal: int = 20_000


@dataclass(slots=True)
class Rec:
    order: om.Order
    st: OrderState
    arrival: float = 0.0
    replacement_id: str = ""
    cancel_reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def _fts(x: float) -> Timestamp:
    t = Timestamp()
    t.FromNanoseconds(int(x * 1e9))
    return t


def _sec(ts: Timestamp) -> float:
    return ts.seconds + ts.nanos / 1e9


_NUMBER = (float, int)


def _finite(x: float) -> bool:
    return isinstance(x, _NUMBER) and math.isfinite(x)


def _dec(s: str) -> Decimal:
    try:
        return Decimal(s or "0")
    except InvalidOperation:
        return Decimal("0")


def validate_submit(req: om.SubmitOrderRequest) -> list[str]:
    """Structural problems of a submit request (INVALID_ARGUMENT when not empty)."""
    p = []
    if not req.account_id.strip():
        p.append("account_id is required")
    if not req.instrument_id.value.strip():
        p.append("instrument_id is required")
    if req.side not in (common.SIDE_BUY, common.SIDE_SELL):
        p.append("side must be BUY or SELL")
    if req.order_type not in (common.ORDER_TYPE_MARKET, common.ORDER_TYPE_LIMIT,
                              common.ORDER_TYPE_STOP, common.ORDER_TYPE_STOP_LIMIT):
        p.append("order_type is required")
    if req.time_in_force not in (0, 1, 2, 3, 4):
        p.append("time_in_force is not known")
    if not _finite(req.quantity) or req.quantity <= 0:
        p.append("quantity must be a positive finite number")
    for n in ("limit_price", "stop_price"):
        v = getattr(req, n)
        if not _finite(v) or v < 0:
            p.append(f"{n} must be a finite non-negative number")
    if req.order_type in (common.ORDER_TYPE_LIMIT, common.ORDER_TYPE_STOP_LIMIT) and not (
        _finite(req.limit_price) and req.limit_price > 0
    ):
        p.append("limit orders need a positive limit_price")
    if req.order_type in (common.ORDER_TYPE_STOP, common.ORDER_TYPE_STOP_LIMIT) and not (
        _finite(req.stop_price) and req.stop_price > 0
    ):
        p.append("stop orders need a positive stop_price")
    if len(req.client_order_id) > 200:
        p.append("client_order_id is longer than 200 characters")
    return p


@dataclass(slots=True)
class Stats:
    submitted: int = 0
    rejected: int = 0
    reports: int = 0
    illegal: int = 0
    ignored: int = 0
    duplicates: int = 0


class OrderManager:
    def __init__(
        self,
        db: Database,
        risk: RiskChecker,
        *,
        clock: Clock | None = None,
        config: Config | None = None,
        topics: dict[str, str] | None = None,
        outbox: Outbox | None = None,
        market: MarketState | None = None,
        logger: Any = None,
    ) -> None:
        self.db = db
        self.risk = risk
        self.clock = clock or RealClock()
        self.config = config or Config()
        self.topics = topics or {}
        self.market = market or MarketState()
        self.log = logger or get_logger("svc_order_manager")
        self.committer = GroupCommitter(db, outbox)
        self.orders: dict[str, Rec] = {}  # open orders
        self.recent: OrderedDict[str, Rec] = OrderedDict()  # terminal ones, bounded
        self.by_client: dict[tuple[str, str], str] = {}
        self._inflight: dict[tuple[str, str], asyncio.Future[om.Order]] = {}
        self.kill: dict[str, int] = {}
        self.positions: dict[tuple[str, str], float] = {}
        self.stats = Stats()
        # set by the parent engine
        self.on_child: Callable[[Writes, Rec, bool], None] | None = None
        self.on_kill_switch_hook: Callable[[str, int, str], Any] | None = None

    # ------------------------------------------------------------------ lifecycle

    def topic(self, name: str) -> str:
        return self.topics.get(name, name)

    async def start(self) -> None:
        await self.db.ensure_kit_tables()
        await self.load()
        await self.committer.start()

    async def stop(self) -> None:
        await self.committer.stop()

    async def load(self) -> None:
        rows = await store.load_open_orders(self.db)
        recs = [self._rec_from_row(r) for r in rows]
        fids = await store.fill_ids(self.db, [r.order.order_id for r in recs])
        for rec in recs:
            rec.st.fill_ids = fids.get(rec.order.order_id, set())
            self._cache(rec)
        q = select(store.fills.c.account_id, store.fills.c.instrument_id, store.fills.c.side,
                   func.sum(store.fills.c.quantity)).group_by(
            store.fills.c.account_id, store.fills.c.instrument_id, store.fills.c.side)
        for acct, inst, side, qty in await store.fetch(self.db, q):
            k = (acct, inst)
            self.positions[k] = self.positions.get(k, 0.0) + (
                qty if side == common.SIDE_BUY else -qty)
        for acct, state, _ in await store.fetch(self.db, select(store.kill_switches)):
            self.kill[acct] = state
        self.log.info("orders loaded", open_orders=len(recs))

    # ------------------------------------------------------------------ records & cache

    def _rec_from_row(self, row: Any) -> Rec:
        o = om.Order.FromString(row.data)
        extra = json.loads(row.extra or "{}")
        st = OrderState(o.order_id, o.status, o.quantity, o.filled_quantity,
                        extra.get("notional", o.filled_quantity * o.average_fill_price),
                        extra.get("prior", 0), extra.get("expiring", False),
                        extra.get("replace_cancelled", False))
        return Rec(o, st, extra.get("arrival", 0.0), extra.get("replacement_id", ""),
                   extra.get("cancel_reason", ""), extra)

    def _cache(self, rec: Rec) -> None:
        oid = rec.order.order_id
        self.by_client[(rec.order.account_id, rec.order.client_order_id)] = oid
        if rec.st.status in TERMINAL:
            self.orders.pop(oid, None)
            self.recent[oid] = rec
            self.recent.move_to_end(oid)
            while len(self.recent) > self.config.max_cached_terminal:
                old, r = self.recent.popitem(last=False)
                self.by_client.pop((r.order.account_id, r.order.client_order_id), None)
        else:
            self.orders[oid] = rec

    def _evict(self, rec: Rec) -> None:
        oid = rec.order.order_id
        self.orders.pop(oid, None)
        self.recent.pop(oid, None)
        self.by_client.pop((rec.order.account_id, rec.order.client_order_id), None)

    def cached(self, order_id: str) -> Rec | None:
        return self.orders.get(order_id) or self.recent.get(order_id)

    async def get(self, order_id: str) -> Rec | None:
        rec = self.cached(order_id)
        if rec is not None:
            return rec
        row = await store.find_order(self.db, order_id)
        if row is None:
            return None
        rec = self.cached(order_id)  # loaded meanwhile
        if rec is None:
            rec = self._rec_from_row(row)
            if rec.st.status not in TERMINAL:
                rec.st.fill_ids = (await store.fill_ids(self.db, [order_id])).get(order_id, set())
                rec = self.cached(order_id) or rec
            self._cache(rec)
        return rec

    def _cached_client(self, account_id: str, client_order_id: str) -> Rec | None:
        oid = self.by_client.get((account_id, client_order_id))
        return self.cached(oid) if oid is not None else None

    async def by_client_id(self, account_id: str, client_order_id: str) -> Rec | None:
        oid = self.by_client.get((account_id, client_order_id))
        if oid is not None:
            rec = self.cached(oid)
            if rec is not None:
                return rec
        row = await store.find_client_order(self.db, account_id, client_order_id)
        return await self.get(row.order_id) if row is not None else None

    def _row(self, rec: Rec) -> tuple[Any, ...]:
        o = rec.order
        st = rec.st
        # machine state the proto does not carry; only what differs from the defaults
        extra = dict(rec.extra) if rec.extra else {}
        if st.notional:
            extra["notional"] = st.notional
        if st.prior_status:
            extra["prior"] = st.prior_status
        if st.expiring:
            extra["expiring"] = True
        if st.replace_cancelled:
            extra["replace_cancelled"] = True
        if rec.arrival:
            extra["arrival"] = rec.arrival
        if rec.replacement_id:
            extra["replacement_id"] = rec.replacement_id
        if rec.cancel_reason:
            extra["cancel_reason"] = rec.cancel_reason
        if not extra:
            ej = "{}"
        elif len(extra) == 1 and "notional" in extra and math.isfinite(st.notional):
            ej = '{"notional": ' + repr(float(st.notional)) + "}"  # what json.dumps gives
        else:
            ej = json.dumps(extra)
        ca, ua = o.created_at, o.updated_at
        return (  # in the column order of store.orders
            o.order_id, o.account_id, o.client_order_id, o.strategy_id, o.instrument_id.value,
            o.parent_order_id, st.status, st.status not in TERMINAL,
            ca.seconds + ca.nanos / 1e9, ua.seconds + ua.nanos / 1e9,
            _sec(o.expire_at) if o.HasField("expire_at") else None,
            o.SerializeToString(), ej,
        )

    def _sync(self, rec: Rec) -> None:
        o, st = rec.order, rec.st
        o.status = st.status
        o.filled_quantity = st.filled
        o.average_fill_price = st.average_price
        o.leaves_quantity = st.leaves
        o.quantity = st.quantity
        u = o.updated_at
        u.seconds, u.nanos = divmod(int(self.clock.time() * 1e9), 1_000_000_000)

    def _record(self, w: Writes, rec: Rec, src: int, event: Any, reason: str = "") -> None:
        """The order row, one event-log row and the outbox row of `event`."""
        if rec.order.status != rec.st.status or event is None:
            self._sync(rec)
        w.orders[rec.order.order_id] = self._row(rec)
        if event is not None:
            eid = w.publish(self.topic(ORDER_TOPIC), rec.order.account_id, event,
                            self.config.tenant_id)
            w.events.append(store.event_row(eid, rec.order.order_id,
                                            event.DESCRIPTOR.full_name, src, rec.st.status,
                                            reason, self.clock.time()))
        self._cache(rec)

    def _record_ev(self, w: Writes, rec: Rec, src: int, event_type: str, ts: bytes,
                   fill: bytes | None = None, reason: str = "", command: str = "") -> None:
        """`_record` for an event of the shape {account_id = 1, order = 2, [fill = 3],
        event_time} (OrderSubmitted, OrderAccepted, OrderFilled, ...): the order is serialized
        once, for its row and every payload (`wire`), instead of copied into each event.
        `command` adds a venue command of the same shape (SubmitOrderCommand) after it."""
        self._sync(rec)
        o = rec.order
        row = self._row(rec)
        oid = o.order_id
        w.orders[oid] = row
        head = wire.string(1, o.account_id) + wire.ld(2, row[store.ORDER_DATA])
        if fill is None:
            body = head + wire.ld(3, ts)
        else:
            body = head + wire.ld(3, fill) + wire.ld(4, ts)
        topic, tenant = self.topics.get(ORDER_TOPIC, ORDER_TOPIC), self.config.tenant_id
        eid = w.publish_raw(topic, o.account_id, event_type, body, tenant)
        w.events.append(store.event_row(eid, oid, event_type, src, rec.st.status, reason,
                                        self.clock.time()))
        if command:
            w.publish_raw(topic, o.account_id, command, head + wire.ld(3, ts), tenant)
        self._cache(rec)

    def _copy(self, rec: Rec) -> om.Order:
        o = om.Order()
        o.CopyFrom(rec.order)
        return o

    async def _commit(self, w: Writes, *recs: Rec) -> None:
        try:
            await self.committer.commit(w)
        except Exception:
            # memory may be ahead of the database: forget, the next access reloads
            for r in recs:
                self._evict(r)
            raise
        for fn in w.after:
            try:
                fn()
            except Exception as exc:  # pragma: no cover - a hook bug must not undo a commit
                self.log.error("post-commit hook failed", error=repr(exc))

    # ------------------------------------------------------------------ kill switch

    def kill_state(self, account_id: str) -> int:
        a = self.kill.get(account_id, rk.KILL_SWITCH_STATE_ACTIVE)
        g = self.kill.get("", rk.KILL_SWITCH_STATE_ACTIVE)
        return max(a or 1, g or 1)

    def increases_exposure(self, account_id: str, inst: str, side: int, qty: float,
                           exclude: str = "") -> bool:
        pos = self.positions.get((account_id, inst), 0.0)
        sign = 1 if side == common.SIDE_BUY else -1
        if pos * sign >= 0:
            return True
        working = sum(r.st.leaves for r in self.orders.values()
                      if r.order.account_id == account_id and r.order.instrument_id.value == inst
                      and r.order.side == side and r.order.order_id != exclude)
        return working + qty > abs(pos) + 1e-9

    # ------------------------------------------------------------------ submit

    def _expire_at(self, req_expire: Timestamp | None, tif: int, now: datetime) -> Timestamp | None:
        if req_expire is not None:
            return req_expire
        if tif == common.TIME_IN_FORCE_DAY:
            close = datetime.combine(now.date(), self.config.session_close, tzinfo=UTC)
            if close <= now:
                close += timedelta(days=1)
            return _ts(close)
        return None

    async def submit(self, req: om.SubmitOrderRequest, *, order_id: str = "",
                     parent_order_id: str = "",
                     extra_writes: Callable[[Writes, Rec], None] | None = None) -> om.Order:
        """Submit one order; idempotent by (account, client order id): a duplicate returns
        the existing order unchanged."""
        problems = validate_submit(req)
        if problems:
            raise InvalidArgument("; ".join(problems))
        coid = req.client_order_id or order_id or new_id()
        key = (req.account_id, coid)
        # Known (cached) client ids answer at once. Otherwise no lookup: the database's unique
        # (account, client order id) constraint refuses a duplicate at commit, and the order
        # that holds the id is returned then. Children (deterministic order ids) are looked
        # up, since their row would otherwise be overwritten by its primary key.
        existing = (await self.by_client_id(*key) if order_id else
                    self._cached_client(*key))
        if existing is not None:
            self.stats.duplicates += 1
            return self._copy(existing)
        fut = self._inflight.get(key)
        if fut is not None:
            self.stats.duplicates += 1
            return await asyncio.shield(fut)
        fut = asyncio.get_running_loop().create_future()
        self._inflight[key] = fut
        try:
            try:
                order = await self._submit_new(req, coid, order_id, parent_order_id,
                                               extra_writes)
            except CommitError as exc:
                if not exc.integrity:
                    raise
                dup = await self.by_client_id(*key)
                if dup is None:
                    raise
                self.stats.duplicates += 1
                order = self._copy(dup)
            fut.set_result(order)
            return order
        except BaseException as exc:
            fut.set_exception(exc if isinstance(exc, Exception) else RuntimeError("cancelled"))
            fut.exception()  # retrieved: no warning when nobody else waits
            raise
        finally:
            self._inflight.pop(key, None)

    def _local_refusal(self, o: om.Order) -> str:
        c = self.config
        if c.known_accounts is not None and o.account_id not in c.known_accounts:
            return f"unknown account {o.account_id}"
        if c.known_instruments is not None and o.instrument_id.value not in c.known_instruments:
            return f"unknown instrument {o.instrument_id.value}"
        return ""

    def _kill_refusal(self, o: om.Order) -> str:
        ks = self.kill_state(o.account_id)
        if ks == rk.KILL_SWITCH_STATE_HALTED:
            return "kill switch HALTED: no new orders"
        if ks == rk.KILL_SWITCH_STATE_REDUCING and self.increases_exposure(
            o.account_id, o.instrument_id.value, o.side, o.quantity, exclude=o.order_id
        ):
            return "kill switch REDUCING: order would increase exposure"
        return ""

    async def _submit_new(self, req: om.SubmitOrderRequest, coid: str, order_id: str,
                          parent_order_id: str,
                          extra_writes: Callable[[Writes, Rec], None] | None) -> om.Order:
        now = self.clock.now()
        t = self.clock.time()
        secs, nanos = divmod(int(t * 1e9), _NS)
        nts = Timestamp(seconds=secs, nanos=nanos)
        tif = req.time_in_force or common.TIME_IN_FORCE_DAY
        # field by field: cheaper than the keyword constructor with nested messages
        o = om.Order()
        o.order_id = order_id or new_id()
        o.client_order_id = coid
        o.account_id = req.account_id
        o.strategy_id = req.strategy_id
        o.instrument_id.value = req.instrument_id.value
        o.side = req.side
        o.order_type = req.order_type
        o.time_in_force = tif
        o.quantity = req.quantity
        o.limit_price = req.limit_price
        o.stop_price = req.stop_price
        o.status = S.NEW
        o.leaves_quantity = req.quantity
        o.parent_order_id = parent_order_id
        o.algorithm = om.EXECUTION_ALGORITHM_NONE
        o.venue = req.venue
        o.fees.value = "0"
        c = o.created_at
        c.seconds, c.nanos = secs, nanos
        c = o.updated_at
        c.seconds, c.nanos = secs, nanos
        if req.tags:
            o.tags.update(req.tags)
        exp = self._expire_at(req.expire_at if req.HasField("expire_at") else None, tif, now)
        if exp is not None:
            o.expire_at.CopyFrom(exp)
        inst = o.instrument_id.value
        rec = Rec(o, OrderState(o.order_id, S.NEW, o.quantity), arrival=self.market.mid(inst))
        self.stats.submitted += 1
        by, reason = "validation", self._local_refusal(o)
        if not reason:
            by, reason = "risk", self._kill_refusal(o)
        if not reason:
            ref = self.market.mid(inst) or o.limit_price or o.stop_price
            verdict = await self.risk.check(o, ref)
            if not verdict.approved:
                reason = verdict.reason
        w = Writes()
        if reason:
            self.stats.rejected += 1
            rec.st.move(S.REJECTED)
            o.reject_reason = reason
            self._record(w, rec, S.NEW, ome.OrderRejected(
                account_id=o.account_id, order=self._synced(rec), rejected_by=by, reason=reason,
                event_time=nts), reason)
        else:
            rec.st.move(S.PENDING)
            # OrderSubmitted and the SubmitOrderCommand, both carrying the order as it is now
            self._record_ev(w, rec, S.NEW, _SUBMITTED, wire.timestamp(secs, nanos),
                            command=_SUBMIT_CMD)
        if extra_writes is not None:
            extra_writes(w, rec)
        await self._commit(w, rec)
        if reason:
            self.log.info("order rejected", order_id=o.order_id, rejected_by=by, reason=reason)
        return self._copy(rec)

    def _synced(self, rec: Rec) -> om.Order:
        """The synced order itself, for an event constructor (which copies it)."""
        self._sync(rec)
        return rec.order

    # ------------------------------------------------------------------ cancel / replace

    async def _resolve(self, account_id: str, order_id: str, client_order_id: str) -> Rec:
        if not order_id and not client_order_id:
            raise InvalidArgument("order_id or client_order_id is required")
        if order_id:
            rec = await self.get(order_id)
        else:
            if not account_id:
                raise InvalidArgument("account_id is required with client_order_id")
            rec = await self.by_client_id(account_id, client_order_id)
        if rec is None or (account_id and rec.order.account_id != account_id):
            raise NotFound(f"no order {order_id or client_order_id}")
        return rec

    def _cancel_writes(self, w: Writes, rec: Rec, reason: str, expiring: bool = False) -> None:
        o = rec.order
        st = rec.st
        now = _ts(self.clock.now())
        if st.status == S.NEW:
            src = st.move(S.EXPIRED if expiring else S.CANCELLED)
            o.reject_reason = reason
            ev = (ome.OrderExpired(account_id=o.account_id, order=self._synced(rec), event_time=now)
                  if expiring else ome.OrderCancelled(account_id=o.account_id,
                                                      order=self._synced(rec), reason=reason,
                                                      event_time=now))
            self._record(w, rec, src, ev, reason)
            return
        src = st.move(S.PENDING_CANCEL)
        st.expiring = expiring
        rec.cancel_reason = reason
        self._record(w, rec, src, None, reason)
        w.events.append(store.event_row(new_id(), o.order_id, "cancel requested", src,
                                        st.status, reason, self.clock.time()))
        w.publish(self.topic(ORDER_TOPIC), o.account_id, ome.CancelOrderCommand(
            account_id=o.account_id, order_id=o.order_id, client_order_id=o.client_order_id,
            venue=o.venue, venue_order_id=o.venue_order_id, reason=reason, event_time=now),
            self.config.tenant_id)

    async def cancel(self, account_id: str = "", order_id: str = "", client_order_id: str = "",
                     reason: str = "", *, expiring: bool = False) -> om.Order:
        rec = await self._resolve(account_id, order_id, client_order_id)
        st = rec.st.status
        if st in TERMINAL:
            return self._copy(rec)
        if st == S.PENDING_CANCEL:
            return self._copy(rec)
        if st == S.PENDING_REPLACE:
            raise FailedPrecondition(f"order {rec.order.order_id} has a replace pending")
        w = Writes()
        self._cancel_writes(w, rec, reason or "cancel requested", expiring)
        await self._commit(w, rec)
        return self._copy(rec)

    async def replace(self, req: om.ReplaceOrderRequest) -> tuple[om.Order, om.Order]:
        for n in ("quantity", "limit_price", "stop_price"):
            v = getattr(req, n)
            if not _finite(v) or v < 0:
                raise InvalidArgument(f"{n} must be a finite non-negative number")
        if not req.order_id:
            raise InvalidArgument("order_id is required")
        rec = await self._resolve(req.account_id, req.order_id, "")
        o = rec.order
        new_coid = req.new_client_order_id or f"{o.client_order_id}~{new_id()[-8:]}"
        dup = await self.by_client_id(o.account_id, new_coid)
        if dup is not None:
            if dup.order.replaces_order_id != o.order_id:
                raise InvalidArgument(f"client order id {new_coid} is already used")
            return self._copy(rec), self._copy(dup)
        if rec.st.status not in (S.ACCEPTED, S.PARTIALLY_FILLED):
            raise FailedPrecondition(
                f"order {o.order_id} is {status_name(rec.st.status)}; only ACCEPTED or "
                "PARTIALLY_FILLED orders can be replaced")
        total = req.quantity or o.quantity
        if total <= rec.st.filled + 1e-9:
            raise InvalidArgument(
                f"new quantity {total:g} must exceed the filled quantity {rec.st.filled:g}")
        now = self.clock.now()
        nts = _ts(now)
        r = om.Order()
        r.CopyFrom(o)
        r.order_id = new_id()
        r.client_order_id = new_coid
        r.quantity = total - rec.st.filled
        r.limit_price = req.limit_price or o.limit_price
        r.stop_price = req.stop_price or o.stop_price
        r.time_in_force = req.time_in_force or o.time_in_force
        r.status = S.NEW
        r.filled_quantity = r.average_fill_price = 0.0
        r.leaves_quantity = r.quantity
        r.reject_reason = ""
        r.venue_order_id = ""
        r.fees.value = "0"
        r.replaces_order_id = o.order_id
        r.replaced_by_order_id = ""
        r.created_at.CopyFrom(nts)
        r.updated_at.CopyFrom(nts)
        if r.order_type in (common.ORDER_TYPE_LIMIT, common.ORDER_TYPE_STOP_LIMIT) and \
                r.limit_price <= 0:
            raise InvalidArgument("limit orders need a positive limit_price")
        rep = Rec(r, OrderState(r.order_id, S.NEW, r.quantity),
                  arrival=self.market.mid(r.instrument_id.value))
        reason = self._kill_refusal(r)
        if not reason:
            verdict = await self.risk.check(r, self.market.mid(r.instrument_id.value)
                                            or r.limit_price)
            reason = "" if verdict.approved else verdict.reason
        w = Writes()
        if reason or rec.st.status not in (S.ACCEPTED, S.PARTIALLY_FILLED):
            reason = reason or f"order is {status_name(rec.st.status)}"
            rep.st.move(S.REJECTED)
            r.reject_reason = reason
            self._record(w, rep, S.NEW, ome.OrderRejected(
                account_id=r.account_id, order=self._synced(rep), rejected_by="risk",
                reason=reason, event_time=nts), reason)
            await self._commit(w, rep)
            return self._copy(rec), self._copy(rep)
        src = rec.st.move(S.PENDING_REPLACE)
        rec.replacement_id = r.order_id
        self._record(w, rec, src, None)
        w.events.append(store.event_row(new_id(), o.order_id, "replace requested", src,
                                        S.PENDING_REPLACE, r.order_id, self.clock.time()))
        rep.st.move(S.PENDING)
        self._record(w, rep, S.NEW, ome.OrderSubmitted(
            account_id=r.account_id, order=self._synced(rep), event_time=nts))
        cmd = self._copy(rep)
        cmd.quantity = total  # broker-gateway takes the new total and subtracts what filled
        w.publish(self.topic(ORDER_TOPIC), o.account_id, ome.ReplaceOrderCommand(
            account_id=o.account_id, order_id=o.order_id, venue=o.venue,
            venue_order_id=o.venue_order_id, replacement=cmd, event_time=nts),
            self.config.tenant_id)
        await self._commit(w, rec, rep)
        return self._copy(rec), self._copy(rep)

    # ------------------------------------------------------------------ venue reports

    async def on_report(self, er: ome.ExecutionReport) -> None:
        self.stats.reports += 1
        rec = await self.get(er.order_id) if er.order_id else None
        if rec is None and er.client_order_id and er.account_id:
            rec = await self.by_client_id(er.account_id, er.client_order_id)
        if rec is None:
            self.stats.ignored += 1
            self.log.warning("execution report for an unknown order", order_id=er.order_id,
                             exec_type=ome.ExecType.Name(er.exec_type))
            return
        w = Writes()
        touched = [rec]
        self._apply(w, rec, er, touched)
        if w:
            await self._commit(w, *touched)

    def _apply(self, w: Writes, rec: Rec, er: ome.ExecutionReport, touched: list[Rec]) -> None:
        o, st = rec.order, rec.st
        before = st.status
        try:
            out = apply_report(st, er)
        except IllegalTransition as exc:
            self.stats.illegal += 1
            self.log.warning("illegal transition refused", order_id=o.order_id,
                             error=str(exc), exec_type=ome.ExecType.Name(er.exec_type))
            return
        if er.venue and not o.venue:
            o.venue = er.venue
        if er.venue_order_id and o.venue_order_id != er.venue_order_id:
            o.venue_order_id = er.venue_order_id
        now = er.event_time if er.HasField("event_time") else _fts(self.clock.time())
        if out.ignored and not out.replaced:
            if er.exec_type == ome.EXEC_TYPE_CANCELLED and st.replace_cancelled:
                self._record(w, rec, before, None)  # remember the cancelled leg
            else:
                self.stats.ignored += 1
            return
        if out.fill is not None:
            fid, q, px = out.fill
            fee = _dec(er.fee.value)
            o.fees.value = str(_dec(o.fees.value) + fee)
            fill = om.Fill()  # field by field: cheaper than the keyword constructor
            fill.fill_id = fid
            fill.order_id = o.order_id
            fill.client_order_id = o.client_order_id
            fill.venue_order_id = er.venue_order_id or o.venue_order_id
            fill.venue = er.venue or o.venue
            fill.account_id = o.account_id
            fill.strategy_id = o.strategy_id
            inst = o.instrument_id.value
            fill.instrument_id.value = inst
            fill.side = o.side
            fill.quantity = q
            fill.price = px
            fill.fee.value = str(fee)
            fill.fee_currency = er.fee_currency
            fill.liquidity = er.liquidity
            fill.executed_at.CopyFrom(now)
            fill.parent_order_id = o.parent_order_id
            fill_bytes = fill.SerializeToString()
            ts = now.SerializeToString()
            k = (o.account_id, inst)
            self.positions[k] = self.positions.get(k, 0.0) + (
                q if o.side == common.SIDE_BUY else -q)
            w.fills.append((  # in the column order of store.fills
                fid, o.order_id, o.parent_order_id, o.account_id, o.strategy_id, inst, o.side,
                q, px, now.seconds + now.nanos / 1e9, fill_bytes))
            # OrderFilled / OrderPartiallyFilled, then FillBooked
            self._record_ev(w, rec, before,
                            _FILLED if st.status == S.FILLED else _PARTIALLY_FILLED, ts,
                            fill=fill_bytes)
            w.publish_raw(self.topic(ORDER_TOPIC), o.account_id, _FILL_BOOKED,
                          wire.string(1, o.account_id) + wire.ld(2, fill_bytes)
                          + wire.ld(3, ts), self.config.tenant_id)
            if st.status == S.FILLED and rec.replacement_id:
                self._reject_replacement(w, rec, "original order filled before the replace",
                                         touched)
        elif out.replaced:
            self._replaced(w, rec, er, now, touched)
        else:
            dst = st.status
            reason = er.reason
            if before in (S.PENDING_CANCEL, S.PENDING_REPLACE) and dst in (
                S.ACCEPTED, S.PARTIALLY_FILLED
            ):  # a refused cancel/replace: back where it was, nothing to publish
                ev: Any = None
                st.expiring = False
                rec.cancel_reason = ""
                if before == S.PENDING_REPLACE and rec.replacement_id:
                    self._reject_replacement(w, rec, f"replace refused: {reason}", touched)
            elif dst == S.ACCEPTED:
                ev = _ACCEPTED  # composed by _record_ev below
            elif dst == S.REJECTED:
                o.reject_reason = reason or "rejected by the venue"
                ev = ome.OrderRejected(account_id=o.account_id, order=self._synced(rec),
                                       rejected_by="venue", reason=o.reject_reason,
                                       event_time=now)
            elif dst == S.CANCELLED:
                o.reject_reason = rec.cancel_reason or reason or "cancelled"
                ev = ome.OrderCancelled(account_id=o.account_id, order=self._synced(rec),
                                        reason=o.reject_reason, event_time=now)
            elif dst == S.EXPIRED:
                o.reject_reason = rec.cancel_reason or reason or "expired"
                ev = ome.OrderExpired(account_id=o.account_id, order=self._synced(rec),
                                      event_time=now)
            else:
                ev = None
            if ev is _ACCEPTED:
                self._record_ev(w, rec, before, _ACCEPTED, now.SerializeToString(),
                                reason=reason)
            else:
                self._record(w, rec, before, ev, reason)
            if dst == S.CANCELLED and before == S.PENDING_REPLACE and rec.replacement_id:
                self._reject_replacement(w, rec, f"replace refused: {reason}", touched)
        # a refused replacement whose original leg was already cancelled: the original ends
        if st.status == S.REJECTED and o.replaces_order_id:
            orig = self.cached(o.replaces_order_id)
            if orig is not None and orig.st.status == S.PENDING_REPLACE:
                src = orig.st.move(S.CANCELLED if orig.st.replace_cancelled else (
                    orig.st.prior_status or S.ACCEPTED))
                orig.replacement_id = ""
                ev2 = (ome.OrderCancelled(account_id=orig.order.account_id,
                                          order=self._synced(orig),
                                          reason=f"replacement rejected: {o.reject_reason}",
                                          event_time=now)
                       if orig.st.status == S.CANCELLED else None)
                self._record(w, orig, src, ev2, o.reject_reason)
                touched.append(orig)
        if o.parent_order_id and self.on_child is not None:
            self.on_child(w, rec, out.fill is not None)

    def _reject_replacement(self, w: Writes, orig: Rec, reason: str, touched: list[Rec]) -> None:
        rep = self.cached(orig.replacement_id)
        orig.replacement_id = ""
        if rep is None or rep.st.status in TERMINAL:
            return
        src = rep.st.move(S.REJECTED)
        rep.order.reject_reason = reason
        self._record(w, rep, src, ome.OrderRejected(
            account_id=rep.order.account_id, order=self._synced(rep), rejected_by="venue",
            reason=reason, event_time=_ts(self.clock.now())), reason)
        touched.append(rep)

    def _replaced(self, w: Writes, rep: Rec, er: ome.ExecutionReport, now: Timestamp,
                  touched: list[Rec]) -> None:
        o = rep.order
        if er.cumulative_quantity + er.leaves_quantity > 0 and rep.st.status not in TERMINAL:
            rep.st.quantity = er.cumulative_quantity + er.leaves_quantity
        orig = self.cached(er.original_order_id or o.replaces_order_id)
        if orig is not None and orig.st.status not in TERMINAL:
            src = orig.st.move(S.REPLACED)
            orig.order.replaced_by_order_id = o.order_id
            orig.replacement_id = ""
            self._record(w, orig, src, ome.OrderReplaced(
                account_id=o.account_id, original=self._synced(orig), replacement=self._synced(rep),
                event_time=now))
            touched.append(orig)
        self._record(w, rep, rep.st.status, None)

    # ------------------------------------------------------------------ kill switch, expiry

    async def on_kill_switch(self, account_id: str, state: int, reason: str,
                             cancel_open: bool) -> list[str]:
        prev = self.kill_state(account_id)
        self.kill[account_id] = state
        w = Writes()
        w.kill[account_id] = (account_id, state, self.clock.time())  # store.kill_switches
        await self._commit(w)
        self.log.warning("kill switch changed", account_id=account_id or "*",
                         state=rk.KillSwitchState.Name(state), previous=prev, reason=reason)
        cancelled: list[str] = []
        if state == rk.KILL_SWITCH_STATE_HALTED or cancel_open:
            cancelled = await self.cancel_all(
                account_id, reason=f"kill switch {rk.KillSwitchState.Name(state)[18:]}: "
                f"{reason or 'no reason given'}")
        if self.on_kill_switch_hook is not None:
            await self.on_kill_switch_hook(account_id, state, reason)
        return cancelled

    async def cancel_all(self, account_id: str = "", strategy_id: str = "",
                         instrument_id: str = "", reason: str = "cancel all") -> list[str]:
        """Cancel every open order of the account ("" = every account), optionally narrowed."""
        w = Writes()
        recs = []
        for rec in list(self.orders.values()):
            o = rec.order
            if account_id and o.account_id != account_id:
                continue
            if strategy_id and o.strategy_id != strategy_id:
                continue
            if instrument_id and o.instrument_id.value != instrument_id:
                continue
            if rec.st.status in (S.PENDING_CANCEL, S.PENDING_REPLACE) or rec.st.status in TERMINAL:
                continue
            self._cancel_writes(w, rec, reason)
            recs.append(rec)
        if w:
            await self._commit(w, *recs)
        return [r.order.order_id for r in recs]

    async def expire_due(self) -> int:
        """Cancel at the venue (as expiry) open orders whose expire_at has passed."""
        now = self.clock.time()
        due = [r for r in self.orders.values() if r.order.HasField("expire_at")
               and _sec(r.order.expire_at) <= now and r.st.status in OPEN | {S.NEW}
               and r.st.status not in (S.PENDING_CANCEL, S.PENDING_REPLACE)]
        if not due:
            return 0
        w = Writes()
        for rec in due:
            tif = rec.order.time_in_force
            self._cancel_writes(w, rec, "expired: session close" if tif == common.TIME_IN_FORCE_DAY
                                else "expired: expire_at reached", expiring=True)
        await self._commit(w, *due)
        return len(due)

    # ------------------------------------------------------------------ queries

    async def list_orders(self, req: om.ListOrdersRequest) -> tuple[list[om.Order], str, int]:
        t = store.orders
        q = select(t.c.data)
        conds = []
        if req.account_id:
            conds.append(t.c.account_id == req.account_id)
        if req.strategy_id:
            conds.append(t.c.strategy_id == req.strategy_id)
        if req.instrument_id.value:
            conds.append(t.c.instrument_id == req.instrument_id.value)
        if req.statuses:
            conds.append(t.c.status.in_(list(req.statuses)))
        if req.open_only:
            conds.append(t.c.is_open.is_(True))
        if req.parent_order_id:
            conds.append(t.c.parent_order_id == req.parent_order_id)
        if req.created.HasField("start"):
            conds.append(t.c.created_at >= _sec(req.created.start))
        if req.created.HasField("end"):
            conds.append(t.c.created_at < _sec(req.created.end))
        size, offset = _page(req.page)
        count = select(func.count()).select_from(t).where(*conds)
        total = (await store.fetch(self.db, count))[0][0]
        rows = await store.fetch(self.db, q.where(*conds).order_by(t.c.created_at, t.c.order_id)
                                 .offset(offset).limit(size))
        out = [om.Order.FromString(r.data) for r in rows]
        nxt = str(offset + size) if offset + size < total else ""
        return out, nxt, int(total)

    async def list_fills(self, req: om.ListFillsRequest) -> tuple[list[om.Fill], str, int]:
        t = store.fills
        conds = []
        if req.account_id:
            conds.append(t.c.account_id == req.account_id)
        if req.order_id:
            conds.append((t.c.order_id == req.order_id) | (t.c.parent_order_id == req.order_id))
        if req.strategy_id:
            conds.append(t.c.strategy_id == req.strategy_id)
        if req.instrument_id.value:
            conds.append(t.c.instrument_id == req.instrument_id.value)
        if req.executed.HasField("start"):
            conds.append(t.c.executed_at >= _sec(req.executed.start))
        if req.executed.HasField("end"):
            conds.append(t.c.executed_at < _sec(req.executed.end))
        size, offset = _page(req.page)
        count = select(func.count()).select_from(t).where(*conds)
        total = (await store.fetch(self.db, count))[0][0]
        rows = await store.fetch(self.db, select(t.c.data).where(*conds)
                                 .order_by(t.c.executed_at, t.c.fill_id).offset(offset).limit(size))
        nxt = str(offset + size) if offset + size < total else ""
        return [om.Fill.FromString(r.data) for r in rows], nxt, int(total)

    async def fills_of(self, order_id: str = "", parent_order_id: str = "") -> list[om.Fill]:
        t = store.fills
        cond = t.c.parent_order_id == parent_order_id if parent_order_id else (
            t.c.order_id == order_id)
        rows = await store.fetch(self.db, select(t.c.data).where(cond).order_by(t.c.executed_at))
        return [om.Fill.FromString(r.data) for r in rows]


def _page(p: Any) -> tuple[int, int]:
    size = p.page_size if p.page_size > 0 else 100
    size = min(size, 1000)
    try:
        offset = int(p.page_token) if p.page_token else 0
    except ValueError:
        raise InvalidArgument("page_token is not valid") from None
    return size, max(0, offset)
