"""Kill-switch states and breach-driven transitions on the engine."""

from __future__ import annotations

import pytest
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from risk_helpers import LT, fill, lim, limit_set, make_engine, order, rules
from svc_risk_engine.engine import InvalidOrder

BUY, SELL = ct.SIDE_BUY, ct.SIDE_SELL
ACTIVE, REDUCING, HALTED = (pb.KILL_SWITCH_STATE_ACTIVE, pb.KILL_SWITCH_STATE_REDUCING,
                            pb.KILL_SWITCH_STATE_HALTED)


def test_risk_kill_switch_active_by_default():
    eng = make_engine()
    assert eng.effective_state("ACC1") == ACTIVE
    out = eng.check(order())
    assert out.approved and out.state == ACTIVE


def test_risk_kill_switch_halted_refuses_everything_and_asks_for_cancels():
    eng = make_engine()
    seen = []
    eng.on_kill_switch(seen.append)
    fill(eng, 100)
    rec = eng.set_kill_switch("ACC1", HALTED, "alice", "venue outage")
    assert rec.cancel_open_orders and rec.previous_state == ACTIVE
    assert seen == [rec] and seen[0].actor == "alice" and seen[0].reason == "venue outage"
    for o in (order(), order(side=SELL, qty=10), order(inst="MSFT.XNAS")):
        out = eng.check(o)
        assert not out.approved and rules(out) == ["kill_switch"] and out.state == HALTED


def test_risk_kill_switch_reducing_lets_only_reducing_orders_through():
    eng = make_engine()
    fill(eng, 100)  # long 100 AAPL
    fill(eng, 50, side=SELL, inst="MSFT.XNAS")  # short 50 MSFT
    eng.set_kill_switch("ACC1", REDUCING, "bob", "drawdown review")
    assert eng.check(order(qty=40, side=SELL, order_id="r1")).approved  # reduces the long
    assert eng.check(order(qty=100, side=SELL, order_id="x")).approved is False  # 40 pending
    eng.order_closed("x")
    assert eng.check(order(qty=50, inst="MSFT.XNAS")).approved  # covers the short
    out = eng.check(order(qty=1))  # adds to the long
    assert rules(out) == ["kill_switch"] and out.state == REDUCING
    assert rules(eng.check(order(qty=1, inst="XOM.XNYS"))) == ["kill_switch"]  # new position
    eng2 = make_engine()
    fill(eng2, 100)
    eng2.set_kill_switch("ACC1", REDUCING, "bob", "x")
    assert rules(eng2.check(order(qty=150, side=SELL))) == ["kill_switch"]  # flips short
    assert eng2.check(order(qty=100, side=SELL)).approved  # exactly flat
    eng2.set_kill_switch("ACC1", ACTIVE, "bob", "review done")
    assert eng2.check(order(qty=1)).approved


def test_risk_global_switch_overrides_accounts():
    eng = make_engine()
    eng.set_kill_switch("", HALTED, "ops", "market-wide halt")
    assert eng.effective_state("ACC1") == HALTED
    assert rules(eng.check(order())) == ["kill_switch"]
    eng.set_kill_switch("", ACTIVE, "ops", "resumed")
    eng.set_kill_switch("ACC1", REDUCING, "ops", "account only")
    assert eng.effective_state("ACC1") == REDUCING
    assert eng.effective_state("OTHER") == ACTIVE


def test_risk_kill_switch_rejects_unspecified_state():
    eng = make_engine()
    with pytest.raises(InvalidOrder):
        eng.set_kill_switch("ACC1", pb.KILL_SWITCH_STATE_UNSPECIFIED, "x", "y")


def test_risk_pre_trade_breach_with_halt_action_trips_the_switch():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_ORDER_NOTIONAL, 1_000_000,
                          action=pb.BREACH_ACTION_HALT))
    seen = []
    eng.on_kill_switch(seen.append)
    out = eng.check(order(qty=100_000))  # 10m: a fat finger
    assert not out.approved and out.state == HALTED
    assert seen and seen[0].actor == "risk-engine" and "max_order_notional" in seen[0].reason


async def test_risk_drawdown_breach_switches_to_reducing():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_DRAWDOWN, 0.05, action=pb.BREACH_ACTION_REDUCE,
                          warn_at=0.5), equity="100000")
    breaches, switches = [], []
    eng.on_breach(breaches.append)
    eng.on_kill_switch(switches.append)
    fill(eng, 500)  # 50k AAPL at 100
    eng.evaluate("ACC1")
    eng.update_price("AAPL.XNAS", 94.0)  # -3k = 3% drawdown: a warning (>= 50% of 5%)
    out = eng.evaluate("ACC1")
    assert [b.warning for b in out] == [True]
    eng.update_price("AAPL.XNAS", 89.0)  # -5.5k = 5.5% drawdown: breach
    out = eng.evaluate("ACC1")
    assert len(out) == 1 and not out[0].warning
    assert out[0].action_taken == pb.BREACH_ACTION_REDUCE
    assert out[0].current == pytest.approx(0.055)
    assert eng.effective_state("ACC1") == REDUCING
    assert switches[-1].state == REDUCING and "max_drawdown" in switches[-1].reason
    # a breach is reported once, not on every evaluation
    assert eng.evaluate("ACC1") == []
    assert eng.check(order(qty=100, side=SELL)).approved
    assert not eng.check(order(qty=1)).approved


async def test_risk_daily_loss_with_reject_blocks_new_exposure_until_recovered():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_DAILY_LOSS, 2000), equity="100000")
    fill(eng, 500)
    eng.evaluate("ACC1")
    eng.update_price("AAPL.XNAS", 95.0)  # -2.5k today
    eng.evaluate("ACC1")
    assert eng.effective_state("ACC1") == ACTIVE  # REJECT does not touch the switch
    assert rules(eng.check(order(qty=1, inst="MSFT.XNAS"))) == ["max_daily_loss"]
    assert eng.check(order(qty=100, side=SELL)).approved
    eng.update_price("AAPL.XNAS", 99.0)
    eng.evaluate("ACC1")
    assert eng.check(order(qty=1, inst="MSFT.XNAS")).approved
    # a new UTC day starts a new daily P&L
    eng.update_price("AAPL.XNAS", 95.0)
    eng.evaluate("ACC1")
    assert not eng.check(order(qty=1, inst="MSFT.XNAS")).approved
    await eng.clock.advance(86_400)
    eng.evaluate("ACC1")
    assert eng.check(order(qty=1, inst="MSFT.XNAS")).approved


def test_risk_monthly_and_daily_drawdown_and_var_limits_halt():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_MONTHLY_DRAWDOWN, 0.10, action=pb.BREACH_ACTION_HALT),
                      lim(LT.LIMIT_TYPE_MAX_DAILY_DRAWDOWN, 0.08, action=pb.BREACH_ACTION_REDUCE),
                      equity="100000")
    fill(eng, 1000)
    eng.evaluate("ACC1")
    eng.update_price("AAPL.XNAS", 91.0)  # 9% down today and this month
    eng.evaluate("ACC1")
    assert eng.effective_state("ACC1") == REDUCING
    eng.update_price("AAPL.XNAS", 89.0)
    eng.evaluate("ACC1")
    assert eng.effective_state("ACC1") == HALTED
    eng2 = make_engine(lim(LT.LIMIT_TYPE_MAX_VAR, 5000, action=pb.BREACH_ACTION_HALT))
    eng2.accounts["ACC1"].last_var = 6000.0
    eng2.evaluate("ACC1")
    assert eng2.effective_state("ACC1") == HALTED


def test_risk_exposure_breach_from_price_moves_warns():
    eng = make_engine(lim(LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE, 10_000,
                          action=pb.BREACH_ACTION_WARN))
    fill(eng, 90)
    eng.evaluate("ACC1")
    eng.update_price("AAPL.XNAS", 120.0)
    out = eng.evaluate("ACC1")
    assert len(out) == 1 and out[0].rule.type == LT.LIMIT_TYPE_MAX_GROSS_EXPOSURE
    assert eng.effective_state("ACC1") == ACTIVE


def test_risk_limits_set_per_strategy_do_not_need_account_limits():
    eng = make_engine()
    eng.set_limits(limit_set("ACC2", "S9", lim(LT.LIMIT_TYPE_MAX_ORDER_QUANTITY, 1)))
    assert rules(eng.check(order(account="ACC2", strategy="S9", qty=2))) == [
        "max_order_quantity"]
    assert eng.check(order(account="ACC2", strategy="S8", qty=2)).approved
