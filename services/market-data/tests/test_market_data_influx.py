"""The InfluxDB sink (influxdb-client, async) against a local fake of /api/v2/write, and the
service's flush writing to both the SQL store and InfluxDB."""

import gzip

from aiohttp import web
from omni_quant.marketsim import Trade
from svc_market_data.bars import Bar
from svc_market_data.influx import InfluxSink

S = 1_000_000_000
T0 = 1_767_619_800 * S


def influx_app(writes: list) -> web.Application:
    async def write(request: web.Request) -> web.Response:
        body = await request.read()
        if request.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        writes.append({"query": dict(request.query), "auth": request.headers.get("Authorization"),
                       "lines": body.decode().splitlines()})
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/api/v2/write", write)
    return app


async def test_influx_sink_writes_line_protocol(fake_server):
    writes = []
    async with fake_server(influx_app(writes)) as url:
        sink = InfluxSink(url, "tok", "omni", "md")
        try:
            bar = Bar("AAPL.XNAS", "1m", 1, T0, T0 + 60 * S, 190.0, 191.0, 189.5, 190.5, 1200.0,
                      190.2, 42, "simulator")
            trade = Trade("BTC-USD.CRYPTO", T0 + 5, 65000.5, 0.25, 1, "S9")
            assert await sink.write([bar], [trade]) == 2
        finally:
            await sink.close()
    assert len(writes) == 1
    w = writes[0]
    assert w["query"]["org"] == "omni" and w["query"]["bucket"] == "md"
    assert w["query"]["precision"] == "ns" and w["auth"] == "Token tok"
    bar_line, trade_line = w["lines"]
    assert bar_line.startswith("bars,instrument=AAPL.XNAS,source=simulator,timeframe=1m ")
    assert "close=190.5" in bar_line and "trades=42i" in bar_line
    assert bar_line.endswith(f" {T0}")
    assert trade_line.startswith("trades,instrument=BTC-USD.CRYPTO ")
    assert 'trade_id="S9"' in trade_line and trade_line.endswith(f" {T0 + 5}")


async def test_core_flush_writes_store_and_influx(fake_server, sqlite_url):
    import asyncio

    from omni_core.db import Database
    from svc_market_data.core import MarketDataCore
    from svc_market_data.providers.replay import ReplayProvider, bundled_sample
    from svc_market_data.store import HistoryStore

    writes = []
    db = Database(sqlite_url)
    await db.migrate("svc_market_data.migrations")
    async with fake_server(influx_app(writes)) as url:
        published = []
        core = MarketDataCore(ReplayProvider([bundled_sample()], speed=0), ["1m"],
                              publish=lambda k, m: published.append(k),
                              influx=InfluxSink(url, "tok", "omni", "md"))
        core.store = HistoryStore(db)
        core.start()
        await asyncio.wait_for(core.provider_done.wait(), 30)
        await core.tick()
        await core.stop()
    n_bars, n_trades = await HistoryStore(db).count()
    await db.dispose()
    assert n_trades == core.pipeline.counts["trades"] > 0
    assert n_bars == core.pipeline.counts["bars"] >= 30  # 3 instruments x 10 minutes
    lines = [ln for w in writes for ln in w["lines"]]
    assert sum(ln.startswith("bars,") for ln in lines) == n_bars
    assert sum(ln.startswith("trades,") for ln in lines) == n_trades
