"""The risk-engine Service in process as the kit runs it: embedded broker, PostgreSQL, the
gRPC API through the kit's server. Fills and prices arrive over Kafka; check results and
kill-switch changes are published on risk-management; state survives a restart."""

from __future__ import annotations

import uuid

import pytest
from omni.common.v1 import types_pb2 as ct
from omni.market_data.v1 import events_pb2 as md
from omni.orchestrator.v1 import events_pb2 as orch
from omni.order_manager.v1 import events_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2 as om_pb
from omni.risk_engine.v1 import events_pb2 as ev
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rpc
from omni_core.bus import EventBus
from omni_core.envelope import decode, unpack
from omni_core.rpc import channel
from omni_testing.kafka import read_topic, wait_until
from risk_helpers import LT, account, lim, limit_set, order
from svc_risk_engine.app import Settings, build

HALTED = pb.KILL_SWITCH_STATE_HALTED


def make_service(kafka_bootstrap, kafka_topics, postgres_url, tmp_path):
    settings = Settings(
        kafka_bootstrap=kafka_bootstrap,
        database_url=postgres_url.url,
        database_schema=postgres_url.schema,
        grpc_host="127.0.0.1",
        grpc_port=0,
        metrics_port=0,
        home=tmp_path,
        risk_evaluate_interval=0.05,
    )
    return build(
        settings,
        topics=kafka_topics,
        bus_overrides={
            "group_id": f"risk-engine-{uuid.uuid4().hex[:8]}",
            "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01,
            "retry_backoff_max": 0.05,
            "commit_interval_ms": 100,
        },
    )


@pytest.fixture
async def producer(bus_config):
    bus = EventBus(bus_config(), "risk-test-producer")
    await bus.start()
    yield bus
    await bus.stop()


async def test_risk_service_consumes_fills_prices_and_publishes(
    kafka_bootstrap, kafka_topics, postgres_url, tmp_path, producer
):
    svc = make_service(kafka_bootstrap, kafka_topics, postgres_url, tmp_path)
    await svc.start()
    try:
        assert await svc.wait_ready(60), f"not ready: {svc.dependencies}"
        assert await svc.bus.wait_assigned(30)
        engine = svc.risk.engine
        async with channel(svc.grpc_address) as ch:
            stub = rpc.RiskEngineServiceStub(ch)
            await stub.SetAccount(pb.SetAccountRequest(account=account(), actor="ops"))
            await stub.SetLimits(pb.SetLimitsRequest(
                limit_set=limit_set("ACC1", "", lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 150)),
                actor="officer"))
            # a price from market data makes the instrument known and valued
            trade = md.Trade(price=100.0, size=10)
            trade.instrument_id.value = "AAPL.XNAS"
            await producer.publish(kafka_topics["market-data-stream"], "AAPL.XNAS", trade)
            await wait_until(lambda: engine.last_price.get("AAPL.XNAS") == 100.0,
                             what="price consumed")
            # a fill booked by order-manager moves the position
            fill = om_pb.Fill(fill_id="FILL-1", order_id="O-1", account_id="ACC1",
                              strategy_id="S1", side=ct.SIDE_BUY, quantity=100, price=100.0)
            fill.instrument_id.value = "AAPL.XNAS"
            fill.fee.value = "1.00"
            booked = om.FillBooked(account_id="ACC1", fill=fill)
            await producer.publish(kafka_topics["order-management"], "ACC1", booked)
            await producer.publish(kafka_topics["order-management"], "ACC1", booked)  # redelivery
            await wait_until(
                lambda: engine.accounts["ACC1"].book.qty.get("AAPL.XNAS") == 100.0,
                what="fill booked")
            ok = await stub.CheckOrder(order(qty=50, order_id="O-2"))
            assert ok.approved
            bad = await stub.CheckOrder(order(qty=51, order_id="O-3"))
            assert not bad.approved and bad.reasons[0].rule == "max_position_quantity"
            await stub.SetKillSwitch(pb.SetKillSwitchRequest(
                account_id="ACC1", state=pb.KILL_SWITCH_STATE_HALTED, actor="alice",
                reason="desk halt"))
            assert engine.accounts["ACC1"].book.qty["AAPL.XNAS"] == 100.0  # not doubled
            # the orchestrator's global halt reaches every account
            halt = orch.GlobalHaltChanged(service="orchestrator", halted=True, actor="ops",
                                          reason="market-wide halt")
            await producer.publish(kafka_topics["system-monitoring"], "orchestrator", halt)
            await wait_until(lambda: engine.effective_state("OTHER") == HALTED,
                             what="global halt applied")

        await svc.risk.drain()
        msgs = read_topic(kafka_bootstrap, kafka_topics["risk-management"], 4, timeout=20)
        events = [(m.key().decode(), unpack(decode(m.value()))) for m in msgs]
        checks = [(k, e) for k, e in events if isinstance(e, ev.OrderCheckResult)]
        assert [(k, e.order_id, e.approved) for k, e in checks] == [
            ("ACC1", "O-2", True), ("ACC1", "O-3", False)]
        switches = [(k, e) for k, e in events if isinstance(e, ev.KillSwitchChanged)]
        assert [k for k, _ in switches] == ["ACC1", "*"]
        assert switches[1][1].kill_switch.actor == "ops" and switches[1][1].cancel_open_orders
        key, change = switches[0]
        assert key == "ACC1" and change.cancel_open_orders
        assert change.kill_switch.state == pb.KILL_SWITCH_STATE_HALTED
        assert change.kill_switch.actor == "alice"
    finally:
        await svc.stop()

    # restart on the same database: positions rebuilt from fills, the switch still HALTED
    svc2 = make_service(kafka_bootstrap, kafka_topics, postgres_url, tmp_path)
    await svc2.start()
    try:
        assert await svc2.wait_ready(60)
        engine2 = svc2.risk.engine
        assert engine2.accounts["ACC1"].book.qty["AAPL.XNAS"] == 100.0
        assert engine2.effective_state("ACC1") == pb.KILL_SWITCH_STATE_HALTED
        async with channel(svc2.grpc_address) as ch:
            stub = rpc.RiskEngineServiceStub(ch)
            hist = await stub.ListKillSwitchHistory(
                pb.ListKillSwitchHistoryRequest(account_id="ACC1"))
            assert [(c.actor, c.reason) for c in hist.changes] == [("alice", "desk halt")]
            got = await stub.GetLimits(pb.GetLimitsRequest(account_id="ACC1"))
            assert got.limit_set.version == 1
    finally:
        await svc2.stop()
