"""The gateway core with real venues (paper in process, fake Alpaca and Binance servers on
127.0.0.1) and a real SQLite store: commands, reports, routing, failover, reconciliation."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as bg
from omni.broker_gateway.v1 import events_pb2 as bge
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_quant.matching import FeeSchedule
from svc_broker_gateway.fakes.alpaca import FakeAlpaca
from svc_broker_gateway.fakes.binance import FakeBinance
from svc_broker_gateway.gateway import Gateway
from svc_broker_gateway.routing import SmartOrderRouter
from svc_broker_gateway.store import IN_DOUBT, PENDING_SEND, SliceRecord, Store
from svc_broker_gateway.venues.alpaca import AlpacaVenue
from svc_broker_gateway.venues.base import InstrumentSpec
from svc_broker_gateway.venues.ccxt_venue import CcxtVenue
from svc_broker_gateway.venues.paper import PaperVenue

AAPL = "AAPL.XNAS"
BTC = "BTC-USDT.CRYPTO"


class Sink:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, object]] = []

    async def __call__(self, topic: str, key: str, event: object) -> None:
        self.events.append((topic, key, event))

    def reports(self, order_id: str | None = None) -> list[ome.ExecutionReport]:
        return [
            e
            for _, _, e in self.events
            if isinstance(e, ome.ExecutionReport) and (order_id is None or e.order_id == order_id)
        ]

    def of(self, cls):
        return [e for _, _, e in self.events if isinstance(e, cls)]


def order(
    oid: str,
    qty: float,
    side=common.SIDE_BUY,
    otype=common.ORDER_TYPE_MARKET,
    tif=common.TIME_IN_FORCE_IOC,
    limit: float = 0.0,
    inst: str = AAPL,
    venue: str = "",
) -> om.Order:
    return om.Order(
        order_id=oid,
        client_order_id=f"c-{oid}",
        account_id="acct-1",
        instrument_id=common.InstrumentId(value=inst),
        side=side,
        order_type=otype,
        time_in_force=tif,
        quantity=qty,
        limit_price=limit,
        venue=venue,
    )


def kinds(reports) -> list[str]:
    return [ome.ExecType.Name(r.exec_type).removeprefix("EXEC_TYPE_") for r in reports]


@pytest.fixture
async def store(tmp_path):
    from omni_core.db import Database

    db = Database(f"sqlite+aiosqlite:///{tmp_path}/bg.db")
    await db.migrate("svc_broker_gateway.migrations")  # the service's Alembic migration
    s = Store(db.engine)
    yield s
    await db.dispose()


def paper(
    name="paper",
    asks=((100.01, 100), (100.02, 200)),
    bids=((99.99, 100), (99.98, 200)),
    taker="0.0005",
) -> PaperVenue:
    v = PaperVenue(
        name,
        [InstrumentSpec(AAPL, "AAPL", 0.01)],
        FeeSchedule(Decimal("0.0001"), Decimal(taker), "USD"),
    )
    v.on_book(AAPL, list(bids), list(asks))
    return v


async def test_paper_market_order_fills_with_reports_and_route(store):
    sink = Sink()
    gw = Gateway([paper()], store, sink)
    rec = await gw.submit("acct-1", order("o1", 150))
    assert rec.status == "filled"
    reps = sink.reports("o1")
    assert kinds(reps) == ["NEW", "PARTIAL_FILL", "FILL"]
    assert [(r.last_quantity, r.last_price) for r in reps[1:]] == [(100, 100.01), (50, 100.02)]
    assert reps[-1].cumulative_quantity == 150 and reps[-1].leaves_quantity == 0
    assert reps[-1].average_price == pytest.approx((100 * 100.01 + 50 * 100.02) / 150)
    # 50 * 100.02 * 5 bp
    assert reps[-1].fee.value == "2.50050000" and reps[-1].liquidity == common.LIQUIDITY_TAKER
    assert all(k == "acct-1" for t, k, _ in sink.events if t == "order-management")
    decided = sink.of(bge.RouteDecided)
    assert decided and decided[0].decision.slices[0].venue == "paper"
    payloads, _ = await store.list_routes(order_id="o1")
    stored = bg.RouteDecision.FromString(payloads[0])
    assert stored.candidates[0].fee_bps == pytest.approx(5.0)


async def test_bad_input_is_rejected_with_a_reason(store):
    sink = Sink()
    gw = Gateway([paper()], store, sink)
    cases = {
        "z": (order("z", 0), "quantity must be positive"),
        "n": (order("n", -3), "quantity must be positive"),
        "u": (order("u", 1, inst="NOPE.XNAS"), "unknown instrument"),
        "t": (
            order(
                "t", 1, otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=100.005
            ),
            "off the tick size",
        ),
    }
    for oid, (o, why) in cases.items():
        rec = await gw.submit("acct-1", o)
        assert rec.status == "rejected"
        (rep,) = sink.reports(oid)
        assert rep.exec_type == ome.EXEC_TYPE_REJECTED and why in rep.reason


async def test_submit_is_idempotent_by_client_order_id(store):
    sink = Sink()
    gw = Gateway([paper()], store, sink)
    await gw.submit("acct-1", order("o1", 10))
    n = len(sink.events)
    await gw.submit("acct-1", order("o1", 10))
    # a restarted gateway with the same store also knows it
    gw2 = Gateway([paper()], store, sink)
    await gw2.submit("acct-1", order("o1", 10))
    assert len(sink.events) == n and gw.stats.duplicates == 1 and gw2.stats.duplicates == 1


async def test_resting_order_filled_by_book_move_then_cancelled(store):
    sink = Sink()
    pv = paper()
    gw = Gateway([pv], store, sink)
    await gw.submit(
        "acct-1",
        order("r1", 120, otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=100.00),
    )
    assert kinds(sink.reports("r1")) == ["NEW"]
    pv.on_level(AAPL, "sell", 99.99, 70)  # the market comes to us
    await gw.drain()
    rep = sink.reports("r1")[-1]
    assert rep.exec_type == ome.EXEC_TYPE_PARTIAL_FILL and rep.last_quantity == 70
    assert rep.liquidity == common.LIQUIDITY_MAKER and rep.fee.value == "0.70000000"
    await gw.cancel("r1", reason="trader cancel")
    rep = sink.reports("r1")[-1]
    assert rep.exec_type == ome.EXEC_TYPE_CANCELLED and rep.cumulative_quantity == 70
    assert gw.orders["r1"].status == "cancelled"
    await gw.cancel("r1")
    await gw.cancel("nope")
    assert sink.reports("nope")[0].exec_type == ome.EXEC_TYPE_CANCEL_REJECTED


async def test_day_order_expires_at_the_close_with_its_fills(store):
    sink = Sink()
    pv = paper()
    gw = Gateway([pv], store, sink)
    day = dict(otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_DAY, limit=100.01)
    await gw.submit("acct-1", order("d1", 150, **day))  # 100 fill at once, 50 rest
    pv.end_of_day()
    await gw.drain()
    reps = sink.reports("d1")
    assert kinds(reps) == ["NEW", "PARTIAL_FILL", "EXPIRED"]
    assert reps[-1].cumulative_quantity == 100 and reps[-1].leaves_quantity == 0
    assert gw.orders["d1"].status == "expired"


async def test_stop_order_triggers_through_the_gateway(store):
    sink = Sink()
    pv = paper()
    gw = Gateway([pv], store, sink)
    stop = om.Order(
        order_id="s1",
        client_order_id="c-s1",
        instrument_id=common.InstrumentId(value=AAPL),
        side=common.SIDE_BUY,
        order_type=common.ORDER_TYPE_STOP,
        time_in_force=common.TIME_IN_FORCE_GTC,
        quantity=50,
        stop_price=100.10,
    )
    await gw.submit("acct-1", stop)
    assert kinds(sink.reports("s1")) == ["NEW"]
    pv.on_book(AAPL, [(100.09, 100)], [(100.10, 80), (100.11, 100)])  # the ask reaches the stop
    await gw.drain()
    rep = sink.reports("s1")[-1]
    assert (
        rep.exec_type == ome.EXEC_TYPE_FILL and rep.last_price == 100.10 and rep.last_quantity == 50
    )


async def test_replace_cancels_and_sends_the_rest(store):
    sink = Sink()
    gw = Gateway([paper()], store, sink)
    await gw.submit(
        "acct-1",
        order("r1", 100, otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=99.50),
    )
    new = order("r2", 80, otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=99.60)
    rec = await gw.replace("acct-1", "r1", new)
    assert gw.orders["r1"].status == "replaced"
    assert rec.status == "accepted" and rec.quantity == 80
    assert sink.reports("r2")[-1].exec_type == ome.EXEC_TYPE_REPLACED
    assert sink.reports("r2")[-1].original_order_id == "r1"


async def test_split_across_two_paper_venues(store):
    sink = Sink()
    a = paper("paper-a", asks=((100.01, 100), (100.50, 1000)))
    b = paper("paper-b", asks=((100.01, 100), (100.50, 1000)))
    gw = Gateway([a, b], store, sink, router=SmartOrderRouter(0.0, 0.1))
    rec = await gw.submit("acct-1", order("s1", 200))
    assert rec.status == "filled" and rec.average_price == pytest.approx(100.01)
    d = sink.of(bge.RouteDecided)[0].decision
    assert sorted((s.venue, s.quantity) for s in d.slices) == [("paper-a", 100), ("paper-b", 100)]
    assert d.chosen_cost_bps < d.best_single_venue_cost_bps
    venues = {r.venue for r in sink.reports("s1") if r.last_quantity}
    assert venues == {"paper-a", "paper-b"}


@pytest.fixture
async def two_binances():
    books = {"BTCUSDT": ([(49990.0, 50.0)], [(50010.0, 50.0), (50020.0, 50.0)])}
    books2 = {"BTCUSDT": ([(49990.0, 50.0)], [(50015.0, 50.0), (50030.0, 50.0)])}
    f1 = await FakeBinance(books).start()
    f2 = await FakeBinance(books2).start()
    spec = InstrumentSpec(BTC, "BTC/USDT", 0.01, 0.00001)

    def venue(name, f):
        return CcxtVenue(
            name,
            "binance",
            [spec],
            "bkey",
            "bsecret",
            urls={"public": f.url + "/api/v3", "private": f.url + "/api/v3"},
            timeout_s=0.5,
        )

    v1, v2 = venue("binance", f1), venue("binance-2", f2)
    yield f1, f2, v1, v2
    await v1.close()
    await v2.close()
    await f1.stop()
    await f2.stop()


async def test_failover_when_a_venue_dies_mid_stream(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1, v2], store, sink, breaker_reset_s=60.0)
    ids = []
    for i in range(12):
        if i == 5:
            await f1.stop()  # the exchange goes away
        oid = f"f{i}"
        ids.append(oid)
        # half of them pinned to the dying venue: the send itself fails and must fail over
        await gw.submit("acct-1", order(oid, 0.5, inst=BTC, venue="binance" if i % 2 else ""))
    for oid in ids:
        assert gw.orders[oid].status == "filled", (oid, gw.orders[oid])
        assert sink.reports(oid)[-1].exec_type == ome.EXEC_TYPE_FILL
    before = {r.venue for oid in ids[:5] for r in sink.reports(oid) if r.last_quantity}
    after = {r.venue for oid in ids[5:] for r in sink.reports(oid) if r.last_quantity}
    assert before == {"binance"} and after == {"binance-2"}
    assert gw.slot("binance").state == bg.VENUE_STATE_TRIPPED
    changed = sink.of(bge.VenueStatusChanged)
    assert changed and changed[0].venue == "binance" and changed[0].state == bg.VENUE_STATE_TRIPPED
    decisions = [e.decision for e in sink.of(bge.RouteDecided)]
    excluded = [c for d in decisions[5:] for c in d.candidates if c.venue == "binance"]
    assert excluded and all(c.excluded_reason for c in excluded)
    # nothing in flight, nothing lost
    assert not [s for s in await store.load_slices(open_only=True)]
    assert not await store.load_orders(open_only=True)


async def test_pinned_send_failure_fails_over_with_reason(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1, v2], store, sink, breaker_reset_s=60.0)
    await v1._call(
        v1.exchange.fetch_order_book, "BTC/USDT"
    )  # markets loaded: next call is the send
    await f1.stop()
    rec = await gw.submit("acct-1", order("p1", 0.5, inst=BTC, venue="binance"))
    assert rec.status == "filled"
    decisions = [e.decision for e in sink.of(bge.RouteDecided)]
    assert decisions[-1].failover_from == "binance"
    assert [s.venue for s in decisions[-1].slices] == ["binance-2"]
    slices = await store.load_slices()
    assert sorted((s.venue, s.status) for s in slices) == [
        ("binance", "failed"),
        ("binance-2", "filled"),
    ]


async def test_timeout_leaves_order_in_doubt_until_reconciliation_finds_it(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1], store, sink)
    await v1._call(v1.exchange.fetch_order_book, "BTC/USDT")
    f1.hang_s = 0.8  # longer than the adapter's 0.5 s deadline; the venue still acts on it
    rec = await gw.submit("acct-1", order("d1", 0.5, inst=BTC, venue="binance"))
    assert rec.status == "pending"
    (s,) = await store.load_slices()
    assert s.status == IN_DOUBT
    await asyncio.sleep(0.5)  # the venue finishes processing the request
    f1.hang_s = 0.0
    gw.slot("binance").breaker.success()
    resp = await gw.reconcile("binance", trigger="after_failover")
    assert [d.kind for d in resp.discrepancies][:1] == [bg.DISCREPANCY_KIND_ORDER_RECOVERED]
    assert gw.orders["d1"].status == "filled"
    assert sink.reports("d1")[-1].exec_type == ome.EXEC_TYPE_FILL


async def test_in_doubt_order_the_venue_never_got_fails_over_after_reconciliation(
    store, two_binances
):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1, v2], store, sink)
    await v1._call(v1.exchange.fetch_order_book, "BTC/USDT")
    f1.drop = "before"  # the connection breaks after the request went out; the venue never got it
    rec = await gw.submit("acct-1", order("n1", 0.5, inst=BTC, venue="binance"))
    assert rec.status == "pending" and not sink.reports("n1")  # in doubt: nothing re-sent yet
    (s,) = await store.load_slices()
    assert s.status == IN_DOUBT and "mid-request" in s.reason
    f1.drop = None
    gw.slot("binance").breaker.success()
    resp = await gw.reconcile("binance")
    assert [d.kind for d in resp.discrepancies] == [bg.DISCREPANCY_KIND_ORDER_NOT_FOUND]
    assert gw.orders["n1"].status == "filled"
    assert {r.venue for r in sink.reports("n1") if r.last_quantity} == {"binance-2"}
    assert [e.decision.failover_from for e in sink.of(bge.RouteDecided)][-1] == "binance"
    assert f1.by_client("c-n1") is None  # never executed twice


async def test_connection_lost_after_the_venue_acted_is_adopted_not_resent(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1, v2], store, sink)
    await v1._call(v1.exchange.fetch_order_book, "BTC/USDT")
    f1.drop = "after"  # the venue fills it, the answer never arrives
    rec = await gw.submit("acct-1", order("n2", 0.5, inst=BTC, venue="binance"))
    assert rec.status == "pending"
    f1.drop = None
    gw.slot("binance").breaker.success()
    resp = await gw.reconcile("binance")
    assert bg.DISCREPANCY_KIND_ORDER_RECOVERED in [d.kind for d in resp.discrepancies]
    assert gw.orders["n2"].status == "filled"
    assert {r.venue for r in sink.reports("n2") if r.last_quantity} == {"binance"}
    assert f2.by_client("c-n2") is None  # not sent a second time elsewhere


async def test_garbage_answer_trips_the_breaker(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1, v2], store, sink, breaker_reset_s=60.0)
    await v1._call(v1.exchange.fetch_order_book, "BTC/USDT")
    f1.garbage = True
    rec = await gw.submit("acct-1", order("g1", 0.5, inst=BTC))
    assert gw.slot("binance").state == bg.VENUE_STATE_TRIPPED
    assert rec.status == "filled"
    assert {r.venue for r in sink.reports("g1") if r.last_quantity} == {"binance-2"}


async def test_reconciliation_after_restart(store):
    fake = await FakeAlpaca({"AAPL": 190.0}).start()
    try:
        spec = InstrumentSpec(AAPL, "AAPL", 0.01)

        def venue():
            return AlpacaVenue(
                "alpaca-paper", "key", "secret", [spec], url_override=fake.url, timeout_s=3
            )

        sink = Sink()
        gw = Gateway([venue()], store, sink)
        lim = dict(otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=185.0)
        for oid in ("a", "b", "c"):
            await gw.submit("acct-1", order(oid, 10, **lim))
        assert all(gw.orders[o].status == "accepted" for o in "abc")
        # A crash: the gateway goes away. Meanwhile at the venue: a fill, a cancel.
        del gw
        fake.fill("c-a", 4, 185.0)
        fake.cancel_behind("c-b")
        # ... and an order that was written ahead but never answered (crash mid-send):
        rec_store = Store(store.engine)
        from svc_broker_gateway.store import OrderRecord

        await rec_store.save_order(
            OrderRecord(
                "d", "acct-1", "c-d", AAPL, "buy", "limit", "gtc", 5, 185.0, status="pending"
            )
        )
        await rec_store.save_slice(
            SliceRecord("c-d", "d", "alpaca-paper", AAPL, "buy", 5, PENDING_SEND)
        )
        await rec_store.save_order(
            OrderRecord(
                "e", "acct-1", "c-e", AAPL, "buy", "limit", "gtc", 5, 185.0, status="pending"
            )
        )
        await rec_store.save_slice(
            SliceRecord("c-e", "e", "alpaca-paper", AAPL, "buy", 5, PENDING_SEND)
        )
        # c-e did reach the venue before the crash
        import aiohttp

        async with aiohttp.ClientSession() as http:
            async with http.post(
                f"{fake.url}/v2/orders",
                json={
                    "symbol": "AAPL",
                    "qty": "5",
                    "side": "buy",
                    "type": "limit",
                    "time_in_force": "gtc",
                    "limit_price": "185",
                    "client_order_id": "c-e",
                },
                headers={"APCA-API-KEY-ID": "key", "APCA-API-SECRET-KEY": "secret"},
            ) as r:
                r.raise_for_status()

        sink2 = Sink()
        gw2 = Gateway([venue()], store, sink2)
        await gw2.load()
        resp = await gw2.reconcile(trigger="start")
        got = sorted((bg.DiscrepancyKind.Name(d.kind), d.order_id) for d in resp.discrepancies)
        assert got == [
            ("DISCREPANCY_KIND_MISSED_FILL", "a"),
            ("DISCREPANCY_KIND_ORDER_NOT_FOUND", "d"),
            ("DISCREPANCY_KIND_ORDER_RECOVERED", "e"),
            ("DISCREPANCY_KIND_STATUS_MISMATCH", "b"),
        ]
        ra = sink2.reports("a")[-1]
        assert (
            ra.exec_type == ome.EXEC_TYPE_PARTIAL_FILL
            and ra.last_quantity == 4
            and ra.last_price == 185.0
        )
        assert sink2.reports("b")[-1].exec_type == ome.EXEC_TYPE_CANCELLED
        assert gw2.orders["e"].status == "accepted"
        # d never reached the venue: it was closed and its quantity routed again (same venue is
        # the only one, so it fails over to nothing and the order ends rejected with the reason)
        assert gw2.orders["d"].terminal
        (report,) = [e for _, _, e in sink2.events if isinstance(e, bge.ReconciliationReport)]
        assert report.completed and report.trigger == "start" and report.orders_checked == 5
        # a second pass finds nothing new
        again = await gw2.reconcile()
        assert not [d for d in again.discrepancies if d.kind != bg.DISCREPANCY_KIND_UNKNOWN_ORDER]
    finally:
        await fake.stop()


async def test_alpaca_trade_updates_stream_pushes_fills(store):
    from omni_testing.kafka import wait_until

    fake = await FakeAlpaca({"AAPL": 190.0}).start()
    venue = AlpacaVenue(
        "alpaca-paper",
        "key",
        "secret",
        [InstrumentSpec(AAPL, "AAPL", 0.01)],
        url_override=fake.url,
        stream_url=fake.url.replace("http", "ws") + "/stream",
        stream=True,
        timeout_s=3,
    )
    sink = Sink()
    gw = Gateway([venue], store, sink)
    try:
        await venue.start()
        await wait_until(lambda: bool(fake.listeners), 15, "stream listening")
        await gw.submit(
            "acct-1",
            order(
                "w1", 10, otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=185.0
            ),
        )
        assert kinds(sink.reports("w1")) == ["NEW"]
        fake.fill("c-w1", 3, 185.0)  # the venue executes; only the stream tells us
        await wait_until(lambda: len(sink.reports("w1")) == 2, 15, "pushed fill")
        await gw.drain()
        rep = sink.reports("w1")[-1]
        assert (
            rep.exec_type == ome.EXEC_TYPE_PARTIAL_FILL
            and rep.last_quantity == 3
            and rep.last_price == 185.0
        )
        fake.cancel_behind("c-w1")
        await wait_until(lambda: gw.orders["w1"].terminal, 15, "pushed cancel")
        assert sink.reports("w1")[-1].exec_type == ome.EXEC_TYPE_CANCELLED
    finally:
        await venue.close()
        await fake.stop()


async def test_broker_without_a_book_is_routed_on_the_market_quote(store):
    fake = await FakeAlpaca({"AAPL": 100.02}).start()
    try:
        alp = AlpacaVenue(
            "alpaca-paper",
            "key",
            "secret",
            [InstrumentSpec(AAPL, "AAPL", 0.01)],
            url_override=fake.url,
            timeout_s=3,
        )
        pv = paper(asks=((100.05, 1000),), bids=((99.95, 1000),), taker="0.0003")
        sink = Sink()
        gw = Gateway([pv, alp], store, sink, router=SmartOrderRouter(0.0, 1.0))
        route = await gw.compute_route(AAPL, "buy", 100, None)
        by = {c.venue: c for c in route.candidates}
        assert route.slices == [("paper", 100)]  # no quote yet: alpaca has no visible liquidity
        gw.quotes[("alpaca", AAPL)] = ([(100.00, 500)], [(100.02, 500)])
        route = await gw.compute_route(AAPL, "buy", 100, None)
        by = {c.venue: c for c in route.candidates}
        assert route.slices == [("alpaca-paper", 100)]
        assert by["alpaca-paper"].half_spread_bps < by["paper"].half_spread_bps
        rec = await gw.submit("acct-1", order("q1", 100))
        assert rec.status == "filled" and sink.reports("q1")[-1].venue == "alpaca-paper"
    finally:
        await fake.stop()


async def test_polling_finds_fills_at_a_venue_without_a_stream(store, two_binances):
    f1, f2, v1, v2 = two_binances
    sink = Sink()
    gw = Gateway([v1], store, sink)
    lim = dict(otype=common.ORDER_TYPE_LIMIT, tif=common.TIME_IN_FORCE_GTC, limit=49000.0)
    await gw.submit("acct-1", order("y1", 0.4, inst=BTC, **lim))
    assert kinds(sink.reports("y1")) == ["NEW"]
    f1.fill("c-y1", 0.1, 49000.0)
    await gw.sync_open()
    rep = sink.reports("y1")[-1]
    assert rep.exec_type == ome.EXEC_TYPE_PARTIAL_FILL and rep.last_quantity == pytest.approx(0.1)
    assert rep.venue == "binance" and rep.venue_order_id
    await gw.sync_open()  # nothing new: no duplicate report
    assert len(sink.reports("y1")) == 2
    f1.fill("c-y1", 0.3, 48990.0)
    await gw.sync_open()
    rep = sink.reports("y1")[-1]
    assert rep.exec_type == ome.EXEC_TYPE_FILL and rep.cumulative_quantity == pytest.approx(0.4)
    assert rep.last_price == pytest.approx(48990.0)
    assert gw.orders["y1"].status == "filled"


async def test_position_reconciliation_reports_a_trade_we_never_saw(store):
    import aiohttp

    fake = await FakeAlpaca({"AAPL": 190.0}).start()
    try:
        fake.positions["AAPL"] = (7.0, 150.0)  # held before this gateway existed
        alp = AlpacaVenue(
            "alpaca-paper",
            "key",
            "secret",
            [InstrumentSpec(AAPL, "AAPL", 0.01)],
            url_override=fake.url,
            timeout_s=3,
        )
        sink = Sink()
        gw = Gateway([alp], store, sink)
        first = await gw.reconcile(trigger="start")
        assert not first.discrepancies  # the 7 held before are the baseline
        await gw.submit("acct-1", order("p1", 10))
        assert not (await gw.reconcile()).discrepancies  # 17 = 7 + our 10
        async with aiohttp.ClientSession() as http:  # someone trades on the account directly
            async with http.post(
                f"{fake.url}/v2/orders",
                json={
                    "symbol": "AAPL",
                    "qty": "5",
                    "side": "buy",
                    "type": "market",
                    "time_in_force": "day",
                    "client_order_id": "manual-1",
                },
                headers={"APCA-API-KEY-ID": "key", "APCA-API-SECRET-KEY": "secret"},
            ) as r:
                r.raise_for_status()
        (d,) = (await gw.reconcile()).discrepancies
        assert d.kind == bg.DISCREPANCY_KIND_POSITION_MISMATCH
        assert (d.ours, d.theirs) == ("17", "22")
        assert not (await gw.reconcile()).discrepancies  # reported once
    finally:
        await fake.stop()
