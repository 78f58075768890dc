import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.broker_gateway.v1 import broker_gateway_service_pb2 as _broker_gateway_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VenueStatusChanged(_message.Message):
    __slots__ = ("venue", "previous_state", "state", "reason", "event_time")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    venue: str
    previous_state: _broker_gateway_service_pb2.VenueState
    state: _broker_gateway_service_pb2.VenueState
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, venue: _Optional[str] = ..., previous_state: _Optional[_Union[_broker_gateway_service_pb2.VenueState, str]] = ..., state: _Optional[_Union[_broker_gateway_service_pb2.VenueState, str]] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RouteDecided(_message.Message):
    __slots__ = ("decision", "event_time")
    DECISION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    decision: _broker_gateway_service_pb2.RouteDecision
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, decision: _Optional[_Union[_broker_gateway_service_pb2.RouteDecision, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReconciliationReport(_message.Message):
    __slots__ = ("venue", "trigger", "orders_checked", "discrepancies", "completed", "error", "event_time")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    DISCREPANCIES_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    venue: str
    trigger: str
    orders_checked: int
    discrepancies: _containers.RepeatedCompositeFieldContainer[_broker_gateway_service_pb2.Discrepancy]
    completed: bool
    error: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, venue: _Optional[str] = ..., trigger: _Optional[str] = ..., orders_checked: _Optional[int] = ..., discrepancies: _Optional[_Iterable[_Union[_broker_gateway_service_pb2.Discrepancy, _Mapping]]] = ..., completed: _Optional[bool] = ..., error: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
