"""The gRPC face of the control plane: ControlPlaneService over the registry, the health
tracker and the breaker board. Domain errors (`InvalidArgument`, `NotFound`,
`VersionConflict` -> ABORTED) are mapped to status codes by the kit's server interceptor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.control_plane.v1 import control_plane_service_pb2 as pb
from omni.control_plane.v1 import control_plane_service_pb2_grpc as pb_grpc
from omni_core import catalogue
from omni_core.errors import InvalidArgument

from svc_control_plane.config import ConfigEntry, ConfigRegistry, Page
from svc_control_plane.health import (
    DEGRADED,
    HEALTHY,
    MISSING,
    STOPPED,
    UNHEALTHY,
    Component,
    HealthTracker,
    InstanceHealth,
    ServiceHealth,
)

__all__ = ["FULL_NAME", "add_to_server", "ControlPlaneServicer"]

FULL_NAME = "omni.control_plane.v1.ControlPlaneService"
add_to_server = pb_grpc.add_ControlPlaneServiceServicer_to_server

_STATUS = {
    HEALTHY: pb.HEALTH_STATUS_HEALTHY,
    DEGRADED: pb.HEALTH_STATUS_DEGRADED,
    UNHEALTHY: pb.HEALTH_STATUS_UNHEALTHY,
    MISSING: pb.HEALTH_STATUS_MISSING,
    STOPPED: pb.HEALTH_STATUS_STOPPED,
}


def _ts(dt: datetime | None) -> Timestamp | None:
    if dt is None:
        return None
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def entry_to_proto(e: ConfigEntry) -> pb.ConfigEntry:
    return pb.ConfigEntry(
        service=e.service,
        key=e.key,
        value_json=e.value_json,
        version=e.version,
        changed_by=e.changed_by,
        reason=e.reason,
        changed_at=_ts(e.changed_at),
        created_at=_ts(e.created_at),
        deleted=e.deleted,
    )


def _component(c: Component) -> pb.HealthComponent:
    return pb.HealthComponent(
        name=c.name, value=c.value, weight=c.weight, penalty=round(c.penalty, 4), detail=c.detail
    )


def _instance(h: InstanceHealth) -> pb.InstanceHealth:
    return pb.InstanceHealth(
        instance_id=h.instance_id,
        score=h.score,
        ready=h.ready,
        phase=h.phase,  # type: ignore[arg-type]
        started_at=_ts(h.started_at),
        last_heartbeat_at=_ts(h.last_heartbeat_at),
        heartbeat_interval_seconds=h.interval,
        components=[_component(c) for c in h.components],
        consumer_lag=h.consumer_lag,
    )


def health_to_proto(h: ServiceHealth) -> pb.ServiceHealth:
    return pb.ServiceHealth(
        service=h.service,
        score=h.score,
        status=_STATUS[h.status],
        components=[_component(c) for c in h.components],
        last_heartbeat_at=_ts(h.last_heartbeat_at),
        ready=h.ready,
        instance_ids=list(h.instance_ids),
        instances=[_instance(i) for i in h.instances],
        restarts=h.restarts,
        open_breakers=h.open_breakers,
        heartbeat_age_seconds=h.heartbeat_age,
    )


def _page(page: Page) -> common.PageResponse:
    return common.PageResponse(next_page_token=page.next_token)


def _service_name(name: str) -> str:
    if not name:
        raise InvalidArgument("service is required")
    if name not in catalogue.BY_NAME:
        raise InvalidArgument(f"unknown service {name!r}")
    return name


class ControlPlaneServicer(pb_grpc.ControlPlaneServiceServicer):
    def __init__(
        self, registry: ConfigRegistry, tracker: HealthTracker, now: Callable[[], datetime]
    ) -> None:
        self.registry = registry
        self.tracker = tracker
        self.now = now

    # config ------------------------------------------------------------------------------

    async def PutConfig(self, request: pb.PutConfigRequest, context) -> pb.PutConfigResponse:  # type: ignore[no-untyped-def]
        entry = await self.registry.put(
            request.service,
            request.key,
            request.value_json,
            expected_version=(
                request.expected_version if request.HasField("expected_version") else None
            ),
            changed_by=request.changed_by,
            reason=request.reason,
        )
        return pb.PutConfigResponse(entry=entry_to_proto(entry))

    async def GetConfig(self, request: pb.GetConfigRequest, context) -> pb.GetConfigResponse:  # type: ignore[no-untyped-def]
        entry = await self.registry.get(
            request.service, request.key, fall_back_to_global=request.fall_back_to_global
        )
        return pb.GetConfigResponse(entry=entry_to_proto(entry))

    async def ListConfig(self, request: pb.ListConfigRequest, context) -> pb.ListConfigResponse:  # type: ignore[no-untyped-def]
        page = await self.registry.list(
            request.service,
            key_prefix=request.key_prefix,
            exclude_global=request.exclude_global,
            page_size=request.page.page_size,
            page_token=request.page.page_token,
        )
        return pb.ListConfigResponse(
            entries=[entry_to_proto(e) for e in page.entries], page=_page(page)
        )

    async def DeleteConfig(
        self, request: pb.DeleteConfigRequest, context
    ) -> pb.DeleteConfigResponse:  # type: ignore[no-untyped-def]
        entry = await self.registry.delete(
            request.service,
            request.key,
            expected_version=(
                request.expected_version if request.HasField("expected_version") else None
            ),
            changed_by=request.changed_by,
            reason=request.reason,
        )
        return pb.DeleteConfigResponse(entry=entry_to_proto(entry))

    async def GetConfigHistory(  # type: ignore[no-untyped-def]
        self, request: pb.GetConfigHistoryRequest, context
    ) -> pb.GetConfigHistoryResponse:
        page = await self.registry.history(
            request.service,
            request.key,
            page_size=request.page.page_size,
            page_token=request.page.page_token,
        )
        return pb.GetConfigHistoryResponse(
            versions=[entry_to_proto(e) for e in page.entries], page=_page(page)
        )

    # health ------------------------------------------------------------------------------

    async def GetServiceHealth(  # type: ignore[no-untyped-def]
        self, request: pb.GetServiceHealthRequest, context
    ) -> pb.GetServiceHealthResponse:
        h = self.tracker.service_health(_service_name(request.service), self.now())
        return pb.GetServiceHealthResponse(health=health_to_proto(h))

    async def ListServiceHealth(  # type: ignore[no-untyped-def]
        self, request: pb.ListServiceHealthRequest, context
    ) -> pb.ListServiceHealthResponse:
        if any(s == pb.HEALTH_STATUS_UNSPECIFIED for s in request.statuses):
            raise InvalidArgument("statuses must not contain HEALTH_STATUS_UNSPECIFIED")
        fleet = self.tracker.fleet(self.now())
        fleet_score = round(sum(h.score for h in fleet) / len(fleet), 2) if fleet else 0.0
        wanted = set(request.statuses)
        return pb.ListServiceHealthResponse(
            services=[
                health_to_proto(h) for h in fleet if not wanted or _STATUS[h.status] in wanted
            ],
            fleet_score=fleet_score,
        )

    async def ListCircuitBreakers(  # type: ignore[no-untyped-def]
        self, request: pb.ListCircuitBreakersRequest, context
    ) -> pb.ListCircuitBreakersResponse:
        service = _service_name(request.service) if request.service else None
        if any(s == 0 for s in request.statuses):
            raise InvalidArgument("statuses must not contain BREAKER_STATUS_UNSPECIFIED")
        # drop instances that went silent first, so the board shows live breakers
        self.tracker.forget_stale(self.now())
        rows = self.tracker.board.entries(service, list(request.statuses) or None)
        return pb.ListCircuitBreakersResponse(
            breakers=[
                pb.BreakerBoardEntry(
                    service=e.service, instance_id=e.instance_id, breaker=e.to_proto()
                )
                for e in rows
            ]
        )
