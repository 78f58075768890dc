"""Replay of CSV and Parquet files: pacing at a chosen speed (on a fake clock, never wall
time), as fast as possible, looping, merging files, column aliases and bad files."""

import asyncio

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from omni_quant.marketsim import Quote, Trade
from svc_market_data.bars import Bar
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.replay import ReplayError, ReplayProvider
from svc_market_data.validation import Quarantine, Validator

S = 1_000_000_000
T0 = 1_767_619_800 * S


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, d: float) -> None:
        self.sleeps.append(d)
        self.t += d
        await asyncio.sleep(0)


class Recorder:
    def __init__(self) -> None:
        self.events = []

    def on_quote(self, q, source=""):
        self.events.append(q)
        return True

    def on_trade(self, t, source=""):
        self.events.append(t)
        return True

    def on_bar(self, b):
        self.events.append(b)
        return True


def write_quotes(path, n=61, step_s=1):
    lines = ["timestamp,symbol,bid,ask,bid_size,ask_size"]
    for i in range(n):
        lines.append(f"{(T0 + i * step_s * S) // 1_000_000},X.XNAS,{10 + i * 0.01:.2f},"
                     f"{10.02 + i * 0.01:.2f},5,6")  # epoch milliseconds
    path.write_text("\n".join(lines) + "\n")


async def run(provider) -> Recorder:
    rec = Recorder()
    await asyncio.wait_for(provider.run(rec, asyncio.Event()), 30)
    return rec


async def test_replay_paces_at_the_chosen_speed(tmp_path):
    f = tmp_path / "q.csv"
    write_quotes(f)  # 60 s of data
    for speed, expected in ((1.0, 60.0), (10.0, 6.0), (0.5, 120.0)):
        clock = FakeClock()
        p = ReplayProvider([f], speed=speed, monotonic=clock.monotonic, sleep=clock.sleep)
        rec = await run(p)
        assert len(rec.events) == 61
        assert sum(clock.sleeps) == pytest.approx(expected)
        assert max(clock.sleeps) == pytest.approx(1.0 / speed)


async def test_replay_as_fast_as_possible_never_waits(tmp_path):
    f = tmp_path / "q.csv"
    write_quotes(f, n=2000)
    clock = FakeClock()
    p = ReplayProvider([f], speed=0, monotonic=clock.monotonic, sleep=clock.sleep)
    rec = await run(p)
    assert len(rec.events) == 2000
    assert set(clock.sleeps) == {0}  # only yields to the event loop
    q = rec.events[5]
    assert isinstance(q, Quote) and q.ts_ns == T0 + 5 * S and (q.bid, q.ask) == (10.05, 10.07)
    assert (q.bid_size, q.ask_size) == (5, 6)


async def test_replay_parquet_bars_and_trades_merged_in_time_order(tmp_path):
    bars = pa.table({
        "time": pa.array([T0 + i * 60 * S for i in range(3)], pa.timestamp("ns", tz="UTC")),
        "instrument": ["Y.XNAS"] * 3, "open": [1.0, 2.0, 3.0], "high": [1.5, 2.5, 3.5],
        "low": [0.5, 1.5, 2.5], "close": [1.2, 2.2, 3.2], "volume": [10.0, 20.0, 30.0]})
    pq.write_table(bars, tmp_path / "bars.parquet")
    (tmp_path / "trades.csv").write_text(
        "ts,instrument,price,qty,side,trade_id\n"
        "2026-01-05T13:30:30Z,Y.XNAS,1.1,5,B,t1\n"
        "2026-01-05T13:31:30+00:00,Y.XNAS,2.1,5,S,t2\n")
    p = ReplayProvider([tmp_path / "bars.parquet", tmp_path / "trades.csv"], speed=0)
    rec = await run(p)
    kinds = [type(e).__name__ for e in rec.events]
    assert kinds == ["Bar", "Trade", "Bar", "Trade", "Bar"]
    b = rec.events[2]
    assert isinstance(b, Bar) and b.start_ns == T0 + 60 * S and b.end_ns == T0 + 120 * S
    assert b.timeframe == "1m" and b.close == 2.2
    t = rec.events[1]
    assert isinstance(t, Trade) and t.ts_ns == T0 + 30 * S and t.side == 1 and t.size == 5
    assert rec.events[3].side == 2


async def test_replay_loop_keeps_time_increasing_and_validates(tmp_path):
    f = tmp_path / "q.csv"
    write_quotes(f, n=10)
    p = ReplayProvider([f], speed=0, loop=True)
    v = Validator(quarantine=Quarantine(10))
    pipe = Pipeline(p.instruments(), v, ["1m"])
    stop = asyncio.Event()
    task = asyncio.create_task(p.run(pipe, stop))
    for _ in range(10_000):  # noqa: ASYNC110 - stop the looping replay after 35 events
        if p.replayed >= 35:
            break
        await asyncio.sleep(0)
    stop.set()
    await task
    assert pipe.counts["quotes"] >= 35  # the loop did not trip out-of-order/duplicate rules
    assert len(v.quarantine) == 0


def test_replay_bad_files(tmp_path):
    with pytest.raises(ReplayError, match="does not exist"):
        ReplayProvider([tmp_path / "missing.csv"])
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(ReplayError, match="csv"):
        ReplayProvider([tmp_path / "x.json"])
    (tmp_path / "nocols.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ReplayError, match="time column"):
        ReplayProvider([tmp_path / "nocols.csv"])
    with pytest.raises(ValueError):
        ReplayProvider([tmp_path / "nocols.csv"], speed=-1)


async def test_quote_only_instruments_get_bars_from_mid_quotes(tmp_path):
    f = tmp_path / "fx.csv"
    lines = ["ts,instrument,bid,ask"]
    for i in range(181):  # three minutes, one quote a second
        lines.append(f"{T0 + i * S},EURUSD.FX,{1.085 + i * 1e-5:.5f},{1.08508 + i * 1e-5:.5f}")
    f.write_text("\n".join(lines) + "\n")
    p = ReplayProvider([f], speed=0)
    (info,) = p.instruments()
    assert info.bar_source == "quotes" and info.tick_size == 0.00001  # from the universe
    published = []
    pipe = Pipeline(p.instruments(), Validator(quarantine=Quarantine(10)), ["1m"],
                    sink=lambda k, m: published.append(m))
    await p.run(pipe, asyncio.Event())
    bars = [m for m in published if m.DESCRIPTOR.name == "Bar"]
    assert len(bars) == 3  # the third closes on the 13:33:00 quote
    b = bars[0]
    assert b.open == pytest.approx(1.08504) and b.close == pytest.approx(1.08504 + 59e-5)
    assert b.volume == 0 and b.vwap == b.close and b.trade_count == 60


async def test_large_mixed_csv_is_streamed_in_blocks(tmp_path, monkeypatch):
    from svc_market_data.providers import replay

    monkeypatch.setattr(replay, "CSV_BLOCK_BYTES", 4096)  # many small blocks
    f = tmp_path / "mixed.csv"
    lines = ["type,ts,instrument,bid,ask,price,size,trade_id"]
    for i in range(500):  # the first blocks hold quotes only: price/size/trade_id are empty
        lines.append(f"quote,{T0 + i * S},Z.XNAS,10.00,10.02,,,")
    for i in range(500, 600):
        lines.append(f"trade,{T0 + i * S},Z.XNAS,,,10.01,3,t{i}")
    f.write_text("\n".join(lines) + "\n")
    p = ReplayProvider([f], speed=0)
    assert [(i.instrument_id, i.bar_source) for i in p.instruments()] == [("Z.XNAS", "trades")]
    rec = await run(p)
    assert len(rec.events) == 600
    assert isinstance(rec.events[550], Trade) and rec.events[550].trade_id == "t550"
    assert rec.events[550].price == 10.01
