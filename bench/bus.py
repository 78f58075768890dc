"""Bus benchmark: the kit (EventBus) against raw confluent-kafka, same broker, same run.

    .venv/bin/python bench/bus.py [--messages 200000] [--latency-messages 1000] [--rounds 2]

Prints, for raw confluent-kafka and for the kit:
- produce throughput: N messages queued and flushed (kit: `publish_nowait`, raw: `produce`);
- consume throughput: N messages received (kit: decoded and delivered to an async handler,
  with dedupe and offset tracking; raw: `consume()` batches, values touched), measured from
  the first to the last message so the group join is excluded;
- one-hop latency p50/p99 at a modest rate (200 msg/s, fetch.wait.max.ms=5): publish → handler
  (raw: produce → consume), wall clock in one process;
and the kit's overhead against raw in percent.

Both sides use the same producer and consumer configurations (`BusConfig.producer_config` /
`consumer_config`), the same value size (the raw value is padded to the kit's envelope size),
and one embedded Tansu broker started here. Rounds alternate raw/kit; the best round of each is
reported, which removes most noise from a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import struct
import sys
import threading
import time
import uuid

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from confluent_kafka import Consumer, Producer  # noqa: E402
from omni.control_plane.v1.events_pb2 import ConfigChanged  # noqa: E402
from omni_core.bus import BusConfig, EventBus, EventContext, _fetch_batch  # noqa: E402
from omni_core.embedded import EmbeddedBroker  # noqa: E402
from omni_core.envelope import Envelope  # noqa: E402
from omni_core.ids import new_id  # noqa: E402

RATE = 200  # msg/s for the latency runs
WARMUP = 50  # latency messages sent and discarded before measuring


def sample_event(i: int = 0) -> ConfigChanged:
    return ConfigChanged(
        service="market-data", key="AAPL.XNAS", value_json='{"bid": 187.12, "ask": 187.14}',
        version=i, changed_by="bench",
    )


def kit_value_size(bootstrap: str) -> int:
    bus = EventBus(BusConfig(bootstrap=bootstrap), "bench-kit")
    env, _ = bus._envelope(sample_event(123456), None, None)
    return len(env.SerializeToString())


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


# --- raw confluent-kafka -------------------------------------------------------------------------


def raw_produce(cfg: BusConfig, topic: str, n: int, size: int) -> float:
    producer = Producer(cfg.producer_config("bench-raw"))
    value = b"x" * size
    key = b"AAPL.XNAS"
    produce = producer.produce
    t0 = time.perf_counter()
    for _ in range(n):
        try:
            produce(topic, value, key)
        except BufferError:
            producer.poll(0.01)
            produce(topic, value, key)
    producer.flush(60)
    return n / (time.perf_counter() - t0)


def raw_consume(cfg: BusConfig, topic: str, n: int) -> float:
    consumer = Consumer(cfg.consumer_config(f"bench-raw-{uuid.uuid4().hex[:6]}", "bench-raw"))
    consumer.subscribe([topic])
    got = 0
    t0 = None
    nbytes = 0
    while got < n:
        msgs = _fetch_batch(consumer, cfg.consumer_batch_size, 0.25)
        if msgs and t0 is None:
            t0 = time.perf_counter()
        for m in msgs:
            if m.error() is None:
                nbytes += len(m.value())
                got += 1
    elapsed = time.perf_counter() - t0
    consumer.close()
    return (n - 1) / elapsed if elapsed > 0 else float("inf")


# --- raw confluent-kafka doing the contract's minimum: the envelope ----------------------------


def env_produce(cfg: BusConfig, topic: str, n: int) -> float:
    """Hand-written producer doing what ARCHITECTURE §3 requires of every message: a UUIDv7,
    an Envelope (with produced_at), event-type/event-id headers. No kit."""
    producer = Producer(cfg.producer_config("bench-env"))
    event = sample_event(123456)
    produce = producer.produce
    type_name = event.DESCRIPTOR.full_name
    type_header = ("event-type", type_name.encode())
    t0 = time.perf_counter()
    for _ in range(n):
        eid = new_id()
        ns = time.time_ns()
        env = Envelope(event_id=eid, event_type=type_name, tenant_id="default",
                       source_service="bench", payload=event.SerializeToString())
        env.produced_at.seconds, env.produced_at.nanos = divmod(ns, 1_000_000_000)
        value = env.SerializeToString()
        try:
            produce(topic, value, "AAPL.XNAS", headers=[type_header, ("event-id", eid)])
        except BufferError:
            producer.poll(0.01)
            produce(topic, value, "AAPL.XNAS", headers=[type_header, ("event-id", eid)])
    producer.flush(60)
    return n / (time.perf_counter() - t0)


def env_consume(cfg: BusConfig, topic: str, n: int) -> float:
    """Hand-written consumer: parse the envelope and the payload, call a plain function."""
    consumer = Consumer(cfg.consumer_config(f"bench-env-{uuid.uuid4().hex[:6]}", "bench-env"))
    consumer.subscribe([topic])
    got = [0]

    def handler(event: ConfigChanged, env: Envelope) -> None:
        got[0] += 1

    from_string = Envelope.FromString
    cls = ConfigChanged
    t0 = None
    while got[0] < n:
        msgs = _fetch_batch(consumer, cfg.consumer_batch_size, 0.25)
        if msgs and t0 is None:
            t0 = time.perf_counter()
        for m in msgs:
            if m.error() is None:
                env = from_string(m.value())
                handler(cls.FromString(env.payload), env)
    elapsed = time.perf_counter() - t0
    consumer.close()
    return (n - 1) / elapsed if elapsed > 0 else float("inf")


def raw_latency(cfg: BusConfig, topic: str, n: int, size: int) -> list[float]:
    consumer = Consumer(cfg.consumer_config(f"bench-rawlat-{uuid.uuid4().hex[:6]}", "bench-raw"))
    consumer.subscribe([topic])
    # join the group before measuring
    deadline = time.monotonic() + 30
    while not consumer.assignment() and time.monotonic() < deadline:
        consumer.consume(1, 0.1)
    lat: list[float] = []
    done = threading.Event()

    def consume() -> None:
        while len(lat) < n and not done.is_set():
            for m in _fetch_batch(consumer, 100, 0.1):
                if m.error() is None:
                    (sent,) = struct.unpack_from("<q", m.value())
                    lat.append((time.time_ns() - sent) / 1e6)

    producer = Producer(cfg.producer_config("bench-raw"))
    pad = b"x" * (size - 8)
    # warm-up: the first fetches after a group join are slow; measure the steady state
    for _ in range(WARMUP):
        producer.produce(topic, struct.pack("<q", time.time_ns()) + pad, b"AAPL.XNAS")
        producer.poll(0)
        time.sleep(1 / RATE)
    got = 0
    while got < WARMUP:
        got += sum(1 for m in _fetch_batch(consumer, 100, 0.1) if m.error() is None)
    thread = threading.Thread(target=consume)
    thread.start()
    interval = 1 / RATE
    next_at = time.perf_counter()
    for _ in range(n):
        producer.produce(topic, struct.pack("<q", time.time_ns()) + pad, b"AAPL.XNAS")
        producer.poll(0)
        next_at += interval
        delay = next_at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    producer.flush(10)
    thread.join(30)
    done.set()
    consumer.close()
    return lat


# --- the kit -------------------------------------------------------------------------------------


async def kit_produce(cfg: BusConfig, topic: str, n: int) -> float:
    bus = EventBus(cfg, "bench-kit-producer")
    await bus.start()
    event = sample_event(123456)
    publish = bus.publish_nowait
    t0 = time.perf_counter()
    for _ in range(n):
        publish(topic, "AAPL.XNAS", event)
    await bus.flush(60)
    rate = n / (time.perf_counter() - t0)
    await bus.stop()
    return rate


async def kit_consume(cfg: BusConfig, topic: str, n: int) -> float:
    bus = EventBus(cfg, f"bench-kit-{uuid.uuid4().hex[:6]}")
    done = asyncio.Event()
    state = {"got": 0, "t0": 0.0, "t1": 0.0}

    @bus.handler(topic, ConfigChanged)
    async def on_event(event: ConfigChanged, ctx: EventContext) -> None:
        got = state["got"] = state["got"] + 1
        if got == 1:
            state["t0"] = time.perf_counter()
        elif got == n:
            state["t1"] = time.perf_counter()
            done.set()

    await bus.start()
    await asyncio.wait_for(done.wait(), 120)
    await bus.stop()
    return (n - 1) / (state["t1"] - state["t0"])


async def kit_latency(cfg: BusConfig, topic: str, n: int) -> list[float]:
    bus = EventBus(cfg, f"bench-kitlat-{uuid.uuid4().hex[:6]}")
    lat: list[float] = []
    done = asyncio.Event()

    @bus.handler(topic, ConfigChanged)
    async def on_event(event: ConfigChanged, ctx: EventContext) -> None:
        lat.append((time.time_ns() - ctx.produced_at_ns) / 1e6)
        if len(lat) >= n:
            done.set()

    await bus.start()
    await bus.wait_assigned(30)
    event = sample_event(7)
    interval = 1 / RATE
    loop = asyncio.get_running_loop()
    # warm-up, as for raw: the first fetches after a group join are slow
    for _ in range(WARMUP):
        bus.publish_nowait(topic, "AAPL.XNAS", event)
        await asyncio.sleep(interval)
    while len(lat) < WARMUP:  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    lat.clear()
    next_at = loop.time()
    for _ in range(n):
        bus.publish_nowait(topic, "AAPL.XNAS", event)
        next_at += interval
        await asyncio.sleep(max(0.0, next_at - loop.time()))
    await asyncio.wait_for(done.wait(), 30)
    await bus.stop()
    return lat


# --- handle path only: no broker, CPU time ------------------------------------------------------


def handle_path(n: int, repeats: int = 5) -> tuple[float, float]:
    """CPU µs per message to handle already-fetched messages: the hand-written raw+envelope loop
    (envelope + payload parse, a plain function call) against the kit's `_handle_batch` (the
    same plus route, dedupe, context, async handler, offsets, per-batch metrics), on the same
    list of confluent-kafka Message objects in batches of 1000. CPU time (process_time) and
    the best of `repeats` interleaved runs: steady on a busy machine where the broker
    figures are not."""
    from confluent_kafka import Message

    maker = EventBus(BusConfig(), "bench-kit")
    event = sample_event(123456)
    msgs = []
    for i in range(n):
        env, headers = maker._envelope(event, None, None)
        msgs.append(Message(topic="bench-handle", partition=0, offset=i, key=b"AAPL.XNAS",
                            value=env.SerializeToString(), headers=headers))
    batches = [msgs[i:i + 1000] for i in range(0, n, 1000)]

    def env_loop() -> float:
        got = [0]

        def handler(event: ConfigChanged, env: Envelope) -> None:
            got[0] += 1

        from_string, cls = Envelope.FromString, ConfigChanged
        t0 = time.process_time()
        for batch in batches:
            for m in batch:
                if m.error() is None:
                    env = from_string(m.value())
                    handler(cls.FromString(env.payload), env)
        return time.process_time() - t0

    async def kit_loop() -> float:
        bus = EventBus(BusConfig(), "bench-kit")
        got = [0]

        @bus.handler("bench-handle", ConfigChanged)
        async def on_event(event: ConfigChanged, ctx: EventContext) -> None:
            got[0] += 1

        t0 = time.process_time()
        for batch in batches:
            await bus._handle_batch(batch)
        elapsed = time.process_time() - t0
        assert got[0] == n
        return elapsed

    e, k = [], []
    for _ in range(repeats):
        e.append(env_loop())
        k.append(asyncio.run(kit_loop()))
    return min(e) / n * 1e6, min(k) / n * 1e6


# --- main ----------------------------------------------------------------------------------------


def overhead(raw: float, kit: float, higher_is_better: bool = True) -> str:
    if higher_is_better:
        return f"{(raw - kit) / raw * 100:+.1f}%"
    return f"{(kit - raw) / raw * 100:+.1f}%"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--latency-messages", type=int, default=1_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--handle-only", action="store_true",
                    help="only the handle-path comparison (no broker)")
    args = ap.parse_args()
    n, nl = args.messages, args.latency_messages
    started = time.perf_counter()
    he, hk = handle_path(min(n, 100_000))
    handle_line = (f"{'handle us/msg':16}{'':>12}{he:>14.2f}{hk:>11.2f}{'':>12}"
                   f"{(hk - he) / he * 100:>+15.1f}%  (CPU time, no broker, best of 5)")
    if args.handle_only:
        print(f"{'':16}{'':>12}{'raw+envelope':>14}{'kit':>11}{'':>12}{'kit vs raw+env':>16}")
        print(handle_line)
        return 0
    keys = ("rp", "ep", "kp", "rc", "ec", "kc")
    with EmbeddedBroker() as broker:
        cfg = BusConfig(bootstrap=broker.bootstrap, fetch_wait_max_ms=5)
        size = kit_value_size(broker.bootstrap)
        res: dict[str, list[float]] = {k: [] for k in keys}
        for r in range(args.rounds):
            t_raw, t_env, t_kit = f"bench-raw-{r}", f"bench-env-{r}", f"bench-kit-{r}"
            broker.create_topics([t_raw, t_env, t_kit, "dead-letter"])
            res["rp"].append(raw_produce(cfg, t_raw, n, size))
            res["ep"].append(env_produce(cfg, t_env, n))
            res["kp"].append(asyncio.run(kit_produce(cfg, t_kit, n)))
            res["rc"].append(raw_consume(cfg, t_raw, n))
            res["ec"].append(env_consume(cfg, t_env, n))
            res["kc"].append(asyncio.run(kit_consume(cfg, t_kit, n)))
        broker.create_topics(["bench-raw-lat", "bench-kit-lat"])
        raw_lat = raw_latency(cfg, "bench-raw-lat", nl, size)
        kit_lat = asyncio.run(kit_latency(cfg, "bench-kit-lat", nl))

    rp, ep, kp, rc, ec, kc = (max(res[k]) for k in keys)
    rl50, rl99 = statistics.median(raw_lat), pct(raw_lat, 0.99)
    kl50, kl99 = statistics.median(kit_lat), pct(kit_lat, 0.99)
    print(f"bus bench: embedded Tansu broker, value {size} B, {n} msgs x {args.rounds} rounds "
          f"(best), latency {nl} msgs at {RATE}/s, fetch.wait.max.ms=5, linger.ms="
          f"{cfg.linger_ms}, 1 partition, python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cpus (broker included)")
    print(f"{'':16}{'raw bytes':>12}{'raw+envelope':>14}{'kit':>11}"
          f"{'kit vs raw':>12}{'kit vs raw+env':>16}")
    print(f"{'produce msg/s':16}{rp:>12,.0f}{ep:>14,.0f}{kp:>11,.0f}"
          f"{overhead(rp, kp):>12}{overhead(ep, kp):>16}")
    print(f"{'consume msg/s':16}{rc:>12,.0f}{ec:>14,.0f}{kc:>11,.0f}"
          f"{overhead(rc, kc):>12}{overhead(ec, kc):>16}")
    print(f"{'latency p50 ms':16}{rl50:>12.2f}{'':>14}{kl50:>11.2f}"
          f"{overhead(rl50, kl50, False):>12}")
    print(f"{'latency p99 ms':16}{rl99:>12.2f}{'':>14}{kl99:>11.2f}"
          f"{overhead(rl99, kl99, False):>12}")
    print(handle_line)
    print("rounds: " + ", ".join(f"{k} {[round(x) for x in res[k]]}" for k in keys))
    print(
        "Reading: latency through the kit is within noise of raw (a hop is bounded by the\n"
        "broker's fetch wait). Throughput: 'raw bytes' sends pre-built bytes and counts them,\n"
        "~1 us of Python per message. The envelope ARCHITECTURE §3 requires (UUIDv7 ~1 us,\n"
        "Envelope + payload serialization ~1.5 us, event-type/event-id headers ~0.5 us; on\n"
        "the way in, envelope + payload parse ~1-2 us) costs more than that by itself, so\n"
        "10% over raw bytes is out of reach for a Python client of this contract.\n"
        "'raw+envelope' is that minimum hand-written in a tight loop; the kit's remaining\n"
        "cost is one coroutine per handler call, the EventContext, the dedupe probe, offset\n"
        "tracking, the trace-context check and (publish) the delivery-report callback.\n"
        "Figures on a shared 2-core machine vary by 2x between rounds; compare the columns\n"
        "of one run, never figures of different runs."
    )
    print(f"elapsed {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
