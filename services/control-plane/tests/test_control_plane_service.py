"""The control-plane Service in-process, as the kit runs it: embedded broker, PostgreSQL,
the gRPC API through the kit's server and interceptors."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.control_plane.v1 import control_plane_service_pb2 as pb
from omni.control_plane.v1 import control_plane_service_pb2_grpc as pb_grpc
from omni.control_plane.v1 import events_pb2 as cp
from omni_core import catalogue
from omni_core.bus import EventBus
from omni_core.rpc import channel
from omni_testing.kafka import wait_until
from svc_control_plane.app import ControlPlaneSettings, build


def now_ts() -> Timestamp:
    t = Timestamp()
    t.FromDatetime(datetime.now(UTC))
    return t


async def eventually(probe: Callable[[], Awaitable[Any]], ok: Callable[[Any], bool], what: str):  # type: ignore[no-untyped-def]
    """Poll an async probe until ok(result); the timeout only guards against a hung test."""
    for _ in range(int(os.environ.get("CP_TEST_POLLS", "3000"))):
        result = await probe()
        if ok(result):
            return result
        await asyncio.sleep(0.02)
    raise AssertionError(f"not reached: {what}: {result}")


@pytest.fixture
async def control_plane(postgres_url, kafka_bootstrap, kafka_topics, tmp_path):  # type: ignore[no-untyped-def]
    settings = ControlPlaneSettings(
        kafka_bootstrap=kafka_bootstrap,
        database_url=postgres_url.url,
        database_schema=postgres_url.schema,
        grpc_host="127.0.0.1",
        grpc_port=0,
        metrics_port=0,
        home=tmp_path,
        heartbeat_interval=0.5,
        outbox_interval=0.1,
    )
    svc = build(
        settings,
        topics=kafka_topics,
        # a group of its own per test: the shared broker outlives each test's consumers
        bus_overrides={
            "group_id": f"control-plane-{uuid.uuid4().hex[:8]}",
            "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01,
            "retry_backoff_max": 0.05,
            "commit_interval_ms": 100,
        },
    )
    await svc.start()
    try:
        assert await svc.wait_ready(60), f"not ready: {svc.dependencies}"
        assert await svc.bus.wait_assigned(30)
        yield svc
    finally:
        await svc.stop()


@pytest.fixture
async def observer(bus_config, kafka_topics):  # type: ignore[no-untyped-def]
    bus = EventBus(bus_config(), "cp-test-observer")
    seen: list[tuple[str | None, cp.ConfigChanged]] = []

    async def on_config(ev: cp.ConfigChanged, ctx: Any) -> None:
        seen.append((ctx.key_str, ev))

    bus.subscribe(kafka_topics["system-monitoring"], cp.ConfigChanged, on_config)
    await bus.start()
    assert await bus.wait_assigned(30)
    bus.config_seen = seen  # type: ignore[attr-defined]
    yield bus
    await bus.stop()


async def test_config_put_publishes_and_hot_reloads(control_plane, observer) -> None:  # type: ignore[no-untyped-def]
    async with channel(control_plane.grpc_address) as ch:
        stub = pb_grpc.ControlPlaneServiceStub(ch)
        put = await stub.PutConfig(
            pb.PutConfigRequest(
                service="risk-engine",
                key="limits.max_notional",
                value_json="1000000",
                expected_version=0,
                changed_by="ops",
                reason="initial limit",
            )
        )
        assert put.entry.version == 1 and put.entry.created_at.seconds > 0
        await wait_until(lambda: len(observer.config_seen) >= 1, 30, "ConfigChanged")
        key, ev = observer.config_seen[0]
        assert key == "risk-engine"
        assert (ev.service, ev.key, ev.value_json, ev.version, ev.changed_by, ev.reason) == (
            "risk-engine",
            "limits.max_notional",
            "1000000",
            1,
            "ops",
            "initial limit",
        )

        # "*" entries reach every service, the control plane's own kit included (hot reload)
        await stub.PutConfig(pb.PutConfigRequest(service="*", key="log.sampling", value_json="0.5"))
        await wait_until(lambda: control_plane.config.get("log.sampling") == 0.5, 30, "reload")

        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.PutConfig(
                pb.PutConfigRequest(
                    service="risk-engine",
                    key="limits.max_notional",
                    value_json="1",
                    expected_version=5,
                )
            )
        assert info.value.code() == grpc.StatusCode.ABORTED
        assert "expected version 5" in info.value.details()

        await stub.PutConfig(
            pb.PutConfigRequest(
                service="risk-engine",
                key="limits.max_notional",
                value_json="2000000",
                expected_version=1,
            )
        )
        await stub.DeleteConfig(
            pb.DeleteConfigRequest(service="risk-engine", key="limits.max_notional")
        )
        hist = await stub.GetConfigHistory(
            pb.GetConfigHistoryRequest(service="risk-engine", key="limits.max_notional")
        )
        assert [(v.version, v.deleted) for v in hist.versions] == [
            (3, True),
            (2, False),
            (1, False),
        ]
        await wait_until(
            lambda: (
                [e.version for k, e in observer.config_seen if e.key == "limits.max_notional"]
                == [1, 2, 3]
            ),
            30,
            "in order",
        )
        assert observer.config_seen[-1][1].deleted

        listed = await stub.ListConfig(pb.ListConfigRequest(service="order-manager"))
        assert [(e.service, e.key) for e in listed.entries] == [("*", "log.sampling")]
        got = await stub.GetConfig(
            pb.GetConfigRequest(
                service="order-manager", key="log.sampling", fall_back_to_global=True
            )
        )
        assert got.entry.service == "*" and got.entry.value_json == "0.5"
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.GetConfig(
                pb.GetConfigRequest(service="risk-engine", key="limits.max_notional")
            )
        assert info.value.code() == grpc.StatusCode.NOT_FOUND


async def test_invalid_arguments(control_plane) -> None:  # type: ignore[no-untyped-def]
    async with channel(control_plane.grpc_address) as ch:
        stub = pb_grpc.ControlPlaneServiceStub(ch)
        cases = [
            (
                stub.PutConfig(
                    pb.PutConfigRequest(service="risk-engine", key="k", value_json="{oops")
                ),
                "not valid JSON",
            ),
            (
                stub.PutConfig(pb.PutConfigRequest(service="risk-engine", key="", value_json="1")),
                "key is required",
            ),
            (
                stub.PutConfig(pb.PutConfigRequest(service="nope", key="k", value_json="1")),
                "unknown service 'nope'",
            ),
            (
                stub.GetServiceHealth(pb.GetServiceHealthRequest(service="nope")),
                "unknown service 'nope'",
            ),
            (
                stub.ListCircuitBreakers(pb.ListCircuitBreakersRequest(service="nope")),
                "unknown service 'nope'",
            ),
            (stub.ListConfig(pb.ListConfigRequest(page={"page_token": "%%%"})), "page_token"),
        ]
        for call, needle in cases:
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await call
            assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT, needle
            assert needle in info.value.details()


async def test_heartbeats_and_breakers_reach_the_boards(
    control_plane, observer, kafka_topics
) -> None:  # type: ignore[no-untyped-def]
    topic = kafka_topics["system-monitoring"]
    await observer.publish(
        topic,
        "risk-engine",
        cp.ServiceHeartbeat(
            service="risk-engine",
            instance_id="risk-engine-a",
            ready=True,
            started_at=now_ts(),
            sent_at=now_ts(),
            interval_seconds=300,
            requests_total=100,
            request_errors_total=10,
        ),
    )
    breaker = cp.BreakerState(
        name="venue:alpaca",
        status=cp.BREAKER_STATUS_OPEN,
        consecutive_failures=5,
        failures_total=5,
        changed_at=now_ts(),
    )
    await observer.publish(
        topic,
        "broker-gateway",
        cp.CircuitBreakerChanged(service="broker-gateway", instance_id="bg-1", breaker=breaker),
    )
    async with channel(control_plane.grpc_address) as ch:
        stub = pb_grpc.ControlPlaneServiceStub(ch)

        def risk(resp: pb.ListServiceHealthResponse) -> pb.ServiceHealth:
            return next(s for s in resp.services if s.service == "risk-engine")

        fleet = await eventually(
            lambda: stub.ListServiceHealth(pb.ListServiceHealthRequest()),
            lambda r: risk(r).status != pb.HEALTH_STATUS_MISSING,
            "risk-engine heartbeat",
        )
        assert [s.service for s in fleet.services] == [s.name for s in catalogue.SERVICES]
        h = risk(fleet)
        # 10 % request errors -> 20 * 0.1 / 0.25 = 8 points off
        assert h.score == pytest.approx(92.0) and h.status == pb.HEALTH_STATUS_HEALTHY
        assert list(h.instance_ids) == ["risk-engine-a"] and h.ready
        errors = next(c for c in h.components if c.name == "request_errors")
        assert errors.penalty == pytest.approx(8.0) and errors.value == pytest.approx(0.1)
        missing = [s for s in fleet.services if s.status == pb.HEALTH_STATUS_MISSING]
        assert all(s.score == 0 for s in missing) and "analytics" in {s.service for s in missing}

        board = await eventually(
            lambda: stub.ListCircuitBreakers(pb.ListCircuitBreakersRequest()),
            lambda r: len(r.breakers) > 0,
            "breaker board",
        )
        (entry,) = board.breakers
        assert (entry.service, entry.instance_id, entry.breaker.name) == (
            "broker-gateway",
            "bg-1",
            "venue:alpaca",
        )
        assert entry.breaker.status == cp.BREAKER_STATUS_OPEN and entry.breaker.failures_total == 5
        only_closed = await stub.ListCircuitBreakers(
            pb.ListCircuitBreakersRequest(statuses=[cp.BREAKER_STATUS_CLOSED])
        )
        assert len(only_closed.breakers) == 0

        # the control plane hears its own kit heartbeats too
        own = await eventually(
            lambda: stub.GetServiceHealth(pb.GetServiceHealthRequest(service="control-plane")),
            lambda r: r.health.status == pb.HEALTH_STATUS_HEALTHY,
            "own heartbeat",
        )
        assert own.health.instance_ids == [control_plane.instance_id]
