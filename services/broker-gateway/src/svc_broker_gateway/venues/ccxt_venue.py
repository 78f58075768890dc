"""Crypto exchanges through ccxt (async). Tested with binance spot against a fake server."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal

import aiohttp
import ccxt.async_support as ccxt_async
from ccxt.base import errors as cx
from omni_quant.matching import FeeSchedule

from .base import (
    InstrumentSpec,
    Levels,
    OrderRequest,
    Status,
    Venue,
    VenueFill,
    VenueGarbage,
    VenueOrder,
    VenuePosition,
    VenueRejected,
    VenueTimeout,
    VenueUnavailable,
)

_STATUS = {
    "open": Status.NEW,
    "canceling": Status.NEW,
    "closed": Status.FILLED,
    "canceled": Status.CANCELLED,
    "cancelled": Status.CANCELLED,
    "expired": Status.EXPIRED,
    "rejected": Status.REJECTED,
}


class CcxtVenue(Venue):
    kind = "ccxt"

    def __init__(
        self,
        name: str,
        exchange_id: str,
        instruments: Sequence[InstrumentSpec],
        api_key: str = "",
        secret: str = "",
        urls: dict | None = None,
        options: dict | None = None,
        fees: FeeSchedule | None = None,
        expected_latency_s: float = 0.05,
        timeout_s: float = 5.0,
    ) -> None:
        self.name = name
        self.fees = fees or FeeSchedule(Decimal("0.001"), Decimal("0.001"), "USDT")
        self.expected_latency_s = expected_latency_s
        self.timeout_s = timeout_s
        self.instruments = {s.instrument_id: s for s in instruments}
        self._by_symbol = {s.symbol: s.instrument_id for s in instruments}
        cls = getattr(ccxt_async, exchange_id)
        config: dict = {
            "apiKey": api_key,
            "secret": secret,
            "enableRateLimit": False,
            "timeout": int(timeout_s * 1000),
            "options": {"fetchCurrencies": False, "fetchMargins": False, **(options or {})},
        }
        if exchange_id == "binance":
            config["options"].setdefault("fetchMarkets", {"types": ["spot"]})
        self.exchange = cls(config)
        if urls:
            self.exchange.urls["api"] = {**self.exchange.urls["api"], **urls}
        self._markets_loaded = False
        # ccxt turns a body that is not JSON into empty results (an empty book, no orders):
        # refuse it here so a venue answering garbage trips its breaker instead.
        original = self.exchange.on_rest_response

        def checked(code, reason, url, method, headers, body, *rest):
            body = original(code, reason, url, method, headers, body, *rest)
            if 200 <= int(code) < 300 and body and self.exchange.parse_json(body) is None:
                raise cx.BadResponse(
                    f"{self.name}: {method} {url}: body is not JSON: {str(body)[:80]!r}"
                )
            return body

        self.exchange.on_rest_response = checked

    async def close(self) -> None:
        await self.exchange.close()

    async def _call(self, coro_fn, *args, **kw):
        try:
            if not self._markets_loaded:
                await asyncio.wait_for(self.exchange.load_markets(), self.timeout_s)
                self._markets_loaded = True
            return await asyncio.wait_for(coro_fn(*args, **kw), self.timeout_s)
        except (TimeoutError, cx.RequestTimeout) as exc:
            raise VenueTimeout(f"{self.name}: {exc}") from exc
        except (
            cx.OrderNotFound,
            cx.InvalidOrder,
            cx.InsufficientFunds,
            cx.BadRequest,
            cx.BadSymbol,
            cx.AuthenticationError,
            cx.PermissionDenied,
        ) as exc:
            raise VenueRejected(f"{self.name}: {exc}") from exc
        except cx.BadResponse as exc:
            raise VenueGarbage(f"{self.name}: unreadable answer: {exc}") from exc
        except cx.NetworkError as exc:
            if isinstance(exc.__cause__, aiohttp.ClientConnectorError) or exc.__cause__ is None:
                # could not connect, or the venue said it is unavailable (5xx): not acted on
                raise VenueUnavailable(f"{self.name}: {exc}") from exc
            # the connection broke after the request went out: it may have been acted on
            raise VenueTimeout(f"{self.name}: connection lost mid-request: {exc!r}") from exc
        except cx.ExchangeError as exc:
            if isinstance(exc.__cause__, aiohttp.ClientError):
                raise VenueTimeout(f"{self.name}: transport error mid-request: {exc!r}") from exc
            raise VenueRejected(f"{self.name}: {exc}") from exc
        except (VenueRejected, VenueGarbage):
            raise
        except Exception as exc:  # ccxt choking on an answer it cannot parse
            raise VenueGarbage(f"{self.name}: unreadable answer: {exc!r}") from exc

    def _symbol(self, instrument_id: str) -> str:
        spec = self.instruments.get(instrument_id)
        if spec is None:
            raise VenueRejected(f"unknown instrument {instrument_id}")
        return spec.symbol

    def _view(self, o: dict, client_order_id: str = "") -> VenueOrder:
        try:
            status = _STATUS[o["status"]] if o.get("status") else Status.NEW
            filled = float(o.get("filled") or 0.0)
            amount = float(o.get("amount") or 0.0)
            if status is Status.NEW and filled > 0:
                status = Status.PARTIALLY_FILLED
            fills = [
                VenueFill(
                    str(t.get("id")),
                    float(t["price"]),
                    float(t["amount"]),
                    Decimal(str((t.get("fee") or {}).get("cost") or 0)),
                    (t.get("fee") or {}).get("currency") or self.fees.currency,
                    t.get("takerOrMaker") == "maker",
                    (t.get("timestamp") or 0) / 1000.0,
                )
                for t in (o.get("trades") or [])
            ]
            fee = sum((f.fee for f in fills), Decimal("0"))
            return VenueOrder(
                client_order_id=o.get("clientOrderId") or client_order_id,
                venue_order_id=str(o["id"]),
                instrument_id=self._by_symbol.get(o.get("symbol"), o.get("symbol") or ""),
                side=o.get("side") or "",
                quantity=amount,
                status=status,
                filled=filled,
                average_price=float(o.get("average") or 0.0),
                fees=fee,
                fills=fills,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise VenueGarbage(f"{self.name}: unreadable order: {exc!r}") from exc

    async def submit(self, request: OrderRequest) -> VenueOrder:
        symbol = self._symbol(request.instrument_id)
        params: dict = {"clientOrderId": request.client_order_id}
        otype = request.order_type
        price = request.limit_price
        if otype in ("stop", "stop_limit"):
            params["stopPrice"] = request.stop_price
            otype = "STOP_LOSS_LIMIT" if otype == "stop_limit" else "STOP_LOSS"
        if request.time_in_force != "day" and otype != "market":
            params["timeInForce"] = request.time_in_force.upper()
        o = await self._call(
            self.exchange.create_order, symbol, otype, request.side, request.quantity, price, params
        )
        return self._view(o, request.client_order_id)

    async def cancel(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder:
        symbol = self._symbol(instrument_id)
        if venue_order_id:
            o = await self._call(self.exchange.cancel_order, venue_order_id, symbol)
        else:
            o = await self._call(
                self.exchange.cancel_order, None, symbol, {"origClientOrderId": client_order_id}
            )
        return self._view(o, client_order_id)

    async def get_order(
        self, client_order_id: str, venue_order_id: str, instrument_id: str
    ) -> VenueOrder | None:
        symbol = self._symbol(instrument_id)
        try:
            if venue_order_id:
                o = await self._call(self.exchange.fetch_order, venue_order_id, symbol)
            else:
                o = await self._call(
                    self.exchange.fetch_order, None, symbol, {"origClientOrderId": client_order_id}
                )
        except VenueRejected as exc:
            if "not exist" in str(exc).lower() or "not found" in str(exc).lower():
                return None
            raise
        return self._view(o, client_order_id)

    async def open_orders(self) -> list[VenueOrder]:
        out: list[VenueOrder] = []
        for spec in self.instruments.values():
            got = await self._call(self.exchange.fetch_open_orders, spec.symbol)
            out.extend(self._view(o) for o in got)
        return out

    async def positions(self) -> list[VenuePosition]:
        bal = await self._call(self.exchange.fetch_balance)
        out = []
        for spec in self.instruments.values():
            base = spec.symbol.split("/")[0]
            total = (bal.get("total") or {}).get(base)
            if total:
                out.append(VenuePosition(spec.instrument_id, float(total), 0.0))
        return out

    async def book(self, instrument_id: str, depth: int = 20) -> tuple[Levels, Levels] | None:
        ob = await self._call(self.exchange.fetch_order_book, self._symbol(instrument_id), depth)
        return [(float(p), float(s)) for p, s, *_ in ob["bids"]], [
            (float(p), float(s)) for p, s, *_ in ob["asks"]
        ]
