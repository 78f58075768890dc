"""Streaming indicators: one bar (or tick) at a time, same values as the TA-Lib batch call.

    rsi = stream("RSI", timeperiod=14)
    for close in live_closes:
        v = rsi.update(close)                 # NaN until warmed up, then TA-Lib's RSI value
    out = rsi.update_many(block)              # {"real": array} for a block of bars (fast path)

    macd = stream("MACD")                     # several outputs: update returns a tuple
    atr = stream("ATR", timeperiod=14)
    atr.update(high, low, close)              # inputs in spec order (see `.inputs`)

`stream(name, **params)` returns a hand-written incremental indicator (`KernelStream`, O(1) or
O(period) per bar, compiled with numba; see `HANDWRITTEN`) when one exists for those
parameters, otherwise a `WindowStream` that keeps a bounded window of history and recomputes
the last value with TA-Lib (every function is reachable; slower).

Both kinds have: `name`, `params`, `inputs`, `outputs`, `update(*values)`,
`update_many(*arrays or **arrays) -> {output: array}`, `last` ({output: value}), `count`,
`ready`, `lookback`, `reset()`, `snapshot()`/`restore()` for the hand-written ones.

Streams assume TA-Lib's default (zero) unstable periods, as the batch functions do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from omni_quant.indicators import _kernels as K
from omni_quant.indicators.registry import (
    IndicatorError,
    IndicatorSpec,
    lookback,
    resolve_params,
    spec,
)

__all__ = ["stream", "KernelStream", "WindowStream", "HANDWRITTEN", "is_handwritten",
           "window_size"]


@dataclass(frozen=True, slots=True)
class _Def:
    kernel: Callable[..., None]
    iparams: Callable[[dict[str, Any]], list[int]]
    fparams: Callable[[dict[str, Any]], list[float]]
    state: int
    buf: Callable[[dict[str, Any]], int]
    supports: Callable[[dict[str, Any]], bool] = lambda p: True


def _tp(p: dict[str, Any]) -> int:
    return int(p["timeperiod"])


_NOF: Callable[[dict[str, Any]], list[float]] = lambda p: []  # noqa: E731
_ZERO: Callable[[dict[str, Any]], int] = lambda p: 1  # noqa: E731


def _period(mode: int | None = None, extra: int = 0, lo: int = 1, bufs: int = 1) -> dict:
    ip = (lambda p: [_tp(p)]) if mode is None else (lambda p: [_tp(p), mode])
    return dict(iparams=ip, fparams=_NOF, buf=lambda p: bufs * (_tp(p) + extra),
                supports=lambda p: _tp(p) >= lo)


def _macd_ip(p: dict[str, Any]) -> list[int]:
    fast, slow = int(p["fastperiod"]), int(p["slowperiod"])
    if slow < fast:  # TA-Lib swaps them
        fast, slow = slow, fast
    return [fast, slow, int(p["signalperiod"])]


HANDWRITTEN: dict[str, _Def] = {
    "SMA": _Def(K.k_sma, state=3, **_period(lo=2)),
    "SUM": _Def(K.k_sum, state=3, **_period(lo=2)),
    "EMA": _Def(K.k_ema, state=3, **_period(lo=2)),
    "DEMA": _Def(K.k_dema, state=6, **_period(lo=2)),
    "TEMA": _Def(K.k_tema, state=9, **_period(lo=2)),
    "WMA": _Def(K.k_wma, state=2, **_period(lo=2)),
    "BBANDS": _Def(K.k_bbands, lambda p: [_tp(p)],
                   lambda p: [float(p["nbdevup"]), float(p["nbdevdn"])], 4,
                   lambda p: _tp(p), lambda p: int(p["matype"]) == 0 and _tp(p) >= 2),
    "VAR": _Def(K.k_var, lambda p: [_tp(p), 0], lambda p: [float(p["nbdev"])], 2,
                lambda p: _tp(p)),
    "STDDEV": _Def(K.k_var, lambda p: [_tp(p), 1], lambda p: [float(p["nbdev"])], 2,
                   lambda p: _tp(p), lambda p: _tp(p) >= 2),
    "MAX": _Def(K.k_minmax, state=2, **_period(0, lo=2)),
    "MIN": _Def(K.k_minmax, state=2, **_period(1, lo=2)),
    "MIDPOINT": _Def(K.k_minmax, state=2, **_period(2, lo=2)),
    "MIDPRICE": _Def(K.k_midprice, state=2, **_period(lo=2, bufs=2)),
    "RSI": _Def(K.k_rsi, state=5, **_period(lo=2)),
    "MACD": _Def(K.k_macd, _macd_ip, _NOF, 10, _ZERO,
                 lambda p: min(int(p["fastperiod"]), int(p["slowperiod"])) >= 2
                 and int(p["signalperiod"]) >= 1),
    "MOM": _Def(K.k_change, state=2, **_period(0, extra=1)),
    "ROC": _Def(K.k_change, state=2, **_period(1, extra=1)),
    "ROCP": _Def(K.k_change, state=2, **_period(2, extra=1)),
    "ROCR": _Def(K.k_change, state=2, **_period(3, extra=1)),
    "ROCR100": _Def(K.k_change, state=2, **_period(4, extra=1)),
    "WILLR": _Def(K.k_willr, state=2, **_period(lo=2, bufs=2)),
    "CCI": _Def(K.k_cci, state=2, **_period(lo=2)),
    "STOCH": _Def(K.k_stoch,
                  lambda p: [int(p["fastk_period"]), int(p["slowk_period"]),
                             int(p["slowd_period"])], _NOF, 8,
                  lambda p: 2 * int(p["fastk_period"]) + int(p["slowk_period"])
                  + int(p["slowd_period"]),
                  lambda p: int(p["slowk_matype"]) == 0 and int(p["slowd_matype"]) == 0),
    "LINEARREG": _Def(K.k_linreg, state=2, **_period(0, lo=2)),
    "LINEARREG_SLOPE": _Def(K.k_linreg, state=2, **_period(1, lo=2)),
    "LINEARREG_INTERCEPT": _Def(K.k_linreg, state=2, **_period(2, lo=2)),
    "LINEARREG_ANGLE": _Def(K.k_linreg, state=2, **_period(3, lo=2)),
    "TSF": _Def(K.k_linreg, state=2, **_period(4, lo=2)),
    "TRANGE": _Def(K.k_atr, lambda p: [1, 0], _NOF, 5, _ZERO),
    "ATR": _Def(K.k_atr, lambda p: [_tp(p), 1], _NOF, 5, _ZERO, lambda p: _tp(p) >= 2),
    "NATR": _Def(K.k_atr, lambda p: [_tp(p), 2], _NOF, 5, _ZERO, lambda p: _tp(p) >= 2),
    "ADX": _Def(K.k_dmi, lambda p: [_tp(p), 0], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "DX": _Def(K.k_dmi, lambda p: [_tp(p), 1], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "PLUS_DI": _Def(K.k_dmi, lambda p: [_tp(p), 2], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "MINUS_DI": _Def(K.k_dmi, lambda p: [_tp(p), 3], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "PLUS_DM": _Def(K.k_dmi, lambda p: [_tp(p), 4], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "MINUS_DM": _Def(K.k_dmi, lambda p: [_tp(p), 5], _NOF, 10, _ZERO, lambda p: _tp(p) >= 2),
    "VWAP": _Def(K.k_vwap, lambda p: [0], _NOF, 2, _ZERO),
    "OBV": _Def(K.k_obv, lambda p: [0], _NOF, 3, _ZERO),
    "AD": _Def(K.k_ad, lambda p: [0], _NOF, 1, _ZERO),
    "ADOSC": _Def(K.k_adosc, lambda p: [int(p["fastperiod"]), int(p["slowperiod"])], _NOF, 4,
                  _ZERO, lambda p: min(int(p["fastperiod"]), int(p["slowperiod"])) >= 2),
    "AVGPRICE": _Def(K.k_price, lambda p: [0], _NOF, 1, _ZERO),
    "MEDPRICE": _Def(K.k_price, lambda p: [1], _NOF, 1, _ZERO),
    "TYPPRICE": _Def(K.k_price, lambda p: [2], _NOF, 1, _ZERO),
    "WCLPRICE": _Def(K.k_price, lambda p: [3], _NOF, 1, _ZERO),
}


def is_handwritten(name: str, params: Mapping[str, Any] | None = None) -> bool:
    s = spec(name)
    d = HANDWRITTEN.get(s.name)
    return d is not None and d.supports(resolve_params(s.name, params))


class _Base:
    spec: IndicatorSpec
    params: dict[str, Any]
    count: int
    _last: tuple[float, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.spec.inputs

    @property
    def outputs(self) -> tuple[str, ...]:
        return self.spec.outputs

    @property
    def last(self) -> dict[str, float]:
        return dict(zip(self.spec.outputs, self._last, strict=True))

    @property
    def ready(self) -> bool:
        return not any(math.isnan(v) for v in self._last)

    def _arrays(self, args: tuple[Any, ...], kw: Mapping[str, Any]) -> list[np.ndarray]:
        s = self.spec
        if args and kw:
            raise IndicatorError(f"{s.name}: pass inputs positionally or by name, not both",
                                 indicator=s.name)
        if kw:
            missing = [i for i in s.inputs if i not in kw]
            if missing:
                raise IndicatorError(f"{s.name}: missing input {missing[0]!r} (needs "
                                     f"{', '.join(s.inputs)})", indicator=s.name,
                                     parameter=missing[0])
            args = tuple(kw[i] for i in s.inputs)
        if len(args) != len(s.inputs):
            raise IndicatorError(f"{s.name}: expects {len(s.inputs)} input(s) "
                                 f"({', '.join(s.inputs)}), got {len(args)}", indicator=s.name)
        arrays = [np.ascontiguousarray(a, dtype=np.float64) for a in args]
        n = arrays[0].shape[0]
        for nm, a in zip(s.inputs, arrays, strict=True):
            if a.ndim != 1 or a.shape[0] != n:
                raise IndicatorError(f"{s.name}: input {nm!r} must be 1-D with {n} values",
                                     indicator=s.name, parameter=nm)
            if not np.isfinite(a).all():
                i = int(np.argmax(~np.isfinite(a)))
                raise IndicatorError(f"{s.name}: input {nm!r} has a non-finite value at "
                                     f"index {i}", indicator=s.name, parameter=nm)
        return arrays


class KernelStream(_Base):
    """A hand-written incremental indicator (see `_kernels`)."""

    def __init__(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        self.spec = spec(name)
        self.params = resolve_params(self.spec.name, params)
        d = HANDWRITTEN.get(self.spec.name)
        if d is None or not d.supports(self.params):
            raise IndicatorError(f"{self.spec.name}: no hand-written stream for "
                                 f"{self.params}; use stream() for the generic one",
                                 indicator=self.spec.name)
        self._kernel = d.kernel
        self._ip = np.asarray(d.iparams(self.params) or [0], dtype=np.int64)
        self._fp = np.asarray(d.fparams(self.params) or [0.0], dtype=np.float64)
        self._nstate = max(d.state, 1)
        self._nbuf = max(d.buf(self.params), 1)
        self.lookback = lookback(self.spec.name, self.params)
        ni, no = len(self.spec.inputs), len(self.spec.outputs)
        self._in1 = np.zeros((ni, 1))
        self._out1 = np.zeros((no, 1))
        self._single = no == 1
        self.reset()

    def reset(self) -> None:
        self._s = np.zeros(self._nstate)
        self._b = np.zeros(self._nbuf)
        self.count = 0
        self._last = (math.nan,) * len(self.spec.outputs)

    def update(self, *values: float) -> Any:
        """One bar; inputs in `self.inputs` order. Returns the value (a tuple when the
        indicator has several outputs); NaN while warming up."""
        i1 = self._in1
        if len(values) != i1.shape[0]:
            raise IndicatorError(f"{self.spec.name}: expects {i1.shape[0]} input(s) "
                                 f"({', '.join(self.spec.inputs)}), got {len(values)}",
                                 indicator=self.spec.name)
        for j, v in enumerate(values):
            if not math.isfinite(v):
                raise IndicatorError(f"{self.spec.name}: input {self.spec.inputs[j]!r} is "
                                     f"not finite ({v})", indicator=self.spec.name,
                                     parameter=self.spec.inputs[j])
            i1[j, 0] = v
        self._kernel(self._s, self._b, self._ip, self._fp, i1, self._out1)
        self.count += 1
        if self._single:
            v = float(self._out1[0, 0])
            self._last = (v,)
            return v
        self._last = tuple(float(x) for x in self._out1[:, 0])
        return self._last

    def update_many(self, *arrays: Any, **named: Any) -> dict[str, np.ndarray]:
        """A block of bars at once (the compiled fast path). Returns {output: values}."""
        ins = np.vstack(self._arrays(arrays, named)) if len(self.spec.inputs) > 1 else \
            self._arrays(arrays, named)[0].reshape(1, -1)
        n = ins.shape[1]
        outs = np.empty((len(self.spec.outputs), n))
        if n:
            self._kernel(self._s, self._b, self._ip, self._fp, ins, outs)
            self.count += n
            self._last = tuple(float(x) for x in outs[:, -1])
        return dict(zip(self.spec.outputs, outs, strict=True))

    def snapshot(self) -> dict[str, Any]:
        return {"name": self.spec.name, "params": dict(self.params), "count": self.count,
                "state": self._s.tolist(), "buffer": self._b.tolist(), "last": list(self._last)}

    def restore(self, snap: Mapping[str, Any]) -> None:
        self._s = np.asarray(snap["state"], dtype=np.float64)
        self._b = np.asarray(snap["buffer"], dtype=np.float64)
        self.count = int(snap["count"])
        self._last = tuple(float(x) for x in snap["last"])


class _Scalar(KernelStream):
    """A kernel stream whose per-bar state lives in Python floats; it moves into the kernel's
    state array around `update_many` and snapshots."""

    def _to_array(self) -> None:
        raise NotImplementedError

    def _from_array(self) -> None:
        raise NotImplementedError

    def update_many(self, *arrays: Any, **named: Any) -> dict[str, np.ndarray]:
        self._to_array()
        out = super().update_many(*arrays, **named)
        self._from_array()
        return out

    def snapshot(self) -> dict[str, Any]:
        self._to_array()
        return super().snapshot()

    def restore(self, snap: Mapping[str, Any]) -> None:
        super().restore(snap)
        self._from_array()


class _ScalarEMA(_Scalar):
    """EMA with the per-bar path in plain Python floats (no numba dispatch per call: ~3x
    faster for one bar at a time). Same IEEE arithmetic as the kernel, so the same values;
    the state moves into the kernel's array around `update_many` and snapshots."""

    def reset(self) -> None:
        super().reset()
        self._p = int(self._ip[0])
        self._k = 2.0 / (self._p + 1)
        self._sum = 0.0
        self._v = math.nan

    def _to_array(self) -> None:
        self._s[0], self._s[1], self._s[2] = float(self.count), self._sum, self._v

    def _from_array(self) -> None:
        self._sum, self._v = float(self._s[1]), float(self._s[2])

    def update(self, x: float) -> float:  # type: ignore[override]
        if x - x != 0.0:  # NaN or infinite
            raise IndicatorError(f"EMA: input 'close' is not finite ({x})", indicator="EMA",
                                 parameter="close")
        n = self.count + 1
        self.count = n
        p = self._p
        if n > p:
            v = ((x - self._v) * self._k) + self._v
            self._v = v
        elif n == p:
            self._sum += x
            v = self._v = self._sum / p
        else:
            self._sum += x
            v = math.nan
        self._last = (v,)
        return v



class _ScalarRSI(_Scalar):
    """RSI with the per-bar path in plain Python floats (see `_ScalarEMA`)."""

    def reset(self) -> None:
        super().reset()
        self._p = int(self._ip[0])
        self._prev = 0.0
        self._gain = 0.0
        self._loss = 0.0

    def _to_array(self) -> None:
        s = self._s
        s[0], s[1], s[2], s[3] = float(min(self.count, self._p + 1)), self._prev, self._gain, \
            self._loss
        s[4] = 0.0 if math.isnan(self._last[0]) else self._last[0]

    def _from_array(self) -> None:
        self._prev, self._gain, self._loss = (float(self._s[1]), float(self._s[2]),
                                              float(self._s[3]))

    def update(self, x: float) -> float:  # type: ignore[override]
        if x - x != 0.0:
            raise IndicatorError(f"RSI: input 'close' is not finite ({x})", indicator="RSI",
                                 parameter="close")
        n = self.count
        self.count = n + 1
        if n == 0:
            self._prev = x
            self._last = (math.nan,)
            return math.nan
        d = x - self._prev
        self._prev = x
        p = self._p
        if n > p:
            loss = self._loss * (p - 1)
            gain = self._gain * (p - 1)
            if d < 0:
                loss -= d
            else:
                gain += d
            loss /= p
            gain /= p
        else:
            loss, gain = self._loss, self._gain
            if d < 0:
                loss -= d
            else:
                gain += d
            if n < p:
                self._loss, self._gain = loss, gain
                self._last = (math.nan,)
                return math.nan
            loss /= p
            gain /= p
        self._loss, self._gain = loss, gain
        t = gain + loss
        if t > 1e-14 or t < -1e-14:
            v = 100.0 * (gain / t)
        else:  # no movement: the last value repeats (0 for the first)
            v = self._last[0] if n > p else 0.0
        self._last = (v,)
        return v


_SCALAR: dict[str, type[KernelStream]] = {"EMA": _ScalarEMA, "RSI": _ScalarRSI}


# Functions whose value depends on the whole history (cumulative sums) or on a long
# adaptive/recursive memory: the window must be long for the recomputed last value to
# converge to the full-history one.
_LONG_MEMORY = {
    "SAR": 4096, "SAREXT": 4096, "HT_DCPERIOD": 1024, "HT_DCPHASE": 1024,
    "HT_PHASOR": 1024, "HT_SINE": 1024, "HT_TRENDLINE": 1024, "HT_TRENDMODE": 1024,
    "MAMA": 1024, "KAMA": 1024, "T3": 1024, "ADX": 1024, "ADXR": 1024, "DX": 1024,
    "PLUS_DI": 1024, "MINUS_DI": 1024, "PLUS_DM": 1024, "MINUS_DM": 1024,
    "MFI": 512, "CMO": 1024, "STOCHRSI": 1024, "ATR": 1024, "NATR": 1024, "RSI": 1024,
    "EMA": 1024, "DEMA": 1024, "TEMA": 1024, "TRIX": 1024, "MACD": 1024, "MACDEXT": 1024,
    "MACDFIX": 1024, "PPO": 1024, "APO": 1024, "ADOSC": 1024, "ULTOSC": 256,
    "STOCH": 1024, "STOCHF": 1024, "BBANDS": 1024, "MA": 1024, "MAVP": 1024,
    "ERI": 1024, "TSI": 1024, "KC": 1024, "RMA": 1024, "SUPERTREND": 4096, "RVI": 1024,
    "EFI": 1024, "PVO": 1024, "SMI": 1024, "ZLEMA": 1024, "CMOU": 1024, "COPPOCK": 512,
    "KDJ": 1024, "MASSI": 1024, "CVI": 1024,
    # cumulative over the whole history: the window is unbounded unless the stream can
    # chain the window's steps (see _CHAINED)
    "AD": 0, "OBV": 0, "VWAP": 0,
}
# cumulative functions whose step depends only on recent bars: a small window gives the
# step (a difference for sums, a ratio for products) and the stream chains it onto its own
# last value, so memory and cost stay bounded on long runs
_CHAINED = {"CUMSUM": "add", "PVT": "add", "WAD": "add", "NVI": "mul", "PVI": "mul"}
# outputs that are positions in the series (shifted by the bars dropped from the window)
_INDEX_OUTPUTS = {"MAXINDEX", "MININDEX", "MINMAXINDEX"}


def window_size(name: str, params: Mapping[str, Any] | None = None) -> int:
    """History kept by the generic stream of `name`: enough for exponentially weighted and
    adaptive state to converge to the full-history value (to ~1e-12), at least 8 lookbacks.
    0 means unbounded (cumulative indicators: OBV, AD)."""
    s = spec(name)
    p = resolve_params(s.name, params)
    lb = lookback(s.name, p)
    base = _LONG_MEMORY.get(s.name)
    if base == 0:
        return 0
    if s.name in _CHAINED:
        return 16
    periods = [int(v) for k, v in p.items() if k.endswith("period") and isinstance(v, int)]
    longest = max(periods, default=1)
    if base is None:
        return max(8 * (lb + 1), 64)
    # exponential memory with smoothing period n decays like (1 - 1/n)^w: 30 n bars ~ 1e-13
    return max(base, lb + 30 * longest + 64)


class WindowStream(_Base):
    """Generic streaming form of any TA-Lib function: a bounded window of the most recent
    bars, recomputed with TA-Lib on each update (returns the last value). Correct for every
    function whose memory fits the window (see `window_size`), O(window) per update."""

    def __init__(self, name: str, params: Mapping[str, Any] | None = None,
                 window: int | None = None) -> None:
        self.spec = spec(name)
        self.params = resolve_params(self.spec.name, params)
        self.lookback = lookback(self.spec.name, self.params)
        w = window_size(self.spec.name, self.params) if window is None else int(window)
        if w and w <= self.lookback:
            raise IndicatorError(f"{self.spec.name}: window {w} must exceed the lookback "
                                 f"{self.lookback}", indicator=self.spec.name,
                                 parameter="window")
        self.window = w
        import talib

        self._fn = getattr(talib, self.spec.name)
        self._single = len(self.spec.outputs) == 1
        self.reset()

    def reset(self) -> None:
        cap = self.window * 2 if self.window else 1024
        self._buf = np.zeros((len(self.spec.inputs), cap))
        self._n = 0  # values held in _buf
        self.count = 0
        self._last = (math.nan,) * len(self.spec.outputs)

    def _append(self, values: np.ndarray) -> None:
        """values: (n_inputs, m)."""
        m = values.shape[1]
        if self.window:
            if m >= self.window:
                self._buf[:, : self.window] = values[:, -self.window:]
                self._n = self.window
                return
            if self._n + m > self._buf.shape[1]:  # compact: keep the last window
                keep = self.window - m
                self._buf[:, :keep] = self._buf[:, self._n - keep: self._n]
                self._n = keep
        elif self._n + m > self._buf.shape[1]:
            grown = np.zeros((self._buf.shape[0], max(2 * self._buf.shape[1], self._n + m)))
            grown[:, : self._n] = self._buf[:, : self._n]
            self._buf = grown
        self._buf[:, self._n: self._n + m] = values
        self._n += m

    def _view(self) -> list[np.ndarray]:
        lo = max(0, self._n - self.window) if self.window else 0
        return [np.ascontiguousarray(self._buf[j, lo: self._n])
                for j in range(self._buf.shape[0])]

    def _run(self, arrays: list[np.ndarray], offset: int = 0) -> tuple[np.ndarray, ...]:
        """TA-Lib over `arrays`, whose first bar is bar number `offset` of the stream."""
        res = self._fn(*arrays, **self.params)
        if not isinstance(res, tuple):
            res = (res,)
        out = tuple(np.asarray(r, dtype=np.float64) for r in res)
        if offset and self.spec.name in _INDEX_OUTPUTS:
            out = tuple(np.where(np.isnan(r), r, r + offset) for r in out)
        return out

    def update(self, *values: float) -> Any:
        if len(values) != len(self.spec.inputs):
            raise IndicatorError(f"{self.spec.name}: expects {len(self.spec.inputs)} input(s) "
                                 f"({', '.join(self.spec.inputs)}), got {len(values)}",
                                 indicator=self.spec.name)
        for j, v in enumerate(values):
            if not math.isfinite(v):
                raise IndicatorError(f"{self.spec.name}: input {self.spec.inputs[j]!r} is "
                                     f"not finite ({v})", indicator=self.spec.name,
                                     parameter=self.spec.inputs[j])
        self._append(np.asarray(values, dtype=np.float64).reshape(-1, 1))
        self.count += 1
        view = self._view()
        base = self.count - view[0].shape[0]
        res = self._run(view, base)
        self._last = self._value(res, base == 0, self._last)
        return self._last[0] if self._single else self._last

    def _value(self, res: tuple[np.ndarray, ...], from_start: bool,
               prev: Any) -> tuple[float, ...]:
        """The stream's value from TA-Lib's result over the window: its last element, or,
        for chained cumulative functions once the window no longer starts at bar 0, the
        window's last step applied to the stream's previous value."""
        mode = _CHAINED.get(self.spec.name)
        if mode is None or from_start or any(math.isnan(float(x)) for x in prev):
            return tuple(float(r[-1]) for r in res)
        out = []
        for r, p in zip(res, prev, strict=True):
            a, b = float(r[-1]), float(r[-2])
            if mode == "add":
                out.append(float(p) + (a - b))
            else:
                out.append(float(p) * (a / b) if b != 0.0 else a)
        return tuple(out)

    def update_many(self, *arrays: Any, **named: Any) -> dict[str, np.ndarray]:
        """A block: values equal to calling `update` for each bar."""
        ins = self._arrays(arrays, named)
        m = ins[0].shape[0]
        outs = np.full((len(self.spec.outputs), m), np.nan)
        if m == 0:
            return dict(zip(self.spec.outputs, outs, strict=True))
        hist = self._view()
        h = hist[0].shape[0]
        base = self.count - h  # stream bar number of full[0]
        full = [np.concatenate([a, b]) for a, b in zip(hist, ins, strict=True)]
        w = self.window
        first = 0
        if not w or base == 0:
            # while the history still starts at bar 0 and fits the window, one batch call
            # over it gives every value `update` would
            upto = h + m if not w else min(h + m, w)
            first = upto - h
            if first > 0:
                res = self._run([a[:upto] for a in full], base)
                for j, r in enumerate(res):
                    outs[j, :first] = r[h:upto]
        for i in range(first, m):  # each bar sees exactly the window `update` would see
            end = h + i + 1
            lo = max(0, end - w)
            res = self._run([a[lo:end] for a in full], base + lo)
            prev = tuple(outs[:, i - 1]) if i > 0 else self._last
            outs[:, i] = self._value(res, base + lo == 0, prev)
        self._append(np.vstack(ins))
        self.count += m
        self._last = tuple(float(x) for x in outs[:, -1])
        return dict(zip(self.spec.outputs, outs, strict=True))


def stream(name: str, params: Mapping[str, Any] | None = None, *, generic: bool = False,
           window: int | None = None, **kw: Any) -> KernelStream | WindowStream:
    """A streaming indicator by TA-Lib name: hand-written when available for these
    parameters (unless `generic`), else the windowed TA-Lib adapter."""
    s = spec(name)
    p = resolve_params(s.name, {**(params or {}), **kw})
    d = HANDWRITTEN.get(s.name)
    if not generic and d is not None and d.supports(p):
        return _SCALAR.get(s.name, KernelStream)(s.name, p)
    return WindowStream(s.name, p, window=window)
