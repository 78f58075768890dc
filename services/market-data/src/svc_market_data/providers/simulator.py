"""The embedded default provider: the seeded multi-asset simulator, paced in real time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from omni_quant.marketsim import DEFAULT_UNIVERSE, InstrumentSpec, MarketSimulator, Quote

from svc_market_data.pipeline import InstrumentInfo, book_diff
from svc_market_data.providers.base import NS, Pacer, Provider, Sink


@dataclass(frozen=True)
class SimulatorConfig:
    seed: int = 7
    instruments: Sequence[str] = ()  # empty = the whole default universe
    quote_interval_s: float = 0.25
    book_interval_s: float = 1.0
    book_snapshot_every: int = 30  # every Nth book update is a full snapshot, else a delta
    book_levels: int = 10
    speed: float = 1.0  # 1 = real time; 0 = as fast as possible
    max_steps: int = 0  # 0 = run until stopped


def select_universe(names: Sequence[str]) -> list[InstrumentSpec]:
    if not names:
        return list(DEFAULT_UNIVERSE)
    by_id = {s.instrument_id: s for s in DEFAULT_UNIVERSE}
    unknown = [n for n in names if n not in by_id]
    if unknown:
        raise ValueError(f"unknown simulator instruments {unknown}; known: {sorted(by_id)}")
    return [by_id[n] for n in names]


class SimulatorProvider(Provider):
    name = "simulator"

    def __init__(self, config: SimulatorConfig = SimulatorConfig(), start_ns: int | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep=asyncio.sleep) -> None:
        if config.quote_interval_s <= 0 or config.book_interval_s <= 0:
            raise ValueError("simulator intervals must be positive")
        self.config = config
        specs = select_universe(config.instruments)
        # without an explicit start the simulated clock is anchored to the wall clock when
        # run() starts, so event times track real time in the embedded default
        self._anchor = start_ns is None
        if start_ns is None:
            start_ns = time.time_ns()
        self.sim = MarketSimulator(specs, seed=config.seed, dt=config.quote_interval_s,
                                   start_ns=start_ns, book_levels=config.book_levels)
        self._monotonic = monotonic
        self._sleep = sleep
        self.steps = 0

    def instruments(self) -> list[InstrumentInfo]:
        return [InstrumentInfo(s.instrument_id, s.asset_class, s.tick_size, s.lot_size,
                               s.currency, s.venue, s.description, self.name)
                for s in self.sim.specs]

    async def run(self, sink: Sink, stop: asyncio.Event) -> None:
        cfg = self.config
        if self._anchor and self.sim.step_count == 0:
            self.sim.start_ns = time.time_ns()
        pacer = Pacer(cfg.speed, self._monotonic, self._sleep, yield_every=50)
        book_every = max(1, round(cfg.book_interval_s / cfg.quote_interval_s))
        step_ns = int(cfg.quote_interval_s * NS)
        books = 0
        ids = self.sim.instrument_ids
        books_state = getattr(sink, "books", None)
        while not stop.is_set() and (cfg.max_steps == 0 or self.steps < cfg.max_steps):
            step_ts = self.sim.now_ns + step_ns
            await pacer.pace(step_ts)
            for e in self.sim.events(1):
                if type(e) is Quote:
                    sink.on_quote(e, self.name)
                else:
                    sink.on_trade(e, self.name)
            # every instrument's events are now known up to the next step's quote (a step's
            # trades fall between its quote and that one), so the bars ending by then close
            # together, in one Kafka batch, not each at its instrument's next tick
            sink.flush_bars(self.sim.now_ns + step_ns)
            self.steps += 1
            if self.steps % book_every == 0:
                books += 1
                ts = self.sim.now_ns
                for iid in ids:
                    new = self.sim.book(iid)
                    old = books_state.get(iid) if books_state is not None else None
                    if old is None or old.empty or books % cfg.book_snapshot_every == 1:
                        sink.on_book_snapshot(iid, ts, new.levels(1), new.levels(2),
                                              source=self.name)
                    else:
                        updates = book_diff(old, new)
                        if updates:
                            sink.on_book_delta(iid, ts, updates, source=self.name)
