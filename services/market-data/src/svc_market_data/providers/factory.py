"""Build the configured provider from the settings."""

from __future__ import annotations

from svc_market_data.providers.base import Provider
from svc_market_data.settings import Settings, _csv


def build_provider(settings: Settings) -> Provider:
    p = settings.md_provider
    if p == "simulator":
        from svc_market_data.providers.simulator import SimulatorConfig, SimulatorProvider

        return SimulatorProvider(SimulatorConfig(
            seed=settings.md_seed, instruments=tuple(_csv(settings.md_instruments)),
            quote_interval_s=settings.md_quote_interval, book_interval_s=settings.md_book_interval,
            book_levels=settings.md_book_depth, speed=settings.md_sim_speed))
    if p == "replay":
        from svc_market_data.providers.replay import ReplayProvider, bundled_sample

        files = _csv(settings.md_replay_files) or [str(bundled_sample())]
        return ReplayProvider(files, speed=settings.md_replay_speed, loop=settings.md_replay_loop)
    from svc_market_data.providers.symbols import parse_symbol_map

    if p == "alpaca":
        from svc_market_data.providers.alpaca import AlpacaProvider

        return AlpacaProvider(
            settings.md_alpaca_api_key.get_secret_value(),
            settings.md_alpaca_secret_key.get_secret_value(),
            parse_symbol_map(settings.md_symbols, "XNAS"), feed=settings.md_alpaca_feed,
            data_url=settings.md_alpaca_data_url, stream_url=settings.md_alpaca_stream_url)
    if p == "yahoo":
        from svc_market_data.providers.yahoo import YahooProvider

        return YahooProvider(parse_symbol_map(settings.md_symbols, "YAHOO"),
                             settings.md_yahoo_interval, base_url=settings.md_yahoo_base_url,
                             poll_interval_s=settings.md_poll_interval,
                             cache_dir=settings.home / "cache" / "yfinance")
    from svc_market_data.providers.exchange import CcxtProvider

    return CcxtProvider(settings.md_ccxt_exchange, parse_symbol_map(settings.md_symbols, "CRYPTO"),
                        base_url=settings.md_ccxt_base_url,
                        poll_interval_s=settings.md_poll_interval)
