"""The gateway's gRPC clients, and the one place gRPC status codes become HTTP statuses.

    INVALID_ARGUMENT, OUT_OF_RANGE      -> 400
    UNAUTHENTICATED                     -> 401
    PERMISSION_DENIED                   -> 403
    NOT_FOUND                           -> 404
    FAILED_PRECONDITION, ALREADY_EXISTS,
    ABORTED                             -> 409
    RESOURCE_EXHAUSTED                  -> 429
    UNAVAILABLE, DEADLINE_EXCEEDED,
    UNIMPLEMENTED, CANCELLED            -> 503 (a dependency is down or not there yet)
    INTERNAL, UNKNOWN, DATA_LOSS, ...   -> 502 (the dependency failed; not the caller's fault)
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import grpc
from omni.analytics.v1 import analytics_service_pb2_grpc as an_grpc
from omni.broker_gateway.v1 import broker_gateway_service_pb2_grpc as bg_grpc
from omni.control_plane.v1 import control_plane_service_pb2_grpc as cp_grpc
from omni.market_data.v1 import market_data_service_pb2_grpc as md_grpc
from omni.orchestrator.v1 import orchestrator_service_pb2_grpc as orch_grpc
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pm_grpc
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rk_grpc
from omni.strategy_engine.v1 import strategy_engine_service_pb2_grpc as se_grpc
from omni_core import catalogue
from omni_core.rpc import SERVING, channel, health_status

__all__ = ["Backends", "ApiError", "STUBS", "status_for", "default_addresses"]

STUBS: dict[str, Any] = {
    "control-plane": cp_grpc.ControlPlaneServiceStub,
    "market-data": md_grpc.MarketDataServiceStub,
    "broker-gateway": bg_grpc.BrokerGatewayServiceStub,
    "order-manager": om_grpc.OrderManagerServiceStub,
    "risk-engine": rk_grpc.RiskEngineServiceStub,
    "portfolio-manager": pm_grpc.PortfolioManagerServiceStub,
    "strategy-engine": se_grpc.StrategyEngineServiceStub,
    "orchestrator": orch_grpc.OrchestratorServiceStub,
    "analytics": an_grpc.AnalyticsServiceStub,
}

_HTTP = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.FAILED_PRECONDITION: 409,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 503,
    grpc.StatusCode.UNIMPLEMENTED: 503,
    grpc.StatusCode.CANCELLED: 503,
}


def status_for(code: grpc.StatusCode) -> int:
    return _HTTP.get(code, 502)


def default_addresses(host: str = "127.0.0.1") -> dict[str, str]:
    return {name: f"{host}:{catalogue.spec(name).grpc_port}" for name in STUBS}


class ApiError(Exception):
    """An error answered as ``{"error": {"status", "code", "message", "service"?, ...}}``."""

    def __init__(self, status: int, code: str, message: str, *, service: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.service = status, code, message, service
        self.headers = headers
        self.extra = extra

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.service:
            err["service"] = self.service
        err.update(self.extra)
        return {"error": err}

    @classmethod
    def from_rpc(cls, service: str, exc: grpc.aio.AioRpcError) -> ApiError:
        code = exc.code()
        status = status_for(code)
        if status == 503:
            msg = (f"{service} does not implement this call yet"
                   if code == grpc.StatusCode.UNIMPLEMENTED else f"{service} is unavailable")
        else:
            msg = exc.details() or code.name
        return cls(status, code.name, msg, service=service)


class Backends:
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

    async def call(self, service: str, method: str, request: Any, *,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109 (gRPC deadline)
        fn = getattr(self.stub(service), method)
        try:
            if timeout is not None:
                return await fn(request, timeout=timeout)
            return await fn(request)
        except grpc.aio.AioRpcError as exc:
            raise ApiError.from_rpc(service, exc) from None

    async def soft(self, service: str, method: str, request: Any, **kw: Any
                   ) -> tuple[Any, dict[str, Any] | None]:
        """(response, None) or (None, the error body) -- for views that show what they can."""
        try:
            return await self.call(service, method, request, **kw), None
        except ApiError as exc:
            return None, exc.body()["error"]

    async def probe(self, service: str) -> bool:
        self.stub(service)
        status = await health_status(self.addresses[service],
                                     catalogue.spec(service).grpc_service,
                                     timeout=min(self.timeout, 1.0),
                                     ch=self._channels[service])
        return status == SERVING

    async def probe_all(self) -> dict[str, bool]:
        names = list(self.addresses)
        res = await asyncio.gather(*(self.probe(n) for n in names), return_exceptions=True)
        return {n: r is True for n, r in zip(names, res, strict=True)}

    async def close(self) -> None:
        for ch in self._channels.values():
            with contextlib.suppress(Exception):
                await ch.close()
        self._channels.clear()
        self._stubs.clear()
