"""ServiceClients: catalogue stubs, one error rule for downstream failures, health probes."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core import errors
from omni_core.clients import ServiceClients, stub_class
from omni_core.rpc import RpcServer

FULL_NAME = "omni.order_manager.v1.OrderManagerService"


class Orders(om_grpc.OrderManagerServiceServicer):
    async def GetOrder(self, request, context):
        if request.order_id == "o-1":
            return om.GetOrderResponse()
        raise errors.NotFound(f"no such order: {request.order_id}")


@pytest.fixture
async def order_manager():
    server = RpcServer("order-manager", host="127.0.0.1", port=0)
    server.add_servicer(om_grpc.add_OrderManagerServiceServicer_to_server, Orders(), FULL_NAME)
    await server.start()
    yield server
    await server.stop(grace=0)


def test_stub_class_comes_from_the_catalogue_contract():
    assert stub_class("order-manager") is om_grpc.OrderManagerServiceStub


async def test_calls_pass_and_downstream_errors_keep_their_code(order_manager):
    clients = ServiceClients(["order-manager"], {"order-manager": order_manager.address})
    try:
        assert isinstance(await clients.call("order-manager", "GetOrder",
                                             om.GetOrderRequest(order_id="o-1")),
                          om.GetOrderResponse)
        with pytest.raises(errors.NotFound) as err:
            await clients.call("order-manager", "GetOrder", om.GetOrderRequest(order_id="o-9"))
        assert err.value.message == "no such order: o-9"
        assert err.value.details == {"service": "order-manager", "grpc_code": "NOT_FOUND"}
        with pytest.raises(errors.Unavailable, match="order-manager does not implement"):
            await clients.call("order-manager", "ListFills", om.ListFillsRequest())
        assert not await clients.healthy("order-manager")
        await order_manager.set_serving(True)
        assert await clients.healthy_all() == {"order-manager": True}
    finally:
        await clients.close()


async def test_an_unreachable_service_is_named():
    clients = ServiceClients(["risk-engine"], {"risk-engine": "127.0.0.1:1"}, timeout=0.5)
    try:
        with pytest.raises(errors.Unavailable, match="risk-engine is unavailable") as err:
            await clients.call("risk-engine", "GetKillSwitch", rk.GetKillSwitchRequest())
        assert err.value.details["service"] == "risk-engine"
        assert await clients.healthy_all() == {"risk-engine": False}
    finally:
        await clients.close()


async def test_connect_opens_the_channel_before_the_first_call(order_manager):
    clients = ServiceClients(["order-manager"], {"order-manager": order_manager.address})
    try:
        clients.connect()
        ch = clients._channels["order-manager"]
        async with asyncio.timeout(10):
            while ch.get_state() != grpc.ChannelConnectivity.READY:
                await ch.wait_for_state_change(ch.get_state())
        assert isinstance(await clients.call("order-manager", "GetOrder",
                                             om.GetOrderRequest(order_id="o-1")),
                          om.GetOrderResponse)
    finally:
        await clients.close()


async def test_connect_to_a_service_that_is_down_does_not_raise():
    clients = ServiceClients(["risk-engine"], {"risk-engine": "127.0.0.1:1"}, timeout=0.5)
    try:
        clients.connect("risk-engine")
        with pytest.raises(errors.Unavailable, match="risk-engine is unavailable"):
            await clients.call("risk-engine", "GetKillSwitch", rk.GetKillSwitchRequest())
    finally:
        await clients.close()
