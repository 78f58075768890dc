import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.market_maker.v1 import market_maker_service_pb2 as _market_maker_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QuoteUpdated(_message.Message):
    __slots__ = ("account_id", "quote", "inventory", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    INVENTORY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    quote: _market_maker_service_pb2.Quote
    inventory: float
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., quote: _Optional[_Union[_market_maker_service_pb2.Quote, _Mapping]] = ..., inventory: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QuotingStatusChanged(_message.Message):
    __slots__ = ("account_id", "previous_status", "state", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATUS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    previous_status: _market_maker_service_pb2.QuotingStatus
    state: _market_maker_service_pb2.QuotingState
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., previous_status: _Optional[_Union[_market_maker_service_pb2.QuotingStatus, str]] = ..., state: _Optional[_Union[_market_maker_service_pb2.QuotingState, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class InventoryLimitReached(_message.Message):
    __slots__ = ("account_id", "inventory", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INVENTORY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    inventory: _market_maker_service_pb2.Inventory
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., inventory: _Optional[_Union[_market_maker_service_pb2.Inventory, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
