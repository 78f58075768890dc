"""Order-manager figures (printed, never asserted).

Orders per second through the state machine WITH persistence: every order goes
submit (NEW -> PENDING) -> venue ack (ACCEPTED) -> venue fill (FILLED), and each of those three
steps writes the order row, an order-event row and its outbox rows (OrderSubmitted +
SubmitOrderCommand; OrderAccepted; OrderFilled + FillBooked, plus the fill row) and waits for
its transaction to commit before it returns. Run on SQLite (a file, WAL) and on PostgreSQL.
The goal is 5,000 orders/s (15,000 persisted transitions/s); each line prints the figure beside it.

Durability: SQLite runs in WAL mode with synchronous=NORMAL (the kit's pragmas): a committed
transaction is in the WAL when COMMIT returns, so it survives a crash of the process; an OS
crash or power loss may lose the last transactions since the WAL was last synced (FULL would
sync the WAL on every commit). PostgreSQL runs with the server's own settings (synchronous_commit
as configured; the bench does not change it).

What is and is not in the figure:
- the group committer batches the writes of concurrent operations into one transaction (group
  commit on the committer's own connection: a sqlite3 connection in a writer process, one
  executemany per table; or a held asyncpg connection, ONE statement per group, each table an
  INSERT ... SELECT FROM unnest(...) with each column an array, so a group is one round trip);
  each operation still awaits the commit of its own writes before it returns, so nothing is
  acknowledged before it is durable. With many operations waiting, a transaction takes half
  of them: the database writes one half while the service works on the other.
  `--concurrency 1` shows the one-transaction-per-step figure for comparison;
- the event payloads are stored once: in the outbox rows; the order-event log rows carry the
  event id (= outbox row id), type, transition and reason;
- the machine is shared: the wall-clock rate depends on what else runs; "orders per
  CPU-second" (the service process plus, for SQLite, its writer process, which runs the
  database engine; the PostgreSQL server's CPU is not included) is the load-independent
  figure;
- the risk check is an in-process approve-all (the gRPC CheckOrder round trip to risk-engine is
  the risk-engine's cost, measured in its own benchmark); venue reports are fed in process (no
  Kafka hop); the outbox relay (publishing the rows to Kafka) is not running. Building the
  requests and reports (the client's and the venue's side) is in this process's CPU time.

Run: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/order_manager.py
     [--orders 20000] [--concurrency 512] [--postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.db import Database
from svc_order_manager.clients import ApproveAll
from svc_order_manager.core import OrderManager
from svc_order_manager.state import S


def request(i: int) -> om.SubmitOrderRequest:
    return om.SubmitOrderRequest(
        client_order_id=f"b-{i}", account_id=f"ACC{i % 8}", strategy_id="bench",
        instrument_id=common.InstrumentId(value="AAPL.XNAS"),
        side=common.SIDE_BUY if i % 2 else common.SIDE_SELL,
        order_type=common.ORDER_TYPE_LIMIT, time_in_force=common.TIME_IN_FORCE_GTC,
        quantity=100, limit_price=190.0)


def rep(o: om.Order, et: int, q: float = 0.0) -> ome.ExecutionReport:
    return ome.ExecutionReport(
        account_id=o.account_id, exec_id=f"{o.order_id}:{et}", exec_type=et,
        order_id=o.order_id, client_order_id=o.client_order_id, venue="paper",
        venue_order_id="v" + o.order_id[-8:], instrument_id=o.instrument_id, side=o.side,
        last_quantity=q, last_price=190.0 if q else 0.0, cumulative_quantity=q,
        fee=common.Decimal(value="0.0057" if q else "0"), fee_currency="USD")


async def run(db: Database, n: int, concurrency: int) -> dict:
    await db.migrate("svc_order_manager.migrations", version_table="alembic_version_om")
    await db.ensure_kit_tables()
    m = OrderManager(db, ApproveAll())
    m.config.max_cached_terminal = 1000
    children0 = children_cpu()
    await m.start()
    lat: list[float] = []
    it = iter(range(n))

    async def worker() -> None:
        for i in it:
            t0 = time.perf_counter()
            o = await m.submit(request(i))
            await m.on_report(rep(o, ome.EXEC_TYPE_NEW))
            await m.on_report(rep(o, ome.EXEC_TYPE_FILL, 100))
            lat.append(time.perf_counter() - t0)

    # warm up (statement compilation, connections)
    for i in range(n, n + 50):
        o = await m.submit(request(i))
        await m.on_report(rep(o, ome.EXEC_TYPE_NEW))
    tx0, ops0 = m.committer.transactions, m.committer.operations
    t0, c0 = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    tx, ops = m.committer.transactions - tx0, m.committer.operations - ops0
    await m.stop()
    # the SQLite writer process, counted once it has ended (with the warm-up: a slight overcount)
    cpu += children_cpu() - children0
    # check what was written
    from sqlalchemy import func, select
    from svc_order_manager import store

    async with db.engine.connect() as c:
        filled = (await c.execute(select(func.count()).select_from(store.orders).where(
            store.orders.c.status == S.FILLED))).scalar()
        outbox = (await c.execute(select(func.count()).select_from(
            __import__("omni_core.db", fromlist=["outbox_table"]).outbox_table))).scalar()
    lat.sort()
    return dict(rate=n / elapsed, elapsed=elapsed, cpu_rate=n / cpu, tx=tx, ops=ops, filled=filled,
                outbox=outbox, p50=statistics.median(lat) * 1e3,
                p99=lat[int(0.99 * (len(lat) - 1))] * 1e3)


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


GOAL = 5_000  # orders per second through the three persisted steps


def show(label: str, n: int, c: int, r: dict) -> None:
    print(f"{label:<11} orders={n:>6} concurrency={c:>4}  {r['rate']:>8,.0f} orders/s "
          f"(goal {GOAL:,}: {'met' if r['rate'] >= GOAL else 'not met'}; "
          f"{3 * r['rate']:>8,.0f} transitions/s; {r['cpu_rate']:>7,.0f} orders per CPU-second "
          f"of the service, goal {'met' if r['cpu_rate'] >= GOAL else 'not met'})  "
          f"lifecycle p50 {r['p50']:.1f} ms "
          f"p99 {r['p99']:.1f} ms  transactions={r['tx']} for {r['ops']} operations  "
          f"[filled rows={r['filled']}, outbox rows={r['outbox']}]")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=20_000)
    ap.add_argument("--concurrency", type=int, default=512)
    ap.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    a = ap.parse_args()
    print("order-manager: submit -> ACCEPTED -> FILLED, each step persisted with outbox rows; "
          "risk approve-all in process, venue reports fed in process, relay not running")
    with tempfile.TemporaryDirectory() as tmp:
        for label, n, c in (("sqlite", a.orders, a.concurrency), ("sqlite", 1000, 1)):
            db = Database(f"sqlite+aiosqlite:///{Path(tmp) / f'om-{c}.db'}")
            try:
                show(label, n, c, await run(db, n, c))
            finally:
                await db.dispose()
    for n, c in ((a.orders, a.concurrency), (1000, 1)):
        schema = f"bench_om_{uuid.uuid4().hex[:8]}"
        db = Database(a.postgres, schema=schema)
        try:
            show("postgresql", n, c, await run(db, n, c))
        except OSError as exc:
            print(f"postgresql  skipped: {exc!r}")
        finally:
            from sqlalchemy import text

            try:
                async with db.engine.begin() as conn:
                    await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            except Exception:
                pass
            await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
