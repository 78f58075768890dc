import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.alt_data.v1 import alt_data_service_pb2 as _alt_data_service_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DocumentScored(_message.Message):
    __slots__ = ("instrument_id", "document_id", "source_id", "kind", "title", "sentiment", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    document_id: str
    source_id: str
    kind: _alt_data_service_pb2.SourceKind
    title: str
    sentiment: _alt_data_service_pb2.SentimentScore
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., document_id: _Optional[str] = ..., source_id: _Optional[str] = ..., kind: _Optional[_Union[_alt_data_service_pb2.SourceKind, str]] = ..., title: _Optional[str] = ..., sentiment: _Optional[_Union[_alt_data_service_pb2.SentimentScore, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SentimentUpdated(_message.Message):
    __slots__ = ("instrument_id", "aggregate", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    aggregate: _alt_data_service_pb2.SentimentAggregate
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., aggregate: _Optional[_Union[_alt_data_service_pb2.SentimentAggregate, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AltFeatureUpdated(_message.Message):
    __slots__ = ("instrument_id", "series", "features", "event_time")
    class FeaturesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    series: str
    features: _containers.ScalarMap[str, float]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., series: _Optional[str] = ..., features: _Optional[_Mapping[str, float]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
