"""Envelope encode/decode/unpack and ids, without a broker."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from omni.control_plane.v1.events_pb2 import ConfigChanged, ServiceHeartbeat
from omni_core.envelope import (
    EnvelopeError,
    decode,
    encode,
    load_event_modules,
    message_class,
    produced_at_datetime,
    unpack,
)
from omni_core.ids import id_time_ms, new_id


def test_envelope_roundtrip_keeps_every_field():
    at = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    data, env = encode(
        ServiceHeartbeat(service="risk-engine", ready=True),
        tenant_id="t1",
        source_service="risk-engine",
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        tracestate="vendor=x",
        event_id="01890a5d-ac96-774b-bcce-b302099a8057",
        produced_at=at,
    )
    back = decode(data)
    assert back == env
    assert back.event_type == "omni.control_plane.v1.ServiceHeartbeat"
    assert back.tenant_id == "t1" and back.source_service == "risk-engine"
    assert back.tracestate == "vendor=x"
    assert produced_at_datetime(back) == at
    assert unpack(back) == ServiceHeartbeat(service="risk-engine", ready=True)


def test_envelope_defaults_new_id_and_now():
    _, env = encode(ConfigChanged(key="k"), tenant_id="t", source_service="s")
    assert uuid.UUID(env.event_id).version == 7
    assert abs(produced_at_datetime(env) - datetime.now(UTC)).total_seconds() < 60


@pytest.mark.parametrize("garbage", [b"", b"\xff\xff\xff", b"hello world", b"\x0a\x05ab"])
def test_envelope_decode_rejects_garbage(garbage):
    with pytest.raises(EnvelopeError):
        decode(garbage)


def test_envelope_unknown_event_type_is_a_clear_error():
    data, env = encode(ConfigChanged(key="k"), tenant_id="t", source_service="s")
    env.event_type = "omni.nowhere.v1.Missing"
    with pytest.raises(EnvelopeError, match="unknown event type 'omni.nowhere.v1.Missing'"):
        unpack(env)


def test_envelope_corrupt_payload_is_a_clear_error():
    _, env = encode(ConfigChanged(key="k"), tenant_id="t", source_service="s")
    env.payload = b"\xff\xff\xff"
    with pytest.raises(EnvelopeError, match="payload"):
        unpack(env)


def test_envelope_event_types_resolve_from_the_pool():
    load_event_modules()
    assert message_class("omni.control_plane.v1.ConfigChanged")().DESCRIPTOR.full_name == (
        "omni.control_plane.v1.ConfigChanged"
    )
    assert message_class("omni.common.v1.DeadLetter").DESCRIPTOR.name == "DeadLetter"


def test_envelope_encode_rejects_non_messages():
    with pytest.raises(EnvelopeError):
        encode({"a": 1}, tenant_id="t", source_service="s")  # type: ignore[arg-type]


def test_envelope_ids_are_uuid7_sorted_and_unique():
    ids = [new_id() for _ in range(20_000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    u = uuid.UUID(ids[0])
    assert u.version == 7 and u.variant == uuid.RFC_4122
    assert abs(id_time_ms(ids[0]) - datetime.now(UTC).timestamp() * 1000) < 60_000
