"""Wiring of the api-gateway with the kit: a kit `Service` (gRPC health on its catalogue port,
so ``omni up`` supervises it like the others, database with the API keys, bus) that runs the
FastAPI app under uvicorn inside the same event loop, started from ``on_start`` and stopped
from ``on_stop``.

HTTP listens on ``OMNI_HTTP_HOST:OMNI_HTTP_PORT`` (dev: 127.0.0.1:8080; other profiles
0.0.0.0:8080). The API key of the default tenant comes from the ``OMNI_API_KEY`` secret; in the
dev profile, without one, the development key `DEV_API_KEY` is used, printed at start and
injected into the dashboard page. Staging and production refuse to start without a key.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import Any, ClassVar

import uvicorn
from omni_core import catalogue
from omni_core.clock import Clock
from omni_core.service import Service
from omni_core.settings import FleetClientSettings, SettingsError
from pydantic import Field, SecretStr

from svc_api_gateway.backends import BACKENDS, Backends
from svc_api_gateway.grpc_api import FULL_NAME, ApiGatewayServicer, add_to_server
from svc_api_gateway.http_api import GatewayState, create_app
from svc_api_gateway.keys import ApiKeyStore
from svc_api_gateway.tenants import QuotaGate, TenantStore

__all__ = ["ApiGatewaySettings", "build", "DEV_API_KEY"]

DEV_API_KEY = "omni-dev-key"


class ApiGatewaySettings(FleetClientSettings):
    service_name: ClassVar[str] = "api-gateway"

    http_host: str | None = None
    http_port: int = Field(default=catalogue.GATEWAY_HTTP_PORT, ge=0, le=65535)
    api_key: SecretStr | None = None
    dashboard_title: str = "Omni Alpha"
    # how often the gateway samples each account's NAV and P&L for the equity curve
    equity_sample_interval: float = Field(default=2.0, gt=0)

    @property
    def bind_host(self) -> str:
        return self.http_host or ("127.0.0.1" if self.profile == "dev" else "0.0.0.0")

    def effective_key(self) -> tuple[str, bool]:
        """(the default tenant's key, whether it is the development default)."""
        if self.api_key is not None and self.api_key.get_secret_value():
            return self.api_key.get_secret_value(), False
        if self.profile != "dev":
            raise SettingsError([("OMNI_API_KEY", f"required in the {self.profile} profile")])
        return DEV_API_KEY, True


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the kit's Service owns SIGTERM/SIGINT."""

    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[no-untyped-def, override]
        yield


def build(settings: ApiGatewaySettings | None = None, *, clock: Clock | None = None,
          topics: dict[str, str] | None = None,
          bus_overrides: dict[str, Any] | None = None) -> Service:
    settings = settings or ApiGatewaySettings()
    key, is_dev = settings.effective_key()
    svc = Service(settings, clock=clock, topics=topics, bus_overrides=bus_overrides,
                  durable_dedupe=False)
    backends = Backends(settings.addresses(BACKENDS), timeout=settings.downstream_timeout)
    store = ApiKeyStore(svc.db)
    tenants = TenantStore(svc.db)
    quotas = QuotaGate(svc.cache)
    state = GatewayState(backends, store, accounts=settings.account_list(),
                         tenant_id=settings.tenant_id, dev_key=key if is_dev else None,
                         title=settings.dashboard_title, tenants=tenants, quotas=quotas)
    app = create_app(state)
    svc.add_servicer(add_to_server,
                     ApiGatewayServicer(store, settings.tenant_id, tenants, quotas), FULL_NAME)
    holder: dict[str, Any] = {}
    svc.gateway = {"app": app, "state": state, "http": holder}  # type: ignore[attr-defined]

    @svc.on_start
    async def start_http() -> None:
        await tenants.ensure_default(settings.tenant_id, accounts=settings.account_list(),
                                     title=settings.dashboard_title)
        await store.create(key, tenant_id=settings.tenant_id, name="default", scopes=["*"])
        config = uvicorn.Config(app, host=settings.bind_host, port=settings.http_port,
                                log_config=None, access_log=False, lifespan="off")
        server = _Server(config)
        task = asyncio.create_task(server.serve(), name="http")
        for _ in range(500):
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        if task.done() or not server.started:
            server.should_exit = True
            with contextlib.suppress(BaseException):
                await task
            raise SettingsError([("OMNI_HTTP_PORT",
                                  f"cannot listen on {settings.bind_host}:{settings.http_port}")])
        port = server.servers[0].sockets[0].getsockname()[1] if server.servers else 0
        holder.update(server=server, task=task, port=port,
                      url=f"http://{settings.bind_host}:{port}")
        svc.log.info("http listening", url=holder["url"])
        if is_dev:
            print(f"api-gateway: dashboard {holder['url']}/  (dev API key: {key})",
                  file=sys.stderr, flush=True)

    @svc.every(settings.equity_sample_interval, name="equity-sample")
    async def sample_equity() -> None:
        """The equity curve grows even while nobody watches the dashboard."""
        from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm

        from svc_api_gateway.http_api import _num

        for acct in state.accounts:
            resp, _ = await backends.soft("portfolio-manager", "GetPortfolio",
                                          pm.GetPortfolioRequest(account_id=acct), timeout=2.0)
            if resp is not None:
                p = resp.portfolio
                state.sample(acct, _num(p.nav.value), _num(p.pnl.total.value))

    @svc.on_stop
    async def stop_http() -> None:
        server, task = holder.get("server"), holder.get("task")
        if server is not None:
            server.should_exit = True
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, 10)
        await backends.close()

    return svc
