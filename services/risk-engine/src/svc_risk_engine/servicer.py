"""RiskEngineService over gRPC, and the runtime around the engine: persistence, publishing on
`risk-management`, event handlers that keep the state current, periodic VaR and evaluation.

`RiskRuntime` does not depend on the `Service` object: it takes a `publish_nowait` and an
awaitable `publish` function, so tests can run it against a bare bus or a list."""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import events_pb2 as ev
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rpc
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_core.ids import new_id
from omni_quant import risk as qr

from svc_risk_engine import portfolio
from svc_risk_engine.engine import (
    HALTED,
    STATE_LIMITS,
    Breach,
    InstrumentInfo,
    InvalidOrder,
    KillSwitchRecord,
    RiskEngine,
    Scope,
    fmt,
)
from svc_risk_engine.store import RiskStore, VersionConflict

__all__ = ["RiskRuntime", "RiskServicer", "TOPIC"]

TOPIC = "risk-management"
GLOBAL_KEY = "*"


def ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def _dec(x: float) -> Any:
    return ct.Decimal(value=fmt(x))


class RiskRuntime:
    def __init__(
        self,
        engine: RiskEngine,
        store: RiskStore | None,
        publish_nowait: Callable[[str, str, Any], Any],
        publish: Callable[[str, str, Any], Awaitable[Any]] | None = None,
        *,
        history: portfolio.PriceHistory | None = None,
        var_method: int = pb.VAR_METHOD_HISTORICAL,
        var_confidence: float = 0.99,
        var_lookback: int = 250,
        var_paths: int = 10_000,
        periods_per_day: float = 1.0,
        default_daily_vol: float = 0.02,
        bond_duration: float = 7.0,
        log: Any = None,
    ) -> None:
        self.engine = engine
        self.store = store
        self.publish_nowait = publish_nowait
        self.publish = publish
        self.history = history or portfolio.PriceHistory()
        self.var_method = var_method
        self.var_confidence = var_confidence
        self.var_lookback = var_lookback
        self.var_paths = var_paths
        self.periods_per_day = periods_per_day
        self.default_daily_vol = default_daily_vol
        self.bond_duration = bond_duration
        self.log = log
        self.dd_series: dict[str, deque[tuple[datetime, float]]] = {}
        self._ks_queue: asyncio.Queue[KillSwitchRecord] | None = None
        self._ks_task: asyncio.Task[None] | None = None
        self._ks_done: dict[int, asyncio.Future[None]] = {}
        engine.on_kill_switch(self._on_kill_switch)
        engine.on_breach(self._on_breach)

    # kill switch: persist, then publish, in order, off the check path ---------------------

    def start(self) -> None:
        if self._ks_task is None:
            self._ks_queue = asyncio.Queue()
            self._ks_task = asyncio.create_task(self._ks_worker(), name="risk-kill-switch")

    async def stop(self) -> None:
        if self._ks_task is not None and self._ks_queue is not None:
            await self.drain()
            self._ks_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ks_task
            self._ks_task = None

    async def drain(self) -> None:
        if self._ks_queue is not None:
            await self._ks_queue.join()

    def _on_kill_switch(self, rec: KillSwitchRecord) -> None:
        if self._ks_queue is None:
            self.start()
        assert self._ks_queue is not None
        self._ks_queue.put_nowait(rec)

    async def _ks_worker(self) -> None:
        assert self._ks_queue is not None
        while True:
            rec = await self._ks_queue.get()
            try:
                if self.store is not None:
                    for attempt in range(5):
                        try:
                            await self.store.save_kill_switch(rec)
                            break
                        except Exception as exc:
                            if self.log:
                                self.log.error("kill switch not persisted", error=repr(exc),
                                               attempt=attempt + 1)
                            await asyncio.sleep(0.2 * (attempt + 1))
                event = ev.KillSwitchChanged(
                    account_id=rec.account_id, previous_state=rec.previous_state,
                    kill_switch=self.kill_switch_proto(rec),
                    event_time=ts(rec.changed_at or datetime.now(UTC)),
                    cancel_open_orders=rec.cancel_open_orders,
                )
                key = rec.account_id or GLOBAL_KEY
                try:
                    if self.publish is not None:
                        await self.publish(TOPIC, key, event)
                    else:
                        self.publish_nowait(TOPIC, key, event)
                except Exception as exc:
                    if self.log:
                        self.log.error("kill switch change not published", error=repr(exc))
                if self.log:
                    self.log.warning("kill switch changed", account=rec.account_id,
                                     state=pb.KillSwitchState.Name(rec.state), actor=rec.actor,
                                     reason=rec.reason)
            finally:
                self._ks_queue.task_done()

    @staticmethod
    def kill_switch_proto(rec: KillSwitchRecord) -> pb.KillSwitch:
        k = pb.KillSwitch(account_id=rec.account_id, state=rec.state, actor=rec.actor,
                          reason=rec.reason)
        if rec.changed_at is not None:
            k.changed_at.FromDatetime(rec.changed_at)
        return k

    def _on_breach(self, b: Breach) -> None:
        usage = pb.LimitUsage(limit=self._limit_proto(b.rule), strategy_id=b.strategy_id,
                              utilization=(b.current / b.rule.threshold
                                           if b.rule.threshold else math.inf),
                              breached=not b.warning)
        usage.current.value = fmt(b.current)
        event = ev.LimitBreached(account_id=b.account_id, strategy_id=b.strategy_id,
                                 usage=usage, action_taken=b.action_taken, warning=b.warning,
                                 event_time=ts(b.at))
        self.publish_nowait(TOPIC, b.account_id, event)

    @staticmethod
    def _limit_proto(rule: Any) -> pb.Limit:
        lim = pb.Limit(type=rule.type, warn_at=rule.warn_at, action=rule.action, enabled=True,
                       sector=rule.sector)
        lim.threshold.value = fmt(rule.threshold)
        if rule.instrument:
            lim.instrument_id.value = rule.instrument
        return lim

    # event handlers ----------------------------------------------------------------------

    async def on_fill(self, account_id: str, fill: Any) -> None:
        """A FillBooked: persisted first (so a failure retries cleanly), then booked."""
        inst = fill.instrument_id.value
        fid = fill.fill_id or f"{fill.order_id}:{fill.executed_at.ToNanoseconds()}"
        if fid in self.engine.seen_fills:
            return
        try:
            fee = float(fill.fee.value or "0")
        except ValueError:
            fee = 0.0
        if not math.isfinite(fee):
            fee = 0.0
        if not (math.isfinite(fill.quantity) and fill.quantity > 0 and math.isfinite(fill.price)
                and fill.price > 0 and fill.side in (ct.SIDE_BUY, ct.SIDE_SELL) and inst):
            if self.log:
                self.log.warning("unusable fill ignored", fill_id=fid)
            return
        acct = account_id or fill.account_id
        at = (fill.executed_at.ToDatetime(tzinfo=UTC) if fill.HasField("executed_at")
              else datetime.now(UTC))
        if self.store is not None:
            inserted = await self.store.save_fill(fid, acct, fill.strategy_id, inst, fill.side,
                                                  fill.quantity, fill.price, fee, at)
            if not inserted:  # booked before (the table is the durable dedupe)
                return
        self.engine.apply_fill(fid, acct, fill.strategy_id, inst, fill.side, fill.quantity,
                               fill.price, fee, fill.order_id)
        self.engine.evaluate(acct)

    def on_order(self, order: Any, open_: bool) -> None:
        if not open_:
            self.engine.order_closed(order.order_id)
            if order.client_order_id:
                pend = self.engine.open_orders.get(order.client_order_id)
                if pend is not None and pend.pending_until:
                    self.engine.order_closed(order.client_order_id)
            return
        leaves = order.leaves_quantity or max(0.0, order.quantity - order.filled_quantity)
        price = order.limit_price or order.stop_price
        self.engine.order_open(order.order_id, order.account_id, order.strategy_id,
                               order.instrument_id.value, order.side, leaves, price,
                               order.client_order_id)

    def on_price(self, inst: str, price: float) -> None:
        self.engine.update_price(inst, price)

    def on_bar(self, bar: Any) -> None:
        self.engine.update_price(bar.instrument_id.value, bar.close)
        if bar.timeframe == self.history.timeframe:
            self.history.add(bar.instrument_id.value, bar.start.seconds, bar.close)

    # periodic ----------------------------------------------------------------------------

    def evaluate_all(self) -> None:
        self.engine.expire_pending()
        now = self.engine.clock.now()
        for acct_id, acct in list(self.engine.accounts.items()):
            if not acct.known:
                continue
            prev = acct.drawdown.state.drawdown if acct.drawdown else None
            self.engine.evaluate(acct_id)
            if acct.drawdown is None:
                continue
            s = acct.drawdown.state
            series = self.dd_series.setdefault(acct_id, deque(maxlen=1000))
            if not series or series[-1][1] != s.drawdown:
                series.append((now, s.drawdown))
            if prev is not None and prev != s.drawdown:
                self.publish_nowait(TOPIC, acct_id, ev.DrawdownUpdated(
                    account_id=acct_id, equity=_dec(s.equity), peak_equity=_dec(s.peak),
                    current_drawdown=s.drawdown, event_time=ts(now)))

    async def persist_drawdowns(self) -> None:
        if self.store is None:
            return
        for acct_id, acct in list(self.engine.accounts.items()):
            if acct.known and acct.drawdown is not None:
                await self.store.save_drawdown(acct_id, acct.drawdown)

    async def var(self, account_id: str, method: int = 0, confidence: float = 0.0,
                  horizon_days: int = 0, lookback: int = 0, paths: int = 0,
                  contributions: bool = True) -> pb.VarResult:
        snap = portfolio.snapshot(self.engine, account_id)
        history = self.history.subset(snap.instruments)  # bars keep arriving meanwhile
        result = await asyncio.to_thread(
            portfolio.compute_var, snap, history, method or self.var_method,
            confidence or self.var_confidence, horizon_days or 1, lookback or self.var_lookback,
            paths or self.var_paths, periods_per_day=self.periods_per_day,
            default_daily_vol=self.default_daily_vol, contributions=contributions,
        )
        result.as_of.FromDatetime(self.engine.clock.now())
        return result

    async def publish_var_snapshots(self) -> int:
        n = 0
        for acct_id, acct in list(self.engine.accounts.items()):
            if not acct.known or not acct.book.mv:
                continue
            res = await self.var(acct_id)
            acct.last_var = float(res.var.value or "0")
            self.publish_nowait(TOPIC, acct_id, ev.VarSnapshot(
                account_id=acct_id, result=res, event_time=res.as_of))
            self.engine.evaluate(acct_id)
            n += 1
        return n


def _state_name(state: int) -> str:
    return pb.KillSwitchState.Name(state)


class RiskServicer(rpc.RiskEngineServiceServicer):
    """The RPCs. Malformed requests are INVALID_ARGUMENT; business rejections of an order are
    an approved=false CheckOrderResponse (see engine.py)."""

    def __init__(self, rt: RiskRuntime) -> None:
        self.rt = rt
        self.engine = rt.engine

    # the hot path ------------------------------------------------------------------------

    async def CheckOrder(self, request: pb.CheckOrderRequest, context: Any) -> Any:
        resp = self._check(request)
        # the event is built and handed to the producer right after the answer, off its
        # critical path (call_soon keeps the events in check order)
        asyncio.get_running_loop().call_soon(self._publish_result, request, resp)
        return resp

    def check(self, request: pb.CheckOrderRequest) -> pb.CheckOrderResponse:
        """The body of CheckOrder, synchronously: the engine's check, the response, and the
        OrderCheckResult event queued to the producer (never awaited)."""
        resp = self._check(request)
        self._publish_result(request, resp)
        return resp

    def _check(self, request: pb.CheckOrderRequest) -> pb.CheckOrderResponse:
        try:
            out = self.engine.check(request)
        except InvalidOrder as exc:
            raise InvalidArgument(str(exc)) from None
        now_ns = int(self.engine.clock.time() * 1e9)
        resp = pb.CheckOrderResponse(
            approved=out.approved, kill_switch_state=out.state, check_id=new_id(),
            checked_at=Timestamp(seconds=now_ns // 1_000_000_000, nanos=now_ns % 1_000_000_000),
        )
        if out.failures:
            resp.reasons.extend([f.to_proto() for f in out.failures])
        if out.warnings:
            resp.warnings.extend([w.to_proto() for w in out.warnings])
        return resp

    def _publish_result(self, request: pb.CheckOrderRequest, resp: pb.CheckOrderResponse) -> None:
        event = ev.OrderCheckResult(
            account_id=request.account_id, check_id=resp.check_id, order_id=request.order_id,
            client_order_id=request.client_order_id, strategy_id=request.strategy_id,
            instrument_id=request.instrument_id, approved=resp.approved,
            reasons=resp.reasons, kill_switch_state=resp.kill_switch_state,
            event_time=resp.checked_at,
        )
        try:
            self.rt.publish_nowait(TOPIC, request.account_id, event)
        except Exception as exc:  # a full producer queue must not fail the check
            if self.rt.log:
                self.rt.log.error("check result not published", error=repr(exc))

    # limits ------------------------------------------------------------------------------

    async def SetLimits(self, request: pb.SetLimitsRequest, context: Any) -> Any:
        ls = pb.LimitSet()
        ls.CopyFrom(request.limit_set)
        if not ls.account_id:
            raise InvalidArgument("limit_set.account_id is required")
        if request.expected_version < 0:
            raise InvalidArgument("expected_version must be >= 0")
        try:
            Scope(ls)  # validate before storing
        except InvalidOrder as exc:
            raise InvalidArgument(str(exc)) from None
        ls.updated_by = request.actor or ls.updated_by
        ls.updated_at.FromDatetime(self.engine.clock.now())
        if self.rt.store is not None:
            try:
                stored = await self.rt.store.save_limits(ls, request.expected_version)
            except VersionConflict as exc:
                raise FailedPrecondition(str(exc)) from None
        else:
            cur = self.engine.scopes.get((ls.account_id, ls.strategy_id))
            current = cur.limit_set.version if cur else 0
            if current != request.expected_version:
                raise FailedPrecondition(
                    f"limit set is at version {current}, not {request.expected_version}")
            stored = ls
            stored.version = current + 1
        self.engine.set_limits(stored)
        self.engine.evaluate(ls.account_id)
        return pb.SetLimitsResponse(limit_set=stored)

    async def GetLimits(self, request: pb.GetLimitsRequest, context: Any) -> Any:
        scope = self.engine.scopes.get((request.account_id, request.strategy_id))
        if scope is None:
            raise NotFound(f"no limits for account {request.account_id!r}"
                           + (f" strategy {request.strategy_id!r}" if request.strategy_id else ""))
        return pb.GetLimitsResponse(limit_set=scope.limit_set)

    async def ListLimitHistory(self, request: pb.ListLimitHistoryRequest, context: Any) -> Any:
        if not request.account_id:
            raise InvalidArgument("account_id is required")
        if request.limit < 0:
            raise InvalidArgument("limit must be >= 0")
        if self.rt.store is None:
            scope = self.engine.scopes.get((request.account_id, request.strategy_id))
            return pb.ListLimitHistoryResponse(limit_sets=[scope.limit_set] if scope else [])
        sets = await self.rt.store.limit_history(request.account_id, request.strategy_id,
                                                 min(request.limit or 100, 10_000))
        return pb.ListLimitHistoryResponse(limit_sets=sets)

    async def GetLimitUsage(self, request: pb.GetLimitUsageRequest, context: Any) -> Any:
        if request.account_id not in self.engine.accounts:
            raise NotFound(f"account {request.account_id!r} is not known to risk")
        out = pb.GetLimitUsageResponse()
        for rule, value, sid in self.engine.usage(request.account_id, request.strategy_id):
            u = out.usages.add(limit=RiskRuntime._limit_proto(rule), strategy_id=sid,
                               utilization=(value / rule.threshold if rule.threshold
                                            else (0.0 if value == 0 else math.inf)),
                               breached=value > rule.threshold)
            u.current.value = fmt(value)
        return out

    # VaR / stress / drawdown -------------------------------------------------------------

    async def GetVar(self, request: pb.GetVarRequest, context: Any) -> Any:
        self._known(request.account_id)
        c = request.confidence
        if c and not (0.5 <= c < 1.0):
            raise InvalidArgument("confidence must be within [0.5, 1)")
        if request.horizon_days < 0 or request.lookback_days < 0 or request.simulations < 0:
            raise InvalidArgument("horizon_days, lookback_days and simulations must be >= 0")
        if request.simulations and request.simulations < 100:
            raise InvalidArgument("simulations must be at least 100")
        if request.simulations > 1_000_000:
            raise InvalidArgument("simulations must be at most 1,000,000")
        res = await self.rt.var(request.account_id, request.method, c, request.horizon_days,
                                request.lookback_days, request.simulations,
                                request.include_contributions)
        return pb.GetVarResponse(result=res)

    async def RunStressTest(self, request: pb.RunStressTestRequest, context: Any) -> Any:
        self._known(request.account_id)
        specs: list[tuple[int, qr.StressScenarioSpec]] = []
        for sc in request.scenarios:
            if sc == pb.STRESS_SCENARIO_HYPOTHETICAL:
                continue
            key = portfolio.SCENARIOS.get(sc)
            if key is None:
                raise InvalidArgument(f"unknown scenario {sc}")
            specs.append((sc, qr.HISTORICAL_SCENARIOS[key]))
        inst_shocks: dict[str, float] = {}
        class_shocks: dict[str, float] = {}
        factor_shocks: dict[str, float] = {}
        for s in request.shocks:
            if not math.isfinite(s.move):
                raise InvalidArgument("shock moves must be finite")
            if s.instrument_id.value:
                inst_shocks[s.instrument_id.value] = s.move
            elif s.asset_class:
                class_shocks[portfolio.ASSET_CLASS_KEYS.get(s.asset_class, "")] = s.move
            elif s.factor:
                factor_shocks[s.factor] = s.move
            else:
                raise InvalidArgument("a shock needs an instrument, an asset class or a factor")
        snap = portfolio.snapshot(self.engine, request.account_id)
        results = []
        if not specs and not request.shocks:
            specs = [(k, qr.HISTORICAL_SCENARIOS[v]) for k, v in portfolio.SCENARIOS.items()]
        scope = self.engine.scopes.get((request.account_id, ""))
        limits = list(scope.limit_set.limits) if scope else []
        if specs:
            results += portfolio.stress(snap, specs, {}, {}, limits,
                                        bond_duration=self.rt.bond_duration)
        if request.shocks:
            hyp = qr.hypothetical_scenario(request.hypothetical_name or "hypothetical",
                                           factor_shocks)
            results += portfolio.stress(snap, [(pb.STRESS_SCENARIO_HYPOTHETICAL, hyp)],
                                        inst_shocks, class_shocks, limits,
                                        bond_duration=self.rt.bond_duration)
        now = self.engine.clock.now()
        resp = pb.RunStressTestResponse(results=results, as_of=ts(now))
        resp.portfolio_value.value = fmt(float(snap.values.sum()))
        self.rt.publish_nowait(TOPIC, request.account_id, ev.StressTestCompleted(
            account_id=request.account_id, results=results, event_time=ts(now)))
        return resp

    async def GetDrawdown(self, request: pb.GetDrawdownRequest, context: Any) -> Any:
        acct = self._known(request.account_id)
        if request.strategy_id:
            raise InvalidArgument("drawdown is tracked per account; leave strategy_id empty")
        self.engine.evaluate(request.account_id)
        s = acct.drawdown.state
        resp = pb.GetDrawdownResponse(
            account_id=request.account_id, equity=_dec(s.equity), peak_equity=_dec(s.peak),
            current_drawdown=s.drawdown, max_drawdown=s.max_drawdown,
            daily_pnl=_dec(s.daily_pnl),
        )
        if s.peak_at is not None:
            resp.peak_at.FromDatetime(s.peak_at)
        scope = self.engine.scopes.get((request.account_id, ""))
        if scope is not None:
            for rule in scope.all_rules():
                if rule.type in STATE_LIMITS and rule.type not in (
                        pb.LIMIT_TYPE_MAX_DAILY_LOSS, pb.LIMIT_TYPE_MAX_VAR):
                    resp.rules.add(threshold=rule.threshold, action=rule.action)
        for at, dd in self.rt.dd_series.get(request.account_id, ()):
            p = resp.drawdown_series.add(value=dd)
            p.time.FromDatetime(at)
        return resp

    # kill switch -------------------------------------------------------------------------

    async def GetKillSwitch(self, request: pb.GetKillSwitchRequest, context: Any) -> Any:
        rec = self.engine.kill_switch(request.account_id)
        return pb.GetKillSwitchResponse(
            kill_switch=RiskRuntime.kill_switch_proto(rec),
            effective_state=self.engine.effective_state(request.account_id),
        )

    async def SetKillSwitch(self, request: pb.SetKillSwitchRequest, context: Any) -> Any:
        if request.state not in (pb.KILL_SWITCH_STATE_ACTIVE, pb.KILL_SWITCH_STATE_REDUCING,
                                 HALTED):
            raise InvalidArgument("state must be ACTIVE, REDUCING or HALTED")
        if not request.actor.strip():
            raise InvalidArgument("actor is required: who is changing the kill switch")
        if not request.reason.strip():
            raise InvalidArgument("reason is required: why the kill switch is changed")
        rec = self.engine.set_kill_switch(
            request.account_id, request.state, request.actor, request.reason,
            cancel_open_orders=request.cancel_open_orders,
        )
        await self.rt.drain()  # persisted and published before we answer
        return pb.SetKillSwitchResponse(kill_switch=RiskRuntime.kill_switch_proto(rec))

    async def ListKillSwitchHistory(self, request: pb.ListKillSwitchHistoryRequest,
                                    context: Any) -> Any:
        if request.limit < 0:
            raise InvalidArgument("limit must be >= 0")
        if self.rt.store is None:
            return pb.ListKillSwitchHistoryResponse()
        changes = await self.rt.store.kill_switch_history(request.account_id,
                                                          min(request.limit or 100, 10_000))
        return pb.ListKillSwitchHistoryResponse(changes=changes)

    # reference data ----------------------------------------------------------------------

    async def SetAccount(self, request: pb.SetAccountRequest, context: Any) -> Any:
        a = pb.RiskAccount()
        a.CopyFrom(request.account)
        a.ClearField("equity")
        a.ClearField("buying_power")
        a.updated_by = request.actor
        a.updated_at.FromDatetime(self.engine.clock.now())
        try:
            float(a.starting_equity.value or "0")
            self.engine.set_account(a)
        except (InvalidOrder, ValueError) as exc:
            raise InvalidArgument(str(exc)) from None
        if self.rt.store is not None:
            await self.rt.store.save_account(a)
        return pb.SetAccountResponse(account=self._account_view(a.account_id))

    async def GetAccount(self, request: pb.GetAccountRequest, context: Any) -> Any:
        self._known(request.account_id)
        return pb.GetAccountResponse(account=self._account_view(request.account_id))

    def _account_view(self, account_id: str) -> pb.RiskAccount:
        acct = self.engine.accounts[account_id]
        a = pb.RiskAccount()
        if acct.account is not None:
            a.CopyFrom(acct.account)
        a.account_id = account_id
        a.initial_margin_rate = acct.margin_rate
        eq = acct.equity
        a.equity.value = fmt(eq)
        avail = eq - acct.book.margin - acct.open_margin
        a.buying_power.value = fmt(max(0.0, avail) / acct.margin_rate)
        return a

    async def UpsertInstruments(self, request: pb.UpsertInstrumentsRequest, context: Any) -> Any:
        infos = []
        for i in request.instruments:
            if not i.instrument_id.value:
                raise InvalidArgument("instrument_id is required")
            if not (math.isfinite(i.multiplier) and i.multiplier >= 0):
                raise InvalidArgument("multiplier must be a finite non-negative number")
            if not (math.isfinite(i.margin_rate) and 0 <= i.margin_rate <= 10):
                raise InvalidArgument("margin_rate must be within 0..10")
            infos.append(InstrumentInfo(i.instrument_id.value, i.asset_class, i.sector,
                                        i.multiplier or 1.0, i.currency, i.margin_rate))
        for info in infos:
            self.engine.upsert_instrument(info)
        if self.rt.store is not None:
            await self.rt.store.save_instruments(infos)
        return pb.UpsertInstrumentsResponse(upserted=len(infos))

    async def SetRestriction(self, request: pb.SetRestrictionRequest, context: Any) -> Any:
        r = pb.Restriction()
        r.CopyFrom(request.restriction)
        if not r.instrument_id.value:
            raise InvalidArgument("restriction.instrument_id is required")
        r.added_by = request.actor or r.added_by
        if not r.HasField("added_at"):
            r.added_at.FromDatetime(self.engine.clock.now())
        self.engine.set_restriction(r, request.remove)
        if self.rt.store is not None:
            await self.rt.store.save_restriction(r, request.remove)
        return pb.SetRestrictionResponse(restrictions=self.engine.list_restrictions(r.account_id))

    async def ListRestrictions(self, request: pb.ListRestrictionsRequest, context: Any) -> Any:
        return pb.ListRestrictionsResponse(
            restrictions=self.engine.list_restrictions(request.account_id))

    def _known(self, account_id: str) -> Any:
        if not account_id:
            raise InvalidArgument("account_id is required")
        acct = self.engine.accounts.get(account_id)
        if acct is None or not acct.known:
            raise NotFound(f"account {account_id!r} is not known to risk")
        if acct.drawdown is None:
            acct.drawdown = qr.DrawdownTracker(acct.equity, self.engine.clock.now())
        return acct
