"""The process supervisor of the embedded stack: one child process per service, each in its
own process group, restarted with exponential backoff when it dies, readiness taken from the
standard gRPC health service, and a clean stop that leaves nothing behind.

    sup = Supervisor([ChildSpec("control-plane", [sys.executable, "-m", "svc_control_plane"],
                                env={...}, log_path=home / "logs/control-plane.log",
                                grpc_port=50101, metrics_port=9101)])
    await sup.start()
    missing = await sup.wait_ready(timeout=120)     # [] when every child answers SERVING
    ...
    await sup.stop()                                # SIGTERM groups, grace, SIGKILL stragglers

Everything runs on the caller's asyncio loop; nothing here blocks it.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "State",
    "ChildSpec",
    "Child",
    "Supervisor",
    "Backoff",
    "check_health",
    "rotate_log",
]

LOG_ROTATE_BYTES = 20 * 1024 * 1024
LOG_BACKUPS = 3


class State(enum.StrEnum):
    STARTING = "STARTING"  # process running, health not SERVING yet
    READY = "READY"  # health SERVING
    UNHEALTHY = "UNHEALTHY"  # was READY, health now failing while the process runs
    RESTARTING = "RESTARTING"  # process died; waiting out the backoff before the next start
    FAILED = "FAILED"  # gave up (max_restarts reached) or could not be spawned at all
    STOPPED = "STOPPED"  # stopped on purpose (or not started yet)


@dataclass(frozen=True)
class Backoff:
    """Exponential restart delay: ``initial`` doubling up to ``maximum``; a child that stayed up
    for ``stable_after`` seconds counts as healthy again and its next crash starts over."""

    initial: float = 0.5
    factor: float = 2.0
    maximum: float = 30.0
    stable_after: float = 60.0

    def next(self, previous: float | None, uptime: float) -> float:
        if previous is None or uptime >= self.stable_after:
            return self.initial
        return min(self.maximum, previous * self.factor)


@dataclass(frozen=True)
class ChildSpec:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)  # added to the inherited environment
    log_path: Path | None = None  # stdout+stderr, appended; None = discard
    grpc_port: int | None = None  # health checked on 127.0.0.1:<grpc_port>; None = no checks
    metrics_port: int | None = None
    health_service: str = ""  # "" = the server as a whole
    cwd: Path | None = None


@dataclass
class Child:
    """Live state of one supervised child (read it; only the supervisor writes it)."""

    spec: ChildSpec
    state: State = State.STOPPED
    pid: int | None = None
    started_at: float | None = None  # time.time() of the current process
    ready_at: float | None = None
    restarts: int = 0
    last_exit: int | None = None  # returncode of the last process (negative = signal)
    last_delay: float | None = None
    delays: list[float] = field(default_factory=list)  # every backoff delay applied, in order
    pid_history: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def uptime(self) -> float | None:
        if self.started_at is None or self.pid is None:
            return None
        return max(0.0, time.time() - self.started_at)


def rotate_log(path: Path, max_bytes: int = LOG_ROTATE_BYTES, backups: int = LOG_BACKUPS) -> None:
    """Shift ``x.log`` -> ``x.log.1`` -> ... when it has grown past ``max_bytes``."""
    try:
        if path.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for i in range(backups - 1, 0, -1):
        src = path.with_name(f"{path.name}.{i}")
        if src.exists():
            os.replace(src, path.with_name(f"{path.name}.{i + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


_CHANNEL_OPTIONS = [
    ("grpc.enable_http_proxy", 0),  # 127.0.0.1 is never behind a proxy
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 1000),
]


async def check_health(
    port: int, service: str = "", host: str = "127.0.0.1", timeout: float = 1.0, channel=None  # noqa: ASYNC109
) -> bool:
    """True when the gRPC health service on host:port answers SERVING for ``service``."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    own = channel is None
    if own:
        channel = grpc.aio.insecure_channel(f"{host}:{port}", options=_CHANNEL_OPTIONS)
    try:
        stub = health_pb2_grpc.HealthStub(channel)
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.aio.AioRpcError:
        return False
    finally:
        if own:
            await channel.close()


def _signal_group(pid: int, sig: int) -> bool:
    try:
        os.killpg(pid, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


class Supervisor:
    def __init__(
        self,
        specs: Sequence[ChildSpec],
        backoff: Backoff | None = None,
        grace: float = 10.0,
        health_interval: float = 1.0,
        max_restarts: int | None = None,
        on_change: Callable[[Child], None] | None = None,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        names = [s.name for s in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate child names: {names}")
        self.children: dict[str, Child] = {s.name: Child(s) for s in specs}
        self.backoff = backoff or Backoff()
        self.grace = grace
        self.health_interval = health_interval
        self.max_restarts = max_restarts
        self._on_change = on_change
        self._on_event = on_event
        self._procs: dict[str, asyncio.subprocess.Process] = {}
        self._tasks: list[asyncio.Task] = []
        self._stopping = asyncio.Event()
        self._changed = asyncio.Event()

    # events -------------------------------------------------------------------------------

    def _set(self, child: Child, state: State) -> None:
        if child.state != state:
            child.state = state
            self._emit(child)

    def _emit(self, child: Child) -> None:
        self._changed.set()
        if self._on_change is not None:
            try:
                self._on_change(child)
            except Exception:  # a display callback must never take the supervisor down
                pass

    def _event(self, text: str) -> None:
        if self._on_event is not None:
            with contextlib.suppress(Exception):
                self._on_event(text)

    async def changed(self, timeout: float | None = None) -> bool:  # noqa: ASYNC109
        """Wait until some child changed state (or timeout); True if it did."""
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except TimeoutError:
            return False
        self._changed.clear()
        return True

    # lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Spawn every child and return at once (use wait_ready to wait for readiness)."""
        for child in self.children.values():
            child.state = State.STARTING
            self._tasks.append(asyncio.create_task(self._run(child), name=f"sup:{child.name}"))

    async def _spawn(self, child: Child) -> asyncio.subprocess.Process:
        spec = child.spec
        env = dict(os.environ)
        env.update(spec.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        out: int | object = asyncio.subprocess.DEVNULL
        log = None
        if spec.log_path is not None:
            spec.log_path.parent.mkdir(parents=True, exist_ok=True)
            if child.restarts == 0:
                rotate_log(spec.log_path)
            log = open(spec.log_path, "ab")  # noqa: ASYNC230,SIM115 - local, handed to the child
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            log.write(
                f"--- omni supervisor: starting {spec.name} (restart {child.restarts}) "
                f"at {stamp}: {' '.join(spec.argv)}\n".encode()
            )
            log.flush()
            out = log
        try:
            return await asyncio.create_subprocess_exec(
                *spec.argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT if log is not None else out,
                env=env,
                cwd=str(spec.cwd) if spec.cwd else None,
                start_new_session=True,  # own process group (and session): stopped as a group
            )
        finally:
            if log is not None:
                log.close()

    async def _run(self, child: Child) -> None:
        delay: float | None = None
        while not self._stopping.is_set():
            try:
                proc = await self._spawn(child)
            except OSError as exc:
                child.error = f"cannot start: {exc}"
                self._event(f"{child.name}: {child.error}")
                self._set(child, State.FAILED)
                return
            self._procs[child.name] = proc
            if self._stopping.is_set():  # stop() began while we were spawning: no grace needed
                _signal_group(proc.pid, signal.SIGKILL)
            child.pid = proc.pid
            child.pid_history.append(proc.pid)
            child.started_at = time.time()
            child.ready_at = None
            child.error = None
            self._set(child, State.STARTING)
            health = asyncio.create_task(self._watch_health(child, proc))
            try:
                code = await proc.wait()
            finally:
                health.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await health
            uptime = time.time() - (child.started_at or time.time())
            # the leader is gone; take any process it left in its group with it
            _signal_group(proc.pid, signal.SIGKILL)
            self._procs.pop(child.name, None)
            child.last_exit = code
            child.pid = None
            if self._stopping.is_set():
                self._set(child, State.STOPPED)
                return
            if self.max_restarts is not None and child.restarts >= self.max_restarts:
                child.error = f"exited with {code}; gave up after {child.restarts} restarts"
                self._event(f"{child.name}: {child.error}")
                self._set(child, State.FAILED)
                return
            delay = self.backoff.next(delay, uptime)
            child.last_delay = delay
            child.delays.append(delay)
            child.error = f"exited with {code}"
            self._event(f"{child.name}: exited with {code} after {uptime:.1f}s; "
                        f"restarting in {delay:g}s")
            self._set(child, State.RESTARTING)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)
            if self._stopping.is_set():
                self._set(child, State.STOPPED)
                return
            child.restarts += 1

    async def _watch_health(self, child: Child, proc: asyncio.subprocess.Process) -> None:
        port = child.spec.grpc_port
        if port is None:
            return
        import grpc

        channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}", options=_CHANNEL_OPTIONS)
        try:
            while proc.returncode is None and not self._stopping.is_set():
                ok = await check_health(
                    port, child.spec.health_service, timeout=1.0, channel=channel
                )
                if proc.returncode is not None or self._stopping.is_set():
                    return
                if ok:
                    if child.state != State.READY:
                        child.ready_at = time.time()
                        self._set(child, State.READY)
                elif child.state == State.READY:
                    self._set(child, State.UNHEALTHY)
                # poll fast until first ready, then at the configured interval
                await asyncio.sleep(
                    self.health_interval if child.ready_at else min(0.2, self.health_interval)
                )
        finally:
            await channel.close()

    async def wait_ready(self, timeout: float | None = None,  # noqa: ASYNC109
                         names: Sequence[str] | None = None) -> list[str]:
        """Wait until the named (default: all) children are READY. Returns the names still not
        ready when the timeout passed ([] = all ready). Children without a gRPC port count as
        ready once their process runs. Returns early when a child FAILED."""
        wanted = [self.children[n] for n in (names or self.children)]

        def ready(c: Child) -> bool:
            if c.spec.grpc_port is None:
                return c.pid is not None
            return c.state == State.READY

        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            pending = [c for c in wanted if not ready(c)]
            if not pending or self._stopping.is_set():
                return [c.name for c in pending]
            if all(c.state == State.FAILED for c in pending):
                return [c.name for c in pending]
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return [c.name for c in pending]
            await self.changed(timeout=min(0.5, left) if left is not None else 0.5)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    async def stop(self, grace: float | None = None) -> None:
        """Stop every child: SIGTERM to each process group, wait up to ``grace`` seconds, then
        SIGKILL what is left. Returns when every child task has finished."""
        grace = self.grace if grace is None else grace
        self._stopping.set()
        procs = dict(self._procs)
        for name, proc in procs.items():
            if proc.returncode is None:
                self._event(f"{name}: stopping (pid {proc.pid})")
                _signal_group(proc.pid, signal.SIGTERM)
        if procs:
            waits = [asyncio.create_task(p.wait()) for p in procs.values()]
            _done, pending = await asyncio.wait(waits, timeout=grace)
            if pending:
                for name, proc in procs.items():
                    if proc.returncode is None:
                        self._event(f"{name}: did not stop within {grace:g}s; killing")
                        _signal_group(proc.pid, signal.SIGKILL)
                await asyncio.wait(pending)
        for proc in procs.values():  # stragglers in the groups, even if the leaders exited
            _signal_group(proc.pid, signal.SIGKILL)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        for child in self.children.values():
            if child.state != State.FAILED:
                self._set(child, State.STOPPED)

    async def kill_now(self) -> None:
        """Second Ctrl-C: SIGKILL every group at once, then finish the stop."""
        self._stopping.set()
        for proc in list(self._procs.values()):
            _signal_group(proc.pid, signal.SIGKILL)
