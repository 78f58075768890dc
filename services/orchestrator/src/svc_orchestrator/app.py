"""Wiring of the orchestrator with the kit.

Embedded default: calendar ``24x7`` (always OPEN), so a freshly started fleet trades at once.
``OMNI_SESSION_CALENDAR=XNYS`` (any exchange-calendars code) follows that exchange's sessions,
holidays and half days; ``SIM`` runs a repeating simulated session of
``OMNI_SESSION_SIM_*`` seconds on the service clock. When the calendar closes a session the
end-of-day workflow runs (``OMNI_AUTO_END_OF_DAY``).

No database: the session is rebuilt from the calendar at start and from risk-engine's global
kill switch (the durable record of a halt); workflows are kept in memory and the end-of-day
reports are files under ``OMNI_REPORTS_DIR`` (default ``<OMNI_HOME>/reports``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from omni_core.clock import Clock
from omni_core.service import Service
from omni_core.settings import FleetClientSettings
from pydantic import Field

from svc_orchestrator.clients import DOWNSTREAM, Downstream
from svc_orchestrator.core import TOPIC, Orchestrator
from svc_orchestrator.grpc_api import FULL_NAME, OrchestratorServicer, add_to_server
from svc_orchestrator.session import SessionMachine, make_schedule

__all__ = ["OrchestratorSettings", "build"]


class OrchestratorSettings(FleetClientSettings):
    service_name: ClassVar[str] = "orchestrator"

    # "24x7" (always open), an exchange-calendars code ("XNYS", "XLON"), or "SIM"
    session_calendar: str = "24x7"
    session_pre_open_minutes: float = Field(default=30.0, ge=0)
    session_closing_minutes: float = Field(default=10.0, ge=0)
    session_sim_anchor: datetime | None = None
    session_sim_pre_open: float = Field(default=60.0, ge=0)
    session_sim_open: float = Field(default=600.0, gt=0)
    session_sim_closing: float = Field(default=60.0, ge=0)
    session_sim_closed: float = Field(default=120.0, ge=0)
    session_tick_interval: float = Field(default=1.0, gt=0)
    auto_end_of_day: bool = True
    reports_dir: Path | None = None


def build(settings: OrchestratorSettings | None = None, *, clock: Clock | None = None,
          topics: dict[str, str] | None = None,
          bus_overrides: dict[str, Any] | None = None) -> Service:
    settings = settings or OrchestratorSettings()
    svc = Service(settings, uses_database=False, uses_cache=False, clock=clock, topics=topics,
                  bus_overrides=bus_overrides)
    anchor = settings.session_sim_anchor or svc.clock.now()
    if anchor.tzinfo is None:
        anchor = anchor.replace(tzinfo=UTC)
    schedule = make_schedule(
        settings.session_calendar, pre_open_minutes=settings.session_pre_open_minutes,
        closing_minutes=settings.session_closing_minutes, sim_anchor=anchor,
        sim_lengths=(settings.session_sim_pre_open, settings.session_sim_open,
                     settings.session_sim_closing, settings.session_sim_closed))
    down = Downstream(settings.addresses(DOWNSTREAM), timeout=settings.downstream_timeout)
    orch = Orchestrator(
        SessionMachine(schedule), down, now=svc.clock.now, publish=svc.publish_nowait,
        accounts=settings.account_list(),
        reports_dir=settings.reports_dir or (settings.home / "reports"), topic=TOPIC)
    svc.add_servicer(add_to_server, OrchestratorServicer(orch), FULL_NAME)
    svc.orchestrator = orch  # type: ignore[attr-defined]
    @svc.on_ready
    async def first_tick() -> None:
        await orch.sync_halt_from_risk()
        # the first tick only places the session; it never runs an end of day
        orch.tick()

    @svc.every(settings.session_tick_interval, name="session-tick")
    async def session_tick() -> None:
        orch.tick_and_close(settings.auto_end_of_day)

    @svc.on_stop
    async def close() -> None:
        await orch.close()
        await down.close()

    return svc
