import numpy as np
import pytest
from omni_quant.marketsim import (
    DEFAULT_UNIVERSE,
    InstrumentSpec,
    MarketSimulator,
    Quote,
    Trade,
    intraday_profile,
)
from omni_quant.orderbook import ASK, BID


def test_same_seed_same_stream_other_seed_differs():
    a = list(MarketSimulator(seed=42).events(300))
    b = list(MarketSimulator(seed=42).events(300))
    c = list(MarketSimulator(seed=43).events(300))
    assert a == b
    assert a != c
    kinds = {type(e) for e in a}
    assert kinds == {Quote, Trade}
    assert {e.instrument for e in a} == {s.instrument_id for s in DEFAULT_UNIVERSE}
    d = MarketSimulator(seed=42)
    assert list(d.events(100)) + list(d.events(200)) != a  # state carries on, not restarts


def test_quotes_are_tick_rounded_and_never_crossed():
    sim = MarketSimulator(seed=1)
    ticks = {s.instrument_id: s.tick_size for s in sim.specs}
    for e in sim.events(500):
        if isinstance(e, Quote):
            assert e.bid < e.ask
            t = ticks[e.instrument]
            assert abs(e.bid / t - round(e.bid / t)) < 1e-6
            assert e.bid_size > 0 and e.ask_size > 0
        else:
            assert e.size > 0 and e.side in (1, 2)


def test_correlation_of_returns_matches_target():
    specs = [InstrumentSpec("A", "crypto", 100.0, 0.5, 0.0001),
             InstrumentSpec("B", "crypto", 50.0, 0.8, 0.0001),
             InstrumentSpec("C", "crypto", 20.0, 0.3, 0.0001)]
    corr = np.array([[1.0, 0.7, -0.4], [0.7, 1.0, 0.0], [-0.4, 0.0, 1.0]])
    sim = MarketSimulator(specs, seed=3, dt=60.0, correlation=corr, jumps=False, profile=False)
    mids = sim.simulate(20_000).mids
    r = np.diff(np.log(mids), axis=0)
    est = np.corrcoef(r.T)
    assert np.allclose(est, corr, atol=0.03)
    # annualised volatility as specified
    vol = r.std(axis=0) * np.sqrt(365 * 86_400 / 60.0)
    assert np.allclose(vol, [0.5, 0.8, 0.3], rtol=0.05)


def test_jumps_follow_their_intensity_and_size():
    spec = InstrumentSpec("J", "crypto", 100.0, 0.0001, 0.0001, jumps_per_day=20.0,
                          jump_mean=0.0, jump_std=0.05)
    sim = MarketSimulator([spec], seed=5, dt=60.0, profile=False)
    days = 100
    mids = sim.simulate(days * 1440).mids[:, 0]
    assert abs(sim.jump_count[0] - 20 * days) < 4 * np.sqrt(20 * days)
    r = np.diff(np.log(mids))
    big = np.abs(r) > 0.002  # diffusion alone never moves 0.2% in a minute at 0.01% vol
    assert 0.9 * sim.jump_count[0] < big.sum() <= sim.jump_count[0]
    # kurtosis: fat tails from the jumps
    assert ((r - r.mean()) ** 4).mean() / r.var() ** 2 > 10


def test_intraday_profile_u_shape_and_quiet_outside_session():
    open_s = 13 * 3600 + 1800
    v_open, a_open = intraday_profile("equity", open_s + 60)
    v_mid, a_mid = intraday_profile("equity", open_s + 3 * 3600)
    v_close, _ = intraday_profile("equity", open_s + 23_400 - 60)
    v_night, a_night = intraday_profile("equity", 3 * 3600)
    assert v_open > v_close > v_mid > v_night
    assert a_open > a_mid > a_night
    fx_peak, _ = intraday_profile("fx", 14.5 * 3600)
    fx_night, _ = intraday_profile("fx", 2 * 3600)
    assert fx_peak > 1.3 * fx_night


def test_trade_rate_follows_volume_profile():
    spec = InstrumentSpec("E", "equity", 100.0, 0.2, 0.01, trades_per_day=50_000)
    sim = MarketSimulator([spec], seed=9, dt=1.0, start_ns=1_767_619_800 * 10**9)
    b = sim.simulate(23_400)
    counts = b.trade_counts[:, 0]
    first = counts[:1800].mean()
    middle = counts[9000:10800].mean()
    assert first > 1.5 * middle


def test_book_is_deterministic_and_consistent_with_quote():
    sim = MarketSimulator(seed=11)
    list(sim.events(10))
    q = {x.instrument: x for x in sim.quotes()}
    b1 = sim.book("ESZ6.XCME")
    b2 = MarketSimulator(seed=11)
    list(b2.events(10))
    assert b1.snapshot() == b2.book("ESZ6.XCME").snapshot()
    assert b1.best_bid == q["ESZ6.XCME"].bid and b1.best_ask == q["ESZ6.XCME"].ask
    assert len(b1.levels(BID)) == 10 and len(b1.levels(ASK)) == 10
    assert not b1.is_crossed()
    assert b1.impact(BID, 200).levels > 1


def test_bad_universe_refused():
    with pytest.raises(ValueError):
        MarketSimulator([])
    with pytest.raises(ValueError):
        InstrumentSpec("Z", "bond", 1.0, 0.1, 0.01)
    with pytest.raises(ValueError):
        MarketSimulator(list(DEFAULT_UNIVERSE[:2]), correlation=np.eye(3))
