"""Tenants, quotas and branding: every ApiGatewayService RPC over a real in-process gRPC server,
persistence across a restart (PostgreSQL and SQLite), quota enforcement on the REST API (429
with a JSON body and Retry-After), the tenant admin routes, branding on the dashboard page, and
the offline /docs page. No fleet: the routes used here need no downstream service (an order
past its quota check meets an unreachable order-manager: 503)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import grpc
import httpx
import pytest
from omni.api_gateway.v1 import api_gateway_service_pb2 as gw
from omni.api_gateway.v1 import api_gateway_service_pb2_grpc as gw_grpc
from omni_core.cache import InProcessCache
from omni_core.clock import SimulatedClock
from omni_core.db import Database
from omni_core.rpc import channel
from svc_api_gateway.backends import Backends
from svc_api_gateway.grpc_api import FULL_NAME, ApiGatewayServicer, add_to_server
from svc_api_gateway.http_api import GatewayState, create_app
from svc_api_gateway.keys import ApiKeyStore
from svc_api_gateway.tenants import QuotaGate, TenantStore

pytestmark = pytest.mark.timeout(120)
OPERATOR_KEY = "operator-key-0123456789"
MIGRATIONS = "svc_api_gateway.migrations"
VERSIONS = "alembic_version_api_gateway"


async def open_db(url: Any) -> Database:
    db = url.database() if hasattr(url, "database") else Database(url)
    await db.migrate(MIGRATIONS, version_table=VERSIONS)
    return db


class Gateway:
    """The gateway's stores over one database, a frozen-clock cache, the app and the servicer."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.clock = SimulatedClock(datetime(2026, 3, 2, 10, 0, 0, 250_000, tzinfo=UTC))
        self.cache = InProcessCache(prefix="gw:", clock=self.clock)
        self.keys = ApiKeyStore(db, cache_seconds=0)
        self.tenants = TenantStore(db, cache_seconds=0)
        self.quotas = QuotaGate(self.cache)
        self.state = GatewayState(Backends({"order-manager": "127.0.0.1:1"}, timeout=2),
                                  self.keys, accounts=["DEMO"], tenants=self.tenants,
                                  quotas=self.quotas)
        self.app = create_app(self.state)
        self.servicer = ApiGatewayServicer(self.keys, "default", self.tenants, self.quotas)

    async def start(self) -> Gateway:
        await self.tenants.ensure_default("default", accounts=["DEMO"], title="Omni Alpha")
        await self.keys.create(OPERATOR_KEY, tenant_id="default", name="op", scopes=["*"])
        return self

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                 base_url="http://gw.test")

    async def close(self) -> None:
        await self.state.backends.close()
        await self.db.dispose()


@pytest.fixture
async def gwy(sqlite_url):
    g = await Gateway(await open_db(sqlite_url)).start()
    yield g
    await g.close()


@pytest.fixture
async def stub(gwy, grpc_server):
    _, addr = await grpc_server((add_to_server, gwy.servicer, FULL_NAME))
    async with channel(addr) as ch:
        yield gw_grpc.ApiGatewayServiceStub(ch)


async def code_of(call: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.aio.AioRpcError) as e:
        await call
    return e.value.code(), e.value.details() or ""


# ---- gRPC --------------------------------------------------------------------------------


async def test_create_get_list_update_tenant(stub):
    made = (await stub.CreateTenant(gw.CreateTenantRequest(
        name="Acme Capital", plan=gw.TENANT_PLAN_PROFESSIONAL,
        branding=gw.Branding(primary_color="#0b5fff")))).tenant
    assert made.tenant_id == "acme-capital" and made.status == gw.TENANT_STATUS_ACTIVE
    assert made.quota.requests_per_second == 50  # the plan's default quota
    assert made.branding.display_name == "Acme Capital"
    assert made.branding.primary_color == "#0b5fff"
    got = (await stub.GetTenant(gw.GetTenantRequest(tenant_id="acme-capital"))).tenant
    assert got.name == "Acme Capital" and got.created_at.seconds > 0

    code, msg = await code_of(stub.CreateTenant(gw.CreateTenantRequest(name="acme capital")))
    assert code == grpc.StatusCode.ALREADY_EXISTS and "acme-capital" in msg
    code, msg = await code_of(stub.CreateTenant(gw.CreateTenantRequest(name="   ")))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "name" in msg
    code, _ = await code_of(stub.GetTenant(gw.GetTenantRequest(tenant_id="nope")))
    assert code == grpc.StatusCode.NOT_FOUND
    code, msg = await code_of(stub.CreateTenant(gw.CreateTenantRequest(
        name="Bad", quota=gw.Quota(requests_per_day=-1))))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "requests_per_day" in msg

    await stub.CreateTenant(gw.CreateTenantRequest(name="Beta"))
    listed = await stub.ListTenants(gw.ListTenantsRequest())
    assert [t.tenant_id for t in listed.tenants] == ["acme-capital", "beta", "default"]
    assert listed.page.total_size == 3
    page1 = await stub.ListTenants(gw.ListTenantsRequest(page={"page_size": 2}))
    assert len(page1.tenants) == 2 and page1.page.next_page_token
    page2 = await stub.ListTenants(gw.ListTenantsRequest(
        page={"page_size": 2, "page_token": page1.page.next_page_token}))
    assert [t.tenant_id for t in page2.tenants] == ["default"]

    up = (await stub.UpdateTenant(gw.UpdateTenantRequest(
        tenant_id="beta", name="Beta Fund", status=gw.TENANT_STATUS_SUSPENDED,
        plan=gw.TENANT_PLAN_ENTERPRISE, account_ids=["B-1", "B-2"]))).tenant
    assert (up.name, up.status, up.plan, list(up.account_ids)) == (
        "Beta Fund", gw.TENANT_STATUS_SUSPENDED, gw.TENANT_PLAN_ENTERPRISE, ["B-1", "B-2"])
    suspended = await stub.ListTenants(gw.ListTenantsRequest(
        statuses=[gw.TENANT_STATUS_SUSPENDED]))
    assert [t.tenant_id for t in suspended.tenants] == ["beta"]
    code, _ = await code_of(stub.UpdateTenant(gw.UpdateTenantRequest(
        tenant_id="beta", name="ACME CAPITAL")))
    assert code == grpc.StatusCode.ALREADY_EXISTS
    code, _ = await code_of(stub.UpdateTenant(gw.UpdateTenantRequest(tenant_id="zzz",
                                                                     name="x")))
    assert code == grpc.StatusCode.NOT_FOUND
    # a suspended tenant's keys are not valid; it may not get new ones
    code, _ = await code_of(stub.CreateApiKey(gw.CreateApiKeyRequest(
        tenant_id="beta", name="k", scopes=["read"])))
    assert code == grpc.StatusCode.FAILED_PRECONDITION


async def test_quota_rpcs_and_key_limit(stub, gwy):
    await stub.CreateTenant(gw.CreateTenantRequest(name="Quant"))
    t = (await stub.SetQuota(gw.SetQuotaRequest(tenant_id="quant", quota=gw.Quota(
        requests_per_second=2, burst=2, requests_per_day=100, orders_per_minute=1,
        max_api_keys=1)))).tenant
    assert t.quota.requests_per_day == 100 and t.quota.max_api_keys == 1
    code, msg = await code_of(stub.SetQuota(gw.SetQuotaRequest(
        tenant_id="quant", quota=gw.Quota(requests_per_second=-5))))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "negative" in msg
    code, _ = await code_of(stub.SetQuota(gw.SetQuotaRequest(tenant_id="ghost",
                                                             quota=gw.Quota())))
    assert code == grpc.StatusCode.NOT_FOUND
    code, _ = await code_of(stub.SetQuota(gw.SetQuotaRequest(tenant_id="quant")))
    assert code == grpc.StatusCode.INVALID_ARGUMENT

    made = await stub.CreateApiKey(gw.CreateApiKeyRequest(tenant_id="quant", name="k1",
                                                          scopes=["read"]))
    code, _ = await code_of(stub.CreateApiKey(gw.CreateApiKeyRequest(
        tenant_id="quant", name="k2", scopes=["read"])))
    assert code == grpc.StatusCode.RESOURCE_EXHAUSTED  # max_api_keys = 1
    code, _ = await code_of(stub.CreateApiKey(gw.CreateApiKeyRequest(
        tenant_id="ghost", name="k", scopes=["read"])))
    assert code == grpc.StatusCode.NOT_FOUND
    keys = await stub.ListApiKeys(gw.ListApiKeysRequest(tenant_id="quant"))
    assert [k.name for k in keys.api_keys] == ["k1"] and keys.api_keys[0].prefix

    usage = await stub.GetQuotaUsage(gw.GetQuotaUsageRequest(tenant_id="quant"))
    assert (usage.requests_today, usage.throttled_today, usage.api_keys) == (0, 0, 1)
    async with gwy.client() as c:
        h = {"X-API-Key": made.secret}
        assert (await c.get("/api/v1/branding", headers=h)).status_code == 200
        assert (await c.get("/api/v1/branding", headers=h)).status_code == 200
        assert (await c.get("/api/v1/branding", headers=h)).status_code == 429
    usage = await stub.GetQuotaUsage(gw.GetQuotaUsageRequest(tenant_id="quant"))
    assert (usage.requests_today, usage.throttled_today) == (3, 1)
    assert usage.quota.requests_per_second == 2
    code, _ = await code_of(stub.GetQuotaUsage(gw.GetQuotaUsageRequest(tenant_id="ghost")))
    assert code == grpc.StatusCode.NOT_FOUND

    v = await stub.ValidateApiKey(gw.ValidateApiKeyRequest(secret=made.secret))
    assert v.valid and v.tenant.tenant_id == "quant" and v.tenant.quota.burst == 2
    await stub.UpdateTenant(gw.UpdateTenantRequest(tenant_id="quant",
                                                   status=gw.TENANT_STATUS_SUSPENDED))
    v = await stub.ValidateApiKey(gw.ValidateApiKeyRequest(secret=made.secret))
    assert not v.valid and v.reason == "tenant_suspended"


async def test_branding_rpcs(stub):
    await stub.CreateTenant(gw.CreateTenantRequest(name="White Label"))
    b = gw.Branding(display_name="WL Trading", logo_url="https://cdn.wl.example/logo.svg",
                    primary_color="#112233", secondary_color="#abc", custom_domain="trade.wl.io",
                    support_email="help@wl.io", footer_text="WL Ltd")
    got = (await stub.SetBranding(gw.SetBrandingRequest(tenant_id="white-label",
                                                        branding=b))).branding
    assert got == b
    r = await stub.GetBranding(gw.GetBrandingRequest(tenant_id="white-label"))
    assert r.tenant_id == "white-label" and r.branding == b
    r = await stub.GetBranding(gw.GetBrandingRequest(domain="TRADE.wl.io"))
    assert r.tenant_id == "white-label"
    code, _ = await code_of(stub.GetBranding(gw.GetBrandingRequest(domain="x.example.com")))
    assert code == grpc.StatusCode.NOT_FOUND
    code, _ = await code_of(stub.GetBranding(gw.GetBrandingRequest()))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    for bad, field in [(gw.Branding(primary_color="blue"), "primary_color"),
                       (gw.Branding(secondary_color="#12345"), "secondary_color"),
                       (gw.Branding(logo_url="javascript:alert(1)"), "logo_url"),
                       (gw.Branding(support_email="nope"), "support_email")]:
        code, msg = await code_of(stub.SetBranding(gw.SetBrandingRequest(
            tenant_id="white-label", branding=bad)))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and field in msg
    code, _ = await code_of(stub.SetBranding(gw.SetBrandingRequest(tenant_id="ghost",
                                                                   branding=b)))
    assert code == grpc.StatusCode.NOT_FOUND
    # another tenant may not take the same custom domain
    await stub.CreateTenant(gw.CreateTenantRequest(name="Other"))
    code, _ = await code_of(stub.SetBranding(gw.SetBrandingRequest(
        tenant_id="other", branding=gw.Branding(custom_domain="trade.wl.io"))))
    assert code == grpc.StatusCode.ALREADY_EXISTS


# ---- persistence -------------------------------------------------------------------------


async def _persists(url: Any) -> None:
    g = await Gateway(await open_db(url)).start()
    await g.servicer.CreateTenant(gw.CreateTenantRequest(name="Persist"), None)
    await g.servicer.SetQuota(gw.SetQuotaRequest(tenant_id="persist", quota=gw.Quota(
        requests_per_second=3.5, burst=7, orders_per_minute=9)), None)
    await g.servicer.SetBranding(gw.SetBrandingRequest(tenant_id="persist", branding=gw.Branding(
        display_name="P", primary_color="#010203")), None)
    await g.servicer.UpdateTenant(gw.UpdateTenantRequest(tenant_id="persist",
                                                         account_ids=["P-1"]), None)
    await g.close()

    g2 = await Gateway(await open_db(url)).start()  # "restart": new engine, migrations again
    try:
        t = (await g2.servicer.GetTenant(gw.GetTenantRequest(tenant_id="persist"), None)).tenant
        assert (t.quota.requests_per_second, t.quota.burst, t.quota.orders_per_minute) == (
            3.5, 7, 9)
        assert (t.branding.display_name, t.branding.primary_color) == ("P", "#010203")
        assert list(t.account_ids) == ["P-1"]
        d = (await g2.servicer.GetTenant(gw.GetTenantRequest(tenant_id="default"), None)).tenant
        assert d.plan == gw.TENANT_PLAN_ENTERPRISE and list(d.account_ids) == ["DEMO"]
        listed = await g2.servicer.ListTenants(gw.ListTenantsRequest(), None)
        assert [x.tenant_id for x in listed.tenants] == ["default", "persist"]
    finally:
        await g2.close()


async def test_tenants_persist_across_restart_sqlite(sqlite_url):
    await _persists(sqlite_url)


async def test_tenants_persist_across_restart_postgres(postgres_url):
    await _persists(postgres_url)


# ---- REST: quotas, admin, dashboard, docs -------------------------------------------------


async def test_rest_quota_enforcement_429(gwy):
    t = await gwy.tenants.create("Limited", gw.TENANT_PLAN_FREE, gw.Quota(
        requests_per_second=2, burst=0, requests_per_day=5, orders_per_minute=1), None)
    secret = "limited-key-0123456789"
    await gwy.keys.create(secret, tenant_id=t.tenant_id, name="k", scopes=["*"])
    h = {"X-API-Key": secret}
    async with gwy.client() as c:
        assert (await c.get("/api/v1/branding", headers=h)).status_code == 200
        assert (await c.get("/api/v1/branding", headers=h)).status_code == 200
        r = await c.get("/api/v1/branding", headers=h)
        assert r.status_code == 429
        err = r.json()["error"]
        assert err["code"] == "RESOURCE_EXHAUSTED" and err["quota"] == "requests_per_second"
        assert r.headers["retry-after"] == "1"
        # the default tenant is not limited by another tenant's quota
        assert (await c.get("/api/v1/branding",
                            headers={"X-API-Key": OPERATOR_KEY})).status_code == 200

        await gwy.clock.advance(1.0)  # next second: one order passes the quota, the next does not
        order = {"account_id": "DEMO", "instrument_id": "AAPL.XNAS", "side": "BUY",
                 "quantity": 1}
        r = await c.post("/api/v1/orders", headers=h, json=order)
        assert r.status_code == 503  # past the quota; order-manager is not there
        r = await c.post("/api/v1/orders", headers=h, json=order)
        assert r.status_code == 429 and r.json()["error"]["quota"] == "orders_per_minute"
        assert 1 <= int(r.headers["retry-after"]) <= 60

        await gwy.clock.advance(1.0)  # 5 requests today so far: the day's quota is spent
        r = await c.get("/api/v1/branding", headers=h)
        assert r.status_code == 429 and r.json()["error"]["quota"] == "requests_per_day"
        assert int(r.headers["retry-after"]) > 60

        u = await c.get(f"/api/v1/tenants/{t.tenant_id}/quota/usage",
                        headers={"X-API-Key": OPERATOR_KEY})
        assert u.status_code == 200
        assert u.json()["requests_today"] == 6 and u.json()["throttled_today"] == 3

        # suspended: 403 whatever the quota
        await gwy.tenants.update(t.tenant_id, status=gw.TENANT_STATUS_SUSPENDED)
        await gwy.clock.advance(86_400)
        r = await c.get("/api/v1/branding", headers=h)
        assert r.status_code == 403 and "suspended" in r.json()["error"]["message"]


async def test_rest_tenant_admin(gwy):
    op = {"X-API-Key": OPERATOR_KEY}
    async with gwy.client() as c:
        r = await c.post("/api/v1/tenants", headers=op, json={
            "name": "Rest Co", "plan": "professional",
            "branding": {"primary_color": "#00ff00"}})
        assert r.status_code == 201, r.text
        assert r.json()["tenant"]["tenant_id"] == "rest-co"
        r = await c.post("/api/v1/tenants", headers=op, json={"name": "rest co"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "ALREADY_EXISTS"
        r = await c.post("/api/v1/tenants", headers=op, json={"name": ""})
        assert r.status_code == 400 and "name" in r.json()["error"]["message"]
        r = await c.put("/api/v1/tenants/rest-co/branding", headers=op,
                        json={"primary_color": "red"})
        assert r.status_code == 400 and "primary_color" in r.json()["error"]["message"]
        r = await c.put("/api/v1/tenants/rest-co/quota", headers=op,
                        json={"orders_per_minute": -1})
        assert r.status_code == 400
        r = await c.put("/api/v1/tenants/rest-co/quota", headers=op,
                        json={"orders_per_minute": 10, "bogus": 1})
        assert r.status_code == 400
        r = await c.put("/api/v1/tenants/rest-co/quota", headers=op,
                        json={"orders_per_minute": 10})
        assert r.status_code == 200 and r.json()["tenant"]["quota"]["orders_per_minute"] == 10
        r = await c.patch("/api/v1/tenants/rest-co", headers=op, json={"status": "suspended"})
        assert r.status_code == 200 and r.json()["tenant"]["status"] == "TENANT_STATUS_SUSPENDED"
        assert (await c.get("/api/v1/tenants/nope", headers=op)).status_code == 404
        r = await c.get("/api/v1/tenants", headers=op)
        assert [t["tenant_id"] for t in r.json()["tenants"]] == ["default", "rest-co"]

        # a tenant's admin key manages its own tenant only; a read key is no admin
        await gwy.tenants.update("rest-co", status=gw.TENANT_STATUS_ACTIVE)
        await gwy.keys.create("rest-admin-0123456789", tenant_id="rest-co", name="a",
                              scopes=["admin", "read"])
        await gwy.keys.create("op-reader-0123456789", tenant_id="default", name="r",
                              scopes=["read"])
        ta = {"X-API-Key": "rest-admin-0123456789"}
        assert (await c.get("/api/v1/tenants/rest-co", headers=ta)).status_code == 200
        assert (await c.get("/api/v1/tenants/default", headers=ta)).status_code == 403
        assert (await c.get("/api/v1/tenants", headers=ta)).status_code == 403
        r = await c.put("/api/v1/tenants/rest-co/quota", headers=ta, json={})
        assert r.status_code == 403
        r = await c.get("/api/v1/tenants", headers={"X-API-Key": "op-reader-0123456789"})
        assert r.status_code == 403
        r = await c.get("/api/v1/branding", headers=ta)
        assert r.json() == {"tenant_id": "rest-co",
                            "branding": r.json()["branding"]}
        assert r.json()["branding"]["primary_color"] == "#00ff00"


async def test_dashboard_shows_tenant_branding(gwy):
    async with gwy.client() as c:
        page = (await c.get("/")).text
        assert "<title>Omni Alpha dashboard</title>" in page
        await gwy.servicer.SetBranding(gw.SetBrandingRequest(tenant_id="default", branding=(
            gw.Branding(display_name="Zeta <Markets>", primary_color="#ff8800",
                        secondary_color="#202020", logo_url="/static/logo.png",
                        footer_text="Zeta Markets plc"))), None)
        page = (await c.get("/")).text
        assert "<title>Zeta &lt;Markets&gt; dashboard</title>" in page
        assert '<h1 id="title">Zeta &lt;Markets&gt;</h1>' in page
        assert "--acc:#ff8800;" in page and "--panel:#202020;" in page
        assert '"logo_url": "/static/logo.png"' in page and "Zeta Markets plc" in page
        assert "<Markets>" not in page  # escaped everywhere, also in the inline JSON

        # a tenant with its own domain gets its own branding on that host
        await gwy.tenants.create("Kappa", 0, None, gw.Branding(
            display_name="Kappa Desk", custom_domain="kappa.example.com"))
        page = (await c.get("/", headers={"Host": "kappa.example.com"})).text
        assert "<title>Kappa Desk dashboard</title>" in page


async def test_docs_served_offline(gwy):
    async with gwy.client() as c:
        r = await c.get("/docs")
        assert r.status_code == 200
        html = r.text
        assert "cdn" not in html.lower()
        assert not re.search(r"(?:src|href)=['\"](?:https?:)?//", html), html
        assets = re.findall(r"(?:src|href)=['\"](/static/swagger-ui/[^'\"]+)['\"]", html)
        assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
        assert any(a.endswith("swagger-ui.css") for a in assets)
        for a in assets:
            got = await c.get(a)
            assert got.status_code == 200 and len(got.content) > 0, a
        js = await c.get("/static/swagger-ui/swagger-ui-bundle.js")
        assert "javascript" in js.headers["content-type"]
        assert "SwaggerUIBundle" in js.text[:200_000] or "SwaggerUIBundle" in js.text
        spec = (await c.get("/openapi.json")).json()
        assert "/api/v1/tenants" in spec["paths"]
        assert (await c.get("/docs/oauth2-redirect")).status_code == 200


async def test_quota_gate_on_redis(redis_url, redis_prefix):
    """The same limits through the kit's Redis cache (the cluster's shared counters): two
    gateway replicas share one tenant's budget."""
    from omni_core.cache import Cache

    clock = SimulatedClock(datetime(2026, 3, 2, 10, 0, 0, 250_000, tzinfo=UTC))
    a, b = (Cache(redis_url, prefix=redis_prefix, clock=clock) for _ in range(2))
    try:
        tenant = gw.Tenant(tenant_id="shared", quota=gw.Quota(burst=3, orders_per_minute=2))
        ga, gb = QuotaGate(a), QuotaGate(b)
        got = [(await (ga if i % 2 else gb).request(tenant)).allowed for i in range(4)]
        assert got == [True, True, True, False]
        assert [(await ga.order(tenant)).allowed for _ in range(3)] == [True, True, False]
        assert await gb.usage("shared") == (4, 2, 3)
    finally:
        await a.close()
        await b.close()


async def test_service_creates_default_tenant_and_keeps_tenants_across_restart(
        kafka_bootstrap, tmp_path):
    """The kit service itself: default tenant made at start (dev key still works), a tenant
    made over gRPC survives a stop/start of the service on the same database."""
    from svc_api_gateway.app import DEV_API_KEY, ApiGatewaySettings, build

    def settings() -> ApiGatewaySettings:
        return ApiGatewaySettings(
            kafka_bootstrap=kafka_bootstrap, grpc_host="127.0.0.1", grpc_port=0,
            metrics_port=0, home=tmp_path, http_host="127.0.0.1", http_port=0,
            accounts="ACC-A,ACC-B", dashboard_title="Desk One",
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'data' / 'gw.db'}")

    for run in range(2):
        svc = build(settings())
        await svc.start()
        try:
            assert await svc.wait_ready(60), svc.dependencies
            async with channel(svc.grpc_address) as ch:
                s = gw_grpc.ApiGatewayServiceStub(ch)
                d = (await s.GetTenant(gw.GetTenantRequest(tenant_id="default"))).tenant
                assert list(d.account_ids) == ["ACC-A", "ACC-B"]
                # made from OMNI_DASHBOARD_TITLE at first start, never reset at a later one
                assert d.branding.display_name == ("Desk Two" if run else "Desk One")
                if run == 0:
                    await s.CreateTenant(gw.CreateTenantRequest(name="Survivor"))
                    await s.SetBranding(gw.SetBrandingRequest(
                        tenant_id="default", branding=gw.Branding(display_name="Desk Two")))
                else:
                    t = (await s.GetTenant(gw.GetTenantRequest(tenant_id="survivor"))).tenant
                    assert t.name == "Survivor"
            async with httpx.AsyncClient(base_url=svc.gateway["http"]["url"]) as c:
                r = await c.get("/api/v1/branding", headers={"X-API-Key": DEV_API_KEY})
                assert r.status_code == 200 and r.json()["tenant_id"] == "default"
                page = (await c.get("/")).text
                assert "<title>Desk Two dashboard</title>" in page  # set over gRPC in run 0
                docs = await c.get("/docs")
                assert docs.status_code == 200 and "https://" not in docs.text
        finally:
            await svc.stop()
