"""The config registry: versioned entries per (service, key), optimistic concurrency, history,
and the "*" scope that applies to every service.

Rules (the same for every store, in memory or SQL):

- ``service`` is a catalogue name or ``"*"``; ``key`` matches ``[A-Za-z0-9_.\\-/:]{1,200}``;
  ``value_json`` is valid JSON text (no NaN/Infinity) of at most 64 KiB.
- The version of a (service, key) starts at 1 and each put or delete adds one. Numbering goes
  on after a delete (the current row stays as a tombstone), so a receiver of ConfigChanged can
  always drop a change older than the one it applied.
- ``expected_version``: ``None`` writes unconditionally; ``0`` only creates (the key must not
  be live); ``N > 0`` requires the live version to be ``N``. A mismatch is `VersionConflict`
  (gRPC ABORTED: re-read and retry).
- Every write appends one history row carrying the event id of its ConfigChanged; the history
  row is also the outbox: it is marked published once the event was acknowledged, and rows
  left unpublished (crash between commit and publish) are published again later with the same
  event id, so consumers deduplicate them.

This module has no I/O: `ConfigStore` is the storage protocol, `InMemoryConfigStore` the
reference implementation (tests, and the semantics `repository.SqlConfigStore` must match),
and `ConfigRegistry` the validation + paging + publishing front used by the gRPC servicer.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

import grpc
from omni_core import catalogue
from omni_core.errors import InvalidArgument, NotFound, OmniError
from omni_core.ids import new_id

__all__ = [
    "GLOBAL",
    "ConfigEntry",
    "ConfigStore",
    "ConfigRegistry",
    "InMemoryConfigStore",
    "VersionConflict",
    "validate_service",
    "validate_key",
    "validate_value_json",
    "plan_put",
    "plan_delete",
]

GLOBAL = "*"
KEY_RE = re.compile(r"^[A-Za-z0-9_.\-/:]{1,200}$")
MAX_VALUE_BYTES = 64 * 1024
MAX_TEXT = 500
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class VersionConflict(OmniError):
    """The entry's version is not the expected one (or a concurrent writer won the race)."""

    code = grpc.StatusCode.ABORTED


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    service: str
    key: str
    value_json: str
    version: int
    changed_by: str
    reason: str
    changed_at: datetime
    created_at: datetime
    deleted: bool = False
    # Event id of the ConfigChanged announcing this version (history / outbox).
    event_id: str = ""


# ---- validation ------------------------------------------------------------------------


def validate_service(service: str, *, allow_global: bool = True) -> str:
    if service == GLOBAL and allow_global:
        return service
    if not service:
        raise InvalidArgument('service is required (a catalogue service name or "*")')
    if service not in catalogue.BY_NAME:
        raise InvalidArgument(f"unknown service {service!r}")
    return service


def validate_key(key: str) -> str:
    if not key:
        raise InvalidArgument("key is required")
    if not KEY_RE.match(key):
        raise InvalidArgument("key must be 1-200 characters of letters, digits and . _ - / :")
    return key


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def validate_value_json(value_json: str) -> str:
    if not value_json.strip():
        raise InvalidArgument("value_json is required (JSON text)")
    if len(value_json.encode()) > MAX_VALUE_BYTES:
        raise InvalidArgument(f"value_json is larger than {MAX_VALUE_BYTES} bytes")
    try:
        json.loads(value_json, parse_constant=_reject_constant)
    except ValueError as exc:
        raise InvalidArgument(f"value_json is not valid JSON: {exc}") from None
    return value_json


def _validate_text(name: str, value: str) -> str:
    if len(value) > MAX_TEXT:
        raise InvalidArgument(f"{name} is longer than {MAX_TEXT} characters")
    return value


def _validate_expected(expected_version: int | None) -> int | None:
    if expected_version is not None and expected_version < 0:
        raise InvalidArgument("expected_version must be >= 0")
    return expected_version


# ---- the version rules (pure) ----------------------------------------------------------


def _check_expected(current: ConfigEntry | None, expected: int | None, what: str) -> None:
    if expected is None:
        return
    live = current is not None and not current.deleted
    if expected == 0:
        if live:
            assert current is not None
            raise VersionConflict(
                f"{what} already exists at version {current.version}", current=current.version
            )
        return
    actual = current.version if live and current is not None else 0
    if actual != expected:
        state = f"at version {actual}" if actual else "absent"
        raise VersionConflict(f"{what} is {state}, expected version {expected}", current=actual)


def plan_put(
    current: ConfigEntry | None,
    *,
    service: str,
    key: str,
    value_json: str,
    expected_version: int | None,
    changed_by: str,
    reason: str,
    now: datetime,
) -> ConfigEntry:
    """The entry a put writes, given the current row (live or tombstone, or None)."""
    _check_expected(current, expected_version, f"config {service}/{key}")
    live = current is not None and not current.deleted
    return ConfigEntry(
        service=service,
        key=key,
        value_json=value_json,
        version=(current.version if current else 0) + 1,
        changed_by=changed_by,
        reason=reason,
        changed_at=now,
        created_at=current.created_at if live and current is not None else now,
        deleted=False,
        event_id=new_id(),
    )


def plan_delete(
    current: ConfigEntry | None,
    *,
    expected_version: int | None,
    changed_by: str,
    reason: str,
    now: datetime,
    service: str,
    key: str,
) -> ConfigEntry:
    """The tombstone a delete writes. NotFound when the key is not live."""
    if current is None or current.deleted:
        raise NotFound(f"config {service}/{key} not found")
    _check_expected(current, expected_version, f"config {service}/{key}")
    return replace(
        current,
        value_json="",
        version=current.version + 1,
        changed_by=changed_by,
        reason=reason,
        changed_at=now,
        deleted=True,
        event_id=new_id(),
    )


# ---- storage protocol ------------------------------------------------------------------


class ConfigStore(Protocol):
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
        """Writes the entry and its history row atomically; returns the new version."""
        ...

    async def delete(
        self,
        service: str,
        key: str,
        *,
        expected_version: int | None,
        changed_by: str,
        reason: str,
        now: datetime,
    ) -> ConfigEntry: ...

    async def get(self, service: str, key: str) -> ConfigEntry | None:
        """The live entry, or None (absent or deleted)."""
        ...

    async def list(
        self,
        services: list[str] | None,
        *,
        key_prefix: str,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[ConfigEntry]:
        """Live entries of these services (None: all), ordered by (key, service), strictly
        after the (key, service) cursor."""
        ...

    async def history(
        self, service: str, key: str, *, before_version: int | None, limit: int
    ) -> list[ConfigEntry]:
        """History rows, newest first, with version < before_version when given."""
        ...

    async def unpublished(self, limit: int) -> list[ConfigEntry]:
        """History rows whose ConfigChanged was not acknowledged yet, oldest first."""
        ...

    async def mark_published(self, event_ids: list[str]) -> None: ...


def _sort_key(e: ConfigEntry) -> tuple[str, str]:
    # "*" sorts before every service name ("*" < "a" in ASCII).
    return (e.key, e.service)


class InMemoryConfigStore:
    """Reference `ConfigStore` (dicts; no persistence)."""

    def __init__(self) -> None:
        self._current: dict[tuple[str, str], ConfigEntry] = {}
        self._history: dict[tuple[str, str], list[ConfigEntry]] = {}
        self._unpublished: dict[str, ConfigEntry] = {}

    def _record(self, entry: ConfigEntry) -> ConfigEntry:
        self._current[(entry.service, entry.key)] = entry
        self._history.setdefault((entry.service, entry.key), []).append(entry)
        self._unpublished[entry.event_id] = entry
        return entry

    async def put(self, service, key, value_json, *, expected_version, changed_by, reason, now):  # type: ignore[no-untyped-def]
        current = self._current.get((service, key))
        return self._record(
            plan_put(
                current,
                service=service,
                key=key,
                value_json=value_json,
                expected_version=expected_version,
                changed_by=changed_by,
                reason=reason,
                now=now,
            )
        )

    async def delete(self, service, key, *, expected_version, changed_by, reason, now):  # type: ignore[no-untyped-def]
        current = self._current.get((service, key))
        return self._record(
            plan_delete(
                current,
                service=service,
                key=key,
                expected_version=expected_version,
                changed_by=changed_by,
                reason=reason,
                now=now,
            )
        )

    async def get(self, service: str, key: str) -> ConfigEntry | None:
        e = self._current.get((service, key))
        return e if e is not None and not e.deleted else None

    async def list(self, services, *, key_prefix, after, limit):  # type: ignore[no-untyped-def]
        rows = sorted(
            (
                e
                for e in self._current.values()
                if not e.deleted
                and (services is None or e.service in services)
                and e.key.startswith(key_prefix)
                and (after is None or _sort_key(e) > after)
            ),
            key=_sort_key,
        )
        return rows[:limit]

    async def history(self, service, key, *, before_version, limit):  # type: ignore[no-untyped-def]
        rows = [
            e
            for e in reversed(self._history.get((service, key), []))
            if before_version is None or e.version < before_version
        ]
        return rows[:limit]

    async def unpublished(self, limit: int) -> list[ConfigEntry]:
        return sorted(self._unpublished.values(), key=lambda e: (e.changed_at, e.version))[:limit]

    async def mark_published(self, event_ids: list[str]) -> None:
        for eid in event_ids:
            self._unpublished.pop(eid, None)


# ---- paging ----------------------------------------------------------------------------


def _page_size(requested: int) -> int:
    if requested < 0:
        raise InvalidArgument("page_size must be >= 0")
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _encode_token(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def _decode_token(token: str) -> object:
    try:
        pad = "=" * (-len(token) % 4)
        return json.loads(base64.urlsafe_b64decode(token + pad))
    except ValueError:
        raise InvalidArgument("page_token is not valid") from None


# ---- the registry ----------------------------------------------------------------------

Publisher = Callable[[ConfigEntry], Awaitable[None]]


@dataclass(slots=True)
class Page:
    entries: list[ConfigEntry]
    next_token: str


class ConfigRegistry:
    """Validates requests, applies them to the store, and publishes ConfigChanged for each
    committed write through ``publish`` (then marks the history row published). A failed
    publish leaves the row unpublished for `republish_pending` to retry; the write itself
    stands."""

    def __init__(
        self,
        store: ConfigStore,
        publish: Publisher | None = None,
        now: Callable[[], datetime] | None = None,
        on_publish_error: Callable[[ConfigEntry, BaseException], None] | None = None,
    ) -> None:
        self.store = store
        self._publish = publish
        self._now = now or (lambda: datetime.now(UTC))
        self._on_publish_error = on_publish_error

    async def put(
        self,
        service: str,
        key: str,
        value_json: str,
        *,
        expected_version: int | None = None,
        changed_by: str = "",
        reason: str = "",
    ) -> ConfigEntry:
        entry = await self.store.put(
            validate_service(service),
            validate_key(key),
            validate_value_json(value_json),
            expected_version=_validate_expected(expected_version),
            changed_by=_validate_text("changed_by", changed_by),
            reason=_validate_text("reason", reason),
            now=self._now(),
        )
        await self._announce(entry)
        return entry

    async def delete(
        self,
        service: str,
        key: str,
        *,
        expected_version: int | None = None,
        changed_by: str = "",
        reason: str = "",
    ) -> ConfigEntry:
        entry = await self.store.delete(
            validate_service(service),
            validate_key(key),
            expected_version=_validate_expected(expected_version),
            changed_by=_validate_text("changed_by", changed_by),
            reason=_validate_text("reason", reason),
            now=self._now(),
        )
        await self._announce(entry)
        return entry

    async def get(
        self, service: str, key: str, *, fall_back_to_global: bool = False
    ) -> ConfigEntry:
        service = validate_service(service)
        key = validate_key(key)
        entry = await self.store.get(service, key)
        if entry is None and fall_back_to_global and service != GLOBAL:
            entry = await self.store.get(GLOBAL, key)
        if entry is None:
            raise NotFound(f"config {service}/{key} not found")
        return entry

    async def list(
        self,
        service: str = "",
        *,
        key_prefix: str = "",
        exclude_global: bool = False,
        page_size: int = 0,
        page_token: str = "",
    ) -> Page:
        if service == "":
            services: list[str] | None = None
        elif service == GLOBAL:
            services = [GLOBAL]
        else:
            validate_service(service)
            services = [service] if exclude_global else [GLOBAL, service]
        limit = _page_size(page_size)
        after: tuple[str, str] | None = None
        if page_token:
            raw = _decode_token(page_token)
            if not (
                isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, str) for x in raw)
            ):
                raise InvalidArgument("page_token is not valid")
            after = (raw[0], raw[1])
        rows = await self.store.list(services, key_prefix=key_prefix, after=after, limit=limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        token = _encode_token(list(_sort_key(rows[-1]))) if more else ""
        return Page(rows, token)

    async def history(
        self, service: str, key: str, *, page_size: int = 0, page_token: str = ""
    ) -> Page:
        service = validate_service(service)
        key = validate_key(key)
        limit = _page_size(page_size)
        before: int | None = None
        if page_token:
            raw = _decode_token(page_token)
            if not isinstance(raw, int) or raw < 1:
                raise InvalidArgument("page_token is not valid")
            before = raw
        rows = await self.store.history(service, key, before_version=before, limit=limit + 1)
        if not rows and before is None:
            raise NotFound(f"config {service}/{key} has no history")
        more = len(rows) > limit
        rows = rows[:limit]
        return Page(rows, _encode_token(rows[-1].version) if more else "")

    async def _announce(self, entry: ConfigEntry) -> None:
        if self._publish is None:
            return
        try:
            await self._publish(entry)
        except Exception as exc:  # the write is committed; the outbox retry will publish it
            if self._on_publish_error is not None:
                self._on_publish_error(entry, exc)
            return
        await self.store.mark_published([entry.event_id])

    async def republish_pending(self, limit: int = 100) -> int:
        """Publishes history rows whose event was never acknowledged (same event ids, in
        write order). Returns how many were published."""
        if self._publish is None:
            return 0
        done: list[str] = []
        try:
            for entry in await self.store.unpublished(limit):
                await self._publish(entry)
                done.append(entry.event_id)
        finally:
            if done:
                await self.store.mark_published(done)
        return len(done)


def config_changed(entry: ConfigEntry):  # type: ignore[no-untyped-def]
    """The ConfigChanged event announcing one written version (published on
    system-monitoring with the target service name, or "*", as key)."""
    from omni.control_plane.v1 import events_pb2 as cp

    return cp.ConfigChanged(
        service=entry.service,
        key=entry.key,
        value_json=entry.value_json,
        version=entry.version,
        changed_by=entry.changed_by,
        reason=entry.reason,
        deleted=entry.deleted,
    )
