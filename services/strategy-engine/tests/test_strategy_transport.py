"""The live order transport against a gRPC server speaking OrderManagerService: the orders of
one bar are sent side by side, not one round trip after another; a cancel goes only after its
own order's submit was answered (with order-manager's id); an unreachable order-manager
rejects the order back to the runner."""

from __future__ import annotations

import asyncio

from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni_testing.kafka import wait_until
from svc_strategy_engine.live import GrpcOrderTransport
from svc_strategy_engine.model import Order


class HeldOrderManager(om_grpc.OrderManagerServiceServicer):
    """Answers SubmitOrder only once released; records what it saw, in order."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.waiting = 0
        self.most_waiting = 0
        self.calls: list[tuple[str, str]] = []  # (method, client order id or order id)

    async def SubmitOrder(self, request, context):  # noqa: N802
        self.calls.append(("submit", request.client_order_id))
        self.waiting += 1
        self.most_waiting = max(self.most_waiting, self.waiting)
        await self.release.wait()
        self.waiting -= 1
        return om.SubmitOrderResponse(order=om.Order(
            order_id=f"OM-{request.client_order_id}", client_order_id=request.client_order_id,
            status=om.ORDER_STATUS_PENDING))

    async def CancelOrder(self, request, context):  # noqa: N802
        self.calls.append(("cancel", request.order_id))
        return om.CancelOrderResponse()


class Runner:
    """What the transport calls back on the strategy runner."""

    def __init__(self, orders: dict[str, Order]) -> None:
        self.orders = orders
        self.reports: list[tuple[str, int, str]] = []

    def order_id_for_venue(self, venue_order_id: str, client_order_id: str) -> None:
        self.orders[client_order_id].venue_order_id = venue_order_id

    def on_execution(self, report) -> None:
        self.reports.append((report.client_order_id, report.exec_type, report.reason))


def _orders(n: int) -> dict[str, Order]:
    return {f"c{i}": Order(f"c{i}", "s1", "AAA.XNAS", 1, 10.0) for i in range(n)}


async def test_one_bars_orders_go_side_by_side_and_a_cancel_waits_for_its_submit(grpc_server):
    om_svc = HeldOrderManager()
    _, address = await grpc_server((om_grpc.add_OrderManagerServiceServicer_to_server, om_svc,
                                    "omni.order_manager.v1.OrderManagerService"))
    orders = _orders(3)
    runner = Runner(orders)
    transport = GrpcOrderTransport(runner, address, account_of=lambda _s: "acc1")
    transport.start()
    try:
        for o in orders.values():
            transport.submit(o, 0)
        transport.cancel(orders["c0"], 0)
        await wait_until(lambda: om_svc.waiting == 3, timeout=10)
        await asyncio.sleep(0.05)
        assert [c for c in om_svc.calls if c[0] == "cancel"] == []
        om_svc.release.set()
        await wait_until(lambda: transport.in_flight == 0, timeout=10)
    finally:
        await transport.close()
    assert om_svc.most_waiting == 3
    assert om_svc.calls[-1] == ("cancel", "OM-c0")
    assert {c for c in om_svc.calls if c[0] == "submit"} == {("submit", f"c{i}") for i in range(3)}
    assert transport.sent == 3 and transport.failed == 0 and runner.reports == []


async def test_an_unreachable_order_manager_rejects_the_order_to_the_runner(unused_tcp_port):
    orders = _orders(1)
    runner = Runner(orders)
    transport = GrpcOrderTransport(runner, f"127.0.0.1:{unused_tcp_port}",
                                   account_of=lambda _s: "acc1", timeout=0.5)
    transport.start()
    try:
        transport.submit(orders["c0"], 7)
        await wait_until(lambda: runner.reports, timeout=10)
    finally:
        await transport.close()
    (oid, exec_type, reason), = runner.reports
    assert oid == "c0" and exec_type == ome.EXEC_TYPE_REJECTED
    assert reason.startswith("order-manager unreachable")
    assert transport.failed == 1
