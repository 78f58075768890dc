"""The store and the series rules against hand computations, on SQLite and PostgreSQL (no
broker): newer-wins upserts whatever the arrival order, idempotent fills, strategy returns over
the account's previous NAV, the NAV-weighted portfolio, periods."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd
import pytest
from omni.analytics.v1 import analytics_service_pb2 as pb
from omni.common.v1 import types_pb2 as common
from omni_core.db import Database
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from svc_analytics.engine import Analytics
from svc_analytics.store import AnalyticsStore


def at(day: str, hour: int = 21) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request, tmp_path) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/analytics.db", None
    target = request.getfixturevalue("postgres_url")
    return target.url, target.schema


@pytest.fixture
async def store(db_target):  # type: ignore[no-untyped-def]
    db = Database(db_target[0], schema=db_target[1])
    await db.migrate("svc_analytics.migrations", version_table="alembic_version_analytics")
    try:
        yield AnalyticsStore(db)
    finally:
        await db.dispose()


async def nav(store: AnalyticsStore, account: str, day: str, value: str, hour: int = 21,
              currency: str = "USD") -> None:
    v = Decimal(value)
    await store.record_nav(account, at(day, hour), v, v / 2, v, v / 2, currency)


async def test_newer_snapshot_wins_in_any_order(store: AnalyticsStore) -> None:
    await nav(store, "a", "2025-01-02", "110", hour=21)
    await nav(store, "a", "2025-01-02", "90", hour=15)  # older, arrives later: ignored
    await nav(store, "a", "2025-01-02", "110", hour=21)  # a replay: nothing changes
    await nav(store, "a", "2025-01-01", "100")
    pts = await store.nav_daily("a")
    assert [(p.day.isoformat(), p.nav) for p in pts] == [
        ("2025-01-01", Decimal("100")), ("2025-01-02", Decimal("110"))]
    assert pts[1].event_time == at("2025-01-02", 21)
    intraday = await store.intraday("a", at("2025-01-02", 0))
    assert [v for _, v in intraday] == [Decimal("90"), Decimal("110")]
    assert await store.purge_intraday(at("2025-01-02", 16)) == 2  # 2025-01-01 and 15:00
    await store.record_fill("a", "f1", at("2025-01-02"))
    await store.record_fill("a", "f1", at("2025-01-02"))
    await store.record_fill("a", "f2", at("2025-01-03"))
    assert await store.fills("a", "2025-01-02", "2025-01-02") == 1
    assert await store.fills("a", "2025-01-01", "2025-01-31") == 2


async def test_strategy_returns_over_previous_account_nav(store: AnalyticsStore) -> None:
    for d, v in (("2025-01-01", "1000"), ("2025-01-02", "1010"), ("2025-01-03", "990"),
                 ("2025-01-06", "1000")):
        await nav(store, "a", d, v)
    # no P&L summary on 01-03: the change from 01-02 to 01-06 is over the NAV of 01-02
    for d, total, fees in (("2025-01-01", "0", "0"), ("2025-01-02", "5", "1"),
                           ("2025-01-06", "-3", "2")):
        await store.record_pnl("a", "s1", at(d), realized=Decimal(0), unrealized=Decimal(0),
                               fees=Decimal(fees), total=Decimal(total), day_pnl=Decimal(0),
                               currency="USD")
    eng = Analytics(store)
    s = await eng.subject_series(pb.Subject(account_id="a", strategy_id="s1"))
    assert list(s.returns.index) == [pd.Timestamp("2025-01-02"), pd.Timestamp("2025-01-06")]
    assert s.returns.iloc[0] == pytest.approx(5 / 1000, abs=1e-15)
    assert s.returns.iloc[1] == pytest.approx(-8 / 1010, abs=1e-15)
    assert (s.net_pnl, s.fees) == (Decimal(-3), Decimal(2))
    acct = await eng.subject_series(pb.Subject(account_id="a"))
    assert list(acct.returns.round(12)) == [round(x, 12) for x in
                                            (0.01, 990 / 1010 - 1, 1000 / 990 - 1)]
    # a period: the returns dated in [01-03, 01-06) -> only 01-03; the curve keeps its base
    period = common.TimeRange()
    period.start.FromDatetime(datetime(2025, 1, 3, tzinfo=UTC))
    period.end.FromDatetime(datetime(2025, 1, 6, tzinfo=UTC))
    part = await eng.subject_series(pb.Subject(account_id="a"), period)
    assert list(part.returns.index) == [pd.Timestamp("2025-01-03")]
    assert list(part.equity) == [1010.0, 990.0]
    with pytest.raises(NotFound, match="known strategies: s1"):
        await eng.subject_series(pb.Subject(account_id="a", strategy_id="s2"))


async def test_portfolio_is_nav_weighted(store: AnalyticsStore) -> None:
    await nav(store, "a", "2025-01-01", "100")
    await nav(store, "a", "2025-01-02", "110")
    await nav(store, "a", "2025-01-03", "99")
    # b joins on 01-02 with 300: not a return; its first return is on 01-03
    await nav(store, "b", "2025-01-02", "300")
    await nav(store, "b", "2025-01-03", "330")
    eng = Analytics(store)
    s = await eng.subject_series(pb.Subject(account_id="*"))
    assert list(s.returns.index) == [pd.Timestamp("2025-01-02"), pd.Timestamp("2025-01-03")]
    assert s.returns.iloc[0] == pytest.approx(0.10, abs=1e-15)
    # 01-03: a -10% on 110, b +10% on 300 -> (110 * -0.1 + 300 * 0.1) / 410
    assert s.returns.iloc[1] == pytest.approx((-11 + 30) / 410, abs=1e-15)
    assert list(s.equity) == [100.0, 410.0, 429.0]
    assert s.exposure is not None and list(s.exposure["gross"]) == [1.0, 1.0]
    m = eng.metrics(s, None)
    assert m.total_return == pytest.approx(1.1 * (1 + 19 / 410) - 1, abs=1e-15)
    with pytest.raises(InvalidArgument, match="strategy_id"):
        await eng.subject_series(pb.Subject(account_id="*", strategy_id="x"))
    await nav(store, "c", "2025-01-03", "10", currency="EUR")
    with pytest.raises(FailedPrecondition, match="EUR, USD"):
        await eng.subject_series(pb.Subject(account_id="*"))


async def test_benchmark_closes(store: AnalyticsStore) -> None:
    eng = Analytics(store)
    await store.record_price("SPY", "2025-01-02", at("2025-01-02", 15), 101.0)
    await store.record_price("SPY", "2025-01-02", at("2025-01-02", 21), 102.0)
    await store.record_price("SPY", "2025-01-02", at("2025-01-02", 14), 99.0)  # older: ignored
    with pytest.raises(NotFound, match="1 daily close"):
        await eng.benchmark_returns(common.InstrumentId(value="SPY"))
    await store.record_price("SPY", "2025-01-01", at("2025-01-01"), 100.0)
    name, r = await eng.benchmark_returns(common.InstrumentId(value="SPY"))  # type: ignore[misc]
    assert name == "SPY" and list(r) == [pytest.approx(0.02, abs=1e-15)]
    assert await eng.benchmark_returns(common.InstrumentId(value=" ")) is None


async def test_kill_switch_state_is_the_stricter(store: AnalyticsStore) -> None:
    await nav(store, "a", "2025-01-01", "100")
    eng = Analytics(store)
    req = pb.GetDashboardRequest(account_id="a")
    assert (await eng.dashboard(req, at("2025-01-01"))).trading_state == ""
    await store.record_kill_switch("", "ACTIVE", at("2025-01-01", 9))
    await store.record_kill_switch("a", "REDUCING", at("2025-01-01", 10))
    assert (await eng.dashboard(req, at("2025-01-01"))).trading_state == "REDUCING"
    await store.record_kill_switch("", "HALTED", at("2025-01-01", 11))
    await store.record_kill_switch("", "ACTIVE", at("2025-01-01", 10))  # older: ignored
    assert (await eng.dashboard(req, at("2025-01-01"))).trading_state == "HALTED"
    await store.record_kill_switch("", "ACTIVE", at("2025-01-01", 12))
    await store.record_kill_switch("a", "ACTIVE", at("2025-01-01", 12))
    assert (await eng.dashboard(req, at("2025-01-01"))).trading_state == "ACTIVE"
