"""Votes, the multi-timeframe combination with regime adjustment, and the signal filter's
hysteresis, minimum confidence, confirmation and minimum hold."""

from __future__ import annotations

import pytest
from omni_quant.indicators.combiner import SignalFilter, Vote, combine, vote


def test_votes_point_the_right_way():
    assert vote("RSI", {"real": 20.0}) > 0.5
    assert vote("RSI", {"real": 85.0}) < -0.5
    assert abs(vote("RSI", {"real": 50.0})) < 1e-12
    assert vote("BBANDS", {"upperband": 110, "middleband": 100, "lowerband": 90}, 91) > 0.5
    assert vote("MACD", {"macd": 1.0, "macdsignal": 0.5, "macdhist": 0.5}, 100.0) > 0.5
    assert vote("EMA", {"real": 100.0}, 99.0) < -0.5
    assert vote("STOCH", {"slowk": 10.0, "slowd": 5.0}) > 0.5
    assert vote("ADX", {"real": 40.0}) is None
    assert vote("RSI", {"real": float("nan")}) is None
    assert vote("HT_DCPERIOD", {"real": 20.0}) is None


def test_combine_agreement_and_regime():
    agree = combine([Vote("RSI", "1m", 0.8), Vote("MACD", "5m", 0.6), Vote("EMA", "1h", 0.7)])
    split = combine([Vote("RSI", "1m", 0.8), Vote("MACD", "5m", -0.6), Vote("EMA", "1h", 0.7)])
    assert agree.score > split.score > 0
    assert agree.agreement == pytest.approx(1.0) and split.agreement < 0.7
    assert agree.confidence > split.confidence
    assert set(agree.components) == {"1m", "5m", "1h"}
    vs = [Vote("RSI", "5m", -0.8), Vote("EMA", "5m", 0.8)]
    assert combine(vs, regime="trending_up").score > 0 > combine(vs, regime="ranging").score
    calm = combine(vs[1:])
    assert combine(vs[1:], regime="high_volatility").confidence < calm.confidence
    assert combine([]).confidence == 0.0


def test_filter_hysteresis_does_not_flip_every_bar():
    f = SignalFilter(enter=0.3, exit=0.1, min_confidence=0.3, confirm=2, min_hold=0)
    # noise around zero never enters
    for s in [0.25, -0.25, 0.2, -0.28, 0.29]:
        assert f.update(s, 0.9) == 0
    # one strong bar is not enough: it needs confirmation
    assert f.update(0.5, 0.9) == 0
    assert f.update(0.5, 0.9) == 1 and f.state.changed
    # inside the band (exit < score < enter) it stays long
    for s in [0.2, 0.15, 0.12, 0.25]:
        assert f.update(s, 0.1) == 1
    # a single dip below exit does not flip; two do (to flat, not straight to short)
    assert f.update(0.05, 0.9) == 1
    assert f.update(0.4, 0.9) == 1
    assert f.update(0.0, 0.9) == 1
    assert f.update(-0.05, 0.9) == 0
    # low confidence keeps it flat even on a strong score
    assert f.update(-0.9, 0.1) == 0 and f.update(-0.9, 0.1) == 0
    assert f.update(-0.9, 0.8) == 0 and f.update(-0.9, 0.8) == -1


def test_filter_minimum_hold():
    f = SignalFilter(enter=0.3, exit=0.1, min_confidence=0.0, confirm=1, min_hold=3)
    assert f.update(0.9, 1.0) == 1
    assert f.update(-0.9, 1.0) == 1  # held 1 bar
    assert f.update(-0.9, 1.0) == 1  # held 2
    assert f.update(-0.9, 1.0) == -1  # held 3: may change
    with pytest.raises(ValueError):
        SignalFilter(enter=0.1, exit=0.3)
