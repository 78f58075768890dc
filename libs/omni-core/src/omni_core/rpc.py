"""The gRPC runtime (grpc.aio). Named `rpc`, not `grpc`, so it never shadows the real package.

Server side:

    server = RpcServer("order-manager", host="0.0.0.0", port=50104)
    server.add_servicer(add_OrderManagerServiceServicer_to_server, servicer,
                        "omni.order_manager.v1.OrderManagerService")
    port = await server.start()          # health: every name NOT_SERVING
    await server.set_serving(True)       # the Service does this when readiness passes
    await server.stop(grace=5)           # NOT_SERVING first, then drain

Every call goes through one interceptor that: rejects calls whose deadline already passed and
makes the remaining time available to outgoing calls (`remaining_time()`), continues the
caller's trace (W3C metadata), maps exceptions to status codes (`omni_core.errors`, pydantic
`ValidationError` → INVALID_ARGUMENT, anything else → INTERNAL without internals, logged with
the traceback), counts requests and latency, and logs one line per call (debug on success).

Client side:

    async with channel("127.0.0.1:50104") as ch:     # trace inject + default deadline
        stub = OrderManagerServiceStub(ch)
    await wait_ready("127.0.0.1:50104", "omni.order_manager.v1.OrderManagerService", timeout=10)
"""

from __future__ import annotations

import asyncio
import contextvars
import logging as _stdlib_logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry import context as otel_context
from opentelemetry import trace

from omni_core import tracing
from omni_core.errors import OmniError
from omni_core.logging import get_logger
from omni_core.metrics import Metrics, get_metrics

__all__ = [
    "RpcServer",
    "ServerInterceptor",
    "channel",
    "wait_ready",
    "remaining_time",
    "health_status",
    "SERVING",
    "NOT_SERVING",
]

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
HEALTH_SERVICE = "grpc.health.v1.Health"
# Health name that answers SERVING while the process serves gRPC, whatever its dependencies
# do: what a liveness probe asks ("" and the service's own name are readiness).
LIVENESS_SERVICE = "omni.liveness"

# absolute deadline (time.monotonic) of the call being served, for propagation
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "omni_grpc_deadline", default=None
)


def remaining_time() -> float | None:
    """Seconds left before the deadline of the gRPC call being served (None: no deadline)."""
    d = _deadline.get()
    return None if d is None else d - time.monotonic()


_TRACE_KEYS = frozenset(("traceparent", "tracestate", "baggage"))
_DEBUG = _stdlib_logging.DEBUG


def _level_check(logger: Any) -> Callable[[int], bool]:
    """A cheap ``is level enabled`` for `logger`: the stdlib logger's isEnabledFor (cached by
    `logging`, follows level changes) behind a structlog stdlib logger or lazy proxy; other
    loggers are always asked (their own filtering applies)."""
    inner = getattr(logger, "_logger", None)
    if isinstance(inner, _stdlib_logging.Logger):
        return inner.isEnabledFor
    args = getattr(logger, "_logger_factory_args", None)
    if args and isinstance(args[0], str):
        return _stdlib_logging.getLogger(args[0]).isEnabledFor
    if isinstance(logger, _stdlib_logging.Logger):
        return logger.isEnabledFor
    return lambda level: True


def _validation_message(exc: Exception) -> str:
    try:
        parts = []
        for err in exc.errors(include_url=False, include_input=False):  # type: ignore[attr-defined]
            loc = ".".join(str(x) for x in err.get("loc", ()))
            parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
        return "; ".join(parts) or "invalid request"
    except Exception:  # pragma: no cover
        return "invalid request"


def _infrastructure(method: str) -> bool:
    """Health and reflection: answered whatever state the service is in."""
    return method.startswith(f"/{HEALTH_SERVICE}/") or method.startswith("/grpc.reflection.")


def _refusal(handler: Any, message: str) -> Any:
    """A handler of the same shape as ``handler`` that answers UNAVAILABLE."""

    async def refuse(request: Any, context: grpc.aio.ServicerContext) -> Any:
        await context.abort(grpc.StatusCode.UNAVAILABLE, message)

    async def refuse_stream(request: Any, context: grpc.aio.ServicerContext) -> Any:
        await context.abort(grpc.StatusCode.UNAVAILABLE, message)
        yield  # pragma: no cover  (makes this an async generator)

    kw = {"request_deserializer": handler.request_deserializer,
          "response_serializer": handler.response_serializer}
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(refuse, **kw)
    if handler.stream_unary is not None:
        return grpc.stream_unary_rpc_method_handler(refuse, **kw)
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(refuse_stream, **kw)
    return grpc.stream_stream_rpc_method_handler(refuse_stream, **kw)


class ServerInterceptor(grpc.aio.ServerInterceptor):
    """Deadlines, tracing, error mapping, metrics and logging for every call."""

    def __init__(self, metrics: Metrics | None = None, logger: Any = None) -> None:
        self.metrics = metrics or get_metrics()
        self.log = logger or get_logger("omni_core.rpc")
        self._debug_enabled = _level_check(self.log)
        try:
            from pydantic import ValidationError

            self._validation_error: type[Exception] | None = ValidationError
        except ImportError:  # pragma: no cover
            self._validation_error = None
        # method -> (the handler the server returned, our wrapped handler): intercept_service
        # runs for every call; the wrapped handler is built once per method
        self._wrapped: dict[str, tuple[Any, Any]] = {}
        # False while the service is still starting: its own RPCs answer UNAVAILABLE (health
        # and reflection still answer), so no call runs against half-loaded state
        self.accepting = True

    async def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], Any],
        details: grpc.HandlerCallDetails,
    ) -> Any:
        handler = await continuation(details)
        if handler is None:
            return None
        method = details.method
        if not self.accepting and not _infrastructure(method):
            return _refusal(handler, "the service is starting; not ready for calls yet")
        cached = self._wrapped.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = self._wrap_handler(method, handler)
        self._wrapped[method] = (handler, wrapped)
        return wrapped

    def _wrap_handler(self, method: str, handler: Any) -> Any:
        if _infrastructure(method):
            return handler
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(method, handler.unary_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_unary is not None:
            return grpc.stream_unary_rpc_method_handler(
                self._wrap_unary(method, handler.stream_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(method, handler.unary_stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_stream is not None:
            return grpc.stream_stream_rpc_method_handler(
                self._wrap_stream(method, handler.stream_stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler  # pragma: no cover

    # common pieces ----------------------------------------------------------------------

    def _enter(self, method: str, context: grpc.aio.ServicerContext) -> Any:
        """Deadline and trace context for the call; None when its deadline already passed
        (counted; the caller aborts). Plain function: no coroutine per call."""
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            self._finish(method, "DEADLINE_EXCEEDED", 0.0, None)
            return None
        dtoken = _deadline.set(time.monotonic() + remaining if remaining is not None else None)
        md = context.invocation_metadata()
        # the propagators read only these keys: without them extract() would return the
        # current context unchanged, so skip it (and the attach) on the common path
        carries = False
        for item in md or ():
            if item[0] in _TRACE_KEYS:
                carries = True
                break
        recording = tracing.recording_enabled()
        if not carries and not recording:
            return (dtoken, None), None
        ctx = tracing.extract_metadata(md) if carries else otel_context.get_current()
        span = None
        if recording:
            span = tracing.get_tracer().start_span(
                method, context=ctx, kind=trace.SpanKind.SERVER,
                attributes={"rpc.system": "grpc", "rpc.method": method},
            )
            ctx = trace.set_span_in_context(span, ctx)
        otoken = otel_context.attach(ctx)
        return (dtoken, otoken), span

    def _leave(self, tokens: tuple[Any, Any], span: Any, code: str) -> None:
        dtoken, otoken = tokens
        if span is not None:
            if code != "OK":
                span.set_status(trace.Status(trace.StatusCode.ERROR, code))
            span.end()
        if otoken is not None:
            otel_context.detach(otoken)
        _deadline.reset(dtoken)

    def _finish(self, method: str, code: str, seconds: float, exc: BaseException | None) -> None:
        self.metrics.grpc_request(method, code, seconds)
        if code == "OK":
            # debug is filtered in every profile but dev-with-DEBUG: a level check (the
            # stdlib logger's cached isEnabledFor) instead of a structlog call that builds an
            # event dict only for filter_by_level to drop it
            if self._debug_enabled(_DEBUG):
                self.log.debug("grpc call", method=method, code=code, ms=round(seconds * 1e3, 3))
            return
        ms = round(seconds * 1000, 3)
        if exc is not None and code == "INTERNAL":
            self.log.error("grpc call failed", method=method, code=code, ms=ms, exc_info=exc)
        else:
            self.log.info("grpc call", method=method, code=code, ms=ms)

    async def _map_error(
        self, exc: Exception, context: grpc.aio.ServicerContext
    ) -> tuple[grpc.StatusCode, str]:
        if isinstance(exc, OmniError):
            return exc.code, exc.message or type(exc).__name__
        if self._validation_error is not None and isinstance(exc, self._validation_error):
            return grpc.StatusCode.INVALID_ARGUMENT, _validation_message(exc)
        if isinstance(exc, asyncio.TimeoutError):
            return grpc.StatusCode.DEADLINE_EXCEEDED, "timed out"
        if isinstance(exc, NotImplementedError):  # a generated servicer's default method
            return grpc.StatusCode.UNIMPLEMENTED, "method not implemented"
        return grpc.StatusCode.INTERNAL, "internal error"

    @staticmethod
    def _code_of(context: grpc.aio.ServicerContext) -> str:
        try:
            code = context.code()
        except Exception:  # pragma: no cover
            code = None
        if code is None:
            return "OK"
        if isinstance(code, grpc.StatusCode):
            return code.name
        try:
            return grpc.StatusCode(code).name  # pragma: no cover
        except Exception:
            for sc in grpc.StatusCode:
                if sc.value[0] == code:
                    return sc.name
            return str(code)

    # wrappers ---------------------------------------------------------------------------

    def _wrap_unary(self, method: str, behavior: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> Any:
            start = time.perf_counter()
            entered = self._enter(method, context)
            if entered is None:
                await context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "deadline already passed")
            tokens, span = entered
            code = "OK"
            try:
                response = await behavior(request, context)
                code = self._code_of(context)
                self._finish(method, code, time.perf_counter() - start, None)
                return response
            except grpc.aio.AbortError:
                code = self._code_of(context)
                self._finish(method, code, time.perf_counter() - start, None)
                raise
            except asyncio.CancelledError:
                code = "CANCELLED"
                self._finish(method, code, time.perf_counter() - start, None)
                raise
            except Exception as exc:
                status, message = await self._map_error(exc, context)
                code = status.name
                self._finish(method, code, time.perf_counter() - start, exc)
                await context.abort(status, message)
            finally:
                self._leave(tokens, span, code)

        return wrapped

    def _wrap_stream(self, method: str, behavior: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> Any:
            start = time.perf_counter()
            entered = self._enter(method, context)
            if entered is None:
                await context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "deadline already passed")
            tokens, span = entered
            code = "OK"
            try:
                async for item in behavior(request, context):
                    yield item
                code = self._code_of(context)
                self._finish(method, code, time.perf_counter() - start, None)
            except grpc.aio.AbortError:
                code = self._code_of(context)
                self._finish(method, code, time.perf_counter() - start, None)
                raise
            except (asyncio.CancelledError, GeneratorExit):
                code = "CANCELLED"
                self._finish(method, code, time.perf_counter() - start, None)
                raise
            except Exception as exc:
                status, message = await self._map_error(exc, context)
                code = status.name
                self._finish(method, code, time.perf_counter() - start, exc)
                await context.abort(status, message)
            finally:
                self._leave(tokens, span, code)

        return wrapped


class RpcServer:
    """A grpc.aio server with the async health service and reflection."""

    def __init__(
        self,
        service_name: str = "omni",
        *,
        host: str = "0.0.0.0",
        port: int = 0,
        metrics: Metrics | None = None,
        logger: Any = None,
        interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
        options: Sequence[tuple[str, Any]] = (),
        max_message_mb: int = 16,
    ) -> None:
        self.service_name = service_name
        self.host = host
        self.requested_port = port
        self.port: int | None = None
        self.log = logger or get_logger("omni_core.rpc")
        self._options = [
            ("grpc.max_receive_message_length", max_message_mb * 1024 * 1024),
            ("grpc.max_send_message_length", max_message_mb * 1024 * 1024),
            ("grpc.so_reuseport", 0),
            *options,
        ]
        self._interceptors = [ServerInterceptor(metrics, self.log), *interceptors]
        # grpc.aio objects bind to the running loop, so they are made in start(); servicers
        # registered before then are kept here
        self.server: grpc.aio.Server | None = None
        self.health: Any = None
        self._servicers: list[tuple[Callable[[Any, Any], None], Any]] = []
        self.service_names: list[str] = []
        self.serving = False
        self._started = False

    def add_servicer(
        self, add_fn: Callable[[Any, Any], None], servicer: Any, service_full_name: str
    ) -> None:
        """``add_fn`` is the generated ``add_<X>Servicer_to_server``; ``service_full_name`` the
        proto name (``omni.<domain>.v1.<X>Service``), used for health and reflection."""
        if self._started:
            raise RuntimeError("add servicers before start()")
        self._servicers.append((add_fn, servicer))
        self.service_names.append(service_full_name)

    @property
    def accepting(self) -> bool:
        """Whether the registered services' own RPCs run (health and reflection always do)."""
        return self._interceptors[0].accepting

    @accepting.setter
    def accepting(self, value: bool) -> None:
        self._interceptors[0].accepting = value

    @property
    def address(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "[::]") else self.host
        return f"{host}:{self.port}"

    async def start(self) -> int:
        self.server = grpc.aio.server(interceptors=self._interceptors, options=self._options)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        for add_fn, servicer in self._servicers:
            add_fn(servicer, self.server)
        names = [*self.service_names, HEALTH_SERVICE, reflection.SERVICE_NAME]
        reflection.enable_server_reflection(names, self.server)
        for name in ("", *self.service_names):
            await self.health.set(name, NOT_SERVING)
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        try:
            self.port = self.server.add_insecure_port(f"{host}:{self.requested_port}")
        except RuntimeError:
            self.port = 0
        if not self.port:
            raise OSError(f"cannot listen on {self.host}:{self.requested_port} (in use?)")
        await self.server.start()
        await self.health.set(LIVENESS_SERVICE, SERVING)
        self._started = True
        return self.port

    async def set_serving(self, serving: bool) -> None:
        if serving == self.serving or self.health is None:
            return
        self.serving = serving
        status = SERVING if serving else NOT_SERVING
        for name in ("", *self.service_names):
            await self.health.set(name, status)

    async def stop(self, grace: float | None = 5.0) -> None:
        """NOT_SERVING first (load balancers stop sending), then drain for `grace` seconds."""
        if not self._started:
            return
        await self.set_serving(False)
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)
        self._started = False

    async def wait_for_termination(self) -> None:
        if self.server is not None:
            await self.server.wait_for_termination()


# --- client side ---------------------------------------------------------------------------


def _details(details: Any, timeout: float | None, default_timeout: float | None) -> Any:
    md = list(details.metadata or ())
    tracing.inject_metadata(md)
    t = timeout if timeout is not None else details.timeout
    if t is None:
        t = default_timeout
    left = remaining_time()
    if left is not None:
        t = left if t is None else min(t, left)
    return grpc.aio.ClientCallDetails(
        details.method, t, grpc.aio.Metadata(*md), details.credentials, details.wait_for_ready
    )


class _ClientInterceptor(
    grpc.aio.UnaryUnaryClientInterceptor,
    grpc.aio.UnaryStreamClientInterceptor,
    grpc.aio.StreamUnaryClientInterceptor,
    grpc.aio.StreamStreamClientInterceptor,
):
    """Injects the trace context; applies the default deadline, shortened to what is left of
    the deadline of the call being served (propagation)."""

    def __init__(self, default_timeout: float | None) -> None:
        self.default_timeout = default_timeout

    async def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return await continuation(_details(details, None, self.default_timeout), request)

    async def intercept_unary_stream(self, continuation: Any, details: Any, request: Any) -> Any:
        return await continuation(_details(details, None, self.default_timeout), request)

    async def intercept_stream_unary(self, continuation: Any, details: Any, it: Any) -> Any:
        return await continuation(_details(details, None, self.default_timeout), it)

    async def intercept_stream_stream(self, continuation: Any, details: Any, it: Any) -> Any:
        return await continuation(_details(details, None, self.default_timeout), it)


def channel(
    target: str,
    *,
    default_timeout: float | None = 10.0,
    options: Iterable[tuple[str, Any]] = (),
    interceptors: Sequence[Any] = (),
    credentials: grpc.ChannelCredentials | None = None,
) -> grpc.aio.Channel:
    """An aio channel with trace propagation and a default deadline on every call."""
    opts = [("grpc.max_receive_message_length", 16 * 1024 * 1024), *options]
    ics = [_ClientInterceptor(default_timeout), *interceptors]
    if credentials is not None:
        return grpc.aio.secure_channel(target, credentials, options=opts, interceptors=ics)
    return grpc.aio.insecure_channel(target, options=opts, interceptors=ics)


async def health_status(
    target: str, service_name: str = "", timeout: float = 1.0, ch: Any = None  # noqa: ASYNC109
) -> int | None:
    """The health status of `service_name` at `target` (None when unreachable/unknown)."""
    own = ch is None
    ch = ch or grpc.aio.insecure_channel(target)
    try:
        stub = health_pb2_grpc.HealthStub(ch)
        req = health_pb2.HealthCheckRequest(service=service_name)
        resp = await stub.Check(req, timeout=timeout)
        return resp.status
    except grpc.aio.AioRpcError:
        return None
    finally:
        if own:
            await ch.close()


async def wait_ready(
    target: str,
    service_name: str = "",
    timeout: float = 30.0,  # noqa: ASYNC109
    interval: float = 0.05,
) -> bool:
    """Wait until `target` reports SERVING for `service_name` ("" = the server overall)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    ch = grpc.aio.insecure_channel(target)
    try:
        while True:
            left = deadline - loop.time()
            if left <= 0:
                return False
            status = await health_status(target, service_name, min(1.0, max(left, 0.01)), ch)
            if status == SERVING:
                return True
            await asyncio.sleep(interval)
    finally:
        await ch.close()
