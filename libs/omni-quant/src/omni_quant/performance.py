"""Performance statistics of a return series: the numbers of a tear sheet. Pure pandas/numpy;
no I/O.

Where empyrical-reloaded (``import empyrical``) has the metric, this module calls it, so the
values are empyrical's exactly: total return, CAGR, volatility, Sharpe, Sortino, Calmar,
maximum drawdown, alpha and beta, VaR and CVaR, tail ratio, rolling Sharpe / volatility /
beta. What empyrical lacks is computed here and documented with its definition:

- ``max_drawdown_duration``: from the peak before the deepest trough to the recovery (the first
  observation back at or above the peak), or to the last observation if not recovered; in
  calendar days for a DatetimeIndex, in periods otherwise.
- ``drawdown_periods``: the worst non-overlapping drawdowns (peak, trough, recovery, depth).
- ``information_ratio``: annualised mean active return over annualised tracking error,
  ``mean(r - b) / std(r - b, ddof=1) * sqrt(ann)`` (empyrical's ``excess_sharpe`` annualised);
  ``tracking_error``: ``std(r - b, ddof=1) * sqrt(ann)``.
- ``hit_rate``: positive periods / periods with a non-zero return (flat days are neither hits
  nor misses); ``profit_factor``: sum of gains / |sum of losses|; ``average_win`` /
  ``average_loss``: mean positive / mean negative return.
- ``turnover``: traded notional / average gross book of the day and the day before (the
  pyfolio "AGB" convention); ``weights_turnover``: one-way turnover of a weight matrix,
  ``0.5 * sum_i |w_i,t - w_i,t-1|`` (the first row counts the build from zero).
- ``skewness`` / ``kurtosis``: scipy's (biased skew, Fisher excess kurtosis), as pyfolio.

Conventions: returns are simple, non-cumulative, one per period (daily by default: 252 periods
a year). The input is checked: an empty series, NaN or infinite values, or a benchmark that
does not overlap raise `PerformanceInputError` with a message naming the problem. Risk-free
rates given to `performance_stats` are annual and converted to a per-period rate
``(1 + rf) ** (1 / ann) - 1``; the functions below take per-period rates, as empyrical does.
VaR and CVaR are returned as empyrical returns them: the return at the cutoff percentile (a
negative number for a loss).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import empyrical as ep
import numpy as np
import pandas as pd
from scipy import stats as _stats

__all__ = [
    "PerformanceInputError",
    "PerformanceStats",
    "DrawdownPeriod",
    "ANNUALIZATION",
    "check_returns",
    "align_returns",
    "returns_from_nav",
    "per_period_rate",
    "cumulative_returns",
    "equity_curve",
    "total_return",
    "cagr",
    "annual_volatility",
    "sharpe_ratio",
    "sortino_ratio",
    "calmar_ratio",
    "drawdown_series",
    "max_drawdown",
    "max_drawdown_duration",
    "drawdown_periods",
    "alpha",
    "beta",
    "alpha_beta",
    "information_ratio",
    "tracking_error",
    "value_at_risk",
    "conditional_value_at_risk",
    "tail_ratio",
    "hit_rate",
    "profit_factor",
    "average_win",
    "average_loss",
    "skewness",
    "kurtosis",
    "turnover",
    "weights_turnover",
    "monthly_returns",
    "annual_returns",
    "rolling_sharpe",
    "rolling_volatility",
    "rolling_sortino",
    "rolling_beta",
    "performance_stats",
]

ANNUALIZATION = 252


class PerformanceInputError(ValueError):
    """Input a statistic cannot be computed from; the message names the problem."""


# --- input --------------------------------------------------------------------------------


def check_returns(returns: Any, name: str = "returns", *, min_length: int = 1) -> pd.Series:
    """`returns` as a float Series, or `PerformanceInputError` naming what is wrong: not a
    1-D sequence of numbers, fewer than `min_length` values, NaN or infinite values."""
    if returns is None:
        raise PerformanceInputError(f"{name}: no series given")
    if isinstance(returns, pd.DataFrame):
        if returns.shape[1] != 1:
            raise PerformanceInputError(
                f"{name}: expected one series, got a table of {returns.shape[1]} columns"
            )
        returns = returns.iloc[:, 0]
    if not isinstance(returns, pd.Series):
        arr = np.asarray(returns)
        if arr.ndim != 1:
            raise PerformanceInputError(f"{name}: expected a 1-D series, got shape {arr.shape}")
        returns = pd.Series(arr)
    try:
        s = returns.astype("float64")
    except (TypeError, ValueError) as exc:
        raise PerformanceInputError(f"{name}: values are not numbers ({exc})") from None
    if len(s) < min_length:
        if len(s) == 0:
            raise PerformanceInputError(f"{name}: the series is empty")
        raise PerformanceInputError(
            f"{name}: {len(s)} value(s), at least {min_length} needed"
        )
    values = s.to_numpy()
    bad = ~np.isfinite(values)
    if bad.any():
        n_nan = int(np.isnan(values).sum())
        n_inf = int(bad.sum()) - n_nan
        first = s.index[int(np.argmax(bad))]
        what = ", ".join(
            p for p in (f"{n_nan} NaN" if n_nan else "", f"{n_inf} infinite" if n_inf else "") if p
        )
        raise PerformanceInputError(f"{name}: {what} value(s), the first at {first}")
    if isinstance(s.index, pd.DatetimeIndex) and not s.index.is_monotonic_increasing:
        raise PerformanceInputError(f"{name}: the index is not in time order")
    return s


def align_returns(
    returns: Any, benchmark: Any, *, min_length: int = 2
) -> tuple[pd.Series, pd.Series]:
    """Both series checked and restricted to their common index (the benchmark's periods the
    strategy has, and back); `PerformanceInputError` when fewer than `min_length` overlap."""
    r = check_returns(returns, "returns")
    b = check_returns(benchmark, "benchmark")
    if not isinstance(benchmark, pd.Series) and len(b) == len(r):
        b.index = r.index
    common = r.index.intersection(b.index)
    if len(common) < min_length:
        raise PerformanceInputError(
            f"benchmark: {len(common)} period(s) in common with the returns, "
            f"at least {min_length} needed"
        )
    return r.loc[common], b.loc[common]


def returns_from_nav(nav: Any, name: str = "nav") -> pd.Series:
    """Simple returns of a NAV (or price) series: ``nav_t / nav_t-1 - 1``, one fewer value.
    NAVs must be finite and positive."""
    s = check_returns(nav, name, min_length=2)
    if (s <= 0).any():
        first = s.index[int(np.argmax((s <= 0).to_numpy()))]
        raise PerformanceInputError(f"{name}: values must be positive (not at {first})")
    return s.pct_change().iloc[1:]


def per_period_rate(annual_rate: float, annualization: int = ANNUALIZATION) -> float:
    """An annual rate as the equivalent compounded per-period rate."""
    if not math.isfinite(annual_rate) or annual_rate <= -1:
        raise PerformanceInputError(f"risk_free_rate: {annual_rate} is not a usable annual rate")
    return (1.0 + annual_rate) ** (1.0 / annualization) - 1.0


# --- empyrical's metrics ------------------------------------------------------------------


def cumulative_returns(returns: Any) -> pd.Series:
    """Compounded return up to each period (0 = flat)."""
    return ep.cum_returns(check_returns(returns), starting_value=0)


def equity_curve(returns: Any, start: float = 1.0) -> pd.Series:
    """Wealth after each period starting from `start`."""
    return ep.cum_returns(check_returns(returns), starting_value=start)


def total_return(returns: Any) -> float:
    return float(ep.cum_returns_final(check_returns(returns), starting_value=0))


def cagr(returns: Any, annualization: int = ANNUALIZATION) -> float:
    return float(ep.cagr(check_returns(returns), annualization=annualization))


def annual_volatility(returns: Any, annualization: int = ANNUALIZATION) -> float:
    return float(
        ep.annual_volatility(check_returns(returns, min_length=2), annualization=annualization)
    )


def sharpe_ratio(returns: Any, risk_free: float = 0.0, annualization: int = ANNUALIZATION) -> float:
    return float(
        ep.sharpe_ratio(
            check_returns(returns, min_length=2), risk_free=risk_free, annualization=annualization
        )
    )


def sortino_ratio(
    returns: Any, required_return: float = 0.0, annualization: int = ANNUALIZATION
) -> float:
    return float(
        ep.sortino_ratio(
            check_returns(returns, min_length=2),
            required_return=required_return,
            annualization=annualization,
        )
    )


def calmar_ratio(returns: Any, annualization: int = ANNUALIZATION) -> float:
    return float(ep.calmar_ratio(check_returns(returns), annualization=annualization))


def drawdown_series(returns: Any) -> pd.Series:
    """Drawdown after each period, from the running peak of wealth (0 or negative)."""
    r = check_returns(returns)
    wealth = ep.cum_returns(r, starting_value=1.0)
    peak = np.fmax.accumulate(np.concatenate([[1.0], wealth.to_numpy()]))[1:]
    return pd.Series(wealth.to_numpy() / peak - 1.0, index=r.index)


def max_drawdown(returns: Any) -> float:
    return float(ep.max_drawdown(check_returns(returns)))


def alpha(
    returns: Any, benchmark: Any, risk_free: float = 0.0, annualization: int = ANNUALIZATION
) -> float:
    r, b = align_returns(returns, benchmark)
    return float(ep.alpha(r, b, risk_free=risk_free, annualization=annualization))


def beta(returns: Any, benchmark: Any, risk_free: float = 0.0) -> float:
    r, b = align_returns(returns, benchmark)
    return float(ep.beta(r, b, risk_free=risk_free))


def alpha_beta(
    returns: Any, benchmark: Any, risk_free: float = 0.0, annualization: int = ANNUALIZATION
) -> tuple[float, float]:
    r, b = align_returns(returns, benchmark)
    a, bt = ep.alpha_beta(r, b, risk_free=risk_free, annualization=annualization)
    return float(a), float(bt)


def value_at_risk(returns: Any, cutoff: float = 0.05) -> float:
    _check_cutoff(cutoff)
    return float(ep.value_at_risk(check_returns(returns), cutoff=cutoff))


def conditional_value_at_risk(returns: Any, cutoff: float = 0.05) -> float:
    _check_cutoff(cutoff)
    return float(ep.conditional_value_at_risk(check_returns(returns), cutoff=cutoff))


def tail_ratio(returns: Any) -> float:
    """NaN when the 5th percentile is zero (e.g. a flat series)."""
    r = check_returns(returns)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(ep.tail_ratio(r))


def rolling_sharpe(
    returns: Any, window: int = 126, risk_free: float = 0.0, annualization: int = ANNUALIZATION
) -> pd.Series:
    """Sharpe ratio over each trailing `window` periods (indexed by the window's last period;
    empty when the series is shorter than the window)."""
    r = check_returns(returns)
    _check_window(window)
    if len(r) < window:
        return pd.Series([], index=r.index[:0], dtype="float64")
    return ep.roll_sharpe_ratio(r, window, risk_free=risk_free, annualization=annualization)


def rolling_volatility(
    returns: Any, window: int = 126, annualization: int = ANNUALIZATION
) -> pd.Series:
    r = check_returns(returns)
    _check_window(window)
    if len(r) < window:
        return pd.Series([], index=r.index[:0], dtype="float64")
    return ep.roll_annual_volatility(r, window, annualization=annualization)


def rolling_sortino(
    returns: Any, window: int = 126, required_return: float = 0.0,
    annualization: int = ANNUALIZATION,
) -> pd.Series:
    r = check_returns(returns)
    _check_window(window)
    if len(r) < window:
        return pd.Series([], index=r.index[:0], dtype="float64")
    return ep.roll_sortino_ratio(r, window, required_return=required_return,
                                 annualization=annualization)


def rolling_beta(returns: Any, benchmark: Any, window: int = 126) -> pd.Series:
    r, b = align_returns(returns, benchmark)
    _check_window(window)
    if len(r) < window:
        return pd.Series([], index=r.index[:0], dtype="float64")
    return ep.roll_beta(r, b, window)


# --- our own metrics ----------------------------------------------------------------------


@dataclass(frozen=True)
class DrawdownPeriod:
    """One drawdown: wealth peaks at `peak`, bottoms at `trough` (`depth`, negative) and is back
    at the peak at `recovery` (None if not yet). When the peak is the starting wealth before
    the first return, `peak` is the first label of the series."""

    peak: Any
    trough: Any
    recovery: Any
    depth: float
    # calendar days (DatetimeIndex) or periods, from peak to recovery or to the last period
    duration: int


def _wealth_with_anchor(r: pd.Series) -> np.ndarray:
    return np.concatenate([[1.0], ep.cum_returns(r.to_numpy(), starting_value=1.0)])


def _span(index: pd.Index, start_pos: int, end_pos: int) -> int:
    """Length from position `start_pos` to `end_pos` of the wealth array (0 = the anchor just
    before index[0]): calendar days for a DatetimeIndex, otherwise periods."""
    if isinstance(index, pd.DatetimeIndex):
        a = index[max(start_pos - 1, 0)]
        b = index[max(end_pos - 1, 0)]
        return int((b - a) / pd.Timedelta(days=1))
    return int(end_pos - start_pos)


def _label(index: pd.Index, pos: int) -> Any:
    return index[max(pos - 1, 0)]


def drawdown_periods(returns: Any, top: int = 5) -> list[DrawdownPeriod]:
    """The `top` deepest drawdowns, each a separate peak-to-recovery episode, deepest first."""
    r = check_returns(returns)
    if top < 1:
        raise PerformanceInputError(f"top: {top} must be at least 1")
    wealth = _wealth_with_anchor(r)
    peak = np.fmax.accumulate(wealth)
    dd = wealth / peak - 1.0
    episodes: list[DrawdownPeriod] = []
    n = len(wealth)
    i = 1
    while i < n:
        if dd[i] < 0:
            start = i - 1  # the peak is the last point at the running max
            while start > 0 and wealth[start] < peak[i]:
                start -= 1
            j = i
            while j < n and dd[j] < 0:
                j += 1
            trough = i + int(np.argmin(dd[i:j]))
            recovered = j < n
            end = j if recovered else n - 1
            episodes.append(
                DrawdownPeriod(
                    peak=_label(r.index, start),
                    trough=_label(r.index, trough),
                    recovery=_label(r.index, j) if recovered else None,
                    depth=float(dd[trough]),
                    duration=_span(r.index, start, end),
                )
            )
            i = j
        else:
            i += 1
    episodes.sort(key=lambda e: e.depth)
    return episodes[:top]


def max_drawdown_duration(returns: Any) -> int:
    """Length of the maximum drawdown, peak to recovery (or to the last observation if not
    recovered): calendar days for a DatetimeIndex, periods otherwise; 0 without a drawdown."""
    worst = drawdown_periods(returns, top=1)
    return worst[0].duration if worst else 0


def tracking_error(
    returns: Any, benchmark: Any, annualization: int = ANNUALIZATION
) -> float:
    r, b = align_returns(returns, benchmark)
    active = (r - b).to_numpy()
    return float(np.std(active, ddof=1) * math.sqrt(annualization))


def information_ratio(
    returns: Any, benchmark: Any, annualization: int = ANNUALIZATION
) -> float:
    """Annualised mean active return / annualised tracking error (NaN if the active return
    does not vary)."""
    r, b = align_returns(returns, benchmark)
    active = (r - b).to_numpy()
    sd = float(np.std(active, ddof=1))
    if np.ptp(active) == 0.0 or not math.isfinite(sd):
        return math.nan
    return float(np.mean(active) / sd * math.sqrt(annualization))


def hit_rate(returns: Any) -> float:
    """Share of winning periods among periods with a non-zero return (NaN if all are zero)."""
    v = check_returns(returns).to_numpy()
    moved = np.count_nonzero(v)
    return float(np.count_nonzero(v > 0) / moved) if moved else math.nan


def profit_factor(returns: Any) -> float:
    """Sum of gains / |sum of losses| (inf with gains and no loss, NaN with neither)."""
    v = check_returns(returns).to_numpy()
    gains = float(v[v > 0].sum())
    losses = float(-v[v < 0].sum())
    if losses == 0.0:
        return math.inf if gains > 0 else math.nan
    return gains / losses


def average_win(returns: Any) -> float:
    v = check_returns(returns).to_numpy()
    w = v[v > 0]
    return float(w.mean()) if len(w) else math.nan


def average_loss(returns: Any) -> float:
    v = check_returns(returns).to_numpy()
    w = v[v < 0]
    return float(w.mean()) if len(w) else math.nan


def skewness(returns: Any) -> float:
    v = check_returns(returns, min_length=3).to_numpy()
    return float(_stats.skew(v)) if np.ptp(v) > 0 else math.nan


def kurtosis(returns: Any) -> float:
    v = check_returns(returns, min_length=4).to_numpy()
    return float(_stats.kurtosis(v)) if np.ptp(v) > 0 else math.nan


def turnover(traded_notional: Any, gross_book: Any) -> pd.Series:
    """Daily turnover: the absolute notional traded in each period divided by the average of
    the gross book (sum of |position values|) at that period's and the previous period's end;
    the first period uses its own book. Periods with an empty book have zero turnover."""
    traded = check_returns(traded_notional, "traded_notional")
    book = check_returns(gross_book, "gross_book")
    if (traded < 0).any():
        raise PerformanceInputError("traded_notional: values must be absolute (not negative)")
    if (book < 0).any():
        raise PerformanceInputError("gross_book: values must not be negative")
    traded, book = traded.align(book, join="inner")
    if len(traded) == 0:
        raise PerformanceInputError("traded_notional: no period in common with gross_book")
    agb = book.rolling(2, min_periods=1).mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(agb.to_numpy() > 0, traded.to_numpy() / agb.to_numpy(), 0.0)
    return pd.Series(out, index=traded.index, name="turnover")


def weights_turnover(weights: pd.DataFrame) -> pd.Series:
    """One-way turnover of portfolio weights per period: ``0.5 * sum_i |w_t - w_t-1|``, with
    the first row compared against an empty portfolio. Missing weights are zero."""
    if not isinstance(weights, pd.DataFrame) or weights.empty:
        raise PerformanceInputError("weights: expected a non-empty table (periods x assets)")
    w = weights.astype("float64").fillna(0.0)
    if not np.isfinite(w.to_numpy()).all():
        raise PerformanceInputError("weights: infinite values")
    diff = w.diff()
    diff.iloc[0] = w.iloc[0]
    return 0.5 * diff.abs().sum(axis=1)


def monthly_returns(returns: Any) -> pd.DataFrame:
    """Compounded return per calendar month as a table (rows = years, columns = months 1-12),
    empyrical's ``aggregate_returns(..., 'monthly')``. Needs a DatetimeIndex."""
    r = _dated(returns)
    agg = ep.aggregate_returns(r, "monthly")
    table = agg.unstack()
    table = table.reindex(columns=range(1, 13))
    table.index.name, table.columns.name = "year", "month"
    return table


def annual_returns(returns: Any) -> pd.Series:
    r = _dated(returns)
    return ep.aggregate_returns(r, "yearly")


def _dated(returns: Any) -> pd.Series:
    r = check_returns(returns)
    if not isinstance(r.index, pd.DatetimeIndex):
        raise PerformanceInputError("returns: calendar aggregation needs a DatetimeIndex")
    return r


def _check_cutoff(cutoff: float) -> None:
    if not 0 < cutoff < 1:
        raise PerformanceInputError(f"cutoff: {cutoff} must be between 0 and 1")


def _check_window(window: int) -> None:
    if window < 2:
        raise PerformanceInputError(f"window: {window} periods, at least 2 needed")


# --- everything at once -------------------------------------------------------------------


@dataclass(frozen=True)
class PerformanceStats:
    """The statistics of one return series (NaN where a statistic is undefined, e.g. alpha
    without a benchmark or a Sharpe ratio of one observation)."""

    start: Any
    end: Any
    periods: int
    total_return: float
    cagr: float
    annual_volatility: float
    sharpe_ratio: float
    sortino_ratio: float
    calmar_ratio: float
    max_drawdown: float
    max_drawdown_duration: int
    alpha: float
    beta: float
    information_ratio: float
    tracking_error: float
    value_at_risk: float
    conditional_value_at_risk: float
    tail_ratio: float
    hit_rate: float
    profit_factor: float
    average_win: float
    average_loss: float
    skewness: float
    kurtosis: float
    turnover: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def performance_stats(
    returns: Any,
    benchmark: Any = None,
    *,
    risk_free_rate: float = 0.0,
    annualization: int = ANNUALIZATION,
    var_cutoff: float = 0.05,
    turnover_series: Iterable[float] | pd.Series | None = None,
) -> PerformanceStats:
    """All statistics of `returns` (checked: `PerformanceInputError` on bad input).
    `risk_free_rate` is annual; `turnover_series` (e.g. from `turnover`) is reported as its
    annualised mean."""
    r = check_returns(returns)
    rf = per_period_rate(risk_free_rate, annualization)
    n = len(r)
    nan = math.nan
    a = bt = ir = te = nan
    if benchmark is not None:
        a, bt = alpha_beta(r, benchmark, risk_free=rf, annualization=annualization)
        ir = information_ratio(r, benchmark, annualization)
        te = tracking_error(r, benchmark, annualization)
    to = nan
    if turnover_series is not None:
        t = check_returns(turnover_series, "turnover")
        to = float(t.mean() * annualization)
    return PerformanceStats(
        start=r.index[0],
        end=r.index[-1],
        periods=n,
        total_return=total_return(r),
        cagr=cagr(r, annualization),
        annual_volatility=annual_volatility(r, annualization) if n >= 2 else nan,
        sharpe_ratio=sharpe_ratio(r, rf, annualization) if n >= 2 else nan,
        sortino_ratio=sortino_ratio(r, rf, annualization) if n >= 2 else nan,
        calmar_ratio=calmar_ratio(r, annualization),
        max_drawdown=max_drawdown(r),
        max_drawdown_duration=max_drawdown_duration(r),
        alpha=a,
        beta=bt,
        information_ratio=ir,
        tracking_error=te,
        value_at_risk=value_at_risk(r, var_cutoff),
        conditional_value_at_risk=conditional_value_at_risk(r, var_cutoff),
        tail_ratio=tail_ratio(r),
        hit_rate=hit_rate(r),
        profit_factor=profit_factor(r),
        average_win=average_win(r),
        average_loss=average_loss(r),
        skewness=skewness(r) if n >= 3 else nan,
        kurtosis=kurtosis(r) if n >= 4 else nan,
        turnover=to,
    )
