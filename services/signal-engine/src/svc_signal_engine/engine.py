"""The engine behind the service: per instrument and timeframe a bounded bar history and the
streaming indicators; on every closed bar it emits IndicatorSignal / PatternDetected events,
updates the multi-timeframe score and its filter (ScoredSignal on base-timeframe bars), and
says when a regime refit is due (the fit itself runs off the event loop, see `fit_regimes`).

No I/O: `on_bar` returns the events to publish; the app publishes them.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2
from omni.signal_engine.v1 import events_pb2 as ev
from omni.signal_engine.v1 import signal_engine_service_pb2 as pb
from omni_core.ids import new_id
from omni_quant.indicators import resolve_params, spec, stream
from omni_quant.indicators.aggregate import OHLCV, BarAggregator, timeframe_seconds
from omni_quant.indicators.combiner import Combined, SignalFilter, Vote, combine, vote
from omni_quant.indicators.patterns import chart_patterns, detect_candles

from svc_signal_engine import regimes as rg

__all__ = ["SignalEngine", "EngineConfig", "TF_TO_ENUM", "ENUM_TO_TF", "REGIME_TO_ENUM",
           "ts", "indicator_key"]

TF_TO_ENUM = {"1s": pb.TIMEFRAME_1S, "1m": pb.TIMEFRAME_1M, "5m": pb.TIMEFRAME_5M,
              "15m": pb.TIMEFRAME_15M, "1h": pb.TIMEFRAME_1H, "4h": pb.TIMEFRAME_4H,
              "1d": pb.TIMEFRAME_1D}
ENUM_TO_TF = {v: k for k, v in TF_TO_ENUM.items()}
REGIME_TO_ENUM = {rg.UP: pb.REGIME_TRENDING_UP, rg.DOWN: pb.REGIME_TRENDING_DOWN,
                  rg.RANGING: pb.REGIME_RANGING, rg.HIGH_VOL: pb.REGIME_HIGH_VOLATILITY,
                  rg.LOW_VOL: pb.REGIME_LOW_VOLATILITY, rg.STRESS: pb.REGIME_CORRELATION_STRESS,
                  rg.NORMAL: pb.REGIME_CORRELATION_NORMAL}
DIRECTION = {1: pb.SIGNAL_DIRECTION_LONG, -1: pb.SIGNAL_DIRECTION_SHORT,
             0: pb.SIGNAL_DIRECTION_NEUTRAL}


def ts(seconds: float) -> Timestamp:
    t = Timestamp()
    t.FromNanoseconds(int(round(seconds * 1e9)))
    return t


def indicator_key(name: str, params: dict[str, Any], tf: str) -> str:
    p = ",".join(f"{k}={params[k]}" for k in sorted(params))
    return f"{name}({p})@{tf}"


def _param_protos(params: dict[str, Any]) -> list[types_pb2.Parameter]:
    out = []
    for k, v in params.items():
        if isinstance(v, int):
            out.append(types_pb2.Parameter(name=k, int_value=v))
        else:
            out.append(types_pb2.Parameter(name=k, number_value=float(v)))
    return out


@dataclass
class EngineConfig:
    timeframes: list[str]
    indicators: list[tuple[str, dict[str, Any]]]
    history: int = 1000
    aggregate_from: str = ""
    patterns: bool = True
    regimes: bool = True
    regime_timeframe: str = ""
    regime_refit_bars: int = 50
    regime_min_bars: int = 120
    regime_window: int = 500
    trend_window: int = 100
    enter: float = 0.3
    exit: float = 0.1
    min_confidence: float = 0.3
    confirm_bars: int = 2
    min_hold_bars: int = 3
    publish_indicators: bool = True

    @classmethod
    def from_settings(cls, s: Any) -> EngineConfig:
        return cls(timeframes=s.timeframes, indicators=s.indicators, history=s.se_history,
                   aggregate_from=s.se_aggregate_from, patterns=s.se_patterns,
                   regimes=s.se_regimes, regime_timeframe=s.se_regime_timeframe,
                   regime_refit_bars=s.se_regime_refit_bars,
                   regime_min_bars=s.se_regime_min_bars, regime_window=s.se_regime_window,
                   trend_window=s.se_trend_window, enter=s.se_enter, exit=s.se_exit,
                   min_confidence=s.se_min_confidence, confirm_bars=s.se_confirm_bars,
                   min_hold_bars=s.se_min_hold_bars,
                   publish_indicators=s.se_publish_indicators)


class BarHistory:
    """The last `cap` closed bars of one instrument and timeframe."""

    __slots__ = ("cap", "start", "end", "open", "high", "low", "close", "volume")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.start: deque[float] = deque(maxlen=cap)
        self.end: deque[float] = deque(maxlen=cap)
        self.open: deque[float] = deque(maxlen=cap)
        self.high: deque[float] = deque(maxlen=cap)
        self.low: deque[float] = deque(maxlen=cap)
        self.close: deque[float] = deque(maxlen=cap)
        self.volume: deque[float] = deque(maxlen=cap)

    def add(self, b: OHLCV) -> None:
        self.start.append(b.start)
        self.end.append(b.end)
        self.open.append(b.open)
        self.high.append(b.high)
        self.low.append(b.low)
        self.close.append(b.close)
        self.volume.append(b.volume)

    def __len__(self) -> int:
        return len(self.close)

    def arrays(self, last: int | None = None) -> dict[str, np.ndarray]:
        def a(d: deque[float]) -> np.ndarray:
            x = np.fromiter(d, dtype=np.float64, count=len(d))
            return x[-last:] if last else x

        return {"start": a(self.start), "end": a(self.end), "open": a(self.open),
                "high": a(self.high), "low": a(self.low), "close": a(self.close),
                "volume": a(self.volume)}


@dataclass
class _Stream:
    key: str
    name: str
    params: dict[str, Any]
    tf: str
    st: Any
    values: dict[str, float] = field(default_factory=dict)
    score: float | None = None
    refs: set[str] = field(default_factory=set)  # "default" and subscription ids


@dataclass
class RegimeState:
    result: rg.RegimeResult
    since: float  # bar time the regime began
    fitted_at: float


@dataclass
class InstrumentState:
    instrument: str
    history: dict[str, BarHistory]
    last_start: dict[str, float]
    streams: dict[str, _Stream]
    filter: SignalFilter
    aggregator: BarAggregator | None = None
    combined: Combined | None = None
    direction: int = 0
    as_of: float = 0.0
    signal_id: str = ""
    regimes: dict[str, RegimeState] = field(default_factory=dict)
    bars_since_fit: int = 10**9
    fitting: bool = False


class SignalEngine:
    CHART_BARS = 200  # bars scanned for chart patterns on each close

    def __init__(self, config: EngineConfig) -> None:
        self.cfg = config
        self.tfs = sorted(config.timeframes, key=timeframe_seconds)
        self.base = self.tfs[0]
        self.regime_tf = config.regime_timeframe or self.base
        self.instruments: dict[str, InstrumentState] = {}
        self.subscriptions: dict[str, pb.Subscription] = {}
        self.correlation: RegimeState | None = None
        self.lock = threading.RLock()
        self.counts = {"bars": 0, "duplicates": 0, "rejected": 0, "indicator_signals": 0,
                       "patterns": 0, "scored": 0, "regime_changes": 0, "regime_fits": 0}
        for name, params in config.indicators:  # fail early on a bad default list
            resolve_params(name, params)

    def warm_up(self) -> None:
        """Run each configured indicator once on a few bars (compiles the numba kernels)."""
        x = np.linspace(100.0, 101.0, 64)
        data = {"open": x, "high": x + 0.5, "low": x - 0.5, "close": x, "volume": x}
        for name, params in self.cfg.indicators:
            st = stream(name, params)
            st.update_many(*[data[i] for i in st.inputs])
            st.update(*[float(data[i][-1]) for i in st.inputs])

    # state ---------------------------------------------------------------------------
    def state(self, instrument: str, create: bool = True) -> InstrumentState | None:
        st = self.instruments.get(instrument)
        if st is None and create:
            agg = None
            if self.cfg.aggregate_from:
                agg = BarAggregator([t for t in self.tfs if t != self.cfg.aggregate_from])
            st = InstrumentState(
                instrument, {tf: BarHistory(self.cfg.history) for tf in self.tfs}, {}, {},
                SignalFilter(self.cfg.enter, self.cfg.exit, self.cfg.min_confidence,
                             self.cfg.confirm_bars, self.cfg.min_hold_bars), agg)
            self.instruments[instrument] = st
            for tf in self.tfs:
                for name, params in self.cfg.indicators:
                    self._add_stream(st, name, params, tf, "default")
        return st

    def _add_stream(self, st: InstrumentState, name: str, params: dict[str, Any], tf: str,
                    ref: str) -> _Stream:
        s = spec(name)
        p = resolve_params(s.name, params)
        key = indicator_key(s.name, p, tf)
        cur = st.streams.get(key)
        if cur is None:
            cur = _Stream(key, s.name, p, tf, stream(s.name, p))
            h = st.history.get(tf)
            if h is not None and len(h):  # warm up from the bars already held
                a = h.arrays()
                out = cur.st.update_many(*[a[i] for i in s.inputs])
                cur.values = {k: float(v[-1]) for k, v in out.items()}
            st.streams[key] = cur
        cur.refs.add(ref)
        return cur

    # subscriptions -------------------------------------------------------------------
    def restore_subscription(self, sub: pb.Subscription) -> None:
        """Re-create a stored subscription (at start)."""
        specs = []
        for item in sub.indicators:
            params = {p.name: getattr(p, p.WhichOneof("value")) for p in item.parameters}
            specs.append((item.indicator, params, ENUM_TO_TF.get(item.timeframe, self.base)))
        self.subscribe(sub.instrument_id.value, specs, sub.patterns, sub.regimes, sub.owner,
                       subscription_id=sub.subscription_id,
                       created_at=sub.created_at.ToNanoseconds() / 1e9)

    def subscribe(self, instrument: str, specs: Iterable[tuple[str, dict[str, Any], str]],
                  patterns: bool, regimes: bool, owner: str, *,
                  subscription_id: str | None = None,
                  created_at: float | None = None) -> pb.Subscription:
        specs = list(specs)
        for name, params, tf in specs:  # validate everything before changing anything
            resolve_params(name, params)
            if tf not in self.tfs:
                raise ValueError(f"timeframe {tf} is not computed (configured: "
                                 f"{', '.join(self.tfs)})")
        with self.lock:
            sid = subscription_id or new_id()
            st = self.state(instrument)
            assert st is not None
            when = created_at if created_at is not None else datetime.now(UTC).timestamp()
            sub = pb.Subscription(subscription_id=sid,
                                  instrument_id=types_pb2.InstrumentId(value=instrument),
                                  patterns=patterns, regimes=regimes, owner=owner,
                                  created_at=ts(when))
            for name, params, tf in specs:
                s = self._add_stream(st, name, params, tf, sid)
                sub.indicators.append(pb.IndicatorSpec(indicator=s.name,
                                                       parameters=_param_protos(s.params),
                                                       timeframe=TF_TO_ENUM[tf]))
            self.subscriptions[sid] = sub
            return sub

    def unsubscribe(self, sid: str) -> bool:
        with self.lock:
            sub = self.subscriptions.pop(sid, None)
            if sub is None:
                return False
            st = self.instruments.get(sub.instrument_id.value)
            if st is not None:
                for key in list(st.streams):
                    s = st.streams[key]
                    s.refs.discard(sid)
                    if not s.refs:
                        del st.streams[key]
            return True

    # bars ----------------------------------------------------------------------------
    def on_bar(self, instrument: str, tf: str, start: float, end: float, o: float, h: float,
               lo: float, c: float, v: float) -> list[tuple[str, Any]]:
        """A closed bar from market-data. Returns [(key, event)] to publish."""
        if tf not in self.tfs:
            return []
        if self.cfg.aggregate_from and tf != self.cfg.aggregate_from:
            return []  # the larger frames are rolled up here
        vals = (o, h, lo, c, v)
        if not all(math.isfinite(x) for x in vals) or h < lo or end < start:
            self.counts["rejected"] += 1  # market-data validates; a bad bar never reaches
            return []  # the streams (one NaN would poison every recursive indicator)
        with self.lock:
            st = self.state(instrument)
            assert st is not None
            bar = OHLCV(start, end, o, h, lo, c, v)
            out = self._close(st, tf, bar)
            if st.aggregator is not None:
                for tf2, b2 in st.aggregator.add(bar):
                    out.extend(self._close(st, tf2, b2))
            return out

    def seed(self, instrument: str, tf: str, bars: Iterable[OHLCV]) -> int:
        """History from before the live stream (a backfill): bars go into the histories and
        the streams (and the roll-up) but emit nothing. Returns the bars taken."""
        n = 0
        with self.lock:
            st = self.state(instrument)
            assert st is not None
            for b in sorted(bars, key=lambda x: x.start):
                if not all(math.isfinite(x) for x in (b.open, b.high, b.low, b.close,
                                                      b.volume)) or b.high < b.low:
                    self.counts["rejected"] += 1
                    continue
                before = self.counts["bars"]
                self._close(st, tf, b, emit=False)
                if st.aggregator is not None and tf == self.cfg.aggregate_from:
                    for tf2, b2 in st.aggregator.add(b):
                        self._close(st, tf2, b2, emit=False)
                n += self.counts["bars"] > before
        return n

    def _close(self, st: InstrumentState, tf: str, bar: OHLCV,
               emit: bool = True) -> list[tuple[str, Any]]:
        last = st.last_start.get(tf)
        if last is not None and bar.start <= last:
            self.counts["duplicates"] += 1  # redelivery or replay: idempotent
            return []
        st.last_start[tf] = bar.start
        st.history[tf].add(bar)
        self.counts["bars"] += 1
        out: list[tuple[str, Any]] = []
        iid = types_pb2.InstrumentId(value=st.instrument)
        t_end = ts(bar.end)
        inputs = {"open": bar.open, "high": bar.high, "low": bar.low, "close": bar.close,
                  "volume": bar.volume}
        for s in st.streams.values():
            if s.tf != tf:
                continue
            r = s.st.update(*[inputs[i] for i in s.st.inputs])
            r = r if isinstance(r, tuple) else (r,)
            s.values = dict(zip(s.st.outputs, (float(x) for x in r), strict=True))
            if any(math.isnan(x) for x in s.values.values()):
                s.score = None
                continue
            s.score = vote(s.name, s.values, bar.close)
            if emit and self.cfg.publish_indicators:
                score = s.score or 0.0
                d = 1 if score > 0.05 else (-1 if score < -0.05 else 0)
                out.append((st.instrument, ev.IndicatorSignal(
                    instrument_id=iid, indicator=s.name, parameters=_param_protos(s.params),
                    timeframe=TF_TO_ENUM[tf], values=s.values, direction=DIRECTION[d],
                    strength=score, event_time=t_end)))
                self.counts["indicator_signals"] += 1
        if emit and self.cfg.patterns:
            h = st.history[tf].arrays(last=40)
            for m in detect_candles(h["open"], h["high"], h["low"], h["close"], h["volume"],
                                    last=1):
                first = max(0, m.index - m.bars + 1)
                out.append((st.instrument, ev.PatternDetected(
                    instrument_id=iid, timeframe=TF_TO_ENUM[tf], event_time=t_end,
                    match=pb.PatternMatch(pattern=m.pattern, direction=DIRECTION[m.direction],
                                          confidence=m.confidence,
                                          start_time=ts(h["start"][first]),
                                          end_time=ts(h["end"][m.index])))))
                self.counts["patterns"] += 1
            h = st.history[tf].arrays(last=self.CHART_BARS)
            n = h["close"].shape[0]
            for cm in chart_patterns(h["high"], h["low"], h["close"]):
                if cm.end_index != n - 1:
                    continue
                out.append((st.instrument, ev.PatternDetected(
                    instrument_id=iid, timeframe=TF_TO_ENUM[tf], event_time=t_end,
                    match=pb.PatternMatch(pattern=cm.pattern, direction=DIRECTION[cm.direction],
                                          confidence=cm.confidence,
                                          start_time=ts(h["start"][cm.start_index]),
                                          end_time=ts(h["end"][cm.end_index])))))
                self.counts["patterns"] += 1
        # the multi-timeframe score, filtered on base-timeframe bars
        regime = self._regime_label(st)
        votes = [Vote(s.name, s.tf, s.score) for s in st.streams.values() if s.score is not None]
        st.combined = combine(votes, regime=regime)
        if tf == self.base:
            prev = st.direction
            st.direction = st.filter.update(st.combined.score, st.combined.confidence)
            if st.direction != prev or not st.signal_id:
                st.signal_id = new_id()
            st.as_of = bar.end
            if emit:
                out.append((st.instrument, self.scored_event(st)))
                self.counts["scored"] += 1
        if tf == self.regime_tf:
            st.bars_since_fit += 1
        return out

    def _regime_label(self, st: InstrumentState) -> str | None:
        vol = st.regimes.get("volatility")
        if vol is not None and vol.result.regime == rg.HIGH_VOL and vol.result.confidence > 0.6:
            return rg.HIGH_VOL
        tr = st.regimes.get("trend")
        return tr.result.regime if tr is not None else None

    def regime_enum(self, st: InstrumentState) -> int:
        lab = self._regime_label(st)
        return REGIME_TO_ENUM.get(lab, pb.REGIME_UNSPECIFIED) if lab else pb.REGIME_UNSPECIFIED

    def scored_event(self, st: InstrumentState) -> ev.ScoredSignal:
        c = st.combined or Combined(0.0, 0.0, 0.0, {})
        return ev.ScoredSignal(
            instrument_id=types_pb2.InstrumentId(value=st.instrument), signal_id=st.signal_id,
            score=c.score if st.direction else 0.0, direction=DIRECTION[st.direction],
            confidence=c.confidence,
            components=[pb.TimeframeScore(timeframe=TF_TO_ENUM.get(tf, 0), score=s, weight=w)
                        for tf, (s, w) in sorted(c.components.items(),
                                                 key=lambda x: timeframe_seconds(x[0]))],
            regime=self.regime_enum(st), event_time=ts(st.as_of), raw_score=c.score,
            agreement=c.agreement)

    # regimes -------------------------------------------------------------------------
    def regime_due(self, instrument: str) -> bool:
        st = self.instruments.get(instrument)
        if st is None or not self.cfg.regimes or st.fitting:
            return False
        return (st.bars_since_fit >= self.cfg.regime_refit_bars
                and len(st.history[self.regime_tf]) >= self.cfg.regime_min_bars)

    def fit_regimes(self, instrument: str) -> list[tuple[str, Any]]:
        """Fit volatility and trend for `instrument` (and correlation stress across all
        instruments); slow, run it in a worker thread. Returns RegimeChanged events."""
        with self.lock:
            st = self.instruments[instrument]
            st.fitting = True
            closes = st.history[self.regime_tf].arrays()["close"]
            end = st.history[self.regime_tf].end[-1]
            others = {k: s.history[self.regime_tf].arrays()["close"]
                      for k, s in self.instruments.items()
                      if len(s.history[self.regime_tf]) >= self.cfg.regime_min_bars}
        try:
            results: dict[str, rg.RegimeResult] = {}
            try:
                results["trend"] = rg.trend_regime(closes, window=self.cfg.trend_window)
            except ValueError:
                pass
            try:
                results["volatility"] = rg.volatility_regime(closes[-self.cfg.regime_window:])
            except ValueError:
                pass
            corr = None
            if len(others) >= 2:
                try:
                    w = max(20, min(60, self.cfg.regime_min_bars // 3))
                    corr = rg.correlation_stress(others, window=w)
                except ValueError:
                    corr = None
        finally:
            with self.lock:
                st.fitting = False
                st.bars_since_fit = 0
        out: list[tuple[str, Any]] = []
        with self.lock:
            self.counts["regime_fits"] += 1
            for dim, res in results.items():
                out.extend(self._regime_update(st, dim, res, end))
            if corr is not None:
                prev = self.correlation
                self.correlation = RegimeState(
                    corr, prev.since if prev and prev.result.regime == corr.regime else end, end)
                if prev is None or prev.result.regime != corr.regime:
                    for other in self.instruments.values():
                        out.append(self._regime_event(other.instrument, "correlation",
                                                      prev.result if prev else None, corr, end))
        return out

    def _regime_update(self, st: InstrumentState, dim: str, res: rg.RegimeResult,
                       end: float) -> list[tuple[str, Any]]:
        prev = st.regimes.get(dim)
        if prev is not None and prev.result.regime == res.regime:
            st.regimes[dim] = RegimeState(res, prev.since, end)
            return []
        st.regimes[dim] = RegimeState(res, end, end)
        return [self._regime_event(st.instrument, dim, prev.result if prev else None, res, end)]

    def _regime_event(self, instrument: str, dim: str, prev: rg.RegimeResult | None,
                      res: rg.RegimeResult, end: float) -> tuple[str, Any]:
        self.counts["regime_changes"] += 1
        return (instrument, ev.RegimeChanged(
            instrument_id=types_pb2.InstrumentId(value=instrument),
            timeframe=TF_TO_ENUM.get(self.regime_tf, 0),
            previous_regime=REGIME_TO_ENUM.get(prev.regime, 0) if prev else 0,
            regime=REGIME_TO_ENUM[res.regime], probability=res.confidence,
            event_time=ts(end), dimension=dim, method=res.method))
