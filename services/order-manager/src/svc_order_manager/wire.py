"""Event payloads composed from already-serialized parts (protobuf wire format).

Every order event has the shape ``{string account_id = 1; Order order = 2; [Fill fill = 3;]
Timestamp event_time = last}`` (OrderSubmitted, SubmitOrderCommand, OrderAccepted, OrderFilled,
OrderPartiallyFilled, OrderRejected's first fields, FillBooked with the fill at 2, ...). Building
such an event the ordinary way copies the whole `Order` into a new message and serializes it
again for every event; on the hot path the order is serialized ONCE per transition (it is
needed for the order row anyway) and each event payload is the concatenation of its fields.

The bytes are exactly what ``Event(...).SerializeToString()`` gives (fields in field-number
order, proto3 defaults omitted, a set message field always present); tests check it for every
event built here. Only fields numbered below 16 (one-byte tags) are composed here.
"""

from __future__ import annotations

__all__ = ["ld", "string", "timestamp", "varint"]


def varint(n: int) -> bytes:
    if n < 0x80:
        return bytes((n,))
    if n < 0x4000:
        return bytes(((n & 0x7F) | 0x80, n >> 7))
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


_LD = [bytes(((f << 3) | 2,)) for f in range(16)]
_SMALL = [bytes((n,)) for n in range(0x80)]


def ld(field: int, data: bytes) -> bytes:
    """A length-delimited field (a message or bytes), always present."""
    n = len(data)
    if n < 0x80:
        return _LD[field] + _SMALL[n] + data
    if n < 0x4000:
        return _LD[field] + bytes(((n & 0x7F) | 0x80, n >> 7)) + data
    return _LD[field] + varint(n) + data


def string(field: int, s: str) -> bytes:
    """A proto3 string field: omitted when empty."""
    if not s:
        return b""
    b = s.encode()
    n = len(b)
    return _LD[field] + (_SMALL[n] if n < 0x80 else varint(n)) + b


def timestamp(seconds: int, nanos: int) -> bytes:
    """The body of a `google.protobuf.Timestamp` (non-negative seconds)."""
    return ((b"\x08" + varint(seconds) if seconds else b"")
            + (b"\x10" + varint(nanos) if nanos else b""))
