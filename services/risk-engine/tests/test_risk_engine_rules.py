"""Every pre-trade rule, pass and fail, on the in-memory engine."""

from __future__ import annotations

import math

import pytest
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from risk_helpers import LT, account, fill, lim, limit_set, make_engine, order, rules
from svc_risk_engine.engine import InstrumentInfo, InvalidOrder, RiskEngine

BUY, SELL = ct.SIDE_BUY, ct.SIDE_SELL


def test_risk_unknown_account_and_instrument_are_rejected_with_reason():
    eng = make_engine()
    out = eng.check(order(account="NOPE"))
    assert not out.approved and rules(out) == ["unknown_account"]
    out = eng.check(order(inst="ZZZ.XNAS"))
    assert not out.approved and rules(out) == ["unknown_instrument"]
    # an instrument with a market price but no reference data is usable
    eng.update_price("NEW.XNAS", 10.0)
    assert eng.check(order(inst="NEW.XNAS")).approved


@pytest.mark.parametrize(
    "kwargs",
    [
        {"qty": 0.0},
        {"qty": -5.0},
        {"qty": math.nan},
        {"qty": math.inf},
        {"side": ct.SIDE_UNSPECIFIED},
        {"account": ""},
        {"inst": ""},
        {"order_type": ct.ORDER_TYPE_LIMIT, "limit_price": 0.0},
        {"order_type": ct.ORDER_TYPE_LIMIT, "limit_price": math.nan},
        {"order_type": ct.ORDER_TYPE_LIMIT, "limit_price": -1.0},
        {"order_type": ct.ORDER_TYPE_STOP, "stop_price": 0.0},
        {"reference": math.inf},
        {"multiplier": math.nan},
    ],
)
def test_risk_malformed_requests_raise_invalid_order(kwargs):
    eng = make_engine()
    with pytest.raises(InvalidOrder):
        eng.check(order(**kwargs))


def test_risk_max_order_quantity():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 100))
    assert eng.check(order(qty=100)).approved
    out = eng.check(order(qty=101))
    assert rules(out) == ["max_order_quantity"]
    f = out.failures[0]
    assert f.observed == 101 and f.threshold == 100
    assert f.to_proto().observed.value == "101"


def test_risk_max_order_notional_uses_limit_price_or_last():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_NOTIONAL, 10_000))
    assert eng.check(order(qty=100)).approved  # 100 x 100
    assert rules(eng.check(order(qty=101))) == ["max_order_notional"]
    assert eng.check(order(qty=120, order_type=ct.ORDER_TYPE_LIMIT, limit_price=80)).approved


def test_risk_max_position_quantity_per_instrument_counts_position_and_open_orders():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 100, instrument="AAPL.XNAS"))
    fill(eng, 60)
    assert eng.check(order(qty=40, order_id="O1")).approved  # 60 + 40 = 100
    # O1 is pending (approved, not yet confirmed): worst case is 100, so 1 more fails
    assert rules(eng.check(order(qty=1, order_id="O2"))) == ["max_position_quantity"]
    eng.order_closed("O1")  # cancelled
    assert eng.check(order(qty=40, order_id="O3")).approved
    # other instruments are not limited by an instrument limit
    assert eng.check(order(qty=1000, inst="MSFT.XNAS")).approved


def test_risk_reducing_order_passes_even_above_position_limit():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 50))
    fill(eng, 80)  # already above the limit (e.g. limit lowered)
    assert eng.check(order(qty=20, side=SELL)).approved
    assert rules(eng.check(order(qty=1, side=BUY))) == ["max_position_quantity"]
    # selling through zero to a short bigger than the limit fails
    assert rules(eng.check(order(qty=200, side=SELL))) == ["max_position_quantity"]


def test_risk_max_position_notional():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_POSITION_NOTIONAL, 50_000))
    assert eng.check(order(qty=500)).approved
    assert rules(eng.check(order(qty=501))) == ["max_position_notional"]
    assert eng.check(order(qty=500, side=SELL)).approved  # short 50k


def test_risk_sector_exposure():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_SECTOR_EXPOSURE, 100_000, sector="tech"))
    fill(eng, 300, inst="MSFT.XNAS")  # 60k tech
    assert eng.check(order(qty=400)).approved  # +40k = 100k
    out = eng.check(order(qty=401, order_id="X"))
    assert rules(out) == ["max_sector_exposure"]
    assert eng.check(order(qty=10_000, inst="XOM.XNYS")).approved  # energy unaffected
    with pytest.raises(InvalidOrder):
        eng.set_limits(limit_set("ACC1", "", lim(LT.LIMIT_TYPE_MAX_SECTOR_EXPOSURE, 1)))


def test_risk_strategy_scope_limits_apply_to_the_strategy_only():
    eng = make_engine()
    eng.set_limits(limit_set("ACC1", "S1", lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 10_000)))
    fill(eng, 90, strategy="S1")  # S1 gross 9k
    fill(eng, 500, strategy="S2")
    assert eng.check(order(qty=10, strategy="S1")).approved
    out = eng.check(order(qty=11, strategy="S1", order_id="A"))
    assert rules(out) == ["max_gross_exposure"] and "strategy S1" in out.failures[0].message
    assert eng.check(order(qty=11, strategy="S2")).approved


def test_risk_gross_and_net_exposure():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 100_000),
                      lim(LT.LIMIT_TYPE_MAX_NET_EXPOSURE, 30_000))
    fill(eng, 300)  # +30k AAPL
    assert rules(eng.check(order(qty=1))) == ["max_net_exposure"]
    # a short in another name hedges net, adds gross
    assert eng.check(order(qty=300, side=SELL, inst="MSFT.XNAS", order_id="h")).approved
    eng.order_closed("h")
    fill(eng, 300, side=SELL, inst="MSFT.XNAS")  # gross 90k, net -30k
    assert rules(eng.check(order(qty=201, side=SELL, inst="XOM.XNYS"))) == [
        "max_gross_exposure", "max_net_exposure"]
    assert eng.check(order(qty=200, inst="XOM.XNYS")).approved  # gross 100k, net -20k


def test_risk_leverage_and_concentration():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_LEVERAGE, 2.0),
                      lim(LT.LIMIT_TYPE_MAX_CONCENTRATION, 0.25), equity="100000")
    assert eng.check(order(qty=250)).approved  # 25k = 25%
    assert rules(eng.check(order(qty=251))) == ["max_concentration"]
    fill(eng, 250)
    fill(eng, 125, inst="MSFT.XNAS")
    fill(eng, 500, inst="XOM.XNYS")
    eng.update_price("NEW.XNAS", 10.0)
    # gross 75k; +2.5k each of new names is fine, past 200k is not
    assert eng.check(order(qty=2000, inst="NEW.XNAS")).approved
    eng.set_limits(limit_set("ACC1", "", lim(LT.LIMIT_TYPE_MAX_LEVERAGE, 0.8)))
    out = eng.check(order(qty=1000, inst="NEW.XNAS"))  # gross 85k / equity ~100k
    assert rules(out) == ["max_leverage"]


def test_risk_price_collar_against_last_price_and_reference():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_PRICE_DEVIATION, 0.05))
    ok = order(order_type=ct.ORDER_TYPE_LIMIT, limit_price=104.9)
    assert eng.check(ok).approved
    bad = order(order_type=ct.ORDER_TYPE_LIMIT, limit_price=1000.0)  # fat finger
    out = eng.check(bad)
    assert rules(out) == ["max_price_deviation"] and "900.00%" in out.failures[0].message
    assert rules(eng.check(order(order_type=ct.ORDER_TYPE_LIMIT, limit_price=94.0))) == [
        "max_price_deviation"]
    # no market price yet: the request's reference price is the collar
    eng.upsert_instrument(InstrumentInfo("IPO.XNAS", ct.ASSET_CLASS_EQUITY, "tech"))
    assert eng.check(order(inst="IPO.XNAS", order_type=ct.ORDER_TYPE_LIMIT, limit_price=20,
                           reference=20.5)).approved
    out = eng.check(order(inst="IPO.XNAS", order_type=ct.ORDER_TYPE_LIMIT, limit_price=20))
    assert rules(out) == ["max_price_deviation"]  # nothing to compare with
    out = eng.check(order(inst="IPO.XNAS"))  # market order, no price at all
    assert rules(out) == ["no_price"]


async def test_risk_order_rate_limit_sliding_window():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDERS_PER_SECOND, 3))
    for _ in range(3):
        assert eng.check(order(qty=1)).approved
    assert rules(eng.check(order(qty=1))) == ["max_orders_per_second"]
    await eng.clock.advance(0.5)
    assert not eng.check(order(qty=1)).approved
    await eng.clock.advance(0.6)
    assert eng.check(order(qty=1)).approved


def test_risk_max_open_orders():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_OPEN_ORDERS, 2))
    eng.order_open("A", "ACC1", "S1", "AAPL.XNAS", BUY, 10, 100.0)
    assert eng.check(order(qty=1, order_id="B")).approved
    assert rules(eng.check(order(qty=1, order_id="C"))) == ["max_open_orders"]
    eng.order_closed("A")
    assert eng.check(order(qty=1, order_id="C")).approved


def test_risk_restricted_list_kinds_global_and_account():
    eng = make_engine()
    r = pb.Restriction(kind=pb.RESTRICTION_KIND_NO_TRADE, reason="merger")
    r.instrument_id.value = "AAPL.XNAS"
    eng.set_restriction(r, False)  # global
    out = eng.check(order())
    assert rules(out) == ["restricted_list"] and "merger" in out.failures[0].message
    eng.set_restriction(r, True)
    assert eng.check(order()).approved
    nb = pb.Restriction(account_id="ACC1", kind=pb.RESTRICTION_KIND_NO_BUY)
    nb.instrument_id.value = "MSFT.XNAS"
    eng.set_restriction(nb, False)
    assert rules(eng.check(order(inst="MSFT.XNAS"))) == ["restricted_list"]
    assert eng.check(order(inst="MSFT.XNAS", side=SELL)).approved
    ns = pb.Restriction(account_id="ACC1", kind=pb.RESTRICTION_KIND_NO_SHORT)
    ns.instrument_id.value = "XOM.XNYS"
    eng.set_restriction(ns, False)
    fill(eng, 10, inst="XOM.XNYS")
    assert eng.check(order(qty=10, side=SELL, inst="XOM.XNYS")).approved  # to flat
    assert rules(eng.check(order(qty=11, side=SELL, inst="XOM.XNYS"))) == ["restricted_list"]
    assert len(eng.list_restrictions("ACC1")) == 2 and eng.list_restrictions("") == []


def test_risk_buying_power_and_margin():
    eng = make_engine(equity="10000")  # cash account: 100% margin
    assert eng.check(order(qty=100)).approved  # 10k
    assert rules(eng.check(order(qty=101))) == ["buying_power"]
    fill(eng, 100)
    assert rules(eng.check(order(qty=1, inst="MSFT.XNAS"))) == ["buying_power"]
    assert eng.check(order(qty=50, side=SELL)).approved  # reducing needs no margin
    # Reg T: 50% margin doubles buying power
    eng.set_account(account(equity="10000", margin_rate=0.5))
    assert eng.check(order(qty=100, inst="XOM.XNYS", order_id="m1")).approved  # 5k -> 2.5k
    assert rules(eng.check(order(qty=150, inst="XOM.XNYS"))) == ["buying_power"]


def test_risk_warn_action_and_warn_at_produce_warnings_not_failures():
    eng = make_engine(
        lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 100, action=pb.BREACH_ACTION_WARN),
        lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 1000, warn_at=0.8),
    )
    out = eng.check(order(qty=150))
    assert out.approved and [w.rule for w in out.warnings] == ["max_order_quantity"]
    out = eng.check(order(qty=850, order_id="w"))
    assert out.approved and "max_position_quantity" in [w.rule for w in out.warnings]


def test_risk_disabled_limits_are_ignored_and_bad_limits_rejected():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 1, enabled=False))
    assert eng.check(order(qty=5)).approved
    for bad in (lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, "nan"),
                lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, -1),
                lim(LT.LIMIT_TYPE_UNSPECIFIED, 1),
                lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 1, warn_at=2.0)):
        with pytest.raises(InvalidOrder):
            eng.set_limits(limit_set("ACC1", "", bad))


def test_risk_multiple_failures_are_all_reported():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 10),
                      lim(LT.LIMIT_TYPE_MAX_ORDER_NOTIONAL, 500))
    out = eng.check(order(qty=20))
    assert rules(out) == ["max_order_notional", "max_order_quantity"]


def test_risk_fills_are_idempotent_and_prices_remark_exposure():
    eng = make_engine()
    assert eng.apply_fill("F-1", "ACC1", "S1", "AAPL.XNAS", BUY, 100, 100.0)
    assert not eng.apply_fill("F-1", "ACC1", "S1", "AAPL.XNAS", BUY, 100, 100.0)
    acct = eng.accounts["ACC1"]
    assert acct.book.qty["AAPL.XNAS"] == 100 and acct.book.gross == pytest.approx(10_000)
    eng.update_price("AAPL.XNAS", 110.0)
    assert acct.book.gross == pytest.approx(11_000)
    assert acct.strategies["S1"].gross == pytest.approx(11_000)
    assert acct.equity == pytest.approx(1_001_000)
    assert acct.book.sector_gross["tech"] == pytest.approx(11_000)
    assert not eng.update_price("AAPL.XNAS", math.nan)
    assert not eng.update_price("AAPL.XNAS", -1.0)
    assert eng.last_price["AAPL.XNAS"] == 110.0
    assert not eng.apply_fill("F-2", "ACC1", "S1", "AAPL.XNAS", BUY, math.inf, 100.0)
    eng.apply_fill("F-3", "ACC1", "S1", "AAPL.XNAS", SELL, 100, 110.0)
    assert "AAPL.XNAS" not in acct.book.qty and acct.book.gross == pytest.approx(0, abs=1e-9)


async def test_risk_pending_approvals_expire_without_order_events():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 100))
    assert eng.check(order(qty=100, order_id="P1")).approved
    assert not eng.check(order(qty=1, order_id="P2")).approved
    await eng.clock.advance(eng.pending_ttl + 1)
    assert eng.expire_pending() == 1
    assert eng.check(order(qty=1, order_id="P2")).approved
    # a confirmed order (order event) does not expire
    eng.order_open("P2", "ACC1", "S1", "AAPL.XNAS", BUY, 1, 100.0)
    await eng.clock.advance(eng.pending_ttl + 1)
    assert eng.expire_pending() == 0


def test_risk_unknown_account_allowed_when_configured():
    from omni_core.clock import SimulatedClock

    eng = RiskEngine(SimulatedClock(), require_known_account=False)
    eng.update_price("AAPL.XNAS", 100.0)
    eng.apply_fill("F", "ANY", "", "AAPL.XNAS", BUY, 1, 100.0)
    assert eng.check(order(account="ANY")).approved


def test_risk_limit_usage_reports_current_values():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 100_000),
                      lim(LT.LIMIT_TYPE_MAX_DRAWDOWN, 0.1),
                      lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 5))
    fill(eng, 100)
    eng.evaluate("ACC1")
    usage = {r.name: v for r, v, _ in eng.usage("ACC1", "")}
    assert usage["max_gross_exposure"] == pytest.approx(10_000)
    assert usage["max_drawdown"] == pytest.approx(0.0)
    assert "max_order_quantity" not in usage  # per-order limit: no standing usage


def test_risk_open_order_accounting_is_incremental_and_consistent():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_POSITION_QUANTITY, 100))
    acct = eng.accounts["ACC1"]
    # a check keyed by client order id, then the order event with the server id
    r = order(qty=60)
    r.client_order_id = "C1"
    assert eng.check(r).approved
    assert acct.open_buy["AAPL.XNAS"] == 60 and acct.open_count == 1
    eng.order_open("O1", "ACC1", "S1", "AAPL.XNAS", BUY, 60, 100.0, client_order_id="C1")
    assert acct.open_buy["AAPL.XNAS"] == 60 and acct.open_count == 1  # not doubled
    assert acct.open_strategy[("S1", "AAPL.XNAS", BUY)] == 60
    eng.apply_fill("F1", "ACC1", "S1", "AAPL.XNAS", BUY, 20, 100.0, order_id="O1")
    # until the order event arrives the filled part counts twice (conservative)
    assert acct.open_buy["AAPL.XNAS"] == 60 and acct.book.qty["AAPL.XNAS"] == 20
    assert not eng.check(order(qty=30)).approved  # 20 + 60 + 30 > 100
    eng.order_open("O1", "ACC1", "S1", "AAPL.XNAS", BUY, 40, 100.0)  # OrderPartiallyFilled
    assert acct.open_buy["AAPL.XNAS"] == 40 and acct.open_margin == pytest.approx(4000)
    eng.apply_fill("F2", "ACC1", "S1", "AAPL.XNAS", BUY, 40, 100.0, order_id="O1")
    eng.order_closed("O1")  # the OrderFilled event
    assert "AAPL.XNAS" not in acct.open_buy and acct.open_count == 0
    assert acct.open_count == 0 and acct.open_margin == pytest.approx(0)
    assert eng.check(order(qty=40)).approved
    assert not eng.check(order(qty=41)).approved


def test_risk_seen_fill_ids_are_bounded():
    from omni_core.clock import SimulatedClock

    eng = RiskEngine(SimulatedClock(), seen_fills_capacity=3)
    for i in range(10):
        eng.apply_fill(f"F{i}", "ACC1", "", "AAPL.XNAS", BUY, 1, 100.0)
    assert list(eng.seen_fills) == ["F7", "F8", "F9"]
    assert eng.accounts["ACC1"].book.qty["AAPL.XNAS"] == 10


async def test_risk_strategy_rate_and_open_order_limits_count_the_strategy_only():
    eng = make_engine()
    eng.set_limits(limit_set("ACC1", "S1", lim(LT.LIMIT_TYPE_MAX_ORDERS_PER_SECOND, 2),
                             lim(LT.LIMIT_TYPE_MAX_OPEN_ORDERS, 1)))
    eng.order_open("X", "ACC1", "S2", "AAPL.XNAS", BUY, 1, 100.0)  # another strategy's order
    assert eng.check(order(qty=1, strategy="S1", order_id="a")).approved
    out = eng.check(order(qty=1, strategy="S1", order_id="b"))
    assert rules(out) == ["max_open_orders"]  # S1 has one open already
    eng.order_closed("a")
    assert eng.check(order(qty=1, strategy="S1", order_id="c")).approved
    eng.order_closed("c")
    assert rules(eng.check(order(qty=1, strategy="S1", order_id="d"))) == [
        "max_orders_per_second"]
    for _ in range(5):  # S2 has no rate limit of its own and is not counted against S1's
        assert eng.check(order(qty=1, strategy="S2")).approved
    await eng.clock.advance(1.1)
    assert eng.check(order(qty=1, strategy="S1", order_id="e")).approved
    usage = {(r.name, sid): v for r, v, sid in eng.usage("ACC1", "S1")}
    assert usage[("max_open_orders", "S1")] == 1.0


def test_risk_contract_multiplier_from_reference_data_wins():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_NOTIONAL, 100_000))
    eng.upsert_instrument(InstrumentInfo("ESZ6.XCME", ct.ASSET_CLASS_FUTURE, "index", 50.0))
    eng.update_price("ESZ6.XCME", 5000.0)
    # one contract = 250k notional, whatever multiplier the request claims
    out = eng.check(order(qty=1, inst="ESZ6.XCME", multiplier=1.0))
    assert rules(out) == ["max_order_notional"] and out.failures[0].observed == 250_000
    eng.update_price("NOREF.XCME", 100.0)  # no reference data: the request's multiplier
    assert rules(eng.check(order(qty=30, inst="NOREF.XCME", multiplier=50.0))) == [
        "max_order_notional"]
    assert eng.check(order(qty=30, inst="NOREF.XCME")).approved
