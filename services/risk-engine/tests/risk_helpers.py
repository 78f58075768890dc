"""Builders shared by the risk-engine tests."""

from __future__ import annotations

from datetime import UTC, datetime

from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni_core.clock import SimulatedClock
from svc_risk_engine.engine import InstrumentInfo, RiskEngine

LT = pb.LimitType


def lim(type_, threshold, *, action=pb.BREACH_ACTION_REJECT, instrument="", sector="",
        warn_at=0.0, enabled=True):
    m = pb.Limit(type=type_, warn_at=warn_at, action=action, enabled=enabled, sector=sector)
    m.threshold.value = str(threshold)
    if instrument:
        m.instrument_id.value = instrument
    return m


def limit_set(account="ACC1", strategy="", *limits):
    return pb.LimitSet(account_id=account, strategy_id=strategy, limits=list(limits))


def order(qty=10.0, side=ct.SIDE_BUY, inst="AAPL.XNAS", account="ACC1", strategy="S1",
          order_type=ct.ORDER_TYPE_MARKET, limit_price=0.0, stop_price=0.0, reference=0.0,
          order_id="", multiplier=0.0):
    r = pb.CheckOrderRequest(
        account_id=account, strategy_id=strategy, side=side, order_type=order_type,
        quantity=qty, limit_price=limit_price, stop_price=stop_price,
        reference_price=reference, order_id=order_id, multiplier=multiplier,
    )
    r.instrument_id.value = inst
    return r


def account(account_id="ACC1", equity="1000000", margin_rate=1.0):
    a = pb.RiskAccount(account_id=account_id, currency="USD", initial_margin_rate=margin_rate)
    a.starting_equity.value = equity
    return a


def make_engine(*limits, equity="1000000", clock=None, margin_rate=1.0):
    clock = clock or SimulatedClock(datetime(2024, 5, 6, 14, 30, tzinfo=UTC))
    eng = RiskEngine(clock)
    eng.set_account(account(equity=equity, margin_rate=margin_rate))
    eng.set_limits(limit_set("ACC1", "", *limits))
    for inst, sector, px in (("AAPL.XNAS", "tech", 100.0), ("MSFT.XNAS", "tech", 200.0),
                             ("XOM.XNYS", "energy", 50.0)):
        eng.upsert_instrument(InstrumentInfo(inst, ct.ASSET_CLASS_EQUITY, sector, 1.0, "USD"))
        eng.update_price(inst, px)
    return eng


_fid = [0]


def fill(eng, qty, side=ct.SIDE_BUY, inst="AAPL.XNAS", price=None, strategy="S1",
         account="ACC1", fill_id=None):
    _fid[0] += 1
    return eng.apply_fill(fill_id or f"F{_fid[0]}", account, strategy, inst, side, qty,
                          price if price is not None else eng.last_price[inst])


def rules(outcome):
    return sorted(f.rule for f in outcome.failures)
