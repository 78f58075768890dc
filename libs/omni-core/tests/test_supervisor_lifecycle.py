"""The supervisor against real child processes (tests/supervisor_child_app.py): start,
readiness over gRPC health, crash -> restart with backoff, clean stop with no orphans."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from omni_core.embedded.broker import free_port
from omni_core.embedded.fleet import pid_alive
from omni_core.embedded.supervisor import (
    Backoff,
    ChildSpec,
    State,
    Supervisor,
    check_health,
    rotate_log,
)
from omni_testing.kafka import wait_until

CHILD = str(Path(__file__).with_name("supervisor_child_app.py"))
FAST = Backoff(initial=0.05, factor=2.0, maximum=0.4, stable_after=3600)


def child_spec(name: str, tmp_path: Path, **env: str) -> ChildSpec:
    port = free_port()
    return ChildSpec(
        name=name,
        argv=[sys.executable, CHILD],
        env={"OMNI_GRPC_PORT": str(port), **env},
        log_path=tmp_path / "logs" / f"{name}.log",
        grpc_port=port,
    )


def gone(pid: int) -> bool:
    return not pid_alive(pid)


async def test_start_ready_stop_leaves_nothing(tmp_path: Path) -> None:
    grand = tmp_path / "grandchild.pid"
    specs = [child_spec("alpha", tmp_path, CHILD_GRANDCHILD=str(grand)),
             child_spec("beta", tmp_path)]
    sup = Supervisor(specs, backoff=FAST, grace=10)
    await sup.start()
    try:
        assert await sup.wait_ready(timeout=60) == []
        for c in sup.children.values():
            assert c.state is State.READY
            assert c.pid and pid_alive(c.pid)
            assert os.getpgid(c.pid) == c.pid  # its own process group
            assert await check_health(c.spec.grpc_port)
        await wait_until(grand.exists, 30, "grandchild pid file")
        pids = [c.pid for c in sup.children.values()] + [int(grand.read_text())]
    finally:
        await sup.stop()
    assert all(c.state is State.STOPPED for c in sup.children.values())
    assert all(gone(pid) for pid in pids), [p for p in pids if not gone(p)]
    for c in sup.children.values():  # a SIGTERM was enough: each child said goodbye
        assert c.last_exit == 0
        assert "stopped cleanly" in c.spec.log_path.read_text()


async def test_kill_9_restarts_with_a_new_pid(tmp_path: Path) -> None:
    sup = Supervisor([child_spec("gamma", tmp_path)], backoff=FAST, grace=10)
    await sup.start()
    try:
        assert await sup.wait_ready(timeout=60) == []
        child = sup.children["gamma"]
        first = child.pid
        os.kill(first, signal.SIGKILL)
        await wait_until(lambda: child.restarts == 1 and child.state is State.READY, 60,
                         "restarted and ready again")
        assert child.pid != first and pid_alive(child.pid)
        assert gone(first)
        assert child.last_exit == -signal.SIGKILL
        assert child.delays == [FAST.initial]
        assert await check_health(child.spec.grpc_port)
        log = child.spec.log_path.read_text()
        assert "(restart 0)" in log and "(restart 1)" in log
    finally:
        await sup.stop()
    assert all(gone(p) for p in child.pid_history)


async def test_crash_loop_backs_off_exponentially(tmp_path: Path) -> None:
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    spec = child_spec("delta", tmp_path, CHILD_EXIT_CODE="3", CHILD_PID_DIR=str(pid_dir))
    sup = Supervisor([spec], backoff=FAST, grace=5)
    await sup.start()
    child = sup.children["delta"]
    try:
        await wait_until(lambda: len(child.delays) >= 5, 60, "five crashes")
        assert child.last_exit == 3
        assert child.delays[:5] == [0.05, 0.1, 0.2, 0.4, 0.4]  # doubling, capped
        assert child.state in (State.RESTARTING, State.STARTING)
        assert child.state is not State.READY
        assert len(set(child.pid_history)) == len(child.pid_history)
    finally:
        await sup.stop()
    assert child.state is State.STOPPED
    assert all(gone(int(p.name)) for p in pid_dir.iterdir())


def test_backoff_resets_after_a_stable_period() -> None:
    b = Backoff(initial=0.5, factor=2, maximum=30, stable_after=60)
    delays, d = [], None
    for _ in range(9):
        d = b.next(d, uptime=1.0)
        delays.append(d)
    assert delays == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    assert b.next(30, uptime=61.0) == 0.5


async def test_max_restarts_marks_failed(tmp_path: Path) -> None:
    sup = Supervisor([child_spec("eps", tmp_path, CHILD_EXIT_CODE="4")], backoff=FAST,
                     max_restarts=2)
    await sup.start()
    child = sup.children["eps"]
    try:
        assert await sup.wait_ready(timeout=60) == ["eps"]  # returns early: FAILED
        assert child.state is State.FAILED
        assert child.restarts == 2 and child.last_exit == 4
        assert "gave up" in (child.error or "")
    finally:
        await sup.stop()
    assert child.state is State.FAILED


async def test_child_ignoring_sigterm_is_killed_after_grace(tmp_path: Path) -> None:
    grand = tmp_path / "g.pid"
    sup = Supervisor([child_spec("zeta", tmp_path, CHILD_IGNORE_TERM="1",
                                 CHILD_GRANDCHILD=str(grand))], backoff=FAST, grace=0.5)
    await sup.start()
    child = sup.children["zeta"]
    assert await sup.wait_ready(timeout=60) == []
    await wait_until(grand.exists, 30, "grandchild pid file")
    pid, gpid = child.pid, int(grand.read_text())
    await sup.stop()
    assert child.last_exit == -signal.SIGKILL
    assert gone(pid) and gone(gpid)


async def test_unstartable_program_is_failed(tmp_path: Path) -> None:
    spec = ChildSpec("nope", [str(tmp_path / "does-not-exist")], grpc_port=free_port())
    sup = Supervisor([spec], backoff=FAST)
    await sup.start()
    assert await sup.wait_ready(timeout=30) == ["nope"]
    assert sup.children["nope"].state is State.FAILED
    await sup.stop()


def test_rotate_log(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_bytes(b"a" * 100)
    rotate_log(log, max_bytes=1000)
    assert log.exists()  # small: untouched
    rotate_log(log, max_bytes=50)
    assert not log.exists() and (tmp_path / "x.log.1").read_bytes() == b"a" * 100
    log.write_bytes(b"b" * 100)
    rotate_log(log, max_bytes=50)
    assert (tmp_path / "x.log.2").read_bytes() == b"a" * 100
    assert (tmp_path / "x.log.1").read_bytes() == b"b" * 100

