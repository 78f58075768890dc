"""From indicator values to one filtered, scored signal.

1. `vote(indicator, values, close)`: a raw score in [-1, 1] (+ long, - short) for the common
   indicators (RSI, MACD, BBANDS, STOCH, CCI, WILLR, MOM/ROC*, moving averages, MFI, CMO,
   AROONOSC, SAR, ...), None for those without a directional reading (ADX, cycle and
   volatility measures).
2. `combine(votes, timeframe_weights, regime)`: weighted mean per timeframe, then across
   timeframes; agreement = |sum w s| / sum w |s|; confidence = strength x agreement x regime
   factor (trend-following votes count more in a trending regime, oscillators in a ranging
   one; high volatility cuts confidence).
3. `SignalFilter`: hysteresis (enter above `enter`, leave below `exit`), a minimum confidence,
   `confirm` consecutive bars before a change and `min_hold` bars after one, so the published
   direction does not flip every bar.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["Vote", "Combined", "vote", "combine", "SignalFilter", "FilterState",
           "TREND_FOLLOWING", "OSCILLATORS", "DEFAULT_TIMEFRAME_WEIGHTS"]

LONG, SHORT, FLAT = 1, -1, 0

TREND_FOLLOWING = {"SMA", "EMA", "WMA", "DEMA", "TEMA", "KAMA", "T3", "TRIMA", "MA", "HMA",
                   "ZLEMA", "MACD", "MACDFIX", "MACDEXT", "PPO", "APO", "ADX", "DX",
                   "AROONOSC", "MOM", "ROC", "ROCP", "ROCR", "ROCR100", "TRIX",
                   "LINEARREG_SLOPE", "SUPERTREND", "SAR", "HT_TRENDLINE", "TSF", "LINEARREG"}
OSCILLATORS = {"RSI", "STOCH", "STOCHF", "STOCHRSI", "CCI", "WILLR", "MFI", "CMO", "BBANDS",
               "ULTOSC", "KDJ"}
DEFAULT_TIMEFRAME_WEIGHTS = {"1m": 0.5, "5m": 0.75, "15m": 1.0, "1h": 1.25, "4h": 1.4,
                             "1d": 1.5}


@dataclass(frozen=True, slots=True)
class Vote:
    indicator: str
    timeframe: str
    score: float  # -1 .. +1
    weight: float = 1.0


def _clip(x: float) -> float:
    return max(-1.0, min(1.0, x))


def _ok(*xs: float | None) -> bool:
    return all(x is not None and not math.isnan(x) for x in xs)


def vote(indicator: str, values: Mapping[str, float], close: float | None = None) -> float | None:
    """A directional reading of one indicator's latest values, or None."""
    name = indicator.upper()
    v = values.get
    r = v("real")
    if name in {"RSI", "CMO", "MFI"}:
        if not _ok(r):
            return None
        if name == "CMO":
            return _clip(-r / 50.0) if abs(r) > 50 else _clip(-r / 100.0)
        # oversold (<30) long, overbought (>70) short; mild lean inside
        return _clip((50.0 - r) / 20.0) if (r < 30 or r > 70) else _clip((50.0 - r) / 60.0)
    if name in {"STOCH", "STOCHF", "STOCHRSI", "KDJ"}:
        k = v("slowk", v("fastk", v("k")))
        d = v("slowd", v("fastd", v("d")))
        if not _ok(k, d):
            return None
        level = (50.0 - k) / 30.0 if (k < 20 or k > 80) else (50.0 - k) / 100.0
        cross = 0.3 if k > d else -0.3
        return _clip(level + cross * (1 if k < 50 else 0.5))
    if name == "WILLR":
        if not _ok(r):
            return None
        return _clip((-50.0 - r) / 30.0)
    if name == "CCI":
        return _clip(-r / 200.0) if _ok(r) else None
    if name == "ULTOSC":
        return _clip((50.0 - r) / 20.0) if _ok(r) else None
    if name == "BBANDS":
        u, m, lo = v("upperband"), v("middleband"), v("lowerband")
        if not _ok(u, m, lo, close) or u == lo:
            return None
        pct_b = (close - lo) / (u - lo)  # 0 at the lower band, 1 at the upper
        return _clip((0.5 - pct_b) * 2.0)  # mean reversion
    if name in {"MACD", "MACDEXT", "MACDFIX"}:
        m, s, h = v("macd"), v("macdsignal"), v("macdhist")
        if not _ok(m, s, h) or not _ok(close) or close == 0:
            return None
        scale = abs(close) * 0.002
        return _clip(0.6 * math.tanh(h / scale) + 0.4 * math.tanh(m / scale))
    if name in {"PPO", "APO", "TRIX", "ROC", "ROCP", "MOM", "ROCR", "ROCR100", "AROONOSC",
                "LINEARREG_SLOPE"}:
        if not _ok(r):
            return None
        x = {"PPO": r / 1.0, "TRIX": r / 0.05, "ROC": r / 1.0, "ROCP": r / 0.01,
             "ROCR": (r - 1.0) / 0.01, "ROCR100": (r - 100.0) / 1.0, "AROONOSC": r / 50.0}
        if name in x:
            return _clip(math.tanh(x[name]))
        if not _ok(close) or close == 0:
            return None
        return _clip(math.tanh(r / (abs(close) * 0.01)))  # MOM, APO, slope in price units
    if name in {"SMA", "EMA", "WMA", "DEMA", "TEMA", "KAMA", "T3", "TRIMA", "MA", "HMA",
                "ZLEMA", "HT_TRENDLINE", "TSF", "LINEARREG", "MIDPOINT", "VWMA"}:
        if not _ok(r, close) or r == 0:
            return None
        return _clip(math.tanh((close - r) / (abs(r) * 0.005)))
    if name in {"ADX", "DX"}:
        return None  # strength without direction: used through PLUS_DI/MINUS_DI
    if name == "SAR":
        if not _ok(r, close):
            return None
        return 0.7 if close > r else -0.7
    if name == "SUPERTREND":
        vals = [x for x in values.values() if _ok(x)]
        if not vals or not _ok(close):
            return None
        return 0.7 if close > vals[0] else -0.7
    return None


@dataclass(frozen=True, slots=True)
class Combined:
    score: float  # -1 .. +1
    confidence: float  # 0 .. 1
    agreement: float  # 0 .. 1
    components: dict[str, tuple[float, float]] = field(default_factory=dict)  # tf: (score, w)


def combine(votes: Iterable[Vote], timeframe_weights: Mapping[str, float] | None = None,
            regime: str | None = None) -> Combined:
    """`regime`: "trending_up", "trending_down", "ranging", "high_volatility",
    "low_volatility" or None."""
    tw = dict(DEFAULT_TIMEFRAME_WEIGHTS)
    tw.update(timeframe_weights or {})
    by_tf: dict[str, list[tuple[float, float]]] = {}
    for vt in votes:
        if vt.score is None or math.isnan(vt.score) or vt.weight <= 0:
            continue
        w = vt.weight
        name = vt.indicator.upper()
        if regime in ("trending_up", "trending_down"):
            w *= 1.5 if name in TREND_FOLLOWING else (0.6 if name in OSCILLATORS else 1.0)
            # counter-trend readings are discounted
            if (regime == "trending_up" and vt.score < 0) or \
               (regime == "trending_down" and vt.score > 0):
                w *= 0.7
        elif regime == "ranging":
            w *= 1.5 if name in OSCILLATORS else (0.6 if name in TREND_FOLLOWING else 1.0)
        by_tf.setdefault(vt.timeframe, []).append((_clip(vt.score), w))
    if not by_tf:
        return Combined(0.0, 0.0, 0.0, {})
    comps: dict[str, tuple[float, float]] = {}
    num = den = absnum = 0.0
    for tf, vs in by_tf.items():
        wsum = sum(w for _, w in vs)
        s = sum(x * w for x, w in vs) / wsum
        tfw = tw.get(tf, 1.0)
        comps[tf] = (s, tfw)
        for x, w in vs:
            num += x * w * tfw / wsum
            absnum += abs(x) * w * tfw / wsum
        den += tfw
    score = _clip(num / den)
    agreement = abs(num) / absnum if absnum > 0 else 0.0
    conf = min(1.0, abs(score) * 1.5) * agreement
    if regime == "high_volatility":
        conf *= 0.7
    elif regime == "low_volatility":
        conf *= 1.05
    return Combined(score, max(0.0, min(1.0, conf)), agreement, comps)


@dataclass(slots=True)
class FilterState:
    direction: int = FLAT  # the published, filtered direction
    pending: int = FLAT
    pending_count: int = 0
    held: int = 0  # bars since the last change
    changed: bool = False


class SignalFilter:
    """Hysteresis + minimum confidence + confirmation + minimum hold."""

    def __init__(self, enter: float = 0.3, exit: float = 0.1, min_confidence: float = 0.3,
                 confirm: int = 2, min_hold: int = 3) -> None:
        if not 0 <= exit <= enter <= 1:
            raise ValueError("need 0 <= exit <= enter <= 1")
        self.enter, self.exit = enter, exit
        self.min_confidence, self.confirm, self.min_hold = min_confidence, confirm, min_hold
        self.state = FilterState(held=min_hold)

    def _wanted(self, score: float, confidence: float) -> int:
        cur = self.state.direction
        if cur == LONG and score > self.exit:
            return LONG  # stay long until the score falls through the exit band
        if cur == SHORT and score < -self.exit:
            return SHORT
        if confidence >= self.min_confidence:
            if score >= self.enter:
                return LONG
            if score <= -self.enter:
                return SHORT
        return FLAT

    def update(self, score: float, confidence: float) -> int:
        st = self.state
        st.changed = False
        st.held += 1
        want = self._wanted(score, confidence)
        if want == st.direction:
            st.pending, st.pending_count = FLAT, 0
            return st.direction
        if want == st.pending:
            st.pending_count += 1
        else:
            st.pending, st.pending_count = want, 1
        if st.pending_count >= self.confirm and st.held >= self.min_hold:
            st.direction = want
            st.pending, st.pending_count, st.held = FLAT, 0, 0
            st.changed = True
        return st.direction
