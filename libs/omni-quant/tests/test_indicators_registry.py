"""Every TA-Lib function reachable by name, with its parameters, on a seeded OHLCV series;
errors name the indicator and the parameter or input at fault."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import talib
from omni_quant.indicators import (
    IndicatorError,
    compute,
    list_indicators,
    lookback,
    names,
    resolve_params,
    spec,
)

sys.path.insert(0, str(Path(__file__).parent))
from _indicator_data import ohlcv  # noqa: E402

DATA = ohlcv(400)


def test_every_talib_function_is_listed():
    assert set(names()) == set(talib.get_functions())
    assert len(names()) == len(talib.get_functions()) >= 158
    assert len([n for n in names() if n.startswith("CDL")]) == 61
    assert len(list_indicators()) == len(names())
    assert {s.name for s in list_indicators("momentum indicators")} == \
        set(talib.get_function_groups()["Momentum Indicators"])


@pytest.mark.parametrize("name", talib.get_functions())
def test_function_by_name_equals_talib(name):
    s = spec(name.lower())  # names are case-insensitive
    assert s.name == name and s.outputs and s.inputs
    out = compute(name, {k: DATA[k] for k in s.inputs})
    assert list(out) == list(s.outputs)
    direct = getattr(talib, name)(*[DATA[k] for k in s.inputs], **s.defaults)
    direct = direct if isinstance(direct, tuple) else (direct,)
    for got, want in zip(out.values(), direct, strict=True):
        assert got.dtype == np.float64 and got.shape == (400,)
        np.testing.assert_array_equal(got, np.asarray(want, dtype=np.float64))
    assert lookback(name) == s.lookback


def test_parameters_are_applied():
    c = DATA["close"]
    np.testing.assert_array_equal(compute("SMA", c, timeperiod=7)["real"], talib.SMA(c, 7))
    np.testing.assert_array_equal(compute("SMA", c, {"timeperiod": "7"})["real"],
                                  talib.SMA(c, 7))
    u, m, lo = talib.BBANDS(c, 10, 1.5, 2.5, 1)
    got = compute("BBANDS", c, timeperiod=10, nbdevup=1.5, nbdevdn=2.5, matype=1)
    np.testing.assert_array_equal(got["upperband"], u)
    np.testing.assert_array_equal(got["lowerband"], lo)
    assert lookback("RSI", {"timeperiod": 30}) == 30


@pytest.mark.parametrize(("call", "fragment"), [
    (lambda: spec("NOPE"), "unknown indicator 'NOPE'"),
    (lambda: spec("RS"), "did you mean"),
    (lambda: spec(""), "empty"),
    (lambda: resolve_params("RSI", {"period": 14}), "RSI: unknown parameter 'period'"),
    (lambda: resolve_params("RSI", {"timeperiod": 14.5}), "'timeperiod' must be an integer"),
    (lambda: resolve_params("RSI", {"timeperiod": "abc"}), "'timeperiod' must be a number"),
    (lambda: resolve_params("RSI", {"timeperiod": -3}), "'timeperiod'"),
    (lambda: resolve_params("RSI", {"timeperiod": True}), "'timeperiod' must be a number"),
    (lambda: resolve_params("BBANDS", {"matype": 99}), "'matype' must be a moving-average"),
    (lambda: resolve_params("BBANDS", {"nbdevup": float("nan")}), "'nbdevup' must be finite"),
    (lambda: compute("RSI", DATA["close"], timeperiod=1), "RSI: TA-Lib rejected"),
    (lambda: compute("ATR", {"high": DATA["high"], "low": DATA["low"]}),
     "ATR: missing input 'close'"),
    (lambda: compute("ATR", DATA["close"]), "ATR: needs inputs high, low, close"),
    (lambda: compute("SMA", np.array([1.0, np.nan, 2.0])),
     "SMA: input 'close' has a NaN value at index 1"),
    (lambda: compute("SMA", np.array([1.0, np.inf])), "infinite value at index 1"),
    (lambda: compute("SMA", np.array([])), "SMA: the input series is empty"),
    (lambda: compute("ATR", {"high": DATA["high"], "low": DATA["low"][:-1],
                             "close": DATA["close"]}), "input 'low' has 399 values"),
    (lambda: list_indicators("nope"), "unknown indicator group"),
])
def test_errors_name_the_problem(call, fragment):
    with pytest.raises(IndicatorError) as exc:
        call()
    assert fragment in str(exc.value)


def test_error_carries_indicator_and_parameter():
    with pytest.raises(IndicatorError) as exc:
        resolve_params("MACD", {"slowperiod": 2.5})
    assert exc.value.indicator == "MACD" and exc.value.parameter == "slowperiod"


def test_short_series_gives_nan_inside_the_lookback():
    out = compute("SMA", DATA["close"][:3], timeperiod=5)["real"]
    assert out.shape == (3,) and np.isnan(out).all()
