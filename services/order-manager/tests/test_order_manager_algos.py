"""Parent orders on the simulated clock: TWAP/VWAP/IS/POV children, completion with execution
quality, restart in the middle of a parent (SQLite and PostgreSQL), kill switch."""

from __future__ import annotations

from datetime import timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core.clock import SimulatedClock
from omni_core.errors import InvalidArgument
from omni_testing.kafka import wait_until
from order_manager_helpers import AAPL, ACCT, T0, make_db, outbox_events, report
from svc_order_manager.algos import AlgoDefaults, ParentEngine
from svc_order_manager.clients import ApproveAll
from svc_order_manager.core import OrderManager, child_ids
from svc_order_manager.state import S


def ts(dt) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def parent_req(coid: str, qty: float, algo: int, seconds: float = 240, slices: int = 4,
               **params) -> om.SubmitParentOrderRequest:
    p = om.AlgorithmParams(end_time=ts(T0 + timedelta(seconds=seconds)), slices=slices,
                           child_order_type=common.ORDER_TYPE_MARKET, **params)
    return om.SubmitParentOrderRequest(
        client_order_id=coid, account_id=ACCT, strategy_id="S1",
        instrument_id=common.InstrumentId(value=AAPL), side=common.SIDE_BUY, quantity=qty,
        algorithm=algo, algorithm_params=p)


async def boot(db, clock):
    m = OrderManager(db, ApproveAll(), clock=clock)
    m.market.quote(AAPL, 99.99, 100.01, clock.time())
    eng = ParentEngine(m, defaults=AlgoDefaults(lots={AAPL: 1}))
    await m.start()
    await eng.start()
    return m, eng


async def stop(m, eng):
    await eng.stop()
    await m.stop()


def children(m, pid):
    return sorted((r for r in list(m.orders.values()) + list(m.recent.values())
                   if r.order.parent_order_id == pid), key=lambda r: r.order.client_order_id)


async def fill_open(m, pid, price=100.02):
    for r in children(m, pid):
        if r.st.status == S.PENDING:
            await m.on_report(report(r.order, ome.EXEC_TYPE_NEW))
            await m.on_report(report(r.order, ome.EXEC_TYPE_FILL, q=r.order.quantity, px=price,
                                     fid="f-" + r.order.client_order_id))


@pytest.fixture
async def sdb(sqlite_url):
    d = await make_db("sqlite", sqlite_url, None)
    yield d
    await d.dispose()


async def test_twap_children_fills_completion_and_quality(sdb):
    clock = SimulatedClock(T0)
    m, eng = await boot(sdb, clock)
    try:
        p = await eng.submit(parent_req("tw", 1000, om.EXECUTION_ALGORITHM_TWAP))
        pid = p.parent_order_id
        assert p.status == om.PARENT_ORDER_STATUS_WORKING and p.arrival_price == 100.0
        for k in range(4):
            await wait_until(lambda k=k: len(children(m, pid)) == k + 1, 10, f"slice {k}")
            m.market.trade(AAPL, 100.0 + 0.01 * k, 500, clock.time())
            await fill_open(m, pid, price=100.0 + 0.01 * k)
            await clock.advance(60)
        kids = children(m, pid)
        assert [r.order.client_order_id for r in kids] == [f"{pid}:{i}" for i in range(4)]
        assert [r.order.order_id for r in kids] == [child_ids(pid, i)[0] for i in range(4)]
        assert [r.order.quantity for r in kids] == [250] * 4
        await wait_until(lambda: eng.parents.get(pid) is None, 10, "quality published")
        got, _ = await eng.get(pid)
        assert got.status == om.PARENT_ORDER_STATUS_COMPLETED and got.filled_quantity == 1000
        assert got.average_fill_price == pytest.approx(100.015)
        q = [e for k, e in await outbox_events(sdb) if k == "ExecutionQuality"][0].report
        assert q.order_id == pid and q.arrival_price == 100.0
        assert q.arrival_slippage_bps == pytest.approx(1.5)  # bought 1.5 bp above arrival
        assert q.interval_vwap == pytest.approx(100.015) and q.vwap_slippage_bps == pytest.approx(0)
        assert q.participation_rate == pytest.approx(0.5) and q.fill_ratio == 1
        assert q.total_fees.value == "0.04"
        prog = [e for k, e in await outbox_events(sdb) if k == "ParentOrderProgress"]
        assert prog[0].note.startswith("started") and prog[-1].note == "completed"
    finally:
        await stop(m, eng)


async def test_restart_mid_parent_neither_loses_nor_doubles_a_child(backend, sqlite_url):
    backend, pg = backend
    db = await make_db(backend, sqlite_url, pg)
    clock = SimulatedClock(T0)
    m, eng = await boot(db, clock)
    p = await eng.submit(parent_req("rs", 400, om.EXECUTION_ALGORITHM_TWAP))
    pid = p.parent_order_id
    await wait_until(lambda: len(children(m, pid)) == 1, 10, "slice 0")
    await fill_open(m, pid)  # child 0 filled
    await clock.advance(60)
    await wait_until(lambda: len(children(m, pid)) == 2, 10, "slice 1")
    first_life = {r.order.client_order_id for r in children(m, pid)}
    await stop(m, eng)  # the service stops in the middle of the parent; child 1 still working
    await db.dispose()

    db2 = await make_db(backend, sqlite_url, pg)
    clock2 = SimulatedClock(T0 + timedelta(seconds=61))
    m2, eng2 = await boot(db2, clock2)
    try:
        pr = eng2.parents[pid]
        assert pr.s["next"] == 2 and pr.p.filled_quantity == 100 and pr.p.working_quantity == 100
        # the venue answers the child sent before the restart
        c1 = await m2.get(child_ids(pid, 1)[0])
        assert c1.st.status == S.PENDING
        await clock2.advance_to(T0 + timedelta(seconds=300))
        await wait_until(lambda: eng2.parents[pid].s["window_done"], 10, "window end")
        for i in range(4):
            await m2.get(child_ids(pid, i)[0])
        await fill_open(m2, pid)
        kids = children(m2, pid)
        ids = [r.order.client_order_id for r in kids]
        assert ids == [f"{pid}:{i}" for i in range(4)]  # each slice exactly once
        assert first_life <= set(ids)
        assert sum(r.order.quantity for r in kids) == 400
        await wait_until(lambda: eng2.parents.get(pid) is None, 10, "completed")
        got, _ = await eng2.get(pid)
        assert got.status == om.PARENT_ORDER_STATUS_COMPLETED and got.filled_quantity == 400
        cmds = [e for k, e in await outbox_events(db2) if k == "SubmitOrderCommand"]
        assert sorted(c.order.client_order_id for c in cmds) == ids
    finally:
        await stop(m2, eng2)
        await db2.dispose()


async def test_vwap_falls_back_to_u_shape_and_says_so(sdb):
    clock = SimulatedClock(T0)
    m, eng = await boot(sdb, clock)
    try:
        p = await eng.submit(parent_req("vw", 1000, om.EXECUTION_ALGORITHM_VWAP, 500, 5))
        assert "U-shaped" in p.schedule_note
        sched = [q for _, _, q in eng.parents[p.parent_order_id].s["schedule"]]
        assert sum(sched) == 1000 and sched[0] == sched[4] or abs(sched[0] - sched[4]) <= 1
        assert sched[0] > sched[1] > sched[2]
        prog = [e for k, e in await outbox_events(sdb) if k == "ParentOrderProgress"]
        assert "U-shaped" in prog[0].note
    finally:
        await stop(m, eng)


async def test_vwap_profile_from_market_data_history(sdb):
    from omni.market_data.v1 import events_pb2 as md

    class History:
        async def bars(self, inst, tf, start, end, limit=10_000):
            out = []
            for d in range(1, 4):  # three past days: heavy first half, light second half
                for k, vol in ((0, 300.0), (1, 100.0)):
                    b = md.Bar(volume=vol)
                    b.start.FromDatetime(T0 - timedelta(days=d) + timedelta(seconds=120 * k))
                    out.append(b)
            return out

    clock = SimulatedClock(T0)
    m = OrderManager(sdb, ApproveAll(), clock=clock)
    eng = ParentEngine(m, history=History(), defaults=AlgoDefaults(lots={AAPL: 1}))
    await m.start()
    try:
        p = await eng.submit(parent_req("vh", 1000, om.EXECUTION_ALGORITHM_VWAP, 240, 2))
        assert "volume profile from 6" in p.schedule_note
        assert [q for _, _, q in eng.parents[p.parent_order_id].s["schedule"]] == [750, 250]
    finally:
        await stop(m, eng)


async def test_implementation_shortfall_front_loads(sdb):
    clock = SimulatedClock(T0)
    m, eng = await boot(sdb, clock)
    try:
        is_ = om.EXECUTION_ALGORITHM_IMPLEMENTATION_SHORTFALL
        p = await eng.submit(parent_req("is", 10_000, is_, 3600, 6, risk_aversion=1e-4,
                                        volatility=0.02, temporary_impact_bps=10))
        sched = [q for _, _, q in eng.parents[p.parent_order_id].s["schedule"]]
        assert sum(sched) == 10_000 and sched == sorted(sched, reverse=True) and sched[0] > 2000
        assert "Almgren-Chriss" in p.schedule_note
        with pytest.raises(InvalidArgument):
            await eng.submit(parent_req("bad", -1, om.EXECUTION_ALGORITHM_TWAP))
        with pytest.raises(InvalidArgument, match="participation_rate"):
            await eng.submit(parent_req("bad2", 10, om.EXECUTION_ALGORITHM_POV))
    finally:
        await stop(m, eng)


async def test_pov_tracks_market_volume(sdb):
    clock = SimulatedClock(T0)
    m, eng = await boot(sdb, clock)
    try:
        p = await eng.submit(parent_req("pv", 500, om.EXECUTION_ALGORITHM_POV, 600, 0,
                                        participation_rate=0.1, check_interval_seconds=10))
        pid = p.parent_order_id
        m.market.trade(AAPL, 100.0, 1000, clock.time() + 1)
        await clock.advance(10)
        await wait_until(lambda: len(children(m, pid)) == 1, 10, "first child")
        assert children(m, pid)[0].order.quantity == 100  # 10% of 1,000
        await fill_open(m, pid)
        m.market.trade(AAPL, 100.0, 2500, clock.time() + 1)
        await clock.advance(10)
        await wait_until(lambda: len(children(m, pid)) == 2, 10, "second child")
        assert children(m, pid)[1].order.quantity == 250  # 10% of 3,500 minus 100 done
        await clock.advance(10)  # no new volume: nothing more to send
        assert len(children(m, pid)) == 2
    finally:
        await stop(m, eng)


async def test_kill_switch_halts_parents(sdb):
    clock = SimulatedClock(T0)
    m, eng = await boot(sdb, clock)
    try:
        p = await eng.submit(parent_req("kh", 400, om.EXECUTION_ALGORITHM_TWAP))
        pid = p.parent_order_id
        await wait_until(lambda: len(children(m, pid)) == 1, 10, "slice 0")
        await m.on_kill_switch(ACCT, rk.KILL_SWITCH_STATE_HALTED, "ops", True)
        got, _ = await eng.get(pid)
        assert got.status == om.PARENT_ORDER_STATUS_CANCELLED and "HALTED" in got.reason
        assert children(m, pid)[0].st.status == S.PENDING_CANCEL
        await clock.advance(300)
        assert len(children(m, pid)) == 1
        refused = await eng.submit(parent_req("kh2", 400, om.EXECUTION_ALGORITHM_TWAP, 900))
        assert refused.status == om.PARENT_ORDER_STATUS_FAILED
    finally:
        await stop(m, eng)
