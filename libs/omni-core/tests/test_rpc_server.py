"""The gRPC runtime: health gating, reflection, error mapping, deadlines, tracing, metrics."""

from __future__ import annotations

import asyncio
import io
import json

import grpc
import pytest
from google.protobuf.wrappers_pb2 import StringValue
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from omni_core import errors, tracing
from omni_core.logging import configure_logging, get_logger
from omni_core.metrics import get_metrics
from omni_core.rpc import (
    LIVENESS_SERVICE,
    SERVING,
    RpcServer,
    channel,
    health_status,
    remaining_time,
    wait_ready,
)
from pydantic import BaseModel

SERVICE = "omni.test.v1.EchoService"


class Req(BaseModel):
    qty: int


class Echo:
    """A servicer without generated code: generic handlers over StringValue."""

    def __init__(self) -> None:
        self.seen_deadline: float | None = None
        self.seen_traceparent: str = ""

    async def Echo(self, request: StringValue, context) -> StringValue:
        text = request.value
        self.seen_deadline = remaining_time()
        self.seen_traceparent = tracing.current_traceparent()[0]
        get_logger("echo").info("inside echo")
        if text == "missing":
            raise errors.NotFound("no such order: o-1")
        if text == "bad":
            raise errors.InvalidArgument("qty must be positive")
        if text == "exists":
            raise errors.AlreadyExists("duplicate client order id")
        if text == "precondition":
            raise errors.FailedPrecondition("trading halted")
        if text == "down":
            raise errors.Unavailable("venue down")
        if text == "denied":
            raise errors.PermissionDenied("not your account")
        if text == "pydantic":
            Req(qty="lots")  # type: ignore[arg-type]
        if text == "crash":
            raise RuntimeError("db password is hunter2")
        if text.startswith("via:"):
            async with channel(text[4:], default_timeout=60) as ch:
                return await echo_call(ch)(StringValue(value="inner"))
        if text == "slow":
            await asyncio.sleep(0.3)
        return StringValue(value=f"echo:{text}")

    async def Count(self, request: StringValue, context):
        for i in range(int(request.value)):
            yield StringValue(value=str(i))
        if request.value == "2":
            raise errors.NotFound("stream ran out")


def add_echo(servicer: Echo, server) -> None:
    handler = grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Echo": grpc.unary_unary_rpc_method_handler(
                servicer.Echo, StringValue.FromString, StringValue.SerializeToString
            ),
            "Count": grpc.unary_stream_rpc_method_handler(
                servicer.Count, StringValue.FromString, StringValue.SerializeToString
            ),
        },
    )
    server.add_generic_rpc_handlers((handler,))


def echo_call(ch: grpc.aio.Channel):
    return ch.unary_unary(f"/{SERVICE}/Echo", StringValue.SerializeToString,
                          StringValue.FromString)


async def test_health_starts_not_serving_and_follows_readiness():
    server = RpcServer("t", host="127.0.0.1", port=0)
    server.add_servicer(add_echo, Echo(), SERVICE)
    await server.start()
    addr = server.address
    try:
        assert await health_status(addr, "") == health_pb2.HealthCheckResponse.NOT_SERVING
        assert await health_status(addr, SERVICE) == health_pb2.HealthCheckResponse.NOT_SERVING
        # liveness answers SERVING before readiness does: a process waiting for its database
        # must not be restarted for it
        assert await health_status(addr, LIVENESS_SERVICE) == SERVING
        assert not await wait_ready(addr, SERVICE, timeout=0.2)
        await server.set_serving(True)
        assert await wait_ready(addr, SERVICE, timeout=10)
        assert await health_status(addr, "") == SERVING
        # reflection lists the services
        async with grpc.aio.insecure_channel(addr) as ch:
            stub = reflection_pb2_grpc.ServerReflectionStub(ch)

            async def reqs():
                yield reflection_pb2.ServerReflectionRequest(list_services="")

            names = set()
            async for resp in stub.ServerReflectionInfo(reqs()):
                names |= {s.name for s in resp.list_services_response.service}
        assert {SERVICE, "grpc.health.v1.Health"} <= names
        # watch sees NOT_SERVING on stop before the server goes away
        async with grpc.aio.insecure_channel(addr) as ch:
            stream = health_pb2_grpc.HealthStub(ch).Watch(
                health_pb2.HealthCheckRequest(service=SERVICE))
            first = await stream.read()
            assert first.status == SERVING
            stop = asyncio.create_task(server.stop(grace=1))
            second = await stream.read()
            assert second.status == health_pb2.HealthCheckResponse.NOT_SERVING
            await stop
    finally:
        await server.stop(grace=0)


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("missing", grpc.StatusCode.NOT_FOUND, "no such order: o-1"),
        ("bad", grpc.StatusCode.INVALID_ARGUMENT, "qty must be positive"),
        ("exists", grpc.StatusCode.ALREADY_EXISTS, "duplicate client order id"),
        ("precondition", grpc.StatusCode.FAILED_PRECONDITION, "trading halted"),
        ("down", grpc.StatusCode.UNAVAILABLE, "venue down"),
        ("denied", grpc.StatusCode.PERMISSION_DENIED, "not your account"),
        ("crash", grpc.StatusCode.INTERNAL, "internal error"),
    ],
)
async def test_error_mapping(grpc_server, text, code, message):
    _, addr = await grpc_server((add_echo, Echo(), SERVICE))
    async with channel(addr) as ch:
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await echo_call(ch)(StringValue(value=text))
    assert err.value.code() == code
    assert err.value.details() == message


async def test_pydantic_validation_is_invalid_argument(grpc_server):
    _, addr = await grpc_server((add_echo, Echo(), SERVICE))
    async with channel(addr) as ch:
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await echo_call(ch)(StringValue(value="pydantic"))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.value.details().startswith("qty: ")


async def test_internal_errors_are_logged_with_traceback_not_leaked(grpc_server):
    buf = io.StringIO()
    configure_logging("rpc-test", "INFO", "json", stream=buf)
    try:
        _, addr = await grpc_server((add_echo, Echo(), SERVICE))
        async with channel(addr) as ch:
            with pytest.raises(grpc.aio.AioRpcError) as err:
                await echo_call(ch)(StringValue(value="crash"))
        assert "hunter2" not in err.value.details()
        lines = [json.loads(x) for x in buf.getvalue().splitlines() if x.startswith("{")]
        failed = [x for x in lines if x.get("event") == "grpc call failed"]
        assert failed and failed[0]["code"] == "INTERNAL"
        assert failed[0]["method"] == f"/{SERVICE}/Echo"
        assert "RuntimeError" in failed[0]["exception"]
        assert failed[0]["service"] == "rpc-test"
    finally:
        configure_logging("omni")


async def test_streaming_and_stream_errors(grpc_server):
    _, addr = await grpc_server((add_echo, Echo(), SERVICE))
    async with channel(addr) as ch:
        call = ch.unary_stream(f"/{SERVICE}/Count", StringValue.SerializeToString,
                               StringValue.FromString)
        assert [m.value async for m in call(StringValue(value="3"))] == ["0", "1", "2"]
        got = []
        with pytest.raises(grpc.aio.AioRpcError) as err:
            async for m in call(StringValue(value="2")):
                got.append(m.value)
        assert got == ["0", "1"] and err.value.code() == grpc.StatusCode.NOT_FOUND


async def test_deadlines_default_and_propagated(grpc_server):
    servicer = Echo()
    _, addr = await grpc_server((add_echo, servicer, SERVICE))
    async with channel(addr, default_timeout=30) as ch:
        assert (await echo_call(ch)(StringValue(value="x"))).value == "echo:x"
        # gRPC rounds deadlines up slightly
        assert servicer.seen_deadline is not None and 0 < servicer.seen_deadline < 31
        await echo_call(ch)(StringValue(value="x"), timeout=5)
        assert servicer.seen_deadline < 6
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await echo_call(ch)(StringValue(value="slow"), timeout=0.05)
        assert err.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_trace_context_crosses_the_call(grpc_server):
    servicer = Echo()
    _, addr = await grpc_server((add_echo, servicer, SERVICE))
    parent = tracing.context_from_traceparent(
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    from opentelemetry import context as otel_context

    buf = io.StringIO()
    configure_logging("rpc-test", "INFO", "json", stream=buf)
    token = otel_context.attach(parent)
    try:
        async with channel(addr) as ch:
            await echo_call(ch)(StringValue(value="t"))
    finally:
        otel_context.detach(token)
        configure_logging("omni")
    assert servicer.seen_traceparent.startswith("00-0af7651916cd43dd8448eb211c80319c-")
    inside = [json.loads(x) for x in buf.getvalue().splitlines() if "inside echo" in x]
    assert inside and inside[0]["trace_id"] == "0af7651916cd43dd8448eb211c80319c"


async def test_metrics_count_calls_by_code(grpc_server):
    m = get_metrics()
    method = f"/{SERVICE}/Echo"

    def count(code: str) -> float:
        return m.grpc_requests.labels(method, code)._value.get()

    before_ok, before_nf = count("OK"), count("NOT_FOUND")
    _, addr = await grpc_server((add_echo, Echo(), SERVICE))
    async with channel(addr) as ch:
        await echo_call(ch)(StringValue(value="a"))
        with pytest.raises(grpc.aio.AioRpcError):
            await echo_call(ch)(StringValue(value="missing"))
    assert count("OK") == before_ok + 1 and count("NOT_FOUND") == before_nf + 1


async def test_outgoing_calls_inherit_the_remaining_deadline(grpc_server):
    inner = Echo()
    _, inner_addr = await grpc_server((add_echo, inner, SERVICE))
    _, outer_addr = await grpc_server((add_echo, Echo(), SERVICE))
    async with channel(outer_addr) as ch:
        reply = await echo_call(ch)(StringValue(value=f"via:{inner_addr}"), timeout=3)
    assert reply.value == "echo:inner"
    # the inner call got what was left of 3 s, not its channel's 60 s default
    assert inner.seen_deadline is not None and inner.seen_deadline < 4
