import math

import pytest
from omni_quant.orderbook import ASK, BID, CrossedBookError, OrderBook


def book() -> OrderBook:
    # bids 100.00 x 5, 99.50 x 10, 99.00 x 20 ; asks 100.50 x 4, 101.00 x 6, 102.00 x 10
    return OrderBook.from_snapshot("X", [99.5, 100.0, 99.0], [10, 5, 20],
                                   [101.0, 100.5, 102.0], [6, 4, 10])


def test_top_of_book_and_spread():
    b = book()
    assert b.best_bid == 100.0 and b.best_bid_size == 5
    assert b.best_ask == 100.5 and b.best_ask_size == 4
    assert b.spread == pytest.approx(0.5)
    assert b.mid == pytest.approx(100.25)
    assert b.spread_bps == pytest.approx(0.5 / 100.25 * 1e4)
    assert b.levels(BID) == [(100.0, 5), (99.5, 10), (99.0, 20)]
    assert b.levels(ASK, 2) == [(100.5, 4), (101.0, 6)]


def test_depth_imbalance_microprice():
    b = book()
    assert b.depth(BID, 2) == 15 and b.depth(ASK, 2) == 10 and b.depth(ASK) == 20
    assert b.depth_by_level(3) == ([5, 15, 35], [4, 10, 20])
    assert b.imbalance(1) == pytest.approx((5 - 4) / 9)
    assert b.imbalance(3) == pytest.approx((35 - 20) / 55)
    # (100 * 4 + 100.5 * 5) / 9
    assert b.microprice() == pytest.approx((400 + 502.5) / 9)


def test_impact_walks_the_book_without_changing_it():
    b = book()
    imp = b.impact(BID, 12)  # buy 12: 4 @ 100.5, 6 @ 101, 2 @ 102
    assert imp.filled == 12 and imp.complete and imp.levels == 3
    avg = (4 * 100.5 + 6 * 101 + 2 * 102) / 12
    assert imp.average_price == pytest.approx(avg)
    assert imp.worst_price == 102.0
    assert imp.impact_bps == pytest.approx((avg - 100.25) / 100.25 * 1e4)
    assert imp.slippage_bps == pytest.approx((avg - 100.5) / 100.5 * 1e4)
    sell = b.impact(ASK, 40)  # only 35 on the bid side
    assert sell.filled == 35 and not sell.complete
    assert sell.average_price == pytest.approx((500 + 995 + 1980) / 35)
    assert sell.impact_bps > 0
    assert b.depth(ASK) == 20 and b.depth(BID) == 35


def test_take_consumes_liquidity():
    b = book()
    imp = b.take(BID, 7)  # 4 @ 100.5 and 3 of 6 @ 101
    assert imp.fills == ((100.5, 4), (101.0, 3))
    assert b.best_ask == 101.0 and b.best_ask_size == 3
    b.take(ASK, 5)
    assert b.best_bid == 99.5


def test_deltas_and_removal():
    b = book()
    b.apply_delta(BID, 100.25, 7)
    assert b.best_bid == 100.25
    b.apply_delta(BID, 100.25, 0)
    assert b.best_bid == 100.0
    b.apply_deltas([(ASK, 100.5, 0), (ASK, 100.75, 2)], sequence=9)
    assert b.best_ask == 100.75 and b.sequence == 9
    b.apply_delta(ASK, 555.0, 0)  # removing an absent level is a no-op
    assert b.depth(ASK) == 18


def test_top_update_drops_crossed_levels():
    b = book()
    b.apply_top(99.5, 3, 100.0, 8)  # the market moved down: 100.00 bid gone
    assert b.best_bid == 99.5 and b.best_bid_size == 3
    assert b.best_ask == 100.0 and b.levels(ASK, 2) == [(100.0, 8), (100.5, 4)]
    b.apply_top(100.5, 1, 101.0, 2)  # moved up: asks below 101 gone
    assert b.levels(ASK, 1) == [(101.0, 2)]
    assert not b.is_crossed()


def test_crossed_and_locked_detection_and_empty_book():
    b = OrderBook.from_snapshot("X", [10.0], [1], [9.5], [1])
    assert b.is_crossed()
    with pytest.raises(CrossedBookError):
        b.check()
    assert OrderBook.from_snapshot("X", [10.0], [1], [10.0], [1]).is_locked()
    e = OrderBook("E")
    assert math.isnan(e.best_bid) and math.isnan(e.microprice()) and e.imbalance() == 0.0
    assert e.impact(BID, 1).filled == 0
    with pytest.raises(ValueError):
        e.impact(BID, 0)


def test_snapshot_drops_empty_levels_and_merges_repeats():
    b = OrderBook.from_snapshot("X", [10.0, 10.0, 9.0], [1, 2, 0], [11.0], [3])
    assert b.levels(BID) == [(10.0, 3)]


def test_set_top_keeps_one_level_a_side():
    b = book()
    b.set_top(100.25, 3, 100.3, 4, ts_ns=9)
    assert b.snapshot() == ([(100.25, 3)], [(100.3, 4)]) and b.ts_ns == 9
