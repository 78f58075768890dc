"""An in-process fleet for the orchestrator and api-gateway tests.

Real services, each built by its own ``build()`` on the kit over the embedded broker with
SQLite files under a temporary directory: market-data (simulator), broker-gateway (paper
venue), risk-engine, order-manager -- whichever are importable. strategy-engine and
portfolio-manager are used for real when their packages provide ``app.build``; otherwise
stand-ins speak their gRPC contracts over a real gRPC server: the strategy-engine stand-in
keeps deployments and backtests in memory, the portfolio-manager stand-in computes positions
and P&L from the real order-manager's fills (ListFills) marked at the real market-data quotes
(GetQuote).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import market_data_service_pb2 as md
from omni.market_data.v1 import market_data_service_pb2_grpc as md_grpc
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pm_grpc
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rk_grpc
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni.strategy_engine.v1 import strategy_engine_service_pb2_grpc as se_grpc
from omni_core.embedded.broker import ensure_topics
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_core.ids import new_id
from omni_core.rpc import RpcServer, channel, wait_ready
from omni_testing.kafka import unique_topic_names

ACCT = "ACC1"
TERMINAL = {om.ORDER_STATUS_FILLED, om.ORDER_STATUS_CANCELLED, om.ORDER_STATUS_REJECTED,
            om.ORDER_STATUS_EXPIRED, om.ORDER_STATUS_REPLACED}
AAPL = "AAPL.XNAS"
MSFT = "MSFT.XNAS"


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# ---- stand-ins -------------------------------------------------------------------------------


class StandInStrategyEngine(se_grpc.StrategyEngineServiceServicer):
    """Deployments and backtests in memory; the state rules of the contract."""

    def __init__(self) -> None:
        self.deployments: dict[str, se.Deployment] = {}
        self.backtests: dict[str, se.Backtest] = {}
        self.calls: list[tuple[str, str]] = []

    def deploy(self, strategy_id: str, account: str, instruments: list[str],
               strategy_type: str = "sma_crossover") -> se.Deployment:
        d = se.Deployment(strategy_id=strategy_id, strategy_type=strategy_type,
                          account_id=account, state=se.STRATEGY_STATE_DEPLOYED,
                          instruments=[common.InstrumentId(value=i) for i in instruments])
        self.deployments[strategy_id] = d
        return d

    def _get(self, sid: str) -> se.Deployment:
        if not sid:
            raise InvalidArgument("strategy_id is required")
        d = self.deployments.get(sid)
        if d is None:
            raise NotFound(f"no strategy {sid!r}")
        return d

    def _move(self, sid: str, allowed: set[int], state: int, verb: str) -> se.Deployment:
        d = self._get(sid)
        if d.state not in allowed:
            raise FailedPrecondition(
                f"cannot {verb} {sid} in state {se.StrategyState.Name(d.state)}")
        d.state = state
        self.calls.append((verb, sid))
        return d

    async def DeployStrategy(self, request, context):  # noqa: N802
        return se.DeployStrategyResponse(deployment=self.deploy(
            request.strategy_id, request.account_id, [i.value for i in request.instruments],
            request.strategy_type))

    async def GetStrategy(self, request, context):  # noqa: N802
        return se.GetStrategyResponse(deployment=self._get(request.strategy_id))

    async def ListDeployments(self, request, context):  # noqa: N802
        rows = [d for d in self.deployments.values()
                if (not request.account_id or d.account_id == request.account_id)
                and (not request.states or d.state in request.states)]
        return se.ListDeploymentsResponse(deployments=rows)

    async def StartStrategy(self, request, context):  # noqa: N802
        return se.StartStrategyResponse(deployment=self._move(
            request.strategy_id, {se.STRATEGY_STATE_DEPLOYED, se.STRATEGY_STATE_STOPPED},
            se.STRATEGY_STATE_RUNNING, "start"))

    async def StopStrategy(self, request, context):  # noqa: N802
        return se.StopStrategyResponse(deployment=self._move(
            request.strategy_id, {se.STRATEGY_STATE_RUNNING, se.STRATEGY_STATE_PAUSED,
                                  se.STRATEGY_STATE_DEPLOYED},
            se.STRATEGY_STATE_STOPPED, "stop"))

    async def PauseStrategy(self, request, context):  # noqa: N802
        return se.PauseStrategyResponse(deployment=self._move(
            request.strategy_id, {se.STRATEGY_STATE_RUNNING}, se.STRATEGY_STATE_PAUSED, "pause"))

    async def ResumeStrategy(self, request, context):  # noqa: N802
        return se.ResumeStrategyResponse(deployment=self._move(
            request.strategy_id, {se.STRATEGY_STATE_PAUSED}, se.STRATEGY_STATE_RUNNING,
            "resume"))

    async def RunBacktest(self, request, context):  # noqa: N802
        cfg = request.config
        if not cfg.strategy_type:
            raise InvalidArgument("config.strategy_type is required")
        if cfg.strategy_type not in ("sma_crossover", "mean_reversion", "momentum"):
            raise NotFound(f"unknown strategy type {cfg.strategy_type!r}")
        bt = se.Backtest(backtest_id=new_id(), config=cfg, status=se.JOB_STATUS_SUCCEEDED,
                         stats=se.PerformanceStats(total_return=0.05, sharpe_ratio=1.2,
                                                   trades=4))
        for k in range(3):
            bt.equity_curve.add(value=100000.0 + 1000 * k).time.FromDatetime(
                datetime(2024, 1, 2 + k, tzinfo=UTC))
        self.backtests[bt.backtest_id] = bt
        return se.RunBacktestResponse(backtest=bt)

    async def GetBacktest(self, request, context):  # noqa: N802
        bt = self.backtests.get(request.backtest_id)
        if bt is None:
            raise NotFound(f"no backtest {request.backtest_id!r}")
        return se.GetBacktestResponse(backtest=bt)

    async def ListBacktests(self, request, context):  # noqa: N802
        return se.ListBacktestsResponse(backtests=list(self.backtests.values()))


class FillsPortfolio(pm_grpc.PortfolioManagerServiceServicer):
    """Positions and P&L from the order-manager's fills, marked at market-data quotes."""

    def __init__(self, order_manager: str, market_data: str, cash: Decimal) -> None:
        self.om_addr, self.md_addr, self.cash = order_manager, market_data, cash

    async def _positions(self, account: str) -> tuple[list[pm.Position], Decimal, Decimal]:
        async with channel(self.om_addr) as ch:
            fills = (await om_grpc.OrderManagerServiceStub(ch).ListFills(
                om.ListFillsRequest(account_id=account,
                                    page=common.PageRequest(page_size=1000)))).fills
        book: dict[str, list[float]] = {}  # qty, cost of open qty, realised
        fees = Decimal(0)
        for f in fills:
            q = f.quantity if f.side == common.SIDE_BUY else -f.quantity
            qty, cost, real = book.setdefault(f.instrument_id.value, [0.0, 0.0, 0.0])
            if qty == 0 or (qty > 0) == (q > 0):
                qty, cost = qty + q, cost + q * f.price
            else:
                avg = cost / qty
                closed = min(abs(q), abs(qty)) * (1 if qty > 0 else -1)
                real += closed * (f.price - avg)
                qty, cost = qty + q, cost - closed * avg
                if qty != 0 and (qty > 0) != (qty - q > 0):
                    cost = qty * f.price
            book[f.instrument_id.value] = [qty, cost, real]
            fees += Decimal(f.fee.value or "0")
        out, realised = [], Decimal(0)
        async with channel(self.md_addr) as ch:
            stub = md_grpc.MarketDataServiceStub(ch)
            for inst, (qty, cost, real) in sorted(book.items()):
                realised += Decimal(str(round(real, 6)))
                if abs(qty) < 1e-12:
                    continue
                q = (await stub.GetQuote(md.GetQuoteRequest(
                    instrument_id=common.InstrumentId(value=inst)))).quote
                mark = (q.bid + q.ask) / 2 if q.bid > 0 and q.ask > 0 else cost / qty
                p = pm.Position(account_id=account, instrument_id=common.InstrumentId(value=inst),
                                quantity=qty, average_cost=cost / qty, market_price=mark)
                p.market_value.value = f"{qty * mark:.2f}"
                p.cost_basis.value = f"{cost:.2f}"
                p.unrealized_pnl.value = f"{qty * mark - cost:.2f}"
                p.realized_pnl.value = f"{real:.2f}"
                p.day_pnl.value = f"{qty * mark - cost + real:.2f}"
                out.append(p)
        return out, realised, fees

    async def GetPortfolio(self, request, context):  # noqa: N802
        positions, realised, fees = await self._positions(request.account_id)
        unreal = sum((Decimal(p.unrealized_pnl.value) for p in positions), Decimal(0))
        spent = sum((Decimal(p.cost_basis.value) for p in positions), Decimal(0))
        mv = sum((Decimal(p.market_value.value) for p in positions), Decimal(0))
        cash = self.cash - spent + realised - fees
        port = pm.Portfolio(account_id=request.account_id, base_currency="USD",
                            positions=positions)
        port.nav.value = str(cash + mv)
        port.cash.value = str(cash)
        port.gross_exposure.value = str(sum((abs(Decimal(p.market_value.value))
                                             for p in positions), Decimal(0)))
        port.net_exposure.value = str(mv)
        port.pnl.realized.value = str(realised)
        port.pnl.unrealized.value = str(unreal)
        port.pnl.fees.value = str(fees)
        port.pnl.total.value = str(realised + unreal - fees)
        port.pnl.day.value = str(realised + unreal - fees)
        return pm.GetPortfolioResponse(portfolio=port)

    async def ListPositions(self, request, context):  # noqa: N802
        positions, _, _ = await self._positions(request.account_id)
        return pm.ListPositionsResponse(positions=positions)

    async def GetPnl(self, request, context):  # noqa: N802
        port = (await self.GetPortfolio(pm.GetPortfolioRequest(account_id=request.account_id),
                                        context)).portfolio
        return pm.GetPnlResponse(pnl=port.pnl)


# ---- the fleet -------------------------------------------------------------------------------


@dataclass
class Fleet:
    addresses: dict[str, str]
    topics: dict[str, str]
    services: dict[str, Any] = field(default_factory=dict)
    strategy: StandInStrategyEngine | None = None
    kinds: dict[str, str] = field(default_factory=dict)

    async def deploy(self, strategy_id: str, account: str, instruments: list[str]) -> None:
        """A deployment at strategy-engine (real or stand-in) over gRPC: an SMA crossover slow
        enough never to trade during a test."""
        params = [common.Parameter(name="fast", int_value=5),
                  common.Parameter(name="slow", int_value=500),
                  common.Parameter(name="quantity", int_value=1)]
        async with channel(self.addresses["strategy-engine"]) as ch:
            await se_grpc.StrategyEngineServiceStub(ch).DeployStrategy(se.DeployStrategyRequest(
                strategy_type="sma_crossover", account_id=account, strategy_id=strategy_id,
                instruments=[common.InstrumentId(value=i) for i in instruments],
                parameters=params, capital=common.Decimal(value="100000")))

    async def strategy_state(self, strategy_id: str) -> int:
        async with channel(self.addresses["strategy-engine"]) as ch:
            return (await se_grpc.StrategyEngineServiceStub(ch).GetStrategy(
                se.GetStrategyRequest(strategy_id=strategy_id))).deployment.state


def _common(kafka_bootstrap: str, home: Path, name: str) -> dict[str, Any]:
    return dict(kafka_bootstrap=kafka_bootstrap, grpc_host="127.0.0.1", grpc_port=0,
                metrics_port=0, home=home,
                database_url=f"sqlite+aiosqlite:///{home / 'data' / (name + '.db')}",
                heartbeat_interval=1.0, readiness_interval=0.5)


def _overrides(name: str) -> dict[str, Any]:
    return {"group_id": f"{name}-{uuid.uuid4().hex[:8]}", "fetch_wait_max_ms": 5,
            "retry_backoff_initial": 0.01, "retry_backoff_max": 0.05,
            "commit_interval_ms": 100}


async def _setup_risk(address: str) -> None:
    async with channel(address) as ch:
        stub = rk_grpc.RiskEngineServiceStub(ch)
        acc = rk.RiskAccount(account_id=ACCT, currency="USD", initial_margin_rate=1.0)
        acc.starting_equity.value = "1000000"
        await stub.SetAccount(rk.SetAccountRequest(account=acc, actor="test"))
        infos = []
        for inst in (AAPL, MSFT):
            info = rk.InstrumentRiskData(asset_class=common.ASSET_CLASS_EQUITY, sector="tech",
                                         multiplier=1.0, currency="USD")
            info.instrument_id.value = inst
            infos.append(info)
        await stub.UpsertInstruments(rk.UpsertInstrumentsRequest(instruments=infos))
        lim = rk.Limit(type=rk.LIMIT_TYPE_MAX_ORDER_QUANTITY, action=rk.BREACH_ACTION_REJECT,
                       enabled=True)
        lim.threshold.value = "1000"
        await stub.SetLimits(rk.SetLimitsRequest(
            limit_set=rk.LimitSet(account_id=ACCT, limits=[lim]), expected_version=0,
            actor="test"))


@contextlib.asynccontextmanager
async def in_process_fleet(kafka_bootstrap: str, home: Path, label: str = "fleet"):
    """Yields a `Fleet` with the importable real services started and ready."""
    topics = unique_topic_names(label)
    ensure_topics(kafka_bootstrap, topics.values(), partitions=1)
    home.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    fleet = Fleet(addresses={}, topics=topics)
    started: list[Any] = []
    servers: list[RpcServer] = []
    try:
        builds: list[tuple[str, Any]] = []
        if importable("svc_market_data.app"):
            from svc_market_data.app import build as md_build
            from svc_market_data.settings import Settings as MdSettings

            builds.append(("market-data", md_build(
                MdSettings(**_common(kafka_bootstrap, home, "market-data"),
                           md_quote_interval=0.05, md_book_interval=0.2), topics=topics)))
        if importable("svc_broker_gateway.app"):
            from svc_broker_gateway.app import BrokerGatewaySettings
            from svc_broker_gateway.app import build as bg_build

            builds.append(("broker-gateway", bg_build(BrokerGatewaySettings(
                **_common(kafka_bootstrap, home, "broker-gateway"), paper_latency_ms=0),
                topics=topics, bus_overrides=_overrides("bg"))))
        if importable("svc_risk_engine.app"):
            from svc_risk_engine.app import Settings as RiskSettings
            from svc_risk_engine.app import build as rk_build

            builds.append(("risk-engine", rk_build(
                RiskSettings(**_common(kafka_bootstrap, home, "risk-engine")), topics=topics,
                bus_overrides=_overrides("rk"))))
        # one at a time: Alembic's migration context is process-global
        for name, svc in builds:
            await svc.start()
            started.append(svc)
            fleet.services[name] = svc
            assert await svc.wait_ready(60), (name, svc.dependencies)
            fleet.addresses[name] = svc.grpc_address
            fleet.kinds[name] = "real"
        if "risk-engine" in fleet.addresses:
            await _setup_risk(fleet.addresses["risk-engine"])
        if importable("svc_order_manager.app") and "risk-engine" in fleet.addresses:
            from svc_order_manager.app import OrderManagerSettings
            from svc_order_manager.app import build as om_build

            svc = om_build(OrderManagerSettings(
                **_common(kafka_bootstrap, home, "order-manager"),
                risk_engine_address=fleet.addresses["risk-engine"],
                market_data_address=fleet.addresses.get("market-data", "127.0.0.1:1"),
                outbox_interval=0.05, risk_timeout=5), topics=topics,
                bus_overrides=_overrides("om"))
            await svc.start()
            started.append(svc)
            assert await svc.wait_ready(60), svc.dependencies
            fleet.services["order-manager"] = svc
            fleet.addresses["order-manager"] = svc.grpc_address
            fleet.kinds["order-manager"] = "real"
        if importable("svc_strategy_engine.app") and "order-manager" in fleet.addresses:
            from svc_strategy_engine.app import StrategyEngineSettings
            from svc_strategy_engine.app import build as se_build

            svc = se_build(StrategyEngineSettings(
                **_common(kafka_bootstrap, home, "strategy-engine"),
                order_manager_address=fleet.addresses["order-manager"],
                default_deployments="[]", auto_start=False, bar_timeframe="1m"),
                topics=topics, bus_overrides=_overrides("se"))
            await svc.start()
            started.append(svc)
            assert await svc.wait_ready(60), svc.dependencies
            fleet.services["strategy-engine"] = svc
            fleet.addresses["strategy-engine"] = svc.grpc_address
            fleet.kinds["strategy-engine"] = "real"
        else:
            fleet.strategy = StandInStrategyEngine()
            srv = RpcServer("strategy-engine", host="127.0.0.1", port=0)
            srv.add_servicer(se_grpc.add_StrategyEngineServiceServicer_to_server,
                             fleet.strategy, "omni.strategy_engine.v1.StrategyEngineService")
            await srv.start()
            await srv.set_serving(True)
            servers.append(srv)
            fleet.addresses["strategy-engine"] = srv.address
            fleet.kinds["strategy-engine"] = "stand-in"
        if importable("svc_portfolio_manager.app") and "order-manager" in fleet.addresses:
            from svc_portfolio_manager.app import PortfolioManagerSettings
            from svc_portfolio_manager.app import build as pm_build

            svc = pm_build(PortfolioManagerSettings(
                **_common(kafka_bootstrap, home, "portfolio-manager"),
                order_manager_address=fleet.addresses["order-manager"], publish_interval=0.2),
                topics=topics, bus_overrides=_overrides("pm"))
            await svc.start()
            started.append(svc)
            assert await svc.wait_ready(60), svc.dependencies
            fleet.services["portfolio-manager"] = svc
            fleet.addresses["portfolio-manager"] = svc.grpc_address
            fleet.kinds["portfolio-manager"] = "real"
            async with channel(svc.grpc_address) as ch:
                await pm_grpc.PortfolioManagerServiceStub(ch).AdjustCash(pm.AdjustCashRequest(
                    account_id=ACCT, reason="test starting cash", reference_id="test-cash",
                    amount=common.Money(amount=common.Decimal(value="1000000"),
                                        currency="USD")))
        elif "order-manager" in fleet.addresses and "market-data" in fleet.addresses:
            srv = RpcServer("portfolio-manager", host="127.0.0.1", port=0)
            srv.add_servicer(pm_grpc.add_PortfolioManagerServiceServicer_to_server,
                             FillsPortfolio(fleet.addresses["order-manager"],
                                            fleet.addresses["market-data"], Decimal("1000000")),
                             "omni.portfolio_manager.v1.PortfolioManagerService")
            await srv.start()
            await srv.set_serving(True)
            servers.append(srv)
            fleet.addresses["portfolio-manager"] = srv.address
            fleet.kinds["portfolio-manager"] = "stand-in (fills + quotes)"
        for name, addr in fleet.addresses.items():
            assert await wait_ready(addr, timeout=30), name
        yield fleet
    finally:
        for srv in servers:
            with contextlib.suppress(Exception):
                await srv.stop(grace=0.2)
        for svc in reversed(started):
            await _stop_or_report(svc)


STOP_REPORT_AFTER_S = 60.0


async def _stop_or_report(svc: Any) -> None:
    """Stop one service of the fleet. A stop that hangs (seen twice in CI in this fixture's
    teardown, never reproduced) prints every pending task's stack, so the log shows where it
    waits, and teardown goes on with the next service."""
    try:
        await asyncio.wait_for(svc.stop(), STOP_REPORT_AFTER_S)
    except TimeoutError:
        print(f"in_process_fleet: {svc.name} did not stop within {STOP_REPORT_AFTER_S:g} s; "
              f"pending tasks:", file=sys.stderr)
        for task in asyncio.all_tasks():
            task.print_stack(file=sys.stderr)
    except Exception as exc:  # a failed stop must not leave the other services running
        print(f"in_process_fleet: {svc.name} stop failed: {exc!r}", file=sys.stderr)


async def wait_quote(address: str, instrument: str = AAPL, timeout: float = 30) -> md.Quote:  # noqa: ASYNC109
    """The first quote market-data has for `instrument` (safety timeout only)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with channel(address) as ch:
        stub = md_grpc.MarketDataServiceStub(ch)
        while True:
            try:
                q = (await stub.GetQuote(md.GetQuoteRequest(
                    instrument_id=common.InstrumentId(value=instrument)))).quote
                if q.bid > 0 and q.ask > 0:
                    return q
            except Exception:
                pass
            if loop.time() > deadline:
                raise AssertionError(f"no quote for {instrument}")
            await asyncio.sleep(0.05)


async def wait_paper_book(fleet: Fleet, instrument: str = AAPL, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until the broker-gateway's paper venue has a two-sided book for `instrument`."""
    from omni_testing.kafka import wait_until

    app = fleet.services["broker-gateway"].app
    eng = app.paper[0].engines[instrument]
    await wait_until(lambda: eng.best_ask() is not None and eng.best_bid() is not None,
                     timeout, f"paper book for {instrument}")


async def wait_position(fleet: Fleet, qty: float, account: str = ACCT,
                        instrument: str = AAPL, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until portfolio-manager holds `qty` of `instrument` (it books fills from events)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with channel(fleet.addresses["portfolio-manager"]) as ch:
        stub = pm_grpc.PortfolioManagerServiceStub(ch)
        while True:
            rows = (await stub.ListPositions(pm.ListPositionsRequest(account_id=account))
                    ).positions
            have = sum(p.quantity for p in rows if p.instrument_id.value == instrument)
            if abs(have - qty) < 1e-9:
                return
            if loop.time() > deadline:
                raise AssertionError(f"portfolio-manager holds {have} {instrument}, not {qty}")
            await asyncio.sleep(0.02)


async def wait_trading(fleet: Fleet, account: str = ACCT, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until the order-manager's copy of the kill switch (fed by risk-engine's events on
    risk-management) lets `account` trade again."""
    from omni_testing.kafka import wait_until

    mgr = fleet.services["order-manager"].app.mgr
    await wait_until(lambda: mgr.kill_state(account) == rk.KILL_SWITCH_STATE_ACTIVE, timeout,
                     "order-manager sees the kill switch ACTIVE")


async def wait_risk_position(fleet: Fleet, qty: float, account: str = ACCT,
                             instrument: str = AAPL, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until risk-engine has booked the fills (FillBooked on order-management) up to `qty`."""
    from omni_testing.kafka import wait_until

    engine = fleet.services["risk-engine"].risk.engine
    await wait_until(lambda: account in engine.accounts and abs(
        engine.accounts[account].book.qty.get(instrument, 0.0) - qty) < 1e-9, timeout,
        f"risk-engine position {qty} {instrument}")


async def wait_risk_price(address: str, instrument: str = AAPL, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until the risk engine can value `instrument` (it learns prices from market data)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with channel(address) as ch:
        stub = rk_grpc.RiskEngineServiceStub(ch)
        while True:
            r = await stub.CheckOrder(rk.CheckOrderRequest(
                order_id=f"probe-{uuid.uuid4().hex[:8]}", account_id=ACCT,
                instrument_id=common.InstrumentId(value=instrument), side=common.SIDE_BUY,
                order_type=common.ORDER_TYPE_MARKET, time_in_force=common.TIME_IN_FORCE_IOC,
                quantity=1))
            if not any(f.rule == "no_price" for f in r.reasons):
                return
            if loop.time() > deadline:
                raise AssertionError(f"risk-engine has no price for {instrument}")
            await asyncio.sleep(0.05)


async def wait_order(address: str, order_id: str, statuses: set[int], timeout: float = 30  # noqa: ASYNC109
                     ) -> om.Order:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with channel(address) as ch:
        stub = om_grpc.OrderManagerServiceStub(ch)
        while True:
            o = (await stub.GetOrder(om.GetOrderRequest(order_id=order_id))).order
            if o.status in statuses:
                return o
            if o.status in TERMINAL:
                raise AssertionError(
                    f"order {order_id} ended {om.OrderStatus.Name(o.status)} "
                    f"({o.reject_reason}; filled {o.filled_quantity})")
            if loop.time() > deadline:
                raise AssertionError(
                    f"order {order_id} still {om.OrderStatus.Name(o.status)} "
                    f"({o.reject_reason}; filled {o.filled_quantity})")
            await asyncio.sleep(0.02)
