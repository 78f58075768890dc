"""A fake Binance spot REST API (/api/v3): exchangeInfo, depth, order (POST/GET/DELETE),
openOrders, account. Private calls check X-MBX-APIKEY and the HMAC-SHA256 signature over the
query string, as Binance documents. Orders match against a static book per symbol."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import time
from urllib.parse import parse_qsl

from aiohttp import web

from .common import FakeServer


def _err(code: int, msg: str, status: int = 400) -> web.Response:
    return web.json_response({"code": code, "msg": msg}, status=status)


class FakeBinance(FakeServer):
    def __init__(
        self,
        books: dict[str, tuple[list, list]],
        key: str = "bkey",
        secret: str = "bsecret",
        tick: str = "0.01000000",
        step: str = "0.00001000",
        port: int | None = None,
    ) -> None:
        super().__init__(port)
        # symbol ("BTCUSDT") -> (bids, asks) as [(price, qty)], best first
        self.books = {
            k: ([list(x) for x in b], [list(x) for x in a]) for k, (b, a) in books.items()
        }
        self.key, self.secret = key, secret
        self.tick, self.step = tick, step
        self.orders: dict[int, dict] = {}
        self._ids = itertools.count(1000)
        self._trade_ids = itertools.count(1)
        self.balances: dict[str, float] = {"USDT": 1_000_000.0}

    # ----------------------------------------------------------- test hooks

    def by_client(self, cid: str) -> dict | None:
        return next((o for o in self.orders.values() if o["clientOrderId"] == cid), None)

    def fill(self, cid: str, qty: float, price: float) -> None:
        o = self.by_client(cid)
        assert o is not None
        self._exec(o, qty, price)

    def cancel_behind(self, cid: str) -> None:
        o = self.by_client(cid)
        assert o is not None
        o["status"] = "CANCELED"

    # ------------------------------------------------------------- protocol

    def app(self) -> web.Application:
        app = web.Application()
        r = app.router
        r.add_get("/api/v3/exchangeInfo", self.exchange_info)
        r.add_get("/api/v3/depth", self.depth)
        r.add_post("/api/v3/order", self.post_order)
        r.add_get("/api/v3/order", self.get_order)
        r.add_delete("/api/v3/order", self.delete_order)
        r.add_get("/api/v3/openOrders", self.open_orders)
        r.add_get("/api/v3/account", self.account)
        return app

    async def _signed(self, request: web.Request) -> dict | web.Response:
        if request.headers.get("X-MBX-APIKEY") != self.key:
            return _err(-2015, "Invalid API-key, IP, or permissions for action.", 401)
        query = request.query_string
        body = (await request.text()) if request.method == "POST" else ""
        payload = query if not body else (query + "&" + body if query else body)
        if "&signature=" not in payload:
            return _err(-1102, "Mandatory parameter 'signature' was not sent.")
        signed, sig = payload.rsplit("&signature=", 1)
        want = hmac.new(self.secret.encode(), signed.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(want, sig):
            return _err(-1022, "Signature for this request is not valid.")
        return dict(parse_qsl(signed))

    def _view(self, o: dict) -> dict:
        return {k: v for k, v in o.items() if not k.startswith("_")}

    def _exec(self, o: dict, qty: float, price: float) -> dict:
        done = float(o["executedQty"]) + qty
        o["executedQty"] = f"{done:.8f}"
        o["cummulativeQuoteQty"] = f"{float(o['cummulativeQuoteQty']) + qty * price:.8f}"
        o["status"] = "FILLED" if done >= float(o["origQty"]) - 1e-12 else "PARTIALLY_FILLED"
        o["updateTime"] = int(time.time() * 1000)
        base = o["symbol"].removesuffix("USDT")
        sgn = 1 if o["side"] == "BUY" else -1
        self.balances[base] = self.balances.get(base, 0.0) + sgn * qty
        self.balances["USDT"] -= sgn * qty * price
        fill = {
            "price": f"{price:.8f}",
            "qty": f"{qty:.8f}",
            "commission": f"{qty * price * 0.001:.8f}",
            "commissionAsset": "USDT",
            "tradeId": next(self._trade_ids),
        }
        o["_fills"].append(fill)
        return fill

    async def exchange_info(self, request: web.Request) -> web.Response:
        symbols = []
        for sym in self.books:
            base = sym.removesuffix("USDT")
            symbols.append(
                {
                    "symbol": sym,
                    "status": "TRADING",
                    "baseAsset": base,
                    "baseAssetPrecision": 8,
                    "quoteAsset": "USDT",
                    "quotePrecision": 8,
                    "quoteAssetPrecision": 8,
                    "baseCommissionPrecision": 8,
                    "quoteCommissionPrecision": 8,
                    "orderTypes": [
                        "LIMIT",
                        "LIMIT_MAKER",
                        "MARKET",
                        "STOP_LOSS",
                        "STOP_LOSS_LIMIT",
                        "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT",
                    ],
                    "icebergAllowed": True,
                    "ocoAllowed": True,
                    "quoteOrderQtyMarketAllowed": True,
                    "allowTrailingStop": True,
                    "cancelReplaceAllowed": True,
                    "isSpotTradingAllowed": True,
                    "isMarginTradingAllowed": False,
                    "filters": [
                        {
                            "filterType": "PRICE_FILTER",
                            "minPrice": self.tick,
                            "maxPrice": "1000000.00000000",
                            "tickSize": self.tick,
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": self.step,
                            "maxQty": "9000.00000000",
                            "stepSize": self.step,
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": "5.00000000",
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
                    "allowedSelfTradePreventionModes": [
                        "EXPIRE_TAKER",
                        "EXPIRE_MAKER",
                        "EXPIRE_BOTH",
                    ],
                }
            )
        return web.json_response(
            {
                "timezone": "UTC",
                "serverTime": int(time.time() * 1000),
                "rateLimits": [],
                "exchangeFilters": [],
                "symbols": symbols,
            }
        )

    async def depth(self, request: web.Request) -> web.Response:
        sym = request.query.get("symbol", "")
        if sym not in self.books:
            return _err(-1121, "Invalid symbol.")
        n = int(request.query.get("limit", "100"))
        b, a = self.books[sym]
        f = lambda lv: [[f"{p:.8f}", f"{q:.8f}"] for p, q in lv[:n] if q > 0]  # noqa: E731
        return web.json_response({"lastUpdateId": 1, "bids": f(b), "asks": f(a)})

    async def post_order(self, request: web.Request) -> web.Response:
        p = await self._signed(request)
        if isinstance(p, web.Response):
            return p
        sym = p.get("symbol", "")
        if sym not in self.books:
            return _err(-1121, "Invalid symbol.")
        try:
            qty = float(p["quantity"])
        except (KeyError, ValueError):
            return _err(
                -1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed."
            )
        if qty <= 0:
            return _err(-1013, "Filter failure: LOT_SIZE")
        cid = p.get("newClientOrderId") or f"x-{next(self._ids)}"
        if self.by_client(cid):
            return _err(-2010, "Duplicate order sent.")
        otype, side = p.get("type", ""), p.get("side", "")
        price = float(p["price"]) if p.get("price") else 0.0
        if otype in ("LIMIT", "STOP_LOSS_LIMIT"):
            ticks = price / float(self.tick)
            if abs(ticks - round(ticks)) > 1e-6:
                return _err(-1013, "Filter failure: PRICE_FILTER")
        now = int(time.time() * 1000)
        o = {
            "symbol": sym,
            "orderId": next(self._ids),
            "orderListId": -1,
            "clientOrderId": cid,
            "transactTime": now,
            "price": f"{price:.8f}",
            "origQty": f"{qty:.8f}",
            "executedQty": "0.00000000",
            "cummulativeQuoteQty": "0.00000000",
            "status": "NEW",
            "timeInForce": p.get("timeInForce", "GTC"),
            "type": otype,
            "side": side,
            "stopPrice": p.get("stopPrice", "0.00000000"),
            "workingTime": now,
            "time": now,
            "updateTime": now,
            "isWorking": True,
            "origQuoteOrderQty": "0.00000000",
            "selfTradePreventionMode": "EXPIRE_MAKER",
            "_fills": [],
        }
        self.orders[o["orderId"]] = o
        fills = []
        if otype in ("MARKET", "LIMIT"):
            b, a = self.books[sym]
            book = a if side == "BUY" else b
            need = qty
            for lv in book:
                if need <= 1e-12:
                    break
                px, avail = lv
                if otype == "LIMIT" and (
                    (side == "BUY" and px > price) or (side == "SELL" and px < price)
                ):
                    break
                take = min(avail, need)
                if take <= 0:
                    continue
                lv[1] -= take
                need -= take
                fills.append(self._exec(o, take, px))
            if need > 1e-12 and (otype == "MARKET" or o["timeInForce"] in ("IOC", "FOK")):
                o["status"] = "EXPIRED"
        return web.json_response({**self._view(o), "fills": fills})

    def _find(self, p: dict) -> dict | None:
        if p.get("orderId"):
            return self.orders.get(int(p["orderId"]))
        return self.by_client(p.get("origClientOrderId", ""))

    async def get_order(self, request: web.Request) -> web.Response:
        p = await self._signed(request)
        if isinstance(p, web.Response):
            return p
        o = self._find(p)
        if o is None:
            return _err(-2013, "Order does not exist.")
        return web.json_response(self._view(o))

    async def delete_order(self, request: web.Request) -> web.Response:
        p = await self._signed(request)
        if isinstance(p, web.Response):
            return p
        o = self._find(p)
        if o is None:
            return _err(-2011, "Unknown order sent.")
        if o["status"] not in ("NEW", "PARTIALLY_FILLED"):
            return _err(-2011, "Unknown order sent.")
        o["status"] = "CANCELED"
        return web.json_response({**self._view(o), "origClientOrderId": o["clientOrderId"]})

    async def open_orders(self, request: web.Request) -> web.Response:
        p = await self._signed(request)
        if isinstance(p, web.Response):
            return p
        sym = p.get("symbol")
        return web.json_response(
            [
                self._view(o)
                for o in self.orders.values()
                if o["status"] in ("NEW", "PARTIALLY_FILLED") and (not sym or o["symbol"] == sym)
            ]
        )

    async def account(self, request: web.Request) -> web.Response:
        p = await self._signed(request)
        if isinstance(p, web.Response):
            return p
        return web.json_response(
            {
                "makerCommission": 10,
                "takerCommission": 10,
                "buyerCommission": 0,
                "sellerCommission": 0,
                "canTrade": True,
                "canWithdraw": True,
                "canDeposit": True,
                "brokered": False,
                "requireSelfTradePrevention": False,
                "updateTime": int(time.time() * 1000),
                "accountType": "SPOT",
                "permissions": ["SPOT"],
                "balances": [
                    {"asset": a, "free": f"{v:.8f}", "locked": "0.00000000"}
                    for a, v in self.balances.items()
                ],
            }
        )
