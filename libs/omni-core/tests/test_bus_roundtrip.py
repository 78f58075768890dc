"""Round trip through the real embedded broker: envelope fields, headers, trace context."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from omni.control_plane.v1.events_pb2 import ConfigChanged
from omni_core import tracing
from omni_core.bus import EventBus, EventContext
from omni_core.envelope import decode, unpack
from omni_testing.kafka import read_topic, wait_until
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

TRACE_ID = 0x0AF7651916CD43DD8448EB211C80319C
SPAN_ID = 0xB7AD6B7169203331


async def test_bus_roundtrip_carries_envelope_and_trace(bus_config, kafka_topics, kafka_bootstrap):
    topic = kafka_topics["system-monitoring"]
    got: list[tuple[ConfigChanged, EventContext, int]] = []

    consumer = EventBus(bus_config(), "bus-rt-consumer", tenant_id="ignored")

    @consumer.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        trace_id = trace.get_current_span().get_span_context().trace_id
        got.append((event, ctx, trace_id))

    producer = EventBus(bus_config(), "bus-rt-producer", tenant_id="tenant-a")
    await producer.start()
    await consumer.start()
    try:
        parent = SpanContext(TRACE_ID, SPAN_ID, is_remote=False, trace_flags=TraceFlags(1))
        before = datetime.now(UTC)
        with trace.use_span(NonRecordingSpan(parent)):
            event_id = await producer.publish(
                topic, "control-plane", ConfigChanged(service="risk-engine", key="limit")
            )
        assert await producer.ping()
        await wait_until(lambda: len(got) == 1, what="event handled")
        event, ctx, trace_id = got[0]
        assert event == ConfigChanged(service="risk-engine", key="limit")
        assert ctx.event_id == event_id
        assert ctx.event_type == "omni.control_plane.v1.ConfigChanged"
        assert ctx.tenant_id == "tenant-a"
        assert ctx.source_service == "bus-rt-producer"
        assert ctx.topic == topic and ctx.partition == 0 and ctx.offset == 0
        assert ctx.key == b"control-plane"
        assert before - timedelta(seconds=1) <= ctx.produced_at <= datetime.now(UTC)
        assert ctx.traceparent == f"00-{TRACE_ID:032x}-{SPAN_ID:016x}-01"
        assert trace_id == TRACE_ID  # the handler runs inside the producer's trace
        assert consumer.stats.processed == 1

        # headers carry routing and trace fields without parsing the value
        (raw,) = read_topic(kafka_bootstrap, topic, 1)
        headers = dict(raw.headers())
        assert headers["event-type"] == b"omni.control_plane.v1.ConfigChanged"
        assert headers["event-id"] == event_id.encode()
        assert headers["traceparent"] == ctx.traceparent.encode()
        env = decode(raw.value())
        assert unpack(env) == event and env.traceparent == ctx.traceparent
    finally:
        await consumer.stop()
        await producer.stop()
    assert consumer.lag() == 0


async def test_bus_recorded_spans_link_producer_and_consumer(bus_config, kafka_topics):
    """With an exporter configured, publish and process become spans of one trace."""
    tracing.configure_tracing("bus-span-test", exporter="memory")
    exporter = tracing.memory_exporter()
    topic = kafka_topics["system-monitoring"]
    seen = asyncio.Event()
    bus = EventBus(bus_config(), "bus-span-test")

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        seen.set()

    await bus.start()
    try:
        with tracing.get_tracer().start_as_current_span("request") as root:
            await bus.publish(topic, "k", ConfigChanged(key="x"))
        await asyncio.wait_for(seen.wait(), 30)
    finally:
        await bus.stop()
        tracing.shutdown_tracing()
    spans = {s.name: s for s in exporter.get_finished_spans()}
    trace_id = root.get_span_context().trace_id
    assert {"request", f"{topic} publish", f"{topic} process"} <= spans.keys()
    assert spans[f"{topic} process"].context.trace_id == trace_id
    assert spans[f"{topic} process"].parent.span_id == spans[f"{topic} publish"].context.span_id


async def test_bus_publish_nowait_and_flush(bus_config, kafka_topics):
    topic = kafka_topics["system-monitoring"]
    keys: list[str] = []
    bus = EventBus(bus_config(), "bus-nowait")

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        keys.append(event.key)

    await bus.start()
    try:
        ids = [bus.publish_nowait(topic, "svc", ConfigChanged(key=str(i))) for i in range(50)]
        assert len(set(ids)) == 50
        assert await bus.flush() == 0
        await wait_until(lambda: len(keys) == 50, what="50 handled")
        assert keys == [str(i) for i in range(50)]
        assert bus.stats.published == 50
    finally:
        await bus.stop()
