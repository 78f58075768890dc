import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.security_hub.v1 import security_hub_service_pb2 as _security_hub_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IncidentOpened(_message.Message):
    __slots__ = ("tenant_id", "incident", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    incident: _security_hub_service_pb2.Incident
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., incident: _Optional[_Union[_security_hub_service_pb2.Incident, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IncidentUpdated(_message.Message):
    __slots__ = ("tenant_id", "incident", "previous_status", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATUS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    incident: _security_hub_service_pb2.Incident
    previous_status: _security_hub_service_pb2.IncidentStatus
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., incident: _Optional[_Union[_security_hub_service_pb2.Incident, _Mapping]] = ..., previous_status: _Optional[_Union[_security_hub_service_pb2.IncidentStatus, str]] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlaybookRunCompleted(_message.Message):
    __slots__ = ("tenant_id", "run", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    run: _security_hub_service_pb2.PlaybookRun
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., run: _Optional[_Union[_security_hub_service_pb2.PlaybookRun, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
