"""`Service`: one object per process owning the gRPC server, the event bus, the database, the
cache, the clock, runtime config, logging, metrics, readiness, heartbeats and graceful stop.

    def build(settings: Settings | None = None) -> Service:
        settings = settings or Settings()
        svc = Service(settings)
        svc.add_servicer(add_RiskEngineServiceServicer_to_server, RiskServicer(svc),
                         "omni.risk_engine.v1.RiskEngineService")

        @svc.on_event("order-management", OrderSubmitted)
        async def on_submitted(event, ctx): ...

        svc.every(60, recompute_var)
        return svc

    # __main__.py
    from omni_core.service import run
    from svc_risk_engine.app import build
    run(build)

Hooks: ``on_start`` (dependencies up, migrations done, bus not yet started), ``on_ready``
(bus started), ``on_stop`` (after the gRPC drain, before the bus stops). ``use_outbox()`` gives
a transactional outbox whose relay runs between ready and stop. ``durable_dedupe=False`` keeps
the bus's in-memory dedupe for hot paths where replays are harmless or handled by the service;
``market-data-stream`` is always deduplicated in memory (prices are latest-value updates, and
a durable dedupe would cost a database write per quote).

Start: the gRPC server listens at once with health NOT_SERVING (overall and per service), the
metrics endpoint serves, and a readiness loop pings the database, the broker and the cache. When
all answer for the first time it runs the migrations (``svc_<name>.migrations`` if present), the
``on_start`` hooks, starts the bus (consumer + producer) and the ``every`` tasks, then flips
health to SERVING and publishes ServiceLifecycleChanged(READY). Afterwards the pings repeat every
``readiness_interval``; a failing dependency flips health to NOT_SERVING (DEGRADED) until it
answers again. Heartbeats go to system-monitoring at start and then every ``heartbeat_interval``
(each announces the interval, which the control plane judges lateness by). Garbage-collector
pauses and event-loop stalls are measured throughout (omni_core.runtime_watch).

Stop (SIGTERM/SIGINT under `run`): health NOT_SERVING first, background tasks cancelled, gRPC
drained for ``shutdown_grace`` seconds, ``on_stop`` hooks, lifecycle STOPPED published, then the
bus stops (stop consuming and commit, flush the producer), and the database and cache close.
The bus is stopped after the gRPC drain because in-flight calls and the batch in hand both
still need the producer.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import inspect
import os
import signal
import sys
import time
import typing
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from omni_core import breaker as _breaker
from omni_core.cache import make_cache
from omni_core.clock import Clock, RealClock
from omni_core.config import RuntimeConfig
from omni_core.logging import configure_logging, get_logger
from omni_core.metrics import get_metrics, start_metrics_server, stop_metrics_server
from omni_core.rpc import RpcServer
from omni_core.runtime_watch import watch_loop_lag
from omni_core.settings import ServiceSettings, SettingsError

__all__ = ["Service", "run"]

Hook = Callable[[], Awaitable[Any]]
SYSTEM_TOPIC = "system-monitoring"
MARKET_DATA_TOPIC = "market-data-stream"


def _ts(dt: datetime) -> Any:
    from google.protobuf.timestamp_pb2 import Timestamp

    t = Timestamp()
    t.FromDatetime(dt)
    return t


class Service:
    def __init__(
        self,
        settings: ServiceSettings,
        *,
        uses_database: bool = True,
        uses_cache: bool = True,
        uses_bus: bool = True,
        migrations: str | Path | None = None,
        clock: Clock | None = None,
        topics: dict[str, str] | None = None,
        bus_overrides: dict[str, Any] | None = None,
        durable_dedupe: bool = True,
    ) -> None:
        from omni_core.ids import new_id

        self.settings = settings
        self.name = settings.service_name
        self.instance_id = settings.instance_id or f"{self.name}-{new_id()[-12:]}"
        self.topic_map = dict(topics or {})
        configure_logging(self.name, settings.log_level, settings.log_format)
        self.log = get_logger("omni_core.service").bind(instance=self.instance_id)
        self.metrics = get_metrics()
        self.clock: Clock = clock or RealClock()
        try:
            from omni_core.tracing import configure_tracing

            configure_tracing(
                self.name, settings.otel_exporter, sample_ratio=settings.otel_sample_ratio
            )
        except ImportError:  # pragma: no cover
            pass
        self.rpc = RpcServer(
            self.name, host=settings.grpc_host, port=settings.grpc_port or 0,
            metrics=self.metrics, logger=get_logger("omni_core.rpc"),
        )
        self.db: Any = None
        if uses_database:
            from omni_core.db import Database

            self.db = Database(settings.database_url, schema=settings.database_schema)
        self.migrations = migrations if migrations is not None else self._default_migrations()
        self.cache: Any = make_cache(settings, clock=self.clock) if uses_cache else None
        self.config = RuntimeConfig(self.name, logger=get_logger("omni_core.config"))
        self.bus: Any = None
        if uses_bus:
            from omni_core.bus import EventBus

            dedupe = None
            if self.db is not None and durable_dedupe:
                from omni_core.db import DbDeduplicator

                dedupe = DbDeduplicator(self.db, self.name)
            overrides = {"dead_letter_topic": self.topic("dead-letter"), **(bus_overrides or {})}
            self.bus = EventBus(
                settings.to_bus_config(**overrides), self.name, tenant_id=settings.tenant_id,
                metrics=self.metrics, dedupe=dedupe, logger=get_logger("omni_core.bus"),
                memory_dedupe_topics=(self.topic(MARKET_DATA_TOPIC),),
            )
            from omni.control_plane.v1 import events_pb2 as cp

            self.bus.subscribe(self.topic(SYSTEM_TOPIC), cp.ConfigChanged, self._on_config)
        self._on_start: list[Hook] = []
        self._on_stop: list[Hook] = []
        self._on_ready: list[Hook] = []
        self.outbox: Any = None
        self._relay: Any = None
        self._periodic: list[tuple[float, Callable[[], Awaitable[Any]], str]] = []
        self._checks: dict[str, Callable[[], Awaitable[bool]]] = {}
        self._tasks: list[asyncio.Task[Any]] = []
        self._bg_tasks: list[asyncio.Task[Any]] = []
        self._initialised = False
        # set by `run` (the service owns its process): freeze the start-up heap when ready
        self.freeze_heap = False
        self._started = False
        self._stopped = asyncio.Event()
        self._ready_event = asyncio.Event()
        self.ready = False
        self.dependencies: dict[str, bool] = {}
        self.started_at = datetime.now(UTC)
        self._started_mono = time.monotonic()
        self.metrics_port: int | None = None
        self._stop_lock = asyncio.Lock()
        self._stopping = False

    # topics & registration ---------------------------------------------------------------

    def topic(self, name: str) -> str:
        """The physical topic for an ARCHITECTURE topic name (tests map them to unique ones)."""
        return self.topic_map.get(name, name)

    def _default_migrations(self) -> str | None:
        pkg = f"svc_{self.name.replace('-', '_')}.migrations"
        try:
            found = importlib.util.find_spec(pkg) is not None
        except (ImportError, ValueError):
            found = False
        return pkg if found else None

    def add_servicer(
        self, add_fn: Callable[[Any, Any], None], servicer: Any, service_full_name: str
    ) -> None:
        self.rpc.add_servicer(add_fn, servicer, service_full_name)

    def on_event(self, topic: str, event_type: type) -> Callable[[Any], Any]:
        """Decorator: handle `event_type` events on `topic` (an ARCHITECTURE topic name)."""
        if self.bus is None:
            raise RuntimeError("this service has no bus (uses_bus=False)")
        return self.bus.handler(self.topic(topic), event_type)

    def on_start(self, fn: Hook) -> Hook:
        """Run once, after the dependencies first answer and migrations ran, before the bus
        starts consuming and before health says SERVING."""
        self._on_start.append(fn)
        return fn

    def on_ready(self, fn: Hook) -> Hook:
        """Run once, right after the bus started (the producer is up), before health first
        says SERVING: the place to publish or start work that publishes."""
        self._on_ready.append(fn)
        return fn

    def use_outbox(self, *, interval: float = 0.5, batch: int = 100) -> Any:
        """A transactional `Outbox` on the service database, relayed through the bus from
        start (after the producer is up) until stop (before the producer flushes)."""
        if self.db is None or self.bus is None:
            raise RuntimeError("the outbox needs a database and a bus")
        if self.outbox is None:
            from omni_core.db import Outbox, OutboxRelay

            self.outbox = Outbox(self.db, source=self.name)
            self._relay = OutboxRelay(
                self.outbox, self.bus, interval=interval, batch=batch,
                logger=get_logger("omni_core.outbox"),
            )
        return self.outbox

    def on_stop(self, fn: Hook) -> Hook:
        """Run at stop, after the gRPC drain and before the bus and database close."""
        self._on_stop.append(fn)
        return fn

    def every(
        self, seconds: float, fn: Callable[[], Awaitable[Any]] | None = None, *,
        name: str | None = None,
    ) -> Any:
        """Run ``await fn()`` every `seconds` on the service clock once the service is up
        (errors are logged, the loop goes on). Usable as a decorator: ``@svc.every(5)``."""
        if seconds <= 0:
            raise ValueError("interval must be positive")

        def register(f: Callable[[], Awaitable[Any]]) -> Callable[[], Awaitable[Any]]:
            self._periodic.append((seconds, f, name or getattr(f, "__name__", "task")))
            if self._initialised:
                self._spawn_periodic(seconds, f, name or getattr(f, "__name__", "task"))
            return f

        return register(fn) if fn is not None else register

    def add_readiness_check(self, name: str, check: Callable[[], Awaitable[bool]]) -> None:
        self._checks[name] = check

    # publishing helpers ------------------------------------------------------------------

    def publish_nowait(self, topic: str, key: str | bytes | None, event: Any) -> str | None:
        if self.bus is None or not self.bus.running:
            return None
        return self.bus.publish_nowait(self.topic(topic), key, event)

    async def publish(self, topic: str, key: str | bytes | None, event: Any) -> str:
        return await self.bus.publish(self.topic(topic), key, event)

    def _lifecycle(self, phase: int, detail: str = "") -> None:
        if self.bus is None or not self.bus.running:
            return
        from omni.control_plane.v1 import events_pb2 as cp

        with contextlib.suppress(Exception):
            self.bus.publish_nowait(
                self.topic(SYSTEM_TOPIC), self.name,
                cp.ServiceLifecycleChanged(
                    service=self.name, instance_id=self.instance_id, phase=phase, detail=detail
                ),
            )

    def heartbeat(self) -> Any:
        from omni.control_plane.v1 import events_pb2 as cp

        totals = dict(self.metrics.totals)
        now = datetime.now(UTC)
        lag = self.bus.last_lag if self.bus is not None and self.bus.running else 0
        return cp.ServiceHeartbeat(
            service=self.name, instance_id=self.instance_id, ready=self.ready,
            started_at=_ts(self.started_at), sent_at=_ts(now),
            uptime_seconds=time.monotonic() - self._started_mono,
            requests_total=totals["requests"], request_errors_total=totals["request_errors"],
            messages_processed_total=totals["processed"],
            messages_failed_total=totals["failed"],
            dead_lettered_total=totals["dead_lettered"], consumer_lag=lag,
            breakers=[b.snapshot().to_proto() for b in _breaker.breakers()],
            interval_seconds=self.settings.heartbeat_interval,
        )

    def _on_breaker(self, b: Any, old: Any, new: Any) -> None:
        self.metrics.breaker_state.labels(b.name).set(new.gauge_value)
        self.log.warning("circuit breaker changed", breaker=b.name, old=old.value, new=new.value)
        if self.bus is None or not self.bus.running:
            return
        from omni.control_plane.v1 import events_pb2 as cp

        with contextlib.suppress(Exception):
            self.bus.publish_nowait(
                self.topic(SYSTEM_TOPIC), self.name,
                cp.CircuitBreakerChanged(
                    service=self.name, instance_id=self.instance_id,
                    breaker=b.snapshot().to_proto(),
                ),
            )

    async def _on_config(self, event: Any, ctx: Any) -> None:
        await self.config.apply_event(event)

    # lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen (NOT_SERVING) and begin the readiness loop; returns at once. Use
        `wait_ready()` to wait for SERVING."""
        if self._started:
            return
        self._started = True
        self._stopped.clear()
        # the service's RPCs wait for its start hooks (state loaded, bus started)
        self.rpc.accepting = self._initialised
        try:
            port = await self.rpc.start()
        except OSError as exc:
            self._started = False
            raise SettingsError([("OMNI_GRPC_PORT", str(exc))]) from None
        self.metrics.ready.set(0)
        if self.settings.metrics_port is not None:
            try:
                self.metrics_port = start_metrics_server(self.settings.metrics_port)
            except OSError as exc:
                self.log.warning("metrics port unavailable", port=self.settings.metrics_port,
                                 error=str(exc))
        _breaker.add_listener(self._on_breaker)
        self.log.info("service starting", grpc_port=port, metrics_port=self.metrics_port,
                      settings=self.settings.safe_dict())
        self._tasks.append(asyncio.create_task(self._readiness_loop(), name="readiness"))
        self._tasks.append(asyncio.create_task(self._heartbeat_loop(), name="heartbeat"))
        self._tasks.append(asyncio.create_task(watch_loop_lag(
            self.metrics.loop_lag, self.metrics.gc_timer.install(),
            log=get_logger("omni_core.runtime")), name="loop-lag"))

    async def wait_ready(self, timeout: float = 30.0) -> bool:  # noqa: ASYNC109
        try:
            await asyncio.wait_for(self._ready_event.wait(), timeout)
            return True
        except TimeoutError:
            return False

    @property
    def grpc_address(self) -> str:
        return self.rpc.address

    async def check_dependencies(self) -> dict[str, bool]:
        checks: dict[str, Awaitable[bool]] = {}
        if self.db is not None:
            checks["database"] = self.db.ping()
        if self.bus is not None:
            checks["broker"] = self.bus.ping(2)
        if self.cache is not None:
            checks["cache"] = self.cache.ping()
        for name, fn in self._checks.items():
            checks[name] = fn()
        results = await asyncio.gather(*checks.values(), return_exceptions=True)
        out = {n: r is True for n, r in zip(checks, results, strict=True)}
        for n, ok in out.items():
            self.metrics.dependency_up.labels(n).set(1 if ok else 0)
        return out

    async def _initialise(self) -> None:
        """Once, when the dependencies first answer."""
        if self.db is not None:
            if self.migrations:
                await self.db.migrate(
                    self.migrations, version_table=f"alembic_version_{self.name.replace('-', '_')}"
                )
                self.log.info("migrations applied", migrations=str(self.migrations))
            await self.db.ensure_kit_tables()
        for hook in self._on_start:
            await hook()
        if self.bus is not None:
            await self.bus.start()
            from omni.control_plane.v1 import events_pb2 as cp

            self._lifecycle(cp.SERVICE_PHASE_STARTING)
            if self._relay is not None:
                self._relay.start()
        for hook in self._on_ready:
            await hook()
        for seconds, fn, name in self._periodic:
            self._spawn_periodic(seconds, fn, name)
        self._initialised = True
        self.rpc.accepting = True
        if self.freeze_heap:
            _freeze_heap()

    def _spawn_periodic(self, seconds: float, fn: Callable[[], Awaitable[Any]], name: str) -> None:
        self._bg_tasks.append(asyncio.create_task(self._periodic_loop(seconds, fn, name),
                                                  name=f"every-{name}"))

    async def _periodic_loop(self, seconds: float, fn: Callable[[], Awaitable[Any]],
                             name: str) -> None:
        while True:
            await self.clock.sleep(seconds)
            try:
                await fn()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.log.error("periodic task failed", task=name, error=repr(exc), exc_info=exc)

    async def _set_ready(self, ready: bool, detail: str = "") -> None:
        if ready == self.ready:
            return
        from omni.control_plane.v1 import events_pb2 as cp

        self.ready = ready
        self.metrics.ready.set(1 if ready else 0)
        await self.rpc.set_serving(ready)
        if ready:
            self._ready_event.set()
            self.log.info("service ready")
            self._lifecycle(cp.SERVICE_PHASE_READY)
        else:
            self._ready_event.clear()
            self.log.warning("service not ready", detail=detail)
            self._lifecycle(cp.SERVICE_PHASE_DEGRADED, detail)

    async def _readiness_loop(self) -> None:
        first_fail_logged = False
        while True:
            try:
                deps = await self.check_dependencies()
                self.dependencies = deps
                down = sorted(n for n, ok in deps.items() if not ok)
                if not down and not self._initialised:
                    await self._initialise()
                if down:
                    if not first_fail_logged or self.ready:
                        self.log.warning("waiting for dependencies", down=down)
                        first_fail_logged = True
                    await self._set_ready(False, "down: " + ", ".join(down))
                else:
                    first_fail_logged = False
                    await self._set_ready(True)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.log.error("readiness check failed", error=repr(exc), exc_info=exc)
                await self._set_ready(False, f"startup error: {exc!r}")
            interval = self.settings.readiness_interval if self.ready else min(
                0.2, self.settings.readiness_interval
            )
            await asyncio.sleep(interval)

    async def _heartbeat_loop(self) -> None:
        # the first one at once: it announces the interval, so an instance with a long one
        # is not judged late by the control plane before its first beat
        while True:
            if self.bus is not None and self.bus.running:
                try:
                    self.bus.publish_nowait(self.topic(SYSTEM_TOPIC), self.name, self.heartbeat())
                except Exception as exc:
                    self.log.warning("heartbeat not sent", error=repr(exc))
            await asyncio.sleep(self.settings.heartbeat_interval)

    async def stop(self) -> None:
        async with self._stop_lock:
            if not self._started:
                return
            from omni.control_plane.v1 import events_pb2 as cp

            self._stopping = True
            self.log.info("service stopping")
            # 1. readiness first: load balancers and wait_ready callers stop sending
            self.ready = False
            self._ready_event.clear()
            self.metrics.ready.set(0)
            await self.rpc.set_serving(False)
            self._lifecycle(cp.SERVICE_PHASE_STOPPING)
            # 2. background work
            tasks = [*self._tasks, *self._bg_tasks]
            self._tasks, self._bg_tasks = [], []
            for t in tasks:
                t.cancel()
            for t in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await t
            # 3. drain in-flight gRPC calls
            await self.rpc.stop(self.settings.shutdown_grace)
            # 4. service hooks
            for hook in reversed(self._on_stop):
                try:
                    await hook()
                except Exception as exc:
                    self.log.error("on_stop hook failed", error=repr(exc), exc_info=exc)
            _breaker.remove_listener(self._on_breaker)
            if self._relay is not None:
                try:
                    await self._relay.stop()  # publishes what is left, then stops
                except Exception as exc:
                    self.log.error("outbox relay stop failed", error=repr(exc))
            # 5. stop consuming, commit, flush the producer
            self._lifecycle(cp.SERVICE_PHASE_STOPPED)
            if self.bus is not None and self.bus.running:
                try:
                    await self.bus.stop()
                except Exception as exc:
                    self.log.error("bus stop failed", error=repr(exc))
            # 6. close storage
            if self.cache is not None:
                with contextlib.suppress(Exception):
                    await self.cache.close()
            if self.db is not None:
                with contextlib.suppress(Exception):
                    await self.db.dispose()
            if self.metrics_port is not None:
                with contextlib.suppress(Exception):
                    stop_metrics_server(self.metrics_port)
                self.metrics_port = None
            self._started = False
            self._initialised = False
            self._stopped.set()
            self.log.info("service stopped")

    async def __aenter__(self) -> Service:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

    async def serve(self) -> None:
        """Start, run until SIGTERM/SIGINT, stop gracefully."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()


def _call_build(build: Callable[..., Service]) -> Service:
    sig = inspect.signature(build)
    required = [
        p for p in sig.parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if not required:
        return build()
    hints = typing.get_type_hints(build)
    cls = hints.get(required[0].name)
    if not (isinstance(cls, type) and issubclass(cls, ServiceSettings)):
        raise TypeError(
            "build(settings) needs its parameter annotated with a ServiceSettings class"
        )
    return build(cls())


def _freeze_heap() -> None:
    """Move every object alive now (modules, pandas, SciPy, gRPC, loaded state: a few hundred
    thousand objects) out of the garbage collector's reach. Otherwise each full collection
    walks them all, a pause of ~100 ms or more in the middle of trading."""
    import gc

    gc.collect()
    gc.freeze()


def run(build: Callable[..., Service]) -> None:
    """The whole of a service's ``__main__``: build the service, serve until a signal, exit.
    Invalid settings print the variables at fault and exit with status 2."""
    try:
        service = _call_build(build)
    except SettingsError as exc:
        prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "service"
        print(f"{prog}: invalid settings: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    service.freeze_heap = True
    try:
        asyncio.run(service.serve())
    except SettingsError as exc:  # e.g. the gRPC port is taken
        prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "service"
        print(f"{prog}: cannot start: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:  # pragma: no cover
        pass
