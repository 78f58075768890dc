"""Broker-gateway figures (printed, never asserted):

* paper venue matching throughput: orders per second through omni_quant's MatchingEngine, in
  process (a seeded mix of marketable and resting limit orders, market orders, IOC/FOK/GTC/DAY,
  cancels, with the external book refreshed every 100 orders);
* book update latency: one L2 delta (``set_level``) applied, median and p99, with resting paper
  orders in the book;
* smart order routing: one decision over three venues;
* the whole gateway (command -> route -> persisted slice -> paper venue -> reports) with SQLite.

Run: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/broker_gateway.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from decimal import Decimal

from omni_quant.matching import (
    FeeSchedule,
    MatchingEngine,
    Order,
    OrderType,
    Side,
    TimeInForce,
)


def book(mid: float, tick: float = 0.01, levels: int = 10):
    bids = [(round(mid - tick * (i + 1), 2), 100.0 + 10 * i) for i in range(levels)]
    asks = [(round(mid + tick * (i + 1), 2), 100.0 + 10 * i) for i in range(levels)]
    return bids, asks


def make_orders(n: int, seed: int = 7):
    rnd = random.Random(seed)
    tifs = [TimeInForce.GTC, TimeInForce.DAY, TimeInForce.IOC, TimeInForce.FOK]
    out = []
    for i in range(n):
        side = Side.BUY if rnd.random() < 0.5 else Side.SELL
        r = rnd.random()
        if r < 0.1:
            out.append(Order(f"o{i}", side, rnd.randint(1, 300), OrderType.MARKET, TimeInForce.IOC))
        else:
            off = rnd.randint(-8, 8) * 0.01
            px = round(100.0 + off, 2)
            out.append(
                Order(f"o{i}", side, rnd.randint(1, 200), OrderType.LIMIT, rnd.choice(tifs), px)
            )
    return out


def bench_matching(n: int = 200_000, repeats: int = 3) -> None:
    rates = [_matching_once(n) for _ in range(repeats)]
    print(
        f"paper venue matching: best {max(rates):,.0f} orders/s, median "
        f"{statistics.median(rates):,.0f} orders/s over {repeats} runs of {n} orders"
    )


def _matching_once(n: int) -> float:
    fees = FeeSchedule(Decimal("0.0001"), Decimal("0.0003"))
    eng = MatchingEngine("AAPL.XNAS", 0.01, 1.0, fees)
    bids, asks = book(100.0)
    eng.set_book(bids, asks)
    orders = make_orders(n)
    rnd = random.Random(3)
    t0 = time.perf_counter()
    fills = 0
    for i, o in enumerate(orders):
        reps = eng.submit(o, i * 1e-4)
        fills += sum(1 for r in reps if r.fill is not None)
        if i % 100 == 99:
            eng.set_book(bids, asks, i * 1e-4)
        if i % 7 == 0 and i > 50:
            eng.cancel(orders[rnd.randrange(i)].order_id)
        if i % 20_000 == 19_999:
            eng.forget_terminal()
    dt = time.perf_counter() - t0
    resting = len(eng.open_orders())
    print(f"  run: {n / dt:,.0f} orders/s ({fills} fills, {resting} resting at the end)")
    return n / dt


def bench_book_updates(n: int = 200_000) -> None:
    eng = MatchingEngine("AAPL.XNAS", 0.01, 1.0)
    bids, asks = book(100.0, levels=20)
    eng.set_book(bids, asks)
    # resting paper orders away from the touch, as a live book would have
    for i in range(50):
        eng.submit(
            Order(
                f"r{i}", Side.BUY, 10, OrderType.LIMIT, TimeInForce.GTC, round(99.80 - i * 0.01, 2)
            )
        )
    rnd = random.Random(11)
    ups = [
        (Side.BUY if rnd.random() < 0.5 else Side.SELL, rnd.randint(1, 20), rnd.randint(0, 500))
        for _ in range(n)
    ]
    samples = []
    pc = time.perf_counter_ns
    for side, k, size in ups:
        price = round(100.0 - k * 0.01, 2) if side is Side.BUY else round(100.0 + k * 0.01, 2)
        t = pc()
        eng.set_level(side, price, float(size))
        samples.append(pc() - t)
    overhead = statistics.median([(lambda a: pc() - a)(pc()) for _ in range(10_000)])
    samples.sort()
    med = samples[len(samples) // 2] / 1000
    p99 = samples[int(len(samples) * 0.99)] / 1000
    print(
        f"book update (one L2 delta): median {med:.2f} us, p99 {p99:.2f} us "
        f"(timer overhead ~{overhead / 1000:.2f} us included; {n} updates)"
    )


def bench_routing(n: int = 20_000) -> None:
    from svc_broker_gateway.routing import SmartOrderRouter, VenueCandidate

    r = SmartOrderRouter()
    b1, a1 = book(100.0)
    b2, a2 = book(100.01)
    b3, a3 = book(99.99)
    c = [
        VenueCandidate("paper", Decimal("0.0003"), 0.0005, b1, a1),
        VenueCandidate("binance", Decimal("0.001"), 0.05, b2, a2),
        VenueCandidate("alpaca", Decimal("0"), 0.03, b3, a3),
    ]
    t0 = time.perf_counter()
    for i in range(n):
        r.route(Side.BUY if i % 2 else Side.SELL, 50 + (i % 700), c)
    dt = time.perf_counter() - t0
    print(f"routing decision (3 venues x 10 levels): {dt / n * 1e6:.1f} us each")


async def bench_gateway(n: int = 2_000) -> None:
    from omni.common.v1 import types_pb2 as common
    from omni.order_manager.v1 import order_manager_service_pb2 as om
    from omni_core.db import Database
    from svc_broker_gateway.gateway import Gateway
    from svc_broker_gateway.store import Store
    from svc_broker_gateway.venues.base import InstrumentSpec
    from svc_broker_gateway.venues.paper import PaperVenue

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{tmp}/bg.db")
        await db.migrate("svc_broker_gateway.migrations")
        pv = PaperVenue("paper", [InstrumentSpec("AAPL.XNAS", "AAPL", 0.01)])
        bids, asks = book(100.0)
        pv.on_book("AAPL.XNAS", bids, asks)
        sent = 0

        async def publish(topic, key, ev):
            nonlocal sent
            sent += 1

        gw = Gateway([pv], Store(db.engine), publish)
        t0 = time.perf_counter()
        for i in range(n):
            if i % 50 == 0:
                pv.on_book("AAPL.XNAS", bids, asks)
            await gw.submit(
                "acct",
                om.Order(
                    order_id=f"g{i}",
                    client_order_id=f"c{i}",
                    instrument_id=common.InstrumentId(value="AAPL.XNAS"),
                    side=common.SIDE_BUY if i % 2 else common.SIDE_SELL,
                    order_type=common.ORDER_TYPE_MARKET,
                    time_in_force=common.TIME_IN_FORCE_IOC,
                    quantity=10,
                ),
            )
        dt = time.perf_counter() - t0
        await db.dispose()
        print(
            "gateway end to end on the paper venue (SQLite, one transaction per order, "
            f"route persisted): {n / dt:,.0f} orders/s, {sent} events"
        )


def main() -> None:
    bench_matching()
    bench_book_updates()
    bench_routing()
    asyncio.run(bench_gateway())


if __name__ == "__main__":
    main()
