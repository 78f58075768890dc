"""Wiring of the strategy-engine service on the kit.

The service runs deployed strategies on the same `StrategyRunner` as the backtester, with the
service clock and the gRPC order transport (order-manager SubmitOrder / CancelOrder).

Kafka in: Bar and Quote (market-data-stream), IndicatorSignal and ScoredSignal
(trading-signals), ExecutionReport (order-management; only reports for our own orders are
used). Kafka out: StrategyStateChanged and BacktestCompleted on order-management (keyed by
account id; research backtests by backtest id).
gRPC: StrategyEngineService (library, deployments, backtests, optimisation, walk-forward).

Deployments live in memory and are re-created from settings at start
(``OMNI_DEFAULT_DEPLOYMENTS``); backtest results are kept in memory (the last
``max_stored_backtests``) and written as JSON under ``$OMNI_HOME/strategy-engine/backtests``,
from where they are read back at start.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from google.protobuf import json_format
from omni.common.v1 import types_pb2 as ct
from omni.market_data.v1 import events_pb2 as mde
from omni.order_manager.v1 import events_pb2 as ome
from omni.signal_engine.v1 import events_pb2 as sge
from omni.strategy_engine.v1 import events_pb2 as see
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni_core.clock import Clock
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_core.ids import new_id
from omni_core.service import Service
from omni_core.settings import ServiceSettings, local_address
from pydantic import Field

from svc_strategy_engine.grpc_api import (
    FULL_NAME,
    StrategyEngineServicer,
    add_to_server,
    params_from_proto,
    params_to_proto,
    stats_to_proto,
    ts_proto,
)
from svc_strategy_engine.kernel import (
    DEPLOYED,
    FAILED,
    PAUSED,
    RUNNING,
    STOPPED,
    StrategyRunner,
)
from svc_strategy_engine.live import (
    GrpcOrderTransport,
    bar_from_proto,
    quote_from_proto,
    report_from_proto,
    signal_from_proto,
)
from svc_strategy_engine.model import StrategyError
from svc_strategy_engine.strategy import REGISTRY, get_strategy_class

__all__ = ["StrategyEngineSettings", "StrategyEngine", "build"]

ORDERS = "order-management"
DEFAULT_DEPLOYMENTS = json.dumps([
    {"strategy_type": "sma_crossover", "strategy_id": "sma-aapl", "account_id": "paper",
     "instruments": ["AAPL.XNAS"], "parameters": {"fast": 10, "slow": 30, "quantity": 10},
     "capital": "100000"},
    {"strategy_type": "sma_crossover", "strategy_id": "sma-msft", "account_id": "paper",
     "instruments": ["MSFT.XNAS"], "parameters": {"fast": 10, "slow": 30, "quantity": 10},
     "capital": "100000"},
])
_BUILTIN_BY_ID = {"SPX": "sp500", "NDX": "nasdaq", "WTI": "wti", "VIX": "vix"}


class StrategyEngineSettings(ServiceSettings):
    service_name: ClassVar[str] = "strategy-engine"
    # on the tick-to-order path: the short fetch wait (5 ms instead of 100 ms)
    latency_critical: ClassVar[bool] = True

    order_manager_address: str = local_address("order-manager")
    order_timeout: float = Field(default=5.0, gt=0)
    # JSON list of deployments created at start (see DEFAULT_DEPLOYMENTS)
    default_deployments: str = DEFAULT_DEPLOYMENTS
    auto_start: bool = True
    # only bars of this timeframe drive strategies ("" = every bar)
    bar_timeframe: str = ""
    timer_interval: float = Field(default=1.0, gt=0)
    optimization_workers: int = Field(default=2, ge=1, le=64)
    max_stored_backtests: int = Field(default=200, ge=1)


class StrategyEngine:
    def __init__(self, svc: Service, settings: StrategyEngineSettings) -> None:
        self.svc = svc
        self.settings = settings
        self.meta: dict[str, dict[str, Any]] = {}
        self.runner = StrategyRunner(svc.clock, None, account_id="", record=False,
                                     on_state=self._on_state)
        self.transport = GrpcOrderTransport(
            self.runner, settings.order_manager_address,
            account_of=lambda sid: self.meta.get(sid, {}).get("account_id", "default"),
            timeout=settings.order_timeout, log=svc.log)
        self.runner.transport = self.transport
        self.runner.on_submit = self._on_submit
        self.backtests: dict[str, dict[str, Any]] = {}
        self.store = Path(settings.home) / "strategy-engine" / "backtests"
        self._jobs: set[asyncio.Task[Any]] = set()

    # -- library -------------------------------------------------------------------------

    def strategy_types(self) -> list[se.StrategyType]:
        get_strategy_class("sma_crossover")
        out = []
        for name, cls in sorted(REGISTRY.items()):
            specs = []
            for k, p in cls.params.items():
                ps = se.ParameterSpec(name=k, type=p.type, description=p.description,
                                      min=p.min if abs(p.min) < 1e300 else 0.0,
                                      max=p.max if abs(p.max) < 1e300 else 0.0)
                if p.default is not None:
                    ps.default_value.CopyFrom(params_to_proto({k: p.default})[0])
                specs.append(ps)
            out.append(se.StrategyType(strategy_type=name, description=cls.description,
                                       parameters=specs, inputs=list(cls.inputs)))
        return out

    # -- deployments ---------------------------------------------------------------------

    def _deployment(self, sid: str) -> se.Deployment:
        h = self.runner.get(sid)
        m = self.meta[sid]
        d = se.Deployment(strategy_id=sid, strategy_type=h.strategy_type,
                          account_id=m["account_id"], state=h.state,
                          reason=h.error or m.get("reason", ""),
                          parameters=params_to_proto(h.strategy.parameters),
                          created_at=ts_proto(m["created_at"]),
                          updated_at=ts_proto(m["updated_at"]))
        for i in h.instruments:
            d.instruments.add(value=i)
        d.capital.value = str(m["capital"])
        return d

    def _handle(self, sid: str) -> Any:
        try:
            return self.runner.get(sid)
        except KeyError:
            raise NotFound(f"no strategy deployment {sid!r}") from None

    def deploy_dict(self, spec: dict[str, Any]) -> se.Deployment:
        req = se.DeployStrategyRequest(strategy_type=spec["strategy_type"],
                                       account_id=spec.get("account_id", "paper"),
                                       strategy_id=spec.get("strategy_id", ""),
                                       parameters=params_to_proto(spec.get("parameters", {})))
        for i in spec.get("instruments", []):
            req.instruments.add(value=i)
        req.capital.value = str(spec.get("capital", "100000"))
        return self._deploy(req)

    async def deploy(self, req: se.DeployStrategyRequest) -> se.Deployment:
        return self._deploy(req)

    def _deploy(self, req: se.DeployStrategyRequest) -> se.Deployment:
        if not req.strategy_type:
            raise InvalidArgument("strategy_type is required")
        if not req.account_id:
            raise InvalidArgument("account_id is required")
        insts = [i.value for i in req.instruments if i.value]
        if not insts:
            raise InvalidArgument("at least one instrument is required")
        try:
            capital = float(req.capital.value or "100000")
        except ValueError:
            raise InvalidArgument(f"capital: not a number: {req.capital.value!r}") from None
        if not capital > 0:
            raise InvalidArgument("capital must be positive")
        sid = req.strategy_id or f"{req.strategy_type}-{new_id()[-8:]}"
        if sid in self.runner.handles:
            from omni_core.errors import AlreadyExists

            raise AlreadyExists(f"strategy id {sid!r} is already deployed")
        try:
            strat = get_strategy_class(req.strategy_type)(**params_from_proto(req.parameters))
            self.runner.add(strat, insts, strategy_id=sid, capital=capital, start=False)
        except StrategyError as exc:
            raise InvalidArgument(str(exc)) from None
        now = self.svc.clock.now()
        self.meta[sid] = {"account_id": req.account_id, "capital": req.capital.value or "100000",
                          "created_at": now, "updated_at": now}
        return self._deployment(sid)

    async def transition(self, sid: str, action: str, actor: str = "", reason: str = "",
                         **kw: Any) -> se.Deployment:
        h = self._handle(sid)
        try:
            if action == "start":
                if h.state == STOPPED or h.state == FAILED:
                    # a fresh instance with the same parameters (its state was lost)
                    self.runner.replace_strategy(sid, type(h.strategy)(**h.strategy.parameters))
                self.runner.start(sid, actor)
            elif action == "stop":
                self.runner.stop(sid, actor, reason, **kw)
            elif action == "pause":
                self.runner.pause(sid, actor, reason)
            elif action == "resume":
                self.runner.resume(sid, actor)
        except StrategyError as exc:
            raise FailedPrecondition(str(exc)) from None
        self.meta[sid]["updated_at"] = self.svc.clock.now()
        return self._deployment(sid)

    def update_params(self, sid: str, params: dict[str, Any]) -> se.Deployment:
        h = self._handle(sid)
        try:
            merged = {**h.strategy.parameters, **params}
            new = type(h.strategy)(**merged)
        except StrategyError as exc:
            raise InvalidArgument(str(exc)) from None
        if h.state in (RUNNING, PAUSED):
            raise FailedPrecondition("stop the strategy before changing its parameters")
        self.runner.replace_strategy(sid, new)
        self.meta[sid]["updated_at"] = self.svc.clock.now()
        return self._deployment(sid)

    def deployments(self, account_id: str, states: set[int]) -> list[se.Deployment]:
        out = []
        for sid, h in self.runner.handles.items():
            if account_id and self.meta[sid]["account_id"] != account_id:
                continue
            if states and h.state not in states:
                continue
            out.append(self._deployment(sid))
        return out

    def get(self, sid: str) -> tuple[se.Deployment, se.PerformanceStats]:
        h = self._handle(sid)
        last = self.runner.last_price
        equity = h.cash + sum(q * last.get(i, 0.0) for i, q in h.positions.items())
        stats = stats_to_proto({"total_return": equity / h.capital - 1.0,
                                "trades": h.n_fills}, f"{equity - h.capital:.8f}",
                               f"{h.fees:.8f}")
        return self._deployment(sid), stats

    def _on_state(self, h: Any, prev: int, new: int, actor: str, reason: str) -> None:
        m = self.meta.get(h.strategy_id)
        account = m["account_id"] if m else "default"
        if new == FAILED:
            self.svc.log.error("strategy failed", strategy_id=h.strategy_id, error=reason)
        ev = see.StrategyStateChanged(account_id=account, strategy_id=h.strategy_id,
                                      previous_state=prev, state=new, actor=actor,
                                      reason=reason, event_time=ts_proto(self.svc.clock.now()))
        if self.svc.bus is not None:
            try:
                self.svc.publish_nowait(ORDERS, account, ev)
            except Exception as exc:  # noqa: BLE001  (the bus not running yet)
                self.svc.log.warning("state change not published", error=str(exc))

    def _on_submit(self, h: Any, o: Any) -> None:
        """The intent behind an order, on trading-signals (key: instrument id); the order
        carries the signal id in its tags."""
        m = self.meta.get(h.strategy_id, {})
        target = h.positions.get(o.instrument, 0.0) + h.pending.get(o.instrument, 0.0)
        ev = see.StrategySignal(signal_id=o.order_id, strategy_id=h.strategy_id,
                                account_id=m.get("account_id", ""),
                                side=ct.SIDE_BUY if o.side > 0 else ct.SIDE_SELL,
                                target_quantity=target, strength=1.0,
                                reason=o.tag or h.strategy_type,
                                event_time=ts_proto(self.svc.clock.now()))
        ev.instrument_id.value = o.instrument
        o.tag = o.tag or o.order_id
        self.svc.publish_nowait("trading-signals", o.instrument, ev)

    # -- backtests -----------------------------------------------------------------------

    def _data_for(self, cfg: se.BacktestConfig) -> Any:
        from svc_strategy_engine.data import load_data

        insts = [i.value for i in cfg.instruments if i.value]
        src = cfg.data_source
        if not src:
            if insts and all(i in _BUILTIN_BY_ID for i in insts):
                src = ",".join(_BUILTIN_BY_ID[i] for i in insts)
            else:
                src = "sim"
        start = cfg.period.start.ToDatetime(UTC) if cfg.period.HasField("start") else None
        end = cfg.period.end.ToDatetime(UTC) if cfg.period.HasField("end") else None
        return load_data(src, instruments=insts or None, start=start, end=end,
                         n_bars=cfg.bars or None, seed=cfg.seed or 7)

    def _fill_model(self, cfg: se.BacktestConfig) -> Any:
        from svc_strategy_engine.venue import FillModel

        return FillModel(fee_bps=cfg.fee_bps, slippage_bps=cfg.slippage_bps,
                         spread_bps=cfg.spread_bps or 2.0, seed=cfg.seed)

    def _validate_config(self, cfg: se.BacktestConfig) -> tuple[Any, dict[str, Any], float]:
        try:
            cls = get_strategy_class(cfg.strategy_type)
            params = cls.validate_params(params_from_proto(cfg.parameters))
        except StrategyError as exc:
            raise InvalidArgument(str(exc)) from None
        try:
            capital = float(cfg.initial_capital.value or "1000000")
        except ValueError:
            raise InvalidArgument("initial_capital: not a number") from None
        if not capital > 0:
            raise InvalidArgument("initial_capital must be positive")
        if cfg.fee_bps < 0 or cfg.slippage_bps < 0:
            raise InvalidArgument("fee_bps and slippage_bps must not be negative")
        return cls, params, capital

    def _run_backtest_sync(self, bid: str, cfg: se.BacktestConfig) -> None:
        from svc_strategy_engine.backtest import run_backtest

        rec = self.backtests[bid]
        rec["status"] = se.JOB_STATUS_RUNNING
        try:
            _, params, capital = self._validate_config(cfg)
            data = self._data_for(cfg)
            r = run_backtest(cfg.strategy_type, data, params, capital=capital,
                             fill=self._fill_model(cfg))
            rec["result"] = r.to_json()
            rec["status"] = se.JOB_STATUS_FAILED if r.error else se.JOB_STATUS_SUCCEEDED
            rec["error"] = r.error
        except Exception as exc:  # noqa: BLE001  (a job's failure is its result)
            rec["status"] = se.JOB_STATUS_FAILED
            rec["error"] = f"{type(exc).__name__}: {exc}" if not isinstance(
                exc, (StrategyError, InvalidArgument)) else str(exc)
        rec["completed_at"] = datetime.now(UTC)
        self._persist(bid)

    def _persist(self, bid: str) -> None:
        rec = self.backtests[bid]
        try:
            self.store.mkdir(parents=True, exist_ok=True)
            data = {k: v for k, v in rec.items() if k != "config"}
            data["config"] = json_format.MessageToDict(rec["config"])
            (self.store / f"{bid}.json").write_text(json.dumps(data, default=str))
        except OSError as exc:
            self.svc.log.warning("backtest not persisted", backtest_id=bid, error=str(exc))
        while len(self.backtests) > self.settings.max_stored_backtests:
            self.backtests.pop(next(iter(self.backtests)))

    def load_stored(self) -> int:
        n = 0
        if not self.store.exists():
            return 0
        for p in sorted(self.store.glob("*.json"))[-self.settings.max_stored_backtests:]:
            try:
                d = json.loads(p.read_text())
                cfg = json_format.ParseDict(d.pop("config"), se.BacktestConfig())
                d["config"] = cfg
                for k in ("created_at", "completed_at"):
                    if d.get(k):
                        d[k] = datetime.fromisoformat(d[k])
                self.backtests[d["backtest_id"]] = d
                n += 1
            except (OSError, ValueError, KeyError):
                continue
        return n

    def _backtest_proto(self, bid: str, curve: bool = True) -> se.Backtest:
        rec = self.backtests[bid]
        bt = se.Backtest(backtest_id=bid, config=rec["config"], status=rec["status"],
                         error=rec.get("error", ""), created_at=ts_proto(rec["created_at"]))
        if rec.get("completed_at"):
            bt.completed_at.CopyFrom(ts_proto(rec["completed_at"]))
        res = rec.get("result")
        if res:
            bt.stats.CopyFrom(stats_to_proto(res["stats"], res["net_pnl"], res["fees"]))
            if curve:
                for t, v in res.get("equity_curve", []):
                    pt = bt.equity_curve.add(value=v)
                    pt.time.FromDatetime(datetime.fromisoformat(t))
        return bt

    async def run_backtest(self, cfg: se.BacktestConfig, wait: bool) -> se.Backtest:
        self._validate_config(cfg)  # bad input is INVALID_ARGUMENT before a job exists
        bid = new_id()
        self.backtests[bid] = {"backtest_id": bid, "config": cfg,
                               "status": se.JOB_STATUS_QUEUED, "error": "",
                               "created_at": datetime.now(UTC), "completed_at": None,
                               "result": None}
        task = asyncio.get_running_loop().create_task(self._job(bid, cfg))
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)
        if wait:
            await task
        return self._backtest_proto(bid)

    async def _job(self, bid: str, cfg: se.BacktestConfig) -> None:
        await asyncio.to_thread(self._run_backtest_sync, bid, cfg)
        rec = self.backtests.get(bid)
        if rec is None or self.svc.bus is None or not self.svc.ready:
            return
        res = rec.get("result") or {}
        ev = see.BacktestCompleted(backtest_id=bid, status=rec["status"],
                                   event_time=ts_proto(datetime.now(UTC)))
        if res:
            ev.stats.CopyFrom(stats_to_proto(res["stats"], res["net_pnl"], res["fees"]))
        self.svc.publish_nowait(ORDERS, bid, ev)

    def get_backtest(self, bid: str, include_trades: bool) -> tuple[se.Backtest, list[Any]]:
        if bid not in self.backtests:
            raise NotFound(f"no backtest {bid!r}")
        bt = self._backtest_proto(bid)
        trades = []
        res = self.backtests[bid].get("result")
        if include_trades and res:
            for t in res["trades"]:
                tr = se.BacktestTrade(side=ct.SIDE_BUY if t["side"] == "BUY" else ct.SIDE_SELL,
                                      quantity=t["quantity"], price=t["price"])
                tr.instrument_id.value = t["instrument"]
                tr.fee.value = repr(t["fee"])
                tr.executed_at.FromDatetime(datetime.fromisoformat(t["time"]))
                trades.append(tr)
        return bt, trades

    def list_backtests(self, strategy_type: str, statuses: set[int]) -> list[se.Backtest]:
        out = []
        for bid, rec in self.backtests.items():
            if strategy_type and rec["config"].strategy_type != strategy_type:
                continue
            if statuses and rec["status"] not in statuses:
                continue
            out.append(self._backtest_proto(bid, curve=False))
        return out

    @staticmethod
    def _space(ranges: Any) -> dict[str, Any]:
        space: dict[str, Any] = {}
        for r in ranges:
            if not r.name:
                raise InvalidArgument("search_space: every range needs a name")
            if r.values:
                space[r.name] = [getattr(v, v.WhichOneof("value")) for v in r.values
                                 if v.WhichOneof("value")]
            elif r.max > r.min:
                space[r.name] = (r.min, r.max, r.step) if r.step else (r.min, r.max)
            else:
                raise InvalidArgument(f"search_space {r.name!r}: give values or min < max")
        if not space:
            raise InvalidArgument("search_space is empty")
        return space

    async def run_optimization(self, req: se.RunOptimizationRequest
                               ) -> se.RunOptimizationResponse:
        from svc_strategy_engine.optimize import optimize

        cfg = req.config
        _, params, capital = self._validate_config(cfg)
        space = self._space(req.search_space)
        method = "random" if req.method == se.SEARCH_METHOD_RANDOM else "grid"
        job = new_id()
        try:
            data = self._data_for(cfg)
            res = await asyncio.to_thread(
                optimize, cfg.strategy_type, data, space, method=method,
                max_trials=req.max_trials or 20, objective=req.objective or "sharpe_ratio",
                seed=cfg.seed, base=params, capital=capital, fill=self._fill_model(cfg),
                workers=self.settings.optimization_workers)
        except StrategyError as exc:
            raise InvalidArgument(str(exc)) from None
        out = se.RunOptimizationResponse(job_id=job, status=se.JOB_STATUS_SUCCEEDED)
        for t in res["trials"]:
            if "error" in t:
                continue
            out.trials.add(parameters=params_to_proto(t["params"]),
                           stats=stats_to_proto(t["stats"]), objective_value=t["objective"])
        b = res["best"]
        out.best.CopyFrom(se.OptimizationTrial(parameters=params_to_proto(b["params"]),
                                               stats=stats_to_proto(b["stats"]),
                                               objective_value=b["objective"]))
        return out

    async def run_walk_forward(self, req: se.RunWalkForwardRequest
                               ) -> se.RunWalkForwardResponse:
        from svc_strategy_engine.optimize import walk_forward

        cfg = req.config
        _, params, capital = self._validate_config(cfg)
        space = self._space(req.search_space)
        if req.in_sample_days <= 1 or req.out_of_sample_days <= 1:
            raise InvalidArgument("in_sample_days and out_of_sample_days must be > 1")
        try:
            data = self._data_for(cfg)
            wf = await asyncio.to_thread(
                walk_forward, cfg.strategy_type, data, space, in_sample=req.in_sample_days,
                out_of_sample=req.out_of_sample_days, anchored=req.anchored,
                objective=req.objective or "sharpe_ratio", base=params, capital=capital,
                fill=self._fill_model(cfg), workers=self.settings.optimization_workers)
        except StrategyError as exc:
            raise InvalidArgument(str(exc)) from None
        out = se.RunWalkForwardResponse(job_id=new_id(), status=se.JOB_STATUS_SUCCEEDED,
                                        out_of_sample_stats=stats_to_proto(wf.oos_stats),
                                        walk_forward_efficiency=wf.efficiency)
        for w in wf.windows:
            ww = out.windows.add(best_parameters=params_to_proto(w.best_params),
                                 in_sample_stats=stats_to_proto(w.is_stats),
                                 out_of_sample_stats=stats_to_proto(w.oos_stats))
            for rng, a, b in ((ww.in_sample, w.ts[0], w.ts[1]),
                              (ww.out_of_sample, w.ts[2], w.ts[3])):
                rng.start.FromDatetime(datetime.fromisoformat(a))
                rng.end.FromDatetime(datetime.fromisoformat(b))
        return out


def build(settings: StrategyEngineSettings | None = None, *, clock: Clock | None = None,
          topics: dict[str, str] | None = None,
          bus_overrides: dict[str, Any] | None = None) -> Service:
    settings = settings or StrategyEngineSettings()
    # Bars and reports are idempotent for the runner by content (the state machine ignores
    # duplicate fills by id); the in-memory dedupe is enough, no database write per bar.
    svc = Service(settings, clock=clock, topics=topics, bus_overrides=bus_overrides,
                  uses_database=False, durable_dedupe=False)
    engine = StrategyEngine(svc, settings)
    svc.add_servicer(add_to_server, StrategyEngineServicer(engine), FULL_NAME)
    svc.strategy_engine = engine  # type: ignore[attr-defined]
    runner = engine.runner
    tf = settings.bar_timeframe

    try:
        specs = json.loads(settings.default_deployments or "[]")
    except ValueError as exc:
        raise ValueError(f"OMNI_DEFAULT_DEPLOYMENTS: not JSON: {exc}") from None
    for spec in specs:
        engine.deploy_dict(spec)

    @svc.on_start
    async def _start() -> None:
        engine.load_stored()
        engine.transport.start()

    @svc.on_ready
    async def _ready() -> None:
        # started once the bus runs, so StrategyStateChanged(RUNNING) is published
        if settings.auto_start:
            for sid, h in list(runner.handles.items()):
                if h.state == DEPLOYED:
                    runner.start(sid, "strategy-engine")

    @svc.on_stop
    async def _stop() -> None:
        for sid, h in list(runner.handles.items()):
            if h.state in (RUNNING, PAUSED):
                runner.stop(sid, "strategy-engine", "service stopping", cancel_orders=False)
        await engine.transport.close()

    @svc.on_event("market-data-stream", mde.Bar)
    async def on_bar(event: mde.Bar, ctx: Any) -> None:
        if tf and event.timeframe != tf:
            return
        runner.on_bar(bar_from_proto(event))

    @svc.on_event("market-data-stream", mde.Quote)
    async def on_quote(event: mde.Quote, ctx: Any) -> None:
        runner.on_quote(quote_from_proto(event))

    @svc.on_event("trading-signals", sge.IndicatorSignal)
    async def on_indicator(event: Any, ctx: Any) -> None:
        runner.on_signal(signal_from_proto(event))

    @svc.on_event("trading-signals", sge.ScoredSignal)
    async def on_scored(event: Any, ctx: Any) -> None:
        runner.on_signal(signal_from_proto(event))

    @svc.on_event(ORDERS, ome.ExecutionReport)
    async def on_report(event: ome.ExecutionReport, ctx: Any) -> None:
        runner.on_execution(report_from_proto(event))

    @svc.every(settings.timer_interval, name="strategy-timers")
    async def timers() -> None:
        runner.on_timer(int(svc.clock.time() * 1e9))

    return svc
