"""Persistence: tables, the group committer and the loaders.

Every change of the order manager is a `Writes`: the order and parent rows as they now are,
the order event log rows, new fills, and the outbox rows (the kit's ``outbox`` table) of the
events and venue commands it causes. `GroupCommitter` writes the `Writes` of all operations
that are waiting into ONE transaction (group commit): each caller still awaits the commit of
its own changes before it answers or moves on, so nothing is acknowledged that is not durable,
and a crash between the commit and the publish loses nothing (the kit's relay publishes the
outbox rows afterwards). Under load this turns thousands of small transactions into a few
large ones; with one caller at a time it is one transaction per operation.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from omni_core.db import Database, Outbox, outbox_table
from omni_core.ids import new_id
from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)

metadata = MetaData()

orders = Table(
    "om_orders", metadata,
    Column("order_id", String(64), primary_key=True),
    Column("account_id", String(128), nullable=False),
    Column("client_order_id", String(200), nullable=False),
    Column("strategy_id", String(128), nullable=False, default=""),
    Column("instrument_id", String(128), nullable=False),
    Column("parent_order_id", String(64), nullable=False, default=""),
    Column("status", Integer, nullable=False),
    Column("is_open", Boolean, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("expire_at", Float, nullable=True),
    # the Order proto
    Column("data", LargeBinary, nullable=False),
    # machine state not in the proto (JSON)
    Column("extra", Text, nullable=False, default="{}"),
    UniqueConstraint("account_id", "client_order_id", name="uq_om_orders_client"),
    Index("ix_om_orders_open", "is_open"),
    Index("ix_om_orders_parent", "parent_order_id"),
    Index("ix_om_orders_account_created", "account_id", "created_at"),
)

order_events = Table(
    "om_order_events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("order_id", String(64), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("from_status", Integer, nullable=False),
    Column("to_status", Integer, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("at", Float, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Index("ix_om_order_events_order", "order_id", "at"),
)

fills = Table(
    "om_fills", metadata,
    Column("fill_id", String(200), primary_key=True),
    Column("order_id", String(64), nullable=False),
    Column("parent_order_id", String(64), nullable=False, default=""),
    Column("account_id", String(128), nullable=False),
    Column("strategy_id", String(128), nullable=False, default=""),
    Column("instrument_id", String(128), nullable=False),
    Column("side", Integer, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("price", Float, nullable=False),
    Column("executed_at", Float, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_om_fills_order", "order_id"),
    Index("ix_om_fills_parent", "parent_order_id"),
    Index("ix_om_fills_account", "account_id", "executed_at"),
)

parents = Table(
    "om_parent_orders", metadata,
    Column("parent_order_id", String(64), primary_key=True),
    Column("account_id", String(128), nullable=False),
    Column("client_order_id", String(200), nullable=False),
    Column("status", Integer, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    # the ParentOrder proto
    Column("data", LargeBinary, nullable=False),
    # schedule and progress (JSON)
    Column("state", Text, nullable=False),
    UniqueConstraint("account_id", "client_order_id", name="uq_om_parents_client"),
    Index("ix_om_parents_status", "status"),
)

kill_switches = Table(
    "om_kill_switches", metadata,
    Column("account_id", String(128), primary_key=True),
    Column("state", Integer, nullable=False),
    Column("updated_at", Float, nullable=False),
)


@dataclass(slots=True)
class Writes:
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    fills: list[dict[str, Any]] = field(default_factory=list)
    parents: dict[str, dict[str, Any]] = field(default_factory=dict)
    kill: dict[str, dict[str, Any]] = field(default_factory=dict)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    # run after the commit succeeded (not persisted)
    after: list[Any] = field(default_factory=list)
    _now: datetime | None = None

    def merge(self, o: Writes) -> None:
        self.orders.update(o.orders)
        self.events.extend(o.events)
        self.fills.extend(o.fills)
        self.parents.update(o.parents)
        self.kill.update(o.kill)
        self.outbox.extend(o.outbox)

    def publish(self, topic: str, key: str, event: Any, tenant_id: str | None) -> str:
        return self.publish_raw(topic, key, event.DESCRIPTOR.full_name,
                                event.SerializeToString(), tenant_id)

    def publish_raw(self, topic: str, key: str, event_type: str, payload: bytes,
                    tenant_id: str | None) -> str:
        """An outbox row for an event already serialized (`payload` is the event's bytes)."""
        eid = new_id()
        # one creation time per operation: the relay orders by (created_at, id) and ids are
        # time-ordered, so the order of the rows is kept
        now = self._now
        if now is None:
            now = self._now = datetime.now(UTC)
        self.outbox.append({
            "id": eid, "topic": topic, "key": key, "event_type": event_type,
            "payload": payload, "tenant_id": tenant_id, "source": None,
            "created_at": now, "published_at": None,
        })
        return eid

    def __bool__(self) -> bool:
        return bool(self.orders or self.events or self.fills or self.parents or self.kill
                    or self.outbox)


def _insert(db: Database, table: Table) -> Any:
    if db.is_postgres:
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _upsert(db: Database, table: Table, key: str) -> Any:
    ins = _insert(db, table)
    cols = {c.name: ins.excluded[c.name] for c in table.columns if c.name != key}
    return ins.on_conflict_do_update(index_elements=[key], set_=cols)


class CommitError(RuntimeError):
    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause

    @property
    def integrity(self) -> bool:
        """A constraint refused the write (e.g. a client order id already used)."""
        import sqlite3

        from sqlalchemy.exc import IntegrityError

        kinds: tuple[type, ...] = (IntegrityError, sqlite3.IntegrityError)
        try:
            from asyncpg.exceptions import IntegrityConstraintViolationError

            kinds += (IntegrityConstraintViolationError,)
        except ImportError:  # pragma: no cover - asyncpg is a kit dependency
            pass
        return isinstance(self.cause, kinds)


class _SqliteWriter:
    """The group committer's own sqlite3 connection, used from ONE thread: a group commit is
    one hop to that thread (BEGIN IMMEDIATE, one executemany per table, COMMIT) instead of a
    hop per statement through aiosqlite and SQLAlchemy. Same pragmas as the kit's engine: WAL
    and synchronous=NORMAL; in WAL mode NORMAL is durable across a crash of the process (the
    committed transaction is in the WAL file when COMMIT returns); only an OS crash or power
    loss can lose the last transactions before a checkpoint."""

    def __init__(self, path: str, busy_timeout_ms: int = 5000) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="om-sqlite-writer")
        self._conn: Any = None

    def _open(self) -> Any:
        import sqlite3

        c = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000,
                            isolation_level=None, check_same_thread=False)
        c.execute("PRAGMA journal_mode=WAL")
        c.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
        c.execute("PRAGMA foreign_keys=ON")
        c.execute("PRAGMA synchronous=NORMAL")
        # the writer touches every index of the order tables: keep their pages in memory
        c.execute("PRAGMA cache_size=-65536")  # 64 MiB
        return c

    def _write(self, stmts: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        c = self._conn
        if c is None:
            c = self._conn = self._open()
        c.execute("BEGIN IMMEDIATE")
        try:
            for sql, rows in stmts:
                c.executemany(sql, rows)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    async def write(self, stmts: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        await asyncio.get_running_loop().run_in_executor(self._pool, self._write, stmts)

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._pool, self._close)


class GroupCommitter:
    """One writer task; callers `await commit(writes)`. Writes waiting while a transaction is
    in progress go together into the next one (at most `max_batch` operations)."""

    def __init__(self, db: Database, outbox: Outbox | None = None, max_batch: int = 2000) -> None:
        self.db = db
        self.outbox = outbox
        self.max_batch = max_batch
        self._queue: list[tuple[Writes, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.transactions = 0
        self.operations = 0
        self._stmts: dict[str, Any] = {}
        self._getters: dict[str, Any] = {}
        # the writing connection: a sqlite3 connection in its own thread (file databases), or
        # an asyncpg connection held for the committer's life (PostgreSQL); both take the
        # rows of a group commit as executemany, without SQLAlchemy on the write path
        self._sqlite: _SqliteWriter | None = None
        self._pg_conn: Any = None  # the SQLAlchemy AsyncConnection holding it
        self._pg: Any = None
        if not db.is_postgres:
            path = db.engine.url.database
            if path and path != ":memory:" and not path.startswith("file:"):
                self._sqlite = _SqliteWriter(path)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="om-commit")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            # let queued writes finish: the last commit in the queue resolves after the rest
            if self._queue:
                last = self._queue[-1][1]
                self._wake.set()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(asyncio.shield(last), 30)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._close_connections()

    async def _close_connections(self) -> None:
        if self._sqlite is not None:
            with contextlib.suppress(Exception):
                await self._sqlite.close()
        conn, self._pg_conn, self._pg = self._pg_conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    async def commit(self, w: Writes) -> None:
        if not w:
            return
        if self._task is None:  # not started (tools, tests): write inline
            try:
                await self._write(w)
            except Exception as exc:
                raise CommitError(f"database write failed: {exc!r}", exc) from exc
            self._nudge_relay(w)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((w, fut))
        self._wake.set()
        await fut

    def _nudge_relay(self, w: Writes) -> None:
        if w.outbox and self.outbox is not None:
            self.outbox.wake()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._queue:
                batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch:]
                merged = Writes()
                for w, _ in batch:
                    merged.merge(w)
                try:
                    await self._write(merged)
                except asyncio.CancelledError:
                    for _, f in batch:
                        if not f.done():
                            f.set_exception(CommitError("order-manager stopping"))
                    raise
                except Exception as exc:
                    if len(batch) == 1:
                        if not batch[0][1].done():
                            batch[0][1].set_exception(
                                CommitError(f"database write failed: {exc!r}", exc))
                        continue
                    # one operation may have broken the group (e.g. a duplicate client order
                    # id caught by the unique constraint): write each on its own
                    self._queue[:0] = [(w, f) for w, f in batch[1:]]
                    self._queue.insert(0, batch[0])
                    await self._write_singly(len(batch))
                    continue
                self.transactions += 1
                self.operations += len(batch)
                for _, f in batch:
                    if not f.done():
                        f.set_result(None)
                self._nudge_relay(merged)

    async def _write_singly(self, n: int) -> None:
        batch, self._queue = self._queue[:n], self._queue[n:]
        for w, f in batch:
            try:
                await self._write(w)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not f.done():
                    f.set_exception(CommitError(f"database write failed: {exc!r}", exc))
                continue
            self.transactions += 1
            self.operations += 1
            if not f.done():
                f.set_result(None)
            self._nudge_relay(w)

    # columns an upsert may change (the rest are fixed when the row is created); fewer
    # updated columns means fewer index entries rewritten
    MUTABLE = {
        "om_orders": ("status", "is_open", "updated_at", "expire_at", "data", "extra"),
        "om_parent_orders": ("status", "updated_at", "data", "state"),
        "om_kill_switches": ("state", "updated_at"),
    }

    def _sql(self, table: Table, conflict: str | None, update: bool) -> tuple[str, list[str]]:
        """A plain INSERT (optionally ON CONFLICT ... DO UPDATE / DO NOTHING) for the driver's
        executemany: rows go to the driver as tuples, without per-row statement compilation."""
        cols = [c.name for c in table.columns]
        if self.db.is_postgres:
            marks = ", ".join(f"${i + 1}" for i in range(len(cols)))
        else:
            marks = ", ".join("?" for _ in cols)
        sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({marks})"
        if conflict is not None:
            if update:
                sets = ", ".join(f"{c} = excluded.{c}" for c in self.MUTABLE[table.name])
                sql += f" ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            else:
                sql += " ON CONFLICT DO NOTHING"
        return sql, cols

    def _raw(self, name: str) -> tuple[str, list[str]]:
        s = self._stmts.get(name)
        if s is None:
            s = self._stmts[name] = {
                "orders": lambda: self._sql(orders, "order_id", True),
                "parents": lambda: self._sql(parents, "parent_order_id", True),
                "kill": lambda: self._sql(kill_switches, "account_id", True),
                "fills": lambda: self._sql(fills, "fill_id", False),
                "events": lambda: self._sql(order_events, None, False),
                "outbox": lambda: self._sql(outbox_table, None, False),
            }[name]()
        return s

    def _tuples(self, name: str, rows: list[dict[str, Any]]) -> tuple[str, list[tuple[Any, ...]]]:
        sql, cols = self._raw(name)
        if name == "outbox":
            src = getattr(self.outbox, "source", None)
            sqlite = not self.db.is_postgres
            fmt: dict[int, str] = {}
            for r in rows:
                r["source"] = src
                if sqlite:  # the kit's DateTime column as SQLAlchemy stores it on SQLite
                    dt = r["created_at"]
                    if not isinstance(dt, str):
                        k = id(dt)
                        v = fmt.get(k)
                        if v is None:
                            v = fmt[k] = dt.strftime("%Y-%m-%d %H:%M:%S.%f")
                        r["created_at"] = v
        get = self._getters.get(name)
        if get is None:
            get = self._getters[name] = itemgetter(*cols)
        return sql, list(map(get, rows))

    def _statements(self, w: Writes) -> list[tuple[str, list[tuple[Any, ...]]]]:
        out = []
        if w.orders:
            out.append(self._tuples("orders", list(w.orders.values())))
        if w.parents:
            out.append(self._tuples("parents", list(w.parents.values())))
        if w.fills:
            out.append(self._tuples("fills", w.fills))
        if w.events:
            out.append(self._tuples("events", w.events))
        if w.kill:
            out.append(self._tuples("kill", list(w.kill.values())))
        if w.outbox:
            out.append(self._tuples("outbox", w.outbox))
        return out

    async def _write(self, w: Writes) -> None:
        stmts = self._statements(w)
        if self._task is not None:  # started: the committer's own connection
            if self._sqlite is not None:
                await self._sqlite.write(stmts)
                return
            if self.db.is_postgres:
                await self._write_pg(stmts)
                return
        # not started (tools, tests) or in-memory SQLite: a connection of the engine's pool
        async with self.db.engine.begin() as conn:
            for sql, rows in stmts:
                await conn.exec_driver_sql(sql, rows)

    async def _write_pg(self, stmts: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        if self._pg is None:
            conn = await self.db.engine.connect()
            try:
                raw = await conn.get_raw_connection()
                self._pg, self._pg_conn = raw.driver_connection, conn
            except BaseException:
                await conn.close()
                raise
        pg = self._pg
        try:
            async with pg.transaction():
                for sql, rows in stmts:
                    await pg.executemany(sql, rows)
        except Exception:
            if pg.is_closed():  # a broken connection: a new one next time
                old, self._pg_conn, self._pg = self._pg_conn, None, None
                with contextlib.suppress(Exception):
                    await old.invalidate()
            raise


async def fetch(db: Database, query: Any) -> list[Any]:
    async with db.engine.connect() as conn:
        return list((await conn.execute(query)).all())


async def load_open_orders(db: Database) -> list[Any]:
    return await fetch(db, select(orders).where(orders.c.is_open.is_(True)))


async def find_order(db: Database, order_id: str) -> Any:
    rows = await fetch(db, select(orders).where(orders.c.order_id == order_id))
    return rows[0] if rows else None


async def find_client_order(db: Database, account_id: str, client_order_id: str) -> Any:
    rows = await fetch(db, select(orders).where(orders.c.account_id == account_id,
                                                orders.c.client_order_id == client_order_id))
    return rows[0] if rows else None


async def fill_ids(db: Database, order_ids: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for i in range(0, len(order_ids), 500):
        chunk = order_ids[i:i + 500]
        for fid, oid in await fetch(db, select(fills.c.fill_id, fills.c.order_id)
                                    .where(fills.c.order_id.in_(chunk))):
            out.setdefault(oid, set()).add(fid)
    return out
