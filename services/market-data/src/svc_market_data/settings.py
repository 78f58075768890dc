"""Market-data settings (environment, prefix ``OMNI_``; this service's own are ``OMNI_MD_*``
and the optional InfluxDB sink's ``OMNI_INFLUX_*``). Invalid values stop the service at start
with an error naming the variable."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from omni_core.settings import ServiceSettings, SettingsError
from pydantic import Field, SecretStr, model_validator

from svc_market_data.bars import parse_timeframe


def _csv(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "market-data"
    # it publishes the hot path but consumes only control events (config changes): the
    # default fetch wait spares the broker ~200 waiting fetches a second
    latency_critical: ClassVar[bool] = False

    # which provider feeds the service
    md_provider: Literal["simulator", "replay", "alpaca", "yahoo", "ccxt"] = "simulator"
    # bar time frames published and stored (tick "<n>t" and volume "<q>v" bars too)
    md_timeframes: str = "1m,5m,15m,1h,1d"
    md_book_depth: int = Field(default=10, ge=1, le=1000)
    # at most how long quotes, trades and book updates are held to go out in one Kafka batch,
    # with the next bar or status event (0 = each at once); bars and status events never
    # wait. The embedded fleet sets it: there each batch a topic holds costs the broker work
    # on every fetch of it (docs/embedded.md)
    md_publish_window: float = Field(default=0.0, ge=0, le=5)

    # simulator (the embedded default): a few instruments at a bounded rate, since the
    # embedded broker keeps every message in memory
    md_seed: int = 7
    md_instruments: str = "AAPL.XNAS,SPY.ARCX,ESZ6.XCME,EURUSD.FX,BTC-USD.CRYPTO"
    md_quote_interval: float = Field(default=0.25, ge=0.01, le=60)
    md_book_interval: float = Field(default=5.0, ge=0.1, le=3600)
    md_sim_speed: float = Field(default=1.0, ge=0)

    # replay: comma-separated CSV/Parquet files; empty means the bundled sample
    md_replay_files: str = ""
    md_replay_speed: float = Field(default=1.0, ge=0)
    md_replay_loop: bool = True

    # external venues: venue symbols, "SYM" or "SYM:INSTRUMENT_ID", comma-separated
    md_symbols: str = ""
    md_poll_interval: float = Field(default=5.0, gt=0)
    md_alpaca_api_key: SecretStr | None = None
    md_alpaca_secret_key: SecretStr | None = None
    md_alpaca_feed: Literal["iex", "sip"] = "iex"
    md_alpaca_data_url: str | None = None
    md_alpaca_stream_url: str | None = None
    md_yahoo_base_url: str | None = None
    md_yahoo_interval: str = "1d"
    md_ccxt_exchange: str = "binance"
    md_ccxt_base_url: str | None = None

    # validation
    md_spike_sigmas: float = Field(default=12.0, gt=0)
    md_spike_min_pct: float = Field(default=0.5, gt=0)
    md_spike_max_pct: float = Field(default=8.0, gt=0)
    md_spike_confirm: int = Field(default=3, ge=1, le=100)
    md_spike_confirm_max_pct: float = Field(default=30.0, gt=0)
    md_stale_after: float = Field(default=10.0, gt=0)
    # a tick older than this by the clock is quarantined as stale (0 = off; replays are old)
    md_max_tick_age: float = Field(default=0.0, ge=0)
    # record a "gap" when consecutive quotes of an instrument are further apart (0 = off)
    md_gap_after: float = Field(default=0.0, ge=0)
    md_quarantine_capacity: int = Field(default=10_000, ge=1, le=10_000_000)

    # history store
    md_store_trades: bool = True
    md_trade_retention_days: float = Field(default=7.0, gt=0)
    md_flush_interval: float = Field(default=1.0, gt=0, le=60)

    # optional InfluxDB sink (bars and trades as line protocol)
    influx_url: str | None = None
    influx_token: SecretStr | None = None
    influx_org: str = "omni"
    influx_bucket: str = "market-data"

    @model_validator(mode="after")
    def _check_market_data(self) -> Settings:
        problems: list[tuple[str, str]] = []
        try:
            tfs = _csv(self.md_timeframes)
            if not tfs:
                raise ValueError("at least one time frame is needed")
            for t in tfs:
                parse_timeframe(t)
            from svc_market_data.bars import BarEngine

            BarEngine("check", tfs)
        except ValueError as exc:
            problems.append(("OMNI_MD_TIMEFRAMES", str(exc)))
        if self.md_spike_min_pct >= self.md_spike_max_pct:
            problems.append(("OMNI_MD_SPIKE_MIN_PCT", "must be below OMNI_MD_SPIKE_MAX_PCT"))
        p = self.md_provider
        if p == "simulator":
            from svc_market_data.providers.simulator import select_universe

            try:
                select_universe(_csv(self.md_instruments))
            except ValueError as exc:
                problems.append(("OMNI_MD_INSTRUMENTS", str(exc)))
        elif p == "replay":
            for f in _csv(self.md_replay_files):
                if not Path(f).is_file():
                    problems.append(("OMNI_MD_REPLAY_FILES", f"no such file {f}"))
        else:
            if not _csv(self.md_symbols):
                problems.append(("OMNI_MD_SYMBOLS", f"required for the {p} provider"))
            if p == "alpaca":
                for name in ("md_alpaca_api_key", "md_alpaca_secret_key"):
                    v = getattr(self, name)
                    if v is None or not v.get_secret_value():
                        problems.append((f"OMNI_{name.upper()}",
                                         "required for the alpaca provider"))
            if p == "yahoo":
                try:
                    from svc_market_data.providers.yahoo import YF_INTERVALS

                    tf = parse_timeframe(self.md_yahoo_interval)
                    if tf.seconds not in YF_INTERVALS:
                        raise ValueError(f"Yahoo intervals are {sorted(YF_INTERVALS.values())}")
                except ValueError as exc:
                    problems.append(("OMNI_MD_YAHOO_INTERVAL", str(exc)))
            if p == "ccxt":
                import ccxt

                if self.md_ccxt_exchange not in ccxt.exchanges:
                    problems.append(("OMNI_MD_CCXT_EXCHANGE",
                                     f"unknown exchange {self.md_ccxt_exchange!r}"))
        if self.influx_url and not self.influx_url.startswith(("http://", "https://")):
            problems.append(("OMNI_INFLUX_URL", "must be an http(s):// URL"))
        if problems:
            raise SettingsError(problems)
        return self

    @property
    def timeframes(self) -> list[str]:
        return _csv(self.md_timeframes)
