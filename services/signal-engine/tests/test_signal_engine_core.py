"""The engine without Kafka: multi-timeframe bars as market-data publishes them, the same
indicator over several frames, idempotency, bad bars, subscriptions warmed from history."""

from __future__ import annotations

import numpy as np
import pytest
import talib
from omni.signal_engine.v1 import events_pb2 as ev
from omni.signal_engine.v1 import signal_engine_service_pb2 as pb
from omni_quant.indicators.aggregate import OHLCV, BarAggregator
from svc_signal_engine.engine import EngineConfig, SignalEngine

T0 = 1_767_225_600


def feed(engine, closes, iid="AAA", frames=("1m", "5m")):
    """1m bars, plus the larger frames rolled up the way market-data publishes them."""
    agg = BarAggregator([f for f in frames if f != "1m"])
    events = []
    prev = closes[0]
    for i, c in enumerate(closes):
        b = OHLCV(T0 + 60 * i, T0 + 60 * (i + 1), prev, max(prev, c) + 0.1,
                  min(prev, c) - 0.1, c, 100.0 + i)
        prev = c
        events += engine.on_bar(iid, "1m", b.start, b.end, b.open, b.high, b.low, b.close,
                                b.volume)
        for tf, big in agg.add(b):
            events += engine.on_bar(iid, tf, big.start, big.end, big.open, big.high, big.low,
                                    big.close, big.volume)
    return events


def closes(n=300, seed=1):
    rng = np.random.default_rng(seed)
    return list(100 * np.exp(np.cumsum(rng.normal(0, 0.003, n))))


def test_same_indicator_over_several_frames_equals_batch_per_frame():
    eng = SignalEngine(EngineConfig(timeframes=["1m", "5m"], indicators=[("RSI", {}),
                                                                        ("MACD", {})],
                                    patterns=False, regimes=False))
    c = closes()
    events = feed(eng, c)
    rsi = {tf: [e for e in events if isinstance(e[1], ev.IndicatorSignal)
                and e[1].indicator == "RSI" and e[1].timeframe == tf]
           for tf in (pb.TIMEFRAME_1M, pb.TIMEFRAME_5M)}
    h1 = eng.instruments["AAA"].history["1m"].arrays()
    h5 = eng.instruments["AAA"].history["5m"].arrays()
    assert len(h1["close"]) == 300 and len(h5["close"]) == 60
    assert rsi[pb.TIMEFRAME_1M][-1][1].values["real"] == \
        pytest.approx(talib.RSI(h1["close"])[-1], abs=1e-9)
    assert rsi[pb.TIMEFRAME_5M][-1][1].values["real"] == \
        pytest.approx(talib.RSI(h5["close"])[-1], abs=1e-9)
    assert len(rsi[pb.TIMEFRAME_5M]) == 60 - 14
    scored = [e for _, e in events if isinstance(e, ev.ScoredSignal)]
    assert len(scored) == 300  # paced by the base frame
    assert {c.timeframe for c in scored[-1].components} == {pb.TIMEFRAME_1M, pb.TIMEFRAME_5M}


def test_redelivered_and_bad_bars_change_nothing():
    eng = SignalEngine(EngineConfig(timeframes=["1m"], indicators=[("EMA", {})],
                                    patterns=False, regimes=False))
    feed(eng, closes(50), frames=("1m",))
    st = eng.instruments["AAA"]
    before = dict(next(iter(st.streams.values())).values)
    assert eng.on_bar("AAA", "1m", T0 + 60 * 10, T0 + 60 * 11, 1, 2, 0.5, 1, 1) == []
    assert eng.on_bar("AAA", "1m", T0 + 60 * 99, T0 + 60 * 100, 1, float("nan"), 0.5, 1, 1) == []
    assert eng.on_bar("AAA", "1m", T0 + 60 * 99, T0 + 60 * 100, 1, 0.5, 2.0, 1, 1) == []
    assert eng.on_bar("AAA", "7m", T0, T0 + 420, 1, 2, 0.5, 1, 1) == []  # not computed
    assert eng.counts["duplicates"] == 1 and eng.counts["rejected"] == 2
    assert next(iter(st.streams.values())).values == before and len(st.history["1m"]) == 50


def test_subscription_is_warmed_from_history_and_shared():
    eng = SignalEngine(EngineConfig(timeframes=["1m"], indicators=[], patterns=False,
                                    regimes=False))
    c = closes(120)
    feed(eng, c, frames=("1m",))
    sub = eng.subscribe("AAA", [("KAMA", {"timeperiod": 10}, "1m")], False, False, "s1")
    s = next(iter(eng.instruments["AAA"].streams.values()))
    h = eng.instruments["AAA"].history["1m"].arrays()["close"]
    assert s.values["real"] == pytest.approx(talib.KAMA(h, 10)[-1], rel=1e-12)
    assert sub.indicators[0].indicator == "KAMA"
    assert eng.unsubscribe(sub.subscription_id) and not eng.instruments["AAA"].streams
    with pytest.raises(ValueError, match="timeframe 5m is not computed"):
        eng.subscribe("AAA", [("RSI", {}, "5m")], False, False, "s1")


def test_regimes_fit_on_schedule_and_report_changes():
    eng = SignalEngine(EngineConfig(timeframes=["1m"], indicators=[("RSI", {})],
                                    patterns=False, regimes=True, regime_min_bars=100,
                                    regime_refit_bars=50))
    rng = np.random.default_rng(4)
    up = list(100 * np.exp(np.cumsum(rng.normal(0.003, 0.004, 200))))
    feed(eng, up, frames=("1m",))
    assert eng.regime_due("AAA")
    out = eng.fit_regimes("AAA")
    dims = {e.dimension: e for _, e in out}
    assert dims["trend"].regime == pb.REGIME_TRENDING_UP
    assert dims["trend"].previous_regime == pb.REGIME_UNSPECIFIED
    assert 0.5 <= dims["trend"].probability <= 1
    assert not eng.regime_due("AAA")
    assert eng.fit_regimes("AAA") == []  # unchanged regime: no event


async def test_regime_on_another_timeframe_is_fitted_on_demand():
    from omni.common.v1 import types_pb2
    from svc_signal_engine.grpc_api import SignalEngineServicer

    eng = SignalEngine(EngineConfig(timeframes=["1m", "5m"], indicators=[], patterns=False,
                                    regimes=True, regime_min_bars=100))
    rng = np.random.default_rng(8)
    feed(eng, list(100 * np.exp(np.cumsum(rng.normal(-0.001, 0.002, 600)))))
    resp = await SignalEngineServicer(eng).GetRegime(pb.GetRegimeRequest(
        instrument_id=types_pb2.InstrumentId(value="AAA"), timeframe=pb.TIMEFRAME_5M), None)
    dims = {a.dimension: a for a in resp.assessments}
    assert dims["trend"].regime == pb.REGIME_TRENDING_DOWN
    assert dims["volatility"].method in ("markov_switching", "garch")
    assert 0.5 <= resp.confidence <= 1 and not eng.instruments["AAA"].regimes  # not cached
