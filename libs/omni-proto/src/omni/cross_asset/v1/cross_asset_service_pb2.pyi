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

class OptionRight(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPTION_RIGHT_UNSPECIFIED: _ClassVar[OptionRight]
    OPTION_RIGHT_CALL: _ClassVar[OptionRight]
    OPTION_RIGHT_PUT: _ClassVar[OptionRight]

class ExerciseStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXERCISE_STYLE_UNSPECIFIED: _ClassVar[ExerciseStyle]
    EXERCISE_STYLE_EUROPEAN: _ClassVar[ExerciseStyle]
    EXERCISE_STYLE_AMERICAN: _ClassVar[ExerciseStyle]

class PricingModel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRICING_MODEL_UNSPECIFIED: _ClassVar[PricingModel]
    PRICING_MODEL_BLACK_SCHOLES: _ClassVar[PricingModel]
    PRICING_MODEL_BLACK_76: _ClassVar[PricingModel]
    PRICING_MODEL_BINOMIAL: _ClassVar[PricingModel]

class HedgeTarget(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEDGE_TARGET_UNSPECIFIED: _ClassVar[HedgeTarget]
    HEDGE_TARGET_DELTA: _ClassVar[HedgeTarget]
    HEDGE_TARGET_DELTA_GAMMA: _ClassVar[HedgeTarget]
    HEDGE_TARGET_VEGA: _ClassVar[HedgeTarget]
    HEDGE_TARGET_BETA: _ClassVar[HedgeTarget]
    HEDGE_TARGET_FX: _ClassVar[HedgeTarget]
OPTION_RIGHT_UNSPECIFIED: OptionRight
OPTION_RIGHT_CALL: OptionRight
OPTION_RIGHT_PUT: OptionRight
EXERCISE_STYLE_UNSPECIFIED: ExerciseStyle
EXERCISE_STYLE_EUROPEAN: ExerciseStyle
EXERCISE_STYLE_AMERICAN: ExerciseStyle
PRICING_MODEL_UNSPECIFIED: PricingModel
PRICING_MODEL_BLACK_SCHOLES: PricingModel
PRICING_MODEL_BLACK_76: PricingModel
PRICING_MODEL_BINOMIAL: PricingModel
HEDGE_TARGET_UNSPECIFIED: HedgeTarget
HEDGE_TARGET_DELTA: HedgeTarget
HEDGE_TARGET_DELTA_GAMMA: HedgeTarget
HEDGE_TARGET_VEGA: HedgeTarget
HEDGE_TARGET_BETA: HedgeTarget
HEDGE_TARGET_FX: HedgeTarget

class OptionTerms(_message.Message):
    __slots__ = ("underlying", "right", "strike", "expiry", "style")
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    RIGHT_FIELD_NUMBER: _ClassVar[int]
    STRIKE_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_FIELD_NUMBER: _ClassVar[int]
    STYLE_FIELD_NUMBER: _ClassVar[int]
    underlying: _types_pb2.InstrumentId
    right: OptionRight
    strike: float
    expiry: _timestamp_pb2.Timestamp
    style: ExerciseStyle
    def __init__(self, underlying: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., right: _Optional[_Union[OptionRight, str]] = ..., strike: _Optional[float] = ..., expiry: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., style: _Optional[_Union[ExerciseStyle, str]] = ...) -> None: ...

class FutureTerms(_message.Message):
    __slots__ = ("underlying", "expiry", "contract_month", "first_notice")
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_FIELD_NUMBER: _ClassVar[int]
    CONTRACT_MONTH_FIELD_NUMBER: _ClassVar[int]
    FIRST_NOTICE_FIELD_NUMBER: _ClassVar[int]
    underlying: _types_pb2.InstrumentId
    expiry: _timestamp_pb2.Timestamp
    contract_month: str
    first_notice: _timestamp_pb2.Timestamp
    def __init__(self, underlying: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., expiry: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., contract_month: _Optional[str] = ..., first_notice: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FxTerms(_message.Message):
    __slots__ = ("base_currency", "quote_currency")
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    QUOTE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    base_currency: str
    quote_currency: str
    def __init__(self, base_currency: _Optional[str] = ..., quote_currency: _Optional[str] = ...) -> None: ...

class Instrument(_message.Message):
    __slots__ = ("instrument_id", "asset_class", "symbol", "name", "exchange", "currency", "tick_size", "lot_size", "min_quantity", "multiplier", "sector", "country", "tradable", "shortable", "option", "future", "fx", "updated_at")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TICK_SIZE_FIELD_NUMBER: _ClassVar[int]
    LOT_SIZE_FIELD_NUMBER: _ClassVar[int]
    MIN_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    TRADABLE_FIELD_NUMBER: _ClassVar[int]
    SHORTABLE_FIELD_NUMBER: _ClassVar[int]
    OPTION_FIELD_NUMBER: _ClassVar[int]
    FUTURE_FIELD_NUMBER: _ClassVar[int]
    FX_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    asset_class: _types_pb2.AssetClass
    symbol: str
    name: str
    exchange: str
    currency: str
    tick_size: float
    lot_size: float
    min_quantity: float
    multiplier: float
    sector: str
    country: str
    tradable: bool
    shortable: bool
    option: OptionTerms
    future: FutureTerms
    fx: FxTerms
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ..., symbol: _Optional[str] = ..., name: _Optional[str] = ..., exchange: _Optional[str] = ..., currency: _Optional[str] = ..., tick_size: _Optional[float] = ..., lot_size: _Optional[float] = ..., min_quantity: _Optional[float] = ..., multiplier: _Optional[float] = ..., sector: _Optional[str] = ..., country: _Optional[str] = ..., tradable: _Optional[bool] = ..., shortable: _Optional[bool] = ..., option: _Optional[_Union[OptionTerms, _Mapping]] = ..., future: _Optional[_Union[FutureTerms, _Mapping]] = ..., fx: _Optional[_Union[FxTerms, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Greeks(_message.Message):
    __slots__ = ("delta", "gamma", "vega", "theta", "rho")
    DELTA_FIELD_NUMBER: _ClassVar[int]
    GAMMA_FIELD_NUMBER: _ClassVar[int]
    VEGA_FIELD_NUMBER: _ClassVar[int]
    THETA_FIELD_NUMBER: _ClassVar[int]
    RHO_FIELD_NUMBER: _ClassVar[int]
    delta: float
    gamma: float
    vega: float
    theta: float
    rho: float
    def __init__(self, delta: _Optional[float] = ..., gamma: _Optional[float] = ..., vega: _Optional[float] = ..., theta: _Optional[float] = ..., rho: _Optional[float] = ...) -> None: ...

class GetInstrumentRequest(_message.Message):
    __slots__ = ("instrument_id",)
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetInstrumentResponse(_message.Message):
    __slots__ = ("instrument",)
    INSTRUMENT_FIELD_NUMBER: _ClassVar[int]
    instrument: Instrument
    def __init__(self, instrument: _Optional[_Union[Instrument, _Mapping]] = ...) -> None: ...

class ListInstrumentsRequest(_message.Message):
    __slots__ = ("asset_classes", "exchange", "query", "underlying", "page")
    ASSET_CLASSES_FIELD_NUMBER: _ClassVar[int]
    EXCHANGE_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    asset_classes: _containers.RepeatedScalarFieldContainer[_types_pb2.AssetClass]
    exchange: str
    query: str
    underlying: _types_pb2.InstrumentId
    page: _types_pb2.PageRequest
    def __init__(self, asset_classes: _Optional[_Iterable[_Union[_types_pb2.AssetClass, str]]] = ..., exchange: _Optional[str] = ..., query: _Optional[str] = ..., underlying: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListInstrumentsResponse(_message.Message):
    __slots__ = ("instruments", "page")
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[Instrument]
    page: _types_pb2.PageResponse
    def __init__(self, instruments: _Optional[_Iterable[_Union[Instrument, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class UpsertInstrumentRequest(_message.Message):
    __slots__ = ("instrument",)
    INSTRUMENT_FIELD_NUMBER: _ClassVar[int]
    instrument: Instrument
    def __init__(self, instrument: _Optional[_Union[Instrument, _Mapping]] = ...) -> None: ...

class UpsertInstrumentResponse(_message.Message):
    __slots__ = ("instrument", "created")
    INSTRUMENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    instrument: Instrument
    created: bool
    def __init__(self, instrument: _Optional[_Union[Instrument, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class GetOptionChainRequest(_message.Message):
    __slots__ = ("underlying", "expiry", "with_greeks")
    UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_FIELD_NUMBER: _ClassVar[int]
    WITH_GREEKS_FIELD_NUMBER: _ClassVar[int]
    underlying: _types_pb2.InstrumentId
    expiry: _timestamp_pb2.Timestamp
    with_greeks: bool
    def __init__(self, underlying: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., expiry: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., with_greeks: _Optional[bool] = ...) -> None: ...

class OptionQuote(_message.Message):
    __slots__ = ("option", "theoretical_price", "implied_volatility", "greeks")
    OPTION_FIELD_NUMBER: _ClassVar[int]
    THEORETICAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    IMPLIED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    GREEKS_FIELD_NUMBER: _ClassVar[int]
    option: Instrument
    theoretical_price: float
    implied_volatility: float
    greeks: Greeks
    def __init__(self, option: _Optional[_Union[Instrument, _Mapping]] = ..., theoretical_price: _Optional[float] = ..., implied_volatility: _Optional[float] = ..., greeks: _Optional[_Union[Greeks, _Mapping]] = ...) -> None: ...

class GetOptionChainResponse(_message.Message):
    __slots__ = ("underlying_price", "options")
    UNDERLYING_PRICE_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    underlying_price: float
    options: _containers.RepeatedCompositeFieldContainer[OptionQuote]
    def __init__(self, underlying_price: _Optional[float] = ..., options: _Optional[_Iterable[_Union[OptionQuote, _Mapping]]] = ...) -> None: ...

class PriceOptionRequest(_message.Message):
    __slots__ = ("instrument_id", "terms", "underlying_price", "volatility", "risk_free_rate", "dividend_yield", "model", "steps", "valuation_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_PRICE_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    RISK_FREE_RATE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_YIELD_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    VALUATION_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    terms: OptionTerms
    underlying_price: float
    volatility: float
    risk_free_rate: float
    dividend_yield: float
    model: PricingModel
    steps: int
    valuation_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., terms: _Optional[_Union[OptionTerms, _Mapping]] = ..., underlying_price: _Optional[float] = ..., volatility: _Optional[float] = ..., risk_free_rate: _Optional[float] = ..., dividend_yield: _Optional[float] = ..., model: _Optional[_Union[PricingModel, str]] = ..., steps: _Optional[int] = ..., valuation_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PriceOptionResponse(_message.Message):
    __slots__ = ("price", "greeks", "time_to_expiry_years")
    PRICE_FIELD_NUMBER: _ClassVar[int]
    GREEKS_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_EXPIRY_YEARS_FIELD_NUMBER: _ClassVar[int]
    price: float
    greeks: Greeks
    time_to_expiry_years: float
    def __init__(self, price: _Optional[float] = ..., greeks: _Optional[_Union[Greeks, _Mapping]] = ..., time_to_expiry_years: _Optional[float] = ...) -> None: ...

class ImpliedVolatilityRequest(_message.Message):
    __slots__ = ("instrument_id", "terms", "option_price", "underlying_price", "risk_free_rate", "dividend_yield", "model", "valuation_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    OPTION_PRICE_FIELD_NUMBER: _ClassVar[int]
    UNDERLYING_PRICE_FIELD_NUMBER: _ClassVar[int]
    RISK_FREE_RATE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_YIELD_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    VALUATION_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    terms: OptionTerms
    option_price: float
    underlying_price: float
    risk_free_rate: float
    dividend_yield: float
    model: PricingModel
    valuation_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., terms: _Optional[_Union[OptionTerms, _Mapping]] = ..., option_price: _Optional[float] = ..., underlying_price: _Optional[float] = ..., risk_free_rate: _Optional[float] = ..., dividend_yield: _Optional[float] = ..., model: _Optional[_Union[PricingModel, str]] = ..., valuation_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImpliedVolatilityResponse(_message.Message):
    __slots__ = ("implied_volatility", "iterations", "converged")
    IMPLIED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    CONVERGED_FIELD_NUMBER: _ClassVar[int]
    implied_volatility: float
    iterations: int
    converged: bool
    def __init__(self, implied_volatility: _Optional[float] = ..., iterations: _Optional[int] = ..., converged: _Optional[bool] = ...) -> None: ...

class PositionGreeks(_message.Message):
    __slots__ = ("instrument_id", "quantity", "greeks", "dollar_delta")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    GREEKS_FIELD_NUMBER: _ClassVar[int]
    DOLLAR_DELTA_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    greeks: Greeks
    dollar_delta: _types_pb2.Decimal
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., greeks: _Optional[_Union[Greeks, _Mapping]] = ..., dollar_delta: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class GetPortfolioGreeksRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetPortfolioGreeksResponse(_message.Message):
    __slots__ = ("total", "dollar_delta", "positions", "by_underlying")
    class ByUnderlyingEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Greeks
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Greeks, _Mapping]] = ...) -> None: ...
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    DOLLAR_DELTA_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    BY_UNDERLYING_FIELD_NUMBER: _ClassVar[int]
    total: Greeks
    dollar_delta: _types_pb2.Decimal
    positions: _containers.RepeatedCompositeFieldContainer[PositionGreeks]
    by_underlying: _containers.MessageMap[str, Greeks]
    def __init__(self, total: _Optional[_Union[Greeks, _Mapping]] = ..., dollar_delta: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., positions: _Optional[_Iterable[_Union[PositionGreeks, _Mapping]]] = ..., by_underlying: _Optional[_Mapping[str, Greeks]] = ...) -> None: ...

class HedgeTrade(_message.Message):
    __slots__ = ("instrument_id", "side", "quantity", "estimated_cost")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    estimated_cost: _types_pb2.Decimal
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., estimated_cost: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class ComputeHedgeRequest(_message.Message):
    __slots__ = ("account_id", "target", "hedge_instruments", "tolerance")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    HEDGE_INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    TOLERANCE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    target: HedgeTarget
    hedge_instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    tolerance: float
    def __init__(self, account_id: _Optional[str] = ..., target: _Optional[_Union[HedgeTarget, str]] = ..., hedge_instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., tolerance: _Optional[float] = ...) -> None: ...

class ComputeHedgeResponse(_message.Message):
    __slots__ = ("trades", "before", "after")
    TRADES_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    trades: _containers.RepeatedCompositeFieldContainer[HedgeTrade]
    before: Greeks
    after: Greeks
    def __init__(self, trades: _Optional[_Iterable[_Union[HedgeTrade, _Mapping]]] = ..., before: _Optional[_Union[Greeks, _Mapping]] = ..., after: _Optional[_Union[Greeks, _Mapping]] = ...) -> None: ...

class GetCorrelationMatrixRequest(_message.Message):
    __slots__ = ("instruments", "lookback_days")
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_DAYS_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    lookback_days: int
    def __init__(self, instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., lookback_days: _Optional[int] = ...) -> None: ...

class GetCorrelationMatrixResponse(_message.Message):
    __slots__ = ("instruments", "correlations")
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    CORRELATIONS_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    correlations: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., correlations: _Optional[_Iterable[float]] = ...) -> None: ...
