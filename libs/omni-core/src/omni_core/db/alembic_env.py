"""The body of every service's Alembic ``env.py``:

    from omni_core.db import alembic_env
    from svc_x.models import Base
    alembic_env.run(Base.metadata)

Run by `Database.migrate` (a connection is passed in ``config.attributes``), or from the
``alembic`` command line, where the URL comes from ``OMNI_DATABASE_URL`` (or the ini's
``sqlalchemy.url``) and an async engine is created for the run.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from alembic import context


def _configure_and_run(connection: Any, target_metadata: Any, attrs: dict[str, Any]) -> None:
    schema = attrs.get("schema")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=attrs.get("version_table", "alembic_version"),
        version_table_schema=schema,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run(target_metadata: Any) -> None:
    config = context.config
    attrs = config.attributes
    if context.is_offline_mode():
        context.configure(
            url=config.get_main_option("sqlalchemy.url"),
            target_metadata=target_metadata,
            literal_binds=True,
            version_table=attrs.get("version_table", "alembic_version"),
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = attrs.get("connection")
    if connection is not None:
        _configure_and_run(connection, target_metadata, attrs)
        return

    from sqlalchemy.ext.asyncio import create_async_engine

    url = os.environ.get("OMNI_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set OMNI_DATABASE_URL to run migrations from the command line")

    async def go() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.run_sync(_configure_and_run, target_metadata, attrs)
        finally:
            await engine.dispose()

    asyncio.run(go())
