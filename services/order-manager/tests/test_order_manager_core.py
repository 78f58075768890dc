"""The order manager over real databases (SQLite and PostgreSQL): submission, idempotency,
risk refusals over gRPC (fail closed), bad input, venue reports, cancel/replace, kill switch,
expiry. Venue reports are fed as broker-gateway emits them (see the service test for the real
gateway over the embedded broker)."""

from __future__ import annotations

import asyncio
import math
from datetime import timedelta

import pytest
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core.clock import SimulatedClock
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from order_manager_helpers import ACCT, T0, outbox_events, report, risk_engine, sub
from sqlalchemy import select
from svc_order_manager import store
from svc_order_manager.clients import ApproveAll, GrpcRiskChecker
from svc_order_manager.core import Config, OrderManager
from svc_order_manager.state import S


@pytest.fixture
async def mgr(db):
    m = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0))
    await m.start()
    yield m
    await m.stop()


async def test_submit_fill_lifecycle_persisted_with_outbox(mgr, db):
    o = await mgr.submit(sub("c1", 100))
    assert o.status == S.PENDING and o.leaves_quantity == 100
    await mgr.on_report(report(o, ome.EXEC_TYPE_NEW))
    await mgr.on_report(report(o, ome.EXEC_TYPE_PARTIAL_FILL, q=40, px=190.0, fid="f1"))
    await mgr.on_report(report(o, ome.EXEC_TYPE_PARTIAL_FILL, q=40, px=190.0, fid="f1"))  # dup
    await mgr.on_report(report(o, ome.EXEC_TYPE_FILL, q=60, px=191.0, fid="f2"))
    got = (await mgr.get(o.order_id)).order
    assert got.status == S.FILLED and got.filled_quantity == 100 and got.leaves_quantity == 0
    assert got.average_fill_price == pytest.approx(190.6) and got.fees.value == "0.02"
    assert got.venue == "paper" and got.venue_order_id
    # a late ack after the fill is an illegal transition: refused, counted, order unchanged
    await mgr.on_report(report(o, ome.EXEC_TYPE_NEW, fid="late"))
    assert mgr.stats.illegal == 1 and (await mgr.get(o.order_id)).order.status == S.FILLED
    kinds = [k for k, _ in await outbox_events(db)]
    assert kinds == ["OrderSubmitted", "SubmitOrderCommand", "OrderAccepted",
                     "OrderPartiallyFilled", "FillBooked", "OrderFilled", "FillBooked"]
    cmd = [e for k, e in await outbox_events(db) if k == "SubmitOrderCommand"][0]
    assert cmd.order.order_id == o.order_id and cmd.order.client_order_id == "c1"
    # what a fresh process reads back
    m2 = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0))
    await m2.load()
    r = await m2.get(o.order_id)
    assert r.order.status == S.FILLED and r.order.filled_quantity == 100
    assert m2.positions[(ACCT, "AAPL.XNAS")] == 100
    fills, _, total = await m2.list_fills(om.ListFillsRequest(account_id=ACCT))
    assert total == 2 and [f.fill_id for f in fills] == ["f1", "f2"]
    async with db.engine.connect() as c:
        ev = (await c.execute(select(store.order_events.c.to_status).where(
            store.order_events.c.order_id == o.order_id).order_by(store.order_events.c.at))).all()
    assert [x[0] for x in ev] == [S.PENDING, S.ACCEPTED, S.PARTIALLY_FILLED, S.FILLED]


async def test_duplicate_client_order_id_returns_the_existing_order(mgr, db):
    a, b = await asyncio.gather(mgr.submit(sub("dup", 10)), mgr.submit(sub("dup", 10)))
    c = await mgr.submit(sub("dup", 999))  # same client id, different content: still the first
    assert a.order_id == b.order_id == c.order_id and c.quantity == 10
    # after a restart too (read from the database)
    m2 = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0))
    d = await m2.submit(sub("dup", 10))
    assert d.order_id == a.order_id
    orders, _, total = await mgr.list_orders(om.ListOrdersRequest(account_id=ACCT))
    assert total == 1
    assert sum(k == "SubmitOrderCommand" for k, _ in await outbox_events(db)) == 1


async def test_group_commit_writes_concurrent_orders_together_and_isolates_a_duplicate(mgr, db):
    first = await mgr.submit(sub("taken", 10))
    await mgr.on_report(report(first, ome.EXEC_TYPE_NEW))
    await mgr.on_report(report(first, ome.EXEC_TYPE_FILL, q=10, px=190.0, fid="f1"))
    # a fresh process loads only open orders, so it does not know "taken": the unique
    # constraint refuses it inside a group
    m2 = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0))
    await m2.start()
    try:
        got = await asyncio.gather(*(m2.submit(sub(f"g{i}", 1 + i)) for i in range(30)),
                                   m2.submit(sub("taken", 99)))
        assert m2.committer.operations == 30
        # grouped; the group the duplicate broke was then written one operation at a time
        assert m2.committer.transactions < 31
    finally:
        await m2.stop()
    assert got[-1].order_id == first.order_id and got[-1].status == S.FILLED
    assert [o.quantity for o in got[:-1]] == [1 + i for i in range(30)]
    assert all(o.status == S.PENDING for o in got[:-1])
    orders, _, total = await mgr.list_orders(om.ListOrdersRequest(account_id=ACCT))
    assert total == 31
    assert sum(k == "SubmitOrderCommand" for k, _ in await outbox_events(db)) == 31


@pytest.mark.parametrize("req,msg", [
    (sub(qty=0), "quantity"), (sub(qty=-5), "quantity"), (sub(qty=math.nan), "quantity"),
    (sub(qty=math.inf), "quantity"),
    (sub(otype=common.ORDER_TYPE_LIMIT, limit=math.nan), "limit_price"),
    (sub(otype=common.ORDER_TYPE_LIMIT, limit=-1), "limit_price"),
    (sub(otype=common.ORDER_TYPE_LIMIT, limit=math.inf), "limit_price"),
    (sub(otype=common.ORDER_TYPE_LIMIT), "limit orders need"),
    (sub(account=""), "account_id"), (sub(inst=""), "instrument_id"),
    (sub(side=0), "side"), (sub(otype=0), "order_type"),
])
async def test_malformed_requests_are_invalid_argument(mgr, db, req, msg):
    with pytest.raises(InvalidArgument, match=msg):
        await mgr.submit(req)
    assert await outbox_events(db) == []


async def test_unknown_instrument_or_account_is_rejected_with_reason(db):
    m = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0), config=Config(
        known_instruments=frozenset({"AAPL.XNAS"}), known_accounts=frozenset({ACCT})))
    await m.start()
    try:
        o = await m.submit(sub("u1", inst="NOPE.XNAS"))
        assert o.status == S.REJECTED and o.reject_reason == "unknown instrument NOPE.XNAS"
        o2 = await m.submit(sub("u2", account="GHOST"))
        assert o2.status == S.REJECTED and "unknown account" in o2.reject_reason
        rej = [e for k, e in await outbox_events(db) if k == "OrderRejected"]
        assert [e.rejected_by for e in rej] == ["validation", "validation"]
    finally:
        await m.stop()


async def test_risk_refusal_and_unknown_account_over_grpc(db, grpc_server):
    async with risk_engine(grpc_server, max_quantity=1000) as (address, kind):
        risk = GrpcRiskChecker(address, timeout=5)
        m = OrderManager(db, risk, clock=SimulatedClock(T0))
        await m.start()
        try:
            ok = await m.submit(sub("r1", 500))
            assert ok.status == S.PENDING, ok.reject_reason
            big = await m.submit(sub("r2", 5000))
            assert big.status == S.REJECTED and "max_order_quantity" in big.reject_reason
            ghost = await m.submit(sub("r3", 5, account="GHOST"))
            assert ghost.status == S.REJECTED and "unknown_account" in ghost.reject_reason
            rej = [e for k, e in await outbox_events(db) if k == "OrderRejected"]
            assert {e.rejected_by for e in rej} == {"risk"}
            assert not any(k == "SubmitOrderCommand" and e.order.client_order_id != "r1"
                           for k, e in await outbox_events(db))
        finally:
            await m.stop()
            await risk.close()
    print("risk-engine used:", kind)


async def test_risk_unavailable_fails_closed(db):
    risk = GrpcRiskChecker("127.0.0.1:1", timeout=0.5)  # nothing listens there
    m = OrderManager(db, risk, clock=SimulatedClock(T0))
    await m.start()
    try:
        o = await m.submit(sub("x1", 10))
        assert o.status == S.REJECTED
        assert o.reject_reason.startswith("risk-engine unavailable (fail closed)")
        assert [k for k, _ in await outbox_events(db)] == ["OrderRejected"]
    finally:
        await m.stop()
        await risk.close()


async def test_cancel_and_replace_as_broker_gateway_reports_them(mgr, db):
    o = await mgr.submit(sub("cr", 100, otype=common.ORDER_TYPE_LIMIT, limit=180.0))
    await mgr.on_report(report(o, ome.EXEC_TYPE_NEW))
    await mgr.on_report(report(o, ome.EXEC_TYPE_PARTIAL_FILL, q=30, px=180.0, fid="p1"))
    orig, rep = await mgr.replace(om.ReplaceOrderRequest(
        account_id=ACCT, order_id=o.order_id, new_client_order_id="cr-2", quantity=150,
        limit_price=181.0))
    assert orig.status == S.PENDING_REPLACE and rep.status == S.PENDING
    assert rep.quantity == 120 and rep.replaces_order_id == o.order_id
    cmd = [e for k, e in await outbox_events(db) if k == "ReplaceOrderCommand"][0]
    assert cmd.order_id == o.order_id and cmd.replacement.quantity == 150  # gateway subtracts
    # a second replace/cancel while one is pending is refused
    with pytest.raises(FailedPrecondition):
        await mgr.cancel(ACCT, o.order_id)
    # broker-gateway: CANCELLED (original leg), NEW (replacement), REPLACED (replacement)
    await mgr.on_report(report(o, ome.EXEC_TYPE_CANCELLED, reason="replaced"))
    assert (await mgr.get(o.order_id)).order.status == S.PENDING_REPLACE
    await mgr.on_report(report(rep, ome.EXEC_TYPE_NEW))
    await mgr.on_report(report(rep, ome.EXEC_TYPE_REPLACED, original=o.order_id, leaves=120))
    orig = (await mgr.get(o.order_id)).order
    new = (await mgr.get(rep.order_id)).order
    assert orig.status == S.REPLACED and orig.replaced_by_order_id == rep.order_id
    assert orig.filled_quantity == 30 and new.status == S.ACCEPTED and new.limit_price == 181.0
    # cancel the replacement; the venue confirms
    c = await mgr.cancel(ACCT, client_order_id="cr-2", reason="done for today")
    assert c.status == S.PENDING_CANCEL
    await mgr.on_report(report(rep, ome.EXEC_TYPE_CANCELLED))
    new = (await mgr.get(rep.order_id)).order
    assert new.status == S.CANCELLED and new.reject_reason == "done for today"
    kinds = [k for k, _ in await outbox_events(db)]
    assert "OrderReplaced" in kinds and kinds[-1] == "OrderCancelled"
    with pytest.raises(NotFound):
        await mgr.cancel(ACCT, "no-such-order")


async def test_refused_cancel_and_refused_replace(mgr):
    o = await mgr.submit(sub("rc", 100, otype=common.ORDER_TYPE_LIMIT, limit=180.0))
    await mgr.on_report(report(o, ome.EXEC_TYPE_NEW))
    await mgr.cancel(ACCT, o.order_id)
    await mgr.on_report(report(o, ome.EXEC_TYPE_CANCEL_REJECTED, reason="venue busy", fid="cr1"))
    assert (await mgr.get(o.order_id)).order.status == S.ACCEPTED
    _, rep = await mgr.replace(om.ReplaceOrderRequest(account_id=ACCT, order_id=o.order_id,
                                                      quantity=50))
    await mgr.on_report(report(o, ome.EXEC_TYPE_CANCEL_REJECTED, reason="too late", fid="cr2"))
    assert (await mgr.get(o.order_id)).order.status == S.ACCEPTED
    r = (await mgr.get(rep.order_id)).order
    assert r.status == S.REJECTED and "too late" in r.reject_reason


async def test_kill_switch_halted_cancels_and_reducing_refuses_increases(mgr, db):
    long = await mgr.submit(sub("k1", 100))
    await mgr.on_report(report(long, ome.EXEC_TYPE_NEW))
    await mgr.on_report(report(long, ome.EXEC_TYPE_FILL, q=100, px=190, fid="kf"))
    working = await mgr.submit(sub("k2", 10, otype=common.ORDER_TYPE_LIMIT, limit=150))
    await mgr.on_report(report(working, ome.EXEC_TYPE_NEW))
    # REDUCING: selling what we hold is allowed, buying more or selling beyond is refused
    await mgr.on_kill_switch(ACCT, rk.KILL_SWITCH_STATE_REDUCING, "drawdown", False)
    sell = await mgr.submit(sub("k3", 60, side=common.SIDE_SELL))
    assert sell.status == S.PENDING
    buy = await mgr.submit(sub("k4", 1))
    assert buy.status == S.REJECTED and "REDUCING" in buy.reject_reason
    over = await mgr.submit(sub("k5", 50, side=common.SIDE_SELL))  # 60 working + 50 > 100
    assert over.status == S.REJECTED
    # HALTED: every open order is cancelled at the venue, new orders are refused
    cancelled = await mgr.on_kill_switch(ACCT, rk.KILL_SWITCH_STATE_HALTED, "ops", True)
    assert set(cancelled) == {working.order_id, sell.order_id}
    assert (await mgr.get(working.order_id)).order.status == S.PENDING_CANCEL
    cmds = [e for k, e in await outbox_events(db) if k == "CancelOrderCommand"]
    assert {c.order_id for c in cmds} == set(cancelled)
    assert all("kill switch HALTED" in c.reason for c in cmds)
    assert (await mgr.submit(sub("k6", 1))).status == S.REJECTED
    # the state survives a restart
    m2 = OrderManager(db, ApproveAll(), clock=SimulatedClock(T0))
    await m2.load()
    assert m2.kill_state(ACCT) == rk.KILL_SWITCH_STATE_HALTED
    await mgr.on_kill_switch(ACCT, rk.KILL_SWITCH_STATE_ACTIVE, "ok", False)
    assert (await mgr.submit(sub("k7", 1))).status == S.PENDING


async def test_day_orders_expire_at_session_close(db):
    clock = SimulatedClock(T0)  # 14:30 UTC; session close 21:00
    m = OrderManager(db, ApproveAll(), clock=clock)
    await m.start()
    try:
        day = await m.submit(sub("d1", 10, otype=common.ORDER_TYPE_LIMIT, limit=100,
                                 tif=common.TIME_IN_FORCE_DAY))
        gtc = await m.submit(sub("d2", 10, otype=common.ORDER_TYPE_LIMIT, limit=100))
        assert day.expire_at.ToDatetime().hour == 21 and not gtc.HasField("expire_at")
        for o in (day, gtc):
            await m.on_report(report(o, ome.EXEC_TYPE_NEW))
        assert await m.expire_due() == 0
        await clock.advance_to(T0 + timedelta(hours=6, minutes=31))
        assert await m.expire_due() == 1
        assert (await m.get(day.order_id)).order.status == S.PENDING_CANCEL
        await m.on_report(report(day, ome.EXEC_TYPE_CANCELLED, reason="cancel requested"))
        d = (await m.get(day.order_id)).order
        assert d.status == S.EXPIRED and d.reject_reason == "expired: session close"
        assert (await m.get(gtc.order_id)).order.status == S.ACCEPTED
        # the venue's own EXPIRED report maps too
        v = await m.submit(sub("d3", 10, otype=common.ORDER_TYPE_LIMIT, limit=100))
        await m.on_report(report(v, ome.EXEC_TYPE_NEW))
        await m.on_report(report(v, ome.EXEC_TYPE_EXPIRED, reason="venue end of day"))
        assert (await m.get(v.order_id)).order.status == S.EXPIRED
        assert [k for k, _ in await outbox_events(db)].count("OrderExpired") == 2
    finally:
        await m.stop()


async def test_list_orders_filters_and_pages(mgr):
    for i in range(5):
        await mgr.submit(sub(f"l{i}", 10 + i))
    o = await mgr.submit(sub("l5", 10, inst="MSFT.XNAS"))
    await mgr.on_report(report(o, ome.EXEC_TYPE_REJECTED, reason="no"))
    page1, tok, total = await mgr.list_orders(om.ListOrdersRequest(
        account_id=ACCT, page=common.PageRequest(page_size=4)))
    assert total == 6 and len(page1) == 4 and tok
    page2, tok2, _ = await mgr.list_orders(om.ListOrdersRequest(
        account_id=ACCT, page=common.PageRequest(page_size=4, page_token=tok)))
    assert len(page2) == 2 and not tok2
    open_, _, n_open = await mgr.list_orders(om.ListOrdersRequest(account_id=ACCT, open_only=True))
    assert n_open == 5
    rej, _, _ = await mgr.list_orders(om.ListOrdersRequest(statuses=[S.REJECTED]))
    assert [r.client_order_id for r in rej] == ["l5"]
