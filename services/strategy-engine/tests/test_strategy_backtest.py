"""The backtester on the live path: fills against the matching engine (spread, slippage, fees,
partial fills, limit and stop orders), the risk-engine check, and the numpy cross-check."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import ClassVar

import numpy as np
import pytest
from strategy_helpers import bars_from_closes, random_walk
from svc_strategy_engine.backtest import run_backtest
from svc_strategy_engine.data import synthetic_gbm
from svc_strategy_engine.model import Param
from svc_strategy_engine.strategies import SmaCrossover
from svc_strategy_engine.strategy import Strategy, register
from svc_strategy_engine.vector import equity_from_positions, positions
from svc_strategy_engine.venue import RISK_AVAILABLE, FillModel


def numpy_crossover(o, c, fast, slow, qty, half_bps, fee_bps, tick=0.01):
    """Independent calculation: SMA signal at close t, trade at open t+1 at the touch."""
    ci = np.rint(c * 100).astype(np.int64)  # exact sums in cents
    cs = np.concatenate([[0], np.cumsum(ci)])
    n = len(c)
    want = np.zeros(n)
    t = np.arange(slow - 1, n)
    fs = cs[t + 1] - cs[t + 1 - fast]
    ss = cs[t + 1] - cs[t + 1 - slow]
    want[t] = np.where(fs * slow > ss * fast, qty, 0.0)  # exact, in integer cents
    change = np.flatnonzero(np.diff(np.concatenate([[0.0], want])))
    change = change[change + 1 < n]  # a decision on the last bar never trades
    trades = []
    for i in change:
        d = float(want[i] - (trades[-1][3] if trades else 0.0))
        j = i + 1
        if d > 0:
            px = math.ceil(float(o[j]) * (1 + half_bps / 1e4) / tick - 1e-9) * tick
        else:
            px = math.floor(float(o[j]) * (1 - half_bps / 1e4) / tick + 1e-9) * tick
        px = round(px, 2)
        fee = (Decimal(repr(px)) * Decimal(repr(abs(d))) * Decimal(repr(fee_bps))
               / Decimal(10_000)).quantize(Decimal("0.00000001"))
        trades.append((int(j), d, px, float(want[i]), fee))
    cash = Decimal(0)
    for _, d, px, _, fee in trades:
        cash -= Decimal(repr(d)) * Decimal(repr(px)) + fee
    pos = trades[-1][3] if trades else 0.0
    pnl = cash + Decimal(repr(pos)) * Decimal(repr(float(c[-1])))
    return trades, pnl


def test_crossover_trades_and_pnl_equal_an_independent_numpy_calculation():
    md = synthetic_gbm(20_000, seed=9)
    s = md.series["SYN"]
    fm = FillModel(fee_bps=1.0, spread_bps=4.0, slippage_bps=1.0)
    r = run_backtest("sma_crossover", md, {"fast": 10, "slow": 30, "quantity": 100},
                     capital=1e7, fill=fm)
    trades, pnl = numpy_crossover(s.open, s.close, 10, 30, 100.0, 3.0, 1.0)
    got = [(f["bar"], f["quantity"] if f["side"] == "BUY" else -f["quantity"], f["price"])
           for f in r.fills]
    assert got == [(j, d, px) for j, d, px, _, _ in trades]
    assert r.net_pnl == pnl.quantize(Decimal("0.00000001"))
    assert r.fees == sum((t[4] for t in trades), Decimal(0))
    # equity curve ends at capital + P&L
    assert r.equity[-1] == pytest.approx(1e7 + float(pnl), abs=1e-4)


def test_vectorised_mode_agrees_with_the_event_driven_backtest():
    md = synthetic_gbm(3000, seed=2)
    s = md.series["SYN"]
    p = SmaCrossover.validate_params({"fast": 8, "slow": 40, "quantity": 50})
    fm = FillModel(fee_bps=0, spread_bps=0, slippage_bps=0)
    r = run_backtest("sma_crossover", md, p, fill=fm)
    eq = equity_from_positions(positions("sma_crossover", s.close, p), s.open, s.close, 1e6, 0)
    assert np.allclose(r.equity, eq, atol=1e-6)


class _Big(Strategy):
    name = "test_big_order"
    params: ClassVar = {"quantity": Param("float", 1000.0), "order_type": Param("string",
                                                                                 "market"),
                        "price": Param("float", 0.0), "at": Param("int", 5)}

    def on_start(self):
        self.n = 0
        self.fills = []
        self.updates = []

    def on_bar(self, bar):
        self.n += 1
        if self.n == self.at:
            kw = {}
            if self.order_type in ("limit", "stop_limit"):
                kw["limit_price"] = self.price
            if self.order_type in ("stop", "stop_limit"):
                kw["stop_price"] = self.price
            self.order = self.ctx.submit(bar.instrument, self.quantity,
                                         order_type=self.order_type, **kw)

    def on_fill(self, fill):
        self.fills.append(fill)

    def on_order(self, order):
        self.updates.append(order.status)


register(_Big)


def test_large_market_order_walks_the_book_and_the_rest_is_cancelled():
    md = bars_from_closes(np.full(20, 100.0), volume=3000.0)
    fm = FillModel(fee_bps=2.0, spread_bps=2.0, slippage_bps=0.0, levels=3,
                   level_step_bps=10.0, participation=0.1)  # 100 per level
    strat = _Big(quantity=1000.0)
    r = run_backtest(strat, md, fill=fm)
    assert [f.quantity for f in strat.fills] == [100.0, 100.0, 100.0]
    assert [f.price for f in strat.fills] == [100.01, 100.11, 100.21]  # level by level
    assert strat.order.filled == 300.0 and strat.order.status == 7  # CANCELLED remainder
    assert r.positions["TST"][-1] == 300.0
    assert float(r.fees) == pytest.approx(sum(f.price * 100 * 2e-4 for f in strat.fills))


def test_limit_order_rests_and_fills_when_the_market_reaches_it():
    c = np.concatenate([np.full(10, 100.0), np.linspace(100, 90, 10)])
    md = bars_from_closes(c)
    strat = _Big(quantity=10.0, order_type="limit", price=95.0, at=3)
    run_backtest(strat, md, fill=FillModel(spread_bps=0, slippage_bps=0, fee_bps=0))
    assert len(strat.fills) == 1
    assert strat.fills[0].price == 95.0 and strat.fills[0].liquidity == "maker"


def test_stop_order_triggers_on_the_path():
    c = np.concatenate([np.full(10, 100.0), np.linspace(100, 110, 10)])
    strat = _Big(quantity=10.0, order_type="stop", price=105.0, at=3)
    run_backtest(strat, bars_from_closes(c), fill=FillModel(spread_bps=0, slippage_bps=0))
    assert len(strat.fills) == 1 and strat.fills[0].price >= 105.0


@pytest.mark.skipif(not RISK_AVAILABLE, reason="svc_risk_engine not importable")
def test_the_risk_engine_check_rejects_an_order_beyond_buying_power():
    md = bars_from_closes(np.full(20, 100.0))
    strat = _Big(quantity=50_000.0)  # 5m notional on 1m capital (cash account)
    r = run_backtest(strat, md, capital=1_000_000.0)
    assert strat.order.status == 10  # REJECTED
    assert "risk: buying_power" in strat.order.reason
    assert r.risk_rejections == 1 and not r.fills


def test_latency_and_fills_are_reproducible():
    md = bars_from_closes(random_walk(400, seed=3))
    a = run_backtest("sma_crossover", md, {"fast": 3, "slow": 12}, fill=FillModel(seed=5))
    b = run_backtest("sma_crossover", md, {"fast": 3, "slow": 12}, fill=FillModel(seed=5))
    assert a.fills == b.fills and a.net_pnl == b.net_pnl


class _Percent(Strategy):
    name = "test_percent"

    def on_bar(self, bar):
        self.ctx.target_percent(bar.instrument, 0.5)


register(_Percent)


def test_target_percent_sizes_from_equity():
    r = run_backtest("test_percent", bars_from_closes(np.full(10, 100.0)), capital=100_000.0,
                     fill=FillModel(fee_bps=0, spread_bps=0, slippage_bps=0))
    assert r.positions["TST"][-1] == 500.0  # half of 100k at 100
