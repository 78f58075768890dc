"""Portfolio optimisation: mean-variance (minimum variance, maximum Sharpe, efficient risk /
return, the efficient frontier), Black-Litterman, equal risk contribution and hierarchical
risk parity. Pure code: no I/O.

The libraries do the work: the convex programs are written in cvxpy (solved by Clarabel),
the covariance estimators, the Black-Litterman posterior (with Idzorek confidences) and HRP
come from PyPortfolioOpt. What this module adds is one constraint model for every convex
method (long-only or long-short, default and per-asset bounds, sector caps, a one-way turnover
limit against current weights and proportional transaction costs) and input checks that turn
bad input into an `OptimizationError` naming the problem instead of a silent wrong answer:

- `InvalidInput`: empty or ragged return series, NaN, an asymmetric, singular or
  non-positive-definite covariance, views on unknown assets, impossible targets;
- `Infeasible`: the constraints admit no portfolio (the message says which ones clash
  when it can tell, otherwise lists those in force).

Weights are fractions of NAV; the budget (sum of weights) is 1 unless the constraints say
otherwise. Turnover is one-way: 0.5 * sum |w - w_current|. Returns and volatilities are
annualised with ``periods_per_year``.

Mean-variance formulations (w: weights, Σ = L Lᵀ, c: cost per unit traded, w0: current):

- minimum variance: min wᵀΣw + c·|w - w0|₁
- efficient return: min wᵀΣw + c·|w - w0|₁  s.t. μᵀw ≥ r
- efficient risk:   max μᵀw - c·|w - w0|₁   s.t. wᵀΣw ≤ σ²
- maximum Sharpe:   the homogeneous form of Cornuejols and Tütüncü: y = k·w, k ≥ 0,
  min yᵀΣy s.t. (μ - r_f)ᵀy - c·|y - k·w0|₁ ≥ 1 and every constraint scaled by k.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import cvxpy as cp
import numpy as np
import pandas as pd

__all__ = [
    "OptimizationError",
    "InvalidInput",
    "Infeasible",
    "SectorCap",
    "Constraints",
    "View",
    "OptimizationResult",
    "estimate",
    "validate_covariance",
    "validate_returns",
    "mean_variance",
    "efficient_frontier",
    "black_litterman_posterior",
    "black_litterman",
    "risk_parity",
    "hrp",
    "risk_contributions",
    "portfolio_stats",
]

TARGETS = ("min_variance", "max_sharpe", "efficient_risk", "efficient_return")
ESTIMATORS = ("sample", "ledoit_wolf", "exponential")
LINKAGES = ("single", "average", "complete", "ward")
_OK = (cp.OPTIMAL, cp.OPTIMAL_INACCURATE)


class OptimizationError(ValueError):
    """Bad input or an unsolvable problem; the message names the problem."""


class InvalidInput(OptimizationError):
    """The input itself is wrong (maps to gRPC INVALID_ARGUMENT)."""


class Infeasible(OptimizationError):
    """The constraints admit no portfolio (maps to gRPC FAILED_PRECONDITION)."""


@dataclass(frozen=True, slots=True)
class SectorCap:
    sector: str
    max_weight: float
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Constraints:
    """``min_weight``/``max_weight``: default bounds (None: 0..1 long-only, -1..1 long-short);
    ``bounds`` per asset override them. ``max_turnover`` None or 0 means unconstrained."""

    long_only: bool = True
    min_weight: float | None = None
    max_weight: float | None = None
    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    sector_caps: Sequence[SectorCap] = ()
    max_turnover: float | None = None
    transaction_cost_bps: float = 0.0
    budget: float = 1.0
    current_weights: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class View:
    """Black-Litterman view: ``long`` minus ``short`` (equal-weighted legs) returns
    ``expected_return`` a year; absolute when ``short`` is empty. ``confidence`` in (0, 1]
    uses Idzorek's method; 0 the default He-Litterman uncertainty τ·PΣPᵀ."""

    long: tuple[str, ...]
    expected_return: float
    short: tuple[str, ...] = ()
    confidence: float = 0.0


@dataclass(slots=True)
class OptimizationResult:
    weights: pd.Series
    expected_return: float
    volatility: float
    sharpe: float
    turnover: float
    risk_contributions: pd.Series
    method: str
    status: str = "optimal"
    posterior_returns: pd.Series | None = None
    frontier: list[tuple[float, float]] = field(default_factory=list)
    note: str = ""


# ---- input checks ------------------------------------------------------------------------


def validate_returns(returns: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(returns, pd.DataFrame):
        raise InvalidInput("returns must be a DataFrame (periods x assets)")
    if returns.shape[1] == 0:
        raise InvalidInput("return series are empty: no assets")
    if returns.shape[0] < 2:
        raise InvalidInput(
            f"return series are empty or too short: {returns.shape[0]} period(s), need at least 2"
        )
    if returns.columns.has_duplicates:
        dup = sorted(set(returns.columns[returns.columns.duplicated()]))
        raise InvalidInput(f"duplicate assets in returns: {dup}")
    values = returns.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        bad = [str(c) for c in returns.columns[~np.isfinite(values).all(axis=0)]]
        raise InvalidInput(f"returns contain NaN or infinite values for {bad[:10]}")
    flat = [str(c) for c in returns.columns[values.std(axis=0) == 0]]
    if flat:
        raise InvalidInput(f"returns have zero variance for {flat[:10]}: covariance is singular")
    return returns


def validate_covariance(
    cov: pd.DataFrame, *, allow_singular: bool = False, rtol: float = 1e-10
) -> pd.DataFrame:
    """Square, symmetric, finite and positive definite (positive semidefinite with
    ``allow_singular``); otherwise `InvalidInput` saying which."""
    if not isinstance(cov, pd.DataFrame):
        raise InvalidInput("covariance must be a DataFrame indexed by asset")
    m = cov.to_numpy(dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] == 0:
        raise InvalidInput(f"covariance must be a non-empty square matrix, got shape {m.shape}")
    if list(cov.index) != list(cov.columns):
        raise InvalidInput("covariance rows and columns must name the same assets in order")
    if not np.isfinite(m).all():
        raise InvalidInput("covariance contains NaN or infinite values")
    scale = max(float(np.abs(m).max()), 1e-300)
    if not np.allclose(m, m.T, rtol=1e-8, atol=1e-12 * scale):
        raise InvalidInput("covariance is not symmetric")
    eig = np.linalg.eigvalsh((m + m.T) / 2)
    top = float(eig[-1])
    if top <= 0:
        raise InvalidInput("covariance is not positive definite: it has no positive eigenvalue")
    if eig[0] < -1e-8 * top:
        raise InvalidInput(
            f"covariance is not positive semidefinite: smallest eigenvalue {eig[0]:.3g} < 0"
        )
    if not allow_singular and eig[0] <= rtol * top:
        raise InvalidInput(
            f"covariance is singular (condition number > {1 / rtol:.0e}, smallest eigenvalue "
            f"{eig[0]:.3g}); use more observations than assets or a shrinkage estimator "
            "(ledoit_wolf)"
        )
    return cov


def estimate(
    returns: pd.DataFrame,
    estimator: str = "sample",
    *,
    periods_per_year: int = 252,
    span: int = 180,
) -> tuple[pd.Series, pd.DataFrame, str]:
    """Annualised mean returns and covariance (PyPortfolioOpt's estimators) and a note."""
    from pypfopt import risk_models

    returns = validate_returns(returns)
    if estimator not in ESTIMATORS:
        raise InvalidInput(f"unknown covariance estimator {estimator!r}; one of {ESTIMATORS}")
    mu = returns.mean() * periods_per_year
    note = estimator
    if estimator == "sample":
        cov = returns.cov() * periods_per_year
    elif estimator == "ledoit_wolf":
        cs = risk_models.CovarianceShrinkage(returns, returns_data=True, frequency=periods_per_year)
        cov = cs.ledoit_wolf()
        note = f"ledoit-wolf shrinkage {float(cs.delta):.3f}"
    else:
        cov = risk_models.exp_cov(returns, returns_data=True, span=span, frequency=periods_per_year)
        note = f"exponential covariance span {span}"
    return mu, cov, note


def risk_contributions(weights: pd.Series | np.ndarray, cov: pd.DataFrame) -> pd.Series:
    """Each asset's share of portfolio variance: w_i (Σw)_i / wᵀΣw (sums to 1)."""
    w = np.asarray(weights, dtype=float)
    s = cov.to_numpy(dtype=float)
    sw = s @ w
    var = float(w @ sw)
    rc = w * sw / var if var > 0 else np.zeros_like(w)
    return pd.Series(rc, index=cov.index)


def portfolio_stats(
    w: np.ndarray, mu: pd.Series | None, cov: pd.DataFrame, risk_free_rate: float = 0.0
) -> tuple[float, float, float]:
    vol = math.sqrt(max(float(w @ cov.to_numpy() @ w), 0.0))
    ret = float(np.asarray(mu) @ w) if mu is not None else float("nan")
    sharpe = (ret - risk_free_rate) / vol if vol > 0 and mu is not None else float("nan")
    return ret, vol, sharpe


# ---- constraints ---------------------------------------------------------------------------


def _bounds(assets: list[str], c: Constraints) -> tuple[np.ndarray, np.ndarray]:
    unknown = sorted(set(c.bounds) - set(assets))
    if unknown:
        raise InvalidInput(f"weight bounds name unknown assets: {unknown[:10]}")
    lo_default = c.min_weight if c.min_weight is not None else (0.0 if c.long_only else -1.0)
    hi_default = c.max_weight if c.max_weight is not None else 1.0
    if c.long_only and lo_default < 0:
        raise InvalidInput(f"long-only with a negative minimum weight {lo_default}")
    lo = np.array([c.bounds.get(a, (lo_default, hi_default))[0] for a in assets], dtype=float)
    hi = np.array([c.bounds.get(a, (lo_default, hi_default))[1] for a in assets], dtype=float)
    if c.long_only:
        lo = np.maximum(lo, 0.0)
    bad = [a for a, lo_i, hi_i in zip(assets, lo, hi, strict=True) if lo_i > hi_i]
    if bad:
        raise Infeasible(f"weight bounds with minimum above maximum for {bad[:10]}")
    if lo.sum() > c.budget + 1e-12:
        raise Infeasible(
            f"weight bounds are infeasible: minimum weights sum to {lo.sum():.4g} > budget "
            f"{c.budget:.4g}"
        )
    if hi.sum() < c.budget - 1e-12:
        raise Infeasible(
            f"weight bounds are infeasible: maximum weights sum to {hi.sum():.4g} < budget "
            f"{c.budget:.4g}"
        )
    return lo, hi


def _current(assets: list[str], c: Constraints) -> np.ndarray:
    unknown = sorted(set(c.current_weights) - set(assets))
    if unknown:
        raise InvalidInput(
            f"current weights name assets outside the universe: {unknown[:10]} (add them to "
            "the universe to trade them out)"
        )
    return np.array([c.current_weights.get(a, 0.0) for a in assets], dtype=float)


def _sector_rows(
    assets: list[str], c: Constraints, lo: np.ndarray
) -> list[tuple[SectorCap, np.ndarray]]:
    index = {a: i for i, a in enumerate(assets)}
    rows = []
    for cap in c.sector_caps:
        unknown = sorted(set(cap.members) - set(index))
        if unknown:
            raise InvalidInput(f"sector {cap.sector!r} names unknown assets: {unknown[:10]}")
        idx = np.array([index[m] for m in cap.members], dtype=int)
        if len(idx) and lo[idx].sum() > cap.max_weight + 1e-12:
            raise Infeasible(
                f"sector cap {cap.sector!r} {cap.max_weight:.4g} is below the sum of its "
                f"members' minimum weights {lo[idx].sum():.4g}"
            )
        rows.append((cap, idx))
    return rows


def _describe(c: Constraints) -> str:
    parts = ["long-only" if c.long_only else "long-short", f"budget {c.budget:g}"]
    if c.min_weight is not None or c.max_weight is not None or c.bounds:
        parts.append("weight bounds")
    if c.sector_caps:
        parts.append(f"{len(c.sector_caps)} sector cap(s)")
    if c.max_turnover:
        parts.append(f"turnover <= {c.max_turnover:g}")
    return ", ".join(parts)


def _solve(problem: cp.Problem, c: Constraints, what: str) -> None:
    try:
        problem.solve(solver=cp.CLARABEL, ignore_dpp=not problem.parameters())
    except cp.SolverError:
        try:
            problem.solve(solver=cp.SCS, eps=1e-9, max_iters=20000)
        except cp.SolverError as exc:
            raise OptimizationError(f"{what}: solver failed ({exc})") from None
    status = problem.status
    if status in (cp.INFEASIBLE, cp.INFEASIBLE_INACCURATE):
        raise Infeasible(f"{what}: constraints are infeasible ({_describe(c)})")
    if status in (cp.UNBOUNDED, cp.UNBOUNDED_INACCURATE):
        raise InvalidInput(f"{what}: problem is unbounded (check bounds and covariance)")
    if status not in _OK:
        raise OptimizationError(f"{what}: solver status {status}")


def _align(mu: pd.Series | None, cov: pd.DataFrame) -> list[str]:
    assets = [str(a) for a in cov.index]
    if mu is not None:
        missing = sorted(set(assets) - set(map(str, mu.index)))
        extra = sorted(set(map(str, mu.index)) - set(assets))
        if missing or extra:
            raise InvalidInput(
                f"expected returns and covariance name different assets (missing {missing[:5]}, "
                f"extra {extra[:5]})"
            )
        if not np.isfinite(mu.to_numpy(dtype=float)).all():
            raise InvalidInput("expected returns contain NaN or infinite values")
    return assets


# ---- mean-variance -------------------------------------------------------------------------


def mean_variance(
    mu: pd.Series | None,
    cov: pd.DataFrame,
    target: str = "min_variance",
    *,
    target_volatility: float | None = None,
    target_return: float | None = None,
    risk_free_rate: float = 0.0,
    constraints: Constraints | None = None,
    frontier_points: int = 0,
) -> OptimizationResult:
    c = constraints or Constraints()
    if target not in TARGETS:
        raise InvalidInput(f"unknown target {target!r}; one of {TARGETS}")
    cov = validate_covariance(cov)
    if mu is None and target != "min_variance":
        raise InvalidInput(f"target {target} needs expected returns")
    assets = _align(mu, cov)
    if mu is not None:
        mu = mu.reindex(assets).astype(float)
    n = len(assets)
    lo, hi = _bounds(assets, c)
    w0 = _current(assets, c)
    sectors = _sector_rows(assets, c, lo)
    sigma = cp.psd_wrap((cov.to_numpy() + cov.to_numpy().T) / 2)
    cost = c.transaction_cost_bps / 1e4
    turnover_cap = c.max_turnover or None
    if turnover_cap is not None and turnover_cap < 0:
        raise InvalidInput("max_turnover must be >= 0")

    if target == "max_sharpe":
        if c.budget <= 0:
            raise InvalidInput("max_sharpe needs a positive budget")
        y = cp.Variable(n)
        k = cp.Variable(nonneg=True)
        excess = mu.to_numpy() - risk_free_rate  # type: ignore[union-attr]
        cons = [cp.sum(y) == c.budget * k, y >= lo * k, y <= hi * k]
        trade = y - k * w0
        gain = excess @ y - (cost * cp.norm1(trade) if cost else 0)
        cons.append(gain >= 1)
        cons += [cp.sum(y[idx]) <= cap.max_weight * k for cap, idx in sectors]
        if turnover_cap is not None:
            cons.append(0.5 * cp.norm1(trade) <= turnover_cap * k)
        prob = cp.Problem(cp.Minimize(cp.quad_form(y, sigma)), cons)
        try:
            _solve(prob, c, "max_sharpe")
        except Infeasible:
            raise Infeasible(
                "max_sharpe: no feasible portfolio has expected return above the risk-free "
                f"rate {risk_free_rate:g} net of costs ({_describe(c)})"
            ) from None
        if k.value is None or float(k.value) <= 1e-12:
            raise Infeasible("max_sharpe: degenerate solution (k = 0)")
        w = np.asarray(y.value, dtype=float) / float(k.value)
    else:
        w_var = cp.Variable(n)
        cons = [cp.sum(w_var) == c.budget, w_var >= lo, w_var <= hi]
        cons += [cp.sum(w_var[idx]) <= cap.max_weight for cap, idx in sectors]
        trade = w_var - w0
        if turnover_cap is not None:
            cons.append(0.5 * cp.norm1(trade) <= turnover_cap)
        costs = cost * cp.norm1(trade) if cost else 0
        variance = cp.quad_form(w_var, sigma)
        if target == "min_variance":
            prob = cp.Problem(cp.Minimize(variance + costs), cons)
        elif target == "efficient_return":
            if target_return is None or not math.isfinite(target_return):
                raise InvalidInput("efficient_return needs a target return")
            cons.append(mu.to_numpy() @ w_var >= target_return)  # type: ignore[union-attr]
            prob = cp.Problem(cp.Minimize(variance + costs), cons)
        else:
            if target_volatility is None or not target_volatility > 0:
                raise InvalidInput("efficient_risk needs a positive target volatility")
            cons.append(variance <= target_volatility**2)
            prob = cp.Problem(cp.Maximize(mu.to_numpy() @ w_var - costs), cons)  # type: ignore[union-attr]
        try:
            _solve(prob, c, target)
        except Infeasible as exc:
            if target == "efficient_return":
                raise Infeasible(
                    f"efficient_return: target return {target_return:g} is not reachable "
                    f"({_describe(c)})"
                ) from exc
            if target == "efficient_risk":
                raise Infeasible(
                    f"efficient_risk: target volatility {target_volatility:g} is below the "
                    f"minimum attainable ({_describe(c)})"
                ) from exc
            raise
        w = np.asarray(w_var.value, dtype=float)

    w = _clean(w, lo, hi)
    ret, vol, sharpe = portfolio_stats(w, mu, cov, risk_free_rate)
    weights = pd.Series(w, index=assets)
    result = OptimizationResult(
        weights=weights,
        expected_return=ret,
        volatility=vol,
        sharpe=sharpe,
        turnover=float(0.5 * np.abs(w - w0).sum()),
        risk_contributions=risk_contributions(w, cov),
        method=f"mean_variance:{target}",
        status=str(prob.status),
    )
    if frontier_points and mu is not None:
        result.frontier = efficient_frontier(mu, cov, frontier_points, constraints=c)
    return result


def _clean(w: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Solver noise below 1e-9 to zero and clipped into the bounds."""
    w = np.where(np.abs(w) < 1e-9, 0.0, w)
    return np.clip(w, lo, hi)


def efficient_frontier(
    mu: pd.Series, cov: pd.DataFrame, points: int = 20, *, constraints: Constraints | None = None
) -> list[tuple[float, float]]:
    """(expected return, volatility) pairs from the minimum-variance portfolio to the
    highest attainable return, each the minimum variance for its return (one parameterised
    cvxpy problem re-solved per point)."""
    c = constraints or Constraints()
    cov = validate_covariance(cov)
    assets = _align(mu, cov)
    mu = mu.reindex(assets).astype(float)
    if points < 2:
        raise InvalidInput("the efficient frontier needs at least 2 points")
    lo, hi = _bounds(assets, c)
    w0 = _current(assets, c)
    sectors = _sector_rows(assets, c, lo)
    sigma = cp.psd_wrap((cov.to_numpy() + cov.to_numpy().T) / 2)
    n = len(assets)
    w = cp.Variable(n)
    base = [cp.sum(w) == c.budget, w >= lo, w <= hi]
    base += [cp.sum(w[idx]) <= cap.max_weight for cap, idx in sectors]
    if c.max_turnover:
        base.append(0.5 * cp.norm1(w - w0) <= c.max_turnover)
    top = cp.Problem(cp.Maximize(mu.to_numpy() @ w), base)
    _solve(top, c, "efficient frontier (maximum return)")
    r_max = float(top.value)
    minv = mean_variance(None, cov, "min_variance", constraints=replace_cost(c))
    r_min = float(mu.to_numpy() @ minv.weights.to_numpy())
    r = cp.Parameter()
    prob = cp.Problem(cp.Minimize(cp.quad_form(w, sigma)), [*base, mu.to_numpy() @ w >= r])
    out = []
    for target in np.linspace(r_min, r_max, points):
        r.value = float(target)
        _solve(prob, c, "efficient frontier")
        wv = np.asarray(w.value, dtype=float)
        out.append((float(mu.to_numpy() @ wv), math.sqrt(max(float(wv @ cov.to_numpy() @ wv), 0))))
    return out


def replace_cost(c: Constraints) -> Constraints:
    from dataclasses import replace

    return replace(c, transaction_cost_bps=0.0)


# ---- Black-Litterman -----------------------------------------------------------------------


def _view_matrix(assets: list[str], views: Sequence[View]) -> tuple[np.ndarray, np.ndarray]:
    index = {a: i for i, a in enumerate(assets)}
    p = np.zeros((len(views), len(assets)))
    q = np.zeros(len(views))
    for k, v in enumerate(views):
        if not v.long:
            raise InvalidInput(f"view {k} has no long assets")
        unknown = sorted((set(v.long) | set(v.short)) - set(index))
        if unknown:
            raise InvalidInput(f"view {k} names assets outside the universe: {unknown}")
        if set(v.long) & set(v.short):
            raise InvalidInput(f"view {k} has an asset on both legs")
        if not math.isfinite(v.expected_return):
            raise InvalidInput(f"view {k} has a non-finite expected return")
        if not 0.0 <= v.confidence <= 1.0:
            raise InvalidInput(f"view {k} confidence {v.confidence} is outside [0, 1]")
        for a in v.long:
            p[k, index[a]] = 1.0 / len(v.long)
        for a in v.short:
            p[k, index[a]] = -1.0 / len(v.short)
        q[k] = v.expected_return
    if np.linalg.matrix_rank(p) < len(views):
        raise InvalidInput("views are linearly dependent (a view repeats a combination of others)")
    return p, q


def black_litterman_posterior(
    cov: pd.DataFrame,
    views: Sequence[View],
    *,
    market_caps: Mapping[str, float] | None = None,
    risk_aversion: float = 2.5,
    tau: float = 0.05,
    risk_free_rate: float = 0.0,
) -> tuple[pd.Series, pd.DataFrame, pd.Series]:
    """(posterior returns, posterior covariance, prior returns) by PyPortfolioOpt's
    `BlackLittermanModel`. The prior is the market-implied π = δΣw_mkt (+ r_f), with w_mkt
    from ``market_caps`` or equal weights."""
    from pypfopt.black_litterman import BlackLittermanModel

    cov = validate_covariance(cov)
    assets = [str(a) for a in cov.index]
    if not views:
        raise InvalidInput("Black-Litterman needs at least one view")
    if not tau > 0:
        raise InvalidInput("tau must be positive")
    if not risk_aversion > 0:
        raise InvalidInput("risk aversion must be positive")
    if market_caps:
        unknown = sorted(set(market_caps) - set(assets))
        missing = sorted(set(assets) - set(market_caps))
        if unknown or missing:
            raise InvalidInput(
                f"market caps must cover the universe exactly (unknown {unknown[:5]}, missing "
                f"{missing[:5]})"
            )
        caps = np.array([market_caps[a] for a in assets], dtype=float)
        if (caps <= 0).any() or not np.isfinite(caps).all():
            raise InvalidInput("market caps must be positive")
        w_mkt = caps / caps.sum()
    else:
        w_mkt = np.full(len(assets), 1.0 / len(assets))
    pi = pd.Series(risk_aversion * cov.to_numpy() @ w_mkt + risk_free_rate, index=assets)
    p, q = _view_matrix(assets, views)
    conf = np.array([v.confidence for v in views])
    sigma = cov.to_numpy()
    omega = np.diag(np.diag(tau * p @ sigma @ p.T)).copy()
    if (conf > 0).any():
        idz = np.diag(
            BlackLittermanModel.idzorek_method(
                [max(x, 1e-12) for x in conf],
                sigma,
                pi.to_numpy().reshape(-1, 1),
                q.reshape(-1, 1),
                p,
                tau,
                risk_aversion,
            )
        )
        for k in np.flatnonzero(conf > 0):
            omega[k, k] = idz[k]
    bl = BlackLittermanModel(
        cov, pi=pi, Q=q, P=p, omega=omega, tau=tau, risk_aversion=risk_aversion
    )
    post = bl.bl_returns()
    post_cov = bl.bl_cov()
    return pd.Series(post, index=assets, dtype=float), post_cov, pi


def black_litterman(
    cov: pd.DataFrame,
    views: Sequence[View],
    *,
    market_caps: Mapping[str, float] | None = None,
    risk_aversion: float = 2.5,
    tau: float = 0.05,
    risk_free_rate: float = 0.0,
    target: str = "max_sharpe",
    target_volatility: float | None = None,
    target_return: float | None = None,
    constraints: Constraints | None = None,
) -> OptimizationResult:
    """Mean-variance on the Black-Litterman posterior returns and covariance."""
    post, post_cov, _ = black_litterman_posterior(
        cov,
        views,
        market_caps=market_caps,
        risk_aversion=risk_aversion,
        tau=tau,
        risk_free_rate=risk_free_rate,
    )
    res = mean_variance(
        post,
        post_cov,
        target,
        target_volatility=target_volatility,
        target_return=target_return,
        risk_free_rate=risk_free_rate,
        constraints=constraints,
    )
    res.method = f"black_litterman:{target}"
    res.posterior_returns = post
    return res


# ---- risk parity ---------------------------------------------------------------------------


def risk_parity(
    cov: pd.DataFrame,
    budgets: Mapping[str, float] | None = None,
    *,
    mu: pd.Series | None = None,
    risk_free_rate: float = 0.0,
    budget: float = 1.0,
) -> OptimizationResult:
    """Equal (or budgeted) risk contribution, long-only: the convex program of Spinu (2013),
    min ½xᵀΣx - Σ b_i log x_i, whose solution scaled to the budget has risk contributions
    proportional to b. Weight bounds and sector caps do not apply (they would break the
    equal-contribution property); the weights sum to ``budget``."""
    cov = validate_covariance(cov)
    assets = [str(a) for a in cov.index]
    if budgets:
        unknown = sorted(set(budgets) - set(assets))
        if unknown:
            raise InvalidInput(f"risk budgets name unknown assets: {unknown[:10]}")
        b = np.array([budgets.get(a, 0.0) for a in assets], dtype=float)
        if (b <= 0).any():
            raise InvalidInput("risk budgets must be positive for every asset")
    else:
        b = np.ones(len(assets))
    b = b / b.sum()
    m = cov.to_numpy(dtype=float)
    # scale so the solution is O(1) and the solver well conditioned
    scale = float(np.mean(np.diag(m)))
    x = cp.Variable(len(assets), pos=True)
    prob = cp.Problem(
        cp.Minimize(0.5 * cp.quad_form(x, cp.psd_wrap((m + m.T) / (2 * scale))) - b @ cp.log(x))
    )
    _solve(prob, Constraints(), "risk_parity")
    xv = _erc_polish(np.asarray(x.value, dtype=float), (m + m.T) / (2 * scale), b)
    w = budget * xv / xv.sum()
    ret, vol, sharpe = portfolio_stats(
        w, mu.reindex(assets) if mu is not None else None, cov, risk_free_rate
    )
    return OptimizationResult(
        weights=pd.Series(w, index=assets),
        expected_return=ret,
        volatility=vol,
        sharpe=sharpe,
        turnover=float("nan"),
        risk_contributions=risk_contributions(w, cov),
        method="risk_parity",
        status=str(prob.status),
    )


def _erc_polish(x: np.ndarray, s: np.ndarray, b: np.ndarray, iters: int = 30) -> np.ndarray:
    """Newton steps on the optimality condition Σx = b/x from the interior-point solution
    (exponential-cone solvers stop near 1e-6 relative accuracy; Newton converges
    quadratically from there)."""
    x = np.maximum(x, 1e-12)
    for _ in range(iters):
        f = s @ x - b / x
        if np.abs(f).max() < 1e-14 * max(1.0, np.abs(b / x).max()):
            break
        dx = np.linalg.solve(s + np.diag(b / x**2), f)
        t = 1.0
        while (x - t * dx <= 0).any() and t > 1e-8:
            t /= 2
        x = x - t * dx
    return x


# ---- hierarchical risk parity -------------------------------------------------------------


def _hrp_order(corr: np.ndarray, linkage: str) -> np.ndarray:
    import scipy.cluster.hierarchy as sch
    from scipy.spatial.distance import squareform

    dist = np.sqrt(np.clip((1.0 - corr) / 2.0, 0.0, 1.0))
    np.fill_diagonal(dist, 0.0)
    link = sch.linkage(squareform(dist, checks=False), linkage)
    return np.asarray(sch.leaves_list(link))


def _hrp_bisect(cov: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Recursive bisection of the ordered leaves with inverse-variance cluster variances
    (vectorised per level: every cluster of a level is split in one pass)."""
    n = len(order)
    w = np.ones(n)
    ivp_all = 1.0 / np.diag(cov)
    clusters = [order]
    while clusters:
        nxt = []
        for items in clusters:
            if len(items) < 2:
                continue
            half = len(items) // 2
            left, right = items[:half], items[half:]
            vl = _cluster_var(cov, left, ivp_all)
            vr = _cluster_var(cov, right, ivp_all)
            alpha = 1.0 - vl / (vl + vr)
            w[left] *= alpha
            w[right] *= 1.0 - alpha
            nxt += [left, right]
        clusters = nxt
    return w


def _cluster_var(cov: np.ndarray, items: np.ndarray, ivp_all: np.ndarray) -> float:
    ivp = ivp_all[items]
    ivp = ivp / ivp.sum()
    return float(ivp @ cov[np.ix_(items, items)] @ ivp)


def hrp(
    cov: pd.DataFrame,
    linkage: str = "single",
    *,
    mu: pd.Series | None = None,
    risk_free_rate: float = 0.0,
) -> OptimizationResult:
    """Hierarchical risk parity (López de Prado 2016): cluster on the correlation distance
    sqrt((1 - ρ)/2) with scipy's hierarchical clustering, order the leaves, bisect with
    inverse-variance allocation. Long-only, fully invested. The algorithm is the one of
    PyPortfolioOpt's `HRPOpt` (the tests and bench/portfolio.py compare the two), written on
    numpy arrays because `HRPOpt`'s pandas indexing takes seconds at 500 assets. A singular
    covariance is allowed (HRP never inverts it); a non-PSD one is not."""
    linkage = linkage or "single"
    if linkage not in LINKAGES:
        raise InvalidInput(f"unknown linkage {linkage!r}; one of {LINKAGES}")
    cov = validate_covariance(cov, allow_singular=True)
    s = cov.to_numpy(dtype=float)
    d = np.diag(s)
    if (d <= 0).any():
        raise InvalidInput("covariance has a zero variance on its diagonal")
    assets = [str(a) for a in cov.index]
    if len(assets) == 1:
        w = np.array([1.0])
    else:
        sd = np.sqrt(d)
        corr = np.clip(s / np.outer(sd, sd), -1.0, 1.0)
        order = _hrp_order(corr, linkage)
        w = _hrp_bisect(s, order)
    ret, vol, sharpe = portfolio_stats(
        w, mu.reindex(assets) if mu is not None else None, cov, risk_free_rate
    )
    return OptimizationResult(
        weights=pd.Series(w, index=assets),
        expected_return=ret,
        volatility=vol,
        sharpe=sharpe,
        turnover=float("nan"),
        risk_contributions=risk_contributions(w, cov),
        method=f"hrp:{linkage}",
    )
