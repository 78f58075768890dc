"""The services the orchestrator drives, reached through the kit's `ServiceClients` (its error
rule: an unreachable service becomes `Unavailable` naming it; any other status keeps its code
and message, so callers see NOT_FOUND / FAILED_PRECONDITION / INVALID_ARGUMENT unchanged)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from omni_core import errors as E
from omni_core.clients import TRADING_FLEET, ServiceClients

__all__ = ["Downstream", "DOWNSTREAM", "soft"]

T = TypeVar("T")

DOWNSTREAM = tuple(name for name in TRADING_FLEET if name != "orchestrator")


class Downstream(ServiceClients):
    """Channels and stubs to the orchestrator's downstream services."""

    def __init__(self, addresses: dict[str, str] | None = None, *, timeout: float = 5.0) -> None:
        super().__init__(DOWNSTREAM, addresses, timeout=timeout)


async def soft(aw: Awaitable[T]) -> tuple[T | None, E.OmniError | None]:
    """(result, None) or (None, the domain error)."""
    try:
        return await aw, None
    except E.OmniError as exc:
        return None, exc
