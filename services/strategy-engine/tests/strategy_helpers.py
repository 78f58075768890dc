"""Shared data builders for the strategy-engine tests."""

from __future__ import annotations

import numpy as np
from svc_strategy_engine.data import BarSeries, MarketData

NS = 1_000_000_000
DAY = 86_400 * NS
T0 = 1_600_000_000 * NS


def bars_from_closes(closes, instrument: str = "TST", *, volume: float = 1e9,
                     opens=None, spread: float = 0.0, tick: float = 0.01) -> MarketData:
    c = np.round(np.asarray(closes, dtype=float), 2)
    o = np.round(np.asarray(opens, dtype=float), 2) if opens is not None else np.concatenate(
        [[c[0]], c[:-1]])
    hi = np.maximum(o, c) + spread
    lo = np.minimum(o, c) - spread
    ts = T0 + np.arange(1, len(c) + 1, dtype=np.int64) * DAY
    s = BarSeries(instrument, ts, o, hi, lo, c, np.full(len(c), volume), tick)
    return MarketData({instrument: s}, "1d", "test")


def multi(series: dict[str, np.ndarray], volume: float = 1e9) -> MarketData:
    out = {}
    for k, c in series.items():
        out[k] = bars_from_closes(c, k, volume=volume).series[k]
    return MarketData(out, "1d", "test")


def random_walk(n: int, seed: int = 0, s0: float = 100.0, vol: float = 0.01) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return s0 * np.exp(np.cumsum(rng.normal(0, vol, n)))
