"""Event handling of the runtime without a broker: bad events are ignored, never a crash."""

from __future__ import annotations

import math

from omni.common.v1 import types_pb2 as ct
from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import order_manager_service_pb2 as om_pb
from risk_helpers import make_engine
from svc_risk_engine.servicer import RiskRuntime


def runtime():
    eng = make_engine()
    published = []
    return RiskRuntime(eng, None, lambda t, k, e: published.append((t, k, e))), published


def fill(**kw):
    f = om_pb.Fill(fill_id=kw.pop("fill_id", "F1"), account_id="ACC1", strategy_id="S1",
                   side=kw.pop("side", ct.SIDE_BUY), quantity=kw.pop("quantity", 10.0),
                   price=kw.pop("price", 100.0))
    f.instrument_id.value = kw.pop("inst", "AAPL.XNAS")
    f.fee.value = kw.pop("fee", "0.5")
    return f


async def test_risk_runtime_ignores_unusable_fills():
    rt, _ = runtime()
    for bad in (fill(quantity=math.nan), fill(quantity=-1.0), fill(price=math.inf),
                fill(price=0.0), fill(side=ct.SIDE_UNSPECIFIED), fill(inst="")):
        await rt.on_fill("ACC1", bad)
    assert "AAPL.XNAS" not in rt.engine.accounts["ACC1"].book.qty
    await rt.on_fill("ACC1", fill(fee="not-a-number"))
    await rt.on_fill("ACC1", fill())  # duplicate id
    assert rt.engine.accounts["ACC1"].book.qty["AAPL.XNAS"] == 10.0
    assert rt.engine.accounts["ACC1"].cash_flow == -1000.0  # unparsable fee counted as 0


def test_risk_runtime_prices_and_bars_reject_non_finite():
    rt, _ = runtime()
    rt.on_price("AAPL.XNAS", math.nan)
    rt.on_price("AAPL.XNAS", -5.0)
    assert rt.engine.last_price["AAPL.XNAS"] == 100.0
    bar = md.Bar(timeframe="1d", close=math.inf)
    bar.instrument_id.value = "AAPL.XNAS"
    rt.on_bar(bar)
    assert rt.engine.last_price["AAPL.XNAS"] == 100.0
    assert not rt.history.closes.get("AAPL.XNAS")


def test_risk_runtime_order_events_track_open_orders():
    rt, _ = runtime()
    o = om_pb.Order(order_id="O1", client_order_id="C1", account_id="ACC1", strategy_id="S1",
                    side=ct.SIDE_SELL, quantity=30, limit_price=101.0)
    o.instrument_id.value = "AAPL.XNAS"
    rt.on_order(o, True)
    acct = rt.engine.accounts["ACC1"]
    assert acct.open_sell["AAPL.XNAS"] == 30 and acct.open_count == 1
    o.filled_quantity = 10
    o.leaves_quantity = 20
    rt.on_order(o, True)
    assert acct.open_sell["AAPL.XNAS"] == 20 and acct.open_count == 1
    rt.on_order(o, False)
    assert acct.open_count == 0 and not acct.open_sell
