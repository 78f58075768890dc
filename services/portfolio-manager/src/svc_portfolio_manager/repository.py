"""Persistence of the book: `save` writes what a mutation changed in one transaction, `load`
rebuilds every account at start. Fills are idempotent twice over: the book skips a fill id
it has seen, and `pm_fills` has (account, fill id) as primary key, so a redelivery that raced
past the book would fail the transaction instead of booking twice."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from omni_core.db import Database
from sqlalchemy import func, select

from svc_portfolio_manager.accounting import (
    Account,
    Book,
    Changes,
    LossSale,
    Lot,
    LotClose,
    LotMethod,
    Position,
    WashSale,
)
from svc_portfolio_manager.models import (
    AccountRow,
    CashLedgerRow,
    CorporateActionRow,
    DesignationRow,
    FillRow,
    LossSaleRow,
    LotCloseRow,
    LotRow,
    NavPointRow,
    PositionRow,
    StandingTargetRow,
    WashSaleRow,
)

__all__ = ["PortfolioRepository"]


def _strmap(d: dict[str, Decimal]) -> dict[str, str]:
    return {k: str(v) for k, v in d.items()}


def _decmap(d: dict[str, str]) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in d.items()}


class PortfolioRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._ledger_seq = 0

    async def save(self, book: Book, ch: Changes) -> None:
        if not (
            ch
            or ch.fills
            or ch.actions
            or ch.designations
            or ch.loss_sales
            or ch.wash_sales
            or ch.closes
        ):
            return
        async with self.db.session() as s:
            for f in ch.fills:
                s.add(
                    FillRow(
                        account_id=f.account_id,
                        fill_id=f.fill_id,
                        instrument=f.instrument,
                        side=int(f.side),
                        quantity=f.quantity,
                        price=f.price,
                        fee=f.fee,
                        executed_at=f.executed_at,
                        strategy_id=f.strategy_id,
                        client_order_id=f.client_order_id,
                    )
                )
            for account_id in ch.accounts:
                acc = book.accounts[account_id]
                await s.merge(
                    AccountRow(
                        account_id=acc.account_id,
                        base_currency=acc.base_currency,
                        lot_method=int(acc.lot_method),
                        cash=acc.cash,
                        fees=acc.fees,
                        dividends=acc.dividends,
                        lot_seq=acc.lot_seq,
                        strategy_json=json.dumps(
                            {
                                "realized": _strmap(acc.strategy_realized),
                                "fees": _strmap(acc.strategy_fees),
                            }
                        ),
                    )
                )
            for account_id, inst in ch.positions:
                pos = book.accounts[account_id].positions[inst]
                await s.merge(
                    PositionRow(
                        account_id=account_id,
                        instrument=inst,
                        quantity=pos.quantity,
                        average_cost=pos.average_cost,
                        realized=pos.realized,
                        fees=pos.fees,
                        dividends=pos.dividends,
                        mark=pos.mark,
                        by_strategy_json=json.dumps(_strmap(pos.quantity_by_strategy)),
                        day=pos.day,
                        day_start_value=pos.day_start_value,
                        updated_at=pos.updated_at,
                    )
                )
            for lot in ch.lots.values():
                await s.merge(
                    LotRow(
                        account_id=lot.account_id,
                        lot_id=lot.lot_id,
                        instrument=lot.instrument,
                        quantity=lot.quantity,
                        original_quantity=lot.original_quantity,
                        cost_per_unit=lot.cost_per_unit,
                        wash_adjustment=lot.wash_adjustment,
                        wash_used=lot.wash_used,
                        acquired_at=lot.acquired_at,
                        fill_id=lot.fill_id,
                        seq=lot.seq,
                        closed_at=lot.closed_at,
                    )
                )
            for c in ch.closes:
                s.add(
                    LotCloseRow(
                        account_id=c.account_id,
                        lot_id=c.lot_id,
                        instrument=c.instrument,
                        quantity=c.quantity,
                        cost_per_unit=c.cost_per_unit,
                        price=c.price,
                        realized=c.realized,
                        wash_adjustment=c.wash_adjustment,
                        wash_disallowed=c.wash_disallowed,
                        acquired_at=c.acquired_at,
                        closed_at=c.closed_at,
                        fill_id=c.fill_id,
                    )
                )
            for e in ch.ledger:
                self._ledger_seq += 1
                s.add(
                    CashLedgerRow(
                        entry_id=e.entry_id,
                        account_id=e.account_id,
                        amount=e.amount,
                        currency=e.currency,
                        reason=e.reason,
                        reference_id=e.reference_id,
                        balance_after=e.balance_after,
                        at=e.at,
                        seq=self._ledger_seq,
                    )
                )
            for ls in ch.loss_sales.values():
                await s.merge(
                    LossSaleRow(
                        account_id=ls.account_id,
                        sale_id=ls.sale_id,
                        instrument=ls.instrument,
                        at=ls.at,
                        quantity=ls.quantity,
                        remaining=ls.remaining,
                        loss_per_unit=ls.loss_per_unit,
                        long_term=int(ls.long_term),
                    )
                )
            for w in ch.wash_sales:
                s.add(
                    WashSaleRow(
                        account_id=w.account_id,
                        instrument=w.instrument,
                        sold_lot_id=w.sold_lot_id,
                        replacement_lot_id=w.replacement_lot_id,
                        quantity=w.quantity,
                        disallowed_loss=w.disallowed_loss,
                        at=w.at,
                        kind=w.kind,
                        long_term=int(w.long_term),
                    )
                )
            for account_id, action_id in ch.actions:
                s.add(CorporateActionRow(account_id=account_id, action_id=action_id))
            for account_id, coid, lot_ids in ch.designations:
                await s.merge(
                    DesignationRow(
                        account_id=account_id,
                        client_order_id=coid,
                        lot_ids_json=json.dumps(lot_ids),
                    )
                )

    async def load(self, book: Book) -> int:
        """Fills `book` from the database; returns the number of accounts."""
        async with self.db.session() as s:
            accounts: dict[str, Account] = {}
            for r in (await s.scalars(select(AccountRow))).all():
                strat = json.loads(r.strategy_json or "{}")
                accounts[r.account_id] = Account(
                    r.account_id,
                    r.base_currency,
                    LotMethod(r.lot_method),
                    r.cash,
                    fees=r.fees,
                    dividends=r.dividends,
                    lot_seq=r.lot_seq,
                    strategy_realized=_decmap(strat.get("realized", {})),
                    strategy_fees=_decmap(strat.get("fees", {})),
                )
            for r in (await s.scalars(select(PositionRow))).all():
                acc = accounts[r.account_id]
                acc.positions[r.instrument] = Position(
                    r.account_id,
                    r.instrument,
                    [],
                    r.realized,
                    r.fees,
                    r.dividends,
                    r.mark,
                    _decmap(json.loads(r.by_strategy_json or "{}")),
                    r.updated_at,
                    r.day_start_value,
                    r.day,
                )
            for r in (await s.scalars(select(LotRow).order_by(LotRow.seq))).all():
                acc = accounts[r.account_id]
                lot = Lot(
                    r.lot_id,
                    r.account_id,
                    r.instrument,
                    r.quantity,
                    r.original_quantity,
                    r.cost_per_unit,
                    _utc(r.acquired_at),
                    r.fill_id,
                    r.seq,
                    r.wash_adjustment,
                    r.wash_used,
                    _utc(r.closed_at),
                )
                if lot.original_quantity > 0:
                    acc.purchases.append((lot.instrument, lot.acquired_at, lot.lot_id))
                if lot.quantity != 0:
                    acc.positions[r.instrument].lots.append(lot)
            for r in (await s.scalars(select(LotCloseRow).order_by(LotCloseRow.id))).all():
                accounts[r.account_id].closed.append(
                    LotClose(
                        r.lot_id,
                        r.account_id,
                        r.instrument,
                        r.quantity,
                        r.cost_per_unit,
                        r.price,
                        r.realized,
                        _utc(r.acquired_at),
                        _utc(r.closed_at),
                        r.fill_id,
                        r.wash_adjustment,
                        r.wash_disallowed,
                    )
                )
            ledger = select(CashLedgerRow).where(CashLedgerRow.entry_id.like("cash:%"))
            for r in (await s.scalars(ledger)).all():
                acc = accounts[r.account_id]
                if r.entry_id.startswith("cash:"):
                    acc.cash_refs.add(r.reference_id)
            top = await s.scalar(select(func.max(CashLedgerRow.seq)))
            self._ledger_seq = int(top or 0)
            recent = select(FillRow.account_id, FillRow.fill_id).order_by(FillRow.executed_at)
            for account_id, fill_id in (await s.execute(recent)).all():
                fills = accounts[account_id].fills
                fills[fill_id] = None
                if len(fills) > book.max_fill_ids:
                    del fills[next(iter(fills))]
            for r in (await s.scalars(select(LossSaleRow))).all():
                accounts[r.account_id].loss_sales.append(
                    LossSale(
                        r.sale_id,
                        r.account_id,
                        r.instrument,
                        _utc(r.at),
                        r.quantity,
                        r.remaining,
                        r.loss_per_unit,
                        bool(r.long_term),
                    )
                )
            for r in (await s.scalars(select(WashSaleRow).order_by(WashSaleRow.id))).all():
                accounts[r.account_id].wash_sales.append(
                    WashSale(
                        r.account_id,
                        r.instrument,
                        r.sold_lot_id,
                        r.replacement_lot_id,
                        r.quantity,
                        r.disallowed_loss,
                        _utc(r.at),
                        r.kind,
                        bool(r.long_term),
                    )
                )
            for r in (await s.scalars(select(CorporateActionRow))).all():
                accounts[r.account_id].actions.add(r.action_id)
            for r in (await s.scalars(select(DesignationRow))).all():
                accounts[r.account_id].designations[r.client_order_id] = json.loads(r.lot_ids_json)
        for acc in accounts.values():
            acc.loss_sales.sort(key=lambda x: (x.at, x.sale_id))
            acc.purchases.sort(key=lambda x: x[1])
        book.accounts.update(accounts)
        book.reindex()
        book.drain_changes()
        return len(accounts)

    # ---- targets and NAV -----------------------------------------------------------------

    async def save_targets(
        self,
        account_id: str,
        strategy_id: str,
        targets: dict[str, float],
        drift_threshold: float,
        last: datetime | None,
    ) -> None:
        async with self.db.session() as s:
            await s.merge(
                StandingTargetRow(
                    account_id=account_id,
                    strategy_id=strategy_id,
                    targets_json=json.dumps(targets),
                    drift_threshold=repr(float(drift_threshold)),
                    last_rebalanced_at=last,
                )
            )

    async def load_targets(self) -> list[dict[str, Any]]:
        async with self.db.session() as s:
            rows = (await s.scalars(select(StandingTargetRow))).all()
            return [
                {
                    "account_id": r.account_id,
                    "strategy_id": r.strategy_id,
                    "targets": json.loads(r.targets_json),
                    "drift_threshold": float(r.drift_threshold),
                    "last": _utc(r.last_rebalanced_at),
                }
                for r in rows
            ]

    async def cash_flows(
        self, account_id: str, start: datetime | None, end: datetime | None
    ) -> tuple[Decimal, Decimal]:
        """(external deposits minus withdrawals, dividends) booked in [start, end)."""
        q = select(CashLedgerRow).where(CashLedgerRow.account_id == account_id)
        if start is not None:
            q = q.where(CashLedgerRow.at >= start)
        if end is not None:
            q = q.where(CashLedgerRow.at < end)
        flows = divs = Decimal(0)
        async with self.db.session() as s:
            for r in (await s.scalars(q)).all():
                if r.entry_id.startswith("cash:"):
                    flows += r.amount
                elif r.entry_id.startswith("div:"):
                    divs += r.amount
        return flows, divs

    async def record_nav(self, account_id: str, at: datetime, nav: Decimal) -> None:
        async with self.db.session() as s:
            await s.merge(NavPointRow(account_id=account_id, at=at, nav=nav))

    async def nav_history(
        self,
        account_id: str,
        start: datetime | None,
        end: datetime | None,
        limit: int,
        after: datetime | None = None,
    ) -> list[tuple[datetime, Decimal]]:
        q = select(NavPointRow).where(NavPointRow.account_id == account_id)
        if start is not None:
            q = q.where(NavPointRow.at >= start)
        if end is not None:
            q = q.where(NavPointRow.at < end)
        if after is not None:
            q = q.where(NavPointRow.at > after)
        q = q.order_by(NavPointRow.at).limit(limit)
        async with self.db.session() as s:
            return [(_utc(r.at), r.nav) for r in (await s.scalars(q)).all()]


def _utc(dt: datetime | None) -> Any:
    from datetime import UTC

    if dt is None:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
