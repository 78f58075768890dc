"""The analytics history in the service database (PostgreSQL or SQLite through the kit's
`Database`). Every write is an upsert keyed by its natural key where the newer observation wins
(by event time), so replaying or redelivering events changes nothing, whatever their order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from omni_core.db import Database
from sqlalchemy import Table, delete, func, select

from svc_analytics.models import (
    FillRow,
    KillSwitchRow,
    NavDailyRow,
    NavIntradayRow,
    PnlDailyRow,
    PositionRow,
    PriceDailyRow,
)

__all__ = ["AnalyticsStore", "NavPoint", "PnlPoint", "utc", "day_of"]


def utc(dt: datetime) -> datetime:
    """Aware UTC datetime (SQLite hands back naive ones, stored as UTC)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def day_of(dt: datetime) -> str:
    return utc(dt).date().isoformat()


@dataclass(frozen=True)
class NavPoint:
    account_id: str
    day: date
    nav: Decimal
    cash: Decimal
    gross_exposure: Decimal
    net_exposure: Decimal
    base_currency: str
    event_time: datetime


@dataclass(frozen=True)
class PnlPoint:
    account_id: str
    strategy_id: str
    day: date
    realized: Decimal
    unrealized: Decimal
    fees: Decimal
    total: Decimal
    day_pnl: Decimal
    currency: str
    as_of: datetime


class AnalyticsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _insert(self, table: Table) -> Any:
        if self.db.is_postgres:
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    async def _upsert_newer(
        self, table: Table, values: Mapping[str, Any], keys: list[str], time_col: str
    ) -> None:
        ins = self._insert(table).values(**values)
        update = {k: ins.excluded[k] for k in values if k not in keys}
        stmt = ins.on_conflict_do_update(
            index_elements=keys,
            set_=update,
            where=table.c[time_col] <= ins.excluded[time_col],
        )
        async with self.db.session() as s:
            await s.execute(stmt)

    # writes ----------------------------------------------------------------------------

    async def record_nav(
        self, account_id: str, event_time: datetime, nav: Decimal, cash: Decimal,
        gross: Decimal, net: Decimal, currency: str,
    ) -> None:
        t = utc(event_time)
        await self._upsert_newer(
            NavDailyRow.__table__,  # type: ignore[arg-type]
            {
                "account_id": account_id, "day": day_of(t), "nav": str(nav), "cash": str(cash),
                "gross_exposure": str(gross), "net_exposure": str(net),
                "base_currency": currency, "event_time": t,
            },
            ["account_id", "day"], "event_time",
        )
        await self._upsert_newer(
            NavIntradayRow.__table__,  # type: ignore[arg-type]
            {
                "account_id": account_id, "minute": t.replace(second=0, microsecond=0),
                "nav": str(nav), "event_time": t,
            },
            ["account_id", "minute"], "event_time",
        )

    async def record_pnl(
        self, account_id: str, strategy_id: str, as_of: datetime, *, realized: Decimal,
        unrealized: Decimal, fees: Decimal, total: Decimal, day_pnl: Decimal, currency: str,
    ) -> None:
        t = utc(as_of)
        await self._upsert_newer(
            PnlDailyRow.__table__,  # type: ignore[arg-type]
            {
                "account_id": account_id, "strategy_id": strategy_id, "day": day_of(t),
                "realized": str(realized), "unrealized": str(unrealized), "fees": str(fees),
                "total": str(total), "day_pnl": str(day_pnl), "currency": currency, "as_of": t,
            },
            ["account_id", "strategy_id", "day"], "as_of",
        )

    async def record_fill(self, account_id: str, fill_id: str, when: datetime) -> None:
        ins = self._insert(FillRow.__table__).values(  # type: ignore[arg-type]
            account_id=account_id, fill_id=fill_id, day=day_of(when)
        )
        async with self.db.session() as s:
            await s.execute(ins.on_conflict_do_nothing(index_elements=["account_id", "fill_id"]))

    async def record_position(
        self, account_id: str, instrument_id: str, *, quantity: float, market_value: Decimal,
        unrealized_pnl: Decimal, weight: float, by_strategy: Mapping[str, float],
        updated_at: datetime,
    ) -> None:
        await self._upsert_newer(
            PositionRow.__table__,  # type: ignore[arg-type]
            {
                "account_id": account_id, "instrument_id": instrument_id, "quantity": quantity,
                "market_value": str(market_value), "unrealized_pnl": str(unrealized_pnl),
                "weight": weight, "by_strategy_json": json.dumps(dict(by_strategy),
                                                                 sort_keys=True),
                "updated_at": utc(updated_at),
            },
            ["account_id", "instrument_id"], "updated_at",
        )

    async def record_price(self, instrument_id: str, day: str, bar_end: datetime,
                           close: float) -> None:
        t = utc(bar_end)
        await self._upsert_newer(
            PriceDailyRow.__table__,  # type: ignore[arg-type]
            {"instrument_id": instrument_id, "day": day, "close": close, "bar_end": t},
            ["instrument_id", "day"], "bar_end",
        )

    async def record_kill_switch(self, account_id: str, state: str, changed_at: datetime
                                 ) -> None:
        await self._upsert_newer(
            KillSwitchRow.__table__,  # type: ignore[arg-type]
            {"account_id": account_id, "state": state, "changed_at": utc(changed_at)},
            ["account_id"], "changed_at",
        )

    async def kill_switch_states(self, account_id: str) -> dict[str, str]:
        """State name by account id, for the account and the global switch ('')."""
        async with self.db.session() as s:
            rows = await s.execute(
                select(KillSwitchRow.account_id, KillSwitchRow.state)
                .where(KillSwitchRow.account_id.in_([account_id, ""]))
            )
        return {a: st for a, st in rows}

    async def purge_intraday(self, before: datetime) -> int:
        async with self.db.session() as s:
            res = await s.execute(
                delete(NavIntradayRow).where(NavIntradayRow.minute < utc(before))
            )
        return int(res.rowcount or 0)

    # reads -----------------------------------------------------------------------------

    async def nav_daily(self, account_id: str) -> list[NavPoint]:
        async with self.db.session() as s:
            rows = (
                await s.execute(
                    select(NavDailyRow)
                    .where(NavDailyRow.account_id == account_id)
                    .order_by(NavDailyRow.day)
                )
            ).scalars().all()
        return [
            NavPoint(
                r.account_id, date.fromisoformat(r.day), Decimal(r.nav), Decimal(r.cash),
                Decimal(r.gross_exposure), Decimal(r.net_exposure), r.base_currency,
                utc(r.event_time),
            )
            for r in rows
        ]

    async def pnl_daily(self, account_id: str, strategy_id: str) -> list[PnlPoint]:
        async with self.db.session() as s:
            rows = (
                await s.execute(
                    select(PnlDailyRow)
                    .where(PnlDailyRow.account_id == account_id,
                           PnlDailyRow.strategy_id == strategy_id)
                    .order_by(PnlDailyRow.day)
                )
            ).scalars().all()
        return [
            PnlPoint(
                r.account_id, r.strategy_id, date.fromisoformat(r.day), Decimal(r.realized),
                Decimal(r.unrealized), Decimal(r.fees), Decimal(r.total), Decimal(r.day_pnl),
                r.currency, utc(r.as_of),
            )
            for r in rows
        ]

    async def strategies(self, account_id: str, day: str | None = None) -> list[str]:
        """Strategies with P&L history in the account (on `day` only, if given)."""
        q = select(PnlDailyRow.strategy_id).where(
            PnlDailyRow.account_id == account_id, PnlDailyRow.strategy_id != ""
        )
        if day is not None:
            q = q.where(PnlDailyRow.day == day)
        async with self.db.session() as s:
            rows = await s.execute(q.distinct())
        return sorted(r[0] for r in rows)

    async def accounts(self) -> list[str]:
        async with self.db.session() as s:
            rows = await s.execute(select(NavDailyRow.account_id).distinct())
        return sorted(r[0] for r in rows)

    async def intraday(self, account_id: str, since: datetime) -> list[tuple[datetime, Decimal]]:
        async with self.db.session() as s:
            rows = await s.execute(
                select(NavIntradayRow.event_time, NavIntradayRow.nav)
                .where(NavIntradayRow.account_id == account_id,
                       NavIntradayRow.minute >= utc(since))
                .order_by(NavIntradayRow.minute)
            )
        return [(utc(t), Decimal(n)) for t, n in rows]

    async def positions(self, account_id: str) -> list[PositionRow]:
        async with self.db.session() as s:
            rows = (
                await s.execute(
                    select(PositionRow).where(PositionRow.account_id == account_id,
                                              PositionRow.quantity != 0)
                )
            ).scalars().all()
        return list(rows)

    async def fills(self, account_id: str, first_day: str, last_day: str) -> int:
        async with self.db.session() as s:
            n = await s.scalar(
                select(func.count()).select_from(FillRow).where(
                    FillRow.account_id == account_id, FillRow.day >= first_day,
                    FillRow.day <= last_day,
                )
            )
        return int(n or 0)

    async def prices(self, instrument_id: str) -> list[tuple[date, float]]:
        async with self.db.session() as s:
            rows = await s.execute(
                select(PriceDailyRow.day, PriceDailyRow.close)
                .where(PriceDailyRow.instrument_id == instrument_id)
                .order_by(PriceDailyRow.day)
            )
        return [(date.fromisoformat(d), float(c)) for d, c in rows]
