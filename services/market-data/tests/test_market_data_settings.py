"""Settings → provider: every provider is built from OMNI_MD_* variables; bad values name the
variable."""

import pytest
from omni_core.settings import SettingsError
from svc_market_data.providers.alpaca import AlpacaProvider
from svc_market_data.providers.exchange import CcxtProvider
from svc_market_data.providers.factory import build_provider
from svc_market_data.providers.replay import ReplayProvider
from svc_market_data.providers.simulator import SimulatorProvider
from svc_market_data.providers.symbols import parse_symbol_map
from svc_market_data.providers.yahoo import YahooProvider
from svc_market_data.settings import Settings


def test_embedded_default_is_a_bounded_simulator(monkeypatch, tmp_path):
    monkeypatch.setenv("OMNI_HOME", str(tmp_path))
    s = Settings()
    p = build_provider(s)
    assert isinstance(p, SimulatorProvider)
    assert len(p.instruments()) == 5
    assert p.config.quote_interval_s == 0.25 and p.config.book_interval_s == 5.0
    assert s.timeframes == ["1m", "5m", "15m", "1h", "1d"]


def test_each_provider_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OMNI_HOME", str(tmp_path))
    monkeypatch.setenv("OMNI_MD_PROVIDER", "replay")
    monkeypatch.setenv("OMNI_MD_REPLAY_SPEED", "0")
    p = build_provider(Settings())
    assert isinstance(p, ReplayProvider) and p.speed == 0 and p.loop  # bundled sample

    monkeypatch.setenv("OMNI_MD_PROVIDER", "alpaca")
    monkeypatch.setenv("OMNI_MD_SYMBOLS", "AAPL,MSFT:MSFT.XNAS")
    monkeypatch.setenv("OMNI_MD_ALPACA_API_KEY", "k")
    monkeypatch.setenv("OMNI_MD_ALPACA_SECRET_KEY", "s3cret")
    monkeypatch.setenv("OMNI_MD_ALPACA_STREAM_URL", "ws://127.0.0.1:1/stream")
    s = Settings()
    assert "s3cret" not in repr(s) and "s3cret" not in str(s.safe_dict())
    p = build_provider(s)
    assert isinstance(p, AlpacaProvider) and p.symbols == {"AAPL": "AAPL.XNAS",
                                                           "MSFT": "MSFT.XNAS"}

    monkeypatch.setenv("OMNI_MD_PROVIDER", "yahoo")
    monkeypatch.setenv("OMNI_MD_SYMBOLS", "^GSPC:SPX.INDEX,EURUSD=X")
    p = build_provider(Settings())
    assert isinstance(p, YahooProvider)
    assert [i.asset_class for i in p.instruments()] == ["equity", "fx"]

    monkeypatch.setenv("OMNI_MD_PROVIDER", "ccxt")
    monkeypatch.setenv("OMNI_MD_SYMBOLS", "BTC/USDT,ETH/USDT")
    monkeypatch.setenv("OMNI_MD_CCXT_BASE_URL", "http://127.0.0.1:9")
    p = build_provider(Settings())
    assert isinstance(p, CcxtProvider)
    assert p.exchange.urls["api"]["public"] == "http://127.0.0.1:9/api/v3"
    assert [i.instrument_id for i in p.instruments()] == ["BTC-USDT.CRYPTO", "ETH-USDT.CRYPTO"]


def test_missing_credentials_and_symbols_are_named(monkeypatch):
    monkeypatch.setenv("OMNI_MD_PROVIDER", "alpaca")
    with pytest.raises(SettingsError) as exc:
        Settings()
    assert set(exc.value.variables) == {"OMNI_MD_SYMBOLS", "OMNI_MD_ALPACA_API_KEY",
                                        "OMNI_MD_ALPACA_SECRET_KEY"}
    monkeypatch.setenv("OMNI_MD_PROVIDER", "yahoo")
    monkeypatch.setenv("OMNI_MD_SYMBOLS", "AAPL")
    monkeypatch.setenv("OMNI_MD_YAHOO_INTERVAL", "4h")
    with pytest.raises(SettingsError) as exc:
        Settings()
    assert exc.value.variables == ["OMNI_MD_YAHOO_INTERVAL"]
    monkeypatch.setenv("OMNI_MD_PROVIDER", "bloomberg")
    with pytest.raises(SettingsError) as exc:
        Settings()
    assert exc.value.variables == ["OMNI_MD_PROVIDER"]
    monkeypatch.setenv("OMNI_MD_PROVIDER", "simulator")
    monkeypatch.setenv("OMNI_INFLUX_URL", "influx:8086")
    with pytest.raises(SettingsError) as exc:
        Settings()
    assert exc.value.variables == ["OMNI_INFLUX_URL"]


def test_symbol_maps():
    assert parse_symbol_map("BTC/USDT, ETH/USDT:ETH-USD.CRYPTO", "CRYPTO") == {
        "BTC/USDT": "BTC-USDT.CRYPTO", "ETH/USDT": "ETH-USD.CRYPTO"}
    with pytest.raises(ValueError):
        parse_symbol_map(" , ", "X")
    with pytest.raises(ValueError):
        parse_symbol_map("A:", "X")
