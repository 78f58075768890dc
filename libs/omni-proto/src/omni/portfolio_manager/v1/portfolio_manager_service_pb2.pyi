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

class LotMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOT_METHOD_UNSPECIFIED: _ClassVar[LotMethod]
    LOT_METHOD_FIFO: _ClassVar[LotMethod]
    LOT_METHOD_LIFO: _ClassVar[LotMethod]
    LOT_METHOD_HIGHEST_COST: _ClassVar[LotMethod]
    LOT_METHOD_SPECIFIC_LOT: _ClassVar[LotMethod]

class OptimizationMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPTIMIZATION_METHOD_UNSPECIFIED: _ClassVar[OptimizationMethod]
    OPTIMIZATION_METHOD_MEAN_VARIANCE: _ClassVar[OptimizationMethod]
    OPTIMIZATION_METHOD_BLACK_LITTERMAN: _ClassVar[OptimizationMethod]
    OPTIMIZATION_METHOD_RISK_PARITY: _ClassVar[OptimizationMethod]
    OPTIMIZATION_METHOD_HRP: _ClassVar[OptimizationMethod]

class OptimizationTarget(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPTIMIZATION_TARGET_UNSPECIFIED: _ClassVar[OptimizationTarget]
    OPTIMIZATION_TARGET_MIN_VARIANCE: _ClassVar[OptimizationTarget]
    OPTIMIZATION_TARGET_MAX_SHARPE: _ClassVar[OptimizationTarget]
    OPTIMIZATION_TARGET_EFFICIENT_RISK: _ClassVar[OptimizationTarget]
    OPTIMIZATION_TARGET_EFFICIENT_RETURN: _ClassVar[OptimizationTarget]

class CovarianceEstimator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COVARIANCE_ESTIMATOR_UNSPECIFIED: _ClassVar[CovarianceEstimator]
    COVARIANCE_ESTIMATOR_SAMPLE: _ClassVar[CovarianceEstimator]
    COVARIANCE_ESTIMATOR_LEDOIT_WOLF: _ClassVar[CovarianceEstimator]
    COVARIANCE_ESTIMATOR_EXPONENTIAL: _ClassVar[CovarianceEstimator]

class AttributionModel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ATTRIBUTION_MODEL_UNSPECIFIED: _ClassVar[AttributionModel]
    ATTRIBUTION_MODEL_BRINSON_FACHLER: _ClassVar[AttributionModel]
    ATTRIBUTION_MODEL_FACTOR: _ClassVar[AttributionModel]

class CorporateActionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CORPORATE_ACTION_TYPE_UNSPECIFIED: _ClassVar[CorporateActionType]
    CORPORATE_ACTION_TYPE_SPLIT: _ClassVar[CorporateActionType]
    CORPORATE_ACTION_TYPE_CASH_DIVIDEND: _ClassVar[CorporateActionType]
LOT_METHOD_UNSPECIFIED: LotMethod
LOT_METHOD_FIFO: LotMethod
LOT_METHOD_LIFO: LotMethod
LOT_METHOD_HIGHEST_COST: LotMethod
LOT_METHOD_SPECIFIC_LOT: LotMethod
OPTIMIZATION_METHOD_UNSPECIFIED: OptimizationMethod
OPTIMIZATION_METHOD_MEAN_VARIANCE: OptimizationMethod
OPTIMIZATION_METHOD_BLACK_LITTERMAN: OptimizationMethod
OPTIMIZATION_METHOD_RISK_PARITY: OptimizationMethod
OPTIMIZATION_METHOD_HRP: OptimizationMethod
OPTIMIZATION_TARGET_UNSPECIFIED: OptimizationTarget
OPTIMIZATION_TARGET_MIN_VARIANCE: OptimizationTarget
OPTIMIZATION_TARGET_MAX_SHARPE: OptimizationTarget
OPTIMIZATION_TARGET_EFFICIENT_RISK: OptimizationTarget
OPTIMIZATION_TARGET_EFFICIENT_RETURN: OptimizationTarget
COVARIANCE_ESTIMATOR_UNSPECIFIED: CovarianceEstimator
COVARIANCE_ESTIMATOR_SAMPLE: CovarianceEstimator
COVARIANCE_ESTIMATOR_LEDOIT_WOLF: CovarianceEstimator
COVARIANCE_ESTIMATOR_EXPONENTIAL: CovarianceEstimator
ATTRIBUTION_MODEL_UNSPECIFIED: AttributionModel
ATTRIBUTION_MODEL_BRINSON_FACHLER: AttributionModel
ATTRIBUTION_MODEL_FACTOR: AttributionModel
CORPORATE_ACTION_TYPE_UNSPECIFIED: CorporateActionType
CORPORATE_ACTION_TYPE_SPLIT: CorporateActionType
CORPORATE_ACTION_TYPE_CASH_DIVIDEND: CorporateActionType

class Position(_message.Message):
    __slots__ = ("account_id", "instrument_id", "quantity", "average_cost", "market_price", "market_value", "cost_basis", "unrealized_pnl", "realized_pnl", "day_pnl", "currency", "weight", "updated_at", "quantity_by_strategy")
    class QuantityByStrategyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_COST_FIELD_NUMBER: _ClassVar[int]
    MARKET_PRICE_FIELD_NUMBER: _ClassVar[int]
    MARKET_VALUE_FIELD_NUMBER: _ClassVar[int]
    COST_BASIS_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    DAY_PNL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_BY_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    average_cost: float
    market_price: float
    market_value: _types_pb2.Decimal
    cost_basis: _types_pb2.Decimal
    unrealized_pnl: _types_pb2.Decimal
    realized_pnl: _types_pb2.Decimal
    day_pnl: _types_pb2.Decimal
    currency: str
    weight: float
    updated_at: _timestamp_pb2.Timestamp
    quantity_by_strategy: _containers.ScalarMap[str, float]
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., average_cost: _Optional[float] = ..., market_price: _Optional[float] = ..., market_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., cost_basis: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., unrealized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., realized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., day_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., currency: _Optional[str] = ..., weight: _Optional[float] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., quantity_by_strategy: _Optional[_Mapping[str, float]] = ...) -> None: ...

class CashBalance(_message.Message):
    __slots__ = ("currency", "settled", "available", "reserved")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FIELD_NUMBER: _ClassVar[int]
    currency: str
    settled: _types_pb2.Decimal
    available: _types_pb2.Decimal
    reserved: _types_pb2.Decimal
    def __init__(self, currency: _Optional[str] = ..., settled: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., available: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., reserved: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class PnlSummary(_message.Message):
    __slots__ = ("account_id", "strategy_id", "realized", "unrealized", "fees", "dividends", "total", "day", "currency", "as_of")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    REALIZED_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    DIVIDENDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    realized: _types_pb2.Decimal
    unrealized: _types_pb2.Decimal
    fees: _types_pb2.Decimal
    dividends: _types_pb2.Decimal
    total: _types_pb2.Decimal
    day: _types_pb2.Decimal
    currency: str
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., realized: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., unrealized: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., dividends: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., day: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., currency: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Portfolio(_message.Message):
    __slots__ = ("account_id", "base_currency", "nav", "cash", "gross_exposure", "net_exposure", "leverage", "positions", "cash_balances", "pnl", "lot_method", "as_of")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    GROSS_EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    NET_EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    LEVERAGE_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    CASH_BALANCES_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    LOT_METHOD_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    base_currency: str
    nav: _types_pb2.Decimal
    cash: _types_pb2.Decimal
    gross_exposure: _types_pb2.Decimal
    net_exposure: _types_pb2.Decimal
    leverage: float
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    cash_balances: _containers.RepeatedCompositeFieldContainer[CashBalance]
    pnl: PnlSummary
    lot_method: LotMethod
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., base_currency: _Optional[str] = ..., nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., gross_exposure: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., net_exposure: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., leverage: _Optional[float] = ..., positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., cash_balances: _Optional[_Iterable[_Union[CashBalance, _Mapping]]] = ..., pnl: _Optional[_Union[PnlSummary, _Mapping]] = ..., lot_method: _Optional[_Union[LotMethod, str]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaxLot(_message.Message):
    __slots__ = ("lot_id", "account_id", "instrument_id", "quantity", "original_quantity", "cost_per_unit", "cost_basis", "unrealized_pnl", "acquired_at", "long_term", "fill_id")
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    COST_PER_UNIT_FIELD_NUMBER: _ClassVar[int]
    COST_BASIS_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    ACQUIRED_AT_FIELD_NUMBER: _ClassVar[int]
    LONG_TERM_FIELD_NUMBER: _ClassVar[int]
    FILL_ID_FIELD_NUMBER: _ClassVar[int]
    lot_id: str
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    original_quantity: float
    cost_per_unit: float
    cost_basis: _types_pb2.Decimal
    unrealized_pnl: _types_pb2.Decimal
    acquired_at: _timestamp_pb2.Timestamp
    long_term: bool
    fill_id: str
    def __init__(self, lot_id: _Optional[str] = ..., account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., original_quantity: _Optional[float] = ..., cost_per_unit: _Optional[float] = ..., cost_basis: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., unrealized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., acquired_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., long_term: _Optional[bool] = ..., fill_id: _Optional[str] = ...) -> None: ...

class GetPortfolioRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetPortfolioResponse(_message.Message):
    __slots__ = ("portfolio",)
    PORTFOLIO_FIELD_NUMBER: _ClassVar[int]
    portfolio: Portfolio
    def __init__(self, portfolio: _Optional[_Union[Portfolio, _Mapping]] = ...) -> None: ...

class ListPositionsRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "include_flat", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_FLAT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    include_flat: bool
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., include_flat: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListPositionsResponse(_message.Message):
    __slots__ = ("positions", "page")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    page: _types_pb2.PageResponse
    def __init__(self, positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetPositionRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetPositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: Position
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ...) -> None: ...

class GetPnlRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "period")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    period: _types_pb2.TimeRange
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetPnlResponse(_message.Message):
    __slots__ = ("pnl", "by_strategy")
    PNL_FIELD_NUMBER: _ClassVar[int]
    BY_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    pnl: PnlSummary
    by_strategy: _containers.RepeatedCompositeFieldContainer[PnlSummary]
    def __init__(self, pnl: _Optional[_Union[PnlSummary, _Mapping]] = ..., by_strategy: _Optional[_Iterable[_Union[PnlSummary, _Mapping]]] = ...) -> None: ...

class GetCashBalancesRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetCashBalancesResponse(_message.Message):
    __slots__ = ("balances",)
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    balances: _containers.RepeatedCompositeFieldContainer[CashBalance]
    def __init__(self, balances: _Optional[_Iterable[_Union[CashBalance, _Mapping]]] = ...) -> None: ...

class AdjustCashRequest(_message.Message):
    __slots__ = ("account_id", "amount", "reason", "reference_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    amount: _types_pb2.Money
    reason: str
    reference_id: str
    def __init__(self, account_id: _Optional[str] = ..., amount: _Optional[_Union[_types_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ..., reference_id: _Optional[str] = ...) -> None: ...

class AdjustCashResponse(_message.Message):
    __slots__ = ("balance",)
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    balance: CashBalance
    def __init__(self, balance: _Optional[_Union[CashBalance, _Mapping]] = ...) -> None: ...

class ListTaxLotsRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id", "include_closed", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CLOSED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    include_closed: bool
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., include_closed: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTaxLotsResponse(_message.Message):
    __slots__ = ("lots", "page")
    LOTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    lots: _containers.RepeatedCompositeFieldContainer[TaxLot]
    page: _types_pb2.PageResponse
    def __init__(self, lots: _Optional[_Iterable[_Union[TaxLot, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class SetLotMethodRequest(_message.Message):
    __slots__ = ("account_id", "lot_method")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LOT_METHOD_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    lot_method: LotMethod
    def __init__(self, account_id: _Optional[str] = ..., lot_method: _Optional[_Union[LotMethod, str]] = ...) -> None: ...

class SetLotMethodResponse(_message.Message):
    __slots__ = ("lot_method",)
    LOT_METHOD_FIELD_NUMBER: _ClassVar[int]
    lot_method: LotMethod
    def __init__(self, lot_method: _Optional[_Union[LotMethod, str]] = ...) -> None: ...

class View(_message.Message):
    __slots__ = ("long_assets", "short_assets", "expected_return", "confidence")
    LONG_ASSETS_FIELD_NUMBER: _ClassVar[int]
    SHORT_ASSETS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_RETURN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    long_assets: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    short_assets: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    expected_return: float
    confidence: float
    def __init__(self, long_assets: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., short_assets: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., expected_return: _Optional[float] = ..., confidence: _Optional[float] = ...) -> None: ...

class WeightBound(_message.Message):
    __slots__ = ("instrument_id", "min_weight", "max_weight")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    min_weight: float
    max_weight: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., min_weight: _Optional[float] = ..., max_weight: _Optional[float] = ...) -> None: ...

class SectorCap(_message.Message):
    __slots__ = ("sector", "max_weight", "members")
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    MAX_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    sector: str
    max_weight: float
    members: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    def __init__(self, sector: _Optional[str] = ..., max_weight: _Optional[float] = ..., members: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ...) -> None: ...

class OptimizationConstraints(_message.Message):
    __slots__ = ("long_only", "min_weight", "max_weight", "bounds", "sector_caps", "max_turnover", "transaction_cost_bps", "budget")
    LONG_ONLY_FIELD_NUMBER: _ClassVar[int]
    MIN_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    BOUNDS_FIELD_NUMBER: _ClassVar[int]
    SECTOR_CAPS_FIELD_NUMBER: _ClassVar[int]
    MAX_TURNOVER_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_COST_BPS_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    long_only: bool
    min_weight: float
    max_weight: float
    bounds: _containers.RepeatedCompositeFieldContainer[WeightBound]
    sector_caps: _containers.RepeatedCompositeFieldContainer[SectorCap]
    max_turnover: float
    transaction_cost_bps: float
    budget: float
    def __init__(self, long_only: _Optional[bool] = ..., min_weight: _Optional[float] = ..., max_weight: _Optional[float] = ..., bounds: _Optional[_Iterable[_Union[WeightBound, _Mapping]]] = ..., sector_caps: _Optional[_Iterable[_Union[SectorCap, _Mapping]]] = ..., max_turnover: _Optional[float] = ..., transaction_cost_bps: _Optional[float] = ..., budget: _Optional[float] = ...) -> None: ...

class OptimizeRequest(_message.Message):
    __slots__ = ("account_id", "universe", "method", "target", "target_volatility", "target_return", "risk_free_rate", "views", "risk_aversion", "tau", "constraints", "covariance_estimator", "lookback_days", "linkage", "returns", "expected_returns", "market_caps", "current_weights", "frontier_points", "periods_per_year")
    class ExpectedReturnsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class MarketCapsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class CurrentWeightsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIVERSE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TARGET_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    TARGET_RETURN_FIELD_NUMBER: _ClassVar[int]
    RISK_FREE_RATE_FIELD_NUMBER: _ClassVar[int]
    VIEWS_FIELD_NUMBER: _ClassVar[int]
    RISK_AVERSION_FIELD_NUMBER: _ClassVar[int]
    TAU_FIELD_NUMBER: _ClassVar[int]
    CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    COVARIANCE_ESTIMATOR_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_DAYS_FIELD_NUMBER: _ClassVar[int]
    LINKAGE_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_RETURNS_FIELD_NUMBER: _ClassVar[int]
    MARKET_CAPS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    FRONTIER_POINTS_FIELD_NUMBER: _ClassVar[int]
    PERIODS_PER_YEAR_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    universe: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    method: OptimizationMethod
    target: OptimizationTarget
    target_volatility: float
    target_return: float
    risk_free_rate: float
    views: _containers.RepeatedCompositeFieldContainer[View]
    risk_aversion: float
    tau: float
    constraints: OptimizationConstraints
    covariance_estimator: CovarianceEstimator
    lookback_days: int
    linkage: str
    returns: _containers.RepeatedCompositeFieldContainer[AssetReturns]
    expected_returns: _containers.ScalarMap[str, float]
    market_caps: _containers.ScalarMap[str, float]
    current_weights: _containers.ScalarMap[str, float]
    frontier_points: int
    periods_per_year: int
    def __init__(self, account_id: _Optional[str] = ..., universe: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., method: _Optional[_Union[OptimizationMethod, str]] = ..., target: _Optional[_Union[OptimizationTarget, str]] = ..., target_volatility: _Optional[float] = ..., target_return: _Optional[float] = ..., risk_free_rate: _Optional[float] = ..., views: _Optional[_Iterable[_Union[View, _Mapping]]] = ..., risk_aversion: _Optional[float] = ..., tau: _Optional[float] = ..., constraints: _Optional[_Union[OptimizationConstraints, _Mapping]] = ..., covariance_estimator: _Optional[_Union[CovarianceEstimator, str]] = ..., lookback_days: _Optional[int] = ..., linkage: _Optional[str] = ..., returns: _Optional[_Iterable[_Union[AssetReturns, _Mapping]]] = ..., expected_returns: _Optional[_Mapping[str, float]] = ..., market_caps: _Optional[_Mapping[str, float]] = ..., current_weights: _Optional[_Mapping[str, float]] = ..., frontier_points: _Optional[int] = ..., periods_per_year: _Optional[int] = ...) -> None: ...

class AssetReturns(_message.Message):
    __slots__ = ("instrument_id", "returns")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    returns: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., returns: _Optional[_Iterable[float]] = ...) -> None: ...

class FrontierPoint(_message.Message):
    __slots__ = ("expected_return", "volatility")
    EXPECTED_RETURN_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    expected_return: float
    volatility: float
    def __init__(self, expected_return: _Optional[float] = ..., volatility: _Optional[float] = ...) -> None: ...

class TargetWeight(_message.Message):
    __slots__ = ("instrument_id", "weight", "current_weight", "risk_contribution")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    CURRENT_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    RISK_CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    weight: float
    current_weight: float
    risk_contribution: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., weight: _Optional[float] = ..., current_weight: _Optional[float] = ..., risk_contribution: _Optional[float] = ...) -> None: ...

class OptimizeResponse(_message.Message):
    __slots__ = ("weights", "expected_return", "expected_volatility", "sharpe_ratio", "turnover", "posterior_returns", "optimization_id", "frontier", "note")
    class PosteriorReturnsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_RETURN_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    SHARPE_RATIO_FIELD_NUMBER: _ClassVar[int]
    TURNOVER_FIELD_NUMBER: _ClassVar[int]
    POSTERIOR_RETURNS_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    FRONTIER_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    weights: _containers.RepeatedCompositeFieldContainer[TargetWeight]
    expected_return: float
    expected_volatility: float
    sharpe_ratio: float
    turnover: float
    posterior_returns: _containers.ScalarMap[str, float]
    optimization_id: str
    frontier: _containers.RepeatedCompositeFieldContainer[FrontierPoint]
    note: str
    def __init__(self, weights: _Optional[_Iterable[_Union[TargetWeight, _Mapping]]] = ..., expected_return: _Optional[float] = ..., expected_volatility: _Optional[float] = ..., sharpe_ratio: _Optional[float] = ..., turnover: _Optional[float] = ..., posterior_returns: _Optional[_Mapping[str, float]] = ..., optimization_id: _Optional[str] = ..., frontier: _Optional[_Iterable[_Union[FrontierPoint, _Mapping]]] = ..., note: _Optional[str] = ...) -> None: ...

class RebalanceTrade(_message.Message):
    __slots__ = ("instrument_id", "side", "quantity", "estimated_notional", "estimated_cost", "order_id")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_NOTIONAL_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    estimated_notional: _types_pb2.Decimal
    estimated_cost: _types_pb2.Decimal
    order_id: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., estimated_notional: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., estimated_cost: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., order_id: _Optional[str] = ...) -> None: ...

class RebalanceRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "targets", "optimization_id", "drift_threshold", "min_trade_notional", "dry_run", "lot_method", "lot_sizes", "standing")
    class LotSizesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    DRIFT_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MIN_TRADE_NOTIONAL_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    LOT_METHOD_FIELD_NUMBER: _ClassVar[int]
    LOT_SIZES_FIELD_NUMBER: _ClassVar[int]
    STANDING_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    targets: _containers.RepeatedCompositeFieldContainer[TargetWeight]
    optimization_id: str
    drift_threshold: float
    min_trade_notional: _types_pb2.Decimal
    dry_run: bool
    lot_method: LotMethod
    lot_sizes: _containers.ScalarMap[str, float]
    standing: bool
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., targets: _Optional[_Iterable[_Union[TargetWeight, _Mapping]]] = ..., optimization_id: _Optional[str] = ..., drift_threshold: _Optional[float] = ..., min_trade_notional: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., dry_run: _Optional[bool] = ..., lot_method: _Optional[_Union[LotMethod, str]] = ..., lot_sizes: _Optional[_Mapping[str, float]] = ..., standing: _Optional[bool] = ...) -> None: ...

class RebalanceResponse(_message.Message):
    __slots__ = ("rebalance_id", "trades", "turnover", "estimated_cost", "estimated_realized_pnl")
    REBALANCE_ID_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    TURNOVER_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    rebalance_id: str
    trades: _containers.RepeatedCompositeFieldContainer[RebalanceTrade]
    turnover: float
    estimated_cost: _types_pb2.Decimal
    estimated_realized_pnl: _types_pb2.Decimal
    def __init__(self, rebalance_id: _Optional[str] = ..., trades: _Optional[_Iterable[_Union[RebalanceTrade, _Mapping]]] = ..., turnover: _Optional[float] = ..., estimated_cost: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., estimated_realized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class HarvestCandidate(_message.Message):
    __slots__ = ("lot", "loss", "replacement", "wash_sale_blocked")
    LOT_FIELD_NUMBER: _ClassVar[int]
    LOSS_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    WASH_SALE_BLOCKED_FIELD_NUMBER: _ClassVar[int]
    lot: TaxLot
    loss: _types_pb2.Decimal
    replacement: _types_pb2.InstrumentId
    wash_sale_blocked: bool
    def __init__(self, lot: _Optional[_Union[TaxLot, _Mapping]] = ..., loss: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., replacement: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., wash_sale_blocked: _Optional[bool] = ...) -> None: ...

class HarvestTaxLossesRequest(_message.Message):
    __slots__ = ("account_id", "min_loss", "wash_sale_days", "replacements", "dry_run")
    class ReplacementsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_LOSS_FIELD_NUMBER: _ClassVar[int]
    WASH_SALE_DAYS_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    min_loss: _types_pb2.Decimal
    wash_sale_days: int
    replacements: _containers.ScalarMap[str, str]
    dry_run: bool
    def __init__(self, account_id: _Optional[str] = ..., min_loss: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., wash_sale_days: _Optional[int] = ..., replacements: _Optional[_Mapping[str, str]] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class HarvestTaxLossesResponse(_message.Message):
    __slots__ = ("candidates", "total_harvested_loss", "trades")
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_HARVESTED_LOSS_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[HarvestCandidate]
    total_harvested_loss: _types_pb2.Decimal
    trades: _containers.RepeatedCompositeFieldContainer[RebalanceTrade]
    def __init__(self, candidates: _Optional[_Iterable[_Union[HarvestCandidate, _Mapping]]] = ..., total_harvested_loss: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., trades: _Optional[_Iterable[_Union[RebalanceTrade, _Mapping]]] = ...) -> None: ...

class AttributionSegment(_message.Message):
    __slots__ = ("segment", "portfolio_weight", "benchmark_weight", "portfolio_return", "benchmark_return", "allocation_effect", "selection_effect", "interaction_effect", "exposure", "contribution")
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_RETURN_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_RETURN_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    SELECTION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    INTERACTION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    segment: str
    portfolio_weight: float
    benchmark_weight: float
    portfolio_return: float
    benchmark_return: float
    allocation_effect: float
    selection_effect: float
    interaction_effect: float
    exposure: float
    contribution: float
    def __init__(self, segment: _Optional[str] = ..., portfolio_weight: _Optional[float] = ..., benchmark_weight: _Optional[float] = ..., portfolio_return: _Optional[float] = ..., benchmark_return: _Optional[float] = ..., allocation_effect: _Optional[float] = ..., selection_effect: _Optional[float] = ..., interaction_effect: _Optional[float] = ..., exposure: _Optional[float] = ..., contribution: _Optional[float] = ...) -> None: ...

class GetAttributionRequest(_message.Message):
    __slots__ = ("account_id", "model", "period", "benchmark", "grouping", "factors", "portfolio", "asset_returns", "segments", "portfolio_returns", "factor_returns", "periods")
    class AssetReturnsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class SegmentsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_FIELD_NUMBER: _ClassVar[int]
    GROUPING_FIELD_NUMBER: _ClassVar[int]
    FACTORS_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_FIELD_NUMBER: _ClassVar[int]
    ASSET_RETURNS_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_RETURNS_FIELD_NUMBER: _ClassVar[int]
    FACTOR_RETURNS_FIELD_NUMBER: _ClassVar[int]
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    model: AttributionModel
    period: _types_pb2.TimeRange
    benchmark: _containers.RepeatedCompositeFieldContainer[TargetWeight]
    grouping: str
    factors: _containers.RepeatedScalarFieldContainer[str]
    portfolio: _containers.RepeatedCompositeFieldContainer[TargetWeight]
    asset_returns: _containers.ScalarMap[str, float]
    segments: _containers.ScalarMap[str, str]
    portfolio_returns: _containers.RepeatedScalarFieldContainer[float]
    factor_returns: _containers.RepeatedCompositeFieldContainer[FactorReturns]
    periods: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., model: _Optional[_Union[AttributionModel, str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., benchmark: _Optional[_Iterable[_Union[TargetWeight, _Mapping]]] = ..., grouping: _Optional[str] = ..., factors: _Optional[_Iterable[str]] = ..., portfolio: _Optional[_Iterable[_Union[TargetWeight, _Mapping]]] = ..., asset_returns: _Optional[_Mapping[str, float]] = ..., segments: _Optional[_Mapping[str, str]] = ..., portfolio_returns: _Optional[_Iterable[float]] = ..., factor_returns: _Optional[_Iterable[_Union[FactorReturns, _Mapping]]] = ..., periods: _Optional[_Iterable[str]] = ...) -> None: ...

class FactorReturns(_message.Message):
    __slots__ = ("factor", "returns")
    FACTOR_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    factor: str
    returns: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, factor: _Optional[str] = ..., returns: _Optional[_Iterable[float]] = ...) -> None: ...

class GetAttributionResponse(_message.Message):
    __slots__ = ("model", "portfolio_return", "benchmark_return", "active_return", "segments", "residual", "alpha", "r_squared", "factor_source")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_RETURN_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_RETURN_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_RETURN_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    RESIDUAL_FIELD_NUMBER: _ClassVar[int]
    ALPHA_FIELD_NUMBER: _ClassVar[int]
    R_SQUARED_FIELD_NUMBER: _ClassVar[int]
    FACTOR_SOURCE_FIELD_NUMBER: _ClassVar[int]
    model: AttributionModel
    portfolio_return: float
    benchmark_return: float
    active_return: float
    segments: _containers.RepeatedCompositeFieldContainer[AttributionSegment]
    residual: float
    alpha: float
    r_squared: float
    factor_source: str
    def __init__(self, model: _Optional[_Union[AttributionModel, str]] = ..., portfolio_return: _Optional[float] = ..., benchmark_return: _Optional[float] = ..., active_return: _Optional[float] = ..., segments: _Optional[_Iterable[_Union[AttributionSegment, _Mapping]]] = ..., residual: _Optional[float] = ..., alpha: _Optional[float] = ..., r_squared: _Optional[float] = ..., factor_source: _Optional[str] = ...) -> None: ...

class CorporateAction(_message.Message):
    __slots__ = ("action_id", "type", "instrument_id", "ex_date", "pay_date", "split_ratio", "dividend_per_share")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    EX_DATE_FIELD_NUMBER: _ClassVar[int]
    PAY_DATE_FIELD_NUMBER: _ClassVar[int]
    SPLIT_RATIO_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_PER_SHARE_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    type: CorporateActionType
    instrument_id: _types_pb2.InstrumentId
    ex_date: _timestamp_pb2.Timestamp
    pay_date: _timestamp_pb2.Timestamp
    split_ratio: float
    dividend_per_share: _types_pb2.Money
    def __init__(self, action_id: _Optional[str] = ..., type: _Optional[_Union[CorporateActionType, str]] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., ex_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pay_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., split_ratio: _Optional[float] = ..., dividend_per_share: _Optional[_Union[_types_pb2.Money, _Mapping]] = ...) -> None: ...

class ApplyCorporateActionRequest(_message.Message):
    __slots__ = ("action", "account_id")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    action: CorporateAction
    account_id: str
    def __init__(self, action: _Optional[_Union[CorporateAction, _Mapping]] = ..., account_id: _Optional[str] = ...) -> None: ...

class ApplyCorporateActionResponse(_message.Message):
    __slots__ = ("accounts_affected", "positions", "cash_credited")
    ACCOUNTS_AFFECTED_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    CASH_CREDITED_FIELD_NUMBER: _ClassVar[int]
    accounts_affected: int
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    cash_credited: _types_pb2.Decimal
    def __init__(self, accounts_affected: _Optional[int] = ..., positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., cash_credited: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class NavPoint(_message.Message):
    __slots__ = ("time", "nav")
    TIME_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    nav: _types_pb2.Decimal
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class GetNavHistoryRequest(_message.Message):
    __slots__ = ("account_id", "period", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class GetNavHistoryResponse(_message.Message):
    __slots__ = ("points", "page")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[NavPoint]
    page: _types_pb2.PageResponse
    def __init__(self, points: _Optional[_Iterable[_Union[NavPoint, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class DesignateLotsRequest(_message.Message):
    __slots__ = ("account_id", "client_order_id", "lot_ids")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    LOT_IDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    client_order_id: str
    lot_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., lot_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DesignateLotsResponse(_message.Message):
    __slots__ = ("lots",)
    LOTS_FIELD_NUMBER: _ClassVar[int]
    lots: int
    def __init__(self, lots: _Optional[int] = ...) -> None: ...

class GetTaxReportRequest(_message.Message):
    __slots__ = ("account_id", "period", "short_term_rate", "long_term_rate", "dividend_rate")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    SHORT_TERM_RATE_FIELD_NUMBER: _ClassVar[int]
    LONG_TERM_RATE_FIELD_NUMBER: _ClassVar[int]
    DIVIDEND_RATE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    period: _types_pb2.TimeRange
    short_term_rate: float
    long_term_rate: float
    dividend_rate: float
    def __init__(self, account_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., short_term_rate: _Optional[float] = ..., long_term_rate: _Optional[float] = ..., dividend_rate: _Optional[float] = ...) -> None: ...

class WashSaleRecord(_message.Message):
    __slots__ = ("instrument_id", "sold_lot_id", "replacement_lot_id", "quantity", "disallowed_loss", "time", "kind")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOLD_LOT_ID_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_LOT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    DISALLOWED_LOSS_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    sold_lot_id: str
    replacement_lot_id: str
    quantity: float
    disallowed_loss: _types_pb2.Decimal
    time: _timestamp_pb2.Timestamp
    kind: str
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., sold_lot_id: _Optional[str] = ..., replacement_lot_id: _Optional[str] = ..., quantity: _Optional[float] = ..., disallowed_loss: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kind: _Optional[str] = ...) -> None: ...

class GetTaxReportResponse(_message.Message):
    __slots__ = ("realized_short_term", "realized_long_term", "disallowed_losses", "dividends", "estimated_tax", "start_value", "end_value", "net_flows", "pre_tax_return", "after_tax_return", "wash_sales")
    REALIZED_SHORT_TERM_FIELD_NUMBER: _ClassVar[int]
    REALIZED_LONG_TERM_FIELD_NUMBER: _ClassVar[int]
    DISALLOWED_LOSSES_FIELD_NUMBER: _ClassVar[int]
    DIVIDENDS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_TAX_FIELD_NUMBER: _ClassVar[int]
    START_VALUE_FIELD_NUMBER: _ClassVar[int]
    END_VALUE_FIELD_NUMBER: _ClassVar[int]
    NET_FLOWS_FIELD_NUMBER: _ClassVar[int]
    PRE_TAX_RETURN_FIELD_NUMBER: _ClassVar[int]
    AFTER_TAX_RETURN_FIELD_NUMBER: _ClassVar[int]
    WASH_SALES_FIELD_NUMBER: _ClassVar[int]
    realized_short_term: _types_pb2.Decimal
    realized_long_term: _types_pb2.Decimal
    disallowed_losses: _types_pb2.Decimal
    dividends: _types_pb2.Decimal
    estimated_tax: _types_pb2.Decimal
    start_value: _types_pb2.Decimal
    end_value: _types_pb2.Decimal
    net_flows: _types_pb2.Decimal
    pre_tax_return: float
    after_tax_return: float
    wash_sales: _containers.RepeatedCompositeFieldContainer[WashSaleRecord]
    def __init__(self, realized_short_term: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., realized_long_term: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., disallowed_losses: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., dividends: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., estimated_tax: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., start_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., end_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., net_flows: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., pre_tax_return: _Optional[float] = ..., after_tax_return: _Optional[float] = ..., wash_sales: _Optional[_Iterable[_Union[WashSaleRecord, _Mapping]]] = ...) -> None: ...
