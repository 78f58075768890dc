"""The Yahoo adapter: the real yfinance code against a local fake of Yahoo's chart API
(cookie from fc.yahoo.com, crumb from /v1/test/getcrumb, bars from /v8/finance/chart)."""

import asyncio

from aiohttp import web
from svc_market_data.pipeline import Pipeline
from svc_market_data.providers.yahoo import YahooProvider
from svc_market_data.validation import Quarantine, Validator

S = 1_000_000_000
DAY = 86_400
OPEN_UTC = 14 * 3600 + 1800  # 09:30 New York in winter
DAYS = [1767571200 + d * DAY for d in (0, 1, 2, 3, 4)]  # 2026-01-05 .. 2026-01-09, UTC midnights


def chart(symbol: str, p1: int, p2: int) -> dict:
    ts, o, h, lo, c, v = [], [], [], [], [], []
    for i, d in enumerate(DAYS):
        t = d + OPEN_UTC
        if p1 <= t < p2:
            ts.append(t)
            base = 190.0 + i
            o.append(base)
            h.append(base + 2)
            lo.append(base - 1)
            c.append(base + 1)
            v.append(50_000_000 + i)
    # a null row, as Yahoo sends for a session without data
    if ts:
        ts.append(ts[-1] + DAY * 3)
        for col in (o, h, lo, c, v):
            col.append(None)
    period = {"timezone": "EST", "gmtoffset": -18000}
    return {"chart": {"result": [{
        "meta": {"currency": "USD", "symbol": symbol, "exchangeName": "NMS",
                 "fullExchangeName": "NasdaqGS", "instrumentType": "EQUITY",
                 "firstTradeDate": 345479400, "regularMarketTime": p2, "hasPrePostMarketData": True,
                 "gmtoffset": -18000, "timezone": "EST", "exchangeTimezoneName": "America/New_York",
                 "regularMarketPrice": 195.0, "chartPreviousClose": 189.0, "priceHint": 2,
                 "currentTradingPeriod": {
                     "pre": {**period, "start": DAYS[-1] + 9 * 3600, "end": DAYS[-1] + OPEN_UTC},
                     "regular": {**period, "start": DAYS[-1] + OPEN_UTC,
                                 "end": DAYS[-1] + 21 * 3600},
                     "post": {**period, "start": DAYS[-1] + 21 * 3600,
                              "end": DAYS[-1] + 25 * 3600}},
                 "dataGranularity": "1d", "range": "",
                 "validRanges": ["1d", "5d", "1mo", "3mo", "6mo", "1y", "max"]},
        "timestamp": ts,
        "indicators": {"quote": [{"open": o, "high": h, "low": lo, "close": c, "volume": v}],
                       "adjclose": [{"adjclose": c}]}}], "error": None}}


def yahoo_app(seen: list) -> web.Application:
    async def root(request):
        seen.append(("cookie", request.path))
        resp = web.Response(text="ok")
        resp.set_cookie("A3", "d=fake", max_age=3600)
        return resp

    async def crumb(request):
        seen.append(("crumb", request.path))
        return web.Response(text="fakecrumb")

    async def chart_handler(request):
        q = request.query
        seen.append(("chart", request.match_info["symbol"], dict(q)))
        # the time-zone lookup asks for range=1d instead of period1/period2
        p1 = int(q.get("period1", DAYS[-1]))
        p2 = int(q.get("period2", DAYS[-1] + DAY))
        return web.json_response(chart(request.match_info["symbol"], p1, p2))

    app = web.Application()
    app.router.add_get("/", root)
    app.router.add_get("/v1/test/getcrumb", crumb)
    app.router.add_get("/v8/finance/chart/{symbol}", chart_handler)
    return app


async def test_yahoo_history_through_yfinance(fake_server, tmp_path):
    seen = []
    async with fake_server(yahoo_app(seen)) as url:
        p = YahooProvider({"AAPL": "AAPL.XNAS"}, "1d", base_url=url, cache_dir=tmp_path)
        bars = await p.history("AAPL.XNAS", "1d", DAYS[0] * S, (DAYS[-1] + DAY) * S)
    charts = [s for s in seen if s[0] == "chart"]
    assert charts and charts[-1][1] == "AAPL" and charts[-1][2]["interval"] == "1d"
    assert [b.start_ns // S for b in bars] == DAYS  # daily bars start at UTC midnight
    b = bars[2]
    assert (b.open, b.high, b.low, b.close, b.volume) == (192.0, 194.0, 191.0, 193.0, 50_000_002)
    assert b.timeframe == "1d" and b.end_ns - b.start_ns == DAY * S and b.source == "yahoo"


async def test_yahoo_poll_pushes_new_closed_bars_once(fake_server, tmp_path):
    published = []
    v = Validator(quarantine=Quarantine(100))
    async with fake_server(yahoo_app([])) as url:
        p = YahooProvider({"AAPL": "AAPL.XNAS"}, "1d", base_url=url, cache_dir=tmp_path,
                          lookback_bars=10)
        pipe = Pipeline(p.instruments(), v, ["1d"], sink=lambda k, m: published.append(m))
        now = (DAYS[-1] + DAY) * S
        assert await p.poll_once(pipe, now) == 5
        assert await p.poll_once(pipe, now) == 0
    assert [m.DESCRIPTOR.name for m in published] == ["Bar"] * 5
    assert len(v.quarantine) == 0
    await asyncio.sleep(0)
