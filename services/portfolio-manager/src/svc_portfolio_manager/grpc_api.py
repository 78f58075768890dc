"""The PortfolioManagerService servicer: validation and paging over `PortfolioCore`. Domain
errors raised here (or by the core) map to gRPC status codes in the kit's interceptor."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pb_grpc
from omni_core.errors import InvalidArgument, NotFound

from svc_portfolio_manager import convert as cv
from svc_portfolio_manager.accounting import ZERO
from svc_portfolio_manager.portfolio import PortfolioCore, trade_pb

FULL_NAME = "omni.portfolio_manager.v1.PortfolioManagerService"
add_to_server = pb_grpc.add_PortfolioManagerServiceServicer_to_server
DEFAULT_PAGE = 100
MAX_PAGE = 1000


def _page(page: Any) -> tuple[int, int]:
    if page.page_size < 0:
        raise InvalidArgument("page_size must be >= 0")
    size = min(page.page_size or DEFAULT_PAGE, MAX_PAGE)
    offset = 0
    if page.page_token:
        try:
            pad = "=" * (-len(page.page_token) % 4)
            offset = int(json.loads(base64.urlsafe_b64decode(page.page_token + pad))["o"])
        except Exception:
            raise InvalidArgument("page_token is not valid") from None
    return size, offset


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def _require(account_id: str) -> str:
    if not account_id:
        raise InvalidArgument("account_id is required")
    return account_id


class PortfolioServicer(pb_grpc.PortfolioManagerServiceServicer):
    def __init__(self, core: PortfolioCore) -> None:
        self.core = core

    def _now(self) -> datetime:
        return self.core.now()

    async def GetPortfolio(self, request: Any, context: Any) -> pb.GetPortfolioResponse:
        acc = self.core.account(_require(request.account_id))
        return pb.GetPortfolioResponse(portfolio=cv.portfolio_pb(acc, self._now()))

    async def ListPositions(self, request: Any, context: Any) -> pb.ListPositionsResponse:
        acc = self.core.account(_require(request.account_id))
        size, offset = _page(request.page)
        nav = acc.nav
        rows = [
            p
            for _, p in sorted(acc.positions.items())
            if (p.lots or (request.include_flat and p.realized != ZERO))
            and (not request.strategy_id or request.strategy_id in p.quantity_by_strategy)
        ]
        chunk = rows[offset : offset + size]
        more = offset + size < len(rows)
        return pb.ListPositionsResponse(
            positions=[cv.position_pb(p, nav, acc.base_currency) for p in chunk],
            page={
                "next_page_token": _token(offset + size) if more else "",
                "total_size": len(rows),
            },
        )

    async def GetPosition(self, request: Any, context: Any) -> pb.GetPositionResponse:
        acc = self.core.account(_require(request.account_id))
        inst = request.instrument_id.value
        if not inst:
            raise InvalidArgument("instrument_id is required")
        pos = acc.positions.get(inst)
        if pos is None:
            raise NotFound(f"account {acc.account_id} has no position in {inst}")
        return pb.GetPositionResponse(position=cv.position_pb(pos, acc.nav, acc.base_currency))

    async def GetPnl(self, request: Any, context: Any) -> pb.GetPnlResponse:
        acc = self.core.account(_require(request.account_id))
        now = self._now()
        by = [
            pb.PnlSummary(
                account_id=acc.account_id,
                strategy_id=s,
                realized=cv.D(acc.strategy_realized.get(s, ZERO)),
                fees=cv.D(acc.strategy_fees.get(s, ZERO)),
                total=cv.D(acc.strategy_realized.get(s, ZERO) - acc.strategy_fees.get(s, ZERO)),
                currency=acc.base_currency,
                as_of=cv.ts(now),
            )
            for s in sorted(set(acc.strategy_realized) | set(acc.strategy_fees))
            if not request.strategy_id or s == request.strategy_id
        ]
        return pb.GetPnlResponse(pnl=cv.pnl_pb(acc, now), by_strategy=by)

    async def GetCashBalances(self, request: Any, context: Any) -> pb.GetCashBalancesResponse:
        acc = self.core.account(_require(request.account_id))
        return pb.GetCashBalancesResponse(balances=[cv.cash_pb(acc)])

    async def AdjustCash(self, request: Any, context: Any) -> pb.AdjustCashResponse:
        amount = cv.from_d(request.amount.amount, "amount")
        acc = await self.core.adjust_cash(
            _require(request.account_id),
            amount,
            request.amount.currency,
            request.reason,
            request.reference_id,
        )
        return pb.AdjustCashResponse(balance=cv.cash_pb(acc))

    async def ListTaxLots(self, request: Any, context: Any) -> pb.ListTaxLotsResponse:
        acc = self.core.account(_require(request.account_id))
        inst = request.instrument_id.value
        size, offset = _page(request.page)
        now = self._now()
        rows = []
        for i, pos in sorted(acc.positions.items()):
            if inst and i != inst:
                continue
            rows += [
                cv.lot_pb(lot, pos.mark, now)
                for lot in sorted(pos.lots, key=lambda x: (x.acquired_at, x.seq))
            ]
        if request.include_closed:
            rows += [cv.closed_lot_pb(c) for c in acc.closed if not inst or c.instrument == inst]
        chunk = rows[offset : offset + size]
        more = offset + size < len(rows)
        return pb.ListTaxLotsResponse(
            lots=chunk,
            page={
                "next_page_token": _token(offset + size) if more else "",
                "total_size": len(rows),
            },
        )

    async def SetLotMethod(self, request: Any, context: Any) -> pb.SetLotMethodResponse:
        m = cv.lot_method_from_pb(request.lot_method)
        got = await self.core.set_lot_method(_require(request.account_id), m)
        return pb.SetLotMethodResponse(lot_method=int(got))

    async def DesignateLots(self, request: Any, context: Any) -> pb.DesignateLotsResponse:
        lots = await self.core.designate_lots(
            _require(request.account_id), request.client_order_id, list(request.lot_ids)
        )
        return pb.DesignateLotsResponse(lots=len(lots))

    async def Optimize(self, request: Any, context: Any) -> pb.OptimizeResponse:
        return await self.core.optimize(request)

    async def Rebalance(self, request: Any, context: Any) -> pb.RebalanceResponse:
        account_id = _require(request.account_id)
        if request.targets and request.optimization_id:
            raise InvalidArgument("give either targets or optimization_id, not both")
        if request.optimization_id:
            targets = self.core.optimizations.get(request.optimization_id)
            if targets is None:
                raise NotFound(f"optimization {request.optimization_id} not found (expired?)")
        elif request.targets:
            targets = {}
            for t in request.targets:
                if t.instrument_id.value in targets:
                    raise InvalidArgument(f"{t.instrument_id.value} has two targets")
                targets[t.instrument_id.value] = t.weight
        else:
            raise InvalidArgument("targets or optimization_id is required")
        method = cv.lot_method_from_pb(request.lot_method, allow_unspecified=True)
        rid, trades, realized, order_ids = await self.core.rebalance(
            account_id,
            request.strategy_id,
            dict(targets),
            drift_threshold=request.drift_threshold,
            min_notional=cv.from_d(request.min_trade_notional, "min_trade_notional"),
            dry_run=request.dry_run,
            lot_method=method,
            lot_sizes=dict(request.lot_sizes),
        )
        if request.standing:
            await self.core.set_standing(
                account_id,
                request.strategy_id,
                dict(targets),
                request.drift_threshold,
                None if request.dry_run else self._now(),
            )
        acc = self.core.account(account_id)
        nav = acc.nav
        turnover = float(sum((t.notional for t in trades), ZERO) / nav / 2) if nav > 0 else 0.0
        return pb.RebalanceResponse(
            rebalance_id=rid,
            trades=[trade_pb(t, order_ids[k] if order_ids else "") for k, t in enumerate(trades)],
            turnover=turnover,
            estimated_cost=cv.D(sum((t.estimated_cost for t in trades), ZERO)),
            estimated_realized_pnl=cv.D(realized),
        )

    async def HarvestTaxLosses(self, request: Any, context: Any) -> pb.HarvestTaxLossesResponse:
        _require(request.account_id)
        self.core.account(request.account_id)
        return await self.core.harvest(request)

    async def GetTaxReport(self, request: Any, context: Any) -> pb.GetTaxReportResponse:
        _require(request.account_id)
        return await self.core.tax_report(request)

    async def GetAttribution(self, request: Any, context: Any) -> pb.GetAttributionResponse:
        return self.core.attribution(request)

    async def ApplyCorporateAction(
        self, request: Any, context: Any
    ) -> pb.ApplyCorporateActionResponse:
        return await self.core.corporate_action(request.action, request.account_id)

    async def GetNavHistory(self, request: Any, context: Any) -> pb.GetNavHistoryResponse:
        self.core.account(_require(request.account_id))
        size, offset = _page(request.page)
        start = cv.from_ts(request.period.start)
        end = cv.from_ts(request.period.end)
        rows = await self.core.repo.nav_history(request.account_id, start, end, offset + size + 1)
        chunk = rows[offset : offset + size]
        more = len(rows) > offset + size
        return pb.GetNavHistoryResponse(
            points=[pb.NavPoint(time=cv.ts(t), nav=cv.D(v)) for t, v in chunk],
            page={"next_page_token": _token(offset + size) if more else ""},
        )
