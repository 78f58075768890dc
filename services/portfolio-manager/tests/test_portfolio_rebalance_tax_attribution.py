"""Rebalancing (band, lot rounding, closes, drift-triggered standing targets), tax-loss
harvesting and after-tax returns, and attribution (Brinson-Fachler identity, factor OLS
recovering known exposures), on crafted cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any

import numpy as np
import pytest
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.db import Database
from omni_core.errors import FailedPrecondition, InvalidArgument
from svc_portfolio_manager.accounting import Book, Fill, Side
from svc_portfolio_manager.attribution import brinson_fachler, factor_attribution
from svc_portfolio_manager.portfolio import PortfolioCore
from svc_portfolio_manager.rebalance import max_drift, plan_rebalance, rebalance_due
from svc_portfolio_manager.repository import PortfolioRepository
from svc_portfolio_manager.tax import after_tax_return, harvest_candidates

T0 = datetime(2026, 2, 2, 15, tzinfo=UTC)


def _book() -> Book:
    b = Book()
    b.adjust_cash("a", D(100000), "", "seed", T0)
    b.apply_fill(Fill("f1", "a", "X", Side.BUY, D(300), D(100), D(0), T0))  # 30000
    b.apply_fill(Fill("f2", "a", "Y", Side.BUY, D(100), D(200), D(0), T0))  # 20000
    b.apply_fill(Fill("f3", "a", "Z", Side.BUY, D(7), D(10), D(0), T0))  # 70
    b.mark("X", D(100), T0)
    b.mark("Y", D(200), T0)
    b.mark("Z", D(10), T0)
    return b  # NAV 100000: X 30%, Y 20%, Z 0.07%, cash 49930


def test_band_edge_lot_rounding_and_closes() -> None:
    acc = _book().accounts["a"]
    trades = plan_rebalance(
        acc,
        {"X": 0.20, "Y": 0.21, "W": 0.10},
        band=0.02,
        lot_sizes={"W": D(50)},
        prices={"W": D("33.3")},
    )
    got = [(t.instrument, t.side, t.quantity) for t in trades]
    # X 30% -> edge 22%: sell 8000/100 = 80; Y within band (1%); Z not targeted but its
    # 0.07% is within the band: kept; W 0% -> edge 8%: 8000/33.3 = 240.2 -> 200 in lots of 50
    assert got == [("X", Side.SELL, D(80)), ("W", Side.BUY, D(200))]
    # with no band, Z (no target) is closed in full, odd lot included
    trades = plan_rebalance(acc, {"X": 0.3, "Y": 0.2}, lot_sizes={"Z": D(5)})
    assert [(t.instrument, t.side, t.quantity) for t in trades] == [("Z", Side.SELL, D(7))]
    # to the target instead of the edge
    trades = plan_rebalance(acc, {"X": 0.20, "Y": 0.21, "Z": 0.0007}, to_edge=False, band=0.02)
    assert [(t.instrument, t.quantity) for t in trades] == [("X", D(100))]
    with pytest.raises(FailedPrecondition, match="no market price for W"):
        plan_rebalance(acc, {"W": 0.1})
    with pytest.raises(InvalidArgument):
        plan_rebalance(acc, {"X": float("nan")})
    assert max_drift(acc.weights(), {"X": 0.25}) == pytest.approx(0.2)
    assert rebalance_due(None, 60, T0) and not rebalance_due(T0, 60, T0 + timedelta(seconds=59))
    assert not rebalance_due(None, 0, T0)


async def test_standing_targets_rebalance_on_drift(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    db = Database(sqlite_url)
    await db.migrate(
        "svc_portfolio_manager.migrations", version_table="alembic_version_portfolio_manager"
    )
    sent: list[om.SubmitOrderRequest] = []

    async def submit(req: om.SubmitOrderRequest) -> om.SubmitOrderResponse:
        sent.append(req)
        return om.SubmitOrderResponse(order=om.Order(order_id=f"o{len(sent)}"))

    async def publish(key: str, e: Any) -> None:
        return None

    book = _book()
    core = PortfolioCore(
        book, PortfolioRepository(db), publish, now=lambda: T0, submit_order=submit
    )
    await core.set_standing("a", "s", {"X": 0.3, "Y": 0.2}, 0.05, None)
    assert await core.check_standing() == 0 and sent == []  # within the band
    core.on_price("X", 130.0, T0)  # X: 39000 / 109000 = 35.8% -> drift 5.8% > 5%
    assert await core.check_standing() == 1
    # back to the band edge: 35% of NAV 109000 = 38150 -> sell floor(850/130) = 6 X; Z (not a
    # target, 0.06%) is inside the band and stays
    assert [(r.instrument_id.value, r.quantity, r.side) for r in sent] == [("X", 6.0, 2)]
    assert sent[0].client_order_id.startswith("pm-") and sent[0].strategy_id == "s"
    # the orders are working (no fills yet): no second rebalance within the cooldown
    assert await core.check_standing() == 0 and len(sent) == 1
    # reloaded from the database with the time of the last rebalance
    again = PortfolioCore(Book(), PortfolioRepository(db), publish, now=lambda: T0)
    await again.load()
    assert again.standing[("a", "s")].last == T0
    await db.dispose()


def test_harvest_candidates_and_wash_window() -> None:
    b = Book()
    old = T0 - timedelta(days=100)
    b.apply_fill(Fill("l1", "a", "SPY", Side.BUY, D(10), D(500), D(0), old))
    b.apply_fill(Fill("l2", "a", "SPY", Side.BUY, D(10), D(430), D(0), old + timedelta(days=1)))
    b.apply_fill(Fill("l3", "a", "QQQ", Side.BUY, D(5), D(400), D(0), old))
    b.mark("SPY", D(450), T0)
    b.mark("QQQ", D(380), T0)
    c = harvest_candidates(b, "a", T0, min_loss=D(50), replacements={"SPY": "IVV"})
    # SPY l1: 10 x 50 = 500 loss; QQQ l3: 5 x 20 = 100; SPY l2 is a gain
    assert [(x.lot.lot_id, x.loss, x.replacement, x.blocked) for x in c] == [
        ("l1", D(500), "IVV", False),
        ("l3", D(100), "", False),
    ]
    # harvest SPY l1, then buying SPY back within 30 days would wash the loss
    b.designate_lots("a", "h1", ["l1"])
    from svc_portfolio_manager.accounting import LotMethod

    b.set_lot_method("a", LotMethod.SPECIFIC_LOT)
    b.apply_fill(Fill("x1", "a", "SPY", Side.SELL, D(10), D(450), D(0), T0, client_order_id="h1"))
    assert b.wash_window_open("a", "SPY", T0 + timedelta(days=29))
    assert not b.wash_window_open("a", "SPY", T0 + timedelta(days=31))
    assert not b.wash_window_open("a", "IVV", T0 + timedelta(days=1))
    # a purchase 5 days ago blocks harvesting QQQ now
    b.apply_fill(Fill("l4", "a", "QQQ", Side.BUY, D(1), D(380), D(0), T0 - timedelta(days=5)))
    c = harvest_candidates(b, "a", T0, min_loss=D(50))
    assert [(x.lot.lot_id, x.blocked) for x in c] == [("l3", True)]


def test_after_tax_return() -> None:
    pre, post, tax = after_tax_return(
        D(100000),
        D(110000),
        short_term_gains=D(4000),
        long_term_gains=D(6000),
        dividends=D(1000),
    )
    # tax = 4000*.37 + 6000*.20 + 1000*.20 = 1480 + 1200 + 200
    assert tax == D(2880) and pre == D("0.1") and post == D("0.0712")
    # a short-term loss nets against the long-term gain first
    _, _, tax = after_tax_return(
        D(100000), D(100000), short_term_gains=D(-2000), long_term_gains=D(5000)
    )
    assert tax == D(3000) * D("0.20")


def test_brinson_fachler_effects_sum_to_active_return() -> None:
    port = {"A": 0.3, "B": 0.2, "C": 0.4}  # 10% cash
    bench = {"A": 0.25, "B": 0.25, "D": 0.5}
    rets = {"A": 0.08, "B": -0.03, "C": 0.02, "D": 0.04}
    seg = {"A": "tech", "B": "tech", "C": "health", "D": "energy"}
    r = brinson_fachler(port, bench, rets, seg)
    assert r.portfolio_return == pytest.approx(0.3 * 0.08 - 0.2 * 0.03 + 0.4 * 0.02)
    assert r.benchmark_return == pytest.approx(0.25 * 0.08 - 0.25 * 0.03 + 0.5 * 0.04)
    total = sum(s.allocation + s.selection + s.interaction for s in r.segments)
    assert total == pytest.approx(r.active_return, abs=1e-15)
    tech = next(s for s in r.segments if s.name == "tech")
    # tech: Wp .5, Wb .5, rp = (.024 - .006)/.5 = .036, rb = (.02 - .0075)/.5 = .025
    assert tech.allocation == pytest.approx(0) and tech.selection == pytest.approx(0.5 * 0.011)
    assert {s.name for s in r.segments} == {"tech", "health", "energy", "cash"}
    with pytest.raises(InvalidArgument, match="no return"):
        brinson_fachler(port, bench, {"A": 0.1}, seg)


def test_factor_attribution_recovers_exposures() -> None:
    rng = np.random.default_rng(5)
    mkt, smb = rng.normal(0.01, 0.04, 60), rng.normal(0, 0.02, 60)
    y = 0.002 + 1.2 * mkt - 0.4 * smb + rng.normal(0, 0.001, 60)
    r = factor_attribution(y, {"market": mkt, "size": smb})
    assert r.exposures["market"] == pytest.approx(1.2, abs=0.01)
    assert r.exposures["size"] == pytest.approx(-0.4, abs=0.02)
    assert sum(r.contributions.values()) + r.residual == pytest.approx(r.portfolio_return)
    assert r.residual == pytest.approx(r.alpha * 60)
    # the Fama-French factors shipped with arch, on their own months: market beta 1
    from svc_portfolio_manager.attribution import fama_french

    ff = fama_french().loc[[f"2015{m:02d}" for m in range(1, 13)] + ["201601", "201602"]]
    port = (ff["Mkt-RF"] + ff["RF"]).to_numpy()
    r = factor_attribution(port, None, periods=list(ff.index), factors=["market", "value"])
    assert r.exposures["market"] == pytest.approx(1.0) and r.exposures["value"] == pytest.approx(
        0, abs=1e-9
    )
    with pytest.raises(InvalidArgument, match="collinear"):
        factor_attribution(y, {"a": mkt, "b": 2 * mkt})
    with pytest.raises(InvalidArgument, match="outside the Fama-French"):
        factor_attribution([0.1, 0.2, 0.3, 0.1, 0.0], None, periods=["202401"] * 5)


async def test_tax_report_after_tax_return(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    from omni.common.v1 import types_pb2 as common
    from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb

    db = Database(sqlite_url)
    await db.migrate(
        "svc_portfolio_manager.migrations", version_table="alembic_version_portfolio_manager"
    )
    clock = {"now": T0}

    async def publish(key: str, e: Any) -> None:
        return None

    core = PortfolioCore(
        Book(), PortfolioRepository(db), publish, now=lambda: clock["now"], nav_interval=0.0
    )
    await core.adjust_cash("a", D(100000), "USD", "", "dep-1")
    await core.flush()  # first NAV point: 100000
    day = timedelta(days=1)
    await core.apply_fill(Fill("b1", "a", "X", Side.BUY, D(100), D(100), D(0), T0 + day))
    await core.apply_fill(Fill("s1", "a", "X", Side.SELL, D(100), D(120), D(0), T0 + 10 * day))
    await core.apply_fill(Fill("b2", "a", "Y", Side.BUY, D(50), D(50), D(0), T0 + 11 * day))
    clock["now"] = T0 + 12 * day
    await core.corporate_action(
        pb.CorporateAction(
            action_id="div-y",
            type=pb.CORPORATE_ACTION_TYPE_CASH_DIVIDEND,
            instrument_id=common.InstrumentId(value="Y"),
            dividend_per_share=common.Money(amount=common.Decimal(value="1")),
        ),
        "a",
    )
    await core.adjust_cash("a", D(10000), "USD", "", "dep-2")
    core.on_price("Y", 60.0, clock["now"])
    rep = await core.tax_report(pb.GetTaxReportRequest(account_id="a"))
    # NAV 112550 = cash 109550 + 50 x 60; gain net of the 10000 deposit 2550 -> 2.55%;
    # tax = 2000 x 0.37 + 50 x 0.20 = 750 -> after tax 1800 -> 1.8%
    assert (D(rep.start_value.value), D(rep.end_value.value)) == (D(100000), D(112550))
    assert (D(rep.net_flows.value), D(rep.dividends.value)) == (D(10000), D(50))
    assert D(rep.realized_short_term.value) == D(2000) and D(rep.estimated_tax.value) == D(750)
    assert rep.pre_tax_return == pytest.approx(0.0255) and rep.after_tax_return == pytest.approx(
        0.018
    )
    await db.dispose()
