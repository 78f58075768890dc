"""`omni up` / `omni status` / `omni down` run as real subprocesses against a real embedded
broker. Timeouts are safety nets only; nothing asserts on elapsed time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from omni_core.catalogue import TOPICS, spec
from omni_core.embedded.broker import EmbeddedBroker
from omni_core.embedded.fleet import is_implemented, pid_alive

SAFETY = 120.0  # seconds; a hung test fails instead of hanging CI


def omni_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMNI_KAFKA_BOOTSTRAP", "OMNI_DATABASE_URL", "OMNI_REDIS_URL")}
    env.update(OMNI_HOME=str(home), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONUNBUFFERED="1", COLUMNS="160")
    env.update(extra)
    return env


def omni(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "omni_core.cli", *args], cwd=home.parent,
                          env=omni_env(home, **extra), capture_output=True, text=True,
                          timeout=SAFETY)


def wait_for(cond: Callable[[], bool], what: str, proc: subprocess.Popen | None = None,
             out: Path | None = None) -> None:
    deadline = time.monotonic() + SAFETY
    while not cond():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"omni up exited ({proc.returncode}) before {what}:\n"
                                 f"{out.read_text() if out else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached: {what}\n{out.read_text() if out else ''}")
        time.sleep(0.05)


def fleet(home: Path) -> dict:
    try:
        return json.loads((home / "fleet.json").read_text())
    except (OSError, ValueError):
        return {}


class Up:
    """`omni up ...` as a background process with its output in a file."""

    def __init__(self, home: Path, *args: str, **extra: str) -> None:
        self.home = home
        self.out = home.parent / f"omni-up-{len(list(home.parent.glob('omni-up-*')))}.out"
        self._fh = open(self.out, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "omni_core.cli", "up", *args], cwd=home.parent,
            env=omni_env(home, **extra), stdout=self._fh, stderr=subprocess.STDOUT,
        )

    def wait_output(self, text: str) -> None:
        wait_for(lambda: text in self.out.read_text(), repr(text), self.proc, self.out)

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=SAFETY)
        finally:
            self._fh.close()

    def output(self) -> str:
        return self.out.read_text()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._fh.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / ".omni"


@pytest.fixture
def ups() -> Iterator[list[Up]]:
    started: list[Up] = []
    yield started
    for up in started:  # never leave a fleet behind, even when a test fails
        if up.proc.poll() is None:
            up.stop(signal.SIGTERM)
        rec = fleet(up.home)
        for pid in _recorded_pids(rec):
            if pid_alive(pid):
                os.killpg(pid, signal.SIGKILL)


def _recorded_pids(rec: dict) -> list[int]:
    pids = [s["pid"] for s in rec.get("services", {}).values() if s.get("pid")]
    b = rec.get("broker") or {}
    if b.get("pid"):
        pids.append(b["pid"])
    return pids


def topics_of(bootstrap: str) -> dict[str, int]:
    from confluent_kafka.admin import AdminClient

    md = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10)
    return {name: len(t.partitions) for name, t in md.topics.items()}


def test_status_with_nothing_running(home: Path) -> None:
    r = omni(home, "status")
    assert r.returncode == 1
    assert "nothing running" in r.stdout


def test_down_with_nothing_running(home: Path) -> None:
    r = omni(home, "down")
    assert r.returncode == 1
    assert "nothing running" in r.stdout


def test_up_only_infra_then_ctrl_c(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--only-infra")
    ups.append(up)
    up.wait_output("infrastructure READY")
    rec = fleet(home)
    assert rec["running"] is True and rec["up"]["pid"] == up.proc.pid
    broker = rec["broker"]
    assert broker["mode"] == "embedded" and pid_alive(broker["pid"])
    assert broker["bootstrap"].startswith("127.0.0.1:")
    found = topics_of(broker["bootstrap"])
    assert {t: found.get(t) for t in TOPICS} == {t: 1 for t in TOPICS}

    st = omni(home, "status")
    assert st.returncode == 0, st.stdout + st.stderr
    assert "kafka (embedded)" in st.stdout and "RUNNING" in st.stdout
    assert broker["bootstrap"] in st.stdout

    assert up.stop(signal.SIGINT) == 0, up.output()
    assert not pid_alive(broker["pid"])
    assert "stopped" in up.output()
    after = fleet(home)
    assert after["running"] is False and after["broker"]["stopped"] is True
    assert omni(home, "status").returncode == 1


def test_down_stops_another_up(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--only-infra")
    ups.append(up)
    up.wait_output("infrastructure READY")
    broker_pid = fleet(home)["broker"]["pid"]
    r = omni(home, "down")
    assert r.returncode == 0, r.stdout + r.stderr
    assert up.proc.wait(timeout=SAFETY) == 0, up.output()  # stopped by SIGTERM, cleanly
    assert not pid_alive(broker_pid)


def test_second_up_on_the_same_home_is_refused(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--only-infra")
    ups.append(up)
    up.wait_output("infrastructure READY")
    r = omni(home, "up", "--only-infra")
    assert r.returncode == 1
    assert "already running" in r.stdout
    assert up.proc.poll() is None  # the first one is untouched
    assert up.stop() == 0


def test_down_falls_back_to_recorded_groups_when_up_is_gone(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--only-infra")
    ups.append(up)
    up.wait_output("infrastructure READY")
    broker_pid = fleet(home)["broker"]["pid"]
    up.kill()  # SIGKILL: up cannot clean up; its broker is left running in its own group
    assert pid_alive(broker_pid)
    st = omni(home, "status")  # the broker still runs, so status has something to show
    assert st.returncode == 0 and "gone" in st.stdout
    r = omni(home, "down")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "broker" in r.stdout
    assert not pid_alive(broker_pid)


def test_up_uses_an_external_broker_and_creates_the_topics(home: Path, ups: list[Up],
                                                           tmp_path: Path) -> None:
    with EmbeddedBroker(home=tmp_path / "external") as external:
        up = Up(home, "--only-infra", OMNI_KAFKA_BOOTSTRAP=external.bootstrap)
        ups.append(up)
        up.wait_output("infrastructure READY")
        assert fleet(home)["broker"] == {"mode": "external", "bootstrap": external.bootstrap}
        found = topics_of(external.bootstrap)
        assert all(t in found for t in TOPICS)
        assert up.stop() == 0, up.output()
        assert external.running  # not ours to stop


def test_unknown_service_is_an_error(home: Path) -> None:
    r = omni(home, "up", "--services", "no-such-service")
    assert r.returncode == 2
    assert "unknown service" in r.stdout
    assert not (home / "fleet.json").exists() or fleet(home).get("broker") is None


def test_up_help_documents_long_sessions(home: Path) -> None:
    r = omni(home, "up", "--help")
    assert r.returncode == 0
    assert "retention" in r.stdout and "docs/embedded.md" in r.stdout


@pytest.mark.skipif(not is_implemented(spec("control-plane")),
                    reason="services/control-plane (svc_control_plane with __main__) "
                           "has not landed in this workspace yet")
def test_up_control_plane_ready_then_ctrl_c_leaves_nothing(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--services", "control-plane", "--timeout", "110")
    ups.append(up)
    wait_for(lambda: fleet(home).get("services", {}).get("control-plane", {}).get("state")
             == "READY", "control-plane READY", up.proc, up.out)
    rec = fleet(home)
    cp = rec["services"]["control-plane"]
    assert cp["grpc_port"] == spec("control-plane").grpc_port
    assert (home / "logs" / "control-plane.log").exists()
    st = omni(home, "status")
    assert st.returncode == 0 and "READY" in st.stdout
    pids = _recorded_pids(rec)
    assert up.stop(signal.SIGINT) == 0, up.output()
    assert [p for p in pids if pid_alive(p)] == []


@pytest.fixture
def fake_security_hub(tmp_path: Path) -> str:
    """A stand-in `svc_security_hub` package on PYTHONPATH whose __main__ records its
    environment and runs the health-serving test child: lets `omni up --services` be tested
    end to end before the real service exists (PYTHONPATH wins over the workspace)."""
    pkg = tmp_path / "fakepkgs" / "svc_security_hub"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    child = Path(__file__).with_name("supervisor_child_app.py")
    (pkg / "__main__.py").write_text(
        "import json, os, runpy\n"
        "keys = [k for k in os.environ if k.startswith('OMNI_') or k == 'PYTHONUNBUFFERED']\n"
        "path = os.path.join(os.environ['OMNI_HOME'], 'fake-env.json')\n"
        "open(path, 'w').write(json.dumps({k: os.environ[k] for k in keys}))\n"
        f"runpy.run_path({str(child)!r}, run_name='__main__')\n"
    )
    return str(tmp_path / "fakepkgs")


def test_up_supervises_a_service_restarts_it_and_stops_clean(
    home: Path, ups: list[Up], fake_security_hub: str
) -> None:
    hub = spec("security-hub")
    up = Up(home, "--services", "security-hub", PYTHONPATH=fake_security_hub,
            OMNI_DATABASE_URL="sqlite+aiosqlite:///x.db")
    ups.append(up)
    up.wait_output("all 1 services READY")
    rec = fleet(home)
    svc = rec["services"]["security-hub"]
    assert svc["state"] == "READY" and svc["restarts"] == 0
    assert (svc["grpc_port"], svc["metrics_port"]) == (hub.grpc_port, hub.metrics_port)
    first = svc["pid"]
    assert os.getpgid(first) == first

    env = json.loads((home / "fake-env.json").read_text())
    assert env["OMNI_PROFILE"] == "dev" and env["OMNI_LOG_FORMAT"] == "json"
    assert env["OMNI_HOME"] == str(home) and Path(env["OMNI_HOME"]).is_absolute()
    assert env["OMNI_KAFKA_BOOTSTRAP"] == rec["broker"]["bootstrap"]
    assert env["OMNI_GRPC_PORT"] == str(hub.grpc_port)
    assert env["OMNI_METRICS_PORT"] == str(hub.metrics_port)
    assert env["OMNI_DATABASE_URL"] == "sqlite+aiosqlite:///x.db"  # passed on when set

    os.kill(first, signal.SIGKILL)
    wait_for(lambda: (s := fleet(home)["services"]["security-hub"])["restarts"] == 1
             and s["state"] == "READY", "restart after kill -9", up.proc, up.out)
    second = fleet(home)["services"]["security-hub"]["pid"]
    assert second != first and pid_alive(second) and not pid_alive(first)
    assert "exited with -9" in up.output()

    st = omni(home, "status")
    assert st.returncode == 0
    line = next(ln for ln in st.stdout.splitlines() if "security-hub" in ln)
    assert "READY" in line and str(second) in line

    pids = _recorded_pids(fleet(home))
    assert up.stop(signal.SIGINT) == 0, up.output()
    assert [p for p in pids if pid_alive(p)] == []
    final = fleet(home)
    assert final["running"] is False
    assert final["services"]["security-hub"]["state"] == "STOPPED"
    log = (home / "logs" / "security-hub.log").read_text()
    assert "(restart 1)" in log and "stopped cleanly" in log


def test_embedded_broker_is_restarted_when_it_dies(home: Path, ups: list[Up]) -> None:
    up = Up(home, "--only-infra")
    ups.append(up)
    up.wait_output("infrastructure READY")
    first = fleet(home)["broker"]
    os.kill(first["pid"], signal.SIGKILL)
    wait_for(lambda: fleet(home)["broker"].get("restarts") == 1, "broker restarted",
             up.proc, up.out)
    second = fleet(home)["broker"]
    assert second["pid"] != first["pid"] and pid_alive(second["pid"])
    assert second["bootstrap"] == first["bootstrap"]  # same port: clients reconnect
    found = topics_of(second["bootstrap"])
    assert all(found.get(t) == 1 for t in TOPICS)
    assert up.stop() == 0, up.output()
    assert not pid_alive(second["pid"]) and not pid_alive(first["pid"])


def test_next_up_cleans_up_after_a_killed_up(home: Path, ups: list[Up]) -> None:
    first = Up(home, "--only-infra")
    ups.append(first)
    first.wait_output("infrastructure READY")
    orphan = fleet(home)["broker"]["pid"]
    first.kill()
    assert pid_alive(orphan)
    second = Up(home, "--only-infra")
    ups.append(second)
    second.wait_output("infrastructure READY")
    assert "left over by a previous omni up" in second.output()
    assert not pid_alive(orphan)
    assert fleet(home)["broker"]["pid"] != orphan
    assert second.stop() == 0, second.output()


def parent_of_helper(helper_code: str) -> tuple[subprocess.Popen, int]:
    """A process that runs `helper_code` in a child process (a service and its helper): the
    parent, and the child's pid."""
    parent = subprocess.Popen([sys.executable, "-c", (
        "import subprocess, sys; "
        f"c = subprocess.Popen([sys.executable, '-c', {helper_code!r}], "
        "stdin=subprocess.PIPE); print(c.pid, flush=True); c.wait()")],
        stdout=subprocess.PIPE, text=True)
    return parent, int(parent.stdout.readline())


def test_resident_memory_of_a_service_counts_its_helper_processes():
    from omni_core.embedded.fleet import rss_bytes

    parent, child = parent_of_helper("b = bytearray(64 << 20); input()")
    try:
        for _ in range(1000):  # until the child holds its 64 MiB
            if (rss_bytes(child) or 0) > 64 << 20:
                break
            time.sleep(0.01)
        assert rss_bytes(parent.pid) >= (rss_bytes(child) or 0) > 64 << 20
    finally:
        os.kill(child, signal.SIGKILL)
        parent.wait()


def test_cpu_meter_shows_a_busy_helper_process_as_its_parents_cpu():
    from omni_core.embedded.fleet import CpuMeter

    parent, child = parent_of_helper("while True: pass")
    idle = subprocess.Popen(["sleep", "30"])
    meter = CpuMeter(min_window=0.5)
    try:
        assert meter.percent(parent.pid) is None and meter.percent(idle.pid) is None
        time.sleep(1.0)
        busy = meter.percent(parent.pid)
        assert busy is not None and busy > 30  # its child spins on a core
        assert meter.percent(parent.pid) == busy  # asked again within the window
        assert meter.percent(idle.pid) < 10
    finally:
        os.kill(child, signal.SIGKILL)
        parent.wait()
        idle.kill()
        idle.wait()
    assert meter.percent(parent.pid) is None  # gone


def test_a_busy_embedded_broker_is_named_in_the_table():
    from io import StringIO

    from omni_core.embedded.fleet import Row, broker_busy_note, render_table
    from rich.console import Console

    row = Row("kafka (embedded)", 1, "RUNNING", 0, 600.0, ":9092", "-", 50 << 20, 95.0)
    note = broker_busy_note(row.cpu)
    assert note is not None and "95% of a core" in note and "omni down && omni up" in note
    assert broker_busy_note(30.0) is None and broker_busy_note(None) is None
    out = StringIO()
    Console(file=out, width=140).print(render_table([row], caption=note))
    text = out.getvalue()
    assert "cpu" in text and "95%" in text and "restart the fleet" in text
