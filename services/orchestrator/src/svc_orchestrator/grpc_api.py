"""OrchestratorService over gRPC: thin; the rules are in `core` and `session`."""

from __future__ import annotations

from typing import Any

from omni.common.v1 import types_pb2 as common
from omni.orchestrator.v1 import orchestrator_service_pb2 as pb
from omni.orchestrator.v1 import orchestrator_service_pb2_grpc as pb_grpc
from omni_core.errors import InvalidArgument

from svc_orchestrator.core import Orchestrator

__all__ = ["OrchestratorServicer", "FULL_NAME", "add_to_server"]

FULL_NAME = "omni.orchestrator.v1.OrchestratorService"
add_to_server = pb_grpc.add_OrchestratorServiceServicer_to_server


class OrchestratorServicer(pb_grpc.OrchestratorServiceServicer):
    def __init__(self, orch: Orchestrator) -> None:
        self.orch = orch

    def _calendar(self, calendar: str) -> None:
        if calendar and calendar.upper() != self.orch.session.schedule.name.upper():
            raise InvalidArgument(f"unknown calendar {calendar!r}; this orchestrator follows "
                                  f"{self.orch.session.schedule.name!r}")

    async def GetSessionState(self, request: pb.GetSessionStateRequest, context: Any) -> Any:  # noqa: N802
        self._calendar(request.calendar)
        return pb.GetSessionStateResponse(session=self.orch.get_session())

    async def TransitionSession(self, request: pb.TransitionSessionRequest, context: Any) -> Any:  # noqa: N802
        self._calendar(request.calendar)
        return pb.TransitionSessionResponse(session=self.orch.transition(
            request.target_state, request.actor, request.reason))

    async def GlobalHalt(self, request: pb.GlobalHaltRequest, context: Any) -> Any:  # noqa: N802
        return await self.orch.global_halt(request)

    async def GlobalResume(self, request: pb.GlobalResumeRequest, context: Any) -> Any:  # noqa: N802
        return await self.orch.global_resume(request)

    async def ControlStrategies(self, request: pb.ControlStrategiesRequest, context: Any) -> Any:  # noqa: N802
        return await self.orch.control_strategies(request)

    async def CheckStrategyDependencies(self, request: pb.CheckStrategyDependenciesRequest,  # noqa: N802
                                        context: Any) -> Any:
        return await self.orch.check_dependencies(request.strategy_id)

    async def RunEndOfDay(self, request: pb.RunEndOfDayRequest, context: Any) -> Any:  # noqa: N802
        day = None
        if request.HasField("trading_date"):
            day = request.trading_date.ToDatetime()
        wf, out = await self.orch.run_end_of_day(day, request.actor or "operator")
        return pb.RunEndOfDayResponse(workflow=wf, report_dir=out)

    async def StartWorkflow(self, request: pb.StartWorkflowRequest, context: Any) -> Any:  # noqa: N802
        return pb.StartWorkflowResponse(workflow=await self.orch.start_workflow(request))

    async def GetWorkflow(self, request: pb.GetWorkflowRequest, context: Any) -> Any:  # noqa: N802
        return pb.GetWorkflowResponse(workflow=self.orch.get_workflow(request.workflow_id))

    async def ListWorkflows(self, request: pb.ListWorkflowsRequest, context: Any) -> Any:  # noqa: N802
        rows, nxt = self.orch.list_workflows(request.name, list(request.statuses),
                                             request.page.page_size, request.page.page_token)
        return pb.ListWorkflowsResponse(workflows=rows, page=common.PageResponse(
            next_page_token=nxt, total_size=len(self.orch.workflows)))
