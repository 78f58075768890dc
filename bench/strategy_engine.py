"""Strategy-engine figures (printed, never asserted):

* event-driven backtest on the live code path (StrategyRunner + risk-engine check engine +
  order-manager state machine + matching engine) of a 10/30 moving-average crossover over
  100,000 daily bars: bars per second, by wall clock and by process CPU time (the CPU figure is
  the one to compare when the machine is shared), best of a few runs;
* the same trades and P&L computed independently with numpy (integer-cent SMAs, fills at the
  next open at the touch, fees in Decimal): both printed, and whether they are identical;
* vectorised research mode: a grid of crossover parameters over the same 100,000 bars,
  bar-evaluations per second (bars x parameter sets / time);
* parameter search in 2 worker processes (event-driven trials): trials per second.

Reference points measured elsewhere for the event-driven crossover: backtrader ~10,000 bars/s,
NautilusTrader ~15,000 bars/s.

Run: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/strategy_engine.py
"""

from __future__ import annotations

import math
import os
import time
from decimal import Decimal

import numpy as np
from svc_strategy_engine.backtest import run_backtest
from svc_strategy_engine.data import synthetic_gbm
from svc_strategy_engine.optimize import grid_params, optimize
from svc_strategy_engine.vector import sweep
from svc_strategy_engine.venue import RISK_AVAILABLE, FillModel

N = 100_000
FAST, SLOW, QTY = 10, 30, 100.0
FEE_BPS, SPREAD_BPS, SLIP_BPS = 1.0, 4.0, 1.0


def numpy_crossover(o: np.ndarray, c: np.ndarray) -> tuple[list[tuple], Decimal, Decimal]:
    """Independent: SMAs from integer-cent cumulative sums, decision at close t, trade at
    open t+1 at the touch (open +/- half spread + slippage, rounded outward to the cent)."""
    half = SPREAD_BPS / 2 + SLIP_BPS
    ci = np.rint(c * 100).astype(np.int64)
    cs = np.concatenate([[0], np.cumsum(ci)])
    n = len(c)
    want = np.zeros(n)
    t = np.arange(SLOW - 1, n)
    fs = cs[t + 1] - cs[t + 1 - FAST]
    ss = cs[t + 1] - cs[t + 1 - SLOW]
    want[t] = np.where(fs * SLOW > ss * FAST, QTY, 0.0)  # exact, in integer cents
    change = np.flatnonzero(np.diff(np.concatenate([[0.0], want])))
    change = change[change + 1 < n]
    trades: list[tuple] = []
    held = 0.0
    cash = Decimal(0)
    fees = Decimal(0)
    rate = Decimal(repr(FEE_BPS)) / Decimal(10_000)
    for i in change.tolist():
        d = float(want[i] - held)
        j = i + 1
        op = float(o[j])
        if d > 0:
            px = round(math.ceil(op * (1 + half / 1e4) / 0.01 - 1e-9) * 0.01, 2)
        else:
            px = round(math.floor(op * (1 - half / 1e4) / 0.01 + 1e-9) * 0.01, 2)
        fee = (Decimal(repr(px)) * Decimal(repr(abs(d))) * rate).quantize(Decimal("1e-8"))
        cash -= Decimal(repr(d)) * Decimal(repr(px)) + fee
        fees += fee
        held = float(want[i])
        trades.append((j, d, px))
    pnl = cash + Decimal(repr(held)) * Decimal(repr(float(c[-1])))
    return trades, pnl.quantize(Decimal("1e-8")), fees


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; risk-engine "
          f"check engine {'in the path' if RISK_AVAILABLE else 'NOT importable'}")
    md = synthetic_gbm(N, seed=3)
    s = md.series["SYN"]
    fill = FillModel(fee_bps=FEE_BPS, spread_bps=SPREAD_BPS, slippage_bps=SLIP_BPS)
    params = {"fast": FAST, "slow": SLOW, "quantity": QTY}
    best_wall = best_cpu = math.inf
    r = None
    for _ in range(3):
        w0, c0 = time.perf_counter(), time.process_time()
        r = run_backtest("sma_crossover", md, params, capital=1e7, fill=fill)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    assert r is not None
    print(f"\nevent-driven 10/30 crossover, {N:,} daily bars, {r.orders:,} orders, "
          f"{len(r.fills):,} fills (whole run_backtest call, best of 3)")
    print(f"  wall  {best_wall:.3f} s  -> {N / best_wall:>10,.0f} bars/s")
    print(f"  CPU   {best_cpu:.3f} s  -> {N / best_cpu:>10,.0f} bars/s")
    print(f"  bar loop only (last run): {r.bars_per_second:,.0f} bars/s")

    t0 = time.perf_counter()
    trades, pnl, fees = numpy_crossover(s.open, s.close)
    tn = time.perf_counter() - t0
    got = [(f["bar"], f["quantity"] if f["side"] == "BUY" else -f["quantity"], f["price"])
           for f in r.fills]
    same = got == trades
    print(f"\nnumpy cross-check ({tn * 1e3:.0f} ms): {len(trades):,} trades")
    print(f"  trades identical: {same}")
    print(f"  net P&L  engine {r.net_pnl}   numpy {pnl}   identical: {r.net_pnl == pnl}")
    print(f"  fees     engine {r.fees}   numpy {fees}   identical: {r.fees == fees}")
    if not same:
        k = next(i for i, (a, b) in enumerate(zip(got, trades, strict=False)) if a != b)
        print(f"  first difference at trade {k}: engine {got[k]} numpy {trades[k]}")

    grid = grid_params("sma_crossover", {"fast": [5, 8, 10, 12, 15, 20, 25, 30],
                                         "slow": [40, 50, 60, 80, 100, 150, 200, 250]})
    best = math.inf
    for _ in range(3):
        t0 = time.perf_counter()
        sweep("sma_crossover", s, grid, cost_bps=4.0)
        best = min(best, time.perf_counter() - t0)
    evals = len(grid) * N
    print(f"\nvectorised sweep: {len(grid)} parameter sets x {N:,} bars = {evals:,} "
          f"bar-evaluations in {best:.3f} s -> {evals / best:,.0f} bar-evaluations/s")

    small = md.slice(0, 20_000)
    space = {"fast": [5, 10, 15, 20], "slow": [40, 60, 80, 120]}
    t0 = time.perf_counter()
    res = optimize("sma_crossover", small, space, workers=2, fill=fill, capital=1e7)
    dt = time.perf_counter() - t0
    print(f"\ngrid search, event-driven trials in 2 processes: {len(res['trials'])} trials x "
          f"20,000 bars in {dt:.2f} s -> {len(res['trials']) / dt:.1f} trials/s "
          f"({len(res['trials']) * 20_000 / dt:,.0f} bars/s across workers); best "
          f"{res['best']['params']} Sharpe {res['best']['objective']:.2f}")


if __name__ == "__main__":
    main()
