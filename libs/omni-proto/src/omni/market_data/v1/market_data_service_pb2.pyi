import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.market_data.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetBarsRequest(_message.Message):
    __slots__ = ("instrument_id", "timeframe", "range", "limit")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    RANGE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    timeframe: str
    range: _types_pb2.TimeRange
    limit: int
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., timeframe: _Optional[str] = ..., range: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class GetBarsResponse(_message.Message):
    __slots__ = ("bars",)
    BARS_FIELD_NUMBER: _ClassVar[int]
    bars: _containers.RepeatedCompositeFieldContainer[_events_pb2.Bar]
    def __init__(self, bars: _Optional[_Iterable[_Union[_events_pb2.Bar, _Mapping]]] = ...) -> None: ...

class GetBookRequest(_message.Message):
    __slots__ = ("instrument_id", "depth", "impact_quantity")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    IMPACT_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    depth: int
    impact_quantity: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., depth: _Optional[int] = ..., impact_quantity: _Optional[float] = ...) -> None: ...

class BookImpact(_message.Message):
    __slots__ = ("requested", "filled", "average_price", "worst_price", "levels", "impact_bps")
    REQUESTED_FIELD_NUMBER: _ClassVar[int]
    FILLED_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    WORST_PRICE_FIELD_NUMBER: _ClassVar[int]
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    IMPACT_BPS_FIELD_NUMBER: _ClassVar[int]
    requested: float
    filled: float
    average_price: float
    worst_price: float
    levels: int
    impact_bps: float
    def __init__(self, requested: _Optional[float] = ..., filled: _Optional[float] = ..., average_price: _Optional[float] = ..., worst_price: _Optional[float] = ..., levels: _Optional[int] = ..., impact_bps: _Optional[float] = ...) -> None: ...

class BookStats(_message.Message):
    __slots__ = ("best_bid", "best_ask", "mid", "spread", "spread_bps", "microprice", "imbalance_top", "imbalance_depth", "bid_depth", "ask_depth", "buy_impact", "sell_impact")
    BEST_BID_FIELD_NUMBER: _ClassVar[int]
    BEST_ASK_FIELD_NUMBER: _ClassVar[int]
    MID_FIELD_NUMBER: _ClassVar[int]
    SPREAD_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    MICROPRICE_FIELD_NUMBER: _ClassVar[int]
    IMBALANCE_TOP_FIELD_NUMBER: _ClassVar[int]
    IMBALANCE_DEPTH_FIELD_NUMBER: _ClassVar[int]
    BID_DEPTH_FIELD_NUMBER: _ClassVar[int]
    ASK_DEPTH_FIELD_NUMBER: _ClassVar[int]
    BUY_IMPACT_FIELD_NUMBER: _ClassVar[int]
    SELL_IMPACT_FIELD_NUMBER: _ClassVar[int]
    best_bid: float
    best_ask: float
    mid: float
    spread: float
    spread_bps: float
    microprice: float
    imbalance_top: float
    imbalance_depth: float
    bid_depth: float
    ask_depth: float
    buy_impact: BookImpact
    sell_impact: BookImpact
    def __init__(self, best_bid: _Optional[float] = ..., best_ask: _Optional[float] = ..., mid: _Optional[float] = ..., spread: _Optional[float] = ..., spread_bps: _Optional[float] = ..., microprice: _Optional[float] = ..., imbalance_top: _Optional[float] = ..., imbalance_depth: _Optional[float] = ..., bid_depth: _Optional[float] = ..., ask_depth: _Optional[float] = ..., buy_impact: _Optional[_Union[BookImpact, _Mapping]] = ..., sell_impact: _Optional[_Union[BookImpact, _Mapping]] = ...) -> None: ...

class GetBookResponse(_message.Message):
    __slots__ = ("book", "stats")
    BOOK_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    book: _events_pb2.BookSnapshot
    stats: BookStats
    def __init__(self, book: _Optional[_Union[_events_pb2.BookSnapshot, _Mapping]] = ..., stats: _Optional[_Union[BookStats, _Mapping]] = ...) -> None: ...

class Instrument(_message.Message):
    __slots__ = ("instrument_id", "asset_class", "tick_size", "lot_size", "currency", "venue", "description", "source", "status")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    TICK_SIZE_FIELD_NUMBER: _ClassVar[int]
    LOT_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    asset_class: _types_pb2.AssetClass
    tick_size: float
    lot_size: float
    currency: str
    venue: str
    description: str
    source: str
    status: _events_pb2.TradingStatus
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ..., tick_size: _Optional[float] = ..., lot_size: _Optional[float] = ..., currency: _Optional[str] = ..., venue: _Optional[str] = ..., description: _Optional[str] = ..., source: _Optional[str] = ..., status: _Optional[_Union[_events_pb2.TradingStatus, str]] = ...) -> None: ...

class ListInstrumentsRequest(_message.Message):
    __slots__ = ("asset_class",)
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    asset_class: _types_pb2.AssetClass
    def __init__(self, asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ...) -> None: ...

class ListInstrumentsResponse(_message.Message):
    __slots__ = ("instruments",)
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[Instrument]
    def __init__(self, instruments: _Optional[_Iterable[_Union[Instrument, _Mapping]]] = ...) -> None: ...

class GetQuoteRequest(_message.Message):
    __slots__ = ("instrument_id",)
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetQuoteResponse(_message.Message):
    __slots__ = ("quote",)
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    quote: _events_pb2.Quote
    def __init__(self, quote: _Optional[_Union[_events_pb2.Quote, _Mapping]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("instrument_ids", "quotes", "trades", "bars", "timeframes")
    INSTRUMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAMES_FIELD_NUMBER: _ClassVar[int]
    instrument_ids: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    quotes: bool
    trades: bool
    bars: bool
    timeframes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, instrument_ids: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., quotes: _Optional[bool] = ..., trades: _Optional[bool] = ..., bars: _Optional[bool] = ..., timeframes: _Optional[_Iterable[str]] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ("quote", "trade", "bar", "status")
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    BAR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    quote: _events_pb2.Quote
    trade: _events_pb2.Trade
    bar: _events_pb2.Bar
    status: _events_pb2.InstrumentStatus
    def __init__(self, quote: _Optional[_Union[_events_pb2.Quote, _Mapping]] = ..., trade: _Optional[_Union[_events_pb2.Trade, _Mapping]] = ..., bar: _Optional[_Union[_events_pb2.Bar, _Mapping]] = ..., status: _Optional[_Union[_events_pb2.InstrumentStatus, _Mapping]] = ...) -> None: ...

class QuarantineRecord(_message.Message):
    __slots__ = ("instrument_id", "rule", "reason", "kind", "event_time", "quarantined_at", "detail", "source")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    QUARANTINED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    rule: str
    reason: str
    kind: str
    event_time: _timestamp_pb2.Timestamp
    quarantined_at: _timestamp_pb2.Timestamp
    detail: str
    source: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., rule: _Optional[str] = ..., reason: _Optional[str] = ..., kind: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., quarantined_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., detail: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class GetQuarantineRequest(_message.Message):
    __slots__ = ("instrument_id", "rule", "limit")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    rule: str
    limit: int
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., rule: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class GetQuarantineResponse(_message.Message):
    __slots__ = ("records", "counts_by_rule")
    class CountsByRuleEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    COUNTS_BY_RULE_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[QuarantineRecord]
    counts_by_rule: _containers.ScalarMap[str, int]
    def __init__(self, records: _Optional[_Iterable[_Union[QuarantineRecord, _Mapping]]] = ..., counts_by_rule: _Optional[_Mapping[str, int]] = ...) -> None: ...
