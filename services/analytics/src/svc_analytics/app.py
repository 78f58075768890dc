"""Wiring of the analytics service with the kit.

Consumes ``portfolio-updates`` (NavSnapshot -> daily and intraday NAV; PnlUpdated -> daily P&L
per account and strategy; PositionUpdated -> latest positions and fills) and the Bars of
``market-data-stream`` (daily closes for benchmarks) and KillSwitchChanged on
``risk-management`` (the dashboard's trading state), keeps the history in the service
database (Alembic migrations in ``svc_analytics.migrations``), serves AnalyticsService, and
publishes a PerformanceSnapshot per account (window "inception") on ``portfolio-updates``
every ``OMNI_SNAPSHOT_INTERVAL`` seconds. Events are deduplicated by id by the kit (durably,
in the database); every write is also an idempotent upsert, so replays change nothing.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from omni.analytics.v1 import analytics_service_pb2 as pb
from omni.analytics.v1 import events_pb2 as an_events
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import events_pb2 as md
from omni.portfolio_manager.v1 import events_pb2 as pm
from omni.risk_engine.v1 import events_pb2 as risk
from omni.risk_engine.v1 import risk_engine_service_pb2 as risk_pb
from omni_core.bus import PermanentError
from omni_core.clock import Clock
from omni_core.errors import OmniError
from omni_core.service import Service
from omni_core.settings import ServiceSettings
from omni_quant.performance import PerformanceInputError
from pydantic import Field

from svc_analytics.engine import Analytics
from svc_analytics.grpc_api import FULL_NAME, AnalyticsServicer, add_to_server
from svc_analytics.store import AnalyticsStore, day_of

__all__ = ["AnalyticsSettings", "build", "parse_money"]

PORTFOLIO = "portfolio-updates"
MARKET_DATA = "market-data-stream"
RISK = "risk-management"
_STATES = {
    risk_pb.KILL_SWITCH_STATE_ACTIVE: "ACTIVE",
    risk_pb.KILL_SWITCH_STATE_REDUCING: "REDUCING",
    risk_pb.KILL_SWITCH_STATE_HALTED: "HALTED",
}


class AnalyticsSettings(ServiceSettings):
    service_name: ClassVar[str] = "analytics"

    # rolling window (days) of the tear sheet's rolling Sharpe and beta
    rolling_window_days: int = Field(default=126, ge=2)
    # positions shown on the dashboard
    dashboard_top_positions: int = Field(default=10, ge=1)
    # intraday NAV points (one per minute) are kept this many days
    intraday_retention_days: float = Field(default=3.0, gt=0)
    housekeeping_interval: float = Field(default=3600.0, gt=0)
    # PerformanceSnapshot publication per account; 0 disables it
    snapshot_interval: float = Field(default=300.0, ge=0)
    # instruments whose daily closes are kept (benchmarks); empty = every instrument
    benchmark_instruments: list[str] = Field(default_factory=list)
    # tear sheet renderings at once (CPU bound, in threads)
    render_concurrency: int = Field(default=2, ge=1)


def parse_money(value: common.Decimal, field: str, *, required: bool = False) -> Decimal:
    """A wire Decimal as a finite Decimal; `PermanentError` (dead-lettered) if it is not."""
    raw = value.value.strip()
    if not raw:
        if required:
            raise PermanentError(f"{field}: missing")
        return Decimal(0)
    try:
        d = Decimal(raw)
    except InvalidOperation:
        raise PermanentError(f"{field}: {raw[:40]!r} is not a decimal number") from None
    if not d.is_finite():
        raise PermanentError(f"{field}: {raw!r} is not a finite number")
    return d


def _when(ts: Any, ctx: Any) -> datetime:
    if ts is not None and (ts.seconds or ts.nanos):
        return ts.ToDatetime(tzinfo=UTC)
    return ctx.produced_at


def build(
    settings: AnalyticsSettings,
    *,
    clock: Clock | None = None,
    topics: dict[str, str] | None = None,
    bus_overrides: dict[str, Any] | None = None,
) -> Service:
    svc = Service(settings, clock=clock, topics=topics, bus_overrides=bus_overrides)
    store = AnalyticsStore(svc.db)
    analytics = Analytics(
        store, rolling_window=settings.rolling_window_days,
        top_positions=settings.dashboard_top_positions,
        render_slots=settings.render_concurrency,
    )
    svc.add_servicer(add_to_server, AnalyticsServicer(analytics, svc.clock.now), FULL_NAME)
    svc.analytics = {"store": store, "engine": analytics}  # type: ignore[attr-defined]
    benchmarks = {b.strip() for b in settings.benchmark_instruments if b.strip()}

    @svc.on_event(PORTFOLIO, pm.NavSnapshot)
    async def on_nav(ev: pm.NavSnapshot, ctx: Any) -> None:
        if not ev.account_id:
            raise PermanentError("NavSnapshot.account_id: missing")
        await store.record_nav(
            ev.account_id, _when(ev.event_time, ctx),
            parse_money(ev.nav, "NavSnapshot.nav", required=True),
            parse_money(ev.cash, "NavSnapshot.cash"),
            parse_money(ev.gross_exposure, "NavSnapshot.gross_exposure"),
            parse_money(ev.net_exposure, "NavSnapshot.net_exposure"),
            ev.base_currency,
        )

    @svc.on_event(PORTFOLIO, pm.PnlUpdated)
    async def on_pnl(ev: pm.PnlUpdated, ctx: Any) -> None:
        account = ev.account_id or ev.pnl.account_id
        if not account:
            raise PermanentError("PnlUpdated.account_id: missing")
        p = ev.pnl
        realized = parse_money(p.realized, "PnlUpdated.pnl.realized")
        unrealized = parse_money(p.unrealized, "PnlUpdated.pnl.unrealized")
        fees = parse_money(p.fees, "PnlUpdated.pnl.fees")
        total = (parse_money(p.total, "PnlUpdated.pnl.total") if p.total.value.strip()
                 else realized + unrealized + parse_money(p.dividends, "PnlUpdated.pnl.dividends")
                 - fees)  # the contract's definition when a producer leaves it out
        await store.record_pnl(
            account, p.strategy_id,
            _when(p.as_of if p.HasField("as_of") else ev.event_time, ctx),
            realized=realized, unrealized=unrealized, fees=fees, total=total,
            day_pnl=parse_money(p.day, "PnlUpdated.pnl.day"),
            currency=p.currency,
        )

    @svc.on_event(PORTFOLIO, pm.PositionUpdated)
    async def on_position(ev: pm.PositionUpdated, ctx: Any) -> None:
        account = ev.account_id or ev.position.account_id
        instrument = ev.position.instrument_id.value
        if not account or not instrument:
            raise PermanentError("PositionUpdated: account_id and position.instrument_id needed")
        when = _when(ev.event_time, ctx)
        pos = ev.position
        if not math.isfinite(pos.quantity):
            raise PermanentError(f"PositionUpdated.position.quantity: {pos.quantity}")
        await store.record_position(
            account, instrument, quantity=pos.quantity,
            market_value=parse_money(pos.market_value, "PositionUpdated.position.market_value"),
            unrealized_pnl=parse_money(pos.unrealized_pnl,
                                       "PositionUpdated.position.unrealized_pnl"),
            weight=pos.weight if math.isfinite(pos.weight) else 0.0,
            by_strategy=dict(pos.quantity_by_strategy),
            updated_at=_when(pos.updated_at, ctx) if pos.HasField("updated_at") else when,
        )
        if ev.fill_id:
            await store.record_fill(account, ev.fill_id, when)

    @svc.on_event(MARKET_DATA, md.Bar)
    async def on_bar(ev: md.Bar, ctx: Any) -> None:
        instrument = ev.instrument_id.value
        if ev.bar_type not in (md.BAR_TYPE_TIME, md.BAR_TYPE_UNSPECIFIED) or not instrument:
            return
        if benchmarks and instrument not in benchmarks:
            return
        if not (math.isfinite(ev.close) and ev.close > 0):
            raise PermanentError(f"Bar.close: {ev.close} is not a positive price")
        start = _when(ev.start, ctx)
        end = _when(ev.end, ctx) if ev.HasField("end") else start
        await store.record_price(instrument, day_of(start), end, ev.close)

    @svc.on_event(RISK, risk.KillSwitchChanged)
    async def on_kill_switch(ev: risk.KillSwitchChanged, ctx: Any) -> None:
        state = _STATES.get(ev.kill_switch.state)
        if state is None:
            raise PermanentError(f"KillSwitchChanged.kill_switch.state: {ev.kill_switch.state}")
        ks = ev.kill_switch
        when = _when(ks.changed_at if ks.HasField("changed_at") else ev.event_time, ctx)
        await store.record_kill_switch(ks.account_id or ev.account_id, state, when)

    if settings.snapshot_interval > 0:

        @svc.every(settings.snapshot_interval, name="performance-snapshots")
        async def publish_snapshots() -> None:
            now = svc.clock.now()
            for account in await store.accounts():
                try:
                    s = await analytics.subject_series(pb.Subject(account_id=account))
                    metrics = analytics.metrics(s, None)
                except (OmniError, PerformanceInputError):
                    continue  # not enough history yet
                event = an_events.PerformanceSnapshot(
                    account_id=account, metrics=metrics, window="inception"
                )
                event.event_time.FromDatetime(now.astimezone(UTC))
                await svc.publish(PORTFOLIO, account, event)

    @svc.every(settings.housekeeping_interval, name="housekeeping")
    async def housekeeping() -> None:
        cutoff = svc.clock.now() - timedelta(days=settings.intraday_retention_days)
        await store.purge_intraday(cutoff)

    return svc
