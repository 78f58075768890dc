"""The embedded fleet behind ``omni up`` / ``omni status`` / ``omni down``: infrastructure
(embedded broker or the one in OMNI_KAFKA_BOOTSTRAP), one supervised process per implemented
service, the status table, and ``<OMNI_HOME>/fleet.json`` that lets another ``omni`` process
find and stop what this one started.

fleet.json (written atomically on every state change)::

    {"version": 1, "running": true, "home": "/abs/.omni",
     "up": {"pid": 123, "start": <proc start ticks>},
     "broker": {"mode": "embedded"|"external", "bootstrap": "127.0.0.1:40123",
                "pid": 124, "start": ...},
     "dashboard": "http://127.0.0.1:8080" | null,
     "services": {"control-plane": {"pid": 125, "start": ..., "state": "READY", "restarts": 0,
                  "started_at": <epoch>, "grpc_port": 50101, "metrics_port": 9101,
                  "log": "/abs/.omni/logs/control-plane.log"}}}

``start`` is the process start time from /proc/<pid>/stat, so a recycled pid is never
signalled by mistake.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omni_core.catalogue import GATEWAY_HTTP_PORT, SERVICES, TOPICS, ServiceSpec
from omni_core.catalogue import spec as catalogue_spec
from omni_core.embedded.supervisor import (
    Backoff,
    ChildSpec,
    Supervisor,
    check_health,
)

__all__ = [
    "omni_home",
    "implemented_services",
    "select_services",
    "service_child_spec",
    "UpOptions",
    "run_up",
    "status",
    "down",
    "read_fleet",
    "pid_alive",
    "process_start",
    "rss_bytes",
    "cpu_seconds",
    "CpuMeter",
]

FLEET_FILE = "fleet.json"
DASHBOARD_URL = f"http://127.0.0.1:{GATEWAY_HTTP_PORT}"


# --------------------------------------------------------------------------------------------
# processes (Linux /proc)


def process_start(pid: int) -> int | None:
    """Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # comm may contain spaces and parentheses
    return int(fields[19])


def _zombie(pid: int) -> bool:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return raw[raw.rindex(")") + 2 :].split()[0] in ("Z", "X")


def pid_alive(pid: int | None, start: int | None = None) -> bool:
    """True if ``pid`` runs (not a zombie) and, when ``start`` is given, is that same process."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if _zombie(pid):
        return False
    return start is None or process_start(pid) == start


def rss_bytes(pid: int | None) -> int | None:
    """Resident set size (VmRSS) of the process and its descendants (a service's helper
    processes are part of its footprint), in bytes; None if the process is gone."""
    return _with_descendants(pid, _vm_rss)


def cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) of the process and its descendants, in seconds; None if the
    process is gone."""
    return _with_descendants(pid, _cpu)


def _with_descendants(pid: int | None, measure: Callable[[int], Any]) -> Any:
    if not pid:
        return None
    own = measure(pid)
    if own is None:
        return None
    return own + sum(measure(child) or 0 for child in _descendants(pid))


def _vm_rss(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLK_TCK
    except (OSError, ValueError, IndexError):
        return None


_CLK_TCK = os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """Recent CPU use per process: `percent(pid)` is the share of one core the process (with
    its descendants) used since the previous sample of that pid; None until there are two.
    Calls closer together than `min_window` seconds return the last figure (a table is
    built more than once per refresh)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 min_window: float = 0.5) -> None:
        self.clock = clock
        self.min_window = min_window
        self._last: dict[int, tuple[float, float]] = {}
        self._shown: dict[int, float] = {}

    def percent(self, pid: int | None) -> float | None:
        used = cpu_seconds(pid)
        if pid is None or used is None:
            if pid is not None:  # gone (a restarted service has a new pid): forget it
                self._last.pop(pid, None)
                self._shown.pop(pid, None)
            return None
        now = self.clock()
        prev = self._last.get(pid)
        if prev is not None and now - prev[0] < self.min_window:
            return self._shown.get(pid)
        self._last[pid] = (now, used)
        if prev is None:
            return None
        value = self._shown[pid] = max(0.0, 100.0 * (used - prev[1]) / (now - prev[0]))
        return value


# the embedded broker's work per fetch grows with the batches a topic holds (Tansu's in-memory
# storage); past this share of a core every hop waits for it (docs/embedded.md)
BROKER_BUSY_PERCENT = 80.0


def _fmt_bytes(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return "-"


def _fmt_uptime(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


# --------------------------------------------------------------------------------------------
# discovery


def omni_home(home: str | os.PathLike[str] | None = None) -> Path:
    """The embedded stack's state directory: ``home``, else $OMNI_HOME, else ./.omni
    (always made absolute, so children that change directory agree)."""
    return Path(home or os.environ.get("OMNI_HOME") or ".omni").expanduser().resolve()


def is_implemented(svc: ServiceSpec) -> bool:
    """A service is implemented when its package is importable and runnable with ``-m``
    (has a ``__main__`` module). Found without importing the package."""
    try:
        found = importlib.util.find_spec(svc.package)
    except (ImportError, ValueError):
        return False
    if found is None:
        return False
    return any(
        (Path(loc) / "__main__.py").is_file() for loc in (found.submodule_search_locations or [])
    )


def implemented_services() -> list[ServiceSpec]:
    return [s for s in SERVICES if is_implemented(s)]


def select_services(names: str | Sequence[str] | None) -> list[ServiceSpec]:
    """``None`` = every implemented service; otherwise the named ones (comma-separated string
    or list), each of which must be in the catalogue and implemented (ValueError if not)."""
    if names is None:
        return implemented_services()
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    chosen: list[ServiceSpec] = []
    for name in dict.fromkeys(names):
        try:
            svc = catalogue_spec(name)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
        if not is_implemented(svc):
            raise ValueError(
                f"service {name!r} is not implemented in this workspace "
                f"(no importable {svc.package}.__main__)"
            )
        chosen.append(svc)
    return sorted(chosen, key=lambda s: s.number)


def service_child_spec(
    svc: ServiceSpec, home: Path, bootstrap: str, python: str | None = None
) -> ChildSpec:
    """How the supervisor runs one service: ``python -m svc_<pkg>`` with the dev profile."""
    env = {
        "OMNI_PROFILE": "dev",
        "OMNI_KAFKA_BOOTSTRAP": bootstrap,
        "OMNI_HOME": str(home),
        "OMNI_GRPC_PORT": str(svc.grpc_port),
        "OMNI_METRICS_PORT": str(svc.metrics_port),
        "OMNI_LOG_FORMAT": "json",
    }
    # OMNI_DATABASE_URL / OMNI_REDIS_URL (and any other OMNI_*) are inherited when set; when
    # unset the dev profile uses SQLite under $OMNI_HOME/data and the in-process cache.
    # The fleet's trading defaults (account, instruments, strategies, risk bootstrap; see
    # omni_core.embedded.defaults) come next; a variable set in our own environment wins.
    from omni_core.embedded.defaults import child_env

    for key, value in child_env(svc.name, home).items():
        if key not in os.environ:
            env[key] = value
    return ChildSpec(
        name=svc.name,
        argv=[python or sys.executable, "-m", svc.package],
        env=env,
        log_path=home / "logs" / f"{svc.name}.log",
        grpc_port=svc.grpc_port,
        metrics_port=svc.metrics_port,
    )


# --------------------------------------------------------------------------------------------
# fleet.json


def read_fleet(home: Path) -> dict[str, Any] | None:
    try:
        return json.loads((home / FLEET_FILE).read_text())
    except (OSError, ValueError):
        return None


def _write_fleet(home: Path, record: dict[str, Any]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / f".{FLEET_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(record, indent=2, sort_keys=True))
    os.replace(tmp, home / FLEET_FILE)


# --------------------------------------------------------------------------------------------
# the table


def _console():
    """A rich console; when stdout is not a terminal (logs, CI, pipes) a wide one, so the
    plain table is not squeezed to 80 columns."""
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console = Console(width=int(os.environ.get("COLUMNS", "0") or 0) or 140)
    return console


@dataclass
class Row:
    name: str
    pid: int | None
    state: str
    restarts: int | None
    uptime: float | None
    endpoint: str
    metrics: str
    rss: int | None
    cpu: float | None = None  # % of one core, recently


_STATE_STYLE = {
    "READY": "green",
    "RUNNING": "green",
    "STARTING": "yellow",
    "RESTARTING": "yellow",
    "UNHEALTHY": "red",
    "FAILED": "bold red",
    "DEAD": "bold red",
    "STOPPED": "dim",
}


def render_table(rows: Iterable[Row], caption: str | None = None, title: str | None = None):
    from rich import box
    from rich.table import Table

    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, caption_justify="left",
                  title_justify="left", pad_edge=False)
    for col, just in (("service", "left"), ("pid", "right"), ("state", "left"),
                      ("restarts", "right"), ("uptime", "right"), ("port", "right"),
                      ("metrics", "right"), ("cpu", "right"), ("rss", "right")):
        table.add_column(col, justify=just, no_wrap=True)
    for r in rows:
        style = _STATE_STYLE.get(r.state, "")
        table.add_row(
            r.name,
            str(r.pid) if r.pid else "-",
            f"[{style}]{r.state}[/]" if style else r.state,
            "-" if r.restarts is None else str(r.restarts),
            _fmt_uptime(r.uptime),
            r.endpoint,
            r.metrics,
            "-" if r.cpu is None else f"{r.cpu:.0f}%",
            _fmt_bytes(r.rss),
        )
    return table


def _title(broker: dict[str, Any] | None) -> str:
    title = "omni fleet (ports on 127.0.0.1)"
    if broker and broker.get("bootstrap"):
        title += f"   kafka {broker['bootstrap']} ({broker.get('mode', '?')})"
    return title


def _broker_row(broker: dict[str, Any] | None, started_at: float | None,
                cpu: CpuMeter | None = None) -> Row | None:
    if not broker:
        return None
    if broker.get("mode") == "external":
        return Row("kafka (external)", None, "RUNNING", None, None,
                   str(broker.get("bootstrap")), "-", None)
    pid = broker.get("pid")
    alive = pid_alive(pid, broker.get("start"))
    return Row(
        "kafka (embedded)",
        pid if alive else None,
        "RUNNING" if alive else ("STOPPED" if broker.get("stopped") else "DEAD"),
        broker.get("restarts"),
        (time.time() - started_at) if (alive and started_at) else None,
        ":" + str(broker.get("bootstrap", "")).rpartition(":")[2],
        "-",
        rss_bytes(pid) if alive else None,
        cpu.percent(pid) if (alive and cpu is not None) else None,
    )


def broker_busy_note(cpu: float | None) -> str | None:
    """A word for the user when the embedded broker (`cpu`: its % of a core) is near a full
    core."""
    if cpu is None or cpu < BROKER_BUSY_PERCENT:
        return None
    return (f"the embedded broker is busy ({cpu:.0f}% of a core): its work grows with the "
            f"messages it holds, so latency rises; restart the fleet (omni down && omni up) "
            f"or use OMNI_KAFKA_BOOTSTRAP (docs/embedded.md, Long sessions)")


# --------------------------------------------------------------------------------------------
# omni up


@dataclass
class UpOptions:
    services: str | None = None  # comma-separated subset; None = every implemented service
    only_infra: bool = False
    wait: bool = True
    timeout: float = 180.0
    grace: float = 10.0
    home: str | None = None
    refresh: float = 1.0
    live: bool | None = None  # None = rich.live when stdout is a terminal
    backoff: Backoff | None = None


class _Up:
    def __init__(self, opts: UpOptions) -> None:
        self.opts = opts
        self.home = omni_home(opts.home)
        self.console = _console()
        self.live_mode = self.console.is_terminal if opts.live is None else opts.live
        self.broker = None  # EmbeddedBroker when embedded
        self.broker_info: dict[str, Any] | None = None
        self.broker_started: float | None = None
        self.sup: Supervisor | None = None
        self.stop_event = asyncio.Event()
        self.signals = 0
        self.first_signal = 0.0
        self.record: dict[str, Any] = {}
        self.cpu = CpuMeter()
        self.broker_note: str | None = None

    # -- output ----------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.console.print(text, highlight=False, soft_wrap=True)

    def rows(self) -> list[Row]:
        rows: list[Row] = []
        b = _broker_row(self.broker_info, self.broker_started, self.cpu)
        if b is not None:
            rows.append(b)
        if self.sup is not None:
            for c in self.sup.children.values():
                rows.append(Row(
                    c.name, c.pid, c.state.value, c.restarts, c.uptime,
                    f":{c.spec.grpc_port}" if c.spec.grpc_port else "-",
                    f":{c.spec.metrics_port}" if c.spec.metrics_port else "-",
                    rss_bytes(c.pid), self.cpu.percent(c.pid),
                ))
        return rows

    def caption(self) -> str:
        parts = []
        if self.record.get("dashboard"):
            parts.append(f"dashboard {self.record['dashboard']}")
        parts.append(f"logs {self.home / 'logs'}")
        if not self.stop_event.is_set():
            parts.append("Ctrl-C stops everything")
        caption = "   ".join(parts)
        return caption + (f"\n{self.broker_note}" if self.broker_note else "")

    def _check_broker(self) -> None:
        """Say once when the embedded broker becomes busy (and again after it recovered)."""
        info = self.broker_info or {}
        note = None if info.get("mode") == "external" else broker_busy_note(
            self.cpu.percent(info.get("pid")))
        if note and not self.broker_note and not self.live_mode:
            self.say(note)
        self.broker_note = note

    def table(self):
        return render_table(self.rows(), caption=self.caption(), title=_title(self.broker_info))

    def _signature(self) -> tuple:
        return tuple((r.name, r.pid, r.state, r.restarts) for r in self.rows())

    # -- fleet.json --------------------------------------------------------------------------

    def save(self, *_: Any) -> None:
        services = {}
        if self.sup is not None:
            for c in self.sup.children.values():
                services[c.name] = {
                    "pid": c.pid,
                    "start": process_start(c.pid) if c.pid else None,
                    "state": c.state.value,
                    "restarts": c.restarts,
                    "started_at": c.started_at,
                    "last_exit": c.last_exit,
                    "grpc_port": c.spec.grpc_port,
                    "metrics_port": c.spec.metrics_port,
                    "log": str(c.spec.log_path) if c.spec.log_path else None,
                }
        self.record["services"] = services
        self.record["broker"] = self.broker_info
        self.record["updated_at"] = time.time()
        with contextlib.suppress(OSError):
            _write_fleet(self.home, self.record)

    # -- signals -----------------------------------------------------------------------------

    def _on_signal(self, signum: int) -> None:
        now = time.monotonic()
        if self.signals == 0:
            self.signals, self.first_signal = 1, now
            self.stop_event.set()
        elif now - self.first_signal > 1.0 and self.sup is not None:
            # a second Ctrl-C: no more grace. (One within a second is the same keypress
            # delivered twice, e.g. by the terminal to the group and forwarded by `uv run`.)
            self.signals += 1
            self.say("[red]second interrupt: killing the services now[/]")
            asyncio.get_running_loop().create_task(self.sup.kill_now())

    # -- run ---------------------------------------------------------------------------------

    async def _check_previous(self) -> bool:
        previous = read_fleet(self.home)
        if not previous:
            return True
        up = previous.get("up") or {}
        if up.get("pid") != os.getpid() and pid_alive(up.get("pid"), up.get("start")):
            self.say(f"[red]omni up is already running (pid {up['pid']}, home {self.home}); "
                     f"stop it with `omni down`[/]")
            return False
        if _live_pids(previous):
            self.say("[yellow]stopping processes left over by a previous omni up[/]")
            await asyncio.to_thread(_stop_recorded, previous, 5.0)
        return True

    async def _infra(self) -> str:
        from omni_core.embedded.broker import EmbeddedBroker, ensure_topics, wait_for_broker

        external = os.environ.get("OMNI_KAFKA_BOOTSTRAP")
        if external:
            self.say(f"kafka: using OMNI_KAFKA_BOOTSTRAP={external}")
            await asyncio.to_thread(wait_for_broker, external, 30.0)
            created = await asyncio.to_thread(ensure_topics, external, TOPICS)
            self.broker_info = {"mode": "external", "bootstrap": external}
            self.say(f"kafka: topics ready ({len(TOPICS)}; created {len(created)})")
            return external
        self.broker = EmbeddedBroker(home=self.home)
        await asyncio.to_thread(self.broker.start)
        self.broker_started = time.time()
        pid = self._record_broker(restarts=0)
        created = await asyncio.to_thread(self.broker.create_topics, TOPICS)
        self.say(f"kafka: embedded broker pid {pid} on {self.broker.bootstrap}; "
                 f"{len(created)} topics created ({', '.join(TOPICS)})")
        return self.broker.bootstrap

    def _record_broker(self, restarts: int) -> int | None:
        # EmbeddedBroker keeps its Popen private; the pid is what fleet.json and RSS need.
        proc = getattr(self.broker, "_proc", None)
        pid = getattr(self.broker, "pid", None) or (proc.pid if proc is not None else None)
        self.broker_info = {"mode": "embedded", "bootstrap": self.broker.bootstrap,
                            "pid": pid, "start": process_start(pid) if pid else None,
                            "restarts": restarts}
        self.save()
        return pid

    async def _watch_broker(self) -> None:
        """If the embedded broker dies, start it again on the same port and recreate the
        topics (its messages are gone: it is in-memory; the services' clients reconnect)."""
        restarts, delay = 0, 0.5
        while not self.stop_event.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop_event.wait(), 1.0)
            if self.stop_event.is_set() or self.broker is None or self.broker.running:
                continue
            restarts += 1
            self.say(f"[red]{time.strftime('%H:%M:%S')} embedded broker died; restarting it on "
                     f"{self.broker.bootstrap} (its messages are lost)[/]")
            try:
                await asyncio.to_thread(self.broker.stop)  # reap, close its log, clear group
                await asyncio.to_thread(self.broker.start)
                await asyncio.to_thread(self.broker.create_topics, TOPICS)
            except Exception as exc:
                self.say(f"[red]broker restart failed: {exc}; retrying in {delay:g}s[/]")
                await asyncio.to_thread(self.broker.stop)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop_event.wait(), delay)
                delay = min(30.0, delay * 2)
                continue
            delay = 0.5
            self.broker_started = time.time()
            pid = self._record_broker(restarts)
            self.say(f"embedded broker back: pid {pid}, topics recreated")

    async def _display(self) -> None:
        assert self.sup is not None
        if self.live_mode:
            from rich.live import Live

            with Live(self.table(), console=self.console, auto_refresh=False,
                      redirect_stdout=False, redirect_stderr=False) as live:
                while not self.stop_event.is_set():
                    await self.sup.changed(timeout=self.opts.refresh)
                    self._check_broker()
                    live.update(self.table(), refresh=True)
        else:
            last = None
            while not self.stop_event.is_set():
                self._check_broker()
                sig = self._signature()
                if sig != last:
                    self.console.print(self.table())
                    last = sig
                if await self.sup.changed(timeout=max(self.opts.refresh, 1.0)):
                    # coalesce a burst (26 services starting) into one printed table
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.stop_event.wait(), 1.0)

    async def _wait_ready(self, specs: list[ServiceSpec]) -> None:
        assert self.sup is not None
        t0 = time.monotonic()
        waiter = asyncio.create_task(self.sup.wait_ready(self.opts.timeout))
        stopper = asyncio.create_task(self.stop_event.wait())
        await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        if not waiter.done():
            waiter.cancel()
            return
        missing = waiter.result()
        if not missing:
            self.say(f"[green]all {len(specs)} services READY[/] "
                     f"in {time.monotonic() - t0:.1f}s")
        else:
            self.say(f"[yellow]not ready after {self.opts.timeout:g}s: {', '.join(missing)} "
                     f"(still supervised; see {self.home / 'logs'})[/]")

    async def _seed(self, specs: list[ServiceSpec]) -> None:
        """The fleet profile's starting cash, once portfolio-manager answers."""
        pm = next((s for s in specs if s.name == "portfolio-manager"), None)
        if pm is None:
            return
        from omni_core.embedded.defaults import PROFILE, seed_cash

        balance = await seed_cash(pm.grpc_port, attempts=int(self.opts.timeout))
        if balance is None:
            self.say("[yellow]portfolio-manager did not take the starting cash[/]")
        else:
            self.record["seeded"] = {"account_id": PROFILE["account_id"],
                                     "starting_cash": PROFILE["starting_cash"]}
            self.save()
            self.say(f"account {PROFILE['account_id']}: starting cash "
                     f"{PROFILE['starting_cash']} {PROFILE['currency']} (balance {balance})")

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, self._on_signal, sig)
        try:
            if not await self._check_previous():
                return 1
            try:
                specs = [] if self.opts.only_infra else select_services(self.opts.services)
            except ValueError as exc:
                self.say(f"[red]{exc}[/]")
                return 2
            self.home.mkdir(parents=True, exist_ok=True)
            (self.home / "logs").mkdir(exist_ok=True)
            (self.home / "data").mkdir(exist_ok=True)
            self.record = {
                "version": 1,
                "running": True,
                "home": str(self.home),
                "up": {"pid": os.getpid(), "start": process_start(os.getpid())},
                "started_at": time.time(),
                "dashboard": DASHBOARD_URL if any(s.name == "api-gateway" for s in specs)
                else None,
            }
            self.save()
            infra = asyncio.create_task(self._infra())
            stopper = asyncio.create_task(self.stop_event.wait())
            await asyncio.wait({infra, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if not infra.done():  # Ctrl-C while the broker starts: let it finish, then stop
                with contextlib.suppress(Exception):
                    await infra
            stopper.cancel()
            if infra.exception() is not None:
                self.say(f"[red]infrastructure failed: {infra.exception()}[/]")
                return 1
            bootstrap = infra.result()
            if self.stop_event.is_set():
                return 0
            if not specs and not self.opts.only_infra:
                self.say("[yellow]no service is implemented in this workspace yet; "
                         "running the infrastructure only[/]")
            from omni_core.embedded.defaults import write_bootstrap

            write_bootstrap(self.home)
            self.sup = Supervisor(
                [service_child_spec(s, self.home, bootstrap) for s in specs],
                backoff=self.opts.backoff,
                grace=self.opts.grace,
                on_change=self.save,
                on_event=lambda text: self.say(f"[dim]{time.strftime('%H:%M:%S')}[/] {text}"),
            )
            await self.sup.start()
            self.save()
            if specs:
                self.say(f"starting {len(specs)} services: {', '.join(s.name for s in specs)}")
            display = asyncio.create_task(self._display())
            watchdog = asyncio.create_task(self._watch_broker())
            seeder = asyncio.create_task(self._seed(specs))
            if self.opts.wait and specs:
                await self._wait_ready(specs)
            if self.opts.only_infra:
                self.say("[green]infrastructure READY[/]")
            await self.stop_event.wait()
            seeder.cancel()
            await display
            await watchdog
            return 0
        finally:
            await self._shutdown()
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.remove_signal_handler(sig)

    async def _shutdown(self) -> None:
        if self.sup is not None or self.broker is not None:
            self.say("stopping the fleet ...")
        if self.sup is not None:
            await self.sup.stop(self.opts.grace)
        if self.broker is not None:
            await asyncio.to_thread(self.broker.stop)
            if self.broker_info:
                self.broker_info["stopped"] = True
        if self.record:
            self.record["running"] = False
            self.record["stopped_at"] = time.time()
            self.save()
        if self.sup is not None or self.broker is not None:
            self.console.print(self.table())
            self.say("[green]stopped[/]")


def run_up(opts: UpOptions) -> int:
    return asyncio.run(_Up(opts).run())


# --------------------------------------------------------------------------------------------
# omni status / omni down


def _recorded(record: dict[str, Any]) -> list[tuple[str, int, int | None]]:
    """(label, pid, start) of every process the record names, services first."""
    out = []
    for name, s in (record.get("services") or {}).items():
        if s.get("pid"):
            out.append((name, s["pid"], s.get("start")))
    b = record.get("broker") or {}
    if b.get("mode") == "embedded" and b.get("pid"):
        out.append(("broker", b["pid"], b.get("start")))
    return out


def _live_pids(record: dict[str, Any]) -> list[tuple[str, int, int | None]]:
    return [p for p in _recorded(record) if pid_alive(p[1], p[2])]


def _stop_recorded(record: dict[str, Any], grace: float) -> list[str]:
    """Fallback stop: SIGTERM each recorded process group (services first), wait, SIGKILL."""
    live = _live_pids(record)
    for _label, pid, _start in live:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(pid_alive(p, s) for _, p, s in live):
        time.sleep(0.1)
    for _label, pid, start in live:
        if pid_alive(pid, start):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
    return [label for label, _, _ in live]


def status(home: str | None = None) -> int:
    console = _console()
    root = omni_home(home)
    record = read_fleet(root)
    up = (record or {}).get("up") or {}
    up_alive = bool(record) and pid_alive(up.get("pid"), up.get("start"))
    if not record or (not up_alive and not _live_pids(record)):
        console.print(f"nothing running (home {root})", highlight=False)
        return 1

    async def probe() -> dict[str, bool]:
        names, checks = [], []
        for name, s in (record.get("services") or {}).items():
            if s.get("grpc_port") and pid_alive(s.get("pid"), s.get("start")):
                names.append(name)
                checks.append(check_health(s["grpc_port"], timeout=1.0))
        return dict(zip(names, await asyncio.gather(*checks), strict=True))

    cpu = CpuMeter()
    pids = [(record.get("broker") or {}).get("pid")] + [
        s.get("pid") for s in (record.get("services") or {}).values()]
    for pid in pids:  # the first sample; the probe and a short wait make the window
        cpu.percent(pid)
    sampled = time.monotonic()
    serving = asyncio.run(probe())
    time.sleep(max(0.0, cpu.min_window + 0.05 - (time.monotonic() - sampled)))
    rows = []
    b = _broker_row(record.get("broker"), record.get("started_at"), cpu)
    if b is not None:
        rows.append(b)
    order = {svc.name: svc.number for svc in SERVICES}
    listed = sorted((record.get("services") or {}).items(),
                    key=lambda kv: (order.get(kv[0], 1000), kv[0]))
    for name, s in listed:
        alive = pid_alive(s.get("pid"), s.get("start"))
        if alive:
            state = "READY" if serving.get(name) else (
                "UNHEALTHY" if s.get("state") in ("READY", "UNHEALTHY") else "STARTING")
        else:
            state = s.get("state") if s.get("state") in ("RESTARTING", "FAILED", "STOPPED") \
                else "DEAD"
        rows.append(Row(
            name, s.get("pid") if alive else None, state, s.get("restarts"),
            (time.time() - s["started_at"]) if alive and s.get("started_at") else None,
            f":{s['grpc_port']}" if s.get("grpc_port") else "-",
            f":{s['metrics_port']}" if s.get("metrics_port") else "-",
            rss_bytes(s.get("pid")) if alive else None,
            cpu.percent(s.get("pid")) if alive else None,
        ))
    caption = f"omni up pid {up.get('pid')} ({'running' if up_alive else 'gone'})"
    if record.get("dashboard"):
        caption += f"   dashboard {record['dashboard']}"
    caption += f"   logs {root / 'logs'}"
    note = broker_busy_note(b.cpu if b is not None else None)
    if note:
        caption += f"\n{note}"
    console.print(render_table(rows, caption=caption, title=_title(record.get("broker"))))
    return 0


def down(home: str | None = None, timeout: float = 40.0, grace: float = 10.0) -> int:
    console = _console()
    root = omni_home(home)
    record = read_fleet(root)
    if not record:
        console.print(f"nothing running (home {root})", highlight=False)
        return 1
    up = record.get("up") or {}
    up_pid = up.get("pid")
    did = False
    if pid_alive(up_pid, up.get("start")):
        console.print(f"stopping omni up (pid {up_pid}) ...", highlight=False)
        os.kill(up_pid, signal.SIGTERM)
        did = True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and pid_alive(up_pid, up.get("start")):
            time.sleep(0.1)
        if pid_alive(up_pid, up.get("start")):
            console.print(f"omni up (pid {up_pid}) did not stop within {timeout:g}s; "
                          "killing the recorded processes", highlight=False)
            with contextlib.suppress(ProcessLookupError):
                os.kill(up_pid, signal.SIGKILL)
        record = read_fleet(root) or record  # the last word of the up process
    leftovers = _stop_recorded(record, grace)
    if leftovers:
        console.print(f"killed left-over process groups: {', '.join(leftovers)}",
                      highlight=False)
        did = True
    if not did:
        console.print(f"nothing running (home {root})", highlight=False)
        return 1
    console.print("stopped", highlight=False)
    return 0
