"""Kafka fixtures: a session-wide embedded broker, unique topics per test, a BusConfig builder.

    async def test_x(bus_config, kafka_topics, kafka_bootstrap):
        bus = EventBus(bus_config(), "svc-under-test")
        await bus.publish(kafka_topics["order-management"], "acct-1", event)

Set ``OMNI_TEST_KAFKA_BOOTSTRAP`` to run against another broker (e.g. a real Kafka).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from omni_core.bus import BusConfig
from omni_core.catalogue import TOPICS
from omni_core.embedded.broker import EmbeddedBroker, ensure_topics, wait_for_broker

__all__ = [
    "kafka_bootstrap",
    "kafka_topics",
    "bus_config",
    "read_topic",
    "unique_topic_names",
    "wait_until",
    "dead_letters",
]


def unique_topic_names(label: str = "t") -> dict[str, str]:
    """ARCHITECTURE topic name -> a fresh unique name (``<topic>.<label>.<8 hex>``)."""
    label = re.sub(r"[^A-Za-z0-9_-]+", "-", label)[:60].strip("-") or "t"
    suffix = uuid.uuid4().hex[:8]
    return {name: f"{name}.{label}.{suffix}" for name in TOPICS}


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap address of the test broker: $OMNI_TEST_KAFKA_BOOTSTRAP, or an embedded
    broker started once per session (per xdist worker)."""
    external = os.environ.get("OMNI_TEST_KAFKA_BOOTSTRAP")
    if external:
        wait_for_broker(external)
        yield external
        return
    broker = EmbeddedBroker(home=tmp_path_factory.mktemp("embedded-broker"))
    broker.start()
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def kafka_topics(kafka_bootstrap: str, request: pytest.FixtureRequest) -> dict[str, str]:
    """A mapping from each ARCHITECTURE §3 topic name to a unique per-test topic, created
    (1 partition each)."""
    names = unique_topic_names(request.node.name)
    ensure_topics(kafka_bootstrap, names.values(), partitions=1)
    return names


@pytest.fixture
def bus_config(kafka_bootstrap: str, kafka_topics: dict[str, str]) -> Callable[..., BusConfig]:
    """Builder of BusConfig for tests: the test broker, this test's dead-letter topic, a short
    fetch wait and quick retries. Keyword arguments override any field."""

    def build(**overrides: Any) -> BusConfig:
        fields: dict[str, Any] = {
            "bootstrap": kafka_bootstrap,
            "dead_letter_topic": kafka_topics["dead-letter"],
            "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01,
            "retry_backoff_max": 0.05,
            "commit_interval_ms": 100,
            "poll_timeout": 0.1,
        }
        fields.update(overrides)
        return BusConfig(**fields)

    return build


def read_topic(
    bootstrap: str, topic: str, count: int, timeout: float = 20.0, partitions: int = 1
) -> list[Any]:
    """Read the first `count` messages of `topic` from the beginning, without a consumer group
    (no join delay). Returns fewer if the timeout passes first."""
    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"read-{uuid.uuid4().hex[:8]}",
            "enable.auto.commit": False,
            "fetch.wait.max.ms": 5,
        }
    )
    try:
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(partitions)])
        out: list[Any] = []
        deadline = time.monotonic() + timeout
        while len(out) < count and time.monotonic() < deadline:
            for m in consumer.consume(count - len(out), 0.1):
                if m.error() is None:
                    out.append(m)
        return out
    finally:
        consumer.close()


async def wait_until(
    cond: Callable[[], bool], timeout: float = 30.0, what: str = ""  # noqa: ASYNC109
) -> None:
    """Poll `cond` every 10 ms until it is true. The timeout is a safety net against a hung
    test, never the thing under test."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not cond():
        if loop.time() > deadline:
            raise AssertionError(f"condition not reached within {timeout}s: {what or cond}")
        await asyncio.sleep(0.01)


def dead_letters(messages: list[Any]) -> list[Any]:
    """Decode messages read from a dead-letter topic into `omni.common.v1.DeadLetter`s."""
    from omni_core.envelope import decode, unpack

    out = []
    for m in messages:
        env = decode(m.value())
        if env.event_type != "omni.common.v1.DeadLetter":
            raise AssertionError(f"not a dead letter: {env.event_type}")
        out.append(unpack(env))
    return out
