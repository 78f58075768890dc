"""The backtest's order transport: the live order path, in process.

``submit`` runs the risk-engine's pre-trade check engine (`svc_risk_engine.engine.RiskEngine`,
the module the risk-engine service answers CheckOrder with); an approved order reaches the
paper venue's matching engine (`omni_quant.matching.MatchingEngine`, what broker-gateway's
paper venue runs) after the latency model's delay, at the first market event after it
arrives. Reports go back to the runner's ``on_execution`` exactly as live reports do.

Fill model for bars (orders are decided on a bar's close, so they meet the next bar):

- at the bar's open the book is rebuilt around the open: best bid/ask at open -/+ (half
  spread + slippage) in bps, rounded outward to the tick, ``levels`` levels ``level_step_bps``
  apart, each with ``participation * volume / levels`` (or ``default_level_size`` when the
  data has no volume): a large order walks the book and a market order's remainder beyond
  the book is cancelled (partial fills);
- orders still working after the open see the bar's path (open, low, high, close when the
  bar closed up; open, high, low, close when it closed down): at each point the book is
  rebuilt around it and the point is printed as a trade, so limit orders fill as makers at
  their price when the market reaches them and stops trigger on the path;
- fees are the matching engine's `FeeSchedule` (bps of notional, taker / maker).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from omni.common.v1 import types_pb2 as ct
from omni.order_manager.v1 import events_pb2 as ome
from omni.risk_engine.v1 import risk_engine_service_pb2 as rpb
from omni_quant.matching import (
    ExecKind,
    FeeSchedule,
    MatchingEngine,
    OrderType,
    Side,
    TimeInForce,
)
from omni_quant.matching import Order as MOrder

from svc_strategy_engine.kernel import ExecReport, StrategyRunner
from svc_strategy_engine.model import Bar, Order, Quote

__all__ = ["FillModel", "BacktestTransport", "RISK_AVAILABLE"]

try:  # the risk-engine's pure pre-trade check module
    from svc_risk_engine.engine import RiskEngine

    RISK_AVAILABLE = True
except ImportError:  # pragma: no cover
    RiskEngine = None  # type: ignore[assignment,misc]
    RISK_AVAILABLE = False

_OT = {"market": OrderType.MARKET, "limit": OrderType.LIMIT, "stop": OrderType.STOP,
       "stop_limit": OrderType.STOP_LIMIT}
_TIF = {"gtc": TimeInForce.GTC, "day": TimeInForce.DAY, "ioc": TimeInForce.IOC,
        "fok": TimeInForce.FOK}
_PB_OT = {"market": ct.ORDER_TYPE_MARKET, "limit": ct.ORDER_TYPE_LIMIT,
          "stop": ct.ORDER_TYPE_STOP, "stop_limit": ct.ORDER_TYPE_STOP_LIMIT}
_EXEC = {
    ExecKind.NEW: ome.EXEC_TYPE_NEW,
    ExecKind.PARTIAL_FILL: ome.EXEC_TYPE_PARTIAL_FILL,
    ExecKind.FILL: ome.EXEC_TYPE_FILL,
    ExecKind.CANCELLED: ome.EXEC_TYPE_CANCELLED,
    ExecKind.REJECTED: ome.EXEC_TYPE_REJECTED,
    ExecKind.EXPIRED: ome.EXEC_TYPE_EXPIRED,
}
DAY_NS = 86_400 * 1_000_000_000


@dataclass(frozen=True, slots=True)
class FillModel:
    fee_bps: float = 1.0
    maker_fee_bps: float | None = None
    spread_bps: float = 2.0
    slippage_bps: float = 1.0
    levels: int = 3
    level_step_bps: float = 5.0
    participation: float = 0.1
    default_level_size: float = 1e12
    tick_size: float = 0.01
    latency_s: float = 0.0005
    latency_jitter_s: float = 0.0002
    seed: int = 0
    margin_rate: float = 1.0

    def fees(self) -> FeeSchedule:
        t = Decimal(repr(self.fee_bps)) / Decimal(10_000)
        m = t if self.maker_fee_bps is None else Decimal(repr(self.maker_fee_bps)) / Decimal(
            10_000)
        return FeeSchedule(maker=m, taker=t)


class _Inst:
    __slots__ = ("engine", "queue", "working", "tick", "last_day")

    def __init__(self, engine: MatchingEngine, tick: float) -> None:
        self.engine = engine
        self.queue: list[tuple[int, Order]] = []  # (arrival ns, order)
        self.working: dict[str, Order] = {}
        self.tick = tick
        self.last_day = -1


class BacktestTransport:
    """Risk check + latency + matching engine, fed by the backtest's data loop."""

    def __init__(self, runner: StrategyRunner, model: FillModel, *, capital: float,
                 account_id: str = "backtest", tick_sizes: dict[str, float] | None = None,
                 limits: rpb.LimitSet | None = None, use_risk: bool = True) -> None:
        self.runner = runner
        self.model = model
        self.account_id = account_id
        self.tick_sizes = tick_sizes or {}
        self._rng = np.random.default_rng(model.seed)
        self._lat: list[int] = []
        self._fees = model.fees()
        self.insts: dict[str, _Inst] = {}
        self.busy: set[str] = set()  # instruments with queued or working orders
        hs = model.spread_bps / 2e4 + model.slippage_bps / 1e4
        self._up = 1.0 + hs
        self._dn = 1.0 - hs
        self._step = model.level_step_bps / 1e4
        self.risk = None
        self.risk_rejections = 0
        if use_risk and RISK_AVAILABLE:
            self.risk = RiskEngine(runner.clock, pending_ttl=math.inf)
            acct = rpb.RiskAccount(account_id=account_id, initial_margin_rate=model.margin_rate)
            acct.starting_equity.value = repr(float(capital))
            self.risk.set_account(acct)
            if limits is not None:
                limits.account_id = account_id
                self.risk.set_limits(limits)
        self.last_close: dict[str, float] = {}
        # where reports go: the runner (a test may route them through the wire format)
        self.report_sink = runner.on_execution

    def _delay_ns(self) -> int:
        """One-way latency of the next message: base + exponential jitter (the
        `LatencyModel`'s distribution), drawn in blocks from a generator seeded by the model's
        seed, so runs are reproducible."""
        if not self._lat:
            m = self.model
            if m.latency_jitter_s > 0:
                draws = self._rng.exponential(m.latency_jitter_s, 4096) + m.latency_s
            else:
                draws = np.full(4096, m.latency_s)
            self._lat = (draws * 1e9).astype(np.int64).tolist()[::-1]
        return self._lat.pop()

    def _inst(self, instrument: str) -> _Inst:
        st = self.insts.get(instrument)
        if st is None:
            tick = self.tick_sizes.get(instrument, self.model.tick_size)
            st = _Inst(MatchingEngine(instrument, tick_size=tick, fees=self._fees,
                                      fill_id_prefix=f"{instrument}-F"), tick)
            self.insts[instrument] = st
        return st

    # -- transport -----------------------------------------------------------------------

    def submit(self, order: Order, now_ns: int) -> None:
        inst = order.instrument
        px = self.runner.last_price.get(inst, 0.0)
        risk = self.risk
        if risk is not None:
            if px > 0:
                risk.update_price(inst, px)
            req = rpb.CheckOrderRequest(
                order_id=order.order_id, client_order_id=order.order_id,
                account_id=self.account_id, strategy_id=order.strategy_id,
                side=ct.SIDE_BUY if order.side > 0 else ct.SIDE_SELL,
                order_type=_PB_OT[order.order_type], quantity=order.quantity,
                limit_price=order.limit_price or 0.0, stop_price=order.stop_price or 0.0,
                reference_price=px, multiplier=1.0)
            req.instrument_id.value = inst
            try:
                out = risk.check(req)
            except ValueError as exc:
                self._reject(order, now_ns, f"risk: {exc}")
                return
            if not out.approved:
                self.risk_rejections += 1
                self._reject(order, now_ns, "risk: " + "; ".join(
                    f"{f.rule}: {f.message}" for f in out.failures))
                return
            # the approval itself registers the order as open (pending) in the risk engine
        arrival = now_ns + self._delay_ns()
        st = self._inst(inst)
        st.queue.append((arrival, order))
        self.busy.add(inst)

    def cancel(self, order: Order, now_ns: int) -> None:
        st = self.insts.get(order.instrument)
        if st is None:
            return
        for i, (_, o) in enumerate(st.queue):
            if o is order:  # not at the venue yet: cancelled before it arrives
                del st.queue[i]
                self._closed(order)
                self.report_sink(ExecReport(ome.EXEC_TYPE_CANCELLED, order.order_id,
                                            now_ns, reason="cancelled before arrival"))
                self._maybe_idle(order.instrument, st)
                return
        if order.order_id in st.working:
            self._emit(st.engine.cancel(order.order_id, now_ns / 1e9), st, now_ns)
            self._maybe_idle(order.instrument, st)

    def _reject(self, order: Order, ts: int, reason: str) -> None:
        self.report_sink(ExecReport(ome.EXEC_TYPE_REJECTED, order.order_id, ts,
                                    reason=reason))

    def _closed(self, order: Order) -> None:
        if self.risk is not None:
            self.risk.order_closed(order.order_id)

    def _maybe_idle(self, instrument: str, st: _Inst) -> None:
        if not st.queue and not st.working:
            self.busy.discard(instrument)

    # -- market data ---------------------------------------------------------------------

    def _book(self, eng: MatchingEngine, tick: float, px: float, size: float, ts: float) -> list:
        bid_t = math.floor(px * self._dn / tick + 1e-9)
        ask_t = math.ceil(px * self._up / tick - 1e-9)
        if ask_t < bid_t:  # (zero spread: a locked book at the price is fine)
            ask_t = bid_t
        n = self.model.levels
        if n == 1:
            return eng.set_book([(bid_t * tick, size)], [(ask_t * tick, size)], ts)
        step = max(1, round(px * self._step / tick))
        bids = [((bid_t - k * step) * tick, size) for k in range(n)]
        asks = [((ask_t + k * step) * tick, size) for k in range(n)]
        return eng.set_book(bids, asks, ts)

    def on_bar(self, bar: Bar) -> None:
        """Called before the runner sees ``bar``: queued orders meet the bar's open, working
        orders its path."""
        inst = bar.instrument
        st = self.insts[inst]
        eng = st.engine
        tick = st.tick
        m = self.model
        vol = bar.volume
        size = (m.participation * vol / m.levels) if vol > 0 else m.default_level_size
        if size <= 0:
            size = m.default_level_size
        ts = bar.ts
        tsf = ts / 1e9
        day = ts // DAY_NS
        if st.working and day != st.last_day and st.last_day >= 0:
            self._emit(eng.expire_day_orders(tsf), st, ts)
        st.last_day = day
        self._emit(self._book(eng, tick, bar.open, size, tsf), st, ts)
        eng.on_trade(bar.open, tsf)
        if st.queue:
            ready = [(a, o) for a, o in st.queue if a < ts]
            st.queue = [(a, o) for a, o in st.queue if a >= ts]
            for _, o in ready:
                mo = MOrder(o.order_id, Side.BUY if o.side > 0 else Side.SELL, o.quantity,
                            _OT[o.order_type], _TIF[o.tif], o.limit_price, o.stop_price,
                            o.strategy_id)
                st.working[o.order_id] = o
                self._emit(eng.submit(mo, tsf), st, ts)
        if st.working:
            path = ((bar.low, bar.high) if bar.close >= bar.open else (bar.high, bar.low)) + (
                bar.close,)
            for p in path:
                if not st.working:
                    break
                self._emit(self._book(eng, tick, p, size, tsf), st, ts)
                self._emit(eng.on_trade(p, tsf), st, ts)
        if len(eng.orders) > 64:
            eng.forget_terminal()
        self._maybe_idle(inst, st)

    def on_quote(self, q: Quote) -> None:
        """Tick mode: the book is the quote (its own spread and sizes; no synthetic spread or
        slippage); queued orders that have arrived meet it, resting orders cross when the
        quote reaches them, stops trigger on the touch."""
        st = self.insts[q.instrument]
        eng = st.engine
        ts = q.ts
        tsf = ts / 1e9
        size = self.model.default_level_size
        self._emit(eng.set_book([(q.bid, q.bid_size or size)], [(q.ask, q.ask_size or size)],
                                tsf), st, ts)
        if st.queue:
            ready = [(a, o) for a, o in st.queue if a < ts]
            st.queue = [(a, o) for a, o in st.queue if a >= ts]
            for _, o in ready:
                mo = MOrder(o.order_id, Side.BUY if o.side > 0 else Side.SELL, o.quantity,
                            _OT[o.order_type], _TIF[o.tif], o.limit_price, o.stop_price,
                            o.strategy_id)
                st.working[o.order_id] = o
                self._emit(eng.submit(mo, tsf), st, ts)
        if len(eng.orders) > 64:
            eng.forget_terminal()
        self._maybe_idle(q.instrument, st)

    def _emit(self, reports: list, st: _Inst, ts: int) -> None:
        if not reports:
            return
        sink = self.report_sink
        risk = self.risk
        for rep in reports:
            kind = rep.kind
            et = _EXEC.get(kind)
            if et is None:
                continue  # TRIGGERED: the stop became a market/limit order
            oid = rep.order_id
            fill = rep.fill
            if fill is not None:
                fee = float(fill.fee)
                if risk is not None:
                    order = st.working.get(oid)
                    if order is not None:
                        risk.apply_fill(fill.fill_id, self.account_id, order.strategy_id,
                                        st.engine.instrument, ct.SIDE_BUY if order.side > 0
                                        else ct.SIDE_SELL, fill.quantity, fill.price, fee, oid)
                er = ExecReport(et, oid, ts, fill.fill_id, fill.quantity, fill.price, fee,
                                rep.reason, liquidity="maker" if fill.liquidity == 1 else "taker")
            else:
                er = ExecReport(et, oid, ts, f"{oid}-{int(kind)}", reason=rep.reason)
            if rep.leaves <= 0 and kind != ExecKind.NEW:
                order = st.working.pop(oid, None)
                if order is not None:
                    self._closed(order)
            elif risk is not None and fill is not None:
                order = st.working.get(oid)
                if order is not None:
                    risk.order_open(oid, self.account_id, order.strategy_id,
                                    st.engine.instrument, ct.SIDE_BUY if order.side > 0
                                    else ct.SIDE_SELL, rep.leaves,
                                    order.limit_price or fill.price)
            sink(er)
