"""Delivery semantics: dedupe, dead-letter, skipping, ordering, resume after restart."""

from __future__ import annotations

import uuid

import pytest
from confluent_kafka import Producer
from omni.common.v1.envelope_pb2 import Envelope
from omni.control_plane.v1.events_pb2 import ConfigChanged, ServiceHeartbeat
from omni_core.bus import EventBus, EventContext, InMemoryDeduplicator, PermanentError
from omni_core.embedded.broker import ensure_topics
from omni_testing.kafka import dead_letters, read_topic, wait_until


def _group() -> str:
    return f"bus-test-{uuid.uuid4().hex[:8]}"


async def test_bus_same_event_id_twice_is_applied_once(bus_config, kafka_topics):
    topic = kafka_topics["system-monitoring"]
    applied: list[str] = []
    bus = EventBus(bus_config(), _group())

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(event.key)

    await bus.start()
    try:
        eid = await bus.publish(topic, "k", ConfigChanged(key="a"))
        await bus.publish(topic, "k", ConfigChanged(key="a"), event_id=eid)
        await bus.publish(topic, "k", ConfigChanged(key="b"))
        await wait_until(lambda: applied == ["a", "b"] and bus.stats.duplicates == 1)
        assert bus.stats.processed == 2
    finally:
        await bus.stop()


async def test_bus_redelivery_after_crash_is_applied_once(bus_config, kafka_topics):
    """A consumer that dies before committing gets the events again; a durable deduplicator
    (here: the same instance handed to the restarted bus) makes the replay change nothing."""
    topic = kafka_topics["order-management"]
    group = _group()
    dedupe = InMemoryDeduplicator()
    applied: list[str] = []

    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(event.key)

    producer = EventBus(bus_config(), "bus-crash-producer")
    await producer.start()
    for i in range(5):
        await producer.publish(topic, "acct-1", ConfigChanged(key=str(i)))

    first = EventBus(bus_config(commit_interval_ms=3_600_000), group, dedupe=dedupe)
    first.subscribe(topic, ConfigChanged, on_config)
    await first.start()
    await wait_until(lambda: len(applied) == 5, what="first run handled 5")
    await first.stop(commit=False)  # crash: nothing committed

    second = EventBus(bus_config(), group, dedupe=dedupe)
    second.subscribe(topic, ConfigChanged, on_config)
    await second.start()
    try:
        await producer.publish(topic, "acct-1", ConfigChanged(key="5"))
        await wait_until(lambda: len(applied) == 6 and second.stats.duplicates == 5,
                         what="replay skipped, new event applied")
        assert applied == [str(i) for i in range(6)]
    finally:
        await second.stop()
        await producer.stop()


async def test_bus_poison_messages_go_to_dead_letter(bus_config, kafka_topics, kafka_bootstrap):
    topic = kafka_topics["order-management"]
    dlq = kafka_topics["dead-letter"]
    handled: list[str] = []
    attempts: dict[str, int] = {}
    bus = EventBus(bus_config(max_retries=2), _group(), tenant_id="tenant-x")

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        attempts[event.key] = ctx.attempt
        if event.key == "always-fails":
            raise RuntimeError("venue rejected: bad symbol")
        if event.key == "permanent":
            raise PermanentError("unknown account")
        handled.append(event.key)

    raw = Producer({"bootstrap.servers": kafka_bootstrap})
    raw.produce(topic, b"\x00\xffnot an envelope", b"acct-9")
    raw.flush(10)
    await bus.start()
    try:
        bad_id = await bus.publish(topic, "acct-1", ConfigChanged(key="always-fails"))
        perm_id = await bus.publish(topic, "acct-1", ConfigChanged(key="permanent"))
        await bus.publish(topic, "acct-1", ConfigChanged(key="next"))
        await wait_until(lambda: handled == ["next"], what="consumer went on")
        assert bus.stats.dead_lettered == 3
        assert bus.stats.failed == 3 + 1  # 1 + 2 retries, then the permanent one once
    finally:
        await bus.stop()

    letters = read_topic(kafka_bootstrap, dlq, 3)
    assert [m.key() for m in letters] == [topic.encode()] * 3
    decode_dl, handler_dl, perm_dl = dead_letters(letters)
    assert decode_dl.stage == "decode"
    assert decode_dl.original_value == b"\x00\xffnot an envelope"
    assert decode_dl.original_key == b"acct-9"
    assert decode_dl.source_topic == topic and decode_dl.source_offset == 0
    assert handler_dl.stage == "handler"
    assert handler_dl.attempts == 3 and attempts["always-fails"] == 3
    assert "venue rejected: bad symbol" in handler_dl.reason
    assert handler_dl.event_id == bad_id
    assert handler_dl.event_type == "omni.control_plane.v1.ConfigChanged"
    assert handler_dl.consumer_service == bus.service_name
    assert perm_dl.attempts == 1 and "unknown account" in perm_dl.reason
    assert perm_dl.event_id == perm_id
    # the dead letters are envelopes too, from this service
    assert Envelope.FromString(letters[0].value()).source_service == bus.service_name


async def test_bus_unhandled_event_types_are_skipped(bus_config, kafka_topics, kafka_bootstrap):
    topic = kafka_topics["system-monitoring"]
    handled: list[str] = []
    bus = EventBus(bus_config(), _group())

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        handled.append(event.key)

    await bus.start()
    try:
        await bus.publish(topic, "svc", ServiceHeartbeat(service="svc"))  # known, not handled
        alien = Envelope(event_id="x-1", event_type="omni.future.v9.Unknown", payload=b"\x08\x01")
        raw = Producer({"bootstrap.servers": kafka_bootstrap})
        raw.produce(topic, alien.SerializeToString(), b"svc")
        raw.flush(10)
        await bus.publish(topic, "svc", ConfigChanged(key="after"))
        await wait_until(lambda: handled == ["after"])
        assert bus.stats.skipped == 2
        assert bus.stats.dead_lettered == 0
    finally:
        await bus.stop()
    assert read_topic(kafka_bootstrap, kafka_topics["dead-letter"], 1, timeout=0.5) == []


async def test_bus_order_is_kept_per_key(bus_config, kafka_topics, kafka_bootstrap):
    topic = kafka_topics["market-data-stream"] + ".p3"
    ensure_topics(kafka_bootstrap, [topic], partitions=3)
    seen: dict[str, list[int]] = {}
    bus = EventBus(bus_config(consumer_batch_size=64), _group())

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        seen.setdefault(ctx.key.decode(), []).append(event.version)

    await bus.start()
    try:
        keys = [f"instr-{k}" for k in range(6)]
        for i in range(300):
            bus.publish_nowait(topic, keys[i % 6], ConfigChanged(version=i))
        assert await bus.flush() == 0
        await wait_until(lambda: sum(map(len, seen.values())) == 300, what="300 handled")
    finally:
        await bus.stop()
    for k, versions in seen.items():
        assert versions == sorted(versions), k
        assert len(versions) == 50


async def test_bus_restart_resumes_from_committed_offsets(bus_config, kafka_topics):
    topic = kafka_topics["portfolio-updates"]
    group = _group()
    applied: list[int] = []

    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(event.version)

    producer = EventBus(bus_config(), "bus-resume-producer")
    await producer.start()
    for i in range(10):
        producer.publish_nowait(topic, "acct", ConfigChanged(version=i))
    await producer.flush()

    first = EventBus(bus_config(), group)  # its own, fresh deduplicator
    first.subscribe(topic, ConfigChanged, on_config)
    await first.start()
    await wait_until(lambda: len(applied) == 10)
    await first.stop()

    for i in range(10, 20):
        producer.publish_nowait(topic, "acct", ConfigChanged(version=i))
    await producer.flush()

    second = EventBus(bus_config(), group)  # fresh deduplicator: only offsets prevent replay
    second.subscribe(topic, ConfigChanged, on_config)
    await second.start()
    try:
        await wait_until(lambda: len(applied) == 20)
        assert second.stats.processed == 10 and second.stats.duplicates == 0
        assert applied == list(range(20))
    finally:
        await second.stop()
        await producer.stop()


async def test_bus_subscribe_rejects_sync_handlers_and_duplicates(bus_config, kafka_topics):
    bus = EventBus(bus_config(), _group())
    with pytest.raises(TypeError):
        bus.subscribe("t", ConfigChanged, lambda e, c: None)

    async def h(e, c):
        return None

    bus.subscribe("t", ConfigChanged, h)
    with pytest.raises(Exception, match="already registered"):
        bus.subscribe("t", ConfigChanged, h)
    assert bus.lag() == 0


class _FlakyDedupe(InMemoryDeduplicator):
    """A shared deduplicator whose store is briefly unavailable (think Redis restarting)."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    async def seen(self, event_id: str) -> bool:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("dedupe store unavailable")
        return await super().seen(event_id)


async def test_bus_dedupe_outage_loses_nothing(bus_config, kafka_topics):
    topic = kafka_topics["risk-management"]
    applied: list[int] = []
    bus = EventBus(bus_config(), _group(), dedupe=_FlakyDedupe(failures=3))

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(event.version)

    await bus.start()
    try:
        for i in range(20):
            bus.publish_nowait(topic, "acct", ConfigChanged(version=i))
        await bus.flush()
        await wait_until(lambda: len(applied) >= 20, what="all 20 handled after the outage")
        assert applied == list(range(20))
        assert bus.stats.consumer_errors >= 1
    finally:
        await bus.stop()


class _BatchDedupe(InMemoryDeduplicator):
    """A shared deduplicator that can answer for a whole batch (like DbDeduplicator)."""

    def __init__(self) -> None:
        super().__init__()
        self.batch_calls = 0
        self.single_calls = 0

    async def seen_many(self, event_ids: list[str]) -> set[str]:
        self.batch_calls += 1
        return {e for e in event_ids if self.seen_now(e)}

    async def seen(self, event_id: str) -> bool:
        self.single_calls += 1
        return await super().seen(event_id)


async def test_bus_batch_dedupe_asks_once_per_batch(bus_config, kafka_topics):
    topic = kafka_topics["risk-management"]
    dedupe = _BatchDedupe()
    dedupe.mark_now("handled-before")
    applied: list[str] = []
    bus = EventBus(bus_config(), _group(), dedupe=dedupe)

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(ctx.event_id)

    await bus.start()
    try:
        bus.publish_nowait(topic, "acct", ConfigChanged(version=0), event_id="handled-before")
        for i in range(5):  # e0 e1 e2 e0 e1: repeats inside one batch are duplicates too
            bus.publish_nowait(topic, "acct", ConfigChanged(version=i), event_id=f"e{i % 3}")
        bus.publish_nowait(topic, "acct", ConfigChanged(version=9), event_id="last")
        await bus.flush()
        await wait_until(lambda: "last" in applied, what="the last event handled")
        assert applied == ["e0", "e1", "e2", "last"]
        assert bus.stats.duplicates == 3
        assert dedupe.batch_calls >= 1 and dedupe.single_calls == 0
    finally:
        await bus.stop()


async def test_bus_market_data_is_deduplicated_in_memory_beside_a_durable_dedupe(
        bus_config, kafka_topics):
    """Prices are latest-value updates: the durable dedupe is not asked about them (no database
    write per quote), yet a repeat inside the process is still skipped."""
    prices, orders = kafka_topics["market-data-stream"], kafka_topics["risk-management"]
    durable = _BatchDedupe()
    applied: list[str] = []
    bus = EventBus(bus_config(), _group(), dedupe=durable, memory_dedupe_topics=(prices,))

    async def on_event(event: ConfigChanged, ctx: EventContext) -> None:
        applied.append(ctx.event_id)

    bus.handler(prices, ConfigChanged)(on_event)
    bus.handler(orders, ConfigChanged)(on_event)
    await bus.start()
    try:
        for eid in ("q1", "q2", "q1"):
            bus.publish_nowait(prices, "AAPL", ConfigChanged(version=1), event_id=eid)
        bus.publish_nowait(orders, "acct", ConfigChanged(version=2), event_id="o1")
        await bus.flush()
        await wait_until(lambda: {"q2", "o1"} <= set(applied), what="both topics handled")
        assert sorted(applied) == ["o1", "q1", "q2"]
        assert durable.seen_now("o1") and not durable.seen_now("q1")
        assert not durable.seen_now("q2")
    finally:
        await bus.stop()


async def test_bus_reports_how_long_a_message_took_to_arrive(bus_config, kafka_topics,
                                                              kafka_bootstrap):
    """delivery_seconds: from the message's Kafka CreateTime (set by its producer) to its
    handling. A message stamped a minute ago arrives a minute old; a fresh one does not."""
    import time

    from omni_core.bus import NoopBusMetrics

    class Recorder(NoopBusMetrics):
        def __init__(self) -> None:
            self.delivery: list[tuple[str, float]] = []

        def delivery_seconds(self, topic: str, seconds: float) -> None:
            self.delivery.append((topic, seconds))

    topic = kafka_topics["system-monitoring"]
    handled: list[str] = []
    rec = Recorder()
    bus = EventBus(bus_config(), _group(), metrics=rec)

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        handled.append(event.key)

    await bus.start()
    try:
        assert await bus.wait_assigned(30)
        old = Envelope(event_id=uuid.uuid4().hex, event_type=ConfigChanged.DESCRIPTOR.full_name,
                       payload=ConfigChanged(key="old").SerializeToString())
        raw = Producer({"bootstrap.servers": kafka_bootstrap})
        raw.produce(topic, old.SerializeToString(), b"k",
                    timestamp=int(time.time() * 1000) - 60_000)
        raw.flush(10)
        await wait_until(lambda: handled == ["old"])
        await bus.publish(topic, "k", ConfigChanged(key="new"))
        await wait_until(lambda: handled == ["old", "new"] and len(rec.delivery) >= 2)
    finally:
        await bus.stop()
    assert [t for t, _ in rec.delivery] == [topic] * len(rec.delivery)
    assert rec.delivery[0][1] >= 60.0
    assert 0.0 <= rec.delivery[-1][1] < 60.0
