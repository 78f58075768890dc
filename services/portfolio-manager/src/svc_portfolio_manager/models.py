"""SQLAlchemy 2 models: accounts, positions, tax lots (open and closed), lot closes, the cash
ledger, processed fills (idempotency by fill id), wash-sale records, applied corporate
actions, lot designations, standing rebalance targets and NAV history. Money, prices and
quantities are stored as decimal strings (exact on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "DecimalText",
    "AccountRow",
    "PositionRow",
    "LotRow",
    "LotCloseRow",
    "CashLedgerRow",
    "FillRow",
    "LossSaleRow",
    "WashSaleRow",
    "CorporateActionRow",
    "DesignationRow",
    "StandingTargetRow",
    "NavPointRow",
]


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact string."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


TS = DateTime(timezone=True)


class Base(DeclarativeBase):
    pass


class AccountRow(Base):
    __tablename__ = "pm_accounts"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    base_currency: Mapped[str] = mapped_column(String(16))
    lot_method: Mapped[int] = mapped_column(Integer)
    cash: Mapped[Decimal] = mapped_column(DecimalText)
    fees: Mapped[Decimal] = mapped_column(DecimalText)
    dividends: Mapped[Decimal] = mapped_column(DecimalText)
    # {"realized": {strategy: "x"}, "fees": {...}}
    strategy_json: Mapped[str] = mapped_column(Text, default="{}")
    lot_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class PositionRow(Base):
    __tablename__ = "pm_positions"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(128), primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    average_cost: Mapped[Decimal] = mapped_column(DecimalText)
    realized: Mapped[Decimal] = mapped_column(DecimalText)
    fees: Mapped[Decimal] = mapped_column(DecimalText)
    dividends: Mapped[Decimal] = mapped_column(DecimalText)
    mark: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    by_strategy_json: Mapped[str] = mapped_column(Text, default="{}")
    day: Mapped[str] = mapped_column(String(10), default="")
    day_start_value: Mapped[Decimal] = mapped_column(DecimalText)
    updated_at: Mapped[datetime | None] = mapped_column(TS, nullable=True)


class LotRow(Base):
    __tablename__ = "pm_lots"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lot_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    original_quantity: Mapped[Decimal] = mapped_column(DecimalText)
    cost_per_unit: Mapped[Decimal] = mapped_column(DecimalText)
    wash_adjustment: Mapped[Decimal] = mapped_column(DecimalText)
    wash_used: Mapped[Decimal] = mapped_column(DecimalText)
    acquired_at: Mapped[datetime] = mapped_column(TS)
    fill_id: Mapped[str] = mapped_column(String(160))
    seq: Mapped[int] = mapped_column(BigInteger)
    closed_at: Mapped[datetime | None] = mapped_column(TS, nullable=True)
    __table_args__ = (Index("ix_pm_lots_instrument", "account_id", "instrument"),)


class LotCloseRow(Base):
    __tablename__ = "pm_lot_closes"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    account_id: Mapped[str] = mapped_column(String(128), index=True)
    lot_id: Mapped[str] = mapped_column(String(160))
    instrument: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    cost_per_unit: Mapped[Decimal] = mapped_column(DecimalText)
    price: Mapped[Decimal] = mapped_column(DecimalText)
    realized: Mapped[Decimal] = mapped_column(DecimalText)
    wash_adjustment: Mapped[Decimal] = mapped_column(DecimalText)
    wash_disallowed: Mapped[Decimal] = mapped_column(DecimalText)
    acquired_at: Mapped[datetime] = mapped_column(TS)
    closed_at: Mapped[datetime] = mapped_column(TS)
    fill_id: Mapped[str] = mapped_column(String(160))


class CashLedgerRow(Base):
    __tablename__ = "pm_cash_ledger"
    entry_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(128), index=True)
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    currency: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    reference_id: Mapped[str] = mapped_column(String(200))
    balance_after: Mapped[Decimal] = mapped_column(DecimalText)
    at: Mapped[datetime] = mapped_column(TS)
    seq: Mapped[int] = mapped_column(BigInteger)


class FillRow(Base):
    __tablename__ = "pm_fills"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    fill_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(128))
    side: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    price: Mapped[Decimal] = mapped_column(DecimalText)
    fee: Mapped[Decimal] = mapped_column(DecimalText)
    executed_at: Mapped[datetime] = mapped_column(TS)
    strategy_id: Mapped[str] = mapped_column(String(128))
    client_order_id: Mapped[str] = mapped_column(String(160))


class LossSaleRow(Base):
    __tablename__ = "pm_loss_sales"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(330), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(TS)
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    remaining: Mapped[Decimal] = mapped_column(DecimalText)
    loss_per_unit: Mapped[Decimal] = mapped_column(DecimalText)
    long_term: Mapped[int] = mapped_column(Integer)


class WashSaleRow(Base):
    __tablename__ = "pm_wash_sales"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    account_id: Mapped[str] = mapped_column(String(128), index=True)
    instrument: Mapped[str] = mapped_column(String(128))
    sold_lot_id: Mapped[str] = mapped_column(String(330))
    replacement_lot_id: Mapped[str] = mapped_column(String(160))
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    disallowed_loss: Mapped[Decimal] = mapped_column(DecimalText)
    at: Mapped[datetime] = mapped_column(TS)
    kind: Mapped[str] = mapped_column(String(8))
    long_term: Mapped[int] = mapped_column(Integer)


class CorporateActionRow(Base):
    __tablename__ = "pm_corporate_actions"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    action_id: Mapped[str] = mapped_column(String(160), primary_key=True)


class DesignationRow(Base):
    __tablename__ = "pm_lot_designations"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_order_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    lot_ids_json: Mapped[str] = mapped_column(Text)


class StandingTargetRow(Base):
    __tablename__ = "pm_standing_targets"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    strategy_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    targets_json: Mapped[str] = mapped_column(Text)
    drift_threshold: Mapped[str] = mapped_column(String(32))
    last_rebalanced_at: Mapped[datetime | None] = mapped_column(TS, nullable=True)


class NavPointRow(Base):
    __tablename__ = "pm_nav_history"
    account_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    at: Mapped[datetime] = mapped_column(TS, primary_key=True)
    nav: Mapped[Decimal] = mapped_column(DecimalText)
