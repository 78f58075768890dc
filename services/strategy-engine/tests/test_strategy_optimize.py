"""Grid / random search in worker processes and walk-forward optimisation: window
boundaries, and no look-ahead (the optimiser of a window never sees its out-of-sample bars;
a strategy that peeks would be caught)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest
from strategy_helpers import bars_from_closes, random_walk
from svc_strategy_engine.data import synthetic_gbm
from svc_strategy_engine.model import Param, ParameterError
from svc_strategy_engine.optimize import grid_params, optimize, random_params, walk_forward
from svc_strategy_engine.strategy import Strategy, register
from svc_strategy_engine.vector import sweep


def test_grid_and_random_spaces():
    g = grid_params("sma_crossover", {"fast": [5, 10], "slow": (20, 40, 10)})
    assert g == [{"fast": f, "slow": s} for f in (5, 10) for s in (20, 30, 40)]
    r = random_params("sma_crossover", {"fast": (2, 9), "slow": [50, 60]}, 20, seed=1)
    assert len(r) == 20 and all(2 <= p["fast"] <= 9 and p["slow"] in (50, 60) for p in r)
    assert r == random_params("sma_crossover", {"fast": (2, 9), "slow": [50, 60]}, 20, seed=1)
    with pytest.raises(ParameterError, match="no parameter 'nope'"):
        grid_params("sma_crossover", {"nope": [1]})


def test_parallel_grid_search_equals_serial_and_skips_invalid_points():
    md = synthetic_gbm(1500, seed=4)
    space = {"fast": [5, 10, 40], "slow": [20, 30]}  # fast=40 >= slow: invalid
    par = optimize("sma_crossover", md, space, workers=2)
    ser = optimize("sma_crossover", md, space, workers=1)
    assert [t.get("objective") for t in par["trials"]] == [t.get("objective")
                                                            for t in ser["trials"]]
    errs = [t for t in par["trials"] if "error" in t]
    assert len(errs) == 2 and "fast (40) must be < slow" in errs[0]["error"]
    ok = [t for t in par["trials"] if "error" not in t]
    assert par["best"]["objective"] == max(t["objective"] for t in ok)


def test_random_search_and_vector_mode():
    md = synthetic_gbm(2000, seed=5)
    res = optimize("sma_crossover", md, {"fast": (2, 15), "slow": (20, 80)}, method="random",
                   max_trials=8, workers=2, mode="vector")
    assert len(res["trials"]) == 8 and "objective" in res["best"]


def test_vector_sweep_counts():
    md = synthetic_gbm(1000, seed=1)
    ps = grid_params("sma_crossover", {"fast": [3, 5], "slow": [10, 20]})
    out = sweep("sma_crossover", md.series["SYN"], ps)
    assert len(out) == 4 and all(o["stats"]["trades"] > 0 for o in out)


class Direction(Strategy):
    """Long or short from the first bar; records every bar time it is shown."""

    name = "test_direction"
    params: ClassVar = {"direction": Param("int", 1, -1, 1), "quantity": Param("float", 10.0)}
    seen: ClassVar[list[int]] = []
    runs: ClassVar[list[list[int]]] = []  # the bar times shown to each instance, per run

    def on_start(self):
        Direction.runs.append([])

    def on_bar(self, bar):
        Direction.seen.append(bar.ts)
        Direction.runs[-1].append(bar.ts)
        self.ctx.target(bar.instrument, self.direction * self.quantity)


register(Direction)


def regime_data():
    # up 300 bars, down 300, up 300, down 300: each OOS window is the opposite regime of
    # the in-sample window before it
    legs = [np.linspace(100, 160, 300), np.linspace(160, 100, 300),
            np.linspace(100, 160, 300), np.linspace(160, 100, 300)]
    return bars_from_closes(np.concatenate(legs))


def test_walk_forward_windows_tile_and_never_overlap_training_data():
    md = regime_data()
    Direction.seen.clear()
    wf = walk_forward("test_direction", md, {"direction": [-1, 1]}, in_sample=300,
                      out_of_sample=300, objective="total_return", workers=1)
    assert [(w.is_start, w.is_end, w.oos_start, w.oos_end) for w in wf.windows] == [
        (0, 300, 300, 600), (300, 600, 600, 900), (600, 900, 900, 1200)]
    for w in wf.windows:
        assert w.is_end <= w.oos_start  # training data ends before the OOS window starts
    # chosen on in-sample data only: the direction of the window before, which loses OOS
    assert [w.best_params["direction"] for w in wf.windows] == [1, -1, 1]
    assert all(w.oos_stats["total_return"] < 0 for w in wf.windows)
    # stitched OOS equity covers exactly the OOS bars, starting from the initial capital
    assert len(wf.oos_equity) == 900 and np.array_equal(wf.oos_ts, md.ts[300:1200])
    assert wf.oos_stats["total_return"] < 0


def test_the_optimiser_of_a_window_is_never_shown_its_out_of_sample_bars():
    md = regime_data()
    ts = md.ts
    for k, (is_a, oos_a) in enumerate([(0, 300), (300, 600), (600, 900)]):
        Direction.seen.clear()
        from svc_strategy_engine.optimize import optimize as opt

        opt("test_direction", md.slice(is_a, oos_a), {"direction": [-1, 1]}, workers=1,
            objective="total_return")
        assert max(Direction.seen) < ts[oos_a], f"window {k} saw out-of-sample bars"
    # and in the walk-forward itself, bars shown are bounded by each OOS end
    Direction.seen.clear()
    wf = walk_forward("test_direction", md, {"direction": [-1, 1]}, in_sample=300,
                      out_of_sample=300, objective="total_return", workers=1)
    assert max(Direction.seen) == ts[-1] and len(wf.windows) == 3


def test_a_peeking_strategy_is_caught_by_the_window_audit():
    """A strategy that reads ahead in the data it was given (here: the whole array through a
    global) would pick the OOS-optimal direction; the walk-forward picks the IS-optimal
    one, so comparing the two exposes the peek."""
    md = regime_data()
    wf = walk_forward("test_direction", md, {"direction": [-1, 1]}, in_sample=300,
                      out_of_sample=300, objective="total_return", workers=1)
    c = md.series["TST"].close
    oos_best = [1 if c[w.oos_end - 1] > c[w.oos_start] else -1 for w in wf.windows]
    chosen = [w.best_params["direction"] for w in wf.windows]
    assert chosen != oos_best  # no information from the OOS window reached the choice


def test_walk_forward_parallel_on_real_data_and_bad_windows():
    md = synthetic_gbm(1200, seed=8)
    wf = walk_forward("sma_crossover", md, {"fast": [5, 10], "slow": [30, 60]},
                      in_sample=500, out_of_sample=200, workers=2)
    assert len(wf.windows) == 4 and wf.windows[-1].oos_end == 1200
    assert np.isfinite(wf.efficiency)
    with pytest.raises(ParameterError, match="exceeds the data"):
        walk_forward("sma_crossover", md, {"fast": [5]}, in_sample=1000, out_of_sample=300)
    a = walk_forward("sma_crossover", bars_from_closes(random_walk(900, 3)),
                     {"fast": [5, 10], "slow": [30]}, in_sample=300, out_of_sample=300,
                     anchored=True, workers=1)
    assert [w.is_start for w in a.windows] == [0, 0]


def test_every_walk_forward_run_sees_only_its_window():
    """Audit of the bars each backtest inside the walk-forward was shown: the in-sample trials
    of window k see bars [is_start, is_end) only, the out-of-sample run sees
    [oos_start, oos_end) only (this strategy needs no warm-up). An implementation that let
    the optimiser see out-of-sample bars (or ran OOS over training bars) fails here."""
    md = regime_data()
    ts = md.ts
    Direction.runs.clear()
    wf = walk_forward("test_direction", md, {"direction": [-1, 1]}, in_sample=300,
                      out_of_sample=300, objective="total_return", workers=1)
    runs = list(Direction.runs)
    assert len(runs) == 3 * 3  # per window: 2 in-sample trials, 1 out-of-sample run
    for k, w in enumerate(wf.windows):
        is_runs, oos_run = runs[3 * k:3 * k + 2], runs[3 * k + 2]
        for r in is_runs:
            assert r == ts[w.is_start:w.is_end].tolist()
            assert max(r) < ts[w.oos_start]
        assert oos_run == ts[w.oos_start:w.oos_end].tolist()
