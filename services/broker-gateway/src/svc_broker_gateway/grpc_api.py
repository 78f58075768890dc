"""BrokerGatewayService over gRPC: thin translations onto the Gateway."""

from __future__ import annotations

import grpc
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as bg
from omni.broker_gateway.v1 import broker_gateway_service_pb2_grpc as bg_grpc
from omni.common.v1 import types_pb2 as common
from omni_core.errors import InvalidArgument, NotFound, OmniError, Unavailable, status_code_for

from .gateway import Gateway, InvalidOrder, UnknownVenue
from .routing import NoRoute
from .venues.base import VenueError

FULL_NAME = "omni.broker_gateway.v1.BrokerGatewayService"
_SIDES = {common.SIDE_BUY: "buy", common.SIDE_SELL: "sell"}


def _page(req_page: common.PageRequest) -> tuple[int, int]:
    size = req_page.page_size if req_page.page_size > 0 else 100
    size = min(size, 1000)
    try:
        offset = int(req_page.page_token) if req_page.page_token else 0
    except ValueError:
        raise InvalidArgument(f"bad page_token {req_page.page_token!r}") from None
    if offset < 0:
        raise InvalidArgument("bad page_token")
    return size, offset


async def _guard(context: grpc.aio.ServicerContext, coro):
    """Run one RPC; domain errors become the gRPC status their class names."""
    try:
        return await coro
    except UnknownVenue as exc:
        err: OmniError = NotFound(f"unknown venue {exc.args[0]}")
    except (InvalidOrder, ValueError) as exc:
        err = InvalidArgument(str(exc))
    except NoRoute as exc:
        err = Unavailable(str(exc))
    except VenueError as exc:
        err = Unavailable(str(exc))
    except OmniError as exc:
        err = exc
    await context.abort(status_code_for(err), str(err))


class BrokerGatewayServicer(bg_grpc.BrokerGatewayServiceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    async def ListVenues(self, request, context):
        return bg.ListVenuesResponse(venues=[self.gw.venue_proto(n) for n in sorted(self.gw.slots)])

    async def GetVenueStatus(self, request, context):
        async def run():
            return bg.GetVenueStatusResponse(venue=self.gw.venue_proto(request.venue))

        return await _guard(context, run())

    async def GetRoute(self, request, context):
        async def run():
            side = _SIDES.get(request.side)
            if side is None:
                raise InvalidArgument("side must be SIDE_BUY or SIDE_SELL")
            if not request.quantity > 0:
                raise InvalidArgument("quantity must be positive")
            inst = request.instrument_id.value
            if not any(s.venue.spec(inst) for s in self.gw.slots.values()):
                raise InvalidArgument(f"unknown instrument {inst}")
            limit = request.limit_price or None
            if (
                request.order_type in (common.ORDER_TYPE_LIMIT, common.ORDER_TYPE_STOP_LIMIT)
                and not limit
            ):
                raise InvalidArgument("limit price required for a limit order")
            route = await self.gw.compute_route(inst, side, request.quantity, limit)
            return bg.GetRouteResponse(decision=self.gw.route_proto(route, inst))

        return await _guard(context, run())

    async def ListRouteDecisions(self, request, context):
        async def run():
            size, offset = _page(request.page)
            payloads, n = await self.gw.store.list_routes(
                request.order_id, request.account_id, size, offset
            )
            more = n > size
            return bg.ListRouteDecisionsResponse(
                decisions=[bg.RouteDecision.FromString(p) for p in payloads],
                page=common.PageResponse(next_page_token=str(offset + size) if more else ""),
            )

        return await _guard(context, run())

    async def Reconcile(self, request, context):
        return await _guard(context, self.gw.reconcile(request.venue, trigger="on_demand"))

    async def ListVenueOrders(self, request, context):
        async def run():
            size, offset = _page(request.page)
            orders = await self.gw.venue_orders(request.venue, request.open_only)
            chunk = orders[offset : offset + size]
            more = offset + size < len(orders)
            return bg.ListVenueOrdersResponse(
                orders=chunk,
                page=common.PageResponse(
                    next_page_token=str(offset + size) if more else "", total_size=len(orders)
                ),
            )

        return await _guard(context, run())

    async def GetPositions(self, request, context):
        async def run():
            slot = self.gw.slot(request.venue)
            got = await self.gw._venue_call(slot, slot.venue.positions)
            return bg.GetPositionsResponse(
                positions=[
                    bg.Position(
                        venue=request.venue,
                        instrument_id=common.InstrumentId(value=p.instrument_id),
                        quantity=p.quantity,
                        average_price=p.average_price,
                    )
                    for p in got
                ]
            )

        return await _guard(context, run())

    async def SetVenueEnabled(self, request, context):
        async def run():
            return bg.SetVenueEnabledResponse(
                venue=await self.gw.set_enabled(request.venue, request.enabled, request.reason)
            )

        return await _guard(context, run())


def add_to_server(servicer: BrokerGatewayServicer, server: grpc.aio.Server) -> None:
    bg_grpc.add_BrokerGatewayServiceServicer_to_server(servicer, server)
