"""The one wire format of every Kafka message: `omni.common.v1.Envelope` (ARCHITECTURE §3).

    data, env = encode(OrderSubmitted(...), tenant_id="t1", source_service="order-manager")
    env = decode(data)            # -> Envelope, EnvelopeError on garbage
    event = unpack(env)           # -> OrderSubmitted, resolved by env.event_type

Event types are resolved through the protobuf default descriptor pool. Generated modules
register themselves there when imported, so `unpack` first imports every
``omni.<domain>.v1.*_pb2`` module found on disk (once, lazily) — a consumer can decode any
event of the platform without importing its module by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
import time
from datetime import UTC, datetime
from typing import Any

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import DecodeError, Message
from omni.common.v1.envelope_pb2 import DeadLetter, Envelope

from omni_core.ids import new_id

__all__ = [
    "Envelope",
    "DeadLetter",
    "EnvelopeError",
    "encode",
    "encode_envelope",
    "decode",
    "unpack",
    "message_class",
    "load_event_modules",
    "produced_at_datetime",
]


class EnvelopeError(ValueError):
    """The bytes are not an envelope, or its event type or payload cannot be decoded."""


_loaded = False
_load_lock = threading.Lock()
_class_cache: dict[str, type[Message]] = {}
_UTC = UTC


def load_event_modules() -> list[str]:
    """Import every generated ``omni.*.v1.*_pb2`` module (events and service messages), so all
    event types are in the default descriptor pool. Idempotent; returns the modules imported."""
    global _loaded
    imported: list[str] = []
    with _load_lock:
        if _loaded:
            return imported
        import omni

        for domain in pkgutil.iter_modules(omni.__path__):
            if not domain.ispkg:
                continue
            try:
                versions = importlib.import_module(f"omni.{domain.name}")
            except ImportError:
                continue
            for version in pkgutil.iter_modules(versions.__path__):
                if not version.ispkg:
                    continue
                pkg_name = f"omni.{domain.name}.{version.name}"
                try:
                    pkg = importlib.import_module(pkg_name)
                except ImportError:
                    continue
                for mod in pkgutil.iter_modules(pkg.__path__):
                    if mod.name.endswith("_pb2"):
                        name = f"{pkg_name}.{mod.name}"
                        try:
                            importlib.import_module(name)
                            imported.append(name)
                        except Exception:  # a broken generated module must not stop the rest
                            continue
        _loaded = True
    return imported


def message_class(event_type: str) -> type[Message]:
    """The generated message class for a fully qualified protobuf name."""
    cls = _class_cache.get(event_type)
    if cls is not None:
        return cls
    pool = descriptor_pool.Default()
    try:
        descriptor = pool.FindMessageTypeByName(event_type)
    except KeyError:
        load_event_modules()
        try:
            descriptor = pool.FindMessageTypeByName(event_type)
        except KeyError:
            raise EnvelopeError(f"unknown event type {event_type!r}") from None
    cls = message_factory.GetMessageClass(descriptor)
    _class_cache[event_type] = cls
    return cls


def encode_envelope(
    event_msg: Message,
    *,
    tenant_id: str,
    source_service: str,
    traceparent: str = "",
    tracestate: str = "",
    event_id: str | None = None,
    produced_at: datetime | int | None = None,
) -> Envelope:
    """Wrap an event in an Envelope (not yet serialized). `produced_at` may be a datetime or
    Unix nanoseconds; it defaults to now."""
    env = Envelope(
        event_id=event_id or new_id(),
        event_type=event_msg.DESCRIPTOR.full_name,
        tenant_id=tenant_id,
        source_service=source_service,
        traceparent=traceparent,
        tracestate=tracestate,
        payload=event_msg.SerializeToString(),
    )
    if produced_at is None:
        ns = time.time_ns()
    elif isinstance(produced_at, datetime):
        if produced_at.tzinfo is None:
            raise EnvelopeError("produced_at must be timezone-aware")
        env.produced_at.FromDatetime(produced_at)
        return env
    else:
        ns = int(produced_at)
    ts = env.produced_at
    ts.seconds = ns // 1_000_000_000
    ts.nanos = ns % 1_000_000_000
    return env


def encode(
    event_msg: Message,
    *,
    tenant_id: str,
    source_service: str,
    traceparent: str = "",
    tracestate: str = "",
    event_id: str | None = None,
    produced_at: datetime | int | None = None,
) -> tuple[bytes, Envelope]:
    """Serialize `event_msg` inside a new Envelope; returns (wire bytes, the envelope)."""
    if not isinstance(event_msg, Message):
        raise EnvelopeError(f"not a protobuf message: {type(event_msg).__name__}")
    env = encode_envelope(
        event_msg,
        tenant_id=tenant_id,
        source_service=source_service,
        traceparent=traceparent,
        tracestate=tracestate,
        event_id=event_id,
        produced_at=produced_at,
    )
    return env.SerializeToString(), env


def decode(data: bytes | None) -> Envelope:
    """Parse wire bytes into an Envelope. Raises EnvelopeError when they are not one (protobuf
    is permissive, so an envelope without an event id or event type counts as garbage)."""
    if not data:
        raise EnvelopeError("empty message")
    try:
        env = Envelope.FromString(data)
    except (DecodeError, TypeError, ValueError) as exc:
        raise EnvelopeError(f"not an Envelope: {exc}") from None
    if not env.event_id or not env.event_type:
        raise EnvelopeError("not an Envelope: missing event_id or event_type")
    return env


def unpack(envelope: Envelope, cls: type[Message] | None = None) -> Any:
    """The event inside `envelope`, as its generated class (looked up by event_type unless
    `cls` is given)."""
    if cls is None:
        cls = message_class(envelope.event_type)
    try:
        return cls.FromString(envelope.payload)
    except (DecodeError, TypeError, ValueError) as exc:
        raise EnvelopeError(f"payload is not a valid {envelope.event_type}: {exc}") from None


def produced_at_datetime(envelope: Envelope) -> datetime:
    """The envelope's produced_at as an aware UTC datetime."""
    return envelope.produced_at.ToDatetime(tzinfo=_UTC)
