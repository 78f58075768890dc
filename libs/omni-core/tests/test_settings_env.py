"""ServiceSettings: profiles, layering, validation naming the variable, secrets."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import ClassVar

import pytest
from omni_core.logging import configure_logging, get_logger
from omni_core.settings import ServiceSettings, SettingsError
from pydantic import SecretStr


class RiskSettings(ServiceSettings):
    service_name: ClassVar[str] = "risk-engine"
    api_token: SecretStr | None = None
    max_order_notional: float = 1_000_000


class HftSettings(ServiceSettings):
    service_name: ClassVar[str] = "hft-engine"
    latency_critical: ClassVar[bool] = True


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for k in list(os.environ):
        if k.startswith("OMNI_"):
            monkeypatch.delenv(k)


def test_dev_defaults_from_catalogue(tmp_path, monkeypatch):
    monkeypatch.setenv("OMNI_HOME", str(tmp_path))
    s = RiskSettings()
    assert s.profile == "dev"
    assert s.grpc_port == 50106 and s.metrics_port == 9106
    assert s.kafka_bootstrap == "127.0.0.1:9092"
    assert s.database_url == f"sqlite+aiosqlite:///{tmp_path.resolve()}/data/risk-engine.db"
    assert s.redis_url is None
    assert s.kafka_fetch_wait_max_ms == 100
    assert s.kafka_session_timeout_ms == 2000 and s.kafka_heartbeat_interval_ms == 500
    assert HftSettings().kafka_fetch_wait_max_ms == 5


def test_layering_env_over_profile_explicit_over_env(monkeypatch):
    monkeypatch.setenv("OMNI_GRPC_PORT", "6000")
    monkeypatch.setenv("OMNI_LOG_LEVEL", "debug")
    monkeypatch.setenv("OMNI_MAX_ORDER_NOTIONAL", "5")
    s = RiskSettings()
    assert s.grpc_port == 6000 and s.log_level == "DEBUG" and s.max_order_notional == 5
    assert RiskSettings(grpc_port=7000).grpc_port == 7000


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("OMNI_GRPC_PORT", "not-a-port"),
        ("OMNI_GRPC_PORT", "70000"),
        ("OMNI_METRICS_PORT", "-1"),
        ("OMNI_PROFILE", "laptop"),
        ("OMNI_LOG_FORMAT", "xml"),
        ("OMNI_DATABASE_URL", "mysql://x/y"),
        ("OMNI_HEARTBEAT_INTERVAL", "0"),
        ("OMNI_MAX_ORDER_NOTIONAL", "lots"),
    ],
)
def test_invalid_settings_name_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError) as err:
        RiskSettings()
    assert str(err.value).startswith(f"{var}: ")
    assert var in err.value.variables
    assert value not in str(err.value) or value in ("0", "-1")  # inputs are not echoed


@pytest.mark.parametrize("profile", ["staging", "production"])
def test_staging_and_production_need_explicit_urls(monkeypatch, profile):
    monkeypatch.setenv("OMNI_PROFILE", profile)
    with pytest.raises(SettingsError) as err:
        RiskSettings()
    assert set(err.value.variables) == {
        "OMNI_KAFKA_BOOTSTRAP", "OMNI_DATABASE_URL", "OMNI_REDIS_URL"
    }
    monkeypatch.setenv("OMNI_KAFKA_BOOTSTRAP", "kafka:9092")
    monkeypatch.setenv("OMNI_DATABASE_URL", "postgresql+asyncpg://u:pw@db/omni")
    monkeypatch.setenv("OMNI_REDIS_URL", "redis://redis:6379/0")
    s = RiskSettings()
    assert s.grpc_port == 50051 and s.metrics_port == 9090


def test_to_bus_config():
    s = HftSettings(kafka_bootstrap="k:1")
    bc = s.to_bus_config(dead_letter_topic="dl")
    assert (bc.bootstrap, bc.fetch_wait_max_ms, bc.session_timeout_ms,
            bc.heartbeat_interval_ms, bc.dead_letter_topic) == ("k:1", 5, 2000, 500, "dl")


SECRET = "s3cr3t-Value-9f1c"


def _assert_hidden(s: RiskSettings) -> None:
    assert s.api_token is not None and s.api_token.get_secret_value() == SECRET
    assert SECRET not in repr(s) and SECRET not in str(s)
    assert SECRET not in json.dumps(s.safe_dict())
    buf = io.StringIO()
    configure_logging("risk-engine", "DEBUG", "json", stream=buf)
    log = get_logger("test")
    log.info("settings", settings=s.safe_dict())
    log.info("settings obj", settings=s)
    log.info("token", token=s.api_token)
    assert buf.getvalue().count("\n") >= 3
    assert SECRET not in buf.getvalue()
    configure_logging("risk-engine")


def test_secret_from_env_never_shown(monkeypatch):
    monkeypatch.setenv("OMNI_API_TOKEN", SECRET)
    _assert_hidden(RiskSettings())


def test_secret_from_file(monkeypatch, tmp_path):
    f = tmp_path / "token"
    f.write_text(SECRET + "\n")
    monkeypatch.setenv("OMNI_API_TOKEN_FILE", str(f))
    _assert_hidden(RiskSettings())


def test_secret_from_secrets_dir(monkeypatch, tmp_path):
    (tmp_path / "OMNI_API_TOKEN").write_text(SECRET)
    monkeypatch.setenv("OMNI_SECRETS_DIR", str(tmp_path))
    _assert_hidden(RiskSettings())


def test_missing_secret_file_names_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("OMNI_API_TOKEN_FILE", str(tmp_path / "nope"))
    with pytest.raises(SettingsError) as err:
        RiskSettings()
    assert str(err.value).startswith("OMNI_API_TOKEN_FILE: ")


def test_database_password_hidden_in_repr(monkeypatch):
    s = RiskSettings(database_url="postgresql+asyncpg://u:hunter2pw@db/omni")
    assert "hunter2pw" not in repr(s)
    assert "hunter2pw" not in json.dumps(s.safe_dict())


def test_service_exits_2_naming_the_variable(tmp_path):
    code = (
        "from typing import ClassVar\n"
        "from omni_core.settings import ServiceSettings\n"
        "from omni_core.service import Service, run\n"
        "class S(ServiceSettings):\n"
        "    service_name: ClassVar[str] = 'risk-engine'\n"
        "def build(settings: S) -> Service:\n"
        "    return Service(settings)\n"
        "run(build)\n"
    )
    env = {"OMNI_GRPC_PORT": "abc", "PATH": "/usr/bin:/bin", "OMNI_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "OMNI_GRPC_PORT: " in proc.stderr
    assert "Traceback" not in proc.stderr
