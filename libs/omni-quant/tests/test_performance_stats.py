"""omni_quant.performance: every statistic empyrical-reloaded has equals empyrical's (1e-9) on
seeded series and on the S&P 500 (arch's bundled data); our own metrics against hand
computations; bad input raises an error naming the problem."""

from __future__ import annotations

import math

import empyrical as ep
import numpy as np
import pandas as pd
import pytest
from omni_quant import performance as pf
from omni_quant.performance import PerformanceInputError

TOL = 1e-9


def close(a: float, b: float) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


def seeded(seed: int, n: int = 756, mu: float = 0.0004, sigma: float = 0.012) -> pd.Series:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2021-01-04", periods=n)
    # fat tails: Student t scaled to sigma
    draws = rng.standard_t(4, n) / math.sqrt(2.0)
    return pd.Series(mu + sigma * draws, index=idx, name=f"s{seed}")


def bench_for(r: pd.Series, seed: int) -> pd.Series:
    rng = np.random.default_rng(seed + 1000)
    b = 0.6 * r + 0.008 * rng.standard_normal(len(r)) + 0.0001
    return pd.Series(b.to_numpy(), index=r.index, name="bench")


@pytest.fixture(scope="module")
def sp500() -> pd.Series:
    from arch.data import sp500

    px = sp500.load()["Adj Close"]
    return px.pct_change().dropna()


def series_cases(sp500: pd.Series) -> list[tuple[pd.Series, pd.Series]]:
    cases = [(seeded(s), bench_for(seeded(s), s)) for s in (1, 7, 42)]
    # the real series against a lagged/shrunk version of itself (a "benchmark" that is not a
    # linear function of it)
    b = (0.5 * sp500 + 0.5 * sp500.shift(1)).fillna(0.0)
    cases.append((sp500, b))
    return cases


RF = 0.0001


def test_empyrical_metrics_match(sp500: pd.Series) -> None:
    for r, b in series_cases(sp500):
        pairs = {
            "total_return": (pf.total_return(r), ep.cum_returns_final(r)),
            "cagr": (pf.cagr(r), ep.cagr(r)),
            "annual_volatility": (pf.annual_volatility(r), ep.annual_volatility(r)),
            "sharpe": (pf.sharpe_ratio(r), ep.sharpe_ratio(r)),
            "sharpe_rf": (pf.sharpe_ratio(r, RF), ep.sharpe_ratio(r, risk_free=RF)),
            "sortino": (pf.sortino_ratio(r), ep.sortino_ratio(r)),
            "sortino_req": (
                pf.sortino_ratio(r, RF), ep.sortino_ratio(r, required_return=RF)
            ),
            "calmar": (pf.calmar_ratio(r), ep.calmar_ratio(r)),
            "max_drawdown": (pf.max_drawdown(r), ep.max_drawdown(r)),
            "alpha": (pf.alpha(r, b), ep.alpha(r, b)),
            "alpha_rf": (pf.alpha(r, b, RF), ep.alpha(r, b, risk_free=RF)),
            "beta": (pf.beta(r, b), ep.beta(r, b)),
            "var": (pf.value_at_risk(r), ep.value_at_risk(r)),
            "var_01": (pf.value_at_risk(r, 0.01), ep.value_at_risk(r, cutoff=0.01)),
            "cvar": (pf.conditional_value_at_risk(r), ep.conditional_value_at_risk(r)),
            "tail_ratio": (pf.tail_ratio(r), ep.tail_ratio(r)),
        }
        a, bt = pf.alpha_beta(r, b)
        ea, eb = ep.alpha_beta(r, b)
        pairs["alpha_beta.alpha"] = (a, ea)
        pairs["alpha_beta.beta"] = (bt, eb)
        for name, (ours, theirs) in pairs.items():
            assert close(ours, float(theirs)), f"{r.name} {name}: {ours} != {theirs}"


def test_drawdown_series_matches_empyrical(sp500: pd.Series) -> None:
    for r, _ in series_cases(sp500):
        ours = pf.drawdown_series(r)
        theirs = ep.stats.drawdown_series(r)
        np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), rtol=TOL, atol=TOL)
        assert close(float(ours.min()), float(ep.max_drawdown(r)))
        np.testing.assert_allclose(
            pf.equity_curve(r).to_numpy(), ep.cum_returns(r, starting_value=1).to_numpy(),
            rtol=TOL, atol=TOL,
        )


def test_rolling_metrics_match_empyrical(sp500: pd.Series) -> None:
    for r, b in series_cases(sp500)[:2] + [(sp500.iloc[-400:], sp500.iloc[-400:] * 0.3)]:
        ours = pf.rolling_sharpe(r, 63)
        theirs = ep.roll_sharpe_ratio(r, 63)
        assert len(ours) == len(r) - 62 and ours.index[0] == r.index[62]
        np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), rtol=TOL, atol=TOL)
        np.testing.assert_allclose(
            pf.rolling_volatility(r, 21).to_numpy(),
            ep.roll_annual_volatility(r, 21).to_numpy(), rtol=TOL, atol=TOL,
        )
        np.testing.assert_allclose(
            pf.rolling_beta(r, b, 63).to_numpy(), ep.roll_beta(r, b, 63).to_numpy(),
            rtol=TOL, atol=TOL,
        )
        np.testing.assert_allclose(
            pf.rolling_sortino(r, 42).to_numpy(), ep.roll_sortino_ratio(r, 42).to_numpy(),
            rtol=TOL, atol=TOL,
        )
        assert close(float(pf.rolling_sortino(r, 42).iloc[-1]),
                     float(ep.sortino_ratio(r.iloc[-42:])))
        # one window by hand
        w = r.iloc[-63:]
        assert close(float(ours.iloc[-1]), float(ep.sharpe_ratio(w)))
    assert pf.rolling_sharpe(seeded(3, 10), 20).empty


def test_monthly_and_annual_returns_match(sp500: pd.Series) -> None:
    table = pf.monthly_returns(sp500)
    agg = ep.aggregate_returns(sp500, "monthly")
    for (year, month), v in agg.items():
        assert close(float(table.loc[year, month]), float(v))
    assert list(table.columns) == list(range(1, 13))
    # October 2008 by hand: compounded daily returns of that month
    oct08 = sp500.loc["2008-10"]
    assert close(float(table.loc[2008, 10]), float(np.prod(1 + oct08.to_numpy()) - 1))
    yearly = pf.annual_returns(sp500)
    assert close(float(yearly.loc[2008]), float(ep.aggregate_returns(sp500, "yearly").loc[2008]))


def test_information_ratio_and_tracking_error() -> None:
    r = seeded(11)
    b = bench_for(r, 11)
    active = (r - b).to_numpy()
    mean = sum(active) / len(active)
    sd = math.sqrt(sum((x - mean) ** 2 for x in active) / (len(active) - 1))
    assert close(pf.tracking_error(r, b), sd * math.sqrt(252))
    assert close(pf.information_ratio(r, b), mean / sd * math.sqrt(252))
    # empyrical's excess_sharpe is the same ratio, not annualised
    assert close(pf.information_ratio(r, b), float(ep.excess_sharpe(r, b)) * math.sqrt(252))
    # hand case: active returns 0.01, 0.03 -> mean 0.02, sd sqrt(2)*0.01
    r2 = pd.Series([0.02, 0.05])
    b2 = pd.Series([0.01, 0.02])
    assert close(pf.tracking_error(r2, b2, annualization=1), math.sqrt(2) * 0.01)
    assert close(pf.information_ratio(r2, b2, annualization=1), 0.02 / (math.sqrt(2) * 0.01))
    # a constant active return has no tracking error: undefined, not a huge number
    assert math.isnan(pf.information_ratio(pd.Series([0.5, 0.75]), pd.Series([0.25, 0.5])))


def test_drawdown_duration_by_hand() -> None:
    idx = pd.date_range("2024-01-01", periods=8, freq="D")
    # wealth: 1.1, 0.99, 0.891, 1.1 (recovered on day 4), 1.21, 1.089, 1.1979, 1.25
    r = pd.Series([0.10, -0.10, -0.10, 1.1 / 0.891 - 1, 0.10, -0.10, 0.10, 1.25 / 1.1979 - 1],
                  index=idx)
    periods = pf.drawdown_periods(r, top=5)
    assert len(periods) == 2
    first = periods[0]
    assert first.peak == idx[0] and first.trough == idx[2] and first.recovery == idx[3]
    assert close(first.depth, 0.891 / 1.1 - 1)
    assert first.duration == 3  # Jan 1 -> Jan 4
    second = periods[1]
    assert (second.peak, second.trough, second.recovery) == (idx[4], idx[5], idx[7])
    assert close(second.depth, -0.10)
    assert second.duration == 3
    assert pf.max_drawdown_duration(r) == 3
    assert close(first.depth, pf.max_drawdown(r))

    # not recovered: duration runs to the last observation; the peak is the starting wealth
    r2 = pd.Series([-0.05, -0.05, 0.01, 0.01],
                   index=pd.to_datetime(["2024-03-01", "2024-03-04", "2024-03-05", "2024-03-11"]))
    (dd,) = pf.drawdown_periods(r2)
    assert dd.recovery is None and dd.peak == r2.index[0] and dd.trough == r2.index[1]
    assert dd.duration == 10
    # without a DatetimeIndex the duration counts periods (anchor before the first return)
    assert pf.max_drawdown_duration(r2.reset_index(drop=True)) == 4
    # no drawdown at all
    assert pf.max_drawdown_duration(pd.Series([0.01, 0.0, 0.02])) == 0
    assert pf.drawdown_periods(pd.Series([0.01, 0.02])) == []


def test_drawdown_duration_sp500(sp500: pd.Series) -> None:
    # the 2007-2013 drawdown: peak 2007-10-09, trough 2009-03-09, back above 2013-03-28
    worst = pf.drawdown_periods(sp500, top=2)
    assert worst[0].peak == pd.Timestamp("2007-10-09")
    assert worst[0].trough == pd.Timestamp("2009-03-09")
    assert worst[0].recovery == pd.Timestamp("2013-03-28")
    assert worst[0].duration == (pd.Timestamp("2013-03-28") - pd.Timestamp("2007-10-09")).days
    assert close(worst[0].depth, float(ep.max_drawdown(sp500)))
    # the dot-com drawdown is the second deepest
    assert worst[1].peak == pd.Timestamp("2000-03-24")


def test_hit_rate_profit_factor_wins_losses_by_hand() -> None:
    r = pd.Series([0.02, -0.01, 0.0, 0.03, -0.02, 0.0])
    assert close(pf.hit_rate(r), 2 / 4)
    assert close(pf.profit_factor(r), 0.05 / 0.03)
    assert close(pf.average_win(r), 0.025)
    assert close(pf.average_loss(r), -0.015)
    assert math.isnan(pf.hit_rate(pd.Series([0.0, 0.0])))
    assert pf.profit_factor(pd.Series([0.01, 0.02])) == math.inf
    assert math.isnan(pf.average_loss(pd.Series([0.01])))
    # a flat series: no tail to compare (NaN, no warning)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(pf.tail_ratio(pd.Series([0.0] * 5)))


def test_skew_kurtosis_match_scipy_definitions() -> None:
    r = seeded(5)
    v = r.to_numpy()
    m = v.mean()
    m2 = ((v - m) ** 2).mean()
    m3 = ((v - m) ** 3).mean()
    m4 = ((v - m) ** 4).mean()
    assert close(pf.skewness(r), m3 / m2**1.5)
    assert close(pf.kurtosis(r), m4 / m2**2 - 3.0)


def test_turnover_by_hand() -> None:
    idx = pd.date_range("2024-01-01", periods=3, freq="D")
    traded = pd.Series([100.0, 50.0, 0.0], index=idx)
    book = pd.Series([100.0, 200.0, 0.0], index=idx)
    t = pf.turnover(traded, book)
    # day 1: 100/100; day 2: 50 / mean(100, 200); day 3: 0 / mean(200, 0)
    np.testing.assert_allclose(t.to_numpy(), [1.0, 50 / 150, 0.0])
    # an empty book has no turnover
    assert pf.turnover(pd.Series([0.0]), pd.Series([0.0])).iloc[0] == 0.0

    w = pd.DataFrame({"A": [0.5, 0.3, 0.3], "B": [0.5, 0.5, None], "C": [0.0, 0.2, 0.7]})
    wt = pf.weights_turnover(w)
    # build from cash: 0.5*(0.5+0.5); then 0.5*(0.2+0+0.2); then 0.5*(0+0.5+0.5)
    np.testing.assert_allclose(wt.to_numpy(), [0.5, 0.2, 0.5])
    stats = pf.performance_stats(seeded(2, 10), turnover_series=[0.1, 0.3])
    assert close(stats.turnover, 0.2 * 252)


def test_returns_from_nav_and_rates() -> None:
    nav = pd.Series([100.0, 110.0, 99.0], index=pd.date_range("2024-01-01", periods=3))
    r = pf.returns_from_nav(nav)
    np.testing.assert_allclose(r.to_numpy(), [0.1, -0.1])
    assert list(r.index) == list(nav.index[1:])
    assert close(pf.per_period_rate(0.05, 252), 1.05 ** (1 / 252) - 1)
    with pytest.raises(PerformanceInputError, match="positive"):
        pf.returns_from_nav(pd.Series([100.0, 0.0, 5.0]))
    with pytest.raises(PerformanceInputError, match="risk_free_rate"):
        pf.per_period_rate(-1.5)


def test_performance_stats_agrees_with_the_functions(sp500: pd.Series) -> None:
    r = sp500.iloc[-1000:]
    b = (0.5 * r + 0.5 * r.shift(1)).fillna(0.0)
    s = pf.performance_stats(r, b, risk_free_rate=0.03)
    rf = 1.03 ** (1 / 252) - 1
    assert s.periods == 1000 and s.start == r.index[0] and s.end == r.index[-1]
    assert close(s.sharpe_ratio, float(ep.sharpe_ratio(r, risk_free=rf)))
    assert close(s.sortino_ratio, float(ep.sortino_ratio(r, required_return=rf)))
    assert close(s.alpha, float(ep.alpha(r, b, risk_free=rf)))
    assert close(s.beta, float(ep.beta(r, b, risk_free=rf)))
    assert close(s.cagr, float(ep.cagr(r)))
    assert close(s.calmar_ratio, float(ep.calmar_ratio(r)))
    assert close(s.value_at_risk, float(ep.value_at_risk(r)))
    assert close(s.conditional_value_at_risk, float(ep.conditional_value_at_risk(r)))
    assert close(s.information_ratio, pf.information_ratio(r, b))
    assert s.max_drawdown_duration == pf.max_drawdown_duration(r)
    assert math.isnan(pf.performance_stats(r).alpha)
    assert set(s.to_dict()) >= {"sharpe_ratio", "max_drawdown_duration", "turnover"}
    one = pf.performance_stats(pd.Series([0.01]))
    assert math.isnan(one.sharpe_ratio) and close(one.total_return, 0.01)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pf.sharpe_ratio(pd.Series([], dtype=float)), "returns: the series is empty"),
        (lambda: pf.total_return([]), "returns: the series is empty"),
        (lambda: pf.sharpe_ratio(pd.Series([0.01])), "1 value"),
        (lambda: pf.cagr(pd.Series([0.01, np.nan, np.nan])), "2 NaN value\\(s\\), the first at 1"),
        (lambda: pf.max_drawdown(pd.Series([0.01, np.inf])), "1 infinite"),
        (lambda: pf.total_return(None), "no series"),
        (lambda: pf.total_return(pd.Series(["a", "b"])), "not numbers"),
        (lambda: pf.total_return(np.zeros((2, 2))), "1-D"),
        (
            lambda: pf.beta(seeded(1, 5), pd.Series([0.01, 0.02],
                                                    index=pd.bdate_range("2030-01-01", periods=2))),
            "benchmark: 0 period",
        ),
        (lambda: pf.alpha(seeded(1, 5), pd.Series([0.1, np.nan])), "benchmark: 1 NaN"),
        (lambda: pf.value_at_risk(seeded(1, 5), 1.5), "cutoff"),
        (lambda: pf.rolling_sharpe(seeded(1, 5), 1), "window"),
        (lambda: pf.monthly_returns(pd.Series([0.1, 0.2])), "DatetimeIndex"),
        (lambda: pf.drawdown_periods(seeded(1, 5), top=0), "top"),
        (lambda: pf.turnover(pd.Series([-1.0]), pd.Series([1.0])), "absolute"),
        (lambda: pf.weights_turnover(pd.DataFrame()), "weights"),
        (lambda: pf.total_return(seeded(1, 5).iloc[::-1]), "time order"),
    ],
)
def test_bad_input_names_the_problem(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PerformanceInputError, match=message):
        call()
