"""The signal-engine service: market-data-stream bars -> SignalEngine -> trading-signals;
gRPC SignalEngineService. Indicators/patterns/filter run on each closed bar in the handler;
regime fits (slow) run in a worker thread on a bar schedule, one at a time per instrument."""

from __future__ import annotations

import asyncio
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from omni.market_data.v1 import events_pb2 as md
from omni.signal_engine.v1.signal_engine_service_pb2_grpc import (
    add_SignalEngineServiceServicer_to_server,
)
from omni_core.clients import ServiceClients
from omni_core.coalesce import IterationBatch
from omni_core.service import Service

from svc_signal_engine.engine import EngineConfig, SignalEngine
from svc_signal_engine.grpc_api import FULL_NAME, SignalEngineServicer
from svc_signal_engine.settings import Settings
from svc_signal_engine.store import SubscriptionStore

IN_TOPIC = "market-data-stream"
OUT_TOPIC = "trading-signals"
BAR_TIME = 1


def build(settings: Settings | None = None, *, topics: dict[str, str] | None = None,
          bus_overrides: dict[str, Any] | None = None) -> Service:
    settings = settings or Settings()
    # bars are deduplicated by (instrument, timeframe, start), so a redelivered bar changes
    # nothing: the bus's in-memory dedupe is enough; the database keeps the subscriptions
    svc = Service(settings, uses_cache=False, topics=topics, durable_dedupe=False,
                  bus_overrides=bus_overrides)
    engine = SignalEngine(EngineConfig.from_settings(settings))
    store = SubscriptionStore(svc.db)
    svc.signal_engine = engine  # for tests and diagnostics
    svc.add_servicer(add_SignalEngineServiceServicer_to_server,
                     SignalEngineServicer(engine, store), FULL_NAME)
    fits: set[asyncio.Task[Any]] = set()

    # a batch of bars (every instrument's, closed together) gives one batch of signals
    out: IterationBatch[str, Any] = IterationBatch(
        lambda key, e: svc.publish_nowait(OUT_TOPIC, key, e))

    def publish(events: list[tuple[str, Any]]) -> None:
        for key, e in events:
            out(key, e)

    async def refit(instrument: str) -> None:
        try:
            publish(await asyncio.to_thread(engine.fit_regimes, instrument))
        except Exception as exc:  # a failed fit must not stop the stream
            svc.log.warning("regime fit failed", instrument=instrument, error=repr(exc))

    backfilled: set[str] = set()
    market_data = ServiceClients(["market-data"], {"market-data": settings.market_data_address},
                                 timeout=settings.se_backfill_timeout)

    async def backfill(iid: str, before_ns: int) -> None:
        """Stored bars of a newly seen instrument from market-data, before the live ones."""
        from omni.common.v1 import types_pb2
        from omni.market_data.v1 import market_data_service_pb2 as mdpb
        from omni_quant.indicators.aggregate import OHLCV

        tfs = [settings.se_aggregate_from] if settings.se_aggregate_from else engine.tfs
        end = Timestamp()
        end.FromNanoseconds(before_ns)
        try:
            for tf in tfs:
                resp = await market_data.call("market-data", "GetBars", mdpb.GetBarsRequest(
                    instrument_id=types_pb2.InstrumentId(value=iid), timeframe=tf,
                    range=types_pb2.TimeRange(end=end), limit=settings.se_history))
                bars = [OHLCV(b.start.ToNanoseconds() / 1e9, b.end.ToNanoseconds() / 1e9,
                              b.open, b.high, b.low, b.close, b.volume) for b in resp.bars]
                n = await asyncio.to_thread(engine.seed, iid, tf, bars)
                svc.log.info("backfilled", instrument=iid, timeframe=tf, bars=n)
        except Exception as exc:  # live signals go on without history
            svc.log.warning("backfill failed", instrument=iid, error=repr(exc))

    @svc.on_event(IN_TOPIC, md.Bar)
    async def on_bar(bar: md.Bar, ctx: Any) -> None:
        if bar.bar_type not in (0, BAR_TIME):
            return
        iid = bar.instrument_id.value
        if settings.market_data_address and iid not in backfilled:
            backfilled.add(iid)
            await backfill(iid, bar.start.ToNanoseconds())
        publish(engine.on_bar(iid, bar.timeframe, bar.start.ToNanoseconds() / 1e9,
                              bar.end.ToNanoseconds() / 1e9, bar.open, bar.high, bar.low,
                              bar.close, bar.volume))
        if engine.regime_due(iid):
            engine.instruments[iid].fitting = True
            t = asyncio.create_task(refit(iid), name=f"regime-{iid}")
            fits.add(t)
            t.add_done_callback(fits.discard)

    @svc.on_start
    async def _load() -> None:
        for sub in await store.load():
            try:
                engine.restore_subscription(sub)
            except (ValueError, KeyError) as exc:  # e.g. a timeframe no longer configured
                svc.log.warning("stored subscription not restored",
                                subscription=sub.subscription_id, error=str(exc))

    @svc.on_start
    async def _warm_up() -> None:
        # compile (or load from numba's disk cache) the kernels of the configured indicators
        # before the first bar, off the event loop
        await asyncio.to_thread(engine.warm_up)

    @svc.on_stop
    async def _stop() -> None:
        for t in list(fits):
            t.cancel()
        out.flush()
        await market_data.close()

    return svc
