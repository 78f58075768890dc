import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Timeframe(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMEFRAME_UNSPECIFIED: _ClassVar[Timeframe]
    TIMEFRAME_1S: _ClassVar[Timeframe]
    TIMEFRAME_1M: _ClassVar[Timeframe]
    TIMEFRAME_5M: _ClassVar[Timeframe]
    TIMEFRAME_15M: _ClassVar[Timeframe]
    TIMEFRAME_1H: _ClassVar[Timeframe]
    TIMEFRAME_4H: _ClassVar[Timeframe]
    TIMEFRAME_1D: _ClassVar[Timeframe]

class SignalDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIGNAL_DIRECTION_UNSPECIFIED: _ClassVar[SignalDirection]
    SIGNAL_DIRECTION_LONG: _ClassVar[SignalDirection]
    SIGNAL_DIRECTION_SHORT: _ClassVar[SignalDirection]
    SIGNAL_DIRECTION_NEUTRAL: _ClassVar[SignalDirection]

class Regime(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REGIME_UNSPECIFIED: _ClassVar[Regime]
    REGIME_TRENDING_UP: _ClassVar[Regime]
    REGIME_TRENDING_DOWN: _ClassVar[Regime]
    REGIME_RANGING: _ClassVar[Regime]
    REGIME_HIGH_VOLATILITY: _ClassVar[Regime]
    REGIME_LOW_VOLATILITY: _ClassVar[Regime]
    REGIME_CORRELATION_STRESS: _ClassVar[Regime]
    REGIME_CORRELATION_NORMAL: _ClassVar[Regime]
TIMEFRAME_UNSPECIFIED: Timeframe
TIMEFRAME_1S: Timeframe
TIMEFRAME_1M: Timeframe
TIMEFRAME_5M: Timeframe
TIMEFRAME_15M: Timeframe
TIMEFRAME_1H: Timeframe
TIMEFRAME_4H: Timeframe
TIMEFRAME_1D: Timeframe
SIGNAL_DIRECTION_UNSPECIFIED: SignalDirection
SIGNAL_DIRECTION_LONG: SignalDirection
SIGNAL_DIRECTION_SHORT: SignalDirection
SIGNAL_DIRECTION_NEUTRAL: SignalDirection
REGIME_UNSPECIFIED: Regime
REGIME_TRENDING_UP: Regime
REGIME_TRENDING_DOWN: Regime
REGIME_RANGING: Regime
REGIME_HIGH_VOLATILITY: Regime
REGIME_LOW_VOLATILITY: Regime
REGIME_CORRELATION_STRESS: Regime
REGIME_CORRELATION_NORMAL: Regime

class Bar(_message.Message):
    __slots__ = ("time", "open", "high", "low", "close", "volume")
    TIME_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FIELD_NUMBER: _ClassVar[int]
    VOLUME_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    open: float
    high: float
    low: float
    close: float
    volume: float
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open: _Optional[float] = ..., high: _Optional[float] = ..., low: _Optional[float] = ..., close: _Optional[float] = ..., volume: _Optional[float] = ...) -> None: ...

class IndicatorInfo(_message.Message):
    __slots__ = ("name", "group", "description", "default_parameters", "outputs", "lookback", "inputs", "incremental_streaming")
    NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    INCREMENTAL_STREAMING_FIELD_NUMBER: _ClassVar[int]
    name: str
    group: str
    description: str
    default_parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    outputs: _containers.RepeatedScalarFieldContainer[str]
    lookback: int
    inputs: _containers.RepeatedScalarFieldContainer[str]
    incremental_streaming: bool
    def __init__(self, name: _Optional[str] = ..., group: _Optional[str] = ..., description: _Optional[str] = ..., default_parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., outputs: _Optional[_Iterable[str]] = ..., lookback: _Optional[int] = ..., inputs: _Optional[_Iterable[str]] = ..., incremental_streaming: _Optional[bool] = ...) -> None: ...

class IndicatorSeries(_message.Message):
    __slots__ = ("output", "values")
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    output: str
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, output: _Optional[str] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...

class ListIndicatorsRequest(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: str
    def __init__(self, group: _Optional[str] = ...) -> None: ...

class ListIndicatorsResponse(_message.Message):
    __slots__ = ("indicators",)
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    indicators: _containers.RepeatedCompositeFieldContainer[IndicatorInfo]
    def __init__(self, indicators: _Optional[_Iterable[_Union[IndicatorInfo, _Mapping]]] = ...) -> None: ...

class ComputeIndicatorRequest(_message.Message):
    __slots__ = ("indicator", "parameters", "instrument_id", "timeframe", "range", "bars", "allow_gaps")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    RANGE_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    ALLOW_GAPS_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    instrument_id: _types_pb2.InstrumentId
    timeframe: Timeframe
    range: _types_pb2.TimeRange
    bars: _containers.RepeatedCompositeFieldContainer[Bar]
    allow_gaps: bool
    def __init__(self, indicator: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ..., range: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., bars: _Optional[_Iterable[_Union[Bar, _Mapping]]] = ..., allow_gaps: _Optional[bool] = ...) -> None: ...

class ComputeIndicatorResponse(_message.Message):
    __slots__ = ("times", "series")
    TIMES_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    times: _containers.RepeatedCompositeFieldContainer[_timestamp_pb2.Timestamp]
    series: _containers.RepeatedCompositeFieldContainer[IndicatorSeries]
    def __init__(self, times: _Optional[_Iterable[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]] = ..., series: _Optional[_Iterable[_Union[IndicatorSeries, _Mapping]]] = ...) -> None: ...

class IndicatorSpec(_message.Message):
    __slots__ = ("indicator", "parameters", "timeframe")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    timeframe: Timeframe
    def __init__(self, indicator: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ...) -> None: ...

class Subscription(_message.Message):
    __slots__ = ("subscription_id", "instrument_id", "indicators", "patterns", "regimes", "owner", "created_at")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    REGIMES_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    instrument_id: _types_pb2.InstrumentId
    indicators: _containers.RepeatedCompositeFieldContainer[IndicatorSpec]
    patterns: bool
    regimes: bool
    owner: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, subscription_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., indicators: _Optional[_Iterable[_Union[IndicatorSpec, _Mapping]]] = ..., patterns: _Optional[bool] = ..., regimes: _Optional[bool] = ..., owner: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("instrument_id", "indicators", "patterns", "regimes", "owner")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    REGIMES_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    indicators: _containers.RepeatedCompositeFieldContainer[IndicatorSpec]
    patterns: bool
    regimes: bool
    owner: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., indicators: _Optional[_Iterable[_Union[IndicatorSpec, _Mapping]]] = ..., patterns: _Optional[bool] = ..., regimes: _Optional[bool] = ..., owner: _Optional[str] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: Subscription
    def __init__(self, subscription: _Optional[_Union[Subscription, _Mapping]] = ...) -> None: ...

class UnsubscribeRequest(_message.Message):
    __slots__ = ("subscription_id",)
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class UnsubscribeResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSubscriptionsRequest(_message.Message):
    __slots__ = ("instrument_id", "owner", "page")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    owner: str
    page: _types_pb2.PageRequest
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., owner: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListSubscriptionsResponse(_message.Message):
    __slots__ = ("subscriptions", "page")
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    subscriptions: _containers.RepeatedCompositeFieldContainer[Subscription]
    page: _types_pb2.PageResponse
    def __init__(self, subscriptions: _Optional[_Iterable[_Union[Subscription, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class PatternMatch(_message.Message):
    __slots__ = ("pattern", "direction", "confidence", "start_time", "end_time")
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    pattern: str
    direction: SignalDirection
    confidence: float
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, pattern: _Optional[str] = ..., direction: _Optional[_Union[SignalDirection, str]] = ..., confidence: _Optional[float] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DetectPatternsRequest(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "range", "patterns", "bars")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    RANGE_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: Timeframe
    range: _types_pb2.TimeRange
    patterns: _containers.RepeatedScalarFieldContainer[str]
    bars: _containers.RepeatedCompositeFieldContainer[Bar]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ..., range: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., patterns: _Optional[_Iterable[str]] = ..., bars: _Optional[_Iterable[_Union[Bar, _Mapping]]] = ...) -> None: ...

class DetectPatternsResponse(_message.Message):
    __slots__ = ("matches",)
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    matches: _containers.RepeatedCompositeFieldContainer[PatternMatch]
    def __init__(self, matches: _Optional[_Iterable[_Union[PatternMatch, _Mapping]]] = ...) -> None: ...

class GetRegimeRequest(_message.Message):
    __slots__ = ("instrument_id", "timeframe")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: Timeframe
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ...) -> None: ...

class GetRegimeResponse(_message.Message):
    __slots__ = ("regime", "probabilities", "since", "confidence", "assessments")
    class ProbabilitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    REGIME_FIELD_NUMBER: _ClassVar[int]
    PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENTS_FIELD_NUMBER: _ClassVar[int]
    regime: Regime
    probabilities: _containers.ScalarMap[str, float]
    since: _timestamp_pb2.Timestamp
    confidence: float
    assessments: _containers.RepeatedCompositeFieldContainer[RegimeAssessment]
    def __init__(self, regime: _Optional[_Union[Regime, str]] = ..., probabilities: _Optional[_Mapping[str, float]] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., confidence: _Optional[float] = ..., assessments: _Optional[_Iterable[_Union[RegimeAssessment, _Mapping]]] = ...) -> None: ...

class RegimeAssessment(_message.Message):
    __slots__ = ("dimension", "regime", "confidence", "probabilities", "method", "fitted_at", "details")
    class ProbabilitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class DetailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    REGIME_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    FITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    regime: Regime
    confidence: float
    probabilities: _containers.ScalarMap[str, float]
    method: str
    fitted_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, float]
    def __init__(self, dimension: _Optional[str] = ..., regime: _Optional[_Union[Regime, str]] = ..., confidence: _Optional[float] = ..., probabilities: _Optional[_Mapping[str, float]] = ..., method: _Optional[str] = ..., fitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., details: _Optional[_Mapping[str, float]] = ...) -> None: ...

class TimeframeScore(_message.Message):
    __slots__ = ("timeframe", "score", "weight")
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    timeframe: Timeframe
    score: float
    weight: float
    def __init__(self, timeframe: _Optional[_Union[Timeframe, str]] = ..., score: _Optional[float] = ..., weight: _Optional[float] = ...) -> None: ...

class GetScoredSignalRequest(_message.Message):
    __slots__ = ("instrument_id",)
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetScoredSignalResponse(_message.Message):
    __slots__ = ("score", "direction", "confidence", "components", "as_of", "raw_score", "agreement", "regime")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    RAW_SCORE_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    REGIME_FIELD_NUMBER: _ClassVar[int]
    score: float
    direction: SignalDirection
    confidence: float
    components: _containers.RepeatedCompositeFieldContainer[TimeframeScore]
    as_of: _timestamp_pb2.Timestamp
    raw_score: float
    agreement: float
    regime: Regime
    def __init__(self, score: _Optional[float] = ..., direction: _Optional[_Union[SignalDirection, str]] = ..., confidence: _Optional[float] = ..., components: _Optional[_Iterable[_Union[TimeframeScore, _Mapping]]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., raw_score: _Optional[float] = ..., agreement: _Optional[float] = ..., regime: _Optional[_Union[Regime, str]] = ...) -> None: ...

class GetLevelsRequest(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "bars", "order", "min_touches", "tolerance")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    MIN_TOUCHES_FIELD_NUMBER: _ClassVar[int]
    TOLERANCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: Timeframe
    bars: _containers.RepeatedCompositeFieldContainer[Bar]
    order: int
    min_touches: int
    tolerance: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ..., bars: _Optional[_Iterable[_Union[Bar, _Mapping]]] = ..., order: _Optional[int] = ..., min_touches: _Optional[int] = ..., tolerance: _Optional[float] = ...) -> None: ...

class PriceLevel(_message.Message):
    __slots__ = ("price", "kind", "touches", "strength", "first_time", "last_time")
    PRICE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOUCHES_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    FIRST_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_TIME_FIELD_NUMBER: _ClassVar[int]
    price: float
    kind: str
    touches: int
    strength: float
    first_time: _timestamp_pb2.Timestamp
    last_time: _timestamp_pb2.Timestamp
    def __init__(self, price: _Optional[float] = ..., kind: _Optional[str] = ..., touches: _Optional[int] = ..., strength: _Optional[float] = ..., first_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetLevelsResponse(_message.Message):
    __slots__ = ("levels",)
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    levels: _containers.RepeatedCompositeFieldContainer[PriceLevel]
    def __init__(self, levels: _Optional[_Iterable[_Union[PriceLevel, _Mapping]]] = ...) -> None: ...

class GetIndicatorValuesRequest(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "indicator")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: Timeframe
    indicator: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ..., indicator: _Optional[str] = ...) -> None: ...

class IndicatorValue(_message.Message):
    __slots__ = ("indicator", "parameters", "timeframe", "values", "direction", "strength", "as_of", "bars")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    timeframe: Timeframe
    values: _containers.ScalarMap[str, float]
    direction: SignalDirection
    strength: float
    as_of: _timestamp_pb2.Timestamp
    bars: int
    def __init__(self, indicator: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., timeframe: _Optional[_Union[Timeframe, str]] = ..., values: _Optional[_Mapping[str, float]] = ..., direction: _Optional[_Union[SignalDirection, str]] = ..., strength: _Optional[float] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., bars: _Optional[int] = ...) -> None: ...

class GetIndicatorValuesResponse(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[IndicatorValue]
    def __init__(self, values: _Optional[_Iterable[_Union[IndicatorValue, _Mapping]]] = ...) -> None: ...
