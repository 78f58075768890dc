"""The config registry on real PostgreSQL (fresh schema per test) and SQLite, through the
Alembic migration, with the kit's outbox in the same transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from omni.control_plane.v1 import events_pb2 as cp
from omni_core.db import Database, Outbox, outbox_table
from omni_core.errors import NotFound
from sqlalchemy import select
from svc_control_plane.config import ConfigRegistry, VersionConflict
from svc_control_plane.repository import SqlConfigStore


class Ticker:
    def __init__(self) -> None:
        self.t = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture(params=["postgres", "sqlite"])
async def db(request: pytest.FixtureRequest, postgres_url, sqlite_url):  # type: ignore[no-untyped-def]
    if request.param == "postgres":
        database = postgres_url.database()
    else:
        database = Database(sqlite_url)
    await database.migrate("svc_control_plane.migrations")
    await database.ensure_kit_tables()
    yield database
    await database.dispose()


def registry(db: Database, outbox: Outbox | None = None) -> ConfigRegistry:
    return ConfigRegistry(SqlConfigStore(db, outbox=outbox), None, Ticker())


async def test_versions_history_and_tombstones(db: Database) -> None:
    reg = registry(db)
    e1 = await reg.put("risk-engine", "limits.max", "1", changed_by="ops", reason="init")
    e2 = await reg.put("risk-engine", "limits.max", '{"v": 2}', expected_version=1)
    assert (e1.version, e2.version) == (1, 2)
    got = await reg.get("risk-engine", "limits.max")
    assert got.value_json == '{"v": 2}' and got.created_at == e1.created_at
    assert got.changed_at == e2.changed_at and got.changed_at.tzinfo is not None
    with pytest.raises(VersionConflict):
        await reg.put("risk-engine", "limits.max", "3", expected_version=1)
    with pytest.raises(VersionConflict):
        await reg.put("risk-engine", "limits.max", "3", expected_version=0)
    await reg.delete("risk-engine", "limits.max", expected_version=2, reason="gone")
    with pytest.raises(NotFound):
        await reg.get("risk-engine", "limits.max")
    e4 = await reg.put("risk-engine", "limits.max", "4", expected_version=0)
    assert e4.version == 4
    hist = await reg.history("risk-engine", "limits.max", page_size=3)
    assert [(h.version, h.deleted) for h in hist.entries] == [(4, False), (3, True), (2, False)]
    rest = await reg.history("risk-engine", "limits.max", page_token=hist.next_token)
    assert [h.version for h in rest.entries] == [1] and rest.entries[0].reason == "init"


async def test_list_with_global_scope_and_pages(db: Database) -> None:
    reg = registry(db)
    for i in range(4):
        await reg.put("*", f"k.{i}", str(i))
        await reg.put("alt-data", f"k.{i}", str(i))
    await reg.put("alt-data", "k_x", "1")  # "_" must not act as a LIKE wildcard
    await reg.put("analytics", "k.0", "9")
    await reg.delete("alt-data", "k.3")
    seen, token = [], ""
    while True:
        page = await reg.list("alt-data", key_prefix="k.", page_size=2, page_token=token)
        seen += [(e.key, e.service) for e in page.entries]
        token = page.next_token
        if not token:
            break
    assert seen == [
        ("k.0", "*"),
        ("k.0", "alt-data"),
        ("k.1", "*"),
        ("k.1", "alt-data"),
        ("k.2", "*"),
        ("k.2", "alt-data"),
        ("k.3", "*"),
    ]
    assert len((await reg.list("")).entries) == 9
    own = await reg.list("alt-data", exclude_global=True)
    assert [e.key for e in own.entries] == ["k.0", "k.1", "k.2", "k_x"]


async def test_write_and_outbox_event_commit_together(db: Database) -> None:
    outbox = Outbox(db)
    reg = registry(db, outbox)
    e = await reg.put("market-data", "feed.symbols", '["AAPL"]', changed_by="ops")
    tomb = await reg.delete("market-data", "feed.symbols")
    async with db.engine.connect() as conn:
        rows = (await conn.execute(select(outbox_table).order_by(outbox_table.c.created_at))).all()
    assert [r.id for r in rows] == [e.event_id, tomb.event_id]
    assert {r.key for r in rows} == {"market-data"} and rows[0].topic == "system-monitoring"
    ev = cp.ConfigChanged.FromString(rows[1].payload)
    assert (ev.key, ev.version, ev.deleted) == ("feed.symbols", 2, True)
    hist = await reg.history("market-data", "feed.symbols")
    assert [h.event_id for h in hist.entries] == [tomb.event_id, e.event_id]
    # a failed write leaves no event behind
    with pytest.raises(VersionConflict):
        await reg.put("market-data", "feed.symbols", "1", expected_version=7)
    assert await outbox.pending() == 2


async def test_concurrent_writers_one_wins(db: Database) -> None:
    reg = registry(db)
    await reg.put("orchestrator", "session.mode", '"paper"')
    results = await asyncio.gather(
        *[reg.put("orchestrator", "session.mode", f'"{i}"', expected_version=1) for i in range(5)],
        return_exceptions=True,
    )
    wins = [r for r in results if not isinstance(r, BaseException)]
    losses = [r for r in results if isinstance(r, BaseException)]
    assert len(wins) == 1 and wins[0].version == 2
    assert all(isinstance(x, VersionConflict) for x in losses)
    assert (await reg.get("orchestrator", "session.mode")).version == 2
    assert len((await reg.history("orchestrator", "session.mode")).entries) == 2
