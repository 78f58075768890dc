"""Wiring of the control-plane service with the kit.

State: config entries and their history in the service database (Alembic migrations in
``svc_control_plane.migrations``; ConfigChanged goes through the kit's transactional outbox);
health and the breaker board in memory, rebuilt from the heartbeats every service sends.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from omni.control_plane.v1 import events_pb2 as cp
from omni_core.clock import Clock
from omni_core.service import Service
from omni_core.settings import ServiceSettings
from pydantic import Field

from svc_control_plane.config import ConfigRegistry
from svc_control_plane.grpc_api import FULL_NAME, ControlPlaneServicer, add_to_server
from svc_control_plane.health import HealthPolicy, HealthTracker
from svc_control_plane.repository import SqlConfigStore

__all__ = ["ControlPlaneSettings", "build"]

SYSTEM = "system-monitoring"


class ControlPlaneSettings(ServiceSettings):
    """``OMNI_HEALTH_*`` tune the score (see `svc_control_plane.health`)."""

    service_name: ClassVar[str] = "control-plane"

    health_readiness_weight: float = Field(default=30.0, ge=0, le=100)
    health_request_errors_weight: float = Field(default=20.0, ge=0, le=100)
    health_message_errors_weight: float = Field(default=15.0, ge=0, le=100)
    health_dead_letters_weight: float = Field(default=10.0, ge=0, le=100)
    health_restarts_weight: float = Field(default=10.0, ge=0, le=100)
    health_open_breakers_weight: float = Field(default=15.0, ge=0, le=100)
    health_grace_beats: float = Field(default=1.5, ge=0)
    health_dead_after_beats: float = Field(default=3.0, gt=0)
    health_forget_after_beats: float = Field(default=20.0, gt=0)
    health_default_interval: float = Field(default=5.0, gt=0)
    health_max_clock_skew: float = Field(default=30.0, ge=0)
    health_request_error_full_rate: float = Field(default=0.25, gt=0, le=1)
    health_message_error_full_rate: float = Field(default=0.25, gt=0, le=1)
    health_dead_letter_full_rate: float = Field(default=0.05, gt=0, le=1)
    health_restarts_full: float = Field(default=3.0, gt=0)
    health_restart_window: float = Field(default=600.0, gt=0)
    health_breakers_full: float = Field(default=2.0, gt=0)
    health_healthy_threshold: float = Field(default=80.0, ge=0, le=100)
    health_degraded_threshold: float = Field(default=50.0, ge=0, le=100)
    # how often silent instances are swept out of memory
    health_sweep_interval: float = Field(default=30.0, gt=0)
    outbox_interval: float = Field(default=0.5, gt=0)
    # housekeeping: published outbox rows are purged after the retention
    housekeeping_interval: float = Field(default=600.0, gt=0)
    outbox_retention: float = Field(default=86400.0, gt=0)

    def health_policy(self) -> HealthPolicy:
        fields = HealthPolicy.__dataclass_fields__
        return HealthPolicy(**{f: getattr(self, f"health_{f}") for f in fields})


def build(
    settings: ControlPlaneSettings,
    *,
    clock: Clock | None = None,
    topics: dict[str, str] | None = None,
    bus_overrides: dict[str, Any] | None = None,
) -> Service:
    # Every event this service consumes is idempotent by its own content (heartbeats by
    # sent_at, breakers by changed_at and call counts, lifecycle by envelope time, config by
    # version), so the bus's in-memory dedupe is enough: no database write per heartbeat.
    svc = Service(
        settings,
        clock=clock,
        topics=topics,
        bus_overrides=bus_overrides,
        durable_dedupe=False,
    )
    tracker = HealthTracker(settings.health_policy())
    outbox = svc.use_outbox(interval=settings.outbox_interval)
    store = SqlConfigStore(
        svc.db, outbox=outbox, topic=svc.topic(SYSTEM), tenant_id=settings.tenant_id
    )
    registry = ConfigRegistry(store, None, svc.clock.now)
    servicer = ControlPlaneServicer(registry, tracker, svc.clock.now)
    svc.add_servicer(add_to_server, servicer, FULL_NAME)
    # exposed for tests and operators
    svc.control_plane = {  # type: ignore[attr-defined]
        "tracker": tracker,
        "registry": registry,
        "outbox": outbox,
    }

    @svc.on_event(SYSTEM, cp.ServiceHeartbeat)
    async def on_heartbeat(event: cp.ServiceHeartbeat, ctx: Any) -> None:
        tracker.record_heartbeat(event, svc.clock.now())

    @svc.on_event(SYSTEM, cp.ServiceLifecycleChanged)
    async def on_lifecycle(event: cp.ServiceLifecycleChanged, ctx: Any) -> None:
        tracker.record_lifecycle(event, svc.clock.now(), ctx.produced_at)

    @svc.on_event(SYSTEM, cp.CircuitBreakerChanged)
    async def on_breaker(event: cp.CircuitBreakerChanged, ctx: Any) -> None:
        tracker.record_breaker(event)

    @svc.every(settings.health_sweep_interval, name="health-sweep")
    async def sweep() -> None:
        tracker.forget_stale(svc.clock.now())

    @svc.every(settings.housekeeping_interval, name="housekeeping")
    async def housekeeping() -> None:
        await outbox.purge_published(timedelta(seconds=settings.outbox_retention))

    return svc
