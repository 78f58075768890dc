"""A tiny real service for the supervisor tests: a grpc.aio server with the standard health
service (SERVING for "") on $OMNI_GRPC_PORT. Behaviour knobs (environment):

  CHILD_EXIT_CODE=N     exit with N at once, before serving (a crash loop)
  CHILD_IGNORE_TERM=1   ignore SIGTERM (the supervisor must SIGKILL it after the grace)
  CHILD_GRANDCHILD=F    spawn a `sleep` in the same process group and write its pid to F
  CHILD_PID_DIR=D       write this process's pid to D/<pid> (so a test sees every incarnation)
"""

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc


def prelude() -> int | None:
    if os.environ.get("CHILD_PID_DIR"):
        Path(os.environ["CHILD_PID_DIR"], str(os.getpid())).touch()
    if os.environ.get("CHILD_EXIT_CODE"):
        print("crashing on purpose", flush=True)
        return int(os.environ["CHILD_EXIT_CODE"])
    if os.environ.get("CHILD_GRANDCHILD"):
        sleeper = subprocess.Popen(["sleep", "1000"])
        Path(os.environ["CHILD_GRANDCHILD"]).write_text(str(sleeper.pid))
    return None


async def main() -> int:
    port = int(os.environ["OMNI_GRPC_PORT"])
    server = grpc.aio.server()
    servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    await servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    print(f"serving on {port}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    if os.environ.get("CHILD_IGNORE_TERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await servicer.enter_graceful_shutdown()
    await server.stop(1)
    print("stopped cleanly", flush=True)
    return 0


if __name__ == "__main__":
    code = prelude()
    sys.exit(code if code is not None else asyncio.run(main()))
