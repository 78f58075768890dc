"""Wiring of the portfolio-manager service with the kit.

Consumes FillBooked on order-management (positions, lots, cash) and Quote/Trade/Bar on
market-data-stream (marks; daily bars also feed the return history used by Optimize when a
request brings no return series). Publishes PositionUpdated, TaxLotClosed, CashUpdated at
once and PnlUpdated/NavSnapshot/mark-driven PositionUpdated coalesced every
``OMNI_PUBLISH_INTERVAL`` seconds, on portfolio-updates keyed by account id. Sends rebalance
and harvest orders to order-manager over gRPC (``OMNI_ORDER_MANAGER_ADDRESS``).

Idempotency is by fill id (the book and the pm_fills primary key), so the bus keeps only its
in-memory dedupe: no database write per market-data tick.
"""

from __future__ import annotations

from typing import Any, ClassVar

from omni.market_data.v1 import events_pb2 as md
from omni.order_manager.v1 import events_pb2 as om_ev
from omni_core.clients import ServiceClients
from omni_core.clock import Clock
from omni_core.service import Service
from omni_core.settings import ServiceSettings, local_address
from pydantic import Field

from svc_portfolio_manager import convert as cv
from svc_portfolio_manager.accounting import Book, LotMethod
from svc_portfolio_manager.grpc_api import FULL_NAME, PortfolioServicer, add_to_server
from svc_portfolio_manager.portfolio import PortfolioCore
from svc_portfolio_manager.repository import PortfolioRepository

__all__ = ["PortfolioManagerSettings", "build"]

ORDERS = "order-management"
MARKET = "market-data-stream"
UPDATES = "portfolio-updates"


class PortfolioManagerSettings(ServiceSettings):
    service_name: ClassVar[str] = "portfolio-manager"

    base_currency: str = "USD"
    order_manager_address: str = local_address("order-manager")
    order_timeout: float = Field(default=5.0, gt=0)
    # coalescing of mark-driven updates: at most one per account per interval
    publish_interval: float = Field(default=1.0, gt=0)
    nav_interval: float = Field(default=60.0, gt=0)
    wash_sale_days: int = Field(default=30, ge=0)
    default_lot_method: str = Field(
        default="FIFO", pattern="^(FIFO|LIFO|HIGHEST_COST|SPECIFIC_LOT)$"
    )
    default_lot_size: float = Field(default=1.0, gt=0)
    # JSON maps, e.g. OMNI_LOT_SIZES='{"ESZ6.XCME": 1, "EURUSD.FX": 1000}'
    lot_sizes: dict[str, float] = Field(default_factory=dict)
    # correlated substitutes for tax-loss harvesting, e.g. '{"SPY.ARCX": "IVV.ARCX"}'
    replacements: dict[str, str] = Field(default_factory=dict)
    # instrument -> sector, for Brinson-Fachler when a request gives no segments
    sectors: dict[str, str] = Field(default_factory=dict)
    transaction_cost_bps: float = Field(default=0.0, ge=0)
    # standing targets: drift check every N seconds; scheduled rebalance every M (0 = none)
    rebalance_check_interval: float = Field(default=60.0, gt=0)
    rebalance_interval: float = Field(default=0.0, ge=0)
    # no drift-triggered rebalance within this many seconds of the last one (orders working)
    rebalance_cooldown: float = Field(default=300.0, ge=0)
    history_timeframe: str = "1d"
    history_max: int = Field(default=1000, gt=2)


def build(
    settings: PortfolioManagerSettings,
    *,
    clock: Clock | None = None,
    topics: dict[str, str] | None = None,
    bus_overrides: dict[str, Any] | None = None,
) -> Service:
    svc = Service(
        settings, clock=clock, topics=topics, bus_overrides=bus_overrides, durable_dedupe=False
    )
    book = Book(
        base_currency=settings.base_currency,
        wash_sale_days=settings.wash_sale_days,
        default_lot_method=LotMethod[settings.default_lot_method],
    )
    repo = PortfolioRepository(svc.db)
    order_manager = ServiceClients(["order-manager"],
                                   {"order-manager": settings.order_manager_address},
                                   timeout=settings.order_timeout)

    async def submit_order(req: Any) -> Any:
        return await order_manager.call("order-manager", "SubmitOrder", req)

    async def publish(account_id: str, event: Any) -> None:
        await svc.publish(UPDATES, account_id, event)

    core = PortfolioCore(
        book,
        repo,
        publish,
        now=svc.clock.now,
        submit_order=submit_order,
        lot_sizes=settings.lot_sizes,
        default_lot_size=settings.default_lot_size,
        replacements=settings.replacements,
        sectors=settings.sectors,
        transaction_cost_bps=settings.transaction_cost_bps,
        nav_interval=settings.nav_interval,
        rebalance_interval=settings.rebalance_interval,
        rebalance_cooldown=settings.rebalance_cooldown,
        history_max=settings.history_max,
        history_timeframe=settings.history_timeframe,
    )
    svc.add_servicer(add_to_server, PortfolioServicer(core), FULL_NAME)
    svc.portfolio = core  # type: ignore[attr-defined]

    @svc.on_start
    async def load() -> None:
        await core.load()

    @svc.on_stop
    async def close() -> None:
        await core.flush()
        await order_manager.close()

    @svc.on_event(ORDERS, om_ev.FillBooked)
    async def on_fill(event: om_ev.FillBooked, ctx: Any) -> None:
        await core.apply_fill(cv.fill_from_pb(event.fill, event.account_id, svc.clock.now()))

    @svc.on_event(MARKET, md.Trade)
    async def on_trade(event: md.Trade, ctx: Any) -> None:
        core.on_price(
            event.instrument_id.value, event.price, cv.from_ts(event.time) or svc.clock.now()
        )

    @svc.on_event(MARKET, md.Quote)
    async def on_quote(event: md.Quote, ctx: Any) -> None:
        if event.bid > 0 and event.ask > 0:
            core.on_price(
                event.instrument_id.value,
                (event.bid + event.ask) / 2,
                cv.from_ts(event.time) or svc.clock.now(),
            )

    @svc.on_event(MARKET, md.Bar)
    async def on_bar(event: md.Bar, ctx: Any) -> None:
        core.on_bar(
            event.instrument_id.value,
            event.timeframe,
            event.close,
            cv.from_ts(event.end) or svc.clock.now(),
        )

    svc.every(settings.publish_interval, core.flush, name="publish")
    svc.every(settings.rebalance_check_interval, core.check_standing, name="rebalance-check")
    return svc
