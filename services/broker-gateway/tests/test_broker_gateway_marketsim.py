"""The paper venue on omni_quant's market simulator: the L2 books it builds are what the
matching engine trades against, and the same seed gives the same fills through the gateway."""

from __future__ import annotations

from decimal import Decimal

from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.db import Database
from omni_quant.marketsim import DEFAULT_UNIVERSE, MarketSimulator
from omni_quant.matching import FeeSchedule, LatencyModel
from svc_broker_gateway.gateway import Gateway
from svc_broker_gateway.store import Store
from svc_broker_gateway.venues.base import InstrumentSpec
from svc_broker_gateway.venues.paper import PaperVenue

IDS = ["AAPL.XNAS", "EURUSD.FX"]


async def run(tmp_path, seed: int) -> list[tuple]:
    specs = [s for s in DEFAULT_UNIVERSE if s.instrument_id in IDS]
    sim = MarketSimulator(specs, seed=seed, dt=1.0)
    venue = PaperVenue(
        "paper",
        [InstrumentSpec(s.instrument_id, s.instrument_id, s.tick_size, s.lot_size) for s in specs],
        FeeSchedule(Decimal("0.0001"), Decimal("0.0003")),
        LatencyModel(0.0005, 0.0002, seed=seed),
    )
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/sim-{seed}.db")
    await db.migrate("svc_broker_gateway.migrations")
    out: list[tuple] = []

    async def publish(topic, key, ev):
        if isinstance(ev, ome.ExecutionReport) and ev.last_quantity:
            out.append(
                (ev.order_id, ev.venue, ev.last_quantity, ev.last_price, ev.fee.value, ev.liquidity)
            )

    gw = Gateway([venue], Store(db.engine), publish)
    n = 0
    for step in range(40):
        sim.simulate(1)
        for spec in specs:
            bids, asks = sim.book(spec.instrument_id).snapshot()
            venue.on_book(spec.instrument_id, bids, asks, ts=float(step))
            n += 1
            lot = spec.lot_size
            side = common.SIDE_BUY if (step + n) % 2 else common.SIDE_SELL
            touch = (asks if side == common.SIDE_BUY else bids)[0][0]
            limit = round(touch - spec.tick_size if side == common.SIDE_BUY else touch, 10)
            for kind, qty, px in (("m", 3 * lot, 0.0), ("l", 2 * lot, limit)):
                await gw.submit(
                    "acct",
                    om.Order(
                        order_id=f"{kind}{step}-{spec.instrument_id}",
                        client_order_id=f"c{kind}{step}-{spec.instrument_id}",
                        instrument_id=common.InstrumentId(value=spec.instrument_id),
                        side=side,
                        order_type=common.ORDER_TYPE_LIMIT if px else common.ORDER_TYPE_MARKET,
                        time_in_force=common.TIME_IN_FORCE_GTC if px else common.TIME_IN_FORCE_IOC,
                        quantity=qty,
                        limit_price=px,
                    ),
                )
        await gw.drain()
    await db.dispose()
    return out


async def test_paper_venue_on_the_simulator_is_deterministic(tmp_path):
    runs = {}
    for label, seed in (("a", 11), ("b", 11), ("c", 12)):
        (tmp_path / label).mkdir()
        runs[label] = await run(tmp_path / label, seed)
    assert runs["a"] and runs["a"] == runs["b"]
    assert runs["a"] != runs["c"]
    assert all(v == "paper" and q > 0 and p > 0 for _, v, q, p, _, _ in runs["a"])
    # both kinds of liquidity: market orders take, resting limits get hit as the book moves
    assert {liq for *_, liq in runs["a"]} == {common.LIQUIDITY_TAKER, common.LIQUIDITY_MAKER}
