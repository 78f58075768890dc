"""Parent (algorithmic) orders: TWAP, VWAP, Implementation Shortfall (Almgren-Chriss) and POV,
worked as child orders on the service clock.

Restart safety: slice i of parent P is the child with client order id ``P:i`` and a
deterministic order id (`child_ids`). The child's row and the parent's progress
(``next`` = i + 1) are written in ONE transaction, so after a crash either both exist (the
restarted runner goes on at i + 1) or neither does (it redoes slice i with the same ids).
Submission is idempotent by client order id besides, so a slice can never be doubled.

Child sizing: slice i brings the parent to the schedule's cumulative target
``sum(q_0..q_i)``: it sends ``target - filled - working`` (bounded by what is left and by
max_child_quantity; below min_child_quantity it waits for the next slice unless it finishes
the parent). A child that was rejected or cancelled therefore rolls its quantity into the
next slice, and nothing is ever sent beyond the parent quantity.

Child price: `child_order_type` MARKET sends market IOC orders (LIMIT at `limit_price` when
one is set, so no child trades beyond it); unset or LIMIT sends a marketable limit at the far
touch (buy at the ask, sell at the bid) capped by `limit_price`; with no quote yet it falls
back to `limit_price`, else market IOC.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core.errors import InvalidArgument, NotFound
from omni_core.ids import new_id
from omni_quant import execution as ex
from sqlalchemy import select

from . import store
from .core import ORDER_TOPIC, OrderManager, Rec, _sec, _ts, child_ids
from .state import TERMINAL
from .store import Writes

P = om  # parent statuses live in the service proto
WORKING, PAUSED = om.PARENT_ORDER_STATUS_WORKING, om.PARENT_ORDER_STATUS_PAUSED
COMPLETED, CANCELLED, FAILED = (om.PARENT_ORDER_STATUS_COMPLETED,
                                om.PARENT_ORDER_STATUS_CANCELLED,
                                om.PARENT_ORDER_STATUS_FAILED)
ACTIVE = (WORKING, PAUSED)
ALGOS = {
    om.EXECUTION_ALGORITHM_TWAP: "twap",
    om.EXECUTION_ALGORITHM_VWAP: "vwap",
    om.EXECUTION_ALGORITHM_IMPLEMENTATION_SHORTFALL: "is",
    om.EXECUTION_ALGORITHM_POV: "pov",
}

__all__ = ["AlgoDefaults", "ParentEngine", "ParentRec"]


@dataclass(slots=True)
class AlgoDefaults:
    slices: int = 10
    pov_check_interval: float = 5.0
    pov_max_duration: float = 6.5 * 3600
    daily_volatility: float = 0.02
    temporary_impact_bps: float = 10.0
    trading_day_seconds: float = 23_400.0
    vwap_lookback_days: int = 20
    vwap_bar_timeframe: str = "5m"
    # lot size per instrument (child quantities are whole lots)
    lots: dict[str, float] = field(default_factory=dict)
    # how long to wait for open children to end before finishing at the window end
    end_grace: float = 10.0


@dataclass(slots=True)
class ParentRec:
    p: om.ParentOrder
    s: dict[str, Any]
    task: asyncio.Task[None] | None = None
    changed: asyncio.Event = field(default_factory=asyncio.Event)


def _dt(x: float) -> datetime:
    return datetime.fromtimestamp(x, UTC)


def _fts(x: float) -> Timestamp:
    t = Timestamp()
    t.FromNanoseconds(int(x * 1e9))
    return t


def validate_parent(req: om.SubmitParentOrderRequest, now: float) -> list[str]:
    p = []
    if not req.account_id.strip():
        p.append("account_id is required")
    if not req.instrument_id.value.strip():
        p.append("instrument_id is required")
    if req.side not in (common.SIDE_BUY, common.SIDE_SELL):
        p.append("side must be BUY or SELL")
    if not (math.isfinite(req.quantity) and req.quantity > 0):
        p.append("quantity must be a positive finite number")
    if req.algorithm not in ALGOS:
        p.append("algorithm must be TWAP, VWAP, IMPLEMENTATION_SHORTFALL or POV")
    a = req.algorithm_params
    for n in ("participation_rate", "risk_aversion", "limit_price", "min_child_quantity",
              "max_child_quantity", "randomization", "volatility", "temporary_impact_bps",
              "check_interval_seconds"):
        v = getattr(a, n)
        if not math.isfinite(v) or v < 0:
            p.append(f"algorithm_params.{n} must be a finite non-negative number")
    if a.slices < 0 or a.slices > 10_000:
        p.append("algorithm_params.slices must be between 0 and 10000")
    if a.randomization > 1:
        p.append("algorithm_params.randomization must be in [0, 1]")
    if req.algorithm == om.EXECUTION_ALGORITHM_POV and not (0 < a.participation_rate <= 1):
        p.append("POV needs 0 < participation_rate <= 1")
    start = _sec(a.start_time) if a.HasField("start_time") else now
    if req.algorithm != om.EXECUTION_ALGORITHM_POV or a.HasField("end_time"):
        if not a.HasField("end_time"):
            p.append("algorithm_params.end_time is required")
        elif _sec(a.end_time) <= max(start, now):
            p.append("algorithm_params.end_time must be after the start and in the future")
    if a.max_child_quantity and a.min_child_quantity > a.max_child_quantity:
        p.append("min_child_quantity exceeds max_child_quantity")
    return p


class ParentEngine:
    def __init__(self, mgr: OrderManager, *, history: Any = None,
                 defaults: AlgoDefaults | None = None) -> None:
        self.mgr = mgr
        self.history = history
        self.d = defaults or AlgoDefaults()
        self.parents: dict[str, ParentRec] = {}
        self.clock = mgr.clock
        self.log = mgr.log
        mgr.on_child = self._on_child
        mgr.on_kill_switch_hook = self._on_kill
        mgr.market.on_trade_listener(self._on_trade)
        self._stopping = False

    # ------------------------------------------------------------------ persistence

    def _row(self, pr: ParentRec) -> tuple[Any, ...]:
        p = pr.p
        return (  # in the column order of store.parents
            p.parent_order_id, p.account_id, p.client_order_id, p.status, _sec(p.created_at),
            self.clock.time(), p.SerializeToString(), json.dumps(pr.s),
        )

    def _refresh(self, pr: ParentRec) -> None:
        p, s = pr.p, pr.s
        ch = s["children"]
        filled = sum(c[0] for c in ch.values())
        notional = sum(c[1] for c in ch.values())
        p.filled_quantity = filled
        p.average_fill_price = notional / filled if filled > 0 else 0.0
        p.working_quantity = sum(c[3] for c in ch.values() if c[2])
        p.child_orders_total = len(ch)
        p.child_orders_open = sum(1 for c in ch.values() if c[2])
        del p.child_order_ids[:]
        p.child_order_ids.extend(ch.keys())
        p.slices_sent = s["next"]
        p.slices_planned = len(s["schedule"])
        p.updated_at.CopyFrom(_ts(self.clock.now()))

    def _write(self, w: Writes, pr: ParentRec, note: str = "") -> None:
        self._refresh(pr)
        w.parents[pr.p.parent_order_id] = self._row(pr)
        if note:
            p = ParentRec_copy(pr.p)
            w.publish(self.mgr.topic(ORDER_TOPIC), p.account_id, ome.ParentOrderProgress(
                account_id=p.account_id, parent_order=p,
                progress=p.filled_quantity / p.quantity if p.quantity else 0.0,
                scheduled_progress=self.scheduled_progress(pr), event_time=_ts(self.clock.now()),
                note=note), self.mgr.config.tenant_id)

    def scheduled_progress(self, pr: ParentRec) -> float:
        s = pr.s
        now = self.clock.time()
        if s["algo"] == "pov":
            return min(1.0, s["rate"] * s["mkt"][1] / pr.p.quantity) if pr.p.quantity else 0.0
        done = sum(q for _, off, q in s["schedule"] if s["start"] + off <= now)
        return min(1.0, done / pr.p.quantity) if pr.p.quantity else 0.0

    async def _commit(self, w: Writes) -> None:
        await self.mgr._commit(w)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        t = store.parents
        rows = await store.fetch(self.mgr.db, select(t).where(t.c.status.in_(list(ACTIVE))))
        for r in rows:
            pr = ParentRec(om.ParentOrder.FromString(r.data), json.loads(r.state))
            # children as the database has them (fills may have landed after the last write)
            o = store.orders
            for row in await store.fetch(self.mgr.db, select(o.c.data).where(
                    o.c.parent_order_id == pr.p.parent_order_id)):
                child = om.Order.FromString(row.data)
                pr.s["children"][child.order_id] = [
                    child.filled_quantity, child.filled_quantity * child.average_fill_price,
                    child.status not in TERMINAL, child.leaves_quantity]
            self.parents[pr.p.parent_order_id] = pr
            self._spawn(pr)
            self.log.info("parent order resumed", parent_order_id=pr.p.parent_order_id,
                          next_slice=pr.s["next"], slices=len(pr.s["schedule"]))

    async def stop(self) -> None:
        self._stopping = True
        tasks = [pr.task for pr in self.parents.values() if pr.task is not None]
        for t in tasks:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t

    def _spawn(self, pr: ParentRec) -> None:
        if pr.task is None or pr.task.done():
            pr.task = asyncio.get_running_loop().create_task(
                self._run(pr), name=f"parent-{pr.p.parent_order_id}")

    # ------------------------------------------------------------------ submit

    async def submit(self, req: om.SubmitParentOrderRequest) -> om.ParentOrder:
        now = self.clock.time()
        problems = validate_parent(req, now)
        if problems:
            raise InvalidArgument("; ".join(problems))
        coid = req.client_order_id or new_id()
        t = store.parents
        rows = await store.fetch(self.mgr.db, select(t.c.parent_order_id).where(
            t.c.account_id == req.account_id, t.c.client_order_id == coid))
        if rows:
            return (await self.get(rows[0][0]))[0]
        for pr in self.parents.values():
            if pr.p.account_id == req.account_id and pr.p.client_order_id == coid:
                return ParentRec_copy(pr.p)
        a = req.algorithm_params
        start = max(now, _sec(a.start_time)) if a.HasField("start_time") else now
        end = _sec(a.end_time) if a.HasField("end_time") else start + self.d.pov_max_duration
        inst = req.instrument_id.value
        arrival = self.mgr.market.mid(inst)
        pid = new_id()
        p = om.ParentOrder(
            parent_order_id=pid, client_order_id=coid, account_id=req.account_id,
            strategy_id=req.strategy_id, instrument_id=req.instrument_id, side=req.side,
            quantity=req.quantity, algorithm=req.algorithm, algorithm_params=a, status=WORKING,
            arrival_price=arrival, created_at=_ts(self.clock.now()),
            updated_at=_ts(self.clock.now()))
        algo = ALGOS[req.algorithm]
        lot = self.d.lots.get(inst, 0.0)
        notes: list[str] = []
        if not arrival:
            notes.append("no quote at arrival: arrival price unknown until the first print")
        schedule: list[list[float]] = []
        if algo != "pov":
            sl = await self._schedule(algo, req, start, end, lot, pid, notes)
            schedule = [[s.index, s.offset, s.quantity] for s in sl]
        p.schedule_note = "; ".join(notes)
        pr = ParentRec(p, {
            "algo": algo, "start": start, "end": end, "next": 0, "schedule": schedule,
            "lot": lot, "rate": a.participation_rate, "children": {},
            # market over the interval: [sum p*v, sum v, sum p, n]
            "mkt": [0.0, 0.0, 0.0, 0], "window_done": False, "paused_by_kill": False,
            "tags": dict(req.tags),
        })
        ks = self.mgr.kill_state(req.account_id)
        w = Writes()
        if ks == rk.KILL_SWITCH_STATE_HALTED:
            p.status, p.reason = FAILED, "kill switch HALTED: no new orders"
        elif ks == rk.KILL_SWITCH_STATE_REDUCING and self.mgr.increases_exposure(
                req.account_id, inst, req.side, req.quantity):
            p.status, p.reason = FAILED, "kill switch REDUCING: order would increase exposure"
        self.parents[pid] = pr
        self._write(w, pr, note=(f"rejected: {p.reason}" if p.status == FAILED else
                                 "started" + (f" ({p.schedule_note})" if p.schedule_note else "")))
        await self._commit(w)
        if p.status == WORKING:
            self._spawn(pr)
        else:
            self.parents.pop(pid, None)
        return ParentRec_copy(p)

    async def _schedule(self, algo: str, req: om.SubmitParentOrderRequest, start: float,
                        end: float, lot: float, pid: str, notes: list[str]) -> list[ex.Slice]:
        a = req.algorithm_params
        n = a.slices or self.d.slices
        dur = end - start
        q = req.quantity
        if algo == "twap":
            notes.append(f"twap: {n} slices every {dur / n:.0f}s")
            return ex.twap_schedule(q, dur, n, lot=lot, randomization=a.randomization, seed=pid)
        if algo == "vwap":
            profile = await self._volume_profile(req.instrument_id.value, start, end, n, notes)
            return ex.vwap_schedule(q, dur, profile, lot=lot, randomization=a.randomization,
                                    seed=pid)
        # implementation shortfall
        price = self.mgr.market.mid(req.instrument_id.value) or a.limit_price
        vol = a.volatility
        if not vol:
            vol = await self._daily_vol(req.instrument_id.value, start, notes)
        if not price:
            notes.append("is: no price to scale impact and risk; trading the straight line")
            return ex.twap_schedule(q, dur, n, lot=lot)
        sigma = price * vol / math.sqrt(self.d.trading_day_seconds)
        impact_bps = a.temporary_impact_bps or self.d.temporary_impact_bps
        eta = price * impact_bps * 1e-4 * dur / q
        sl = ex.almgren_chriss_schedule(q, dur, n, a.risk_aversion, sigma, eta, lot=lot)
        kappa = ex.almgren_chriss_kappa(a.risk_aversion, sigma, eta, dur / n)
        notes.append(f"is: Almgren-Chriss kappa*T={kappa * dur:.3f} (lambda={a.risk_aversion:g}, "
                     f"daily vol={vol:.4f}, impact={impact_bps:g}bps); first slice "
                     f"{sl[0].quantity / q:.1%} of the quantity")
        return sl

    async def _volume_profile(self, inst: str, start: float, end: float, n: int,
                              notes: list[str]) -> list[float]:
        bars = None
        if self.history is not None:
            lb = timedelta(days=self.d.vwap_lookback_days)
            bars = await self.history.bars(inst, self.d.vwap_bar_timeframe, _dt(start) - lb,
                                           _dt(start))
        if bars:
            sod = _dt(start).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
            pts = [((_sec(b.start)) % 86_400, b.volume) for b in bars]
            prof = ex.volume_profile_from_bars(pts, start - sod, end - sod, n)
            if prof is not None:
                days = len({int(_sec(b.start) // 86_400) for b in bars})
                notes.append(f"vwap: volume profile from {len(bars)} {self.d.vwap_bar_timeframe} "
                             f"bars over {days} days")
                return prof
        notes.append("vwap: no market-data history for the window; U-shaped intraday profile")
        return ex.u_shaped_profile(n)

    async def _daily_vol(self, inst: str, start: float, notes: list[str]) -> float:
        bars = None
        if self.history is not None:
            bars = await self.history.bars(inst, "1d", _dt(start) - timedelta(days=90),
                                           _dt(start))
        closes = [b.close for b in bars or [] if b.close > 0]
        if len(closes) >= 10:
            rets = [math.log(closes[i] / closes[i - 1]) for i in range(1, len(closes))]
            m = sum(rets) / len(rets)
            vol = math.sqrt(sum((r - m) ** 2 for r in rets) / (len(rets) - 1))
            if vol > 0:
                notes.append(f"is: daily volatility {vol:.4f} from {len(closes)} daily bars")
                return vol
        notes.append(f"is: no daily bars; default daily volatility {self.d.daily_volatility:g}")
        return self.d.daily_volatility

    # ------------------------------------------------------------------ running

    async def _run(self, pr: ParentRec) -> None:
        try:
            if pr.s["algo"] == "pov":
                await self._run_pov(pr)
            else:
                await self._run_schedule(pr)
            if pr.p.status in ACTIVE:
                await self.clock.sleep_until(_dt(pr.s["end"]))
                await self._end_window(pr)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.log.error("parent order runner failed", parent_order_id=pr.p.parent_order_id,
                           error=repr(exc), exc_info=exc)

    async def _run_schedule(self, pr: ParentRec) -> None:
        s = pr.s
        while s["next"] < len(s["schedule"]) and pr.p.status in ACTIVE:
            idx, off, _ = s["schedule"][s["next"]]
            await self.clock.sleep_until(_dt(s["start"] + off))
            if pr.p.status not in ACTIVE:
                return
            target = sum(q for _, _, q in s["schedule"][: int(idx) + 1])
            await self._slice(pr, int(idx), target)

    async def _run_pov(self, pr: ParentRec) -> None:
        s = pr.s
        a = pr.p.algorithm_params
        interval = a.check_interval_seconds or self.d.pov_check_interval
        # checks at start + k * interval (absolute times, persisted: a late or restarted
        # runner catches up instead of drifting)
        s.setdefault("pov_next", s["start"] + interval)
        while pr.p.status in ACTIVE and self.clock.time() < s["end"]:
            await self.clock.sleep_until(_dt(s["pov_next"]))
            s["pov_next"] += interval
            if pr.p.status not in ACTIVE or self.clock.time() > s["end"]:
                return
            if self._remaining(pr) <= 1e-9 and pr.p.working_quantity <= 1e-9:
                return
            self._refresh(pr)
            q = ex.pov_child_quantity(
                s["rate"], s["mkt"][1], pr.p.filled_quantity, pr.p.working_quantity,
                self._remaining(pr), min_child=a.min_child_quantity,
                max_child=a.max_child_quantity, lot=s["lot"])
            if q > 0 and pr.p.status == WORKING:
                await self._send_child(pr, s["next"], q)

    def _remaining(self, pr: ParentRec) -> float:
        self._refresh(pr)
        return max(0.0, pr.p.quantity - pr.p.filled_quantity - pr.p.working_quantity)

    async def _slice(self, pr: ParentRec, idx: int, target: float) -> None:
        a = pr.p.algorithm_params
        s = pr.s
        remaining = self._remaining(pr)
        qty = 0.0
        last = idx == len(s["schedule"]) - 1
        if pr.p.status == WORKING:
            qty = min(target - pr.p.filled_quantity - pr.p.working_quantity, remaining)
            if a.max_child_quantity:
                qty = min(qty, a.max_child_quantity)
            if s["lot"] > 0:
                qty = math.floor(qty / s["lot"] + 1e-9) * s["lot"]
            if qty < 1e-9 or (a.min_child_quantity and qty < a.min_child_quantity
                              and qty < remaining - 1e-9 and not last):
                qty = 0.0
        if qty > 0:
            await self._send_child(pr, idx, qty)
            return
        # nothing to send (paused, or ahead of schedule): record the progress only
        s["next"] = idx + 1
        w = Writes()
        self._write(w, pr)
        await self._commit(w)

    def _child_request(self, pr: ParentRec, coid: str, qty: float,
                       aggressive: bool = False) -> om.SubmitOrderRequest:
        p = pr.p
        a = p.algorithm_params
        inst = p.instrument_id.value
        tc = self.mgr.market.touch.get(inst)
        far = 0.0
        if tc is not None:
            far = tc.ask if p.side == common.SIDE_BUY else tc.bid
        cap = a.limit_price
        req = om.SubmitOrderRequest(
            client_order_id=coid, account_id=p.account_id, strategy_id=p.strategy_id,
            instrument_id=p.instrument_id, side=p.side, quantity=qty)
        req.tags.update(pr.s.get("tags", {}))
        req.tags["parent_order_id"] = p.parent_order_id
        want_market = a.child_order_type == common.ORDER_TYPE_MARKET or aggressive
        price = 0.0
        if not want_market:
            price = far
            if cap:
                price = min(price, cap) if (price and p.side == common.SIDE_BUY) else (
                    max(price, cap) if price else cap)
        elif cap:
            price = cap
        if price > 0:
            req.order_type = common.ORDER_TYPE_LIMIT
            req.limit_price = price
            req.time_in_force = common.TIME_IN_FORCE_IOC if want_market else (
                common.TIME_IN_FORCE_DAY)
        else:
            req.order_type = common.ORDER_TYPE_MARKET
            req.time_in_force = common.TIME_IN_FORCE_IOC
        return req

    async def _send_child(self, pr: ParentRec, idx: int, qty: float,
                          aggressive: bool = False) -> None:
        oid, coid = child_ids(pr.p.parent_order_id, idx)
        req = self._child_request(pr, coid, qty, aggressive)

        def progress(w: Writes, rec: Rec) -> None:
            pr.s["next"] = max(pr.s["next"], idx + 1)
            pr.s["children"][rec.order.order_id] = [
                rec.st.filled, rec.st.notional, rec.st.status not in TERMINAL, rec.st.leaves]
            self._write(w, pr, note=f"slice {idx} sent: {qty:g}" if rec.st.status not in TERMINAL
                        else f"slice {idx} rejected: {rec.order.reject_reason}")

        try:
            await self.mgr.submit(req, order_id=oid, parent_order_id=pr.p.parent_order_id,
                                  extra_writes=progress)
        except InvalidArgument as exc:
            self.log.warning("child order invalid", parent_order_id=pr.p.parent_order_id,
                             slice=idx, error=str(exc))
            pr.s["next"] = idx + 1
            w = Writes()
            self._write(w, pr, note=f"slice {idx} not sent: {exc}")
            await self._commit(w)
        # the idempotent path (child existed already): make sure progress is recorded
        if pr.s["next"] <= idx:
            pr.s["next"] = idx + 1
            rec = await self.mgr.get(oid)
            if rec is not None:
                pr.s["children"][oid] = [rec.st.filled, rec.st.notional,
                                         rec.st.status not in TERMINAL, rec.st.leaves]
            w = Writes()
            self._write(w, pr)
            await self._commit(w)

    async def _end_window(self, pr: ParentRec) -> None:
        a = pr.p.algorithm_params
        if a.complete_at_end and self._remaining(pr) + pr.p.working_quantity > 1e-9 \
                and pr.p.status == WORKING:
            open_children = [oid for oid, c in pr.s["children"].items() if c[2]]
            for oid in open_children:
                with contextlib.suppress(Exception):
                    await self.mgr.cancel(order_id=oid, reason="parent window ended")
            await self._wait_children_closed(pr)
            rest = self._remaining(pr)
            if pr.s["lot"] > 0:
                rest = math.floor(rest / pr.s["lot"] + 1e-9) * pr.s["lot"]
            if rest > 1e-9 and pr.p.working_quantity <= 1e-9:
                idx = max(pr.s["next"], len(pr.s["schedule"]))
                await self._send_child(pr, idx, rest, aggressive=True)
        pr.s["window_done"] = True
        w = Writes()
        self._maybe_done(w, pr)
        self._write(w, pr)
        await self._commit(w)

    async def _wait_children_closed(self, pr: ParentRec) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.d.end_grace
        while any(c[2] for c in pr.s["children"].values()) and loop.time() < deadline:
            pr.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(pr.changed.wait(), max(0.01, deadline - loop.time()))

    # ------------------------------------------------------------------ child updates

    def _on_child(self, w: Writes, rec: Rec, filled: bool) -> None:
        pr = self.parents.get(rec.order.parent_order_id)
        if pr is None:
            return
        st = rec.st
        pr.s["children"][rec.order.order_id] = [st.filled, st.notional, st.status not in TERMINAL,
                                                st.leaves]
        pr.changed.set()
        if pr.p.status not in ACTIVE:
            self._write(w, pr)
            return
        self._refresh(pr)
        if not pr.p.arrival_price and filled:
            pr.p.arrival_price = self.mgr.market.mid(pr.p.instrument_id.value)
        self._write(w, pr, note=("fill" if filled else ""))
        self._maybe_done(w, pr)

    def _maybe_done(self, w: Writes, pr: ParentRec) -> None:
        if pr.p.status not in ACTIVE:
            return
        self._refresh(pr)
        p = pr.p
        done = p.filled_quantity >= p.quantity - 1e-9
        if not done and not (pr.s["window_done"] and p.child_orders_open == 0):
            return
        p.status = COMPLETED if p.filled_quantity > 0 or done else FAILED
        if not done:
            p.reason = (f"window ended with {p.quantity - p.filled_quantity:g} unfilled"
                        if p.filled_quantity > 0 else "window ended with nothing filled")
        p.completed_at.CopyFrom(_ts(self.clock.now()))
        if pr.task is not None and pr.task is not asyncio.current_task():
            pr.task.cancel()
        self._write(w, pr, note="completed" if done else p.reason)
        pid = p.parent_order_id
        w.after.append(lambda: asyncio.get_running_loop().create_task(self._publish_quality(pid)))

    async def _publish_quality(self, pid: str) -> None:
        try:
            report = await self.quality(pid)
        except Exception as exc:
            self.log.warning("execution quality not computed", parent_order_id=pid,
                             error=repr(exc))
            return
        w = Writes()
        w.publish(self.mgr.topic(ORDER_TOPIC), report.account_id, ome.ExecutionQuality(
            account_id=report.account_id, report=report, event_time=_ts(self.clock.now())),
            self.mgr.config.tenant_id)
        await self._commit(w)
        self.parents.pop(pid, None)

    def _on_trade(self, inst: str, price: float, size: float, t: float) -> None:
        for pr in self.parents.values():
            if pr.p.instrument_id.value != inst or pr.p.status not in ACTIVE:
                continue
            if t < pr.s["start"] or t > pr.s["end"]:
                continue
            m = pr.s["mkt"]
            m[0] += price * size
            m[1] += size
            m[2] += price
            m[3] += 1
            if not pr.p.arrival_price:
                pr.p.arrival_price = price

    async def _on_kill(self, account_id: str, state: int, reason: str) -> None:
        for pr in list(self.parents.values()):
            p = pr.p
            if account_id and p.account_id != account_id:
                continue
            if p.status not in ACTIVE:
                continue
            if state == rk.KILL_SWITCH_STATE_HALTED:
                await self.cancel(p.parent_order_id, f"kill switch HALTED: {reason}")
            elif state == rk.KILL_SWITCH_STATE_REDUCING and p.status == WORKING and \
                    self.mgr.increases_exposure(p.account_id, p.instrument_id.value, p.side, 0.0):
                p.status = PAUSED
                pr.s["paused_by_kill"] = True
                w = Writes()
                self._write(w, pr, note=f"paused: kill switch REDUCING: {reason}")
                await self._commit(w)
            elif state == rk.KILL_SWITCH_STATE_ACTIVE and p.status == PAUSED and \
                    pr.s.get("paused_by_kill"):
                p.status = WORKING
                pr.s["paused_by_kill"] = False
                w = Writes()
                self._write(w, pr, note="resumed: kill switch ACTIVE")
                await self._commit(w)

    # ------------------------------------------------------------------ API

    async def cancel(self, pid: str, reason: str = "") -> om.ParentOrder:
        pr = self.parents.get(pid)
        if pr is None:
            p, _ = await self.get(pid)
            return p
        p = pr.p
        if p.status not in ACTIVE:
            return ParentRec_copy(p)
        p.status = CANCELLED
        p.reason = reason or "cancelled"
        p.completed_at.CopyFrom(_ts(self.clock.now()))
        if pr.task is not None and pr.task is not asyncio.current_task():
            pr.task.cancel()
        for oid, c in list(pr.s["children"].items()):
            if c[2]:
                with contextlib.suppress(Exception):
                    await self.mgr.cancel(order_id=oid, reason=f"parent cancelled: {p.reason}")
        w = Writes()
        self._write(w, pr, note=f"cancelled: {p.reason}")
        w.after.append(lambda: asyncio.get_running_loop().create_task(self._publish_quality(pid)))
        await self._commit(w)
        return ParentRec_copy(p)

    async def get(self, pid: str) -> tuple[om.ParentOrder, dict[str, Any]]:
        pr = self.parents.get(pid)
        if pr is not None:
            self._refresh(pr)
            return ParentRec_copy(pr.p), pr.s
        t = store.parents
        rows = await store.fetch(self.mgr.db, select(t).where(t.c.parent_order_id == pid))
        if not rows:
            raise NotFound(f"no parent order {pid}")
        return om.ParentOrder.FromString(rows[0].data), json.loads(rows[0].state)

    async def children(self, pid: str) -> list[om.Order]:
        o = store.orders
        rows = await store.fetch(self.mgr.db, select(o.c.data).where(
            o.c.parent_order_id == pid).order_by(o.c.created_at, o.c.client_order_id))
        return [om.Order.FromString(r.data) for r in rows]

    async def quality(self, pid: str) -> om.ExecutionQualityReport:
        p, s = await self.get(pid)
        fills = await self.mgr.fills_of(parent_order_id=pid)
        m = s["mkt"]
        vwap = m[0] / m[1] if m[1] else 0.0
        twap = m[2] / m[3] if m[3] else 0.0
        inst = p.instrument_id.value
        last = self.mgr.market.mid(inst) or (fills[-1].price if fills else 0.0)
        return quality_report(p.parent_order_id, p.account_id, p.instrument_id, p.side,
                              p.quantity, fills, p.arrival_price, vwap, twap, m[1], last,
                              _sec(p.created_at),
                              _sec(p.completed_at) if p.HasField("completed_at") else 0.0)


def quality_report(order_id: str, account_id: str, instrument_id: Any, side: int,
                   quantity: float, fills: list[om.Fill], arrival: float, vwap: float,
                   twap: float, market_volume: float, last: float, started: float,
                   completed: float) -> om.ExecutionQualityReport:
    sign = 1 if side == common.SIDE_BUY else -1
    samples = [ex.FillSample(f.quantity, f.price, float(Decimal(f.fee.value or "0")),
                             f.liquidity == common.LIQUIDITY_MAKER) for f in fills]
    r = ex.execution_quality(sign, quantity, samples, arrival, vwap, twap, market_volume, last)
    fees = sum((Decimal(f.fee.value or "0") for f in fills), Decimal("0"))
    rep = om.ExecutionQualityReport(
        order_id=order_id, account_id=account_id, instrument_id=instrument_id, side=side,
        filled_quantity=r.filled_quantity, average_fill_price=r.average_fill_price,
        arrival_price=arrival, interval_vwap=vwap, interval_twap=twap,
        arrival_slippage_bps=r.arrival_slippage_bps, vwap_slippage_bps=r.vwap_slippage_bps,
        twap_slippage_bps=r.twap_slippage_bps,
        implementation_shortfall=common.Decimal(
            value=str(Decimal(repr(r.implementation_shortfall - r.total_fees)) + fees)),
        total_fees=common.Decimal(value=str(fees)), maker_ratio=r.maker_ratio,
        participation_rate=r.participation_rate, fill_ratio=r.fill_ratio,
        started_at=_fts(started))
    if completed:
        rep.completed_at.CopyFrom(_fts(completed))
    return rep


def ParentRec_copy(p: om.ParentOrder) -> om.ParentOrder:  # noqa: N802
    c = om.ParentOrder()
    c.CopyFrom(p)
    return c
