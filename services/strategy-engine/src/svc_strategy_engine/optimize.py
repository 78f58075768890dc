"""Parameter search and walk-forward optimisation.

- `optimize`: grid or random search over a space, each trial an event-driven backtest (or the
  vectorised research mode, ``mode="vector"``), in parallel worker processes
  (`ProcessPoolExecutor`; the data is sent to each worker once, by the initializer).
- `walk_forward`: rolling (or anchored) in-sample windows followed by out-of-sample windows.
  Each in-sample window is optimised on ITS bars only (the workers are given that slice and
  nothing else); the best parameters then trade the following out-of-sample window, warmed up
  on the bars just before it (the strategy runs PAUSED there: no orders). The strategy's
  performance is the stitched out-of-sample equity alone.

A space maps a parameter name to a list of values, or to ``(min, max, step)`` for a range
(``step`` 0 or absent: random search draws uniformly; grid needs a step).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from svc_strategy_engine.backtest import compute_stats, periods_per_year, run_backtest
from svc_strategy_engine.data import MarketData
from svc_strategy_engine.model import ParameterError, StrategyError
from svc_strategy_engine.strategies import warmup_bars
from svc_strategy_engine.strategy import get_strategy_class
from svc_strategy_engine.venue import FillModel

__all__ = ["grid_params", "random_params", "optimize", "walk_forward", "WalkForwardResult",
           "Window"]

Space = Mapping[str, Any]


def _values(name: str, spec: Any, ptype: str) -> list[Any]:
    if isinstance(spec, (list, tuple)) and len(spec) in (2, 3) and not isinstance(spec, list):
        lo, hi = spec[0], spec[1]
        step = spec[2] if len(spec) == 3 else 0
        if not step:
            raise ParameterError(f"grid search needs a step for {name!r} (or a list of values)")
        n = int(math.floor((hi - lo) / step + 1e-9)) + 1
        vals = [lo + k * step for k in range(n)]
        return [int(round(v)) for v in vals] if ptype == "int" else vals
    if isinstance(spec, (list, tuple)):
        return list(spec)
    return [spec]


def grid_params(strategy: str, space: Space) -> list[dict[str, Any]]:
    cls = get_strategy_class(strategy)
    for k in space:
        if k not in cls.params:
            raise ParameterError(f"strategy {strategy!r} has no parameter {k!r}")
    names = list(space)
    lists = [_values(k, space[k], cls.params[k].type) for k in names]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*lists)]


def random_params(strategy: str, space: Space, n: int, seed: int = 0) -> list[dict[str, Any]]:
    cls = get_strategy_class(strategy)
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        p = {}
        for k, spec in space.items():
            if k not in cls.params:
                raise ParameterError(f"strategy {strategy!r} has no parameter {k!r}")
            t = cls.params[k].type
            if isinstance(spec, tuple):
                lo, hi = spec[0], spec[1]
                p[k] = rnd.randint(int(lo), int(hi)) if t == "int" else rnd.uniform(lo, hi)
            elif isinstance(spec, list):
                p[k] = rnd.choice(spec)
            else:
                p[k] = spec
        out.append(p)
    return out


# -- workers -------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init(data: MarketData, strategy: str, base: dict[str, Any], capital: float,
          fill: FillModel, objective: str, mode: str, cost_bps: float) -> None:
    _W.update(data=data, strategy=strategy, base=base, capital=capital, fill=fill,
              objective=objective, mode=mode, cost_bps=cost_bps)


def _objective(stats: Mapping[str, float], objective: str) -> float:
    if objective not in stats:
        raise ParameterError(f"unknown objective {objective!r}; one of {sorted(stats)}")
    v = float(stats[objective])
    if objective == "max_drawdown":
        return v  # less negative is better: maximise
    return v if math.isfinite(v) else -math.inf


def _eval(params: dict[str, Any]) -> dict[str, Any]:
    p = {**_W["base"], **params}
    try:
        if _W["mode"] == "vector":
            from svc_strategy_engine.vector import sweep

            md: MarketData = _W["data"]
            res = sweep(_W["strategy"], next(iter(md.series.values())), [p],
                        capital=_W["capital"], cost_bps=_W["cost_bps"],
                        ppy=periods_per_year(md.ts, md.timeframe))[0]
            if "error" in res:
                return {"params": params, "error": res["error"]}
            stats = res["stats"]
        else:
            r = run_backtest(_W["strategy"], _W["data"], p, capital=_W["capital"],
                             fill=_W["fill"])
            if r.error:
                return {"params": params, "error": r.error}
            stats = r.stats
    except StrategyError as exc:
        return {"params": params, "error": str(exc)}
    return {"params": params, "stats": stats, "objective": _objective(stats, _W["objective"])}


def _run_trials(data: MarketData, strategy: str, trials: list[dict[str, Any]], *,
                base: dict[str, Any], capital: float, fill: FillModel, objective: str,
                mode: str, cost_bps: float, workers: int,
                progress: Callable[[int, int], None] | None) -> list[dict[str, Any]]:
    args = (data, strategy, base, capital, fill, objective, mode, cost_bps)
    out: list[dict[str, Any]] = []
    if workers <= 1 or len(trials) <= 1:
        _init(*args)
        for k, t in enumerate(trials):
            out.append(_eval(t))
            if progress:
                progress(k + 1, len(trials))
        return out
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=args) as ex:
        for k, res in enumerate(ex.map(_eval, trials, chunksize=max(1, len(trials) // (
                4 * workers)))):
            out.append(res)
            if progress:
                progress(k + 1, len(trials))
    return out


def optimize(strategy: str, data: MarketData, space: Space, *, method: str = "grid",
             max_trials: int = 50, objective: str = "sharpe_ratio", seed: int = 0,
             base: Mapping[str, Any] | None = None, capital: float = 1_000_000.0,
             fill: FillModel | None = None, mode: str = "event", cost_bps: float = 3.0,
             workers: int = 2, progress: Callable[[int, int], None] | None = None
             ) -> dict[str, Any]:
    """Returns ``{"trials": [...], "best": {...}}``; trials in search order, invalid parameter
    sets reported with ``error``."""
    get_strategy_class(strategy)
    if method == "grid":
        trials = grid_params(strategy, space)
        if max_trials and len(trials) > max_trials * 100:
            raise ParameterError(f"the grid has {len(trials)} points; narrow the space")
    elif method == "random":
        trials = random_params(strategy, space, max_trials or 20, seed)
    else:
        raise ParameterError(f"unknown search method {method!r} (grid or random)")
    if not trials:
        raise ParameterError("the search space is empty")
    res = _run_trials(data, strategy, trials, base=dict(base or {}), capital=capital,
                      fill=fill or FillModel(), objective=objective, mode=mode,
                      cost_bps=cost_bps, workers=workers, progress=progress)
    ok = [t for t in res if "error" not in t]
    if not ok:
        raise ParameterError("no valid parameter set in the space: " + res[0]["error"])
    best = max(ok, key=lambda t: t["objective"])
    return {"trials": res, "best": best, "objective": objective}


@dataclass
class Window:
    is_start: int
    is_end: int  # exclusive
    oos_start: int
    oos_end: int  # exclusive
    best_params: dict[str, Any]
    is_stats: dict[str, float]
    oos_stats: dict[str, float]
    is_objective: float
    oos_objective: float
    ts: tuple[str, str, str, str] = ("", "", "", "")


@dataclass
class WalkForwardResult:
    strategy: str
    windows: list[Window]
    oos_ts: np.ndarray
    oos_equity: np.ndarray
    oos_stats: dict[str, float]
    efficiency: float
    objective: str
    fills: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        from svc_strategy_engine.backtest import _iso

        return {
            "strategy": self.strategy, "objective": self.objective,
            "walk_forward_efficiency": self.efficiency,
            "out_of_sample_stats": self.oos_stats,
            "windows": [{
                "in_sample": [w.ts[0], w.ts[1]], "out_of_sample": [w.ts[2], w.ts[3]],
                "in_sample_bars": [w.is_start, w.is_end],
                "out_of_sample_bars": [w.oos_start, w.oos_end],
                "best_params": w.best_params, "in_sample_stats": w.is_stats,
                "out_of_sample_stats": w.oos_stats} for w in self.windows],
            "equity_curve": [[_iso(t), float(v)] for t, v in zip(self.oos_ts, self.oos_equity,
                                                                  strict=True)],
            "trades": self.fills,
        }


def walk_forward(strategy: str, data: MarketData, space: Space, *, in_sample: int,
                 out_of_sample: int, anchored: bool = False, objective: str = "sharpe_ratio",
                 method: str = "grid", max_trials: int = 30, seed: int = 0,
                 base: Mapping[str, Any] | None = None, capital: float = 1_000_000.0,
                 fill: FillModel | None = None, mode: str = "event", cost_bps: float = 3.0,
                 workers: int = 2, progress: Callable[[int, int], None] | None = None
                 ) -> WalkForwardResult:
    """Windows are in bars. OOS windows tile the data after the first in-sample window."""
    cls = get_strategy_class(strategy)
    n = len(data)
    if in_sample < 2 or out_of_sample < 2:
        raise ParameterError("in_sample and out_of_sample must be at least 2 bars")
    if in_sample + out_of_sample > n:
        raise ParameterError(f"in_sample + out_of_sample ({in_sample} + {out_of_sample}) "
                             f"exceeds the data ({n} bars)")
    fill = fill or FillModel()
    base = dict(base or {})
    windows: list[Window] = []
    eq_parts: list[np.ndarray] = []
    ts_parts: list[np.ndarray] = []
    fills: list[dict[str, Any]] = []
    level = capital
    starts = list(range(in_sample, n - 1, out_of_sample))
    ppy = periods_per_year(data.ts, data.timeframe)
    from svc_strategy_engine.backtest import _iso

    for k, oos_a in enumerate(starts):
        oos_b = min(n, oos_a + out_of_sample)
        if oos_b - oos_a < 2:
            break
        is_a = 0 if anchored else oos_a - in_sample
        is_b = oos_a
        is_data = data.slice(is_a, is_b)  # the optimiser sees these bars and no others
        opt = optimize(strategy, is_data, space, method=method, max_trials=max_trials,
                       objective=objective, seed=seed + k, base=base, capital=capital,
                       fill=fill, mode=mode, cost_bps=cost_bps, workers=workers)
        best = {**base, **opt["best"]["params"]}
        full = cls.validate_params(best)
        warm = min(warmup_bars(cls, full), oos_a)
        run = run_backtest(strategy, data.slice(oos_a - warm, oos_b), best, capital=level,
                           fill=fill, trade_from=warm)
        e = run.equity[warm:]
        eq_parts.append(e)
        ts_parts.append(data.ts[oos_a:oos_b])
        fills.extend(run.fills)
        level = float(e[-1])
        oos_obj = _objective(run.stats, objective)
        windows.append(Window(is_a, is_b, oos_a, oos_b, opt["best"]["params"],
                              opt["best"]["stats"], run.stats, opt["best"]["objective"],
                              oos_obj, (_iso(data.ts[is_a]), _iso(data.ts[is_b - 1]),
                                        _iso(data.ts[oos_a]), _iso(data.ts[oos_b - 1]))))
        if progress:
            progress(k + 1, len(starts))
    oos_eq = np.concatenate(eq_parts)
    oos_ts = np.concatenate(ts_parts)
    # stitched: each window starts at the previous window's ending equity
    stats = compute_stats(np.concatenate([[capital], oos_eq]), ppy=ppy, n_fills=len(fills))
    is_mean = float(np.mean([w.is_objective for w in windows]))
    oos_mean = float(np.mean([w.oos_objective for w in windows]))
    eff = oos_mean / is_mean if is_mean not in (0.0,) and math.isfinite(is_mean) else 0.0
    return WalkForwardResult(strategy, windows, oos_ts, oos_eq, stats, eff, objective, fills)


def trials_table(res: Sequence[dict[str, Any]], objective: str) -> list[dict[str, Any]]:
    return sorted((t for t in res if "error" not in t), key=lambda t: -t["objective"])
