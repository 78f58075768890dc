"""Accounting against hand-computed trade sequences (every number below is worked by hand in
the comments): partial fills, shorts, flips, each lot method, splits, dividends, wash sales."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest
from omni_core.errors import FailedPrecondition, InvalidArgument
from svc_portfolio_manager.accounting import Book, Fill, LotMethod, Side

T0 = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)


def fill(fid, side, qty, price, fee="0", *, at=T0, inst="AAPL.XNAS", acct="acc-1", coid=""):
    return Fill(
        fid,
        acct,
        inst,
        Side.BUY if side == "B" else Side.SELL,
        D(str(qty)),
        D(str(price)),
        D(fee),
        at,
        "strat-a",
        coid,
    )


def test_partial_fills_average_cost_realised_cash_fees() -> None:
    b = Book()
    b.adjust_cash("acc-1", D("10000"), "deposit", "dep-1", T0)
    # one order filled in three parts: 30 @ 100, 50 @ 101, 20 @ 102.5 (fee 1 each)
    b.apply_fill(fill("f1", "B", 30, "100", "1"))
    b.apply_fill(fill("f2", "B", 50, "101", "1"))
    r = b.apply_fill(fill("f3", "B", 20, "102.5", "1"))
    pos = r.position
    # cost = 3000 + 5050 + 2050 = 10100 for 100 -> avg 101
    assert pos.quantity == D(100) and pos.cost_basis == D("10100") and pos.average_cost == D(101)
    # cash = 10000 - 10100 - 3
    assert r.account.cash == D("-103")
    # sell 60 @ 105 (fee 2), FIFO: 30 from f1 (+5 each = 150), 30 from f2 (+4 each = 120)
    r = b.apply_fill(fill("f4", "S", 60, "105", "2"))
    assert [(c.lot_id, c.quantity, c.realized) for c in r.closes] == [
        ("f1", D(30), D(150)),
        ("f2", D(30), D(120)),
    ]
    assert pos.realized == D(270) and pos.quantity == D(40)
    # left: 20 @ 101 + 20 @ 102.5 = 4070
    assert pos.cost_basis == D("4070") and pos.average_cost == D("101.75")
    assert r.account.cash == D("-103") + D(6300) - D(2)
    b.mark("AAPL.XNAS", D("110"), T0)
    assert pos.unrealized == D(40) * D(110) - D(4070) == D(330)
    acc = b.accounts["acc-1"]
    assert acc.fees == D(5)
    # NAV = cash + market value = 6195 + 4400; total P&L = 270 + 330 - 5 = 595 = NAV - deposit
    assert acc.nav == D("10595") and acc.total_pnl == D(595) == acc.nav - D(10000)


def test_redelivered_fill_changes_nothing() -> None:
    b = Book()
    assert b.apply_fill(fill("f1", "B", 10, "50", "0.5")) is not None
    cash = b.accounts["acc-1"].cash
    assert b.apply_fill(fill("f1", "B", 10, "50", "0.5")) is None
    assert b.accounts["acc-1"].cash == cash == D("-500.5")
    assert b.accounts["acc-1"].positions["AAPL.XNAS"].quantity == D(10)


def test_short_position_cover_and_flip_through_zero() -> None:
    b = Book()
    # short 100 @ 50, then another 50 @ 48
    b.apply_fill(fill("s1", "S", 100, "50"))
    r = b.apply_fill(fill("s2", "S", 50, "48"))
    pos = r.position
    assert pos.quantity == D(-150) and pos.cost_basis == D(-7400)
    assert pos.average_cost == D(7400) / D(150)
    b.mark("AAPL.XNAS", D(45), T0)
    # unrealised of a short: -150*45 - (-7400) = 650
    assert pos.unrealized == D(650)
    # buy 200 @ 40: covers 150 FIFO (100*(50-40) + 50*(48-40) = 1400), opens 50 long @ 40
    r = b.apply_fill(fill("b1", "B", 200, "40"))
    assert [(c.lot_id, c.quantity, c.realized) for c in r.closes] == [
        ("s1", D(-100), D(1000)),
        ("s2", D(-50), D(400)),
    ]
    assert pos.realized == D(1400)
    assert pos.quantity == D(50) and pos.average_cost == D(40) and r.opened.lot_id == "b1"
    # cash: +5000 + 2400 - 8000 = -600
    assert r.account.cash == D(-600)
    # and back through zero the other way: sell 80 @ 42 -> +100 realised, short 30 @ 42
    r = b.apply_fill(fill("s3", "S", 80, "42"))
    assert pos.realized == D(1500) and pos.quantity == D(-30) and pos.average_cost == D(42)


def _three_lots(method: LotMethod) -> Book:
    b = Book()
    b.set_lot_method("acc-1", method)
    b.apply_fill(fill("l1", "B", 10, "100", at=T0))
    b.apply_fill(fill("l2", "B", 10, "120", at=T0 + timedelta(days=1)))
    b.apply_fill(fill("l3", "B", 10, "110", at=T0 + timedelta(days=2)))
    return b


@pytest.mark.parametrize(
    ("method", "closed", "realized"),
    [
        # sell 15 @ 115
        (LotMethod.FIFO, [("l1", 10), ("l2", 5)], 10 * 15 + 5 * -5),  # 125
        (LotMethod.LIFO, [("l3", 10), ("l2", 5)], 10 * 5 + 5 * -5),  # 25
        (LotMethod.HIGHEST_COST, [("l2", 10), ("l3", 5)], 10 * -5 + 5 * 5),  # -25
    ],
)
def test_lot_methods(method: LotMethod, closed: list, realized: int) -> None:
    b = _three_lots(method)
    r = b.apply_fill(fill("x", "S", 15, "115", at=T0 + timedelta(days=3)))
    assert [(c.lot_id, c.quantity) for c in r.closes] == [(i, D(q)) for i, q in closed]
    assert r.position.realized == D(realized)
    # every method leaves the same quantity; cost basis differs
    assert r.position.quantity == D(15)


def test_specific_lot_designation_then_fifo() -> None:
    b = _three_lots(LotMethod.SPECIFIC_LOT)
    b.designate_lots("acc-1", "ord-9", ["l3"])
    r = b.apply_fill(fill("x", "S", 15, "115", at=T0 + timedelta(days=3), coid="ord-9"))
    # l3 (10 @ 110: +50), then FIFO l1 (5 @ 100: +75)
    assert [(c.lot_id, c.quantity, c.realized) for c in r.closes] == [
        ("l3", D(10), D(50)),
        ("l1", D(5), D(75)),
    ]
    with pytest.raises(InvalidArgument, match="not open"):
        b.designate_lots("acc-1", "ord-10", ["l3"])


def test_highest_cost_on_a_short_closes_the_cheapest_sale_first() -> None:
    b = Book()
    b.set_lot_method("acc-1", LotMethod.HIGHEST_COST)
    b.apply_fill(fill("s1", "S", 10, "50"))
    b.apply_fill(fill("s2", "S", 10, "45"))
    r = b.apply_fill(fill("c", "B", 10, "40"))
    assert [(c.lot_id, c.realized) for c in r.closes] == [("s2", D(50))]


def test_split_and_dividend() -> None:
    b = Book()
    b.apply_fill(fill("l1", "B", 10, "300"))
    b.apply_fill(fill("l2", "B", 5, "330"))
    b.mark("AAPL.XNAS", D(360), T0)
    r = b.split("acc-1", "split-1", "AAPL.XNAS", D(3), T0 + timedelta(days=1))
    pos = r.position
    # 3-for-1: 45 shares, cost basis unchanged 4650, mark 120, lots 30 @ 100 and 15 @ 110
    assert pos.quantity == D(45) and pos.cost_basis == D(4650) and pos.mark == D(120)
    assert [(lot.quantity, lot.cost_per_unit) for lot in pos.lots] == [
        (D(30), D(100)),
        (D(15), D(110)),
    ]
    assert b.split("acc-1", "split-1", "AAPL.XNAS", D(3), T0) is None  # idempotent
    r = b.cash_dividend("acc-1", "div-1", "AAPL.XNAS", D("0.25"), T0 + timedelta(days=2))
    assert r.cash.amount == D("11.25") and r.account.dividends == D("11.25")
    assert r.account.cash == D(-4650) + D("11.25")
    # a short position pays the dividend
    b.apply_fill(fill("s1", "S", 10, "20", inst="XOM.XNYS"))
    r = b.cash_dividend("acc-1", "div-2", "XOM.XNYS", D("0.5"), T0)
    assert r.cash.amount == D(-5)
    # reverse split 1-for-10 of the short
    r = b.split("acc-1", "split-2", "XOM.XNYS", D("0.1"), T0)
    assert r.position.quantity == D(-1) and r.position.average_cost == D(200)


def test_cash_adjustments_idempotent_and_no_overdraft() -> None:
    b = Book()
    assert b.adjust_cash("acc-1", D(100), "", "r1", T0).balance_after == D(100)
    assert b.adjust_cash("acc-1", D(100), "", "r1", T0) is None
    with pytest.raises(FailedPrecondition, match="exceeds"):
        b.adjust_cash("acc-1", D(-101), "", "r2", T0)


def test_wash_sale_purchase_after_a_loss_adjusts_basis() -> None:
    b = Book()
    b.apply_fill(fill("l1", "B", 100, "50", at=T0))
    # sell at a loss of 10/share = -1000 on day 40
    d40 = T0 + timedelta(days=40)
    b.apply_fill(fill("x1", "S", 100, "40", at=d40))
    # buy back 60 shares 20 days later: 60 * 10 = 600 of the loss is disallowed
    r = b.apply_fill(fill("l2", "B", 60, "42", at=d40 + timedelta(days=20)))
    assert [(w.quantity, w.disallowed_loss, w.kind) for w in r.wash_sales] == [
        (D(60), D(600), "after")
    ]
    assert r.opened.wash_adjustment == D(600) and r.opened.tax_basis == D(60 * 42 + 600)
    tax = b.tax_realized("acc-1")
    assert tax["short_term"] == D(-400) and tax["disallowed"] == D(600)
    # a purchase 31 days after the sale washes nothing
    r = b.apply_fill(fill("l3", "B", 10, "42", at=d40 + timedelta(days=31)))
    assert r.wash_sales == []


def test_wash_sale_purchase_before_a_loss() -> None:
    b = Book()
    b.apply_fill(fill("l1", "B", 100, "50", at=T0))
    b.apply_fill(fill("l2", "B", 30, "41", at=T0 + timedelta(days=50)))
    # FIFO sells l1 at 40 (loss 1000) 10 days after l2 was bought: 30 shares wash
    r = b.apply_fill(fill("x1", "S", 100, "40", at=T0 + timedelta(days=60)))
    assert [(w.replacement_lot_id, w.quantity, w.disallowed_loss) for w in r.wash_sales] == [
        ("l2", D(30), D(300))
    ]
    assert r.closes[0].tax_realized == D(-700) and r.closes[0].realized == D(-1000)
    lot2 = b.accounts["acc-1"].positions["AAPL.XNAS"].lots[0]
    assert lot2.wash_adjustment == D(300)
    # selling l2 later at 41 realises 0 economically and -300 for tax
    r = b.apply_fill(fill("x2", "S", 30, "41", at=T0 + timedelta(days=200)))
    assert r.closes[0].realized == 0 and r.closes[0].tax_realized == D(-300)


def test_gain_is_never_a_wash_sale() -> None:
    b = Book()
    b.apply_fill(fill("l1", "B", 10, "50", at=T0))
    b.apply_fill(fill("l2", "B", 10, "55", at=T0 + timedelta(days=1)))
    r = b.apply_fill(fill("x1", "S", 10, "60", at=T0 + timedelta(days=2)))
    assert r.wash_sales == [] and r.closes[0].realized == D(100)


def test_bad_fills_rejected() -> None:
    b = Book()
    with pytest.raises(InvalidArgument, match="quantity"):
        b.apply_fill(fill("f", "B", 0, "1"))
    with pytest.raises(InvalidArgument, match="price"):
        b.apply_fill(fill("f", "B", 1, "-1"))


def test_designation_wins_under_any_method() -> None:
    # harvesting and rebalancing designate the lots they sell even when the account is FIFO
    b = _three_lots(LotMethod.FIFO)
    b.designate_lots("acc-1", "harvest-1", ["l2"])
    r = b.apply_fill(fill("x", "S", 10, "105", at=T0 + timedelta(days=3), coid="harvest-1"))
    assert [(c.lot_id, c.realized) for c in r.closes] == [("l2", D(-150))]
