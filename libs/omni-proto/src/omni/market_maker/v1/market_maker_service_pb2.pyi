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

class QuotingModel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTING_MODEL_UNSPECIFIED: _ClassVar[QuotingModel]
    QUOTING_MODEL_FIXED_SPREAD: _ClassVar[QuotingModel]
    QUOTING_MODEL_INVENTORY_SKEW: _ClassVar[QuotingModel]
    QUOTING_MODEL_AVELLANEDA_STOIKOV: _ClassVar[QuotingModel]

class QuotingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTING_STATUS_UNSPECIFIED: _ClassVar[QuotingStatus]
    QUOTING_STATUS_QUOTING: _ClassVar[QuotingStatus]
    QUOTING_STATUS_PAUSED: _ClassVar[QuotingStatus]
    QUOTING_STATUS_STOPPED: _ClassVar[QuotingStatus]
QUOTING_MODEL_UNSPECIFIED: QuotingModel
QUOTING_MODEL_FIXED_SPREAD: QuotingModel
QUOTING_MODEL_INVENTORY_SKEW: QuotingModel
QUOTING_MODEL_AVELLANEDA_STOIKOV: QuotingModel
QUOTING_STATUS_UNSPECIFIED: QuotingStatus
QUOTING_STATUS_QUOTING: QuotingStatus
QUOTING_STATUS_PAUSED: QuotingStatus
QUOTING_STATUS_STOPPED: QuotingStatus

class QuotingParams(_message.Message):
    __slots__ = ("model", "spread_bps", "risk_aversion", "order_arrival_intensity", "horizon_seconds", "volatility", "order_quantity", "max_inventory", "skew_bps_per_unit", "min_spread_bps", "requote_threshold_bps", "refresh_seconds", "levels", "level_spacing_bps")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    RISK_AVERSION_FIELD_NUMBER: _ClassVar[int]
    ORDER_ARRIVAL_INTENSITY_FIELD_NUMBER: _ClassVar[int]
    HORIZON_SECONDS_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    ORDER_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MAX_INVENTORY_FIELD_NUMBER: _ClassVar[int]
    SKEW_BPS_PER_UNIT_FIELD_NUMBER: _ClassVar[int]
    MIN_SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    REQUOTE_THRESHOLD_BPS_FIELD_NUMBER: _ClassVar[int]
    REFRESH_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_SPACING_BPS_FIELD_NUMBER: _ClassVar[int]
    model: QuotingModel
    spread_bps: float
    risk_aversion: float
    order_arrival_intensity: float
    horizon_seconds: float
    volatility: float
    order_quantity: float
    max_inventory: float
    skew_bps_per_unit: float
    min_spread_bps: float
    requote_threshold_bps: float
    refresh_seconds: float
    levels: int
    level_spacing_bps: float
    def __init__(self, model: _Optional[_Union[QuotingModel, str]] = ..., spread_bps: _Optional[float] = ..., risk_aversion: _Optional[float] = ..., order_arrival_intensity: _Optional[float] = ..., horizon_seconds: _Optional[float] = ..., volatility: _Optional[float] = ..., order_quantity: _Optional[float] = ..., max_inventory: _Optional[float] = ..., skew_bps_per_unit: _Optional[float] = ..., min_spread_bps: _Optional[float] = ..., requote_threshold_bps: _Optional[float] = ..., refresh_seconds: _Optional[float] = ..., levels: _Optional[int] = ..., level_spacing_bps: _Optional[float] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("instrument_id", "bid_price", "bid_quantity", "ask_price", "ask_quantity", "mid_price", "reservation_price", "spread", "computed_at")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    BID_PRICE_FIELD_NUMBER: _ClassVar[int]
    BID_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ASK_PRICE_FIELD_NUMBER: _ClassVar[int]
    ASK_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MID_PRICE_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_PRICE_FIELD_NUMBER: _ClassVar[int]
    SPREAD_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    bid_price: float
    bid_quantity: float
    ask_price: float
    ask_quantity: float
    mid_price: float
    reservation_price: float
    spread: float
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., bid_price: _Optional[float] = ..., bid_quantity: _Optional[float] = ..., ask_price: _Optional[float] = ..., ask_quantity: _Optional[float] = ..., mid_price: _Optional[float] = ..., reservation_price: _Optional[float] = ..., spread: _Optional[float] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Inventory(_message.Message):
    __slots__ = ("account_id", "instrument_id", "quantity", "average_cost", "realized_pnl", "unrealized_pnl", "spread_pnl", "max_inventory")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_COST_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    SPREAD_PNL_FIELD_NUMBER: _ClassVar[int]
    MAX_INVENTORY_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    average_cost: float
    realized_pnl: _types_pb2.Decimal
    unrealized_pnl: _types_pb2.Decimal
    spread_pnl: _types_pb2.Decimal
    max_inventory: float
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., average_cost: _Optional[float] = ..., realized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., unrealized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., spread_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., max_inventory: _Optional[float] = ...) -> None: ...

class QuotingState(_message.Message):
    __slots__ = ("account_id", "instrument_id", "status", "params", "current_quote", "inventory", "order_ids", "fills", "reason", "updated_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_QUOTE_FIELD_NUMBER: _ClassVar[int]
    INVENTORY_FIELD_NUMBER: _ClassVar[int]
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    FILLS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    status: QuotingStatus
    params: QuotingParams
    current_quote: Quote
    inventory: Inventory
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    fills: int
    reason: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., status: _Optional[_Union[QuotingStatus, str]] = ..., params: _Optional[_Union[QuotingParams, _Mapping]] = ..., current_quote: _Optional[_Union[Quote, _Mapping]] = ..., inventory: _Optional[_Union[Inventory, _Mapping]] = ..., order_ids: _Optional[_Iterable[str]] = ..., fills: _Optional[int] = ..., reason: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StartQuotingRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id", "params", "strategy_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    params: QuotingParams
    strategy_id: str
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., params: _Optional[_Union[QuotingParams, _Mapping]] = ..., strategy_id: _Optional[str] = ...) -> None: ...

class StartQuotingResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: QuotingState
    def __init__(self, state: _Optional[_Union[QuotingState, _Mapping]] = ...) -> None: ...

class StopQuotingRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id", "flatten", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    flatten: bool
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., flatten: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class StopQuotingResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: QuotingState
    def __init__(self, state: _Optional[_Union[QuotingState, _Mapping]] = ...) -> None: ...

class UpdateQuotingParamsRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id", "params")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    params: QuotingParams
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., params: _Optional[_Union[QuotingParams, _Mapping]] = ...) -> None: ...

class UpdateQuotingParamsResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: QuotingState
    def __init__(self, state: _Optional[_Union[QuotingState, _Mapping]] = ...) -> None: ...

class GetQuotingStateRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetQuotingStateResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: QuotingState
    def __init__(self, state: _Optional[_Union[QuotingState, _Mapping]] = ...) -> None: ...

class ListQuotingStatesRequest(_message.Message):
    __slots__ = ("account_id", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListQuotingStatesResponse(_message.Message):
    __slots__ = ("states", "page")
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedCompositeFieldContainer[QuotingState]
    page: _types_pb2.PageResponse
    def __init__(self, states: _Optional[_Iterable[_Union[QuotingState, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ComputeQuoteRequest(_message.Message):
    __slots__ = ("instrument_id", "params", "mid_price", "inventory", "time_remaining_seconds")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    MID_PRICE_FIELD_NUMBER: _ClassVar[int]
    INVENTORY_FIELD_NUMBER: _ClassVar[int]
    TIME_REMAINING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    params: QuotingParams
    mid_price: float
    inventory: float
    time_remaining_seconds: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., params: _Optional[_Union[QuotingParams, _Mapping]] = ..., mid_price: _Optional[float] = ..., inventory: _Optional[float] = ..., time_remaining_seconds: _Optional[float] = ...) -> None: ...

class ComputeQuoteResponse(_message.Message):
    __slots__ = ("quote",)
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    quote: Quote
    def __init__(self, quote: _Optional[_Union[Quote, _Mapping]] = ...) -> None: ...

class GetInventoryRequest(_message.Message):
    __slots__ = ("account_id", "instrument_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetInventoryResponse(_message.Message):
    __slots__ = ("inventories",)
    INVENTORIES_FIELD_NUMBER: _ClassVar[int]
    inventories: _containers.RepeatedCompositeFieldContainer[Inventory]
    def __init__(self, inventories: _Optional[_Iterable[_Union[Inventory, _Mapping]]] = ...) -> None: ...
