import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SessionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SESSION_STATE_UNSPECIFIED: _ClassVar[SessionState]
    SESSION_STATE_PRE_OPEN: _ClassVar[SessionState]
    SESSION_STATE_OPEN: _ClassVar[SessionState]
    SESSION_STATE_HALTED: _ClassVar[SessionState]
    SESSION_STATE_CLOSING: _ClassVar[SessionState]
    SESSION_STATE_CLOSED: _ClassVar[SessionState]

class StrategyCommand(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STRATEGY_COMMAND_UNSPECIFIED: _ClassVar[StrategyCommand]
    STRATEGY_COMMAND_START: _ClassVar[StrategyCommand]
    STRATEGY_COMMAND_STOP: _ClassVar[StrategyCommand]
    STRATEGY_COMMAND_PAUSE: _ClassVar[StrategyCommand]
    STRATEGY_COMMAND_RESUME: _ClassVar[StrategyCommand]

class WorkflowStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WORKFLOW_STATUS_UNSPECIFIED: _ClassVar[WorkflowStatus]
    WORKFLOW_STATUS_PENDING: _ClassVar[WorkflowStatus]
    WORKFLOW_STATUS_RUNNING: _ClassVar[WorkflowStatus]
    WORKFLOW_STATUS_SUCCEEDED: _ClassVar[WorkflowStatus]
    WORKFLOW_STATUS_FAILED: _ClassVar[WorkflowStatus]
    WORKFLOW_STATUS_CANCELLED: _ClassVar[WorkflowStatus]
SESSION_STATE_UNSPECIFIED: SessionState
SESSION_STATE_PRE_OPEN: SessionState
SESSION_STATE_OPEN: SessionState
SESSION_STATE_HALTED: SessionState
SESSION_STATE_CLOSING: SessionState
SESSION_STATE_CLOSED: SessionState
STRATEGY_COMMAND_UNSPECIFIED: StrategyCommand
STRATEGY_COMMAND_START: StrategyCommand
STRATEGY_COMMAND_STOP: StrategyCommand
STRATEGY_COMMAND_PAUSE: StrategyCommand
STRATEGY_COMMAND_RESUME: StrategyCommand
WORKFLOW_STATUS_UNSPECIFIED: WorkflowStatus
WORKFLOW_STATUS_PENDING: WorkflowStatus
WORKFLOW_STATUS_RUNNING: WorkflowStatus
WORKFLOW_STATUS_SUCCEEDED: WorkflowStatus
WORKFLOW_STATUS_FAILED: WorkflowStatus
WORKFLOW_STATUS_CANCELLED: WorkflowStatus

class Session(_message.Message):
    __slots__ = ("calendar", "state", "trading_date", "opens_at", "closes_at", "changed_at", "changed_by", "reason", "globally_halted", "calendar_state", "next_change_at")
    CALENDAR_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRADING_DATE_FIELD_NUMBER: _ClassVar[int]
    OPENS_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSES_AT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    GLOBALLY_HALTED_FIELD_NUMBER: _ClassVar[int]
    CALENDAR_STATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_CHANGE_AT_FIELD_NUMBER: _ClassVar[int]
    calendar: str
    state: SessionState
    trading_date: _timestamp_pb2.Timestamp
    opens_at: _timestamp_pb2.Timestamp
    closes_at: _timestamp_pb2.Timestamp
    changed_at: _timestamp_pb2.Timestamp
    changed_by: str
    reason: str
    globally_halted: bool
    calendar_state: SessionState
    next_change_at: _timestamp_pb2.Timestamp
    def __init__(self, calendar: _Optional[str] = ..., state: _Optional[_Union[SessionState, str]] = ..., trading_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., opens_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closes_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ..., globally_halted: _Optional[bool] = ..., calendar_state: _Optional[_Union[SessionState, str]] = ..., next_change_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSessionStateRequest(_message.Message):
    __slots__ = ("calendar",)
    CALENDAR_FIELD_NUMBER: _ClassVar[int]
    calendar: str
    def __init__(self, calendar: _Optional[str] = ...) -> None: ...

class GetSessionStateResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: Session
    def __init__(self, session: _Optional[_Union[Session, _Mapping]] = ...) -> None: ...

class TransitionSessionRequest(_message.Message):
    __slots__ = ("calendar", "target_state", "actor", "reason")
    CALENDAR_FIELD_NUMBER: _ClassVar[int]
    TARGET_STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    calendar: str
    target_state: SessionState
    actor: str
    reason: str
    def __init__(self, calendar: _Optional[str] = ..., target_state: _Optional[_Union[SessionState, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TransitionSessionResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: Session
    def __init__(self, session: _Optional[_Union[Session, _Mapping]] = ...) -> None: ...

class GlobalHaltRequest(_message.Message):
    __slots__ = ("actor", "reason", "cancel_open_orders", "flatten_positions")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CANCEL_OPEN_ORDERS_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    actor: str
    reason: str
    cancel_open_orders: bool
    flatten_positions: bool
    def __init__(self, actor: _Optional[str] = ..., reason: _Optional[str] = ..., cancel_open_orders: _Optional[bool] = ..., flatten_positions: _Optional[bool] = ...) -> None: ...

class GlobalHaltResponse(_message.Message):
    __slots__ = ("session", "paused_strategy_ids", "cancelled_orders", "steps", "flatten_order_ids")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    PAUSED_STRATEGY_IDS_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_ORDERS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    session: Session
    paused_strategy_ids: _containers.RepeatedScalarFieldContainer[str]
    cancelled_orders: int
    steps: _containers.RepeatedCompositeFieldContainer[WorkflowStep]
    flatten_order_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, session: _Optional[_Union[Session, _Mapping]] = ..., paused_strategy_ids: _Optional[_Iterable[str]] = ..., cancelled_orders: _Optional[int] = ..., steps: _Optional[_Iterable[_Union[WorkflowStep, _Mapping]]] = ..., flatten_order_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class GlobalResumeRequest(_message.Message):
    __slots__ = ("actor", "reason", "resume_strategies")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESUME_STRATEGIES_FIELD_NUMBER: _ClassVar[int]
    actor: str
    reason: str
    resume_strategies: bool
    def __init__(self, actor: _Optional[str] = ..., reason: _Optional[str] = ..., resume_strategies: _Optional[bool] = ...) -> None: ...

class GlobalResumeResponse(_message.Message):
    __slots__ = ("session", "resumed_strategy_ids", "steps")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    RESUMED_STRATEGY_IDS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    session: Session
    resumed_strategy_ids: _containers.RepeatedScalarFieldContainer[str]
    steps: _containers.RepeatedCompositeFieldContainer[WorkflowStep]
    def __init__(self, session: _Optional[_Union[Session, _Mapping]] = ..., resumed_strategy_ids: _Optional[_Iterable[str]] = ..., steps: _Optional[_Iterable[_Union[WorkflowStep, _Mapping]]] = ...) -> None: ...

class StrategyControlResult(_message.Message):
    __slots__ = ("strategy_id", "ok", "error")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    OK_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    ok: bool
    error: str
    def __init__(self, strategy_id: _Optional[str] = ..., ok: _Optional[bool] = ..., error: _Optional[str] = ...) -> None: ...

class ControlStrategiesRequest(_message.Message):
    __slots__ = ("command", "strategy_ids", "account_id", "actor", "reason")
    COMMAND_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_IDS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    command: StrategyCommand
    strategy_ids: _containers.RepeatedScalarFieldContainer[str]
    account_id: str
    actor: str
    reason: str
    def __init__(self, command: _Optional[_Union[StrategyCommand, str]] = ..., strategy_ids: _Optional[_Iterable[str]] = ..., account_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ControlStrategiesResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[StrategyControlResult]
    def __init__(self, results: _Optional[_Iterable[_Union[StrategyControlResult, _Mapping]]] = ...) -> None: ...

class RunEndOfDayRequest(_message.Message):
    __slots__ = ("trading_date", "actor")
    TRADING_DATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    trading_date: _timestamp_pb2.Timestamp
    actor: str
    def __init__(self, trading_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ...) -> None: ...

class RunEndOfDayResponse(_message.Message):
    __slots__ = ("workflow", "report_dir")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    REPORT_DIR_FIELD_NUMBER: _ClassVar[int]
    workflow: Workflow
    report_dir: str
    def __init__(self, workflow: _Optional[_Union[Workflow, _Mapping]] = ..., report_dir: _Optional[str] = ...) -> None: ...

class WorkflowStep(_message.Message):
    __slots__ = ("name", "service", "status", "detail", "started_at", "finished_at")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    name: str
    service: str
    status: WorkflowStatus
    detail: str
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., service: _Optional[str] = ..., status: _Optional[_Union[WorkflowStatus, str]] = ..., detail: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Workflow(_message.Message):
    __slots__ = ("workflow_id", "name", "status", "steps", "parameters", "started_by", "started_at", "finished_at")
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    name: str
    status: WorkflowStatus
    steps: _containers.RepeatedCompositeFieldContainer[WorkflowStep]
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    started_by: str
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, workflow_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[WorkflowStatus, str]] = ..., steps: _Optional[_Iterable[_Union[WorkflowStep, _Mapping]]] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., started_by: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StartWorkflowRequest(_message.Message):
    __slots__ = ("name", "parameters", "actor", "idempotency_key")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    name: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    actor: str
    idempotency_key: str
    def __init__(self, name: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., actor: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class StartWorkflowResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: Workflow
    def __init__(self, workflow: _Optional[_Union[Workflow, _Mapping]] = ...) -> None: ...

class GetWorkflowRequest(_message.Message):
    __slots__ = ("workflow_id",)
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    def __init__(self, workflow_id: _Optional[str] = ...) -> None: ...

class GetWorkflowResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: Workflow
    def __init__(self, workflow: _Optional[_Union[Workflow, _Mapping]] = ...) -> None: ...

class ListWorkflowsRequest(_message.Message):
    __slots__ = ("name", "statuses", "page")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    name: str
    statuses: _containers.RepeatedScalarFieldContainer[WorkflowStatus]
    page: _types_pb2.PageRequest
    def __init__(self, name: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[WorkflowStatus, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListWorkflowsResponse(_message.Message):
    __slots__ = ("workflows", "page")
    WORKFLOWS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    workflows: _containers.RepeatedCompositeFieldContainer[Workflow]
    page: _types_pb2.PageResponse
    def __init__(self, workflows: _Optional[_Iterable[_Union[Workflow, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class CheckStrategyDependenciesRequest(_message.Message):
    __slots__ = ("strategy_id",)
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    def __init__(self, strategy_id: _Optional[str] = ...) -> None: ...

class CheckStrategyDependenciesResponse(_message.Message):
    __slots__ = ("strategy_id", "ready", "missing")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    ready: bool
    missing: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, strategy_id: _Optional[str] = ..., ready: _Optional[bool] = ..., missing: _Optional[_Iterable[str]] = ...) -> None: ...
