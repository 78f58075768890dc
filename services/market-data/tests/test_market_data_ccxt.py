"""The ccxt adapter: ccxt's real binance code against a local fake of Binance's spot REST API
(exchangeInfo, depth, ticker/24hr, aggTrades, klines), reached by pointing ccxt's urls at it."""

import json

from aiohttp import web
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.exchange import CcxtProvider
from svc_market_data.validation import Quarantine, Validator

S = 1_000_000_000
MS = 1_000_000
T0_MS = 1_767_619_800_000  # 2026-01-05 13:30 UTC
MIN = 60_000

EXCHANGE_INFO = {
    "timezone": "UTC", "serverTime": T0_MS, "rateLimits": [], "exchangeFilters": [],
    "symbols": [{
        "symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8,
        "quoteAsset": "USDT", "quotePrecision": 8, "quoteAssetPrecision": 8,
        "orderTypes": ["LIMIT", "MARKET"], "icebergAllowed": True, "ocoAllowed": True,
        "isSpotTradingAllowed": True, "isMarginTradingAllowed": False,
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": "0.01", "maxPrice": "1000000.00",
             "tickSize": "0.01"},
            {"filterType": "LOT_SIZE", "minQty": "0.00001", "maxQty": "9000.00",
             "stepSize": "0.00001"}],
        "permissions": ["SPOT"], "permissionSets": [["SPOT"]]}],
}


def kline(i: int) -> list:
    o = 65_000 + 10 * i
    t = T0_MS + i * MIN
    return [t, f"{o:.2f}", f"{o + 25:.2f}", f"{o - 5:.2f}", f"{o + 10:.2f}", "12.5", t + MIN - 1,
            "812500.0", 100 + i, "6.0", "390000.0", "0"]


def binance_app(seen: list, crossed: bool = False) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        path = request.path
        q = dict(request.query)
        seen.append((path, q))
        if path == "/api/v3/exchangeInfo":
            return web.json_response(EXCHANGE_INFO)
        if path == "/api/v3/depth":
            assert q["symbol"] == "BTCUSDT"
            bids = [["65000.00", "1.5"], ["64999.50", "2.0"], ["64990.00", "4.0"]]
            asks = [["65000.50", "1.0"], ["65001.00", "3.0"], ["65010.00", "5.0"]]
            if crossed:
                asks = [["64995.00", "1.0"]]
            return web.json_response({"lastUpdateId": 1027024, "bids": bids, "asks": asks})
        if path == "/api/v3/ticker/24hr":
            return web.json_response({
                "symbol": "BTCUSDT", "priceChange": "100.0", "priceChangePercent": "0.15",
                "weightedAvgPrice": "64950.0", "prevClosePrice": "64900.00",
                "lastPrice": "65000.20", "lastQty": "0.01", "bidPrice": "65000.00",
                "bidQty": "1.5", "askPrice": "65000.50", "askQty": "1.0", "openPrice": "64900.0",
                "highPrice": "65200.0", "lowPrice": "64500.0", "volume": "1234.5",
                "quoteVolume": "80000000.0", "openTime": T0_MS - 86_400_000,
                "closeTime": T0_MS + 5 * MIN, "firstId": 1, "lastId": 1000, "count": 1000})
        if path == "/api/v3/aggTrades":
            base = T0_MS + 4 * MIN
            return web.json_response([
                {"a": 501, "p": "65000.50", "q": "0.010", "f": 1, "l": 1, "T": base, "m": False},
                {"a": 502, "p": "65000.00", "q": "0.020", "f": 2, "l": 2, "T": base + 10,
                 "m": True},
                {"a": 503, "p": "99999.00", "q": "0.020", "f": 3, "l": 3, "T": base + 20,
                 "m": True},  # an impossible print: an outlier against the quote
            ])
        if path == "/api/v3/klines":
            assert q["interval"] in ("1m", "1h")
            start = int(q.get("startTime", T0_MS))
            limit = int(q.get("limit", 500))
            rows = [kline(i) for i in range(0, 6) if T0_MS + i * MIN >= start][:limit]
            return web.json_response(rows)
        return web.Response(status=404, text=json.dumps({"code": -1, "msg": f"no {path}"}))

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


async def test_ccxt_history_klines(fake_server):
    seen = []
    async with fake_server(binance_app(seen)) as url:
        p = CcxtProvider("binance", {"BTC/USDT": "BTC-USDT.CRYPTO"}, base_url=url)
        try:
            bars = await p.history("BTC-USDT.CRYPTO", "1m", T0_MS * MS, (T0_MS + 6 * MIN) * MS)
        finally:
            await p.close()
    assert [b.start_ns for b in bars] == [(T0_MS + i * MIN) * MS for i in range(6)]
    b = bars[1]
    assert (b.open, b.high, b.low, b.close, b.volume) == (65010.0, 65035.0, 65005.0, 65020.0, 12.5)
    assert b.source == "ccxt:binance" and b.instrument == "BTC-USDT.CRYPTO"
    paths = {s[0] for s in seen}
    assert "/api/v3/exchangeInfo" in paths and "/api/v3/klines" in paths


async def test_ccxt_poll_book_quote_trades_bars(fake_server):
    seen = []
    published = []
    v = Validator(quarantine=Quarantine(100))
    async with fake_server(binance_app(seen)) as url:
        p = CcxtProvider("binance", {"BTC/USDT": "BTC-USDT.CRYPTO"}, base_url=url)
        pipe = Pipeline(p.instruments(), v, ["1m"], sink=lambda k, m: published.append(m))
        try:
            await p.poll_once(pipe, now_ns=(T0_MS + 5 * MIN + 30_000) * MS)
        finally:
            await p.close()
    book = pipe.books["BTC-USDT.CRYPTO"]
    assert (book.best_bid, book.best_ask) == (65000.0, 65000.5)
    assert book.depth(1, 3) == 7.5
    q = pipe.quotes["BTC-USDT.CRYPTO"]
    assert (q.bid, q.ask, q.bid_size, q.ask_size) == (65000.0, 65000.5, 1.5, 1.0)
    kinds = [m.DESCRIPTOR.name for m in published]
    assert kinds.count("BookSnapshot") == 1 and kinds.count("Quote") == 1
    trades = [m for m in published if m.DESCRIPTOR.name == "Trade"]
    assert [t.trade_id for t in trades] == ["501", "502"]
    assert trades[0].aggressor_side == 1 and trades[1].aggressor_side == 2
    bars = [m for m in published if m.DESCRIPTOR.name == "Bar"]
    # klines from 13:25 are requested; the 13:35 one is still forming
    assert [b.start.seconds * S for b in bars] == [(T0_MS + i * MIN) * MS for i in range(5)]
    assert [r.rule for r in v.quarantine.records] == ["outlier"]
    depth_calls = [s for s in seen if s[0] == "/api/v3/depth"]
    assert depth_calls[0][1]["limit"] == "20"


async def test_ccxt_crossed_book_quarantined(fake_server):
    v = Validator(quarantine=Quarantine(100))
    async with fake_server(binance_app([], crossed=True)) as url:
        p = CcxtProvider("binance", {"BTC/USDT": "BTC-USDT.CRYPTO"}, base_url=url, trades=False)
        pipe = Pipeline(p.instruments(), v, ["1m"])
        try:
            await p.poll_once(pipe, now_ns=(T0_MS + 5 * MIN) * MS)
        finally:
            await p.close()
    assert v.quarantine.records[0].rule == "crossed"
    assert v.quarantine.records[0].kind == "book"
    book = pipe.books["BTC-USDT.CRYPTO"]
    # the crossed snapshot was not applied; only the (good) ticker quote set the touch
    assert book.levels(2) == [(65000.5, 1.0)] and book.levels(1) == [(65000.0, 1.5)]


async def test_get_bars_backfills_from_the_exchange_when_the_store_is_empty(
        fake_server, grpc_server, sqlite_url):
    from omni.common.v1 import types_pb2
    from omni.market_data.v1 import market_data_service_pb2 as pb
    from omni.market_data.v1.market_data_service_pb2_grpc import (
        MarketDataServiceStub,
        add_MarketDataServiceServicer_to_server,
    )
    from omni_core.db import Database
    from omni_core.rpc import channel
    from svc_market_data.core import MarketDataCore
    from svc_market_data.grpc_api import FULL_NAME, MarketDataServicer
    from svc_market_data.store import HistoryStore

    db = Database(sqlite_url)
    await db.migrate("svc_market_data.migrations")
    seen = []
    async with fake_server(binance_app(seen)) as url:
        p = CcxtProvider("binance", {"BTC/USDT": "BTC-USDT.CRYPTO"}, base_url=url)
        core = MarketDataCore(p, ["1m"])
        core.store = HistoryStore(db)
        _, address = await grpc_server(
            (add_MarketDataServiceServicer_to_server, MarketDataServicer(core), FULL_NAME))
        req = pb.GetBarsRequest(
            instrument_id=types_pb2.InstrumentId(value="BTC-USDT.CRYPTO"), timeframe="1m",
            range=types_pb2.TimeRange(start={"seconds": T0_MS // 1000},
                                      end={"seconds": T0_MS // 1000 + 360}))
        try:
            async with channel(address) as ch:
                stub = MarketDataServiceStub(ch)
                first = await stub.GetBars(req)
                n_calls = len([s for s in seen if s[0] == "/api/v3/klines"])
                again = await stub.GetBars(req)  # now served from the store
        finally:
            await p.close()
    assert [b.start.seconds for b in first.bars] == [T0_MS // 1000 + 60 * i for i in range(6)]
    assert first.bars[0].source == "ccxt:binance"
    assert list(again.bars) == list(first.bars)
    assert len([s for s in seen if s[0] == "/api/v3/klines"]) == n_calls
    assert (await HistoryStore(db).count())[0] == 6
    await db.dispose()
