"""`EventBus`: the kit's Kafka client. One confluent-kafka producer and ONE consumer per service
(group = service name) for all the topics it handles.

    bus = EventBus(BusConfig(bootstrap=...), "order-manager")

    @bus.handler("order-management", OrderSubmitted)
    async def on_submitted(event: OrderSubmitted, ctx: EventContext) -> None: ...

    await bus.start()
    event_id = await bus.publish("order-management", account_id, OrderAccepted(...))
    bus.publish_nowait("market-data-stream", instrument_id, quote)   # hot path, no await
    await bus.stop()

Semantics
- Every value is an `omni.common.v1.Envelope`; headers carry ``event-type``, ``event-id`` and
  ``traceparent`` too.
- At least once: an offset is committed only after its message was handled (or skipped, or
  dead-lettered). Offsets are committed asynchronously every ``commit_interval_ms``, on
  partition revocation and on stop (synchronously).
- Idempotent by event id: a `Deduplicator` (default: bounded in-memory id memory) skips events
  already handled; pass a shared, durable one (Redis/DB) to survive restarts.
- Handlers are per (topic, event type); other event types on a subscribed topic are skipped
  (counted as ``skipped``, not dead-lettered).
- A handler that raises is retried with exponential backoff up to ``max_retries`` times, then
  the message goes to ``dead-letter`` as `omni.common.v1.DeadLetter` (stage "handler") and the
  consumer goes on. `PermanentError` skips the retries. Undecodable messages go straight to
  dead-letter (stage "decode"). Dead-letter key = source topic.
- Messages of one partition are handled strictly in order; different partitions of a batch are
  handled concurrently.

Hot-path cost (see bench/bus.py): the consumer fetches batches in a dedicated thread and the
next batch is fetched while the current one is handled on the event loop; per message the kit
does one envelope parse, one payload parse, a dict lookup for the route, one dict probe and one
store for dedupe, a context built without ``__init__`` (topic/partition/offset/key are read
from the Kafka message only when asked for) and one ``await`` of the handler coroutine; the
offset is read once per partition per batch, counts and timings are reported once per batch.
A batch of one partition (the usual case) is handled in the consume task itself, several
partitions concurrently, each strictly in order. Publishing costs ~6 µs (UUIDv7, envelope,
serialization, headers). No per-message logging; spans per message only when tracing records
(see `omni_core.tracing`); retries, dead-letters and trace context leave the flat path.

Two librdkafka traps the bus avoids: ``consume(n, timeout)`` waits for n messages OR the
timeout, so at low rates the timeout became latency (~50 ms p50 instead of ~5 ms); and
``fetch.queue.backoff.ms`` (default 1000) idles a consumer that drains its local queue faster
than the fetcher refills it (throughput halved). And one of confluent-kafka's: it lets one
thread at a time into a Consumer, so a commit, seek or offset query made on the event loop
while the consumer thread waits in ``poll`` would hold the loop until that poll returns (up to
``poll_timeout``, 250 ms, when no message comes). Every consumer call therefore runs on the
consumer's own thread, queued behind the fetch in flight; the loop never waits for one.

Broker caveat (Tansu, the embedded broker): its high watermark is wrong after multi-record
batches, so `lag()` is approximate there; it is clamped at zero and never negative.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from confluent_kafka import (
    TIMESTAMP_CREATE_TIME,
    Consumer,
    KafkaError,
    KafkaException,
    Producer,
    TopicPartition,
)
from confluent_kafka import Message as KafkaMessage
from google.protobuf.message import Message
from omni.common.v1.envelope_pb2 import DeadLetter, Envelope
from opentelemetry import context as otel_context
from opentelemetry import trace

from omni_core import tracing as _tracing
from omni_core.ids import new_id

__all__ = [
    "BusConfig",
    "BusError",
    "BusMetrics",
    "BusStats",
    "Deduplicator",
    "EventBus",
    "EventContext",
    "Handler",
    "InMemoryDeduplicator",
    "NoopBusMetrics",
    "PermanentError",
    "HEADER_EVENT_TYPE",
    "HEADER_EVENT_ID",
    "HEADER_TRACEPARENT",
]

HEADER_EVENT_TYPE = "event-type"
HEADER_EVENT_ID = "event-id"
HEADER_TRACEPARENT = "traceparent"
HEADER_TRACESTATE = "tracestate"

_UTC = UTC
_get_current_span = trace.get_current_span
_KAFKA_LOG = logging.getLogger("omni_core.kafka")
_time_ns = time.time_ns
_SAMPLED_LAST_HEX = frozenset("13579bdf")  # traceparent flags with the sampled bit set


class BusError(RuntimeError):
    """The bus cannot do what was asked (not started, broker unreachable, delivery failed)."""


class PermanentError(Exception):
    """Raised by a handler for a message that will never succeed: dead-lettered at once."""


# --- configuration -----------------------------------------------------------------------------


@dataclass(slots=True)
class BusConfig:
    """Bus settings. Defaults suit the embedded broker (Tansu) on one machine; `Settings`
    builds this for other profiles."""

    bootstrap: str = "127.0.0.1:9092"
    # How long a fetch waits on the broker for data. Tansu does not cut a waiting fetch short
    # when data arrives, so this is the per-hop latency floor (~wait/2). 5 ms on hot paths
    # (never 1-2: it stalls); each idle consumer at 5 ms costs ~5% of a core, hence 100 here.
    fetch_wait_max_ms: int = 100
    # Group join takes ~23 s on Tansu with the Kafka default (45 s); ~1 s at <= 2000.
    session_timeout_ms: int = 2000
    heartbeat_interval_ms: int = 500
    max_poll_interval_ms: int = 300_000
    max_retries: int = 3  # retries after the first attempt, before dead-letter
    retry_backoff_initial: float = 0.05  # seconds, doubled per retry
    retry_backoff_max: float = 2.0
    dead_letter_topic: str = "dead-letter"
    consumer_batch_size: int = 1000
    # librdkafka stops fetching while its local queue is over queued.min.messages and looks
    # again after this backoff (default 1000 ms): a consumer that drains the queue faster than
    # that then sits idle (measured: 120k/s instead of 300k+/s). 10 ms keeps the pipe full.
    fetch_queue_backoff_ms: int = 10
    poll_timeout: float = 0.25  # seconds one consume() call may block (bounds stop latency)
    auto_offset_reset: str = "earliest"  # a new group misses nothing
    commit_interval_ms: int = 500
    group_id: str | None = None  # default: the service name
    linger_ms: int = 2
    # One request in flight per connection keeps per-key order across retries (the broker
    # cannot do idempotent producers, which would otherwise guarantee it).
    strict_ordering: bool = True
    enable_idempotence: bool = False  # Tansu: idempotent producers fail
    dedupe_capacity: int = 100_000
    delivery_timeout_ms: int = 30_000
    # librdkafka overrides: `extra` applies to producer and consumer, the others to one side.
    extra: dict[str, Any] = field(default_factory=dict)
    producer_overrides: dict[str, Any] = field(default_factory=dict)
    consumer_overrides: dict[str, Any] = field(default_factory=dict)

    def producer_config(self, client_id: str) -> dict[str, Any]:
        conf: dict[str, Any] = {
            "bootstrap.servers": self.bootstrap,
            "client.id": client_id,
            "acks": "all",
            "enable.idempotence": self.enable_idempotence,
            "linger.ms": self.linger_ms,
            "batch.num.messages": 10_000,
            "queue.buffering.max.messages": 1_000_000,
            "queue.buffering.max.kbytes": 1_048_576,
            "delivery.timeout.ms": self.delivery_timeout_ms,
            "socket.nagle.disable": True,
        }
        if self.strict_ordering and not self.enable_idempotence:
            conf["max.in.flight.requests.per.connection"] = 1
        conf.update(self.extra)
        conf.update(self.producer_overrides)
        return conf

    def consumer_config(self, group_id: str, client_id: str) -> dict[str, Any]:
        conf: dict[str, Any] = {
            "bootstrap.servers": self.bootstrap,
            "group.id": group_id,
            "client.id": client_id,
            "enable.auto.commit": False,
            "enable.auto.offset.store": False,
            "auto.offset.reset": self.auto_offset_reset,
            "session.timeout.ms": self.session_timeout_ms,
            "heartbeat.interval.ms": self.heartbeat_interval_ms,
            "max.poll.interval.ms": self.max_poll_interval_ms,
            "fetch.wait.max.ms": self.fetch_wait_max_ms,
            "fetch.queue.backoff.ms": self.fetch_queue_backoff_ms,
            "enable.partition.eof": False,
            "socket.nagle.disable": True,
        }
        conf.update(self.extra)
        conf.update(self.consumer_overrides)
        return conf


# --- handler context ---------------------------------------------------------------------------


class EventContext:
    """What a handler knows about the message besides the event itself."""

    __slots__ = ("envelope", "topic", "partition", "offset", "key", "attempt")

    def __init__(
        self,
        envelope: Envelope,
        topic: str,
        partition: int,
        offset: int,
        key: bytes | None,
        attempt: int = 1,
    ) -> None:
        self.envelope = envelope
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.attempt = attempt

    @property
    def event_id(self) -> str:
        return self.envelope.event_id

    @property
    def event_type(self) -> str:
        return self.envelope.event_type

    @property
    def tenant_id(self) -> str:
        return self.envelope.tenant_id

    @property
    def source_service(self) -> str:
        return self.envelope.source_service

    @property
    def traceparent(self) -> str:
        return self.envelope.traceparent

    @property
    def tracestate(self) -> str:
        return self.envelope.tracestate

    @property
    def produced_at(self) -> datetime:
        ts = self.envelope.produced_at
        return datetime.fromtimestamp(ts.seconds, _UTC).replace(microsecond=ts.nanos // 1000)

    @property
    def produced_at_ns(self) -> int:
        ts = self.envelope.produced_at
        return ts.seconds * 1_000_000_000 + ts.nanos

    @property
    def key_str(self) -> str | None:
        return None if self.key is None else self.key.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return (
            f"EventContext({self.event_type} id={self.event_id} {self.topic}"
            f"[{self.partition}]@{self.offset} attempt={self.attempt})"
        )


class _MsgContext(EventContext):
    """The consumer's EventContext: built without ``__init__`` (three slot stores per
    message); topic, partition, offset and key are read from the Kafka message on access."""

    __slots__ = ("_msg",)

    @property  # type: ignore[override]
    def topic(self) -> str:
        return self._msg.topic()

    @property  # type: ignore[override]
    def partition(self) -> int:
        return self._msg.partition()

    @property  # type: ignore[override]
    def offset(self) -> int:
        return self._msg.offset()

    @property  # type: ignore[override]
    def key(self) -> bytes | None:
        return self._msg.key()


_new_ctx = object.__new__


Handler = Callable[[Any, EventContext], Awaitable[None]]


# --- dedupe ------------------------------------------------------------------------------------


@runtime_checkable
class Deduplicator(Protocol):
    """Remembers handled event ids. `seen` is asked before a handler runs, `mark` after it
    succeeded. Implementations backed by Redis or the service database make the guarantee
    survive restarts and hold across replicas."""

    async def seen(self, event_id: str) -> bool: ...

    async def mark(self, event_id: str) -> None: ...

    # Optional: ``async def seen_many(self, event_ids: Iterable[str]) -> set[str]`` (the ids
    # already handled). When present the bus asks it once per batch instead of `seen` per
    # message (`omni_core.db.DbDeduplicator` has it).


class InMemoryDeduplicator:
    """Bounded memory of event ids: remembers at least the last `capacity` ids (default 100k)
    and at most twice that (~15-30 MB). One plain dict in insertion order: a probe is one dict
    lookup, a mark one store; when it holds 2 x capacity ids the oldest half is dropped in one
    sequential rebuild (cheaper than an LRU's per-id bookkeeping, and one probe per message
    instead of two for generations). Forgets on restart: a redelivery after a crash is caught
    only if the restarted bus is handed the same instance, or a durable Deduplicator is
    used."""

    __slots__ = ("capacity", "_ids")

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = max(1, capacity)
        self._ids: dict[str, None] = {}

    def seen_now(self, event_id: str) -> bool:
        return event_id in self._ids

    def mark_now(self, event_id: str) -> None:
        ids = self._ids
        ids[event_id] = None
        if len(ids) >= 2 * self.capacity:
            self._trim()

    def _trim(self) -> None:
        """Keep the newest `capacity` ids (dicts keep insertion order). In place: the bus's
        partition handlers hold a reference to the dict while a batch runs."""
        ids = self._ids
        drop = len(ids) - self.capacity
        if drop > 0:
            keep = list(itertools.islice(ids, drop, None))
            ids.clear()
            ids.update(dict.fromkeys(keep))

    async def seen(self, event_id: str) -> bool:
        return event_id in self._ids

    async def mark(self, event_id: str) -> None:
        self.mark_now(event_id)

    def __len__(self) -> int:
        return len(self._ids)


# --- metrics -----------------------------------------------------------------------------------


@runtime_checkable
class BusMetrics(Protocol):
    """What the bus reports; `omni_core.metrics` implements it with Prometheus. Called once
    per batch (counts aggregated), never per message.

    - ``messages_consumed{topic,event_type,outcome}`` counter; outcome is one of
      ok, duplicate, skipped, dead_lettered, retried (retries count attempts), decode_error
    - ``messages_published{topic}`` counter
    - ``handle_seconds{topic,event_type}`` histogram: mean handling time per message of a batch
    - ``consumer_lag`` gauge (approximate on Tansu, never negative)
    - ``delivery_seconds{topic}`` histogram, once per batch and partition: from the producer
      creating the batch's first message (its Kafka CreateTime) to the batch being handled,
      i.e. the broker hop plus the wait in this consumer (milliseconds resolution)
    """

    def messages_consumed(self, topic: str, event_type: str, outcome: str, count: int) -> None: ...

    def messages_published(self, topic: str, count: int) -> None: ...

    def handle_seconds(self, topic: str, event_type: str, seconds: float, count: int) -> None: ...

    def consumer_lag(self, lag: int) -> None: ...

    def delivery_seconds(self, topic: str, seconds: float) -> None: ...


class NoopBusMetrics:
    def messages_consumed(self, topic: str, event_type: str, outcome: str, count: int) -> None:
        pass

    def messages_published(self, topic: str, count: int) -> None:
        pass

    def handle_seconds(self, topic: str, event_type: str, seconds: float, count: int) -> None:
        pass

    def consumer_lag(self, lag: int) -> None:
        pass

    def delivery_seconds(self, topic: str, seconds: float) -> None:
        pass


@dataclass(slots=True)
class BusStats:
    processed: int = 0
    failed: int = 0  # handler attempts that raised (each retry counts)
    dead_lettered: int = 0
    duplicates: int = 0
    skipped: int = 0  # event types with no handler on that topic
    decode_errors: int = 0
    published: int = 0
    publish_errors: int = 0
    consumer_errors: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


# --- the bus -----------------------------------------------------------------------------------


class _Route:
    __slots__ = ("topic", "cls", "event_type", "fn", "n", "seconds")

    def __init__(self, topic: str, cls: type[Message], fn: Handler) -> None:
        self.topic = topic
        self.cls = cls
        self.event_type = cls.DESCRIPTOR.full_name
        self.fn = fn
        self.n = 0
        self.seconds = 0.0


_ABORT = object()  # a partition group stopped early (stop requested / dead-letter failed)
_msg_partition = KafkaMessage.partition
_msg_topic = KafkaMessage.topic


def _fetch_batch(consumer: Consumer, batch: int, timeout: float) -> list[Any]:
    """Up to `batch` messages, returning as soon as at least one is there.

    ``consume(n, timeout)`` alone waits until n messages arrived OR the timeout passed, which
    at a low rate turns the timeout into latency. So: take what is already queued without
    waiting; if nothing, block for the first message only, then take what queued behind it."""
    msgs = consumer.consume(batch, 0)
    if msgs:
        return msgs
    first = consumer.poll(timeout)
    if first is None:
        return []
    msgs = consumer.consume(batch - 1, 0) if batch > 1 else []
    msgs.insert(0, first)
    return msgs


def _header_event_ids(msgs: list[Any]) -> list[str]:
    ids: list[str] = []
    for m in msgs:
        if m.error() is not None:
            continue
        for k, v in m.headers() or ():
            if k == HEADER_EVENT_ID:
                if v:
                    ids.append(v.decode("utf-8", "replace") if isinstance(v, bytes) else v)
                break
    return ids


def _set_future(fut: asyncio.Future[Any], err: Any) -> None:
    if fut.done():
        return
    if err is None:
        fut.set_result(None)
    else:
        fut.set_exception(BusError(f"delivery failed: {err}"))


class EventBus:
    def __init__(
        self,
        config: BusConfig,
        service_name: str,
        *,
        tenant_id: str = "default",
        metrics: BusMetrics | None = None,
        dedupe: Deduplicator | None = None,
        memory_dedupe_topics: Iterable[str] = (),
        logger: Any = None,
    ) -> None:
        self.config = config
        self.service_name = service_name
        self.tenant_id = tenant_id
        self.metrics: BusMetrics = metrics if metrics is not None else NoopBusMetrics()
        self.dedupe: Deduplicator = (
            dedupe if dedupe is not None else InMemoryDeduplicator(config.dedupe_capacity)
        )
        # topics whose replays are harmless (latest-value prices): remembered in memory even
        # when `dedupe` is durable, so a burst of quotes costs no database write per message
        self.memory_dedupe_topics = frozenset(memory_dedupe_topics)
        self._memory_dedupe = (
            self.dedupe if type(self.dedupe) is InMemoryDeduplicator
            else InMemoryDeduplicator(config.dedupe_capacity)
        )
        self._log = logger if logger is not None else logging.getLogger("omni_core.bus")
        self.stats = BusStats()
        self._routes: dict[str, dict[str, _Route]] = {}
        self._producer: Producer | None = None
        self._consumer: Consumer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._consume_task: asyncio.Task[None] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._poll_thread: threading.Thread | None = None
        self._running = False
        self._stopping = False
        self._pending: dict[tuple[str, int], int] = {}  # next offset to commit per partition
        self._last_commit = 0.0
        self._committed: dict[tuple[str, int], int] = {}
        self._rewound: dict[tuple[str, int], int] = {}  # partition -> offset it was sought to
        self._assigned: set[tuple[str, int]] = set()
        self.last_lag = 0  # lag() as last measured on the consumer thread
        self._assigned_event = asyncio.Event()
        self._header_cache: dict[str, tuple[str, bytes]] = {}
        self._published_by_topic: dict[str, int] = {}
        self.client_id = f"{service_name}-{os.getpid()}"

    # registration ------------------------------------------------------------------------

    def subscribe(self, topic: str, event_type: type[Message], fn: Handler) -> None:
        """Handle events of `event_type` arriving on `topic` with ``await fn(event, ctx)``."""
        if self._running:
            raise BusError("subscribe before start()")
        if not (isinstance(event_type, type) and issubclass(event_type, Message)):
            raise TypeError(f"event_type must be a generated protobuf class, not {event_type!r}")
        if not asyncio.iscoroutinefunction(fn):
            raise TypeError(f"handler {fn!r} must be an async function")
        routes = self._routes.setdefault(topic, {})
        name = event_type.DESCRIPTOR.full_name
        if name in routes:
            raise BusError(f"a handler for {name} on {topic!r} is already registered")
        routes[name] = _Route(topic, event_type, fn)

    def handler(self, topic: str, event_type: type[Message]) -> Callable[[Handler], Handler]:
        """Decorator form of `subscribe`."""

        def register(fn: Handler) -> Handler:
            self.subscribe(topic, event_type, fn)
            return fn

        return register

    @property
    def topics(self) -> list[str]:
        return list(self._routes)

    @property
    def running(self) -> bool:
        return self._running

    # lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Create the producer and (if there are handlers) the one consumer, and start the
        poll loop. Returns without waiting for the group join (see `wait_assigned`)."""
        if self._running:
            return
        self._loop = asyncio.get_running_loop()
        self._stopping = False
        pconf = self.config.producer_config(self.client_id)
        pconf.setdefault("error_cb", self._on_client_error)
        pconf.setdefault("logger", _KAFKA_LOG)  # librdkafka logs through logging, not stderr
        pconf.setdefault("on_delivery", self._on_nowait_delivery)
        if pconf["on_delivery"] is None:  # opt out of delivery reports for publish_nowait
            del pconf["on_delivery"]
        self._producer = Producer(pconf)
        self._poll_thread = threading.Thread(
            target=self._poll_producer, name=f"bus-producer-{self.service_name}", daemon=True
        )
        self._running = True
        self._poll_thread.start()
        if self._routes:
            group = self.config.group_id or self.service_name
            cconf = self.config.consumer_config(group, self.client_id)
            cconf.setdefault("error_cb", self._on_client_error)
            cconf.setdefault("logger", _KAFKA_LOG)
            try:
                self._consumer = Consumer(cconf)
                self._consumer.subscribe(
                    list(self._routes), on_assign=self._on_assign, on_revoke=self._on_revoke,
                    on_lost=self._on_revoke,
                )
            except Exception as exc:
                await self.stop()
                raise BusError(f"cannot create the consumer: {exc}") from exc
            self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"bus-consumer-{group}")
            self._consume_task = asyncio.create_task(
                self._consume_loop(), name=f"bus-consume-{self.service_name}"
            )

    async def wait_assigned(self, timeout: float = 30.0) -> bool:  # noqa: ASYNC109
        """Wait until the consumer has been assigned partitions (group joined)."""
        if self._consumer is None:
            return True
        try:
            await asyncio.wait_for(self._assigned_event.wait(), timeout)
            return True
        except TimeoutError:
            return False

    async def stop(self, *, commit: bool = True, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Finish the batch in hand, commit, close the consumer, flush the producer.
        ``commit=False`` abandons uncommitted offsets, as a crash would (for tests)."""
        if not self._running:
            return
        self._stopping = True
        task, self._consume_task = self._consume_task, None
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            except Exception as exc:  # the loop died earlier; already logged
                self._log.warning(f"bus consumer loop ended with {exc!r}")
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            if commit:
                with contextlib.suppress(Exception):
                    await asyncio.to_thread(self._commit_sync, consumer)
            else:
                self._pending.clear()
            if self._executor is not None:  # no consume() may run while closing
                await asyncio.to_thread(self._executor.shutdown, True)
                self._executor = None
            await asyncio.to_thread(consumer.close)
        producer = self._producer
        if producer is not None:
            remaining = await asyncio.to_thread(producer.flush, timeout)
            if remaining:
                self._log.warning(f"bus stop: {remaining} messages not delivered")
        self._running = False
        if self._poll_thread is not None:
            await asyncio.to_thread(self._poll_thread.join, 2.0)
            self._poll_thread = None
        self._producer = None
        self._assigned.clear()
        self._assigned_event = asyncio.Event()

    async def __aenter__(self) -> EventBus:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

    # publishing ----------------------------------------------------------------------------

    def _envelope(
        self, event: Message, tenant_id: str | None, event_id: str | None
    ) -> tuple[Envelope, list[tuple[str, Any]]]:
        eid = event_id or new_id()
        desc_name = event.DESCRIPTOR.full_name
        type_header = self._header_cache.get(desc_name)
        if type_header is None:
            type_header = self._header_cache[desc_name] = (HEADER_EVENT_TYPE, desc_name.encode())
        sc = _get_current_span().get_span_context()
        if sc.is_valid:
            tp = f"00-{sc.trace_id:032x}-{sc.span_id:016x}-{sc.trace_flags:02x}"
            ts = sc.trace_state.to_header() if sc.trace_state else ""
            headers = [type_header, (HEADER_EVENT_ID, eid), (HEADER_TRACEPARENT, tp)]
            if ts:
                headers.append((HEADER_TRACESTATE, ts))
        else:
            tp = ts = ""
            headers = [type_header, (HEADER_EVENT_ID, eid)]
        ns = _time_ns()
        env = Envelope(
            event_id=eid,
            event_type=desc_name,
            tenant_id=tenant_id or self.tenant_id,
            source_service=self.service_name,
            traceparent=tp,
            tracestate=ts,
            payload=event.SerializeToString(),
        )
        pa = env.produced_at
        pa.seconds = ns // 1_000_000_000
        pa.nanos = ns % 1_000_000_000
        return env, headers

    def _produce(self, topic: str, key: Any, value: bytes, headers: Any, cb: Any = None) -> None:
        producer = self._producer
        if producer is None:
            raise BusError("bus not started")
        try:
            if cb is None:
                producer.produce(topic, value, key, headers=headers)
            else:
                producer.produce(topic, value, key, headers=headers, on_delivery=cb)
        except BufferError:
            # local queue full: let deliveries drain (blocks briefly: back-pressure)
            deadline = time.monotonic() + self.config.delivery_timeout_ms / 1000
            while True:
                producer.poll(0.01)
                try:
                    if cb is None:
                        producer.produce(topic, value, key, headers=headers)
                    else:
                        producer.produce(topic, value, key, headers=headers, on_delivery=cb)
                    break
                except BufferError:
                    if time.monotonic() > deadline:
                        raise BusError("producer queue full") from None
        except KafkaException as exc:
            raise BusError(f"cannot publish to {topic!r}: {exc}") from None

    def _maybe_span(self, topic: str) -> Any:
        if _tracing._recording and trace.get_current_span().is_recording():
            return _tracing.get_tracer().start_as_current_span(
                f"{topic} publish",
                kind=trace.SpanKind.PRODUCER,
                attributes={"messaging.system": "kafka", "messaging.destination.name": topic},
            )
        return None

    def publish_nowait(
        self,
        topic: str,
        key: str | bytes | None,
        event: Message,
        *,
        tenant_id: str | None = None,
        event_id: str | None = None,
    ) -> str:
        """Queue an event for delivery and return its event id at once (hot path). Delivery
        failures are counted in ``stats.publish_errors`` and logged."""
        if _tracing._recording:
            span_cm = self._maybe_span(topic)
            if span_cm is not None:
                with span_cm:
                    env, headers = self._envelope(event, tenant_id, event_id)
                    self._produce(topic, key, env.SerializeToString(), headers)
                self._published_by_topic[topic] = self._published_by_topic.get(topic, 0) + 1
                return env.event_id
        env, headers = self._envelope(event, tenant_id, event_id)
        try:
            self._producer.produce(topic, env.SerializeToString(), key, headers=headers)
        except (BufferError, KafkaException, AttributeError):
            # queue full (back-pressure), broker-side error, or not started: the slow path
            self._produce(topic, key, env.SerializeToString(), headers)
        counts = self._published_by_topic
        counts[topic] = counts.get(topic, 0) + 1
        return env.event_id

    async def publish(
        self,
        topic: str,
        key: str | bytes | None,
        event: Message,
        *,
        tenant_id: str | None = None,
        event_id: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> str:
        """Publish and wait until the broker acknowledged it (acks=all). Returns the event id;
        raises BusError when delivery fails."""
        loop = self._loop or asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()

        def on_delivery(err: Any, msg: Any) -> None:
            loop.call_soon_threadsafe(_set_future, fut, err)

        span_cm = self._maybe_span(topic) if _tracing._recording else None
        if span_cm is not None:
            with span_cm:
                env, headers = self._envelope(event, tenant_id, event_id)
                self._produce(topic, key, env.SerializeToString(), headers, on_delivery)
        else:
            env, headers = self._envelope(event, tenant_id, event_id)
            self._produce(topic, key, env.SerializeToString(), headers, on_delivery)
        try:
            await asyncio.wait_for(fut, timeout or self.config.delivery_timeout_ms / 1000 + 5)
        except BusError:
            self.stats.publish_errors += 1
            raise
        except TimeoutError:
            self.stats.publish_errors += 1
            raise BusError(f"delivery to {topic!r} not confirmed in time") from None
        self._published_by_topic[topic] = self._published_by_topic.get(topic, 0) + 1
        return env.event_id

    async def flush(self, timeout: float = 5) -> int:  # noqa: ASYNC109
        """Wait until queued messages are delivered; returns how many are still queued."""
        if self._producer is None:
            return 0
        remaining = await asyncio.to_thread(self._producer.flush, timeout)
        self._report_published()
        return remaining

    async def ping(self, timeout: float = 2) -> bool:  # noqa: ASYNC109
        """Readiness: does the broker answer a metadata request?"""
        client: Any = self._producer
        if client is None:
            from confluent_kafka.admin import AdminClient

            client = AdminClient({"bootstrap.servers": self.config.bootstrap})
        try:
            await asyncio.to_thread(client.list_topics, timeout=timeout)
            return True
        except Exception:
            return False

    def _report_published(self) -> None:
        counts, self._published_by_topic = self._published_by_topic, {}
        total = 0
        for topic, n in counts.items():
            total += n
            self.metrics.messages_published(topic, n)
        self.stats.published += total

    def _poll_producer(self) -> None:
        last_report = time.monotonic()
        while self._running:
            producer = self._producer
            if producer is None:
                break
            try:
                producer.poll(0.05)
            except Exception as exc:  # a callback raised: keep polling
                self._log.warning(f"bus producer poll: {exc!r}")
            now = time.monotonic()
            if now - last_report > 1.0 and self._published_by_topic:
                last_report = now
                loop = self._loop
                if loop is not None and not loop.is_closed():
                    with contextlib.suppress(RuntimeError):
                        loop.call_soon_threadsafe(self._report_published)

    def _on_nowait_delivery(self, err: Any, msg: Any) -> None:
        if err is not None:
            self.stats.publish_errors += 1
            self._log.warning(f"bus delivery to {msg.topic()!r} failed: {err}")

    def _on_client_error(self, err: Any) -> None:
        self.stats.consumer_errors += 1
        if getattr(err, "fatal", lambda: False)():
            self._log.error(f"bus fatal client error: {err}")

    # consuming -----------------------------------------------------------------------------

    def _on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        for tp in partitions:
            self._assigned.add((tp.topic, tp.partition))
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._assigned_event.set)

    def _on_revoke(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        # Runs inside consume(), in the consumer thread: commit what was handled so the next
        # owner starts right after it.
        revoked = {(tp.topic, tp.partition) for tp in partitions}
        offsets = [
            TopicPartition(t, p, o)
            for (t, p), o in list(self._pending.items())
            if (t, p) in revoked
        ]
        if offsets:
            with contextlib.suppress(Exception):
                consumer.commit(offsets=offsets, asynchronous=False)
        for key in revoked:
            self._pending.pop(key, None)
            self._committed.pop(key, None)
            self._rewound.pop(key, None)
            self._assigned.discard(key)

    def _commit_sync(self, consumer: Consumer) -> None:
        pending = list(self._pending.items())
        if pending:
            consumer.commit(
                offsets=[TopicPartition(t, p, o) for (t, p), o in pending], asynchronous=False
            )

    def _commit_async(self) -> None:
        """Commit what was handled since the last commit; the call itself goes to the
        consumer thread."""
        self._last_commit = time.monotonic()
        committed = self._committed
        pending = [(k, o) for k, o in list(self._pending.items()) if committed.get(k) != o]
        if self._consumer is None or not pending:
            return
        committed.update(pending)
        self._on_consumer_thread(
            self._send_commit, [TopicPartition(t, p, o) for (t, p), o in pending]
        )

    def _send_commit(self, offsets: list[TopicPartition]) -> None:
        consumer = self._consumer
        if consumer is None:
            return
        try:
            consumer.commit(offsets=offsets, asynchronous=True)
        except KafkaException as exc:
            if exc.args[0].code() != KafkaError._NO_OFFSET:
                self._log.warning(f"bus commit failed: {exc}")

    def _on_consumer_thread(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run a consumer call on the consumer's thread, after the fetch in flight, without
        waiting for it (see the module notes: a Consumer admits one thread at a time)."""
        executor = self._executor
        if executor is None:
            return
        with contextlib.suppress(RuntimeError):  # shut down: the bus is stopping
            executor.submit(self._logged, fn, *args)

    def _logged(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:
            self._log.warning(f"bus consumer call {getattr(fn, '__name__', fn)} failed: {exc!r}")

    def _measure_lag(self) -> None:
        self.last_lag = self.lag()
        self.metrics.consumer_lag(self.last_lag)

    async def _consume_loop(self) -> None:
        """Fetch in the consumer thread, handle on the loop. The next batch is fetched while
        the current one is handled (librdkafka's dequeue runs without the GIL), so fetching
        and handling overlap; batches are still handled strictly one after the other."""
        loop = asyncio.get_running_loop()
        consumer = self._consumer
        assert consumer is not None and self._executor is not None
        fetch = _fetch_batch
        batch = self.config.consumer_batch_size
        timeout = self.config.poll_timeout
        commit_every = self.config.commit_interval_ms / 1000
        executor = self._executor
        last_lag = 0.0
        self._last_commit = time.monotonic()
        fut = loop.run_in_executor(executor, fetch, consumer, batch, timeout)
        try:
            while True:
                try:
                    msgs = await fut
                except Exception as exc:
                    if self._stopping:
                        break
                    self.stats.consumer_errors += 1
                    self._log.warning(f"bus consume failed: {exc!r}")
                    await asyncio.sleep(0.5)
                    fut = loop.run_in_executor(executor, fetch, consumer, batch, timeout)
                    continue
                if self._stopping:
                    break  # a prefetched batch is left unhandled and uncommitted: redelivered
                fut = loop.run_in_executor(executor, fetch, consumer, batch, timeout)
                if msgs:
                    try:
                        await self._handle_batch(msgs)
                    except Exception as exc:  # e.g. a Redis-backed dedupe is down
                        self.stats.consumer_errors += 1
                        self._log.error(f"bus batch failed, will retry it: {exc!r}")
                        self._rewind_batch(msgs)
                        await asyncio.sleep(self.config.retry_backoff_max)
                now = time.monotonic()
                if self._pending and now - self._last_commit >= commit_every:
                    self._commit_async()
                if now - last_lag >= 5.0:
                    last_lag = now
                    self._on_consumer_thread(self._measure_lag)
        finally:
            if not fut.done():  # never leave consume() running when the consumer closes
                with contextlib.suppress(BaseException):
                    await asyncio.shield(fut)

    async def _handle_batch(self, msgs: list[Any]) -> None:
        # Nearly every batch holds one partition: two C-level passes tell (no tuple per message)
        if len(set(map(_msg_partition, msgs))) == 1 and (
            len(self._routes) == 1 or len(set(map(_msg_topic, msgs))) == 1
        ):
            groups: Any = None
        else:
            groups = {}
            for m in msgs:
                k = (m.topic(), m.partition())
                g = groups.get(k)
                if g is None:
                    groups[k] = [m]
                else:
                    g.append(m)
        now_ms = time.time() * 1000
        for m in (msgs,) if groups is None else groups.values():
            kind, created_ms = m[0].timestamp()
            if kind == TIMESTAMP_CREATE_TIME and created_ms > 0:
                self.metrics.delivery_seconds(m[0].topic(), max(0.0, now_ms - created_ms) / 1000)
        touched: set[_Route] = set()
        if groups is None or len(groups) == 1:
            await self._handle_partition(msgs, touched)
        else:
            await asyncio.gather(*(self._handle_partition(g, touched) for g in groups.values()))
        metrics = self.metrics
        stats = self.stats
        for route in touched:
            if route.n:
                metrics.messages_consumed(route.topic, route.event_type, "ok", route.n)
                metrics.handle_seconds(
                    route.topic, route.event_type, route.seconds / route.n, route.n
                )
                stats.processed += route.n
                route.n = 0
                route.seconds = 0.0

    async def _handle_partition(self, msgs: list[Any], touched: set[_Route]) -> None:
        """Handle the messages of ONE partition, strictly in order. The per-message path is
        kept flat on purpose (locals, no helper calls, inline dedupe probe, a context built
        without __init__, the offset read once per batch): it is the kit's consume cost per
        message. Failures, retries, dead-letters and tracing leave the flat path."""
        first = msgs[0]
        topic = first.topic()
        dedupe = self._memory_dedupe if topic in self.memory_dedupe_topics else self.dedupe
        seen_ids: dict[str, None] | None = None
        if type(dedupe) is InMemoryDeduplicator:
            seen_ids = dedupe._ids
        recording = _tracing._recording
        from_string = Envelope.FromString
        new_ctx = _new_ctx
        ctx_cls = _MsgContext
        skipped = duplicates = 0
        skipped_types: dict[str, int] | None = None
        partition = first.partition()
        pkey = (topic, partition)
        topic_routes = self._routes.get(topic) or {}
        routes_get = topic_routes.get
        last: Any = None  # the last message fully dealt with (its offset + 1 is committed)
        if self._rewound and pkey in self._rewound:
            target = self._rewound[pkey]
            for i, m in enumerate(msgs):
                if m.error() is None and m.offset() == target:
                    del self._rewound[pkey]
                    msgs = msgs[i:]
                    break
            else:
                return  # all fetched before the seek took effect
        # a durable dedupe that can answer for many ids is asked once per batch (ids from the
        # event-id headers; a message without one is asked about on its own)
        prechecked: set[str] | None = None
        preseen: set[str] = set()
        seen_many = getattr(dedupe, "seen_many", None) if seen_ids is None else None
        if seen_many is not None:
            ids = _header_event_ids(msgs)
            if ids:
                preseen = set(await seen_many(ids))
                prechecked = set(ids)
        before = {r: r.n for r in topic_routes.values()}
        t0 = time.perf_counter()
        try:
            for m in msgs:
                if self._stopping:
                    break
                if m.error() is not None:
                    self.stats.consumer_errors += 1
                    continue
                try:
                    env = from_string(m.value())
                    eid = env.event_id
                    etype = env.event_type
                    if not eid or not etype:
                        raise ValueError("missing event_id or event_type")
                except Exception as exc:
                    reason = f"undecodable envelope: {exc}"
                    if await self._dead_letter(m, "decode", reason, 0) is _ABORT:
                        return
                    last = m
                    continue
                route = routes_get(etype)
                if route is None:
                    skipped += 1
                    if skipped_types is None:
                        skipped_types = {}
                    skipped_types[etype] = skipped_types.get(etype, 0) + 1
                    last = m
                    continue
                try:
                    event = route.cls.FromString(env.payload)
                except Exception as exc:
                    reason = f"undecodable {etype} payload: {exc}"
                    if await self._dead_letter(m, "decode", reason, 0, env) is _ABORT:
                        return
                    last = m
                    continue
                if seen_ids is not None:
                    if eid in seen_ids:
                        duplicates += 1
                        last = m
                        continue
                elif (
                    eid in preseen
                    if prechecked is not None and eid in prechecked
                    else await dedupe.seen(eid)
                ):
                    duplicates += 1
                    last = m
                    continue
                ctx = new_ctx(ctx_cls)
                ctx.envelope = env
                ctx._msg = m
                ctx.attempt = 1
                if not env.traceparent:
                    try:
                        await route.fn(event, ctx)
                        failed = None
                    except Exception as exc:
                        failed = exc
                    if failed is not None:
                        outcome = await self._retry(route, event, ctx, failed, m)
                        failed = None
                        if outcome is _ABORT:
                            return
                        if outcome is not True:  # dead-lettered
                            last = m
                            continue
                else:
                    outcome = await self._handle_traced(route, event, ctx, m, recording)
                    if outcome is _ABORT:
                        return
                    if outcome is not True:  # dead-lettered
                        last = m
                        continue
                if seen_ids is not None:
                    seen_ids[eid] = None
                else:
                    await dedupe.mark(eid)
                    if prechecked is not None:
                        preseen.add(eid)  # a repeat later in this batch is a duplicate
                route.n += 1
                last = m
        finally:
            if last is not None:
                self._pending[pkey] = last.offset() + 1
            if seen_ids is not None and len(seen_ids) >= 2 * dedupe.capacity:  # type: ignore[attr-defined]
                dedupe._trim()  # type: ignore[attr-defined]
            handled = 0
            for r, n in before.items():
                if r.n != n:
                    handled += r.n - n
                    touched.add(r)
            if handled:
                # handle_seconds is the mean per message over this partition's batch (kit
                # overhead included): one clock read per batch instead of two per message
                per = (time.perf_counter() - t0) / handled
                for r, n in before.items():
                    if r.n != n:
                        r.seconds += per * (r.n - n)
            if skipped or duplicates:
                stats = self.stats
                stats.skipped += skipped
                stats.duplicates += duplicates
                if skipped_types:
                    for et, n in skipped_types.items():
                        self.metrics.messages_consumed(topic, et, "skipped", n)
                if duplicates:
                    self.metrics.messages_consumed(topic, "", "duplicate", duplicates)

    async def _handle_traced(
        self, route: _Route, event: Any, ctx: EventContext, msg: Any, recording: bool
    ) -> Any:
        """Run a handler inside the producer's trace context (and a CONSUMER span when tracing
        records and the parent is sampled). True when handled, else as `_retry`."""
        env = ctx.envelope
        tp = env.traceparent
        parent = _tracing.context_from_traceparent(tp, env.tracestate)
        if recording and tp[-1:] in _SAMPLED_LAST_HEX:
            token = None
            topic = msg.topic()
            span_cm = _tracing.get_tracer().start_as_current_span(
                f"{topic} process",
                context=parent,
                kind=trace.SpanKind.CONSUMER,
                attributes={
                    "messaging.system": "kafka",
                    "messaging.destination.name": topic,
                    "messaging.message.id": env.event_id,
                    "messaging.kafka.destination.partition": msg.partition(),
                    "messaging.kafka.message.offset": msg.offset(),
                },
            )
            span_cm.__enter__()
        else:
            span_cm = None
            token = otel_context.attach(parent)
        try:
            await route.fn(event, ctx)
            ok = True
        except Exception as exc:
            ok = False
            first_exc = exc
        finally:
            if token is not None:
                otel_context.detach(token)
            else:
                span_cm.__exit__(None, None, None)
        if ok:
            return True
        return await self._retry(route, event, ctx, first_exc, msg)

    async def _retry(
        self, route: _Route, event: Any, ctx: EventContext, exc: BaseException, msg: Any
    ) -> Any:
        """Retry a failed handler with exponential backoff. True when a retry succeeded, None
        when the message was dead-lettered, _ABORT when the partition must stop here."""
        cfg = self.config
        stats = self.stats
        stats.failed += 1
        attempts = 1
        delay = cfg.retry_backoff_initial
        while not isinstance(exc, PermanentError) and attempts <= cfg.max_retries:
            if self._stopping:
                return self._rewind(msg)
            await asyncio.sleep(delay)
            delay = min(delay * 2, cfg.retry_backoff_max)
            attempts += 1
            ctx.attempt = attempts
            self.metrics.messages_consumed(route.topic, route.event_type, "retried", 1)
            token = otel_context.attach(
                _tracing.context_from_traceparent(ctx.envelope.traceparent, ctx.envelope.tracestate)
            )
            try:
                await route.fn(event, ctx)
                return True
            except Exception as e:
                stats.failed += 1
                exc = e
            finally:
                otel_context.detach(token)
        reason = f"{type(exc).__name__}: {exc}"
        self._log.warning(
            f"bus dead-letter {ctx.event_type} {ctx.event_id} from {ctx.topic}"
            f"[{ctx.partition}]@{ctx.offset} after {attempts} attempts: {reason}"
        )
        return await self._dead_letter(msg, "handler", reason, attempts, ctx.envelope)

    def _rewind_batch(self, msgs: list[Any]) -> None:
        """After an unexpected failure: fetch every partition of the batch again from its
        first message not yet dealt with (nothing is skipped; dedupe absorbs repeats)."""
        offsets: dict[tuple[str, int], list[int]] = {}
        for m in msgs:
            if m.error() is None:
                offsets.setdefault((m.topic(), m.partition()), []).append(m.offset())
        for key, offs in offsets.items():
            done = self._pending.get(key, -1)  # next offset to deal with
            remaining = [o for o in offs if o >= done]
            if remaining and self._consumer is not None:
                self._seek(key, remaining[0])

    def _rewind(self, msg: Any) -> Any:
        """Stop the partition at `msg` and make the consumer fetch it again. Messages of that
        partition already fetched (prefetch) are dropped until the rewound offset comes back."""
        if self._consumer is not None and not self._stopping:
            self._seek((msg.topic(), msg.partition()), msg.offset())
        return _ABORT

    def _seek(self, key: tuple[str, int], offset: int) -> None:
        """From now on drop what was fetched of the partition until `offset` comes back;
        the seek itself runs on the consumer thread, after the fetch in flight."""
        self._rewound[key] = offset
        self._on_consumer_thread(self._seek_now, key, offset)

    def _seek_now(self, key: tuple[str, int], offset: int) -> None:
        consumer = self._consumer
        try:
            if consumer is None:
                raise BusError("the consumer is closed")
            consumer.seek(TopicPartition(key[0], key[1], offset))
        except Exception:
            # not fetched again here (e.g. the partition went to another member, which
            # starts from the last commit): stop dropping its messages
            loop = self._loop
            if loop is not None and not loop.is_closed():
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(self._forget_rewind, key, offset)
            raise

    def _forget_rewind(self, key: tuple[str, int], offset: int) -> None:
        if self._rewound.get(key) == offset:
            del self._rewound[key]

    async def _dead_letter(
        self,
        msg: Any,
        stage: str,
        reason: str,
        attempts: int,
        env: Envelope | None = None,
    ) -> Any:
        topic = msg.topic()
        dl = DeadLetter(
            source_topic=topic,
            source_partition=msg.partition(),
            source_offset=msg.offset(),
            original_key=msg.key() or b"",
            original_value=msg.value() or b"",
            consumer_service=self.service_name,
            reason=reason[:4000],
            stage=stage,
            attempts=attempts,
            event_id=env.event_id if env is not None else "",
            event_type=env.event_type if env is not None else "",
        )
        dl.failed_at.FromNanoseconds(time.time_ns())
        tenant = env.tenant_id if env is not None and env.tenant_id else None
        try:
            await self.publish(self.config.dead_letter_topic, topic, dl, tenant_id=tenant)
        except Exception as exc:
            self._log.error(f"bus cannot dead-letter {topic}@{msg.offset()}: {exc!r}")
            await asyncio.sleep(self.config.retry_backoff_max)
            return self._rewind(msg)
        if stage == "decode":
            self.stats.decode_errors += 1
            self.metrics.messages_consumed(topic, dl.event_type, "decode_error", 1)
        self.stats.dead_lettered += 1
        self.metrics.messages_consumed(topic, dl.event_type, "dead_lettered", 1)
        return None

    # observability ---------------------------------------------------------------------------

    def lag(self) -> int:
        """Messages not yet handled on the assigned partitions: high watermark minus the next
        offset to handle, summed. Approximate on Tansu (its high watermark is wrong after
        multi-record batches); never negative. It asks the consumer, so while the bus
        consumes it waits for the fetch in flight: on the event loop read ``last_lag`` (the
        consumer thread measures it every 5 s)."""
        consumer = self._consumer
        if consumer is None:
            return 0
        total = 0
        for t, p in list(self._assigned):
            try:
                low, high = consumer.get_watermark_offsets(TopicPartition(t, p), cached=True)
            except Exception:
                continue
            if high is None or high < 0:
                continue
            pos = self._pending.get((t, p))
            if pos is None:
                try:
                    pos = consumer.position([TopicPartition(t, p)])[0].offset
                except Exception:
                    pos = -1
                if pos is None or pos < 0:
                    pos = max(low or 0, 0)
            total += max(0, high - pos)
        return total
