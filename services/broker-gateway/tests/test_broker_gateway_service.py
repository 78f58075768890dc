"""The service wiring: order commands over the embedded broker, state in PostgreSQL, the
gRPC contract through the kit's server (interceptors, error mapping)."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as bg
from omni.broker_gateway.v1 import broker_gateway_service_pb2_grpc as bg_grpc
from omni.broker_gateway.v1 import events_pb2 as bge
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.bus import EventBus
from omni_core.rpc import channel
from omni_testing.kafka import wait_until
from svc_broker_gateway.app import BrokerGatewaySettings, GatewayApp, build_venues
from svc_broker_gateway.grpc_api import FULL_NAME, add_to_server

AAPL = "AAPL.XNAS"


def submit(oid: str, qty: float, inst: str = AAPL, limit: float = 0.0) -> ome.SubmitOrderCommand:
    return ome.SubmitOrderCommand(
        account_id="acct-7",
        order=om.Order(
            order_id=oid,
            client_order_id=f"c-{oid}",
            account_id="acct-7",
            instrument_id=common.InstrumentId(value=inst),
            side=common.SIDE_BUY,
            order_type=common.ORDER_TYPE_LIMIT if limit else common.ORDER_TYPE_MARKET,
            time_in_force=common.TIME_IN_FORCE_GTC if limit else common.TIME_IN_FORCE_IOC,
            quantity=qty,
            limit_price=limit,
        ),
    )


@pytest.fixture
async def app(postgres_url, kafka_topics, bus_config):
    db = postgres_url.database()
    await db.migrate("svc_broker_gateway.migrations")
    bus = EventBus(bus_config(), "broker-gateway")
    settings = BrokerGatewaySettings(paper_latency_ms=0)
    gw_app = GatewayApp(build_venues(settings), db.engine, bus.publish, topics=kafka_topics)
    for topic, cls, fn in gw_app.handlers():
        bus.subscribe(topic, cls, fn)
    await bus.start()
    await gw_app.start()
    yield gw_app
    await bus.stop()
    await gw_app.stop()
    await db.dispose()


async def test_commands_over_the_embedded_broker(app, kafka_topics, bus_config):
    om_bus = EventBus(bus_config(), "order-manager")
    reports: list[ome.ExecutionReport] = []
    monitoring: list[object] = []

    async def on_report(ev: ome.ExecutionReport, ctx) -> None:
        assert ctx.key_str == "acct-7"
        reports.append(ev)

    om_bus.subscribe(kafka_topics["order-management"], ome.ExecutionReport, on_report)

    async def on_monitor(ev, ctx) -> None:
        monitoring.append(ev)

    for cls in (bge.RouteDecided, bge.ReconciliationReport):
        om_bus.subscribe(kafka_topics["system-monitoring"], cls, on_monitor)
    await om_bus.start()
    try:
        topic_md, topic_om = kafka_topics["market-data-stream"], kafka_topics["order-management"]
        await om_bus.publish(
            topic_md,
            AAPL,
            md.BookSnapshot(
                instrument_id=common.InstrumentId(value=AAPL),
                bids=[md.BookLevel(price=189.99, size=300)],
                asks=[md.BookLevel(price=190.01, size=100), md.BookLevel(price=190.02, size=500)],
            ),
        )
        await wait_until(
            lambda: app.paper[0].engines[AAPL].best_ask() == 190.01, 30, "book applied"
        )
        await om_bus.publish(topic_om, "acct-7", submit("o1", 150))
        await om_bus.publish(topic_om, "acct-7", submit("o1", 150))  # redelivered command
        await om_bus.publish(topic_om, "acct-7", submit("bad", 0))
        await om_bus.publish(topic_om, "acct-7", submit("tick", 5, limit=190.005))
        await om_bus.publish(topic_om, "acct-7", submit("rest", 10, limit=180.0))
        await wait_until(
            lambda: {r.order_id for r in reports} >= {"o1", "bad", "tick", "rest"}, 30, "reports"
        )
        await wait_until(lambda: sum(r.order_id == "o1" for r in reports) >= 3, 30, "fills")
        o1 = [r for r in reports if r.order_id == "o1"]
        assert [r.exec_type for r in o1] == [
            ome.EXEC_TYPE_NEW,
            ome.EXEC_TYPE_PARTIAL_FILL,
            ome.EXEC_TYPE_FILL,
        ]
        assert o1[-1].cumulative_quantity == 150 and o1[-1].venue == "paper"
        bad = [r for r in reports if r.order_id == "bad"][0]
        assert bad.exec_type == ome.EXEC_TYPE_REJECTED and "quantity" in bad.reason
        tick = [r for r in reports if r.order_id == "tick"][0]
        assert tick.exec_type == ome.EXEC_TYPE_REJECTED and "tick" in tick.reason
        await om_bus.publish(
            topic_om, "acct-7", ome.CancelOrderCommand(account_id="acct-7", order_id="rest")
        )
        await wait_until(
            lambda: any(
                r.order_id == "rest" and r.exec_type == ome.EXEC_TYPE_CANCELLED for r in reports
            ),
            30,
            "cancel",
        )
        await wait_until(
            lambda: any(isinstance(e, bge.RouteDecided) for e in monitoring), 30, "route event"
        )
        await asyncio.sleep(0.3)
        assert sum(r.order_id == "o1" for r in reports) == 3  # the duplicate changed nothing
    finally:
        await om_bus.stop()


async def test_grpc_contract(app, grpc_server):
    _, address = await grpc_server((add_to_server, app.servicer, FULL_NAME))
    app.paper[0].on_book(AAPL, [(189.99, 300)], [(190.01, 100), (190.02, 500)])
    await app.gateway.submit("acct-7", submit("g1", 50).order)
    async with channel(address) as ch:
        stub = bg_grpc.BrokerGatewayServiceStub(ch)
        venues = (await stub.ListVenues(bg.ListVenuesRequest())).venues
        assert [v.name for v in venues] == ["paper"] and venues[0].state == bg.VENUE_STATE_UP
        assert venues[0].taker_fee.value == "0.0003"
        route = (
            await stub.GetRoute(
                bg.GetRouteRequest(
                    instrument_id=common.InstrumentId(value=AAPL),
                    side=common.SIDE_BUY,
                    quantity=150,
                    order_type=common.ORDER_TYPE_MARKET,
                )
            )
        ).decision
        assert route.slices[0].venue == "paper" and route.candidates[0].impact_bps > 0
        listed = (
            await stub.ListRouteDecisions(bg.ListRouteDecisionsRequest(order_id="g1"))
        ).decisions
        assert len(listed) == 1 and listed[0].client_order_id == "c-g1"
        rec = await stub.Reconcile(bg.ReconcileRequest(venue="paper"))
        assert rec.venues_checked == 1 and not rec.failed_venues
        orders = (await stub.ListVenueOrders(bg.ListVenueOrdersRequest(venue="paper"))).orders
        assert [o.order_id for o in orders] == ["g1"] and orders[0].filled_quantity == 50
        pos = (await stub.GetPositions(bg.GetPositionsRequest(venue="paper"))).positions
        assert [(p.instrument_id.value, p.quantity) for p in pos] == [(AAPL, 50)]
        off = await stub.SetVenueEnabled(
            bg.SetVenueEnabledRequest(venue="paper", enabled=False, reason="maint")
        )
        assert off.venue.state == bg.VENUE_STATE_DISABLED
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.GetRoute(
                bg.GetRouteRequest(
                    instrument_id=common.InstrumentId(value=AAPL), side=common.SIDE_BUY, quantity=1
                )
            )
        assert e.value.code() == grpc.StatusCode.UNAVAILABLE
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.GetRoute(
                bg.GetRouteRequest(
                    instrument_id=common.InstrumentId(value="NOPE"),
                    side=common.SIDE_BUY,
                    quantity=1,
                )
            )
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.GetRoute(
                bg.GetRouteRequest(
                    instrument_id=common.InstrumentId(value=AAPL), side=common.SIDE_BUY, quantity=-1
                )
            )
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.GetVenueStatus(bg.GetVenueStatusRequest(venue="nyse"))
        assert e.value.code() == grpc.StatusCode.NOT_FOUND


async def test_the_kit_service_end_to_end_and_restart(
    postgres_url, kafka_bootstrap, kafka_topics, bus_config, tmp_path
):
    """build() on the real kit: migrations, gRPC health, commands over the broker; then a restart
    on the same database finds the resting order and closes it (the paper venue restarted empty)."""
    import uuid

    from svc_broker_gateway.app import build

    def make():
        settings = BrokerGatewaySettings(
            kafka_bootstrap=kafka_bootstrap,
            database_url=postgres_url.url,
            database_schema=postgres_url.schema,
            grpc_host="127.0.0.1",
            grpc_port=0,
            metrics_port=None,
            home=tmp_path,
            heartbeat_interval=5,
            paper_latency_ms=0,
        )
        return build(
            settings,
            topics=kafka_topics,
            bus_overrides={
                "group_id": f"broker-gateway-{uuid.uuid4().hex[:8]}",
                "fetch_wait_max_ms": 5,
                "retry_backoff_initial": 0.01,
                "retry_backoff_max": 0.05,
                "commit_interval_ms": 100,
            },
        )

    reports: list[ome.ExecutionReport] = []
    recon: list[bge.ReconciliationReport] = []
    om_bus = EventBus(bus_config(), "order-manager-test")

    async def on_report(ev, ctx) -> None:
        reports.append(ev)

    async def on_recon(ev, ctx) -> None:
        recon.append(ev)

    om_bus.subscribe(kafka_topics["order-management"], ome.ExecutionReport, on_report)
    om_bus.subscribe(kafka_topics["system-monitoring"], bge.ReconciliationReport, on_recon)
    await om_bus.start()
    svc = make()
    try:
        await svc.start()
        assert await svc.wait_ready(60), f"not ready: {svc.dependencies}"
        await wait_until(lambda: len(recon) >= 1, 30, "reconciliation at start")
        svc.app.paper[0].on_book(AAPL, [(189.99, 300)], [(190.01, 100)])
        topic = kafka_topics["order-management"]
        await om_bus.publish(topic, "acct-7", submit("k1", 20))
        await om_bus.publish(topic, "acct-7", submit("k2", 10, limit=180.0))
        await wait_until(
            lambda: any(r.order_id == "k1" and r.exec_type == ome.EXEC_TYPE_FILL for r in reports),
            30,
            "k1 filled",
        )
        await wait_until(lambda: any(r.order_id == "k2" for r in reports), 30, "k2 accepted")
        async with channel(svc.grpc_address) as ch:
            stub = bg_grpc.BrokerGatewayServiceStub(ch)
            venues = (await stub.ListVenues(bg.ListVenuesRequest())).venues
            assert [v.name for v in venues] == ["paper"]
    except BaseException:
        await om_bus.stop()
        raise
    finally:
        await svc.stop()
    # restart: the same database, a fresh (empty) paper venue
    svc2 = make()
    await svc2.start()
    try:
        assert await svc2.wait_ready(60)
        await wait_until(
            lambda: any(
                r.order_id == "k2" and r.exec_type == ome.EXEC_TYPE_CANCELLED for r in reports
            ),
            30,
            "k2 closed by reconciliation",
        )
        await wait_until(
            lambda: any(r.trigger == "start" and r.orders_checked == 1 for r in recon), 30, "report"
        )
        start = [r for r in recon if r.trigger == "start" and r.orders_checked == 1]
        assert start[-1].discrepancies[0].kind == bg.DISCREPANCY_KIND_ORDER_NOT_FOUND
    finally:
        await svc2.stop()
        await om_bus.stop()
