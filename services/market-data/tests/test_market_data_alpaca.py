"""The Alpaca adapter against a local fake of the Alpaca data API v2 (REST bars) and its
market-data stream (WebSocket, msgpack: connected → auth → subscribe → q/t/b frames)."""

import asyncio

import msgpack
from aiohttp import WSMsgType, web
from omni_testing.kafka import wait_until
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.alpaca import AlpacaProvider
from svc_market_data.validation import Quarantine, Validator

S = 1_000_000_000
T0 = 1_767_619_800 * S  # 2026-01-05 13:30 UTC


def iso(ns: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ns / S, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bar_json(i: int) -> dict:
    p = 190.0 + i * 0.1
    return {"t": iso(T0 + i * 60 * S), "o": p, "h": p + 0.2, "l": p - 0.1, "c": p + 0.1,
            "v": 1000 + i, "n": 10 + i, "vw": p + 0.05}


def alpaca_app(seen: dict) -> web.Application:
    async def bars(request: web.Request) -> web.Response:
        seen.setdefault("rest", []).append(dict(request.query))
        if request.headers.get("APCA-API-KEY-ID") != "key" or \
                request.headers.get("APCA-API-SECRET-KEY") != "secret":
            return web.json_response({"message": "forbidden"}, status=403)
        assert request.query["symbols"] == "AAPL"
        assert request.query["timeframe"] == "1Min"
        if request.query.get("page_token") == "p2":
            return web.json_response({"bars": {"AAPL": [bar_json(i) for i in (3, 4)]},
                                      "next_page_token": None})
        return web.json_response({"bars": {"AAPL": [bar_json(i) for i in (0, 1, 2)]},
                                  "next_page_token": "p2"})

    async def stream(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        pack = msgpack.packb
        await ws.send_bytes(pack([{"T": "success", "msg": "connected"}]))
        auth = msgpack.unpackb((await ws.receive()).data)
        seen["auth"] = auth
        if auth != {"action": "auth", "key": "key", "secret": "secret"}:
            await ws.send_bytes(pack([{"T": "error", "code": 402, "msg": "auth failed"}]))
            await ws.close()
            return ws
        await ws.send_bytes(pack([{"T": "success", "msg": "authenticated"}]))
        sub = msgpack.unpackb((await ws.receive()).data)
        seen["subscribe"] = sub
        await ws.send_bytes(pack([{"T": "subscription", "trades": sub.get("trades", []),
                                   "quotes": sub.get("quotes", []), "bars": sub.get("bars", [])}]))
        ts = lambda ns: msgpack.Timestamp.from_unix_nano(ns)  # noqa: E731
        frames = [
            {"T": "q", "S": "AAPL", "bx": "V", "bp": 189.5, "bs": 3, "ax": "V", "ap": 189.6,
             "as": 2, "c": ["R"], "z": "C", "t": ts(T0 + 1 * S)},
            {"T": "t", "S": "AAPL", "i": 11, "x": "V", "p": 189.55, "s": 100, "c": ["@"],
             "z": "C", "t": ts(T0 + 2 * S)},
            # crossed quote: must be quarantined, not published
            {"T": "q", "S": "AAPL", "bx": "V", "bp": 190.0, "bs": 3, "ax": "V", "ap": 189.0,
             "as": 2, "c": ["R"], "z": "C", "t": ts(T0 + 3 * S)},
            {"T": "t", "S": "AAPL", "i": 11, "x": "V", "p": 189.55, "s": 100, "c": ["@"],
             "z": "C", "t": ts(T0 + 4 * S)},  # duplicate trade id
            {"T": "b", "S": "AAPL", "o": 189.5, "h": 189.7, "l": 189.4, "c": 189.6, "v": 5000,
             "n": 40, "vw": 189.58, "t": ts(T0)},
            {"T": "s", "S": "AAPL", "sc": "H", "sm": "Trading Halt", "rc": "LUDP",
             "rm": "Volatility Trading Pause", "t": ts(T0 + 5 * S), "z": "C"},
        ]
        await ws.send_bytes(pack(frames[:2]))
        await ws.send_bytes(pack(frames[2:]))
        async for msg in ws:
            if msg.type in (WSMsgType.CLOSE, WSMsgType.ERROR):
                break
        return ws

    app = web.Application()
    app.router.add_get("/v2/stocks/bars", bars)
    app.router.add_get("/stream", stream)
    return app


async def test_alpaca_history_pages_through_rest_bars(fake_server):
    seen = {}
    async with fake_server(alpaca_app(seen)) as url:
        p = AlpacaProvider("key", "secret", {"AAPL": "AAPL.XNAS"}, data_url=url)
        bars = await p.history("AAPL.XNAS", "1m", T0, T0 + 3600 * S)
    assert [b.start_ns for b in bars] == [T0 + i * 60 * S for i in range(5)]
    b = bars[1]
    assert (b.instrument, b.timeframe, b.open, b.close, b.volume, b.trade_count) == (
        "AAPL.XNAS", "1m", 190.1, 190.2, 1001, 11)
    assert b.end_ns - b.start_ns == 60 * S and b.source == "alpaca"
    assert len(seen["rest"]) == 2 and seen["rest"][1]["page_token"] == "p2"
    assert seen["rest"][0]["feed"] == "iex"


async def test_alpaca_stream_auth_subscribe_and_validated_data(fake_server):
    seen = {}
    published = []
    v = Validator(quarantine=Quarantine(100))
    async with fake_server(alpaca_app(seen)) as url:
        p = AlpacaProvider("key", "secret", {"AAPL": "AAPL.XNAS"}, data_url=url,
                           stream_url=url.replace("http", "ws") + "/stream")
        pipe = Pipeline(p.instruments(), v, ["1m"], sink=lambda k, m: published.append(m),
                        source="alpaca")
        stop = asyncio.Event()
        task = asyncio.create_task(p.run(pipe, stop))
        await wait_until(lambda: len(published) >= 4 and len(v.quarantine) >= 2, 30)
        stop.set()
        await asyncio.wait_for(task, 15)
    assert seen["auth"]["key"] == "key"
    assert sorted(seen["subscribe"]) == ["action", "bars", "quotes", "statuses", "trades"]
    assert seen["subscribe"]["quotes"] == ["AAPL"]
    kinds = [m.DESCRIPTOR.name for m in published]
    assert kinds == ["Quote", "Trade", "Bar", "InstrumentStatus"]
    halt = published[3]
    assert halt.status == 2 and "Volatility Trading Pause" in halt.reason  # HALTED
    assert pipe.status["AAPL.XNAS"] == 2
    q = published[0]
    assert q.instrument_id.value == "AAPL.XNAS" and (q.bid, q.ask) == (189.5, 189.6)
    assert q.source == "alpaca"
    assert published[1].trade_id == "11" and published[2].volume == 5000
    assert [r.rule for r in v.quarantine.records] == ["crossed", "duplicate"]
