"""Streaming equals batch: every hand-written stream over the whole series (1e-9, including
TA-Lib's seeding), and the windowed generic stream for every other function (last values)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
import talib
from omni_quant.indicators import (
    HANDWRITTEN,
    IndicatorError,
    KernelStream,
    WindowStream,
    names,
    spec,
    stream,
)

sys.path.insert(0, str(Path(__file__).parent))
from _indicator_data import ohlcv  # noqa: E402

DATA = ohlcv(1500, seed=7)
TOL = 1e-9


def batch(name, data, params):
    s = spec(name)
    r = getattr(talib, name)(*[data[k] for k in s.inputs], **params)
    return [np.asarray(x, dtype=np.float64) for x in (r if isinstance(r, tuple) else (r,))]


def assert_close(got, want, where=""):
    got, want = np.asarray(got), np.asarray(want)
    nan_g, nan_w = np.isnan(got), np.isnan(want)
    assert (nan_g == nan_w).all(), f"{where}: NaN pattern differs at " \
        f"{np.flatnonzero(nan_g != nan_w)[:5]}"
    m = ~nan_w
    err = np.abs(got[m] - want[m]) / np.maximum(1.0, np.abs(want[m]))
    assert err.size == 0 or err.max() <= TOL, f"{where}: max error {err.max():.3e}"


VARIANTS = [(n, {}) for n in HANDWRITTEN] + [
    ("SMA", {"timeperiod": 2}), ("EMA", {"timeperiod": 50}), ("RSI", {"timeperiod": 2}),
    ("RSI", {"timeperiod": 30}), ("MACD", {"fastperiod": 5, "slowperiod": 35,
                                           "signalperiod": 5}),
    ("MACD", {"fastperiod": 26, "slowperiod": 12}),  # TA-Lib swaps fast and slow
    ("BBANDS", {"timeperiod": 7, "nbdevup": 1.0, "nbdevdn": 3.0}),
    ("ATR", {"timeperiod": 3}), ("NATR", {"timeperiod": 20}), ("STDDEV", {"nbdev": 2.0}),
    ("VAR", {"timeperiod": 15}), ("DEMA", {"timeperiod": 9}), ("TEMA", {"timeperiod": 7}),
    ("WMA", {"timeperiod": 12}), ("CCI", {"timeperiod": 20}), ("WILLR", {"timeperiod": 5}),
    ("ROC", {"timeperiod": 1}), ("STOCH", {"fastk_period": 14, "slowk_period": 5,
                                           "slowd_period": 4}),
    ("ADOSC", {"fastperiod": 10, "slowperiod": 3}), ("LINEARREG_SLOPE", {"timeperiod": 30}),
    ("MIDPRICE", {"timeperiod": 4}), ("MAX", {"timeperiod": 50}),
]


@pytest.mark.parametrize(("name", "params"), VARIANTS,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(VARIANTS)])
def test_handwritten_stream_equals_batch_over_whole_series(name, params):
    st = stream(name, params)
    assert isinstance(st, KernelStream)
    want = batch(name, DATA, st.params)
    ins = [DATA[k] for k in st.inputs]
    # first half bar by bar, second half in blocks of uneven size: same values
    half = 700
    got = [[] for _ in st.outputs]
    for i in range(half):
        r = st.update(*[float(a[i]) for a in ins])
        for j, x in enumerate(r if isinstance(r, tuple) else (r,)):
            got[j].append(x)
    for lo, hi in [(half, half + 1), (half + 1, 1000), (1000, 1500)]:
        out = st.update_many(*[a[lo:hi] for a in ins])
        for j, o in enumerate(st.outputs):
            got[j].extend(out[o].tolist())
    assert st.count == 1500 and st.ready
    for j, o in enumerate(st.outputs):
        assert_close(got[j], want[j], f"{name}{params}.{o}")
        assert math.isclose(st.last[o], want[j][-1], rel_tol=TOL, abs_tol=TOL)


def test_stream_snapshot_restore_and_reset():
    a = stream("RSI", timeperiod=14)
    a.update_many(DATA["close"][:800])
    b = stream("RSI", timeperiod=14)
    b.restore(a.snapshot())
    x = a.update_many(DATA["close"][800:])["real"]
    y = b.update_many(DATA["close"][800:])["real"]
    np.testing.assert_array_equal(x, y)
    a.reset()
    assert a.count == 0 and math.isnan(a.update(1.0))


OTHERS = [n for n in talib.get_functions() if n not in HANDWRITTEN] + ["RSI", "MACD", "ATR"]


@pytest.mark.parametrize("name", OTHERS)
def test_generic_stream_equals_batch(name):
    data = ohlcv(1300, seed=11)
    st = stream(name, generic=True)
    assert isinstance(st, WindowStream)
    want = batch(name, data, st.params)
    ins = [data[k] for k in st.inputs]
    n, k = 1300, 25
    out = st.update_many(*[a[: n - k] for a in ins])
    got = [[] for _ in st.outputs]
    for i in range(n - k, n):
        r = st.update(*[float(a[i]) for a in ins])
        for j, x in enumerate(r if isinstance(r, tuple) else (r,)):
            got[j].append(x)
    for j, o in enumerate(st.outputs):
        assert_close(got[j], want[j][-k:], f"{name}.{o} (updates)")
        assert_close(out[o][-k:], want[j][n - 2 * k: n - k], f"{name}.{o} (block)")


def test_generic_window_is_bounded_and_used_past_it():
    st = stream("CORREL", generic=True)
    assert 0 < st.window <= 8 * (st.lookback + 1) or st.window == 64
    data = ohlcv(st.window * 5, seed=3)
    st.update_many(data["high"], data["low"])
    assert st._n <= st._buf.shape[1] and st._buf.shape[1] <= 2 * st.window
    want = talib.CORREL(data["high"], data["low"])
    assert math.isclose(st.last["real"], want[-1], rel_tol=1e-12)


def test_every_function_has_a_stream():
    for n in names():
        st = stream(n)
        assert st.outputs == spec(n).outputs


def test_stream_errors_name_the_problem():
    with pytest.raises(IndicatorError, match="unknown indicator 'FOO'"):
        stream("FOO")
    with pytest.raises(IndicatorError, match="'timeperiod' must be an integer"):
        stream("EMA", timeperiod=2.5)
    st = stream("ATR")
    with pytest.raises(IndicatorError, match=r"expects 3 input\(s\) \(high, low, close\)"):
        st.update(1.0)
    with pytest.raises(IndicatorError, match="input 'close' is not finite"):
        stream("EMA").update(float("nan"))
    with pytest.raises(IndicatorError, match="missing input 'low'"):
        st.update_many(high=[1.0], close=[1.0])
    with pytest.raises(IndicatorError, match="window 3 must exceed the lookback 14"):
        stream("RSI", generic=True, window=3)


@pytest.mark.parametrize("name", ["EMA", "RSI", "MACD", "ATR", "BBANDS"])
def test_interleaved_blocks_and_single_updates(name):
    st = stream(name)
    ins = [DATA[k] for k in st.inputs]
    want = batch(name, DATA, st.params)
    rng = np.random.default_rng(0)
    got = [[] for _ in st.outputs]
    i = 0
    while i < 1500:
        if rng.random() < 0.5:
            r = st.update(*[float(a[i]) for a in ins])
            for j, x in enumerate(r if isinstance(r, tuple) else (r,)):
                got[j].append(x)
            i += 1
        else:
            hi = min(1500, i + int(rng.integers(1, 60)))
            out = st.update_many(*[a[i:hi] for a in ins])
            for j, o in enumerate(st.outputs):
                got[j].extend(out[o].tolist())
            i = hi
        if rng.random() < 0.05:  # a snapshot round trip on the way
            other = stream(name)
            other.restore(st.snapshot())
            st = other
    for j, o in enumerate(st.outputs):
        assert_close(got[j], want[j], f"{name}.{o}")


@pytest.mark.parametrize("name", sorted(HANDWRITTEN))
def test_handwritten_stream_equals_batch_on_flat_stretches(name):
    """Zero ranges and zero changes take TA-Lib's zero guards (RSI 0, DI/DX repeat, ...)."""
    data = ohlcv(500, seed=3)
    for k in ("open", "high", "low", "close"):
        data[k][:60] = 100.0
        data[k][300:400] = data["close"][299]
    data["volume"][320:340] = 0.0
    for params in ({}, {"timeperiod": 2} if "timeperiod" in spec(name).defaults else {}):
        st = stream(name, params)
        want = batch(name, data, st.params)
        out = st.update_many(*[data[k] for k in st.inputs])
        for j, o in enumerate(st.outputs):
            assert_close(out[o], want[j], f"{name}{params}.{o}")


@pytest.mark.parametrize("name", ["CUMSUM", "PVT", "WAD", "NVI", "PVI"])
def test_cumulative_generic_streams_stay_bounded(name):
    """Cumulative functions chain the window's step onto their own value: bounded memory,
    still equal to the batch call over the whole history."""
    data = ohlcv(5000, seed=21)
    st = stream(name)
    assert isinstance(st, WindowStream) and st.window == 16
    ins = [data[k] for k in st.inputs]
    st.update_many(*[a[:4000] for a in ins])
    for i in range(4000, 5000):
        st.update(*[float(a[i]) for a in ins])
    assert st._buf.shape[1] <= 32
    want = batch(name, data, st.params)[0]
    assert math.isclose(st.last["real"], want[-1], rel_tol=1e-9, abs_tol=1e-9)
