"""A fake Alpaca Trading API v2 (the subset TradingClient uses for orders, positions and the
account): the same paths, headers, JSON shapes and error bodies as the documented API."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime

from aiohttp import WSMsgType, web

from .common import FakeServer

_OPEN = {"new", "accepted", "partially_filled", "pending_new", "pending_cancel"}


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _err(status: int, code: int, message: str) -> web.Response:
    return web.json_response({"code": code, "message": message}, status=status)


class FakeAlpaca(FakeServer):
    def __init__(
        self,
        prices: dict[str, float],
        key: str = "key",
        secret: str = "secret",
        port: int | None = None,
    ) -> None:
        super().__init__(port)
        self.prices = dict(prices)
        self.key, self.secret = key, secret
        self.orders: dict[str, dict] = {}
        self.positions: dict[str, tuple[float, float]] = {}
        self.listeners: set[web.WebSocketResponse] = set()
        self.stream_enabled = True  # False: fills happen silently (only polling finds them)

    # ----------------------------------------------------------- test hooks

    def by_client(self, client_order_id: str) -> dict | None:
        return next(
            (o for o in self.orders.values() if o["client_order_id"] == client_order_id), None
        )

    def fill(self, client_order_id: str, qty: float, price: float) -> None:
        """An execution happens at the venue (the gateway may not hear of it)."""
        o = self.by_client(client_order_id)
        assert o is not None
        self._exec(o, qty, price)

    def cancel_behind(self, client_order_id: str) -> None:
        o = self.by_client(client_order_id)
        assert o is not None
        o["status"] = "canceled"
        o["canceled_at"] = _now()
        self._event("canceled", o)

    def _event(
        self, event: str, o: dict, price: float | None = None, qty: float | None = None
    ) -> None:
        if not self.stream_enabled or not self.listeners:
            return
        q, _ = self.positions.get(o["symbol"], (0.0, 0.0))
        data = {"event": event, "order": dict(o), "timestamp": _now(), "position_qty": str(q)}
        if price is not None:
            data.update(price=str(price), qty=str(qty), execution_id=str(uuid.uuid4()))
        msg = json.dumps({"stream": "trade_updates", "data": data})
        for ws in list(self.listeners):
            asyncio.get_running_loop().create_task(ws.send_str(msg))

    async def stream(self, request: web.Request) -> web.WebSocketResponse:
        """The trade_updates websocket: authenticate, listen, then pushed events."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            body = json.loads(msg.data)
            action = body.get("action")
            if action in ("auth", "authenticate"):
                d = body.get("data") or {}
                ok = d.get("key_id") == self.key and d.get("secret_key") == self.secret
                await ws.send_str(
                    json.dumps(
                        {
                            "stream": "authorization",
                            "data": {
                                "action": "authenticate",
                                "status": "authorized" if ok else "unauthorized",
                            },
                        }
                    )
                )
                if not ok:
                    await ws.close()
            elif action == "listen":
                self.listeners.add(ws)
                await ws.send_str(
                    json.dumps(
                        {
                            "stream": "listening",
                            "data": {"streams": (body.get("data") or {}).get("streams", [])},
                        }
                    )
                )
        self.listeners.discard(ws)
        return ws

    # ------------------------------------------------------------- protocol

    def _exec(self, o: dict, qty: float, price: float) -> None:
        done = float(o["filled_qty"])
        avg = float(o["filled_avg_price"] or 0)
        new = done + qty
        o["filled_avg_price"] = str((done * avg + qty * price) / new)
        o["filled_qty"] = str(new)
        o["status"] = "filled" if new >= float(o["qty"]) - 1e-9 else "partially_filled"
        if o["status"] == "filled":
            o["filled_at"] = _now()
        o["updated_at"] = _now()
        q, p = self.positions.get(o["symbol"], (0.0, 0.0))
        signed = qty if o["side"] == "buy" else -qty
        nq = q + signed
        self.positions[o["symbol"]] = (
            nq,
            (q * p + signed * price) / nq if nq and (q >= 0) == (signed >= 0) else price,
        )
        self._event("fill" if o["status"] == "filled" else "partial_fill", o, price, qty)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.router.add_get("/stream", self.stream)
        app.router.add_post("/v2/orders", self.post_order)
        app.router.add_get("/v2/orders", self.list_orders)
        app.router.add_get("/v2/orders:by_client_order_id", self.get_by_client)
        app.router.add_get("/v2/orders/{id}", self.get_order)
        app.router.add_delete("/v2/orders/{id}", self.delete_order)
        app.router.add_get("/v2/positions", self.list_positions)
        app.router.add_get("/v2/account", self.account)
        return app

    @web.middleware
    async def _auth(self, request: web.Request, handler):
        if request.path == "/stream":
            return await handler(request)  # the websocket authenticates in-band
        if (
            request.headers.get("APCA-API-KEY-ID") != self.key
            or request.headers.get("APCA-API-SECRET-KEY") != self.secret
        ):
            return _err(401, 40110000, "request is not authorized")
        return await handler(request)

    async def post_order(self, request: web.Request) -> web.Response:
        body = await request.json()
        sym = body.get("symbol")
        if sym not in self.prices:
            return _err(422, 40010001, f"asset {sym} not found")
        try:
            qty = float(body["qty"])
        except (KeyError, TypeError, ValueError):
            return _err(422, 40010001, "qty is required")
        if qty <= 0:
            return _err(422, 40010001, "qty must be > 0")
        cid = body.get("client_order_id") or str(uuid.uuid4())
        if self.by_client(cid):
            return _err(422, 40010001, "client_order_id must be unique")
        now = _now()
        otype = body.get("type")
        o = {
            "id": str(uuid.uuid4()),
            "client_order_id": cid,
            "created_at": now,
            "updated_at": now,
            "submitted_at": now,
            "filled_at": None,
            "expired_at": None,
            "canceled_at": None,
            "failed_at": None,
            "replaced_at": None,
            "replaced_by": None,
            "replaces": None,
            "asset_id": str(uuid.uuid5(uuid.NAMESPACE_DNS, sym)),
            "symbol": sym,
            "asset_class": "us_equity",
            "notional": None,
            "qty": str(qty),
            "filled_qty": "0",
            "filled_avg_price": None,
            "order_class": "simple",
            "order_type": otype,
            "type": otype,
            "side": body.get("side"),
            "time_in_force": body.get("time_in_force"),
            "limit_price": body.get("limit_price"),
            "stop_price": body.get("stop_price"),
            "status": "accepted",
            "extended_hours": False,
            "legs": None,
            "trail_percent": None,
            "trail_price": None,
            "hwm": None,
        }
        self.orders[o["id"]] = o
        px = self.prices[sym]
        lim = float(o["limit_price"]) if o["limit_price"] else None
        marketable = otype == "market" or (
            otype == "limit"
            and ((o["side"] == "buy" and px <= lim) or (o["side"] == "sell" and px >= lim))
        )
        if marketable:
            self._exec(o, qty, px)
        elif o["time_in_force"] in ("ioc", "fok"):
            o["status"] = "canceled"
            o["canceled_at"] = now
        else:
            o["status"] = "new"
        return web.json_response(o)

    async def list_orders(self, request: web.Request) -> web.Response:
        status = request.query.get("status", "open")
        out = [
            o
            for o in self.orders.values()
            if status == "all" or (status == "open") == (o["status"] in _OPEN)
        ]
        return web.json_response(out)

    async def get_by_client(self, request: web.Request) -> web.Response:
        o = self.by_client(request.query.get("client_order_id", ""))
        if o is None:
            return _err(404, 40410000, "order not found")
        return web.json_response(o)

    async def get_order(self, request: web.Request) -> web.Response:
        o = self.orders.get(request.match_info["id"])
        if o is None:
            return _err(404, 40410000, "order not found")
        return web.json_response(o)

    async def delete_order(self, request: web.Request) -> web.Response:
        o = self.orders.get(request.match_info["id"])
        if o is None:
            return _err(404, 40410000, "order not found")
        if o["status"] not in _OPEN:
            return _err(422, 42210000, f'order is already in "{o["status"]}" state')
        o["status"] = "canceled"
        o["canceled_at"] = o["updated_at"] = _now()
        self._event("canceled", o)
        return web.Response(status=204)

    async def list_positions(self, request: web.Request) -> web.Response:
        out = []
        for sym, (q, p) in sorted(self.positions.items()):
            if abs(q) < 1e-12:
                continue
            out.append(
                {
                    "asset_id": str(uuid.uuid5(uuid.NAMESPACE_DNS, sym)),
                    "symbol": sym,
                    "exchange": "NASDAQ",
                    "asset_class": "us_equity",
                    "asset_marginable": True,
                    "avg_entry_price": str(p),
                    "qty": str(q),
                    "side": "long" if q > 0 else "short",
                    "market_value": str(q * self.prices[sym]),
                    "cost_basis": str(q * p),
                    "unrealized_pl": "0",
                    "unrealized_plpc": "0",
                    "unrealized_intraday_pl": "0",
                    "unrealized_intraday_plpc": "0",
                    "current_price": str(self.prices[sym]),
                    "lastday_price": str(self.prices[sym]),
                    "change_today": "0",
                    "qty_available": str(q),
                }
            )
        return web.json_response(out)

    async def account(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_DNS, self.key)),
                "account_number": "PA0000FAKE",
                "status": "ACTIVE",
                "crypto_status": "ACTIVE",
                "currency": "USD",
                "buying_power": "400000",
                "cash": "100000",
                "portfolio_value": "100000",
                "pattern_day_trader": False,
                "trading_blocked": False,
                "transfers_blocked": False,
                "account_blocked": False,
                "created_at": "2024-01-02T00:00:00Z",
                "shorting_enabled": True,
                "multiplier": "4",
                "equity": "100000",
                "last_equity": "100000",
            }
        )
