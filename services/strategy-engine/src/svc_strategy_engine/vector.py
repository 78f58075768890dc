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


def _stats(eq: np.ndarray, ppy: float) -> dict[str, float]:
    r = np.diff(eq) / eq[:-1]
    mu = float(r.mean())
    sd = float(r.std(ddof=1))
    tot = float(eq[-1] / eq[0] - 1.0)
    years = len(r) / ppy
    ann = (1 + tot) ** (1 / years) - 1 if tot > -1 else -1.0
    peak = np.maximum.accumulate(eq)
    mdd = float(((eq - peak) / peak).min())
    return {"sharpe_ratio": mu / sd * math.sqrt(ppy) if sd > 0 else 0.0,
            "total_return": tot, "annualized_return": ann,
            "annualized_volatility": sd * math.sqrt(ppy), "max_drawdown": mdd,
            "calmar_ratio": ann / -mdd if mdd < 0 else 0.0}


class _Cache:
    """Per-series arrays shared by every parameter set of a sweep (rolling means per window,
    overnight and intraday moves)."""

    def __init__(self, o: np.ndarray, c: np.ndarray) -> None:
        self.o, self.c = o, c
        self.cs = np.concatenate([[0.0], np.cumsum(c)])
        self.means: dict[int, np.ndarray] = {}
        self.overnight = np.zeros(len(c))
        self.overnight[1:] = o[1:] - c[:-1]
        self.intraday = c - o

    def mean(self, w: int) -> np.ndarray:
        m = self.means.get(w)
        if m is None:
            m = np.full(len(self.c), np.nan)
            m[w - 1:] = np.round((self.cs[w:] - self.cs[:-w]) / w, 9)
            self.means[w] = m
        return m

    def positions(self, strategy: str, p: dict[str, Any]) -> np.ndarray:
        if strategy == "sma_crossover":
            low = -p["quantity"] if p["allow_short"] else 0.0
            with np.errstate(invalid="ignore"):
                pos = np.where(self.mean(p["fast"]) > self.mean(p["slow"]), p["quantity"], low)
            pos[: p["slow"] - 1] = 0.0
            return pos
        return positions(strategy, self.c, p)

    def equity(self, pos: np.ndarray, capital: float, cost_bps: float) -> np.ndarray:
        held = np.empty_like(pos)  # units held during bar t (decided at t-1's close)
        held[0] = 0.0
        held[1:] = pos[:-1]
        prev = np.empty_like(pos)
        prev[0] = 0.0
        prev[1:] = held[:-1]
        pnl = prev * self.overnight
        pnl += held * self.intraday
        pnl -= np.abs(held - prev) * self.o * (cost_bps / 1e4)
        return capital + np.cumsum(pnl)


def sweep(strategy: str, series: BarSeries, param_sets: Sequence[dict[str, Any]], *,
          capital: float = 1_000_000.0, cost_bps: float = 2.0, ppy: float = 252.0,
          ) -> list[dict[str, Any]]:
    """Evaluate every parameter set; returns one dict of stats per set (same order). Invalid
    sets (e.g. fast >= slow) come back with ``error``."""
    cls = get_strategy_class(strategy)
    if strategy not in VECTORISED:
        raise StrategyError(f"no vectorised form of {strategy!r}; vectorised: {VECTORISED}")
    cache = _Cache(series.open, series.close)
    out: list[dict[str, Any]] = []
    for p in param_sets:
        try:
            full = cls.validate_params(p)
        except StrategyError as exc:
            out.append({"params": dict(p), "error": str(exc)})
            continue
        pos = cache.positions(strategy, full)
        eq = cache.equity(pos, capital, cost_bps)
        d = _stats(eq, ppy)
        d["trades"] = float(np.count_nonzero(np.diff(pos)))
        out.append({"params": full, "stats": d})
    return out
