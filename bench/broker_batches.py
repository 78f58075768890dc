"""How many record batches (and records) each topic of a running broker holds.

The embedded broker's work per fetch that returns data grows with the batches the partition
holds (docs/embedded.md, "Long sessions"), so this count, not the message count, is what a
long session costs it. Kafka clients hide batch boundaries, so this speaks the Fetch API
(v4) on a raw socket and reads the RecordBatch headers.

    .venv/bin/python bench/broker_batches.py 127.0.0.1:9092
"""

from __future__ import annotations

import socket
import struct
import sys
from collections.abc import Iterator

FETCH, FETCH_VERSION = 1, 4
RECORDS_COUNT_AT = 57  # bytes into a v2 RecordBatch
MAX_BYTES = 8 << 20
MAX_WAIT_MS = 50


def _string(s: str) -> bytes:
    b = s.encode()
    return struct.pack(">h", len(b)) + b


class _Reader:
    def __init__(self, buf: bytes) -> None:
        self.buf, self.at = buf, 0

    def take(self, fmt: str) -> tuple:
        vals = struct.unpack_from(fmt, self.buf, self.at)
        self.at += struct.calcsize(fmt)
        return vals

    def string(self) -> str:
        (n,) = self.take(">h")
        s = self.buf[self.at:self.at + n].decode()
        self.at += n
        return s

    def blob(self) -> bytes:
        (n,) = self.take(">i")
        b = self.buf[self.at:self.at + max(n, 0)]
        self.at += max(n, 0)
        return b


def _fetch(sock: socket.socket, corr: int, topic: str, partition: int, offset: int) -> bytes:
    # Tansu answers a fetch that may not wait (max wait 0) with no topics at all
    body = struct.pack(">iiiib", -1, MAX_WAIT_MS, 1, MAX_BYTES, 0)
    body += struct.pack(">i", 1) + _string(topic)
    body += struct.pack(">i", 1) + struct.pack(">iqi", partition, offset, MAX_BYTES)
    head = struct.pack(">hhi", FETCH, FETCH_VERSION, corr) + _string("broker-batches")
    req = head + body
    sock.sendall(struct.pack(">i", len(req)) + req)
    (size,) = struct.unpack(">i", _recv(sock, 4))
    r = _Reader(_recv(sock, size))
    r.take(">ii")  # correlation id, throttle
    (ntopics,) = r.take(">i")
    if not ntopics:
        return b""
    r.string()
    (_nparts,) = r.take(">i")
    _part, err, _hwm, _lso = r.take(">ihqq")
    if err:
        raise RuntimeError(f"fetch {topic}/{partition}@{offset}: error code {err}")
    (aborted,) = r.take(">i")
    r.at += max(aborted, 0) * 16
    return r.blob()


def _recv(sock: socket.socket, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        chunk = sock.recv(n - len(out))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        out += chunk
    return bytes(out)


def batches(sock: socket.socket, topic: str, partition: int) -> Iterator[tuple[int, int]]:
    """(base offset, records) of each batch one partition holds, from offset 0 to the end."""
    offset, corr = 0, 0
    while True:
        corr += 1
        data = _fetch(sock, corr, topic, partition, offset)
        at, seen = 0, 0
        while at + 61 <= len(data):
            base, length = struct.unpack_from(">qi", data, at)
            if at + 12 + length > len(data):
                break  # a truncated batch at the end of the response: fetch it again
            (last_delta,) = struct.unpack_from(">i", data, at + 23)
            (count,) = struct.unpack_from(">i", data, at + RECORDS_COUNT_AT)
            yield base, count
            seen += 1
            offset = base + last_delta + 1
            at += 12 + length
        if not seen:
            return


def topic_batches(bootstrap: str) -> dict[str, tuple[int, int]]:
    """Every topic's (batches, records), summed over its partitions."""
    from confluent_kafka.admin import AdminClient

    meta = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10)
    host, port = bootstrap.split(",")[0].rsplit(":", 1)
    out: dict[str, tuple[int, int]] = {}
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        for name, t in sorted(meta.topics.items()):
            if name.startswith("__"):
                continue
            held = [n for p in t.partitions for _base, n in batches(sock, name, p)]
            out[name] = (len(held), sum(held))
    return out


def report(bootstrap: str) -> None:
    counts = topic_batches(bootstrap)
    print("record batches the broker holds per topic (records in brackets):")
    for name, (b, r) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        if b:
            print(f"  {name:<22} {b:>7} ({r})")


if __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092")
