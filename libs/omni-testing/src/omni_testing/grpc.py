"""In-process gRPC server fixture (through `omni_core.rpc`, so interceptors, health and
reflection are the production ones).

    async def test_x(grpc_server):
        server, address = await grpc_server(
            (add_FooServiceServicer_to_server, FooServicer(), "omni.foo.v1.FooService"))
        async with channel(address) as ch: ...

Servicers must be registered before a grpc.aio server starts, so the fixture is a factory:
each call starts one server on a free port (health SERVING) and returns ``(server, address)``;
all are stopped after the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest_asyncio

__all__ = ["grpc_server"]

ServicerSpec = tuple[Callable[[Any, Any], None], Any, str]


@pytest_asyncio.fixture(loop_scope="session")
async def grpc_server() -> AsyncIterator[Callable[..., Awaitable[tuple[Any, str]]]]:
    from omni_core.rpc import RpcServer

    servers: list[RpcServer] = []

    async def start(*servicers: ServicerSpec, serving: bool = True, **kw: Any) -> tuple[Any, str]:
        server = RpcServer(kw.pop("service_name", "test"), host="127.0.0.1", port=0, **kw)
        for add_fn, servicer, name in servicers:
            server.add_servicer(add_fn, servicer, name)
        await server.start()
        servers.append(server)
        if serving:
            await server.set_serving(True)
        return server, server.address

    yield start
    for server in servers:
        await server.stop(grace=0.5)
