"""Candlestick patterns on crafted candles, support/resistance on a crafted series, and the
multi-timeframe bar roll-up."""

from __future__ import annotations

import numpy as np
import pytest
from omni_quant.indicators import IndicatorError
from omni_quant.indicators.aggregate import OHLCV, BarAggregator, timeframe_seconds
from omni_quant.indicators.patterns import PATTERNS, detect_candles, support_resistance


def trend(n=20, start=100.0, step=-0.5):
    o, h, lo, c = [], [], [], []
    p = start
    for _ in range(n):
        cl = p + step
        o.append(p)
        c.append(cl)
        h.append(max(p, cl) + 0.2)
        lo.append(min(p, cl) - 0.2)
        p = cl
    return o, h, lo, c


def arr(*cols):
    return [np.asarray(x, dtype=np.float64) for x in cols]


def last_bar(matches, n):
    return {m.pattern: m for m in matches if m.index == n - 1}


def test_61_patterns():
    assert len(PATTERNS) == 61 and all(p.startswith("CDL") for p in PATTERNS)


def test_bullish_engulfing_after_a_decline():
    o, h, lo, c = trend(step=-0.5)
    p = c[-1]
    o += [p, p - 1.2]
    c += [p - 1.0, p + 0.5]
    h += [p + 0.1, p + 0.6]
    lo += [p - 1.1, p - 1.3]
    ms = last_bar(detect_candles(*arr(o, h, lo, c), last=1), len(c))
    m = ms["CDLENGULFING"]
    assert m.direction == 1 and m.raw == 100 and m.bars == 2
    assert m.confidence >= 0.65  # a reversal where one is due


def test_bearish_engulfing_after_a_rally():
    o, h, lo, c = trend(step=0.5)
    p = c[-1]
    o += [p, p + 1.2]
    c += [p + 1.0, p - 0.5]
    h += [p + 1.1, p + 1.3]
    lo += [p - 0.1, p - 0.6]
    m = last_bar(detect_candles(*arr(o, h, lo, c)), len(c))["CDLENGULFING"]
    assert m.direction == -1


def test_doji_and_hammer():
    o, h, lo, c = trend(step=0.0)
    o = list(np.asarray(o) + np.tile([0, 1.0], 10))
    c = list(np.asarray(c) + np.tile([1.0, 0], 10))
    h = list(np.maximum(o, c) + 0.2)
    lo = list(np.minimum(o, c) - 0.2)
    o.append(100.0)
    c.append(100.01)
    h.append(100.8)
    lo.append(99.2)
    assert "CDLDOJI" in last_bar(detect_candles(*arr(o, h, lo, c)), len(c))

    o, h, lo, c = trend(step=-0.5)
    p = c[-1] - 0.3
    o.append(p)
    c.append(p + 0.15)
    h.append(p + 0.17)
    lo.append(p - 1.5)
    m = last_bar(detect_candles(*arr(o, h, lo, c), patterns=["cdlhammer"]), len(c))
    assert m["CDLHAMMER"].direction == 1


def test_three_white_soldiers_and_volume_confirmation():
    o, h, lo, c = trend(step=-0.5)
    p = c[-1]
    for k in range(3):
        o.append(p + k - 0.2 if k else p)
        c.append(p + k + 1.0)
        h.append(p + k + 1.02)
        lo.append(o[-1] - 0.02)
    v = [1000.0] * (len(c) - 1) + [5000.0]
    m = last_bar(detect_candles(*arr(o, h, lo, c, v)), len(c))["CDL3WHITESOLDIERS"]
    assert m.direction == 1 and m.bars == 3
    m2 = last_bar(detect_candles(*arr(o, h, lo, c)), len(c))["CDL3WHITESOLDIERS"]
    assert m.confidence == pytest.approx(m2.confidence + 0.1)


def test_quiet_trend_has_no_engulfing_and_bad_input_is_named():
    o, h, lo, c = trend(step=0.3)
    assert not [m for m in detect_candles(*arr(o, h, lo, c)) if m.pattern == "CDLENGULFING"]
    with pytest.raises(IndicatorError, match="unknown candlestick pattern 'CDLNOPE'"):
        detect_candles(*arr(o, h, lo, c), patterns=["CDLNOPE"])
    bad = list(c)
    bad[3] = float("nan")
    with pytest.raises(IndicatorError, match="input 'close' has a NaN value at index 3"):
        detect_candles(*arr(o, h, lo, bad))


def test_support_and_resistance_levels_with_touch_counts():
    # a range between ~90 and ~110 touched three times each, then price in the middle
    rng = np.random.default_rng(0)
    legs = [100, 110, 90, 110, 90, 110, 90, 100]
    c = np.concatenate([np.linspace(a, b, 15, endpoint=False) for a, b in
                        zip(legs[:-1], legs[1:], strict=True)] + [[100.0]])
    c = c + rng.normal(0, 0.05, c.shape[0])
    h = c + 0.3
    lo = c - 0.3
    levels = support_resistance(h, lo, c, order=3)
    res = [lv for lv in levels if lv.kind == "resistance"]
    sup = [lv for lv in levels if lv.kind == "support"]
    assert res and sup
    assert abs(res[0].price - 110.3) < 0.5 and res[0].touches == 3
    assert abs(sup[0].price - 89.7) < 0.5 and sup[0].touches == 3
    assert all(0 < lv.strength <= 1 for lv in levels)
    assert res[0].first_index < res[0].last_index
    assert support_resistance(h[:5], lo[:5], c[:5]) == []


def test_aggregator_rolls_one_minute_bars_up():
    agg = BarAggregator(["5m", "15m"])
    closed = []
    t0 = 1_767_225_600  # 2026-01-01 00:00 UTC, aligned
    for i in range(31):
        p = 100.0 + i
        closed += agg.add(OHLCV(t0 + 60 * i, t0 + 60 * (i + 1), p, p + 2, p - 1, p + 0.5, 10.0))
    fives = [b for tf, b in closed if tf == "5m"]
    fifteens = [b for tf, b in closed if tf == "15m"]
    assert len(fives) == 6 and len(fifteens) == 2
    b = fives[0]
    assert (b.start, b.end, b.open, b.high, b.low, b.close, b.volume) == \
        (t0, t0 + 300, 100.0, 106.0, 99.0, 104.5, 50.0)
    assert fifteens[1].open == 115.0 and fifteens[1].close == 129.5
    late = agg.flush(t0 + 60 * 40)
    assert [tf for tf, _ in late] == ["5m"]  # the open 15m bar ends at 45 minutes
    assert timeframe_seconds("1d") == 86_400
    with pytest.raises(ValueError, match="bad timeframe"):
        timeframe_seconds("7x")


def _path(legs, k=12):
    c = np.concatenate([np.linspace(a, b, k, endpoint=False)
                        for a, b in zip(legs[:-1], legs[1:], strict=True)] + [[legs[-1]]])
    return c + 0.3, c - 0.3, c


@pytest.mark.parametrize(("legs", "pattern", "direction"), [
    ([100, 110, 102, 110, 95], "double_top", -1),
    ([110, 100, 108, 100, 115], "double_bottom", 1),
    ([100, 108, 102, 112, 102, 108, 96], "head_and_shoulders", -1),
    ([110, 102, 108, 98, 108, 102, 114], "inverse_head_and_shoulders", 1),
])
def test_chart_patterns_confirmed_on_the_neckline_break(legs, pattern, direction):
    from omni_quant.indicators.patterns import chart_patterns

    h, lo, c = _path(legs)
    ms = chart_patterns(h, lo, c)
    assert [m.pattern for m in ms] == [pattern]
    m = ms[0]
    assert m.direction == direction and 0.5 <= m.confidence <= 1
    # the break is the first close through the neckline after the last peak
    below = c < m.neckline if direction < 0 else c > m.neckline
    assert m.end_index == int(np.flatnonzero(below[m.start_index + 24:])[0]) + m.start_index + 24


def test_no_chart_pattern_in_a_steady_trend_or_unbroken_neckline():
    from omni_quant.indicators.patterns import chart_patterns

    assert chart_patterns(*_path([100, 105, 110, 115, 120])) == []
    assert chart_patterns(*_path([100, 110, 102, 110, 104])) == []  # neckline holds
