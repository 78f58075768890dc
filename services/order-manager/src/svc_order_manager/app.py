"""Wiring of the order-manager service on the kit.

Kafka in: ExecutionReport (order-management, from broker-gateway), KillSwitchChanged
(risk-management, from risk-engine), Quote / Trade / Bar (market-data-stream).
Kafka out: every order event, venue command, FillBooked, ParentOrderProgress and
ExecutionQuality, through the kit's transactional outbox (written with the state, published
by the relay). gRPC: OrderManagerService; client of RiskEngineService/CheckOrder (fail closed)
and MarketDataService/GetBars (VWAP profile, volatility).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import time
from typing import Any, ClassVar

from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import events_pb2 as ome
from omni.risk_engine.v1 import events_pb2 as rke
from omni_core.bus import InMemoryDeduplicator
from omni_core.clock import Clock
from omni_core.db import Outbox, OutboxRelay
from omni_core.service import Service
from omni_core.settings import ServiceSettings, local_address
from pydantic import Field, field_validator

from .algos import AlgoDefaults, ParentEngine
from .clients import GrpcRiskChecker, MarketDataHistory, RiskChecker
from .core import Config, OrderManager
from .grpc_api import FULL_NAME, OrderManagerServicer, add_to_server

__all__ = ["OrderManagerSettings", "build", "OrderManagerApp"]

DEFAULT_LOTS = {"AAPL.XNAS": 1, "MSFT.XNAS": 1, "SPY.ARCX": 1, "EURUSD.FX": 1000,
                "BTC-USD.CRYPTO": 0.0001, "ETH-USD.CRYPTO": 0.001}


class OrderManagerSettings(ServiceSettings):
    service_name: ClassVar[str] = "order-manager"
    latency_critical: ClassVar[bool] = True

    risk_engine_address: str = local_address("risk-engine")
    risk_timeout: float = Field(default=2.0, gt=0)
    market_data_address: str = local_address("market-data")
    # "HH:MM" UTC: DAY orders expire then
    session_close: str = "21:00"
    # comma-separated; empty = not checked here (risk-engine still refuses unknown accounts)
    known_instruments: str = ""
    known_accounts: str = ""
    expiry_check_interval: float = Field(default=1.0, gt=0)
    outbox_interval: float = Field(default=0.2, gt=0)
    outbox_batch: int = Field(default=500, ge=1)
    max_cached_terminal: int = Field(default=20_000, ge=0)
    algo_default_slices: int = Field(default=10, ge=1)
    algo_pov_check_interval: float = Field(default=5.0, gt=0)
    algo_daily_volatility: float = Field(default=0.02, gt=0)
    algo_temporary_impact_bps: float = Field(default=10.0, gt=0)
    algo_trading_day_seconds: float = Field(default=23_400.0, gt=0)
    algo_vwap_lookback_days: int = Field(default=20, ge=1)
    # JSON {instrument id: lot size}
    instrument_lots: str = json.dumps(DEFAULT_LOTS)

    @field_validator("session_close")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        h, _, m = v.partition(":")
        if not (h.isdigit() and m.isdigit() and 0 <= int(h) < 24 and 0 <= int(m) < 60):
            raise ValueError("must be HH:MM (UTC)")
        return v

    @field_validator("instrument_lots")
    @classmethod
    def _lots(cls, v: str) -> str:
        d = json.loads(v)
        if not isinstance(d, dict) or any(float(x) < 0 for x in d.values()):
            raise ValueError("must be a JSON object of non-negative lot sizes")
        return v

    def config(self) -> Config:
        h, m = self.session_close.split(":")
        ki = frozenset(x.strip() for x in self.known_instruments.split(",") if x.strip())
        ka = frozenset(x.strip() for x in self.known_accounts.split(",") if x.strip())
        return Config(tenant_id=self.tenant_id, session_close=time(int(h), int(m)),
                      known_instruments=ki or None, known_accounts=ka or None,
                      max_cached_terminal=self.max_cached_terminal)

    def algo_defaults(self) -> AlgoDefaults:
        return AlgoDefaults(
            slices=self.algo_default_slices, pov_check_interval=self.algo_pov_check_interval,
            daily_volatility=self.algo_daily_volatility,
            temporary_impact_bps=self.algo_temporary_impact_bps,
            trading_day_seconds=self.algo_trading_day_seconds,
            vwap_lookback_days=self.algo_vwap_lookback_days,
            lots={k: float(v) for k, v in json.loads(self.instrument_lots).items()})


def _sec(ts: Any) -> float:
    return ts.seconds + ts.nanos / 1e9


class OrderManagerApp:
    """Everything that is not the kit: the manager, the parent engine, the handlers."""

    def __init__(self, svc: Service, settings: OrderManagerSettings,
                 risk: RiskChecker | None = None, history: Any = None) -> None:
        self.svc = svc
        self.settings = settings
        try:  # rows tagged with the service, so services sharing a database relay their own
            self.outbox = Outbox(svc.db, source=svc.name)
        except TypeError:  # pragma: no cover - an older kit
            self.outbox = Outbox(svc.db)
        self.risk = risk or GrpcRiskChecker(settings.risk_engine_address, settings.risk_timeout)
        self.history = history if history is not None else MarketDataHistory(
            settings.market_data_address)
        self.mgr = OrderManager(svc.db, self.risk, clock=svc.clock, config=settings.config(),
                                topics=svc.topic_map, outbox=self.outbox, logger=svc.log)
        self.parents = ParentEngine(self.mgr, history=self.history,
                                    defaults=settings.algo_defaults())
        self.servicer = OrderManagerServicer(self.mgr, self.parents)
        self.relay = OutboxRelay(self.outbox, svc.bus, interval=settings.outbox_interval,
                                 batch=settings.outbox_batch, logger=svc.log)
        self._relay_start: asyncio.Task[None] | None = None
        self.started = asyncio.Event()

    async def start(self) -> None:
        if isinstance(self.risk, GrpcRiskChecker):
            self.risk.connect()
        await self.mgr.start()
        await self.parents.start()
        self.started.set()

        async def when_ready() -> None:  # the relay needs the producer, started after on_start
            while not await self.svc.wait_ready(3600):
                pass
            self.relay.start()

        self._relay_start = asyncio.create_task(when_ready(), name="om-relay-start")

    async def stop(self) -> None:
        if self._relay_start is not None:
            self._relay_start.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._relay_start
        await self.parents.stop()
        await self.mgr.stop()
        await self.relay.stop()
        for c in (self.risk, self.history):
            close = getattr(c, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    await close()

    # ---- handlers
    async def on_report(self, ev: ome.ExecutionReport, ctx: Any = None) -> None:
        await self.started.wait()
        await self.mgr.on_report(ev)

    async def on_kill_switch(self, ev: rke.KillSwitchChanged, ctx: Any = None) -> None:
        await self.started.wait()
        ks = ev.kill_switch
        await self.mgr.on_kill_switch(ev.account_id or ks.account_id, ks.state, ks.reason,
                                      ev.cancel_open_orders)

    async def on_quote(self, ev: md.Quote, ctx: Any = None) -> None:
        t = _sec(ev.time) if ev.HasField("time") else self.svc.clock.time()
        self.mgr.market.quote(ev.instrument_id.value, ev.bid, ev.ask, t)

    async def on_trade(self, ev: md.Trade, ctx: Any = None) -> None:
        t = _sec(ev.time) if ev.HasField("time") else self.svc.clock.time()
        self.mgr.market.trade(ev.instrument_id.value, ev.price, ev.size, t)

    async def on_bar(self, ev: md.Bar, ctx: Any = None) -> None:
        if ev.bar_type not in (md.BAR_TYPE_TIME, md.BAR_TYPE_UNSPECIFIED):
            return
        t = _sec(ev.end) if ev.HasField("end") else self.svc.clock.time()
        self.mgr.market.bar(ev.instrument_id.value, ev.close, ev.volume, ev.vwap, t)

    async def expire(self) -> None:
        if self.started.is_set():
            await self.mgr.expire_due()


def build(settings: OrderManagerSettings | None = None, *, clock: Clock | None = None,
          topics: dict[str, str] | None = None, bus_overrides: dict[str, Any] | None = None,
          risk: RiskChecker | None = None, history: Any = None) -> Service:
    s = settings or OrderManagerSettings()
    svc = Service(s, clock=clock, topics=topics, bus_overrides=bus_overrides)
    # Handlers are idempotent by content (fill ids, the state machine refuses repeats), so the
    # in-memory deduplicator is enough; the durable one would cost a database write per
    # market-data tick.
    svc.bus.dedupe = InMemoryDeduplicator()
    app = OrderManagerApp(svc, s, risk=risk, history=history)
    svc.add_servicer(add_to_server, app.servicer, FULL_NAME)
    svc.on_event("order-management", ome.ExecutionReport)(app.on_report)
    svc.on_event("risk-management", rke.KillSwitchChanged)(app.on_kill_switch)
    svc.on_event("market-data-stream", md.Quote)(app.on_quote)
    svc.on_event("market-data-stream", md.Trade)(app.on_trade)
    svc.on_event("market-data-stream", md.Bar)(app.on_bar)
    svc.on_start(app.start)
    svc.on_stop(app.stop)
    svc.every(s.expiry_check_interval, app.expire, name="expiry")
    svc.app = app  # type: ignore[attr-defined]
    return svc
