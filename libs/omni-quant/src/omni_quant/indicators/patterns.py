"""Candlestick patterns (TA-Lib's 61 CDL functions) and support / resistance levels.

    detect_candles(o, h, l, c, v)      -> [CandleMatch(pattern, index, direction, confidence)]
    chart_patterns(h, l, c)            -> [ChartMatch(double_top | double_bottom |
                                           head_and_shoulders | inverse_..., confirmed)]
    support_resistance(h, l, c)        -> [Level(price, kind, touches, strength, first, last)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from omni_quant.indicators.registry import IndicatorError, names, validate_series

__all__ = ["PATTERNS", "CHART_PATTERNS", "CandleMatch", "ChartMatch", "Level",
           "chart_patterns", "detect_candles", "swing_points", "support_resistance"]


def _patterns() -> tuple[str, ...]:
    return tuple(n for n in names() if n.startswith("CDL"))


PATTERNS: tuple[str, ...] = _patterns()
CHART_PATTERNS: tuple[str, ...] = ("double_top", "double_bottom", "head_and_shoulders",
                                   "inverse_head_and_shoulders")


@dataclass(frozen=True, slots=True)
class CandleMatch:
    pattern: str
    index: int  # bar on which the pattern completes
    direction: int  # +1 bullish, -1 bearish
    confidence: float  # 0..1
    raw: int  # TA-Lib's value: +-100, +-200 when confirmed
    bars: int  # candles the pattern spans (best effort: 1..5)


_SPAN = {  # candles in the pattern (TA-Lib docs); default 1
    "CDL2CROWS": 3, "CDL3BLACKCROWS": 3, "CDL3INSIDE": 3, "CDL3LINESTRIKE": 4,
    "CDL3OUTSIDE": 3, "CDL3STARSINSOUTH": 3, "CDL3WHITESOLDIERS": 3, "CDLABANDONEDBABY": 3,
    "CDLADVANCEBLOCK": 3, "CDLBREAKAWAY": 5, "CDLCONCEALBABYSWALL": 4, "CDLCOUNTERATTACK": 2,
    "CDLDARKCLOUDCOVER": 2, "CDLDOJISTAR": 2, "CDLENGULFING": 2, "CDLEVENINGDOJISTAR": 3,
    "CDLEVENINGSTAR": 3, "CDLGAPSIDESIDEWHITE": 3, "CDLHARAMI": 2, "CDLHARAMICROSS": 2,
    "CDLHIKKAKE": 3, "CDLHIKKAKEMOD": 4, "CDLHOMINGPIGEON": 2, "CDLIDENTICAL3CROWS": 3,
    "CDLINNECK": 2, "CDLKICKING": 2, "CDLKICKINGBYLENGTH": 2, "CDLLADDERBOTTOM": 5,
    "CDLMATCHINGLOW": 2, "CDLMATHOLD": 5, "CDLMORNINGDOJISTAR": 3, "CDLMORNINGSTAR": 3,
    "CDLONNECK": 2, "CDLPIERCING": 2, "CDLRISEFALL3METHODS": 5, "CDLSEPARATINGLINES": 2,
    "CDLSTICKSANDWICH": 3, "CDLTASUKIGAP": 3, "CDLTHRUSTING": 2, "CDLTRISTAR": 3,
    "CDLUNIQUE3RIVER": 3, "CDLUPSIDEGAP2CROWS": 3, "CDLXSIDEGAP3METHODS": 3,
}


def detect_candles(open_: Sequence[float], high: Sequence[float], low: Sequence[float],
                   close: Sequence[float], volume: Sequence[float] | None = None, *,
                   patterns: Iterable[str] | None = None, last: int | None = None,
                   trend_bars: int = 10) -> list[CandleMatch]:
    """Run the CDL functions; return non-zero results (the last `last` bars only if given).

    Confidence: 0.5 for a plain match, +0.2 when TA-Lib reports it confirmed (|200|), +0.15
    when the preceding `trend_bars` moved against the pattern (a reversal where one is due),
    +0.1 when the bar's volume is above its 20-bar average; capped at 1."""
    import talib

    wanted = [p.upper() for p in patterns] if patterns else list(PATTERNS)
    unknown = [p for p in wanted if p not in PATTERNS]
    if unknown:
        raise IndicatorError(f"unknown candlestick pattern {unknown[0]!r}",
                             indicator=unknown[0])
    o = validate_series("patterns", "open", open_)
    n = o.shape[0]
    h = validate_series("patterns", "high", high, n)
    lw = validate_series("patterns", "low", low, n)
    c = validate_series("patterns", "close", close, n)
    v = validate_series("patterns", "volume", volume, n) if volume is not None else None
    if n == 0:
        return []
    start = 0 if last is None else max(0, n - last)
    vol_avg = None
    if v is not None and n >= 2:
        vol_avg = talib.SMA(v, timeperiod=min(20, n))
    out: list[CandleMatch] = []
    for name in wanted:
        res = getattr(talib, name)(o, h, lw, c)
        hits = np.flatnonzero(res[start:]) + start
        for i in hits:
            raw = int(res[i])
            d = 1 if raw > 0 else -1
            conf = 0.5 + (0.2 if abs(raw) >= 200 else 0.0)
            span = _SPAN.get(name, 1)
            j = i - span + 1 - trend_bars
            if j >= 0:
                move = c[i - span] - c[j] if i - span >= 0 else 0.0
                if move * d < 0:  # bullish pattern after a decline, bearish after a rally
                    conf += 0.15
            if vol_avg is not None and not np.isnan(vol_avg[i]) and v[i] > vol_avg[i]:
                conf += 0.1
            out.append(CandleMatch(name, int(i), d, min(1.0, conf), raw, span))
    out.sort(key=lambda m: (m.index, m.pattern))
    return out


@dataclass(frozen=True, slots=True)
class Level:
    price: float
    kind: str  # "support" (below the last close) or "resistance" (above)
    touches: int  # swing points in the cluster
    strength: float  # 0..1: touches and recency
    first_index: int
    last_index: int


def swing_points(high: np.ndarray, low: np.ndarray, order: int = 3
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Indices of swing highs (a high strictly above the `order` bars on each side, ties to
    the left allowed) and swing lows."""
    n = high.shape[0]
    sh: list[int] = []
    sl: list[int] = []
    for i in range(order, n - order):
        hi = high[i]
        if hi > high[i + 1: i + order + 1].max() and hi >= high[i - order: i].max():
            sh.append(i)
        lo = low[i]
        if lo < low[i + 1: i + order + 1].min() and lo <= low[i - order: i].min():
            sl.append(i)
    return np.asarray(sh, dtype=np.int64), np.asarray(sl, dtype=np.int64)


def support_resistance(high: Sequence[float], low: Sequence[float], close: Sequence[float], *,
                       order: int = 3, tolerance: float | None = None, min_touches: int = 2,
                       max_levels: int = 10) -> list[Level]:
    """Support and resistance levels: swing highs and lows clustered by price.

    Pivots within `tolerance` (default: half the median bar range, at least 0.1 % of price)
    of a cluster's mean join it; a level needs `min_touches` pivots. Sorted by strength."""
    h = validate_series("support_resistance", "high", high)
    n = h.shape[0]
    lw = validate_series("support_resistance", "low", low, n)
    c = validate_series("support_resistance", "close", close, n)
    if n < 2 * order + 1:
        return []
    if tolerance is None:
        tolerance = max(0.5 * float(np.median(h - lw)), 0.001 * float(np.median(c)))
    if tolerance <= 0:
        raise IndicatorError("support_resistance: tolerance must be positive",
                             parameter="tolerance")
    sh, sl = swing_points(h, lw, order)
    pivots = sorted([(float(h[i]), int(i)) for i in sh] + [(float(lw[i]), int(i)) for i in sl])
    clusters: list[list[tuple[float, int]]] = []
    for p in pivots:  # sorted by price: greedy single pass
        if clusters and abs(p[0] - np.mean([x[0] for x in clusters[-1]])) <= tolerance:
            clusters[-1].append(p)
        else:
            clusters.append([p])
    last_close = float(c[-1])
    levels: list[Level] = []
    for cl in clusters:
        if len(cl) < min_touches:
            continue
        price = float(np.mean([x[0] for x in cl]))
        idx = [x[1] for x in cl]
        recency = (max(idx) + 1) / n
        strength = min(1.0, (len(cl) / (len(cl) + 2)) * (0.5 + 0.5 * recency) * 1.5)
        levels.append(Level(price, "support" if price <= last_close else "resistance",
                            len(cl), strength, min(idx), max(idx)))
    levels.sort(key=lambda lv: (-lv.strength, lv.price))
    return levels[:max_levels]


@dataclass(frozen=True, slots=True)
class ChartMatch:
    pattern: str  # double_top, double_bottom, head_and_shoulders, inverse_head_and_shoulders
    start_index: int  # first peak/trough
    end_index: int  # the bar whose close broke the neckline
    direction: int  # +1 bullish, -1 bearish
    confidence: float
    neckline: float


def chart_patterns(high: Sequence[float], low: Sequence[float], close: Sequence[float], *,
                   order: int = 3, tolerance: float | None = None) -> list[ChartMatch]:
    """Double tops/bottoms and (inverse) head and shoulders from consecutive swing points,
    reported when a close breaks the neckline (confirmed patterns only).

    Peaks "match" within `tolerance` (default: the median bar range, at least 0.2 % of price);
    the pattern must be deeper than 2 tolerances. Confidence grows with depth relative to the
    tolerance and with how evenly matched the peaks are."""
    h = validate_series("chart_patterns", "high", high)
    n = h.shape[0]
    lw = validate_series("chart_patterns", "low", low, n)
    c = validate_series("chart_patterns", "close", close, n)
    if n < 4 * order + 2:
        return []
    if tolerance is None:
        tolerance = max(float(np.median(h - lw)), 0.002 * float(np.median(c)))
    tol = float(tolerance)
    sh, sl = swing_points(h, lw, order)
    out: list[ChartMatch] = []

    def brk(after: int, level: float, below: bool) -> int | None:
        for j in range(after + 1, n):
            if (c[j] < level) if below else (c[j] > level):
                return j
        return None

    def conf(depth: float, mismatch: float) -> float:
        return float(min(0.95, 0.5 + 0.1 * min(depth / tol, 4.0) - 0.2 * mismatch / tol))

    for tops, pivots, ext, sign in ((True, sh, h, -1), (False, sl, lw, 1)):
        far = lw if tops else h  # the opposite extreme between two peaks: the neckline
        for a, b in zip(pivots[:-1], pivots[1:], strict=True):
            pa, pb = float(ext[a]), float(ext[b])
            if abs(pa - pb) > tol:
                continue
            neck = float(far[a: b + 1].min() if tops else far[a: b + 1].max())
            depth = (min(pa, pb) - neck) if tops else (neck - max(pa, pb))
            if depth < 2 * tol:
                continue
            j = brk(b, neck, below=tops)
            if j is not None and (j - b) <= 3 * (b - a):
                out.append(ChartMatch("double_top" if tops else "double_bottom", int(a), j,
                                      sign, conf(depth, abs(pa - pb)), neck))
        for a, m, b in zip(pivots[:-2], pivots[1:-1], pivots[2:], strict=True):
            pa, pm, pb = float(ext[a]), float(ext[m]), float(ext[b])
            if abs(pa - pb) > tol:
                continue
            if tops and not (pm - max(pa, pb) > tol):
                continue
            if not tops and not (min(pa, pb) - pm > tol):
                continue
            neck = float(far[a: b + 1].min() if tops else far[a: b + 1].max())
            depth = (min(pa, pb) - neck) if tops else (neck - max(pa, pb))
            if depth < tol:
                continue
            j = brk(b, neck, below=tops)
            if j is not None and (j - b) <= (b - a):
                out.append(ChartMatch("head_and_shoulders" if tops
                                      else "inverse_head_and_shoulders", int(a), j, sign,
                                      conf(depth + abs(pm - pa), abs(pa - pb)), neck))
    out.sort(key=lambda x: (x.end_index, x.pattern))
    return out
