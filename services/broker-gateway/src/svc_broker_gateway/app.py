"""Wiring: settings, venues from settings, the Kafka handlers and the gRPC servicer on the kit's
Service. ``GatewayApp`` holds everything that is not the kit, so tests and the fleet drive the
same handlers (over a bare EventBus or through the Service)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, ClassVar

from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import events_pb2 as ome
from omni_core.settings import ServiceSettings
from omni_quant.matching import FeeSchedule, LatencyModel
from pydantic import Field, SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from .gateway import MONITOR_TOPIC, ORDER_TOPIC, Gateway
from .grpc_api import FULL_NAME, BrokerGatewayServicer, add_to_server
from .routing import SmartOrderRouter
from .store import Store
from .venues.base import InstrumentSpec, Venue
from .venues.paper import PaperVenue

MARKET_TOPIC = "market-data-stream"

# The paper venue lists these unless OMNI_PAPER_INSTRUMENTS says otherwise.
DEFAULT_PAPER_INSTRUMENTS = [
    {"instrument_id": "AAPL.XNAS", "symbol": "AAPL", "tick_size": 0.01, "lot_size": 1},
    {"instrument_id": "MSFT.XNAS", "symbol": "MSFT", "tick_size": 0.01, "lot_size": 1},
    {"instrument_id": "SPY.ARCX", "symbol": "SPY", "tick_size": 0.01, "lot_size": 1},
    {"instrument_id": "EURUSD.FX", "symbol": "EURUSD", "tick_size": 0.00001, "lot_size": 1000},
    {"instrument_id": "BTC-USD.CRYPTO", "symbol": "BTC/USD", "tick_size": 0.01, "lot_size": 0.0001},
    {"instrument_id": "ETH-USD.CRYPTO", "symbol": "ETH/USD", "tick_size": 0.01, "lot_size": 0.001},
]


class BrokerGatewaySettings(ServiceSettings):
    service_name: ClassVar[str] = "broker-gateway"
    latency_critical: ClassVar[bool] = True

    # JSON list of {"instrument_id", "symbol", "tick_size", "lot_size"}.
    paper_instruments: str = json.dumps(DEFAULT_PAPER_INSTRUMENTS)
    paper_maker_fee: Decimal = Decimal("0.0001")
    paper_taker_fee: Decimal = Decimal("0.0003")
    paper_latency_ms: float = Field(default=0.5, ge=0)
    paper_seed: int = 7
    # Alpaca: enabled when both keys are set.
    alpaca_api_key: SecretStr | None = None
    alpaca_secret_key: SecretStr | None = None
    alpaca_paper: bool = True
    alpaca_url: str | None = None
    alpaca_instruments: str = json.dumps(DEFAULT_PAPER_INSTRUMENTS[:3])
    # ccxt: enabled when an exchange id is set (e.g. "binance").
    ccxt_exchange: str | None = None
    ccxt_api_key: SecretStr | None = None
    ccxt_secret: SecretStr | None = None
    ccxt_url: str | None = None
    ccxt_instruments: str = json.dumps(
        [
            {
                "instrument_id": "BTC-USD.CRYPTO",
                "symbol": "BTC/USDT",
                "tick_size": 0.01,
                "lot_size": 0.00001,
            },
        ]
    )
    venue_timeout: float = Field(default=5.0, gt=0)
    breaker_threshold: int = Field(default=3, ge=1)
    breaker_reset: float = Field(default=15.0, gt=0)
    sync_interval: float = Field(default=2.0, gt=0)
    reconcile_interval: float = Field(default=60.0, gt=0)
    route_latency_bps_per_ms: float = 0.02
    route_min_split_saving_bps: float = 0.25


def _specs(raw: str) -> list[InstrumentSpec]:
    return [
        InstrumentSpec(
            d["instrument_id"],
            d.get("symbol", d["instrument_id"]),
            float(d.get("tick_size", 0.01)),
            float(d.get("lot_size", 0.0)),
            float(d.get("min_quantity", 0.0)),
        )
        for d in json.loads(raw)
    ]


def build_venues(s: BrokerGatewaySettings) -> list[Venue]:
    venues: list[Venue] = [
        PaperVenue(
            "paper",
            _specs(s.paper_instruments),
            FeeSchedule(s.paper_maker_fee, s.paper_taker_fee, "USD"),
            LatencyModel(
                s.paper_latency_ms / 1000.0, s.paper_latency_ms / 4000.0, seed=s.paper_seed
            ),
            clock=time.time,
        )
    ]
    if s.alpaca_api_key and s.alpaca_secret_key:
        from .venues.alpaca import AlpacaVenue

        venues.append(
            AlpacaVenue(
                "alpaca-paper" if s.alpaca_paper else "alpaca",
                s.alpaca_api_key.get_secret_value(),
                s.alpaca_secret_key.get_secret_value(),
                _specs(s.alpaca_instruments),
                paper=s.alpaca_paper,
                url_override=s.alpaca_url,
                timeout_s=s.venue_timeout,
            )
        )
    if s.ccxt_exchange:
        from .venues.ccxt_venue import CcxtVenue

        urls = {"public": s.ccxt_url, "private": s.ccxt_url} if s.ccxt_url else None
        venues.append(
            CcxtVenue(
                s.ccxt_exchange,
                s.ccxt_exchange,
                _specs(s.ccxt_instruments),
                s.ccxt_api_key.get_secret_value() if s.ccxt_api_key else "",
                s.ccxt_secret.get_secret_value() if s.ccxt_secret else "",
                urls=urls,
                timeout_s=s.venue_timeout,
            )
        )
    return venues


Publish = Callable[[str, str, Any], Awaitable[Any]]


class GatewayApp:
    """The gateway plus its event handlers. ``topics`` maps ARCHITECTURE topic names to the
    names actually used (tests use unique ones)."""

    def __init__(
        self,
        venues: list[Venue],
        engine: AsyncEngine,
        publish: Publish,
        topics: dict[str, str] | None = None,
        router: SmartOrderRouter | None = None,
        breaker_threshold: int = 3,
        breaker_reset_s: float = 15.0,
    ) -> None:
        self.topics = topics or {}
        self._publish = publish
        self.store = Store(engine)
        self.gateway = Gateway(
            venues,
            self.store,
            self._out,
            router=router,
            breaker_threshold=breaker_threshold,
            breaker_reset_s=breaker_reset_s,
        )
        self.paper = [v for v in venues if isinstance(v, PaperVenue)]
        self.servicer = BrokerGatewayServicer(self.gateway)
        # Commands wait until state is loaded and reconciled (the consumer may start first).
        self.ready = asyncio.Event()

    def topic(self, name: str) -> str:
        return self.topics.get(name, name)

    async def _out(self, topic: str, key: str, event: Any) -> None:
        await self._publish(self.topic(topic), key, event)

    # ---- lifecycle
    async def start(self, *_: Any) -> None:
        """Load state and reconcile with every venue; commands wait for this."""
        await self.load()
        await self.reconcile_at_start()

    async def load(self) -> None:
        for slot in self.gateway.slots.values():
            await slot.venue.start()
        await self.gateway.load()

    async def reconcile_at_start(self) -> None:
        try:
            await self.gateway.reconcile(trigger="start")
        finally:
            self.ready.set()

    async def stop(self, *_: Any) -> None:
        await self.gateway.drain()
        for slot in self.gateway.slots.values():
            await slot.venue.close()

    async def periodic_reconcile(self, *_: Any) -> None:
        await self.gateway.reconcile(trigger="periodic")

    async def sync(self, *_: Any) -> None:
        await self.gateway.sync_open()

    # ---- order-management commands
    async def on_submit(self, event: ome.SubmitOrderCommand, ctx: Any = None) -> None:
        await self.ready.wait()
        await self.gateway.submit(event.account_id, event.order)

    async def on_cancel(self, event: ome.CancelOrderCommand, ctx: Any = None) -> None:
        await self.ready.wait()
        await self.gateway.cancel(
            event.order_id,
            event.client_order_id,
            event.account_id,
            reason=event.reason or "cancel requested",
        )

    async def on_replace(self, event: ome.ReplaceOrderCommand, ctx: Any = None) -> None:
        await self.ready.wait()
        await self.gateway.replace(event.account_id, event.order_id, event.replacement)

    # ---- market-data-stream: the simulated book the paper venue matches against
    async def on_book_snapshot(self, event: md.BookSnapshot, ctx: Any = None) -> None:
        bids = [(lv.price, lv.size) for lv in event.bids]
        asks = [(lv.price, lv.size) for lv in event.asks]
        for v in self.paper:
            v.on_book(event.instrument_id.value, bids, asks)

    async def on_book_delta(self, event: md.BookDelta, ctx: Any = None) -> None:
        for v in self.paper:
            for u in event.updates:
                v.on_level(
                    event.instrument_id.value,
                    "buy" if u.side == md.BOOK_SIDE_BID else "sell",
                    u.price,
                    u.size,
                )

    async def on_quote(self, event: md.Quote, ctx: Any = None) -> None:
        if event.bid <= 0 or event.ask <= 0:
            return
        top = ([(event.bid, event.bid_size)], [(event.ask, event.ask_size)])
        inst = event.instrument_id.value
        self.gateway.quotes[("", inst)] = top
        if event.source:
            self.gateway.quotes[(event.source, inst)] = top

    async def on_trade(self, event: md.Trade, ctx: Any = None) -> None:
        for v in self.paper:
            v.on_trade(event.instrument_id.value, event.price)

    def handlers(self) -> list[tuple[str, type, Callable]]:
        o, m = self.topic(ORDER_TOPIC), self.topic(MARKET_TOPIC)
        return [
            (o, ome.SubmitOrderCommand, self.on_submit),
            (o, ome.CancelOrderCommand, self.on_cancel),
            (o, ome.ReplaceOrderCommand, self.on_replace),
            (m, md.BookSnapshot, self.on_book_snapshot),
            (m, md.BookDelta, self.on_book_delta),
            (m, md.Trade, self.on_trade),
            (m, md.Quote, self.on_quote),
        ]


def build(
    settings: BrokerGatewaySettings | None = None,
    *,
    topics: dict[str, str] | None = None,
    bus_overrides: dict[str, Any] | None = None,
):
    """The service on the kit: gRPC BrokerGatewayService, Kafka handlers, migrations (run by
    the kit), state loaded before the consumer starts, reconciliation with every venue as soon
    as the bus is up (commands wait for it), periodic sync and reconciliation."""
    from omni_core.service import Service

    s = settings or BrokerGatewaySettings()
    svc = Service(s, uses_cache=False, topics=topics, bus_overrides=bus_overrides)
    app = GatewayApp(
        build_venues(s),
        svc.db.engine,
        svc.publish,
        router=SmartOrderRouter(s.route_latency_bps_per_ms, s.route_min_split_saving_bps),
        breaker_threshold=s.breaker_threshold,
        breaker_reset_s=s.breaker_reset,
    )
    svc.add_servicer(add_to_server, app.servicer, FULL_NAME)
    for topic, cls, fn in app.handlers():
        svc.on_event(topic, cls)(fn)
    tasks: list[asyncio.Task] = []

    async def on_start() -> None:
        await app.load()

        async def after_bus() -> None:
            # the kit starts the bus right after the on_start hooks; it has no event for it
            while not (svc.bus is not None and svc.bus.running):  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            await app.reconcile_at_start()

        tasks.append(asyncio.get_running_loop().create_task(after_bus()))

    async def on_stop() -> None:
        for t in tasks:
            t.cancel()
        await app.stop()

    svc.on_start(on_start)
    svc.on_stop(on_stop)
    svc.every(s.sync_interval, app.sync)
    svc.every(s.reconcile_interval, app.periodic_reconcile)
    svc.app = app  # type: ignore[attr-defined]
    return svc


__all__ = ["BrokerGatewaySettings", "GatewayApp", "build", "build_venues", "MONITOR_TOPIC"]
