import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.analytics.v1 import analytics_service_pb2 as _analytics_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PerformanceSnapshot(_message.Message):
    __slots__ = ("account_id", "strategy_id", "metrics", "window", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    metrics: _analytics_service_pb2.PerformanceMetrics
    window: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., metrics: _Optional[_Union[_analytics_service_pb2.PerformanceMetrics, _Mapping]] = ..., window: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
