"""gRPC and Kafka readers of a running embedded fleet, for tests/e2e and bench/fleet.py."""

from __future__ import annotations

import grpc
from omni.common.v1 import types_pb2 as ct
from omni.control_plane.v1 import control_plane_service_pb2 as cp
from omni.control_plane.v1 import control_plane_service_pb2_grpc as cp_grpc
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.order_manager.v1 import order_manager_service_pb2_grpc as om_grpc
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pm
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2_grpc as pm_grpc
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as se
from omni.strategy_engine.v1 import strategy_engine_service_pb2_grpc as se_grpc
from omni_core.catalogue import spec

TIMEOUT = 15.0


def _ch(service: str) -> grpc.Channel:
    return grpc.insecure_channel(f"127.0.0.1:{spec(service).grpc_port}")


def _pages(call, req, field: str) -> list:
    out, token = [], ""
    while True:
        req.page.CopyFrom(ct.PageRequest(page_size=500, page_token=token))
        resp = call(req, timeout=TIMEOUT)
        out.extend(getattr(resp, field))
        token = resp.page.next_page_token
        if not token:
            return out


def list_orders(account: str) -> list[om.Order]:
    with _ch("order-manager") as ch:
        stub = om_grpc.OrderManagerServiceStub(ch)
        return _pages(stub.ListOrders, om.ListOrdersRequest(account_id=account), "orders")


def list_fills(account: str) -> list[om.Fill]:
    with _ch("order-manager") as ch:
        stub = om_grpc.OrderManagerServiceStub(ch)
        return _pages(stub.ListFills, om.ListFillsRequest(account_id=account), "fills")


def cancel_all(account: str) -> None:
    with _ch("order-manager") as ch:
        om_grpc.OrderManagerServiceStub(ch).CancelAllOrders(
            om.CancelAllOrdersRequest(account_id=account), timeout=TIMEOUT)


def portfolio(account: str) -> pm.Portfolio:
    with _ch("portfolio-manager") as ch:
        return pm_grpc.PortfolioManagerServiceStub(ch).GetPortfolio(
            pm.GetPortfolioRequest(account_id=account), timeout=TIMEOUT).portfolio


def positions(account: str) -> list[pm.Position]:
    with _ch("portfolio-manager") as ch:
        stub = pm_grpc.PortfolioManagerServiceStub(ch)
        return _pages(stub.ListPositions,
                      pm.ListPositionsRequest(account_id=account, include_flat=True),
                      "positions")


def pnl(account: str) -> pm.PnlSummary:
    with _ch("portfolio-manager") as ch:
        return pm_grpc.PortfolioManagerServiceStub(ch).GetPnl(
            pm.GetPnlRequest(account_id=account), timeout=TIMEOUT).pnl


def service_health() -> list:
    with _ch("control-plane") as ch:
        return list(cp_grpc.ControlPlaneServiceStub(ch).ListServiceHealth(
            cp.ListServiceHealthRequest(), timeout=TIMEOUT).services)


def stop_strategies() -> list[str]:
    """Stop every running deployment (cancelling their working orders)."""
    stopped = []
    with _ch("strategy-engine") as ch:
        stub = se_grpc.StrategyEngineServiceStub(ch)
        for d in stub.ListDeployments(se.ListDeploymentsRequest(), timeout=TIMEOUT).deployments:
            stub.StopStrategy(se.StopStrategyRequest(strategy_id=d.strategy_id),
                              timeout=TIMEOUT)
            stopped.append(d.strategy_id)
    return stopped


# ---- Kafka --------------------------------------------------------------------------------


def read_topic(bootstrap: str, topic: str, timeout: float = 30.0) -> list[tuple[object, object]]:
    """Every message on ``topic`` from the beginning to the current end, as
    (envelope, kafka message); undecodable values come back with envelope None."""
    import time
    import uuid

    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition
    from omni_core.envelope import EnvelopeError, decode

    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"e2e-{uuid.uuid4()}",
                  "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    try:
        md = c.list_topics(topic, timeout=10)
        parts = sorted(md.topics[topic].partitions)
        ends = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in parts}
        todo = {p for p in parts if ends[p] > 0}
        c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in parts])
        out: list[tuple[object, object]] = []
        deadline = time.monotonic() + timeout
        while todo and time.monotonic() < deadline:
            for m in c.consume(500, 1.0):
                if m.error():
                    continue
                try:
                    env = decode(m.value())
                except EnvelopeError:
                    env = None
                out.append((env, m))
                if m.offset() + 1 >= ends[m.partition()]:
                    todo.discard(m.partition())
        if todo:
            raise TimeoutError(f"{topic}: did not reach the end of partitions {sorted(todo)}")
        return out
    finally:
        c.close()


# ---- the fleet as a subprocess ------------------------------------------------------------


class Fleet:
    """``omni up`` in a fresh OMNI_HOME, as a real subprocess (its children are real too)."""

    def __init__(self, home, extra_env: dict[str, str] | None = None) -> None:
        import os
        import sys
        from pathlib import Path

        self.home = Path(home)
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("OMNI_KAFKA_BOOTSTRAP", "OMNI_DATABASE_URL", "OMNI_REDIS_URL",
                                 "OMNI_DATABASE_SCHEMA")}
        self.env.update({"OMNI_HOME": str(self.home), "OPENBLAS_NUM_THREADS": "1",
                         "OMP_NUM_THREADS": "1", "COLUMNS": "160", **(extra_env or {})})
        self.omni = str(Path(sys.executable).with_name("omni"))
        self.proc = None
        self.t_start = 0.0
        self.seen_pids: dict[int, int | None] = {}  # every process pid -> start ticks

    def start(self, timeout: float = 180.0) -> None:
        import subprocess
        import time

        self.home.mkdir(parents=True, exist_ok=True)
        self.log = open(self.home / "up.out", "w")  # noqa: SIM115
        self.t_start = time.time()
        self.proc = subprocess.Popen([self.omni, "up", "--timeout", str(int(timeout))],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def record(self) -> dict:
        from omni_core.embedded.fleet import read_fleet

        rec = read_fleet(self.home) or {}
        for s in (rec.get("services") or {}).values():
            if s.get("pid"):
                self.seen_pids[s["pid"]] = s.get("start")
        b = rec.get("broker") or {}
        if b.get("pid"):
            self.seen_pids[b["pid"]] = b.get("start")
        return rec

    @property
    def bootstrap(self) -> str:
        return self.record()["broker"]["bootstrap"]

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Seconds from start until every service is READY (and the cash seeded)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"omni up exited: {self.output()[-3000:]}"
            rec = self.record()
            svcs = rec.get("services") or {}
            if svcs and all(s.get("state") == "READY" for s in svcs.values()):
                ready_at = time.time() - self.t_start
                while "seeded" not in rec and time.monotonic() < deadline:
                    time.sleep(0.2)
                    rec = self.record()
                return ready_at
            time.sleep(0.2)
        raise TimeoutError(f"fleet not ready in {timeout}s: {self.output()[-3000:]}")

    def output(self) -> str:
        try:
            return (self.home / "up.out").read_text()
        except OSError:
            return ""

    def rss_total(self) -> int:
        from omni_core.embedded.fleet import rss_bytes

        rec = self.record()
        pids = [s.get("pid") for s in (rec.get("services") or {}).values()]
        pids.append((rec.get("broker") or {}).get("pid"))
        return sum(rss_bytes(p) or 0 for p in pids if p)

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGINT (Ctrl-C) to omni up; its exit code (None if it had to be killed)."""
        import os
        import signal
        import subprocess

        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.record()
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return None
        finally:
            self.log.close()

    def leftovers(self) -> list[int]:
        from omni_core.embedded.fleet import pid_alive

        return [p for p, start in self.seen_pids.items() if pid_alive(p, start)]

    def kill_leftovers(self) -> None:
        import contextlib
        import os
        import signal

        for p in self.leftovers():
            with contextlib.suppress(OSError):
                os.killpg(p, signal.SIGKILL)


def rss_of(pid: int | None) -> int:
    from omni_core.embedded.fleet import rss_bytes

    return rss_bytes(pid) or 0
