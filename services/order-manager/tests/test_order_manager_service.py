"""The service on the kit over the embedded broker: a round trip with the real broker-gateway
code (paper venue) -- gRPC SubmitOrder -> risk-engine CheckOrder (real servicer, gRPC) ->
SubmitOrderCommand via the outbox relay -> broker-gateway -> ExecutionReports -> FILLED ->
FillBooked; gRPC errors; and the outbox surviving a crash between the write and the publish."""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni_core.bus import EventBus
from omni_core.db import Database, Outbox
from omni_core.envelope import decode, unpack
from omni_core.rpc import channel
from omni_testing.kafka import read_topic, wait_until
from order_manager_helpers import AAPL, ACCT, make_db, risk_engine, sub
from svc_order_manager.app import OrderManagerSettings, build
from svc_order_manager.clients import ApproveAll
from svc_order_manager.core import OrderManager
from svc_order_manager.state import S


def settings(kafka_bootstrap, db_url, tmp_path, risk_address) -> OrderManagerSettings:
    return OrderManagerSettings(
        kafka_bootstrap=kafka_bootstrap, database_url=db_url, grpc_host="127.0.0.1",
        grpc_port=0, metrics_port=0, home=tmp_path, risk_engine_address=risk_address,
        market_data_address="127.0.0.1:1", outbox_interval=0.05, risk_timeout=5)


def overrides() -> dict:
    return {"group_id": f"order-manager-{uuid.uuid4().hex[:8]}", "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01, "retry_backoff_max": 0.05, "commit_interval_ms": 100}


def topic_events(bootstrap: str, topic: str, n: int = 1000, timeout: float = 2.0):
    return [unpack(decode(m.value())) for m in read_topic(bootstrap, topic, n, timeout)]


@pytest.fixture
async def gateway(kafka_topics, bus_config, tmp_path):
    from svc_broker_gateway.app import BrokerGatewaySettings, GatewayApp, build_venues

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'gw' / 'gw.db'}")
    await db.migrate("svc_broker_gateway.migrations")
    bus = EventBus(bus_config(group_id=f"bg-{uuid.uuid4().hex[:6]}"), "broker-gateway")
    app = GatewayApp(build_venues(BrokerGatewaySettings(paper_latency_ms=0)), db.engine,
                     bus.publish, topics=kafka_topics)
    for topic, cls, fn in app.handlers():
        bus.subscribe(topic, cls, fn)
    await bus.start()
    await app.start()
    yield app
    await bus.stop()
    await app.stop()
    await db.dispose()


async def test_round_trip_through_broker_gateway(kafka_bootstrap, kafka_topics, sqlite_url,
                                                 tmp_path, grpc_server, gateway, bus_config):
    async with risk_engine(grpc_server, max_quantity=1000) as (risk_addr, _):
        svc = build(settings(kafka_bootstrap, sqlite_url, tmp_path, risk_addr),
                    topics=kafka_topics, bus_overrides=overrides())
        await svc.start()
        feed = EventBus(bus_config(), "market-data")
        await feed.start()
        try:
            assert await svc.wait_ready(60), svc.dependencies
            assert await svc.bus.wait_assigned(30)
            topic_md = kafka_topics["market-data-stream"]
            await feed.publish(topic_md, AAPL, md.BookSnapshot(
                instrument_id=common.InstrumentId(value=AAPL),
                bids=[md.BookLevel(price=189.99, size=300)],
                asks=[md.BookLevel(price=190.01, size=100), md.BookLevel(price=190.02, size=500)]))
            await feed.publish(topic_md, AAPL, md.Quote(
                instrument_id=common.InstrumentId(value=AAPL), bid=189.99, ask=190.01))
            await wait_until(lambda: gateway.paper[0].engines[AAPL].best_ask() == 190.01, 30,
                             "book at the paper venue")
            await wait_until(lambda: svc.app.mgr.market.mid(AAPL) == 190.0, 30, "quote")
            async with channel(svc.grpc_address) as ch:
                stub = om_grpc.OrderManagerServiceStub(ch)
                req = sub("rt-1", 150, tif=common.TIME_IN_FORCE_IOC)
                o = (await stub.SubmitOrder(req)).order
                assert o.status == S.PENDING
                again = (await stub.SubmitOrder(req)).order
                assert again.order_id == o.order_id
                get = om.GetOrderRequest(order_id=o.order_id)

                async def status() -> om.Order:
                    return (await stub.GetOrder(get)).order

                for _ in range(3000):
                    cur = await status()
                    if cur.status == S.FILLED:
                        break
                    await asyncio.sleep(0.01)
                assert cur.status == S.FILLED and cur.filled_quantity == 150
                assert cur.average_fill_price == pytest.approx((100 * 190.01 + 50 * 190.02) / 150)
                assert cur.venue == "paper" and cur.fees.value not in ("", "0")
                fills = (await stub.ListFills(om.ListFillsRequest(order_id=o.order_id))).fills
                assert sum(f.quantity for f in fills) == 150
                tca = (await stub.GetExecutionQuality(
                    om.GetExecutionQualityRequest(order_id=o.order_id))).report
                assert tca.arrival_price == 190.0 and tca.arrival_slippage_bps > 0
                # a resting limit order, cancelled at the venue
                rest = (await stub.SubmitOrder(sub("rt-2", 10, otype=common.ORDER_TYPE_LIMIT,
                                                   limit=180.0))).order
                for _ in range(3000):
                    if (await stub.GetOrder(om.GetOrderRequest(order_id=rest.order_id))
                            ).order.status == S.ACCEPTED:
                        break
                    await asyncio.sleep(0.01)
                c = (await stub.CancelOrder(om.CancelOrderRequest(
                    account_id=ACCT, order_id=rest.order_id, reason="trader"))).order
                assert c.status == S.PENDING_CANCEL
                for _ in range(3000):
                    r = (await stub.GetOrder(om.GetOrderRequest(order_id=rest.order_id))).order
                    if r.status == S.CANCELLED:
                        break
                    await asyncio.sleep(0.01)
                assert r.status == S.CANCELLED and r.reject_reason == "trader"
                # refused by risk: a REJECTED order, not an error
                big = (await stub.SubmitOrder(sub("rt-3", 5000))).order
                assert big.status == S.REJECTED and "max_order_quantity" in big.reject_reason
                # malformed: INVALID_ARGUMENT; unknown: NOT_FOUND
                with pytest.raises(grpc.aio.AioRpcError) as err:
                    await stub.SubmitOrder(sub("rt-4", 0))
                assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
                with pytest.raises(grpc.aio.AioRpcError) as err:
                    await stub.SubmitOrder(sub("rt-5", 1, otype=common.ORDER_TYPE_LIMIT,
                                               limit=float("nan")))
                assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
                with pytest.raises(grpc.aio.AioRpcError) as err:
                    await stub.GetOrder(om.GetOrderRequest(order_id="nope"))
                assert err.value.code() == grpc.StatusCode.NOT_FOUND
            ours = []
            for _ in range(100):
                ours = [e for e in topic_events(kafka_bootstrap, kafka_topics["order-management"])
                        if type(e).__name__ == "FillBooked"]
                if sum(e.fill.quantity for e in ours) >= 150:
                    break
                await asyncio.sleep(0.1)
            assert sum(e.fill.quantity for e in ours) == 150
            assert {e.fill.order_id for e in ours} == {o.order_id}
        finally:
            await feed.stop()
            await svc.stop()


async def test_outbox_rows_written_before_a_crash_are_published_after_restart(
        kafka_bootstrap, kafka_topics, sqlite_url, tmp_path):
    db = await make_db("sqlite", sqlite_url, None)
    m = OrderManager(db, ApproveAll(), topics=kafka_topics,
                     outbox=Outbox(db, source="order-manager"))
    await m.start()
    orders = [await m.submit(sub(f"cr-{i}", 10)) for i in range(3)]
    # crash: no relay ever ran, nothing was published; the process is gone
    assert await Outbox(db).pending() == 6
    await db.dispose()
    svc = build(settings(kafka_bootstrap, sqlite_url, tmp_path, "127.0.0.1:1"),
                topics=kafka_topics, bus_overrides=overrides())
    await svc.start()
    try:
        assert await svc.wait_ready(60)
        await wait_until(lambda: svc.app.relay._task is not None, 30, "relay started")
        outbox = svc.app.outbox
        for _ in range(500):
            if await outbox.pending() == 0:
                break
            await asyncio.sleep(0.02)
        assert await outbox.pending() == 0
        got = topic_events(kafka_bootstrap, kafka_topics["order-management"], 6, 20)
        cmds = [e for e in got if type(e).__name__ == "SubmitOrderCommand"]
        assert [c.order.order_id for c in cmds] == [o.order_id for o in orders]
        # the restarted service knows the orders as they were
        assert (await svc.app.mgr.get(orders[0].order_id)).order.status == S.PENDING
    finally:
        await svc.stop()
