"""Clients of other services: risk-engine's CheckOrder and market-data's GetBars (gRPC).

Risk fails closed: when risk-engine does not answer (unreachable, deadline passed, internal
error) the order is REJECTED with the reason ``risk-engine unavailable (fail closed): ...``;
an order is never routed without an approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni_core import errors as E
from omni_core.clients import ServiceClients

__all__ = ["RiskVerdict", "RiskChecker", "GrpcRiskChecker", "ApproveAll", "MarketDataHistory"]


@dataclass(slots=True)
class RiskVerdict:
    approved: bool
    reason: str = ""
    # True when the verdict is the fail-closed default, not risk-engine's answer
    unavailable: bool = False
    check_id: str = ""


class RiskChecker(Protocol):
    async def check(self, order: om.Order, reference_price: float) -> RiskVerdict: ...


def check_request(order: om.Order, reference_price: float) -> rk.CheckOrderRequest:
    return rk.CheckOrderRequest(
        order_id=order.order_id, client_order_id=order.client_order_id,
        account_id=order.account_id, strategy_id=order.strategy_id,
        instrument_id=order.instrument_id, side=order.side, order_type=order.order_type,
        time_in_force=order.time_in_force, quantity=order.quantity,
        limit_price=order.limit_price, stop_price=order.stop_price,
        reference_price=reference_price, multiplier=1.0,
    )


def verdict_of(resp: rk.CheckOrderResponse) -> RiskVerdict:
    if resp.approved:
        return RiskVerdict(True, check_id=resp.check_id)
    reasons = "; ".join(
        f"{f.rule}: {f.message}" if f.message else f.rule for f in resp.reasons
    ) or "refused by risk-engine"
    return RiskVerdict(False, reasons, check_id=resp.check_id)


class GrpcRiskChecker:
    """CheckOrder over gRPC with a deadline; any failure to get an answer rejects."""

    def __init__(self, address: str, timeout: float = 2.0) -> None:
        self.address = address
        self.clients = ServiceClients(["risk-engine"], {"risk-engine": address}, timeout=timeout)

    def connect(self) -> None:
        """Connect ahead of the first order (see `ServiceClients.connect`)."""
        self.clients.connect()

    async def check(self, order: om.Order, reference_price: float) -> RiskVerdict:
        try:
            resp = await self.clients.call("risk-engine", "CheckOrder",
                                           check_request(order, reference_price))
        except E.InvalidArgument as exc:
            return RiskVerdict(False, f"risk-engine: invalid order: {exc.message}")
        except E.OmniError as exc:
            code = exc.details.get("grpc_code", exc.code.name)
            return RiskVerdict(False, f"risk-engine unavailable (fail closed): {code}: "
                                      f"{exc.message}", unavailable=True)
        except Exception as exc:  # a channel problem of any kind: still fail closed
            return RiskVerdict(False, f"risk-engine unavailable (fail closed): {exc!r}",
                               unavailable=True)
        return verdict_of(resp)

    async def close(self) -> None:
        await self.clients.close()


class ApproveAll:
    """For benchmarks and tools only: approves everything (never wired in the service)."""

    async def check(self, order: om.Order, reference_price: float) -> RiskVerdict:
        return RiskVerdict(True)


def _ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


class MarketDataHistory:
    """Bars from market-data's GetBars; None when market-data does not answer."""

    def __init__(self, address: str, timeout: float = 3.0) -> None:
        self.clients = ServiceClients(["market-data"], {"market-data": address}, timeout=timeout)

    async def bars(self, instrument_id: str, timeframe: str, start: datetime, end: datetime,
                   limit: int = 10_000) -> list[Any] | None:
        from omni.market_data.v1 import market_data_service_pb2 as mds

        try:
            resp = await self.clients.call("market-data", "GetBars", mds.GetBarsRequest(
                instrument_id=common.InstrumentId(value=instrument_id), timeframe=timeframe,
                range=common.TimeRange(start=_ts(start), end=_ts(end)), limit=limit,
            ))
        except Exception:
            return None
        return list(resp.bars)

    async def close(self) -> None:
        await self.clients.close()
