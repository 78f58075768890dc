"""SQLAlchemy 2 models of the config registry: the current row of every (service, key) (live
or a tombstone after a delete, so version numbering goes on) and the append-only history of
every version. Health scores and the breaker board are in memory (see `health`, `breakers`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ConfigEntryRow", "ConfigHistoryRow"]


class Base(DeclarativeBase):
    pass


class ConfigEntryRow(Base):
    __tablename__ = "cp_config_entries"

    service: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    version: Mapped[int] = mapped_column(BigInteger, nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    changed_by: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (Index("ix_cp_config_entries_key", "key", "service"),)


class ConfigHistoryRow(Base):
    __tablename__ = "cp_config_history"

    service: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    value_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    changed_by: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # id of the ConfigChanged event (the kit's outbox row) announcing this version
    event_id: Mapped[str] = mapped_column(String(64), nullable=False, default="")
