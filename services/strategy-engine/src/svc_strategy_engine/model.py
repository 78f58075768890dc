"""Plain value types of the strategy API: bars, quotes, signals, orders, fills, parameters.

They are light `__slots__` classes (not protobuf, not dataclasses with validation) because the
backtest kernel creates or updates them per event. A `Bar` handed to ``on_bar`` in a backtest
is reused for the next bar: keep ``bar.copy()`` if a strategy needs to hold on to one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "NS",
    "BUY",
    "SELL",
    "Bar",
    "Quote",
    "Signal",
    "Order",
    "Fill",
    "Param",
    "StrategyError",
    "UnknownStrategy",
    "ParameterError",
    "DataError",
    "ts_to_datetime",
]

NS = 1_000_000_000
BUY = 1
SELL = -1


class StrategyError(ValueError):
    """Bad input to the strategy engine (maps to INVALID_ARGUMENT over gRPC)."""


class UnknownStrategy(StrategyError):
    pass


class ParameterError(StrategyError):
    pass


class DataError(StrategyError):
    pass


def ts_to_datetime(ns: int) -> datetime:
    return datetime.fromtimestamp(ns / NS, tz=UTC)


class Bar:
    """One OHLCV bar; ``ts`` is the bar's close time in ns since the epoch."""

    __slots__ = ("instrument", "ts", "open", "high", "low", "close", "volume", "index")

    def __init__(
        self,
        instrument: str = "",
        ts: int = 0,
        open: float = 0.0,
        high: float = 0.0,
        low: float = 0.0,
        close: float = 0.0,
        volume: float = 0.0,
        index: int = -1,
    ) -> None:
        self.instrument = instrument
        self.ts = ts
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.index = index

    def copy(self) -> Bar:
        return Bar(self.instrument, self.ts, self.open, self.high, self.low, self.close,
                   self.volume, self.index)

    @property
    def time(self) -> datetime:
        return ts_to_datetime(self.ts)

    def __repr__(self) -> str:
        return (f"Bar({self.instrument} {self.time:%Y-%m-%d %H:%M} o={self.open} h={self.high} "
                f"l={self.low} c={self.close} v={self.volume})")


@dataclass(slots=True)
class Quote:
    instrument: str
    ts: int
    bid: float
    ask: float
    bid_size: float = 0.0
    ask_size: float = 0.0

    @property
    def mid(self) -> float:
        return 0.5 * (self.bid + self.ask)


@dataclass(slots=True)
class Signal:
    """A signal from signal-engine or ai-brain (``trading-signals``), reduced to what a
    strategy needs: the instrument, a name (indicator or model), a score and raw values."""

    instrument: str
    ts: int
    name: str
    value: float = 0.0
    strength: float = 0.0
    values: dict[str, float] = field(default_factory=dict)


class Order:
    """A strategy's order as the runner tracks it. ``quantity`` is positive; ``side`` is
    BUY (+1) or SELL (-1). ``status`` is an order-manager status (`svc_order_manager.state.S`)."""

    __slots__ = (
        "order_id", "strategy_id", "instrument", "side", "quantity", "order_type", "tif",
        "limit_price", "stop_price", "status", "filled", "avg_price", "fees", "reason",
        "created_ts", "tag", "state", "venue_order_id",
    )

    def __init__(self, order_id: str, strategy_id: str, instrument: str, side: int,
                 quantity: float, order_type: str = "market", tif: str = "gtc",
                 limit_price: float | None = None, stop_price: float | None = None,
                 created_ts: int = 0, tag: str = "") -> None:
        self.order_id = order_id
        self.strategy_id = strategy_id
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.order_type = order_type
        self.tif = tif
        self.limit_price = limit_price
        self.stop_price = stop_price
        self.status = 0
        self.filled = 0.0
        self.avg_price = 0.0
        self.fees = 0.0
        self.reason = ""
        self.created_ts = created_ts
        self.tag = tag
        self.state: Any = None  # svc_order_manager.state.OrderState
        self.venue_order_id = ""

    @property
    def signed_leaves(self) -> float:
        from svc_order_manager.state import TERMINAL

        if self.status in TERMINAL:
            return 0.0
        return self.side * max(0.0, self.quantity - self.filled)

    def __repr__(self) -> str:
        return (f"Order({self.order_id} {self.instrument} {'BUY' if self.side > 0 else 'SELL'} "
                f"{self.quantity} {self.order_type} status={self.status} filled={self.filled})")


@dataclass(slots=True)
class Fill:
    order_id: str
    strategy_id: str
    instrument: str
    side: int
    quantity: float
    price: float
    fee: float
    ts: int
    fill_id: str = ""
    liquidity: str = "taker"


@dataclass(frozen=True, slots=True)
class Param:
    """A strategy parameter: type ("int", "float", "bool", "string"), default (None =
    required), bounds for search and a description."""

    type: str
    default: Any = None
    min: float = -math.inf
    max: float = math.inf
    description: str = ""

    def coerce(self, name: str, value: Any) -> Any:
        try:
            if self.type == "int":
                if isinstance(value, str):
                    f = float(value)
                else:
                    f = float(value)
                if f != int(f):
                    raise ValueError
                v: Any = int(f)
            elif self.type == "float":
                v = float(value)
                if not math.isfinite(v):
                    raise ValueError
            elif self.type == "bool":
                if isinstance(value, str):
                    if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError
                    v = value.lower() in ("true", "1", "yes")
                else:
                    v = bool(value)
            else:
                v = str(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"parameter {name!r}: expected {self.type}, got {value!r}") from None
        if self.type in ("int", "float") and not (self.min <= v <= self.max):
            raise ParameterError(
                f"parameter {name!r}: {v} is outside [{self.min}, {self.max}]")
        return v
