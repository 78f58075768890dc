"""One kernel: the backtester and the live runner send the same orders for the same data.

The live runner is fed through its live interface: every bar goes over the wire format
(market-data Bar protobuf) and through `bar_from_proto`, the clock is a SimulatedClock
advanced to each bar's time, orders go to a recording transport, and the venue's execution
reports come back as ExecutionReport protobufs through `report_from_proto` (as they arrive
from order-management live)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from omni_core.clock import SimulatedClock
from strategy_helpers import multi, random_walk
from svc_strategy_engine.backtest import run_backtest
from svc_strategy_engine.data import load_data
from svc_strategy_engine.kernel import StrategyRunner
from svc_strategy_engine.live import (
    RecordingTransport,
    bar_from_proto,
    bar_to_proto,
    report_from_proto,
    report_to_proto,
)
from svc_strategy_engine.model import Bar
from svc_strategy_engine.strategy import create
from svc_strategy_engine.venue import BacktestTransport, FillModel

CASES = [
    ("sma_crossover", {"fast": 5, "slow": 20, "allow_short": True}, "sp500", 1500),
    ("mean_reversion", {"window": 15, "entry_z": 1.5}, "sp500", 1500),
    ("breakout", {"lookback": 15, "exit_lookback": 5}, "sp500", 1500),
    ("momentum", {"lookback": 10, "threshold": 0.01, "allow_short": True}, "sp500", 1500),
    ("ml_classifier", {"min_train": 150, "retrain_every": 50, "threshold": 0.5}, "sp500", 600),
    ("pairs", {"formation": 120, "refit": 20, "entry_z": 1.5, "max_pvalue": 0.5}, "pair", 800),
]


def data_for(kind: str, n: int):
    if kind == "pair":
        x = random_walk(n, 21)
        return multi({"YYY": 1.3 * x * (1 + 0.01 * random_walk(n, 22, 1.0, 0.02)),
                      "XXX": x})
    md = load_data(kind)
    return md.slice(len(md) - n, len(md))


async def run_live(name, params, md, fill):
    clock = SimulatedClock(datetime(1990, 1, 1, tzinfo=UTC))
    runner = StrategyRunner(clock, None, account_id="live")
    venue = BacktestTransport(runner, fill, capital=1_000_000.0,
                              tick_sizes={k: s.tick_size for k, s in md.series.items()})
    # the venue's reports travel in the wire format, as from order-management
    venue.report_sink = lambda r: runner.on_execution(report_from_proto(report_to_proto(r)))
    rec = RecordingTransport(venue)
    runner.transport = rec
    for i in md.instruments:
        venue._inst(i)
    runner.add(create(name, params), md.instruments, strategy_id=name)
    for i in range(len(md)):
        for inst, s in md.series.items():
            wire = bar_to_proto(Bar(inst, int(s.ts[i]), float(s.open[i]), float(s.high[i]),
                                    float(s.low[i]), float(s.close[i]), float(s.volume[i])))
            bar = bar_from_proto(wire)
            await clock.advance_to(datetime.fromtimestamp(bar.ts / 1e9, UTC))
            if inst in venue.busy:
                venue.on_bar(bar)  # the paper venue sees the market first, as live
            runner.on_bar(bar)
    return runner, rec


@pytest.mark.parametrize(("name", "params", "kind", "n"), CASES, ids=[c[0] for c in CASES])
async def test_backtest_and_live_runner_send_the_same_orders(name, params, kind, n):
    md = data_for(kind, n)
    fill = FillModel(seed=3)
    bt = run_backtest(name, md, params, fill=fill, strategy_id=name)
    runner, rec = await run_live(name, params, md, fill)
    assert bt.order_log, "the strategy traded in the backtest"
    assert runner.order_log == bt.order_log
    assert [o.order_id for o in rec.submitted] == [o[2] for o in bt.order_log]
    live_fills = [(t, inst, side, q, px) for t, _, inst, side, q, px, _, _ in runner.fill_log]
    bt_fills = [(int(md.ts[f["bar"]]), f["instrument"], 1 if f["side"] == "BUY" else -1,
                 f["quantity"], f["price"]) for f in bt.fills]
    assert live_fills == bt_fills
