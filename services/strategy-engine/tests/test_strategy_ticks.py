"""The same kernel over ticks: top-of-book quotes from the market-data simulator."""

from __future__ import annotations

import numpy as np
import pytest
from svc_strategy_engine.backtest import run_tick_backtest, simulated_quotes
from svc_strategy_engine.model import DataError
from svc_strategy_engine.strategy import Strategy, register


class QuoteFlipper(Strategy):
    """Every 200 quotes of its first instrument: go long 10, then flat (market orders); one
    resting limit buy 1% under the first mid."""

    name = "test_quote_flipper"

    def on_start(self):
        self.n = 0
        self.fills = []
        self.quotes = []

    def on_quote(self, q):
        if q.instrument != self.instruments[0]:
            return
        self.n += 1
        self.quotes.append((q.ts, q.bid, q.ask))
        if self.n == 1:
            self.ctx.submit(q.instrument, 5, order_type="limit",
                            limit_price=round(q.mid * 0.99, 2))
        if self.n % 200 == 0:
            self.ctx.target(q.instrument, 10.0 if (self.n // 200) % 2 else 0.0)

    def on_fill(self, fill):
        self.fills.append(fill)


register(QuoteFlipper)


def test_tick_backtest_fills_at_the_touch_after_latency():
    quotes = simulated_quotes(4000, seed=3, instruments=["AAPL.XNAS", "MSFT.XNAS"])
    strat = QuoteFlipper()
    r = run_tick_backtest(strat, quotes)
    assert not r.error and r.bars == 8000
    book = {ts: (b, a) for ts, b, a in strat.quotes}
    market = [f for f in strat.fills if f.quantity == 10.0]
    assert market
    for f in market:
        bid, ask = book[f.ts]  # the quote in force when the order arrived (the next one)
        assert f.price == pytest.approx(ask if f.side > 0 else bid, abs=1e-9)
        assert f.ts > min(ts for ts in book)  # never on the quote that decided it
    # equity = cash + position at the mid, and the P&L is the sum of round trips
    assert r.equity[0] == pytest.approx(1_000_000.0)
    assert np.isfinite(r.equity).all()


def test_tick_backtest_bad_quotes():
    q = simulated_quotes(10, seed=1, instruments=["AAPL.XNAS"])
    q["bid"][3] = np.nan
    with pytest.raises(DataError, match="NaN bid at event 3"):
        run_tick_backtest(QuoteFlipper(), q)


async def test_tick_backtest_and_live_runner_send_the_same_orders():
    from datetime import UTC, datetime

    from omni.market_data.v1 import events_pb2 as mde
    from omni_core.clock import SimulatedClock
    from svc_strategy_engine.kernel import StrategyRunner
    from svc_strategy_engine.live import (
        RecordingTransport,
        quote_from_proto,
        report_from_proto,
        report_to_proto,
    )
    from svc_strategy_engine.venue import BacktestTransport, FillModel

    quotes = simulated_quotes(1500, seed=5, instruments=["AAPL.XNAS", "SPY.ARCX"])
    fill = FillModel(seed=2)
    bt = run_tick_backtest(QuoteFlipper(), quotes, fill=fill, strategy_id="qf")

    clock = SimulatedClock(datetime(2026, 1, 1, tzinfo=UTC))
    runner = StrategyRunner(clock, None, account_id="live")
    names = [str(x) for x in quotes["instruments"]]
    venue = BacktestTransport(runner, fill, capital=1_000_000.0,
                              tick_sizes=dict(zip(names, quotes["ticks"].tolist(), strict=True)))
    venue.report_sink = lambda r: runner.on_execution(report_from_proto(report_to_proto(r)))
    runner.transport = RecordingTransport(venue)
    for i in names:
        venue._inst(i)
    runner.add(QuoteFlipper(), names, strategy_id="qf")
    for e in range(len(quotes["ts"])):
        wire = mde.Quote(bid=float(quotes["bid"][e]), ask=float(quotes["ask"][e]),
                         bid_size=float(quotes["bid_size"][e]),
                         ask_size=float(quotes["ask_size"][e]))
        wire.instrument_id.value = names[quotes["inst"][e]]
        wire.time.FromNanoseconds(int(quotes["ts"][e]))
        q = quote_from_proto(wire)
        await clock.advance_to(datetime.fromtimestamp(q.ts / 1e9, UTC))
        if q.instrument in venue.busy:
            venue.on_quote(q)
        runner.on_quote(q)
    assert bt.order_log and runner.order_log == bt.order_log
    assert len(runner.fill_log) == len(bt.fills)
    assert [(f[2], f[4], f[5]) for f in runner.fill_log] == [
        (f["instrument"], f["quantity"], f["price"]) for f in bt.fills]
