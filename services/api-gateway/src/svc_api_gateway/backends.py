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

from typing import Any

import grpc
from omni_core import errors as E
from omni_core.clients import TRADING_FLEET, ServiceClients

__all__ = ["Backends", "ApiError", "BACKENDS", "status_for"]

BACKENDS = TRADING_FLEET

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
    def from_error(cls, exc: E.OmniError) -> ApiError:
        """The HTTP answer to a downstream service's error (see `omni_core.clients`)."""
        code = str(exc.details.get("grpc_code", exc.code.name))
        status = status_for(getattr(grpc.StatusCode, code, exc.code))
        return cls(status, code, exc.message, service=exc.details.get("service"))


class Backends(ServiceClients):
    """The gateway's downstream services; their errors become `ApiError`s."""

    def __init__(self, addresses: dict[str, str] | None = None, *, timeout: float = 5.0) -> None:
        super().__init__(BACKENDS, addresses, timeout=timeout)

    async def call(self, service: str, method: str, request: Any, *,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109 (gRPC deadline)
        try:
            return await super().call(service, method, request, timeout=timeout)
        except E.OmniError as exc:
            raise ApiError.from_error(exc) from None

    async def soft(self, service: str, method: str, request: Any, **kw: Any
                   ) -> tuple[Any, dict[str, Any] | None]:
        """(response, None) or (None, the error body) -- for views that show what they can."""
        try:
            return await self.call(service, method, request, **kw), None
        except ApiError as exc:
            return None, exc.body()["error"]

    async def probe_all(self) -> dict[str, bool]:
        return await self.healthy_all(timeout=1.0)
