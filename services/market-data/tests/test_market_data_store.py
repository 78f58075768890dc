"""The history store against real PostgreSQL and SQLite, schema made by the Alembic migration."""

import pytest
from omni_quant.marketsim import Trade
from svc_market_data.bars import Bar
from svc_market_data.store import HistoryStore

S = 1_000_000_000
T0 = 1_767_225_600 * S


def bars(n, tf="1m", period=60, inst="AAPL.XNAS", base=100.0):
    return [Bar(inst, tf, 1, T0 + i * period * S, T0 + (i + 1) * period * S, base + i,
                base + i + 1, base + i - 1, base + i + 0.5, 10.0 * (i + 1), base + i + 0.2, i + 1,
                "simulator") for i in range(n)]


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/md.db"
    return request.getfixturevalue("md_postgres_url")


@pytest.fixture
async def store(store_url, database_for):
    db = database_for(store_url)
    await db.migrate("svc_market_data.migrations")
    try:
        yield HistoryStore(db)
    finally:
        await db.dispose()


async def test_bars_roundtrip_range_limit_and_idempotent_upsert(store):
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


async def test_trades_idempotent_and_pruned(store):
    trades = [Trade("BTC-USD.CRYPTO", T0 + i * S, 65_000.0 + i, 0.01 * (i + 1), 1 + i % 2,
                    f"S{i}") for i in range(50)]
    await store.save_trades(trades, "simulator")
    await store.save_trades(trades[10:20], "simulator")  # a replay re-sends some
    assert (await store.count())[1] == 50
    got = await store.get_trades("BTC-USD.CRYPTO", T0 + 5 * S, T0 + 8 * S)
    assert got == trades[5:8]
    assert await store.prune_trades(T0 + 40 * S) == 40
    assert (await store.count())[1] == 10
