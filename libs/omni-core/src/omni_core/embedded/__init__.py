"""The embedded stack: the Kafka-compatible broker (and, from the CLI side, the supervisor)."""

from omni_core.embedded.broker import (
    BrokerError,
    EmbeddedBroker,
    ensure_topics,
    free_port,
    wait_for_broker,
)

__all__ = ["BrokerError", "EmbeddedBroker", "ensure_topics", "free_port", "wait_for_broker"]
