"""Shared by the api-gateway tests: the in-process fleet of the orchestrator tests plus a real
orchestrator service, and gateway apps over them."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from omni_core.cache import InProcessCache
from omni_core.db import Database
from orchestrator_helpers import (  # noqa: F401  (re-exported for the tests)
    AAPL,
    ACCT,
    Fleet,
    in_process_fleet,
    wait_order,
    wait_paper_book,
    wait_position,
    wait_quote,
    wait_risk_price,
    wait_trading,
)
from svc_api_gateway.backends import Backends
from svc_api_gateway.http_api import GatewayState, create_app
from svc_api_gateway.keys import ApiKeyStore
from svc_api_gateway.tenants import QuotaGate, TenantStore

FULL_KEY = "test-full-key-0123456789"
READ_KEY = "test-read-key-0123456789"


@contextlib.asynccontextmanager
async def gateway_fleet(kafka_bootstrap: str, home: Path, label: str):
    """The fleet, with a real orchestrator (kit service) added; deployments S-OK and S-BAD."""
    from svc_orchestrator.app import OrchestratorSettings
    from svc_orchestrator.app import build as orch_build

    async with in_process_fleet(kafka_bootstrap, home, label) as fleet:
        for name in ("market-data", "broker-gateway", "risk-engine", "order-manager"):
            if name not in fleet.addresses:
                import pytest

                pytest.skip(f"{name} not importable")
        await wait_quote(fleet.addresses["market-data"], AAPL)
        await wait_risk_price(fleet.addresses["risk-engine"], AAPL)
        await wait_paper_book(fleet, AAPL)
        await fleet.deploy("S-OK", ACCT, [AAPL])
        await fleet.deploy("S-BAD", "ACC2", ["NOPE.XNAS"])
        addrs = {f"{k.replace('-', '_')}_address": v for k, v in fleet.addresses.items()}
        orch = orch_build(OrchestratorSettings(
            kafka_bootstrap=kafka_bootstrap, grpc_host="127.0.0.1", grpc_port=0, metrics_port=0,
            home=home, accounts=ACCT, analytics_address="127.0.0.1:1",
            control_plane_address="127.0.0.1:1", **addrs), topics=fleet.topics)
        await orch.start()
        try:
            assert await orch.wait_ready(60), orch.dependencies
            fleet.addresses["orchestrator"] = orch.grpc_address
            fleet.services["orchestrator"] = orch
            yield fleet
        finally:
            await orch.stop()


async def make_app(fleet: Fleet, db_url: str, **overrides: str) -> tuple[Any, GatewayState]:
    db = Database(db_url)
    await db.migrate("svc_api_gateway.migrations", version_table="alembic_version_api_gateway")
    store = ApiKeyStore(db)
    tenants = TenantStore(db)
    await tenants.ensure_default("default", accounts=[ACCT], title="Omni Alpha")
    await store.create(FULL_KEY, tenant_id="default", name="full", scopes=["*"])
    await store.create(READ_KEY, tenant_id="default", name="reader", scopes=["read"])
    addresses = {"control-plane": "127.0.0.1:1", "analytics": "127.0.0.1:1",
                 **fleet.addresses, **overrides}
    state = GatewayState(Backends(addresses, timeout=5), store, accounts=[ACCT],
                         tenants=tenants, quotas=QuotaGate(InProcessCache(prefix="gw-test:")))
    state.db = db  # type: ignore[attr-defined]
    return create_app(state), state


async def close_app(state: GatewayState) -> None:
    await state.backends.close()
    await state.db.dispose()  # type: ignore[attr-defined]
