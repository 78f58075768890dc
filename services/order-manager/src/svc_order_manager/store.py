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

from svc_order_manager.sqlite_writer import SqliteWriterProcess, Statements

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


def event_row(event_id: str, order_id: str, event_type: str, from_status: int, to_status: int,
              reason: str, at: float) -> tuple[Any, ...]:
    """An `om_order_events` row; the payload is stored once, in the outbox row whose id is
    `event_id` (empty for log-only events such as "cancel requested")."""
    return (event_id, order_id, event_type, from_status, to_status, reason, at, b"")


# Rows are tuples in their table's column order (the order the INSERT statements name them).
# An outbox row as an operation builds it holds the columns before `source`; the committer
# adds source, created_at (one per transaction) and published_at.
ORDER_DATA = [c.name for c in orders.columns].index("data")


@dataclass(slots=True)
class Writes:
    orders: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    fills: list[tuple[Any, ...]] = field(default_factory=list)
    parents: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    kill: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    outbox: list[tuple[Any, ...]] = field(default_factory=list)
    # run after the commit succeeded (not persisted)
    after: list[Any] = field(default_factory=list)

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
        self.outbox.append((eid, topic, key, event_type, payload, tenant_id))
        return eid

    def __bool__(self) -> bool:
        return bool(self.orders or self.events or self.fills or self.parents or self.kill
                    or self.outbox)


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


def _fail(fut: asyncio.Future[None], exc: BaseException) -> None:
    if not fut.done():
        fut.set_exception(exc if isinstance(exc, CommitError)
                          else CommitError(f"database write failed: {exc!r}", exc))


class GroupCommitter:
    """Callers `await commit(writes)`; at most one transaction is in progress, and the writes
    that arrive meanwhile go together into the next one (at most `max_batch` operations).

    With none in progress, a transaction starts at the next turn of the event loop, with every
    operation queued by then; when one ends, the next starts at once with what waits, before
    the callers of the one that ended resume.

    Pipelining: with many operations waiting (`pipeline_min` or more), a transaction takes only
    half of them. The callers then form two halves that alternate: the database writes one
    half while the service works on the other, instead of the two taking turns with all of
    them (the writer idle while the service works, and the service idle while it writes)."""

    pipeline_min = 64

    def __init__(self, db: Database, outbox: Outbox | None = None, max_batch: int = 2000) -> None:
        self.db = db
        self.outbox = outbox
        self.max_batch = max_batch
        self._queue: list[tuple[Writes, asyncio.Future[None]]] = []
        self._busy: asyncio.Future[Any] | None = None  # the transaction in progress
        self._flush_pending = False
        self._started = False
        self.transactions = 0
        self.operations = 0
        self._stmts: dict[tuple[str, ...], str] = {}
        # the writing connection, without SQLAlchemy on the write path: a sqlite3 connection
        # in a writer process (file databases), or an asyncpg connection held for the
        # committer's life (PostgreSQL)
        self._sqlite: SqliteWriterProcess | None = None
        self._pg_conn: Any = None  # the SQLAlchemy AsyncConnection holding it
        self._pg: Any = None
        if not db.is_postgres:
            path = db.engine.url.database
            if path and path != ":memory:" and not path.startswith("file:"):
                self._sqlite = SqliteWriterProcess(path)

    async def start(self) -> None:
        """Open the writing connection now (the writer process, or the PostgreSQL connection),
        so the first order does not wait for it."""
        self._started = True
        if self._sqlite is not None:
            await self._sqlite.start()
        elif self.db.is_postgres:
            await self._pg_connection()

    async def stop(self) -> None:
        """Write what is queued, then close the connections."""
        while self._started and (self._busy is not None or self._queue):
            if self._busy is None:
                self._launch()
            busy = self._busy
            try:
                await asyncio.wait_for(asyncio.shield(busy), 30)  # type: ignore[arg-type]
            except TimeoutError:
                break
            except Exception:
                await asyncio.sleep(0)  # its failure went to its callers
        self._started = False
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
        if not self._started:  # not started (tools, tests): write inline
            try:
                await self._write(w)
            except Exception as exc:
                raise CommitError(f"database write failed: {exc!r}", exc) from exc
            self._nudge_relay(w)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((w, fut))
        if self._busy is None and not self._flush_pending:
            self._flush_pending = True
            asyncio.get_running_loop().call_soon(self._flush)
        await fut

    def _nudge_relay(self, w: Writes) -> None:
        if w.outbox and self.outbox is not None:
            self.outbox.wake()

    def _flush(self) -> None:
        self._flush_pending = False
        if self._busy is None and self._queue:
            self._launch()

    def _launch(self, waiting: int = 0) -> None:
        """Start the next transaction; `waiting`: the operations queued or just written."""
        n = self.max_batch
        waiting = max(waiting, len(self._queue))
        if waiting >= self.pipeline_min:
            n = min(n, (waiting + 1) // 2)
        batch, self._queue = self._queue[:n], self._queue[n:]
        merged = Writes()
        for w, _ in batch:
            merged.merge(w)
        busy = self._busy = self._start_write(merged)
        busy.add_done_callback(lambda f: self._finished(f, batch, merged))

    def _start_write(self, w: Writes) -> asyncio.Future[Any]:
        """The transaction of `w`, started now on the committer's own connection."""
        loop = asyncio.get_running_loop()
        try:
            stmts = self._statements(w)
        except Exception as exc:
            failed = loop.create_future()
            failed.set_exception(exc)
            return failed
        if self._sqlite is not None:  # sent to the writer process at once
            return self._sqlite.write(stmts)
        if self.db.is_postgres:
            return loop.create_task(self._write_pg(stmts))
        return loop.create_task(self._write_engine(stmts))

    def _finished(self, f: asyncio.Future[Any], batch: list[tuple[Writes, asyncio.Future[None]]],
                  merged: Writes) -> None:
        self._busy = None
        exc = CommitError("order-manager stopping") if f.cancelled() else f.exception()
        if exc is None:
            if self._queue:  # first, so the writer starts before this batch's callers resume
                self._launch(len(batch) + len(self._queue))
            self._done(batch, merged)
            return
        if len(batch) == 1:
            _fail(batch[0][1], exc)
        else:
            # one operation may have broken the group (e.g. a duplicate client order id caught
            # by the unique constraint): write each on its own
            self._busy = asyncio.get_running_loop().create_task(self._write_singly(batch))
            self._busy.add_done_callback(self._after_singly)
            return
        if self._queue:
            self._launch()

    def _done(self, batch: list[tuple[Writes, asyncio.Future[None]]], merged: Writes) -> None:
        self.transactions += 1
        self.operations += len(batch)
        for _, fut in batch:
            if not fut.done():
                fut.set_result(None)
        self._nudge_relay(merged)

    async def _write_singly(self, batch: list[tuple[Writes, asyncio.Future[None]]]) -> None:
        for w, fut in batch:
            try:
                await self._start_write(w)
            except asyncio.CancelledError:
                _fail(fut, CommitError("order-manager stopping"))
                raise
            except Exception as exc:
                _fail(fut, exc)
                continue
            self._done([(w, fut)], w)

    def _after_singly(self, f: asyncio.Future[Any]) -> None:
        self._busy = None
        if self._queue:
            self._launch()

    # columns an upsert may change (the rest are fixed when the row is created); fewer
    # updated columns means fewer index entries rewritten
    MUTABLE = {
        "om_orders": ("status", "is_open", "updated_at", "expire_at", "data", "extra"),
        "om_parent_orders": ("status", "updated_at", "data", "state"),
        "om_kill_switches": ("state", "updated_at"),
    }

    # the tables of a group commit: (table, conflict target, upsert)
    TABLES = {
        "orders": (orders, "order_id", True),
        "parents": (parents, "parent_order_id", True),
        "fills": (fills, "fill_id", False),
        "events": (order_events, None, False),
        "kill": (kill_switches, "account_id", True),
        "outbox": (outbox_table, None, False),
    }

    def _sql(self, name: str, first_param: int = 1) -> str:
        """A plain INSERT (optionally ON CONFLICT ... DO UPDATE / DO NOTHING) that takes the rows
        as tuples, without per-row statement compilation: on SQLite one statement per row
        (executemany), on PostgreSQL one statement for all rows, each column an array
        (`unnest`), which the server runs several times faster than a statement per row."""
        table, conflict, update = self.TABLES[name]
        cols = [c.name for c in table.columns]
        if self.db.is_postgres:
            from sqlalchemy.dialects import postgresql

            dialect = postgresql.dialect()
            arrays = ", ".join(f"${first_param + i}::{c.type.compile(dialect=dialect)}[]"
                               for i, c in enumerate(table.columns))
            source = f"SELECT * FROM unnest({arrays})"
        else:
            source = f"VALUES ({', '.join('?' for _ in cols)})"
        sql = f"INSERT INTO {table.name} ({', '.join(cols)}) {source}"
        if conflict is not None:
            if update:
                sets = ", ".join(f"{c} = excluded.{c}" for c in self.MUTABLE[table.name])
                sql += f" ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            else:
                sql += " ON CONFLICT DO NOTHING"
        return sql

    def _pg_sql(self, names: tuple[str, ...]) -> str:
        """ONE PostgreSQL statement writing the tables `names`: each table's INSERT but the last
        is a data-modifying WITH clause, and the parameters run on from table to table."""
        inserts, first = [], 1
        for name in names:
            inserts.append(self._sql(name, first))
            first += len(self.TABLES[name][0].columns)
        ctes = ", ".join(f"w_{name} AS ({sql})"
                         for name, sql in zip(names[:-1], inserts[:-1], strict=True))
        return f"WITH {ctes} {inserts[-1]}" if ctes else inserts[-1]

    def _cached_sql(self, names: tuple[str, ...]) -> str:
        s = self._stmts.get(names)
        if s is None:
            s = self._stmts[names] = (self._pg_sql(names) if self.db.is_postgres
                                      else self._sql(names[0]))
        return s

    def _outbox_rows(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The outbox rows with source, created_at and published_at. One creation time per
        transaction: the relay orders by (created_at, id) and ids are time-ordered, so the
        order of the rows is kept."""
        now: Any = datetime.now(UTC)
        if not self.db.is_postgres:  # the kit's DateTime column as SQLAlchemy stores it
            now = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        tail = (getattr(self.outbox, "source", None), now, None)
        return [r + tail for r in rows]

    def _rows(self, w: Writes) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """(table, rows) for each table `w` writes, in the order of `TABLES`."""
        out = []
        if w.orders:
            out.append(("orders", list(w.orders.values())))
        if w.parents:
            out.append(("parents", list(w.parents.values())))
        if w.fills:
            out.append(("fills", w.fills))
        if w.events:
            out.append(("events", w.events))
        if w.kill:
            out.append(("kill", list(w.kill.values())))
        if w.outbox:
            out.append(("outbox", self._outbox_rows(w.outbox)))
        return out

    def _statements(self, w: Writes) -> Statements:
        """The statements of one transaction writing `w`, each with its parameters. SQLite: an
        INSERT per table with its rows (executemany). PostgreSQL: ONE statement for every
        table, its parameters each column as an array, so that a group commit is one round
        trip to the server (an implicit transaction) and the server writes the group while the
        service works on the next one."""
        parts = self._rows(w)
        if not self.db.is_postgres:
            return [(self._cached_sql((name,)), rows) for name, rows in parts]
        sql = self._cached_sql(tuple(name for name, _ in parts))
        return [(sql, [col for _, rows in parts for col in zip(*rows, strict=True)])]

    async def _write(self, w: Writes) -> None:
        """Not started (tools, tests): one transaction on a connection of the engine's pool."""
        await self._write_engine(self._statements(w))

    async def _write_engine(self, stmts: Statements) -> None:
        async with self.db.engine.connect() as conn:
            if self.db.is_postgres:
                raw = await conn.get_raw_connection()
                await _pg_write(raw.driver_connection, stmts)
                return
            async with conn.begin():
                for sql, rows in stmts:
                    await conn.exec_driver_sql(sql, rows)

    async def _pg_connection(self) -> Any:
        if self._pg is None:
            conn = await self.db.engine.connect()
            try:
                raw = await conn.get_raw_connection()
                self._pg, self._pg_conn = raw.driver_connection, conn
            except BaseException:
                await conn.close()
                raise
        return self._pg

    async def _write_pg(self, stmts: Statements) -> None:
        pg = await self._pg_connection()
        try:
            await _pg_write(pg, stmts)
        except Exception:
            if pg.is_closed():  # a broken connection: a new one next time
                old, self._pg_conn, self._pg = self._pg_conn, None, None
                with contextlib.suppress(Exception):
                    await old.invalidate()
            raise


async def _pg_write(pg: Any, stmts: Statements) -> None:
    """The statement (one per transaction: `GroupCommitter._statements`) on an asyncpg
    connection; its parameters are column arrays."""
    for sql, args in stmts:
        await pg.execute(sql, *args)


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
