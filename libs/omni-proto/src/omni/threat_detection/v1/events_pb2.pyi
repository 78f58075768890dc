import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.threat_detection.v1 import threat_detection_service_pb2 as _threat_detection_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ThreatDetected(_message.Message):
    __slots__ = ("tenant_id", "alert", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    alert: _threat_detection_service_pb2.Alert
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., alert: _Optional[_Union[_threat_detection_service_pb2.Alert, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ThreatResponseExecuted(_message.Message):
    __slots__ = ("tenant_id", "alert_id", "action", "target", "actor", "success", "detail", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    alert_id: str
    action: _threat_detection_service_pb2.ResponseAction
    target: str
    actor: str
    success: bool
    detail: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., alert_id: _Optional[str] = ..., action: _Optional[_Union[_threat_detection_service_pb2.ResponseAction, str]] = ..., target: _Optional[str] = ..., actor: _Optional[str] = ..., success: _Optional[bool] = ..., detail: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ThreatAlertStatusChanged(_message.Message):
    __slots__ = ("tenant_id", "alert", "previous_status", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATUS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    alert: _threat_detection_service_pb2.Alert
    previous_status: _threat_detection_service_pb2.AlertStatus
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., alert: _Optional[_Union[_threat_detection_service_pb2.Alert, _Mapping]] = ..., previous_status: _Optional[_Union[_threat_detection_service_pb2.AlertStatus, str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
