"""API keys: SHA-256 hashes in the database, tenant and scopes per key, a short in-process
cache so the dashboard's polling does not hit the database on every request.

Scopes: ``read`` (every GET), ``orders:write``, ``strategies:write``, ``risk:write``
(kill switch, halt, resume), ``backtests:write``, ``admin`` (tenants, quotas, branding of any
tenant); ``*`` grants all.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from omni_core.ids import new_id
from sqlalchemy import select

from svc_api_gateway.models import ApiKeyRow

__all__ = ["ApiKeyStore", "KeyInfo", "hash_key", "SCOPES", "new_secret"]

SCOPES = ("read", "orders:write", "strategies:write", "risk:write", "backtests:write", "admin")


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return "omni_" + secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class KeyInfo:
    key_id: str
    tenant_id: str
    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return "*" in self.scopes or scope in self.scopes


class ApiKeyStore:
    def __init__(self, db, *, cache_seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
        self.db = db
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, KeyInfo | None]] = {}

    async def create(self, secret: str, *, tenant_id: str, name: str,
                     scopes: list[str] | tuple[str, ...]) -> KeyInfo:
        """Stores `secret` (idempotent: an existing key with the same secret is returned)."""
        h = hash_key(secret)
        async with self.db.session() as s:
            row = (await s.execute(select(ApiKeyRow).where(ApiKeyRow.key_hash == h))).scalar()
            if row is None:
                row = ApiKeyRow(key_id=new_id(), key_hash=h, tenant_id=tenant_id, name=name,
                                prefix=secret[:8], scopes=" ".join(scopes), revoked=False,
                                created_at=datetime.now(UTC))
                s.add(row)
            info = _info(row)
        self._cache.pop(h, None)
        return info

    async def revoke(self, key_id: str) -> bool:
        async with self.db.session() as s:
            row = await s.get(ApiKeyRow, key_id)
            if row is None:
                return False
            row.revoked = True
        self._cache.clear()
        return True

    async def list(self, tenant_id: str, *, include_revoked: bool = False, limit: int = 100,
                   after: str = "") -> tuple[list[ApiKeyRow], str]:
        """A page of a tenant's keys (rows; never the secret), ordered by key id."""
        async with self.db.session() as s:
            q = select(ApiKeyRow).where(ApiKeyRow.tenant_id == tenant_id)
            if not include_revoked:
                q = q.where(ApiKeyRow.revoked.is_(False))
            if after:
                q = q.where(ApiKeyRow.key_id > after)
            rows = list((await s.execute(q.order_by(ApiKeyRow.key_id).limit(limit + 1))).scalars())
        more = len(rows) > limit
        rows = rows[:limit]
        return rows, (rows[-1].key_id if more else "")

    async def lookup(self, secret: str) -> KeyInfo | None:
        h = hash_key(secret)
        now = time.monotonic()
        hit = self._cache.get(h)
        if hit is not None and now - hit[0] < self.cache_seconds:
            return hit[1]
        async with self.db.session() as s:
            row = (await s.execute(select(ApiKeyRow).where(ApiKeyRow.key_hash == h))).scalar()
            info = None
            if row is not None and not row.revoked and (
                    row.expires_at is None or _aware(row.expires_at) > datetime.now(UTC)):
                info = _info(row)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[h] = (now, info)
        return info


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _info(row: ApiKeyRow) -> KeyInfo:
    return KeyInfo(row.key_id, row.tenant_id, row.name, frozenset(row.scopes.split()))
