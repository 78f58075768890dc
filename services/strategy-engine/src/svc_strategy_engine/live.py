"""The live side of the kernel: conversions from the wire (market-data Bars, signal-engine
signals, broker-gateway ExecutionReports) to the runner's types, and the order transport to
order-manager over gRPC (omni.order_manager.v1.OrderManagerService/SubmitOrder, CancelOrder).

The transport is synchronous towards the runner (``submit`` returns at once) and sends each
call as its own task, so the orders of one bar (every instrument's bars close together) are
checked and booked side by side rather than one round trip after another; a cancel waits for
its own order's submit. Order-manager's answer maps its order id to ours, and a rejection
(risk, validation) comes back to the runner as a REJECTED report. Fills and other
reports arrive on ``order-management`` as ExecutionReports and go to ``runner.on_execution``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from omni.common.v1 import types_pb2 as ct
from omni.market_data.v1 import events_pb2 as mde
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.clients import ServiceClients

from svc_strategy_engine.kernel import ExecReport, StrategyRunner
from svc_strategy_engine.model import Bar, Order, Quote, Signal

__all__ = ["bar_from_proto", "bar_to_proto", "report_from_proto", "signal_from_proto",
           "quote_from_proto", "report_to_proto", "GrpcOrderTransport", "RecordingTransport"]

_OT = {"market": ct.ORDER_TYPE_MARKET, "limit": ct.ORDER_TYPE_LIMIT, "stop": ct.ORDER_TYPE_STOP,
       "stop_limit": ct.ORDER_TYPE_STOP_LIMIT}
_TIF = {"gtc": ct.TIME_IN_FORCE_GTC, "day": ct.TIME_IN_FORCE_DAY, "ioc": ct.TIME_IN_FORCE_IOC,
        "fok": ct.TIME_IN_FORCE_FOK}


def _ns(ts: Any) -> int:
    return ts.seconds * 1_000_000_000 + ts.nanos


def bar_from_proto(b: mde.Bar) -> Bar:
    end = _ns(b.end) if b.HasField("end") else _ns(b.start)
    return Bar(b.instrument_id.value, end, b.open, b.high, b.low, b.close, b.volume)


def bar_to_proto(bar: Bar, timeframe: str = "1d") -> mde.Bar:
    p = mde.Bar(timeframe=timeframe, open=bar.open, high=bar.high, low=bar.low,
                close=bar.close, volume=bar.volume, source="replay")
    p.instrument_id.value = bar.instrument
    p.end.seconds, p.end.nanos = divmod(int(bar.ts), 1_000_000_000)
    p.start.CopyFrom(p.end)
    return p


def quote_from_proto(q: mde.Quote) -> Quote:
    return Quote(q.instrument_id.value, _ns(q.time), q.bid, q.ask, q.bid_size, q.ask_size)


def signal_from_proto(ev: Any) -> Signal:
    """IndicatorSignal, ScoredSignal or StrategySignal to a `Signal`."""
    inst = ev.instrument_id.value
    ts = _ns(ev.event_time)
    name = getattr(ev, "indicator", "") or type(ev).__name__
    values = dict(getattr(ev, "values", {}) or {})
    value = float(getattr(ev, "score", 0.0) or next(iter(values.values()), 0.0))
    return Signal(inst, ts, name, value, float(getattr(ev, "strength", 0.0) or 0.0), values)


def report_from_proto(er: ome.ExecutionReport) -> ExecReport:
    fee = float(er.fee.value) if er.fee.value else 0.0
    return ExecReport(er.exec_type, er.client_order_id, _ns(er.event_time), er.exec_id,
                      er.last_quantity, er.last_price, fee, er.reason, er.order_id,
                      "maker" if er.liquidity == ct.LIQUIDITY_MAKER else "taker")


def report_to_proto(r: ExecReport, account_id: str = "") -> ome.ExecutionReport:
    er = ome.ExecutionReport(account_id=account_id, exec_id=r.exec_id, exec_type=r.exec_type,
                             order_id=r.order_id, client_order_id=r.client_order_id,
                             last_quantity=r.last_quantity, last_price=r.last_price,
                             reason=r.reason,
                             liquidity=ct.LIQUIDITY_MAKER if r.liquidity == "maker"
                             else ct.LIQUIDITY_TAKER)
    er.fee.value = repr(r.fee)
    er.event_time.seconds, er.event_time.nanos = divmod(int(r.ts), 1_000_000_000)
    return er


class RecordingTransport:
    """Records every order and cancel; optionally forwards to another transport (tests,
    dry runs)."""

    def __init__(self, inner: Any = None) -> None:
        self.inner = inner
        self.submitted: list[Order] = []
        self.cancelled: list[str] = []

    def submit(self, order: Order, now_ns: int) -> None:
        self.submitted.append(order)
        if self.inner is not None:
            self.inner.submit(order, now_ns)

    def cancel(self, order: Order, now_ns: int) -> None:
        self.cancelled.append(order.order_id)
        if self.inner is not None:
            self.inner.cancel(order, now_ns)


class GrpcOrderTransport:
    def __init__(self, runner: StrategyRunner, address: str, *,
                 account_of: Callable[[str], str], timeout: float = 5.0,
                 log: Any = None, max_in_flight: int = 16) -> None:
        self.runner = runner
        self.clients = ServiceClients(["order-manager"], {"order-manager": address},
                                      timeout=timeout)
        self.account_of = account_of
        self.log = log
        self._slots = asyncio.Semaphore(max_in_flight)
        self._calls: set[asyncio.Task[None]] = set()
        self._submitting: dict[str, asyncio.Task[None]] = {}  # our order id -> its SubmitOrder
        self._started = False
        self.sent = 0
        self.failed = 0

    def start(self) -> None:
        if not self._started:
            self.clients.connect()  # the first order does not wait for the handshakes
            self._started = True

    async def close(self) -> None:
        calls, self._calls = list(self._calls), set()
        for task in calls:
            task.cancel()
        for task in calls:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._submitting.clear()
        self._started = False
        await self.clients.close()

    @property
    def in_flight(self) -> int:
        return len(self._calls)

    def submit(self, order: Order, now_ns: int) -> None:
        task = self._call("submit", order, now_ns, after=None)
        self._submitting[order.order_id] = task
        task.add_done_callback(lambda t, oid=order.order_id: self._submitting.pop(oid, None)
                               if self._submitting.get(oid) is t else None)

    def cancel(self, order: Order, now_ns: int) -> None:
        self._call("cancel", order, now_ns, after=self._submitting.get(order.order_id))

    def _call(self, kind: str, order: Order, ts: int,
              after: asyncio.Task[None] | None) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._run(kind, order, ts, after))
        self._calls.add(task)
        task.add_done_callback(self._calls.discard)
        return task

    async def _run(self, kind: str, order: Order, ts: int,
                   after: asyncio.Task[None] | None) -> None:
        if after is not None:  # a cancel goes after its order's submit has been answered
            with contextlib.suppress(Exception):
                await asyncio.shield(after)
        async with self._slots:
            try:
                if kind == "submit":
                    await self._submit(order, ts)
                else:
                    await self._cancel(order, ts)
            except Exception as exc:  # noqa: BLE001  (a failed send rejects the order)
                self.failed += 1
                if self.log is not None:
                    self.log.warning("order transport failed", order=order.order_id,
                                     error=str(exc))
                if kind == "submit":
                    self.runner.on_execution(ExecReport(
                        ome.EXEC_TYPE_REJECTED, order.order_id, ts,
                        reason=f"order-manager unreachable: {type(exc).__name__}"))

    async def _submit(self, o: Order, ts: int) -> None:
        req = om.SubmitOrderRequest(
            client_order_id=o.order_id, account_id=self.account_of(o.strategy_id),
            strategy_id=o.strategy_id, side=ct.SIDE_BUY if o.side > 0 else ct.SIDE_SELL,
            order_type=_OT[o.order_type], time_in_force=_TIF[o.tif], quantity=o.quantity,
            limit_price=o.limit_price or 0.0, stop_price=o.stop_price or 0.0)
        req.instrument_id.value = o.instrument
        if o.tag:
            req.tags["signal_id"] = o.tag
        resp = await self.clients.call("order-manager", "SubmitOrder", req)
        self.sent += 1
        order = resp.order
        if order.order_id:
            self.runner.order_id_for_venue(order.order_id, o.order_id)
        if order.status == om.ORDER_STATUS_REJECTED:
            self.runner.on_execution(ExecReport(ome.EXEC_TYPE_REJECTED, o.order_id, ts,
                                                reason=order.reject_reason or "rejected"))

    async def _cancel(self, o: Order, ts: int) -> None:
        req = om.CancelOrderRequest(account_id=self.account_of(o.strategy_id),
                                    order_id=o.venue_order_id, client_order_id=o.order_id,
                                    reason="strategy cancel")
        await self.clients.call("order-manager", "CancelOrder", req)
