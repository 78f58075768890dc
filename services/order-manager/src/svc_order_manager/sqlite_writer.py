"""The group committer's SQLite writer: a child process with its own sqlite3 connection.

Binding the rows and running the statements of a group commit takes about a third of the
order manager's CPU. In a thread it holds the GIL for most of that, so it cannot overlap with
the event loop; in its own process it runs on the other core while the service prepares the
next group. The parent sends each group as one frame (4-byte big-endian length, then the
pickled statements) on the child's stdin and reads one frame back per group (None, or the
exception that rolled it back) from its stdout. Frames are answered in order.

The child lives exactly as long as its parent's pipe: it ignores SIGINT and SIGTERM (a Ctrl-C
to the process group must not roll back a group its parent is waiting for) and exits when its
stdin reaches end of file, which is also what happens when the parent is killed.

Same pragmas as the kit's engine: WAL and synchronous=NORMAL; in WAL mode NORMAL is durable
across a crash of either process (the committed transaction is in the WAL file when COMMIT
returns); only an OS crash or power loss can lose the last transactions before a checkpoint.

    python -m svc_order_manager.sqlite_writer PATH BUSY_TIMEOUT_MS
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import pickle
import signal
import sqlite3
import struct
import sys
from typing import Any, BinaryIO

# the statements of one transaction, each with its parameters: for executemany, the rows
# (SQLite); for one execution, the arguments (PostgreSQL)
Statements = list[tuple[str, list[Any]]]

_HEAD = struct.Struct(">I")
_PIPE_BYTES = 1 << 20  # a group up to this size reaches the child without waiting for the loop


def frame(obj: Any) -> bytes:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEAD.pack(len(body)) + body


def open_connection(path: str, busy_timeout_ms: int) -> sqlite3.Connection:
    c = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    c.execute("PRAGMA foreign_keys=ON")
    c.execute("PRAGMA synchronous=NORMAL")
    # the writer touches every index of the order tables: keep their pages in memory
    c.execute("PRAGMA cache_size=-65536")  # 64 MiB
    return c


def write_group(c: sqlite3.Connection, stmts: Statements) -> None:
    """One transaction: BEGIN IMMEDIATE, one executemany per table, COMMIT."""
    c.execute("BEGIN IMMEDIATE")
    try:
        for sql, rows in stmts:
            c.executemany(sql, rows)
        c.execute("COMMIT")
    except BaseException:
        c.execute("ROLLBACK")
        raise


def _read_frame(inp: BinaryIO) -> Any:
    head = inp.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    (n,) = _HEAD.unpack(head)
    body = inp.read(n)
    if len(body) < n:
        return None
    return pickle.loads(body)


def _reply(exc: BaseException | None) -> bytes:
    try:
        return frame(exc)
    except Exception:  # an exception that does not pickle: its description does
        return frame(RuntimeError(repr(exc)))


def serve(path: str, busy_timeout_ms: int, inp: BinaryIO, out: BinaryIO) -> None:
    """The child's loop: a group in, its outcome out, until the parent closes the pipe."""
    conn = open_connection(path, busy_timeout_ms)
    try:
        while (stmts := _read_frame(inp)) is not None:
            try:
                write_group(conn, stmts)
                reply = _reply(None)
            except Exception as exc:
                reply = _reply(exc)
            out.write(reply)
            out.flush()
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    path, busy_timeout_ms = argv[1], int(argv[2])
    with contextlib.suppress(BrokenPipeError):  # the parent went away mid-reply
        serve(path, busy_timeout_ms, sys.stdin.buffer, sys.stdout.buffer)
    return 0


class WriterExited(RuntimeError):
    """The writer process ended before answering; the group's outcome is unknown to it."""


class SqliteWriterProcess:
    """The parent's side: `write(stmts)` sends a group and returns a future of its commit.

    `start()` starts the process ahead of the first write (starting Python takes ~0.1 s, which
    the first order must not wait for); a write after the process died starts a new one. While
    it runs, a group is sent at once, inside `write`, so the child starts on it without waiting
    for the event loop. One caller writes at a time (the group committer: one transaction in
    progress).
    """

    def __init__(self, path: str, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: collections.deque[asyncio.Future[None]] = collections.deque()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.returncode is None

    def write(self, stmts: Statements) -> asyncio.Future[None]:
        if self.running:
            return self._send(frame(stmts))
        return asyncio.ensure_future(self._start_then_send(frame(stmts)))

    async def _start_then_send(self, data: bytes) -> None:
        await self.start()
        await self._send(data)

    async def start(self) -> None:
        if self.running:
            return
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", __name__, self.path, str(int(self.busy_timeout_ms)),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        _widen_pipe(proc.stdin)
        # each process answers only the groups sent to it
        self._proc, self._pending = proc, collections.deque()
        self._reader = asyncio.create_task(self._read_replies(proc, self._pending),
                                           name="om-sqlite-replies")

    def _send(self, data: bytes) -> asyncio.Future[None]:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
        except (BrokenPipeError, ConnectionResetError, RuntimeError) as exc:
            fut.set_exception(WriterExited(f"sqlite writer process gone: {exc!r}"))
            return fut
        self._pending.append(fut)
        return fut

    async def _read_replies(self, proc: asyncio.subprocess.Process,
                            pending: collections.deque[asyncio.Future[None]]) -> None:
        out = proc.stdout
        assert out is not None
        try:
            while True:
                (n,) = _HEAD.unpack(await out.readexactly(_HEAD.size))
                exc = pickle.loads(await out.readexactly(n))
                fut = pending.popleft()
                if fut.done():
                    continue
                if exc is None:
                    fut.set_result(None)
                else:
                    fut.set_exception(exc)
        except (asyncio.IncompleteReadError, ConnectionError):
            code = await proc.wait()
            _fail(pending, WriterExited(f"sqlite writer process exited with code {code}"))
        except asyncio.CancelledError:
            _fail(pending, WriterExited("sqlite writer closed"))
            raise

    async def close(self, wait_s: float = 30.0) -> None:
        """Let the child finish what it was sent, then end it (end of file on its stdin)."""
        proc, self._proc = self._proc, None
        reader, self._reader = self._reader, None
        if proc is None:
            return
        with contextlib.suppress(Exception):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), wait_s)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        if reader is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(reader, 5)


def _fail(pending: collections.deque[asyncio.Future[None]], exc: BaseException) -> None:
    while pending:
        fut = pending.popleft()
        if not fut.done():
            fut.set_exception(exc)
            fut.exception()  # retrieved: the committer reports it to its callers


def _widen_pipe(stdin: Any) -> None:
    """Linux: a pipe of `_PIPE_BYTES` instead of 64 KiB (best effort)."""
    import fcntl

    f_setpipe_sz = getattr(fcntl, "F_SETPIPE_SZ", 1031)
    with contextlib.suppress(Exception):
        fd = stdin.get_extra_info("pipe").fileno()
        fcntl.fcntl(fd, f_setpipe_sz, _PIPE_BYTES)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
