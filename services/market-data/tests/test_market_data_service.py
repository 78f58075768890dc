"""The whole service in-process: kit Service, embedded broker, SQLite history, gRPC API.

A replay file with known bad rows goes through; only good data reaches market-data-stream
(keyed by instrument id), the bad rows are in the quarantine, the API answers."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as ev
from omni.market_data.v1 import market_data_service_pb2 as pb
from omni.market_data.v1.market_data_service_pb2_grpc import MarketDataServiceStub
from omni_core.envelope import decode, unpack
from omni_core.rpc import channel
from omni_core.settings import SettingsError
from omni_quant.marketsim import Quote
from omni_testing.kafka import read_topic, wait_until
from svc_market_data.app import build
from svc_market_data.pipeline import InstrumentInfo
from svc_market_data.providers.base import Provider
from svc_market_data.providers.replay import ReplayProvider
from svc_market_data.settings import Settings

S = 1_000_000_000
T0 = 1_767_619_800 * S  # 2026-01-05 13:30 UTC


def iid(v: str) -> types_pb2.InstrumentId:
    return types_pb2.InstrumentId(value=v)


def replay_csv(path) -> tuple[int, int]:
    """Two instruments, four minutes; returns (good quotes, good trades). Bad rows: a crossed
    quote, a duplicate trade id, a spike, an out-of-order quote."""
    rows = ["type,ts,instrument,bid,ask,bid_size,ask_size,price,size,side,trade_id"]
    good_q = good_t = 0
    for i in range(240):
        ts = T0 + i * S
        a = 100.0 + 0.01 * (i % 7)
        rows.append(f"quote,{ts},AAA.XNAS,{a:.2f},{a + 0.02:.2f},100,200,,,,")
        rows.append(f"quote,{ts},BBB.XNAS,{50 + 0.01 * (i % 3):.2f},{50.03 + 0.01 * (i % 3):.2f},"
                    f"300,300,,,,")
        good_q += 2
        rows.append(f"trade,{ts + S // 2},AAA.XNAS,,,,,{a + 0.01:.2f},10,buy,A{i}")
        good_t += 1
        if i == 50:
            rows.append(f"quote,{ts + 1},AAA.XNAS,101.00,100.90,100,100,,,,")  # crossed
        if i == 60:
            rows.append(f"trade,{ts + S // 2 + 1},AAA.XNAS,,,,,{a:.2f},10,buy,A{i}")  # dup id
        if i == 70:
            rows.append(f"quote,{ts + 2},AAA.XNAS,130.00,130.02,100,100,,,,")  # spike
        if i == 80:
            rows.append(f"quote,{ts - 5 * S},BBB.XNAS,50.00,50.03,1,1,,,,")  # out of order
    path.write_text("\n".join(rows) + "\n")
    return good_q, good_t


@pytest.fixture(params=[0.0, 0.3], ids=["each-at-once", "publish-window"])
async def replay_service(request, tmp_path, kafka_bootstrap, kafka_topics, sqlite_url):
    f = tmp_path / "ticks.csv"
    good = replay_csv(f)
    settings = Settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url, grpc_port=0,
                        grpc_host="127.0.0.1", metrics_port=0, md_provider="replay",
                        md_replay_files=str(f), md_replay_speed=0, md_replay_loop=False,
                        md_flush_interval=0.2, md_timeframes="1m,5m,10t", md_stale_after=600,
                        md_publish_window=request.param)
    svc = build(settings, topics=kafka_topics)
    emitted: list[tuple[str, object]] = []  # (instrument, event) in the pipeline's order
    svc.market_data.pipeline.listeners.append(lambda key, msg: emitted.append((key, msg)))
    svc.emitted = emitted
    await svc.start()
    assert await svc.wait_ready(30)
    await asyncio.wait_for(svc.market_data.provider_done.wait(), 30)
    await svc.market_data.tick()  # closes the last bars (the replay is in the past)
    try:
        yield svc, good
    finally:
        await svc.stop()


async def test_replay_service_publishes_only_validated_data(replay_service, kafka_bootstrap,
                                                             kafka_topics):
    svc, (good_q, good_t) = replay_service
    core = svc.market_data
    assert core.provider_error is None
    assert core.pipeline.counts["quotes"] == good_q
    assert core.pipeline.counts["trades"] == good_t
    await svc.bus.flush()
    n_bars = core.pipeline.counts["bars"]
    expected = 2 + good_q + good_t + n_bars  # 2 = the start-up InstrumentStatus per instrument
    msgs = await asyncio.to_thread(read_topic, kafka_bootstrap,
                                   kafka_topics["market-data-stream"], expected, 30)
    assert len(msgs) == expected
    events = []
    for m in msgs:
        env = decode(m.value())
        assert env.source_service == "market-data" and env.event_id
        e = unpack(env)
        assert m.key().decode() == e.instrument_id.value  # keyed by instrument id
        events.append(e)
    status = [e for e in events if isinstance(e, ev.InstrumentStatus)]
    assert [s.status for s in status] == [ev.TRADING_STATUS_TRADING] * 2
    assert events[0] is status[0]  # announced before any data
    quotes = [e for e in events if isinstance(e, ev.Quote)]
    assert len(quotes) == good_q
    assert all(q.bid < q.ask and q.bid < 120 for q in quotes)  # no crossed quote, no spike
    assert all(q.source == "replay" for q in quotes)
    trade_ids = [e.trade_id for e in events if isinstance(e, ev.Trade)]
    assert len(trade_ids) == len(set(trade_ids)) == good_t
    bars = [e for e in events if isinstance(e, ev.Bar)]
    assert {b.timeframe for b in bars} == {"1m", "5m", "10t"}
    aaa = [b for b in bars if b.instrument_id.value == "AAA.XNAS"]
    assert sum(1 for b in aaa if b.timeframe == "10t") == good_t // 10
    # BBB has quotes only, so its bars are built from mid quotes (no volume)
    bbb = [b for b in bars if b.instrument_id.value == "BBB.XNAS"]
    assert bbb and all(b.volume == 0 for b in bbb)
    # each instrument's events on the topic in the order the pipeline emitted them (a publish
    # window only groups them)
    def data(pairs):
        return [(k, e.SerializeToString()) for k, e in pairs
                if not isinstance(e, ev.InstrumentStatus)]

    on_topic = data((m.key().decode(), e) for m, e in zip(msgs, events, strict=True))
    emitted = data(svc.emitted)
    for inst in ("AAA.XNAS", "BBB.XNAS"):
        assert [v for k, v in on_topic if k == inst] == [v for k, v in emitted if k == inst]


async def test_grpc_api(replay_service):
    svc, _ = replay_service
    async with channel(svc.grpc_address) as ch:
        stub = MarketDataServiceStub(ch)
        inst = await stub.ListInstruments(pb.ListInstrumentsRequest())
        assert sorted(i.instrument_id.value for i in inst.instruments) == ["AAA.XNAS", "BBB.XNAS"]
        assert all(i.source == "replay" for i in inst.instruments)
        none = await stub.ListInstruments(pb.ListInstrumentsRequest(
            asset_class=types_pb2.ASSET_CLASS_FX))
        assert list(none.instruments) == []

        q = (await stub.GetQuote(pb.GetQuoteRequest(instrument_id=iid("AAA.XNAS")))).quote
        assert q.time.seconds == (T0 + 239 * S) // S and q.bid < q.ask

        book = await stub.GetBook(pb.GetBookRequest(instrument_id=iid("AAA.XNAS"), depth=5,
                                                    impact_quantity=150))
        st = book.stats
        assert st.best_bid == q.bid and st.best_ask == q.ask
        assert st.spread == pytest.approx(q.ask - q.bid)
        assert st.microprice == pytest.approx((q.bid * 200 + q.ask * 100) / 300)
        assert st.buy_impact.filled == 150 or st.buy_impact.filled == 200  # walks the touch
        assert st.sell_impact.requested == 150

        bars = await stub.GetBars(pb.GetBarsRequest(
            instrument_id=iid("AAA.XNAS"), timeframe="1m",
            range=types_pb2.TimeRange(start={"seconds": T0 // S},
                                      end={"seconds": T0 // S + 3600})))
        starts = [b.start.seconds for b in bars.bars]
        assert starts == [T0 // S + 60 * k for k in range(len(starts))] and len(starts) >= 3
        b0 = bars.bars[0]
        assert b0.trade_count == 60 and b0.volume == 600 and b0.low <= b0.vwap <= b0.high

        quarantine = await stub.GetQuarantine(pb.GetQuarantineRequest())
        assert dict(quarantine.counts_by_rule) == {"crossed": 1, "duplicate": 1, "spike": 1,
                                                   "out_of_order": 1}
        spikes = await stub.GetQuarantine(pb.GetQuarantineRequest(rule="spike"))
        assert len(spikes.records) == 1
        r = spikes.records[0]
        assert r.instrument_id.value == "AAA.XNAS" and "mid moved" in r.reason
        assert r.kind == "quote" and "bid=130.0" in r.detail and r.source == "replay"

        async def code_of(call) -> grpc.StatusCode:
            with pytest.raises(grpc.aio.AioRpcError) as exc:
                await call
            return exc.value.code(), exc.value.details()

        code, msg = await code_of(stub.GetQuote(pb.GetQuoteRequest(instrument_id=iid("ZZZ"))))
        assert code == grpc.StatusCode.NOT_FOUND and "ZZZ" in msg
        code, _ = await code_of(stub.GetQuote(pb.GetQuoteRequest()))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        code, msg = await code_of(stub.GetBars(pb.GetBarsRequest(
            instrument_id=iid("AAA.XNAS"), timeframe="7m")))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and "7m" in msg
        code, _ = await code_of(stub.GetBook(pb.GetBookRequest(instrument_id=iid("NOPE"))))
        assert code == grpc.StatusCode.NOT_FOUND
        code, _ = await code_of(stub.GetBook(pb.GetBookRequest(instrument_id=iid("AAA.XNAS"),
                                                               impact_quantity=-1)))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        code, _ = await code_of(stub.GetQuarantine(pb.GetQuarantineRequest(rule="bogus")))
        assert code == grpc.StatusCode.INVALID_ARGUMENT


class PushProvider(Provider):
    """A provider the test feeds by hand."""

    name = "push"

    def __init__(self) -> None:
        self.queue: asyncio.Queue = asyncio.Queue()

    def instruments(self):
        return [InstrumentInfo("AAA.XNAS"), InstrumentInfo("BBB.XNAS")]

    async def run(self, sink, stop):
        while not stop.is_set():
            try:
                q = await asyncio.wait_for(self.queue.get(), 0.1)
            except TimeoutError:
                continue
            sink.on_quote(q, self.name)


async def test_subscribe_streams_filtered_live_quotes(tmp_path, kafka_bootstrap, kafka_topics,
                                                      sqlite_url):
    provider = PushProvider()
    settings = Settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url, grpc_port=0,
                        grpc_host="127.0.0.1", metrics_port=0)
    svc = build(settings, provider=provider, topics=kafka_topics)
    await svc.start()
    try:
        assert await svc.wait_ready(30)
        async with channel(svc.grpc_address) as ch:
            stub = MarketDataServiceStub(ch)
            stream = stub.Subscribe(pb.SubscribeRequest(instrument_ids=[iid("AAA.XNAS")],
                                                        quotes=True), timeout=30)
            await wait_until(lambda: len(svc.market_data.pipeline.listeners) == 1, 10)
            t = 1_800_000_000 * S
            for i in range(3):
                provider.queue.put_nowait(Quote("BBB.XNAS", t + i, 10.0, 10.01, 1, 1))
                provider.queue.put_nowait(Quote("AAA.XNAS", t + i, 20.0 + i * 0.01, 20.05, 1, 1))
            provider.queue.put_nowait(Quote("AAA.XNAS", t + 9, 21.0, 20.0, 1, 1))  # crossed
            got = []
            async for item in stream:
                got.append(item.quote)
                if len(got) == 3:
                    break
            stream.cancel()
            assert [q.instrument_id.value for q in got] == ["AAA.XNAS"] * 3
            assert [q.bid for q in got] == [20.0, 20.01, 20.02]
            with pytest.raises(grpc.aio.AioRpcError) as exc:
                s2 = stub.Subscribe(pb.SubscribeRequest(instrument_ids=[iid("NOPE")]))
                async for _ in s2:
                    pass
            assert exc.value.code() == grpc.StatusCode.NOT_FOUND
            await wait_until(lambda: not svc.market_data.pipeline.listeners, 10)
    finally:
        await svc.stop()


async def test_embedded_default_simulator_publishes(kafka_bootstrap, kafka_topics, sqlite_url):
    settings = Settings(kafka_bootstrap=kafka_bootstrap, database_url=sqlite_url, grpc_port=0,
                        grpc_host="127.0.0.1", metrics_port=0, md_quote_interval=0.05,
                        md_book_interval=0.1)
    svc = build(settings, topics=kafka_topics)
    await svc.start()
    try:
        assert await svc.wait_ready(30)
        core = svc.market_data
        await wait_until(lambda: core.pipeline.counts["quotes"] >= 25
                         and core.pipeline.counts["books"] >= 5, 30)
        await svc.bus.flush()
        msgs = await asyncio.to_thread(read_topic, kafka_bootstrap,
                                       kafka_topics["market-data-stream"], 30, 20)
        types = {decode(m.value()).event_type for m in msgs}
        assert "omni.market_data.v1.Quote" in types
        assert len({m.key() for m in msgs}) == 5  # the five default instruments
        async with channel(svc.grpc_address) as ch:
            stub = MarketDataServiceStub(ch)
            book = await stub.GetBook(pb.GetBookRequest(instrument_id=iid("ESZ6.XCME")))
            # the snapshot has 10 levels; quotes since then may have consumed some at the top
            assert 5 <= len(book.book.bids) <= 10 and book.stats.spread > 0
    finally:
        await svc.stop()


def test_invalid_settings_name_the_variable():
    with pytest.raises(SettingsError) as exc:
        Settings(md_timeframes="1m,7m")
    assert exc.value.variables == ["OMNI_MD_TIMEFRAMES"]
    with pytest.raises(SettingsError) as exc:
        Settings(md_provider="replay", md_replay_files="/nonexistent.csv")
    assert "OMNI_MD_REPLAY_FILES" in str(exc.value)
    with pytest.raises(SettingsError) as exc:
        Settings(md_instruments="AAPL.XNAS,NOPE.X")
    assert exc.value.variables == ["OMNI_MD_INSTRUMENTS"]
    with pytest.raises(SettingsError) as exc:
        Settings(md_quote_interval=0)
    assert exc.value.variables == ["OMNI_MD_QUOTE_INTERVAL"]
    with pytest.raises(SettingsError) as exc:
        Settings(md_provider="ccxt", md_symbols="BTC/USDT", md_ccxt_exchange="nope")
    assert exc.value.variables == ["OMNI_MD_CCXT_EXCHANGE"]


def test_replay_bundled_sample_is_valid(tmp_path):
    from svc_market_data.providers.replay import bundled_sample

    p = ReplayProvider([bundled_sample()], speed=0)
    assert {i.instrument_id for i in p.instruments()} == {"AAPL.XNAS", "EURUSD.FX",
                                                         "BTC-USD.CRYPTO"}
    assert sum(1 for _ in p.stream()) > 3000


async def test_failing_provider_is_restarted_with_backoff():
    from svc_market_data.core import MarketDataCore

    class Flaky(PushProvider):
        runs = 0

        async def run(self, sink, stop):
            Flaky.runs += 1
            if Flaky.runs < 3:
                raise ConnectionError("venue dropped the connection")
            sink.on_quote(Quote("AAA.XNAS", T0, 10.0, 10.01, 1, 1), self.name)

    core = MarketDataCore(Flaky(), ["1m"])
    core.restart_backoff = 0.01
    core.start()
    await asyncio.wait_for(core.provider_done.wait(), 10)
    assert Flaky.runs == 3 and core.provider_restarts == 2
    assert isinstance(core.provider_error, ConnectionError)
    assert core.pipeline.counts["quotes"] == 1
    await core.stop()


async def test_slow_subscriber_is_cut_off_not_buffered_forever(grpc_server, monkeypatch):
    from omni.market_data.v1.market_data_service_pb2_grpc import (
        add_MarketDataServiceServicer_to_server,
    )
    from svc_market_data import grpc_api
    from svc_market_data.core import MarketDataCore

    monkeypatch.setattr(grpc_api, "SUBSCRIBER_QUEUE", 5)
    core = MarketDataCore(PushProvider(), ["1m"])
    _, address = await grpc_server((add_MarketDataServiceServicer_to_server,
                                    grpc_api.MarketDataServicer(core), grpc_api.FULL_NAME))
    async with channel(address) as ch:
        stub = MarketDataServiceStub(ch)
        stream = stub.Subscribe(pb.SubscribeRequest(instrument_ids=[iid("AAA.XNAS")]),
                                timeout=30)
        await wait_until(lambda: len(core.pipeline.listeners) == 1, 10)
        for i in range(20):  # synchronously: the stream cannot drain in between
            core.pipeline.on_quote(Quote("AAA.XNAS", T0 + i, 10.0, 10.01 + i * 1e-4, 1, 1))
        got = 0
        with pytest.raises(grpc.aio.AioRpcError) as exc:
            async for _ in stream:
                got += 1
        assert got == 5
        assert exc.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "resubscribe" in exc.value.details()
    await wait_until(lambda: not core.pipeline.listeners, 10)
