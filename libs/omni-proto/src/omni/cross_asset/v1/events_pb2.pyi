import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.cross_asset.v1 import cross_asset_service_pb2 as _cross_asset_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InstrumentUpdated(_message.Message):
    __slots__ = ("instrument_id", "instrument", "created", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    instrument: _cross_asset_service_pb2.Instrument
    created: bool
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., instrument: _Optional[_Union[_cross_asset_service_pb2.Instrument, _Mapping]] = ..., created: _Optional[bool] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GreeksUpdated(_message.Message):
    __slots__ = ("account_id", "total", "dollar_delta", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    DOLLAR_DELTA_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    total: _cross_asset_service_pb2.Greeks
    dollar_delta: _types_pb2.Decimal
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., total: _Optional[_Union[_cross_asset_service_pb2.Greeks, _Mapping]] = ..., dollar_delta: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HedgeProposed(_message.Message):
    __slots__ = ("account_id", "target", "trades", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    target: _cross_asset_service_pb2.HedgeTarget
    trades: _containers.RepeatedCompositeFieldContainer[_cross_asset_service_pb2.HedgeTrade]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., target: _Optional[_Union[_cross_asset_service_pb2.HedgeTarget, str]] = ..., trades: _Optional[_Iterable[_Union[_cross_asset_service_pb2.HedgeTrade, _Mapping]]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
