import math

import pytest
from omni_quant.marketsim import Quote, Trade
from svc_market_data.bars import Bar
from svc_market_data.pipeline import InstrumentInfo, Pipeline
from svc_market_data.validation import Quarantine, ValidationConfig, Validator

S = 1_000_000_000
T0 = 1_767_225_600 * S


def make(**cfg):
    published = []
    v = Validator(ValidationConfig(**cfg), Quarantine(100))
    p = Pipeline([InstrumentInfo("X"), InstrumentInfo("L", allow_locked=True)], v, ["1m"],
                 sink=lambda k, m: published.append((k, m)), source="test")
    return p, v, published


def warm(p, n=50, t=T0, base=100.0):
    for i in range(n):
        d = 0.01 * ((i % 3) - 1)
        assert p.on_quote(Quote("X", t + i * S, round(base + d, 2), round(base + d + 0.02, 2),
                                100, 100))
    return t + n * S


def rules(v):
    return [r.rule for r in v.quarantine.records]


def test_good_quotes_published_bad_not():
    p, v, pub = make()
    warm(p, 3)
    assert len(pub) == 3 and all(k == "X" for k, _ in pub)
    assert not p.on_quote(Quote("X", T0 + 10 * S, 100.0, 99.9, 1, 1))
    assert len(pub) == 3
    assert v.quarantine.records[-1].rule == "crossed"
    assert "bid 100.0 above ask 99.9" in v.quarantine.records[-1].reason


def test_invalid_values():
    p, v, pub = make()
    assert not p.on_quote(Quote("X", T0, -1.0, 1.0, 1, 1))
    assert not p.on_quote(Quote("X", T0, math.nan, 1.0, 1, 1))
    assert not p.on_trade(Trade("X", T0, 10.0, 0.0, 1))
    assert not p.on_trade(Trade("X", T0, math.inf, 1.0, 1))
    assert rules(v) == ["invalid"] * 4 and pub == []


def test_locked_rejected_unless_allowed():
    p, v, _ = make()
    assert not p.on_quote(Quote("X", T0, 10.0, 10.0, 1, 1))
    assert p.on_quote(Quote("L", T0, 10.0, 10.0, 1, 1))
    assert rules(v) == ["locked"]


def test_out_of_order_and_duplicates():
    p, v, _ = make()
    t = warm(p, 5)
    assert not p.on_quote(Quote("X", T0 + 2 * S, 100.0, 100.02, 100, 100))
    last = p.quotes["X"]
    assert not p.on_quote(Quote("X", last.ts_ns, last.bid, last.ask, last.bid_size,
                                last.ask_size))
    assert p.on_trade(Trade("X", t, 100.01, 5, 1, "T1"))
    assert not p.on_trade(Trade("X", t + 1, 100.01, 5, 1, "T1"))
    assert p.on_trade(Trade("X", t + 2, 100.01, 5, 1))
    assert not p.on_trade(Trade("X", t + 2, 100.01, 5, 1))
    assert not p.on_trade(Trade("X", t - 5, 100.01, 1, 1, "T9"))
    assert rules(v) == ["out_of_order", "duplicate", "duplicate", "duplicate", "out_of_order"]


def test_spike_quarantined_then_confirmed_level_shift_accepted():
    p, v, pub = make(spike_confirm=3)
    t = warm(p)
    n = len(pub)
    # a single bad tick 5% away is a spike; the market returns
    assert not p.on_quote(Quote("X", t, 105.0, 105.02, 100, 100))
    assert p.on_quote(Quote("X", t + 1, 100.0, 100.02, 100, 100))
    # a real jump: three consecutive ticks agree on the new level, the third is accepted
    assert not p.on_quote(Quote("X", t + 2, 106.0, 106.02, 100, 100))
    assert not p.on_quote(Quote("X", t + 3, 106.01, 106.03, 100, 100))
    assert p.on_quote(Quote("X", t + 4, 106.0, 106.02, 100, 100))
    assert p.on_quote(Quote("X", t + 5, 106.02, 106.04, 100, 100))
    assert rules(v) == ["spike"] * 3
    assert len(pub) == n + 3
    # moves beyond the hard limit are spikes even without a volatility estimate
    p2, v2, _ = make(spike_max_pct=5.0)
    assert p2.on_quote(Quote("X", T0, 100.0, 100.02, 1, 1))
    assert not p2.on_quote(Quote("X", T0 + 1, 120.0, 120.02, 1, 1))
    assert rules(v2) == ["spike"]


def test_small_moves_never_spikes():
    p, v, _ = make()
    t = warm(p)
    assert p.on_quote(Quote("X", t, 100.3, 100.32, 1, 1))  # 0.3% < spike_min_pct
    assert rules(v) == []


def test_trade_outlier_against_quote():
    p, v, _ = make()
    t = warm(p, 5)
    assert p.on_trade(Trade("X", t, 100.02, 10, 1))
    assert not p.on_trade(Trade("X", t + 1, 102.0, 10, 1))
    assert rules(v) == ["outlier"]
    assert "outside quote" in v.quarantine.records[-1].reason


def test_stale_feed_and_late_ticks():
    now = [T0]
    published = []
    v = Validator(ValidationConfig(stale_after_s=5, max_age_s=2), Quarantine(100),
                  now_ns=lambda: now[0])
    p = Pipeline([InstrumentInfo("X")], v, ["1m"], sink=lambda k, m: published.append(m))
    assert p.on_quote(Quote("X", T0, 10.0, 10.01, 1, 1))
    now[0] = T0 + 3 * S
    assert not p.on_quote(Quote("X", T0 + 1, 10.0, 10.01, 2, 1))  # 3 s old > 2 s
    assert p.check_stale(T0 + 4 * S) == []
    assert p.check_stale(T0 + 6 * S) == ["X"]
    assert p.check_stale(T0 + 7 * S) == []  # reported once
    assert published[-1].DESCRIPTOR.name == "InstrumentStatus"
    assert published[-1].status == 3  # TRADING_STATUS_STALE
    now[0] = T0 + 8 * S
    assert p.on_quote(Quote("X", T0 + 8 * S, 10.0, 10.01, 1, 1))
    p.check_stale(T0 + 8 * S)
    assert published[-1].status == 1  # trading again
    assert [r.rule for r in v.quarantine.records] == ["stale", "stale"]
    assert v.quarantine.records[-1].kind == "feed"


def test_bar_rules_gap_duplicate_invalid():
    p, v, pub = make()
    m = 60 * S

    def bar(i, o=10.0, h=10.5, lo=9.5, c=10.2, vol=100.0):
        return Bar("X", "1m", 1, T0 + i * m, T0 + (i + 1) * m, o, h, lo, c, vol, c, 5, "replay")

    assert p.on_bar(bar(0))
    assert not p.on_bar(bar(0))  # duplicate
    assert p.on_bar(bar(1))
    assert p.on_bar(bar(4))  # good data after a gap is published, the gap recorded
    assert not p.on_bar(bar(3))  # out of order
    assert not p.on_bar(bar(5, h=9.0))  # high below open
    assert rules(v) == ["duplicate", "gap", "out_of_order", "invalid"]
    gap = v.quarantine.query(rule="gap")[0]
    assert "2 1m bar(s) missing" in gap.reason
    assert len(pub) == 3


def test_unknown_instrument_is_quarantined():
    p, v, pub = make()
    assert not p.on_quote(Quote("NOPE", T0, 1.0, 1.1, 1, 1))
    assert v.quarantine.records[-1].reason == "unknown instrument 'NOPE'"


def test_book_crossed_snapshot_and_delta_rejected():
    p, v, pub = make()
    assert not p.on_book_snapshot("X", T0, [(10.1, 1)], [(10.0, 1)])
    assert p.on_book_snapshot("X", T0, [(10.0, 1), (9.9, 2)], [(10.1, 1)], sequence=1)
    assert not p.on_book_delta("X", T0 + 1, [(1, 10.2, 5)], sequence=2)
    assert p.books["X"].best_bid == 10.0  # rolled back
    assert p.on_book_delta("X", T0 + 1, [(1, 10.05, 5)], sequence=2)
    assert not p.on_book_delta("X", T0 + 2, [(1, 10.06, 5)], sequence=2)  # replayed sequence
    assert rules(v) == ["crossed", "crossed", "duplicate"]
    assert [m.DESCRIPTOR.name for _, m in pub] == ["BookSnapshot", "BookDelta"]


def test_quarantine_is_bounded_and_queryable():
    q = Quarantine(capacity=5)
    v = Validator(ValidationConfig(), q)
    for i in range(8):
        v.check_quote("A" if i % 2 else "B", T0 + i, 2.0, 1.0, 1, 1)
    assert len(q) == 5 and q.counts == {"crossed": 8}
    assert [r.event_ts_ns for r in q.query(limit=2)] == [T0 + 7, T0 + 6]
    assert all(r.instrument == "A" for r in q.query(instrument="A"))
    assert q.query(rule="spike") == []


def test_bad_config_is_refused():
    with pytest.raises(ValueError):
        ValidationConfig(spike_min_pct=5, spike_max_pct=1)


def test_quarantine_counted_in_prometheus_by_rule():
    from omni_core.metrics import REGISTRY
    from svc_market_data.metrics import record_quarantine

    def value(rule, kind):
        return REGISTRY.get_sample_value("omni_market_data_quarantined_total",
                                         {"rule": rule, "kind": kind}) or 0.0

    before = value("crossed", "quote"), value("outlier", "trade")
    v = Validator(ValidationConfig(), Quarantine(10, on_record=record_quarantine))
    v.check_quote("X", T0, 2.0, 1.0, 1, 1)
    v.check_quote("X", T0 + 1, 2.0, 1.0, 1, 1)
    v.check_quote("X", T0 + 2, 1.0, 1.01, 1, 1)
    v.check_trade("X", T0 + 3, 5.0, 1)
    assert value("crossed", "quote") == before[0] + 2
    assert value("outlier", "trade") == before[1] + 1


def test_quote_gap_recorded_but_data_after_it_published():
    p, v, pub = make(gap_after_s=30)
    assert p.on_quote(Quote("X", T0, 10.0, 10.01, 1, 1))
    assert p.on_quote(Quote("X", T0 + 20 * S, 10.0, 10.01, 2, 1))
    assert p.on_quote(Quote("X", T0 + 80 * S, 10.0, 10.01, 3, 1))
    assert rules(v) == ["gap"]
    assert v.quarantine.records[0].reason == "no quote for 60.0s"
    assert len(pub) == 3


def test_trades_through_an_old_quote_fall_back_to_the_spike_rule():
    p, v, _ = make(outlier_quote_max_age_s=5)
    t = warm(p, 5)  # last quote at T0+4s around 100
    # 10 s later the quote is old: a 0.4% higher print is judged against the last price
    assert p.on_trade(Trade("X", t + 10 * S, 100.4, 1, 1, "a"))
    # ... but a 20% print is still a spike
    assert not p.on_trade(Trade("X", t + 11 * S, 120.0, 1, 1, "b"))
    assert rules(v) == ["spike"]


def test_consistent_outliers_confirm_a_real_move():
    p, v, pub = make(spike_confirm=3)
    t = warm(p, 5)
    prices = [101.5, 101.52, 101.51]  # the quote lags a real move
    res = [p.on_trade(Trade("X", t + i, px, 1, 1, f"o{i}")) for i, px in enumerate(prices)]
    assert res == [False, False, True]
    assert rules(v) == ["outlier", "outlier"]


def test_fast_trend_confirmed_but_noise_and_decimal_shift_never():
    p, v, _ = make(spike_confirm=3, spike_max_pct=5.0)
    t = warm(p)
    # a crash of ~6% a tick: three quarantined ticks all below the last good price
    res = [p.on_quote(Quote("X", t + i, px, px + 0.02, 1, 1))
           for i, px in enumerate([94.0, 88.0, 83.0])]
    assert res == [False, False, True]
    # noise either side of the reference is never confirmed
    p2, v2, _ = make(spike_confirm=3)
    t = warm(p2)
    res = [p2.on_quote(Quote("X", t + i, px, px + 0.02, 1, 1))
           for i, px in enumerate([110.0, 90.0, 111.0, 89.0])]
    assert res == [False] * 4
    # a feed shifted by a decimal place stays quarantined however long it persists
    p3, v3, _ = make(spike_confirm=3)
    t = warm(p3)
    assert not any(p3.on_quote(Quote("X", t + i, 1000.0 + i * 0.01, 1000.03 + i * 0.01, 1, 1))
                   for i in range(10))
    assert v3.quarantine.counts == {"spike": 10}


def test_quote_only_feed_book_is_the_touch_and_depth_feeds_keep_levels():
    p, v, _ = make()
    for i in range(20):  # a rising market on a quote-only feed
        assert p.on_quote(Quote("X", T0 + i, 100.0 + i * 0.01, 100.02 + i * 0.01, 5, 5))
    b = p.books["X"]
    assert len(b.levels(1)) == 1 and len(b.levels(2)) == 1
    assert p.on_book_snapshot("L", T0, [(10.0, 1), (9.9, 2)], [(10.1, 1), (10.2, 1)])
    assert p.on_quote(Quote("L", T0 + 1, 10.05, 10.1, 3, 1))
    assert p.books["L"].levels(1) == [(10.05, 3), (10.0, 1), (9.9, 2)]
