"""Market-data hot path throughput: simulator ticks → validation → L2 book update → bar
aggregation (1m, 5m, 15m, 1h, 4h, 1d and 500-tick bars) → protobuf event → Envelope bytes.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/market_data.py [--steps N]

Prints figures; nothing is asserted. The target is >= 100,000 validated ticks per second in one
process. Simulation (generating the ticks) is timed separately and excluded from the figure.
"""

from __future__ import annotations

import argparse
import gc
import time

from omni_core.envelope import encode
from omni_quant.marketsim import MarketSimulator, Quote
from svc_market_data.pipeline import InstrumentInfo, Pipeline
from svc_market_data.validation import Quarantine, ValidationConfig, Validator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs over the same ticks (fresh state each); all are printed")
    args = parser.parse_args()

    sim = MarketSimulator(seed=args.seed, dt=0.05)
    t0 = time.perf_counter()
    events = list(sim.events(args.steps))
    t_sim = time.perf_counter() - t0

    n = len(events)
    print(f"simulated {n:,} ticks over {args.steps * sim.dt / 3600:.2f} h of market time in "
          f"{t_sim:.2f} s ({n / t_sim:,.0f} ticks/s generated)")
    rates = []
    for run in range(1, args.repeat + 1):
        rate, pipe, encoded = run_once(sim, events)
        rates.append(rate)
        print(f"run {run}: validation + book + bars + envelope encoding: {rate:,.0f} validated "
              f"ticks/s ({1e6 / rate:.2f} us/tick); {pipe.counts['quotes']:,} quotes, "
              f"{pipe.counts['trades']:,} trades, {pipe.counts['bars']:,} bars, "
              f"{pipe.counts['rejected']} quarantined, {encoded[0]:,} envelopes "
              f"({encoded[1] / max(encoded[0], 1):.0f} B avg)")
    print(f"best {max(rates):,.0f} ticks/s, median {sorted(rates)[len(rates) // 2]:,.0f} ticks/s "
          f"(target >= 100,000)")
    bare = max(run_once(sim, events, envelope=False)[0] for _ in range(args.repeat))
    print(f"for reference, the same without envelope encoding (protobuf events still built): "
          f"best {bare:,.0f} ticks/s")


def run_once(sim, events, envelope: bool = True):
    encoded = [0, 0]

    def sink(key: str, msg) -> None:
        data, _ = encode(msg, tenant_id="default", source_service="market-data")
        encoded[0] += 1
        encoded[1] += len(data)

    def bare_sink(key: str, msg) -> None:
        encoded[0] += 1

    instruments = [InstrumentInfo(s.instrument_id, s.asset_class, s.tick_size, s.lot_size)
                   for s in sim.specs]
    # as in the service: a clock for staleness bookkeeping, a bounded quarantine
    validator = Validator(ValidationConfig(), Quarantine(10_000), now_ns=time.time_ns)
    pipe = Pipeline(instruments, validator, ["1m", "5m", "15m", "1h", "4h", "1d", "500t"],
                    sink=sink if envelope else bare_sink, source="simulator")
    pipe.store_trades = False
    for spec in sim.specs:  # as the simulator provider does: L2 depth first, then quotes
        bk = sim.book(spec.instrument_id)
        pipe.on_book_snapshot(spec.instrument_id, events[0].ts_ns - 1, bk.levels(1),
                              bk.levels(2), publish=False)
    on_quote = pipe.on_quote
    on_trade = pipe.on_trade
    gc.disable()
    t0 = time.perf_counter()
    for e in events:
        if type(e) is Quote:
            on_quote(e)
        else:
            on_trade(e)
    pipe.flush_bars(events[-1].ts_ns + 86_400 * 10**9)
    elapsed = time.perf_counter() - t0
    gc.enable()
    return len(events) / elapsed, pipe, encoded


if __name__ == "__main__":
    main()
