"""Domain errors that map to gRPC status codes. Raise them from servicers (and anywhere in the
service code); the server interceptor in `omni_core.rpc` turns them into the right status."""

from __future__ import annotations

import grpc

__all__ = [
    "OmniError",
    "InvalidArgument",
    "NotFound",
    "FailedPrecondition",
    "AlreadyExists",
    "Unavailable",
    "PermissionDenied",
    "Unauthenticated",
    "ResourceExhausted",
    "DeadlineExceeded",
    "status_code_for",
]


class OmniError(Exception):
    """Base of the kit's domain errors. `code` is the gRPC status it maps to; the message is
    sent to the caller, so it must not contain secrets or internals."""

    code: grpc.StatusCode = grpc.StatusCode.UNKNOWN

    def __init__(self, message: str = "", **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidArgument(OmniError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(OmniError):
    code = grpc.StatusCode.NOT_FOUND


class FailedPrecondition(OmniError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class AlreadyExists(OmniError):
    code = grpc.StatusCode.ALREADY_EXISTS


class Unavailable(OmniError):
    code = grpc.StatusCode.UNAVAILABLE


class PermissionDenied(OmniError):
    code = grpc.StatusCode.PERMISSION_DENIED


class Unauthenticated(OmniError):
    code = grpc.StatusCode.UNAUTHENTICATED


class ResourceExhausted(OmniError):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class DeadlineExceeded(OmniError):
    code = grpc.StatusCode.DEADLINE_EXCEEDED


def status_code_for(exc: BaseException) -> grpc.StatusCode:
    """The gRPC status an exception maps to (INTERNAL for anything not an `OmniError`)."""
    if isinstance(exc, OmniError):
        return exc.code
    try:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            return grpc.StatusCode.INVALID_ARGUMENT
    except ImportError:  # pragma: no cover
        pass
    return grpc.StatusCode.INTERNAL
