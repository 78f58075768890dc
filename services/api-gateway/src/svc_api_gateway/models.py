"""Tables of the gateway (Alembic migrations in ``svc_api_gateway.migrations``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ApiKeyRow", "TenantRow"]


class Base(DeclarativeBase):
    pass


class ApiKeyRow(Base):
    """An API key: only the SHA-256 of the secret is stored, with its tenant and scopes."""

    __tablename__ = "gw_api_keys"

    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    tenant_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    # space-separated scopes, "*" = all
    scopes: Mapped[str] = mapped_column(Text, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TenantRow(Base):
    """A tenant: its plan, status, trading accounts, quota and white-label branding (quota and
    branding as JSON of the proto messages' fields)."""

    __tablename__ = "gw_tenants"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # lower-cased name, unique: two tenants may not differ only by case
    name_key: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    status: Mapped[int] = mapped_column(Integer, nullable=False)
    plan: Mapped[int] = mapped_column(Integer, nullable=False)
    # space-separated account ids
    account_ids: Mapped[str] = mapped_column(Text, nullable=False, default="")
    quota: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    branding: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    custom_domain: Mapped[str | None] = mapped_column(String(253), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
