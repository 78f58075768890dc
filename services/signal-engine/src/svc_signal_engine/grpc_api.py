"""SignalEngineService: indicators by name (list, compute), subscriptions, patterns, levels,
regimes and the scored signal. Bad requests are INVALID_ARGUMENT naming the indicator,
parameter or input at fault."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import numpy as np
from omni.common.v1 import types_pb2
from omni.signal_engine.v1 import signal_engine_service_pb2 as pb
from omni.signal_engine.v1.signal_engine_service_pb2_grpc import SignalEngineServiceServicer
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_quant.indicators import (
    IndicatorError,
    compute,
    is_handwritten,
    list_indicators,
    resolve_params,
    spec,
)
from omni_quant.indicators.aggregate import timeframe_seconds
from omni_quant.indicators.patterns import (
    CHART_PATTERNS,
    PATTERNS,
    chart_patterns,
    detect_candles,
    support_resistance,
)

from svc_signal_engine.engine import (
    DIRECTION,
    ENUM_TO_TF,
    REGIME_TO_ENUM,
    TF_TO_ENUM,
    SignalEngine,
    _param_protos,
    ts,
)

FULL_NAME = "omni.signal_engine.v1.SignalEngineService"
MAX_BARS = 100_000


def params_from_proto(indicator: str, params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in params:
        if not p.name:
            raise InvalidArgument(f"{indicator}: a parameter has no name")
        which = p.WhichOneof("value")
        if which is None:
            raise InvalidArgument(f"{indicator}: parameter {p.name!r} has no value")
        if which == "bool_value":
            raise InvalidArgument(f"{indicator}: parameter {p.name!r} must be a number")
        if p.name in out:
            raise InvalidArgument(f"{indicator}: parameter {p.name!r} given twice")
        out[p.name] = getattr(p, which)
    return out


def _sec(t: Any) -> float:
    return t.ToNanoseconds() / 1e9


class SignalEngineServicer(SignalEngineServiceServicer):
    def __init__(self, engine: SignalEngine, store: Any = None) -> None:
        self.engine = engine
        self.store = store  # SubscriptionStore, or None: subscriptions live in memory only

    # helpers -------------------------------------------------------------------------
    def _tf(self, value: int, *, required: bool = False) -> str | None:
        if value == pb.TIMEFRAME_UNSPECIFIED:
            if required:
                return self.engine.base
            return None
        tf = ENUM_TO_TF.get(value)
        if tf is None:
            raise InvalidArgument(f"unknown timeframe {value}")
        return tf

    def _bars(self, req: Any, what: str) -> dict[str, np.ndarray]:
        """Explicit bars or the engine's history for (instrument, timeframe, range)."""
        if len(req.bars) > MAX_BARS:
            raise InvalidArgument(f"{what}: at most {MAX_BARS} bars per request")
        if req.bars:
            cols: dict[str, list[float]] = {k: [] for k in
                                            ("start", "open", "high", "low", "close", "volume")}
            for b in req.bars:
                cols["start"].append(_sec(b.time))
                cols["open"].append(b.open)
                cols["high"].append(b.high)
                cols["low"].append(b.low)
                cols["close"].append(b.close)
                cols["volume"].append(b.volume)
            a = {k: np.asarray(v, dtype=np.float64) for k, v in cols.items()}
            a["end"] = a["start"].copy()
        else:
            iid = req.instrument_id.value
            if not iid:
                raise InvalidArgument(f"{what}: give bars or an instrument_id")
            st = self.engine.instruments.get(iid)
            if st is None:
                raise NotFound(f"{what}: no bars seen for instrument {iid!r}")
            tf = self._tf(req.timeframe, required=True)
            if tf not in st.history:
                raise InvalidArgument(f"{what}: timeframe {tf} is not computed (configured: "
                                      f"{', '.join(self.engine.tfs)})")
            with self.engine.lock:
                a = st.history[tf].arrays()
            rng = getattr(req, "range", None)
            if rng is not None and (rng.HasField("start") or rng.HasField("end")):
                lo = _sec(rng.start) if rng.HasField("start") else -math.inf
                hi = _sec(rng.end) if rng.HasField("end") else math.inf
                if hi <= lo:
                    raise InvalidArgument(f"{what}: range end must be after its start")
                m = (a["start"] >= lo) & (a["start"] < hi)
                a = {k: v[m] for k, v in a.items()}
        if a["close"].shape[0] == 0:
            raise InvalidArgument(f"{what}: no bars in the requested range")
        for k in ("open", "high", "low", "close", "volume"):
            bad = ~np.isfinite(a[k])
            if bad.any():
                i = int(np.argmax(bad))
                raise InvalidArgument(f"{what}: bar {i} has a non-finite {k}")
        bad = np.flatnonzero(a["high"] < a["low"])
        if bad.size:
            raise InvalidArgument(f"{what}: bar {int(bad[0])} has high below low")
        return a

    def _check_times(self, a: dict[str, np.ndarray], tf: str | None, allow_gaps: bool,
                     what: str) -> None:
        t = a["start"]
        if t.shape[0] < 2 or not t.any():
            return
        d = np.diff(t)
        bad = np.flatnonzero(d <= 0)
        if bad.size:
            i = int(bad[0]) + 1
            raise InvalidArgument(f"{what}: bar times must increase (bar {i} is not after "
                                  f"bar {i - 1})")
        if tf and not allow_gaps:
            step = timeframe_seconds(tf)
            gaps = np.flatnonzero(d > step * 1.5)
            if gaps.size:
                i = int(gaps[0]) + 1
                raise InvalidArgument(
                    f"{what}: gap in the data before bar {i} ({d[i - 1] / step:.0f} x {tf} "
                    f"since the previous bar); fill it or set allow_gaps")

    # RPCs ----------------------------------------------------------------------------
    async def ListIndicators(self, request: Any, context: Any) -> pb.ListIndicatorsResponse:
        try:
            specs = list_indicators(request.group or None)
        except IndicatorError as exc:
            raise InvalidArgument(str(exc)) from None
        return pb.ListIndicatorsResponse(indicators=[
            pb.IndicatorInfo(name=s.name, group=s.group, description=s.description,
                             default_parameters=_param_protos(s.defaults),
                             outputs=list(s.outputs), lookback=s.lookback,
                             inputs=list(s.inputs),
                             incremental_streaming=is_handwritten(s.name))
            for s in specs])

    async def ComputeIndicator(self, request: Any, context: Any) -> pb.ComputeIndicatorResponse:
        name = request.indicator
        try:
            s = spec(name)
            params = resolve_params(s.name, params_from_proto(s.name, request.parameters))
        except IndicatorError as exc:
            raise InvalidArgument(str(exc)) from None
        if "periods" in s.inputs:
            raise InvalidArgument(f"{s.name}: needs a 'periods' input series, which bars do "
                                  f"not carry; compute it with the library")
        a = self._bars(request, s.name)
        tf = self._tf(request.timeframe) if request.bars else None
        self._check_times(a, tf, request.allow_gaps, s.name)
        try:
            out = await asyncio.to_thread(compute, s.name, {k: a[k] for k in s.inputs}, params)
        except IndicatorError as exc:
            raise InvalidArgument(str(exc)) from None
        return pb.ComputeIndicatorResponse(
            times=[ts(x) for x in a["start"]],
            series=[pb.IndicatorSeries(output=k, values=v.tolist()) for k, v in out.items()])

    async def Subscribe(self, request: Any, context: Any) -> pb.SubscribeResponse:
        iid = request.instrument_id.value
        if not iid:
            raise InvalidArgument("instrument_id is required")
        specs = []
        for i, item in enumerate(request.indicators):
            try:
                s = spec(item.indicator)
                p = resolve_params(s.name, params_from_proto(s.name, item.parameters))
            except IndicatorError as exc:
                raise InvalidArgument(f"indicators[{i}]: {exc}") from None
            if "periods" in s.inputs:
                raise InvalidArgument(f"indicators[{i}]: {s.name} needs a 'periods' series")
            tf = self._tf(item.timeframe, required=True)
            if tf not in self.engine.tfs:
                raise InvalidArgument(f"indicators[{i}]: timeframe {tf} is not computed "
                                      f"(configured: {', '.join(self.engine.tfs)})")
            specs.append((s.name, p, tf))
        if not specs and not request.patterns and not request.regimes:
            raise InvalidArgument("nothing to subscribe to: give indicators, patterns or "
                                  "regimes")
        try:
            sub = self.engine.subscribe(iid, specs, request.patterns, request.regimes,
                                        request.owner)
        except (IndicatorError, ValueError) as exc:
            raise InvalidArgument(str(exc)) from None
        if self.store is not None:
            try:
                await self.store.add(sub)
            except BaseException:
                self.engine.unsubscribe(sub.subscription_id)  # not stored: not subscribed
                raise
        return pb.SubscribeResponse(subscription=sub)

    async def Unsubscribe(self, request: Any, context: Any) -> pb.UnsubscribeResponse:
        if not request.subscription_id:
            raise InvalidArgument("subscription_id is required")
        if request.subscription_id not in self.engine.subscriptions:
            raise NotFound(f"no subscription {request.subscription_id!r}")
        if self.store is not None:
            await self.store.remove(request.subscription_id)
        self.engine.unsubscribe(request.subscription_id)
        return pb.UnsubscribeResponse()

    async def ListSubscriptions(self, request: Any, context: Any
                                ) -> pb.ListSubscriptionsResponse:
        subs = [s for s in self.engine.subscriptions.values()
                if (not request.instrument_id.value
                    or s.instrument_id.value == request.instrument_id.value)
                and (not request.owner or s.owner == request.owner)]
        size = request.page.page_size or 100
        if size < 0:
            raise InvalidArgument("page.page_size must not be negative")
        try:
            start = int(request.page.page_token or 0)
        except ValueError:
            raise InvalidArgument("page.page_token is not valid") from None
        page = subs[start: start + size]
        nxt = str(start + size) if start + size < len(subs) else ""
        return pb.ListSubscriptionsResponse(
            subscriptions=page,
            page=types_pb2.PageResponse(next_page_token=nxt, total_size=len(subs)))

    async def DetectPatterns(self, request: Any, context: Any) -> pb.DetectPatternsResponse:
        wanted = [p.strip() for p in request.patterns if p.strip()]
        candles = [p.upper() for p in wanted if p.upper() in PATTERNS]
        charts = [p.lower() for p in wanted if p.lower() in CHART_PATTERNS]
        for p in wanted:
            if p.upper() not in PATTERNS and p.lower() not in CHART_PATTERNS:
                raise InvalidArgument(
                    f"unknown pattern {p!r} (the CDL* candlestick functions, e.g. "
                    f"CDLENGULFING, or {', '.join(CHART_PATTERNS)})")
        a = self._bars(request, "DetectPatterns")
        self._check_times(a, None, True, "DetectPatterns")
        out: list[tuple[int, Any]] = []
        if candles or not wanted:
            for m in await asyncio.to_thread(detect_candles, a["open"], a["high"], a["low"],
                                             a["close"], a["volume"],
                                             patterns=candles or None):
                out.append((m.index, pb.PatternMatch(
                    pattern=m.pattern, direction=DIRECTION[m.direction],
                    confidence=m.confidence,
                    start_time=ts(a["start"][max(0, m.index - m.bars + 1)]),
                    end_time=ts(a["end"][m.index]))))
        if charts or not wanted:
            for cm in await asyncio.to_thread(chart_patterns, a["high"], a["low"], a["close"]):
                if charts and cm.pattern not in charts:
                    continue
                out.append((cm.end_index, pb.PatternMatch(
                    pattern=cm.pattern, direction=DIRECTION[cm.direction],
                    confidence=cm.confidence, start_time=ts(a["start"][cm.start_index]),
                    end_time=ts(a["end"][cm.end_index]))))
        out.sort(key=lambda x: x[0])
        return pb.DetectPatternsResponse(matches=[m for _, m in out])

    async def GetLevels(self, request: Any, context: Any) -> pb.GetLevelsResponse:
        if request.order < 0 or request.min_touches < 0 or request.tolerance < 0:
            raise InvalidArgument("order, min_touches and tolerance must not be negative")
        a = self._bars(request, "GetLevels")
        levels = support_resistance(a["high"], a["low"], a["close"],
                                    order=request.order or 3,
                                    min_touches=request.min_touches or 2,
                                    tolerance=request.tolerance or None)
        return pb.GetLevelsResponse(levels=[
            pb.PriceLevel(price=lv.price, kind=lv.kind, touches=lv.touches,
                          strength=lv.strength, first_time=ts(a["start"][lv.first_index]),
                          last_time=ts(a["start"][lv.last_index]))
            for lv in levels])

    async def GetRegime(self, request: Any, context: Any) -> pb.GetRegimeResponse:
        iid = request.instrument_id.value
        if not iid:
            raise InvalidArgument("instrument_id is required")
        eng = self.engine
        st = eng.instruments.get(iid)
        if st is None:
            raise NotFound(f"no bars seen for instrument {iid!r}")
        tf = self._tf(request.timeframe)
        if tf is not None and tf != eng.regime_tf:
            return await self._regime_on_demand(st, tf)
        if not st.regimes:
            n = len(st.history[eng.regime_tf])
            if n < eng.cfg.regime_min_bars:
                raise FailedPrecondition(
                    f"not enough {eng.regime_tf} bars for {iid!r} to fit a regime "
                    f"({n} of {eng.cfg.regime_min_bars})")
            await asyncio.to_thread(eng.fit_regimes, iid)
        resp = pb.GetRegimeResponse(regime=eng.regime_enum(st))
        states = dict(st.regimes)
        if eng.correlation is not None:
            states["correlation"] = eng.correlation
        primary = None
        for dim, rs in states.items():
            r = rs.result
            resp.assessments.append(pb.RegimeAssessment(
                dimension=dim, regime=REGIME_TO_ENUM[r.regime], confidence=r.confidence,
                probabilities=r.probabilities, method=r.method, fitted_at=ts(rs.fitted_at),
                details=r.details))
            for k, v in r.probabilities.items():
                resp.probabilities[k] = v
            if REGIME_TO_ENUM[r.regime] == resp.regime and primary is None:
                primary = rs
        if primary is not None:
            resp.since.CopyFrom(ts(primary.since))
            resp.confidence = primary.result.confidence
        return resp

    async def _regime_on_demand(self, st: Any, tf: str) -> pb.GetRegimeResponse:
        """Trend and volatility fitted now on another timeframe's bars (not cached)."""
        from svc_signal_engine import regimes as rg

        eng = self.engine
        if tf not in st.history:
            raise InvalidArgument(f"timeframe {tf} is not computed (configured: "
                                  f"{', '.join(eng.tfs)})")
        with eng.lock:
            a = st.history[tf].arrays()
        n = a["close"].shape[0]
        if n < eng.cfg.regime_min_bars:
            raise FailedPrecondition(f"not enough {tf} bars for {st.instrument!r} to fit a "
                                     f"regime ({n} of {eng.cfg.regime_min_bars})")

        def fit() -> list[rg.RegimeResult]:
            return [rg.trend_regime(a["close"], window=eng.cfg.trend_window),
                    rg.volatility_regime(a["close"][-eng.cfg.regime_window:])]

        trend, vol = await asyncio.to_thread(fit)
        primary = vol if (vol.regime == rg.HIGH_VOL and vol.confidence > 0.6) else trend
        resp = pb.GetRegimeResponse(regime=REGIME_TO_ENUM[primary.regime],
                                    confidence=primary.confidence, since=ts(a["end"][-1]))
        for r in (trend, vol):
            resp.assessments.append(pb.RegimeAssessment(
                dimension=r.dimension, regime=REGIME_TO_ENUM[r.regime],
                confidence=r.confidence, probabilities=r.probabilities, method=r.method,
                fitted_at=ts(a["end"][-1]), details=r.details))
            for k, v in r.probabilities.items():
                resp.probabilities[k] = v
        return resp

    async def GetIndicatorValues(self, request: Any, context: Any
                                 ) -> pb.GetIndicatorValuesResponse:
        iid = request.instrument_id.value
        if not iid:
            raise InvalidArgument("instrument_id is required")
        eng = self.engine
        st = eng.instruments.get(iid)
        if st is None:
            raise NotFound(f"no bars seen for instrument {iid!r}")
        tf = self._tf(request.timeframe)
        name = request.indicator.strip().upper()
        if name:
            try:
                name = spec(name).name
            except IndicatorError as exc:
                raise InvalidArgument(str(exc)) from None
        out = []
        with eng.lock:
            for s in st.streams.values():
                if (tf and s.tf != tf) or (name and s.name != name):
                    continue
                h = st.history[s.tf]
                score = s.score or 0.0
                d = 1 if score > 0.05 else (-1 if score < -0.05 else 0)
                out.append(pb.IndicatorValue(
                    indicator=s.name, parameters=_param_protos(s.params),
                    timeframe=TF_TO_ENUM[s.tf],
                    values=s.values or dict.fromkeys(s.st.outputs, math.nan),
                    direction=DIRECTION[d], strength=score,
                    as_of=ts(h.end[-1]) if len(h) else None, bars=s.st.count))
        return pb.GetIndicatorValuesResponse(values=out)

    async def GetScoredSignal(self, request: Any, context: Any) -> pb.GetScoredSignalResponse:
        iid = request.instrument_id.value
        if not iid:
            raise InvalidArgument("instrument_id is required")
        st = self.engine.instruments.get(iid)
        if st is None or st.combined is None:
            raise NotFound(f"no scored signal yet for instrument {iid!r}")
        e = self.engine.scored_event(st)
        return pb.GetScoredSignalResponse(
            score=e.score, direction=e.direction, confidence=e.confidence,
            components=e.components, as_of=e.event_time, raw_score=e.raw_score,
            agreement=e.agreement, regime=e.regime)


__all__ = ["SignalEngineServicer", "FULL_NAME", "params_from_proto", "TF_TO_ENUM"]
