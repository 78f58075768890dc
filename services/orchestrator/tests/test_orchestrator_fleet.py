"""The orchestrator against an in-process fleet (real market-data, broker-gateway, risk-engine
and order-manager on the embedded broker; strategy-engine and portfolio-manager stand-ins
until those services exist): dependency checks, strategy control, the global halt sequence
and resume, the end-of-day workflow with a failed step, and the orchestrator as a kit service
over gRPC (events on system-monitoring, halt restored from the kill switch after a restart)."""

from __future__ import annotations

import json
import uuid

import grpc
import pytest
import pytest_asyncio
from omni.common.v1 import types_pb2 as common
from omni.orchestrator.v1 import events_pb2 as ev
from omni.orchestrator.v1 import orchestrator_service_pb2 as pb
from omni.orchestrator.v1 import orchestrator_service_pb2_grpc as pb_grpc
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rk_grpc
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni_core.envelope import decode, unpack
from omni_core.errors import FailedPrecondition, NotFound
from omni_core.rpc import channel
from omni_testing.kafka import read_topic
from orchestrator_helpers import (
    AAPL,
    ACCT,
    in_process_fleet,
    wait_order,
    wait_paper_book,
    wait_position,
    wait_quote,
    wait_risk_position,
    wait_risk_price,
    wait_trading,
)
from svc_orchestrator.clients import Downstream
from svc_orchestrator.core import Orchestrator
from svc_orchestrator.session import HALTED, OPEN, SessionMachine, make_schedule

pytestmark = pytest.mark.timeout(240)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def fleet(kafka_bootstrap, tmp_path_factory):
    async with in_process_fleet(kafka_bootstrap, tmp_path_factory.mktemp("orch-fleet"),
                                "orch") as f:
        for name in ("market-data", "broker-gateway", "risk-engine", "order-manager"):
            if name not in f.addresses:
                pytest.skip(f"{name} not importable")
        await wait_quote(f.addresses["market-data"], AAPL)
        await wait_risk_price(f.addresses["risk-engine"], AAPL)
        await wait_paper_book(f, AAPL)
        await f.deploy("S-OK", ACCT, [AAPL])
        await f.deploy("S-BAD", "ACC2", ["NOPE.XNAS"])
        yield f


def orchestrator(fleet, tmp_path, **addr_overrides) -> Orchestrator:
    addresses = {**fleet.addresses, "analytics": "127.0.0.1:1", "control-plane": "127.0.0.1:1",
                 **addr_overrides}
    events: list = []
    orch = Orchestrator(SessionMachine(make_schedule("24x7")),
                        Downstream(addresses, timeout=5), now=_now,
                        publish=lambda t, k, e: events.append(e), accounts=[ACCT],
                        reports_dir=tmp_path / "reports")
    orch.tick()
    orch.events = events  # type: ignore[attr-defined]
    return orch


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


async def submit(fleet, coid: str, qty: float, limit: float = 0.0,
                 tif: int = common.TIME_IN_FORCE_GTC, account: str = ACCT) -> om.Order:
    async with channel(fleet.addresses["order-manager"]) as ch:
        return (await om_grpc.OrderManagerServiceStub(ch).SubmitOrder(om.SubmitOrderRequest(
            client_order_id=coid, account_id=account, strategy_id="T",
            instrument_id=common.InstrumentId(value=AAPL), side=common.SIDE_BUY,
            order_type=common.ORDER_TYPE_LIMIT if limit else common.ORDER_TYPE_MARKET,
            time_in_force=tif, quantity=qty, limit_price=limit))).order


async def test_dependency_check_names_what_is_missing(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path)
    ok = await orch.check_dependencies("S-OK")
    assert ok.ready and list(ok.missing) == []
    bad = await orch.check_dependencies("S-BAD")
    assert not bad.ready
    assert "market-data: no data for instrument NOPE.XNAS" in bad.missing
    assert "risk-engine: no risk limits for account ACC2" in bad.missing
    assert "broker-gateway: no venue up for instrument NOPE.XNAS" in bad.missing
    with pytest.raises(FailedPrecondition, match="risk-engine: no risk limits for account ACC2"):
        await orch.control_strategies(pb.ControlStrategiesRequest(
            command=pb.STRATEGY_COMMAND_START, strategy_ids=["S-BAD"], actor="t"))
    with pytest.raises(NotFound, match="unknown strategy"):
        await orch.control_strategies(pb.ControlStrategiesRequest(
            command=pb.STRATEGY_COMMAND_START, strategy_ids=["NOPE"], actor="t"))
    assert await fleet.strategy_state("S-BAD") == se.STRATEGY_STATE_DEPLOYED
    await orch.down.close()


async def test_dependency_check_reports_a_service_that_is_down(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path, **{"broker-gateway": "127.0.0.1:1",
                                            "market-data": "127.0.0.1:1"})
    r = await orch.check_dependencies("S-OK")
    assert list(r.missing) == ["market-data: unavailable", "broker-gateway: unavailable"]
    await orch.down.close()


async def test_strategy_lifecycle_global_halt_and_resume(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path)
    assert orch.session.state == OPEN
    r = await orch.control_strategies(pb.ControlStrategiesRequest(
        command=pb.STRATEGY_COMMAND_START, strategy_ids=["S-OK"], actor="ops"))
    assert [x.ok for x in r.results] == [True]
    assert await fleet.strategy_state("S-OK") == se.STRATEGY_STATE_RUNNING
    # a resting buy far below the market: open at the venue
    q = await wait_quote(fleet.addresses["market-data"], AAPL)
    rest = await submit(fleet, f"rest-{uuid.uuid4().hex[:6]}", 5, limit=round(q.bid * 0.5, 2))
    await wait_order(fleet.addresses["order-manager"], rest.order_id,
                     {om.ORDER_STATUS_ACCEPTED})

    halt = await orch.global_halt(pb.GlobalHaltRequest(actor="ops", reason="incident",
                                                       cancel_open_orders=True))
    assert [(s.name, s.status) for s in halt.steps] == [
        ("kill_switch", pb.WORKFLOW_STATUS_SUCCEEDED),
        ("pause_strategies", pb.WORKFLOW_STATUS_SUCCEEDED),
        ("cancel_open_orders", pb.WORKFLOW_STATUS_SUCCEEDED)]
    # order-manager may already be cancelling on the kill-switch event; either way the
    # resting order ends CANCELLED (below)
    assert list(halt.paused_strategy_ids) == ["S-OK"]
    assert halt.session.state == HALTED and halt.session.globally_halted
    assert await fleet.strategy_state("S-OK") == se.STRATEGY_STATE_PAUSED
    async with channel(fleet.addresses["risk-engine"]) as ch:
        ks = await rk_grpc.RiskEngineServiceStub(ch).GetKillSwitch(rk.GetKillSwitchRequest())
        assert ks.kill_switch.state == rk.KILL_SWITCH_STATE_HALTED
    await wait_order(fleet.addresses["order-manager"], rest.order_id,
                     {om.ORDER_STATUS_CANCELLED})
    # the risk engine now refuses new orders; the orchestrator refuses starts
    refused = await submit(fleet, f"halted-{uuid.uuid4().hex[:6]}", 1)
    assert refused.status == om.ORDER_STATUS_REJECTED and "kill" in refused.reject_reason.lower()
    with pytest.raises(FailedPrecondition, match="global halt"):
        await orch.control_strategies(pb.ControlStrategiesRequest(
            command=pb.STRATEGY_COMMAND_START, strategy_ids=["S-OK"], actor="ops"))
    assert any(isinstance(e, ev.GlobalHaltChanged) and e.halted for e in orch.events)

    res = await orch.global_resume(pb.GlobalResumeRequest(actor="ops", reason="all clear",
                                                          resume_strategies=True))
    assert list(res.resumed_strategy_ids) == ["S-OK"]
    assert res.session.state == OPEN and not res.session.globally_halted
    assert await fleet.strategy_state("S-OK") == se.STRATEGY_STATE_RUNNING
    async with channel(fleet.addresses["risk-engine"]) as ch:
        ks = await rk_grpc.RiskEngineServiceStub(ch).GetKillSwitch(rk.GetKillSwitchRequest())
        assert ks.kill_switch.state == rk.KILL_SWITCH_STATE_ACTIVE
    states = [e.session.state for e in orch.events if isinstance(e, ev.SessionStateChanged)]
    assert states[-2:] == [HALTED, OPEN]
    await wait_trading(fleet)
    await orch.control_strategies(pb.ControlStrategiesRequest(
        command=pb.STRATEGY_COMMAND_STOP, account_id=ACCT, actor="ops"))
    assert await fleet.strategy_state("S-OK") == se.STRATEGY_STATE_STOPPED
    await orch.down.close()


async def test_halt_goes_on_when_a_service_is_down_and_reports_it(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path, **{"strategy-engine": "127.0.0.1:1"})
    halt = await orch.global_halt(pb.GlobalHaltRequest(actor="ops", reason="drill",
                                                       cancel_open_orders=True))
    steps = {s.name: s for s in halt.steps}
    assert steps["kill_switch"].status == pb.WORKFLOW_STATUS_SUCCEEDED
    assert steps["pause_strategies"].status == pb.WORKFLOW_STATUS_FAILED
    assert "strategy-engine is unavailable" in steps["pause_strategies"].detail
    assert steps["cancel_open_orders"].status == pb.WORKFLOW_STATUS_SUCCEEDED
    assert halt.session.state == HALTED
    res = await orch.global_resume(pb.GlobalResumeRequest(actor="ops", reason="drill over"))
    assert res.session.state == OPEN
    await wait_trading(fleet)
    await orch.down.close()


async def test_flatten_closes_positions_through_reducing(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path)
    await wait_trading(fleet)
    buy = await submit(fleet, f"pos-{uuid.uuid4().hex[:6]}", 3)
    await wait_order(fleet.addresses["order-manager"], buy.order_id, {om.ORDER_STATUS_FILLED})
    # the halt's closing orders are checked against risk-engine's view of the position
    await wait_risk_position(fleet, 3)
    await wait_position(fleet, 3)
    halt = await orch.global_halt(pb.GlobalHaltRequest(actor="ops", reason="flatten",
                                                       flatten_positions=True))
    steps = {s.name: s for s in halt.steps}
    assert steps["flatten_positions"].status == pb.WORKFLOW_STATUS_SUCCEEDED, steps
    assert len(halt.flatten_order_ids) == 1
    sell = await wait_order(fleet.addresses["order-manager"], halt.flatten_order_ids[0],
                            {om.ORDER_STATUS_FILLED, om.ORDER_STATUS_REJECTED})
    assert sell.status == om.ORDER_STATUS_FILLED and sell.side == common.SIDE_SELL, (
        sell.reject_reason)
    async with channel(fleet.addresses["risk-engine"]) as ch:
        ks = await rk_grpc.RiskEngineServiceStub(ch).GetKillSwitch(rk.GetKillSwitchRequest())
        assert ks.kill_switch.state == rk.KILL_SWITCH_STATE_REDUCING
    await orch.global_resume(pb.GlobalResumeRequest(actor="ops", reason="done"))
    await wait_trading(fleet)
    await orch.down.close()


async def test_end_of_day_records_each_step_and_reports_the_failed_one(fleet, tmp_path):
    orch = orchestrator(fleet, tmp_path)
    await wait_trading(fleet)
    day_order = await submit(fleet, f"day-{uuid.uuid4().hex[:6]}", 2, limit=1.0,
                             tif=common.TIME_IN_FORCE_DAY)
    await wait_order(fleet.addresses["order-manager"], day_order.order_id,
                     {om.ORDER_STATUS_ACCEPTED})
    wf, out_dir = await orch.run_end_of_day(None, "ops")
    steps = {s.name: s for s in wf.steps}
    assert list(steps) == ["cancel_day_orders", "reconcile", "mark_to_market", "snapshot_nav",
                           "trading_summary", "performance_statistics", "write_reports"]
    for name in ("cancel_day_orders", "reconcile", "mark_to_market", "snapshot_nav",
                 "trading_summary", "write_reports"):
        assert steps[name].status == pb.WORKFLOW_STATUS_SUCCEEDED, (name, steps[name].detail)
    # analytics is not running: reported, not hidden, and the workflow is FAILED
    assert steps["performance_statistics"].status == pb.WORKFLOW_STATUS_FAILED
    assert "analytics is unavailable" in steps["performance_statistics"].detail
    assert wf.status == pb.WORKFLOW_STATUS_FAILED
    await wait_order(fleet.addresses["order-manager"], day_order.order_id,
                     {om.ORDER_STATUS_CANCELLED})
    doc = json.loads((tmp_path / "reports" / out_dir.rsplit("/", 1)[-1] /
                      "end_of_day.json").read_text())
    assert doc["status"] == "FAILED" and doc["failed_steps"] == ["performance_statistics"]
    assert AAPL in doc["marks"] and ACCT in doc["nav"]
    assert "performance_statistics" in (tmp_path / "reports" / out_dir.rsplit("/", 1)[-1] /
                                        "end_of_day.html").read_text()
    assert orch.get_workflow(wf.workflow_id).status == pb.WORKFLOW_STATUS_FAILED
    again = await orch.start_workflow(pb.StartWorkflowRequest(name="end_of_day", actor="ops",
                                                              idempotency_key="k1"))
    same = await orch.start_workflow(pb.StartWorkflowRequest(name="end_of_day", actor="ops",
                                                             idempotency_key="k1"))
    assert again.workflow_id == same.workflow_id
    await orch.down.close()


async def test_orchestrator_service_over_grpc(fleet, kafka_bootstrap, tmp_path):
    from svc_orchestrator.app import OrchestratorSettings, build

    addrs = {f"{k.replace('-', '_')}_address": v for k, v in fleet.addresses.items()}
    settings = OrchestratorSettings(
        kafka_bootstrap=kafka_bootstrap, grpc_host="127.0.0.1", grpc_port=0, metrics_port=0,
        home=tmp_path, session_tick_interval=0.05, accounts=ACCT,
        analytics_address="127.0.0.1:1", **addrs)
    svc = build(settings, topics=fleet.topics)
    await svc.start()
    try:
        assert await svc.wait_ready(60), svc.dependencies
        async with channel(svc.grpc_address) as ch:
            stub = pb_grpc.OrchestratorServiceStub(ch)
            s = (await stub.GetSessionState(pb.GetSessionStateRequest())).session
            assert s.state == OPEN and s.calendar == "24x7"
            with pytest.raises(grpc.aio.AioRpcError) as e:
                await stub.TransitionSession(pb.TransitionSessionRequest(
                    target_state=pb.SESSION_STATE_PRE_OPEN, actor="ops"))
            assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
            with pytest.raises(grpc.aio.AioRpcError) as e:
                await stub.GetSessionState(pb.GetSessionStateRequest(calendar="XLON"))
            assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            with pytest.raises(grpc.aio.AioRpcError) as e:
                await stub.ControlStrategies(pb.ControlStrategiesRequest(
                    command=pb.STRATEGY_COMMAND_START, strategy_ids=["S-BAD"], actor="ops"))
            assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
            assert "no risk limits" in e.value.details()
            with pytest.raises(grpc.aio.AioRpcError) as e:
                await stub.GetWorkflow(pb.GetWorkflowRequest(workflow_id="nope"))
            assert e.value.code() == grpc.StatusCode.NOT_FOUND
            h = await stub.GlobalHalt(pb.GlobalHaltRequest(actor="ops", reason="svc test"))
            assert h.session.state == HALTED
    finally:
        await svc.stop()
    # a restarted orchestrator finds the halt in risk-engine's kill switch
    svc = build(settings, topics=fleet.topics)
    await svc.start()
    try:
        assert await svc.wait_ready(60)
        async with channel(svc.grpc_address) as ch:
            stub = pb_grpc.OrchestratorServiceStub(ch)
            s = (await stub.GetSessionState(pb.GetSessionStateRequest())).session
            assert s.state == HALTED and s.globally_halted
            r = await stub.GlobalResume(pb.GlobalResumeRequest(actor="ops", reason="svc test"))
            assert r.session.state == OPEN
    finally:
        await svc.stop()
    msgs = read_topic(kafka_bootstrap, fleet.topics["system-monitoring"], 100000, timeout=3)
    events = [unpack(decode(m.value())) for m in msgs
              if (m.key() or b"") == b"orchestrator"]
    kinds = {type(e).__name__ for e in events}
    assert {"SessionStateChanged", "GlobalHaltChanged"} <= kinds
