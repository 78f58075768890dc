"""The simulator provider (the embedded default): paced steps on a fake clock, L2 books as
snapshots then deltas, everything validated clean."""

import asyncio

import pytest
from omni_quant.marketsim import Quote
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.simulator import SimulatorConfig, SimulatorProvider
from svc_market_data.validation import Quarantine, Validator

S = 1_000_000_000
T0 = 1_767_619_800 * S


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, d: float) -> None:
        self.t += d
        self.slept += d
        await asyncio.sleep(0)


async def run(cfg: SimulatorConfig, clock=None):
    kw = {"monotonic": clock.monotonic, "sleep": clock.sleep} if clock else {}
    p = SimulatorProvider(cfg, start_ns=T0, **kw)
    published = []
    v = Validator(quarantine=Quarantine(1000))
    pipe = Pipeline(p.instruments(), v, ["1m", "5m"], sink=lambda k, m: published.append(m))
    await asyncio.wait_for(p.run(pipe, asyncio.Event()), 60)
    return p, pipe, v, published


async def test_real_time_pacing_on_the_clock():
    clock = FakeClock()
    cfg = SimulatorConfig(instruments=("AAPL.XNAS", "EURUSD.FX"), quote_interval_s=0.25,
                          max_steps=41, speed=1.0)
    p, pipe, v, _ = await run(cfg, clock)
    assert clock.slept == pytest.approx(40 * 0.25)  # the first step is due at once
    assert pipe.counts["quotes"] == 2 * 41


async def test_books_snapshot_then_deltas_and_clean_validation():
    cfg = SimulatorConfig(instruments=("ESZ6.XCME", "BTC-USD.CRYPTO"), quote_interval_s=0.5,
                          book_interval_s=1.0, book_snapshot_every=5, max_steps=2400, speed=0)
    p, pipe, v, published = await run(cfg)
    names = [m.DESCRIPTOR.name for m in published]
    n_book_updates = 2400 // 2
    assert names.count("BookSnapshot") == 2 * (n_book_updates // 5)
    assert names.count("BookDelta") >= 2 * (n_book_updates - n_book_updates // 5) * 0.9
    assert names.count("Bar") >= 2 * 19  # 20 minutes of 1m bars per instrument
    assert len(v.quarantine) <= 3  # only a jump's first ticks, if any
    assert set(v.quarantine.counts) <= {"spike"}
    book = pipe.books["ESZ6.XCME"]
    assert not book.is_crossed() and len(book.levels(1)) >= 5


async def test_same_seed_same_output():
    cfg = SimulatorConfig(instruments=("AAPL.XNAS",), max_steps=200, speed=0, seed=99)
    a = await run(cfg)
    b = await run(cfg)
    assert [m.SerializeToString() for m in a[3]] == [m.SerializeToString() for m in b[3]]
    q = a[1].quotes["AAPL.XNAS"]
    assert isinstance(q, Quote) and q.ts_ns == T0 + 200 * S // 4


async def test_every_instruments_bar_closes_in_the_same_step():
    """The bars ending at one boundary are emitted in one step (so in one Kafka batch), not
    each at its instrument's first trade after the boundary, which may come a step later."""
    cfg = SimulatorConfig(instruments=("AAPL.XNAS", "SPY.ARCX", "EURUSD.FX", "BTC-USD.CRYPTO"),
                          quote_interval_s=6.0, max_steps=400, speed=0)
    p = SimulatorProvider(cfg, start_ns=T0 + S * 5 // 2)  # steps off the minute boundaries
    step_of_bars: dict[int, set[int]] = {}

    def sink(_key, m):
        if m.DESCRIPTOR.name == "Bar" and m.timeframe == "1m":
            step_of_bars.setdefault(m.end.ToNanoseconds(), set()).add(p.steps)

    pipe = Pipeline(p.instruments(), Validator(quarantine=Quarantine(1000)), ["1m"], sink=sink)
    await asyncio.wait_for(p.run(pipe, asyncio.Event()), 60)
    assert len(step_of_bars) >= 30
    assert all(len(steps) == 1 for steps in step_of_bars.values()), step_of_bars
