"""Portfolio risk: Value at Risk, Expected Shortfall, their Euler decomposition, stress tests and
drawdown rules. Pure numpy/scipy; no I/O.

Conventions
- ``values``: current market value of each position in the account currency (signed: short
  positions are negative). ``returns``: simple returns per period (rows = observations,
  columns = positions). P&L of a scenario = ``returns @ values``.
- VaR and ES are reported as positive losses over ``horizon_days`` at ``confidence`` (e.g.
  0.99). Multi-day figures scale one-day figures by sqrt(horizon) (square-root-of-time; exact
  for i.i.d. normal returns with zero mean, an approximation otherwise). The parametric mean
  scales linearly with the horizon.
- Component VaR (Euler allocation) sums to the total VaR: exactly for the parametric method,
  and by construction for simulation methods (the position P&L in the scenarios around the
  VaR quantile, averaged and scaled so the components add up). Marginal VaR is the change in
  VaR per unit of position value (component / value).
- Monte Carlo: multivariate normal returns via a Cholesky factor of the covariance (an
  eigenvalue repair makes a nearly singular matrix usable), one seeded generator, and one
  matrix multiply; antithetic pairs (half the draws, mirrored); float32 by default for speed,
  float64 on request.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from scipy import stats

__all__ = [
    "VarEstimate",
    "parametric_var",
    "historical_var",
    "monte_carlo_var",
    "simulate_pnl",
    "var_es_from_pnl",
    "StressScenarioSpec",
    "HISTORICAL_SCENARIOS",
    "PositionExposure",
    "StressResult",
    "run_stress",
    "hypothetical_scenario",
    "drawdown_series",
    "max_drawdown",
    "DrawdownState",
    "DrawdownTracker",
    "DrawdownBreach",
    "check_drawdown_rules",
]

_F = np.float64


# ---------------------------------------------------------------------------------------------
# VaR / ES
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VarEstimate:
    method: str  # "parametric" | "historical" | "monte_carlo"
    confidence: float
    horizon_days: int
    var: float
    expected_shortfall: float
    portfolio_value: float
    # Per position; empty arrays when not asked for.
    component_var: np.ndarray = field(default_factory=lambda: np.zeros(0))
    marginal_var: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sample_size: int = 0

    @property
    def contribution_ratio(self) -> np.ndarray:
        if self.var == 0 or self.component_var.size == 0:
            return np.zeros_like(self.component_var)
        return self.component_var / self.var


def _check_confidence(confidence: float) -> None:
    if not (0.5 <= confidence < 1.0) or not math.isfinite(confidence):
        raise ValueError(f"confidence must be in [0.5, 1), got {confidence!r}")


def _check_horizon(horizon_days: int) -> None:
    if horizon_days < 1:
        raise ValueError(f"horizon_days must be >= 1, got {horizon_days!r}")


def _as_values(values: Sequence[float] | np.ndarray) -> np.ndarray:
    v = np.asarray(values, dtype=_F).reshape(-1)
    if not np.all(np.isfinite(v)):
        raise ValueError("position values must be finite")
    return v


def parametric_var(
    values: Sequence[float] | np.ndarray,
    cov: np.ndarray,
    confidence: float = 0.99,
    horizon_days: int = 1,
    mean: Sequence[float] | np.ndarray | None = None,
    *,
    contributions: bool = True,
) -> VarEstimate:
    """Delta-normal VaR: ``VaR = z_c * sigma_p * sqrt(h) - mu_p * h`` with
    ``sigma_p = sqrt(v' S v)``; ES = ``sigma_p sqrt(h) phi(z_c) / (1 - c) - mu_p h``."""
    _check_confidence(confidence)
    _check_horizon(horizon_days)
    v = _as_values(values)
    s = np.asarray(cov, dtype=_F)
    if s.shape != (v.size, v.size):
        raise ValueError(f"covariance must be {v.size}x{v.size}, got {s.shape}")
    mu = np.zeros(v.size) if mean is None else np.asarray(mean, dtype=_F).reshape(-1)
    z = float(stats.norm.ppf(confidence))
    sv = s @ v
    variance = float(v @ sv)
    sigma = math.sqrt(max(variance, 0.0))
    sq = math.sqrt(horizon_days)
    mu_p = float(mu @ v)
    var = z * sigma * sq - mu_p * horizon_days
    es = sigma * sq * float(stats.norm.pdf(z)) / (1.0 - confidence) - mu_p * horizon_days
    comp = marg = np.zeros(0)
    if contributions:
        if sigma > 0:
            marg = z * sq * sv / sigma - mu * horizon_days
        else:
            marg = -mu * horizon_days
        comp = marg * v
    return VarEstimate(
        "parametric", confidence, horizon_days, var, es, float(v.sum()), comp, marg, 0
    )


def var_es_from_pnl(pnl: np.ndarray, confidence: float) -> tuple[float, float, int]:
    """Empirical VaR and ES of a P&L sample (one-period). VaR is the loss at the
    ``ceil(n (1 - c))``-th worst scenario; ES is the mean of the losses at least that bad
    (so ES >= VaR always). Returns (var, es, index of the VaR scenario)."""
    n = pnl.shape[0]
    if n == 0:
        raise ValueError("no scenarios")
    k = max(1, math.ceil(n * (1.0 - confidence) - 1e-9))
    order = np.argpartition(pnl, k - 1)[:k]  # the k worst (unordered)
    tail = pnl[order]
    worst_k = int(order[np.argmax(tail)])  # the k-th worst: the best of the tail
    var = -float(pnl[worst_k])
    es = -float(tail.mean())
    return var, es, worst_k


def _simulation_components(
    scen_pnl_positions_fn: Any, pnl: np.ndarray, var: float, values: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """Euler components from simulated scenarios: average position P&L over the scenarios
    nearest to the VaR quantile, scaled so the components sum to VaR exactly."""
    n = pnl.shape[0]
    window = max(1, int(round(n * (1.0 - confidence) * 0.2)))  # +-10% of the tail count
    idx = np.argsort(np.abs(pnl + var))[: 2 * window + 1]
    pos = scen_pnl_positions_fn(idx)  # (len(idx), npos)
    raw = -pos.mean(axis=0).astype(_F)
    total = float(raw.sum())
    comp = raw * (var / total) if total != 0 else np.zeros_like(raw)
    with np.errstate(divide="ignore", invalid="ignore"):
        marg = np.where(values != 0, comp / values, 0.0)
    return comp, marg


def historical_var(
    values: Sequence[float] | np.ndarray,
    returns: np.ndarray,
    confidence: float = 0.99,
    horizon_days: int = 1,
    *,
    contributions: bool = True,
) -> VarEstimate:
    """Historical-simulation VaR/ES: today's positions revalued with each observed one-period
    return vector; scaled by sqrt(horizon)."""
    _check_confidence(confidence)
    _check_horizon(horizon_days)
    v = _as_values(values)
    r = np.asarray(returns, dtype=_F)
    if r.ndim != 2 or r.shape[1] != v.size:
        raise ValueError(f"returns must be (observations, {v.size}), got {r.shape}")
    r = r[np.all(np.isfinite(r), axis=1)]
    pnl = r @ v
    var1, es1, _ = var_es_from_pnl(pnl, confidence)
    sq = math.sqrt(horizon_days)
    comp = marg = np.zeros(0)
    if contributions:
        comp, marg = _simulation_components(lambda i: r[i] * v, pnl, var1, v, confidence)
        comp, marg = comp * sq, marg * sq
    return VarEstimate(
        "historical", confidence, horizon_days, var1 * sq, es1 * sq, float(v.sum()),
        comp, marg, int(r.shape[0]),
    )


def cholesky_factor(cov: np.ndarray) -> np.ndarray:
    """Lower Cholesky factor; a covariance that is not positive definite (estimated from too
    few observations) is repaired by clipping its eigenvalues at a tiny positive floor."""
    s = np.asarray(cov, dtype=_F)
    s = 0.5 * (s + s.T)
    try:
        return np.linalg.cholesky(s)
    except np.linalg.LinAlgError:
        w, q = np.linalg.eigh(s)
        floor = max(float(w.max()), 1e-300) * 1e-12
        w = np.clip(w, floor, None)
        return np.linalg.cholesky((q * w) @ q.T)


def simulate_pnl(
    values: np.ndarray,
    cov: np.ndarray,
    paths: int,
    seed: int,
    mean: np.ndarray | None = None,
    dtype: Any = np.float32,
    chol: np.ndarray | None = None,
    antithetic: bool = True,
) -> tuple[Any, np.ndarray]:
    """Simulate one-period returns and the portfolio P&L of each path.

    Returns ``(returns_of, pnl)``: ``pnl`` has one entry per path; ``returns_of(idx)`` gives
    the simulated return vectors (len(idx) x positions) of the paths ``idx``. With
    ``antithetic`` (the default) half the paths are drawn and the other half are their
    mirror images ``mu - (r - mu)``, which halves the random numbers and the matrix multiply
    and makes the simulated mean exact."""
    v = np.asarray(values, dtype=_F)
    lower = cholesky_factor(cov) if chol is None else chol
    rng = np.random.default_rng(seed)
    half = (paths + 1) // 2 if antithetic else paths
    z = rng.standard_normal((half, v.size), dtype=dtype)
    dev = z @ lower.T.astype(dtype, copy=False)  # zero-mean returns, (half, n)
    dev_pnl = (dev @ v.astype(dtype)).astype(_F)
    mu = None if mean is None else np.asarray(mean, dtype=_F).reshape(-1)
    mu_pnl = float(mu @ v) if mu is not None else 0.0
    if antithetic:
        pnl = np.concatenate([mu_pnl + dev_pnl, mu_pnl - dev_pnl])
    else:
        pnl = mu_pnl + dev_pnl

    def returns_of(idx: np.ndarray) -> np.ndarray:
        idx = np.asarray(idx)
        sign = np.where(idx < half, 1.0, -1.0)[:, None]
        rows = dev[np.where(idx < half, idx, idx - half)].astype(_F) * sign
        return rows + mu if mu is not None else rows

    return returns_of, pnl


def monte_carlo_var(
    values: Sequence[float] | np.ndarray,
    cov: np.ndarray,
    confidence: float = 0.99,
    horizon_days: int = 1,
    mean: Sequence[float] | np.ndarray | None = None,
    *,
    paths: int = 10_000,
    seed: int = 7,
    dtype: Any = np.float32,
    antithetic: bool = True,
    contributions: bool = True,
) -> VarEstimate:
    """Monte Carlo VaR/ES under multivariate normal one-period returns, scaled by
    sqrt(horizon). Seeded: the same inputs give the same figures."""
    _check_confidence(confidence)
    _check_horizon(horizon_days)
    if paths < 100:
        raise ValueError("at least 100 paths")
    v = _as_values(values)
    mu = None if mean is None else np.asarray(mean, dtype=_F).reshape(-1)
    returns_of, pnl = simulate_pnl(v, cov, paths, seed, mu, dtype, antithetic=antithetic)
    var1, es1, _ = var_es_from_pnl(pnl, confidence)
    sq = math.sqrt(horizon_days)
    comp = marg = np.zeros(0)
    if contributions:
        comp, marg = _simulation_components(
            lambda i: returns_of(i) * v, pnl, var1, v, confidence
        )
        comp, marg = comp * sq, marg * sq
    return VarEstimate(
        "monte_carlo", confidence, horizon_days, var1 * sq, es1 * sq, float(v.sum()),
        comp, marg, int(pnl.shape[0]),
    )


# ---------------------------------------------------------------------------------------------
# Stress tests
# ---------------------------------------------------------------------------------------------

# Factor names used by scenarios and hypothetical shocks:
#   equity     relative move of equity prices (also applied to equity futures and, delta-one,
#              to equity options' values)
#   crypto     relative move of crypto assets
#   commodity  relative move of commodities (instruments with sector "commodity"/"energy")
#   usd        relative move of the US dollar against other currencies; an FX pair quoted
#              XXXUSD moves by -usd/(1+usd), USDXXX by +usd
#   rates_10y  parallel move of yields, in basis points; value change = -duration * dy
#   vol        relative move of implied volatility (VIX); value change = vega * vol points,
#              vol points = move * reference vol (20) when only a relative move is known


@dataclass(frozen=True, slots=True)
class StressScenarioSpec:
    key: str
    name: str
    window: str
    shocks: Mapping[str, float]
    sources: str


HISTORICAL_SCENARIOS: dict[str, StressScenarioSpec] = {
    "gfc_2008": StressScenarioSpec(
        key="gfc_2008",
        name="2008 Global Financial Crisis (Lehman to the November low)",
        window="2008-09-12 .. 2008-11-20",
        shocks={
            "equity": -0.399,  # S&P 500 1251.70 -> 752.44
            "rates_10y": -71.0,  # UST 10y 3.72% -> 3.01%
            "vol": 2.15,  # VIX 25.66 -> 80.86
            "usd": 0.115,  # DXY 78.9 -> 88.0
            "commodity": -0.51,  # WTI 101.2 -> 49.6
            "crypto": -0.399,  # no crypto market then: equity move used as a proxy
        },
        sources=(
            "Closing levels: S&P 500 (FRED SP500 / S&P Dow Jones Indices), 10-year Treasury "
            "constant maturity (FRED DGS10), CBOE VIX (FRED VIXCLS), ICE US Dollar Index, "
            "WTI spot (FRED DCOILWTICO). Crypto: equity proxy."
        ),
    ),
    "covid_march_2020": StressScenarioSpec(
        key="covid_march_2020",
        name="COVID-19 crash, February-March 2020",
        window="2020-02-19 .. 2020-03-23",
        shocks={
            "equity": -0.339,  # S&P 500 3386.15 -> 2237.40
            "rates_10y": -80.0,  # UST 10y 1.56% -> 0.76%
            "vol": 3.28,  # VIX 14.38 -> 61.59
            "usd": 0.031,  # DXY 99.7 -> 102.8
            "commodity": -0.56,  # WTI 53.3 -> 23.4
            "crypto": -0.37,  # BTC ~10,200 -> ~6,400
        },
        sources=(
            "Closing levels: S&P 500 (FRED SP500), 10-year Treasury (FRED DGS10), VIX (FRED "
            "VIXCLS), ICE US Dollar Index, WTI (FRED DCOILWTICO), BTC-USD (CoinMetrics "
            "reference rate)."
        ),
    ),
    "rate_shock_2022": StressScenarioSpec(
        key="rate_shock_2022",
        name="2022 rate shock (Fed hiking cycle, calendar 2022)",
        window="2021-12-31 .. 2022-12-30",
        shocks={
            "equity": -0.194,  # S&P 500 4766.18 -> 3839.50
            "rates_10y": 237.0,  # UST 10y 1.51% -> 3.88%
            "vol": 0.26,  # VIX 17.22 -> 21.67
            "usd": 0.082,  # DXY 95.67 -> 103.52
            "commodity": 0.07,  # WTI 75.2 -> 80.3
            "crypto": -0.64,  # BTC 46,300 -> 16,550
        },
        sources=(
            "Closing levels: S&P 500 (FRED SP500), 10-year Treasury (FRED DGS10), VIX (FRED "
            "VIXCLS), ICE US Dollar Index, WTI (FRED DCOILWTICO), BTC-USD (CoinMetrics)."
        ),
    ),
}

REFERENCE_VOL_POINTS = 20.0
_COMMODITY_SECTORS = frozenset({"commodity", "commodities", "energy", "metals", "agriculture"})


@dataclass(frozen=True, slots=True)
class PositionExposure:
    """What a stress test needs to know about one position."""

    key: str  # instrument id
    value: float  # signed market value, account currency
    asset_class: str = "equity"  # equity | fx | future | option | crypto | rates | other
    sector: str = ""
    # Modified duration (years) for rate-sensitive positions; value change = -D * dy * value.
    duration: float = 0.0
    # Value change per one vol point.
    vega: float = 0.0
    # For FX: True when the pair is quoted in USD (EURUSD), False for USDJPY-style pairs.
    usd_quote: bool = True


@dataclass(frozen=True, slots=True)
class StressResult:
    key: str
    name: str
    pnl: float
    pnl_ratio: float
    impacts: list[tuple[str, float, float]]  # (position key, pnl, applied relative move)


def _position_move(p: PositionExposure, shocks: Mapping[str, float]) -> tuple[float, float]:
    """(P&L, applied relative move) of one position under factor shocks."""
    ac = p.asset_class
    pnl = 0.0
    move = 0.0
    if ac in ("equity", "option") or (ac == "future" and p.sector.lower() not in
                                      _COMMODITY_SECTORS | {"rates"}):
        move = shocks.get("equity", 0.0)
    elif ac == "crypto":
        move = shocks.get("crypto", 0.0)
    elif ac == "fx":
        usd = shocks.get("usd", 0.0)
        move = -usd / (1.0 + usd) if p.usd_quote else usd
    elif ac in ("future", "commodity") and p.sector.lower() in _COMMODITY_SECTORS:
        move = shocks.get("commodity", 0.0)
    pnl += p.value * move
    if p.duration and "rates_10y" in shocks:
        dy = shocks["rates_10y"] / 10_000.0
        rate_move = -p.duration * dy
        pnl += p.value * rate_move
        move += rate_move
    if p.vega and "vol" in shocks:
        pnl += p.vega * shocks["vol"] * REFERENCE_VOL_POINTS
    return pnl, move


def hypothetical_scenario(
    name: str, shocks: Mapping[str, float], sources: str = "user defined"
) -> StressScenarioSpec:
    return StressScenarioSpec(key="hypothetical", name=name, window="", shocks=dict(shocks),
                              sources=sources)


def run_stress(
    positions: Sequence[PositionExposure],
    scenario: StressScenarioSpec,
    instrument_shocks: Mapping[str, float] | None = None,
    asset_class_shocks: Mapping[str, float] | None = None,
) -> StressResult:
    """P&L of the positions under a scenario. Shocks apply in order of precedence: a shock
    on the instrument itself, then one on its asset class, then the factor shocks."""
    inst = instrument_shocks or {}
    acs = asset_class_shocks or {}
    impacts: list[tuple[str, float, float]] = []
    total = 0.0
    gross_value = 0.0
    for p in positions:
        if not math.isfinite(p.value):
            raise ValueError(f"position {p.key}: value must be finite")
        gross_value += p.value
        if p.key in inst:
            move = inst[p.key]
            pnl = p.value * move
        elif p.asset_class in acs:
            move = acs[p.asset_class]
            pnl = p.value * move
        else:
            pnl, move = _position_move(p, scenario.shocks)
        total += pnl
        impacts.append((p.key, pnl, move))
    ratio = total / gross_value if gross_value else 0.0
    return StressResult(scenario.key, scenario.name, total, ratio, impacts)


# ---------------------------------------------------------------------------------------------
# Drawdown
# ---------------------------------------------------------------------------------------------


def drawdown_series(equity: Sequence[float] | np.ndarray) -> np.ndarray:
    """Drawdown from the running peak, as a fraction 0..1, per point."""
    e = np.asarray(equity, dtype=_F)
    if e.size == 0:
        return e
    peak = np.maximum.accumulate(e)
    with np.errstate(divide="ignore", invalid="ignore"):
        dd = np.where(peak > 0, (peak - e) / peak, 0.0)
    return dd


def max_drawdown(equity: Sequence[float] | np.ndarray) -> float:
    dd = drawdown_series(equity)
    return float(dd.max()) if dd.size else 0.0


@dataclass(slots=True)
class DrawdownState:
    equity: float
    peak: float
    peak_at: datetime | None
    drawdown: float  # from the all-time peak
    max_drawdown: float
    day_high: float
    daily_drawdown: float  # from the day's high (the day opens at the previous equity)
    day_start: float  # equity at the start of the UTC day
    daily_pnl: float
    month_high: float
    monthly_drawdown: float


class DrawdownTracker:
    """Streaming drawdown: all-time, daily (from the UTC day's high, reset at 00:00 UTC) and
    monthly (from the month's high, reset on the 1st). The equity carried into a new period is
    that period's opening high, so an overnight gap down counts against the new day."""

    __slots__ = ("_s", "_day", "_month")

    def __init__(self, equity: float, at: datetime) -> None:
        self._s = DrawdownState(equity, equity, at, 0.0, 0.0, equity, 0.0, equity, 0.0,
                                equity, 0.0)
        self._day = at.date()
        self._month = (at.year, at.month)

    @property
    def state(self) -> DrawdownState:
        return self._s

    def update(self, equity: float, at: datetime) -> DrawdownState:
        s = self._s
        if not math.isfinite(equity):
            return s
        day = at.date()
        if day != self._day:
            self._day = day
            s.day_start = s.equity
            s.day_high = s.equity
        month = (at.year, at.month)
        if month != self._month:
            self._month = month
            s.month_high = s.equity
        s.equity = equity
        if equity > s.peak:
            s.peak = equity
            s.peak_at = at
        s.day_high = max(s.day_high, equity)
        s.month_high = max(s.month_high, equity)
        s.drawdown = (s.peak - equity) / s.peak if s.peak > 0 else 0.0
        s.max_drawdown = max(s.max_drawdown, s.drawdown)
        s.daily_drawdown = (s.day_high - equity) / s.day_high if s.day_high > 0 else 0.0
        s.monthly_drawdown = (
            (s.month_high - equity) / s.month_high if s.month_high > 0 else 0.0
        )
        s.daily_pnl = equity - s.day_start
        return s


@dataclass(frozen=True, slots=True)
class DrawdownBreach:
    rule: str  # "daily" | "monthly" | "total"
    at: datetime
    drawdown: float
    threshold: float


def check_drawdown_rules(
    times: Sequence[datetime],
    equity: Sequence[float],
    daily_limit: float | None = None,
    monthly_limit: float | None = None,
    total_limit: float | None = None,
) -> list[DrawdownBreach]:
    """Replay an equity curve through `DrawdownTracker` and return the first breach of each
    rule in each period (daily: once per day; monthly: once per month; total: once)."""
    if len(times) != len(equity):
        raise ValueError("times and equity must have the same length")
    if not len(times):
        return []
    tr = DrawdownTracker(float(equity[0]), times[0])
    out: list[DrawdownBreach] = []
    seen: set[tuple[str, Any]] = set()
    for t, e in zip(times, equity, strict=True):
        s = tr.update(float(e), t)
        checks = (
            ("daily", daily_limit, s.daily_drawdown, t.date()),
            ("monthly", monthly_limit, s.monthly_drawdown, (t.year, t.month)),
            ("total", total_limit, s.drawdown, None),
        )
        for rule, limit, dd, period in checks:
            if limit is not None and dd > limit and (rule, period) not in seen:
                seen.add((rule, period))
                out.append(DrawdownBreach(rule, t, dd, limit))
    return out
