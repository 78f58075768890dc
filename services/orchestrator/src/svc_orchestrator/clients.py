"""gRPC clients of the services the orchestrator drives, with one error rule: a service that
cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED, UNIMPLEMENTED) becomes `Unavailable` naming
it; any other status keeps its code and message (as the kit's domain error), so callers see
NOT_FOUND / FAILED_PRECONDITION / INVALID_ARGUMENT from downstream unchanged."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable
from typing import Any, TypeVar

import grpc
from omni.analytics.v1 import analytics_service_pb2_grpc as an_grpc
from omni.broker_gateway.v1 import broker_gateway_service_pb2_grpc as bg_grpc
from omni.control_plane.v1 import control_plane_service_pb2_grpc as cp_grpc
from omni.market_data.v1 import market_data_service_pb2_grpc as md_grpc
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pm_grpc
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rk_grpc
from omni.strategy_engine.v1 import strategy_engine_service_pb2_grpc as se_grpc
from omni_core import catalogue
from omni_core import errors as E
from omni_core.rpc import SERVING, channel, health_status

__all__ = ["Downstream", "DOWNSTREAM", "default_addresses", "rpc_error"]

T = TypeVar("T")

STUBS: dict[str, Any] = {
    "control-plane": cp_grpc.ControlPlaneServiceStub,
    "market-data": md_grpc.MarketDataServiceStub,
    "broker-gateway": bg_grpc.BrokerGatewayServiceStub,
    "order-manager": om_grpc.OrderManagerServiceStub,
    "risk-engine": rk_grpc.RiskEngineServiceStub,
    "portfolio-manager": pm_grpc.PortfolioManagerServiceStub,
    "strategy-engine": se_grpc.StrategyEngineServiceStub,
    "analytics": an_grpc.AnalyticsServiceStub,
}
DOWNSTREAM = tuple(STUBS)

_DOWN = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
         grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.CANCELLED}
_BY_CODE: dict[grpc.StatusCode, type[E.OmniError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: E.InvalidArgument,
    grpc.StatusCode.OUT_OF_RANGE: E.InvalidArgument,
    grpc.StatusCode.NOT_FOUND: E.NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: E.FailedPrecondition,
    grpc.StatusCode.ALREADY_EXISTS: E.AlreadyExists,
    grpc.StatusCode.PERMISSION_DENIED: E.PermissionDenied,
    grpc.StatusCode.UNAUTHENTICATED: E.Unauthenticated,
    grpc.StatusCode.RESOURCE_EXHAUSTED: E.ResourceExhausted,
}


def default_addresses(host: str = "127.0.0.1") -> dict[str, str]:
    """The embedded fleet's addresses (catalogue ports)."""
    return {name: f"{host}:{catalogue.spec(name).grpc_port}" for name in STUBS}


def rpc_error(service: str, exc: grpc.aio.AioRpcError) -> E.OmniError:
    code = exc.code()
    if code in _DOWN:
        what = "does not implement this call" if code == grpc.StatusCode.UNIMPLEMENTED else (
            "unavailable")
        return E.Unavailable(f"{service} {what}")
    cls = _BY_CODE.get(code)
    if cls is None:
        return E.Unavailable(f"{service} failed: {code.name}")
    err = cls(exc.details() or code.name)
    err.details["service"] = service
    return err


class Downstream:
    """Channels and stubs to the services (created lazily, one channel per service)."""

    def __init__(self, addresses: dict[str, str] | None = None, *, timeout: float = 5.0) -> None:
        self.addresses = {**default_addresses(), **(addresses or {})}
        self.timeout = timeout
        self._channels: dict[str, grpc.aio.Channel] = {}
        self._stubs: dict[str, Any] = {}

    def stub(self, service: str) -> Any:
        if service not in self._stubs:
            ch = channel(self.addresses[service], default_timeout=self.timeout)
            self._channels[service] = ch
            self._stubs[service] = STUBS[service](ch)
        return self._stubs[service]

    async def call(self, service: str, method: str, request: Any,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109 (gRPC deadline)
        """``await stub.<method>(request)`` with the error rule of this module."""
        fn = getattr(self.stub(service), method)
        try:
            if timeout is not None:
                return await fn(request, timeout=timeout)
            return await fn(request)
        except grpc.aio.AioRpcError as exc:
            raise rpc_error(service, exc) from None

    async def healthy(self, service: str) -> bool:
        """gRPC health of the service's own gRPC service name is SERVING."""
        self.stub(service)
        status = await health_status(self.addresses[service],
                                     catalogue.spec(service).grpc_service,
                                     timeout=min(self.timeout, 2.0),
                                     ch=self._channels[service])
        return status == SERVING

    async def close(self) -> None:
        for ch in self._channels.values():
            with contextlib.suppress(Exception):
                await ch.close()
        self._channels.clear()
        self._stubs.clear()


async def soft(aw: Awaitable[T]) -> tuple[T | None, E.OmniError | None]:
    """(result, None) or (None, the domain error)."""
    try:
        return await aw, None
    except E.OmniError as exc:
        return None, exc
