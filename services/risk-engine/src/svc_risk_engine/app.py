"""Wiring of the risk engine into the service kit: settings, gRPC servicer, event handlers,
periodic tasks. See README.md for what the service owns."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar, Literal

from omni.compliance.v1 import compliance_service_pb2 as comp_pb
from omni.compliance.v1 import events_pb2 as comp_ev
from omni.cross_asset.v1 import events_pb2 as xa_ev
from omni.market_data.v1 import events_pb2 as md
from omni.orchestrator.v1 import events_pb2 as orch
from omni.order_manager.v1 import events_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rpc
from omni_core.service import Service
from omni_core.settings import ServiceSettings
from pydantic import Field

from svc_risk_engine.engine import InstrumentInfo, RiskEngine
from svc_risk_engine.portfolio import PriceHistory
from svc_risk_engine.servicer import RiskRuntime, RiskServicer
from svc_risk_engine.store import RiskStore

__all__ = ["Settings", "build", "SERVICE_FULL_NAME"]

SERVICE_FULL_NAME = "omni.risk_engine.v1.RiskEngineService"
_VAR_METHODS = {
    "historical": pb.VAR_METHOD_HISTORICAL,
    "parametric": pb.VAR_METHOD_PARAMETRIC,
    "monte_carlo": pb.VAR_METHOD_MONTE_CARLO,
}
_RESTRICTION_KINDS = {
    comp_pb.RESTRICTION_TYPE_NO_TRADE: pb.RESTRICTION_KIND_NO_TRADE,
    comp_pb.RESTRICTION_TYPE_NO_BUY: pb.RESTRICTION_KIND_NO_BUY,
    comp_pb.RESTRICTION_TYPE_NO_SHORT: pb.RESTRICTION_KIND_NO_SHORT,
}


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "risk-engine"
    latency_critical: ClassVar[bool] = True

    # Orders of accounts with no account record and no limit set are rejected
    # ("unknown_account"); false lets them through the remaining rules (dev convenience).
    risk_require_known_account: bool = True
    # How long an approved check counts as an open order before an order event confirms it.
    risk_pending_ttl: float = Field(default=10.0, gt=0)
    # Initial margin rate of accounts that do not set one (1.0 = cash account).
    risk_default_margin_rate: float = Field(default=1.0, gt=0, le=10)
    # Evaluation of state limits (drawdown, daily loss, exposure after price moves).
    risk_evaluate_interval: float = Field(default=1.0, gt=0)
    # VaR snapshots on risk-management (and the MAX_VAR limit check).
    risk_var_interval: float = Field(default=60.0, gt=0)
    risk_var_method: Literal["historical", "parametric", "monte_carlo"] = "historical"
    risk_var_confidence: float = Field(default=0.99, ge=0.5, lt=1.0)
    risk_var_lookback: int = Field(default=250, ge=2)
    risk_var_paths: int = Field(default=10_000, ge=100, le=1_000_000)
    # Bars whose closes make the return history, and how many of them make one day.
    risk_var_timeframe: str = "1d"
    risk_var_periods_per_day: float = Field(default=1.0, gt=0)
    # Daily volatility assumed for instruments without enough history.
    risk_default_daily_vol: float = Field(default=0.02, gt=0)
    # Modified duration assumed for instruments in a rates sector, for stress tests.
    risk_bond_duration: float = Field(default=7.0, ge=0)
    # How often drawdown state is persisted.
    risk_persist_interval: float = Field(default=5.0, gt=0)
    # JSON file with accounts, limit sets, instruments and restrictions applied at start to
    # what the database does not have yet (see README); e.g. the embedded fleet's accounts.
    risk_bootstrap_file: Path | None = None


async def apply_bootstrap(engine: RiskEngine, store: RiskStore | None, path: Path) -> dict:
    """Apply a bootstrap file: ``{"accounts": [RiskAccount JSON], "limit_sets": [LimitSet
    JSON], "instruments": [InstrumentRiskData JSON], "restrictions": [Restriction JSON]}``
    (protobuf JSON names). Accounts and limit sets the engine already has (from the
    database) are left alone, so changes made through the API win over the file."""
    import json

    from google.protobuf import json_format

    data = json.loads(await asyncio.to_thread(Path(path).read_text))
    counts = {"accounts": 0, "limit_sets": 0, "instruments": 0, "restrictions": 0}
    for item in data.get("instruments", []):
        i = json_format.ParseDict(item, pb.InstrumentRiskData())
        info = InstrumentInfo(i.instrument_id.value, i.asset_class, i.sector,
                              i.multiplier or 1.0, i.currency, i.margin_rate)
        if info.instrument_id not in engine.instruments:
            engine.upsert_instrument(info)
            if store is not None:
                await store.save_instruments([info])
            counts["instruments"] += 1
    for item in data.get("accounts", []):
        a = json_format.ParseDict(item, pb.RiskAccount())
        existing = engine.accounts.get(a.account_id)
        if existing is None or existing.account is None:
            a.updated_by = a.updated_by or "bootstrap"
            engine.set_account(a)
            if store is not None:
                await store.save_account(a)
            counts["accounts"] += 1
    for item in data.get("limit_sets", []):
        ls = json_format.ParseDict(item, pb.LimitSet())
        if (ls.account_id, ls.strategy_id) in engine.scopes:
            continue
        ls.updated_by = ls.updated_by or "bootstrap"
        if store is not None:
            ls = await store.save_limits(ls, 0)
        else:
            ls.version = 1
        engine.set_limits(ls)
        counts["limit_sets"] += 1
    for item in data.get("restrictions", []):
        r = json_format.ParseDict(item, pb.Restriction())
        if r.instrument_id.value not in engine.restrictions.get(r.account_id, {}):
            engine.set_restriction(r, False)
            if store is not None:
                await store.save_restriction(r, False)
            counts["restrictions"] += 1
    return counts


def build(settings: Settings | None = None, **service_kwargs) -> Service:
    settings = settings or Settings()
    svc = Service(settings, **service_kwargs)
    if svc.bus is not None:
        # Every handler here is idempotent by content (fills by fill id in the fills table,
        # order events carry absolute leaves, prices and restrictions are last-value), so the
        # bus's in-memory LRU is enough: the kit's durable database dedupe would cost two
        # database round trips per market-data tick.
        from omni_core.bus import InMemoryDeduplicator

        svc.bus.dedupe = InMemoryDeduplicator(svc.bus.config.dedupe_capacity)
    engine = RiskEngine(
        svc.clock,
        pending_ttl=settings.risk_pending_ttl,
        default_margin_rate=settings.risk_default_margin_rate,
        require_known_account=settings.risk_require_known_account,
    )
    store = RiskStore(svc.db) if svc.db is not None else None
    rt = RiskRuntime(
        engine, store, svc.publish_nowait, svc.publish if svc.bus is not None else None,
        history=PriceHistory(settings.risk_var_timeframe, settings.risk_var_lookback + 10),
        var_method=_VAR_METHODS[settings.risk_var_method],
        var_confidence=settings.risk_var_confidence,
        var_lookback=settings.risk_var_lookback,
        var_paths=settings.risk_var_paths,
        periods_per_day=settings.risk_var_periods_per_day,
        default_daily_vol=settings.risk_default_daily_vol,
        bond_duration=settings.risk_bond_duration,
        log=svc.log,
    )
    servicer = RiskServicer(rt)
    svc.risk = rt  # type: ignore[attr-defined]  (tests and the bench reach the runtime here)
    svc.add_servicer(rpc.add_RiskEngineServiceServicer_to_server, servicer, SERVICE_FULL_NAME)

    @svc.on_start
    async def load_state() -> None:
        if store is not None:
            counts = await store.load_into(engine)
            svc.log.info("risk state loaded", **counts)
        rt.start()
        if settings.risk_bootstrap_file is not None:
            applied = await apply_bootstrap(engine, store, settings.risk_bootstrap_file)
            svc.log.info("risk bootstrap applied", file=str(settings.risk_bootstrap_file),
                         **applied)

    @svc.on_stop
    async def save_state() -> None:
        await rt.persist_drawdowns()
        await rt.stop()

    # fills and orders (order-management) --------------------------------------------------

    @svc.on_event("order-management", om.FillBooked)
    async def on_fill(event: om.FillBooked, ctx) -> None:
        await rt.on_fill(event.account_id, event.fill)

    def _open(cls):
        async def handler(event, ctx) -> None:
            rt.on_order(event.order, True)

        svc.on_event("order-management", cls)(handler)

    def _closed(cls):
        async def handler(event, ctx) -> None:
            rt.on_order(event.order, False)

        svc.on_event("order-management", cls)(handler)

    for cls in (om.OrderSubmitted, om.OrderAccepted, om.OrderPartiallyFilled):
        _open(cls)
    for cls in (om.OrderFilled, om.OrderCancelled, om.OrderRejected, om.OrderExpired):
        _closed(cls)

    @svc.on_event("order-management", om.OrderReplaced)
    async def on_replaced(event: om.OrderReplaced, ctx) -> None:
        rt.on_order(event.original, False)
        rt.on_order(event.replacement, True)

    # prices and reference data (market-data-stream) ---------------------------------------

    @svc.on_event("market-data-stream", md.Trade)
    async def on_trade(event: md.Trade, ctx) -> None:
        rt.on_price(event.instrument_id.value, event.price)

    @svc.on_event("market-data-stream", md.Quote)
    async def on_quote(event: md.Quote, ctx) -> None:
        if event.bid > 0 and event.ask > 0:
            rt.on_price(event.instrument_id.value, 0.5 * (event.bid + event.ask))

    @svc.on_event("market-data-stream", md.Bar)
    async def on_bar(event: md.Bar, ctx) -> None:
        rt.on_bar(event)

    @svc.on_event("market-data-stream", xa_ev.InstrumentUpdated)
    async def on_instrument(event: xa_ev.InstrumentUpdated, ctx) -> None:
        i = event.instrument
        info = InstrumentInfo(event.instrument_id.value or i.instrument_id.value, i.asset_class,
                              i.sector, i.multiplier or 1.0, i.currency, 0.0)
        if info.instrument_id:
            old = engine.instruments.get(info.instrument_id)
            if old is not None:
                info.margin_rate = old.margin_rate
            engine.upsert_instrument(info)
            if store is not None:
                await store.save_instruments([info])

    # restrictions from compliance, global halt from the orchestrator ----------------------

    @svc.on_event("risk-management", comp_ev.RestrictionChanged)
    async def on_restriction(event: comp_ev.RestrictionChanged, ctx) -> None:
        src = event.restriction
        kind = _RESTRICTION_KINDS.get(src.type)
        if kind is None:  # WATCH: alerts only, not a pre-trade block
            return
        r = pb.Restriction(account_id=src.account_id or event.account_id.replace("*", ""),
                           kind=kind, reason=src.reason, added_by=src.added_by or "compliance")
        r.instrument_id.value = event.instrument_id.value or src.instrument_id.value
        if src.HasField("effective_from"):
            r.added_at.CopyFrom(src.effective_from)
        if not r.instrument_id.value:
            return
        engine.set_restriction(r, event.removed)
        if store is not None:
            await store.save_restriction(r, event.removed)

    @svc.on_event("system-monitoring", orch.GlobalHaltChanged)
    async def on_global_halt(event: orch.GlobalHaltChanged, ctx) -> None:
        state = pb.KILL_SWITCH_STATE_HALTED if event.halted else pb.KILL_SWITCH_STATE_ACTIVE
        if engine.kill_switch("").state != state:
            engine.set_kill_switch("", state, event.actor or "orchestrator",
                                   event.reason or "global halt")

    # periodic -----------------------------------------------------------------------------

    async def evaluate() -> None:
        rt.evaluate_all()

    async def var_snapshots() -> None:
        await rt.publish_var_snapshots()

    svc.every(settings.risk_evaluate_interval, evaluate, name="risk-evaluate")
    svc.every(settings.risk_var_interval, var_snapshots, name="risk-var")
    svc.every(settings.risk_persist_interval, rt.persist_drawdowns, name="risk-persist")
    return svc
