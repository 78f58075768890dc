"""Bar data for backtests: real histories shipped in the ``arch`` package (S&P 500, NASDAQ,
WTI, VIX), the seeded market-data simulator (`omni_quant.marketsim`), and replay files
(CSV / Parquet, one or many instruments).

Everything is checked before a run, and problems are errors that name them: NaNs (column,
instrument, first time), non-positive prices, high below low, unsorted or duplicate times,
gaps far longer than the usual bar spacing, an empty range. Instruments of one data set are
aligned on the common timestamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from svc_strategy_engine.model import NS, DataError

__all__ = ["BarSeries", "MarketData", "load_data", "synthetic_gbm", "BUILTIN",
           "from_frame", "simulated"]

BUILTIN = {
    "sp500": ("sp500", "sp500.csv.gz", "SPX"),
    "nasdaq": ("nasdaq", "nasdaq.csv.gz", "NDX"),
    "wti": ("wti", "wti.csv.gz", "WTI"),
    "vix": ("vix", "vix.csv.gz", "VIX"),
}
_COLS = ("open", "high", "low", "close", "volume")


@dataclass
class BarSeries:
    instrument: str
    ts: np.ndarray  # int64 ns, bar close time
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray
    tick_size: float = 0.01

    def __len__(self) -> int:
        return len(self.ts)

    def slice(self, a: int, b: int) -> BarSeries:
        return BarSeries(self.instrument, self.ts[a:b], self.open[a:b], self.high[a:b],
                         self.low[a:b], self.close[a:b], self.volume[a:b], self.tick_size)


@dataclass
class MarketData:
    """Aligned bars of one or more instruments (same timestamps for all)."""

    series: dict[str, BarSeries]
    timeframe: str = "1d"
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def instruments(self) -> list[str]:
        return list(self.series)

    @property
    def ts(self) -> np.ndarray:
        return next(iter(self.series.values())).ts

    def __len__(self) -> int:
        return len(self.ts)

    def slice(self, a: int, b: int) -> MarketData:
        return MarketData({k: s.slice(a, b) for k, s in self.series.items()}, self.timeframe,
                          self.source, list(self.notes))

    def between(self, start: object = None, end: object = None) -> MarketData:
        ts = self.ts
        a, b = 0, len(ts)
        if start is not None:
            a = int(np.searchsorted(ts, _to_ns(start), "left"))
        if end is not None:
            b = int(np.searchsorted(ts, _to_ns(end), "right"))
        if b <= a:
            raise DataError(
                f"no bars in the range {start or '(start)'} .. {end or '(end)'} of {self.source}"
                f" (data covers {_fmt(ts[0]) if len(ts) else '-'} .. "
                f"{_fmt(ts[-1]) if len(ts) else '-'})")
        return self.slice(a, b)

    def close_matrix(self) -> np.ndarray:
        return np.column_stack([s.close for s in self.series.values()])


def _fmt(ns: int) -> str:
    return pd.Timestamp(int(ns), unit="ns", tz="UTC").strftime("%Y-%m-%d %H:%M")


def _to_ns(x: object) -> int:
    t = pd.Timestamp(x)  # type: ignore[arg-type]
    if t.tzinfo is None:
        t = t.tz_localize("UTC")
    return int(t.value)


def _validate(s: BarSeries, source: str, max_gap_factor: float) -> None:
    n = len(s.ts)
    if n == 0:
        raise DataError(f"{source}: no bars for {s.instrument}")
    for name in _COLS:
        a = getattr(s, name)
        bad = ~np.isfinite(a)
        if bad.any():
            i = int(np.argmax(bad))
            raise DataError(
                f"{source}: {int(bad.sum())} NaN/infinite value(s) in column {name!r} of "
                f"{s.instrument}, first at {_fmt(s.ts[i])} (row {i})")
    for name in ("open", "high", "low", "close"):
        a = getattr(s, name)
        if (a <= 0).any():
            i = int(np.argmax(a <= 0))
            raise DataError(f"{source}: non-positive {name} {a[i]} for {s.instrument} at "
                            f"{_fmt(s.ts[i])} (row {i})")
    if (s.volume < 0).any():
        i = int(np.argmax(s.volume < 0))
        raise DataError(f"{source}: negative volume for {s.instrument} at {_fmt(s.ts[i])}")
    bad = (s.high < s.low) | (s.high < np.maximum(s.open, s.close) - 1e-9) | (
        s.low > np.minimum(s.open, s.close) + 1e-9)
    if bad.any():
        i = int(np.argmax(bad))
        raise DataError(f"{source}: inconsistent bar for {s.instrument} at {_fmt(s.ts[i])} "
                        f"(row {i}): high/low do not contain open/close")
    if n > 1:
        d = np.diff(s.ts)
        if (d <= 0).any():
            i = int(np.argmax(d <= 0)) + 1
            what = "duplicate" if d[i - 1] == 0 else "out-of-order"
            raise DataError(f"{source}: {what} timestamp for {s.instrument} at "
                            f"{_fmt(s.ts[i])} (row {i})")
        if max_gap_factor and n > 10:
            med = float(np.median(d))
            big = d > max_gap_factor * med
            if big.any():
                i = int(np.argmax(big))
                raise DataError(
                    f"{source}: gap in the data for {s.instrument}: {_fmt(s.ts[i])} -> "
                    f"{_fmt(s.ts[i + 1])} is {d[i] / med:.0f}x the usual bar spacing "
                    f"(allow it with max_gap_factor=0 or fill the data)")


def _align(series: dict[str, BarSeries], source: str) -> dict[str, BarSeries]:
    if len(series) == 1:
        return series
    common = None
    for s in series.values():
        common = s.ts if common is None else np.intersect1d(common, s.ts)
    assert common is not None
    if len(common) == 0:
        raise DataError(f"{source}: the instruments have no timestamps in common")
    out = {}
    for k, s in series.items():
        idx = np.searchsorted(s.ts, common)
        out[k] = BarSeries(k, common, s.open[idx], s.high[idx], s.low[idx], s.close[idx],
                           s.volume[idx], s.tick_size)
    return out


def from_frame(df: pd.DataFrame, instrument: str, source: str, tick_size: float = 0.01
               ) -> BarSeries:
    """A bar series from a frame indexed by time with open/high/low/close[/volume] columns
    (any case); a frame with only a close (or a single column) gets open=high=low=close."""
    cols = {str(c).lower().replace(" ", "_"): c for c in df.columns}
    if "close" in cols:
        close = df[cols["close"]]
    elif len(df.columns) == 1:
        close = df[df.columns[0]]
    else:
        raise DataError(f"{source}: no 'close' column (columns: {list(df.columns)})")
    close = pd.to_numeric(close, errors="coerce").to_numpy(dtype=float)

    def col(name: str, default: np.ndarray) -> np.ndarray:
        if name in cols:
            return pd.to_numeric(df[cols[name]], errors="coerce").to_numpy(dtype=float)
        return default

    idx = pd.DatetimeIndex(df.index)
    if idx.tz is None:
        idx = idx.tz_localize("UTC")
    ts = idx.asi8.astype(np.int64)
    if idx.unit != "ns" if hasattr(idx, "unit") else False:
        ts = idx.as_unit("ns").asi8.astype(np.int64)
    o = col("open", close.copy())
    return BarSeries(instrument, ts, o, col("high", np.maximum(o, close)),
                     col("low", np.minimum(o, close)), close,
                     col("volume", np.zeros_like(close)), tick_size)


def _arch_frame(sub: str, filename: str) -> pd.DataFrame:
    """The data file shipped in the ``arch`` package, read the way ``arch.data.<x>.load()``
    reads it, without importing ``arch`` itself (its import compiles numba code: seconds)."""
    import importlib.util

    spec = importlib.util.find_spec("arch")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("the arch package (which ships the S&P 500 / NASDAQ / WTI / VIX "
                        "histories) is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / sub / filename
    df = pd.read_csv(path)
    if "Date" in df:
        df["Date"] = pd.to_datetime(df["Date"])
        df = df.set_index("Date")
    else:
        df = df.set_index(pd.to_datetime(df[df.columns[0]])).drop(columns=[df.columns[0]])
    for col in df:
        df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


def _builtin(name: str) -> BarSeries:
    sub, filename, inst = BUILTIN[name]
    df = _arch_frame(sub, filename)
    df = df.dropna()  # WTI and VIX mark holidays with NaN
    s = from_frame(df.drop(columns=[c for c in df.columns if c == "Adj Close"]), inst,
                   f"arch:{name}")
    # Daily bars: the close at 21:00 UTC of the session date.
    s.ts = s.ts + 21 * 3600 * NS
    return s


def synthetic_gbm(n: int, *, seed: int = 1, instrument: str = "SYN", s0: float = 100.0,
                  sigma: float = 0.2, kappa: float = 0.05, start: str = "1900-01-01",
                  volume: float = 1e6, **_: object) -> MarketData:
    """Daily bars on consecutive days: log price an Ornstein-Uhlenbeck process around
    ``log(s0)`` (volatility ``sigma`` a year, reversion ``kappa`` a year) so a long series
    (100,000 bars) stays in a sane price range; prices on a 0.01 grid. For benchmarks."""
    from scipy.signal import lfilter

    rng = np.random.default_rng(seed)
    dt = 1 / 252
    z = rng.standard_normal((n, 4))
    e = sigma * np.sqrt(dt) * z[:, 3]
    x = lfilter([1.0], [1.0, -(1.0 - kappa * dt)], e)
    close = np.round(s0 * np.exp(x), 2)
    prev = np.concatenate([[s0], close[:-1]])
    open_ = np.round(prev * np.exp(0.1 * sigma * np.sqrt(dt) * z[:, 0]), 2)
    hi = np.round(np.maximum(open_, close) * (1 + np.abs(z[:, 1]) * 0.003), 2)
    lo = np.round(np.minimum(open_, close) * (1 - np.abs(z[:, 2]) * 0.003), 2)
    ts = pd.Timestamp(start, tz="UTC").value + np.arange(1, n + 1, dtype=np.int64) * 86_400 * NS
    s = BarSeries(instrument, ts, open_, hi, lo, close, np.full(n, volume))
    return MarketData({instrument: s}, "1d", f"gbm(seed={seed})")


def simulated(n_bars: int = 2000, *, seed: int = 7, instruments: Sequence[str] | None = None,
              steps_per_bar: int = 8) -> MarketData:
    """Daily bars from the market-data simulator (`omni_quant.marketsim.MarketSimulator`):
    ``steps_per_bar`` mid prices per day become each bar's OHLC."""
    from omni_quant.marketsim import DEFAULT_UNIVERSE, MarketSimulator

    specs = DEFAULT_UNIVERSE
    if instruments:
        by = {s.instrument_id: s for s in specs}
        missing = [i for i in instruments if i not in by]
        if missing:
            raise DataError(f"sim: unknown instrument(s) {missing}; known: {list(by)}")
        specs = tuple(by[i] for i in instruments)
    dt = 86_400.0 / steps_per_bar
    sim = MarketSimulator(specs, seed=seed, dt=dt, profile=False)
    b = sim.simulate(n_bars * steps_per_bar)
    out: dict[str, BarSeries] = {}
    for j, spec in enumerate(specs):
        mids = b.mids[:, j].reshape(n_bars, steps_per_bar)
        tick = spec.tick_size
        q = lambda a, tick=tick: np.round(np.round(a / tick) * tick, 10)  # noqa: E731
        counts = b.trade_counts[:, j].reshape(n_bars, steps_per_bar).sum(axis=1)
        ts = b.ts_ns.reshape(n_bars, steps_per_bar)[:, -1]
        o, c = q(mids[:, 0]), q(mids[:, -1])
        out[spec.instrument_id] = BarSeries(
            spec.instrument_id, ts.astype(np.int64), o, np.maximum(q(mids.max(axis=1)),
                                                                   np.maximum(o, c)),
            np.minimum(q(mids.min(axis=1)), np.minimum(o, c)), c,
            counts.astype(float) * spec.avg_trade_size, tick)
    return MarketData(out, "1d", f"sim(seed={seed})")


def _read_file(path: Path) -> dict[str, BarSeries]:
    src = str(path)
    if not path.exists():
        raise DataError(f"data file not found: {path}")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            df = pd.read_parquet(path)
        else:
            df = pd.read_csv(path)
    except Exception as exc:  # noqa: BLE001
        raise DataError(f"{src}: cannot read: {exc}") from None
    if df.empty:
        raise DataError(f"{src}: the file has no rows")
    cols = {str(c).lower(): c for c in df.columns}
    tcol = next((cols[c] for c in ("ts", "time", "timestamp", "date", "datetime")
                 if c in cols), None)
    if tcol is None:
        if isinstance(df.index, pd.DatetimeIndex):
            df = df.reset_index(names="ts")
            tcol = "ts"
        else:
            raise DataError(f"{src}: no time column (ts, time, timestamp, date or datetime)")
    t = df[tcol]
    if pd.api.types.is_integer_dtype(t.dtype):
        # integers: ns (or s/ms/us by magnitude) since the epoch
        v = t.astype("int64")
        mx = int(v.abs().max())
        unit = "ns" if mx > 1e17 else "us" if mx > 1e14 else "ms" if mx > 1e11 else "s"
        idx = pd.to_datetime(v, unit=unit, utc=True)
    else:
        idx = pd.to_datetime(t, utc=True, errors="coerce")
    if idx.isna().any():
        i = int(np.argmax(idx.isna().to_numpy()))
        raise DataError(f"{src}: unparseable time {t.iloc[i]!r} in row {i}")
    df = df.drop(columns=[tcol])
    df.index = pd.DatetimeIndex(idx)
    icol = next((cols[c] for c in ("instrument", "symbol", "ticker") if c in cols), None)
    if icol is None:
        return {path.stem: from_frame(df, path.stem, src)}
    out = {}
    for inst, g in df.groupby(icol, sort=False):
        out[str(inst)] = from_frame(g.drop(columns=[icol]), str(inst), src)
    return out


def load_data(spec: str, *, instruments: Sequence[str] | None = None, start: object = None,
              end: object = None, n_bars: int | None = None, seed: int = 7,
              max_gap_factor: float = 10.0) -> MarketData:
    """``spec``: ``sp500``, ``nasdaq``, ``wti``, ``vix`` (comma-join for several, e.g.
    ``sp500,nasdaq``), ``sim`` (the simulator; ``instruments`` from its universe),
    ``gbm`` (synthetic), or a path to a CSV / Parquet file."""
    if not spec:
        raise DataError("no data source given")
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    series: dict[str, BarSeries] = {}
    if all(p in BUILTIN for p in parts):
        for p in parts:
            s = _builtin(p)
            series[s.instrument] = s
        timeframe = "1d"
    elif spec == "sim":
        md = simulated(n_bars or 2000, seed=seed,
                       instruments=instruments or ["AAPL.XNAS", "MSFT.XNAS"])
        series, timeframe = md.series, md.timeframe
    elif spec == "gbm":
        md = synthetic_gbm(n_bars or 5000, seed=seed)
        series, timeframe = md.series, md.timeframe
    else:
        p = Path(spec)
        if not p.suffix and not p.exists():
            raise DataError(f"unknown data source {spec!r}: use one of "
                            f"{', '.join([*BUILTIN, 'sim', 'gbm'])} or a CSV/Parquet path")
        series = _read_file(p)
        timeframe = ""
    if instruments and spec not in ("sim",):
        missing = [i for i in instruments if i not in series]
        if missing:
            raise DataError(f"{spec}: no data for instrument(s) {missing}; "
                            f"available: {list(series)}")
        series = {i: series[i] for i in instruments}
    for s in series.values():
        _validate(s, spec, max_gap_factor)
    series = _align(series, spec)
    md = MarketData(series, timeframe or _guess_timeframe(next(iter(series.values())).ts), spec)
    if start is not None or end is not None:
        md = md.between(start, end)
    if n_bars is not None and spec not in ("sim", "gbm") and len(md) > n_bars:
        md = md.slice(len(md) - n_bars, len(md))
    return md


def _guess_timeframe(ts: np.ndarray) -> str:
    if len(ts) < 2:
        return "1d"
    d = float(np.median(np.diff(ts))) / NS
    if d >= 86_400 * 0.9:
        return "1d"
    if d >= 3600:
        return f"{round(d / 3600)}h"
    if d >= 60:
        return f"{round(d / 60)}m"
    return f"{round(d)}s"
