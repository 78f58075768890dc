"""The service in-process over the embedded broker: bars in on market-data-stream, signals
out on trading-signals (keyed by instrument id); the gRPC API and its errors."""

from __future__ import annotations

import asyncio

import grpc
import numpy as np
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as md
from omni.signal_engine.v1 import events_pb2 as ev
from omni.signal_engine.v1 import signal_engine_service_pb2 as pb
from omni.signal_engine.v1.signal_engine_service_pb2_grpc import SignalEngineServiceStub
from omni_core.bus import EventBus
from omni_core.envelope import decode, unpack
from omni_core.rpc import channel
from omni_core.settings import SettingsError
from omni_testing.kafka import read_topic, wait_until
from svc_signal_engine.app import build as _build
from svc_signal_engine.settings import Settings

T0 = 1_767_225_600  # 2026-01-01 00:00 UTC
N = 150


def ts(sec: float) -> Timestamp:
    t = Timestamp()
    t.FromNanoseconds(int(sec * 1e9))
    return t


def series(seed: int, drift: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(rng.normal(drift, 0.004, N)))


def bar(iid: str, i: int, c: float, prev: float) -> md.Bar:
    return md.Bar(instrument_id=types_pb2.InstrumentId(value=iid), timeframe="1m",
                  bar_type=md.BAR_TYPE_TIME, start=ts(T0 + 60 * i), end=ts(T0 + 60 * (i + 1)),
                  open=prev, high=max(prev, c) * 1.001, low=min(prev, c) * 0.999, close=c,
                  volume=1000 + 10 * i, source="test")


def build(settings, **kw):
    """A fresh consumer group per service instance: a stopped instance of an earlier test
    must not hold up this one's group join."""
    import uuid

    return _build(settings, bus_overrides={"group_id": f"signal-engine-{uuid.uuid4().hex[:8]}"},
                  **kw)


def settings(kafka_bootstrap: str, **kw) -> Settings:
    base = dict(kafka_bootstrap=kafka_bootstrap, grpc_port=0, grpc_host="127.0.0.1",
                metrics_port=None, se_timeframes="1m,5m,15m", se_aggregate_from="1m",
                se_indicators="RSI, MACD, BBANDS(timeperiod=20), EMA(timeperiod=10), ADX",
                se_regime_min_bars=80, se_regime_refit_bars=40, se_regime_window=200,
                se_history=500)
    base.update(kw)
    return Settings(**base)


@pytest.fixture
async def service(kafka_bootstrap, kafka_topics, sqlite_url):
    svc = build(settings(kafka_bootstrap, database_url=sqlite_url), topics=kafka_topics)
    await svc.start()
    assert await svc.wait_ready(30)
    try:
        yield svc
    finally:
        await svc.stop()


async def test_bars_in_signals_out(service, kafka_bootstrap, kafka_topics, bus_config):
    eng = service.signal_engine
    producer = EventBus(bus_config(), "market-data")
    await producer.start()
    try:
        closes = {"AAA.XNAS": series(1, 0.002), "BBB.XNAS": series(2, -0.002)}
        for i in range(N):
            for iid, c in closes.items():
                prev = c[i - 1] if i else c[0]
                producer.publish_nowait(kafka_topics["market-data-stream"], iid,
                                        bar(iid, i, float(c[i]), float(prev)))
        # a redelivered bar and a quote change nothing
        producer.publish_nowait(kafka_topics["market-data-stream"], "AAA.XNAS",
                                bar("AAA.XNAS", 5, 1.0, 1.0))
        producer.publish_nowait(kafka_topics["market-data-stream"], "AAA.XNAS", md.Quote(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"), bid=1, ask=2))
        await producer.flush()
        await wait_until(lambda: eng.counts["bars"] >= 2 * (N + N // 5 + N // 15), 60,
                         "all bars processed")
        await wait_until(lambda: eng.counts["regime_fits"] >= 2 and not any(
            s.fitting for s in eng.instruments.values()), 60, "regime fits")
    finally:
        await producer.stop()
    assert eng.counts["duplicates"] == 1
    st = eng.instruments["AAA.XNAS"]
    assert len(st.history["1m"]) == N and len(st.history["5m"]) == N // 5
    assert len(st.history["15m"]) == N // 15
    await service.bus.flush()
    expected = (eng.counts["indicator_signals"] + eng.counts["patterns"] + eng.counts["scored"]
                + eng.counts["regime_changes"])
    msgs = await asyncio.to_thread(read_topic, kafka_bootstrap, kafka_topics["trading-signals"],
                                   expected, 30)
    assert len(msgs) == expected
    kinds: dict[type, list] = {}
    for m in msgs:
        env = decode(m.value())
        assert env.source_service == "signal-engine"
        e = unpack(env)
        assert m.key().decode() == e.instrument_id.value  # keyed by instrument id
        kinds.setdefault(type(e), []).append(e)
    ind = kinds[ev.IndicatorSignal]
    assert {e.indicator for e in ind} == {"RSI", "MACD", "BBANDS", "EMA", "ADX"}
    assert {e.timeframe for e in ind} == {pb.TIMEFRAME_1M, pb.TIMEFRAME_5M, pb.TIMEFRAME_15M}
    rsi = [e for e in ind if e.indicator == "RSI" and e.timeframe == pb.TIMEFRAME_1M
           and e.instrument_id.value == "AAA.XNAS"]
    assert len(rsi) == N - 14  # one per closed bar once warmed up
    import talib

    want = talib.RSI(series(1, 0.002))
    assert rsi[-1].values["real"] == pytest.approx(want[-1], abs=1e-9)
    scored = kinds[ev.ScoredSignal]
    assert len(scored) == 2 * N  # one per base-timeframe bar, not per indicator
    flips = sum(1 for a, b in zip(scored[:-1], scored[1:], strict=True)
                if a.instrument_id == b.instrument_id and a.direction != b.direction)
    assert flips < N // 5  # the filter keeps the direction from flipping every bar
    regimes = kinds[ev.RegimeChanged]
    assert {r.dimension for r in regimes} >= {"trend", "volatility"}
    assert all(0.5 <= r.probability <= 1 for r in regimes)

    async with channel(service.grpc_address) as ch:
        stub = SignalEngineServiceStub(ch)
        s = await stub.GetScoredSignal(pb.GetScoredSignalRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS")))
        assert -1 <= s.score <= 1 and 0 <= s.confidence <= 1 and s.components
        r = await stub.GetRegime(pb.GetRegimeRequest(
            instrument_id=types_pb2.InstrumentId(value="BBB.XNAS")))
        dims = {a.dimension: a for a in r.assessments}
        assert {"trend", "volatility", "correlation"} <= set(dims)
        assert dims["trend"].regime == pb.REGIME_TRENDING_DOWN
        assert all(0 <= a.confidence <= 1 for a in dims.values())
        with pytest.raises(grpc.aio.AioRpcError) as exc:  # 30 bars of 5m: too few
            await stub.GetRegime(pb.GetRegimeRequest(
                instrument_id=types_pb2.InstrumentId(value="BBB.XNAS"),
                timeframe=pb.TIMEFRAME_5M))
        assert exc.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "not enough 5m bars" in exc.value.details()
        out = await stub.ComputeIndicator(pb.ComputeIndicatorRequest(
            indicator="sma", parameters=[types_pb2.Parameter(name="timeperiod", int_value=5)],
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"),
            timeframe=pb.TIMEFRAME_5M))
        assert len(out.times) == N // 5 and out.series[0].output == "real"
        vals = await stub.GetIndicatorValues(pb.GetIndicatorValuesRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"), indicator="rsi",
            timeframe=pb.TIMEFRAME_1M))
        assert len(vals.values) == 1 and vals.values[0].bars == N
        assert vals.values[0].values["real"] == pytest.approx(want[-1], abs=1e-9)
        assert vals.values[0].as_of.ToSeconds() == T0 + 60 * N
        every = await stub.GetIndicatorValues(pb.GetIndicatorValuesRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS")))
        assert len(every.values) == 5 * 3  # 5 indicators x 3 timeframes
        lv = await stub.GetLevels(pb.GetLevelsRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"), min_touches=1))
        assert all(x.kind in ("support", "resistance") for x in lv.levels)
        pats = await stub.DetectPatterns(pb.DetectPatternsRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"),
            timeframe=pb.TIMEFRAME_1M))
        assert all(p.pattern.startswith("CDL") for p in pats.matches)


def mkbars(closes, step=60, start=T0):
    return [pb.Bar(time=ts(start + step * i), open=c, high=c + 0.5, low=c - 0.5, close=c,
                   volume=100) for i, c in enumerate(closes)]


async def test_grpc_compute_list_subscribe_and_errors(service):
    closes = list(series(4, 0.0))
    async with channel(service.grpc_address) as ch:
        stub = SignalEngineServiceStub(ch)
        lst = await stub.ListIndicators(pb.ListIndicatorsRequest())
        import talib

        assert len(lst.indicators) == len(talib.get_functions())
        macd = next(i for i in lst.indicators if i.name == "MACD")
        assert list(macd.outputs) == ["macd", "macdsignal", "macdhist"]
        assert {p.name for p in macd.default_parameters} == \
            {"fastperiod", "slowperiod", "signalperiod"}
        assert macd.incremental_streaming and macd.lookback == 33
        mom = await stub.ListIndicators(pb.ListIndicatorsRequest(group="Momentum Indicators"))
        assert 0 < len(mom.indicators) < len(lst.indicators)

        out = await stub.ComputeIndicator(pb.ComputeIndicatorRequest(
            indicator="BBANDS", bars=mkbars(closes), timeframe=pb.TIMEFRAME_1M,
            parameters=[types_pb2.Parameter(name="timeperiod", int_value=10),
                        types_pb2.Parameter(name="nbdevup", number_value=1.5)]))
        u, m, lo = talib.BBANDS(np.asarray(closes), 10, 1.5, 2.0)
        got = {s.output: np.asarray(s.values) for s in out.series}
        np.testing.assert_allclose(got["upperband"], u, equal_nan=True)
        assert len(out.times) == len(closes)

        async def err(rpc, req):
            with pytest.raises(grpc.aio.AioRpcError) as exc:
                await rpc(req)
            return exc.value.code(), exc.value.details()

        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="NOPE", bars=mkbars(closes)))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "unknown indicator 'NOPE'" in msg
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=mkbars(closes),
            parameters=[types_pb2.Parameter(name="period", int_value=3)]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        assert "RSI: unknown parameter 'period'" in msg
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=mkbars(closes),
            parameters=[types_pb2.Parameter(name="timeperiod", number_value=2.5)]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "'timeperiod'" in msg
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=mkbars(closes),
            parameters=[types_pb2.Parameter(name="timeperiod", bool_value=True)]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "'timeperiod'" in msg
        nan = mkbars(closes)
        nan[7].close = float("nan")
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=nan))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "bar 7 has a non-finite close" in msg
        gap = mkbars(closes[:10]) + mkbars(closes[10:], start=T0 + 3600)
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=gap, timeframe=pb.TIMEFRAME_1M))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "gap in the data before bar 10" in msg
        ok = await stub.ComputeIndicator(pb.ComputeIndicatorRequest(
            indicator="RSI", bars=gap, timeframe=pb.TIMEFRAME_1M, allow_gaps=True))
        assert len(ok.series[0].values) == len(closes)
        back = mkbars(closes)
        back[3].time.CopyFrom(back[1].time)
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", bars=back))
        assert "bar times must increase (bar 3" in msg
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(
            indicator="RSI", instrument_id=types_pb2.InstrumentId(value="ZZZ")))
        assert code == grpc.StatusCode.NOT_FOUND
        code, msg = await err(stub.ComputeIndicator, pb.ComputeIndicatorRequest(indicator="RSI"))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "give bars or an instrument_id" in msg
        code, msg = await err(stub.DetectPatterns, pb.DetectPatternsRequest(
            bars=mkbars(closes), patterns=["CDLNOPE"]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "CDLNOPE" in msg
        legs = [100, 110, 102, 110, 95]
        path = np.concatenate([np.linspace(a, b, 12, endpoint=False)
                               for a, b in zip(legs[:-1], legs[1:], strict=True)] + [[95.0]])
        dt = await stub.DetectPatterns(pb.DetectPatternsRequest(
            bars=mkbars(list(path)), patterns=["double_top", "CDLDOJI"]))
        tops = [m for m in dt.matches if m.pattern == "double_top"]
        assert len(tops) == 1 and tops[0].direction == pb.SIGNAL_DIRECTION_SHORT
        assert tops[0].start_time.ToSeconds() == T0 + 60 * 12
        code, msg = await err(stub.ListIndicators, pb.ListIndicatorsRequest(group="nope"))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        code, msg = await err(stub.GetRegime, pb.GetRegimeRequest(
            instrument_id=types_pb2.InstrumentId(value="ZZZ")))
        assert code == grpc.StatusCode.NOT_FOUND

        # subscriptions: validated, listed, paged, removed
        code, msg = await err(stub.Subscribe, pb.SubscribeRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"),
            indicators=[pb.IndicatorSpec(indicator="KAMA", timeframe=pb.TIMEFRAME_1H)]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "timeframe 1h is not computed" in msg
        code, msg = await err(stub.Subscribe, pb.SubscribeRequest(
            instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"),
            indicators=[pb.IndicatorSpec(indicator="KAMA", parameters=[
                types_pb2.Parameter(name="timeperiod", int_value=-1)])]))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "indicators[0]: KAMA" in msg
        subs = []
        for owner in ("strat-1", "strat-2", "strat-1"):
            r = await stub.Subscribe(pb.SubscribeRequest(
                instrument_id=types_pb2.InstrumentId(value="AAA.XNAS"), owner=owner,
                indicators=[pb.IndicatorSpec(indicator="KAMA", timeframe=pb.TIMEFRAME_5M,
                                             parameters=[types_pb2.Parameter(
                                                 name="timeperiod", int_value=12)])]))
            subs.append(r.subscription.subscription_id)
        page = await stub.ListSubscriptions(pb.ListSubscriptionsRequest(
            owner="strat-1", page=types_pb2.PageRequest(page_size=1)))
        assert len(page.subscriptions) == 1 and page.page.total_size == 2
        page2 = await stub.ListSubscriptions(pb.ListSubscriptionsRequest(
            owner="strat-1", page=types_pb2.PageRequest(page_size=1,
                                                        page_token=page.page.next_page_token)))
        assert page2.subscriptions[0].subscription_id != page.subscriptions[0].subscription_id
        st = service.signal_engine.instruments["AAA.XNAS"]
        assert sum(1 for k in st.streams if k.startswith("KAMA")) == 1  # shared stream
        for sid in subs:
            await stub.Unsubscribe(pb.UnsubscribeRequest(subscription_id=sid))
        assert not any(k.startswith("KAMA") for k in st.streams)
        code, _ = await err(stub.Unsubscribe, pb.UnsubscribeRequest(subscription_id=subs[0]))
        assert code == grpc.StatusCode.NOT_FOUND


async def test_subscriptions_survive_a_restart(kafka_bootstrap, kafka_topics, postgres_url):
    def make():
        return build(settings(kafka_bootstrap, database_url=postgres_url.url,
                              database_schema=postgres_url.schema), topics=kafka_topics)

    svc = make()
    await svc.start()
    assert await svc.wait_ready(30)
    try:
        async with channel(svc.grpc_address) as ch:
            stub = SignalEngineServiceStub(ch)
            r = await stub.Subscribe(pb.SubscribeRequest(
                instrument_id=types_pb2.InstrumentId(value="CCC.XNAS"), owner="strat-9",
                patterns=True, indicators=[pb.IndicatorSpec(
                    indicator="T3", timeframe=pb.TIMEFRAME_5M,
                    parameters=[types_pb2.Parameter(name="vfactor", number_value=0.5)])]))
            gone = await stub.Subscribe(pb.SubscribeRequest(
                instrument_id=types_pb2.InstrumentId(value="CCC.XNAS"), regimes=True))
            await stub.Unsubscribe(pb.UnsubscribeRequest(
                subscription_id=gone.subscription.subscription_id))
    finally:
        await svc.stop()
    svc = make()
    await svc.start()
    assert await svc.wait_ready(30)
    try:
        eng = svc.signal_engine
        assert list(eng.subscriptions) == [r.subscription.subscription_id]
        assert eng.subscriptions[r.subscription.subscription_id] == r.subscription
        keys = [k for k in eng.instruments["CCC.XNAS"].streams if k.startswith("T3")]
        assert keys == ["T3(timeperiod=5,vfactor=0.5)@5m"]
    finally:
        await svc.stop()


def test_settings_errors_name_the_variable():
    with pytest.raises(SettingsError, match="OMNI_SE_INDICATORS"):
        Settings(se_indicators="RSI(period=3)")
    with pytest.raises(SettingsError, match="OMNI_SE_TIMEFRAMES"):
        Settings(se_timeframes="7m")
    s = Settings(se_indicators="EMA(timeperiod=50), MACD(fastperiod=8 slowperiod=21)")
    assert s.indicators == [("EMA", {"timeperiod": 50}),
                            ("MACD", {"fastperiod": 8, "slowperiod": 21})]


async def test_backfill_from_market_data_history(tmp_path, kafka_bootstrap, kafka_topics,
                                                 sqlite_url, bus_config):
    """market-data (replay, real service) stores an hour of bars; the signal engine, on the
    first live bar of that instrument, pulls them over gRPC: indicators are warm at once."""
    from omni_core.embedded.broker import ensure_topics
    from omni_testing.kafka import unique_topic_names
    from svc_market_data.app import build as build_md
    from svc_market_data.settings import Settings as MdSettings

    s = 1_000_000_000
    rows = ["type,ts,instrument,bid,ask,bid_size,ask_size,price,size,side,trade_id"]
    rng = np.random.default_rng(5)
    p = 100.0
    for i in range(360):  # one trade every 10 s for an hour
        p *= float(np.exp(rng.normal(0.0003, 0.0008)))
        rows.append(f"trade,{(T0 + 10 * i) * s},DDD.XNAS,,,,,{p:.4f},10,buy,D{i}")
    f = tmp_path / "trades.csv"
    f.write_text("\n".join(rows) + "\n")
    md_svc = build_md(MdSettings(
        kafka_bootstrap=kafka_bootstrap, database_url=f"sqlite+aiosqlite:///{tmp_path}/md.db",
        grpc_port=0, grpc_host="127.0.0.1", metrics_port=None, md_provider="replay",
        md_replay_files=str(f), md_replay_speed=0, md_replay_loop=False, md_flush_interval=0.2,
        md_timeframes="1m,5m", md_stale_after=600), topics=kafka_topics)
    await md_svc.start()
    assert await md_svc.wait_ready(30)
    try:
        await asyncio.wait_for(md_svc.market_data.provider_done.wait(), 30)
        await md_svc.market_data.tick()
        se_topics = unique_topic_names("se-backfill")  # the engine does not see md's stream
        ensure_topics(kafka_bootstrap, se_topics.values(), partitions=1)
        svc = build(settings(kafka_bootstrap, database_url=sqlite_url, se_timeframes="1m,5m",
                             se_aggregate_from="",
                             market_data_address=md_svc.grpc_address), topics=se_topics)
        await svc.start()
        assert await svc.wait_ready(30)
        producer = EventBus(bus_config(), "market-data")
        await producer.start()
        try:
            live = bar("DDD.XNAS", 60, p * 1.001, p)  # the minute after the replay
            producer.publish_nowait(se_topics["market-data-stream"], "DDD.XNAS", live)
            await producer.flush()
            eng = svc.signal_engine
            await wait_until(lambda: eng.counts["scored"] >= 1, 60, "live bar processed")
            st = eng.instruments["DDD.XNAS"]
            assert len(st.history["1m"]) == 61  # 60 stored + the live one
            assert len(st.history["5m"]) >= 11
            rsi = next(x for x in st.streams.values() if x.name == "RSI" and x.tf == "1m")
            import talib

            closes = st.history["1m"].arrays()["close"]
            assert rsi.values["real"] == pytest.approx(talib.RSI(closes)[-1], abs=1e-9)
            # only the live bar produced events
            assert eng.counts["scored"] == 1
        finally:
            await producer.stop()
            await svc.stop()
    finally:
        await md_svc.stop()
