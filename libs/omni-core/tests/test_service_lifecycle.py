"""Service end to end against the real servers: embedded broker, PostgreSQL, Redis."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import textwrap
import urllib.request
import uuid
from typing import Any, ClassVar

import grpc
import pytest
from google.protobuf.wrappers_pb2 import StringValue
from omni.control_plane.v1 import events_pb2 as cp
from omni_core.breaker import CircuitBreaker
from omni_core.embedded.broker import EmbeddedBroker, ensure_topics, free_port
from omni_core.envelope import decode, unpack
from omni_core.rpc import NOT_SERVING, SERVING, channel, health_status, wait_ready
from omni_core.service import Service
from omni_core.settings import ServiceSettings
from omni_testing.kafka import read_topic, wait_until

SERVICE = "omni.test.v1.EchoService"


class KitSettings(ServiceSettings):
    service_name: ClassVar[str] = "kit-test"


def add_echo(servicer: Any, server: Any) -> None:
    async def echo(request: StringValue, context: Any) -> StringValue:
        return StringValue(value=await servicer(request.value))

    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, {
        "Echo": grpc.unary_unary_rpc_method_handler(
            echo, StringValue.FromString, StringValue.SerializeToString),
    }),))


async def echo(addr: str, text: str) -> str:
    async with channel(addr) as ch:
        call = ch.unary_unary(f"/{SERVICE}/Echo", StringValue.SerializeToString,
                              StringValue.FromString)
        return (await call(StringValue(value=text))).value


def settings(**kw: Any) -> KitSettings:
    base: dict[str, Any] = dict(grpc_host="127.0.0.1", grpc_port=0, metrics_port=0,
                                heartbeat_interval=0.2, readiness_interval=0.2,
                                shutdown_grace=1.0)
    base.update(kw)
    return KitSettings(**base)


def group() -> dict[str, Any]:
    return {"group_id": f"kit-test-{uuid.uuid4().hex[:8]}", "fetch_wait_max_ms": 5,
            "poll_timeout": 0.1, "commit_interval_ms": 100}


async def read_until(
    bootstrap: str, topic: str, pred, timeout: float = 60.0  # noqa: ASYNC109
) -> list[Any]:
    """Events on `topic` from the beginning, once one satisfies `pred` (one consumer kept
    open; the timeout is a safety net, not a measurement)."""
    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

    def run() -> list[Any]:
        import time

        consumer = Consumer({"bootstrap.servers": bootstrap, "enable.auto.commit": False,
                             "group.id": f"read-{uuid.uuid4().hex[:8]}",
                             "fetch.wait.max.ms": 5})
        consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        events: list[Any] = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                for m in consumer.consume(500, 0.1):
                    if m.error() is None:
                        events.append(unpack(decode(m.value())))
                if any(pred(e) for e in events):
                    return events
        finally:
            consumer.close()
        raise AssertionError(f"no matching event on {topic} (saw {len(events)})")

    return await asyncio.to_thread(run)


async def test_full_service_round_trip(kafka_bootstrap, kafka_topics, postgres_url, redis_url,
                                       redis_prefix):
    s = settings(kafka_bootstrap=kafka_bootstrap, database_url=postgres_url.url,
                 database_schema=postgres_url.schema, redis_url=redis_url)
    svc = Service(s, topics=kafka_topics, bus_overrides=group())
    svc.cache.prefix = redis_prefix
    received: list[str] = []
    ticks: list[int] = []
    reloads: list[Any] = []
    started: list[bool] = []
    stopped: list[bool] = []

    async def handle(text: str) -> str:
        await svc.cache.set("last", text)
        return f"echo:{text}"

    svc.add_servicer(add_echo, handle, SERVICE)

    @svc.on_event("order-management", cp.ServiceLifecycleChanged)
    async def on_lifecycle(event, ctx) -> None:
        received.append(event.detail)

    @svc.every(0.05)
    async def tick() -> None:
        ticks.append(1)

    @svc.on_start
    async def _started() -> None:
        started.append(svc.db is not None and await svc.db.ping())

    @svc.on_stop
    async def _stopped() -> None:
        stopped.append(True)

    svc.config.on_change("risk.limit", lambda k, v: reloads.append(v))

    await svc.start()
    try:
        assert await svc.wait_ready(60)
        assert started == [True]
        assert await wait_ready(svc.grpc_address, SERVICE, timeout=10)
        assert await health_status(svc.grpc_address, "") == SERVING
        assert svc.dependencies == {"database": True, "broker": True, "cache": True}

        assert await echo(svc.grpc_address, "hi") == "echo:hi"
        assert await svc.cache.get("last") == b"hi"
        url = f"http://127.0.0.1:{svc.metrics_port}/metrics"
        body = await asyncio.to_thread(lambda: urllib.request.urlopen(url).read())
        assert b'omni_grpc_requests_total{code="OK",method="/omni.test.v1.EchoService/Echo"}' \
            in body
        assert b"omni_ready 1.0" in body

        # events in through the bus (with the durable DB dedupe), out through the service
        assert await svc.bus.wait_assigned(30)
        await svc.publish("order-management", "acct-1",
                          cp.ServiceLifecycleChanged(service="x", detail="hello"))
        await wait_until(lambda: received == ["hello"], what="handler ran")
        await wait_until(lambda: len(ticks) >= 2, what="every() ran")

        # hot reload: own name and "*" apply, stale versions and other services do not
        sysmon = kafka_topics["system-monitoring"]
        for ev in (
            cp.ConfigChanged(service="kit-test", key="risk.limit", value_json="100", version=2),
            cp.ConfigChanged(service="kit-test", key="risk.limit", value_json="50", version=1),
            cp.ConfigChanged(service="other", key="risk.limit", value_json="7", version=9),
            cp.ConfigChanged(service="*", key="risk.limit", value_json='{"x": 1}', version=3),
        ):
            await svc.publish("system-monitoring", ev.service, ev)
        await wait_until(lambda: len(reloads) == 2, what="config applied")
        assert reloads == [100, {"x": 1}]
        assert svc.config.get("risk.limit") == {"x": 1} and svc.config.version("risk.limit") == 3

        # breaker changes are published; heartbeats carry the breaker list
        b = CircuitBreaker("venue:kit-test", failure_threshold=1, reset_timeout=60)
        b.record_failure()
        events = await read_until(
            kafka_bootstrap, sysmon,
            lambda e: isinstance(e, cp.ServiceHeartbeat)
            and any(x.name == "venue:kit-test" for x in e.breakers) and e.requests_total >= 1)
        kinds = {type(e).__name__ for e in events}
        assert {"ServiceLifecycleChanged", "ServiceHeartbeat", "CircuitBreakerChanged"} <= kinds
        hb = [e for e in events if isinstance(e, cp.ServiceHeartbeat)][-1]
        assert hb.service == "kit-test" and hb.ready and hb.interval_seconds == 0.2
        assert hb.messages_processed_total >= 1
        changed = [e for e in events if isinstance(e, cp.CircuitBreakerChanged)]
        assert changed[0].breaker.status == cp.BREAKER_STATUS_OPEN
        phases = [e.phase for e in events if isinstance(e, cp.ServiceLifecycleChanged)
                  and e.service == "kit-test"]
        assert phases[:2] == [cp.SERVICE_PHASE_STARTING, cp.SERVICE_PHASE_READY]
    finally:
        addr = svc.grpc_address
        await svc.stop()
    assert stopped == [True]
    assert await health_status(addr, "", timeout=0.5) is None  # gone after the drain
    events = await read_until(
        kafka_bootstrap, kafka_topics["system-monitoring"],
        lambda e: isinstance(e, cp.ServiceLifecycleChanged)
        and e.phase == cp.SERVICE_PHASE_STOPPED)
    phases = [e.phase for e in events if isinstance(e, cp.ServiceLifecycleChanged)
              and e.service == "kit-test"]
    assert phases[-2:] == [cp.SERVICE_PHASE_STOPPING, cp.SERVICE_PHASE_STOPPED]


class Proxy:
    """A TCP forwarder that can be switched on and off: a real dependency appearing and
    disappearing on a fixed address."""

    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self.target_port = target_port
        self.server: asyncio.base_events.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def _pipe(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await r.read(65536):
                w.write(data)
                await w.drain()
        w.close()

    async def _client(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        ur, uw = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.writers |= {w, uw}
        await asyncio.gather(self._pipe(r, uw), self._pipe(ur, w))

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", self.port)

    async def down(self) -> None:
        if self.server is not None:
            self.server.close()
            for w in self.writers:
                w.close()
            self.writers.clear()
            await self.server.wait_closed()
            self.server = None


async def test_readiness_waits_for_the_cache_and_follows_it(kafka_bootstrap, kafka_topics,
                                                            sqlite_url, redis_url):
    proxy = Proxy(int(redis_url.rsplit(":", 1)[1].split("/")[0]))
    s = settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url,
                 redis_url=f"redis://127.0.0.1:{proxy.port}/0")
    svc = Service(s, topics=kafka_topics, bus_overrides=group())
    svc.add_servicer(add_echo, lambda t: asyncio.sleep(0, t), SERVICE)
    await svc.start()
    try:
        await wait_until(lambda: svc.dependencies.get("cache") is False
                         and svc.dependencies.get("database") is True, what="first check")
        assert await health_status(svc.grpc_address, SERVICE) == NOT_SERVING
        assert not svc.ready
        await proxy.up()
        assert await svc.wait_ready(60)
        assert await health_status(svc.grpc_address, SERVICE) == SERVING
        await proxy.down()
        await wait_until(lambda: not svc.ready, what="cache loss noticed")
        assert await health_status(svc.grpc_address, SERVICE) == NOT_SERVING
        await proxy.up()
        assert await svc.wait_ready(60)
    finally:
        await svc.stop()
        await proxy.down()


async def test_calls_wait_for_the_start_hooks(kafka_bootstrap, kafka_topics, sqlite_url):
    """A call that arrives while the service is still loading its state is refused with
    UNAVAILABLE (the caller fails closed or retries), never answered from half-loaded state."""
    svc = Service(settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url),
                  topics=kafka_topics, bus_overrides=group())
    loaded: list[str] = []
    release = asyncio.Event()

    @svc.on_start
    async def load_state() -> None:
        await release.wait()
        loaded.append("accounts")

    svc.add_servicer(add_echo, lambda t: asyncio.sleep(0, f"{t}:{loaded}"), SERVICE)
    await svc.start()
    try:
        await wait_until(lambda: svc.dependencies.get("database") is True, what="first check")
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await echo(svc.grpc_address, "early")
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE
        assert "starting" in err.value.details()
        assert await health_status(svc.grpc_address, "omni.liveness") == SERVING
        release.set()
        assert await svc.wait_ready(60)
        assert await echo(svc.grpc_address, "later") == "later:['accounts']"
    finally:
        await svc.stop()


async def test_readiness_waits_for_the_broker(tmp_path, sqlite_url):
    port = free_port()
    s = settings(kafka_bootstrap=f"127.0.0.1:{port}", database_url=sqlite_url)
    svc = Service(s, bus_overrides=group())  # dev profile, no Redis: in-process cache
    await svc.start()
    broker = EmbeddedBroker(port=port, home=tmp_path / "broker")
    try:
        await wait_until(lambda: svc.dependencies.get("broker") is False, what="first check")
        assert await health_status(svc.grpc_address, "") == NOT_SERVING
        await asyncio.to_thread(broker.start)
        ensure_topics(broker.bootstrap, ["system-monitoring", "dead-letter"])
        assert await svc.wait_ready(60)
        assert await health_status(svc.grpc_address, "") == SERVING
    finally:
        await svc.stop()
        broker.stop()


async def test_migrations_run_at_start(kafka_bootstrap, kafka_topics, postgres_url, tmp_path):
    mig = tmp_path / "migrations"
    (mig / "versions").mkdir(parents=True)
    (mig / "env.py").write_text(
        "from omni_core.db import alembic_env\n"
        "from sqlalchemy import MetaData\n"
        "alembic_env.run(MetaData())\n"
    )
    (mig / "versions" / "0001_positions.py").write_text(textwrap.dedent("""
        import sqlalchemy as sa
        from alembic import op
        revision = "0001"
        down_revision = None
        def upgrade():
            op.create_table("positions", sa.Column("id", sa.String(40), primary_key=True))
    """))
    s = settings(kafka_bootstrap=kafka_bootstrap, database_url=postgres_url.url,
                 database_schema=postgres_url.schema)
    svc = Service(s, migrations=mig, topics=kafka_topics, bus_overrides=group())
    await svc.start()
    try:
        assert await svc.wait_ready(60)
        from sqlalchemy import text

        async with svc.db.session() as session:
            tables = set((await session.execute(text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
                {"s": postgres_url.schema})).scalars())
        assert {"positions", "alembic_version_kit_test", "processed_events", "outbox"} <= tables
    finally:
        await svc.stop()


async def test_outbox_relay_through_the_bus(kafka_bootstrap, kafka_topics, sqlite_url):
    s = settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url)
    svc = Service(s, topics=kafka_topics, bus_overrides=group())
    outbox = svc.use_outbox(interval=0.05)
    topic = kafka_topics["order-management"]
    early: list[str] = []

    @svc.on_ready
    async def publish_on_ready() -> None:  # the producer is up by now
        early.append(await svc.publish("order-management", "acct-0",
                                       cp.ConfigChanged(key="ready")))

    await svc.start()
    try:
        assert await svc.wait_ready(60)
        async with svc.db.session() as session:
            eid = await outbox.add(session, topic, "acct-9",
                                   cp.ConfigChanged(key="k", version=1))
        msgs = await asyncio.to_thread(read_topic, kafka_bootstrap, topic, 2, 20)
        assert [decode(m.value()).event_id for m in msgs] == [early[0], eid]
        assert msgs[1].key() == b"acct-9"
        for _ in range(2000):  # marked published after the broker acknowledged it
            if await outbox.pending() == 0:
                break
            await asyncio.sleep(0.01)
        assert await outbox.pending() == 0 and outbox.last_error is None
        # written just before stop: the relay publishes it on the way out
        async with svc.db.session() as session:
            last = await outbox.add(session, topic, "acct-9", cp.ConfigChanged(key="last"))
    finally:
        await svc.stop()
    msgs = await asyncio.to_thread(read_topic, kafka_bootstrap, topic, 3, 20)
    assert decode(msgs[-1].value()).event_id == last


def test_sigterm_stops_gracefully(kafka_bootstrap, tmp_path):
    code = textwrap.dedent("""
        from typing import ClassVar
        from omni_core.settings import ServiceSettings
        from omni_core.service import Service, run

        class S(ServiceSettings):
            service_name: ClassVar[str] = "kit-sigterm"

        def build() -> Service:
            svc = Service(S())

            @svc.on_stop
            async def bye() -> None:
                print("on_stop ran", flush=True)

            return svc

        run(build)
    """)
    env = {**os.environ, "OMNI_KAFKA_BOOTSTRAP": kafka_bootstrap, "OMNI_HOME": str(tmp_path),
           "OMNI_GRPC_PORT": str(free_port()), "OMNI_GRPC_HOST": "127.0.0.1",
           "OMNI_METRICS_PORT": "0", "OMNI_SHUTDOWN_GRACE": "1"}
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        port = env["OMNI_GRPC_PORT"]
        ready = asyncio.run(wait_ready(f"127.0.0.1:{port}", "", timeout=60))
        assert ready, proc.stderr.read() if proc.poll() is not None else "not ready"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "on_stop ran" in out
    logs = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    events = [x["event"] for x in logs]
    assert events.index("service stopping") < events.index("service stopped")
    assert all(x["service"] == "kit-sigterm" for x in logs)


async def test_port_in_use_is_a_settings_error(sqlite_url):
    import socket

    from omni_core.settings import SettingsError

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        svc = Service(settings(grpc_port=port, database_url=sqlite_url), uses_bus=False)
        with pytest.raises(SettingsError, match="^OMNI_GRPC_PORT: "):
            await svc.start()
        await svc.stop()


def test_run_has_the_service_freeze_its_heap():
    """`run` (a service owning its process) asks for the heap to be frozen once ready. In a
    child process: `run` owns the event loop and the process-wide logging and tracing."""
    import subprocess

    code = textwrap.dedent("""
        from typing import ClassVar

        import omni_core.service as m
        from omni_core.settings import ServiceSettings

        class S(ServiceSettings):
            service_name: ClassVar[str] = "kit-freeze"

        async def serve(self):
            print("freeze_heap", self.freeze_heap)

        m.Service.serve = serve
        m.run(lambda: m.Service(S(grpc_port=0), uses_database=False, uses_bus=False,
                                uses_cache=False))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert "freeze_heap True" in out.stdout


async def test_a_service_freezes_its_heap_after_the_start_hooks(kafka_bootstrap, kafka_topics,
                                                                 sqlite_url):
    """Frozen after the start hooks, so the state they loaded is never walked by a full
    collection; a service inside a test (not `run`) leaves the heap alone."""
    import gc

    gc.unfreeze()
    loaded: list[list[object]] = []
    for freeze in (False, True):
        svc = Service(settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url),
                      topics=kafka_topics, bus_overrides=group())
        svc.freeze_heap = freeze

        @svc.on_start
        async def load_state() -> None:
            loaded.append([object() for _ in range(1000)])

        await svc.start()
        try:
            assert await svc.wait_ready(60)
            assert (gc.get_freeze_count() > len(loaded[-1])) is freeze
        finally:
            await svc.stop()
            gc.unfreeze()
