"""The matching engine, checked against fills computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from omni_quant.matching import (
    ExecKind,
    FeeSchedule,
    LatencyModel,
    Liquidity,
    MatchingEngine,
    Order,
    OrderStatus,
    OrderType,
    Side,
    TimeInForce,
    walk_levels,
)

BUY, SELL = Side.BUY, Side.SELL
MKT, LMT, STP, STL = OrderType.MARKET, OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT
GTC, IOC, FOK, DAY = TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.DAY


def engine(**kw) -> MatchingEngine:
    e = MatchingEngine("AAPL.XNAS", tick_size=0.01, fees=kw.pop("fees", None), **kw)
    e.set_book(
        bids=[(99.99, 100), (99.98, 200), (99.97, 300)],
        asks=[(100.01, 100), (100.02, 200), (100.03, 300)],
    )
    return e


def fills(reports, order_id=None):
    return [
        (r.fill.price, r.fill.quantity, r.fill.liquidity)
        for r in reports
        if r.fill is not None and (order_id is None or r.order_id == order_id)
    ]


def test_market_buy_walks_the_book_and_averages():
    e = engine()
    o = Order("m1", BUY, 250, MKT, IOC)
    rep = e.submit(o)
    assert fills(rep) == [(100.01, 100, Liquidity.TAKER), (100.02, 150, Liquidity.TAKER)]
    assert o.status is OrderStatus.FILLED
    assert o.average_price == pytest.approx((100 * 100.01 + 150 * 100.02) / 250)
    # what is left at 100.02 is 50; 100.01 is gone
    assert e.best_ask() == 100.02
    assert e.depth(SELL, 2) == [(100.02, 50), (100.03, 300)]
    assert [r.kind for r in rep] == [ExecKind.NEW, ExecKind.PARTIAL_FILL, ExecKind.FILL]


def test_market_order_larger_than_book_cancels_the_rest():
    e = engine()
    o = Order("m2", SELL, 700, MKT, DAY)
    rep = e.submit(o)
    assert sum(q for _, q, _ in fills(rep)) == 600
    assert o.status is OrderStatus.CANCELLED and o.filled == 600 and o.leaves == 0
    assert rep[-1].kind is ExecKind.CANCELLED
    assert e.best_bid() is None


def test_limit_order_partial_fill_then_rests_as_maker():
    e = engine()
    o = Order("l1", BUY, 150, LMT, GTC, limit_price=100.01)
    rep = e.submit(o)
    assert fills(rep) == [(100.01, 100, Liquidity.TAKER)]
    assert o.status is OrderStatus.PARTIALLY_FILLED and o.leaves == 50
    assert e.best_bid() == 100.01
    # a paper seller hits it: the resting order is maker at its price
    s = Order("s1", SELL, 80, LMT, IOC, limit_price=99.99)
    rep2 = e.submit(s)
    assert fills(rep2, "l1") == [(100.01, 50, Liquidity.MAKER)]
    assert fills(rep2, "s1") == [(100.01, 50, Liquidity.TAKER), (99.99, 30, Liquidity.TAKER)]
    assert o.status is OrderStatus.FILLED
    assert s.status is OrderStatus.FILLED and s.filled == 80


def test_price_time_priority_among_resting_orders():
    e = MatchingEngine("X", tick_size=0.5)
    a = Order("a", SELL, 10, LMT, GTC, limit_price=101.0)
    b = Order("b", SELL, 10, LMT, GTC, limit_price=100.5)
    c = Order("c", SELL, 10, LMT, GTC, limit_price=100.5)
    for o in (a, b, c):
        e.submit(o)
    rep = e.submit(Order("t", BUY, 25, LMT, IOC, limit_price=101.0))
    # better price first (b, c at 100.5, b before c by time), then a at 101
    maker = [
        (r.order_id, r.fill.quantity) for r in rep if r.fill and r.fill.liquidity is Liquidity.MAKER
    ]
    assert maker == [("b", 10), ("c", 10), ("a", 5)]
    assert a.leaves == 5


def test_external_size_is_ahead_of_resting_orders_at_the_same_price():
    e = engine()
    mine = Order("mine", SELL, 50, LMT, GTC, limit_price=100.01)
    e.submit(mine)
    rep = e.submit(Order("t", BUY, 120, LMT, IOC, limit_price=100.01))
    assert fills(rep, "t") == [(100.01, 100, Liquidity.TAKER), (100.01, 20, Liquidity.TAKER)]
    assert fills(rep, "mine") == [(100.01, 20, Liquidity.MAKER)]


def test_ioc_fills_what_it_can():
    e = engine()
    o = Order("i", BUY, 400, LMT, IOC, limit_price=100.02)
    rep = e.submit(o)
    assert sum(q for _, q, _ in fills(rep)) == 300
    assert o.status is OrderStatus.CANCELLED and o.filled == 300
    assert e.best_bid() == 99.99  # nothing rested


def test_fok_all_or_nothing():
    e = engine()
    kill = Order("k", BUY, 301, LMT, FOK, limit_price=100.02)
    rep = e.submit(kill)
    assert fills(rep) == [] and kill.status is OrderStatus.CANCELLED
    assert e.depth(SELL, 1) == [(100.01, 100)]  # untouched
    ok = Order("f", BUY, 300, LMT, FOK, limit_price=100.02)
    rep = e.submit(ok)
    assert ok.status is OrderStatus.FILLED
    assert fills(rep) == [(100.01, 100, Liquidity.TAKER), (100.02, 200, Liquidity.TAKER)]


def test_day_orders_expire_gtc_do_not():
    e = engine()
    d = Order("d", BUY, 10, LMT, DAY, limit_price=99.50)
    g = Order("g", BUY, 10, LMT, GTC, limit_price=99.50)
    e.submit(d)
    e.submit(g)
    rep = e.expire_day_orders()
    assert [(r.order_id, r.kind) for r in rep] == [("d", ExecKind.EXPIRED)]
    assert d.status is OrderStatus.EXPIRED and g.status is OrderStatus.ACCEPTED


def test_stop_triggers_on_trade_and_becomes_market():
    e = engine()
    st = Order("st", BUY, 150, STP, GTC, stop_price=100.05)
    rep = e.submit(st)
    assert st.status is OrderStatus.PENDING_TRIGGER and rep[0].kind is ExecKind.NEW
    assert e.on_trade(100.04) == []
    rep = e.on_trade(100.05)
    assert rep[0].kind is ExecKind.TRIGGERED
    assert fills(rep) == [(100.01, 100, Liquidity.TAKER), (100.02, 50, Liquidity.TAKER)]


def test_sell_stop_limit_triggers_on_quote_and_rests_remaining():
    e = engine()
    st = Order("sl", SELL, 250, STL, GTC, stop_price=99.95, limit_price=99.94)
    e.submit(st)
    e.set_level(BUY, 99.99, 0)
    e.set_level(BUY, 99.98, 0)
    assert st.status is OrderStatus.PENDING_TRIGGER  # best bid 99.97 > 99.95
    rep = e.set_book(bids=[(99.95, 100), (99.94, 50), (99.93, 500)], asks=[(100.01, 100)])
    assert fills(rep) == [(99.95, 100, Liquidity.TAKER), (99.94, 50, Liquidity.TAKER)]
    assert st.status is OrderStatus.PARTIALLY_FILLED and st.leaves == 100
    assert e.best_ask() == 99.94  # the remainder rests at its limit


def test_book_moving_through_a_resting_order_fills_it_as_maker():
    e = engine(fees=FeeSchedule(maker=Decimal("-0.0001"), taker=Decimal("0.0003")))
    o = Order("r", BUY, 120, LMT, GTC, limit_price=100.00)
    e.submit(o)
    rep = e.set_level(SELL, 99.99, 70)  # an external seller now offers below our bid
    assert fills(rep) == [(100.00, 70, Liquidity.MAKER)]
    assert rep[0].fill.fee == Decimal("-0.70000000")  # 70 * 100 * -1bp rebate
    assert o.leaves == 50


def test_fees_maker_taker_in_decimal():
    fees = FeeSchedule(maker=Decimal("0.0001"), taker=Decimal("0.0005"), currency="USD")
    e = engine(fees=fees)
    o = Order("x", BUY, 150, LMT, IOC, limit_price=100.02)
    rep = e.submit(o)
    got = [r.fill.fee for r in rep if r.fill]
    # 100 * 100.01 * 0.0005 = 5.0005 ; 50 * 100.02 * 0.0005 = 2.5005
    assert got == [Decimal("5.00050000"), Decimal("2.50050000")]
    assert o.fees == Decimal("7.50100000")


@pytest.mark.parametrize(
    ("order", "reason"),
    [
        (Order("z", BUY, 0, LMT, GTC, limit_price=100), "quantity must be positive"),
        (Order("n", BUY, -5, MKT, IOC), "quantity must be positive"),
        (Order("t", BUY, 5, LMT, GTC, limit_price=100.005), "not on the tick size"),
        (Order("s", BUY, 5, STP, GTC, stop_price=100.001), "not on the tick size"),
        (Order("l", BUY, 5, LMT, GTC), "limit price required"),
        (Order("q", BUY, 5.5, LMT, GTC, limit_price=100), "lot size"),
    ],
)
def test_bad_orders_are_rejected_with_a_reason(order, reason):
    e = engine(lot_size=1.0)
    rep = e.submit(order)
    assert rep[0].kind is ExecKind.REJECTED and reason in rep[0].reason
    assert order.status is OrderStatus.REJECTED


def test_cancel_and_cancel_reject():
    e = engine()
    o = Order("c", SELL, 10, LMT, GTC, limit_price=101.00)
    e.submit(o)
    assert e.cancel("c")[0].kind is ExecKind.CANCELLED
    assert e.cancel("c")[0].kind is ExecKind.REJECTED
    assert e.cancel("nope")[0].reason == "unknown order"
    assert e.depth(SELL, 5)[-1] == (100.03, 300)


def test_deterministic_for_a_seed():
    import random

    def run(seed: int) -> list[tuple]:
        rnd = random.Random(seed)
        e = engine()
        out = []
        for i in range(500):
            side = BUY if rnd.random() < 0.5 else SELL
            px = round(100 + rnd.randint(-5, 5) * 0.01, 2)
            ot = rnd.choice([MKT, LMT, LMT, LMT])
            tif = rnd.choice([GTC, IOC, FOK, DAY]) if ot is LMT else IOC
            o = Order(
                f"o{i}", side, rnd.randint(1, 50), ot, tif, limit_price=px if ot is LMT else None
            )
            out.extend(
                (r.order_id, r.kind, r.fill.price if r.fill else None, r.filled)
                for r in e.submit(o)
            )
            if i % 50 == 0:
                e.set_level(SELL, px + 0.05, rnd.randint(1, 100))
        return out

    assert run(7) == run(7)
    assert run(7) != run(8)
    lm = LatencyModel(0.001, 0.0005, seed=3)
    assert [lm.delay(i) for i in range(5)] == [
        LatencyModel(0.001, 0.0005, seed=3).delay(i) for i in range(5)
    ]


def test_walk_levels_and_estimate_agree():
    e = engine()
    w = e.estimate(BUY, 250)
    assert w.filled == 250 and w.levels == 2 and w.worst_price == 100.02
    assert w.average_price == pytest.approx((100 * 100.01 + 150 * 100.02) / 250)
    w2 = walk_levels([(100.01, 100), (100.02, 200)], 500, 100.01, BUY)
    assert w2.filled == 100
