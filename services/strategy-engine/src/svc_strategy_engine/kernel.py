"""`StrategyRunner`: the one kernel for backtest and live.

The runner owns the deployed strategies, their positions and cash, and the orders they sent,
tracked with the order-manager's state machine (`svc_order_manager.state`). It is fed market
events (``on_bar``, ``on_quote``, ``on_signal``, ``on_timer``) and execution reports
(``on_execution``) and sends orders through an `OrderTransport`:

- backtest: `svc_strategy_engine.venue.BacktestTransport` (the risk-engine's pre-trade check
  engine in process, then the paper venue's matching engine fed from the replayed data),
  with a `BarClock` (a `SimulatedClock` that follows event time);
- live: `svc_strategy_engine.live.GrpcOrderTransport` (order-manager's SubmitOrder over gRPC;
  execution reports come back from ``order-management``), with the service's clock.

Nothing else differs, so a backtest and a live run fed the same events send the same orders.

A strategy that raises is isolated: its state becomes FAILED with the error, its working
orders are cancelled, the listener is told (the service publishes StrategyStateChanged), and
every other strategy goes on.
"""

from __future__ import annotations

import math
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from omni.order_manager.v1 import events_pb2 as ome
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni_core.clock import SimulatedClock
from svc_order_manager.state import TERMINAL, IllegalTransition, OrderState, S, apply_report

from svc_strategy_engine.model import (
    Bar,
    Fill,
    Order,
    Quote,
    Signal,
    StrategyError,
    ts_to_datetime,
)
from svc_strategy_engine.strategy import Context, Strategy

__all__ = [
    "StrategyRunner",
    "OrderTransport",
    "ExecReport",
    "BarClock",
    "DEPLOYED",
    "RUNNING",
    "PAUSED",
    "STOPPED",
    "FAILED",
    "STATE_NAMES",
]

DEPLOYED = se.STRATEGY_STATE_DEPLOYED
RUNNING = se.STRATEGY_STATE_RUNNING
PAUSED = se.STRATEGY_STATE_PAUSED
STOPPED = se.STRATEGY_STATE_STOPPED
FAILED = se.STRATEGY_STATE_FAILED
STATE_NAMES = {v.number: v.name.removeprefix("STRATEGY_STATE_")
               for v in se.StrategyState.DESCRIPTOR.values}

E_NEW = ome.EXEC_TYPE_NEW
E_PARTIAL = ome.EXEC_TYPE_PARTIAL_FILL
E_FILL = ome.EXEC_TYPE_FILL
E_CANCELLED = ome.EXEC_TYPE_CANCELLED
E_REJECTED = ome.EXEC_TYPE_REJECTED
E_EXPIRED = ome.EXEC_TYPE_EXPIRED
_ORDER_TYPES = ("market", "limit", "stop", "stop_limit")
_TIFS = ("gtc", "day", "ioc", "fok")


class ExecReport:
    """What a venue reported about one order. Same attribute names as
    `omni.order_manager.v1.ExecutionReport` (the state machine reads these), with plain
    floats and the event time in ns."""

    __slots__ = ("exec_type", "exec_id", "order_id", "client_order_id", "last_quantity",
                 "last_price", "fee", "reason", "ts", "liquidity")

    def __init__(self, exec_type: int, client_order_id: str, ts: int, exec_id: str = "",
                 last_quantity: float = 0.0, last_price: float = 0.0, fee: float = 0.0,
                 reason: str = "", order_id: str = "", liquidity: str = "taker") -> None:
        self.exec_type = exec_type
        self.client_order_id = client_order_id
        self.order_id = order_id
        self.ts = ts
        self.exec_id = exec_id
        self.last_quantity = last_quantity
        self.last_price = last_price
        self.fee = fee
        self.reason = reason
        self.liquidity = liquidity


class OrderTransport(Protocol):
    def submit(self, order: Order, now_ns: int) -> None: ...

    def cancel(self, order: Order, now_ns: int) -> None: ...


class BarClock(SimulatedClock):
    """A `SimulatedClock` that follows the runner's event time (the bar or tick being
    processed) without an await per event: ``now()`` is computed on demand."""

    def __init__(self, start: datetime | None = None) -> None:
        super().__init__(start)
        self._source: Callable[[], int] | None = None

    def bind(self, source: Callable[[], int]) -> None:
        self._source = source

    def now(self) -> datetime:
        if self._source is not None:
            ns = self._source()
            if ns:
                return ts_to_datetime(ns)
        return super().now()

    def time(self) -> float:
        return self.now().timestamp()

    def monotonic(self) -> float:
        return (self.now() - self._epoch).total_seconds()


class _Handle:
    __slots__ = ("strategy_id", "strategy", "instruments", "state", "ctx", "positions",
                 "cash", "capital", "open_orders", "pending", "error", "timer_ns",
                 "next_timer", "seq", "fees", "n_fills", "n_orders", "strategy_type")

    def __init__(self, strategy_id: str, strategy: Strategy, instruments: list[str],
                 capital: float) -> None:
        self.strategy_id = strategy_id
        self.strategy = strategy
        self.strategy_type = strategy.name
        self.instruments = instruments
        self.state = DEPLOYED
        self.positions: dict[str, float] = {}
        self.cash = capital
        self.capital = capital
        self.open_orders: dict[str, Order] = {}
        self.pending: dict[str, float] = {}
        self.error = ""
        self.timer_ns = 0
        self.next_timer = 0
        self.seq = 0
        self.fees = 0.0
        self.n_fills = 0
        self.n_orders = 0
        self.ctx: Context = None  # type: ignore[assignment]


StateListener = Callable[[_Handle, int, int, str, str], None]


class StrategyRunner:
    """Runs strategies over events; see the module docstring."""

    def __init__(self, clock: Any, transport: OrderTransport | None = None, *,
                 account_id: str = "default", record: bool = True,
                 on_state: StateListener | None = None) -> None:
        self.clock = clock
        if isinstance(clock, BarClock):
            clock.bind(lambda: self.now_ns)
        self.transport = transport
        self.account_id = account_id
        self.handles: dict[str, _Handle] = {}
        self._subs: dict[str, list[_Handle]] = {}
        self._bar_fns: dict[str, tuple[tuple[_Handle, Callable[[Bar], None]], ...]] = {}
        self._signal_subs: list[_Handle] = []
        self._timers: list[_Handle] = []
        self._next_timer = math.inf
        self.orders: dict[str, Order] = {}
        self._by_venue_id: dict[str, str] = {}
        self.last_price: dict[str, float] = {}
        self.now_ns = 0
        self.record = record
        # (ts, strategy_id, instrument, side, quantity, price, fee, order_id)
        self.fill_log: list[tuple[int, str, str, int, float, float, float, str]] = []
        # (ts, strategy_id, order_id, instrument, side, quantity, type, limit, stop)
        self.order_log: list[tuple] = []
        # recent diagnostics (bounded: a long live run does not grow memory)
        self.events: deque[tuple[int, str, str]] = deque(maxlen=1000)
        self.on_state = on_state
        # called with (handle, order) after an order went to the transport (live: publishes
        # the StrategySignal behind it)
        self.on_submit: Callable[[_Handle, Order], None] | None = None
        self.errors = 0

    # -- deployment ----------------------------------------------------------------------

    def add(self, strategy: Strategy, instruments: Iterable[str], *, strategy_id: str = "",
            capital: float = 1_000_000.0, start: bool = True) -> _Handle:
        insts = list(instruments)
        if not insts:
            raise StrategyError("a strategy needs at least one instrument")
        n = type(strategy).n_instruments
        if n is not None and len(insts) != n:
            raise StrategyError(
                f"strategy {strategy.name!r} trades exactly {n} instrument(s), got {len(insts)}")
        sid = strategy_id or f"{strategy.name}-{len(self.handles) + 1}"
        if sid in self.handles:
            raise StrategyError(f"strategy id {sid!r} is already deployed")
        h = _Handle(sid, strategy, insts, float(capital))
        h.ctx = Context(self, h)
        strategy.ctx = h.ctx
        strategy.instruments = insts
        strategy.strategy_id = sid  # type: ignore[attr-defined]
        self.handles[sid] = h
        if start:
            self.start(sid)
        return h

    def replace_strategy(self, strategy_id: str, strategy: Strategy) -> _Handle:
        """Swap in a new instance (new parameters, or a fresh start after FAILED/STOPPED);
        positions, cash and orders stay with the deployment."""
        h = self.get(strategy_id)
        h.strategy = strategy
        h.strategy_type = strategy.name
        strategy.ctx = h.ctx
        strategy.instruments = h.instruments
        strategy.strategy_id = strategy_id  # type: ignore[attr-defined]
        self._resubscribe()
        return h

    def get(self, strategy_id: str) -> _Handle:
        h = self.handles.get(strategy_id)
        if h is None:
            raise KeyError(strategy_id)
        return h

    def _set_state(self, h: _Handle, state: int, actor: str = "", reason: str = "") -> None:
        prev = h.state
        if prev == state:
            return
        h.state = state
        self._resubscribe()
        if self.on_state is not None:
            try:
                self.on_state(h, prev, state, actor, reason)
            except Exception:  # a listener never takes the kernel down
                pass

    def _resubscribe(self) -> None:
        subs: dict[str, list[_Handle]] = {}
        sig: list[_Handle] = []
        timers: list[_Handle] = []
        for h in self.handles.values():
            if h.state in (RUNNING, PAUSED):
                for i in h.instruments:
                    subs.setdefault(i, []).append(h)
                sig.append(h)
                if h.timer_ns:
                    timers.append(h)
        self._subs = subs
        self._bar_fns = {i: tuple((h, h.strategy.on_bar) for h in hs) for i, hs in subs.items()}
        self._signal_subs = sig
        self._timers = timers
        self._next_timer = min((h.next_timer for h in timers), default=math.inf)

    def start(self, strategy_id: str, actor: str = "") -> _Handle:
        h = self.get(strategy_id)
        if h.state == RUNNING:
            return h
        if h.state == FAILED:
            h.error = ""
        self._set_state(h, RUNNING, actor, "started")
        if not self._guard(h, h.strategy.on_start):
            return h
        return h

    def pause(self, strategy_id: str, actor: str = "", reason: str = "") -> _Handle:
        h = self.get(strategy_id)
        if h.state != RUNNING:
            raise StrategyError(f"strategy {strategy_id} is {STATE_NAMES[h.state]}, not RUNNING")
        self._set_state(h, PAUSED, actor, reason or "paused")
        return h

    def resume(self, strategy_id: str, actor: str = "") -> _Handle:
        h = self.get(strategy_id)
        if h.state != PAUSED:
            raise StrategyError(f"strategy {strategy_id} is {STATE_NAMES[h.state]}, not PAUSED")
        self._set_state(h, RUNNING, actor, "resumed")
        return h

    def stop(self, strategy_id: str, actor: str = "", reason: str = "", *,
             cancel_orders: bool = True, flatten: bool = False) -> _Handle:
        h = self.get(strategy_id)
        if h.state in (STOPPED,):
            return h
        if flatten:
            prev = h.state
            h.state = RUNNING  # allow the flattening orders
            for inst, q in list(h.positions.items()):
                if abs(q) > 1e-12:
                    self.submit_order(h, inst, -q - 0.0, "market", None, None, "gtc", "flatten")
            h.state = prev
        if cancel_orders:
            for o in list(h.open_orders.values()):
                self._cancel(o)
        if h.state in (RUNNING, PAUSED):
            self._guard(h, h.strategy.on_stop)
        self._set_state(h, STOPPED, actor, reason or "stopped")
        return h

    # -- failure isolation ---------------------------------------------------------------

    def _guard(self, h: _Handle, fn: Callable[..., Any], *args: Any) -> bool:
        try:
            fn(*args)
            return True
        except Exception as exc:  # noqa: BLE001
            self._fail(h, exc)
            return False

    def _fail(self, h: _Handle, exc: BaseException) -> None:
        self.errors += 1
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
        h.error = f"{type(exc).__name__}: {exc}{where}"
        for o in list(h.open_orders.values()):
            self._cancel(o)
        self._set_state(h, FAILED, "strategy-engine", h.error)

    # -- market events (the live interface; the backtest calls the same methods) ---------

    def on_bar(self, bar: Bar) -> None:
        ts = bar.ts
        self.now_ns = ts
        self.last_price[bar.instrument] = bar.close
        if ts >= self._next_timer:
            self.on_timer(ts)
        subs = self._bar_fns.get(bar.instrument)
        if subs:
            for h, fn in subs:
                try:
                    fn(bar)
                except Exception as exc:  # noqa: BLE001
                    self._fail(h, exc)

    def on_quote(self, q: Quote) -> None:
        self.now_ns = q.ts
        self.last_price[q.instrument] = 0.5 * (q.bid + q.ask)
        if q.ts >= self._next_timer:
            self.on_timer(q.ts)
        for h in self._subs.get(q.instrument, ()):
            try:
                h.strategy.on_quote(q)
            except Exception as exc:  # noqa: BLE001
                self._fail(h, exc)

    def on_signal(self, s: Signal) -> None:
        if s.ts > self.now_ns:
            self.now_ns = s.ts
        for h in self._signal_subs:
            if s.instrument in h.instruments:
                try:
                    h.strategy.on_signal(s)
                except Exception as exc:  # noqa: BLE001
                    self._fail(h, exc)

    def schedule_timer(self, h: _Handle, every_seconds: float) -> None:
        if not (every_seconds > 0):
            raise StrategyError("timer interval must be positive")
        h.timer_ns = int(every_seconds * 1e9)
        h.next_timer = (self.now_ns or 0) + h.timer_ns
        self._resubscribe()

    def on_timer(self, now_ns: int) -> None:
        if now_ns > self.now_ns:
            self.now_ns = now_ns
        for h in list(self._timers):
            while h.timer_ns and h.next_timer <= now_ns and h.state in (RUNNING, PAUSED):
                fire = h.next_timer
                h.next_timer += h.timer_ns
                try:
                    h.strategy.on_timer(fire)
                except Exception as exc:  # noqa: BLE001
                    self._fail(h, exc)
        self._next_timer = min((h.next_timer for h in self._timers
                                if h.state in (RUNNING, PAUSED)), default=math.inf)

    # -- orders --------------------------------------------------------------------------

    def submit_order(self, h: _Handle, instrument: str, quantity: float, order_type: str,
                     limit_price: float | None, stop_price: float | None, tif: str,
                     tag: str) -> Order | None:
        if not (isinstance(quantity, (int, float)) and math.isfinite(quantity)):
            raise StrategyError(f"order quantity must be a finite number, got {quantity!r}")
        if quantity == 0:
            return None
        if instrument not in h.instruments:
            raise StrategyError(
                f"strategy {h.strategy_id} may not trade {instrument!r} (not deployed on it)")
        if order_type not in _ORDER_TYPES:
            raise StrategyError(f"unknown order type {order_type!r}; one of {_ORDER_TYPES}")
        if tif not in _TIFS:
            raise StrategyError(f"unknown time in force {tif!r}; one of {_TIFS}")
        if order_type in ("limit", "stop_limit") and not (limit_price and limit_price > 0):
            raise StrategyError(f"a {order_type} order needs a positive limit_price")
        if order_type in ("stop", "stop_limit") and not (stop_price and stop_price > 0):
            raise StrategyError(f"a {order_type} order needs a positive stop_price")
        h.seq += 1
        side = 1 if quantity > 0 else -1
        qty = abs(float(quantity))
        oid = f"{h.strategy_id}-{h.seq}"
        ts = self.now_ns
        o = Order(oid, h.strategy_id, instrument, side, qty, order_type, tif, limit_price,
                  stop_price, ts, tag)
        st = OrderState(oid, S.NEW, qty)
        o.state = st
        if h.state != RUNNING or self.transport is None:
            st.move(S.REJECTED)
            o.status = S.REJECTED
            o.reason = (f"strategy is {STATE_NAMES[h.state]}" if h.state != RUNNING
                        else "no order transport")
            return o
        if self.record:
            self.order_log.append((ts, h.strategy_id, oid, instrument, side, qty, order_type,
                                   limit_price, stop_price))
        st.move(S.PENDING)
        o.status = S.PENDING
        h.n_orders += 1
        self.orders[oid] = o
        h.open_orders[oid] = o
        p = h.pending
        p[instrument] = p.get(instrument, 0.0) + side * qty
        self.transport.submit(o, ts)
        if self.on_submit is not None:
            try:
                self.on_submit(h, o)
            except Exception:  # noqa: BLE001  (a listener never takes the kernel down)
                pass
        return o

    def cancel_order(self, h: _Handle, order_id: str) -> bool:
        o = h.open_orders.get(order_id)
        if o is None:
            return False
        self._cancel(o)
        return True

    def _cancel(self, o: Order) -> None:
        if self.transport is not None and o.status not in TERMINAL:
            if o.status not in (S.PENDING_CANCEL,):
                try:
                    o.state.move(S.PENDING_CANCEL)
                    o.status = S.PENDING_CANCEL
                except IllegalTransition:
                    return
            self.transport.cancel(o, self.now_ns)

    def order_id_for_venue(self, venue_order_id: str, client_order_id: str) -> None:
        """The live transport learns the order-manager's id for one of our orders."""
        self._by_venue_id[venue_order_id] = client_order_id
        o = self.orders.get(client_order_id)
        if o is not None:
            o.venue_order_id = venue_order_id

    def on_execution(self, r: ExecReport) -> None:
        oid = r.client_order_id
        o = self.orders.get(oid)
        if o is None and r.order_id:
            cid = self._by_venue_id.get(r.order_id)
            o = self.orders.get(cid) if cid else None
        if o is None:
            return  # not one of ours (or already forgotten)
        st = o.state
        try:
            out = apply_report(st, r)
        except IllegalTransition as exc:
            self.events.append((r.ts, o.strategy_id, f"ignored report: {exc}"))
            return
        if out.ignored:
            return
        h = self.handles.get(o.strategy_id)
        if h is None:
            return
        f = out.fill
        if f is not None:
            _, q, px = f
            side = o.side
            fee = r.fee
            pos = h.positions
            inst = o.instrument
            pos[inst] = pos.get(inst, 0.0) + side * q
            h.cash -= side * q * px + fee
            h.fees += fee
            h.n_fills += 1
            h.pending[inst] = h.pending.get(inst, 0.0) - side * q
            o.filled = st.filled
            o.avg_price = st.average_price
            o.fees += fee
            if self.record:
                self.fill_log.append((r.ts, h.strategy_id, inst, side, q, px, fee, oid))
        o.status = st.status
        terminal = st.status in TERMINAL
        if terminal:
            leaves = o.quantity - o.filled
            if leaves > 1e-12:
                h.pending[o.instrument] = h.pending.get(o.instrument, 0.0) - o.side * leaves
            h.open_orders.pop(oid, None)
            self.orders.pop(oid, None)
            if o.venue_order_id:
                self._by_venue_id.pop(o.venue_order_id, None)
            if r.reason:
                o.reason = r.reason
        if h.state not in (RUNNING, PAUSED):
            return
        try:
            if f is not None:
                h.strategy.on_fill(Fill(oid, h.strategy_id, o.instrument, o.side, f[1], f[2],
                                        r.fee, r.ts, f[0], r.liquidity))
            if out.src != out.dst and (f is None or terminal and st.status != S.FILLED):
                h.strategy.on_order(o)
        except Exception as exc:  # noqa: BLE001
            self._fail(h, exc)

    def log_event(self, strategy_id: str, msg: str, **kw: Any) -> None:
        self.events.append((self.now_ns, strategy_id, msg + (f" {kw}" if kw else "")))
