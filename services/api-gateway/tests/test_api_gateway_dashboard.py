"""The gateway as a kit service over the in-process fleet: gRPC health and ApiGatewayService,
uvicorn serving inside the service's event loop, the dev key in the page; and the dashboard
rendered by headless Chromium (positions and P&L appear, and change between two loads while
real fills change the positions)."""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import grpc
import httpx
import pytest
import pytest_asyncio
from api_gateway_helpers import AAPL, ACCT, gateway_fleet, wait_order, wait_position
from omni.api_gateway.v1 import api_gateway_service_pb2 as gw
from omni.api_gateway.v1 import api_gateway_service_pb2_grpc as gw_grpc
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni_core.rpc import SERVING, channel, health_status
from omni_core.settings import SettingsError
from svc_api_gateway.app import DEV_API_KEY, ApiGatewaySettings, build

pytestmark = pytest.mark.timeout(240)
REPO = Path(__file__).resolve().parents[3]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def gateway(kafka_bootstrap, tmp_path_factory):
    home = tmp_path_factory.mktemp("gw-dash")
    async with gateway_fleet(kafka_bootstrap, home, "gwdash") as fleet:
        addrs = {f"{k.replace('-', '_')}_address": v for k, v in fleet.addresses.items()}
        settings = ApiGatewaySettings(
            kafka_bootstrap=kafka_bootstrap, grpc_host="127.0.0.1", grpc_port=0,
            metrics_port=0, home=home, http_host="127.0.0.1", http_port=0, accounts=ACCT,
            database_url=f"sqlite+aiosqlite:///{home / 'data' / 'api-gateway.db'}",
            control_plane_address="127.0.0.1:1", analytics_address="127.0.0.1:1", **addrs)
        svc = build(settings, topics=fleet.topics)
        await svc.start()
        try:
            assert await svc.wait_ready(60), svc.dependencies
            svc.fleet = fleet  # type: ignore[attr-defined]
            yield svc
        finally:
            await svc.stop()


async def test_gateway_is_a_kit_service(gateway):
    http = gateway.gateway["http"]
    assert http["port"] > 0
    assert await health_status(gateway.grpc_address, "") == SERVING
    assert await health_status(gateway.grpc_address,
                               "omni.api_gateway.v1.ApiGatewayService") == SERVING
    async with channel(gateway.grpc_address) as ch:
        stub = gw_grpc.ApiGatewayServiceStub(ch)
        v = await stub.ValidateApiKey(gw.ValidateApiKeyRequest(secret=DEV_API_KEY))
        assert v.valid and v.api_key.tenant_id == "default"
        assert not (await stub.ValidateApiKey(gw.ValidateApiKeyRequest(secret="x"))).valid
        made = await stub.CreateApiKey(gw.CreateApiKeyRequest(name="ops", scopes=["read"]))
        with pytest.raises(grpc.aio.AioRpcError) as e:
            await stub.CreateApiKey(gw.CreateApiKeyRequest(name="ops", scopes=["root"]))
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    async with httpx.AsyncClient(base_url=http["url"]) as c:
        page = await c.get("/")
        assert page.status_code == 200 and DEV_API_KEY in page.text  # dev profile only
        r = await c.get("/api/v1/accounts", headers={"X-API-Key": made.secret})
        assert r.status_code == 200
        r = await c.post("/api/v1/halt", headers={"X-API-Key": made.secret},
                         json={"reason": "x"})
        assert r.status_code == 403


def test_staging_needs_an_api_key(monkeypatch):
    with pytest.raises(SettingsError) as e:
        ApiGatewaySettings(profile="staging", kafka_bootstrap="k:9092",
                           database_url="sqlite+aiosqlite:///x.db",
                           redis_url="redis://localhost").effective_key()
    assert "OMNI_API_KEY" in str(e.value)
    s = ApiGatewaySettings(profile="staging", kafka_bootstrap="k:9092",
                           database_url="sqlite+aiosqlite:///x.db", redis_url="redis://x",
                           api_key="s3cret-key-value")
    assert s.effective_key() == ("s3cret-key-value", False)
    assert s.bind_host == "0.0.0.0" and "s3cret" not in repr(s)


def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access(
        "/usr/bin/chromium", os.X_OK) else None)
    if found:
        return found
    script = REPO / "scripts" / "ensure_chromium.sh"
    r = subprocess.run([str(script)], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.skip(f"chromium cannot be installed: {r.stderr.strip()[-300:]}")
    return r.stdout.strip().splitlines()[-1]


async def dump_dom(browser: str, url: str, profile: Path) -> str:
    proc = await asyncio.create_subprocess_exec(
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
        "--virtual-time-budget=5000", "--dump-dom", url,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, errout = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0, errout.decode()[-2000:]
    return out.decode()


def text_of(dom: str, element_id: str) -> str:
    m = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', dom, re.S)
    assert m, f"#{element_id} not in the page"
    return html.unescape(re.sub(r"<[^>]+>", " ", m.group(2))).strip()


def position_qty(dom: str, instrument: str) -> float:
    body = text_of(dom, "positions")
    m = re.search(re.escape(instrument) + r"\s+([-\d,.]+)", body)
    assert m, f"no {instrument} row in positions: {body!r}"
    return float(m.group(1).replace(",", ""))


async def buy(url: str, qty: float, fleet) -> None:
    async with httpx.AsyncClient(base_url=url) as c:
        r = await c.post("/api/v1/orders", headers={"X-API-Key": DEV_API_KEY}, json={
            "account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": qty,
            "time_in_force": "IOC"})
        assert r.status_code == 201, r.text
    await wait_order(fleet.addresses["order-manager"], r.json()["order"]["order_id"],
                     {om.ORDER_STATUS_FILLED})


async def test_dashboard_in_headless_chromium(gateway, tmp_path):
    browser = chromium()
    url = gateway.gateway["http"]["url"]
    fleet = gateway.fleet
    await buy(url, 5, fleet)
    await wait_position(fleet, 5)
    first = await dump_dom(browser, url + "/", tmp_path / "p1")
    assert text_of(first, "error") == "", text_of(first, "error")
    assert position_qty(first, AAPL) == 5
    pnl1, nav1 = text_of(first, "pnl"), text_of(first, "nav")
    assert re.search(r"\d", pnl1) and re.search(r"\d", nav1), (pnl1, nav1)
    assert text_of(first, "kill-global") == "ACTIVE"
    assert "order-manager" in text_of(first, "services")
    assert "FILLED" in text_of(first, "orders-recent")
    assert "<path" in first  # the equity curve

    await buy(url, 7, fleet)
    await wait_position(fleet, 12)
    second = await dump_dom(browser, url + "/", tmp_path / "p2")
    assert position_qty(second, AAPL) == 12
    pnl2 = text_of(second, "pnl")
    assert re.search(r"\d", pnl2)
    # the second fill paid a fee and moved the cost basis: P&L is not what it was
    assert pnl2 != pnl1, (pnl1, pnl2)
