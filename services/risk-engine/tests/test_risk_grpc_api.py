"""The gRPC API in process (the kit's RpcServer with its interceptors): CheckOrder, limits,
kill switch with persisted history, VaR, stress, drawdown, reference data, INVALID_ARGUMENT."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import grpc
import pytest
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import events_pb2 as ev
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rpc
from omni_core.clock import SimulatedClock
from omni_core.db import Database
from omni_core.rpc import channel
from risk_helpers import LT, account, lim, limit_set, order
from svc_risk_engine.app import SERVICE_FULL_NAME
from svc_risk_engine.engine import RiskEngine
from svc_risk_engine.servicer import RiskRuntime, RiskServicer
from svc_risk_engine.store import RiskStore


@pytest.fixture
async def api(grpc_server, sqlite_url):
    db = Database(sqlite_url)
    await db.migrate("svc_risk_engine.migrations", version_table="alembic_version_risk_engine")
    published: list[tuple[str, str, object]] = []
    engine = RiskEngine(SimulatedClock(datetime(2024, 5, 6, 14, tzinfo=UTC)))
    rt = RiskRuntime(engine, RiskStore(db), lambda t, k, e: published.append((t, k, e)))
    rt.start()
    _, address = await grpc_server(
        (rpc.add_RiskEngineServiceServicer_to_server, RiskServicer(rt), SERVICE_FULL_NAME))
    async with channel(address) as ch:
        yield rpc.RiskEngineServiceStub(ch), rt, published
    await rt.stop()
    await db.dispose()


async def setup_account(stub, *limits):
    await stub.SetAccount(pb.SetAccountRequest(account=account(equity="1000000"), actor="ops"))
    inst = pb.InstrumentRiskData(asset_class=ct.ASSET_CLASS_EQUITY, sector="tech",
                                 multiplier=1.0, currency="USD")
    inst.instrument_id.value = "AAPL.XNAS"
    await stub.UpsertInstruments(pb.UpsertInstrumentsRequest(instruments=[inst]))
    resp = await stub.SetLimits(pb.SetLimitsRequest(limit_set=limit_set("ACC1", "", *limits),
                                                    expected_version=0, actor="officer"))
    return resp.limit_set


async def test_risk_grpc_check_order_pass_fail_and_event(api):
    stub, rt, published = api
    ls = await setup_account(stub, lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 100))
    assert ls.version == 1 and ls.updated_by == "officer"
    rt.engine.update_price("AAPL.XNAS", 100.0)
    ok = await stub.CheckOrder(order(qty=50, order_id="O1"))
    assert ok.approved and ok.check_id and ok.kill_switch_state == pb.KILL_SWITCH_STATE_ACTIVE
    bad = await stub.CheckOrder(order(qty=150, order_id="O2"))
    assert not bad.approved
    assert [(r.rule, r.observed.value, r.threshold.value) for r in bad.reasons] == [
        ("max_order_quantity", "150", "100")]
    assert bad.reasons[0].limit_type == LT.LIMIT_TYPE_MAX_ORDER_QUANTITY
    results = [e for t, k, e in published if isinstance(e, ev.OrderCheckResult)]
    assert [(r.order_id, r.approved) for r in results] == [("O1", True), ("O2", False)]
    assert results[1].check_id == bad.check_id and results[1].reasons[0].rule == (
        "max_order_quantity")
    assert all(k == "ACC1" for t, k, e in published if isinstance(e, ev.OrderCheckResult))
    unknown = await stub.CheckOrder(order(account="NOPE"))
    assert not unknown.approved and unknown.reasons[0].rule == "unknown_account"
    unknown = await stub.CheckOrder(order(inst="NOPE.XNAS"))
    assert not unknown.approved and unknown.reasons[0].rule == "unknown_instrument"


@pytest.mark.parametrize(
    "req",
    [
        order(qty=0),
        order(qty=-1),
        order(qty=math.nan),
        order(order_type=ct.ORDER_TYPE_LIMIT, limit_price=math.inf),
        order(side=ct.SIDE_UNSPECIFIED),
        order(account=""),
        order(inst=""),
    ],
)
async def test_risk_grpc_malformed_check_is_invalid_argument(api, req):
    stub, _, published = api
    await setup_account(stub)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.CheckOrder(req)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert not [e for _, _, e in published if isinstance(e, ev.OrderCheckResult)]


async def test_risk_grpc_limits_versioning_get_and_usage(api):
    stub, rt, _ = api
    await setup_account(stub, lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 100_000))
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.SetLimits(pb.SetLimitsRequest(limit_set=limit_set("ACC1", ""),
                                                 expected_version=0, actor="x"))
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    got = await stub.GetLimits(pb.GetLimitsRequest(account_id="ACC1"))
    assert got.limit_set.version == 1 and len(got.limit_set.limits) == 1
    v2 = await stub.SetLimits(pb.SetLimitsRequest(
        limit_set=limit_set("ACC1", "", lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 200_000)),
        expected_version=1, actor="head-of-risk"))
    assert v2.limit_set.version == 2
    hist = await stub.ListLimitHistory(pb.ListLimitHistoryRequest(account_id="ACC1"))
    assert [(h.version, h.updated_by, h.limits[0].threshold.value) for h in hist.limit_sets] == [
        (2, "head-of-risk", "200000"), (1, "officer", "100000")]
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetLimits(pb.GetLimitsRequest(account_id="ACC1", strategy_id="nope"))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    for bad in (lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, "abc"),
                lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, -5),
                lim(LT.LIMIT_TYPE_MAX_SECTOR_EXPOSURE, 5)):
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.SetLimits(pb.SetLimitsRequest(limit_set=limit_set("ACC1", "", bad),
                                                     expected_version=2, actor="x"))
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    rt.engine.apply_fill("F1", "ACC1", "S1", "AAPL.XNAS", ct.SIDE_BUY, 500, 100.0)
    usage = await stub.GetLimitUsage(pb.GetLimitUsageRequest(account_id="ACC1"))
    assert len(usage.usages) == 1
    u = usage.usages[0]
    assert u.current.value == "50000" and u.utilization == pytest.approx(0.25) and not u.breached


async def test_risk_grpc_kill_switch_roundtrip_history_and_event(api):
    stub, _, published = api
    await setup_account(stub)
    for bad in (pb.SetKillSwitchRequest(account_id="ACC1", state=pb.KILL_SWITCH_STATE_HALTED,
                                        actor="", reason="x"),
                pb.SetKillSwitchRequest(account_id="ACC1", state=pb.KILL_SWITCH_STATE_HALTED,
                                        actor="a", reason=" "),
                pb.SetKillSwitchRequest(account_id="ACC1", actor="a", reason="b")):
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.SetKillSwitch(bad)
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    resp = await stub.SetKillSwitch(pb.SetKillSwitchRequest(
        account_id="ACC1", state=pb.KILL_SWITCH_STATE_HALTED, actor="alice",
        reason="runaway strategy"))
    assert resp.kill_switch.state == pb.KILL_SWITCH_STATE_HALTED
    assert resp.kill_switch.actor == "alice"
    got = await stub.GetKillSwitch(pb.GetKillSwitchRequest(account_id="ACC1"))
    assert got.effective_state == pb.KILL_SWITCH_STATE_HALTED
    check = await stub.CheckOrder(order())
    assert not check.approved and check.reasons[0].rule == "kill_switch"
    assert check.kill_switch_state == pb.KILL_SWITCH_STATE_HALTED
    changes = [(k, e) for t, k, e in published if isinstance(e, ev.KillSwitchChanged)]
    assert len(changes) == 1
    key, change = changes[0]
    assert key == "ACC1" and change.cancel_open_orders
    assert change.previous_state == pb.KILL_SWITCH_STATE_ACTIVE
    assert change.kill_switch.reason == "runaway strategy"
    await stub.SetKillSwitch(pb.SetKillSwitchRequest(
        account_id="ACC1", state=pb.KILL_SWITCH_STATE_REDUCING, actor="bob", reason="unwind"))
    await stub.SetKillSwitch(pb.SetKillSwitchRequest(
        account_id="", state=pb.KILL_SWITCH_STATE_REDUCING, actor="ops", reason="global"))
    hist = await stub.ListKillSwitchHistory(pb.ListKillSwitchHistoryRequest(account_id="ACC1"))
    assert [(c.actor, c.state) for c in hist.changes] == [
        ("bob", pb.KILL_SWITCH_STATE_REDUCING), ("alice", pb.KILL_SWITCH_STATE_HALTED)]
    glob = [k for t, k, e in published if isinstance(e, ev.KillSwitchChanged)]
    assert glob[-1] == "*"
    g = await stub.GetKillSwitch(pb.GetKillSwitchRequest(account_id="OTHER"))
    assert g.effective_state == pb.KILL_SWITCH_STATE_REDUCING


async def test_risk_grpc_var_stress_drawdown(api):
    stub, rt, published = api
    await setup_account(stub, lim(LT.LIMIT_TYPE_MAX_DAILY_LOSS, 1000),
                        lim(LT.LIMIT_TYPE_MAX_DRAWDOWN, 0.2, action=pb.BREACH_ACTION_HALT))
    rt.engine.apply_fill("F1", "ACC1", "S1", "AAPL.XNAS", ct.SIDE_BUY, 1000, 100.0)
    # no return history: parametric with the default vol (2% a day)
    var = await stub.GetVar(pb.GetVarRequest(account_id="ACC1", confidence=0.99,
                                             include_contributions=True))
    r = var.result
    assert r.method == pb.VAR_METHOD_PARAMETRIC
    assert float(r.var.value) == pytest.approx(2.3263478740 * 0.02 * 100_000, rel=1e-6)
    assert float(r.expected_shortfall.value) >= float(r.var.value)
    assert float(r.contributions[0].component_var.value) == pytest.approx(float(r.var.value))
    # with history: bars feed the historical method
    import numpy as np
    from omni.market_data.v1 import events_pb2 as md

    rng = np.random.default_rng(0)
    px = 100.0
    for d in range(120):
        bar = md.Bar(timeframe="1d", close=px)
        bar.instrument_id.value = "AAPL.XNAS"
        bar.start.seconds = 1_700_000_000 + d * 86_400
        rt.on_bar(bar)
        px *= 1 + rng.normal(0, 0.01)
    hist = await stub.GetVar(pb.GetVarRequest(account_id="ACC1",
                                              method=pb.VAR_METHOD_HISTORICAL))
    assert hist.result.method == pb.VAR_METHOD_HISTORICAL and hist.result.sample_size == 119
    mc = await stub.GetVar(pb.GetVarRequest(account_id="ACC1", method=pb.VAR_METHOD_MONTE_CARLO,
                                            simulations=2000))
    assert mc.result.method == pb.VAR_METHOD_MONTE_CARLO and mc.result.sample_size == 2000
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetVar(pb.GetVarRequest(account_id="ACC1", confidence=1.5))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetVar(pb.GetVarRequest(account_id="NOPE"))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND

    stress = await stub.RunStressTest(pb.RunStressTestRequest(account_id="ACC1"))
    names = [s.scenario for s in stress.results]
    assert names == [pb.STRESS_SCENARIO_GFC_2008, pb.STRESS_SCENARIO_COVID_MARCH_2020,
                     pb.STRESS_SCENARIO_RATE_SHOCK_2022]
    value = float(stress.portfolio_value.value)
    gfc = stress.results[0]
    assert float(gfc.pnl.value) == pytest.approx(-0.399 * value)
    assert pb.LIMIT_TYPE_MAX_DAILY_LOSS in gfc.breached_limits
    shock = pb.Shock(move=-0.1)
    shock.instrument_id.value = "AAPL.XNAS"
    hyp = await stub.RunStressTest(pb.RunStressTestRequest(
        account_id="ACC1", shocks=[shock], hypothetical_name="AAPL -10%"))
    assert len(hyp.results) == 1 and hyp.results[0].name == "AAPL -10%"
    assert float(hyp.results[0].pnl.value) == pytest.approx(-0.1 * value)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.RunStressTest(pb.RunStressTestRequest(account_id="ACC1",
                                                         shocks=[pb.Shock(move=0.1)]))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert any(isinstance(e, ev.StressTestCompleted) for _, _, e in published)

    rt.engine.update_price("AAPL.XNAS", 75.0)  # -25k on 1m equity: 2.5% drawdown
    dd = await stub.GetDrawdown(pb.GetDrawdownRequest(account_id="ACC1"))
    assert dd.current_drawdown == pytest.approx(25_000 / 1_000_000)
    assert float(dd.daily_pnl.value) == pytest.approx(-25_000)
    assert [(r.threshold, r.action) for r in dd.rules] == [(0.2, pb.BREACH_ACTION_HALT)]
    breaches = [e for _, _, e in published if isinstance(e, ev.LimitBreached)]
    assert breaches and breaches[-1].usage.limit.type == LT.LIMIT_TYPE_MAX_DAILY_LOSS


async def test_risk_grpc_account_restrictions_reference_data(api):
    stub, rt, _ = api
    await setup_account(stub)
    rt.engine.update_price("AAPL.XNAS", 100.0)
    acc = await stub.GetAccount(pb.GetAccountRequest(account_id="ACC1"))
    assert acc.account.equity.value == "1000000" and acc.account.buying_power.value == "1000000"
    r = pb.Restriction(kind=pb.RESTRICTION_KIND_NO_TRADE, reason="MNPI")
    r.instrument_id.value = "AAPL.XNAS"
    resp = await stub.SetRestriction(pb.SetRestrictionRequest(restriction=r, actor="compliance"))
    assert len(resp.restrictions) == 1 and resp.restrictions[0].added_by == "compliance"
    check = await stub.CheckOrder(order())
    assert not check.approved and check.reasons[0].rule == "restricted_list"
    await stub.SetRestriction(pb.SetRestrictionRequest(restriction=r, remove=True, actor="c"))
    assert (await stub.CheckOrder(order())).approved
    lst = await stub.ListRestrictions(pb.ListRestrictionsRequest(account_id="ACC1"))
    assert len(lst.restrictions) == 0
    bad = pb.SetAccountRequest(account=account(equity="abc"))
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.SetAccount(bad)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    bad_inst = pb.InstrumentRiskData(multiplier=math.nan)
    bad_inst.instrument_id.value = "X"
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.UpsertInstruments(pb.UpsertInstrumentsRequest(instruments=[bad_inst]))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_risk_var_snapshots_published_and_max_var_limit_halts(api):
    stub, rt, published = api
    await setup_account(stub, lim(LT.LIMIT_TYPE_MAX_VAR, 1000, action=pb.BREACH_ACTION_HALT))
    rt.engine.apply_fill("F1", "ACC1", "S1", "AAPL.XNAS", ct.SIDE_BUY, 1000, 100.0)
    assert await rt.publish_var_snapshots() == 1
    snaps = [(k, e) for _, k, e in published if isinstance(e, ev.VarSnapshot)]
    assert len(snaps) == 1 and snaps[0][0] == "ACC1"
    var = float(snaps[0][1].result.var.value)
    assert var == pytest.approx(2.3263478740 * 0.02 * 100_000, rel=1e-6)  # > 1000
    await rt.drain()
    assert rt.engine.effective_state("ACC1") == pb.KILL_SWITCH_STATE_HALTED
    changes = [e for _, _, e in published if isinstance(e, ev.KillSwitchChanged)]
    assert changes and changes[-1].kill_switch.actor == "risk-engine"
    assert "max_var" in changes[-1].kill_switch.reason
    hist = await stub.ListKillSwitchHistory(pb.ListKillSwitchHistoryRequest(account_id="ACC1"))
    assert hist.changes[0].actor == "risk-engine"
    # evaluation publishes drawdown updates when equity moves
    rt.evaluate_all()
    rt.engine.update_price("AAPL.XNAS", 90.0)
    rt.evaluate_all()
    dd = [e for _, _, e in published if isinstance(e, ev.DrawdownUpdated)]
    assert dd and dd[-1].current_drawdown == pytest.approx(10_000 / 1_000_000)
