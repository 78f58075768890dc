"""The hot path composes event payloads from serialized parts (`svc_order_manager.wire`): the
bytes must be exactly what the protobuf constructor + SerializeToString give."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.db import outbox_table
from order_manager_helpers import ACCT, make_db, report, sub
from sqlalchemy import select
from svc_order_manager import wire
from svc_order_manager.clients import ApproveAll
from svc_order_manager.core import OrderManager


def _order(n: int) -> om.Order:
    o = om.Order(order_id="o" * n, client_order_id="é" * n, account_id=ACCT, strategy_id="S",
                 instrument_id=common.InstrumentId(value="AAPL.XNAS"), side=common.SIDE_BUY,
                 quantity=100, limit_price=190.5, status=om.ORDER_STATUS_PENDING,
                 fees=common.Decimal(value="0"))
    o.created_at.FromNanoseconds(1_700_000_000_123_456_789)
    return o


def test_wire_composition_matches_the_constructor():
    for n in (0, 1, 50, 200, 20_000):
        o = _order(n)
        fill = om.Fill(fill_id="f" * n, order_id=o.order_id, quantity=1, price=2)
        for secs, nanos in ((0, 0), (1, 0), (0, 5), (1_700_000_000, 999_999_999)):
            ts = Timestamp(seconds=secs, nanos=nanos)
            tsb = wire.timestamp(secs, nanos)
            assert tsb == ts.SerializeToString()
            for acct in ("", ACCT):
                head = wire.string(1, acct) + wire.ld(2, o.SerializeToString())
                for cls in (ome.OrderSubmitted, ome.OrderAccepted, ome.SubmitOrderCommand):
                    assert head + wire.ld(3, tsb) == cls(
                        account_id=acct, order=o, event_time=ts).SerializeToString()
                for cls in (ome.OrderFilled, ome.OrderPartiallyFilled):
                    assert head + wire.ld(3, fill.SerializeToString()) + wire.ld(4, tsb) == cls(
                        account_id=acct, order=o, fill=fill, event_time=ts).SerializeToString()
                assert (wire.string(1, acct) + wire.ld(2, fill.SerializeToString())
                        + wire.ld(3, tsb)) == ome.FillBooked(
                    account_id=acct, fill=fill, event_time=ts).SerializeToString()


async def test_lifecycle_payloads_parse_as_their_events(sqlite_url):
    db = await make_db("sqlite", sqlite_url, None)
    m = OrderManager(db, ApproveAll())
    await m.start()
    try:
        o = await m.submit(sub("w1", 100))
        await m.on_report(report(o, ome.EXEC_TYPE_NEW))
        await m.on_report(report(o, ome.EXEC_TYPE_FILL, q=100, px=190.0, fid="wf1"))
    finally:
        await m.stop()
    from omni_core.envelope import message_class

    async with db.engine.connect() as c:
        rows = (await c.execute(select(outbox_table).order_by(
            outbox_table.c.created_at, outbox_table.c.id))).all()
    await db.dispose()
    kinds = [r.event_type.rsplit(".", 1)[-1] for r in rows]
    assert kinds == ["OrderSubmitted", "SubmitOrderCommand", "OrderAccepted", "OrderFilled",
                     "FillBooked"]
    evs = [message_class(r.event_type).FromString(r.payload) for r in rows]
    for e in evs:  # a re-serialization gives the stored bytes back
        assert e.account_id == ACCT
    for r, e in zip(rows, evs, strict=True):
        assert e.SerializeToString() == r.payload
    assert evs[0].order.status == om.ORDER_STATUS_PENDING and evs[0].order.algorithm == \
        om.EXECUTION_ALGORITHM_NONE and evs[0].order.fees.value == "0"
    assert evs[1].order == evs[0].order
    assert evs[2].order.status == om.ORDER_STATUS_ACCEPTED
    assert evs[3].order.status == om.ORDER_STATUS_FILLED and evs[3].fill.fill_id == "wf1"
    assert evs[3].fill == evs[4].fill and evs[4].fill.price == 190.0
    assert evs[3].event_time == evs[4].event_time
