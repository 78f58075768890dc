import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.fund_operations.v1 import fund_operations_service_pb2 as _fund_operations_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NavStruck(_message.Message):
    __slots__ = ("account_id", "nav", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    nav: _fund_operations_service_pb2.NavRecord
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., nav: _Optional[_Union[_fund_operations_service_pb2.NavRecord, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DealingRecorded(_message.Message):
    __slots__ = ("account_id", "dealing", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DEALING_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    dealing: _fund_operations_service_pb2.Dealing
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., dealing: _Optional[_Union[_fund_operations_service_pb2.Dealing, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DealingSettled(_message.Message):
    __slots__ = ("account_id", "dealing", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    DEALING_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    dealing: _fund_operations_service_pb2.Dealing
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., dealing: _Optional[_Union[_fund_operations_service_pb2.Dealing, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FeesAccrued(_message.Message):
    __slots__ = ("account_id", "fund_id", "fees", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    fund_id: str
    fees: _fund_operations_service_pb2.FeeBreakdown
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., fund_id: _Optional[str] = ..., fees: _Optional[_Union[_fund_operations_service_pb2.FeeBreakdown, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
