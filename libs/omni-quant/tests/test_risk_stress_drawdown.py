"""Stress scenarios (historical and hypothetical) and drawdown rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from omni_quant.risk import (
    HISTORICAL_SCENARIOS,
    REFERENCE_VOL_POINTS,
    DrawdownTracker,
    PositionExposure,
    check_drawdown_rules,
    drawdown_series,
    hypothetical_scenario,
    max_drawdown,
    run_stress,
)


def book():
    return [
        PositionExposure("SPY.ARCX", 1_000_000.0, "equity", "index"),
        PositionExposure("TLT.XNAS", 500_000.0, "equity", "rates", duration=17.0),
        PositionExposure("EURUSD.FX", 200_000.0, "fx", usd_quote=True),
        PositionExposure("BTC-USD.CRYPTO", 100_000.0, "crypto"),
        PositionExposure("CLZ6.XNYM", 300_000.0, "future", "energy"),
        PositionExposure("SPX-PUT.OPT", 50_000.0, "option", vega=2_000.0),
    ]


@pytest.mark.parametrize("key", sorted(HISTORICAL_SCENARIOS))
def test_risk_historical_scenario_pnl_by_hand(key):
    spec = HISTORICAL_SCENARIOS[key]
    s = spec.shocks
    assert spec.sources and spec.window
    res = run_stress(book(), spec)
    usd = s["usd"]
    expected = {
        "SPY.ARCX": 1e6 * s["equity"],
        "TLT.XNAS": 5e5 * s["equity"] + 5e5 * (-17.0 * s["rates_10y"] / 1e4),
        "EURUSD.FX": 2e5 * (-usd / (1 + usd)),
        "BTC-USD.CRYPTO": 1e5 * s["crypto"],
        "CLZ6.XNYM": 3e5 * s["commodity"],
        "SPX-PUT.OPT": 5e4 * s["equity"] + 2_000.0 * s["vol"] * REFERENCE_VOL_POINTS,
    }
    got = {k: pnl for k, pnl, _ in res.impacts}
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-12), k
    assert res.pnl == pytest.approx(sum(expected.values()), rel=1e-12)
    assert res.pnl_ratio == pytest.approx(res.pnl / sum(p.value for p in book()))


def test_risk_historical_scenarios_have_the_expected_direction():
    gfc = HISTORICAL_SCENARIOS["gfc_2008"].shocks
    covid = HISTORICAL_SCENARIOS["covid_march_2020"].shocks
    rates = HISTORICAL_SCENARIOS["rate_shock_2022"].shocks
    assert gfc["equity"] < -0.3 and gfc["rates_10y"] < 0 and gfc["vol"] > 1
    assert covid["equity"] < -0.3 and covid["rates_10y"] < 0
    assert rates["rates_10y"] > 200 and rates["equity"] < 0
    # a long bond book loses in 2022 and gains in 2008
    bond = [PositionExposure("TLT", 1e6, "rates", duration=17.0)]
    assert run_stress(bond, HISTORICAL_SCENARIOS["rate_shock_2022"]).pnl < 0
    assert run_stress(bond, HISTORICAL_SCENARIOS["gfc_2008"]).pnl > 0


def test_risk_hypothetical_shocks_and_precedence():
    spec = hypothetical_scenario("equity -10%, usd +5%, rates +100bp, vol +50%",
                                 {"equity": -0.10, "usd": 0.05, "rates_10y": 100, "vol": 0.5})
    positions = [
        PositionExposure("AAPL", 1e5, "equity"),
        PositionExposure("MSFT", 1e5, "equity"),
        PositionExposure("USDJPY.FX", 1e5, "fx", usd_quote=False),
        PositionExposure("BOND", 1e5, "rates", duration=5.0),
        PositionExposure("ETH", 1e4, "crypto"),
    ]
    res = run_stress(positions, spec, instrument_shocks={"MSFT": -0.5},
                     asset_class_shocks={"crypto": -0.9})
    got = {k: pnl for k, pnl, _ in res.impacts}
    assert got["AAPL"] == pytest.approx(-1e4)
    assert got["MSFT"] == pytest.approx(-5e4)  # instrument shock wins
    assert got["USDJPY.FX"] == pytest.approx(5e3)
    assert got["BOND"] == pytest.approx(-5e3)  # -5 * 0.01 * 1e5
    assert got["ETH"] == pytest.approx(-9e3)  # asset-class shock
    short = run_stress([PositionExposure("AAPL", -1e5, "equity")], spec)
    assert short.pnl == pytest.approx(1e4)


def test_risk_stress_rejects_non_finite_value():
    with pytest.raises(ValueError):
        run_stress([PositionExposure("X", float("nan"))], HISTORICAL_SCENARIOS["gfc_2008"])


def test_risk_drawdown_series_and_max():
    eq = [100, 110, 99, 120, 90, 130]
    dd = drawdown_series(eq)
    assert np.allclose(dd, [0, 0, 0.1, 0, 0.25, 0])
    assert max_drawdown(eq) == pytest.approx(0.25)
    assert max_drawdown([]) == 0.0


def test_risk_drawdown_tracker_daily_and_monthly_reset():
    t0 = datetime(2024, 1, 30, 10, tzinfo=UTC)
    tr = DrawdownTracker(100.0, t0)
    s = tr.update(110.0, t0 + timedelta(hours=1))
    s = tr.update(99.0, t0 + timedelta(hours=2))
    assert s.daily_drawdown == pytest.approx(0.1)
    assert s.drawdown == pytest.approx(0.1)
    assert s.daily_pnl == pytest.approx(-1.0)
    # next day: the day's high starts at yesterday's close (99)
    s = tr.update(97.02, t0 + timedelta(days=1))
    assert s.daily_drawdown == pytest.approx(0.02)
    assert s.daily_pnl == pytest.approx(97.02 - 99.0)
    assert s.monthly_drawdown == pytest.approx((110 - 97.02) / 110)
    # new month (Feb 1): the month's high restarts at the carried equity
    s = tr.update(95.0, datetime(2024, 2, 1, 9, tzinfo=UTC))
    assert s.monthly_drawdown == pytest.approx((97.02 - 95.0) / 97.02)
    assert s.drawdown == pytest.approx((110 - 95) / 110)
    assert s.max_drawdown == pytest.approx((110 - 95) / 110)
    assert s.peak == 110.0


def test_risk_drawdown_rules_daily_monthly_total():
    base = datetime(2024, 3, 1, 15, tzinfo=UTC)
    times = [base + timedelta(days=i) for i in range(40)]
    eq = [100.0] * 40
    eq[3] = 96.0  # -4% on day 3 -> daily breach at 3%
    eq[4] = 96.0
    for i in range(10, 20):
        eq[i] = 100.0 - (i - 9) * 0.9  # slow bleed: no daily breach, monthly 9% by day 19
    eq[20:31] = [91.0] * 11
    eq[31:] = [91.5] * 9  # April: no new breach
    br = check_drawdown_rules(times, eq, daily_limit=0.03, monthly_limit=0.08, total_limit=0.5)
    rules = [(b.rule, b.at.date().isoformat()) for b in br]
    assert ("daily", "2024-03-04") in rules
    assert sum(1 for r, _ in rules if r == "daily") == 1
    monthly = [b for b in br if b.rule == "monthly"]
    assert len(monthly) == 1 and monthly[0].drawdown > 0.08
    assert monthly[0].at.month == 3
    assert not [b for b in br if b.rule == "total"]
