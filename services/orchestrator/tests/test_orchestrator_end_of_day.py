"""The end of day that the calendar starts when a session closes (simulated session cycle),
run with every downstream service down: each step is recorded as FAILED with the service
named, the reports are still written, and nothing is hidden."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from omni.orchestrator.v1 import events_pb2 as ev
from omni.orchestrator.v1 import orchestrator_service_pb2 as pb
from svc_orchestrator.clients import DOWNSTREAM, Downstream
from svc_orchestrator.core import Orchestrator
from svc_orchestrator.session import CLOSED, CLOSING, OPEN, PRE_OPEN, SessionMachine, SimulatedCycle

T0 = datetime(2024, 3, 4, 14, 0, tzinfo=UTC)
DEAD = {name: "127.0.0.1:1" for name in DOWNSTREAM}


async def test_calendar_close_runs_end_of_day_and_reports_failed_steps(tmp_path):
    clock = {"now": T0}
    events: list = []
    orch = Orchestrator(
        SessionMachine(SimulatedCycle(T0, pre_open=10, open=60, closing=10, closed=20)),
        Downstream(DEAD, timeout=1), now=lambda: clock["now"],
        publish=lambda topic, key, e: events.append((topic, key, e)), accounts=["ACC1"],
        reports_dir=tmp_path)
    seen, task = [], None
    for sec in range(0, 95, 5):
        clock["now"] = T0 + timedelta(seconds=sec)
        t = orch.tick_and_close(auto_end_of_day=True)
        seen.append(orch.session.state)
        task = task or t
    assert seen[0] == PRE_OPEN and OPEN in seen and CLOSING in seen and seen[-1] == CLOSED
    assert task is not None  # the close started it, exactly once
    wf, out = await task
    assert wf.status == pb.WORKFLOW_STATUS_FAILED and wf.started_by == "calendar"
    by_name = {s.name: s for s in wf.steps}
    for name, service in [("cancel_day_orders", "order-manager"), ("reconcile", "broker-gateway"),
                          ("mark_to_market", "market-data"), ("snapshot_nav", "portfolio-manager"),
                          ("performance_statistics", "analytics")]:
        assert by_name[name].status == pb.WORKFLOW_STATUS_FAILED
        assert f"{service} is unavailable" in by_name[name].detail, by_name[name].detail
    assert by_name["write_reports"].status == pb.WORKFLOW_STATUS_SUCCEEDED
    doc = json.loads((tmp_path / "2024-03-04" / "end_of_day.json").read_text())
    assert doc["status"] == "FAILED" and "reconcile" in doc["failed_steps"]
    assert out.endswith("2024-03-04")
    kinds = [type(e).__name__ for _, _, e in events]
    assert "SessionStateChanged" in kinds and "WorkflowStatusChanged" in kinds
    assert all(topic == "system-monitoring" and key == "orchestrator" for topic, key, _ in events)
    last = [e for _, _, e in events if isinstance(e, ev.WorkflowStatusChanged)][-1]
    assert last.workflow.status == pb.WORKFLOW_STATUS_FAILED
    await orch.close()
    await orch.down.close()


async def test_halt_with_everything_down_still_halts_the_session(tmp_path):
    orch = Orchestrator(SessionMachine(SimulatedCycle(T0, 0, 60, 0, 0)),
                        Downstream(DEAD, timeout=1), now=lambda: T0 + timedelta(seconds=5),
                        accounts=["ACC1"], reports_dir=tmp_path)
    orch.tick()
    assert orch.session.state == OPEN
    halt = await orch.global_halt(pb.GlobalHaltRequest(actor="ops", reason="x",
                                                       cancel_open_orders=True))
    assert halt.session.state == pb.SESSION_STATE_HALTED
    assert [s.status for s in halt.steps] == [pb.WORKFLOW_STATUS_FAILED] * 3
    assert "risk-engine is unavailable" in halt.steps[0].detail
    # resume is refused while risk-engine cannot confirm the kill switch is reset
    import pytest
    from omni_core.errors import FailedPrecondition

    with pytest.raises(FailedPrecondition, match="kill switch not reset"):
        await orch.global_resume(pb.GlobalResumeRequest(actor="ops", reason="y"))
    assert orch.session.state == pb.SESSION_STATE_HALTED
    await orch.down.close()
