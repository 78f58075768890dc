"""Seeded OHLCV series shared by the indicator tests."""

from __future__ import annotations

import numpy as np


def ohlcv(n: int = 1500, seed: int = 42) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    c = 100.0 * np.exp(np.cumsum(rng.normal(0.0, 0.01, n)))
    o = c * (1 + rng.normal(0.0, 0.003, n))
    h = np.maximum(o, c) * (1 + np.abs(rng.normal(0.0, 0.004, n)))
    lo = np.minimum(o, c) * (1 - np.abs(rng.normal(0.0, 0.004, n)))
    v = rng.uniform(1e3, 1e5, n).round()
    periods = rng.integers(2, 30, n).astype(np.float64)
    return {"open": o, "high": h, "low": lo, "close": c, "volume": v, "periods": periods}
