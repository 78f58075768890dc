# ruff: noqa: B008  (FastAPI dependencies and parameters are declared as defaults)
"""The REST surface (FastAPI) over the services' gRPC contracts, and the dashboard page.

Every ``/api/v1`` route needs an API key (header ``X-API-Key``): missing or unknown -> 401,
known but without the route's scope -> 403. Errors are always JSON
``{"error": {"status", "code", "message", ...}}``; request validation failures are 422, gRPC
codes map as `backends` says, and only a dependency that is down gives 503.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from omni.api_gateway.v1 import api_gateway_service_pb2 as gw
from omni.common.v1 import types_pb2 as common
from omni.control_plane.v1 import control_plane_service_pb2 as cp
from omni.orchestrator.v1 import orchestrator_service_pb2 as orch
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni_core.errors import InvalidArgument, OmniError
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from svc_api_gateway.backends import ApiError, Backends, status_for
from svc_api_gateway.keys import ApiKeyStore, KeyInfo
from svc_api_gateway.tenants import QuotaGate, TenantStore

__all__ = ["create_app", "GatewayState"]

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,128}$"
OPEN = {om.ORDER_STATUS_NEW, om.ORDER_STATUS_PENDING, om.ORDER_STATUS_ACCEPTED,
        om.ORDER_STATUS_PARTIALLY_FILLED, om.ORDER_STATUS_PENDING_CANCEL,
        om.ORDER_STATUS_PENDING_REPLACE}


def to_json(msg: Any) -> dict[str, Any]:
    return MessageToDict(msg, preserving_proto_field_name=True,
                         always_print_fields_with_no_presence=True)


def _dec(d: Any) -> str:
    return d.value if d is not None and d.value else "0"


def _num(s: str) -> float:
    try:
        v = float(Decimal(s or "0"))
    except (InvalidOperation, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def _short(enum_name: str, prefix: str) -> str:
    return enum_name.removeprefix(prefix)


# ---- request bodies ------------------------------------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrderIn(_Body):
    account_id: str = Field(pattern=ID_PATTERN)
    instrument_id: str = Field(pattern=ID_PATTERN)
    side: Literal["BUY", "SELL"]
    quantity: float = Field(gt=0, allow_inf_nan=False)
    order_type: Literal["MARKET", "LIMIT", "STOP", "STOP_LIMIT"] = "MARKET"
    time_in_force: Literal["DAY", "GTC", "IOC", "FOK"] = "DAY"
    limit_price: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    stop_price: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    client_order_id: str | None = Field(default=None, pattern=ID_PATTERN)
    strategy_id: str = Field(default="", max_length=128)
    venue: str = Field(default="", max_length=64)

    @field_validator("side", "order_type", "time_in_force", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return v.upper() if isinstance(v, str) else v


class StrategyActionIn(_Body):
    reason: str = Field(default="", max_length=500)


class KillSwitchIn(_Body):
    state: Literal["ACTIVE", "REDUCING", "HALTED"]
    reason: str = Field(min_length=1, max_length=500)
    account_id: str = Field(default="", pattern=r"^[A-Za-z0-9_.:\-]{0,128}$")
    cancel_open_orders: bool = False


class HaltIn(_Body):
    reason: str = Field(min_length=1, max_length=500)
    cancel_open_orders: bool = True
    flatten_positions: bool = False


class ResumeIn(_Body):
    reason: str = Field(min_length=1, max_length=500)
    resume_strategies: bool = True


class BacktestIn(_Body):
    strategy_type: str = Field(min_length=1, max_length=64)
    instruments: list[str] = Field(min_length=1, max_length=100)
    start: date
    end: date
    parameters: dict[str, float | int | bool | str] = Field(default_factory=dict)
    initial_capital: Decimal = Field(default=Decimal("100000"), gt=0)
    timeframe: str = Field(default="1d", max_length=8)
    fee_bps: float = Field(default=1.0, ge=0, le=1000, allow_inf_nan=False)
    slippage_bps: float = Field(default=1.0, ge=0, le=1000, allow_inf_nan=False)
    seed: int = 0
    # strategy-engine data source ("sim", "sp500", a file ...); empty = its default
    data_source: str = Field(default="", max_length=500)
    wait: bool = True

    @field_validator("instruments")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        import re

        for i in v:
            if not re.match(ID_PATTERN, i):
                raise ValueError(f"bad instrument id {i!r}")
        return v


class TenantIn(_Body):
    name: str = Field(max_length=200)
    plan: str | None = Field(default=None, max_length=32)
    quota: dict[str, Any] | None = None
    branding: dict[str, Any] | None = None


class TenantPatch(_Body):
    name: str | None = Field(default=None, max_length=200)
    status: str | None = Field(default=None, max_length=32)
    plan: str | None = Field(default=None, max_length=32)
    account_ids: list[str] | None = Field(default=None, max_length=1000)


# ---- state ---------------------------------------------------------------------------------


class GatewayState:
    """What the routes share: backends, key store, accounts, the equity samples."""

    def __init__(self, backends: Backends, keys: ApiKeyStore, *, accounts: list[str],
                 tenant_id: str = "default", dev_key: str | None = None,
                 title: str = "Omni Alpha", equity_points: int = 2000,
                 tenants: TenantStore | None = None, quotas: QuotaGate | None = None) -> None:
        self.backends = backends
        self.keys = keys
        # tenants and quota enforcement (None: one implicit tenant, no quotas)
        self.tenants = tenants
        self.quotas = quotas
        self.accounts = accounts
        self.tenant_id = tenant_id
        self.dev_key = dev_key
        self.title = title
        self.equity: dict[str, deque[tuple[float, float, float]]] = {}
        self.equity_points = equity_points

    def sample(self, account: str, nav: float, pnl: float) -> None:
        q = self.equity.setdefault(account, deque(maxlen=self.equity_points))
        now = time.time()
        if q and now - q[-1][0] < 0.5:
            q[-1] = (q[-1][0], nav, pnl)
        else:
            q.append((now, nav, pnl))


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(ApiError(status, code, message, **extra).body(), status_code=status)


def create_app(state: GatewayState) -> FastAPI:
    app = FastAPI(
        docs_url=None, redoc_url=None,
        title=f"{state.title} API",
        version="1.0",
        description="REST gateway over the Omni Alpha services. Authenticate with the "
                    "`X-API-Key` header.",
    )
    app.state.gw = state
    b = state.backends

    # ---- errors ------------------------------------------------------------------------

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg", "")}
                   for e in exc.errors()]
        return _error(422, "INVALID_ARGUMENT", "request validation failed", details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "HTTP_ERROR")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(OmniError)
    async def _omni(request: Request, exc: OmniError) -> JSONResponse:
        status = status_for(exc.code)
        return _error(status, exc.code.name, str(exc))

    # ---- offline API docs: Swagger UI from the swagger-ui-bundle package ---------------

    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/static/swagger-ui", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
              name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{state.title} API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
            oauth2_redirect_url="/docs/oauth2-redirect")

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def docs_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    # ---- auth --------------------------------------------------------------------------

    def scope(name: str) -> Callable[..., Awaitable[KeyInfo]]:
        async def dep(request: Request) -> KeyInfo:
            secret = request.headers.get("x-api-key", "").strip()
            if not secret:
                raise ApiError(401, "UNAUTHENTICATED", "missing API key (X-API-Key header)")
            info = await state.keys.lookup(secret)
            if info is None:
                raise ApiError(401, "UNAUTHENTICATED", "invalid or revoked API key")
            if not info.allows(name):
                raise ApiError(403, "PERMISSION_DENIED",
                               f"this API key lacks the {name!r} scope")
            request.state.key = info
            await check_tenant(info)
            return info

        return dep

    async def tenant_of(info: KeyInfo) -> Any:
        if state.tenants is None:
            return None
        tenant = await state.tenants.cached(info.tenant_id)
        if tenant is None:
            raise ApiError(403, "PERMISSION_DENIED", f"unknown tenant {info.tenant_id!r}")
        return tenant

    def exceeded(d: Any, tenant_id: str) -> ApiError:
        return ApiError(429, "RESOURCE_EXHAUSTED",
                        f"quota exceeded for tenant {tenant_id!r}: {d.reason} limit {d.limit}",
                        quota=d.reason, limit=d.limit, retry_after=d.retry_after,
                        headers={"Retry-After": str(d.retry_after)})

    async def check_tenant(info: KeyInfo) -> None:
        """Tenant active, request within the tenant's quota (else 403 / 429)."""
        tenant = await tenant_of(info)
        if tenant is None:
            return
        if tenant.status != gw.TENANT_STATUS_ACTIVE:
            raise ApiError(403, "PERMISSION_DENIED", f"tenant {info.tenant_id!r} is "
                           f"{gw.TenantStatus.Name(tenant.status).removeprefix('TENANT_STATUS_').lower()}")
        if state.quotas is not None:
            d = await state.quotas.request(tenant)
            if not d.allowed:
                raise exceeded(d, info.tenant_id)

    async def check_order_quota(info: KeyInfo) -> None:
        tenant = await tenant_of(info)
        if tenant is not None and state.quotas is not None:
            d = await state.quotas.order(tenant)
            if not d.allowed:
                raise exceeded(d, info.tenant_id)

    read = Depends(scope("read"))

    def actor(key: KeyInfo) -> str:
        return f"api:{key.tenant_id}:{key.name}"

    async def known_account(account_id: str) -> None:
        if account_id in state.accounts:
            return
        resp, err = await b.soft("risk-engine", "GetAccount",
                                 rk.GetAccountRequest(account_id=account_id))
        if resp is not None:
            return
        if err and err["status"] == 404:
            raise ApiError(404, "NOT_FOUND", f"unknown account {account_id!r}")
        raise ApiError(err["status"] if err else 503, err["code"] if err else "UNAVAILABLE",
                       err["message"] if err else "risk-engine is unavailable",
                       service="risk-engine")

    AccountId = Path(pattern=ID_PATTERN)

    # ---- public ------------------------------------------------------------------------

    async def branding_for(host: str) -> dict[str, str]:
        """The branding of the tenant whose custom domain is `host`, else the default
        tenant's (read from the tenant store; {} without one)."""
        if state.tenants is None:
            return {}
        t = await state.tenants.by_domain(host) if host else None
        t = t or await state.tenants.cached(state.tenant_id)
        if t is None:
            return {}
        out = MessageToDict(t.branding, preserving_proto_field_name=True)
        out["tenant_id"] = t.tenant_id
        return out

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard(request: Request) -> HTMLResponse:
        import html as _html

        page = resources.files("svc_api_gateway").joinpath("static/dashboard.html").read_text()
        brand = await branding_for(request.headers.get("host", ""))
        title = brand.get("display_name") or state.title
        cfg = {"apiKey": state.dev_key or "", "accounts": state.accounts, "title": title,
               "branding": brand}
        js = (json.dumps(cfg).replace("<", "\\u003c").replace(">", "\\u003e")
              .replace("&", "\\u0026"))
        page = page.replace("/*OMNI_CONFIG*/{}", js)
        page = page.replace("<title>Omni Alpha dashboard</title>",
                            f"<title>{_html.escape(title)} dashboard</title>")
        page = page.replace('<h1 id="title">Omni Alpha</h1>',
                            f'<h1 id="title">{_html.escape(title)}</h1>')
        css = []
        if brand.get("primary_color"):  # validated hex colours only
            css.append(f"--acc:{brand['primary_color']};")
        if brand.get("secondary_color"):
            css.append(f"--panel:{brand['secondary_color']};")
        if css:
            page = page.replace("</head>", f"<style>:root {{ {' '.join(css)} }}</style>\n</head>",
                                1)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @app.get("/api/v1/branding", tags=["tenants"])
    async def my_branding(request: Request, key: KeyInfo = read) -> dict[str, Any]:
        """The branding of the caller's tenant."""
        if state.tenants is None:
            return {"tenant_id": key.tenant_id, "branding": {"display_name": state.title}}
        t = await state.tenants.get(key.tenant_id)
        return {"tenant_id": t.tenant_id, "branding": to_json(t.branding)}

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # ---- accounts & portfolio ----------------------------------------------------------

    @app.get("/api/v1/accounts", tags=["accounts"])
    async def list_accounts(key: KeyInfo = read) -> dict[str, Any]:
        out = []
        for acct in state.accounts:
            resp, err = await b.soft("risk-engine", "GetAccount",
                                     rk.GetAccountRequest(account_id=acct))
            row: dict[str, Any] = {"account_id": acct, "tenant_id": key.tenant_id}
            if resp is not None:
                row.update(equity=_dec(resp.account.equity),
                           buying_power=_dec(resp.account.buying_power),
                           currency=resp.account.currency)
            else:
                row["risk_error"] = err
            out.append(row)
        return {"accounts": out}

    @app.get("/api/v1/accounts/{account_id}", tags=["accounts"])
    async def get_account(account_id: str = AccountId, key: KeyInfo = read) -> dict[str, Any]:
        await known_account(account_id)
        out: dict[str, Any] = {"account_id": account_id, "tenant_id": key.tenant_id}
        risk, err = await b.soft("risk-engine", "GetAccount",
                                 rk.GetAccountRequest(account_id=account_id))
        out["risk_account"] = to_json(risk.account) if risk else {"error": err}
        port, err = await b.soft("portfolio-manager", "GetPortfolio",
                                 pm.GetPortfolioRequest(account_id=account_id))
        out["portfolio"] = to_json(port.portfolio) if port else {"error": err}
        return out

    @app.get("/api/v1/accounts/{account_id}/portfolio", tags=["portfolio"])
    async def get_portfolio(account_id: str = AccountId, key: KeyInfo = read) -> dict[str, Any]:
        await known_account(account_id)
        resp = await b.call("portfolio-manager", "GetPortfolio",
                            pm.GetPortfolioRequest(account_id=account_id))
        return to_json(resp.portfolio)

    @app.get("/api/v1/accounts/{account_id}/positions", tags=["portfolio"])
    async def list_positions(account_id: str = AccountId, key: KeyInfo = read
                             ) -> dict[str, Any]:
        await known_account(account_id)
        resp = await b.call("portfolio-manager", "ListPositions",
                            pm.ListPositionsRequest(account_id=account_id))
        return {"positions": [to_json(p) for p in resp.positions]}

    @app.get("/api/v1/accounts/{account_id}/pnl", tags=["portfolio"])
    async def get_pnl(account_id: str = AccountId, key: KeyInfo = read) -> dict[str, Any]:
        await known_account(account_id)
        resp = await b.call("portfolio-manager", "GetPnl", pm.GetPnlRequest(account_id=account_id))
        return to_json(resp)

    # ---- orders ------------------------------------------------------------------------

    @app.get("/api/v1/orders", tags=["orders"])
    async def list_orders(account_id: str = Query(default="", pattern=r"^[A-Za-z0-9_.:\-]{0,128}$"),
                          open_only: bool = False, limit: int = Query(default=50, ge=1, le=1000),
                          key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("order-manager", "ListOrders", om.ListOrdersRequest(
            account_id=account_id, open_only=open_only,
            page=common.PageRequest(page_size=limit)))
        return {"orders": [to_json(o) for o in resp.orders],
                "next_page_token": resp.page.next_page_token}

    @app.get("/api/v1/orders/{order_id}", tags=["orders"])
    async def get_order(order_id: str = Path(pattern=ID_PATTERN), key: KeyInfo = read
                        ) -> dict[str, Any]:
        resp = await b.call("order-manager", "GetOrder", om.GetOrderRequest(order_id=order_id))
        return {"order": to_json(resp.order)}

    @app.post("/api/v1/orders", status_code=201, tags=["orders"],
              responses={422: {"description": "invalid, or refused by the risk engine "
                                              "(the order with its reject_reason)"}})
    async def submit_order(body: OrderIn, request: Request,
                           key: KeyInfo = Depends(scope("orders:write"))) -> Any:
        if body.order_type in ("LIMIT", "STOP_LIMIT") and body.limit_price is None:
            raise ApiError(422, "INVALID_ARGUMENT", f"{body.order_type} orders need limit_price")
        if body.order_type in ("STOP", "STOP_LIMIT") and body.stop_price is None:
            raise ApiError(422, "INVALID_ARGUMENT", f"{body.order_type} orders need stop_price")
        await known_account(body.account_id)
        await check_order_quota(key)
        from omni_core.ids import new_id

        req = om.SubmitOrderRequest(
            client_order_id=body.client_order_id or f"api-{new_id()}",
            account_id=body.account_id, strategy_id=body.strategy_id,
            instrument_id=common.InstrumentId(value=body.instrument_id),
            side=common.Side.Value(f"SIDE_{body.side}"),
            order_type=common.OrderType.Value(f"ORDER_TYPE_{body.order_type}"),
            time_in_force=common.TimeInForce.Value(f"TIME_IN_FORCE_{body.time_in_force}"),
            quantity=body.quantity, limit_price=body.limit_price or 0.0,
            stop_price=body.stop_price or 0.0, venue=body.venue,
            tags={"source": "api-gateway", "api_key": key.key_id})
        resp = await b.call("order-manager", "SubmitOrder", req)
        order = to_json(resp.order)
        if resp.order.status == om.ORDER_STATUS_REJECTED:
            return JSONResponse(ApiError(
                422, "ORDER_REJECTED", resp.order.reject_reason or "order rejected",
                service="order-manager", order=order).body(), status_code=422)
        return {"order": order}

    @app.delete("/api/v1/orders/{order_id}", tags=["orders"])
    async def cancel_order(order_id: str = Path(pattern=ID_PATTERN),
                           reason: str = Query(default="cancelled via API", max_length=500),
                           key: KeyInfo = Depends(scope("orders:write"))) -> dict[str, Any]:
        cur = await b.call("order-manager", "GetOrder", om.GetOrderRequest(order_id=order_id))
        resp = await b.call("order-manager", "CancelOrder", om.CancelOrderRequest(
            account_id=cur.order.account_id, order_id=order_id, reason=reason))
        return {"order": to_json(resp.order)}

    # ---- strategies --------------------------------------------------------------------

    @app.get("/api/v1/strategies", tags=["strategies"])
    async def list_strategies(account_id: str = Query(default="",
                                                      pattern=r"^[A-Za-z0-9_.:\-]{0,128}$"),
                              key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("strategy-engine", "ListDeployments",
                            se.ListDeploymentsRequest(account_id=account_id))
        return {"strategies": [to_json(d) for d in resp.deployments]}

    @app.get("/api/v1/strategies/{strategy_id}", tags=["strategies"])
    async def get_strategy(strategy_id: str = Path(pattern=ID_PATTERN), key: KeyInfo = read
                           ) -> dict[str, Any]:
        resp = await b.call("strategy-engine", "GetStrategy",
                            se.GetStrategyRequest(strategy_id=strategy_id))
        return to_json(resp)

    COMMANDS = {"start": orch.STRATEGY_COMMAND_START, "stop": orch.STRATEGY_COMMAND_STOP,
                "pause": orch.STRATEGY_COMMAND_PAUSE, "resume": orch.STRATEGY_COMMAND_RESUME}

    @app.post("/api/v1/strategies/{strategy_id}/{action}", tags=["strategies"])
    async def control_strategy(body: StrategyActionIn | None = None,
                               strategy_id: str = Path(pattern=ID_PATTERN),
                               action: Literal["start", "stop", "pause", "resume"] = Path(),
                               key: KeyInfo = Depends(scope("strategies:write"))
                               ) -> dict[str, Any]:
        resp = await b.call("orchestrator", "ControlStrategies", orch.ControlStrategiesRequest(
            command=COMMANDS[action], strategy_ids=[strategy_id], actor=actor(key),
            reason=(body.reason if body else "") or f"{action} via API"))
        dep, _ = await b.soft("strategy-engine", "GetStrategy",
                              se.GetStrategyRequest(strategy_id=strategy_id))
        return {"results": [to_json(r) for r in resp.results],
                "deployment": to_json(dep.deployment) if dep else None}

    @app.get("/api/v1/strategies/{strategy_id}/dependencies", tags=["strategies"])
    async def strategy_dependencies(strategy_id: str = Path(pattern=ID_PATTERN),
                                    key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("orchestrator", "CheckStrategyDependencies",
                            orch.CheckStrategyDependenciesRequest(strategy_id=strategy_id))
        return to_json(resp)

    # ---- risk, halt, session -----------------------------------------------------------

    async def risk_view(account_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {"account_id": account_id}
        g, err = await b.soft("risk-engine", "GetKillSwitch", rk.GetKillSwitchRequest())
        out["global_kill_switch"] = (_short(rk.KillSwitchState.Name(g.kill_switch.state),
                                            "KILL_SWITCH_STATE_") if g else None)
        if err:
            out["error"] = err
            return out
        if account_id:
            a, _ = await b.soft("risk-engine", "GetKillSwitch",
                                rk.GetKillSwitchRequest(account_id=account_id))
            if a:
                out["kill_switch"] = _short(rk.KillSwitchState.Name(a.kill_switch.state),
                                            "KILL_SWITCH_STATE_")
                out["effective_state"] = _short(rk.KillSwitchState.Name(a.effective_state),
                                                "KILL_SWITCH_STATE_")
            lims, _ = await b.soft("risk-engine", "GetLimits",
                                   rk.GetLimitsRequest(account_id=account_id))
            u, _ = await b.soft("risk-engine", "GetLimitUsage",
                                rk.GetLimitUsageRequest(account_id=account_id))
            usage = {(x.limit.type, x.strategy_id): x for x in (u.usages if u else [])}
            rows = []
            for lim in (lims.limit_set.limits if lims else []):
                x = usage.pop((lim.type, ""), None)
                rows.append({
                    "type": _short(rk.LimitType.Name(lim.type), "LIMIT_TYPE_"),
                    "threshold": _dec(lim.threshold), "enabled": lim.enabled,
                    "action": _short(rk.BreachAction.Name(lim.action), "BREACH_ACTION_"),
                    "current": _dec(x.current) if x else None,
                    "utilization": (x.utilization if x and math.isfinite(x.utilization)
                                    else None),
                    "breached": bool(x and x.breached), "strategy_id": ""})
            for x in usage.values():
                rows.append({
                    "type": _short(rk.LimitType.Name(x.limit.type), "LIMIT_TYPE_"),
                    "threshold": _dec(x.limit.threshold), "enabled": x.limit.enabled,
                    "action": _short(rk.BreachAction.Name(x.limit.action), "BREACH_ACTION_"),
                    "current": _dec(x.current),
                    "utilization": x.utilization if math.isfinite(x.utilization) else None,
                    "breached": x.breached, "strategy_id": x.strategy_id})
            out["limits"] = rows
            dd, _ = await b.soft("risk-engine", "GetDrawdown",
                                 rk.GetDrawdownRequest(account_id=account_id))
            if dd:
                out["drawdown"] = {"current": dd.current_drawdown, "max": dd.max_drawdown,
                                   "equity": _dec(dd.equity)}
        else:
            out["effective_state"] = out["global_kill_switch"]
        return out

    @app.get("/api/v1/risk", tags=["risk"])
    async def risk_status(account_id: str = Query(default="",
                                                  pattern=r"^[A-Za-z0-9_.:\-]{0,128}$"),
                          key: KeyInfo = read) -> dict[str, Any]:
        if account_id:
            await known_account(account_id)
        out = await risk_view(account_id)
        if "error" in out:
            e = out["error"]
            raise ApiError(e["status"], e["code"], e["message"], service="risk-engine")
        return out

    @app.post("/api/v1/risk/kill-switch", tags=["risk"])
    async def set_kill_switch(body: KillSwitchIn,
                              key: KeyInfo = Depends(scope("risk:write"))) -> dict[str, Any]:
        if body.account_id:
            await known_account(body.account_id)
        resp = await b.call("risk-engine", "SetKillSwitch", rk.SetKillSwitchRequest(
            account_id=body.account_id,
            state=rk.KillSwitchState.Value(f"KILL_SWITCH_STATE_{body.state}"),
            actor=actor(key), reason=body.reason, cancel_open_orders=body.cancel_open_orders))
        return {"kill_switch": to_json(resp.kill_switch)}

    @app.post("/api/v1/halt", tags=["risk"])
    async def global_halt(body: HaltIn, key: KeyInfo = Depends(scope("risk:write"))
                          ) -> dict[str, Any]:
        resp = await b.call("orchestrator", "GlobalHalt", orch.GlobalHaltRequest(
            actor=actor(key), reason=body.reason, cancel_open_orders=body.cancel_open_orders,
            flatten_positions=body.flatten_positions), timeout=60)
        return to_json(resp)

    @app.post("/api/v1/resume", tags=["risk"])
    async def global_resume(body: ResumeIn, key: KeyInfo = Depends(scope("risk:write"))
                            ) -> dict[str, Any]:
        resp = await b.call("orchestrator", "GlobalResume", orch.GlobalResumeRequest(
            actor=actor(key), reason=body.reason, resume_strategies=body.resume_strategies),
            timeout=60)
        return to_json(resp)

    @app.get("/api/v1/session", tags=["risk"])
    async def session(key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("orchestrator", "GetSessionState", orch.GetSessionStateRequest())
        return to_json(resp.session)

    # ---- backtests ---------------------------------------------------------------------

    @app.post("/api/v1/backtests", status_code=201, tags=["backtests"])
    async def run_backtest(body: BacktestIn,
                           key: KeyInfo = Depends(scope("backtests:write"))) -> dict[str, Any]:
        if body.end <= body.start:
            raise ApiError(422, "INVALID_ARGUMENT", "end must be after start")
        params = []
        for k, v in body.parameters.items():
            p = common.Parameter(name=k)
            if isinstance(v, bool):
                p.bool_value = v
            elif isinstance(v, int):
                p.int_value = v
            elif isinstance(v, float):
                p.number_value = v
            else:
                p.string_value = v
            params.append(p)
        cfg = se.BacktestConfig(
            strategy_type=body.strategy_type, parameters=params,
            instruments=[common.InstrumentId(value=i) for i in body.instruments],
            initial_capital=common.Decimal(value=str(body.initial_capital)),
            fee_bps=body.fee_bps, slippage_bps=body.slippage_bps, timeframe=body.timeframe,
            seed=body.seed)
        if body.data_source:
            cfg.data_source = body.data_source
        cfg.period.start.FromDatetime(datetime(body.start.year, body.start.month,
                                               body.start.day, tzinfo=UTC))
        cfg.period.end.FromDatetime(datetime(body.end.year, body.end.month, body.end.day,
                                             tzinfo=UTC))
        resp = await b.call("strategy-engine", "RunBacktest",
                            se.RunBacktestRequest(config=cfg, wait=body.wait), timeout=300)
        return {"backtest": to_json(resp.backtest)}

    @app.get("/api/v1/backtests", tags=["backtests"])
    async def list_backtests(strategy_type: str = Query(default="", max_length=64),
                             limit: int = Query(default=50, ge=1, le=1000),
                             key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("strategy-engine", "ListBacktests", se.ListBacktestsRequest(
            strategy_type=strategy_type, page=common.PageRequest(page_size=limit)))
        return {"backtests": [to_json(x) for x in resp.backtests]}

    @app.get("/api/v1/backtests/{backtest_id}", tags=["backtests"])
    async def get_backtest(backtest_id: str = Path(pattern=ID_PATTERN),
                           include_trades: bool = False, key: KeyInfo = read) -> dict[str, Any]:
        resp = await b.call("strategy-engine", "GetBacktest", se.GetBacktestRequest(
            backtest_id=backtest_id, include_trades=include_trades))
        return to_json(resp)

    # ---- tenant admin (scope "admin") ---------------------------------------------------

    admin = Depends(scope("admin"))

    def operator(key: KeyInfo) -> None:
        """Only the operator's (default tenant's) admin keys manage every tenant."""
        if key.tenant_id != state.tenant_id:
            raise ApiError(403, "PERMISSION_DENIED",
                           "only the operator tenant's admin keys may do this")

    def own(key: KeyInfo, tenant_id: str) -> None:
        """A tenant's admin key reads its own tenant; the operator's reads any."""
        if key.tenant_id not in (state.tenant_id, tenant_id):
            raise ApiError(403, "PERMISSION_DENIED", "an admin key manages its own tenant only")

    def tenants() -> TenantStore:
        if state.tenants is None:
            raise ApiError(503, "UNAVAILABLE", "tenants are not configured on this gateway")
        return state.tenants

    def parse(msg: Any, body: dict[str, Any]) -> Any:
        try:
            return ParseDict(body, msg)
        except ParseError as e:
            raise InvalidArgument(str(e)) from None

    def enum(kind: Any, prefix: str, value: str | None) -> int:
        if not value:
            return 0
        try:
            return int(kind.Value(prefix + value.upper()))
        except ValueError:
            raise InvalidArgument(f"unknown {prefix.lower().rstrip('_')} {value!r}") from None

    @app.get("/api/v1/tenants", tags=["tenants"])
    async def list_tenants(status: str = Query(default="", max_length=32),
                           limit: int = Query(default=100, ge=1, le=1000),
                           page_token: str = Query(default="", max_length=64),
                           key: KeyInfo = admin) -> dict[str, Any]:
        operator(key)
        st = [enum(gw.TenantStatus, "TENANT_STATUS_", status)] if status else []
        rows, token, total = await tenants().list(st, limit, page_token)
        return {"tenants": [to_json(t) for t in rows], "next_page_token": token,
                "total_size": total}

    @app.post("/api/v1/tenants", status_code=201, tags=["tenants"])
    async def create_tenant(body: TenantIn, key: KeyInfo = admin) -> dict[str, Any]:
        operator(key)
        t = await tenants().create(
            body.name, enum(gw.TenantPlan, "TENANT_PLAN_", body.plan),
            parse(gw.Quota(), body.quota) if body.quota is not None else None,
            parse(gw.Branding(), body.branding) if body.branding is not None else None)
        return {"tenant": to_json(t)}

    @app.get("/api/v1/tenants/{tenant_id}", tags=["tenants"])
    async def get_tenant(tenant_id: str = Path(pattern=ID_PATTERN), key: KeyInfo = admin
                         ) -> dict[str, Any]:
        own(key, tenant_id)
        return {"tenant": to_json(await tenants().get(tenant_id))}

    @app.patch("/api/v1/tenants/{tenant_id}", tags=["tenants"])
    async def update_tenant(body: TenantPatch, tenant_id: str = Path(pattern=ID_PATTERN),
                            key: KeyInfo = admin) -> dict[str, Any]:
        operator(key)
        t = await tenants().update(
            tenant_id, name=body.name or "",
            status=enum(gw.TenantStatus, "TENANT_STATUS_", body.status),
            plan=enum(gw.TenantPlan, "TENANT_PLAN_", body.plan),
            account_ids=body.account_ids or [])
        return {"tenant": to_json(t)}

    @app.put("/api/v1/tenants/{tenant_id}/quota", tags=["tenants"])
    async def set_quota(body: dict[str, Any], tenant_id: str = Path(pattern=ID_PATTERN),
                        key: KeyInfo = admin) -> dict[str, Any]:
        operator(key)
        return {"tenant": to_json(await tenants().set_quota(tenant_id,
                                                            parse(gw.Quota(), body)))}

    @app.get("/api/v1/tenants/{tenant_id}/quota/usage", tags=["tenants"])
    async def quota_usage(tenant_id: str = Path(pattern=ID_PATTERN), key: KeyInfo = admin
                          ) -> dict[str, Any]:
        own(key, tenant_id)
        t = await tenants().get(tenant_id)
        req, thr, orders = (await state.quotas.usage(tenant_id) if state.quotas is not None
                            else (0, 0, 0))
        return {"tenant_id": tenant_id, "quota": to_json(t.quota), "requests_today": req,
                "throttled_today": thr, "orders_last_minute": orders,
                "api_keys": await tenants().key_count(tenant_id)}

    @app.get("/api/v1/tenants/{tenant_id}/branding", tags=["tenants"])
    async def get_tenant_branding(tenant_id: str = Path(pattern=ID_PATTERN),
                                  key: KeyInfo = admin) -> dict[str, Any]:
        own(key, tenant_id)
        t = await tenants().get(tenant_id)
        return {"tenant_id": tenant_id, "branding": to_json(t.branding)}

    @app.put("/api/v1/tenants/{tenant_id}/branding", tags=["tenants"])
    async def set_tenant_branding(body: dict[str, Any],
                                  tenant_id: str = Path(pattern=ID_PATTERN),
                                  key: KeyInfo = admin) -> dict[str, Any]:
        own(key, tenant_id)
        b = await tenants().set_branding(tenant_id, parse(gw.Branding(), body))
        return {"tenant_id": tenant_id, "branding": to_json(b)}

    # ---- health ------------------------------------------------------------------------

    async def health_view() -> dict[str, Any]:
        resp, err = await b.soft("control-plane", "ListServiceHealth",
                                 cp.ListServiceHealthRequest(), timeout=2.0)
        if resp is not None and any(s.instance_ids for s in resp.services):
            # services heard from, and the ones this gateway calls (even when silent)
            return {"source": "control-plane", "fleet_score": resp.fleet_score, "services": [
                {"service": s.service, "score": round(s.score, 1), "ready": s.ready,
                 "status": _short(cp.HealthStatus.Name(s.status), "HEALTH_STATUS_"),
                 "instances": len(s.instance_ids)} for s in resp.services
                if s.instance_ids or s.service in b.addresses]}
        # control-plane down (or it has heard from nobody yet): ask each service directly
        probes = await b.probe_all()
        return {"source": "probe", "control_plane_error": err, "services": [
            {"service": n, "ready": ok, "status": "SERVING" if ok else "UNREACHABLE"}
            for n, ok in probes.items()]}

    @app.get("/api/v1/services/health", tags=["health"])
    async def services_health(key: KeyInfo = read) -> dict[str, Any]:
        return await health_view()

    # ---- dashboard data ----------------------------------------------------------------

    @app.get("/api/v1/dashboard", tags=["dashboard"])
    async def dashboard_data(account_id: str = Query(default="",
                                                     pattern=r"^[A-Za-z0-9_.:\-]{0,128}$"),
                             key: KeyInfo = read) -> dict[str, Any]:
        acct = account_id or (state.accounts[0] if state.accounts else "")
        if not acct:
            raise ApiError(422, "INVALID_ARGUMENT", "account_id is required")

        async def portfolio() -> dict[str, Any]:
            resp, err = await b.soft("portfolio-manager", "GetPortfolio",
                                     pm.GetPortfolioRequest(account_id=acct))
            if resp is None:
                return {"error": err}
            p = resp.portfolio
            nav, pnl = _num(_dec(p.nav)), _num(_dec(p.pnl.total))
            state.sample(acct, nav, pnl)
            return {
                "nav": _dec(p.nav), "cash": _dec(p.cash),
                "gross_exposure": _dec(p.gross_exposure), "net_exposure": _dec(p.net_exposure),
                "pnl": {"total": _dec(p.pnl.total), "realized": _dec(p.pnl.realized),
                        "unrealized": _dec(p.pnl.unrealized), "day": _dec(p.pnl.day),
                        "fees": _dec(p.pnl.fees)},
                "positions": [{
                    "instrument_id": x.instrument_id.value, "quantity": x.quantity,
                    "average_cost": x.average_cost, "market_price": x.market_price,
                    "market_value": _dec(x.market_value),
                    "unrealized_pnl": _dec(x.unrealized_pnl), "day_pnl": _dec(x.day_pnl),
                } for x in p.positions if x.quantity != 0],
            }

        async def orders() -> dict[str, Any]:
            resp, err = await b.soft("order-manager", "ListOrders", om.ListOrdersRequest(
                account_id=acct, page=common.PageRequest(page_size=50)))
            if resp is None:
                return {"error": err}

            def row(o: om.Order) -> dict[str, Any]:
                return {"order_id": o.order_id, "instrument_id": o.instrument_id.value,
                        "side": _short(common.Side.Name(o.side), "SIDE_"),
                        "type": _short(common.OrderType.Name(o.order_type), "ORDER_TYPE_"),
                        "quantity": o.quantity, "filled": o.filled_quantity,
                        "price": o.average_fill_price or o.limit_price,
                        "status": _short(om.OrderStatus.Name(o.status), "ORDER_STATUS_"),
                        "reason": o.reject_reason,
                        "updated_at": o.updated_at.ToJsonString() if o.updated_at.seconds
                        else ""}

            rows = sorted(resp.orders, key=lambda o: (o.updated_at.seconds, o.updated_at.nanos),
                          reverse=True)
            return {"open": [row(o) for o in rows if o.status in OPEN],
                    "recent": [row(o) for o in rows if o.status not in OPEN][:20]}

        async def session_() -> dict[str, Any]:
            resp, err = await b.soft("orchestrator", "GetSessionState",
                                     orch.GetSessionStateRequest(), timeout=2.0)
            if resp is None:
                return {"error": err}
            s = resp.session
            return {"calendar": s.calendar,
                    "state": _short(orch.SessionState.Name(s.state), "SESSION_STATE_"),
                    "globally_halted": s.globally_halted}

        port, ords, risk, health, sess = await asyncio.gather(
            portfolio(), orders(), risk_view(acct), health_view(), session_())
        curve = [{"t": t, "nav": n, "pnl": p} for t, n, p in state.equity.get(acct, ())]
        return {"account_id": acct, "as_of": datetime.now(UTC).isoformat(),
                "portfolio": port, "equity_curve": curve, "orders": ords, "risk": risk,
                "services": health, "session": sess}

    return app
