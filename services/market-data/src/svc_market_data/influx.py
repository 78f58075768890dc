"""Optional InfluxDB sink (influxdb-client, async): bars and trades as line protocol to
``/api/v2/write``. Enabled when ``OMNI_INFLUX_URL`` is set."""

from __future__ import annotations

from collections.abc import Sequence

from influxdb_client import Point, WritePrecision
from influxdb_client.client.influxdb_client_async import InfluxDBClientAsync
from omni_quant.marketsim import Trade

from svc_market_data.bars import Bar


def bar_point(b: Bar) -> Point:
    return (Point("bars").tag("instrument", b.instrument).tag("timeframe", b.timeframe)
            .tag("source", b.source or "unknown")
            .field("open", b.open).field("high", b.high).field("low", b.low)
            .field("close", b.close).field("volume", b.volume).field("vwap", b.vwap)
            .field("trades", int(b.trade_count)).time(b.start_ns, WritePrecision.NS))


def trade_point(t: Trade) -> Point:
    return (Point("trades").tag("instrument", t.instrument)
            .field("price", t.price).field("size", t.size).field("side", int(t.side))
            .field("trade_id", t.trade_id).time(t.ts_ns, WritePrecision.NS))


class InfluxSink:
    def __init__(self, url: str, token: str, org: str, bucket: str, timeout_ms: int = 10_000):
        self.url = url
        self.org = org
        self.bucket = bucket
        self._client = InfluxDBClientAsync(url=url, token=token, org=org, timeout=timeout_ms)
        self._write = self._client.write_api()
        self.written = 0

    async def write(self, bars: Sequence[Bar] = (), trades: Sequence[Trade] = ()) -> int:
        points = [bar_point(b) for b in bars] + [trade_point(t) for t in trades]
        if not points:
            return 0
        await self._write.write(bucket=self.bucket, org=self.org, record=points,
                                write_precision=WritePrecision.NS)
        self.written += len(points)
        return len(points)

    async def close(self) -> None:
        await self._client.close()
