"""`SqlConfigStore`: the config registry in PostgreSQL (asyncpg) or SQLite (aiosqlite).

Same semantics as `config.InMemoryConfigStore` (the rules live in `config.plan_put` /
`plan_delete`). A write is one transaction: the current row (compare-and-swap on its version,
so two concurrent writers cannot both win: the loser gets `VersionConflict`), the history row,
and, when an `Outbox` is given, the ConfigChanged event in the kit's outbox table. The kit's
`OutboxRelay` publishes it after the commit, at least once, with the outbox row id as event id
(kept in the history row).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from omni_core.db import Database
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from svc_control_plane.config import (
    ConfigEntry,
    VersionConflict,
    config_changed,
    plan_delete,
    plan_put,
)
from svc_control_plane.models import ConfigEntryRow, ConfigHistoryRow

__all__ = ["SqlConfigStore"]


def _aware(dt: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive (in UTC)
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _entry(row: ConfigEntryRow | ConfigHistoryRow) -> ConfigEntry:
    return ConfigEntry(
        service=row.service,
        key=row.key,
        value_json=row.value_json,
        version=int(row.version),
        changed_by=row.changed_by,
        reason=row.reason,
        changed_at=_aware(row.changed_at),
        created_at=_aware(row.created_at),
        deleted=bool(row.deleted),
        event_id=getattr(row, "event_id", ""),
    )


class SqlConfigStore:
    def __init__(
        self,
        db: Database,
        *,
        outbox: Any = None,
        topic: str = "system-monitoring",
        tenant_id: str | None = None,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.topic = topic
        self.tenant_id = tenant_id

    def _col(self, col: Any) -> Any:
        # byte order on every backend, so pages and "*" ordering agree with SQLite and Python
        return col.collate("C") if self.db.is_postgres else col

    async def _write(self, service: str, key: str, plan: Any) -> ConfigEntry:
        try:
            async with self.db.session() as s:
                q = select(ConfigEntryRow).where(
                    ConfigEntryRow.service == service, ConfigEntryRow.key == key
                )
                row = (await s.execute(q)).scalar_one_or_none()
                current = _entry(row) if row is not None else None
                new: ConfigEntry = plan(current)
                values = {
                    "value_json": new.value_json,
                    "version": new.version,
                    "deleted": new.deleted,
                    "changed_by": new.changed_by,
                    "reason": new.reason,
                    "created_at": new.created_at,
                    "changed_at": new.changed_at,
                }
                if row is None:
                    s.add(ConfigEntryRow(service=service, key=key, **values))
                    await s.flush()
                else:
                    res = await s.execute(
                        update(ConfigEntryRow)
                        .where(
                            ConfigEntryRow.service == service,
                            ConfigEntryRow.key == key,
                            ConfigEntryRow.version == row.version,
                        )
                        .values(**values)
                        .execution_options(synchronize_session=False)
                    )
                    if res.rowcount != 1:
                        raise VersionConflict(
                            f"config {service}/{key} was changed concurrently; re-read and retry"
                        )
                event_id = new.event_id
                if self.outbox is not None:
                    event_id = await self.outbox.add(
                        s, self.topic, service, config_changed(new), tenant_id=self.tenant_id
                    )
                s.add(ConfigHistoryRow(service=service, key=key, event_id=event_id, **values))
                await s.flush()
        except IntegrityError:
            raise VersionConflict(
                f"config {service}/{key} was changed concurrently; re-read and retry"
            ) from None
        return replace(new, event_id=event_id)

    async def put(
        self,
        service: str,
        key: str,
        value_json: str,
        *,
        expected_version: int | None,
        changed_by: str,
        reason: str,
        now: datetime,
    ) -> ConfigEntry:
        return await self._write(
            service,
            key,
            lambda current: plan_put(
                current,
                service=service,
                key=key,
                value_json=value_json,
                expected_version=expected_version,
                changed_by=changed_by,
                reason=reason,
                now=now,
            ),
        )

    async def delete(
        self,
        service: str,
        key: str,
        *,
        expected_version: int | None,
        changed_by: str,
        reason: str,
        now: datetime,
    ) -> ConfigEntry:
        return await self._write(
            service,
            key,
            lambda current: plan_delete(
                current,
                service=service,
                key=key,
                expected_version=expected_version,
                changed_by=changed_by,
                reason=reason,
                now=now,
            ),
        )

    async def get(self, service: str, key: str) -> ConfigEntry | None:
        async with self.db.session() as s:
            row = (
                await s.execute(
                    select(ConfigEntryRow).where(
                        ConfigEntryRow.service == service,
                        ConfigEntryRow.key == key,
                        ConfigEntryRow.deleted.is_(False),
                    )
                )
            ).scalar_one_or_none()
            return _entry(row) if row is not None else None

    async def list(
        self,
        services: list[str] | None,
        *,
        key_prefix: str,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[ConfigEntry]:
        k, svc = self._col(ConfigEntryRow.key), self._col(ConfigEntryRow.service)
        q = select(ConfigEntryRow).where(ConfigEntryRow.deleted.is_(False))
        if services is not None:
            q = q.where(ConfigEntryRow.service.in_(services))
        if key_prefix:
            q = q.where(ConfigEntryRow.key.startswith(key_prefix, autoescape=True))
        if after is not None:
            q = q.where(or_(k > after[0], and_(ConfigEntryRow.key == after[0], svc > after[1])))
        q = q.order_by(k, svc).limit(limit)
        async with self.db.session() as s:
            return [_entry(r) for r in (await s.execute(q)).scalars()]

    async def history(
        self, service: str, key: str, *, before_version: int | None, limit: int
    ) -> list[ConfigEntry]:
        q = select(ConfigHistoryRow).where(
            ConfigHistoryRow.service == service, ConfigHistoryRow.key == key
        )
        if before_version is not None:
            q = q.where(ConfigHistoryRow.version < before_version)
        q = q.order_by(ConfigHistoryRow.version.desc()).limit(limit)
        async with self.db.session() as s:
            return [_entry(r) for r in (await s.execute(q)).scalars()]

    # publishing is the kit outbox's job: nothing is pending here
    async def unpublished(self, limit: int) -> list[ConfigEntry]:
        return []

    async def mark_published(self, event_ids: list[str]) -> None:
        return None
