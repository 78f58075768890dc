"""Storage: SQLAlchemy 2 async over asyncpg (PostgreSQL) or aiosqlite (SQLite).

    db = Database(settings.database_url)               # or Database(url, schema="t_ab12")
    await db.migrate("svc_order_manager.migrations")   # Alembic upgrade head (package or dir)
    async with db.session() as s:                      # one transaction, committed on exit
        s.add(Order(...))
    assert await db.ping()
    await db.dispose()

A service keeps its Alembic scripts in ``src/svc_<name>/migrations`` with an ``env.py`` of

    from omni_core.db import alembic_env
    from svc_order_manager.models import Base
    alembic_env.run(Base.metadata)

Kit tables (`processed_events` for `DbDeduplicator`, `outbox` for `Outbox`) belong to the kit,
not to a service's migrations; `Database.ensure_kit_tables()` creates them idempotently (the
kit's schema for them is versioned with the kit and only ever gains tables).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.resources
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    event,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

__all__ = [
    "Database",
    "DbDeduplicator",
    "Outbox",
    "OutboxRelay",
    "kit_metadata",
    "processed_events",
    "outbox_table",
]


class Database:
    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        echo: bool = False,
        pool_size: int = 5,
        busy_timeout_ms: int = 5000,
    ) -> None:
        self.url = url
        self.schema = schema
        u = make_url(url)
        self.dialect = u.get_backend_name()
        if self.dialect == "sqlite":
            if u.drivername != "sqlite+aiosqlite":
                raise ValueError("SQLite URLs must use the aiosqlite driver (sqlite+aiosqlite)")
            if u.database and u.database != ":memory:":
                Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.engine: AsyncEngine = create_async_engine(
                url, echo=echo, connect_args={"timeout": busy_timeout_ms / 1000}
            )

            @event.listens_for(self.engine.sync_engine, "connect")
            def _pragmas(dbapi_conn: Any, _: Any) -> None:
                cur = dbapi_conn.cursor()
                if u.database and u.database != ":memory:":
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()

        elif self.dialect == "postgresql":
            if u.drivername != "postgresql+asyncpg":
                raise ValueError("PostgreSQL URLs must use the asyncpg driver (postgresql+asyncpg)")
            connect_args: dict[str, Any] = {}
            if schema:
                connect_args["server_settings"] = {"search_path": f"{schema},public"}
            self.engine = create_async_engine(
                url, echo=echo, pool_size=pool_size, pool_pre_ping=True,
                connect_args=connect_args,
            )
        else:
            raise ValueError(f"unsupported database URL scheme {u.drivername!r}")
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._kit_tables_ready = False

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed when the block ends, rolled back if it
        raises."""
        async with self.sessions() as s, s.begin():
            yield s

    async def ping(self, timeout: float = 2.0) -> bool:  # noqa: ASYNC109
        try:
            async with asyncio.timeout(timeout):
                async with self.engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()

    async def ensure_schema(self) -> None:
        if self.schema and self.is_postgres:
            async with self.engine.begin() as conn:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))

    async def ensure_kit_tables(self) -> None:
        if self._kit_tables_ready:
            return
        await self.ensure_schema()
        async with self.engine.begin() as conn:
            await conn.run_sync(kit_metadata.create_all, checkfirst=True)
        self._kit_tables_ready = True

    async def migrate(
        self, migrations: str | Path, *, version_table: str = "alembic_version",
        revision: str = "head",
    ) -> None:
        """Run Alembic ``upgrade <revision>`` with the scripts in `migrations` (a directory or
        an importable package name, e.g. ``svc_order_manager.migrations``)."""
        from alembic import command
        from alembic.config import Config

        location = _resolve_migrations(migrations)
        cfg = Config()
        cfg.set_main_option("script_location", str(location))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        cfg.attributes["version_table"] = version_table
        cfg.attributes["schema"] = self.schema if self.is_postgres else None
        await self.ensure_schema()

        def upgrade(sync_conn: Any) -> None:
            cfg.attributes["connection"] = sync_conn
            command.upgrade(cfg, revision)

        async with self.engine.begin() as conn:
            await conn.run_sync(upgrade)


def _resolve_migrations(migrations: str | Path) -> Path:
    p = Path(migrations)
    if p.is_dir():
        return p.resolve()
    if isinstance(migrations, str):
        try:
            mod = importlib.import_module(migrations)
        except ImportError as exc:
            raise FileNotFoundError(f"no migrations directory or package {migrations!r}") from exc
        files = importlib.resources.files(mod)
        return Path(str(files))
    raise FileNotFoundError(f"no migrations directory {migrations}")


# --- kit tables ----------------------------------------------------------------------------

kit_metadata = MetaData()

processed_events = Table(
    "processed_events",
    kit_metadata,
    Column("consumer", String(200), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)

outbox_table = Table(
    "outbox",
    kit_metadata,
    Column("id", String(64), primary_key=True),  # also the published event id
    Column("topic", String(255), nullable=False),
    Column("key", String(255), nullable=True),
    Column("event_type", String(255), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("tenant_id", String(100), nullable=True),
    # the writing service, so services sharing one database relay only their own rows
    Column("source", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=True),
    Index("ix_outbox_unpublished", "published_at", "created_at"),
)


def _insert(db: Database, table: Table) -> Any:
    if db.is_postgres:
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


class DbDeduplicator:
    """The bus `Deduplicator`, durable in the service database (table ``processed_events``),
    with an in-memory LRU in front so recent ids cost no query."""

    def __init__(self, db: Database, consumer: str, *, cache_size: int = 50_000) -> None:
        self.db = db
        self.consumer = consumer
        self._lru: OrderedDict[str, None] = OrderedDict()
        self._cap = cache_size

    def _remember(self, event_id: str) -> None:
        self._lru[event_id] = None
        self._lru.move_to_end(event_id)
        if len(self._lru) > self._cap:
            self._lru.popitem(last=False)

    async def seen(self, event_id: str) -> bool:
        if event_id in self._lru:
            return True
        await self.db.ensure_kit_tables()
        async with self.db.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(processed_events.c.event_id).where(
                        processed_events.c.consumer == self.consumer,
                        processed_events.c.event_id == event_id,
                    )
                )
            ).first()
        if row is not None:
            self._remember(event_id)
            return True
        return False

    async def seen_many(self, event_ids: Iterable[str]) -> set[str]:
        """Which of `event_ids` were already handled: the bus asks once per batch (one query
        per 500 ids not in the LRU) instead of once per message."""
        found: set[str] = set()
        rest: list[str] = []
        for eid in dict.fromkeys(event_ids):
            if eid in self._lru:
                found.add(eid)
            else:
                rest.append(eid)
        if not rest:
            return found
        await self.db.ensure_kit_tables()
        async with self.db.engine.connect() as conn:
            for i in range(0, len(rest), 500):
                rows = await conn.execute(
                    select(processed_events.c.event_id).where(
                        processed_events.c.consumer == self.consumer,
                        processed_events.c.event_id.in_(rest[i : i + 500]),
                    )
                )
                for (eid,) in rows:
                    found.add(eid)
                    self._remember(eid)
        return found

    async def mark(self, event_id: str) -> None:
        await self.db.ensure_kit_tables()
        stmt = (
            _insert(self.db, processed_events)
            .values(consumer=self.consumer, event_id=event_id, processed_at=datetime.now(UTC))
            .on_conflict_do_nothing()
        )
        async with self.db.engine.begin() as conn:
            await conn.execute(stmt)
        self._remember(event_id)

    async def prune(self, older_than: timedelta) -> int:
        """Forget ids processed longer ago than `older_than` (beyond any redelivery window)."""
        await self.db.ensure_kit_tables()
        cutoff = datetime.now(UTC) - older_than
        async with self.db.engine.begin() as conn:
            res = await conn.execute(
                delete(processed_events).where(
                    processed_events.c.consumer == self.consumer,
                    processed_events.c.processed_at < cutoff,
                )
            )
        return int(res.rowcount or 0)


class Outbox:
    """Transactional outbox: write events in the same transaction as the state they describe;
    `OutboxRelay` publishes them afterwards (at least once, with the row id as event id, so
    consumers' dedupe makes a re-publish harmless).

        async with db.session() as s:
            s.add(order)
            event_id = await outbox.add(s, "order-management", account_id, OrderAccepted(...))
    """

    def __init__(self, db: Database, *, source: str | None = None) -> None:
        self.db = db
        self.source = source
        self._wake = asyncio.Event()
        self.last_error: Exception | None = None

    async def add(
        self, session: AsyncSession, topic: str, key: str | None, event: Any,
        *, tenant_id: str | None = None,
    ) -> str:
        from omni_core.ids import new_id

        await self.db.ensure_kit_tables()
        event_id = new_id()
        await session.execute(
            outbox_table.insert().values(
                id=event_id, topic=topic, key=key, event_type=event.DESCRIPTOR.full_name,
                payload=event.SerializeToString(), tenant_id=tenant_id, source=self.source,
                created_at=datetime.now(UTC), published_at=None,
            )
        )
        self._wake.set()
        return event_id

    def wake(self) -> None:
        """Tell the relay that rows were written (e.g. by a bulk insert into `outbox_table`)."""
        self._wake.set()

    def _unpublished(self, q: Any) -> Any:
        q = q.where(outbox_table.c.published_at.is_(None))
        if self.source is not None:
            q = q.where(outbox_table.c.source == self.source)
        return q

    async def pending(self) -> int:
        await self.db.ensure_kit_tables()
        async with self.db.engine.connect() as conn:
            rows = (await conn.execute(self._unpublished(select(outbox_table.c.id)))).all()
        return len(rows)

    async def relay_once(self, bus: Any, batch: int = 100) -> int:
        """Publish up to `batch` unpublished rows in creation order and mark them; returns how
        many were published. A failed publish stops the batch (order is kept); the error is
        kept in `last_error` and the remaining rows wait for the next call."""
        from omni_core.envelope import message_class

        await self.db.ensure_kit_tables()
        q = (
            self._unpublished(select(outbox_table))
            .order_by(outbox_table.c.created_at, outbox_table.c.id)
            .limit(batch)
        )
        if self.db.is_postgres:
            q = q.with_for_update(skip_locked=True)
        async with self.db.session() as s:
            rows = (await s.execute(q)).all()
            if not rows:
                return 0
            # Every produce call happens before the first await of its publish, so gathering
            # keeps the creation order on the wire; we wait for all acknowledgements at once.
            results = await asyncio.gather(
                *(
                    bus.publish(
                        row.topic, row.key, message_class(row.event_type).FromString(row.payload),
                        event_id=row.id, tenant_id=row.tenant_id,
                    )
                    for row in rows
                ),
                return_exceptions=True,
            )
            published: list[str] = []
            self.last_error = None
            for row, result in zip(rows, results, strict=True):
                if isinstance(result, BaseException):
                    # the rest is re-published next round (consumers dedupe by event id)
                    self.last_error = result
                    break
                published.append(row.id)
            if published:
                await s.execute(
                    update(outbox_table)
                    .where(outbox_table.c.id.in_(published))
                    .values(published_at=datetime.now(UTC))
                )
        return len(published)

    async def purge_published(self, older_than: timedelta) -> int:
        cutoff = datetime.now(UTC) - older_than
        async with self.db.session() as s:
            q = delete(outbox_table).where(
                outbox_table.c.published_at.is_not(None), outbox_table.c.published_at < cutoff
            )
            if self.source is not None:
                q = q.where(outbox_table.c.source == self.source)
            res = await s.execute(q)
        return int(res.rowcount or 0)


class OutboxRelay:
    """Background task publishing the outbox: wakes on `Outbox.add` or every `interval`."""

    def __init__(
        self, outbox: Outbox, bus: Any, *, interval: float = 0.5, batch: int = 100,
        logger: Any = None,
    ) -> None:
        self.outbox = outbox
        self.bus = bus
        self.interval = interval
        self.batch = batch
        self._task: asyncio.Task[None] | None = None
        self._log = logger

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        # last effort so nothing written before stop waits for the next start
        with contextlib.suppress(Exception):
            while await self.outbox.relay_once(self.bus, self.batch):
                pass

    async def _run(self) -> None:
        while True:
            # cleared before reading: a row written while this round publishes wakes the next
            self.outbox._wake.clear()
            try:
                n = await self.outbox.relay_once(self.bus, self.batch)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # database trouble
                n = 0
                if self._log is not None:
                    self._log.warning("outbox relay failed", error=repr(exc))
            if self.outbox.last_error is not None:
                if self._log is not None:
                    self._log.warning("outbox publish failed",
                                      error=repr(self.outbox.last_error))
                n = 0
            if n >= self.batch:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.outbox._wake.wait(), self.interval)
