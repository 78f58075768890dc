"""Portfolio-manager figures (printed, never asserted):

* mean-variance, 500 assets: `omni_quant.optimize.mean_variance` (minimum variance and maximum
  Sharpe, long-only, 0..5% bounds) beside the same problem written directly in cvxpy
  (cp.quad_form on the covariance, Clarabel) in the same run, with the largest weight
  difference;
* hierarchical risk parity, 500 assets: `omni_quant.optimize.hrp` beside PyPortfolioOpt's
  `HRPOpt` (the library implementation) in the same run, with the largest weight difference;
* equal risk contribution, 500 assets, and its largest deviation from equal contributions;
* booking fills: fills per second through the pure accounting `Book`.

Targets: mean-variance <= 0.3 s, HRP <= 1 s (median of the repeats).

Run: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/portfolio.py
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from decimal import Decimal

import cvxpy as cp
import numpy as np
import pandas as pd
from omni_quant import optimize as o


def data(n: int = 500, t: int = 1000, seed: int = 11) -> tuple[pd.Series, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    f = rng.normal(0, 0.01, (t, 8))
    b = rng.normal(0.3, 0.6, (n, 8))
    r = f @ b.T + rng.normal(0, 0.015, (t, n)) + rng.uniform(0.0, 0.0008, n)
    names = [f"S{i:03d}" for i in range(n)]
    ret = pd.DataFrame(r, columns=names)
    return ret.mean() * 252, ret.cov() * 252


def timed(fn, repeats: int = 5):  # type: ignore[no-untyped-def]
    out, times = None, []
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times), min(times)


def direct_min_variance(cov: pd.DataFrame, hi: float) -> np.ndarray:
    w = cp.Variable(len(cov))
    p = cp.Problem(
        cp.Minimize(cp.quad_form(w, cp.psd_wrap(cov.to_numpy()))), [cp.sum(w) == 1, w >= 0, w <= hi]
    )
    p.solve(solver=cp.CLARABEL)
    return np.asarray(w.value)


def direct_max_sharpe(mu: pd.Series, cov: pd.DataFrame, hi: float, rf: float) -> np.ndarray:
    y = cp.Variable(len(cov))
    k = cp.Variable(nonneg=True)
    p = cp.Problem(
        cp.Minimize(cp.quad_form(y, cp.psd_wrap(cov.to_numpy()))),
        [(mu.to_numpy() - rf) @ y == 1, cp.sum(y) == k, y >= 0, y <= hi * k],
    )
    p.solve(solver=cp.CLARABEL)
    return np.asarray(y.value) / float(k.value)


def main() -> None:
    mu, cov = data()
    n = len(cov)
    hi = 0.05
    c = o.Constraints(max_weight=hi)
    print(f"portfolio optimisation, {n} assets, long-only, weights in [0, {hi}]")

    res, med, best = timed(lambda: o.mean_variance(None, cov, "min_variance", constraints=c))
    ref, rmed, rbest = timed(lambda: direct_min_variance(cov, hi))
    print(
        f"  min variance   omni_quant {med * 1e3:7.1f} ms (best {best * 1e3:.1f}) | direct "
        f"cvxpy {rmed * 1e3:7.1f} ms | max |dw| {np.abs(res.weights.to_numpy() - ref).max():.2e}"
        f" | vol {res.volatility:.4f}"
    )
    rf = 0.02
    res, med, best = timed(
        lambda: o.mean_variance(mu, cov, "max_sharpe", risk_free_rate=rf, constraints=c)
    )
    ref, rmed, rbest = timed(lambda: direct_max_sharpe(mu, cov, hi, rf))
    print(
        f"  max Sharpe     omni_quant {med * 1e3:7.1f} ms (best {best * 1e3:.1f}) | direct "
        f"cvxpy {rmed * 1e3:7.1f} ms | max |dw| {np.abs(res.weights.to_numpy() - ref).max():.2e}"
        f" | Sharpe {res.sharpe:.3f}"
    )

    from pypfopt.hierarchical_portfolio import HRPOpt

    res, med, best = timed(lambda: o.hrp(cov, "single"))
    lib, lmed, _ = timed(lambda: pd.Series(HRPOpt(cov_matrix=cov).optimize("single")), 2)
    diff = np.abs(res.weights - lib.reindex(res.weights.index)).max()
    print(
        f"  HRP (single)   omni_quant {med * 1e3:7.1f} ms (best {best * 1e3:.1f}) | "
        f"PyPortfolioOpt HRPOpt {lmed * 1e3:7.1f} ms | max |dw| {diff:.2e}"
    )

    res, med, best = timed(lambda: o.risk_parity(cov), 3)
    rc = res.risk_contributions.to_numpy()
    print(
        f"  ERC            omni_quant {med * 1e3:7.1f} ms (best {best * 1e3:.1f}) | "
        f"max |rc - 1/n| {np.abs(rc - 1 / n).max():.2e}"
    )

    from svc_portfolio_manager.accounting import Book, Fill, Side

    book = Book()
    rng = np.random.default_rng(1)
    at = datetime(2026, 1, 5, tzinfo=UTC)
    fills = [
        Fill(
            f"f{i}",
            f"acc-{i % 10}",
            f"I{rng.integers(50)}",
            Side.BUY if rng.random() < 0.55 else Side.SELL,
            Decimal(int(rng.integers(1, 100))),
            Decimal(f"{100 + rng.normal():.2f}"),
            Decimal("0.35"),
            at,
        )
        for i in range(20000)
    ]
    t = time.perf_counter()
    for f in fills:
        book.apply_fill(f)
        book.drain_changes()
    dt = time.perf_counter() - t
    print(
        f"  accounting     {len(fills) / dt:,.0f} fills/s through the pure Book "
        "(10 accounts, 50 instruments, FIFO)"
    )


if __name__ == "__main__":
    main()
