"""Smart order routing: cost comparisons and splits, computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from omni_quant.matching import Side
from svc_broker_gateway.routing import NoRoute, SmartOrderRouter, VenueCandidate

BIDS = [(99.99, 100.0)]


def cand(name, fee_bps, asks, latency_ms=0.0, bids=BIDS, excluded=""):
    return VenueCandidate(
        name, Decimal(fee_bps) / Decimal(10000), latency_ms / 1000.0, bids, asks, excluded
    )


def test_cheaper_fee_wins_at_equal_books():
    r = SmartOrderRouter(latency_bps_per_ms=0.0)
    route = r.route(
        Side.BUY, 50, [cand("a", "5", [(100.01, 100)]), cand("b", "1", [(100.01, 100)])]
    )
    assert route.slices == [("b", 50)]
    by = {c.venue: c for c in route.candidates}
    assert by["a"].fee_bps == pytest.approx(5) and by["b"].fee_bps == pytest.approx(1)
    # mid = 100.00; half spread = 0.01 / 100 = 1 bp at both
    assert by["b"].half_spread_bps == pytest.approx(1.0)
    assert by["b"].total_bps == pytest.approx(2.0)
    assert "b: lowest expected cost" in route.reason


def test_better_touch_beats_lower_fee():
    r = SmartOrderRouter(latency_bps_per_ms=0.0)
    # a: touch 100.01 (1 bp half spread) + 1 bp fee = 2 bp ; b: touch 100.05 (5 bp) + 0 fee = 5 bp
    route = r.route(
        Side.BUY, 10, [cand("a", "1", [(100.01, 100)]), cand("b", "0", [(100.05, 100)])]
    )
    assert route.slices == [("a", 10)]
    assert route.chosen_cost_bps == pytest.approx(2.0)


def test_impact_of_walking_the_book_and_latency():
    r = SmartOrderRouter(latency_bps_per_ms=0.1)
    # a is thin: 100 units of 200 at 100.01, the rest at 100.11 -> average 100.06: impact 5 bp
    a = cand("a", "0", [(100.01, 100), (100.11, 100)])
    # b is deep but slow: 20 ms * 0.1 bp/ms = 2 bp; touch 100.02 -> half spread 2 bp
    b = cand("b", "0", [(100.02, 1000)], latency_ms=20)
    route = r.route(Side.BUY, 200, [a, b])
    by = {c.venue: c for c in route.candidates}
    assert by["a"].impact_bps == pytest.approx(5.0, abs=1e-6) or len(route.slices) == 2
    assert by["b"].latency_bps == pytest.approx(2.0)


def test_split_when_cheaper_than_any_single_venue():
    r = SmartOrderRouter(latency_bps_per_ms=0.0, min_split_saving_bps=0.1)
    a = cand("a", "0", [(100.01, 100), (100.50, 1000)])
    b = cand("b", "0", [(100.01, 100), (100.50, 1000)])
    route = r.route(Side.BUY, 200, [a, b])
    # alone: 100 @100.01 + 100 @100.50 -> avg 100.255 ; split: 100 @100.01 on each
    assert sorted(route.slices) == [("a", 100), ("b", 100)]
    assert route.chosen_cost_bps == pytest.approx(1.0)
    assert route.best_single_venue_cost_bps == pytest.approx(1.0 + 24.5)
    assert route.reason.startswith("split over 2 venues")


def test_no_split_when_saving_is_below_threshold():
    r = SmartOrderRouter(latency_bps_per_ms=0.0, min_split_saving_bps=5.0)
    a = cand("a", "0", [(100.01, 100), (100.02, 1000)])
    b = cand("b", "0", [(100.01, 100)])
    route = r.route(Side.BUY, 200, [a, b])
    assert route.slices == [("a", 200)]
    assert "split saved less" in route.reason


def test_sell_side_and_exclusions():
    r = SmartOrderRouter(latency_bps_per_ms=0.0)
    a = cand("a", "0", [(100.02, 10)], bids=[(99.99, 100)])
    b = cand("b", "0", [(100.02, 10)], bids=[(99.98, 100)])
    down = cand("c", "0", [(100.02, 10)], bids=[(100.01, 100)], excluded="circuit breaker open")
    route = r.route(Side.SELL, 50, [a, b, down])
    assert route.slices == [("a", 50)]
    assert {c.venue: c.excluded_reason for c in route.candidates}["c"] == "circuit breaker open"
    with pytest.raises(NoRoute):
        r.route(Side.SELL, 50, [down])


def test_limit_price_caps_the_liquidity_counted():
    r = SmartOrderRouter(latency_bps_per_ms=0.0)
    a = cand("a", "0", [(100.01, 10), (100.05, 1000)])
    b = cand("b", "0", [(100.02, 1000)])
    route = r.route(Side.BUY, 100, [a, b], limit=100.02)
    by = {c.venue: c for c in route.candidates}
    assert by["a"].available_quantity == 10
    assert ("b", pytest.approx(90)) in [(v, q) for v, q in route.slices] or route.slices == [
        ("b", 100)
    ]
