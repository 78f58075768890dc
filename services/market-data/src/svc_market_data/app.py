"""The market-data service: settings → provider → validated pipeline → market-data-stream,
history store, gRPC MarketDataService."""

from __future__ import annotations

from omni.market_data.v1.market_data_service_pb2_grpc import (
    add_MarketDataServiceServicer_to_server,
)
from omni_core.service import Service

from svc_market_data.core import TOPIC, MarketDataCore
from svc_market_data.grpc_api import FULL_NAME, MarketDataServicer
from svc_market_data.providers.base import Provider
from svc_market_data.providers.factory import build_provider
from svc_market_data.publish_window import PublishWindow
from svc_market_data.settings import Settings
from svc_market_data.store import HistoryStore
from svc_market_data.validation import ValidationConfig


def build(settings: Settings | None = None, *, provider: Provider | None = None,
          topics: dict[str, str] | None = None) -> Service:
    settings = settings or Settings()
    svc = Service(settings, uses_cache=False, topics=topics)
    influx = None
    if settings.influx_url:
        from svc_market_data.influx import InfluxSink

        token = settings.influx_token.get_secret_value() if settings.influx_token else ""
        influx = InfluxSink(settings.influx_url, token, settings.influx_org,
                            settings.influx_bucket)
    validation = ValidationConfig(
        spike_sigmas=settings.md_spike_sigmas, spike_min_pct=settings.md_spike_min_pct,
        spike_max_pct=settings.md_spike_max_pct, spike_confirm=settings.md_spike_confirm,
        spike_confirm_max_pct=settings.md_spike_confirm_max_pct,
        stale_after_s=settings.md_stale_after, max_age_s=settings.md_max_tick_age,
        gap_after_s=settings.md_gap_after)
    topic = svc.topic(TOPIC)

    def send(key: str, msg) -> None:
        bus = svc.bus
        if bus is not None and bus.running:
            bus.publish_nowait(topic, key, msg)

    publish = PublishWindow(send, settings.md_publish_window)

    core = MarketDataCore(
        provider or build_provider(settings), settings.timeframes, validation=validation,
        quarantine_capacity=settings.md_quarantine_capacity, publish=publish,
        store_trades=settings.md_store_trades,
        trade_retention_days=settings.md_trade_retention_days, influx=influx,
        book_depth=settings.md_book_depth)
    svc.market_data = core  # for tests and diagnostics
    svc.add_servicer(add_MarketDataServiceServicer_to_server, MarketDataServicer(core), FULL_NAME)

    @svc.on_start
    async def _start() -> None:
        core.store = HistoryStore(svc.db)
        core.start(ready=lambda: svc.bus is None or svc.bus.running)

    @svc.on_stop
    async def _stop() -> None:
        await core.stop()
        publish.flush()

    svc.every(settings.md_flush_interval, core.tick, name="md-tick")
    if settings.md_publish_window:
        svc.every(settings.md_publish_window / 4, publish.flush_due, name="md-publish-window")
    svc.every(3600, core.retention, name="md-retention")
    return svc
