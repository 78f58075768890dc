"""Each strategy of the library on data where the right behaviour is known."""

from __future__ import annotations

import numpy as np
import pytest
from strategy_helpers import bars_from_closes, multi, random_walk
from svc_strategy_engine.backtest import run_backtest
from svc_strategy_engine.strategy import REGISTRY, create, get_strategy_class
from svc_strategy_engine.venue import FillModel

FREE = FillModel(fee_bps=0.0, spread_bps=0.0, slippage_bps=0.0, latency_s=0.0,
                 latency_jitter_s=0.0)


def positions_at_end(r):
    return {k: float(v[-1]) for k, v in r.positions.items()}


def test_registry_has_the_library():
    get_strategy_class("sma_crossover")
    assert {"sma_crossover", "momentum", "mean_reversion", "bollinger", "breakout", "pairs",
            "ml_classifier"} <= set(REGISTRY)


def test_sma_crossover_matches_its_rule():
    c = random_walk(600, seed=4)
    md = bars_from_closes(c)
    r = run_backtest("sma_crossover", md, {"fast": 5, "slow": 20, "quantity": 10}, fill=FREE)
    cc = md.series["TST"].close
    fast = np.convolve(cc, np.ones(5) / 5, "valid")[15:]
    slow = np.convolve(cc, np.ones(20) / 20, "valid")
    want = np.where(fast > slow, 10.0, 0.0)  # decided at close t (t >= 19)
    held = r.positions["TST"][20:]  # filled at the open of t+1
    assert np.array_equal(held, want[:-1])
    assert r.state == "RUNNING" and not r.error
    # long/flat only, and every fill at the next bar's open
    for f in r.fills:
        assert f["price"] == pytest.approx(md.series["TST"].open[f["bar"]])


def test_sma_crossover_shorts_when_allowed():
    c = np.concatenate([np.linspace(100, 150, 60), np.linspace(150, 90, 60)])
    r = run_backtest("sma_crossover", bars_from_closes(c),
                     {"fast": 3, "slow": 10, "quantity": 5, "allow_short": True}, fill=FREE)
    assert r.positions["TST"].max() == 5 and r.positions["TST"][-1] == -5


def test_momentum_follows_the_trend():
    c = np.concatenate([np.linspace(100, 130, 80), np.linspace(130, 100, 80)])
    r = run_backtest("momentum", bars_from_closes(c),
                     {"lookback": 10, "threshold": 0.02, "quantity": 3, "allow_short": True},
                     fill=FREE)
    pos = r.positions["TST"]
    assert pos[40] == 3 and pos[-1] == -3


def test_mean_reversion_buys_the_dip_and_exits():
    c = np.full(120, 100.0) + np.tile([0.2, -0.2], 60)
    c[60] = 90.0  # a 2-sigma-plus dip
    r = run_backtest("mean_reversion", bars_from_closes(c),
                     {"window": 20, "entry_z": 2.0, "exit_z": 0.5, "quantity": 7}, fill=FREE)
    pos = r.positions["TST"]
    assert pos[59] == 0 and pos[61] == 7  # decided on bar 60's close, filled at 61's open
    assert pos[-1] == 0  # back inside the exit band
    assert r.round_trips and r.round_trips[0]["side"] == "LONG"


def test_bollinger_shorts_the_spike():
    c = np.full(100, 50.0) + np.tile([0.1, -0.1], 50)
    c[50] = 55.0
    r = run_backtest("bollinger", bars_from_closes(c), {"window": 20, "k": 2.0, "quantity": 2},
                     fill=FREE)
    assert r.positions["TST"][51] == -2 and r.positions["TST"][-1] == 0


def test_breakout_enters_above_the_channel_and_exits_below():
    c = np.concatenate([100 + np.tile([1.0, -1.0], 20), [105, 107, 109, 111],
                        np.linspace(110, 95, 20)])
    r = run_backtest("breakout", bars_from_closes(c),
                     {"lookback": 20, "exit_lookback": 5, "quantity": 4}, fill=FREE)
    pos = r.positions["TST"]
    assert pos[41] == 4  # bar 40 (105) closed above the 20-bar high
    assert pos[-1] == 0


def test_pairs_trades_a_cointegrated_pair_with_the_ols_hedge_ratio():
    rng = np.random.default_rng(11)
    x = 50 * np.exp(np.cumsum(rng.normal(0, 0.01, 700)))
    noise = np.zeros(700)
    for t in range(1, 700):  # stationary AR(1) spread
        noise[t] = 0.8 * noise[t - 1] + rng.normal(0, 0.01)
    y = np.exp(0.2 + 1.5 * np.log(x) + noise)
    md = multi({"YYY": y, "XXX": x})
    strat = create("pairs", {"formation": 200, "refit": 50, "entry_z": 1.5, "exit_z": 0.3,
                             "notional": 10_000})
    r = run_backtest(strat, md, fill=FREE)
    assert not r.error
    assert strat.fits >= 5
    assert strat.beta == pytest.approx(1.5, abs=0.15)
    assert strat.pvalue < 0.05
    assert len(r.round_trips) >= 4
    py, px = r.positions["YYY"], r.positions["XXX"]
    legs = (py != 0) | (px != 0)
    assert legs.any()
    assert np.all(np.sign(py[legs]) == -np.sign(px[legs]))  # always opposite legs


def test_pairs_does_not_trade_unrelated_walks():
    md = multi({"AAA": random_walk(500, 1), "BBB": random_walk(500, 2)})
    strat = create("pairs", {"formation": 150, "refit": 25, "max_pvalue": 0.01})
    r = run_backtest(strat, md, fill=FREE)
    assert len(r.fills) <= 4  # at most an occasional window that looks cointegrated


def _ml_data(n: int = 900) -> np.ndarray:
    # returns alternate sign with noise: yesterday's return predicts today's
    rng = np.random.default_rng(5)
    r = np.empty(n)
    r[0] = 0.01
    for t in range(1, n):
        r[t] = -0.7 * r[t - 1] + rng.normal(0, 0.005)
    return 100 * np.exp(np.cumsum(r))


def test_ml_classifier_learns_a_predictable_series_without_look_ahead():
    c = _ml_data()
    md = bars_from_closes(c)  # opens = previous close: trades at the decision price
    strat = create("ml_classifier", {"min_train": 200, "retrain_every": 100, "lags": 3,
                                     "threshold": 0.5, "allow_short": True, "quantity": 1})
    r = run_backtest(strat, md, fill=FREE)
    assert not r.error and strat.fits >= 5
    # every fit used only rows whose label was already known: rows < bars seen
    for bars_seen, rows in strat.fit_log:
        assert rows <= bars_seen - 1
    assert r.stats["total_return"] > 0
    assert r.stats["win_rate"] > 0.55


def test_ml_classifier_decisions_do_not_depend_on_future_bars():
    c = _ml_data(700)
    c2 = c.copy()
    c2[500:] = c2[500:] * np.exp(np.cumsum(np.full(200, 0.01)))  # rewrite the future
    p = {"min_train": 150, "retrain_every": 50, "lags": 3, "threshold": 0.5,
         "allow_short": True}
    a = run_backtest("ml_classifier", bars_from_closes(c), p, fill=FREE)
    b = run_backtest("ml_classifier", bars_from_closes(c2), p, fill=FREE)
    before = [o for o in a.order_log if o[0] < bars_from_closes(c).ts[500]]
    before_b = [o for o in b.order_log if o[0] < bars_from_closes(c).ts[500]]
    assert before and before == before_b


@pytest.mark.parametrize("name", ["gbt", "forest"])
def test_ml_classifier_other_models_run(name):
    r = run_backtest("ml_classifier", bars_from_closes(_ml_data(450)),
                     {"model": name, "min_train": 150, "retrain_every": 150, "threshold": 0.5})
    assert not r.error and r.orders > 0
