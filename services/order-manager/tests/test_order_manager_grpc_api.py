"""The gRPC contract through the kit's server (interceptors, error mapping): parent orders,
children, cancel-all, execution quality, fills, status codes."""

from __future__ import annotations

import grpc
import pytest
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni_core.clock import SimulatedClock
from omni_core.rpc import channel
from omni_testing.kafka import wait_until
from order_manager_helpers import AAPL, ACCT, T0, make_db, report, sub
from svc_order_manager.algos import AlgoDefaults, ParentEngine
from svc_order_manager.clients import ApproveAll
from svc_order_manager.core import OrderManager
from svc_order_manager.grpc_api import FULL_NAME, OrderManagerServicer, add_to_server
from svc_order_manager.state import S
from test_order_manager_algos import parent_req


@pytest.fixture
async def api(grpc_server, sqlite_url):
    db = await make_db("sqlite", sqlite_url, None)
    clock = SimulatedClock(T0)
    m = OrderManager(db, ApproveAll(), clock=clock)
    m.market.quote(AAPL, 99.99, 100.01, clock.time())
    eng = ParentEngine(m, defaults=AlgoDefaults(lots={AAPL: 1}))
    await m.start()
    await eng.start()
    _, address = await grpc_server((add_to_server, OrderManagerServicer(m, eng), FULL_NAME))
    async with channel(address) as ch:
        yield om_grpc.OrderManagerServiceStub(ch), m, eng, clock
    await eng.stop()
    await m.stop()
    await db.dispose()


async def test_parent_orders_over_grpc(api):
    stub, m, eng, clock = api
    p = (await stub.SubmitParentOrder(parent_req("g-p", 400, om.EXECUTION_ALGORITHM_TWAP))
         ).parent_order
    assert p.status == om.PARENT_ORDER_STATUS_WORKING and p.slices_planned == 4
    again = (await stub.SubmitParentOrder(parent_req("g-p", 400, om.EXECUTION_ALGORITHM_TWAP))
             ).parent_order
    assert again.parent_order_id == p.parent_order_id  # idempotent by client order id
    await wait_until(lambda: len([r for r in m.orders.values()
                                  if r.order.parent_order_id == p.parent_order_id]) == 1, 10)
    got = await stub.GetParentOrder(om.GetParentOrderRequest(
        parent_order_id=p.parent_order_id, include_children=True))
    assert [c.client_order_id for c in got.child_orders] == [f"{p.parent_order_id}:0"]
    assert got.parent_order.working_quantity == 100
    child = got.child_orders[0]
    await m.on_report(report(child, ome.EXEC_TYPE_NEW))
    await m.on_report(report(child, ome.EXEC_TYPE_FILL, q=100, px=100.03, fid="gf"))
    fills = (await stub.ListFills(om.ListFillsRequest(order_id=p.parent_order_id))).fills
    assert [f.parent_order_id for f in fills] == [p.parent_order_id]
    tca = (await stub.GetExecutionQuality(om.GetExecutionQualityRequest(
        order_id=p.parent_order_id))).report
    assert tca.filled_quantity == 100 and tca.arrival_slippage_bps == pytest.approx(3.0)
    assert tca.fill_ratio == 0.25
    c = (await stub.CancelParentOrder(om.CancelParentOrderRequest(
        parent_order_id=p.parent_order_id, reason="enough"))).parent_order
    assert c.status == om.PARENT_ORDER_STATUS_CANCELLED and c.reason == "enough"
    await clock.advance(300)
    got = await stub.GetParentOrder(om.GetParentOrderRequest(
        parent_order_id=p.parent_order_id, include_children=True))
    assert len(got.child_orders) == 1  # nothing sent after the cancel


async def test_cancel_all_and_status_codes(api):
    stub, m, _, _ = api
    ids = []
    for i, inst in enumerate((AAPL, AAPL, "MSFT.XNAS")):
        o = (await stub.SubmitOrder(sub(f"ca-{i}", 10, inst=inst, otype=common.ORDER_TYPE_LIMIT,
                                        limit=90.0))).order
        await m.on_report(report(o, ome.EXEC_TYPE_NEW))
        ids.append(o.order_id)
    resp = await stub.CancelAllOrders(om.CancelAllOrdersRequest(
        account_id=ACCT, instrument_id=common.InstrumentId(value=AAPL), reason="flat"))
    assert sorted(resp.cancelled_order_ids) == sorted(ids[:2])
    o = (await stub.GetOrder(om.GetOrderRequest(account_id=ACCT, client_order_id="ca-2"))).order
    assert o.status == S.ACCEPTED
    listed = (await stub.ListOrders(om.ListOrdersRequest(
        account_id=ACCT, statuses=[S.PENDING_CANCEL]))).orders
    assert sorted(x.order_id for x in listed) == sorted(ids[:2])
    bad = [
        (stub.CancelAllOrders, om.CancelAllOrdersRequest(), grpc.StatusCode.INVALID_ARGUMENT),
        (stub.GetOrder, om.GetOrderRequest(), grpc.StatusCode.INVALID_ARGUMENT),
        (stub.CancelOrder, om.CancelOrderRequest(account_id=ACCT, order_id="nope"),
         grpc.StatusCode.NOT_FOUND),
        (stub.GetParentOrder, om.GetParentOrderRequest(parent_order_id="nope"),
         grpc.StatusCode.NOT_FOUND),
        (stub.GetExecutionQuality, om.GetExecutionQualityRequest(order_id="nope"),
         grpc.StatusCode.NOT_FOUND),
        (stub.ReplaceOrder, om.ReplaceOrderRequest(account_id=ACCT, order_id=ids[0],
                                                   quantity=float("inf")),
         grpc.StatusCode.INVALID_ARGUMENT),
        (stub.ReplaceOrder, om.ReplaceOrderRequest(account_id=ACCT, order_id=ids[0],
                                                   quantity=20),
         grpc.StatusCode.FAILED_PRECONDITION),
        (stub.SubmitParentOrder, parent_req("x", 10, om.EXECUTION_ALGORITHM_UNSPECIFIED),
         grpc.StatusCode.INVALID_ARGUMENT),
        (stub.ListOrders, om.ListOrdersRequest(page=common.PageRequest(page_token="zz")),
         grpc.StatusCode.INVALID_ARGUMENT),
    ]
    for fn, req, code in bad:
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await fn(req)
        assert err.value.code() == code, (req, err.value.details())
