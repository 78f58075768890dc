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

class SourceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_KIND_UNSPECIFIED: _ClassVar[SourceKind]
    SOURCE_KIND_NEWS: _ClassVar[SourceKind]
    SOURCE_KIND_SOCIAL: _ClassVar[SourceKind]
    SOURCE_KIND_FILINGS: _ClassVar[SourceKind]
    SOURCE_KIND_ALTERNATIVE_SERIES: _ClassVar[SourceKind]
SOURCE_KIND_UNSPECIFIED: SourceKind
SOURCE_KIND_NEWS: SourceKind
SOURCE_KIND_SOCIAL: SourceKind
SOURCE_KIND_FILINGS: SourceKind
SOURCE_KIND_ALTERNATIVE_SERIES: SourceKind

class Source(_message.Message):
    __slots__ = ("source_id", "name", "kind", "endpoint", "enabled", "reliability", "poll_interval_seconds", "last_polled_at")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    RELIABILITY_FIELD_NUMBER: _ClassVar[int]
    POLL_INTERVAL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LAST_POLLED_AT_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    name: str
    kind: SourceKind
    endpoint: str
    enabled: bool
    reliability: float
    poll_interval_seconds: float
    last_polled_at: _timestamp_pb2.Timestamp
    def __init__(self, source_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[SourceKind, str]] = ..., endpoint: _Optional[str] = ..., enabled: _Optional[bool] = ..., reliability: _Optional[float] = ..., poll_interval_seconds: _Optional[float] = ..., last_polled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SentimentScore(_message.Message):
    __slots__ = ("score", "positive", "negative", "neutral", "model")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    POSITIVE_FIELD_NUMBER: _ClassVar[int]
    NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    NEUTRAL_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    score: float
    positive: float
    negative: float
    neutral: float
    model: str
    def __init__(self, score: _Optional[float] = ..., positive: _Optional[float] = ..., negative: _Optional[float] = ..., neutral: _Optional[float] = ..., model: _Optional[str] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ("document_id", "source_id", "kind", "title", "body", "url", "author", "instruments", "sentiment", "duplicate", "published_at", "ingested_at")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    INGESTED_AT_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    source_id: str
    kind: SourceKind
    title: str
    body: str
    url: str
    author: str
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    sentiment: SentimentScore
    duplicate: bool
    published_at: _timestamp_pb2.Timestamp
    ingested_at: _timestamp_pb2.Timestamp
    def __init__(self, document_id: _Optional[str] = ..., source_id: _Optional[str] = ..., kind: _Optional[_Union[SourceKind, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., url: _Optional[str] = ..., author: _Optional[str] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., sentiment: _Optional[_Union[SentimentScore, _Mapping]] = ..., duplicate: _Optional[bool] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ingested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IngestDocumentRequest(_message.Message):
    __slots__ = ("source_id", "external_id", "title", "body", "url", "author", "instruments", "published_at")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    external_id: str
    title: str
    body: str
    url: str
    author: str
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, source_id: _Optional[str] = ..., external_id: _Optional[str] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., url: _Optional[str] = ..., author: _Optional[str] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IngestDocumentResponse(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: Document
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ...) -> None: ...

class ListDocumentsRequest(_message.Message):
    __slots__ = ("instrument_id", "source_id", "published", "page")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    source_id: str
    published: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., source_id: _Optional[str] = ..., published: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListDocumentsResponse(_message.Message):
    __slots__ = ("documents", "page")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[Document]
    page: _types_pb2.PageResponse
    def __init__(self, documents: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ScoreTextRequest(_message.Message):
    __slots__ = ("text", "model")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    text: str
    model: str
    def __init__(self, text: _Optional[str] = ..., model: _Optional[str] = ...) -> None: ...

class ScoreTextResponse(_message.Message):
    __slots__ = ("sentiment", "instruments")
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    sentiment: SentimentScore
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    def __init__(self, sentiment: _Optional[_Union[SentimentScore, _Mapping]] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ...) -> None: ...

class SentimentAggregate(_message.Message):
    __slots__ = ("instrument_id", "score", "documents", "volume_ratio", "score_change", "window")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    VOLUME_RATIO_FIELD_NUMBER: _ClassVar[int]
    SCORE_CHANGE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    score: float
    documents: int
    volume_ratio: float
    score_change: float
    window: _types_pb2.TimeRange
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., score: _Optional[float] = ..., documents: _Optional[int] = ..., volume_ratio: _Optional[float] = ..., score_change: _Optional[float] = ..., window: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetSentimentRequest(_message.Message):
    __slots__ = ("instrument_id", "window_minutes", "as_of", "kinds")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_MINUTES_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    window_minutes: int
    as_of: _timestamp_pb2.Timestamp
    kinds: _containers.RepeatedScalarFieldContainer[SourceKind]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., window_minutes: _Optional[int] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kinds: _Optional[_Iterable[_Union[SourceKind, str]]] = ...) -> None: ...

class GetSentimentResponse(_message.Message):
    __slots__ = ("aggregate",)
    AGGREGATE_FIELD_NUMBER: _ClassVar[int]
    aggregate: SentimentAggregate
    def __init__(self, aggregate: _Optional[_Union[SentimentAggregate, _Mapping]] = ...) -> None: ...

class ListSourcesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSourcesResponse(_message.Message):
    __slots__ = ("sources",)
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    sources: _containers.RepeatedCompositeFieldContainer[Source]
    def __init__(self, sources: _Optional[_Iterable[_Union[Source, _Mapping]]] = ...) -> None: ...

class ConfigureSourceRequest(_message.Message):
    __slots__ = ("source",)
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    source: Source
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ...) -> None: ...

class ConfigureSourceResponse(_message.Message):
    __slots__ = ("source",)
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    source: Source
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ...) -> None: ...

class SeriesPoint(_message.Message):
    __slots__ = ("time", "value", "available_at")
    TIME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    value: float
    available_at: _timestamp_pb2.Timestamp
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., value: _Optional[float] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IngestSeriesRequest(_message.Message):
    __slots__ = ("series", "instrument_id", "points")
    SERIES_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    series: str
    instrument_id: _types_pb2.InstrumentId
    points: _containers.RepeatedCompositeFieldContainer[SeriesPoint]
    def __init__(self, series: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., points: _Optional[_Iterable[_Union[SeriesPoint, _Mapping]]] = ...) -> None: ...

class IngestSeriesResponse(_message.Message):
    __slots__ = ("accepted", "duplicates")
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    accepted: int
    duplicates: int
    def __init__(self, accepted: _Optional[int] = ..., duplicates: _Optional[int] = ...) -> None: ...

class GetFeaturesRequest(_message.Message):
    __slots__ = ("instrument_id", "as_of", "features")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    as_of: _timestamp_pb2.Timestamp
    features: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., features: _Optional[_Iterable[str]] = ...) -> None: ...

class GetFeaturesResponse(_message.Message):
    __slots__ = ("instrument_id", "features", "as_of")
    class FeaturesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    features: _containers.ScalarMap[str, float]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., features: _Optional[_Mapping[str, float]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
