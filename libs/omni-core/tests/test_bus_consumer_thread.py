"""confluent-kafka lets one thread at a time into a Consumer: a call made while another thread
waits in poll() waits for that poll. The bus makes every consumer call on the consumer's own
thread, so its event loop is never held for the fetch in flight. Here the handler yields for
a moment, so the next fetch is already waiting in poll (up to 3 s, for a message that does
not come) when the bus commits the batch: the loop keeps running its timers, and the commit
reaches the broker once that poll returns."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from confluent_kafka import Consumer, TopicPartition
from omni.control_plane.v1.events_pb2 import ConfigChanged
from omni_core.bus import EventBus, EventContext
from omni_testing.kafka import wait_until

POLL_TIMEOUT = 3.0


async def _most_late(interval: float, out: list[float]) -> None:
    loop = asyncio.get_running_loop()
    while True:
        due = loop.time() + interval
        await asyncio.sleep(interval)
        out[0] = max(out[0], loop.time() - due)


def _committed(bootstrap: str, group: str, topic: str) -> list[int]:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    try:
        return [tp.offset for tp in c.committed(
            [TopicPartition(topic, p) for p in range(4)], timeout=10) if tp.offset >= 0]
    finally:
        c.close()


async def test_commits_do_not_hold_the_loop_while_the_consumer_waits(bus_config, kafka_topics,
                                                                     kafka_bootstrap):
    topic = kafka_topics["system-monitoring"]
    group = f"bus-thread-{uuid.uuid4().hex[:8]}"
    bus = EventBus(bus_config(poll_timeout=POLL_TIMEOUT, commit_interval_ms=0), group)
    handled: list[str] = []

    @bus.handler(topic, ConfigChanged)
    async def on_config(event: ConfigChanged, ctx: EventContext) -> None:
        await asyncio.sleep(0.3)  # meanwhile the consumer thread enters the next poll
        handled.append(event.key)

    await bus.start()
    late = [0.0]
    ticker = asyncio.create_task(_most_late(0.01, late))
    try:
        assert await bus.wait_assigned(30)
        await bus.publish(topic, "k", ConfigChanged(key="a"))
        await wait_until(lambda: handled == ["a"], what="handled")
        await asyncio.sleep(1.0)
        ticker.cancel()
        assert late[0] < POLL_TIMEOUT / 5, f"the loop was held {late[0]:.2f} s"
        committed: list[int] = []
        for _ in range(40):
            committed = await asyncio.to_thread(_committed, kafka_bootstrap, group, topic)
            if committed:
                break
            await asyncio.sleep(0.5)
        assert committed == [1]  # the one message's partition, committed past it
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        await bus.stop()
