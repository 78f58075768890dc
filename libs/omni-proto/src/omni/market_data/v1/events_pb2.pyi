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

class BarType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BAR_TYPE_UNSPECIFIED: _ClassVar[BarType]
    BAR_TYPE_TIME: _ClassVar[BarType]
    BAR_TYPE_TICK: _ClassVar[BarType]
    BAR_TYPE_VOLUME: _ClassVar[BarType]

class BookSide(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOOK_SIDE_UNSPECIFIED: _ClassVar[BookSide]
    BOOK_SIDE_BID: _ClassVar[BookSide]
    BOOK_SIDE_ASK: _ClassVar[BookSide]

class TradingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRADING_STATUS_UNSPECIFIED: _ClassVar[TradingStatus]
    TRADING_STATUS_TRADING: _ClassVar[TradingStatus]
    TRADING_STATUS_HALTED: _ClassVar[TradingStatus]
    TRADING_STATUS_STALE: _ClassVar[TradingStatus]
    TRADING_STATUS_CLOSED: _ClassVar[TradingStatus]
BAR_TYPE_UNSPECIFIED: BarType
BAR_TYPE_TIME: BarType
BAR_TYPE_TICK: BarType
BAR_TYPE_VOLUME: BarType
BOOK_SIDE_UNSPECIFIED: BookSide
BOOK_SIDE_BID: BookSide
BOOK_SIDE_ASK: BookSide
TRADING_STATUS_UNSPECIFIED: TradingStatus
TRADING_STATUS_TRADING: TradingStatus
TRADING_STATUS_HALTED: TradingStatus
TRADING_STATUS_STALE: TradingStatus
TRADING_STATUS_CLOSED: TradingStatus

class Quote(_message.Message):
    __slots__ = ("instrument_id", "time", "bid", "ask", "bid_size", "ask_size", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    BID_FIELD_NUMBER: _ClassVar[int]
    ASK_FIELD_NUMBER: _ClassVar[int]
    BID_SIZE_FIELD_NUMBER: _ClassVar[int]
    ASK_SIZE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    bid: float
    ask: float
    bid_size: float
    ask_size: float
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., bid: _Optional[float] = ..., ask: _Optional[float] = ..., bid_size: _Optional[float] = ..., ask_size: _Optional[float] = ..., source: _Optional[str] = ...) -> None: ...

class Trade(_message.Message):
    __slots__ = ("instrument_id", "time", "price", "size", "aggressor_side", "trade_id", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    AGGRESSOR_SIDE_FIELD_NUMBER: _ClassVar[int]
    TRADE_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    price: float
    size: float
    aggressor_side: _types_pb2.Side
    trade_id: str
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., price: _Optional[float] = ..., size: _Optional[float] = ..., aggressor_side: _Optional[_Union[_types_pb2.Side, str]] = ..., trade_id: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class Bar(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "bar_type", "start", "end", "open", "high", "low", "close", "volume", "vwap", "trade_count", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    BAR_TYPE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FIELD_NUMBER: _ClassVar[int]
    VOLUME_FIELD_NUMBER: _ClassVar[int]
    VWAP_FIELD_NUMBER: _ClassVar[int]
    TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: str
    bar_type: BarType
    start: _timestamp_pb2.Timestamp
    end: _timestamp_pb2.Timestamp
    open: float
    high: float
    low: float
    close: float
    volume: float
    vwap: float
    trade_count: int
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[str] = ..., bar_type: _Optional[_Union[BarType, str]] = ..., start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open: _Optional[float] = ..., high: _Optional[float] = ..., low: _Optional[float] = ..., close: _Optional[float] = ..., volume: _Optional[float] = ..., vwap: _Optional[float] = ..., trade_count: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class BookLevel(_message.Message):
    __slots__ = ("price", "size")
    PRICE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    price: float
    size: float
    def __init__(self, price: _Optional[float] = ..., size: _Optional[float] = ...) -> None: ...

class BookSnapshot(_message.Message):
    __slots__ = ("instrument_id", "time", "bids", "asks", "sequence", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    BIDS_FIELD_NUMBER: _ClassVar[int]
    ASKS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    bids: _containers.RepeatedCompositeFieldContainer[BookLevel]
    asks: _containers.RepeatedCompositeFieldContainer[BookLevel]
    sequence: int
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., bids: _Optional[_Iterable[_Union[BookLevel, _Mapping]]] = ..., asks: _Optional[_Iterable[_Union[BookLevel, _Mapping]]] = ..., sequence: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class BookLevelUpdate(_message.Message):
    __slots__ = ("side", "price", "size")
    SIDE_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    side: BookSide
    price: float
    size: float
    def __init__(self, side: _Optional[_Union[BookSide, str]] = ..., price: _Optional[float] = ..., size: _Optional[float] = ...) -> None: ...

class BookDelta(_message.Message):
    __slots__ = ("instrument_id", "time", "updates", "sequence", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATES_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    updates: _containers.RepeatedCompositeFieldContainer[BookLevelUpdate]
    sequence: int
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updates: _Optional[_Iterable[_Union[BookLevelUpdate, _Mapping]]] = ..., sequence: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class InstrumentStatus(_message.Message):
    __slots__ = ("instrument_id", "time", "status", "reason", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    status: TradingStatus
    reason: str
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[TradingStatus, str]] = ..., reason: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...
