"""The embedded fleet's trading defaults, in one place.

``omni up`` turns :data:`PROFILE` into the environment (and bootstrap files) of each child, so
the services agree on one account, its starting cash, the simulated instruments and the
default strategies without each service's own defaults having to know about the others:

- market-data: the simulator's instruments and pace (``OMNI_MD_*``);
- strategy-engine: the deployed strategies (``OMNI_DEFAULT_DEPLOYMENTS``) on 1-minute bars;
- risk-engine: ``$OMNI_HOME/fleet-bootstrap/risk.json`` (account, starting equity, limits)
  through ``OMNI_RISK_BOOTSTRAP_FILE``;
- orchestrator and api-gateway: the trading account (``OMNI_ACCOUNTS``);
- portfolio-manager: the starting cash, deposited once by ``omni up`` through AdjustCash
  with a fixed reference id (idempotent, so a restart or a second ``omni up`` deposits nothing);
- every service: its heartbeat interval (``OMNI_HEARTBEAT_INTERVAL``).

A variable already set in ``omni up``'s own environment wins over the profile, so any default
can be changed per run (``OMNI_MD_SIM_SPEED=1 omni up``).

The simulator runs at ``speed`` times real time (60 = one market minute per second), so the
1-minute bars the strategies trade on arrive every second and a session of a few market hours
takes a few minutes.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["PROFILE", "child_env", "write_bootstrap", "seed_cash"]

PROFILE: dict[str, Any] = {
    "account_id": "DEMO",
    "currency": "USD",
    "starting_cash": "1000000",
    "market": {
        # four asset classes the paper venue, order-manager lots and the simulator all know
        "instruments": ["AAPL.XNAS", "SPY.ARCX", "EURUSD.FX", "BTC-USD.CRYPTO"],
        "speed": 60.0,  # market seconds per wall second
        # market seconds between quotes: 10 per one-minute bar; with the publish window below
        # this sets the embedded broker's memory growth, not its batches
        "quote_interval": 6.0,
        "book_interval": 30.0,
        # at most how many wall seconds market-data holds ticks to publish them in one batch
        # with the next bars (bars go at once): a bar closes every wall second at speed 60,
        # so the ticks go with the bars and the topic gets one batch a second
        "publish_window": 1.5,
    },
    # seconds between each service's heartbeats on system-monitoring (the kit's default is
    # 5). Every service reads that topic, and each fetch that returns data costs the embedded
    # broker work for every batch of every topic the consumer reads (docs/embedded.md), so
    # eleven services beating every 5 s cost it more than any trading topic by mid-session
    "heartbeat_interval": 15.0,
    "strategy_timeframe": "1m",
    "strategies": [
        {"strategy_type": "sma_crossover", "strategy_id": "sma-aapl",
         "instruments": ["AAPL.XNAS"], "parameters": {"fast": 5, "slow": 20, "quantity": 20},
         "capital": "100000"},
        {"strategy_type": "sma_crossover", "strategy_id": "sma-spy",
         "instruments": ["SPY.ARCX"], "parameters": {"fast": 5, "slow": 20, "quantity": 10},
         "capital": "100000"},
        {"strategy_type": "sma_crossover", "strategy_id": "sma-eurusd",
         "instruments": ["EURUSD.FX"],
         "parameters": {"fast": 5, "slow": 20, "quantity": 10000}, "capital": "100000"},
        {"strategy_type": "sma_crossover", "strategy_id": "sma-btc",
         "instruments": ["BTC-USD.CRYPTO"],
         "parameters": {"fast": 5, "slow": 20, "quantity": 0.05}, "capital": "100000"},
    ],
    # account-level limits (thresholds in the account currency unless a count or fraction)
    "risk_limits": [
        ("LIMIT_TYPE_MAX_ORDER_NOTIONAL", "100000"),
        ("LIMIT_TYPE_MAX_POSITION_NOTIONAL", "250000"),
        ("LIMIT_TYPE_MAX_GROSS_EXPOSURE", "800000"),
        ("LIMIT_TYPE_MAX_OPEN_ORDERS", "50"),
        ("LIMIT_TYPE_MAX_ORDERS_PER_SECOND", "20"),
        ("LIMIT_TYPE_MAX_DRAWDOWN", "0.25"),
    ],
}

BOOTSTRAP_DIR = "fleet-bootstrap"
CASH_REFERENCE = "fleet-bootstrap:starting-cash"


def _risk_bootstrap(profile: dict[str, Any]) -> dict[str, Any]:
    acct = profile["account_id"]
    return {
        "accounts": [{"accountId": acct, "startingEquity": {"value": profile["starting_cash"]},
                      "currency": profile["currency"], "initialMarginRate": 1.0}],
        "limit_sets": [{"accountId": acct, "limits": [
            {"type": t, "threshold": {"value": v}, "warnAt": 0.8,
             "action": "BREACH_ACTION_REJECT", "enabled": True}
            for t, v in profile["risk_limits"]]}],
    }


def write_bootstrap(home: Path, profile: dict[str, Any] = PROFILE) -> dict[str, Path]:
    """Write the per-service bootstrap files under ``$OMNI_HOME/fleet-bootstrap``."""
    d = home / BOOTSTRAP_DIR
    d.mkdir(parents=True, exist_ok=True)
    risk = d / "risk.json"
    tmp = d / ".risk.json.tmp"
    tmp.write_text(json.dumps(_risk_bootstrap(profile), indent=2))
    os.replace(tmp, risk)
    return {"risk-engine": risk}


def child_env(service: str, home: Path, profile: dict[str, Any] = PROFILE) -> dict[str, str]:
    """The profile's environment for one service (before the user's own OMNI_* override it)."""
    common = {"OMNI_HEARTBEAT_INTERVAL": str(profile["heartbeat_interval"])}
    return common | _service_env(service, home, profile)


def _service_env(service: str, home: Path, profile: dict[str, Any]) -> dict[str, str]:
    acct = profile["account_id"]
    m = profile["market"]
    if service == "market-data":
        return {"OMNI_MD_PROVIDER": "simulator",
                "OMNI_MD_INSTRUMENTS": ",".join(m["instruments"]),
                "OMNI_MD_SIM_SPEED": str(m["speed"]),
                "OMNI_MD_QUOTE_INTERVAL": str(m["quote_interval"]),
                "OMNI_MD_BOOK_INTERVAL": str(m["book_interval"]),
                "OMNI_MD_PUBLISH_WINDOW": str(m["publish_window"])}
    if service == "strategy-engine":
        deployments = [{**s, "account_id": acct} for s in profile["strategies"]]
        return {"OMNI_DEFAULT_DEPLOYMENTS": json.dumps(deployments),
                "OMNI_BAR_TIMEFRAME": profile["strategy_timeframe"]}
    if service == "risk-engine":
        return {"OMNI_RISK_BOOTSTRAP_FILE": str(home / BOOTSTRAP_DIR / "risk.json")}
    if service in ("orchestrator", "api-gateway"):
        return {"OMNI_ACCOUNTS": acct}
    return {}


async def seed_cash(port: int, profile: dict[str, Any] = PROFILE, attempts: int = 60,
                    delay: float = 1.0) -> str | None:
    """Deposit the starting cash into portfolio-manager (idempotent by reference id).
    Returns the balance after, or None when portfolio-manager never answered."""
    from omni.common.v1 import types_pb2 as ct
    from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm
    from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pm_grpc

    from omni_core.rpc import channel

    req = pm.AdjustCashRequest(
        account_id=profile["account_id"], reason="embedded fleet starting cash",
        reference_id=f"{CASH_REFERENCE}:{profile['account_id']}",
        amount=ct.Money(amount=ct.Decimal(value=profile["starting_cash"]),
                        currency=profile["currency"]))
    ch = channel(f"127.0.0.1:{port}", default_timeout=5.0)
    try:
        for _ in range(attempts):
            try:
                resp = await pm_grpc.PortfolioManagerServiceStub(ch).AdjustCash(req)
                return resp.balance.available.value
            except Exception:  # noqa: BLE001  (not up yet: try again)
                await asyncio.sleep(delay)
        return None
    finally:
        await ch.close()
