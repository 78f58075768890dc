"""A price-time priority matching engine for one instrument. Pure: no I/O, no clock, no Kafka.

The engine holds two kinds of liquidity at each price level:

* **external** liquidity: the size shown by the (simulated or real) market's L2 book, set with
  :meth:`MatchingEngine.set_level` / :meth:`MatchingEngine.set_book` from snapshots and deltas;
* **resting orders** submitted to this engine (paper orders), in arrival order.

At one price the external size is ahead of every resting order (it was in the queue first);
resting orders keep strict FIFO among themselves. Price priority always comes first. External
size consumed by an order stays consumed until the next snapshot or delta for that level.
When the external book moves through a resting order (an external ask at or below a resting
bid, or the reverse) the resting order is filled as maker at its own limit price against that
external size.

Order types: MARKET, LIMIT, STOP, STOP_LIMIT. Time in force: IOC, FOK, GTC, DAY.
Stop orders trigger on the last trade price (fills here or :meth:`on_trade`) and on the quote
(a buy stop when the best ask reaches the stop price, a sell stop when the best bid does);
once triggered they enter the book as MARKET or LIMIT orders with a new time priority.
Market orders never rest: what cannot be filled at once is cancelled.

Prices are floats on the wire and integers (ticks) inside; quantities are floats compared with
a small tolerance; fees are :class:`~decimal.Decimal`. Results depend only on the inputs, so a
backtest and the paper venue replaying the same inputs get the same fills.
"""

from __future__ import annotations

import enum
import random
from bisect import bisect_left, insort
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = [
    "EPS",
    "BookWalk",
    "ExecKind",
    "FeeSchedule",
    "Fill",
    "LatencyModel",
    "Liquidity",
    "MatchingEngine",
    "Order",
    "OrderStatus",
    "OrderType",
    "Report",
    "Side",
    "TimeInForce",
    "walk_levels",
]

EPS = 1e-9
_FEE_QUANTUM = Decimal("0.00000001")
_ZERO = Decimal("0")


class Side(enum.IntEnum):
    BUY = 1
    SELL = 2


class OrderType(enum.IntEnum):
    MARKET = 1
    LIMIT = 2
    STOP = 3
    STOP_LIMIT = 4


class TimeInForce(enum.IntEnum):
    DAY = 1
    GTC = 2
    IOC = 3
    FOK = 4


class OrderStatus(enum.IntEnum):
    PENDING_TRIGGER = 1  # a stop order waiting for its trigger
    ACCEPTED = 3
    PARTIALLY_FILLED = 4
    FILLED = 5
    CANCELLED = 7
    REJECTED = 10
    EXPIRED = 11


TERMINAL = frozenset(
    {OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED, OrderStatus.EXPIRED}
)


class Liquidity(enum.IntEnum):
    MAKER = 1
    TAKER = 2


class ExecKind(enum.IntEnum):
    NEW = 1
    PARTIAL_FILL = 2
    FILL = 3
    CANCELLED = 4
    REJECTED = 5
    EXPIRED = 6
    TRIGGERED = 10


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """Fees as a fraction of notional (e.g. Decimal("0.0002") = 2 bp). Negative maker = rebate."""

    maker: Decimal = Decimal("0")
    taker: Decimal = Decimal("0")
    currency: str = "USD"

    def fee(self, price: float, quantity: float, liquidity: Liquidity) -> Decimal:
        rate = self.maker if liquidity is Liquidity.MAKER else self.taker
        if not rate:
            return _ZERO
        notional = Decimal(repr(price)) * Decimal(repr(quantity))
        return (notional * rate).quantize(_FEE_QUANTUM, rounding=ROUND_HALF_EVEN)

    def fee_dec(self, price: Decimal, quantity: float, liquidity: Liquidity) -> Decimal:
        """As :meth:`fee` with the price already a Decimal (the engine caches them per tick)."""
        rate = self.maker if liquidity is Liquidity.MAKER else self.taker
        if not rate:
            return _ZERO
        q = Decimal(int(quantity)) if quantity == int(quantity) else Decimal(repr(quantity))
        return (price * q * rate).quantize(_FEE_QUANTUM, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
class LatencyModel:
    """Deterministic venue latency: a fixed part plus an exponential-ish jitter, drawn from a
    seeded generator. ``delay(i)`` is the one-way latency (seconds) of the i-th message, the
    same for the same seed whatever else happened in between."""

    base_s: float = 0.0005
    jitter_s: float = 0.0002
    seed: int = 0

    def delay(self, index: int) -> float:
        if self.jitter_s <= 0:
            return self.base_s
        rnd = random.Random(self.seed * 1_000_003 + index)
        return self.base_s + rnd.expovariate(1.0 / self.jitter_s)

    def expected(self) -> float:
        return self.base_s + max(self.jitter_s, 0.0)


class Order:
    """An order inside the engine. ``quantity`` is the original size; ``filled`` grows."""

    __slots__ = (
        "order_id",
        "side",
        "quantity",
        "order_type",
        "tif",
        "limit_price",
        "stop_price",
        "owner",
        "filled",
        "notional",
        "fees",
        "status",
        "seq",
        "ticks",
        "reason",
        "triggered",
        "ts",
    )

    def __init__(
        self,
        order_id: str,
        side: Side,
        quantity: float,
        order_type: OrderType = OrderType.LIMIT,
        tif: TimeInForce = TimeInForce.GTC,
        limit_price: float | None = None,
        stop_price: float | None = None,
        owner: str = "",
    ) -> None:
        self.order_id = order_id
        self.side = side
        self.quantity = float(quantity)
        self.order_type = order_type
        self.tif = tif
        self.limit_price = limit_price
        self.stop_price = stop_price
        self.owner = owner
        self.filled = 0.0
        self.notional = 0.0
        self.fees = Decimal("0")
        self.status = OrderStatus.ACCEPTED
        self.seq = 0
        self.ticks = 0
        self.reason = ""
        self.triggered = False
        self.ts = 0.0

    @property
    def leaves(self) -> float:
        if self.status in TERMINAL:
            return 0.0
        rest = self.quantity - self.filled
        return rest if rest > EPS else 0.0

    @property
    def average_price(self) -> float:
        return self.notional / self.filled if self.filled > EPS else 0.0

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    def __repr__(self) -> str:
        return (
            f"Order({self.order_id!r}, {self.side.name}, {self.quantity}, {self.order_type.name}, "
            f"{self.tif.name}, limit={self.limit_price}, stop={self.stop_price}, "
            f"filled={self.filled}, status={self.status.name})"
        )


@dataclass(slots=True)
class Fill:
    fill_id: str
    order_id: str
    side: Side
    price: float
    quantity: float
    liquidity: Liquidity
    fee: Decimal
    fee_currency: str
    # The other side: a resting order id, or "" for external (market) liquidity.
    counter_order_id: str
    ts: float


@dataclass(slots=True)
class Report:
    """One thing that happened to one order (FIX ExecutionReport in miniature)."""

    kind: ExecKind
    order_id: str
    owner: str
    status: OrderStatus
    filled: float
    leaves: float
    average_price: float
    fill: Fill | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class BookWalk:
    """What taking ``requested`` from a list of levels would do."""

    requested: float
    filled: float
    notional: float
    levels: int
    worst_price: float

    @property
    def average_price(self) -> float:
        return self.notional / self.filled if self.filled > EPS else 0.0


def walk_levels(
    levels: Iterable[tuple[float, float]], quantity: float, limit: float | None, side: Side
) -> BookWalk:
    """Walk opposite-side levels (best first) to take ``quantity`` for an order of ``side``,
    not beyond ``limit`` (None = market)."""
    need = quantity
    notional = 0.0
    n = 0
    worst = 0.0
    for price, size in levels:
        if need <= EPS:
            break
        if limit is not None:
            if side is Side.BUY and price > limit + EPS:
                break
            if side is Side.SELL and price < limit - EPS:
                break
        if size <= EPS:
            continue
        take = size if size < need else need
        notional += take * price
        need -= take
        n += 1
        worst = price
    filled = quantity - need if need > EPS else quantity
    return BookWalk(quantity, filled, notional, n, worst)


class _Level:
    __slots__ = ("external", "orders")

    def __init__(self) -> None:
        self.external = 0.0
        self.orders: deque[Order] = deque()

    def total(self) -> float:
        return self.external + sum(o.quantity - o.filled for o in self.orders)


class _BookSide:
    """Levels of one side keyed by integer ticks; ``prices`` sorted ascending."""

    __slots__ = ("levels", "prices", "is_bid")

    def __init__(self, is_bid: bool) -> None:
        self.levels: dict[int, _Level] = {}
        self.prices: list[int] = []
        self.is_bid = is_bid

    def best(self) -> int | None:
        if not self.prices:
            return None
        return self.prices[-1] if self.is_bid else self.prices[0]

    def get_or_add(self, ticks: int) -> _Level:
        lvl = self.levels.get(ticks)
        if lvl is None:
            lvl = _Level()
            self.levels[ticks] = lvl
            insort(self.prices, ticks)
        return lvl

    def remove(self, ticks: int) -> None:
        if self.levels.pop(ticks, None) is not None:
            i = bisect_left(self.prices, ticks)
            del self.prices[i]

    def iter_best(self) -> Iterable[int]:
        return reversed(self.prices) if self.is_bid else iter(self.prices)


@dataclass(slots=True)
class _Ids:
    prefix: str
    n: int = 0

    def next(self) -> str:
        self.n += 1
        return f"{self.prefix}{self.n}"


@dataclass(slots=True)
class EngineStats:
    orders: int = 0
    fills: int = 0
    rejects: int = 0
    book_updates: int = 0
    volume: float = 0.0
    fees: Decimal = field(default_factory=lambda: Decimal("0"))


class MatchingEngine:
    """Matching for one instrument. Every call takes the event time ``ts`` (seconds); the
    engine never reads a clock."""

    def __init__(
        self,
        instrument: str,
        tick_size: float = 0.01,
        lot_size: float = 0.0,
        fees: FeeSchedule | None = None,
        min_quantity: float = 0.0,
        fill_id_prefix: str | None = None,
    ) -> None:
        if tick_size <= 0:
            raise ValueError("tick_size must be positive")
        self.instrument = instrument
        self.tick_size = float(tick_size)
        self.lot_size = float(lot_size)
        self.min_quantity = float(min_quantity)
        self.fees = fees or FeeSchedule()
        self._decimals = max(0, -Decimal(repr(self.tick_size)).normalize().as_tuple().exponent)
        self.bids = _BookSide(True)
        self.asks = _BookSide(False)
        self.orders: dict[str, Order] = {}
        self._stops: list[Order] = []
        self._seq = 0
        self._fill_ids = _Ids(fill_id_prefix if fill_id_prefix is not None else f"{instrument}-F")
        self.last_price: float | None = None
        self.stats = EngineStats()
        self._px_dec: dict[float, Decimal] = {}

    # ------------------------------------------------------------------ prices

    def to_ticks(self, price: float) -> int | None:
        """Integer ticks of ``price``, or None when it is not on the tick grid."""
        t = round(price / self.tick_size)
        if abs(t * self.tick_size - price) > 1e-9 * max(1.0, abs(price)):
            return None
        return t

    def to_price(self, ticks: int) -> float:
        return round(ticks * self.tick_size, self._decimals)

    def best_bid(self) -> float | None:
        b = self.bids.best()
        return None if b is None else self.to_price(b)

    def best_ask(self) -> float | None:
        a = self.asks.best()
        return None if a is None else self.to_price(a)

    def mid(self) -> float | None:
        b, a = self.bids.best(), self.asks.best()
        if b is None or a is None:
            return None
        return (b + a) * self.tick_size / 2.0

    def depth(self, side: Side, n: int = 10) -> list[tuple[float, float]]:
        """Top ``n`` levels of one side (external + resting), best first."""
        book = self.bids if side is Side.BUY else self.asks
        out: list[tuple[float, float]] = []
        for t in book.iter_best():
            size = book.levels[t].total()
            if size > EPS:
                out.append((self.to_price(t), size))
                if len(out) >= n:
                    break
        return out

    def estimate(self, side: Side, quantity: float, limit: float | None = None) -> BookWalk:
        """What a taker order would get now, without changing anything."""
        book = self.asks if side is Side.BUY else self.bids
        levels = ((self.to_price(t), book.levels[t].total()) for t in book.iter_best())
        return walk_levels(levels, quantity, limit, side)

    # ------------------------------------------------------------- market data

    def set_book(
        self,
        bids: Sequence[tuple[float, float]],
        asks: Sequence[tuple[float, float]],
        ts: float = 0.0,
    ) -> list[Report]:
        """Replace all external liquidity with a snapshot (levels as (price, size))."""
        for side in (self.bids, self.asks):
            for t in list(side.prices):
                lvl = side.levels[t]
                lvl.external = 0.0
                if not lvl.orders:
                    side.remove(t)
        for p, s in bids:
            self._set_external(self.bids, p, s)
        for p, s in asks:
            self._set_external(self.asks, p, s)
        self.stats.book_updates += 1
        return self._after_book_change(ts)

    def set_level(self, side: Side, price: float, size: float, ts: float = 0.0) -> list[Report]:
        """Apply one L2 delta: the external size at ``price`` on ``side`` is now ``size``."""
        book = self.bids if side is Side.BUY else self.asks
        self._set_external(book, price, size)
        self.stats.book_updates += 1
        if self.orders:
            return self._after_book_change(ts)
        return []

    def _set_external(self, book: _BookSide, price: float, size: float) -> None:
        t = round(price / self.tick_size)
        lvl = book.levels.get(t)
        if size <= EPS:
            if lvl is not None:
                lvl.external = 0.0
                if not lvl.orders:
                    book.remove(t)
            return
        if lvl is None:
            lvl = book.get_or_add(t)
        lvl.external = size

    def on_trade(self, price: float, ts: float = 0.0) -> list[Report]:
        """An external trade printed at ``price``: updates the last price, may trigger stops."""
        self.last_price = price
        if self._stops:
            return self._check_stops(ts)
        return []

    def _after_book_change(self, ts: float) -> list[Report]:
        reports: list[Report] = []
        if self._stops:
            reports.extend(self._check_stops(ts))
        self._cross_resting(Side.BUY, ts, reports)
        self._cross_resting(Side.SELL, ts, reports)
        return reports

    def _cross_resting(self, side: Side, ts: float, reports: list[Report]) -> None:
        """Fill resting orders of ``side`` that external liquidity on the other side now
        reaches; each is maker at its own price."""
        own = self.bids if side is Side.BUY else self.asks
        other = self.asks if side is Side.BUY else self.bids
        while own.prices and other.prices:
            ob = own.best()
            xb = other.best()
            assert ob is not None and xb is not None
            if (side is Side.BUY and xb > ob) or (side is Side.SELL and xb < ob):
                return
            olvl = own.levels[ob]
            if not olvl.orders:
                return  # only external size here; two external sides are the market's business
            xlvl = other.levels[xb]
            if xlvl.external <= EPS:
                # Resting orders of both sides crossing cannot happen: they matched on entry.
                return
            order = olvl.orders[0]
            take = min(order.quantity - order.filled, xlvl.external)
            xlvl.external -= take
            if xlvl.external <= EPS:
                xlvl.external = 0.0
                if not xlvl.orders:
                    other.remove(xb)
            price = self.to_price(ob)
            self._fill(order, price, take, Liquidity.MAKER, "", ts, reports)
            if order.status is OrderStatus.FILLED:
                olvl.orders.popleft()
                if not olvl.orders and olvl.external <= EPS:
                    own.remove(ob)

    # ------------------------------------------------------------------ orders

    def validate(self, order: Order) -> str:
        """Why ``order`` cannot be accepted, or "" when it can."""
        q = order.quantity
        if not q == q or q <= EPS:
            return "quantity must be positive"
        if order.order_id in self.orders:
            return f"duplicate order id {order.order_id}"
        if self.min_quantity and q < self.min_quantity - EPS:
            return f"quantity below minimum {self.min_quantity}"
        if self.lot_size:
            lots = round(q / self.lot_size)
            if abs(lots * self.lot_size - q) > 1e-9 * max(1.0, q):
                return f"quantity {q} is not a multiple of the lot size {self.lot_size}"
        ot = order.order_type
        if ot in (OrderType.LIMIT, OrderType.STOP_LIMIT):
            if order.limit_price is None or order.limit_price <= 0:
                return "limit price required and must be positive"
            if self.to_ticks(order.limit_price) is None:
                return f"limit price {order.limit_price} is not on the tick size {self.tick_size}"
        elif order.limit_price not in (None, 0, 0.0):
            return f"{ot.name} order must not carry a limit price"
        if ot in (OrderType.STOP, OrderType.STOP_LIMIT):
            if order.stop_price is None or order.stop_price <= 0:
                return "stop price required and must be positive"
            if self.to_ticks(order.stop_price) is None:
                return f"stop price {order.stop_price} is not on the tick size {self.tick_size}"
        return ""

    def submit(self, order: Order, ts: float = 0.0) -> list[Report]:
        """Accept (or reject) and match ``order``; returns every report it caused, including
        the fills of resting orders it traded with."""
        self.stats.orders += 1
        reason = self.validate(order)
        order.ts = ts
        if reason:
            order.status = OrderStatus.REJECTED
            order.reason = reason
            self.stats.rejects += 1
            return [self._report(ExecKind.REJECTED, order, None, reason)]
        if order.order_type is OrderType.LIMIT:
            order.limit_price = float(order.limit_price)  # type: ignore[arg-type]
        self._seq += 1
        order.seq = self._seq
        self.orders[order.order_id] = order
        reports: list[Report] = []
        if order.order_type in (OrderType.STOP, OrderType.STOP_LIMIT):
            order.status = OrderStatus.PENDING_TRIGGER
            reports.append(self._report(ExecKind.NEW, order))
            if self._stop_hit(order):
                self._stops.append(order)
                reports.extend(self._check_stops(ts))
            else:
                self._stops.append(order)
            return reports
        order.status = OrderStatus.ACCEPTED
        reports.append(self._report(ExecKind.NEW, order))
        self._execute(order, ts, reports)
        if self._stops and self.last_price is not None:
            reports.extend(self._check_stops(ts))
        return reports

    def cancel(self, order_id: str, ts: float = 0.0, reason: str = "cancelled") -> list[Report]:
        order = self.orders.get(order_id)
        if order is None or order.is_terminal:
            why = "unknown order" if order is None else f"order is {order.status.name}"
            return [
                Report(
                    ExecKind.REJECTED,
                    order_id,
                    "" if order is None else order.owner,
                    OrderStatus.REJECTED if order is None else order.status,
                    0.0 if order is None else order.filled,
                    0.0,
                    0.0 if order is None else order.average_price,
                    None,
                    why,
                )
            ]
        self._unlink(order)
        order.status = OrderStatus.CANCELLED
        order.reason = reason
        return [self._report(ExecKind.CANCELLED, order, None, reason)]

    def expire_day_orders(self, ts: float = 0.0) -> list[Report]:
        """End of the trading session: every DAY order still open expires."""
        out: list[Report] = []
        for order in list(self.orders.values()):
            if order.tif is TimeInForce.DAY and not order.is_terminal:
                self._unlink(order)
                order.status = OrderStatus.EXPIRED
                order.reason = "end of day"
                out.append(self._report(ExecKind.EXPIRED, order, None, "end of day"))
        return out

    def open_orders(self) -> list[Order]:
        return [o for o in self.orders.values() if not o.is_terminal]

    def forget_terminal(self) -> int:
        """Drop terminal orders from the id index (bounded memory on long runs)."""
        dead = [k for k, o in self.orders.items() if o.is_terminal]
        for k in dead:
            del self.orders[k]
        return len(dead)

    # ---------------------------------------------------------------- internals

    def _report(
        self, kind: ExecKind, order: Order, fill: Fill | None = None, reason: str = ""
    ) -> Report:
        return Report(
            kind,
            order.order_id,
            order.owner,
            order.status,
            order.filled,
            order.leaves,
            order.average_price,
            fill,
            reason,
        )

    def _unlink(self, order: Order) -> None:
        if order.status is OrderStatus.PENDING_TRIGGER:
            try:
                self._stops.remove(order)
            except ValueError:
                pass
            return
        book = self.bids if order.side is Side.BUY else self.asks
        lvl = book.levels.get(order.ticks)
        if lvl is not None:
            try:
                lvl.orders.remove(order)
            except ValueError:
                return
            if not lvl.orders and lvl.external <= EPS:
                book.remove(order.ticks)

    def _stop_hit(self, order: Order) -> bool:
        stop = order.stop_price
        assert stop is not None
        last = self.last_price
        if order.side is Side.BUY:
            a = self.asks.best()
            return (last is not None and last >= stop - EPS) or (
                a is not None and a * self.tick_size >= stop - EPS
            )
        b = self.bids.best()
        return (last is not None and last <= stop + EPS) or (
            b is not None and b * self.tick_size <= stop + EPS
        )

    def _check_stops(self, ts: float) -> list[Report]:
        reports: list[Report] = []
        # Triggering can move the last price and trigger more stops: loop until quiet.
        while True:
            hit = [o for o in self._stops if self._stop_hit(o)]
            if not hit:
                return reports
            hit.sort(key=lambda o: o.seq)
            for order in hit:
                self._stops.remove(order)
                order.triggered = True
                self._seq += 1
                order.seq = self._seq
                order.status = OrderStatus.ACCEPTED
                reports.append(self._report(ExecKind.TRIGGERED, order))
                self._execute(order, ts, reports)

    def _available(self, order: Order, limit_ticks: int | None) -> float:
        book = self.asks if order.side is Side.BUY else self.bids
        need = order.quantity - order.filled
        got = 0.0
        for t in book.iter_best():
            if limit_ticks is not None:
                if order.side is Side.BUY and t > limit_ticks:
                    break
                if order.side is Side.SELL and t < limit_ticks:
                    break
            got += book.levels[t].total()
            if got >= need - EPS:
                break
        return got

    def _execute(self, order: Order, ts: float, reports: list[Report]) -> None:
        is_market = order.order_type in (OrderType.MARKET, OrderType.STOP)
        limit_ticks: int | None = None
        if not is_market:
            limit_ticks = round(order.limit_price / self.tick_size)  # type: ignore[operator]
        order.ticks = limit_ticks or 0
        if order.tif is TimeInForce.FOK:
            if self._available(order, limit_ticks) < order.quantity - order.filled - EPS:
                order.status = OrderStatus.CANCELLED
                order.reason = "FOK: not enough liquidity to fill the whole quantity"
                reports.append(self._report(ExecKind.CANCELLED, order, None, order.reason))
                return
        self._take(order, limit_ticks, ts, reports)
        if order.status is OrderStatus.FILLED:
            return
        if is_market or order.tif in (TimeInForce.IOC, TimeInForce.FOK):
            order.status = OrderStatus.CANCELLED
            order.reason = (
                "no more liquidity for the market order" if is_market else "IOC remainder cancelled"
            )
            reports.append(self._report(ExecKind.CANCELLED, order, None, order.reason))
            return
        book = self.bids if order.side is Side.BUY else self.asks
        book.get_or_add(order.ticks).orders.append(order)

    def _take(
        self, order: Order, limit_ticks: int | None, ts: float, reports: list[Report]
    ) -> None:
        buy = order.side is Side.BUY
        book = self.asks if buy else self.bids
        prices = book.prices
        levels = book.levels
        while prices:
            t = prices[0] if buy else prices[-1]
            if limit_ticks is not None and (
                (buy and t > limit_ticks) or (not buy and t < limit_ticks)
            ):
                return
            lvl = levels[t]
            price = self.to_price(t)
            if lvl.external > EPS:
                need = order.quantity - order.filled
                take = lvl.external if lvl.external < need else need
                lvl.external -= take
                if lvl.external <= EPS:
                    lvl.external = 0.0
                self._fill(order, price, take, Liquidity.TAKER, "", ts, reports)
                if order.status is OrderStatus.FILLED:
                    if lvl.external <= 0.0 and not lvl.orders:
                        book.remove(t)
                    return
            q = lvl.orders
            while q:
                maker = q[0]
                need = order.quantity - order.filled
                avail = maker.quantity - maker.filled
                take = avail if avail < need else need
                self._fill(maker, price, take, Liquidity.MAKER, order.order_id, ts, reports)
                self._fill(order, price, take, Liquidity.TAKER, maker.order_id, ts, reports)
                if maker.status is OrderStatus.FILLED:
                    q.popleft()
                if order.status is OrderStatus.FILLED:
                    if not q and lvl.external <= 0.0:
                        book.remove(t)
                    return
            book.remove(t)

    def _fill(
        self,
        order: Order,
        price: float,
        qty: float,
        liq: Liquidity,
        counter: str,
        ts: float,
        reports: list[Report],
    ) -> None:
        pd = self._px_dec.get(price)
        if pd is None:
            pd = self._px_dec[price] = Decimal(repr(price))
        fee = self.fees.fee_dec(pd, qty, liq)
        order.filled += qty
        order.notional += qty * price
        order.fees += fee
        done = order.quantity - order.filled <= EPS
        if done:
            order.filled = order.quantity
            order.status = OrderStatus.FILLED
        else:
            order.status = OrderStatus.PARTIALLY_FILLED
        fill = Fill(
            self._fill_ids.next(),
            order.order_id,
            order.side,
            price,
            qty,
            liq,
            fee,
            self.fees.currency,
            counter,
            ts,
        )
        self.last_price = price
        st = self.stats
        st.fills += 1
        st.volume += qty
        st.fees += fee
        reports.append(
            Report(
                ExecKind.FILL if done else ExecKind.PARTIAL_FILL,
                order.order_id,
                order.owner,
                order.status,
                order.filled,
                order.leaves,
                order.average_price,
                fill,
                "",
            )
        )
