"""The REST surface against the in-process fleet (real market-data, broker-gateway,
risk-engine, order-manager and orchestrator; strategy-engine and portfolio-manager stand-ins),
through httpx's ASGI transport: auth (401/403), endpoints, error mapping (4xx with a JSON body
for bad input, 404 for unknown things, 409 for refused preconditions, 503 only for a dependency
that is down, never a 5xx for bad input)."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
import pytest_asyncio
from api_gateway_helpers import (
    AAPL,
    ACCT,
    FULL_KEY,
    READ_KEY,
    close_app,
    gateway_fleet,
    make_app,
    wait_order,
    wait_trading,
)
from omni.order_manager.v1 import order_manager_service_pb2 as om

pytestmark = pytest.mark.timeout(240)

F = {"X-API-Key": FULL_KEY}
R = {"X-API-Key": READ_KEY}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def fleet(kafka_bootstrap, tmp_path_factory):
    async with gateway_fleet(kafka_bootstrap, tmp_path_factory.mktemp("gw-fleet"), "gw") as f:
        yield f


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def client(fleet, tmp_path_factory):
    db = tmp_path_factory.mktemp("gw-db") / "gw.db"
    app, state = await make_app(fleet, f"sqlite+aiosqlite:///{db}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://gw") as c:
        c.state = state  # type: ignore[attr-defined]
        yield c
    await close_app(state)


def err(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["error"]["status"] == status, body
    return body["error"]


async def test_auth(client):
    e = err(await client.get("/api/v1/accounts"), 401)
    assert "missing API key" in e["message"]
    err(await client.get("/api/v1/accounts", headers={"X-API-Key": "nope"}), 401)
    assert (await client.get("/api/v1/accounts", headers=R)).status_code == 200
    e = err(await client.post("/api/v1/orders", headers=R, json={
        "account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 1}), 403)
    assert "orders:write" in e["message"]
    err(await client.post("/api/v1/halt", headers=R, json={"reason": "x"}), 403)
    # public: the page, the OpenAPI document and its UI
    assert (await client.get("/openapi.json")).status_code == 200
    assert (await client.get("/docs")).status_code == 200
    page = await client.get("/")
    assert page.status_code == 200 and "Omni Alpha" in page.text
    # a revoked key stops working
    info = await client.state.keys.create("temp-key-123456", tenant_id="default", name="t",
                                          scopes=["read"])
    assert (await client.get("/api/v1/accounts", headers={"X-API-Key": "temp-key-123456"})
            ).status_code == 200
    await client.state.keys.revoke(info.key_id)
    err(await client.get("/api/v1/accounts", headers={"X-API-Key": "temp-key-123456"}), 401)


async def test_accounts_positions_and_unknown_account(client):
    r = await client.get("/api/v1/accounts", headers=F)
    assert [a["account_id"] for a in r.json()["accounts"]] == [ACCT]
    assert r.json()["accounts"][0]["equity"]
    r = await client.get(f"/api/v1/accounts/{ACCT}", headers=F)
    assert r.status_code == 200 and r.json()["portfolio"]["account_id"] == ACCT
    assert (await client.get(f"/api/v1/accounts/{ACCT}/positions", headers=F)).status_code == 200
    assert (await client.get(f"/api/v1/accounts/{ACCT}/pnl", headers=F)).status_code == 200
    err(await client.get("/api/v1/accounts/NOPE/positions", headers=F), 404)
    err(await client.get("/api/v1/accounts/NOPE", headers=F), 404)


async def test_orders_submit_fill_cancel_and_risk_refusal(client, fleet):
    r = await client.post("/api/v1/orders", headers=F, json={
        "account_id": ACCT, "instrument_id": AAPL, "side": "buy", "quantity": 2,
        "time_in_force": "IOC"})
    assert r.status_code == 201, r.text
    oid = r.json()["order"]["order_id"]
    await wait_order(fleet.addresses["order-manager"], oid, {om.ORDER_STATUS_FILLED})
    got = (await client.get(f"/api/v1/orders/{oid}", headers=F)).json()["order"]
    assert got["status"] == "ORDER_STATUS_FILLED" and got["filled_quantity"] == 2
    # the fill is booked right after the order turns FILLED: poll (safety timeout only)
    for _ in range(500):
        pos = (await client.get(f"/api/v1/accounts/{ACCT}/positions", headers=F)).json()
        if any(p["instrument_id"]["value"] == AAPL and p["quantity"] >= 2
               for p in pos["positions"]):
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError(f"no AAPL position: {pos}")
    listed = (await client.get(f"/api/v1/orders?account_id={ACCT}", headers=F)).json()
    assert oid in [o["order_id"] for o in listed["orders"]]
    # refused by the risk engine: 422 with the reason and the order
    r = await client.post("/api/v1/orders", headers=F, json={
        "account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 5000})
    e = err(r, 422)
    assert e["code"] == "ORDER_REJECTED" and "quantity" in e["message"].lower()
    assert e["order"]["status"] == "ORDER_STATUS_REJECTED"
    # a resting order, cancelled through the API
    r = await client.post("/api/v1/orders", headers=F, json={
        "account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 1,
        "order_type": "LIMIT", "limit_price": 1.0, "time_in_force": "GTC",
        "client_order_id": f"c-{uuid.uuid4().hex[:8]}"})
    assert r.status_code == 201, r.text
    rest = r.json()["order"]["order_id"]
    await wait_order(fleet.addresses["order-manager"], rest, {om.ORDER_STATUS_ACCEPTED})
    r = await client.delete(f"/api/v1/orders/{rest}", headers=F)
    assert r.status_code == 200, r.text
    await wait_order(fleet.addresses["order-manager"], rest, {om.ORDER_STATUS_CANCELLED})
    err(await client.delete("/api/v1/orders/no-such-order", headers=F), 404)
    err(await client.get("/api/v1/orders/no-such-order", headers=F), 404)


BAD_ORDERS = [
    {},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "HOLD", "quantity": 1},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": -1},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 0},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": "lots"},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 1,
     "order_type": "LIMIT"},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 1, "bogus": 1},
    {"account_id": "../etc", "instrument_id": AAPL, "side": "BUY", "quantity": 1},
    {"account_id": ACCT, "instrument_id": "x" * 500, "side": "BUY", "quantity": 1},
    {"account_id": ACCT, "instrument_id": AAPL, "side": "BUY", "quantity": 1,
     "time_in_force": "FOREVER"},
    [1, 2, 3],
    "just a string",
]


@pytest.mark.parametrize("body", BAD_ORDERS)
async def test_bad_order_bodies_are_4xx_json(client, body):
    r = await client.post("/api/v1/orders", headers=F, json=body)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert "error" in r.json()


async def test_malformed_requests_are_never_5xx(client):
    cases = [
        client.post("/api/v1/orders", headers={**F, "content-type": "application/json"},
                    content=b"{not json"),
        client.post("/api/v1/orders", headers=F, content=b"\xff\xfe\x00"),
        client.post("/api/v1/orders", headers={**F, "content-type": "application/json"},
                    content=b'{"account_id": "ACC1", "instrument_id": "AAPL.XNAS", '
                            b'"side": "BUY", "quantity": 1e999}'),
        client.post("/api/v1/orders", headers={**F, "content-type": "application/json"},
                    content=b'{"account_id": "ACC1", "instrument_id": "AAPL.XNAS", '
                            b'"side": "BUY", "quantity": NaN}'),
        client.get("/api/v1/orders/%00%01", headers=F),
        client.get("/api/v1/orders?limit=0", headers=F),
        client.get("/api/v1/orders?limit=abc", headers=F),
        client.get("/api/v1/orders?account_id=a%20b", headers=F),
        client.get("/api/v1/accounts/" + "A" * 300, headers=F),
        client.post("/api/v1/strategies/S-OK/explode", headers=F),
        client.post("/api/v1/risk/kill-switch", headers=F, json={"state": "MAYBE",
                                                                  "reason": "x"}),
        client.post("/api/v1/risk/kill-switch", headers=F, json={"state": "HALTED",
                                                                  "reason": ""}),
        client.post("/api/v1/backtests", headers=F, json={"strategy_type": "sma_crossover",
                                                          "instruments": [AAPL],
                                                          "start": "2024-02-01",
                                                          "end": "2024-01-01"}),
        client.post("/api/v1/backtests", headers=F, json={"strategy_type": "sma_crossover",
                                                          "instruments": [],
                                                          "start": "nope", "end": "2024-01-01"}),
        client.get("/api/v1/backtests/%2e%2e", headers=F),
        client.get("/api/v1/nothing-here", headers=F),
        client.put("/api/v1/orders", headers=F),
    ]
    for coro in cases:
        r = await coro
        assert 400 <= r.status_code < 500, (r.request.url, r.status_code, r.text)
        assert "error" in r.json(), r.text


async def test_strategies_start_stop_and_refusals(client, fleet):
    r = await client.get("/api/v1/strategies", headers=F)
    assert {s["strategy_id"] for s in r.json()["strategies"]} >= {"S-OK", "S-BAD"}
    r = await client.post("/api/v1/strategies/S-OK/start", headers=F, json={"reason": "go"})
    assert r.status_code == 200, r.text
    assert r.json()["deployment"]["state"] == "STRATEGY_STATE_RUNNING"
    e = err(await client.post("/api/v1/strategies/S-BAD/start", headers=F), 409)
    assert "risk-engine: no risk limits for account ACC2" in e["message"]
    assert "market-data: no data for instrument NOPE.XNAS" in e["message"]
    err(await client.post("/api/v1/strategies/NOPE/start", headers=F), 404)
    err(await client.get("/api/v1/strategies/NOPE", headers=F), 404)
    deps = (await client.get("/api/v1/strategies/S-BAD/dependencies", headers=F)).json()
    assert deps["ready"] is False and len(deps["missing"]) == 3
    r = await client.post("/api/v1/strategies/S-OK/stop", headers=F)
    assert r.json()["deployment"]["state"] == "STRATEGY_STATE_STOPPED"
    # stopping again is a refused precondition at strategy-engine: 409
    err(await client.post("/api/v1/strategies/S-OK/pause", headers=F), 409)


async def test_risk_kill_switch_halt_resume_and_session(client, fleet):
    r = (await client.get(f"/api/v1/risk?account_id={ACCT}", headers=F)).json()
    assert r["global_kill_switch"] == "ACTIVE"
    assert any(lim["type"] == "MAX_ORDER_QUANTITY" for lim in r["limits"])
    err(await client.get("/api/v1/risk?account_id=NOPE", headers=F), 404)
    r = await client.post("/api/v1/risk/kill-switch", headers=F, json={
        "state": "HALTED", "reason": "test", "account_id": ACCT})
    assert r.status_code == 200 and r.json()["kill_switch"]["state"] == "KILL_SWITCH_STATE_HALTED"
    r = (await client.get(f"/api/v1/risk?account_id={ACCT}", headers=F)).json()
    assert r["effective_state"] == "HALTED" and r["global_kill_switch"] == "ACTIVE"
    await client.post("/api/v1/risk/kill-switch", headers=F, json={
        "state": "ACTIVE", "reason": "test over", "account_id": ACCT})
    r = await client.post("/api/v1/halt", headers=F, json={"reason": "api drill"})
    assert r.status_code == 200, r.text
    assert r.json()["session"]["state"] == "SESSION_STATE_HALTED"
    assert (await client.get("/api/v1/session", headers=F)).json()["globally_halted"] is True
    e = err(await client.post("/api/v1/strategies/S-OK/start", headers=F), 409)
    assert "global halt" in e["message"]
    r = await client.post("/api/v1/resume", headers=F, json={"reason": "drill over"})
    assert r.status_code == 200 and r.json()["session"]["state"] == "SESSION_STATE_OPEN"
    await wait_trading(fleet)


async def test_backtests(client):
    r = await client.post("/api/v1/backtests", headers=F, json={
        "strategy_type": "sma_crossover", "instruments": [AAPL], "start": "2026-01-06",
        "end": "2026-06-30", "parameters": {"fast": 5, "slow": 20}})
    assert r.status_code == 201, r.text
    bid = r.json()["backtest"]["backtest_id"]
    listed = (await client.get("/api/v1/backtests", headers=F)).json()["backtests"]
    assert bid in [b["backtest_id"] for b in listed]
    got = (await client.get(f"/api/v1/backtests/{bid}", headers=F)).json()
    assert got["backtest"]["status"] == "JOB_STATUS_SUCCEEDED", got["backtest"]["error"]
    assert len(got["backtest"]["equity_curve"]) >= 2
    err(await client.get("/api/v1/backtests/unknown-id", headers=F), 404)
    r = await client.post("/api/v1/backtests", headers=F, json={
        "strategy_type": "no_such", "instruments": [AAPL], "start": "2024-01-01",
        "end": "2024-03-01"})
    assert r.status_code in (400, 404) and "error" in r.json(), r.text


async def test_service_health_and_dashboard_data(client):
    h = (await client.get("/api/v1/services/health", headers=F)).json()
    # control-plane is not running in this fleet: each service is probed directly
    assert h["source"] == "probe"
    ready = {s["service"]: s["ready"] for s in h["services"]}
    assert ready["risk-engine"] and ready["order-manager"] and not ready["analytics"]
    d = (await client.get("/api/v1/dashboard", headers=F)).json()
    assert d["account_id"] == ACCT and "nav" in d["portfolio"]
    assert d["risk"]["global_kill_switch"] == "ACTIVE" and d["session"]["state"] == "OPEN"
    assert d["orders"]["recent"] and len(d["equity_curve"]) >= 1


async def test_a_dependency_down_is_503_only_there(fleet, tmp_path):
    app, state = await make_app(fleet, f"sqlite+aiosqlite:///{tmp_path / 'gw.db'}",
                                **{"portfolio-manager": "127.0.0.1:1",
                                   "strategy-engine": "127.0.0.1:1"})
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://gw") as c:
            e = err(await c.get(f"/api/v1/accounts/{ACCT}/positions", headers=F), 503)
            assert e["service"] == "portfolio-manager"
            e = err(await c.get("/api/v1/backtests", headers=F), 503)
            assert e["service"] == "strategy-engine"
            # the rest still answers; bad input is still a 4xx
            assert (await c.get("/api/v1/orders", headers=F)).status_code == 200
            err(await c.post("/api/v1/orders", headers=F, json={"side": "BUY"}), 422)
            d = (await c.get("/api/v1/dashboard", headers=F)).json()
            assert d["portfolio"]["error"]["status"] == 503 and "open" in d["orders"]
    finally:
        await close_app(state)
