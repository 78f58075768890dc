"""The gRPC face of analytics: AnalyticsService over `engine.Analytics`. Domain errors
(InvalidArgument, NotFound, FailedPrecondition) become status codes in the kit's interceptor;
bad series found by omni_quant (`PerformanceInputError`) are INVALID_ARGUMENT too."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from omni.analytics.v1 import analytics_service_pb2 as pb
from omni.analytics.v1 import analytics_service_pb2_grpc as pb_grpc
from omni_core.errors import InvalidArgument
from omni_quant.performance import PerformanceInputError

from svc_analytics.engine import Analytics

__all__ = ["FULL_NAME", "add_to_server", "AnalyticsServicer"]

FULL_NAME = "omni.analytics.v1.AnalyticsService"
add_to_server = pb_grpc.add_AnalyticsServiceServicer_to_server

T = TypeVar("T")


def _input_errors(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return await fn(*args, **kwargs)
        except PerformanceInputError as exc:
            raise InvalidArgument(str(exc)) from None

    return wrapper


class AnalyticsServicer(pb_grpc.AnalyticsServiceServicer):
    def __init__(self, analytics: Analytics, now: Callable[[], datetime]) -> None:
        self.analytics = analytics
        self.now = now

    @_input_errors
    async def GetPerformance(self, request: pb.GetPerformanceRequest, context: Any
                             ) -> pb.GetPerformanceResponse:
        return await self.analytics.performance(request)

    @_input_errors
    async def GetRollingMetrics(self, request: pb.GetRollingMetricsRequest, context: Any
                                ) -> pb.GetRollingMetricsResponse:
        return await self.analytics.rolling(request)

    @_input_errors
    async def GetAttribution(self, request: pb.GetAttributionRequest, context: Any
                             ) -> pb.GetAttributionResponse:
        return await self.analytics.attribution(request)

    @_input_errors
    async def GetTearSheet(self, request: pb.GetTearSheetRequest, context: Any
                           ) -> pb.GetTearSheetResponse:
        return await self.analytics.tearsheet(request)

    @_input_errors
    async def GetDashboard(self, request: pb.GetDashboardRequest, context: Any
                           ) -> pb.GetDashboardResponse:
        return await self.analytics.dashboard(request, self.now())

    @_input_errors
    async def CompareStrategies(self, request: pb.CompareStrategiesRequest, context: Any
                                ) -> pb.CompareStrategiesResponse:
        return await self.analytics.compare(request)
