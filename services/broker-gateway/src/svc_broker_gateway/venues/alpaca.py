"""Alpaca (paper and live) through alpaca-py's TradingClient. The client is synchronous
(requests), so every call runs in a worker thread with a deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal

import requests
import urllib3
from alpaca.common.exceptions import APIError
from alpaca.trading.client import TradingClient
from alpaca.trading.enums import OrderSide, QueryOrderStatus
from alpaca.trading.enums import TimeInForce as ATif
from alpaca.trading.requests import (
    GetOrdersRequest,
    LimitOrderRequest,
    MarketOrderRequest,
    StopLimitOrderRequest,
    StopOrderRequest,
)
from omni_quant.matching import FeeSchedule
from pydantic import ValidationError

from .base import (
    InstrumentSpec,
    OrderRequest,
    Status,
    Venue,
    VenueGarbage,
    VenueOrder,
    VenuePosition,
    VenueRejected,
    VenueTimeout,
    VenueUnavailable,
)

_STATUS = {
    "new": Status.NEW,
    "accepted": Status.NEW,
    "pending_new": Status.NEW,
    "accepted_for_bidding": Status.NEW,
    "held": Status.NEW,
    "pending_cancel": Status.NEW,
    "pending_replace": Status.NEW,
    "calculated": Status.NEW,
    "stopped": Status.NEW,
    "suspended": Status.NEW,
    "partially_filled": Status.PARTIALLY_FILLED,
    "filled": Status.FILLED,
    "done_for_day": Status.EXPIRED,
    "canceled": Status.CANCELLED,
    "expired": Status.EXPIRED,
    "replaced": Status.CANCELLED,
    "rejected": Status.REJECTED,
}
_TIF = {"day": ATif.DAY, "gtc": ATif.GTC, "ioc": ATif.IOC, "fok": ATif.FOK}


class AlpacaVenue(Venue):
    kind = "alpaca"

    def __init__(
        self,
        name: str,
        api_key: str,
        secret_key: str,
        instruments: Sequence[InstrumentSpec],
        paper: bool = True,
        url_override: str | None = None,
        fees: FeeSchedule | None = None,
        expected_latency_s: float = 0.03,
        timeout_s: float = 5.0,
        stream_url: str | None = None,
        stream: bool = False,
    ) -> None:
        self.name = name
        self.fees = fees or FeeSchedule()
        self.expected_latency_s = expected_latency_s
        self.timeout_s = timeout_s
        self.instruments = {s.instrument_id: s for s in instruments}
        self._by_symbol = {s.symbol: s.instrument_id for s in instruments}
        self.client = TradingClient(api_key, secret_key, paper=paper, url_override=url_override)
        # Failover is the gateway's job: no blocking retries (alpaca-py sleeps 3 s per retry).
        self.client._retry = 0
        self.client._retry_wait = 0
        # trade_updates over the websocket: fills and closes arrive without polling (polling
        # stays as the safety net: the gateway syncs open orders and reconciles periodically).
        self._stream_on = stream
        self._stream_args = (api_key, secret_key, paper, stream_url)
        self._stream = None
        self._stream_task: asyncio.Task | None = None
        self._sinks: list = []

    def subscribe(self, sink) -> None:
        self._sinks.append(sink)

    async def start(self) -> None:
        if not self._stream_on or self._stream_task is not None:
            return
        from alpaca.trading.stream import TradingStream

        key, secret, paper, url = self._stream_args
        self._stream = TradingStream(key, secret, paper=paper, url_override=url)
        self._stream.subscribe_trade_updates(self._on_trade_update)
        self._stream_task = asyncio.get_running_loop().create_task(self._stream._run_forever())

    async def close(self) -> None:
        if self._stream is not None:
            await self._stream.stop_ws()
            await self._stream.close()
        if self._stream_task is not None:
            self._stream_task.cancel()
            try:
                await self._stream_task
            except (asyncio.CancelledError, Exception):
                pass
            self._stream_task = None

    async def _on_trade_update(self, update) -> None:
        try:
            view = self._view(update.order)
        except VenueGarbage:
            return  # the next poll or reconciliation picks the order up
        for sink in self._sinks:
            sink(self.name, view)

    async def _call(self, fn, *args):
        try:
            return await asyncio.wait_for(asyncio.to_thread(fn, *args), self.timeout_s)
        except TimeoutError as exc:
            raise VenueTimeout(f"{self.name}: no answer in {self.timeout_s}s") from exc
        except APIError as exc:
            status = exc.status_code
            if status is not None and status >= 500:
                raise VenueUnavailable(f"{self.name}: HTTP {status}: {exc}") from exc
            if status == 404:
                raise VenueRejected(f"{self.name}: not found: {exc}") from exc
            raise VenueRejected(f"{self.name}: {exc}") from exc
        except requests.ConnectionError as exc:
            reason = getattr(exc.args[0], "reason", None) if exc.args else None
            if isinstance(exc, requests.ConnectTimeout) or isinstance(
                reason, urllib3.exceptions.NewConnectionError
            ):
                raise VenueUnavailable(f"{self.name}: connection failed: {exc}") from exc
            # the connection broke after the request went out: it may have been acted on
            raise VenueTimeout(f"{self.name}: connection lost mid-request: {exc}") from exc
        except requests.Timeout as exc:
            raise VenueTimeout(f"{self.name}: {exc}") from exc
        except (ValidationError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VenueGarbage(f"{self.name}: unreadable answer: {exc}") from exc

    def _request(self, r: OrderRequest):
        spec = self.instruments.get(r.instrument_id)
        if spec is None:
            raise VenueRejected(f"unknown instrument {r.instrument_id}")
        common = dict(
            symbol=spec.symbol,
            qty=r.quantity,
            side=OrderSide.BUY if r.side == "buy" else OrderSide.SELL,
            time_in_force=_TIF[r.time_in_force],
            client_order_id=r.client_order_id,
        )
        if r.order_type == "market":
            return MarketOrderRequest(**common)
        if r.order_type == "limit":
            return LimitOrderRequest(limit_price=r.limit_price, **common)
        if r.order_type == "stop":
            return StopOrderRequest(stop_price=r.stop_price, **common)
        return StopLimitOrderRequest(limit_price=r.limit_price, stop_price=r.stop_price, **common)

    def _view(self, o) -> VenueOrder:
        try:
            inst = self._by_symbol.get(o.symbol, o.symbol)
            status = o.status.value if hasattr(o.status, "value") else str(o.status)
            return VenueOrder(
                client_order_id=o.client_order_id,
                venue_order_id=str(o.id),
                instrument_id=inst,
                side=o.side.value if o.side is not None else "",
                quantity=float(o.qty or 0),
                status=_STATUS[status],
                filled=float(o.filled_qty or 0),
                average_price=float(o.filled_avg_price or 0),
                fees=Decimal("0"),
            )
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise VenueGarbage(f"{self.name}: unreadable order: {exc}") from exc

    async def submit(self, request: OrderRequest) -> VenueOrder:
        req = self._request(request)
        return self._view(await self._call(self.client.submit_order, req))

    async def cancel(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder:
        if not venue_order_id:
            found = await self.get_order(client_order_id, "", instrument_id)
            if found is None:
                raise VenueRejected(f"unknown order {client_order_id}")
            venue_order_id = found.venue_order_id
        await self._call(self.client.cancel_order_by_id, venue_order_id)
        return self._view(await self._call(self.client.get_order_by_id, venue_order_id))

    async def get_order(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder | None:
        try:
            o = await self._call(self.client.get_order_by_client_id, client_order_id)
        except VenueRejected as exc:
            if "not found" in str(exc):
                return None
            raise
        return self._view(o)

    async def open_orders(self) -> list[VenueOrder]:
        got = await self._call(
            self.client.get_orders, GetOrdersRequest(status=QueryOrderStatus.OPEN, limit=500)
        )
        return [self._view(o) for o in got]

    async def positions(self) -> list[VenuePosition]:
        got = await self._call(self.client.get_all_positions)
        out = []
        for p in got:
            q = float(p.qty)
            out.append(
                VenuePosition(self._by_symbol.get(p.symbol, p.symbol), q, float(p.avg_entry_price))
            )
        return out

    async def account(self):
        return await self._call(self.client.get_account)
