"""Tenants of the gateway: plan, status, trading accounts, quota and white-label branding, in
the service database (table ``gw_tenants``), and the per-tenant quota enforcement on the REST
API through the kit cache's rate limiter (Redis in a cluster, in-process in dev).

Quota fields (``omni.api_gateway.v1.Quota``; 0 = unlimited):

- ``requests_per_second`` with ``burst``: at most ``max(burst, ceil(rps))`` requests in each
  1-second window;
- ``requests_per_day``: requests per UTC day;
- ``orders_per_minute``: order submissions per minute;
- ``max_api_keys``: keys a tenant may hold (checked by CreateApiKey).

The store keeps a short in-process cache of tenants (the REST layer reads a tenant on every
request); writes through this store drop it at once.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from google.protobuf.json_format import MessageToDict, ParseDict
from omni.api_gateway.v1 import api_gateway_service_pb2 as pb
from omni_core.errors import AlreadyExists, InvalidArgument, NotFound
from sqlalchemy import func, select

from svc_api_gateway.models import ApiKeyRow, TenantRow

__all__ = ["TenantStore", "QuotaGate", "QuotaDecision", "plan_quota", "validate_branding",
           "validate_quota", "DEFAULT_PAGE"]

DEFAULT_PAGE = 100
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_URL = re.compile(r"^(?:https?://[^\s\"'<>()\\]+|/[^\s\"'<>()\\]*)$")
_EMAIL = re.compile(r"^[^@\s\"'<>]+@[^@\s\"'<>]+\.[^@\s\"'<>]+$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")

_PLANS: dict[int, dict[str, float]] = {
    pb.TENANT_PLAN_FREE: dict(requests_per_second=5, burst=10, requests_per_day=10_000,
                              orders_per_minute=30, max_api_keys=5, max_strategies=5),
    pb.TENANT_PLAN_PROFESSIONAL: dict(requests_per_second=50, burst=100,
                                      requests_per_day=1_000_000, orders_per_minute=600,
                                      max_api_keys=50, max_strategies=50),
    pb.TENANT_PLAN_ENTERPRISE: {},  # unlimited
}


def plan_quota(plan: int) -> pb.Quota:
    return pb.Quota(**_PLANS.get(plan, _PLANS[pb.TENANT_PLAN_FREE]))  # type: ignore[arg-type]


def validate_quota(q: pb.Quota) -> None:
    if not math.isfinite(q.requests_per_second):
        raise InvalidArgument("quota.requests_per_second must be a finite number")
    for f in ("requests_per_second", "burst", "requests_per_day", "orders_per_minute",
              "max_api_keys", "max_strategies"):
        if getattr(q, f) < 0:
            raise InvalidArgument(f"quota.{f} must not be negative (0 = unlimited)")


def validate_branding(b: pb.Branding) -> None:
    if len(b.display_name) > 200:
        raise InvalidArgument("branding.display_name is longer than 200 characters")
    if len(b.footer_text) > 500:
        raise InvalidArgument("branding.footer_text is longer than 500 characters")
    for f in ("primary_color", "secondary_color"):
        v = getattr(b, f)
        if v and not _COLOR.match(v):
            raise InvalidArgument(f"branding.{f} must be a CSS hex colour like #0b5fff, "
                                  f"not {v!r}")
    for f in ("logo_url", "favicon_url"):
        v = getattr(b, f)
        if v and (len(v) > 2000 or not _URL.match(v)):
            raise InvalidArgument(f"branding.{f} must be an http(s) URL or an absolute path")
    if b.support_email and not _EMAIL.match(b.support_email):
        raise InvalidArgument(f"branding.support_email is not an e-mail address: "
                              f"{b.support_email!r}")
    if b.custom_domain and not _DOMAIN.match(b.custom_domain.lower()):
        raise InvalidArgument(f"branding.custom_domain is not a host name: {b.custom_domain!r}")


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidArgument("name is required")
    if len(name) > 200:
        raise InvalidArgument("name is longer than 200 characters")
    return name


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]
    if not s:
        raise InvalidArgument(f"name {name!r} has no letters or digits to make a tenant id of")
    return s


def _accounts(ids: Any) -> str:
    out = []
    for a in ids:
        if not _ID.match(a):
            raise InvalidArgument(f"bad account id {a!r}")
        if a not in out:
            out.append(a)
    return " ".join(out)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _dump(msg: Any) -> str:
    return json.dumps(MessageToDict(msg, preserving_proto_field_name=True), sort_keys=True)


def to_proto(row: TenantRow) -> pb.Tenant:
    t = pb.Tenant(tenant_id=row.tenant_id, name=row.name, status=row.status, plan=row.plan,
                  account_ids=row.account_ids.split())
    ParseDict(json.loads(row.quota or "{}"), t.quota)
    ParseDict(json.loads(row.branding or "{}"), t.branding)
    t.created_at.FromDatetime(_aware(row.created_at))
    t.updated_at.FromDatetime(_aware(row.updated_at))
    return t


class TenantStore:
    def __init__(self, db: Any, *, cache_seconds: float = 2.0) -> None:
        self.db = db
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, pb.Tenant | None]] = {}

    def _drop(self) -> None:
        self._cache.clear()

    async def ensure_default(self, tenant_id: str, *, accounts: list[str], title: str) -> pb.Tenant:
        """The default tenant, created at start when missing (enterprise plan: no quota, so
        the development tenant and key behave as before tenants existed)."""
        async with self.db.session() as s:
            row = await s.get(TenantRow, tenant_id)
            if row is None:
                now = datetime.now(UTC)
                name = tenant_id if tenant_id != "default" else "Default"
                taken = (await s.execute(select(TenantRow).where(
                    TenantRow.name_key == name.lower()))).scalar()
                if taken is not None:
                    name = f"{name} ({tenant_id})"
                row = TenantRow(tenant_id=tenant_id, name=name, name_key=name.lower(),
                                status=pb.TENANT_STATUS_ACTIVE, plan=pb.TENANT_PLAN_ENTERPRISE,
                                account_ids=_accounts(accounts),
                                quota=_dump(plan_quota(pb.TENANT_PLAN_ENTERPRISE)),
                                branding=_dump(pb.Branding(display_name=title)),
                                custom_domain=None, created_at=now, updated_at=now)
                s.add(row)
            t = to_proto(row)
        self._drop()
        return t

    async def create(self, name: str, plan: int, quota: pb.Quota | None,
                     branding: pb.Branding | None) -> pb.Tenant:
        name = _name(name)
        if plan not in _PLANS and plan != pb.TENANT_PLAN_UNSPECIFIED:
            raise InvalidArgument(f"unknown plan {plan}")
        plan = plan or pb.TENANT_PLAN_FREE
        q = quota if quota is not None else plan_quota(plan)
        validate_quota(q)
        b = pb.Branding()
        if branding is not None:
            b.CopyFrom(branding)  # a copy: the caller's message is left alone
        validate_branding(b)
        b.display_name = b.display_name or name
        tid = _slug(name)
        now = datetime.now(UTC)
        async with self.db.session() as s:
            dup = (await s.execute(select(TenantRow).where(
                (TenantRow.name_key == name.lower()) | (TenantRow.tenant_id == tid)))).scalar()
            if dup is not None:
                raise AlreadyExists(f"a tenant named {name!r} already exists "
                                    f"({dup.tenant_id})")
            await self._domain_free(s, b.custom_domain, tid)
            row = TenantRow(tenant_id=tid, name=name, name_key=name.lower(),
                            status=pb.TENANT_STATUS_ACTIVE, plan=plan, account_ids="",
                            quota=_dump(q), branding=_dump(b),
                            custom_domain=b.custom_domain.lower() or None,
                            created_at=now, updated_at=now)
            s.add(row)
            t = to_proto(row)
        self._drop()
        return t

    async def _domain_free(self, s: Any, domain: str, tid: str) -> None:
        if not domain:
            return
        other = (await s.execute(select(TenantRow).where(
            TenantRow.custom_domain == domain.lower()))).scalar()
        if other is not None and other.tenant_id != tid:
            raise AlreadyExists(f"custom domain {domain!r} belongs to tenant {other.tenant_id!r}")

    async def get(self, tenant_id: str) -> pb.Tenant:
        if not tenant_id:
            raise InvalidArgument("tenant_id is required")
        async with self.db.session() as s:
            row = await s.get(TenantRow, tenant_id)
            if row is None:
                raise NotFound(f"unknown tenant {tenant_id!r}")
            return to_proto(row)

    async def cached(self, tenant_id: str) -> pb.Tenant | None:
        """The tenant (None when unknown), from a cache of `cache_seconds`."""
        now = time.monotonic()
        hit = self._cache.get(tenant_id)
        if hit is not None and now - hit[0] < self.cache_seconds:
            return hit[1]
        try:
            t: pb.Tenant | None = await self.get(tenant_id)
        except NotFound:
            t = None
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[tenant_id] = (now, t)
        return t

    async def by_domain(self, domain: str) -> pb.Tenant | None:
        host = domain.lower().split(":")[0]
        async with self.db.session() as s:
            row = (await s.execute(select(TenantRow).where(
                TenantRow.custom_domain == host))).scalar()
            return to_proto(row) if row is not None else None

    async def list(self, statuses: list[int], page_size: int, page_token: str
                   ) -> tuple[list[pb.Tenant], str, int]:
        size = page_size if page_size > 0 else DEFAULT_PAGE
        size = min(size, 1000)
        async with self.db.session() as s:
            q = select(TenantRow)
            cq = select(func.count()).select_from(TenantRow)
            if statuses:
                q = q.where(TenantRow.status.in_(statuses))
                cq = cq.where(TenantRow.status.in_(statuses))
            total = int((await s.execute(cq)).scalar() or 0)
            if page_token:
                q = q.where(TenantRow.tenant_id > page_token)
            rows = (await s.execute(q.order_by(TenantRow.tenant_id).limit(size + 1))).scalars()
            rows = list(rows)
            more = len(rows) > size
            rows = rows[:size]
            return [to_proto(r) for r in rows], (rows[-1].tenant_id if more else ""), total

    async def update(self, tenant_id: str, *, name: str = "", status: int = 0, plan: int = 0,
                     account_ids: list[str] | None = None) -> pb.Tenant:
        if not tenant_id:
            raise InvalidArgument("tenant_id is required")
        if status and status not in pb.TenantStatus.values():
            raise InvalidArgument(f"unknown status {status}")
        if plan and plan not in _PLANS:
            raise InvalidArgument(f"unknown plan {plan}")
        async with self.db.session() as s:
            row = await s.get(TenantRow, tenant_id)
            if row is None:
                raise NotFound(f"unknown tenant {tenant_id!r}")
            if name:
                new = _name(name)
                dup = (await s.execute(select(TenantRow).where(
                    TenantRow.name_key == new.lower(),
                    TenantRow.tenant_id != tenant_id))).scalar()
                if dup is not None:
                    raise AlreadyExists(f"a tenant named {new!r} already exists "
                                        f"({dup.tenant_id})")
                row.name, row.name_key = new, new.lower()
            if status:
                row.status = status
            if plan:
                row.plan = plan
            if account_ids:
                row.account_ids = _accounts(account_ids)
            row.updated_at = datetime.now(UTC)
            t = to_proto(row)
        self._drop()
        return t

    async def set_quota(self, tenant_id: str, quota: pb.Quota) -> pb.Tenant:
        if not tenant_id:
            raise InvalidArgument("tenant_id is required")
        validate_quota(quota)
        async with self.db.session() as s:
            row = await s.get(TenantRow, tenant_id)
            if row is None:
                raise NotFound(f"unknown tenant {tenant_id!r}")
            row.quota = _dump(quota)
            row.updated_at = datetime.now(UTC)
            t = to_proto(row)
        self._drop()
        return t

    async def set_branding(self, tenant_id: str, branding: pb.Branding) -> pb.Branding:
        if not tenant_id:
            raise InvalidArgument("tenant_id is required")
        validate_branding(branding)
        async with self.db.session() as s:
            row = await s.get(TenantRow, tenant_id)
            if row is None:
                raise NotFound(f"unknown tenant {tenant_id!r}")
            await self._domain_free(s, branding.custom_domain, tenant_id)
            row.branding = _dump(branding)
            row.custom_domain = branding.custom_domain.lower() or None
            row.updated_at = datetime.now(UTC)
            t = to_proto(row)
        self._drop()
        return t.branding

    async def key_count(self, tenant_id: str) -> int:
        async with self.db.session() as s:
            return int((await s.execute(select(func.count()).select_from(ApiKeyRow).where(
                ApiKeyRow.tenant_id == tenant_id, ApiKeyRow.revoked.is_(False)))).scalar() or 0)


# ---- quota enforcement ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuotaDecision:
    allowed: bool
    reason: str = ""  # "requests_per_second", "requests_per_day", "orders_per_minute"
    limit: int = 0
    retry_after: int = 0


_UNLIMITED = 2**62
DAY = 86_400.0


class QuotaGate:
    """Counts and limits a tenant's requests and orders with the kit cache's fixed-window
    `rate_limit` (the day window's counter doubles as the day's request count)."""

    def __init__(self, cache: Any) -> None:
        self.cache = cache

    def _now(self) -> float:
        clock = getattr(self.cache, "clock", None)
        return clock.time() if clock is not None else time.time()

    def _retry(self, window: float) -> int:
        now = self._now()
        return max(1, math.ceil((math.floor(now / window) + 1) * window - now))

    async def _throttled(self, tenant_id: str) -> None:
        await self.cache.incr(f"q:{tenant_id}:throttled:{math.floor(self._now() / DAY)}", 1,
                              ttl=DAY)

    async def request(self, tenant: pb.Tenant) -> QuotaDecision:
        q, tid = tenant.quota, tenant.tenant_id
        day = await self.cache.rate_limit(f"q:{tid}:day", q.requests_per_day or _UNLIMITED, DAY)
        if not day.allowed:
            await self._throttled(tid)
            return QuotaDecision(False, "requests_per_day", q.requests_per_day,
                                 self._retry(DAY))
        if q.requests_per_second > 0 or q.burst > 0:
            limit = max(q.burst, math.ceil(q.requests_per_second)) if q.requests_per_second \
                else q.burst
            sec = await self.cache.rate_limit(f"q:{tid}:sec", limit, 1.0)
            if not sec.allowed:
                await self._throttled(tid)
                return QuotaDecision(False, "requests_per_second", limit, 1)
        return QuotaDecision(True)

    async def order(self, tenant: pb.Tenant) -> QuotaDecision:
        q, tid = tenant.quota, tenant.tenant_id
        d = await self.cache.rate_limit(f"q:{tid}:orders", q.orders_per_minute or _UNLIMITED,
                                        60.0)
        if not d.allowed:
            await self._throttled(tid)
            return QuotaDecision(False, "orders_per_minute", q.orders_per_minute,
                                 self._retry(60.0))
        return QuotaDecision(True)

    async def usage(self, tenant_id: str) -> tuple[int, int, int]:
        """(requests today, throttled today, orders this minute)."""
        now = self._now()

        async def n(key: str) -> int:
            v = await self.cache.get(key)
            return int(v) if v else 0

        day = math.floor(now / DAY)
        return (await n(f"rl:f:q:{tenant_id}:day:{day}"),
                await n(f"q:{tenant_id}:throttled:{day}"),
                min(await n(f"rl:f:q:{tenant_id}:orders:{math.floor(now / 60.0)}"), 2**31 - 1))
