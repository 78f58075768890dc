"""W3C propagation helpers for Kafka headers and gRPC metadata, and readiness without a broker."""

from __future__ import annotations

from omni_core import tracing
from omni_core.bus import BusConfig, EventBus
from omni_core.embedded.broker import free_port
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

TRACE_ID = 0x4BF92F3577B34DA6A3CE929D0E0E4736
SPAN_ID = 0x00F067AA0BA902B7


def _span() -> NonRecordingSpan:
    return NonRecordingSpan(SpanContext(TRACE_ID, SPAN_ID, False, TraceFlags(1)))


def test_bus_tracing_kafka_headers_roundtrip():
    with trace.use_span(_span()):
        headers = tracing.inject_headers([("event-type", b"x")])
        tp, ts = tracing.current_traceparent()
    assert tp == f"00-{TRACE_ID:032x}-{SPAN_ID:016x}-01" and ts == ""
    assert ("traceparent", tp.encode()) in headers
    ctx = tracing.context_from_headers(headers)
    assert trace.get_current_span(ctx).get_span_context().trace_id == TRACE_ID


def test_bus_tracing_grpc_metadata_roundtrip():
    metadata = [("x-request-id", "r1")]
    with trace.use_span(_span()):
        same = tracing.inject_metadata(metadata)
    assert same is metadata and metadata[0] == ("x-request-id", "r1")
    ctx = tracing.extract_metadata(tuple(metadata) + (("blob-bin", b"\x00"),))
    sc = trace.get_current_span(ctx).get_span_context()
    assert (sc.trace_id, sc.span_id, sc.is_remote) == (TRACE_ID, SPAN_ID, True)


def test_bus_tracing_nothing_to_carry_outside_a_trace():
    assert tracing.current_traceparent() == ("", "")
    assert tracing.inject_metadata(None) == []
    assert not trace.get_current_span(tracing.extract_metadata([])).get_span_context().is_valid


def test_bus_tracing_malformed_traceparent_is_ignored():
    for bad in ("", "garbage", "00-" + "0" * 32 + "-" + "1" * 16 + "-01", "ff-" + "1" * 52):
        assert tracing.parse_traceparent(bad) is None
        ctx = tracing.context_from_traceparent(bad)
        assert not trace.get_current_span(ctx).get_span_context().is_valid


async def test_bus_ping_is_false_without_a_broker():
    bus = EventBus(BusConfig(bootstrap=f"127.0.0.1:{free_port()}"), "bus-ping")
    assert await bus.ping(timeout=0.5) is False
