"""The service in-process over the embedded broker: bars in on market-data-stream drive the
deployed strategies (the same runner as the backtester) whose orders go to order-manager over
gRPC (here a servicer speaking OrderManagerService that records and acknowledges); execution
reports from order-management update positions; the gRPC API with its errors; a failing
strategy is isolated and StrategyStateChanged(FAILED) is published."""

from __future__ import annotations

import json
from typing import ClassVar

import grpc
import numpy as np
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as ct
from omni.market_data.v1 import events_pb2 as mde
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.strategy_engine.v1 import events_pb2 as see
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni.strategy_engine.v1.strategy_engine_service_pb2_grpc import StrategyEngineServiceStub
from omni_core.bus import EventBus
from omni_core.envelope import decode, unpack
from omni_core.rpc import channel
from omni_testing.kafka import read_topic, wait_until
from svc_strategy_engine.app import StrategyEngineSettings, build
from svc_strategy_engine.model import Param
from svc_strategy_engine.strategy import Strategy, register

T0 = 1_767_225_600


class Fuse(Strategy):
    name = "test_service_fuse"
    params: ClassVar = {"at": Param("int", 3)}

    def on_start(self):
        self.n = 0

    def on_bar(self, bar):
        self.n += 1
        if self.n >= self.at:
            raise RuntimeError("fuse blew")


register(Fuse)


class FakeOrderManager(om_grpc.OrderManagerServiceServicer):
    def __init__(self):
        self.orders: list[om.SubmitOrderRequest] = []

    async def SubmitOrder(self, request, context):  # noqa: N802
        self.orders.append(request)
        o = om.Order(order_id=f"OM-{len(self.orders)}", client_order_id=request.client_order_id,
                     account_id=request.account_id, strategy_id=request.strategy_id,
                     side=request.side, quantity=request.quantity,
                     status=om.ORDER_STATUS_PENDING)
        o.instrument_id.CopyFrom(request.instrument_id)
        return om.SubmitOrderResponse(order=o)

    async def CancelOrder(self, request, context):  # noqa: N802
        return om.CancelOrderResponse()


def ts(sec: float) -> Timestamp:
    t = Timestamp()
    t.FromNanoseconds(int(sec * 1e9))
    return t


def bar(iid: str, i: int, c: float) -> mde.Bar:
    return mde.Bar(instrument_id=ct.InstrumentId(value=iid), timeframe="1m",
                   start=ts(T0 + 60 * i), end=ts(T0 + 60 * (i + 1)), open=c, high=c + 0.05,
                   low=c - 0.05, close=c, volume=1000, source="test")


@pytest.fixture
async def fleet(kafka_bootstrap, kafka_topics, grpc_server, tmp_path):
    fake = FakeOrderManager()
    _, om_addr = await grpc_server((om_grpc.add_OrderManagerServiceServicer_to_server, fake,
                                    "omni.order_manager.v1.OrderManagerService"))
    deps = [{"strategy_type": "sma_crossover", "strategy_id": "sma-aaa", "account_id": "acc1",
             "instruments": ["AAA.XNAS"], "parameters": {"fast": 2, "slow": 5, "quantity": 10},
             "capital": "50000"},
            {"strategy_type": "test_service_fuse", "strategy_id": "fuse", "account_id": "acc1",
             "instruments": ["AAA.XNAS"], "parameters": {"at": 4}}]
    s = StrategyEngineSettings(kafka_bootstrap=kafka_bootstrap, grpc_port=0,
                               grpc_host="127.0.0.1", metrics_port=None, home=tmp_path,
                               order_manager_address=om_addr,
                               default_deployments=json.dumps(deps), optimization_workers=1)
    svc = build(s, topics=kafka_topics)
    await svc.start()
    assert await svc.wait_ready(30)
    try:
        yield svc, fake
    finally:
        await svc.stop()


async def test_bars_drive_strategies_orders_go_to_order_manager(fleet, kafka_bootstrap,
                                                                kafka_topics, bus_config):
    svc, fake = fleet
    eng = svc.strategy_engine
    runner = eng.runner
    prod = EventBus(bus_config(), "market-data")
    await prod.start()
    try:
        closes = np.concatenate([np.linspace(100, 90, 8), np.linspace(90, 110, 12)])
        for i, c in enumerate(closes):
            prod.publish_nowait(kafka_topics["market-data-stream"], "AAA.XNAS",
                                bar("AAA.XNAS", i, float(c)))
        await prod.flush()
        await wait_until(lambda: len(fake.orders) >= 1, what="an order reached order-manager")
        req = fake.orders[0]
        assert req.strategy_id == "sma-aaa" and req.account_id == "acc1"
        assert req.side == ct.SIDE_BUY and req.quantity == 10
        assert req.client_order_id == "sma-aaa-1" and req.instrument_id.value == "AAA.XNAS"
        sigs = [unpack(decode(m.value())) for m in read_topic(
            kafka_bootstrap, kafka_topics["trading-signals"], 1, timeout=20)]
        assert isinstance(sigs[0], see.StrategySignal)
        assert sigs[0].strategy_id == "sma-aaa" and sigs[0].target_quantity == 10.0
        # the fill comes back from the venue on order-management
        er = ome.ExecutionReport(account_id="acc1", exec_id="F1", exec_type=ome.EXEC_TYPE_FILL,
                                 order_id="OM-1", client_order_id="sma-aaa-1",
                                 last_quantity=10, last_price=101.0, cumulative_quantity=10,
                                 event_time=ts(T0 + 3600))
        er.fee.value = "0.5"
        prod.publish_nowait(kafka_topics["order-management"], "acc1", er)
        prod.publish_nowait(kafka_topics["order-management"], "acc1", er)  # redelivered
        await prod.flush()
        h = runner.get("sma-aaa")
        await wait_until(lambda: h.positions.get("AAA.XNAS") == 10.0, what="fill booked")
        assert h.cash == pytest.approx(50_000 - 1010 - 0.5) and h.n_fills == 1
        # the exploding strategy failed alone; the event says so
        fuse = runner.get("fuse")
        assert fuse.state == se.STRATEGY_STATE_FAILED and "fuse blew" in fuse.error
        assert h.state == se.STRATEGY_STATE_RUNNING
        # RUNNING x2 at start, FAILED, and the two reports we sent
        msgs = read_topic(kafka_bootstrap, kafka_topics["order-management"], 5, timeout=20)
        changes = [unpack(decode(m.value())) for m in msgs
                   if dict(m.headers() or []).get("event-type", b"").endswith(
                       b"StrategyStateChanged")]
        failed = [c for c in changes if isinstance(c, see.StrategyStateChanged)
                  and c.state == se.STRATEGY_STATE_FAILED]
        assert failed and failed[0].strategy_id == "fuse" and "fuse blew" in failed[0].reason
        assert failed[0].previous_state == se.STRATEGY_STATE_RUNNING
        assert {c.strategy_id for c in changes if c.state == se.STRATEGY_STATE_RUNNING} == {
            "sma-aaa", "fuse"}
    finally:
        await prod.stop()


async def test_grpc_api(fleet):
    svc, _ = fleet
    async with channel(svc.grpc_address, default_timeout=120) as ch:
        stub = StrategyEngineServiceStub(ch)
        lib = await stub.ListStrategies(se.ListStrategiesRequest())
        names = {s.strategy_type for s in lib.strategies}
        assert {"sma_crossover", "pairs", "ml_classifier"} <= names
        sma = next(s for s in lib.strategies if s.strategy_type == "sma_crossover")
        assert {p.name for p in sma.parameters} >= {"fast", "slow"}

        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.DeployStrategy(se.DeployStrategyRequest(
                strategy_type="nope", account_id="a", instruments=[ct.InstrumentId(value="X")]))
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "unknown strategy 'nope'" in e.value.details()
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.DeployStrategy(se.DeployStrategyRequest(
                strategy_type="sma_crossover", account_id="a",
                instruments=[ct.InstrumentId(value="X")],
                parameters=[ct.Parameter(name="fast", int_value=50)]))
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "must be < slow" in e.value.details()

        dep = (await stub.DeployStrategy(se.DeployStrategyRequest(
            strategy_type="momentum", account_id="a2", strategy_id="mom-1",
            instruments=[ct.InstrumentId(value="BBB.XNAS")],
            parameters=[ct.Parameter(name="lookback", int_value=5)]))).deployment
        assert dep.state == se.STRATEGY_STATE_DEPLOYED
        r = await stub.StartStrategy(se.StartStrategyRequest(strategy_id="mom-1"))
        assert r.deployment.state == se.STRATEGY_STATE_RUNNING
        r = await stub.PauseStrategy(se.PauseStrategyRequest(strategy_id="mom-1"))
        assert r.deployment.state == se.STRATEGY_STATE_PAUSED
        r = await stub.ResumeStrategy(se.ResumeStrategyRequest(strategy_id="mom-1"))
        assert r.deployment.state == se.STRATEGY_STATE_RUNNING
        r = await stub.StopStrategy(se.StopStrategyRequest(strategy_id="mom-1"))
        assert r.deployment.state == se.STRATEGY_STATE_STOPPED
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.PauseStrategy(se.PauseStrategyRequest(strategy_id="mom-1"))
        assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.GetStrategy(se.GetStrategyRequest(strategy_id="ghost"))
        assert e.value.code() == grpc.StatusCode.NOT_FOUND
        deps = await stub.ListDeployments(se.ListDeploymentsRequest(account_id="a2"))
        assert [d.strategy_id for d in deps.deployments] == ["mom-1"]

        cfg = se.BacktestConfig(strategy_type="sma_crossover", data_source="sim", bars=400,
                                instruments=[ct.InstrumentId(value="AAPL.XNAS")],
                                parameters=[ct.Parameter(name="fast", int_value=5),
                                            ct.Parameter(name="slow", int_value=20)],
                                fee_bps=1.0, slippage_bps=1.0, seed=3)
        cfg.initial_capital.value = "250000"
        bt = (await stub.RunBacktest(se.RunBacktestRequest(config=cfg, wait=True))).backtest
        assert bt.status == se.JOB_STATUS_SUCCEEDED, bt.error
        assert bt.stats.trades > 0 and len(bt.equity_curve) == 400
        assert bt.equity_curve[0].value == 250000.0
        got = await stub.GetBacktest(se.GetBacktestRequest(backtest_id=bt.backtest_id,
                                                           include_trades=True))
        assert len(got.trades) == bt.stats.trades
        lst = await stub.ListBacktests(se.ListBacktestsRequest(strategy_type="sma_crossover"))
        assert bt.backtest_id in [b.backtest_id for b in lst.backtests]

        bad = se.BacktestConfig(strategy_type="sma_crossover", data_source="sp500")
        bad.period.start.FromSeconds(1_900_000_000)
        bt2 = (await stub.RunBacktest(se.RunBacktestRequest(config=bad, wait=True))).backtest
        assert bt2.status == se.JOB_STATUS_FAILED and "no bars in the range" in bt2.error

        opt = await stub.RunOptimization(se.RunOptimizationRequest(
            config=cfg, method=se.SEARCH_METHOD_GRID, objective="total_return",
            search_space=[se.ParameterRange(name="fast", values=[
                ct.Parameter(int_value=3), ct.Parameter(int_value=8)])]))
        assert len(opt.trials) == 2 and opt.best.objective_value == max(
            t.objective_value for t in opt.trials)
        wf = await stub.RunWalkForward(se.RunWalkForwardRequest(
            config=cfg, in_sample_days=200, out_of_sample_days=100,
            search_space=[se.ParameterRange(name="fast", values=[
                ct.Parameter(int_value=3), ct.Parameter(int_value=8)])]))
        assert len(wf.windows) == 2
        assert wf.windows[0].out_of_sample.start.seconds > wf.windows[0].in_sample.end.seconds
