import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.signal_engine.v1 import signal_engine_service_pb2 as _signal_engine_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IndicatorSignal(_message.Message):
    __slots__ = ("instrument_id", "indicator", "parameters", "timeframe", "values", "direction", "strength", "event_time")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    indicator: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    timeframe: _signal_engine_service_pb2.Timeframe
    values: _containers.ScalarMap[str, float]
    direction: _signal_engine_service_pb2.SignalDirection
    strength: float
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., indicator: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., timeframe: _Optional[_Union[_signal_engine_service_pb2.Timeframe, str]] = ..., values: _Optional[_Mapping[str, float]] = ..., direction: _Optional[_Union[_signal_engine_service_pb2.SignalDirection, str]] = ..., strength: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PatternDetected(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "match", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: _signal_engine_service_pb2.Timeframe
    match: _signal_engine_service_pb2.PatternMatch
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[_signal_engine_service_pb2.Timeframe, str]] = ..., match: _Optional[_Union[_signal_engine_service_pb2.PatternMatch, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RegimeChanged(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "previous_regime", "regime", "probability", "event_time", "dimension", "method")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_REGIME_FIELD_NUMBER: _ClassVar[int]
    REGIME_FIELD_NUMBER: _ClassVar[int]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: _signal_engine_service_pb2.Timeframe
    previous_regime: _signal_engine_service_pb2.Regime
    regime: _signal_engine_service_pb2.Regime
    probability: float
    event_time: _timestamp_pb2.Timestamp
    dimension: str
    method: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[_signal_engine_service_pb2.Timeframe, str]] = ..., previous_regime: _Optional[_Union[_signal_engine_service_pb2.Regime, str]] = ..., regime: _Optional[_Union[_signal_engine_service_pb2.Regime, str]] = ..., probability: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dimension: _Optional[str] = ..., method: _Optional[str] = ...) -> None: ...

class ScoredSignal(_message.Message):
    __slots__ = ("instrument_id", "signal_id", "score", "direction", "confidence", "components", "regime", "event_time", "raw_score", "agreement")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNAL_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    REGIME_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    RAW_SCORE_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    signal_id: str
    score: float
    direction: _signal_engine_service_pb2.SignalDirection
    confidence: float
    components: _containers.RepeatedCompositeFieldContainer[_signal_engine_service_pb2.TimeframeScore]
    regime: _signal_engine_service_pb2.Regime
    event_time: _timestamp_pb2.Timestamp
    raw_score: float
    agreement: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., signal_id: _Optional[str] = ..., score: _Optional[float] = ..., direction: _Optional[_Union[_signal_engine_service_pb2.SignalDirection, str]] = ..., confidence: _Optional[float] = ..., components: _Optional[_Iterable[_Union[_signal_engine_service_pb2.TimeframeScore, _Mapping]]] = ..., regime: _Optional[_Union[_signal_engine_service_pb2.Regime, str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., raw_score: _Optional[float] = ..., agreement: _Optional[float] = ...) -> None: ...
