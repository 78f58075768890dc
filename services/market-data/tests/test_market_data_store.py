"""The history store against real PostgreSQL and SQLite, schema made by the Alembic migration."""

import pytest
from omni_core.db import Database
from omni_quant.marketsim import Trade
from svc_market_data.bars import Bar
from svc_market_data.store import HistoryStore

S = 1_000_000_000
T0 = 1_767_225_600 * S


def bars(n, tf="1m", period=60, inst="AAPL.XNAS", base=100.0):
    return [Bar(inst, tf, 1, T0 + i * period * S, T0 + (i + 1) * period * S, base + i,
                base + i + 1, base + i - 1, base + i + 0.5, 10.0 * (i + 1), base + i + 0.2, i + 1,
                "simulator") for i in range(n)]


@pytest.fixture
async def sqlite_store(sqlite_url):
    db = Database(sqlite_url)
    await db.migrate("svc_market_data.migrations")
    try:
        yield HistoryStore(db)
    finally:
        await db.dispose()


@pytest.fixture
async def pg_store(postgres_url):
    db = postgres_url.database()
    await db.migrate("svc_market_data.migrations")
    try:
        yield HistoryStore(db)
    finally:
        await db.dispose()


async def check_bars(store):
    assert await store.save_bars(bars(10)) == 10
    await store.save_bars(bars(3, "1h", 3600))
    got = await store.get_bars("AAPL.XNAS", "1m", T0, T0 + 3600 * S)
    assert [b.start_ns for b in got] == [T0 + i * 60 * S for i in range(10)]
    assert got[3] == bars(10)[3]
    # range is half-open on start, the most recent `limit` come back oldest first
    got = await store.get_bars("AAPL.XNAS", "1m", T0 + 2 * 60 * S, T0 + 8 * 60 * S, limit=3)
    assert [b.start_ns for b in got] == [T0 + i * 60 * S for i in (5, 6, 7)]
    # rewriting a bar updates it; nothing is duplicated
    changed = bars(10)[4]
    changed.close = 999.0
    await store.save_bars([changed, *bars(10)[:2]])
    assert (await store.count())[0] == 13
    got = await store.get_bars("AAPL.XNAS", "1m", T0, T0 + 3600 * S)
    assert got[4].close == 999.0
    assert await store.get_bars("MSFT.XNAS", "1m", T0, T0 + 3600 * S) == []


async def check_trades(store):
    trades = [Trade("BTC-USD.CRYPTO", T0 + i * S, 65_000.0 + i, 0.01 * (i + 1), 1 + i % 2,
                    f"S{i}") for i in range(50)]
    await store.save_trades(trades, "simulator")
    await store.save_trades(trades[10:20], "simulator")  # a replay re-sends some
    assert (await store.count())[1] == 50
    got = await store.get_trades("BTC-USD.CRYPTO", T0 + 5 * S, T0 + 8 * S)
    assert got == trades[5:8]
    assert await store.prune_trades(T0 + 40 * S) == 40
    assert (await store.count())[1] == 10


async def test_bars_sqlite(sqlite_store):
    await check_bars(sqlite_store)


async def test_bars_postgres(pg_store):
    await check_bars(pg_store)


async def test_trades_sqlite(sqlite_store):
    await check_trades(sqlite_store)


async def test_trades_postgres(pg_store):
    await check_trades(pg_store)
