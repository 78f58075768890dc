"""`RuntimeConfig`: a service's hot-reloadable settings, as versioned key → JSON values.

Applied from ``omni.control_plane.v1.ConfigChanged`` events addressed to the service (or
``"*"``). A change whose version is not newer than the one held for the key is ignored (stale
or replayed), so redelivery and out-of-order replays change nothing.

    cfg = service.config
    cfg.on_change("risk.max_order_notional", lambda key, value: limits.update(value))
    cfg.get("risk.max_order_notional", 1_000_000)
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["RuntimeConfig", "ConfigEntry"]

_MISSING = object()
Callback = Callable[[str, Any], Any]


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    key: str
    value: Any
    version: int
    deleted: bool = False


class RuntimeConfig:
    def __init__(self, service: str, initial: dict[str, Any] | None = None, logger: Any = None):
        self.service = service
        self._entries: dict[str, ConfigEntry] = {}
        self._callbacks: dict[str, list[Callback]] = {}
        self._log = logger
        for k, v in (initial or {}).items():
            self._entries[k] = ConfigEntry(k, v, 0)

    def get(self, key: str, default: Any = None) -> Any:
        e = self._entries.get(key)
        return default if e is None or e.deleted else e.value

    def version(self, key: str) -> int:
        e = self._entries.get(key)
        return e.version if e else 0

    def snapshot(self) -> dict[str, Any]:
        return {k: e.value for k, e in self._entries.items() if not e.deleted}

    def __contains__(self, key: str) -> bool:
        e = self._entries.get(key)
        return e is not None and not e.deleted

    def on_change(self, key: str, callback: Callback) -> Callback:
        """Call ``callback(key, value)`` (sync or async) after `key` changes; value None when
        deleted. ``"*"`` hears every key. Usable as a decorator via ``on_change(key)``."""
        self._callbacks.setdefault(key, []).append(callback)
        return callback

    def watch(self, key: str) -> Callable[[Callback], Callback]:
        def deco(fn: Callback) -> Callback:
            return self.on_change(key, fn)

        return deco

    async def apply(
        self, key: str, value: Any, version: int, *, deleted: bool = False
    ) -> bool:
        """Set `key` to `value` at `version`; returns False (and changes nothing) when the
        version is not newer than the one held."""
        current = self._entries.get(key)
        if current is not None and version <= current.version:
            return False
        self._entries[key] = ConfigEntry(key, None if deleted else value, version, deleted)
        for cb in (*self._callbacks.get(key, ()), *self._callbacks.get("*", ())):
            try:
                res = cb(key, None if deleted else value)
                if asyncio.iscoroutine(res):
                    await res
            except Exception as exc:  # a bad callback must not stop the others
                if self._log is not None:
                    self._log.error("config callback failed", key=key, error=repr(exc),
                                    exc_info=exc)
        if self._log is not None:
            self._log.info("config changed", key=key, version=version, deleted=deleted)
        return True

    async def apply_event(self, event: Any) -> bool:
        """Apply an ``omni.control_plane.v1.ConfigChanged``; ignores other services' keys."""
        if event.service not in (self.service, "*"):
            return False
        if event.deleted:
            return await self.apply(event.key, None, event.version, deleted=True)
        try:
            value = json.loads(event.value_json) if event.value_json else None
        except ValueError:
            if self._log is not None:
                self._log.warning("config value is not JSON; ignored", key=event.key,
                                  version=event.version)
            return False
        return await self.apply(event.key, value, event.version)
