"""The portfolio manager's state and use cases: the book and its persistence, fills and marks
in, events out (coalesced), optimisation, rebalancing, tax-loss harvesting, attribution and
corporate actions. The gRPC servicer and the Kafka handlers are thin layers over this.

Publishing: a fill publishes PositionUpdated (with the fill id), TaxLotClosed per closed lot
and CashUpdated at once; P&L and NAV, and everything a price move changes, are coalesced:
accounts are marked dirty and `flush` (every ``publish_interval`` seconds) publishes one
PositionUpdated per changed position, one PnlUpdated and one NavSnapshot per dirty account,
so a busy market produces at most one update per account per interval.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.portfolio_manager.v1 import events_pb2 as ev
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb
from omni_core.errors import FailedPrecondition, InvalidArgument, Unavailable
from omni_core.ids import new_id
from omni_core.logging import get_logger
from omni_quant import optimize as opt
from sqlalchemy.exc import IntegrityError

from svc_portfolio_manager import convert as cv
from svc_portfolio_manager.accounting import (
    ZERO,
    Account,
    Book,
    Fill,
    FillResult,
    LotMethod,
    Side,
    dec,
)
from svc_portfolio_manager.attribution import brinson_fachler, factor_attribution
from svc_portfolio_manager.rebalance import (
    PlannedTrade,
    estimate_realized,
    max_drift,
    plan_rebalance,
    rebalance_due,
)
from svc_portfolio_manager.repository import PortfolioRepository
from svc_portfolio_manager.tax import after_tax_return, harvest_candidates

__all__ = ["PortfolioCore", "OrderSubmitter"]

Publish = Callable[[str, Any], Awaitable[Any]]
OrderSubmitter = Callable[[om.SubmitOrderRequest], Awaitable[om.SubmitOrderResponse]]

METHODS = {
    pb.OPTIMIZATION_METHOD_MEAN_VARIANCE: "mean_variance",
    pb.OPTIMIZATION_METHOD_BLACK_LITTERMAN: "black_litterman",
    pb.OPTIMIZATION_METHOD_RISK_PARITY: "risk_parity",
    pb.OPTIMIZATION_METHOD_HRP: "hrp",
}
TARGETS = {
    pb.OPTIMIZATION_TARGET_UNSPECIFIED: "min_variance",
    pb.OPTIMIZATION_TARGET_MIN_VARIANCE: "min_variance",
    pb.OPTIMIZATION_TARGET_MAX_SHARPE: "max_sharpe",
    pb.OPTIMIZATION_TARGET_EFFICIENT_RISK: "efficient_risk",
    pb.OPTIMIZATION_TARGET_EFFICIENT_RETURN: "efficient_return",
}
ESTIMATORS = {
    pb.COVARIANCE_ESTIMATOR_UNSPECIFIED: "sample",
    pb.COVARIANCE_ESTIMATOR_SAMPLE: "sample",
    pb.COVARIANCE_ESTIMATOR_LEDOIT_WOLF: "ledoit_wolf",
    pb.COVARIANCE_ESTIMATOR_EXPONENTIAL: "exponential",
}


def _opt_error(exc: opt.OptimizationError) -> Exception:
    if isinstance(exc, opt.Infeasible):
        return FailedPrecondition(str(exc))
    return InvalidArgument(str(exc))


@dataclass(slots=True)
class Standing:
    account_id: str
    strategy_id: str
    targets: dict[str, float]
    drift_threshold: float
    last: datetime | None


class PortfolioCore:
    def __init__(
        self,
        book: Book,
        repo: PortfolioRepository,
        publish: Publish,
        *,
        now: Callable[[], datetime] | None = None,
        submit_order: OrderSubmitter | None = None,
        lot_sizes: Mapping[str, float] | None = None,
        default_lot_size: float = 1.0,
        replacements: Mapping[str, str] | None = None,
        sectors: Mapping[str, str] | None = None,
        transaction_cost_bps: float = 0.0,
        nav_interval: float = 60.0,
        rebalance_interval: float = 0.0,
        rebalance_cooldown: float = 300.0,
        history_max: int = 1000,
        history_timeframe: str = "1d",
    ) -> None:
        self.book = book
        self.repo = repo
        self._publish = publish
        self.now = now or (lambda: datetime.now(UTC))
        self.submit_order = submit_order
        self.lot_sizes = {k: dec(float(v)) for k, v in (lot_sizes or {}).items()}
        self.default_lot = dec(float(default_lot_size))
        self.replacements = dict(replacements or {})
        self.sectors = dict(sectors or {})
        self.cost_bps = transaction_cost_bps
        self.nav_interval = nav_interval
        self.rebalance_interval = rebalance_interval
        self.rebalance_cooldown = rebalance_cooldown
        self.history_timeframe = history_timeframe
        self.lock = asyncio.Lock()
        self.prices: dict[str, Decimal] = {}
        self.history: dict[str, collections.deque[float]] = collections.defaultdict(
            lambda: collections.deque(maxlen=history_max + 1)
        )
        self.dirty: dict[str, set[str]] = {}
        self.last_nav: dict[str, datetime] = {}
        self.optimizations: collections.OrderedDict[str, dict[str, float]] = (
            collections.OrderedDict()
        )
        self.standing: dict[tuple[str, str], Standing] = {}
        self._splits_priced: set[str] = set()
        self.log = get_logger("svc_portfolio_manager")

    # ---- state ---------------------------------------------------------------------------

    async def load(self) -> None:
        n = await self.repo.load(self.book)
        for row in await self.repo.load_targets():
            self.standing[(row["account_id"], row["strategy_id"])] = Standing(
                row["account_id"],
                row["strategy_id"],
                row["targets"],
                row["drift_threshold"],
                row["last"],
            )
        for acc in self.book.accounts.values():
            for inst, pos in acc.positions.items():
                if pos.mark is not None:
                    self.prices.setdefault(inst, pos.mark)
        self.log.info("book loaded", accounts=n, standing_targets=len(self.standing))

    def account(self, account_id: str) -> Account:
        return self.book.account(account_id, create=False)

    async def _mutate(self, account_id: str, fn: Callable[[], Any]) -> Any:
        """Apply `fn` to the book and persist what it changed, atomically: if the write
        fails the account is restored and the error propagates."""
        async with self.lock:
            snap = self.book.snapshot(account_id)
            try:
                result = fn()
                await self.repo.save(self.book, self.book.drain_changes())
            except BaseException:
                self.book.restore(account_id, snap)
                raise
            return result

    async def publish(self, account_id: str, events: Iterable[Any]) -> None:
        """Publish the events together: each is queued before any acknowledgement is awaited
        (gather starts the tasks in order, and a publish queues before its first await), so
        they keep their order and reach the broker as one batch rather than one each."""
        results = await asyncio.gather(
            *(self._publish(account_id, e) for e in events), return_exceptions=True
        )
        for r in results:
            if isinstance(r, Exception):  # state is committed; the next update supersedes
                self.log.warning("publish failed", account=account_id, error=repr(r))

    def _dirty(self, account_id: str, instrument: str | None = None) -> None:
        s = self.dirty.setdefault(account_id, set())
        if instrument:
            s.add(instrument)

    # ---- fills and marks -----------------------------------------------------------------

    async def apply_fill(self, fill: Fill) -> FillResult | None:
        try:
            res: FillResult | None = await self._mutate(
                fill.account_id, lambda: self.book.apply_fill(fill)
            )
        except IntegrityError:
            # a fill id older than the book remembers: the store's primary key caught it
            # (the account was restored by _mutate)
            self.log.info("duplicate fill ignored", fill_id=fill.fill_id)
            return None
        if res is None:
            return None
        now = self.now()
        acc = res.account
        events: list[Any] = [
            ev.PositionUpdated(
                account_id=acc.account_id,
                position=cv.position_pb(res.position, acc.nav, acc.base_currency),
                fill_id=fill.fill_id,
                event_time=cv.ts(fill.executed_at),
            )
        ]
        mark = res.position.mark
        for c in res.closes:
            lot = next((x for x in res.position.lots if x.lot_id == c.lot_id), None)
            lot_msg = cv.lot_pb(lot, mark, now) if lot is not None else cv.closed_lot_pb(c)
            events.append(
                ev.TaxLotClosed(
                    account_id=acc.account_id,
                    lot=lot_msg,
                    closed_quantity=float(c.quantity),
                    realized_pnl=cv.D(c.realized),
                    fill_id=fill.fill_id,
                    event_time=cv.ts(c.closed_at),
                )
            )
        events.append(
            ev.CashUpdated(
                account_id=acc.account_id,
                balance=cv.cash_pb(acc),
                reason=f"fill {fill.fill_id}",
                event_time=cv.ts(now),
            )
        )
        if fill.instrument not in self.prices:
            self.prices[fill.instrument] = fill.price
        self._dirty(acc.account_id)
        await self.publish(acc.account_id, events)
        return res

    def on_price(self, instrument: str, price: float, at: datetime) -> None:
        if not instrument or not (price > 0) or price != price or price == float("inf"):
            return
        d = Decimal(repr(price))
        self.prices[instrument] = d
        for pos in self.book.mark(instrument, d, at):
            self._dirty(pos.account_id, instrument)

    def on_bar(self, instrument: str, timeframe: str, close: float, at: datetime) -> None:
        if timeframe == self.history_timeframe and close > 0:
            self.history[instrument].append(close)
        self.on_price(instrument, close, at)

    async def flush(self) -> int:
        """Publish the coalesced updates of every dirty account; returns how many."""
        if not self.dirty:
            return 0
        now = self.now()
        dirty, self.dirty = self.dirty, {}
        batches: list[tuple[str, list[Any]]] = []
        async with self.lock:
            for account_id, instruments in dirty.items():
                acc = self.book.accounts.get(account_id)
                if acc is None:
                    continue
                nav = acc.nav
                events: list[Any] = []
                for inst in sorted(instruments):
                    pos = acc.positions.get(inst)
                    if pos is None:
                        continue
                    self.book.changes.positions.add((account_id, inst))
                    events.append(
                        ev.PositionUpdated(
                            account_id=account_id,
                            position=cv.position_pb(pos, nav, acc.base_currency),
                            event_time=cv.ts(now),
                        )
                    )
                events.append(
                    ev.PnlUpdated(
                        account_id=account_id, pnl=cv.pnl_pb(acc, now), event_time=cv.ts(now)
                    )
                )
                events.append(
                    ev.NavSnapshot(
                        account_id=account_id,
                        nav=cv.D(nav),
                        cash=cv.D(acc.cash),
                        gross_exposure=cv.D(acc.gross_exposure),
                        net_exposure=cv.D(acc.net_exposure),
                        base_currency=acc.base_currency,
                        event_time=cv.ts(now),
                    )
                )
                batches.append((account_id, events))
            try:  # marks, so a restart values positions where they were
                await self.repo.save(self.book, self.book.drain_changes())
            except Exception as exc:
                self.log.warning("saving marks failed", error=repr(exc))
        for account_id, events in batches:
            await self.publish(account_id, events)
            last = self.last_nav.get(account_id)
            if last is None or (now - last).total_seconds() >= self.nav_interval:
                self.last_nav[account_id] = now
                acc = self.book.accounts[account_id]
                try:
                    await self.repo.record_nav(account_id, now, acc.nav)
                except Exception as exc:
                    self.log.warning("nav history write failed", error=repr(exc))
        return len(batches)

    # ---- cash, lot method, lots, corporate actions ---------------------------------------

    async def adjust_cash(
        self, account_id: str, amount: Decimal, currency: str, reason: str, reference_id: str
    ) -> Account:
        if not account_id:
            raise InvalidArgument("account_id is required")
        base = (
            self.book.accounts[account_id].base_currency
            if account_id in self.book.accounts
            else self.book.base_currency
        )
        if currency and currency != base:
            raise InvalidArgument(
                f"amount currency {currency} is not the account's base "
                f"currency {base} (no FX conversion here)"
            )
        now = self.now()
        entry = await self._mutate(
            account_id, lambda: self.book.adjust_cash(account_id, amount, reason, reference_id, now)
        )
        acc = self.account(account_id)
        if entry is not None:
            self._dirty(account_id)
            await self.publish(
                account_id,
                [
                    ev.CashUpdated(
                        account_id=account_id,
                        balance=cv.cash_pb(acc),
                        reason=entry.reason,
                        event_time=cv.ts(now),
                    )
                ],
            )
        return acc

    async def set_lot_method(self, account_id: str, method: LotMethod) -> LotMethod:
        return await self._mutate(account_id, lambda: self.book.set_lot_method(account_id, method))

    async def designate_lots(self, account_id: str, coid: str, lot_ids: list[str]) -> list[str]:
        return await self._mutate(
            account_id, lambda: self.book.designate_lots(account_id, coid, lot_ids)
        )

    async def corporate_action(
        self, action: pb.CorporateAction, account_id: str
    ) -> pb.ApplyCorporateActionResponse:
        if not action.action_id:
            raise InvalidArgument("action.action_id is required (the idempotency key)")
        instrument = action.instrument_id.value
        if not instrument:
            raise InvalidArgument("action.instrument_id is required")
        at = cv.from_ts(action.ex_date) or self.now()
        if action.type == pb.CORPORATE_ACTION_TYPE_SPLIT:
            if not action.split_ratio > 0:
                raise InvalidArgument("split_ratio must be positive")
            ratio = dec(action.split_ratio)
        elif action.type == pb.CORPORATE_ACTION_TYPE_CASH_DIVIDEND:
            per_share = cv.from_d(action.dividend_per_share.amount, "dividend_per_share")
            if per_share <= 0:
                raise InvalidArgument("dividend_per_share must be positive")
        else:
            raise InvalidArgument("action.type must be SPLIT or CASH_DIVIDEND")
        accounts = [account_id] if account_id else self.book.holders(instrument)
        resp = pb.ApplyCorporateActionResponse()
        credited = ZERO
        for a in accounts:
            if action.type == pb.CORPORATE_ACTION_TYPE_SPLIT:
                res = await self._mutate(
                    a, lambda a=a: self.book.split(a, action.action_id, instrument, ratio, at)
                )
            else:
                res = await self._mutate(
                    a,
                    lambda a=a: self.book.cash_dividend(
                        a, action.action_id, instrument, per_share, at
                    ),
                )
            if res is None:
                continue  # already applied
            resp.accounts_affected += 1
            pos_msg = cv.position_pb(res.position, res.account.nav, res.account.base_currency)
            resp.positions.append(pos_msg)
            events: list[Any] = [
                ev.CorporateActionApplied(
                    account_id=a, action=action, position=pos_msg, event_time=cv.ts(at)
                ),
                ev.PositionUpdated(account_id=a, position=pos_msg, event_time=cv.ts(at)),
            ]
            if res.cash is not None:
                credited += res.cash.amount
                events.append(
                    ev.CashUpdated(
                        account_id=a,
                        balance=cv.cash_pb(res.account),
                        reason=f"dividend {action.action_id}",
                        event_time=cv.ts(at),
                    )
                )
            self._dirty(a)
            await self.publish(a, events)
        if (
            action.type == pb.CORPORATE_ACTION_TYPE_SPLIT
            and instrument in self.prices
            and action.action_id not in self._splits_priced
        ):
            # last prices and the bar history are pre-split until the feed says otherwise
            self._splits_priced.add(action.action_id)
            self.prices[instrument] /= ratio
            h = self.history.get(instrument)
            if h:
                r = float(ratio)
                self.history[instrument] = collections.deque((x / r for x in h), maxlen=h.maxlen)
        resp.cash_credited.CopyFrom(cv.D(credited))
        return resp

    # ---- optimisation --------------------------------------------------------------------

    def _returns(self, req: pb.OptimizeRequest) -> pd.DataFrame:
        universe = [i.value for i in req.universe]
        if len(set(universe)) != len(universe):
            raise InvalidArgument("universe lists an instrument twice")
        if req.returns:
            cols: dict[str, list[float]] = {}
            for series in req.returns:
                name = series.instrument_id.value
                if not name:
                    raise InvalidArgument("a return series has no instrument id")
                if name in cols:
                    raise InvalidArgument(f"two return series for {name}")
                cols[name] = list(series.returns)
            lengths = {len(v) for v in cols.values()}
            if len(lengths) > 1:
                raise InvalidArgument(f"return series have different lengths {sorted(lengths)}")
            if not universe:
                universe = list(cols)
            missing = [u for u in universe if u not in cols]
            if missing:
                raise InvalidArgument(f"no return series for {missing[:10]}")
            df = pd.DataFrame({u: cols[u] for u in universe})
        else:
            if not universe:
                raise InvalidArgument("universe is empty and no return series were given")
            missing = [u for u in universe if len(self.history.get(u, ())) < 3]
            if missing:
                raise FailedPrecondition(
                    f"no {self.history_timeframe} price history for {missing[:10]}: pass "
                    "return series in the request"
                )
            n = min(len(self.history[u]) for u in universe)
            df = pd.DataFrame(
                {
                    u: np.diff(np.asarray(self.history[u])[-n:])
                    / np.asarray(self.history[u])[-n:-1]
                    for u in universe
                }
            )
        if req.lookback_days > 0:
            df = df.tail(req.lookback_days)
        if df.empty:
            raise InvalidArgument("return series are empty")
        return df

    def _constraints(
        self, req: pb.OptimizeRequest, assets: list[str], current: dict[str, float]
    ) -> opt.Constraints:
        c = req.constraints
        bounds = {}
        for b in c.bounds:
            if b.min_weight > b.max_weight:
                raise InvalidArgument(f"bound of {b.instrument_id.value}: min > max")
            bounds[b.instrument_id.value] = (b.min_weight, b.max_weight)
        caps = [
            opt.SectorCap(s.sector, s.max_weight, tuple(m.value for m in s.members))
            for s in c.sector_caps
        ]
        long_only = c.long_only or not req.HasField("constraints")
        return opt.Constraints(
            long_only=long_only,
            min_weight=c.min_weight if c.min_weight else None,
            max_weight=c.max_weight if c.max_weight else None,
            bounds=bounds,
            sector_caps=caps,
            max_turnover=c.max_turnover or None,
            transaction_cost_bps=c.transaction_cost_bps or 0.0,
            budget=c.budget or 1.0,
            current_weights=current,
        )

    def _optimize_sync(
        self, req: pb.OptimizeRequest, current: dict[str, float]
    ) -> pb.OptimizeResponse:
        method = METHODS.get(req.method)
        if method is None:
            raise InvalidArgument(
                "method is required (MEAN_VARIANCE, BLACK_LITTERMAN, RISK_PARITY or HRP)"
            )
        target = TARGETS.get(req.target)
        if target is None:
            raise InvalidArgument(f"unknown target {req.target}")
        ppy = req.periods_per_year or 252
        try:
            returns = self._returns(req)
            assets = list(returns.columns)
            mu, cov, note = opt.estimate(
                returns, ESTIMATORS.get(req.covariance_estimator, "sample"), periods_per_year=ppy
            )
            if req.expected_returns:
                unknown = sorted(set(req.expected_returns) - set(assets))
                if unknown:
                    raise InvalidArgument(
                        f"expected returns for assets outside the universe: {unknown[:10]}"
                    )
                mu = mu.copy()
                for k, v in req.expected_returns.items():
                    mu[k] = v
            cons = self._constraints(req, assets, current)
            posterior = None
            if method == "mean_variance":
                res = opt.mean_variance(
                    mu,
                    cov,
                    target,
                    target_volatility=req.target_volatility or None,
                    target_return=req.target_return if target == "efficient_return" else None,
                    risk_free_rate=req.risk_free_rate,
                    constraints=cons,
                    frontier_points=req.frontier_points,
                )
            elif method == "black_litterman":
                views = [
                    opt.View(
                        tuple(a.value for a in v.long_assets),
                        v.expected_return,
                        tuple(a.value for a in v.short_assets),
                        v.confidence,
                    )
                    for v in req.views
                ]
                res = opt.black_litterman(
                    cov,
                    views,
                    market_caps=dict(req.market_caps) or None,
                    risk_aversion=req.risk_aversion or 2.5,
                    tau=req.tau or 0.05,
                    risk_free_rate=req.risk_free_rate,
                    target=target if req.target else "max_sharpe",
                    target_volatility=req.target_volatility or None,
                    target_return=req.target_return if target == "efficient_return" else None,
                    constraints=cons,
                )
                posterior = res.posterior_returns
            elif method == "risk_parity":
                res = opt.risk_parity(
                    cov, mu=mu, risk_free_rate=req.risk_free_rate, budget=cons.budget
                )
            else:
                res = opt.hrp(
                    cov, req.linkage or "single", mu=mu, risk_free_rate=req.risk_free_rate
                )
        except opt.OptimizationError as exc:
            raise _opt_error(exc) from None
        w0 = np.array([current.get(a, 0.0) for a in assets])
        turnover = float(0.5 * np.abs(res.weights.to_numpy() - w0).sum())
        oid = new_id()
        weights = {a: float(res.weights[a]) for a in assets}
        self.optimizations[oid] = weights
        while len(self.optimizations) > 256:
            self.optimizations.popitem(last=False)
        resp = pb.OptimizeResponse(
            weights=[
                pb.TargetWeight(
                    instrument_id=cv.inst(a),
                    weight=weights[a],
                    current_weight=current.get(a, 0.0),
                    risk_contribution=float(res.risk_contributions[a]),
                )
                for a in assets
            ],
            expected_return=_finite(res.expected_return),
            expected_volatility=res.volatility,
            sharpe_ratio=_finite(res.sharpe),
            turnover=turnover,
            optimization_id=oid,
            frontier=[pb.FrontierPoint(expected_return=r, volatility=v) for r, v in res.frontier],
            note=f"{res.method}; {note}; {res.status}",
        )
        if posterior is not None:
            resp.posterior_returns.update({a: float(posterior[a]) for a in assets})
        return resp

    async def optimize(self, req: pb.OptimizeRequest) -> pb.OptimizeResponse:
        current = dict(req.current_weights)
        if not current and req.account_id and req.account_id in self.book.accounts:
            # the account's holdings outside the universe are not part of the problem: they
            # neither count towards turnover nor block it
            universe = {i.value for i in req.universe} | {
                r.instrument_id.value for r in req.returns
            }
            current = {
                k: v
                for k, v in self.book.accounts[req.account_id].weights().items()
                if k in universe
            }
        return await asyncio.to_thread(self._optimize_sync, req, current)

    # ---- rebalancing ---------------------------------------------------------------------

    async def rebalance(
        self,
        account_id: str,
        strategy_id: str,
        targets: dict[str, float],
        *,
        drift_threshold: float = 0.0,
        min_notional: Decimal = ZERO,
        dry_run: bool = True,
        lot_method: LotMethod | None = None,
        lot_sizes: Mapping[str, float] | None = None,
    ) -> tuple[str, list[PlannedTrade], Decimal, list[str]]:
        acc = self.account(account_id)
        sizes = dict(self.lot_sizes)
        for k, v in (lot_sizes or {}).items():
            if not v > 0:
                raise InvalidArgument(f"lot size of {k} must be positive")
            sizes[k] = dec(float(v))
        now = self.now()
        trades = plan_rebalance(
            acc,
            targets,
            band=drift_threshold,
            lot_sizes=sizes,
            default_lot=self.default_lot,
            min_notional=min_notional,
            cost_bps=self.cost_bps,
            prices=self.prices,
        )
        realized = estimate_realized(self.book, account_id, trades, lot_method, now)
        rid = new_id()
        order_ids: list[str] = []
        if not dry_run and trades:
            order_ids = await self._submit(account_id, strategy_id, rid, trades, lot_method)
        await self.publish(
            account_id,
            [
                ev.RebalanceTargets(
                    account_id=account_id,
                    strategy_id=strategy_id,
                    rebalance_id=rid,
                    targets=[
                        pb.TargetWeight(
                            instrument_id=cv.inst(k),
                            weight=v,
                            current_weight=acc.weights().get(k, 0.0),
                        )
                        for k, v in sorted(targets.items())
                    ],
                    trades=[
                        trade_pb(t, o)
                        for t, o in zip(trades, order_ids or [""] * len(trades), strict=True)
                    ],
                    event_time=cv.ts(now),
                )
            ],
        )
        return rid, trades, realized, order_ids

    async def _submit(
        self,
        account_id: str,
        strategy_id: str,
        rid: str,
        trades: list[PlannedTrade],
        lot_method: LotMethod | None,
        designations: Mapping[str, list[str]] | None = None,
    ) -> list[str]:
        if self.submit_order is None:
            raise FailedPrecondition("no order-manager configured: use dry_run")
        ids = []
        for k, t in enumerate(trades):
            coid = f"pm-{rid}-{k}"
            lots = (designations or {}).get(t.instrument) if t.side == Side.SELL else None
            if lots is None and lot_method is not None and t.side == Side.SELL:
                lots = self._lots_for(account_id, t.instrument, t.quantity, lot_method)
            if lots:
                await self.designate_lots(account_id, coid, lots)
            req = om.SubmitOrderRequest(
                client_order_id=coid,
                account_id=account_id,
                strategy_id=strategy_id,
                instrument_id=cv.inst(t.instrument),
                side=common.SIDE_BUY if t.side == Side.BUY else common.SIDE_SELL,
                order_type=common.ORDER_TYPE_MARKET,
                time_in_force=common.TIME_IN_FORCE_DAY,
                quantity=float(t.quantity),
                tags={"source": "portfolio-manager", "rebalance_id": rid},
            )
            try:
                resp = await self.submit_order(req)
            except Exception as exc:
                raise Unavailable(
                    f"order-manager refused or unreachable after {k} of {len(trades)} orders: {exc}"
                ) from None
            ids.append(resp.order.order_id)
        return ids

    def _lots_for(
        self, account_id: str, instrument: str, qty: Decimal, method: LotMethod
    ) -> list[str]:
        acc = self.account(account_id)
        pos = acc.positions.get(instrument)
        if pos is None or method == LotMethod.SPECIFIC_LOT:
            return []
        out, left = [], qty
        for lot in self.book._order_lots(acc, pos, method, []):
            if left <= 0:
                break
            out.append(lot.lot_id)
            left -= abs(lot.quantity)
        return out

    async def set_standing(
        self,
        account_id: str,
        strategy_id: str,
        targets: dict[str, float],
        drift_threshold: float,
        last: datetime | None,
    ) -> None:
        self.standing[(account_id, strategy_id)] = Standing(
            account_id, strategy_id, targets, drift_threshold, last
        )
        await self.repo.save_targets(account_id, strategy_id, targets, drift_threshold, last)

    async def check_standing(self) -> int:
        """Rebalance every account with standing targets whose weights drifted past the
        threshold or whose schedule is due; returns how many were rebalanced."""
        done = 0
        now = self.now()
        for st in list(self.standing.values()):
            acc = self.book.accounts.get(st.account_id)
            if acc is None or acc.nav <= 0:
                continue
            if st.last is not None and (now - st.last).total_seconds() < self.rebalance_cooldown:
                continue  # the orders of the last rebalance may still be working
            drift = max_drift(acc.weights(), st.targets)
            due = rebalance_due(st.last, self.rebalance_interval, now)
            if drift <= st.drift_threshold and not due:
                continue
            try:
                await self.rebalance(
                    st.account_id,
                    st.strategy_id,
                    st.targets,
                    drift_threshold=st.drift_threshold,
                    dry_run=False,
                )
            except Exception as exc:
                self.log.warning("standing rebalance failed", account=st.account_id, error=str(exc))
                continue
            await self.set_standing(
                st.account_id, st.strategy_id, st.targets, st.drift_threshold, now
            )
            done += 1
        return done

    # ---- tax-loss harvesting -------------------------------------------------------------

    async def harvest(self, req: pb.HarvestTaxLossesRequest) -> pb.HarvestTaxLossesResponse:
        if req.wash_sale_days < 0:
            raise InvalidArgument("wash_sale_days must be >= 0")
        if req.wash_sale_days and req.wash_sale_days != self.book.wash_sale_days:
            raise InvalidArgument(
                f"wash_sale_days is {self.book.wash_sale_days} for this "
                "service (OMNI_WASH_SALE_DAYS)"
            )
        now = self.now()
        repl = {**self.replacements, **dict(req.replacements)}
        cands = harvest_candidates(
            self.book,
            req.account_id,
            now,
            min_loss=cv.from_d(req.min_loss, "min_loss"),
            replacements=repl,
        )
        resp = pb.HarvestTaxLossesResponse()
        total = ZERO
        trades: list[PlannedTrade] = []
        lots_by_inst: dict[str, list[str]] = {}
        sells: dict[str, Decimal] = {}
        for c in cands:
            resp.candidates.append(
                pb.HarvestCandidate(
                    lot=cv.lot_pb(c.lot, c.mark, now),
                    loss=cv.D(c.loss),
                    replacement=cv.inst(c.replacement) if c.replacement else None,
                    wash_sale_blocked=c.blocked,
                )
            )
            if c.blocked:
                continue
            total += c.loss
            lots_by_inst.setdefault(c.lot.instrument, []).append(c.lot.lot_id)
            sells[c.lot.instrument] = sells.get(c.lot.instrument, ZERO) + c.lot.quantity
        buys: dict[str, Decimal] = {}
        for inst, q in sorted(sells.items()):
            price = self.prices.get(inst) or self.account(req.account_id).positions[inst].price
            trades.append(PlannedTrade(inst, Side.SELL, q, price, q * price, ZERO, 0.0, 0.0))
            r = repl.get(inst)
            if r:
                rp = self.prices.get(r)
                if rp is None:
                    self.log.warning("no price for the replacement: not bought", replacement=r)
                    continue
                if self.book.wash_window_open(req.account_id, r, now):
                    continue
                buys[r] = buys.get(r, ZERO) + q * price
        for r, notional in sorted(buys.items()):
            rp = self.prices[r]
            lot = self.lot_sizes.get(r, self.default_lot)
            q = (notional / rp / lot).to_integral_value(rounding="ROUND_DOWN") * lot
            if q > 0:
                trades.append(PlannedTrade(r, Side.BUY, q, rp, q * rp, ZERO, 0.0, 0.0))
        order_ids = [""] * len(trades)
        if not req.dry_run and trades:
            order_ids = await self._submit(
                req.account_id,
                "tax-loss-harvest",
                new_id(),
                trades,
                None,
                designations=lots_by_inst,
            )
        resp.total_harvested_loss.CopyFrom(cv.D(total))
        resp.trades.extend(trade_pb(t, o) for t, o in zip(trades, order_ids, strict=True))
        return resp

    # ---- tax report ----------------------------------------------------------------------

    async def tax_report(self, req: pb.GetTaxReportRequest) -> pb.GetTaxReportResponse:
        acc = self.account(req.account_id)
        start = cv.from_ts(req.period.start)
        end = cv.from_ts(req.period.end)
        if start and end and end <= start:
            raise InvalidArgument("period end must be after its start")
        for name in ("short_term_rate", "long_term_rate", "dividend_rate"):
            v = getattr(req, name)
            if not 0 <= v < 1:
                raise InvalidArgument(f"{name} must be in [0, 1)")
        gains = self.book.tax_realized(req.account_id, start, end)
        flows, divs = await self.repo.cash_flows(req.account_id, start, end)
        navs = await self.repo.nav_history(req.account_id, start, end, 1_000_000)
        start_value = navs[0][1] if navs else ZERO
        end_value = navs[-1][1] if end is not None and navs else acc.nav
        if navs and start is None:  # flows after the first NAV point, which includes earlier ones
            flows, divs = await self.repo.cash_flows(
                req.account_id, navs[0][0] + timedelta(microseconds=1), end
            )
        rates = {
            "short_term_rate": dec(req.short_term_rate or 0.37),
            "long_term_rate": dec(req.long_term_rate or 0.20),
            "dividend_rate": dec(req.dividend_rate or 0.20),
        }
        resp = pb.GetTaxReportResponse(
            realized_short_term=cv.D(gains["short_term"]),
            realized_long_term=cv.D(gains["long_term"]),
            disallowed_losses=cv.D(gains["disallowed"]),
            dividends=cv.D(divs),
            start_value=cv.D(start_value),
            end_value=cv.D(end_value),
            net_flows=cv.D(flows),
            wash_sales=[
                pb.WashSaleRecord(
                    instrument_id=cv.inst(w.instrument),
                    sold_lot_id=w.sold_lot_id,
                    replacement_lot_id=w.replacement_lot_id,
                    quantity=float(w.quantity),
                    disallowed_loss=cv.D(w.disallowed_loss),
                    time=cv.ts(w.at),
                    kind=w.kind,
                )
                for w in acc.wash_sales
                if (start is None or w.at >= start) and (end is None or w.at < end)
            ],
        )
        if start_value > 0:
            pre, post, tax = after_tax_return(
                start_value,
                end_value,
                short_term_gains=gains["short_term"],
                long_term_gains=gains["long_term"],
                dividends=divs,
                net_flows=flows,
                **rates,
            )
            resp.pre_tax_return, resp.after_tax_return = float(pre), float(post)
        else:  # no starting value to measure a return against: the tax alone
            _, _, tax = after_tax_return(
                Decimal(1),
                Decimal(1),
                short_term_gains=gains["short_term"],
                long_term_gains=gains["long_term"],
                dividends=divs,
                **rates,
            )
        resp.estimated_tax.CopyFrom(cv.D(tax))
        return resp

    # ---- attribution ---------------------------------------------------------------------

    def attribution(self, req: pb.GetAttributionRequest) -> pb.GetAttributionResponse:
        if req.model == pb.ATTRIBUTION_MODEL_FACTOR:
            fr = {f.factor: list(f.returns) for f in req.factor_returns}
            if len(fr) != len(req.factor_returns):
                raise InvalidArgument("a factor is listed twice")
            res = factor_attribution(
                list(req.portfolio_returns),
                fr or None,
                factors=list(req.factors),
                periods=list(req.periods),
            )
            return pb.GetAttributionResponse(
                model=req.model,
                portfolio_return=res.portfolio_return,
                benchmark_return=0.0,
                active_return=res.portfolio_return,
                residual=res.residual,
                alpha=res.alpha,
                r_squared=res.r_squared,
                factor_source=res.source,
                segments=[
                    pb.AttributionSegment(
                        segment=k, exposure=res.exposures[k], contribution=res.contributions[k]
                    )
                    for k in res.exposures
                ],
            )
        if req.model != pb.ATTRIBUTION_MODEL_BRINSON_FACHLER:
            raise InvalidArgument("model must be BRINSON_FACHLER or FACTOR")
        if req.portfolio:
            port = {t.instrument_id.value: t.weight for t in req.portfolio}
        else:
            port = self.account(req.account_id).weights()
        bench = {t.instrument_id.value: t.weight for t in req.benchmark}
        if not bench:
            raise InvalidArgument("benchmark weights are required (no configured benchmark)")
        segments = {**self.sectors, **dict(req.segments)}
        res = brinson_fachler(port, bench, dict(req.asset_returns), segments)
        return pb.GetAttributionResponse(
            model=req.model,
            portfolio_return=res.portfolio_return,
            benchmark_return=res.benchmark_return,
            active_return=res.active_return,
            segments=[
                pb.AttributionSegment(
                    segment=s.name,
                    portfolio_weight=s.portfolio_weight,
                    benchmark_weight=s.benchmark_weight,
                    portfolio_return=s.portfolio_return,
                    benchmark_return=s.benchmark_return,
                    allocation_effect=s.allocation,
                    selection_effect=s.selection,
                    interaction_effect=s.interaction,
                    contribution=s.allocation + s.selection + s.interaction,
                )
                for s in res.segments
            ],
        )


def trade_pb(t: PlannedTrade, order_id: str = "") -> pb.RebalanceTrade:
    return pb.RebalanceTrade(
        instrument_id=cv.inst(t.instrument),
        side=common.SIDE_BUY if t.side == Side.BUY else common.SIDE_SELL,
        quantity=float(t.quantity),
        estimated_notional=cv.D(t.notional),
        estimated_cost=cv.D(t.estimated_cost),
        order_id=order_id,
    )


def _finite(x: float) -> float:
    return x if x == x else 0.0
