"""Persistence against real PostgreSQL and SQLite: migrations, limits with versions, kill
switch state and history, restrictions, instruments, accounts, fills replayed into positions,
drawdown state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni_core.clock import SimulatedClock
from omni_core.db import Database
from risk_helpers import LT, account, lim, limit_set, order, rules
from svc_risk_engine.engine import InstrumentInfo, RiskEngine
from svc_risk_engine.store import RiskStore, VersionConflict

MIGRATIONS = "svc_risk_engine.migrations"
VT = "alembic_version_risk_engine"


async def migrated(database: Database) -> Database:
    await database.migrate(MIGRATIONS, version_table=VT)
    await database.migrate(MIGRATIONS, version_table=VT)  # idempotent
    return database


async def test_risk_store_postgres(postgres_url):
    db = await migrated(Database(postgres_url.url, schema=postgres_url.schema))
    try:
        await roundtrip(db)
    finally:
        await db.dispose()


async def test_risk_store_sqlite(sqlite_url):
    db = await migrated(Database(sqlite_url))
    try:
        await roundtrip(db)
    finally:
        await db.dispose()


def engine():
    return RiskEngine(SimulatedClock(datetime(2024, 5, 6, 14, tzinfo=UTC)))


async def roundtrip(db):
    store = RiskStore(db)
    eng = engine()
    ls = limit_set("ACC1", "", lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 100),
                   lim(LT.LIMIT_TYPE_MAX_SECTOR_EXPOSURE, 1e6, sector="tech"))
    ls.updated_by = "risk-officer"
    stored = await store.save_limits(ls, 0)
    assert stored.version == 1
    with pytest.raises(VersionConflict):
        await store.save_limits(ls, 0)
    stored2 = await store.save_limits(ls, 1)
    assert stored2.version == 2
    await store.save_limits(limit_set("ACC1", "S1", lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 5)),
                            0)
    await store.save_account(account(equity="500000"))
    await store.save_instruments([InstrumentInfo("AAPL.XNAS", ct.ASSET_CLASS_EQUITY, "tech",
                                                 1.0, "USD", 0.0)])
    r = pb.Restriction(kind=pb.RESTRICTION_KIND_NO_BUY, reason="earnings blackout",
                       added_by="compliance")
    r.instrument_id.value = "MSFT.XNAS"
    await store.save_restriction(r, False)
    r2 = pb.Restriction(account_id="ACC1", kind=pb.RESTRICTION_KIND_NO_TRADE)
    r2.instrument_id.value = "XOM.XNYS"
    await store.save_restriction(r2, False)
    await store.save_restriction(r2, True)
    now = datetime(2024, 5, 6, 14, tzinfo=UTC)
    for i, (side, qty, px) in enumerate([(ct.SIDE_BUY, 80, 100.0), (ct.SIDE_SELL, 20, 101.0),
                                         (ct.SIDE_BUY, 10, 102.0)]):
        await store.save_fill(f"F{i}", "ACC1", "S1", "AAPL.XNAS", side, qty, px, 1.0, now)
    assert not await store.save_fill("F0", "ACC1", "S1", "AAPL.XNAS", ct.SIDE_BUY, 80, 100.0,
                                     1.0, now)  # duplicate
    eng.set_account(account(equity="500000"))
    rec = eng.set_kill_switch("ACC1", pb.KILL_SWITCH_STATE_REDUCING, "alice", "review")
    await store.save_kill_switch(rec)
    rec = eng.set_kill_switch("", pb.KILL_SWITCH_STATE_HALTED, "ops", "exchange outage")
    await store.save_kill_switch(rec)
    tracker = eng.accounts["ACC1"].drawdown
    tracker.update(600_000.0, now)
    tracker.update(540_000.0, now)
    await store.save_drawdown("ACC1", tracker)

    # a fresh engine (a restart) loads it all back
    fresh = engine()
    counts = await RiskStore(db).load_into(fresh)
    assert counts == {"instruments": 1, "accounts": 1, "limit_sets": 2, "restrictions": 1,
                      "kill_switches": 2, "fills": 3}
    acct = fresh.accounts["ACC1"]
    assert acct.book.qty["AAPL.XNAS"] == pytest.approx(70)
    assert acct.strategies["S1"].qty["AAPL.XNAS"] == pytest.approx(70)
    assert acct.cash_flow == pytest.approx(-(80 * 100.0) + 20 * 101.0 - 10 * 102.0 - 3.0)
    assert fresh.effective_state("ACC1") == pb.KILL_SWITCH_STATE_HALTED
    assert fresh.kill_switch("").actor == "ops"
    assert fresh.scopes[("ACC1", "")].limit_set.version == 2
    assert fresh.scopes[("ACC1", "")].by_sector["tech"].threshold == 1e6
    assert [x.reason for x in fresh.list_restrictions("ACC1")] == ["earnings blackout"]
    assert acct.drawdown.state.peak == 600_000.0
    assert acct.drawdown.state.drawdown == pytest.approx(0.1)
    fresh.set_kill_switch("", pb.KILL_SWITCH_STATE_ACTIVE, "ops", "resumed", notify=False)
    fresh.set_kill_switch("ACC1", pb.KILL_SWITCH_STATE_ACTIVE, "ops", "resumed", notify=False)
    fresh.update_price("AAPL.XNAS", 100.0)
    assert rules(fresh.check(order(qty=31, strategy="S2"))) == ["max_position_quantity"]
    assert fresh.check(order(qty=30, strategy="S2")).approved

    # history, newest first, with who and why
    hist = await store.kill_switch_history("ACC1")
    assert [(h.actor, h.reason, h.state) for h in hist] == [
        ("alice", "review", pb.KILL_SWITCH_STATE_REDUCING)]
    everything = await store.kill_switch_history("*")
    assert [h.account_id for h in everything] == ["", "ACC1"]
    assert everything[0].previous_state == pb.KILL_SWITCH_STATE_ACTIVE


async def test_risk_bootstrap_file_applies_once_and_api_changes_win(sqlite_url, tmp_path):
    import json

    from svc_risk_engine.app import apply_bootstrap

    db = await migrated(Database(sqlite_url))
    try:
        path = tmp_path / "bootstrap.json"
        path.write_text(json.dumps({
            "accounts": [{"accountId": "PAPER", "startingEquity": {"value": "100000"},
                          "currency": "USD", "initialMarginRate": 0.5}],
            "limit_sets": [{"accountId": "PAPER", "limits": [
                {"type": "LIMIT_TYPE_MAX_ORDER_QUANTITY", "threshold": {"value": "1000"},
                 "enabled": True}]}],
            "instruments": [{"instrumentId": {"value": "AAPL.XNAS"},
                             "assetClass": "ASSET_CLASS_EQUITY", "sector": "tech"}],
            "restrictions": [{"instrumentId": {"value": "BAD.XNAS"},
                              "kind": "RESTRICTION_KIND_NO_TRADE"}],
        }))
        eng = engine()
        store = RiskStore(db)
        counts = await apply_bootstrap(eng, store, path)
        assert counts == {"accounts": 1, "limit_sets": 1, "instruments": 1, "restrictions": 1}
        eng.update_price("AAPL.XNAS", 10.0)
        assert eng.check(order(account="PAPER", qty=1000)).approved
        assert rules(eng.check(order(account="PAPER", qty=1001))) == ["max_order_quantity"]
        # the officer tightens the limit through the API; a restart re-reads the file
        await store.save_limits(limit_set("PAPER", "", lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 10)),
                                1)
        fresh = engine()
        await RiskStore(db).load_into(fresh)
        again = await apply_bootstrap(fresh, RiskStore(db), path)
        assert again == {"accounts": 0, "limit_sets": 0, "instruments": 0, "restrictions": 0}
        fresh.update_price("AAPL.XNAS", 10.0)
        assert rules(fresh.check(order(account="PAPER", qty=11))) == ["max_order_quantity"]
    finally:
        await db.dispose()
