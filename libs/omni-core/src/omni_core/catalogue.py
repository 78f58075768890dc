"""The fleet: the 26 services of ARCHITECTURE §2, with the ports they use when run together
on one machine. In Kubernetes every pod uses the same container ports (see the Helm chart);
the per-service ports here only keep embedded processes from colliding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GRPC_PORT_BASE = 50100
METRICS_PORT_BASE = 9100
GATEWAY_HTTP_PORT = 8080


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    number: int
    name: str
    layer: Literal["trading", "security"]
    grpc_service: str

    @property
    def domain(self) -> str:
        return self.name.replace("-", "_")

    @property
    def package(self) -> str:
        return f"svc_{self.domain}"

    @property
    def grpc_port(self) -> int:
        return GRPC_PORT_BASE + self.number

    @property
    def metrics_port(self) -> int:
        return METRICS_PORT_BASE + self.number


def _spec(number: int, name: str, layer: Literal["trading", "security"]) -> ServiceSpec:
    domain = name.replace("-", "_")
    type_name = "".join(part.capitalize() for part in name.split("-"))
    return ServiceSpec(number, name, layer, f"omni.{domain}.v1.{type_name}Service")


SERVICES: tuple[ServiceSpec, ...] = (
    _spec(1, "control-plane", "trading"),
    _spec(2, "market-data", "trading"),
    _spec(3, "broker-gateway", "trading"),
    _spec(4, "order-manager", "trading"),
    _spec(5, "signal-engine", "trading"),
    _spec(6, "risk-engine", "trading"),
    _spec(7, "portfolio-manager", "trading"),
    _spec(8, "strategy-engine", "trading"),
    _spec(9, "ai-brain", "trading"),
    _spec(10, "orchestrator", "trading"),
    _spec(11, "fund-operations", "trading"),
    _spec(12, "market-maker", "trading"),
    _spec(13, "analytics", "trading"),
    _spec(14, "compliance", "trading"),
    _spec(15, "alt-data", "trading"),
    _spec(16, "ml-pipeline", "trading"),
    _spec(17, "hft-engine", "trading"),
    _spec(18, "cross-asset", "trading"),
    _spec(19, "global-markets", "trading"),
    _spec(20, "api-gateway", "trading"),
    _spec(21, "identity", "security"),
    _spec(22, "threat-detection", "security"),
    _spec(23, "key-management", "security"),
    _spec(24, "input-guard", "security"),
    _spec(25, "access-control", "security"),
    _spec(26, "security-hub", "security"),
)

BY_NAME: dict[str, ServiceSpec] = {spec.name: spec for spec in SERVICES}


def spec(name: str) -> ServiceSpec:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown service {name!r}; known: {', '.join(BY_NAME)}") from None


# ARCHITECTURE §3. Keys name what each topic is partitioned by.
TOPICS: dict[str, str] = {
    "market-data-stream": "instrument id",
    "trading-signals": "instrument id",
    "order-management": "account id",
    "risk-management": "account id",
    "portfolio-updates": "account id",
    "system-monitoring": "service name",
    "security-events": "tenant id",
    "dead-letter": "source topic",
}
