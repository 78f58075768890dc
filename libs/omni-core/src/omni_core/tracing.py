"""OpenTelemetry setup and W3C trace-context propagation for Kafka headers and gRPC metadata.

Cost model: the bus calls `current_traceparent()` once per published message and
`context_from_traceparent()` once per consumed one. Both are a few attribute reads and a
string format/parse — no propagator machinery, no span. Spans per message (`"<topic> publish"`,
`"<topic> process"`) are created only when tracing is configured with an exporter and the
trace is sampled; otherwise the trace context is simply carried through, so a trace started
at the gateway keeps its id across every hop whether or not anything is recording.

    configure_tracing("order-manager", exporter="console")   # or "none" (the default)
    headers = inject_headers()                # [("traceparent", b"00-..."), ...]
    ctx = context_from_headers(msg.headers())
    inject_metadata(metadata)                 # gRPC client side, mutates the list
    ctx = extract_metadata(servicer_context.invocation_metadata())
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import (
    INVALID_SPAN_CONTEXT,
    NonRecordingSpan,
    SpanContext,
    SpanKind,
    TraceFlags,
    TraceState,
)

__all__ = [
    "configure_tracing",
    "shutdown_tracing",
    "get_tracer",
    "recording_enabled",
    "current_traceparent",
    "format_traceparent",
    "parse_traceparent",
    "context_from_traceparent",
    "inject_headers",
    "context_from_headers",
    "inject_metadata",
    "extract_metadata",
    "SpanKind",
    "TRACEPARENT",
    "TRACESTATE",
]

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"
Exporter = Literal["none", "console", "memory"]

_provider: Any = None  # our SDK TracerProvider when configured with an exporter
_tracer: trace.Tracer | None = None
_recording = False
_memory_exporter: Any = None


def configure_tracing(
    service_name: str,
    exporter: Exporter = "none",
    *,
    sample_ratio: float = 1.0,
    span_processor: Any = None,
) -> Any:
    """Set up tracing for this process.

    ``"none"``: no SDK provider; spans are non-recording, trace context is still propagated.
    ``"console"``: an SDK provider exporting spans to stdout (batched).
    ``"memory"``: an SDK provider with an in-memory exporter (tests; see `memory_exporter()`).
    `span_processor` adds any other processor (e.g. OTLP) to the SDK provider.
    Returns the SDK TracerProvider, or None for ``"none"`` without a processor.
    """
    global _provider, _tracer, _recording, _memory_exporter
    if exporter not in ("none", "console", "memory"):
        raise ValueError(f"tracing exporter must be none, console or memory, not {exporter!r}")
    if exporter == "none" and span_processor is None:
        _provider, _recording = None, False
        _tracer = trace.get_tracer("omni_core")
        return None

    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        ConsoleSpanExporter,
        SimpleSpanProcessor,
    )
    from opentelemetry.sdk.trace.sampling import ParentBasedTraceIdRatio

    provider = TracerProvider(
        resource=Resource.create({"service.name": service_name}),
        sampler=ParentBasedTraceIdRatio(sample_ratio),
    )
    if exporter == "console":
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    elif exporter == "memory":
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
            InMemorySpanExporter,
        )

        _memory_exporter = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(_memory_exporter))
    if span_processor is not None:
        provider.add_span_processor(span_processor)
    if _provider is None and not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(provider)  # the global can be set once per process
    _provider = provider
    _tracer = provider.get_tracer("omni_core")
    _recording = True
    return provider


def shutdown_tracing() -> None:
    """Flush and stop the SDK provider (if any); tracing falls back to propagation only."""
    global _provider, _tracer, _recording
    if _provider is not None:
        _provider.shutdown()
    _provider, _tracer, _recording = None, None, False


def memory_exporter() -> Any:
    """The in-memory exporter installed by ``configure_tracing(..., exporter="memory")``."""
    return _memory_exporter


def get_tracer() -> trace.Tracer:
    global _tracer
    if _tracer is None:
        _tracer = trace.get_tracer("omni_core")
    return _tracer


def recording_enabled() -> bool:
    """True when spans are recorded and exported (an exporter is configured)."""
    return _recording


# --- W3C traceparent, by hand (fast path) ---------------------------------------------------


def format_traceparent(sc: SpanContext) -> str:
    return f"00-{sc.trace_id:032x}-{sc.span_id:016x}-{sc.trace_flags:02x}"


def current_traceparent() -> tuple[str, str]:
    """(traceparent, tracestate) of the current span, or ("", "") when there is none."""
    sc = trace.get_current_span().get_span_context()
    if not sc.is_valid:
        return "", ""
    ts = sc.trace_state
    return (
        f"00-{sc.trace_id:032x}-{sc.span_id:016x}-{sc.trace_flags:02x}",
        ts.to_header() if ts else "",
    )


def parse_traceparent(traceparent: str, tracestate: str = "") -> SpanContext | None:
    """A remote SpanContext from a W3C traceparent, or None when it is absent or malformed."""
    if len(traceparent) != 55 or traceparent[2] != "-":
        return None
    try:
        version = traceparent[:2]
        trace_id = int(traceparent[3:35], 16)
        span_id = int(traceparent[36:52], 16)
        flags = int(traceparent[53:55], 16)
    except ValueError:
        return None
    if version == "ff" or not trace_id or not span_id:
        return None
    return SpanContext(
        trace_id=trace_id,
        span_id=span_id,
        is_remote=True,
        trace_flags=TraceFlags(flags),
        trace_state=TraceState.from_header([tracestate]) if tracestate else None,
    )


def context_from_traceparent(
    traceparent: str, tracestate: str = "", base: otel_context.Context | None = None
) -> otel_context.Context:
    """An OTel Context whose current span is the remote parent named by `traceparent` (the
    base context, unchanged, when traceparent is empty or malformed)."""
    sc = parse_traceparent(traceparent, tracestate) if traceparent else None
    if sc is None:
        return base if base is not None else otel_context.Context()
    return trace.set_span_in_context(NonRecordingSpan(sc), base)


# --- Kafka headers ---------------------------------------------------------------------------


def _header_carrier(headers: Iterable[tuple[str, Any]] | None) -> dict[str, str]:
    carrier: dict[str, str] = {}
    for key, value in headers or ():
        if isinstance(value, bytes | bytearray | memoryview):
            value = bytes(value).decode("utf-8", "replace")
        elif value is None:
            continue
        carrier[key.lower()] = value
    return carrier


def inject_headers(
    headers: list[tuple[str, bytes]] | None = None, context: otel_context.Context | None = None
) -> list[tuple[str, bytes]]:
    """Append the W3C trace context (and baggage) of `context` (default: the current one) to a
    Kafka header list, as bytes values. Returns the list (a new one when None is given)."""
    if headers is None:
        headers = []
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=context)
    headers.extend((k, v.encode()) for k, v in carrier.items())
    return headers


def context_from_headers(
    headers: Iterable[tuple[str, Any]] | None, base: otel_context.Context | None = None
) -> otel_context.Context:
    """The OTel Context carried by Kafka headers (confluent-kafka's list of (str, bytes))."""
    return propagate.extract(_header_carrier(headers), context=base)


# --- gRPC metadata ---------------------------------------------------------------------------


def inject_metadata(
    metadata: list[tuple[str, str]] | Sequence[tuple[str, str]] | None = None,
    context: otel_context.Context | None = None,
) -> list[tuple[str, str]]:
    """Add the W3C trace context of `context` (default: current) to gRPC metadata. A list is
    extended in place; a tuple or None gives a new list. Returns the list."""
    if metadata is None:
        out: list[tuple[str, str]] = []
    elif isinstance(metadata, list):
        out = metadata
    else:
        out = list(metadata)
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=context)
    if carrier:
        existing = {k for k, _ in out} & carrier.keys()
        if existing:
            out[:] = [(k, v) for k, v in out if k not in existing]
        out.extend(carrier.items())
    return out


def extract_metadata(
    invocation_metadata: Iterable[Any] | None, base: otel_context.Context | None = None
) -> otel_context.Context:
    """The OTel Context carried by gRPC invocation metadata (a sequence of (key, value) pairs
    or `_Metadatum` tuples). Binary (``-bin``) entries are ignored."""
    carrier: dict[str, str] = {}
    for item in invocation_metadata or ():
        key, value = item[0], item[1]
        if key.endswith("-bin"):
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        carrier[key.lower()] = value
    return propagate.extract(carrier, context=base)


def empty_context() -> otel_context.Context:
    return otel_context.Context()


INVALID = INVALID_SPAN_CONTEXT
