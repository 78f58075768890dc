"""The portfolio-manager Service in-process as the kit runs it: FillBooked and market data
from the embedded broker, PositionUpdated/PnlUpdated/RebalanceTargets out on
portfolio-updates, the gRPC API (with a stand-in order-manager speaking the real contract),
and gRPC status codes for bad input."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any

import grpc
import numpy as np
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import events_pb2 as om_ev
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.portfolio_manager.v1 import events_pb2 as ev
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pb_grpc
from omni_core.bus import EventBus
from omni_core.rpc import channel
from omni_testing.kafka import wait_until
from svc_portfolio_manager.app import PortfolioManagerSettings, build


def ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def iid(v: str) -> common.InstrumentId:
    return common.InstrumentId(value=v)


class FakeOrderManager(om_grpc.OrderManagerServiceServicer):
    """Stands in for order-manager (being written in parallel): records SubmitOrder calls."""

    def __init__(self) -> None:
        self.orders: list[om.SubmitOrderRequest] = []

    async def SubmitOrder(self, request, context):  # type: ignore[no-untyped-def]
        self.orders.append(request)
        return om.SubmitOrderResponse(
            order=om.Order(
                order_id=f"ord-{len(self.orders)}",
                client_order_id=request.client_order_id,
                account_id=request.account_id,
                instrument_id=request.instrument_id,
                side=request.side,
                quantity=request.quantity,
                status=om.ORDER_STATUS_ACCEPTED,
            )
        )


@pytest.fixture
async def order_manager(grpc_server):  # type: ignore[no-untyped-def]
    fake = FakeOrderManager()
    _, addr = await grpc_server(
        (
            om_grpc.add_OrderManagerServiceServicer_to_server,
            fake,
            "omni.order_manager.v1.OrderManagerService",
        )
    )
    fake.address = addr  # type: ignore[attr-defined]
    return fake


@pytest.fixture
async def pm(sqlite_url, kafka_bootstrap, kafka_topics, order_manager, tmp_path):  # type: ignore[no-untyped-def]
    settings = PortfolioManagerSettings(
        kafka_bootstrap=kafka_bootstrap,
        database_url=sqlite_url,
        grpc_host="127.0.0.1",
        grpc_port=0,
        metrics_port=0,
        home=tmp_path,
        publish_interval=0.05,
        order_manager_address=order_manager.address,
        replacements={"SPY.ARCX": "IVV.ARCX"},
    )
    svc = build(
        settings,
        topics=kafka_topics,
        bus_overrides={
            "group_id": f"pm-{uuid.uuid4().hex[:8]}",
            "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01,
            "retry_backoff_max": 0.05,
            "commit_interval_ms": 100,
        },
    )
    await svc.start()
    try:
        assert await svc.wait_ready(60), f"not ready: {svc.dependencies}"
        assert await svc.bus.wait_assigned(30)
        yield svc
    finally:
        await svc.stop()


@pytest.fixture
async def observer(bus_config, kafka_topics):  # type: ignore[no-untyped-def]
    bus = EventBus(bus_config(group_id=f"obs-{uuid.uuid4().hex[:8]}"), "pm-test-observer")
    seen: list[tuple[str | None, Any]] = []

    async def record(e: Any, ctx: Any) -> None:
        seen.append((ctx.key_str, e))

    for t in (
        ev.PositionUpdated,
        ev.PnlUpdated,
        ev.NavSnapshot,
        ev.RebalanceTargets,
        ev.TaxLotClosed,
        ev.CashUpdated,
    ):
        bus.subscribe(kafka_topics["portfolio-updates"], t, record)
    await bus.start()
    assert await bus.wait_assigned(30)
    bus.seen = seen  # type: ignore[attr-defined]
    yield bus
    await bus.stop()


def fill_booked(
    fid: str, side: int, qty: float, price: float, fee: str, inst: str, at: datetime
) -> om_ev.FillBooked:
    return om_ev.FillBooked(
        account_id="acc-1",
        fill=om.Fill(
            fill_id=fid,
            order_id="o-" + fid,
            account_id="acc-1",
            strategy_id="s1",
            instrument_id=iid(inst),
            side=side,
            quantity=qty,
            price=price,
            fee=common.Decimal(value=fee),
            executed_at=ts(at),
        ),
        event_time=ts(at),
    )


async def test_fills_from_the_broker_become_positions_and_updates(
    pm, observer, bus_config, kafka_topics
) -> None:  # type: ignore[no-untyped-def]
    prod = EventBus(bus_config(), "pm-test-producer")
    await prod.start()
    t0 = datetime(2026, 5, 4, 14, 0, tzinfo=UTC)
    try:
        orders = kafka_topics["order-management"]
        await prod.publish(
            orders, "acc-1", fill_booked("f1", common.SIDE_BUY, 30, 100.0, "1.50", "AAPL.XNAS", t0)
        )
        await prod.publish(
            orders, "acc-1", fill_booked("f2", common.SIDE_BUY, 70, 101.0, "2.50", "AAPL.XNAS", t0)
        )
        # redelivery of f2 (same fill, a new envelope): must change nothing
        await prod.publish(
            orders, "acc-1", fill_booked("f2", common.SIDE_BUY, 70, 101.0, "2.50", "AAPL.XNAS", t0)
        )
        await prod.publish(
            orders, "acc-1", fill_booked("f3", common.SIDE_SELL, 40, 103.0, "1", "AAPL.XNAS", t0)
        )
        await prod.publish(
            kafka_topics["market-data-stream"],
            "AAPL.XNAS",
            md.Trade(instrument_id=iid("AAPL.XNAS"), time=ts(t0), price=104.0, size=10),
        )

        def fill_update(fid: str) -> list[ev.PositionUpdated]:
            return [
                e
                for _, e in observer.seen
                if isinstance(e, ev.PositionUpdated) and e.fill_id == fid
            ]

        await wait_until(lambda: fill_update("f3"), 30, "PositionUpdated for f3")
        await wait_until(
            lambda: any(
                isinstance(e, ev.PnlUpdated)
                and e.pnl.unrealized.value
                and D(e.pnl.unrealized.value) == D(180)
                for _, e in observer.seen
            ),
            30,
            "marked PnlUpdated",
        )
    finally:
        await prod.stop()
    assert len(fill_update("f2")) == 1
    p = fill_update("f3")[0].position
    # 100 @ (3000 + 7070)/100 = 100.70; FIFO sell 30 @ 100 (+90) and 10 @ 101 (+20)
    assert (p.quantity, D(p.realized_pnl.value)) == (60.0, D(110))
    assert all(k == "acc-1" for k, _ in observer.seen)
    closed = [e for _, e in observer.seen if isinstance(e, ev.TaxLotClosed)]
    assert [(e.lot.lot_id, e.closed_quantity) for e in closed] == [("f1", 30.0), ("f2", 10.0)]

    async with channel(pm.grpc_address) as ch:
        stub = pb_grpc.PortfolioManagerServiceStub(ch)
        port = (await stub.GetPortfolio(pb.GetPortfolioRequest(account_id="acc-1"))).portfolio
        # cash = -3000 - 1.5 - 7070 - 2.5 + 4120 - 1; 60 @ 101 cost 6060, marked 104
        assert D(port.cash.value) == D("-5955")
        assert D(port.pnl.unrealized.value) == D(180) and D(port.pnl.fees.value) == D(5)
        assert D(port.nav.value) == D("-5955") + D(60 * 104)
        lots = (
            await stub.ListTaxLots(pb.ListTaxLotsRequest(account_id="acc-1", include_closed=True))
        ).lots
        assert [(x.lot_id, x.quantity) for x in lots] == [("f2", 60.0), ("f1", 0.0), ("f2", 0.0)]


def _returns(n_assets: int = 5, t: int = 400, seed: int = 3) -> list[pb.AssetReturns]:
    rng = np.random.default_rng(seed)
    f = rng.normal(0, 0.01, (t, 2))
    r = f @ rng.normal(0.5, 0.3, (n_assets, 2)).T + rng.normal(0.0004, 0.01, (t, n_assets))
    return [
        pb.AssetReturns(instrument_id=iid(f"A{i}"), returns=r[:, i].tolist())
        for i in range(n_assets)
    ]


async def test_grpc_optimise_rebalance_harvest_attribution_and_errors(
    pm, observer, order_manager
) -> None:  # type: ignore[no-untyped-def]
    core = pm.portfolio
    now = datetime.now(UTC)
    async with channel(pm.grpc_address) as ch:
        stub = pb_grpc.PortfolioManagerServiceStub(ch)

        async def code_of(call) -> grpc.StatusCode:  # type: ignore[no-untyped-def]
            with pytest.raises(grpc.aio.AioRpcError) as ei:
                await call
            return ei.value.code(), ei.value.details()

        # --- optimisation
        res = await stub.Optimize(
            pb.OptimizeRequest(
                method=pb.OPTIMIZATION_METHOD_MEAN_VARIANCE,
                target=pb.OPTIMIZATION_TARGET_MAX_SHARPE,
                returns=_returns(),
                frontier_points=4,
            )
        )
        assert abs(sum(w.weight for w in res.weights) - 1) < 1e-6 and len(res.frontier) == 4
        hrp = await stub.Optimize(
            pb.OptimizeRequest(
                method=pb.OPTIMIZATION_METHOD_HRP, returns=_returns(), linkage="ward"
            )
        )
        assert all(w.weight > 0 for w in hrp.weights)
        bl = await stub.Optimize(
            pb.OptimizeRequest(
                method=pb.OPTIMIZATION_METHOD_BLACK_LITTERMAN,
                returns=_returns(),
                views=[pb.View(long_assets=[iid("A0")], expected_return=0.2, confidence=0.5)],
            )
        )
        assert set(bl.posterior_returns) == {f"A{i}" for i in range(5)}

        dup = _returns(3)
        dup[2].returns[:] = dup[1].returns  # two identical assets: singular covariance
        code, msg = await code_of(
            stub.Optimize(
                pb.OptimizeRequest(method=pb.OPTIMIZATION_METHOD_MEAN_VARIANCE, returns=dup)
            )
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "singular" in msg
        code, msg = await code_of(
            stub.Optimize(
                pb.OptimizeRequest(
                    method=pb.OPTIMIZATION_METHOD_MEAN_VARIANCE,
                    returns=_returns(),
                    constraints=pb.OptimizationConstraints(long_only=True, max_weight=0.1),
                )
            )
        )
        assert code == grpc.StatusCode.FAILED_PRECONDITION and "infeasible" in msg
        code, msg = await code_of(
            stub.Optimize(
                pb.OptimizeRequest(
                    method=pb.OPTIMIZATION_METHOD_BLACK_LITTERMAN,
                    returns=_returns(),
                    views=[pb.View(long_assets=[iid("ZZZ")], expected_return=0.1)],
                )
            )
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "ZZZ" in msg
        code, msg = await code_of(
            stub.Optimize(
                pb.OptimizeRequest(
                    method=pb.OPTIMIZATION_METHOD_HRP,
                    returns=[pb.AssetReturns(instrument_id=iid("A0"))],
                )
            )
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "empty" in msg
        code, _ = await code_of(stub.GetPortfolio(pb.GetPortfolioRequest(account_id="nobody")))
        assert code == grpc.StatusCode.NOT_FOUND

        # --- an account: cash, two holdings, marks
        await stub.AdjustCash(
            pb.AdjustCashRequest(
                account_id="acc-2",
                reference_id="dep-1",
                amount=common.Money(amount=common.Decimal(value="100000"), currency="USD"),
            )
        )
        from svc_portfolio_manager.accounting import Fill, Side

        old = now - timedelta(days=90)
        await core.apply_fill(Fill("g1", "acc-2", "SPY.ARCX", Side.BUY, D(100), D(500), D(0), old))
        await core.apply_fill(Fill("g2", "acc-2", "TLT.XNAS", Side.BUY, D(200), D(100), D(0), old))
        core.on_price("SPY.ARCX", 450.0, now)  # SPY lot: 5000 unrealised loss
        core.on_price("TLT.XNAS", 100.0, now)
        core.on_price("IVV.ARCX", 300.0, now)
        # NAV = 100000 - 70000 + 45000 + 20000 = 95000

        # --- rebalance: dry run, then submitted through the (stand-in) order-manager
        targets = [
            pb.TargetWeight(instrument_id=iid("SPY.ARCX"), weight=0.40),
            pb.TargetWeight(instrument_id=iid("TLT.XNAS"), weight=0.40),
        ]
        dry = await stub.Rebalance(
            pb.RebalanceRequest(
                account_id="acc-2", targets=targets, dry_run=True, drift_threshold=0.05
            )
        )
        # SPY 47.4% -> edge 45%: sell floor(0.0237*95000/450)=5; TLT 21.1% -> 35%: buy 132
        got = {(t.instrument_id.value, t.side, t.quantity) for t in dry.trades}
        assert got == {("SPY.ARCX", common.SIDE_SELL, 5.0), ("TLT.XNAS", common.SIDE_BUY, 132.0)}
        assert D(dry.estimated_realized_pnl.value) == D(-250) and not order_manager.orders
        done = await stub.Rebalance(
            pb.RebalanceRequest(
                account_id="acc-2",
                strategy_id="s9",
                targets=targets,
                drift_threshold=0.05,
                lot_method=pb.LOT_METHOD_FIFO,
            )
        )
        assert [t.order_id for t in done.trades] == ["ord-1", "ord-2"]
        assert [(o.instrument_id.value, o.quantity, o.side) for o in order_manager.orders] == [
            ("SPY.ARCX", 5.0, common.SIDE_SELL),
            ("TLT.XNAS", 132.0, common.SIDE_BUY),
        ]
        assert order_manager.orders[0].client_order_id.startswith("pm-")

        # a rebalance to an optimisation result needs prices for its instruments
        code, msg = await code_of(
            stub.Rebalance(
                pb.RebalanceRequest(
                    account_id="acc-2", optimization_id=res.optimization_id, dry_run=True
                )
            )
        )
        assert code == grpc.StatusCode.FAILED_PRECONDITION and "no market price for A" in msg
        code, _ = await code_of(
            stub.Rebalance(pb.RebalanceRequest(account_id="acc-2", optimization_id="nope"))
        )
        assert code == grpc.StatusCode.NOT_FOUND

        # --- tax-loss harvesting: SPY lot at a loss, replacement IVV
        h = await stub.HarvestTaxLosses(
            pb.HarvestTaxLossesRequest(
                account_id="acc-2", dry_run=True, min_loss=common.Decimal(value="1000")
            )
        )
        assert [
            (c.lot.lot_id, D(c.loss.value), c.replacement.value, c.wash_sale_blocked)
            for c in h.candidates
        ] == [("g1", D(5000), "IVV.ARCX", False)]
        assert {(t.instrument_id.value, t.quantity) for t in h.trades} == {
            ("SPY.ARCX", 100.0),
            ("IVV.ARCX", 150.0),
        }
        # a recent purchase of SPY blocks the harvest (wash sale "before")
        await core.apply_fill(
            Fill("g3", "acc-2", "SPY.ARCX", Side.BUY, D(1), D(450), D(0), now - timedelta(days=3))
        )
        h = await stub.HarvestTaxLosses(
            pb.HarvestTaxLossesRequest(account_id="acc-2", dry_run=True)
        )
        assert [c.wash_sale_blocked for c in h.candidates] == [True]

        # --- corporate actions
        split = await stub.ApplyCorporateAction(
            pb.ApplyCorporateActionRequest(
                action=pb.CorporateAction(
                    action_id="tlt-split",
                    type=pb.CORPORATE_ACTION_TYPE_SPLIT,
                    instrument_id=iid("TLT.XNAS"),
                    split_ratio=2,
                )
            )
        )
        assert split.accounts_affected == 1 and split.positions[0].quantity == 400.0
        again = await stub.ApplyCorporateAction(
            pb.ApplyCorporateActionRequest(
                action=pb.CorporateAction(
                    action_id="tlt-split",
                    type=pb.CORPORATE_ACTION_TYPE_SPLIT,
                    instrument_id=iid("TLT.XNAS"),
                    split_ratio=2,
                )
            )
        )
        assert again.accounts_affected == 0
        div = await stub.ApplyCorporateAction(
            pb.ApplyCorporateActionRequest(
                account_id="acc-2",
                action=pb.CorporateAction(
                    action_id="tlt-div",
                    type=pb.CORPORATE_ACTION_TYPE_CASH_DIVIDEND,
                    instrument_id=iid("TLT.XNAS"),
                    dividend_per_share=common.Money(amount=common.Decimal(value="0.3")),
                ),
            )
        )
        assert D(div.cash_credited.value) == D(120)
        code, _ = await code_of(
            stub.ApplyCorporateAction(
                pb.ApplyCorporateActionRequest(
                    action=pb.CorporateAction(
                        action_id="x",
                        type=pb.CORPORATE_ACTION_TYPE_SPLIT,
                        instrument_id=iid("TLT.XNAS"),
                        split_ratio=-1,
                    )
                )
            )
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT

        # --- attribution
        bf = await stub.GetAttribution(
            pb.GetAttributionRequest(
                account_id="acc-2",
                model=pb.ATTRIBUTION_MODEL_BRINSON_FACHLER,
                portfolio=[
                    pb.TargetWeight(instrument_id=iid("X"), weight=0.6),
                    pb.TargetWeight(instrument_id=iid("Y"), weight=0.4),
                ],
                benchmark=[
                    pb.TargetWeight(instrument_id=iid("X"), weight=0.5),
                    pb.TargetWeight(instrument_id=iid("Z"), weight=0.5),
                ],
                asset_returns={"X": 0.05, "Y": -0.02, "Z": 0.01},
                segments={"X": "tech", "Y": "energy", "Z": "energy"},
            )
        )
        total = sum(
            s.allocation_effect + s.selection_effect + s.interaction_effect for s in bf.segments
        )
        assert (
            abs(total - bf.active_return) < 1e-12 and abs(bf.active_return - (0.022 - 0.03)) < 1e-12
        )
        ff = await stub.GetAttribution(
            pb.GetAttributionRequest(
                model=pb.ATTRIBUTION_MODEL_FACTOR,
                periods=[f"2010{m:02d}" for m in range(1, 13)]
                + [f"2011{m:02d}" for m in range(1, 13)],
                portfolio_returns=(np.linspace(-0.02, 0.03, 24)).tolist(),
            )
        )
        assert ff.factor_source.startswith("fama-french") and len(ff.segments) == 3
        code, msg = await code_of(
            stub.GetAttribution(pb.GetAttributionRequest(model=pb.ATTRIBUTION_MODEL_FACTOR))
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "empty" in msg

        # --- optimisation from the daily bars the service has seen (no returns in the request)
        rng = np.random.default_rng(9)
        for name in ("B0", "B1", "B2"):
            px = 100 * np.cumprod(1 + rng.normal(0.0005, 0.01, 60))
            for k, close in enumerate(px):
                core.on_bar(name, "1d", float(close), now - timedelta(days=60 - k))
        hist = await stub.Optimize(
            pb.OptimizeRequest(
                method=pb.OPTIMIZATION_METHOD_RISK_PARITY,
                universe=[iid("B0"), iid("B1"), iid("B2")],
                lookback_days=40,
            )
        )
        rc = [w.risk_contribution for w in hist.weights]
        assert max(rc) - min(rc) < 1e-6
        code, msg = await code_of(
            stub.Optimize(
                pb.OptimizeRequest(
                    method=pb.OPTIMIZATION_METHOD_HRP, universe=[iid("B0"), iid("NOHIST")]
                )
            )
        )
        assert code == grpc.StatusCode.FAILED_PRECONDITION and "NOHIST" in msg

        # --- NAV history: recorded by the coalesced publisher, at most once per nav_interval
        # (60 s): one point, the NAV when the publisher first ran (before or after the marks)
        await core.flush()
        navs = await stub.GetNavHistory(pb.GetNavHistoryRequest(account_id="acc-2"))
        assert len(navs.points) == 1 and D(navs.points[0].nav.value) in (D(100000), D(95000))

    await wait_until(
        lambda: any(isinstance(e, ev.RebalanceTargets) for _, e in observer.seen),
        30,
        "RebalanceTargets",
    )
