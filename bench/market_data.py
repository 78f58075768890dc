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
    args = parser.parse_args()

    sim = MarketSimulator(seed=args.seed, dt=0.05)
    t0 = time.perf_counter()
    events = list(sim.events(args.steps))
    t_sim = time.perf_counter() - t0

    encoded = [0, 0]

    def sink(key: str, msg) -> None:
        data, _ = encode(msg, tenant_id="default", source_service="market-data")
        encoded[0] += 1
        encoded[1] += len(data)

    instruments = [InstrumentInfo(s.instrument_id, s.asset_class, s.tick_size, s.lot_size)
                   for s in sim.specs]
    validator = Validator(ValidationConfig(), Quarantine(10_000))
    pipe = Pipeline(instruments, validator, ["1m", "5m", "15m", "1h", "4h", "1d", "500t"],
                    sink=sink, source="simulator")
    pipe.store_trades = False
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
    t_pipe = time.perf_counter() - t0
    gc.enable()
    n = len(events)
    q = pipe.counts["quotes"]
    tr = pipe.counts["trades"]
    print(f"simulated {n:,} ticks ({q:,} quotes, {tr:,} trades) over "
          f"{args.steps * sim.dt / 3600:.2f} h of market time in {t_sim:.2f} s "
          f"({n / t_sim:,.0f} ticks/s generated)")
    print(f"validation + book + bars + envelope encoding: {n / t_pipe:,.0f} validated ticks/s "
          f"({t_pipe * 1e6 / n:.2f} us/tick), {encoded[0]:,} envelopes, "
          f"{encoded[1] / max(encoded[0], 1):.0f} B avg, {pipe.counts['bars']:,} bars, "
          f"{pipe.counts['rejected']} quarantined")


if __name__ == "__main__":
    main()
