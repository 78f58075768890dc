"""The orchestrator: session state machine, strategy lifecycle with dependency checks, the
global halt and resume, and workflows (end of day).

Everything it changes elsewhere goes through the other services' gRPC contracts
(`clients.Downstream`); a service that is down is reported (a step FAILED with
"<service> unavailable"), never hidden, and never stops the rest of a halt or of the
end-of-day workflow.

State kept here: the session (rebuilt from the calendar at start, and HALTED again when
risk-engine's global kill switch is HALTED/REDUCING: the kill switch is the durable record of a
halt), the strategies a halt paused, and the workflows of this process (bounded, newest kept).
The end-of-day reports are files under ``<reports_dir>/<date>/``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from google.protobuf.json_format import MessageToDict
from omni.analytics.v1 import analytics_service_pb2 as an
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as bg
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import market_data_service_pb2 as md
from omni.orchestrator.v1 import events_pb2 as ev
from omni.orchestrator.v1 import orchestrator_service_pb2 as pb
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound, OmniError
from omni_core.ids import new_id

from svc_orchestrator.clients import Downstream
from svc_orchestrator.session import CLOSED, SessionMachine, Transition

__all__ = ["Orchestrator", "SERVICE", "TOPIC", "WORKFLOWS"]

SERVICE = "orchestrator"
TOPIC = "system-monitoring"
WORKFLOWS = ("end_of_day",)
MAX_WORKFLOWS = 500

Publish = Callable[[str, str, Any], Any]


def _ts(dt: datetime) -> Any:
    from google.protobuf.timestamp_pb2 import Timestamp

    t = Timestamp()
    t.FromDatetime(dt)
    return t


def _dict(msg: Any) -> dict[str, Any]:
    return MessageToDict(msg, preserving_proto_field_name=True)


class StepFailed(Exception):
    """A step that ran but whose outcome is a failure (detail in the message)."""


class Orchestrator:
    def __init__(
        self,
        session: SessionMachine,
        down: Downstream,
        *,
        now: Callable[[], datetime],
        publish: Publish | None = None,
        accounts: list[str] | None = None,
        reports_dir: Path = Path(".omni/reports"),
        topic: str = TOPIC,
    ) -> None:
        self.session = session
        self.down = down
        self.now = now
        self._publish = publish
        self.accounts = list(dict.fromkeys(a for a in (accounts or []) if a))
        self.reports_dir = Path(reports_dir)
        self.topic = topic
        self.paused_by_halt: list[str] = []
        self.workflows: OrderedDict[str, pb.Workflow] = OrderedDict()
        self._idem: dict[str, str] = {}
        self._lock = asyncio.Lock()  # halt / resume / strategy control one at a time
        self._eod_lock = asyncio.Lock()
        self._eod_tasks: set[asyncio.Task[Any]] = set()

    # events --------------------------------------------------------------------------------

    def publish(self, event: Any) -> None:
        if self._publish is None:
            return
        try:
            self._publish(self.topic, SERVICE, event)
        except Exception:  # publishing never fails an operation; the state is in the answer
            pass

    def _announce(self, transitions: list[Transition]) -> None:
        for t in transitions:
            self.publish(ev.SessionStateChanged(service=SERVICE, previous_state=t.previous,
                                                session=t.session, event_time=_ts(self.now())))

    # session -------------------------------------------------------------------------------

    def get_session(self) -> pb.Session:
        return self.session.snapshot(self.now())

    def tick(self) -> list[Transition]:
        moves = self.session.tick(self.now())
        self._announce(moves)
        return moves

    def tick_and_close(self, auto_end_of_day: bool = True) -> asyncio.Task[Any] | None:
        """A calendar tick; when it closes a session (a move into CLOSED from another state)
        and `auto_end_of_day`, the end-of-day workflow of that session's trading date starts
        as a task (returned)."""
        moves = self.tick()
        closed = [m for m in moves if m.session.state == CLOSED and m.previous != CLOSED]
        if not (auto_end_of_day and closed):
            return None
        day = closed[-1].session.trading_date.ToDatetime().replace(tzinfo=UTC)
        task = asyncio.create_task(self.run_end_of_day(day, "calendar"), name="end-of-day")
        self._eod_tasks.add(task)
        task.add_done_callback(self._eod_tasks.discard)
        return task

    async def close(self) -> None:
        for t in list(self._eod_tasks):
            t.cancel()
            with contextlib.suppress(BaseException):
                await t

    def transition(self, target: int, actor: str, reason: str) -> pb.Session:
        t = self.session.transition(target, self.now(), actor, reason)
        self._announce([t])
        return t.session

    async def sync_halt_from_risk(self) -> bool:
        """At start: a global kill switch left HALTED/REDUCING means the fleet is halted."""
        try:
            resp = await self.down.call("risk-engine", "GetKillSwitch",
                                        rk.GetKillSwitchRequest(account_id=""))
        except OmniError:
            return False
        state = resp.kill_switch.state
        if state in (rk.KILL_SWITCH_STATE_HALTED, rk.KILL_SWITCH_STATE_REDUCING):
            t = self.session.halt(self.now(), resp.kill_switch.actor or "risk-engine",
                                  resp.kill_switch.reason or "kill switch halted")
            if t:
                self._announce([t])
            return True
        return False

    # accounts ------------------------------------------------------------------------------

    async def _open_orders(self) -> list[om.Order]:
        out: list[om.Order] = []
        token = ""
        for _ in range(1000):
            resp = await self.down.call("order-manager", "ListOrders", om.ListOrdersRequest(
                open_only=True, page=common.PageRequest(page_size=1000, page_token=token)))
            out.extend(resp.orders)
            token = resp.page.next_page_token
            if not token:
                break
        return out

    # steps ---------------------------------------------------------------------------------

    async def _step(self, steps: Any, name: str, service: str,
                    fn: Callable[[], Awaitable[str]]) -> bool:
        step = steps.add(name=name, service=service, status=pb.WORKFLOW_STATUS_RUNNING)
        step.started_at.CopyFrom(_ts(self.now()))
        try:
            step.detail = await fn()
            step.status = pb.WORKFLOW_STATUS_SUCCEEDED
        except StepFailed as exc:
            step.status, step.detail = pb.WORKFLOW_STATUS_FAILED, str(exc)
        except OmniError as exc:
            step.status = pb.WORKFLOW_STATUS_FAILED
            step.detail = f"{exc.code.name}: {exc.message}"
        except Exception as exc:  # a bug in a step must not hide the other steps
            step.status, step.detail = pb.WORKFLOW_STATUS_FAILED, f"error: {exc!r}"
        step.finished_at.CopyFrom(_ts(self.now()))
        return step.status == pb.WORKFLOW_STATUS_SUCCEEDED

    # strategies ----------------------------------------------------------------------------

    async def get_deployment(self, strategy_id: str) -> se.Deployment:
        if not strategy_id:
            raise InvalidArgument("strategy_id is required")
        try:
            resp = await self.down.call("strategy-engine", "GetStrategy",
                                        se.GetStrategyRequest(strategy_id=strategy_id))
        except NotFound:
            raise NotFound(f"unknown strategy {strategy_id!r}") from None
        return resp.deployment

    async def missing_dependencies(self, d: se.Deployment) -> list[str]:
        """What `d` needs and does not have, each naming the service."""
        instruments = [i.value for i in d.instruments if i.value]
        missing: list[str] = []

        async def market() -> None:
            if not await self.down.healthy("market-data"):
                missing.append("market-data: unavailable")
                return
            resp = await self.down.call("market-data", "ListInstruments",
                                        md.ListInstrumentsRequest())
            known = {i.instrument_id.value for i in resp.instruments}
            for inst in instruments:
                if inst not in known:
                    missing.append(f"market-data: no data for instrument {inst}")

        async def risk() -> None:
            if not await self.down.healthy("risk-engine"):
                missing.append("risk-engine: unavailable")
                return
            try:
                resp = await self.down.call("risk-engine", "GetLimits",
                                            rk.GetLimitsRequest(account_id=d.account_id))
                if not any(lim.enabled for lim in resp.limit_set.limits):
                    missing.append(f"risk-engine: no risk limits for account {d.account_id}")
            except NotFound:
                missing.append(f"risk-engine: no risk limits for account {d.account_id}")
            ks = await self.down.call("risk-engine", "GetKillSwitch",
                                      rk.GetKillSwitchRequest(account_id=d.account_id))
            if ks.effective_state == rk.KILL_SWITCH_STATE_HALTED:
                missing.append(f"risk-engine: kill switch HALTED for account {d.account_id}")

        async def venue() -> None:
            if not await self.down.healthy("broker-gateway"):
                missing.append("broker-gateway: unavailable")
                return
            resp = await self.down.call("broker-gateway", "ListVenues", bg.ListVenuesRequest())
            up = [v for v in resp.venues if v.enabled and v.state == bg.VENUE_STATE_UP]
            if not up:
                missing.append("broker-gateway: no venue up")
                return
            for inst in instruments:
                if not any(not v.instruments or inst in {i.value for i in v.instruments}
                           for v in up):
                    missing.append(f"broker-gateway: no venue up for instrument {inst}")

        async def guarded(name: str, fn: Callable[[], Awaitable[None]]) -> None:
            try:
                await fn()
            except OmniError as exc:
                missing.append(f"{name}: {exc.message}")

        await asyncio.gather(guarded("market-data", market), guarded("risk-engine", risk),
                             guarded("broker-gateway", venue))
        order = {"market-data": 0, "risk-engine": 1, "broker-gateway": 2}
        return sorted(missing, key=lambda m: order.get(m.split(":", 1)[0], 9))

    async def check_dependencies(self, strategy_id: str) -> pb.CheckStrategyDependenciesResponse:
        d = await self.get_deployment(strategy_id)
        missing = await self.missing_dependencies(d)
        return pb.CheckStrategyDependenciesResponse(strategy_id=strategy_id, ready=not missing,
                                                    missing=missing)

    async def _command(self, command: int, strategy_id: str, actor: str, reason: str) -> None:
        if command == pb.STRATEGY_COMMAND_START:
            if self.session.globally_halted:
                raise FailedPrecondition(
                    f"cannot start {strategy_id}: a global halt is in force")
            d = await self.get_deployment(strategy_id)
            missing = await self.missing_dependencies(d)
            if missing:
                raise FailedPrecondition(f"cannot start {strategy_id}: " + "; ".join(missing))
            await self.down.call("strategy-engine", "StartStrategy",
                                 se.StartStrategyRequest(strategy_id=strategy_id, actor=actor))
        elif command == pb.STRATEGY_COMMAND_STOP:
            await self.down.call("strategy-engine", "StopStrategy", se.StopStrategyRequest(
                strategy_id=strategy_id, actor=actor, reason=reason or "stopped"))
        elif command == pb.STRATEGY_COMMAND_PAUSE:
            await self.down.call("strategy-engine", "PauseStrategy", se.PauseStrategyRequest(
                strategy_id=strategy_id, actor=actor, reason=reason or "paused"))
        elif command == pb.STRATEGY_COMMAND_RESUME:
            if self.session.globally_halted:
                raise FailedPrecondition(
                    f"cannot resume {strategy_id}: a global halt is in force")
            await self.down.call("strategy-engine", "ResumeStrategy",
                                 se.ResumeStrategyRequest(strategy_id=strategy_id, actor=actor))
        else:
            raise InvalidArgument("command must be START, STOP, PAUSE or RESUME")

    async def control_strategies(self, req: pb.ControlStrategiesRequest
                                 ) -> pb.ControlStrategiesResponse:
        if req.command not in (pb.STRATEGY_COMMAND_START, pb.STRATEGY_COMMAND_STOP,
                               pb.STRATEGY_COMMAND_PAUSE, pb.STRATEGY_COMMAND_RESUME):
            raise InvalidArgument("command must be START, STOP, PAUSE or RESUME")
        actor = req.actor.strip() or "operator"
        ids = list(dict.fromkeys(s for s in req.strategy_ids if s))
        if not ids:
            if not req.account_id:
                raise InvalidArgument("strategy_ids or account_id is required")
            resp = await self.down.call("strategy-engine", "ListDeployments",
                                        se.ListDeploymentsRequest(account_id=req.account_id))
            ids = [d.strategy_id for d in resp.deployments]
        if len(ids) == 1 and req.strategy_ids:
            # one named strategy: its error is the call's error (NOT_FOUND, FAILED_PRECONDITION)
            await self._command(req.command, ids[0], actor, req.reason)
            return pb.ControlStrategiesResponse(
                results=[pb.StrategyControlResult(strategy_id=ids[0], ok=True)])
        results = []
        for sid in ids:
            try:
                await self._command(req.command, sid, actor, req.reason)
                results.append(pb.StrategyControlResult(strategy_id=sid, ok=True))
            except OmniError as exc:
                results.append(pb.StrategyControlResult(
                    strategy_id=sid, ok=False, error=f"{exc.code.name}: {exc.message}"))
        return pb.ControlStrategiesResponse(results=results)

    # global halt ---------------------------------------------------------------------------

    async def global_halt(self, req: pb.GlobalHaltRequest) -> pb.GlobalHaltResponse:
        if not req.actor.strip():
            raise InvalidArgument("actor is required: who halts the fleet")
        if not req.reason.strip():
            raise InvalidArgument("reason is required: why the fleet is halted")
        async with self._lock:
            resp = pb.GlobalHaltResponse()
            # 1. the session first: this process refuses starts from now on
            t = self.session.halt(self.now(), req.actor, req.reason)
            if t:
                self._announce([t])
            ks_state = (rk.KILL_SWITCH_STATE_REDUCING if req.flatten_positions
                        else rk.KILL_SWITCH_STATE_HALTED)

            async def kill_switch() -> str:
                r = await self.down.call("risk-engine", "SetKillSwitch", rk.SetKillSwitchRequest(
                    account_id="", state=ks_state, actor=req.actor, reason=req.reason))
                return f"global kill switch {rk.KillSwitchState.Name(r.kill_switch.state)}"

            await self._step(resp.steps, "kill_switch", "risk-engine", kill_switch)

            async def pause() -> str:
                listed = await self.down.call("strategy-engine", "ListDeployments",
                                              se.ListDeploymentsRequest(
                                                  states=[se.STRATEGY_STATE_RUNNING]))
                failed = []
                for d in listed.deployments:
                    try:
                        await self.down.call("strategy-engine", "PauseStrategy",
                                             se.PauseStrategyRequest(
                                                 strategy_id=d.strategy_id, actor=req.actor,
                                                 reason=f"global halt: {req.reason}"))
                        resp.paused_strategy_ids.append(d.strategy_id)
                    except OmniError as exc:
                        failed.append(f"{d.strategy_id} ({exc.message})")
                for sid in resp.paused_strategy_ids:
                    if sid not in self.paused_by_halt:
                        self.paused_by_halt.append(sid)
                if failed:
                    raise StepFailed("not paused: " + ", ".join(failed))
                return f"paused {len(resp.paused_strategy_ids)} strategies"

            await self._step(resp.steps, "pause_strategies", "strategy-engine", pause)

            if req.cancel_open_orders or req.flatten_positions:
                async def cancel() -> str:
                    orders = await self._open_orders()
                    accounts = list(dict.fromkeys(
                        [*self.accounts, *(o.account_id for o in orders)]))
                    n = 0
                    for acct in accounts:
                        r = await self.down.call("order-manager", "CancelAllOrders",
                                                 om.CancelAllOrdersRequest(
                                                     account_id=acct,
                                                     reason=f"global halt: {req.reason}"))
                        n += len(r.cancelled_order_ids)
                    resp.cancelled_orders = n
                    return f"cancel requested for {n} open orders in {len(accounts)} accounts"

                await self._step(resp.steps, "cancel_open_orders", "order-manager", cancel)

            if req.flatten_positions:
                async def flatten() -> str:
                    tag = new_id()[-8:]
                    n_pos = 0
                    for acct in self.accounts or []:
                        pos = await self.down.call("portfolio-manager", "ListPositions",
                                                   pm.ListPositionsRequest(account_id=acct))
                        for p in pos.positions:
                            if p.quantity == 0:
                                continue
                            n_pos += 1
                            side = common.SIDE_SELL if p.quantity > 0 else common.SIDE_BUY
                            r = await self.down.call("order-manager", "SubmitOrder",
                                                     om.SubmitOrderRequest(
                                client_order_id=f"flatten-{tag}-{p.instrument_id.value}",
                                account_id=acct, strategy_id="orchestrator-flatten",
                                instrument_id=p.instrument_id, side=side,
                                order_type=common.ORDER_TYPE_MARKET,
                                time_in_force=common.TIME_IN_FORCE_DAY,
                                quantity=abs(p.quantity),
                                tags={"reason": "global halt flatten"}))
                            resp.flatten_order_ids.append(r.order.order_id)
                    return (f"{len(resp.flatten_order_ids)} closing orders for {n_pos} positions"
                            if self.accounts else "no accounts configured")

                await self._step(resp.steps, "flatten_positions", "portfolio-manager", flatten)

            resp.session.CopyFrom(self.get_session())
            self.publish(ev.GlobalHaltChanged(service=SERVICE, halted=True, actor=req.actor,
                                              reason=req.reason, event_time=_ts(self.now())))
            return resp

    async def global_resume(self, req: pb.GlobalResumeRequest) -> pb.GlobalResumeResponse:
        if not req.actor.strip():
            raise InvalidArgument("actor is required: who resumes trading")
        if not req.reason.strip():
            raise InvalidArgument("reason is required: why trading resumes")
        async with self._lock:
            resp = pb.GlobalResumeResponse()

            async def kill_switch() -> str:
                r = await self.down.call("risk-engine", "SetKillSwitch", rk.SetKillSwitchRequest(
                    account_id="", state=rk.KILL_SWITCH_STATE_ACTIVE, actor=req.actor,
                    reason=req.reason))
                return f"global kill switch {rk.KillSwitchState.Name(r.kill_switch.state)}"

            ok = await self._step(resp.steps, "kill_switch", "risk-engine", kill_switch)
            if not ok:
                # trading stays halted while risk-engine still says HALTED (or cannot say)
                raise FailedPrecondition(
                    "cannot resume: risk-engine kill switch not reset ("
                    + resp.steps[0].detail + ")")
            self._announce(self.session.resume(self.now(), req.actor, req.reason))
            if req.resume_strategies:
                async def resume() -> str:
                    failed = []
                    for sid in list(self.paused_by_halt):
                        try:
                            await self.down.call("strategy-engine", "ResumeStrategy",
                                                 se.ResumeStrategyRequest(strategy_id=sid,
                                                                          actor=req.actor))
                            resp.resumed_strategy_ids.append(sid)
                            self.paused_by_halt.remove(sid)
                        except OmniError as exc:
                            failed.append(f"{sid} ({exc.message})")
                    if failed:
                        raise StepFailed("not resumed: " + ", ".join(failed))
                    return f"resumed {len(resp.resumed_strategy_ids)} strategies"

                await self._step(resp.steps, "resume_strategies", "strategy-engine", resume)
            resp.session.CopyFrom(self.get_session())
            self.publish(ev.GlobalHaltChanged(service=SERVICE, halted=False, actor=req.actor,
                                              reason=req.reason, event_time=_ts(self.now())))
            return resp

    # workflows -----------------------------------------------------------------------------

    def _keep(self, wf: pb.Workflow) -> None:
        self.workflows[wf.workflow_id] = wf
        self.workflows.move_to_end(wf.workflow_id)
        while len(self.workflows) > MAX_WORKFLOWS:
            old, _ = self.workflows.popitem(last=False)
            for k in [k for k, v in self._idem.items() if v == old]:
                del self._idem[k]

    def _wf_event(self, wf: pb.Workflow) -> None:
        self.publish(ev.WorkflowStatusChanged(service=SERVICE, workflow=wf,
                                              event_time=_ts(self.now())))

    def get_workflow(self, workflow_id: str) -> pb.Workflow:
        if not workflow_id:
            raise InvalidArgument("workflow_id is required")
        wf = self.workflows.get(workflow_id)
        if wf is None:
            raise NotFound(f"no workflow {workflow_id!r}")
        return wf

    def list_workflows(self, name: str = "", statuses: list[int] | None = None,
                       page_size: int = 0, page_token: str = "") -> tuple[list[pb.Workflow], str]:
        rows = [w for w in reversed(self.workflows.values())
                if (not name or w.name == name) and (not statuses or w.status in statuses)]
        try:
            start = int(page_token or 0)
        except ValueError:
            raise InvalidArgument("bad page_token") from None
        size = min(page_size or 100, 1000)
        nxt = str(start + size) if start + size < len(rows) else ""
        return rows[start:start + size], nxt

    async def start_workflow(self, req: pb.StartWorkflowRequest) -> pb.Workflow:
        if req.name not in WORKFLOWS:
            raise InvalidArgument(f"unknown workflow {req.name!r}; known: {', '.join(WORKFLOWS)}")
        if req.idempotency_key and req.idempotency_key in self._idem:
            return self.workflows[self._idem[req.idempotency_key]]
        date = None
        for p in req.parameters:
            if p.name == "trading_date" and p.WhichOneof("value") == "string_value":
                try:
                    date = datetime.fromisoformat(p.string_value).replace(tzinfo=UTC)
                except ValueError:
                    raise InvalidArgument("trading_date must be YYYY-MM-DD") from None
        wf, _ = await self.run_end_of_day(date, req.actor or "operator",
                                          idempotency_key=req.idempotency_key,
                                          parameters=list(req.parameters))
        return wf

    async def run_end_of_day(self, trading_date: datetime | None, actor: str, *,
                             idempotency_key: str = "",
                             parameters: list[Any] | None = None) -> tuple[pb.Workflow, str]:
        day = trading_date or self.session.schedule.window(self.now()).trading_date
        day = datetime(day.year, day.month, day.day, tzinfo=UTC)
        date_s = day.date().isoformat()
        async with self._eod_lock:
            wf = pb.Workflow(workflow_id=new_id(), name="end_of_day",
                             status=pb.WORKFLOW_STATUS_RUNNING, started_by=actor or "operator",
                             parameters=parameters or [
                                 common.Parameter(name="trading_date", string_value=date_s)])
            wf.started_at.CopyFrom(_ts(self.now()))
            if idempotency_key:
                self._idem[idempotency_key] = wf.workflow_id
            self._keep(wf)
            self._wf_event(wf)
            data: dict[str, Any] = {"trading_date": date_s}
            day_range = common.TimeRange(start=_ts(day), end=_ts(day + timedelta(days=1)))

            async def cancel_day_orders() -> str:
                orders = await self._open_orders()
                day_orders = [o for o in orders if o.time_in_force == common.TIME_IN_FORCE_DAY]
                failed = []
                for o in day_orders:
                    try:
                        await self.down.call("order-manager", "CancelOrder", om.CancelOrderRequest(
                            account_id=o.account_id, order_id=o.order_id,
                            reason="end of day"))
                    except OmniError as exc:
                        failed.append(f"{o.order_id} ({exc.message})")
                data["cancelled_day_orders"] = [o.order_id for o in day_orders]
                if failed:
                    raise StepFailed("not cancelled: " + ", ".join(failed))
                return f"{len(day_orders)} day orders cancelled, {len(orders)} open orders seen"

            async def reconcile() -> str:
                r = await self.down.call("broker-gateway", "Reconcile", bg.ReconcileRequest(),
                                         timeout=60)
                data["reconciliation"] = _dict(r)
                detail = (f"{r.venues_checked} venues, {r.orders_checked} orders checked, "
                          f"{len(r.discrepancies)} discrepancies")
                if r.failed_venues:
                    raise StepFailed(detail + "; unreachable venues: " + ", ".join(r.failed_venues))
                return detail

            async def mark_to_market() -> str:
                insts = await self.down.call("market-data", "ListInstruments",
                                             md.ListInstrumentsRequest())
                marks: dict[str, float] = {}
                for i in insts.instruments:
                    try:
                        q = (await self.down.call("market-data", "GetQuote", md.GetQuoteRequest(
                            instrument_id=i.instrument_id))).quote
                    except NotFound:
                        continue
                    if q.bid > 0 and q.ask > 0:
                        marks[i.instrument_id.value] = (q.bid + q.ask) / 2
                data["marks"] = marks
                return f"{len(marks)} of {len(insts.instruments)} instruments marked"

            async def snapshot_nav() -> str:
                if not self.accounts:
                    raise StepFailed("no accounts configured (OMNI_ACCOUNTS)")
                navs = {}
                for acct in self.accounts:
                    p = (await self.down.call("portfolio-manager", "GetPortfolio",
                                              pm.GetPortfolioRequest(account_id=acct))).portfolio
                    navs[acct] = {"nav": p.nav.value, "cash": p.cash.value,
                                  "gross_exposure": p.gross_exposure.value,
                                  "net_exposure": p.net_exposure.value,
                                  "positions": [_dict(x) for x in p.positions],
                                  "pnl": _dict(p.pnl)}
                data["nav"] = navs
                return ", ".join(f"{a} NAV {v['nav'] or '0'}" for a, v in navs.items())

            async def trading_summary() -> str:
                fills = []
                token = ""
                for _ in range(100):
                    r = await self.down.call("order-manager", "ListFills", om.ListFillsRequest(
                        executed=day_range, page=common.PageRequest(page_size=1000,
                                                                    page_token=token)))
                    fills.extend(r.fills)
                    token = r.page.next_page_token
                    if not token:
                        break
                data["fills"] = [_dict(f) for f in fills]
                return f"{len(fills)} fills on {date_s}"

            async def performance() -> str:
                if not self.accounts:
                    raise StepFailed("no accounts configured (OMNI_ACCOUNTS)")
                perf = {}
                for acct in self.accounts:
                    r = await self.down.call("analytics", "GetPerformance",
                                             an.GetPerformanceRequest(
                                                 subject=an.Subject(account_id=acct)))
                    perf[acct] = _dict(r.metrics)
                data["performance"] = perf
                return f"statistics for {len(perf)} accounts"

            steps = [
                ("cancel_day_orders", "order-manager", cancel_day_orders),
                ("reconcile", "broker-gateway", reconcile),
                ("mark_to_market", "market-data", mark_to_market),
                ("snapshot_nav", "portfolio-manager", snapshot_nav),
                ("trading_summary", "order-manager", trading_summary),
                ("performance_statistics", "analytics", performance),
            ]
            for name, service, fn in steps:
                await self._step(wf.steps, name, service, fn)
                self._wf_event(wf)

            out_dir = self.reports_dir / date_s

            async def write_reports() -> str:
                wf_view = pb.Workflow()
                wf_view.CopyFrom(wf)
                failed = [s.name for s in wf.steps if s.status == pb.WORKFLOW_STATUS_FAILED]
                doc = {"workflow": _dict(wf_view), "failed_steps": failed, **data}
                await asyncio.to_thread(_write_reports, out_dir, doc)
                return f"written to {out_dir}"

            await self._step(wf.steps, "write_reports", "orchestrator", write_reports)
            failed = any(s.status == pb.WORKFLOW_STATUS_FAILED for s in wf.steps)
            wf.status = pb.WORKFLOW_STATUS_FAILED if failed else pb.WORKFLOW_STATUS_SUCCEEDED
            wf.finished_at.CopyFrom(_ts(self.now()))
            self._wf_event(wf)
            # the final status in the JSON too
            await asyncio.to_thread(_patch_status, out_dir, wf)
            return wf, str(out_dir)


STATUS = {pb.WORKFLOW_STATUS_SUCCEEDED: "SUCCEEDED", pb.WORKFLOW_STATUS_FAILED: "FAILED",
          pb.WORKFLOW_STATUS_RUNNING: "RUNNING", pb.WORKFLOW_STATUS_PENDING: "PENDING",
          pb.WORKFLOW_STATUS_CANCELLED: "CANCELLED"}


def _write_reports(out_dir: Path, doc: dict[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / "end_of_day.json.tmp"
    tmp.write_text(json.dumps(doc, indent=2, sort_keys=True, default=str))
    tmp.replace(out_dir / "end_of_day.json")
    (out_dir / "end_of_day.html").write_text(_html(doc))


def _patch_status(out_dir: Path, wf: pb.Workflow) -> None:
    path = out_dir / "end_of_day.json"
    if not path.exists():
        return
    doc = json.loads(path.read_text())
    doc["workflow"] = _dict(wf)
    doc["status"] = STATUS.get(wf.status, "UNSPECIFIED")
    path.write_text(json.dumps(doc, indent=2, sort_keys=True, default=str))
    (out_dir / "end_of_day.html").write_text(_html(doc))


def _html(doc: dict[str, Any]) -> str:
    e = html.escape
    wf = doc.get("workflow", {})
    rows = "".join(
        f"<tr class='{e(str(s.get('status', '')))}'><td>{e(s.get('name', ''))}</td>"
        f"<td>{e(s.get('service', ''))}</td><td>{e(str(s.get('status', '')))}</td>"
        f"<td>{e(s.get('detail', ''))}</td></tr>" for s in wf.get("steps", []))
    nav_rows = "".join(
        f"<tr><td>{e(a)}</td><td>{e(str(v.get('nav')))}</td><td>{e(str(v.get('cash')))}</td>"
        f"<td>{len(v.get('positions', []))}</td></tr>" for a, v in (doc.get("nav") or {}).items())
    perf_rows = "".join(
        f"<tr><td>{e(a)}</td><td>{e(json.dumps(m, sort_keys=True))}</td></tr>"
        for a, m in (doc.get("performance") or {}).items())
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>End of day {e(doc.get('trading_date', ''))}</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{border:1px solid #ccc;padding:4px 8px}}
table{{border-collapse:collapse;margin-bottom:1.5em}}.WORKFLOW_STATUS_FAILED{{background:#fdd}}
.WORKFLOW_STATUS_SUCCEEDED{{background:#dfd}}</style></head><body>
<h1>End of day {e(doc.get('trading_date', ''))}</h1>
<p>Status: <b>{e(str(doc.get('status', wf.get('status', ''))))}</b>;
failed steps: {e(', '.join(doc.get('failed_steps', [])) or 'none')}</p>
<h2>Steps</h2><table><tr><th>step</th><th>service</th><th>status</th><th>detail</th></tr>
{rows}</table>
<h2>NAV</h2><table><tr><th>account</th><th>NAV</th><th>cash</th><th>positions</th></tr>
{nav_rows}</table>
<h2>Performance</h2><table><tr><th>account</th><th>statistics</th></tr>{perf_rows}</table>
<h2>Fills</h2><p>{len(doc.get('fills') or [])} fills</p>
</body></html>"""
