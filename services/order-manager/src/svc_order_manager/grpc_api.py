"""OrderManagerService over gRPC: thin translations onto `OrderManager` and `ParentEngine`.
Domain errors raised below (`omni_core.errors`) become their status codes through the kit's
server interceptor: malformed requests INVALID_ARGUMENT, unknown ids NOT_FOUND, a request the
order's state does not allow FAILED_PRECONDITION. Business refusals are not errors: they come
back as REJECTED orders with the reason."""

from __future__ import annotations

from typing import Any

from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni_core.errors import InvalidArgument, NotFound

from .algos import ParentEngine, quality_report
from .core import OrderManager, _sec

FULL_NAME = "omni.order_manager.v1.OrderManagerService"
add_to_server = om_grpc.add_OrderManagerServiceServicer_to_server


class OrderManagerServicer(om_grpc.OrderManagerServiceServicer):
    def __init__(self, mgr: OrderManager, parents: ParentEngine) -> None:
        self.mgr = mgr
        self.parents = parents

    async def SubmitOrder(self, request: om.SubmitOrderRequest, context: Any) -> Any:  # noqa: N802
        return om.SubmitOrderResponse(order=await self.mgr.submit(request))

    async def CancelOrder(self, request: om.CancelOrderRequest, context: Any) -> Any:  # noqa: N802
        return om.CancelOrderResponse(order=await self.mgr.cancel(
            request.account_id, request.order_id, request.client_order_id, request.reason))

    async def ReplaceOrder(self, request: om.ReplaceOrderRequest, context: Any) -> Any:  # noqa: N802
        orig, rep = await self.mgr.replace(request)
        return om.ReplaceOrderResponse(order=orig, replacement=rep)

    async def GetOrder(self, request: om.GetOrderRequest, context: Any) -> Any:  # noqa: N802
        if request.order_id:
            rec = await self.mgr.get(request.order_id)
        elif request.account_id and request.client_order_id:
            rec = await self.mgr.by_client_id(request.account_id, request.client_order_id)
        else:
            raise InvalidArgument("order_id, or account_id with client_order_id, is required")
        if rec is None:
            raise NotFound(f"no order {request.order_id or request.client_order_id}")
        return om.GetOrderResponse(order=self.mgr._copy(rec))

    async def ListOrders(self, request: om.ListOrdersRequest, context: Any) -> Any:  # noqa: N802
        orders, nxt, total = await self.mgr.list_orders(request)
        return om.ListOrdersResponse(orders=orders, page=common.PageResponse(
            next_page_token=nxt, total_size=total))

    async def SubmitParentOrder(self, request: om.SubmitParentOrderRequest, context: Any) -> Any:  # noqa: N802
        return om.SubmitParentOrderResponse(parent_order=await self.parents.submit(request))

    async def GetParentOrder(self, request: om.GetParentOrderRequest, context: Any) -> Any:  # noqa: N802
        if not request.parent_order_id:
            raise InvalidArgument("parent_order_id is required")
        p, _ = await self.parents.get(request.parent_order_id)
        resp = om.GetParentOrderResponse(parent_order=p)
        if request.include_children:
            resp.child_orders.extend(await self.parents.children(request.parent_order_id))
        return resp

    async def CancelParentOrder(self, request: om.CancelParentOrderRequest, context: Any) -> Any:  # noqa: N802
        if not request.parent_order_id:
            raise InvalidArgument("parent_order_id is required")
        return om.CancelParentOrderResponse(parent_order=await self.parents.cancel(
            request.parent_order_id, request.reason or "cancel requested"))

    async def ListFills(self, request: om.ListFillsRequest, context: Any) -> Any:  # noqa: N802
        fills, nxt, total = await self.mgr.list_fills(request)
        return om.ListFillsResponse(fills=fills, page=common.PageResponse(
            next_page_token=nxt, total_size=total))

    async def GetExecutionQuality(  # noqa: N802
        self, request: om.GetExecutionQualityRequest, context: Any
    ) -> Any:
        if not request.order_id:
            raise InvalidArgument("order_id is required")
        try:
            return om.GetExecutionQualityResponse(
                report=await self.parents.quality(request.order_id))
        except NotFound:
            pass
        rec = await self.mgr.get(request.order_id)
        if rec is None:
            raise NotFound(f"no order or parent order {request.order_id}")
        o = rec.order
        fills = await self.mgr.fills_of(order_id=o.order_id)
        start = _sec(o.created_at)
        end = _sec(o.updated_at) if o.status in (5, 7, 9, 10, 11) else self.mgr.clock.time()
        vwap, twap, vol = self.mgr.market.interval_stats(o.instrument_id.value, start, end)
        last = self.mgr.market.mid(o.instrument_id.value)
        rep = quality_report(o.order_id, o.account_id, o.instrument_id, o.side, o.quantity,
                             fills, rec.arrival, vwap, twap, vol, last, start,
                             end if o.status in (5, 7, 9, 10, 11) else 0.0)
        return om.GetExecutionQualityResponse(report=rep)

    async def CancelAllOrders(self, request: om.CancelAllOrdersRequest, context: Any) -> Any:  # noqa: N802
        if not request.account_id:
            raise InvalidArgument("account_id is required")
        ids = await self.mgr.cancel_all(request.account_id, request.strategy_id,
                                        request.instrument_id.value,
                                        request.reason or "cancel all requested")
        return om.CancelAllOrdersResponse(cancelled_order_ids=ids)
