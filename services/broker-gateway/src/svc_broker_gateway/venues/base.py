"""What every venue adapter offers, in the gateway's own normalised terms."""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from omni_quant.matching import FeeSchedule


class VenueError(Exception):
    """Base class. ``definite`` tells whether the venue certainly did not act on the request."""

    definite = True


class VenueUnavailable(VenueError):
    """The venue could not be reached (connection refused, breaker open, 5xx): nothing was done."""


class VenueTimeout(VenueError):
    """No answer in time: the venue may or may not have acted."""

    definite = False


class VenueRejected(VenueError):
    """The venue answered and refused the request (bad order, unknown order, no funds)."""


class VenueGarbage(VenueError):
    """The venue answered something we cannot parse: counts against its breaker."""

    definite = False


class Status(StrEnum):
    NEW = "new"
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def terminal(self) -> bool:
        return self in (Status.FILLED, Status.CANCELLED, Status.REJECTED, Status.EXPIRED)


@dataclass(frozen=True, slots=True)
class InstrumentSpec:
    instrument_id: str
    # The venue's own symbol ("AAPL", "BTC/USDT").
    symbol: str
    tick_size: float = 0.01
    lot_size: float = 0.0
    min_quantity: float = 0.0


@dataclass(slots=True)
class OrderRequest:
    client_order_id: str
    instrument_id: str
    side: str  # "buy" | "sell"
    quantity: float
    order_type: str = "limit"  # market | limit | stop | stop_limit
    time_in_force: str = "gtc"  # day | gtc | ioc | fok
    limit_price: float | None = None
    stop_price: float | None = None


@dataclass(slots=True)
class VenueFill:
    fill_id: str
    price: float
    quantity: float
    fee: Decimal = Decimal("0")
    fee_currency: str = "USD"
    maker: bool = False
    ts: float = 0.0


@dataclass(slots=True)
class VenueOrder:
    """An order as the venue sees it. ``fills`` lists individual executions when the venue
    gives them; ``filled``/``average_price`` are cumulative and always set."""

    client_order_id: str
    venue_order_id: str
    instrument_id: str
    side: str
    quantity: float
    status: Status
    filled: float = 0.0
    average_price: float = 0.0
    fees: Decimal = Decimal("0")
    reason: str = ""
    fills: list[VenueFill] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class VenuePosition:
    instrument_id: str
    quantity: float
    average_price: float


Levels = list[tuple[float, float]]
# Called by venues that push order updates (paper venue, streams): (venue name, VenueOrder).
UpdateSink = Callable[[str, VenueOrder], None]


class Venue(abc.ABC):
    name: str
    kind: str  # "paper" | "alpaca" | "ccxt"
    fees: FeeSchedule
    expected_latency_s: float
    instruments: dict[str, InstrumentSpec]

    def spec(self, instrument_id: str) -> InstrumentSpec | None:
        return self.instruments.get(instrument_id)

    async def start(self) -> None:  # noqa: B027 - optional hook
        pass

    async def close(self) -> None:  # noqa: B027 - optional hook
        pass

    @abc.abstractmethod
    async def submit(self, request: OrderRequest) -> VenueOrder: ...

    @abc.abstractmethod
    async def cancel(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder: ...

    @abc.abstractmethod
    async def get_order(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder | None:
        """The order by our client order id (None when the venue does not know it)."""

    @abc.abstractmethod
    async def open_orders(self) -> list[VenueOrder]: ...

    @abc.abstractmethod
    async def positions(self) -> list[VenuePosition]: ...

    async def book(self, instrument_id: str, depth: int = 20) -> tuple[Levels, Levels] | None:
        """Current (bids, asks) for routing, or None when the venue does not publish one."""
        return None
