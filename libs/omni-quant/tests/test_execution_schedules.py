"""Execution schedules against hand-computed cases."""

from __future__ import annotations

import math

import pytest
from omni_quant import execution as ex


def test_twap_equal_slices_at_equal_intervals():
    s = ex.twap_schedule(1000, 3600, 4)
    assert [(x.index, x.offset, x.quantity) for x in s] == [
        (0, 0.0, 250.0), (1, 900.0, 250.0), (2, 1800.0, 250.0), (3, 2700.0, 250.0)]


def test_twap_whole_lots_keep_the_total():
    # 100 over 3 slices in lots of 1: cumulative rounding 33.33 -> 33, 66.67 -> 67, 100
    s = ex.twap_schedule(100, 300, 3, lot=1)
    assert [x.quantity for x in s] == [33, 34, 33]
    assert sum(x.quantity for x in s) == 100


def test_twap_randomisation_is_seeded_and_keeps_the_total():
    a = ex.twap_schedule(1000, 1000, 10, randomization=0.5, seed="p1")
    b = ex.twap_schedule(1000, 1000, 10, randomization=0.5, seed="p1")
    assert a == b
    assert math.isclose(sum(x.quantity for x in a), 1000)
    assert any(abs(x.quantity - 100) > 1 for x in a)
    assert all(a[i].offset < a[i + 1].offset for i in range(9))


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf")])
def test_bad_quantity_refused(bad):
    with pytest.raises(ValueError):
        ex.twap_schedule(bad, 60, 2)


def test_vwap_weights_follow_the_profile():
    s = ex.vwap_schedule(1000, 400, [0.4, 0.1, 0.1, 0.4])
    assert [x.quantity for x in s] == pytest.approx([400, 100, 100, 400])
    assert [x.offset for x in s] == [0, 100, 200, 300]


def test_volume_profile_from_bars_pools_days_by_time_of_day():
    # window 14:30-15:30 UTC in 2 buckets; day 1 and day 2 bars at 14:30 (100, 300) and 15:00 (100)
    day = 86_400
    t1430, t1500 = 14.5 * 3600, 15 * 3600
    bars = [(t1430, 100), (day + t1430, 300), (t1500, 100), (16 * 3600, 999)]
    prof = ex.volume_profile_from_bars(bars, t1430, t1430 + 3600, 2)
    assert prof == pytest.approx([0.8, 0.2])
    assert ex.volume_profile_from_bars([], t1430, t1430 + 3600, 2) is None


def test_u_shaped_profile_heavy_at_the_ends():
    p = ex.u_shaped_profile(5)
    assert sum(p) == pytest.approx(1)
    assert p[0] == p[4] and p[0] > p[1] > p[2]
    # w(u) = 1 + 0.6 * (3 (2u-1)^2 - 1) at u = 0.1 .. 0.9
    w = [1 + 0.6 * (3 * (2 * u - 1) ** 2 - 1) for u in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert p == pytest.approx([x / sum(w) for x in w])


def test_almgren_chriss_matches_the_closed_form():
    X, T, N, lam, sigma, eta = 1e6, 5.0, 5, 2e-6, 0.95, 2.5e-6
    tau = T / N
    kt2 = lam * sigma**2 / eta
    kappa = math.acosh(1 + kt2 * tau**2 / 2) / tau
    x = ex.almgren_chriss_trajectory(X, T, N, lam, sigma, eta)
    for j in range(N + 1):
        assert x[j] == pytest.approx(X * math.sinh(kappa * (T - j * tau)) / math.sinh(kappa * T))
    assert x[0] == pytest.approx(X) and x[-1] == pytest.approx(0, abs=1e-6)
    sched = ex.almgren_chriss_schedule(X, T, N, lam, sigma, eta)
    assert [s.quantity for s in sched] == pytest.approx([x[j] - x[j + 1] for j in range(N)])
    # front-loaded: each trade smaller than the one before
    assert all(sched[j].quantity > sched[j + 1].quantity for j in range(N - 1))
    assert ex.almgren_chriss_kappa(lam, sigma, eta, tau) == pytest.approx(kappa)


def test_almgren_chriss_without_risk_aversion_is_twap():
    x = ex.almgren_chriss_trajectory(1000, 100, 4, 0.0, 1.0, 0.01)
    assert x == pytest.approx([1000, 750, 500, 250, 0])


def test_almgren_chriss_higher_risk_aversion_trades_faster():
    slow = ex.almgren_chriss_schedule(1000, 100, 5, 1e-4, 1.0, 1.0)
    fast = ex.almgren_chriss_schedule(1000, 100, 5, 1e-1, 1.0, 1.0)
    assert fast[0].quantity > slow[0].quantity > 200


def test_pov_participation():
    # 10% of 5,000 traded = 500; 300 filled, 100 working -> 100 more
    assert ex.pov_child_quantity(0.1, 5000, 300, 100, 10_000) == pytest.approx(100)
    assert ex.pov_child_quantity(0.1, 5000, 500, 0, 10_000) == 0
    # capped by what is left
    assert ex.pov_child_quantity(0.1, 5000, 0, 0, 120) == pytest.approx(120)
    assert ex.pov_child_quantity(0.1, 5000, 0, 0, 10_000, max_child=50) == 50
    assert ex.pov_child_quantity(0.1, 5000, 480, 0, 10_000, min_child=50) == 0
    assert ex.pov_child_quantity(0.1, 5000, 480, 0, 20, min_child=50) == 20  # finishes the parent
    assert ex.pov_child_quantity(0.1, 5055, 0, 0, 10_000, lot=10) == 500
    with pytest.raises(ValueError):
        ex.pov_child_quantity(1.5, 1, 0, 0, 1)


def test_execution_quality_signs_positive_is_cost():
    fills = [ex.FillSample(60, 100.10, 0.5, True), ex.FillSample(40, 100.20, 0.5, False)]
    buy = ex.execution_quality(1, 100, fills, arrival_price=100.0, interval_vwap=100.20,
                               interval_twap=100.0, market_volume=1000)
    assert buy.average_fill_price == pytest.approx(100.14)
    assert buy.arrival_slippage_bps == pytest.approx(14.0)      # paid more than arrival: cost
    assert buy.vwap_slippage_bps == pytest.approx((100.14 - 100.2) / 100.2 * 1e4)  # beat VWAP
    assert buy.implementation_shortfall == pytest.approx(14.0 + 1.0)
    assert buy.maker_ratio == pytest.approx(0.6) and buy.participation_rate == pytest.approx(0.1)
    sell = ex.execution_quality(-1, 200, fills, arrival_price=100.0, last_price=99.0)
    assert sell.arrival_slippage_bps == pytest.approx(-14.0)    # sold above arrival: a gain
    # unfilled 100 sold later at 99 instead of 100: opportunity cost 100
    assert sell.implementation_shortfall == pytest.approx(-14.0 + 1.0 + 100.0)
    assert sell.fill_ratio == pytest.approx(0.5)
