"""Bad input is a clear error naming the problem; a strategy that raises is isolated."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from strategy_helpers import bars_from_closes, random_walk
from svc_strategy_engine.backtest import run_backtest
from svc_strategy_engine.data import load_data
from svc_strategy_engine.kernel import FAILED, RUNNING, BarClock, StrategyRunner
from svc_strategy_engine.model import Bar, DataError, Param, ParameterError, UnknownStrategy
from svc_strategy_engine.strategy import Strategy, create, register
from svc_strategy_engine.venue import BacktestTransport, FillModel


class NeedsParam(Strategy):
    name = "test_needs_param"
    params: ClassVar = {"threshold": Param("float", None, 0, 1, "required")}


register(NeedsParam)


class Exploding(Strategy):
    name = "test_exploding"
    params: ClassVar = {"at": Param("int", 50)}

    def on_start(self):
        self.n = 0

    def on_bar(self, bar):
        self.n += 1
        self.ctx.target(bar.instrument, 10 if self.n % 7 < 3 else 0)
        if self.n == self.at:
            raise ZeroDivisionError("boom in on_bar")


register(Exploding)


def test_unknown_strategy_names_the_known_ones():
    with pytest.raises(UnknownStrategy, match="unknown strategy 'nope'; known: .*sma_crossover"):
        create("nope")


def test_missing_unknown_and_invalid_parameters():
    with pytest.raises(ParameterError, match="missing required parameter 'threshold'"):
        create("test_needs_param")
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) flast"):
        create("sma_crossover", {"flast": 3})
    with pytest.raises(ParameterError, match="parameter 'fast': expected int, got 'abc'"):
        create("sma_crossover", {"fast": "abc"})
    with pytest.raises(ParameterError, match=r"parameter 'threshold': 2.0 is outside"):
        create("test_needs_param", {"threshold": 2})
    with pytest.raises(ParameterError, match="fast .* must be < slow"):
        create("sma_crossover", {"fast": 50, "slow": 10})


def _csv(tmp_path, df, name="bars.csv"):
    p = tmp_path / name
    df.to_csv(p, index=False)
    return str(p)


def _frame(n=60):
    c = random_walk(n, 2)
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="D"),
                         "open": c, "high": c * 1.01, "low": c * 0.99, "close": c,
                         "volume": 1000.0})


def test_csv_and_parquet_replay(tmp_path):
    df = _frame()
    md = load_data(_csv(tmp_path, df))
    assert len(md) == 60 and md.instruments == ["bars"]
    p = tmp_path / "two.parquet"
    df2 = pd.concat([df.assign(symbol="AAA"),
                     df.assign(symbol="BBB", close=df.close * (1 + 0.01 * np.sin(
                         np.arange(60))), high=df.high * 1.02, low=df.low * 0.98)])
    df2.to_parquet(p)
    md2 = load_data(str(p))
    assert md2.instruments == ["AAA", "BBB"] and len(md2) == 60
    assert not run_backtest("pairs", md2, {"formation": 20, "refit": 20}).error


def test_nan_in_data_is_named(tmp_path):
    df = _frame()
    df.loc[17, "close"] = np.nan
    with pytest.raises(DataError, match=r"NaN/infinite value\(s\) in column 'close' of bars, "
                                        r"first at 2020-01-18.*\(row 17\)"):
        load_data(_csv(tmp_path, df))


def test_gap_duplicate_and_bad_bars_are_named(tmp_path):
    df = _frame()
    df.loc[30:, "date"] = df.loc[30:, "date"] + pd.Timedelta(days=40)
    with pytest.raises(DataError, match="gap in the data for bars: 2020-01-30 .* -> "
                                        "2020-03-11"):
        load_data(_csv(tmp_path, df))
    assert len(load_data(_csv(tmp_path, df), max_gap_factor=0)) == 60
    df = _frame()
    df.loc[5, "date"] = df.loc[4, "date"]
    with pytest.raises(DataError, match="duplicate timestamp for bars"):
        load_data(_csv(tmp_path, df))
    df = _frame()
    df.loc[9, "high"] = df.loc[9, "low"] - 1
    with pytest.raises(DataError, match=r"inconsistent bar .*\(row 9\)"):
        load_data(_csv(tmp_path, df))
    df = _frame()
    df.loc[3, "open"] = -1
    with pytest.raises(DataError, match="non-positive open"):
        load_data(_csv(tmp_path, df))


def test_empty_range_unknown_source_and_missing_file(tmp_path):
    with pytest.raises(DataError, match="no bars in the range 2030-01-01 .. .* covers "
                                        "1999-01-04"):
        load_data("sp500", start="2030-01-01")
    with pytest.raises(DataError, match="unknown data source 'spx500'"):
        load_data("spx500")
    with pytest.raises(DataError, match="data file not found"):
        load_data(str(tmp_path / "nope.csv"))
    with pytest.raises(DataError, match="no time column"):
        load_data(_csv(tmp_path, pd.DataFrame({"close": [1.0, 2.0]})))
    with pytest.raises(DataError, match="no data for instrument"):
        load_data("sp500", instruments=["AAPL"])


def test_an_exploding_strategy_fails_alone_and_is_reported():
    events = []
    runner = StrategyRunner(BarClock(), None,
                            on_state=lambda h, a, b, actor, why: events.append(
                                (h.strategy_id, a, b, why)))
    fm = FillModel()
    venue = BacktestTransport(runner, fm, capital=1e6)
    runner.transport = venue
    venue._inst("TST")
    bad = runner.add(create("test_exploding", {"at": 30}), ["TST"], strategy_id="bad")
    good = runner.add(create("sma_crossover", {"fast": 3, "slow": 8}), ["TST"],
                      strategy_id="good")
    md = bars_from_closes(random_walk(200, 9))
    s = md.series["TST"]
    for i in range(len(md)):
        bar = Bar("TST", int(s.ts[i]), s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i])
        if "TST" in venue.busy:
            venue.on_bar(bar)
        runner.on_bar(bar)
    assert bad.state == FAILED and good.state == RUNNING
    assert "ZeroDivisionError: boom in on_bar" in bad.error
    assert "test_strategy_errors.py" in bad.error  # where it happened
    assert ("bad", RUNNING, FAILED, bad.error) in events
    assert not bad.open_orders  # its working orders were cancelled
    assert good.n_fills > 0 and len([o for o in runner.order_log if o[1] == "good"]) > 3
    # a failed strategy gets no more events, and its orders are refused
    assert bad.strategy.n == 30


def test_backtest_of_an_exploding_strategy_reports_failed():
    r = run_backtest("test_exploding", bars_from_closes(random_walk(100, 1)), {"at": 40})
    assert r.state == "FAILED" and "boom in on_bar" in r.error
    assert len(r.equity) == 100  # the run completed; the result says what happened


def test_strategy_errors_in_order_api_are_isolated_too():
    class BadOrder(Strategy):
        name = "test_bad_order"

        def on_bar(self, bar):
            self.ctx.submit(bar.instrument, 5, order_type="limit")  # no limit price

    register(BadOrder)
    r = run_backtest("test_bad_order", bars_from_closes(random_walk(10, 1)))
    assert r.state == "FAILED" and "a limit order needs a positive limit_price" in r.error
