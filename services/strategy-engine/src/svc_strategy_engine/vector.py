"""Vectorised research mode: many parameter sets over one instrument at numpy speed, for
sweeps. The same decision rule and timing as the event-driven strategies (decide on the close
of bar t, trade at the open of bar t+1), with costs as bps of traded notional in place of the
matching engine's book. Use it to search; confirm a choice with the event-driven backtest.

Supported: ``sma_crossover``, ``momentum``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from svc_strategy_engine.data import BarSeries
from svc_strategy_engine.model import StrategyError
from svc_strategy_engine.strategy import get_strategy_class

__all__ = ["VECTORISED", "positions", "sweep", "equity_from_positions"]

VECTORISED = ("sma_crossover", "momentum")


def _rolling_sums(c: np.ndarray, w: int) -> np.ndarray:
    cs = np.concatenate([[0.0], np.cumsum(c)])
    out = np.full(len(c), np.nan)
    out[w - 1:] = cs[w:] - cs[:-w]
    return out


def positions(strategy: str, c: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    """Target position (units) decided at each bar's close."""
    n = len(c)
    if strategy == "sma_crossover":
        f, s = params["fast"], params["slow"]
        fs, ss = _rolling_sums(c, f), _rolling_sums(c, s)
        low = -params["quantity"] if params["allow_short"] else 0.0
        with np.errstate(invalid="ignore"):
            pos = np.where(np.round(fs / f, 9) > np.round(ss / s, 9), params["quantity"], low)
        pos[: s - 1] = 0.0
        return pos
    if strategy == "momentum":
        lb = params["lookback"]
        r = np.full(n, np.nan)
        r[lb:] = c[lb:] / c[:-lb] - 1.0
        q = params["quantity"]
        pos = np.where(r > params["threshold"], q, 0.0)
        if params["allow_short"]:
            pos = np.where(r < -params["threshold"], -q, pos)
        pos[:lb] = 0.0
        return pos
    raise StrategyError(f"no vectorised form of {strategy!r}; vectorised: {VECTORISED}")


def equity_from_positions(pos: np.ndarray, o: np.ndarray, c: np.ndarray, capital: float,
                          cost_bps: float) -> np.ndarray:
    """``pos`` (m, n) or (n,): decided at close t, held from the open of t+1."""
    P = np.atleast_2d(pos)
    held = np.zeros_like(P)
    held[:, 1:] = P[:, :-1]  # units held during bar t (entered at its open)
    prev = np.zeros_like(P)
    prev[:, 1:] = held[:, :-1]
    pnl = np.zeros_like(P)
    # overnight on the old position, intraday on the new one, cost on the change at the open
    pnl[:, 1:] = prev[:, 1:] * (o[1:] - c[:-1]) + held[:, 1:] * (c[1:] - o[1:])
    pnl -= np.abs(held - prev) * o * (cost_bps / 1e4)
    eq = capital + np.cumsum(pnl, axis=1)
    return eq if pos.ndim == 2 else eq[0]


def _stats_rows(eq: np.ndarray, ppy: float) -> dict[str, np.ndarray]:
    r = np.diff(eq, axis=1) / eq[:, :-1]
    mu = r.mean(axis=1)
    sd = r.std(axis=1, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sharpe = np.where(sd > 0, mu / sd * math.sqrt(ppy), 0.0)
        tot = eq[:, -1] / eq[:, 0] - 1.0
        years = r.shape[1] / ppy
        ann = np.where(tot > -1, np.power(np.maximum(1 + tot, 1e-12), 1 / years) - 1, -1.0)
        peak = np.maximum.accumulate(eq, axis=1)
        mdd = ((eq - peak) / peak).min(axis=1)
        calmar = np.where(mdd < 0, ann / -mdd, 0.0)
    return {"sharpe_ratio": sharpe, "total_return": tot, "annualized_return": ann,
            "annualized_volatility": sd * math.sqrt(ppy), "max_drawdown": mdd,
            "calmar_ratio": calmar}


def sweep(strategy: str, series: BarSeries, param_sets: Sequence[dict[str, Any]], *,
          capital: float = 1_000_000.0, cost_bps: float = 2.0, ppy: float = 252.0,
          batch: int = 32) -> list[dict[str, Any]]:
    """Evaluate every parameter set; returns one dict of stats per set (same order). Invalid
    sets (e.g. fast >= slow) come back with ``error``."""
    cls = get_strategy_class(strategy)
    if strategy not in VECTORISED:
        raise StrategyError(f"no vectorised form of {strategy!r}; vectorised: {VECTORISED}")
    c, o = series.close, series.open
    out: list[dict[str, Any]] = [None] * len(param_sets)  # type: ignore[list-item]
    valid: list[tuple[int, dict[str, Any]]] = []
    for k, p in enumerate(param_sets):
        try:
            valid.append((k, cls.validate_params(p)))
        except StrategyError as exc:
            out[k] = {"params": dict(p), "error": str(exc)}
    for a in range(0, len(valid), batch):
        chunk = valid[a:a + batch]
        P = np.stack([positions(strategy, c, p) for _, p in chunk])
        eq = equity_from_positions(P, o, c, capital, cost_bps)
        st = _stats_rows(eq, ppy)
        trades = (np.diff(P, axis=1) != 0).sum(axis=1)
        for j, (k, p) in enumerate(chunk):
            d = {name: float(v[j]) for name, v in st.items()}
            d["trades"] = float(trades[j])
            out[k] = {"params": p, "stats": d}
    return out
