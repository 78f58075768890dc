import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.global_markets.v1 import global_markets_service_pb2 as _global_markets_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MarketPhaseChanged(_message.Message):
    __slots__ = ("instrument_id", "mic", "previous_phase", "phase", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MIC_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_PHASE_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    mic: str
    previous_phase: _global_markets_service_pb2.MarketPhase
    phase: _global_markets_service_pb2.MarketPhase
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., mic: _Optional[str] = ..., previous_phase: _Optional[_Union[_global_markets_service_pb2.MarketPhase, str]] = ..., phase: _Optional[_Union[_global_markets_service_pb2.MarketPhase, str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FxRateUpdated(_message.Message):
    __slots__ = ("instrument_id", "rate", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    rate: _global_markets_service_pb2.FxRate
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., rate: _Optional[_Union[_global_markets_service_pb2.FxRate, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
