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
from omni_core.runtime_watch import watch_loop_lag
from omni_testing.kafka import wait_until
from prometheus_client import CollectorRegistry, Histogram

POLL_TIMEOUT = 3.0


class _Stalls:
    """A logger that keeps the stalls watch_loop_lag reports."""

    def __init__(self) -> None:
        self.lags_ms: list[float] = []

    def warning(self, _msg: str, **fields: float) -> None:
        self.lags_ms.append(fields["lag_ms"])


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
    stalls = _Stalls()
    ticker = asyncio.create_task(watch_loop_lag(
        Histogram("lag_seconds", "test", registry=CollectorRegistry()), interval=0.01,
        log_above=POLL_TIMEOUT / 5, log=stalls))
    try:
        assert await bus.wait_assigned(30)
        await bus.publish(topic, "k", ConfigChanged(key="a"))
        await wait_until(lambda: handled == ["a"], what="handled")
        await asyncio.sleep(1.0)
        ticker.cancel()
        assert stalls.lags_ms == [], f"the loop was held {stalls.lags_ms} ms"
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
