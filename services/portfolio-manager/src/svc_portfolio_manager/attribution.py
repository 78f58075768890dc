"""Performance attribution. Pure: no I/O.

- Brinson-Fachler: per segment s with portfolio / benchmark weights Wp, Wb and returns rp,
  rb, and benchmark total Rb: allocation (Wp - Wb)(rb - Rb), selection Wb(rp - rb),
  interaction (Wp - Wb)(rp - rb). With weights summing to one on both sides the three
  effects sum to the active return Rp - Rb exactly; a portfolio not fully invested gets a
  "cash" segment (return 0) for the rest.
- Factor attribution: OLS (statsmodels) of the portfolio's periodic returns on factor
  returns, rp_t = α + Σ β_k f_kt + ε_t; a factor's contribution over the period is
  β_k Σ_t f_kt and the residual is what the factors leave unexplained (αT). Factors are the
  caller's, or the Fama-French three (market, size, value) shipped with `arch`
  (`arch.data.frenchdata`: monthly, 1926-07..2018-11, in percent), against which the
  portfolio's excess return over the risk-free rate is regressed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from omni_core.errors import InvalidArgument

__all__ = [
    "Segment",
    "BrinsonResult",
    "brinson_fachler",
    "FactorResult",
    "factor_attribution",
    "fama_french",
    "FF_NAMES",
]

FF_NAMES = {"market": "Mkt-RF", "size": "SMB", "value": "HML"}


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    portfolio_weight: float
    benchmark_weight: float
    portfolio_return: float
    benchmark_return: float
    allocation: float
    selection: float
    interaction: float


@dataclass(frozen=True, slots=True)
class BrinsonResult:
    portfolio_return: float
    benchmark_return: float
    active_return: float
    segments: list[Segment]


def brinson_fachler(
    portfolio: Mapping[str, float],
    benchmark: Mapping[str, float],
    returns: Mapping[str, float],
    segments: Mapping[str, str],
) -> BrinsonResult:
    if not benchmark:
        raise InvalidArgument("benchmark weights are empty")
    if not portfolio:
        raise InvalidArgument("portfolio weights are empty")
    names = set(portfolio) | set(benchmark)
    missing = sorted(i for i in names if i not in returns)
    if missing:
        raise InvalidArgument(f"no return for {missing[:10]}")
    unsegmented = sorted(i for i in names if i not in segments)
    if unsegmented:
        raise InvalidArgument(f"no segment for {unsegmented[:10]}")
    for label, w in (("portfolio", portfolio), ("benchmark", benchmark)):
        if any(not math.isfinite(v) for v in w.values()):
            raise InvalidArgument(f"{label} weights contain non-finite values")
    pw, bw = dict(portfolio), dict(benchmark)
    seg = dict(segments)
    rets = dict(returns)
    for label, w in (("portfolio", pw), ("benchmark", bw)):
        total = sum(w.values())
        if abs(total - 1) > 1e-9:
            if total > 1 + 1e-9:
                raise InvalidArgument(f"{label} weights sum to {total:.6g} > 1")
            w["__cash__"] = 1 - total
            seg["__cash__"] = "cash"
            rets["__cash__"] = 0.0
    rp_total = sum(w * rets[i] for i, w in pw.items())
    rb_total = sum(w * rets[i] for i, w in bw.items())
    out = []
    for s in sorted(set(seg[i] for i in set(pw) | set(bw))):
        wp = sum(w for i, w in pw.items() if seg[i] == s)
        wb = sum(w for i, w in bw.items() if seg[i] == s)
        rb = sum(w * rets[i] for i, w in bw.items() if seg[i] == s) / wb if wb else rb_total
        rp = sum(w * rets[i] for i, w in pw.items() if seg[i] == s) / wp if wp else rb
        out.append(
            Segment(
                s,
                wp,
                wb,
                rp,
                rb,
                (wp - wb) * (rb - rb_total),
                wb * (rp - rb),
                (wp - wb) * (rp - rb),
            )
        )
    return BrinsonResult(rp_total, rb_total, rp_total - rb_total, out)


@dataclass(frozen=True, slots=True)
class FactorResult:
    portfolio_return: float
    alpha: float
    r_squared: float
    exposures: dict[str, float]
    contributions: dict[str, float]
    residual: float
    source: str


def fama_french() -> pd.DataFrame:
    """The Fama-French 3 factors and RF from `arch.data.frenchdata`, as fractions, indexed
    by "YYYYMM"."""
    from pathlib import Path

    from arch.data import frenchdata

    df = pd.read_csv(
        Path(frenchdata.__file__).with_name("frenchdata.csv.gz"), dtype={"Date": str}
    ).set_index("Date")
    cols = [c for c in ("Mkt-RF", "SMB", "HML", "RF") if c in df.columns]
    return df[cols].astype(float) / 100.0


def factor_attribution(
    portfolio_returns: Sequence[float],
    factor_returns: Mapping[str, Sequence[float]] | None = None,
    *,
    factors: Sequence[str] = (),
    periods: Sequence[str] = (),
) -> FactorResult:
    import statsmodels.api as sm

    y = np.asarray(list(portfolio_returns), dtype=float)
    if y.size == 0:
        raise InvalidArgument("portfolio return series is empty")
    if not np.isfinite(y).all():
        raise InvalidArgument("portfolio returns contain NaN or infinite values")
    if factor_returns:
        source = "caller"
        names = list(factor_returns)
        x = np.column_stack([np.asarray(list(factor_returns[k]), dtype=float) for k in names])
        if x.shape[0] != y.size:
            raise InvalidArgument(
                f"factor returns have {x.shape[0]} periods, portfolio returns {y.size}"
            )
    else:
        if not periods:
            raise InvalidArgument(
                "no factor returns given: pass factor_returns, or periods (YYYYMM) to use the "
                "Fama-French factors shipped with arch"
            )
        if len(periods) != y.size:
            raise InvalidArgument(f"{len(periods)} periods for {y.size} portfolio returns")
        ff = fama_french()
        wanted = list(factors) or list(FF_NAMES)
        unknown = [f for f in wanted if f not in FF_NAMES]
        if unknown:
            raise InvalidArgument(
                f"factors {unknown} are not in the shipped Fama-French set {sorted(FF_NAMES)}"
            )
        absent = [p for p in periods if p not in ff.index]
        if absent:
            raise InvalidArgument(
                f"periods outside the Fama-French data (1926-07..2018-11): {absent[:5]}"
            )
        sub = ff.loc[list(periods)]
        names = wanted
        x = sub[[FF_NAMES[f] for f in wanted]].to_numpy()
        y = y - sub["RF"].to_numpy()
        source = "fama-french (arch.data.frenchdata)"
    if not np.isfinite(x).all():
        raise InvalidArgument("factor returns contain NaN or infinite values")
    k = x.shape[1]
    if y.size <= k + 1:
        raise InvalidArgument(f"{y.size} periods are too few for {k} factors and an intercept")
    if np.linalg.matrix_rank(np.column_stack([np.ones(y.size), x])) < k + 1:
        raise InvalidArgument(
            "factor returns are collinear (or constant): the regression is not identified"
        )
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    beta = fit.params[1:]
    contrib = {
        n: float(b * x[:, j].sum()) for j, (n, b) in enumerate(zip(names, beta, strict=True))
    }
    total = float(y.sum())
    return FactorResult(
        total,
        float(fit.params[0]),
        float(fit.rsquared),
        {n: float(b) for n, b in zip(names, beta, strict=True)},
        contrib,
        total - sum(contrib.values()),
        source,
    )
