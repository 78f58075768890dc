"""Fixtures for the market-data tests: local fake venue servers (127.0.0.1 only)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import web


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """Run an aiohttp app on 127.0.0.1 on a free port; yields its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
def fake_server():
    return serve


def _run_in_thread(coro_fn):
    import asyncio
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(lambda: asyncio.run(coro_fn())).result()


@pytest.fixture
def md_postgres_url(request):
    """A PostgreSQL URL with a fresh schema: omni_testing's ``postgres_url`` when that plugin
    provides it, else a schema made here on the test server (127.0.0.1:5432, db ``test``).
    Sync on purpose, so parametrized fixtures can ask for it with getfixturevalue."""
    try:
        yield request.getfixturevalue("postgres_url")
        return
    except pytest.FixtureLookupError:
        pass
    import os
    import uuid

    import asyncpg

    base = os.environ.get("OMNI_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"md_{uuid.uuid4().hex[:10]}"

    async def execute(sql: str) -> None:
        conn = await asyncpg.connect(base)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    _run_in_thread(lambda: execute(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.replace("postgresql://", "postgresql+asyncpg://", 1) + f"#schema={schema}"
    finally:
        _run_in_thread(lambda: execute(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def database_for():
    return _database_for


def _database_for(url: str):
    """omni_core.db.Database for a URL; a ``#schema=`` suffix selects the schema."""
    from omni_core.db import Database

    schema = None
    if "#schema=" in url:
        url, schema = url.split("#schema=", 1)
    return Database(url, schema=schema)
