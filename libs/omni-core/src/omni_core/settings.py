"""`ServiceSettings`: every service's settings, from the environment (prefix ``OMNI_``).

Layering: profile defaults < environment (and secret files) < explicit keyword arguments.

    class Settings(ServiceSettings):
        service_name: ClassVar[str] = "order-manager"
        latency_critical: ClassVar[bool] = True
        max_child_orders: int = 50

    settings = Settings()            # raises SettingsError("OMNI_GRPC_PORT: ...") when invalid

Profiles: ``dev`` (the embedded laptop profile: local broker, SQLite under ``OMNI_HOME``,
in-process cache when ``OMNI_REDIS_URL`` is unset, catalogue ports), ``staging`` and
``production`` (explicit Kafka, database and Redis URLs required; Kubernetes ports 50051/9090).

Secrets are `SecretStr` fields. Each is read from ``OMNI_<NAME>``, or from the file named by
``OMNI_<NAME>_FILE``, or from ``<secrets dir>/OMNI_<NAME>`` or ``<secrets dir>/<name>`` where
the secrets dir is ``OMNI_SECRETS_DIR`` (default ``/run/secrets/omni`` when it exists). They
never appear in repr, logs or `safe_dict()`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from omni_core import catalogue

__all__ = ["ServiceSettings", "FleetClientSettings", "SettingsError", "Profile", "redact_url",
           "local_address"]

Profile = Literal["dev", "staging", "production"]
ENV_PREFIX = "OMNI_"
DEFAULT_SECRETS_DIR = "/run/secrets/omni"
K8S_GRPC_PORT = 50051
K8S_METRICS_PORT = 9090


class SettingsError(ValueError):
    """Invalid or missing settings. The message names each offending variable first
    (``OMNI_GRPC_PORT: Input should be ...``)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{var}: {msg}" for var, msg in problems))

    @property
    def variables(self) -> list[str]:
        return [v for v, _ in self.problems]


def env_name(field: str) -> str:
    return f"{ENV_PREFIX}{field.upper()}"


def local_address(service: str) -> str:
    """The embedded fleet's gRPC address of a service: loopback and its catalogue port.

    A caller's setting for it is ``<service>_address`` (``OMNI_<SERVICE>_ADDRESS``); this is
    its default, and the Helm chart sets it to the service's cluster address for every caller
    the chart lists."""
    return f"127.0.0.1:{catalogue.spec(service).grpc_port}"


def redact_url(url: str | None) -> str | None:
    """The URL with any password replaced by ``***``."""
    if not url:
        return url
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        if "@" in url and "://" in url:
            scheme, rest = url.split("://", 1)
            creds, host = rest.rsplit("@", 1)
            user = creds.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}"
        return url


def _is_secret(info: FieldInfo) -> bool:
    ann = info.annotation
    return ann is SecretStr or (
        hasattr(ann, "__args__") and SecretStr in getattr(ann, "__args__", ())
    )


class _SecretFilesSource(PydanticBaseSettingsSource):
    """SecretStr fields from ``OMNI_<NAME>_FILE`` or the secrets directory."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        sdir = os.environ.get(f"{ENV_PREFIX}SECRETS_DIR") or (
            DEFAULT_SECRETS_DIR if Path(DEFAULT_SECRETS_DIR).is_dir() else None
        )
        for name, info in self.settings_cls.model_fields.items():
            if not _is_secret(info):
                continue
            var = env_name(name)
            path = os.environ.get(f"{var}_FILE")
            candidates = [Path(path)] if path else []
            if sdir:
                candidates += [Path(sdir) / var, Path(sdir) / name]
            for p in candidates:
                if p.is_file():
                    out[name] = p.read_text().strip()
                    break
                if path and p == Path(path):
                    raise SettingsError([(f"{var}_FILE", f"file {path} does not exist")])
        return out


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="ignore",
        case_sensitive=False,
        validate_default=True,
        hide_input_in_errors=True,
    )

    # The catalogue name of the service; subclasses set it.
    service_name: ClassVar[str] = "omni"
    # Latency-critical services get the short Kafka fetch wait (5 ms); others 100 ms.
    latency_critical: ClassVar[bool] = False

    profile: Profile = "dev"
    kafka_bootstrap: str | None = None
    database_url: str | None = None
    # PostgreSQL schema to use (search_path); tests give each run a fresh one
    database_schema: str | None = None
    redis_url: str | None = None
    grpc_host: str = "0.0.0.0"
    grpc_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    tenant_id: str = Field(default="default", min_length=1)
    home: Path = Path(".omni")
    instance_id: str | None = None
    heartbeat_interval: float = Field(default=5.0, gt=0)
    readiness_interval: float = Field(default=2.0, gt=0)
    shutdown_grace: float = Field(default=5.0, ge=0)
    kafka_fetch_wait_max_ms: int | None = Field(default=None, ge=3, le=10_000)
    kafka_session_timeout_ms: int = Field(default=2000, ge=1000)
    kafka_heartbeat_interval_ms: int = Field(default=500, ge=100)
    kafka_max_retries: int = Field(default=3, ge=0)
    otel_exporter: Literal["none", "console", "memory"] = "none"
    otel_sample_ratio: float = Field(default=1.0, ge=0, le=1)

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(_problems(exc)) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _SecretFilesSource(settings_cls))

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, v: Any) -> Any:
        return v.upper() if isinstance(v, str) else v

    @field_validator("log_format", "profile", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.lower() if isinstance(v, str) else v

    @model_validator(mode="after")
    def _apply_profile(self) -> ServiceSettings:
        spec = catalogue.BY_NAME.get(self.service_name)
        if self.profile == "dev":
            if not self.kafka_bootstrap:
                self.kafka_bootstrap = "127.0.0.1:9092"
            if not self.database_url:
                path = (self.home / "data" / f"{self.service_name}.db").resolve()
                self.database_url = f"sqlite+aiosqlite:///{path}"
            if self.grpc_port is None:
                self.grpc_port = spec.grpc_port if spec else K8S_GRPC_PORT
            if self.metrics_port is None:
                self.metrics_port = spec.metrics_port if spec else K8S_METRICS_PORT
        else:
            missing = [
                (env_name(n), f"required in the {self.profile} profile")
                for n in ("kafka_bootstrap", "database_url", "redis_url")
                if not getattr(self, n)
            ]
            if missing:
                raise SettingsError(missing)
            if self.grpc_port is None:
                self.grpc_port = K8S_GRPC_PORT
            if self.metrics_port is None:
                self.metrics_port = K8S_METRICS_PORT
        if self.kafka_fetch_wait_max_ms is None:
            self.kafka_fetch_wait_max_ms = 5 if self.latency_critical else 100
        if self.kafka_heartbeat_interval_ms >= self.kafka_session_timeout_ms:
            raise SettingsError(
                [(env_name("kafka_heartbeat_interval_ms"), "must be below the session timeout")]
            )
        for name in ("database_url",):
            url = getattr(self, name)
            if url and not url.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
                raise SettingsError(
                    [(env_name(name), "must be postgresql+asyncpg://... or sqlite+aiosqlite:///...")]
                )
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingsError([(env_name("redis_url"), "must be a redis:// URL")])
        return self

    # views -------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.service_name

    @property
    def grpc_address(self) -> str:
        return f"{self.grpc_host}:{self.grpc_port}"

    def safe_dict(self) -> dict[str, Any]:
        """Settings fit for a log line: secrets masked, URL passwords hidden."""
        out: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = "**********" if value.get_secret_value() else ""
            elif name.endswith("_url") or name == "kafka_bootstrap":
                value = redact_url(value)
            elif isinstance(value, Path):
                value = str(value)
            out[name] = value
        out["service"] = self.service_name
        return out

    def __repr_args__(self) -> Any:
        for k, v in super().__repr_args__():
            if isinstance(k, str) and (k.endswith("_url")) and isinstance(v, str):
                v = redact_url(v)
            yield k, v

    def to_bus_config(self, **overrides: Any) -> Any:
        from omni_core.bus import BusConfig

        fields: dict[str, Any] = {
            "bootstrap": self.kafka_bootstrap,
            "fetch_wait_max_ms": self.kafka_fetch_wait_max_ms,
            "session_timeout_ms": self.kafka_session_timeout_ms,
            "heartbeat_interval_ms": self.kafka_heartbeat_interval_ms,
            "max_retries": self.kafka_max_retries,
            "dead_letter_topic": "dead-letter",
            "auto_offset_reset": "earliest",
        }
        fields.update(overrides)
        return BusConfig(**fields)


class FleetClientSettings(ServiceSettings):
    """Settings of a service that calls the trading fleet's services on behalf of its trading
    accounts (the gateway, the orchestrator): one ``<service>_address`` each."""

    # the trading accounts served (comma separated); the first is the default one
    accounts: str = "DEMO"
    downstream_timeout: float = Field(default=5.0, gt=0)

    control_plane_address: str = local_address("control-plane")
    market_data_address: str = local_address("market-data")
    broker_gateway_address: str = local_address("broker-gateway")
    order_manager_address: str = local_address("order-manager")
    risk_engine_address: str = local_address("risk-engine")
    portfolio_manager_address: str = local_address("portfolio-manager")
    strategy_engine_address: str = local_address("strategy-engine")
    orchestrator_address: str = local_address("orchestrator")
    analytics_address: str = local_address("analytics")

    def addresses(self, services: tuple[str, ...]) -> dict[str, str]:
        return {n: getattr(self, f"{n.replace('-', '_')}_address") for n in services}

    def account_list(self) -> list[str]:
        return [a.strip() for a in self.accounts.split(",") if a.strip()]


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = err.get("loc") or ()
        var = env_name(str(loc[0])) if loc else ENV_PREFIX.rstrip("_")
        msg = err.get("msg", "invalid")
        # errors raised from our model validator carry the variable already
        ctx_err = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_err, SettingsError):
            out.extend(ctx_err.problems)
            continue
        out.append((var, msg))
    return out
