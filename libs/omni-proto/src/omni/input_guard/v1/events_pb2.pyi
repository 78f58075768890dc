import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.input_guard.v1 import input_guard_service_pb2 as _input_guard_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RequestBlocked(_message.Message):
    __slots__ = ("tenant_id", "request_id", "verdict", "method", "route", "client_ip", "findings", "risk_score", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    RISK_SCORE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    request_id: str
    verdict: _input_guard_service_pb2.Verdict
    method: str
    route: str
    client_ip: str
    findings: _containers.RepeatedCompositeFieldContainer[_input_guard_service_pb2.Finding]
    risk_score: float
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., request_id: _Optional[str] = ..., verdict: _Optional[_Union[_input_guard_service_pb2.Verdict, str]] = ..., method: _Optional[str] = ..., route: _Optional[str] = ..., client_ip: _Optional[str] = ..., findings: _Optional[_Iterable[_Union[_input_guard_service_pb2.Finding, _Mapping]]] = ..., risk_score: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GuardRuleChanged(_message.Message):
    __slots__ = ("tenant_id", "rule", "deleted", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rule: _input_guard_service_pb2.Rule
    deleted: bool
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., rule: _Optional[_Union[_input_guard_service_pb2.Rule, _Mapping]] = ..., deleted: _Optional[bool] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
