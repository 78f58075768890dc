"""Signal-engine indicator throughput: streaming EMA and RSI (hand-written, numba-compiled
kernels) beside TA-Lib's batch functions on the same data, in the same run.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/signal_engine.py [--n N]

Figures (nothing is asserted; the goal is >= 1,000,000 streaming updates per second on one
core):
  block     `stream.update_many(block)`: a block of bars per call (replay, backtest, many
            ticks buffered); the state carries across blocks, values equal the batch call
  per-bar   `stream.update(x)`: one Python call per bar (live use); the cost is the Python
            call and numba dispatch, not the arithmetic
  generic   the windowed TA-Lib adapter for a function without a hand-written stream
  batch     `talib.EMA/RSI(whole array)`: the C library over the whole series at once
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import talib
from omni_quant.indicators import stream


def rate(n: int, fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(n / (time.perf_counter() - t0))
    return out


def fmt(rates: list[float]) -> str:
    return f"best {max(rates):>14,.0f}/s   runs " + ", ".join(f"{r:,.0f}" for r in rates)


def bench_one(name: str, params: dict, x: np.ndarray, args: argparse.Namespace) -> None:
    print(f"{name}{params}")
    fn = getattr(talib, name)
    rates = rate(args.n, lambda: fn(x, **params), args.repeat)
    print(f"  batch   talib whole array          {fmt(rates)}")
    for block in (args.n, 10_000, 1_000, 100):
        def run_blocks(block: int = block) -> None:
            s = stream(name, params)
            for lo in range(0, args.n, block):
                s.update_many(x[lo: lo + block])
        label = f"block of {block:,}"
        print(f"  stream  {label:<26} {fmt(rate(args.n, run_blocks, args.repeat))}")
    m = args.per_bar
    vals = x[:m].tolist()

    def per_bar() -> None:
        s = stream(name, params)
        u = s.update
        for v in vals:
            u(v)
    print(f"  stream  per-bar update()          {fmt(rate(m, per_bar, args.repeat))}")
    got = stream(name, params).update_many(x)["real"]
    want = fn(x, **params)
    same = bool((np.isnan(want) == np.isnan(got)).all())
    err = np.nanmax(np.abs(got - want) / np.maximum(1, np.abs(want)))
    print(f"  check   stream == batch over the series: NaN pattern "
          f"{'same' if same else 'DIFFERENT'}, max rel err {err:.1e}\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2_000_000, help="bars in the series")
    ap.add_argument("--per-bar", type=int, default=200_000, help="bars for the per-bar figure")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    x = 100 * np.exp(np.cumsum(rng.normal(0, 0.001, args.n)))

    # compile (numba caches to disk; the first run of a fresh checkout compiles)
    t0 = time.perf_counter()
    for name in ("EMA", "RSI"):
        stream(name).update_many(x[:100])
        stream(name).update(1.0)
    print(f"warm-up/compile {time.perf_counter() - t0:.2f} s; series of {args.n:,} bars\n")

    for name, params in (("EMA", {"timeperiod": 20}), ("RSI", {"timeperiod": 14})):
        bench_one(name, params, x, args)

    m = 5_000
    for name in ("KAMA", "ADX", "CORREL"):
        s = stream(name, generic=True)
        ins = {"KAMA": (x,), "ADX": (x * 1.001, x * 0.999, x), "CORREL": (x * 1.001, x)}[name]
        s.update_many(*[a[:2_000] for a in ins])
        cols = [a[2_000: 2_000 + m].tolist() for a in ins]
        rows = list(zip(*cols, strict=True))

        def gen(s=s, rows=rows):
            for r in rows:
                s.update(*r)
        print(f"generic {name:<7} window {s.window:>5} update()   {fmt(rate(m, gen, 1))}")


if __name__ == "__main__":
    main()
