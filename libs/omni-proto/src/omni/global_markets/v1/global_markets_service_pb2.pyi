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

class SessionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SESSION_TYPE_UNSPECIFIED: _ClassVar[SessionType]
    SESSION_TYPE_PRE_MARKET: _ClassVar[SessionType]
    SESSION_TYPE_REGULAR: _ClassVar[SessionType]
    SESSION_TYPE_POST_MARKET: _ClassVar[SessionType]
    SESSION_TYPE_EARLY_CLOSE: _ClassVar[SessionType]

class MarketPhase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MARKET_PHASE_UNSPECIFIED: _ClassVar[MarketPhase]
    MARKET_PHASE_CLOSED: _ClassVar[MarketPhase]
    MARKET_PHASE_PRE_MARKET: _ClassVar[MarketPhase]
    MARKET_PHASE_OPEN: _ClassVar[MarketPhase]
    MARKET_PHASE_POST_MARKET: _ClassVar[MarketPhase]
    MARKET_PHASE_BREAK: _ClassVar[MarketPhase]
SESSION_TYPE_UNSPECIFIED: SessionType
SESSION_TYPE_PRE_MARKET: SessionType
SESSION_TYPE_REGULAR: SessionType
SESSION_TYPE_POST_MARKET: SessionType
SESSION_TYPE_EARLY_CLOSE: SessionType
MARKET_PHASE_UNSPECIFIED: MarketPhase
MARKET_PHASE_CLOSED: MarketPhase
MARKET_PHASE_PRE_MARKET: MarketPhase
MARKET_PHASE_OPEN: MarketPhase
MARKET_PHASE_POST_MARKET: MarketPhase
MARKET_PHASE_BREAK: MarketPhase

class Exchange(_message.Message):
    __slots__ = ("mic", "name", "country", "timezone", "currency", "settlement_days", "always_open")
    class SettlementDaysEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    MIC_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    ALWAYS_OPEN_FIELD_NUMBER: _ClassVar[int]
    mic: str
    name: str
    country: str
    timezone: str
    currency: str
    settlement_days: _containers.ScalarMap[str, int]
    always_open: bool
    def __init__(self, mic: _Optional[str] = ..., name: _Optional[str] = ..., country: _Optional[str] = ..., timezone: _Optional[str] = ..., currency: _Optional[str] = ..., settlement_days: _Optional[_Mapping[str, int]] = ..., always_open: _Optional[bool] = ...) -> None: ...

class TradingSession(_message.Message):
    __slots__ = ("mic", "type", "opens_at", "closes_at")
    MIC_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OPENS_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSES_AT_FIELD_NUMBER: _ClassVar[int]
    mic: str
    type: SessionType
    opens_at: _timestamp_pb2.Timestamp
    closes_at: _timestamp_pb2.Timestamp
    def __init__(self, mic: _Optional[str] = ..., type: _Optional[_Union[SessionType, str]] = ..., opens_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closes_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Holiday(_message.Message):
    __slots__ = ("mic", "date", "name", "early_close")
    MIC_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EARLY_CLOSE_FIELD_NUMBER: _ClassVar[int]
    mic: str
    date: _timestamp_pb2.Timestamp
    name: str
    early_close: bool
    def __init__(self, mic: _Optional[str] = ..., date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., name: _Optional[str] = ..., early_close: _Optional[bool] = ...) -> None: ...

class ListExchangesRequest(_message.Message):
    __slots__ = ("country",)
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    country: str
    def __init__(self, country: _Optional[str] = ...) -> None: ...

class ListExchangesResponse(_message.Message):
    __slots__ = ("exchanges",)
    EXCHANGES_FIELD_NUMBER: _ClassVar[int]
    exchanges: _containers.RepeatedCompositeFieldContainer[Exchange]
    def __init__(self, exchanges: _Optional[_Iterable[_Union[Exchange, _Mapping]]] = ...) -> None: ...

class GetExchangeRequest(_message.Message):
    __slots__ = ("mic",)
    MIC_FIELD_NUMBER: _ClassVar[int]
    mic: str
    def __init__(self, mic: _Optional[str] = ...) -> None: ...

class GetExchangeResponse(_message.Message):
    __slots__ = ("exchange",)
    EXCHANGE_FIELD_NUMBER: _ClassVar[int]
    exchange: Exchange
    def __init__(self, exchange: _Optional[_Union[Exchange, _Mapping]] = ...) -> None: ...

class GetCalendarRequest(_message.Message):
    __slots__ = ("mic", "range", "include_extended_hours")
    MIC_FIELD_NUMBER: _ClassVar[int]
    RANGE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXTENDED_HOURS_FIELD_NUMBER: _ClassVar[int]
    mic: str
    range: _types_pb2.TimeRange
    include_extended_hours: bool
    def __init__(self, mic: _Optional[str] = ..., range: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., include_extended_hours: _Optional[bool] = ...) -> None: ...

class GetCalendarResponse(_message.Message):
    __slots__ = ("sessions",)
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[TradingSession]
    def __init__(self, sessions: _Optional[_Iterable[_Union[TradingSession, _Mapping]]] = ...) -> None: ...

class GetMarketStatusRequest(_message.Message):
    __slots__ = ("mic", "instrument_id", "at")
    MIC_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    mic: str
    instrument_id: _types_pb2.InstrumentId
    at: _timestamp_pb2.Timestamp
    def __init__(self, mic: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetMarketStatusResponse(_message.Message):
    __slots__ = ("mic", "phase", "current_session", "next_open", "next_close")
    MIC_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_SESSION_FIELD_NUMBER: _ClassVar[int]
    NEXT_OPEN_FIELD_NUMBER: _ClassVar[int]
    NEXT_CLOSE_FIELD_NUMBER: _ClassVar[int]
    mic: str
    phase: MarketPhase
    current_session: TradingSession
    next_open: _timestamp_pb2.Timestamp
    next_close: _timestamp_pb2.Timestamp
    def __init__(self, mic: _Optional[str] = ..., phase: _Optional[_Union[MarketPhase, str]] = ..., current_session: _Optional[_Union[TradingSession, _Mapping]] = ..., next_open: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_close: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListHolidaysRequest(_message.Message):
    __slots__ = ("mic", "year")
    MIC_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    mic: str
    year: int
    def __init__(self, mic: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class ListHolidaysResponse(_message.Message):
    __slots__ = ("holidays",)
    HOLIDAYS_FIELD_NUMBER: _ClassVar[int]
    holidays: _containers.RepeatedCompositeFieldContainer[Holiday]
    def __init__(self, holidays: _Optional[_Iterable[_Union[Holiday, _Mapping]]] = ...) -> None: ...

class FxRate(_message.Message):
    __slots__ = ("base_currency", "quote_currency", "rate", "bid", "ask", "source", "as_of")
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    QUOTE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    BID_FIELD_NUMBER: _ClassVar[int]
    ASK_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    base_currency: str
    quote_currency: str
    rate: _types_pb2.Decimal
    bid: float
    ask: float
    source: str
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, base_currency: _Optional[str] = ..., quote_currency: _Optional[str] = ..., rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., bid: _Optional[float] = ..., ask: _Optional[float] = ..., source: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetFxRateRequest(_message.Message):
    __slots__ = ("base_currency", "quote_currency", "at")
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    QUOTE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    base_currency: str
    quote_currency: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, base_currency: _Optional[str] = ..., quote_currency: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetFxRateResponse(_message.Message):
    __slots__ = ("rate",)
    RATE_FIELD_NUMBER: _ClassVar[int]
    rate: FxRate
    def __init__(self, rate: _Optional[_Union[FxRate, _Mapping]] = ...) -> None: ...

class ConvertCurrencyRequest(_message.Message):
    __slots__ = ("amount", "target_currency", "at")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TARGET_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    amount: _types_pb2.Money
    target_currency: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, amount: _Optional[_Union[_types_pb2.Money, _Mapping]] = ..., target_currency: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConvertCurrencyResponse(_message.Message):
    __slots__ = ("converted", "rate")
    CONVERTED_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    converted: _types_pb2.Money
    rate: FxRate
    def __init__(self, converted: _Optional[_Union[_types_pb2.Money, _Mapping]] = ..., rate: _Optional[_Union[FxRate, _Mapping]] = ...) -> None: ...

class GetSettlementDateRequest(_message.Message):
    __slots__ = ("instrument_id", "mic", "asset_class", "trade_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MIC_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    TRADE_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    mic: str
    asset_class: _types_pb2.AssetClass
    trade_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., mic: _Optional[str] = ..., asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ..., trade_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSettlementDateResponse(_message.Message):
    __slots__ = ("trade_date", "settlement_date", "settlement_days")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    trade_date: _timestamp_pb2.Timestamp
    settlement_date: _timestamp_pb2.Timestamp
    settlement_days: int
    def __init__(self, trade_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., settlement_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., settlement_days: _Optional[int] = ...) -> None: ...
