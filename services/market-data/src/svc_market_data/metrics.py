"""Market-data Prometheus metrics (in the kit's process registry)."""

from __future__ import annotations

from omni_core.metrics import REGISTRY
from prometheus_client import Counter, Gauge

QUARANTINED = Counter(
    "omni_market_data_quarantined", "Items held back by validation, by rule and kind",
    ["rule", "kind"], registry=REGISTRY)
ACCEPTED = Counter(
    "omni_market_data_accepted", "Validated items published, by kind", ["kind"],
    registry=REGISTRY)
STORED = Counter(
    "omni_market_data_stored_rows", "Rows written to the history store", ["table"],
    registry=REGISTRY)
QUARANTINE_SIZE = Gauge(
    "omni_market_data_quarantine_size", "Records held in the bounded quarantine",
    registry=REGISTRY)
SUBSCRIBERS = Gauge(
    "omni_market_data_subscribers", "Open Subscribe streams", registry=REGISTRY)


def _init_labels() -> None:
    """Create every rule/kind series at 0, so dashboards and alerts see them before the
    first rejection."""
    from svc_market_data.validation import RULES

    for rule in RULES:
        for kind in ("quote", "trade", "bar", "book", "feed"):
            QUARANTINED.labels(rule, kind)


_init_labels()


def record_quarantine(record) -> None:
    QUARANTINED.labels(record.rule, record.kind).inc()


class CountSync:
    """Moves the pipeline's plain-int counters to Prometheus now and then (the hot path does
    not touch Prometheus for every good tick)."""

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def sync(self, counts: dict[str, int]) -> None:
        for kind, n in counts.items():
            if kind == "rejected":
                continue
            d = n - self._last.get(kind, 0)
            if d > 0:
                ACCEPTED.labels(kind).inc(d)
            self._last[kind] = n
