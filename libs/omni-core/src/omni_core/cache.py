"""Cache, rate limits and locks: Redis (redis.asyncio), or an in-process stand-in with the same
API that is allowed only in the dev profile without ``OMNI_REDIS_URL`` (`make_cache`).

    cache = make_cache(settings)
    await cache.set("quote:AAPL", b"...", ttl=5)
    decision = await cache.rate_limit("tenant:acme", limit=100, window=1.0, sliding=True)
    async with cache.lock("rebalance:acct-1", ttl=30):
        ...

Values are bytes on the way out; str/int/float are stored as their UTF-8 text (like Redis).
Every key is prefixed with `prefix` (default ``<service>:``).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from omni_core.clock import Clock, RealClock

__all__ = [
    "CacheAPI",
    "Cache",
    "InProcessCache",
    "RateDecision",
    "LockNotAcquired",
    "make_cache",
]

Value = bytes | str | int | float


class LockNotAcquired(Exception):
    pass


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    count: int  # requests counted in the current window, this one included if allowed
    remaining: int
    limit: int

    def __bool__(self) -> bool:
        return self.allowed


def _b(value: Value) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, bool):
        return b"1" if value else b"0"
    return str(value).encode()


class CacheAPI(Protocol):
    prefix: str

    async def get(self, key: str) -> bytes | None: ...
    async def set(self, key: str, value: Value, ttl: float | None = None, *,
                  nx: bool = False) -> bool: ...
    async def delete(self, *keys: str) -> int: ...
    async def incr(self, key: str, amount: int = 1, ttl: float | None = None) -> int: ...
    async def rate_limit(self, key: str, limit: int, window: float, *,
                         sliding: bool = False) -> RateDecision: ...
    def lock(self, name: str, ttl: float = 10.0, *, wait: float = 0.0) -> Any: ...
    async def ping(self, timeout: float = 2.0) -> bool: ...  # noqa: ASYNC109
    async def close(self) -> None: ...


_SLIDING = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local member = ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, member)
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', key, math.ceil(window * 1000))
return {allowed, count}
"""

_FIXED = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class Cache:
    """Redis-backed cache."""

    def __init__(
        self, url: str, *, prefix: str = "", clock: Clock | None = None, client: Any = None
    ) -> None:
        import redis.asyncio as redis

        self.url = url
        self.prefix = prefix
        self.clock = clock or RealClock()
        self.redis = client or redis.Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
        )
        self._sliding = self.redis.register_script(_SLIDING)
        self._fixed = self.redis.register_script(_FIXED)
        self._release = self.redis.register_script(_RELEASE)

    def k(self, key: str) -> str:
        return self.prefix + key

    async def get(self, key: str) -> bytes | None:
        return await self.redis.get(self.k(key))

    async def set(self, key: str, value: Value, ttl: float | None = None, *,
                  nx: bool = False) -> bool:
        px = max(1, int(ttl * 1000)) if ttl is not None else None
        return bool(await self.redis.set(self.k(key), _b(value), px=px, nx=nx))

    async def delete(self, *keys: str) -> int:
        if not keys:
            return 0
        return int(await self.redis.delete(*(self.k(k) for k in keys)))

    async def incr(self, key: str, amount: int = 1, ttl: float | None = None) -> int:
        if ttl is None:
            return int(await self.redis.incrby(self.k(key), amount))
        async with self.redis.pipeline(transaction=True) as p:
            p.incrby(self.k(key), amount)
            p.pexpire(self.k(key), max(1, int(ttl * 1000)), nx=True)
            res = await p.execute()
        return int(res[0])

    async def ttl(self, key: str) -> float | None:
        ms = await self.redis.pttl(self.k(key))
        return None if ms < 0 else ms / 1000

    async def rate_limit(self, key: str, limit: int, window: float, *,
                         sliding: bool = False) -> RateDecision:
        now = self.clock.time()
        if sliding:
            allowed, count = await self._sliding(
                keys=[self.k(f"rl:s:{key}")],
                args=[repr(now), repr(window), limit, f"{now!r}:{uuid.uuid4().hex[:8]}"],
            )
            return RateDecision(bool(allowed), int(count), max(0, limit - int(count)), limit)
        bucket = math.floor(now / window)
        count = int(
            await self._fixed(
                keys=[self.k(f"rl:f:{key}:{bucket}")], args=[max(1, int(window * 1000))]
            )
        )
        allowed = count <= limit
        return RateDecision(allowed, count, max(0, limit - count), limit)

    @contextlib.asynccontextmanager
    async def lock(self, name: str, ttl: float = 10.0, *, wait: float = 0.0) -> AsyncIterator[str]:
        """Hold ``name`` for at most `ttl` seconds; wait up to `wait` seconds to get it, else
        raise `LockNotAcquired`."""
        token = uuid.uuid4().hex
        key = self.k(f"lock:{name}")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while not await self.redis.set(key, token, px=max(1, int(ttl * 1000)), nx=True):
            if loop.time() >= deadline:
                raise LockNotAcquired(name)
            await asyncio.sleep(0.01)
        try:
            yield token
        finally:
            await self._release(keys=[key], args=[token])

    async def ping(self, timeout: float = 2.0) -> bool:  # noqa: ASYNC109
        try:
            async with asyncio.timeout(timeout):
                return bool(await self.redis.ping())
        except Exception:
            return False

    async def clear_prefix(self) -> int:
        """Delete every key under this cache's prefix (tests)."""
        n = 0
        async for key in self.redis.scan_iter(match=f"{self.prefix}*", count=500):
            n += await self.redis.delete(key)
        return n

    async def close(self) -> None:
        await self.redis.aclose()


class InProcessCache:
    """The same API in process memory: the dev profile's stand-in for Redis. Expiry follows
    `clock` (so a SimulatedClock drives it deterministically)."""

    def __init__(self, *, prefix: str = "", clock: Clock | None = None) -> None:
        self.prefix = prefix
        self.clock = clock or RealClock()
        self._data: dict[str, tuple[bytes, float | None]] = {}
        self._zsets: dict[str, list[float]] = {}

    def k(self, key: str) -> str:
        return self.prefix + key

    def _live(self, k: str) -> tuple[bytes, float | None] | None:
        entry = self._data.get(k)
        if entry is None:
            return None
        if entry[1] is not None and entry[1] <= self.clock.time():
            del self._data[k]
            return None
        return entry

    async def get(self, key: str) -> bytes | None:
        entry = self._live(self.k(key))
        return entry[0] if entry else None

    async def set(self, key: str, value: Value, ttl: float | None = None, *,
                  nx: bool = False) -> bool:
        k = self.k(key)
        if nx and self._live(k) is not None:
            return False
        self._data[k] = (_b(value), self.clock.time() + ttl if ttl is not None else None)
        return True

    async def delete(self, *keys: str) -> int:
        n = 0
        for key in keys:
            k = self.k(key)
            if self._live(k) is not None:
                del self._data[k]
                n += 1
        return n

    async def incr(self, key: str, amount: int = 1, ttl: float | None = None) -> int:
        k = self.k(key)
        entry = self._live(k)
        if entry is None:
            value, exp = 0, (self.clock.time() + ttl if ttl is not None else None)
        else:
            try:
                value = int(entry[0])
            except ValueError:
                raise ValueError("value is not an integer or out of range") from None
            exp = entry[1]
            if exp is None and ttl is not None:
                exp = self.clock.time() + ttl
        value += amount
        self._data[k] = (str(value).encode(), exp)
        return value

    async def ttl(self, key: str) -> float | None:
        entry = self._live(self.k(key))
        if entry is None or entry[1] is None:
            return None
        return entry[1] - self.clock.time()

    async def rate_limit(self, key: str, limit: int, window: float, *,
                         sliding: bool = False) -> RateDecision:
        now = self.clock.time()
        if sliding:
            k = self.k(f"rl:s:{key}")
            stamps = [t for t in self._zsets.get(k, []) if t > now - window]
            allowed = len(stamps) < limit
            if allowed:
                stamps.append(now)
            self._zsets[k] = stamps
            return RateDecision(allowed, len(stamps), max(0, limit - len(stamps)), limit)
        bucket = math.floor(now / window)
        count = await self.incr(f"rl:f:{key}:{bucket}", 1, ttl=window)
        allowed = count <= limit
        return RateDecision(allowed, count, max(0, limit - count), limit)

    @contextlib.asynccontextmanager
    async def lock(self, name: str, ttl: float = 10.0, *, wait: float = 0.0) -> AsyncIterator[str]:
        token = uuid.uuid4().hex
        key = f"lock:{name}"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while not await self.set(key, token, ttl=ttl, nx=True):
            if loop.time() >= deadline:
                raise LockNotAcquired(name)
            await asyncio.sleep(0.01)
        try:
            yield token
        finally:
            entry = self._live(self.k(key))
            if entry is not None and entry[0] == token.encode():
                del self._data[self.k(key)]

    async def ping(self, timeout: float = 2.0) -> bool:  # noqa: ASYNC109
        return True

    async def clear_prefix(self) -> int:
        n = len(self._data) + len(self._zsets)
        self._data.clear()
        self._zsets.clear()
        return n

    async def close(self) -> None:
        pass


def make_cache(settings: Any, *, clock: Clock | None = None, prefix: str | None = None) -> Any:
    """Redis when ``OMNI_REDIS_URL`` is set; the in-process cache only in the dev profile."""
    from omni_core.settings import SettingsError

    pfx = prefix if prefix is not None else f"{settings.service_name}:"
    if settings.redis_url:
        return Cache(settings.redis_url, prefix=pfx, clock=clock)
    if settings.profile != "dev":
        raise SettingsError([("OMNI_REDIS_URL", f"required in the {settings.profile} profile")])
    return InProcessCache(prefix=pfx, clock=clock)
