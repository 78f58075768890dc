"""gRPC clients of the fleet's services, by catalogue name.

    clients = ServiceClients(["order-manager", "risk-engine"], addresses)
    order = await clients.call("order-manager", "GetOrder", GetOrderRequest(order_id=...))

Stubs come from the generated code of each service's contract (``omni.<domain>.v1``), one
channel per service, created on first use. One error rule: a service that cannot be reached
(UNAVAILABLE, DEADLINE_EXCEEDED, UNIMPLEMENTED, CANCELLED) raises `Unavailable` naming it; any
other status raises the kit's domain error with the same code and message, so a caller's own
callers see NOT_FOUND / FAILED_PRECONDITION / INVALID_ARGUMENT from downstream unchanged. The
original status name is kept in ``error.details["grpc_code"]`` and the service in
``error.details["service"]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Iterable
from typing import Any

import grpc

from omni_core import catalogue
from omni_core import errors as E
from omni_core.rpc import SERVING, channel, health_status

__all__ = ["TRADING_FLEET", "ServiceClients", "default_addresses", "rpc_error", "stub_class"]

# the services the gateway and the orchestrator drive (`settings.FleetClientSettings` has an
# address setting for each)
TRADING_FLEET = (
    "control-plane",
    "market-data",
    "broker-gateway",
    "order-manager",
    "risk-engine",
    "portfolio-manager",
    "strategy-engine",
    "orchestrator",
    "analytics",
)

_DOWN = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
                   grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.CANCELLED})
_BY_CODE: dict[grpc.StatusCode, type[E.OmniError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: E.InvalidArgument,
    grpc.StatusCode.OUT_OF_RANGE: E.InvalidArgument,
    grpc.StatusCode.NOT_FOUND: E.NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: E.FailedPrecondition,
    grpc.StatusCode.ABORTED: E.FailedPrecondition,
    grpc.StatusCode.ALREADY_EXISTS: E.AlreadyExists,
    grpc.StatusCode.PERMISSION_DENIED: E.PermissionDenied,
    grpc.StatusCode.UNAUTHENTICATED: E.Unauthenticated,
    grpc.StatusCode.RESOURCE_EXHAUSTED: E.ResourceExhausted,
}


def stub_class(service: str) -> type:
    """The generated stub class of a service's contract, e.g. OrderManagerServiceStub."""
    spec = catalogue.spec(service)
    module = importlib.import_module(f"omni.{spec.domain}.v1.{spec.domain}_service_pb2_grpc")
    return getattr(module, spec.grpc_service.rsplit(".", 1)[1] + "Stub")


def default_addresses(services: Iterable[str], host: str = "127.0.0.1") -> dict[str, str]:
    """The embedded fleet's addresses (catalogue ports)."""
    return {name: f"{host}:{catalogue.spec(name).grpc_port}" for name in services}


def rpc_error(service: str, exc: grpc.aio.AioRpcError) -> E.OmniError:
    code = exc.code()
    if code in _DOWN:
        what = ("does not implement this call" if code == grpc.StatusCode.UNIMPLEMENTED
                else "is unavailable")
        return E.Unavailable(f"{service} {what}", service=service, grpc_code=code.name)
    cls = _BY_CODE.get(code)
    if cls is None:
        return E.Unavailable(f"{service} failed: {code.name}", service=service,
                             grpc_code=code.name)
    return cls(exc.details() or code.name, service=service, grpc_code=code.name)


class ServiceClients:
    """Channels and stubs to some of the fleet's services."""

    def __init__(self, services: Iterable[str], addresses: dict[str, str] | None = None, *,
                 timeout: float = 5.0) -> None:
        self.services = tuple(services)
        self.addresses = {**default_addresses(self.services), **(addresses or {})}
        self.timeout = timeout
        self._channels: dict[str, grpc.aio.Channel] = {}
        self._stubs: dict[str, Any] = {}

    def stub(self, service: str) -> Any:
        if service not in self._stubs:
            ch = channel(self.addresses[service], default_timeout=self.timeout)
            self._channels[service] = ch
            self._stubs[service] = stub_class(service)(ch)
        return self._stubs[service]

    def connect(self, *services: str) -> None:
        """Start connecting now, in the background, so the first call does not wait for the
        TCP and HTTP/2 handshakes. A service that is down is retried with gRPC's backoff;
        calls behave the same either way. Default: every service of this object."""
        for service in services or self.services:
            self.stub(service)
            self._channels[service].get_state(try_to_connect=True)

    async def call(self, service: str, method: str, request: Any, *,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109 (gRPC deadline)
        """``await stub.<method>(request)`` under the error rule of this module."""
        fn = getattr(self.stub(service), method)
        try:
            if timeout is not None:
                return await fn(request, timeout=timeout)
            return await fn(request)
        except grpc.aio.AioRpcError as exc:
            raise rpc_error(service, exc) from None

    async def healthy(self, service: str, timeout: float = 2.0) -> bool:  # noqa: ASYNC109
        """The service's own health name answers SERVING (it is ready)."""
        self.stub(service)
        status = await health_status(self.addresses[service],
                                     catalogue.spec(service).grpc_service,
                                     timeout=min(self.timeout, timeout),
                                     ch=self._channels[service])
        return status == SERVING

    async def healthy_all(self, timeout: float = 1.0) -> dict[str, bool]:  # noqa: ASYNC109
        names = list(self.addresses)
        res = await asyncio.gather(*(self.healthy(n, timeout) for n in names),
                                   return_exceptions=True)
        return {n: r is True for n, r in zip(names, res, strict=True)}

    async def close(self) -> None:
        for ch in self._channels.values():
            with contextlib.suppress(Exception):
                await ch.close()
        self._channels.clear()
        self._stubs.clear()
