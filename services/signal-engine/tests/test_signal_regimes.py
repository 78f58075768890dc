"""Regimes on synthetic data with known regimes, each with a confidence."""

from __future__ import annotations

import numpy as np
import pytest
from svc_signal_engine import regimes as rg


def prices(returns):
    return 100.0 * np.exp(np.cumsum(returns))


@pytest.mark.parametrize("seed", [0, 1])
def test_markov_switching_volatility_regime(seed):
    rng = np.random.default_rng(seed)
    calm_then_wild = prices(np.r_[rng.normal(0, 0.005, 300), rng.normal(0, 0.03, 60)])
    res = rg.volatility_regime(calm_then_wild)
    assert res.dimension == "volatility" and res.method == "markov_switching"
    assert res.regime == rg.HIGH_VOL and res.confidence > 0.9
    assert res.details["vol_ratio"] > 3
    assert sum(res.probabilities.values()) == pytest.approx(1.0)
    wild_then_calm = prices(np.r_[rng.normal(0, 0.03, 300), rng.normal(0, 0.005, 100)])
    res = rg.volatility_regime(wild_then_calm)
    assert res.regime == rg.LOW_VOL and res.confidence > 0.9


def test_garch_volatility_regime():
    rng = np.random.default_rng(3)
    res = rg.garch_volatility(prices(np.r_[rng.normal(0, 0.005, 400), rng.normal(0, 0.03, 30)]))
    assert res.method == "garch" and res.regime == rg.HIGH_VOL and res.confidence > 0.6
    res = rg.garch_volatility(prices(np.r_[rng.normal(0, 0.03, 400), rng.normal(0, 0.004, 60)]))
    assert res.regime == rg.LOW_VOL


def test_trend_regime_bull_bear_sideways():
    rng = np.random.default_rng(5)
    up = rg.trend_regime(prices(rng.normal(0.004, 0.01, 100)))
    down = rg.trend_regime(prices(rng.normal(-0.004, 0.01, 100)))
    flat = rg.trend_regime(100 + np.sin(np.arange(100) / 5) + rng.normal(0, 0.2, 100))
    assert (up.regime, down.regime, flat.regime) == (rg.UP, rg.DOWN, rg.RANGING)
    assert up.confidence > 0.8 and down.confidence > 0.8 and flat.confidence > 0.6
    assert up.details["t_stat"] > 2 > -2 > down.details["t_stat"]


def test_correlation_stress():
    rng = np.random.default_rng(9)
    n = 600
    f = rng.normal(0, 0.01, n)
    beta = np.r_[np.full(540, 0.1), np.full(60, 2.0)]  # correlations jump at the end
    stressed = {f"I{k}": prices(beta * f + rng.normal(0, 0.01, n)) for k in range(5)}
    res = rg.correlation_stress(stressed)
    assert res.regime == rg.STRESS and res.confidence > 0.9
    assert res.details["avg_corr"] > 0.6 > res.details["history_median"]
    calm = {f"I{k}": prices(0.3 * f + rng.normal(0, 0.01, n)) for k in range(5)}
    assert rg.correlation_stress(calm).regime == rg.NORMAL
    with pytest.raises(ValueError, match="at least two instruments"):
        rg.correlation_stress({"A": stressed["I0"]})


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="need at least 60 returns"):
        rg.volatility_regime(np.linspace(100, 101, 20))
    with pytest.raises(ValueError, match="finite and positive"):
        rg.trend_regime(np.r_[np.linspace(100, 101, 20), [np.nan]])


def test_tracker_refits_on_schedule():
    rng = np.random.default_rng(2)
    c = prices(rng.normal(0.003, 0.01, 200))
    t = rg.RegimeTracker(refit_every=3)
    assert t.due("X")  # never fitted
    out = t.fit("X", c)
    assert set(out) == {"trend", "volatility"} and t.results["X"]["trend"].regime == rg.UP
    assert not t.due("X") and not t.due("X") and t.due("X")
