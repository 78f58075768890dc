"""Database and cache fixtures against the real servers.

    async def test_x(postgres_url):              # PgTarget(url, schema): a fresh schema
        db = Database(postgres_url.url, schema=postgres_url.schema)   # or postgres_url.database()

    async def test_y(sqlite_url): ...            # sqlite+aiosqlite:///<tmp>/test.db
    async def test_z(redis_url, redis_prefix): ...   # fresh key prefix, keys deleted after

``OMNI_TEST_POSTGRES_URL`` / ``OMNI_TEST_REDIS_URL`` point them at other servers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

__all__ = [
    "PgTarget",
    "postgres_url",
    "postgres_server_url",
    "sqlite_url",
    "redis_url",
    "redis_prefix",
    "new_schema_name",
]

_PG_CANDIDATES = (
    "postgresql+asyncpg://postgres@127.0.0.1:5432/test",
    "postgresql+asyncpg://root@127.0.0.1:5432/test",
)


@dataclass(frozen=True, slots=True)
class PgTarget:
    """A PostgreSQL URL plus the schema a test owns. ``str(target)`` is the URL."""

    url: str
    schema: str

    def database(self, **kw: Any) -> Any:
        from omni_core.db import Database

        return Database(self.url, schema=self.schema, **kw)

    def __str__(self) -> str:
        return self.url


def new_schema_name(label: str = "t") -> str:
    return f"{label}_{uuid.uuid4().hex[:12]}"


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _pg_connect(url: str) -> Any:
    import asyncpg

    return await asyncpg.connect(_asyncpg_dsn(url), timeout=5)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def postgres_server_url() -> str:
    """The SQLAlchemy URL of the test PostgreSQL (the first candidate that answers)."""
    env = os.environ.get("OMNI_TEST_POSTGRES_URL")
    errors = []
    for url in ([env] if env else list(_PG_CANDIDATES)):
        try:
            conn = await _pg_connect(url)
        except Exception as exc:
            errors.append(f"{url}: {exc!r}")
            continue
        await conn.close()
        return url
    pytest.fail("no PostgreSQL for tests: " + "; ".join(errors))


@pytest_asyncio.fixture(loop_scope="session")
async def postgres_url(postgres_server_url: str) -> AsyncIterator[PgTarget]:
    """A fresh schema per test (dropped after): ``Database(t.url, schema=t.schema)``."""
    schema = new_schema_name()
    conn = await _pg_connect(postgres_server_url)
    try:
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    try:
        yield PgTarget(postgres_server_url, schema)
    finally:
        conn = await _pg_connect(postgres_server_url)
        try:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            await conn.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'test.db'}"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def redis_url() -> str:
    import redis.asyncio as redis

    url = os.environ.get("OMNI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        await client.ping()
    except Exception as exc:
        pytest.fail(f"no Redis for tests at {url}: {exc!r}")
    finally:
        await client.aclose()
    return url


@pytest_asyncio.fixture(loop_scope="session")
async def redis_prefix(redis_url: str) -> AsyncIterator[str]:
    """A fresh key prefix per test; every key under it is deleted afterwards."""
    import redis.asyncio as redis

    prefix = f"test:{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    try:
        async for key in client.scan_iter(match=f"{prefix}*", count=500):
            await client.delete(key)
    finally:
        await client.aclose()
