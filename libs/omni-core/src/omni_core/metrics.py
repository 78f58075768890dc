"""Prometheus metrics: one registry per process, the kit's standard metrics, `/metrics` server.

    m = get_metrics()               # the process-wide Metrics (standard counters/histograms)
    start_metrics_server(9104)      # port 0 picks a free port; returns the port
    my_counter = Counter("orders_total", "...", registry=REGISTRY)
"""

from __future__ import annotations

import threading
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client import generate_latest as _generate_latest

from omni_core.runtime_watch import GcTimer

__all__ = ["REGISTRY", "Metrics", "get_metrics", "start_metrics_server", "generate_latest"]

REGISTRY = CollectorRegistry(auto_describe=True)

_LATENCY_BUCKETS = (
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)
_PAUSE_BUCKETS = (0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """The standard metrics. Implements the bus's `BusMetrics` protocol."""

    def __init__(self, registry: CollectorRegistry = REGISTRY) -> None:
        self.registry = registry
        self.grpc_requests = Counter(
            "omni_grpc_requests", "gRPC requests served", ["method", "code"], registry=registry
        )
        self.grpc_latency = Histogram(
            "omni_grpc_request_seconds", "gRPC request latency", ["method"],
            buckets=_LATENCY_BUCKETS, registry=registry,
        )
        self.consumed = Counter(
            "omni_messages_consumed", "Kafka messages consumed",
            ["topic", "event_type", "outcome"], registry=registry,
        )
        self.published = Counter(
            "omni_messages_published", "Kafka messages published", ["topic"], registry=registry
        )
        self.handle = Histogram(
            "omni_handler_seconds", "Event handler latency (per message, batch average)",
            ["topic", "event_type"], buckets=_LATENCY_BUCKETS, registry=registry,
        )
        self.lag = Gauge("omni_consumer_lag", "Kafka consumer lag (messages)", registry=registry)
        self.delivery = Histogram(
            "omni_delivery_seconds",
            "From a message's creation by its producer to its handling here (first of a batch)",
            ["topic"], buckets=_LATENCY_BUCKETS, registry=registry,
        )
        self.breaker_state = Gauge(
            "omni_breaker_state", "Circuit breaker state (0 closed, 1 half-open, 2 open)",
            ["name"], registry=registry,
        )
        self.gc_pause = Histogram(
            "omni_gc_pause_seconds", "Garbage collections: the duration of each",
            ["generation"], buckets=_PAUSE_BUCKETS, registry=registry,
        )
        self.loop_lag = Histogram(
            "omni_event_loop_lag_seconds",
            "How late the event loop runs a timer (what held the loop meanwhile)",
            buckets=_PAUSE_BUCKETS, registry=registry,
        )
        self.ready = Gauge("omni_ready", "1 when the service is ready", registry=registry)
        self.dependency_up = Gauge(
            "omni_dependency_up", "1 when a dependency answers its ping", ["dependency"],
            registry=registry,
        )
        # plain totals for heartbeats (reading counters back from prometheus is awkward)
        self.totals = {
            "requests": 0, "request_errors": 0, "processed": 0, "failed": 0, "dead_lettered": 0,
        }
        self._lock = threading.Lock()
        self._grpc_children: dict[tuple[str, str], tuple[Any, Any]] = {}
        # one per process (gc.callbacks is process-wide), installed by the first service
        self.gc_timer = GcTimer(self.gc_pause)

    # BusMetrics protocol -----------------------------------------------------------------

    def messages_consumed(self, topic: str, event_type: str, outcome: str, count: int) -> None:
        self.consumed.labels(topic, event_type, outcome).inc(count)
        with self._lock:
            if outcome == "ok":
                self.totals["processed"] += count
            elif outcome == "dead_lettered":
                self.totals["dead_lettered"] += count
                self.totals["failed"] += count
            elif outcome == "retried":
                self.totals["failed"] += count

    def messages_published(self, topic: str, count: int) -> None:
        self.published.labels(topic).inc(count)

    def handle_seconds(self, topic: str, event_type: str, seconds: float, count: int) -> None:
        h = self.handle.labels(topic, event_type)
        per = seconds / count if count else seconds
        for _ in range(min(count, 100)):  # bounded cost per batch
            h.observe(per)

    def consumer_lag(self, lag: int) -> None:
        self.lag.set(max(0, int(lag)))

    def delivery_seconds(self, topic: str, seconds: float) -> None:
        self.delivery.labels(topic).observe(seconds)

    # gRPC --------------------------------------------------------------------------------

    def grpc_request(self, method: str, code: str, seconds: float) -> None:
        # label children cached per (method, code): `labels()` takes a lock and validates
        # the label values on every call
        children = self._grpc_children.get((method, code))
        if children is None:
            children = self._grpc_children[(method, code)] = (
                self.grpc_requests.labels(method, code), self.grpc_latency.labels(method)
            )
        children[0].inc()
        children[1].observe(seconds)
        with self._lock:
            self.totals["requests"] += 1
            if code != "OK":
                self.totals["request_errors"] += 1


_metrics: Metrics | None = None
_metrics_lock = threading.Lock()


def get_metrics() -> Metrics:
    global _metrics
    with _metrics_lock:
        if _metrics is None:
            _metrics = Metrics()
        return _metrics


_servers: dict[int, Any] = {}


def start_metrics_server(port: int, addr: str = "0.0.0.0", registry: Any = REGISTRY) -> int:
    """Serve ``/metrics`` over HTTP from a daemon thread; returns the bound port (useful with
    port 0). Starting twice on the same requested port is a no-op."""
    server, _thread = start_http_server(port, addr=addr, registry=registry)
    bound = server.server_address[1]
    _servers[bound] = (server, _thread)
    return bound


def stop_metrics_server(port: int) -> None:
    entry = _servers.pop(port, None)
    if entry is not None:
        server, thread = entry
        server.shutdown()
        server.server_close()


def generate_latest(registry: Any = REGISTRY) -> bytes:
    return _generate_latest(registry)
