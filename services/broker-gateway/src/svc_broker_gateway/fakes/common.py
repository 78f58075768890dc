"""Shared pieces of the fake venues: an aiohttp server on 127.0.0.1 that can be stopped and
started again on the same port (to kill a venue mid-run), and a tiny order book."""

from __future__ import annotations

import abc
import socket

from aiohttp import web


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeServer(abc.ABC):
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._runner: web.AppRunner | None = None
        # Test switches.
        self.garbage = False  # answer 200 with a body that is not the venue's JSON
        self.hang_s = 0.0  # delay every answer (after acting on the request)
        self.stall_s = 0.0  # delay every request before acting on it (the request may be lost)
        # "before": hang up without acting; "after": act, then hang up without answering.
        self.drop: str | None = None
        self.requests: list[tuple[str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @abc.abstractmethod
    def app(self) -> web.Application:
        """The aiohttp application that speaks this venue's protocol."""

    async def start(self) -> FakeServer:
        import asyncio

        @web.middleware
        async def switches(request: web.Request, handler):
            self.requests.append((request.method, request.path))
            if self.garbage:
                return web.Response(
                    status=200, text="<html>502 upstream</html>{", content_type="application/json"
                )
            if self.stall_s:
                await asyncio.sleep(self.stall_s)
            if self.drop == "before" and request.transport is not None:
                request.transport.close()
                return web.Response(status=204)
            response = await handler(request)
            if self.drop == "after" and request.transport is not None:
                request.transport.close()
            if self.hang_s:  # the venue acted, but the answer comes too late
                await asyncio.sleep(self.hang_s)
            return response

        app = self.app()
        app.middlewares.append(switches)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
