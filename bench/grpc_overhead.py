"""gRPC overhead benchmark: the kit's RpcServer (with its ServerInterceptor) against a plain
grpc.aio server, same servicer, same client, same run.

    .venv/bin/python bench/grpc_overhead.py [--calls 3000] [--rounds 4]

A server process (this file with ``--serve``) runs both servers on one event loop: a plain
``grpc.aio.server()`` and ``omni_core.rpc.RpcServer`` (interceptor, health, reflection, the
kit's default logging at INFO and Prometheus metrics). Both serve the same trivial unary method
``/omni.bench.v1.BenchService/Check`` (HealthCheckRequest -> HealthCheckResponse, no work).
The client (this process, sync grpcio, one channel per server, calls one after another, no
traceparent in the metadata as with a caller outside any span) makes `calls` calls per server
per round, rounds alternating plain/kit, after a warm-up; it prints p50/p99 of all calls and
the difference kit - plain. The difference is the interceptor's cost per call (plus the
per-call `intercept_service` overhead of having an interceptor at all).

Figures on a shared 2-core machine move between runs; compare the columns of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import grpc  # noqa: E402
from grpc_health.v1 import health_pb2  # noqa: E402

SERVICE = "omni.bench.v1.BenchService"
METHOD = f"/{SERVICE}/Check"
WARMUP = 300


# --- server ------------------------------------------------------------------------------------


async def _check(request: health_pb2.HealthCheckRequest, context: object) -> object:
    return health_pb2.HealthCheckResponse(status=health_pb2.HealthCheckResponse.SERVING)


def _generic_handler() -> grpc.GenericRpcHandler:
    return grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Check": grpc.unary_unary_rpc_method_handler(
                _check,
                request_deserializer=health_pb2.HealthCheckRequest.FromString,
                response_serializer=health_pb2.HealthCheckResponse.SerializeToString,
            )
        },
    )


async def serve() -> None:
    from omni_core.rpc import RpcServer

    plain = grpc.aio.server()
    plain.add_generic_rpc_handlers((_generic_handler(),))
    plain_port = plain.add_insecure_port("127.0.0.1:0")
    await plain.start()

    kit = RpcServer("bench", host="127.0.0.1", port=0)
    kit.add_servicer(
        lambda _servicer, server: server.add_generic_rpc_handlers((_generic_handler(),)),
        None, SERVICE,
    )
    kit_port = await kit.start()
    await kit.set_serving(True)

    print(f"PORTS {plain_port} {kit_port}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the client closes our stdin
    await kit.stop(0)
    await plain.stop(0)


# --- client ------------------------------------------------------------------------------------


def _calls(stub: object, n: int, req: object) -> list[float]:
    out = []
    perf = time.perf_counter
    for _ in range(n):
        t0 = perf()
        stub(req, timeout=10)  # type: ignore[operator]
        out.append((perf() - t0) * 1e6)
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        asyncio.run(serve())
        return 0

    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line.startswith("PORTS "):
            raise SystemExit(f"server did not start: {line!r}")
        plain_port, kit_port = (int(x) for x in line.split()[1:])
        stubs = {}
        channels = []
        for name, port in (("plain", plain_port), ("kit", kit_port)):
            ch = grpc.insecure_channel(f"127.0.0.1:{port}")
            channels.append(ch)
            stubs[name] = ch.unary_unary(
                METHOD,
                request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                response_deserializer=health_pb2.HealthCheckResponse.FromString,
            )
        req = health_pb2.HealthCheckRequest(service="bench")
        for name in stubs:
            _calls(stubs[name], WARMUP, req)
        lat: dict[str, list[float]] = {"plain": [], "kit": []}
        per_round: dict[str, list[float]] = {"plain": [], "kit": []}
        for r in range(args.rounds):
            order = ("plain", "kit") if r % 2 == 0 else ("kit", "plain")
            for name in order:
                xs = _calls(stubs[name], args.calls, req)
                lat[name] += xs
                per_round[name].append(statistics.median(xs))
        for ch in channels:
            ch.close()
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(10)

    p50 = {k: statistics.median(v) for k, v in lat.items()}
    p99 = {k: pct(v, 0.99) for k, v in lat.items()}
    print(f"grpc overhead: unary {METHOD}, {args.calls} calls x {args.rounds} rounds per "
          f"server (alternating), sync client in another process, grpcio {grpc.__version__}, "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    print(f"{'':10}{'plain grpc.aio':>16}{'kit RpcServer':>16}{'kit - plain':>14}")
    print(f"{'p50 us':10}{p50['plain']:>16.0f}{p50['kit']:>16.0f}"
          f"{p50['kit'] - p50['plain']:>+14.0f}")
    print(f"{'p99 us':10}{p99['plain']:>16.0f}{p99['kit']:>16.0f}"
          f"{p99['kit'] - p99['plain']:>+14.0f}")
    print("round p50s: " + ", ".join(
        f"{k} {[round(x) for x in v]}" for k, v in per_round.items()))
    print(f"elapsed {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
