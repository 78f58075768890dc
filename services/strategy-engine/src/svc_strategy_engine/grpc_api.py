"""StrategyEngineService over gRPC: translations onto `svc_strategy_engine.app.StrategyEngine`.
Bad input (unknown strategy, missing or invalid parameters, bad data) is INVALID_ARGUMENT
with the problem named; unknown ids NOT_FOUND; a state change the deployment's state does
not allow FAILED_PRECONDITION."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from omni.common.v1 import types_pb2 as ct
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni.strategy_engine.v1 import strategy_engine_service_pb2_grpc as se_grpc

if TYPE_CHECKING:
    from svc_strategy_engine.app import StrategyEngine

FULL_NAME = "omni.strategy_engine.v1.StrategyEngineService"
add_to_server = se_grpc.add_StrategyEngineServiceServicer_to_server

__all__ = ["FULL_NAME", "add_to_server", "StrategyEngineServicer", "params_from_proto",
           "params_to_proto", "stats_to_proto"]


def params_from_proto(ps: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in ps:
        which = p.WhichOneof("value")
        out[p.name] = getattr(p, which) if which else None
    return out


def params_to_proto(d: dict[str, Any]) -> list[ct.Parameter]:
    out = []
    for k, v in d.items():
        p = ct.Parameter(name=k)
        if isinstance(v, bool):
            p.bool_value = v
        elif isinstance(v, int):
            p.int_value = v
        elif isinstance(v, float):
            p.number_value = v
        else:
            p.string_value = str(v)
        out.append(p)
    return out


def _f(x: Any) -> float:
    x = float(x)
    return x if math.isfinite(x) and abs(x) < 1e300 else 0.0


def stats_to_proto(s: dict[str, float], net_pnl: Any = "0", fees: Any = "0"
                   ) -> se.PerformanceStats:
    p = se.PerformanceStats(
        total_return=_f(s.get("total_return", 0)),
        annualized_return=_f(s.get("annualized_return", 0)),
        annualized_volatility=_f(s.get("annualized_volatility", 0)),
        sharpe_ratio=_f(s.get("sharpe_ratio", 0)), sortino_ratio=_f(s.get("sortino_ratio", 0)),
        calmar_ratio=_f(s.get("calmar_ratio", 0)), max_drawdown=_f(s.get("max_drawdown", 0)),
        win_rate=_f(s.get("win_rate", 0)), profit_factor=_f(s.get("profit_factor", 0)),
        trades=int(s.get("trades", 0)), turnover=_f(s.get("turnover", 0)))
    p.net_pnl.value = str(net_pnl)
    p.fees.value = str(fees)
    return p


def ts_proto(dt: datetime | None) -> Any:
    from google.protobuf.timestamp_pb2 import Timestamp

    t = Timestamp()
    if dt is not None:
        t.FromDatetime(dt.astimezone(UTC))
    return t


class StrategyEngineServicer(se_grpc.StrategyEngineServiceServicer):
    def __init__(self, engine: StrategyEngine) -> None:
        self.e = engine

    async def ListStrategies(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.ListStrategiesResponse(strategies=self.e.strategy_types())

    async def GetStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        dep, stats = self.e.get(request.strategy_id)
        return se.GetStrategyResponse(deployment=dep, stats=stats)

    async def DeployStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.DeployStrategyResponse(deployment=await self.e.deploy(request))

    async def StartStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.StartStrategyResponse(deployment=await self.e.transition(
            request.strategy_id, "start", request.actor))

    async def StopStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.StopStrategyResponse(deployment=await self.e.transition(
            request.strategy_id, "stop", request.actor, request.reason,
            cancel_orders=request.cancel_orders, flatten=request.flatten))

    async def PauseStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.PauseStrategyResponse(deployment=await self.e.transition(
            request.strategy_id, "pause", request.actor, request.reason))

    async def ResumeStrategy(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.ResumeStrategyResponse(deployment=await self.e.transition(
            request.strategy_id, "resume", request.actor))

    async def ListDeployments(self, request: Any, context: Any) -> Any:  # noqa: N802
        deps = self.e.deployments(request.account_id, set(request.states))
        return se.ListDeploymentsResponse(deployments=deps, page=ct.PageResponse(
            total_size=len(deps)))

    async def UpdateStrategyParameters(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.UpdateStrategyParametersResponse(deployment=self.e.update_params(
            request.strategy_id, params_from_proto(request.parameters)))

    async def RunBacktest(self, request: Any, context: Any) -> Any:  # noqa: N802
        return se.RunBacktestResponse(backtest=await self.e.run_backtest(request.config,
                                                                         request.wait))

    async def GetBacktest(self, request: Any, context: Any) -> Any:  # noqa: N802
        bt, trades = self.e.get_backtest(request.backtest_id, request.include_trades)
        return se.GetBacktestResponse(backtest=bt, trades=trades)

    async def ListBacktests(self, request: Any, context: Any) -> Any:  # noqa: N802
        bts = self.e.list_backtests(request.strategy_type, set(request.statuses))
        return se.ListBacktestsResponse(backtests=bts, page=ct.PageResponse(
            total_size=len(bts)))

    async def RunWalkForward(self, request: Any, context: Any) -> Any:  # noqa: N802
        return await self.e.run_walk_forward(request)

    async def RunOptimization(self, request: Any, context: Any) -> Any:  # noqa: N802
        return await self.e.run_optimization(request)
