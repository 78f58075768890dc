"""The same cases against real Redis and the in-process cache."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import ClassVar

import pytest
from omni_core.cache import Cache, InProcessCache, LockNotAcquired, make_cache
from omni_core.clock import SimulatedClock
from omni_core.settings import ServiceSettings, SettingsError

T0 = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(params=["redis", "inprocess"])
async def cache(request, redis_url, redis_prefix):
    # Redis expiry runs on the server's clock, so the TTL cases below use short real TTLs
    # only where expiry is observed through polling, never timed asserts.
    clock = SimulatedClock(T0)
    if request.param == "redis":
        c = Cache(redis_url, prefix=redis_prefix, clock=clock)
    else:
        c = InProcessCache(prefix=redis_prefix, clock=clock)
    yield c
    await c.close()


async def test_get_set_delete(cache):
    assert await cache.ping()
    assert await cache.get("k") is None
    assert await cache.set("k", "v1")
    assert await cache.get("k") == b"v1"
    assert await cache.set("n", 42) and await cache.get("n") == b"42"
    assert await cache.set("b", b"\x00\x01") and await cache.get("b") == b"\x00\x01"
    assert not await cache.set("k", "v2", nx=True)
    assert await cache.get("k") == b"v1"
    assert await cache.delete("k", "n", "missing") == 2
    assert await cache.get("k") is None


async def test_incr(cache):
    assert await cache.incr("c") == 1
    assert await cache.incr("c", 5) == 6
    assert await cache.incr("c", -2) == 4
    assert await cache.get("c") == b"4"
    await cache.set("s", "text")
    with pytest.raises(Exception, match="not an integer"):
        await cache.incr("s")


async def test_ttl_expires(cache):
    await cache.set("t", "x", ttl=30)
    left = await cache.ttl("t")
    assert left is not None and 0 < left <= 30
    assert await cache.ttl("k-without-ttl") is None
    await cache.set("short", "x", ttl=0.05)
    if isinstance(cache, InProcessCache):
        await cache.clock.advance(0.05)
    for _ in range(200):  # Redis expires on its own clock: poll, no timing assert
        if await cache.get("short") is None:
            break
        await asyncio.sleep(0.01)
    assert await cache.get("short") is None


async def test_fixed_window_rate_limit(cache):
    clock: SimulatedClock = cache.clock
    results = [await cache.rate_limit("acme", limit=3, window=60) for _ in range(5)]
    assert [r.allowed for r in results] == [True, True, True, False, False]
    assert [r.remaining for r in results[:3]] == [2, 1, 0]
    await clock.advance(60)  # next window
    assert (await cache.rate_limit("acme", limit=3, window=60)).allowed
    assert (await cache.rate_limit("other", limit=3, window=60)).allowed


async def test_sliding_window_rate_limit(cache):
    clock: SimulatedClock = cache.clock

    async def at(seconds: float) -> bool:
        await clock.advance(seconds - clock.monotonic())
        return (await cache.rate_limit("u", limit=2, window=10, sliding=True)).allowed

    # two in any 10 s: t=0 ok, t=4 ok, t=8 refused (not counted), t=10.5 ok (t=0 left the
    # window), t=11 refused (4 and 10.5 in the window), t=14.5 ok (t=4 left)
    assert [await at(x) for x in (0, 4, 8, 10.5, 11, 14.5)] == [
        True, True, False, True, False, True
    ]


async def test_lock(cache):
    async with cache.lock("rebalance", ttl=5):
        with pytest.raises(LockNotAcquired):
            async with cache.lock("rebalance", ttl=5):
                pass
        async with cache.lock("other", ttl=5):
            pass
    async with cache.lock("rebalance", ttl=5):
        pass


async def test_lock_waits_for_release(cache):
    order = []

    async def holder():
        async with cache.lock("w", ttl=5):
            order.append("held")
            await asyncio.sleep(0.05)
        order.append("released")

    t = asyncio.create_task(holder())
    while not order:  # noqa: ASYNC110
        await asyncio.sleep(0.005)
    async with cache.lock("w", ttl=5, wait=10):
        order.append("second")
    await t
    assert order == ["held", "released", "second"]


class DevSettings(ServiceSettings):
    service_name: ClassVar[str] = "analytics"


async def test_make_cache_rules(redis_url):
    assert isinstance(make_cache(DevSettings()), InProcessCache)
    c = make_cache(DevSettings(redis_url=redis_url))
    assert isinstance(c, Cache) and c.prefix == "analytics:"
    await c.close()
    prod = DevSettings(profile="production", kafka_bootstrap="k:9092", redis_url=redis_url,
                       database_url="postgresql+asyncpg://x@db/y")
    prod.redis_url = None  # even if someone clears it later, prod never gets the fallback
    with pytest.raises(SettingsError, match="OMNI_REDIS_URL"):
        make_cache(prod)
