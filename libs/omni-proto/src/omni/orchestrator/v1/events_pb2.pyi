import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.orchestrator.v1 import orchestrator_service_pb2 as _orchestrator_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SessionStateChanged(_message.Message):
    __slots__ = ("service", "previous_state", "session", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    previous_state: _orchestrator_service_pb2.SessionState
    session: _orchestrator_service_pb2.Session
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., previous_state: _Optional[_Union[_orchestrator_service_pb2.SessionState, str]] = ..., session: _Optional[_Union[_orchestrator_service_pb2.Session, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GlobalHaltChanged(_message.Message):
    __slots__ = ("service", "halted", "actor", "reason", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    HALTED_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    halted: bool
    actor: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., halted: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WorkflowStatusChanged(_message.Message):
    __slots__ = ("service", "workflow", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    workflow: _orchestrator_service_pb2.Workflow
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., workflow: _Optional[_Union[_orchestrator_service_pb2.Workflow, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
