"""Structured logs: structlog, JSON lines on stderr (console renderer for humans), the service
name bound, and the current OpenTelemetry trace/span id when a span is active.

    configure_logging("order-manager", level="INFO", fmt="json")
    log = get_logger(__name__)
    log.info("order accepted", order_id=oid)

Standard-library loggers (grpc, sqlalchemy, alembic, the bus) go through the same renderer.
"""

from __future__ import annotations

import logging as _stdlib_logging
import sys
from typing import Any, TextIO

import structlog

__all__ = ["configure_logging", "get_logger"]

_service = "omni"
_configured = False


def _add_service(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    event.setdefault("service", _service)
    return event


def _add_trace(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    try:
        from opentelemetry import trace

        sc = trace.get_current_span().get_span_context()
        if sc.is_valid:
            event.setdefault("trace_id", format(sc.trace_id, "032x"))
            event.setdefault("span_id", format(sc.span_id, "016x"))
    except Exception:  # pragma: no cover
        pass
    return event


def configure_logging(
    service: str,
    level: str = "INFO",
    fmt: str = "json",
    *,
    stream: TextIO | None = None,
) -> None:
    """Configure structlog and the stdlib root logger for this process (idempotent: later
    calls replace the configuration)."""
    global _service, _configured
    _service = service
    lvl = _stdlib_logging.getLevelName(level.upper())
    if not isinstance(lvl, int):
        lvl = _stdlib_logging.INFO
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        _add_service,
        _add_trace,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any = (
        structlog.dev.ConsoleRenderer(colors=False)
        if fmt == "console"
        else structlog.processors.JSONRenderer()
    )
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info if fmt != "console" else _identity,
            renderer,
        ],
    )
    handler = _stdlib_logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    handler._omni = True  # type: ignore[attr-defined]
    root = _stdlib_logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_omni", False):
            root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(lvl)
    for noisy in ("asyncio", "aiosqlite", "sqlalchemy.engine", "alembic"):
        _stdlib_logging.getLogger(noisy).setLevel(max(lvl, _stdlib_logging.WARNING))
    _configured = True


def _identity(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    return event


def get_logger(name: str | None = None, **bound: Any) -> Any:
    """A structlog logger (configure_logging with defaults on first use if not yet done)."""
    if not _configured:
        configure_logging(_service)
    log = structlog.get_logger(name or "omni")
    return log.bind(**bound) if bound else log
