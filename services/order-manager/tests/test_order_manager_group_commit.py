"""The group committer: pipelined halves, one statement per group on PostgreSQL, and the
SQLite writer process (its life, its death mid-group, and Ctrl-C)."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest
from omni.control_plane.v1.events_pb2 import ConfigChanged
from order_manager_helpers import make_db
from svc_order_manager.store import CommitError, GroupCommitter, Writes


def one_event(i: int) -> Writes:
    w = Writes()
    w.publish("order-management", f"acct-{i}", ConfigChanged(key=f"k{i}", version=i), "t")
    return w


async def outbox_keys(db) -> list[str]:
    from omni_core.db import outbox_table
    from sqlalchemy import select

    async with db.engine.connect() as c:
        rows = (await c.execute(select(outbox_table.c.key))).all()
    return sorted(r.key for r in rows)


@pytest.fixture
async def committer(db):
    c = GroupCommitter(db)
    await c.start()
    yield c
    await c.stop()


async def test_start_opens_the_writing_connection_before_the_first_write(committer, db):
    if db.is_postgres:
        assert committer._pg is not None and not committer._pg.is_closed()
    else:
        assert committer._sqlite is not None and committer._sqlite.running


async def test_few_waiting_operations_go_into_one_transaction(committer, db):
    await asyncio.gather(*(committer.commit(one_event(i)) for i in range(10)))
    assert (committer.transactions, committer.operations) == (1, 10)
    assert len(await outbox_keys(db)) == 10


async def test_many_waiting_operations_are_written_in_halves(committer, db):
    n = 2 * GroupCommitter.pipeline_min
    await asyncio.gather(*(committer.commit(one_event(i)) for i in range(n)))
    # the first transaction took half; the second, started when the first ended, the rest
    assert (committer.transactions, committer.operations) == (2, n)
    assert await outbox_keys(db) == sorted(f"acct-{i}" for i in range(n))


async def test_a_failed_group_writes_nothing_of_any_table(committer, db):
    from svc_order_manager.store import event_row

    ok, bad = one_event(1), one_event(2)
    bad.events.append(event_row("e1", "o1", "X", 0, 1, "", 0.0))
    bad.events.append(event_row("e1", "o1", "X", 0, 1, "", 0.0))  # the same primary key
    await asyncio.gather(committer.commit(ok), committer.commit(one_event(3)))
    with pytest.raises(CommitError) as err:
        await committer.commit(bad)
    assert err.value.integrity
    assert await outbox_keys(db) == ["acct-1", "acct-3"]  # bad's outbox row rolled back too


@pytest.fixture
async def sqlite_committer(sqlite_url):
    d = await make_db("sqlite", sqlite_url, None)
    c = GroupCommitter(d)
    await c.start()
    yield c, d
    await c.stop()
    await d.dispose()


def writer_pid(c: GroupCommitter) -> int:
    assert c._sqlite is not None and c._sqlite.pid is not None
    return c._sqlite.pid


async def test_sqlite_writer_process_ignores_ctrl_c_and_ends_with_its_committer(sqlite_committer):
    c, d = sqlite_committer
    await c.commit(one_event(1))
    pid = writer_pid(c)
    os.kill(pid, signal.SIGINT)  # a Ctrl-C reaches the whole process group
    await c.commit(one_event(2))
    assert writer_pid(c) == pid
    await c.stop()
    assert not _alive(pid)
    assert await outbox_keys(d) == ["acct-1", "acct-2"]


async def test_sqlite_writer_killed_mid_group_fails_that_group_then_restarts(sqlite_committer):
    c, d = sqlite_committer
    await c.commit(one_event(1))
    pid = writer_pid(c)
    os.kill(pid, signal.SIGSTOP)  # it cannot answer the next group
    pending = asyncio.ensure_future(c.commit(one_event(2)))
    await asyncio.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(CommitError, match="exited"):
        await pending
    await c.commit(one_event(3))  # a new writer process
    assert writer_pid(c) != pid
    assert await outbox_keys(d) == ["acct-1", "acct-3"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # reaped or a zombie
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"
