"""Database against real PostgreSQL (fresh schema) and SQLite: sessions, migrations, durable
dedupe, transactional outbox."""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path

import pytest
from omni_core.db import Database, DbDeduplicator, Outbox, OutboxRelay, outbox_table
from sqlalchemy import text


@pytest.fixture(params=["postgres", "sqlite"])
async def db(request, tmp_path, postgres_url):
    if request.param == "postgres":
        database = Database(postgres_url.url, schema=postgres_url.schema)
    else:
        database = Database(f"sqlite+aiosqlite:///{tmp_path}/nested/dir/svc.db")
    yield database
    await database.dispose()


def write_migrations(root: Path) -> Path:
    mig = root / "migrations"
    (mig / "versions").mkdir(parents=True)
    (mig / "env.py").write_text(textwrap.dedent("""
        from omni_core.db import alembic_env
        from sqlalchemy import MetaData
        alembic_env.run(MetaData())
    """))
    (mig / "versions" / "0001_orders.py").write_text(textwrap.dedent("""
        import sqlalchemy as sa
        from alembic import op
        revision = "0001"
        down_revision = None
        def upgrade():
            op.create_table("orders",
                sa.Column("id", sa.String(40), primary_key=True),
                sa.Column("qty", sa.Numeric(20, 8), nullable=False))
        def downgrade():
            op.drop_table("orders")
    """))
    (mig / "versions" / "0002_status.py").write_text(textwrap.dedent("""
        import sqlalchemy as sa
        from alembic import op
        revision = "0002"
        down_revision = "0001"
        def upgrade():
            with op.batch_alter_table("orders") as b:
                b.add_column(sa.Column("status", sa.String(20), server_default="new"))
        def downgrade():
            pass
    """))
    return mig


async def test_ping_session_commit_and_rollback(db):
    assert await db.ping()
    async with db.session() as s:
        await s.execute(text("CREATE TABLE kv (k VARCHAR(10) PRIMARY KEY, v INTEGER)"))
    async with db.session() as s:
        await s.execute(text("INSERT INTO kv VALUES ('a', 1)"))
    with pytest.raises(RuntimeError):
        async with db.session() as s:
            await s.execute(text("INSERT INTO kv VALUES ('b', 2)"))
            raise RuntimeError("roll back")
    async with db.session() as s:
        rows = (await s.execute(text("SELECT k, v FROM kv ORDER BY k"))).all()
    assert [tuple(r) for r in rows] == [("a", 1)]


async def test_sqlite_file_uses_wal(tmp_path):
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/a/b/c.db")
    try:
        async with database.session() as s:
            mode = (await s.execute(text("PRAGMA journal_mode"))).scalar()
            busy = (await s.execute(text("PRAGMA busy_timeout"))).scalar()
        assert mode == "wal" and busy == 5000
        assert (tmp_path / "a" / "b" / "c.db").exists()
    finally:
        await database.dispose()


async def test_postgres_schema_isolated(postgres_url):
    database = postgres_url.database()
    try:
        async with database.session() as s:
            await s.execute(text("CREATE TABLE only_here (x INT)"))
            schema = (await s.execute(
                text("SELECT table_schema FROM information_schema.tables "
                     "WHERE table_name = 'only_here'"))).scalar()
        assert schema == postgres_url.schema
    finally:
        await database.dispose()


async def test_migrations_upgrade_head_idempotent(db, tmp_path):
    mig = write_migrations(tmp_path)
    await db.migrate(mig, version_table="alembic_version_test")
    await db.migrate(mig, version_table="alembic_version_test")  # already at head
    async with db.session() as s:
        await s.execute(text("INSERT INTO orders (id, qty) VALUES ('o1', 1.5)"))
        row = (await s.execute(text("SELECT id, qty, status FROM orders"))).one()
        version = (await s.execute(text("SELECT version_num FROM alembic_version_test"))).scalar()
    assert row.id == "o1" and row.status == "new"
    assert version == "0002"


async def test_migrations_unreachable_db_raises(tmp_path):
    database = Database("postgresql+asyncpg://postgres@127.0.0.1:1/test")
    try:
        assert not await database.ping(timeout=1)
        with pytest.raises(Exception):  # noqa: B017
            await database.migrate(write_migrations(tmp_path))
    finally:
        await database.dispose()


async def test_db_deduplicator_survives_restart(db):
    d = DbDeduplicator(db, "order-manager")
    assert not await d.seen("e1")
    await d.mark("e1")
    await d.mark("e1")  # idempotent
    assert await d.seen("e1")
    fresh = DbDeduplicator(db, "order-manager")  # a restart: empty LRU, same table
    assert await fresh.seen("e1") and not await fresh.seen("e2")
    assert not await DbDeduplicator(db, "risk-engine").seen("e1")  # per consumer


async def test_db_deduplicator_seen_many_answers_a_batch(db):
    d = DbDeduplicator(db, "order-manager")
    assert await d.seen_many([]) == set()
    assert await d.seen_many(["a", "b"]) == set()
    await d.mark("a")
    await d.mark("c")
    assert await d.seen_many(["a", "b", "c", "a"]) == {"a", "c"}
    fresh = DbDeduplicator(db, "order-manager")  # from the table, not the LRU
    ids = [f"x{i}" for i in range(1200)] + ["c"]  # more than one query's worth
    assert await fresh.seen_many(ids) == {"c"}
    assert await DbDeduplicator(db, "risk-engine").seen_many(["a", "c"]) == set()


class RecordingBus:
    """Stands in only for the publish call; the real bus round trip is in
    test_service_lifecycle.py (outbox relay through the embedded broker)."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.published: list[tuple[str, str, str, str]] = []
        self.fail_after = fail_after

    async def publish(self, topic, key, event, *, event_id=None, tenant_id=None):
        if self.fail_after is not None and len(self.published) >= self.fail_after:
            raise RuntimeError("broker down")
        self.published.append((topic, key, event.DESCRIPTOR.full_name, event_id))
        return event_id


async def test_outbox_rows_commit_with_the_transaction(db):
    from omni.control_plane.v1.events_pb2 import ConfigChanged

    outbox = Outbox(db)
    with pytest.raises(RuntimeError):
        async with db.session() as s:
            await outbox.add(s, "t", "k", ConfigChanged(key="rolled-back"))
            raise RuntimeError()
    ids = []
    async with db.session() as s:
        for i in range(3):
            ids.append(await outbox.add(s, "order-management", f"acct-{i}",
                                        ConfigChanged(key=f"k{i}", version=i)))
    assert await outbox.pending() == 3

    bus = RecordingBus(fail_after=2)
    assert await outbox.relay_once(bus) == 2  # stops at the failure, keeps order
    assert await outbox.pending() == 1
    bus.fail_after = None
    assert await outbox.relay_once(bus) == 1
    assert await outbox.relay_once(bus) == 0
    assert [p[3] for p in bus.published] == ids  # row id = event id, creation order
    assert bus.published[0][:3] == ("order-management", "acct-0",
                                    "omni.control_plane.v1.ConfigChanged")
    async with db.session() as s:
        unpublished = (await s.execute(
            outbox_table.select().where(outbox_table.c.published_at.is_(None)))).all()
    assert unpublished == []


async def test_outboxes_of_services_sharing_a_database_stay_apart(db):
    from omni.control_plane.v1.events_pb2 import ConfigChanged

    a, b = Outbox(db, source="order-manager"), Outbox(db, source="risk-engine")
    async with db.session() as s:
        await a.add(s, "order-management", "k", ConfigChanged(key="a"))
        await b.add(s, "risk-management", "k", ConfigChanged(key="b"))
    bus = RecordingBus()
    assert await a.relay_once(bus) == 1
    assert [p[0] for p in bus.published] == ["order-management"]
    assert await b.pending() == 1


class GatedBus(RecordingBus):
    """Holds each publish until `release` is set, so a test can write while a round runs."""

    def __init__(self) -> None:
        super().__init__()
        self.publishing = asyncio.Event()
        self.release = asyncio.Event()

    async def publish(self, topic, key, event, *, event_id=None, tenant_id=None):
        self.publishing.set()
        await self.release.wait()
        return await super().publish(topic, key, event, event_id=event_id, tenant_id=tenant_id)


async def test_relay_publishes_a_row_written_while_it_was_publishing(db):
    from omni.control_plane.v1.events_pb2 import ConfigChanged

    outbox, bus = Outbox(db), GatedBus()
    relay = OutboxRelay(outbox, bus, interval=3600)  # only a wake-up can start a round
    async with db.session() as s:
        first = await outbox.add(s, "t", "k", ConfigChanged(key="first"))
    relay.start()
    try:
        await asyncio.wait_for(bus.publishing.wait(), 30)
        async with db.session() as s:  # written after the round read the outbox
            second = await outbox.add(s, "t", "k", ConfigChanged(key="second"))
        bus.release.set()
        for _ in range(3000):
            if len(bus.published) == 2:
                break
            await asyncio.sleep(0.01)
        assert [p[3] for p in bus.published] == [first, second]
    finally:
        await relay.stop()
