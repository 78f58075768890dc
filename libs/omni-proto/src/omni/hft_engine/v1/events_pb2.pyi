import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.hft_engine.v1 import hft_engine_service_pb2 as _hft_engine_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MicrostructureSignal(_message.Message):
    __slots__ = ("instrument_id", "microstructure", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MICROSTRUCTURE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    microstructure: _hft_engine_service_pb2.Microstructure
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., microstructure: _Optional[_Union[_hft_engine_service_pb2.Microstructure, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HftStrategyStatusChanged(_message.Message):
    __slots__ = ("account_id", "previous_status", "strategy", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATUS_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    previous_status: _hft_engine_service_pb2.HftStrategyStatus
    strategy: _hft_engine_service_pb2.HftStrategy
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., previous_status: _Optional[_Union[_hft_engine_service_pb2.HftStrategyStatus, str]] = ..., strategy: _Optional[_Union[_hft_engine_service_pb2.HftStrategy, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
