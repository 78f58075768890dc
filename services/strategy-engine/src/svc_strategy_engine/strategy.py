"""The strategy API.

A strategy subclasses `Strategy`, declares its parameters in ``params`` and implements any of
``on_start``, ``on_bar``, ``on_quote``, ``on_signal``, ``on_fill``, ``on_order``,
``on_timer``, ``on_stop``. The runner gives it ``self.ctx`` (a `Context`): positions, cash,
equity, the clock, and the order API (``submit``/``buy``/``sell``/``target``/``cancel``).

The same object runs in a backtest and live: the runner (`svc_strategy_engine.kernel`) is the
same, only the clock, the data source and the order transport differ. A strategy must only
use what it has been given (bars so far, its own state, the context), so it cannot look
ahead; strategies keep incremental state (`RollingWindow`) instead of re-reading history.

    class Crossover(Strategy):
        name = "my_cross"
        params = {"fast": Param("int", 10, 1, 500), "slow": Param("int", 30, 2, 2000)}

        def on_bar(self, bar):
            ...
            self.ctx.target(bar.instrument, 100 if fast > slow else 0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from svc_strategy_engine.model import (
    Bar,
    Fill,
    Order,
    Param,
    ParameterError,
    Quote,
    Signal,
    UnknownStrategy,
)

if TYPE_CHECKING:
    from svc_strategy_engine.kernel import StrategyRunner, _Handle

__all__ = ["Strategy", "Context", "RollingWindow", "REGISTRY", "register", "create",
           "get_strategy_class"]


class RollingWindow:
    """A fixed-size window of floats with O(1) running sum and sum of squares."""

    __slots__ = ("n", "buf", "i", "count", "sum", "sumsq")

    def __init__(self, n: int) -> None:
        if n < 1:
            raise ParameterError(f"window length must be >= 1, got {n}")
        self.n = n
        self.buf = [0.0] * n
        self.i = 0
        self.count = 0
        self.sum = 0.0
        self.sumsq = 0.0

    def push(self, x: float) -> None:
        i = self.i
        old = self.buf[i]
        self.buf[i] = x
        self.i = i + 1 if i + 1 < self.n else 0
        if self.count < self.n:
            self.count += 1
            self.sum += x
            self.sumsq += x * x
        else:
            self.sum += x - old
            self.sumsq += x * x - old * old

    @property
    def full(self) -> bool:
        return self.count == self.n

    @property
    def mean(self) -> float:
        return self.sum / self.count if self.count else math.nan

    @property
    def std(self) -> float:
        c = self.count
        if c < 2:
            return math.nan
        m = self.sum / c
        var = max(0.0, self.sumsq / c - m * m) * c / (c - 1)
        return math.sqrt(var)

    def values(self) -> np.ndarray:
        """Oldest first."""
        if self.count < self.n:
            return np.array(self.buf[: self.count])
        return np.array(self.buf[self.i:] + self.buf[: self.i])

    def max(self) -> float:
        return max(self.buf) if self.full else max(self.buf[: self.count])

    def min(self) -> float:
        return min(self.buf) if self.full else min(self.buf[: self.count])


class Context:
    """What a strategy sees of the world: its positions, cash, equity, the clock, and the
    order API. One per deployed strategy; created by the runner."""

    __slots__ = ("runner", "handle", "strategy_id", "_positions")

    def __init__(self, runner: StrategyRunner, handle: _Handle) -> None:
        self.runner = runner
        self.handle = handle
        self.strategy_id = handle.strategy_id
        self._positions = handle.positions

    # -- state ---------------------------------------------------------------------------

    def position(self, instrument: str) -> float:
        return self._positions.get(instrument, 0.0)

    @property
    def positions(self) -> Mapping[str, float]:
        return self._positions

    @property
    def cash(self) -> float:
        return self.handle.cash

    @property
    def equity(self) -> float:
        h = self.handle
        last = self.runner.last_price
        return h.cash + sum(q * last.get(i, 0.0) for i, q in h.positions.items())

    @property
    def clock(self) -> Any:
        return self.runner.clock

    @property
    def now(self) -> datetime:
        return self.runner.clock.now()

    @property
    def now_ns(self) -> int:
        return self.runner.now_ns

    def last_price(self, instrument: str) -> float:
        return self.runner.last_price.get(instrument, math.nan)

    def open_orders(self, instrument: str | None = None) -> list[Order]:
        return [o for o in self.handle.open_orders.values()
                if instrument is None or o.instrument == instrument]

    def pending_quantity(self, instrument: str) -> float:
        """Signed quantity of this strategy's working orders on ``instrument``."""
        return self.handle.pending.get(instrument, 0.0)

    def log(self, msg: str, **kw: Any) -> None:
        self.runner.log_event(self.strategy_id, msg, **kw)

    # -- orders --------------------------------------------------------------------------

    def submit(self, instrument: str, quantity: float, *, order_type: str = "market",
               limit_price: float | None = None, stop_price: float | None = None,
               tif: str = "gtc", tag: str = "") -> Order | None:
        """Submit an order for a signed ``quantity`` (positive buys, negative sells). Returns
        the order (possibly already REJECTED, with ``reason``) or None for a zero quantity."""
        return self.runner.submit_order(self.handle, instrument, quantity, order_type,
                                        limit_price, stop_price, tif, tag)

    def buy(self, instrument: str, quantity: float, **kw: Any) -> Order | None:
        return self.submit(instrument, abs(quantity), **kw)

    def sell(self, instrument: str, quantity: float, **kw: Any) -> Order | None:
        return self.submit(instrument, -abs(quantity), **kw)

    def target(self, instrument: str, quantity: float, **kw: Any) -> Order | None:
        """Move the position (plus working orders) to ``quantity``: submits the difference."""
        h = self.handle
        cur = h.positions.get(instrument, 0.0) + h.pending.get(instrument, 0.0)
        delta = quantity - cur
        if abs(delta) < 1e-9:
            return None
        return self.runner.submit_order(h, instrument, delta, kw.get("order_type", "market"),
                                        kw.get("limit_price"), kw.get("stop_price"),
                                        kw.get("tif", "gtc"), kw.get("tag", ""))

    def target_percent(self, instrument: str, fraction: float, *, lot: float = 1.0,
                       **kw: Any) -> Order | None:
        """Target a position worth ``fraction`` of the strategy's equity at the last price,
        rounded down to whole ``lot``s."""
        px = self.runner.last_price.get(instrument, 0.0)
        if not px > 0:
            return None
        units = math.floor(abs(fraction) * self.equity / px / lot) * lot
        return self.target(instrument, math.copysign(units, fraction) if units else 0.0, **kw)

    def cancel(self, order_id: str) -> bool:
        return self.runner.cancel_order(self.handle, order_id)

    def cancel_all(self, instrument: str | None = None) -> int:
        n = 0
        for o in self.open_orders(instrument):
            n += self.cancel(o.order_id)
        return n

    def schedule_timer(self, every_seconds: float) -> None:
        """Call ``on_timer`` every ``every_seconds`` of event time."""
        self.runner.schedule_timer(self.handle, every_seconds)


class Strategy:
    """Base class of every strategy. Parameters arrive validated as attributes."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}
    # Signals consumed, e.g. "IndicatorSignal:RSI"; bars are always delivered.
    inputs: ClassVar[list[str]] = []
    # How many instruments the strategy trades (None = any number).
    n_instruments: ClassVar[int | None] = None

    ctx: Context

    def __init__(self, **params: Any) -> None:
        self.parameters = self.validate_params(params)
        for k, v in self.parameters.items():
            setattr(self, k, v)
        self.instruments: list[str] = []

    @classmethod
    def validate_params(cls, params: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(params) - set(cls.params))
        if unknown:
            raise ParameterError(
                f"strategy {cls.name!r}: unknown parameter(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(cls.params)) or '(none)'}")
        out: dict[str, Any] = {}
        for k, spec in cls.params.items():
            if k in params and params[k] is not None:
                out[k] = spec.coerce(k, params[k])
            elif spec.default is None:
                raise ParameterError(f"strategy {cls.name!r}: missing required parameter {k!r}")
            else:
                out[k] = spec.default
        cls.check_params(out)
        return out

    @classmethod
    def check_params(cls, p: dict[str, Any]) -> None:
        """Cross-parameter rules (override); raise ParameterError."""

    # -- callbacks (all optional) --------------------------------------------------------

    def on_start(self) -> None:
        pass

    def on_bar(self, bar: Bar) -> None:
        pass

    def on_quote(self, quote: Quote) -> None:
        pass

    def on_signal(self, signal: Signal) -> None:
        pass

    def on_fill(self, fill: Fill) -> None:
        pass

    def on_order(self, order: Order) -> None:
        """An order changed status (accepted, rejected, cancelled, expired)."""

    def on_timer(self, now_ns: int) -> None:
        pass

    def on_stop(self) -> None:
        pass


REGISTRY: dict[str, type[Strategy]] = {}


def register(cls: type[Strategy]) -> type[Strategy]:
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    REGISTRY[cls.name] = cls
    return cls


def get_strategy_class(name: str) -> type[Strategy]:
    import svc_strategy_engine.strategies  # noqa: F401  (fills the registry)

    cls = REGISTRY.get(name)
    if cls is None:
        raise UnknownStrategy(
            f"unknown strategy {name!r}; known: {', '.join(sorted(REGISTRY))}")
    return cls


def create(name: str, params: Mapping[str, Any] | None = None) -> Strategy:
    return get_strategy_class(name)(**dict(params or {}))
