import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.compliance.v1 import compliance_service_pb2 as _compliance_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SurveillanceAlertRaised(_message.Message):
    __slots__ = ("account_id", "alert", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    alert: _compliance_service_pb2.SurveillanceAlert
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., alert: _Optional[_Union[_compliance_service_pb2.SurveillanceAlert, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RestrictionChanged(_message.Message):
    __slots__ = ("account_id", "instrument_id", "restriction", "removed", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    REMOVED_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    restriction: _compliance_service_pb2.Restriction
    removed: bool
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., restriction: _Optional[_Union[_compliance_service_pb2.Restriction, _Mapping]] = ..., removed: _Optional[bool] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ComplianceCheckFailed(_message.Message):
    __slots__ = ("account_id", "order_id", "instrument_id", "reasons", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    instrument_id: _types_pb2.InstrumentId
    reasons: _containers.RepeatedScalarFieldContainer[str]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., reasons: _Optional[_Iterable[str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AuditCheckpoint(_message.Message):
    __slots__ = ("account_id", "sequence", "head_hash", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    sequence: int
    head_hash: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., sequence: _Optional[int] = ..., head_hash: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
