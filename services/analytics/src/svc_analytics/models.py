"""SQLAlchemy 2 models of the analytics history. Money (NAV, cash, exposures, P&L) is stored as
decimal strings, exactly as it arrives on the wire. Days are UTC calendar dates (ISO strings).

- ``an_nav_daily``: the last NAV snapshot of each account per day (the daily series the
  statistics are computed from); kept forever.
- ``an_nav_intraday``: the last NAV snapshot per account and minute, for the dashboard's
  intraday curve; purged after a retention.
- ``an_pnl_daily``: the last P&L summary per account, strategy ('' = the whole account) and
  day (strategy returns are P&L changes over the account's previous NAV).
- ``an_fills``: the fills seen per account (PositionUpdated events with a fill id), by day.
- ``an_positions``: the latest position per account and instrument (dashboard).
- ``an_price_daily``: the last time-bar close per instrument and day (benchmarks).
- ``an_kill_switch``: the latest kill-switch state per account ('' = the global switch), from
  risk-management (dashboard trading state).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "NavDailyRow",
    "NavIntradayRow",
    "PnlDailyRow",
    "FillRow",
    "PositionRow",
    "PriceDailyRow",
    "KillSwitchRow",
]

MONEY = String(64)


class Base(DeclarativeBase):
    pass


class NavDailyRow(Base):
    __tablename__ = "an_nav_daily"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    nav: Mapped[str] = mapped_column(MONEY, nullable=False)
    cash: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    gross_exposure: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    net_exposure: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    base_currency: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class NavIntradayRow(Base):
    __tablename__ = "an_nav_intraday"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    minute: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    nav: Mapped[str] = mapped_column(MONEY, nullable=False)
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PnlDailyRow(Base):
    __tablename__ = "an_pnl_daily"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    strategy_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    realized: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    unrealized: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    fees: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    total: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    day_pnl: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    currency: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class FillRow(Base):
    __tablename__ = "an_fills"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    fill_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), nullable=False)

    __table_args__ = (Index("ix_an_fills_day", "account_id", "day"),)


class PositionRow(Base):
    __tablename__ = "an_positions"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    instrument_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    quantity: Mapped[float] = mapped_column(Float, nullable=False)
    market_value: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    unrealized_pnl: Mapped[str] = mapped_column(MONEY, nullable=False, default="0")
    weight: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    by_strategy_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PriceDailyRow(Base):
    __tablename__ = "an_price_daily"

    instrument_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    close: Mapped[float] = mapped_column(Float, nullable=False)
    bar_end: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class KillSwitchRow(Base):
    __tablename__ = "an_kill_switch"

    account_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
