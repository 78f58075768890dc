"""UUIDv7 identifiers (RFC 9562): time-ordered, so ids sort by creation time and index well.

`new_id()` is on the publish hot path, so it is built by hand (≈1.2 µs) instead of going
through ``uuid6.uuid7()`` + ``str()`` (≈3.4 µs). Layout: 48-bit Unix milliseconds, version 7,
a 12-bit counter that keeps ids monotonic within one millisecond of one process (re-seeded
randomly each new millisecond), the RFC variant, and 62 random bits.
"""

from __future__ import annotations

import random
import time
import uuid

__all__ = ["new_id", "new_uuid", "id_time_ms"]

_rand = random.Random()  # seeded from os.urandom; CPython re-seeds `random` after fork
_getrandbits = _rand.getrandbits
_time_ns = time.time_ns
_last_ms = 0
_counter = 0


def _next_int() -> int:
    global _last_ms, _counter
    ms = _time_ns() // 1_000_000
    if ms > _last_ms:
        _last_ms = ms
        _counter = _getrandbits(11)  # leave headroom so the counter rarely overflows
    else:
        _counter += 1
        if _counter > 0xFFF:  # more than ~2k ids in one ms: borrow the next millisecond
            _last_ms += 1
            _counter = 0
        ms = _last_ms
    return (
        (ms << 80)
        | (0x7 << 76)
        | (_counter << 64)
        | (0b10 << 62)
        | _getrandbits(62)
    )


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    h = f"{_next_int():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_uuid() -> uuid.UUID:
    """A new UUIDv7 as a `uuid.UUID`."""
    return uuid.UUID(int=_next_int())


def id_time_ms(event_id: str) -> int:
    """The Unix-millisecond timestamp embedded in a UUIDv7 string."""
    return int(event_id.replace("-", "")[:12], 16)
