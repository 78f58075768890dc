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

class OrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_STATUS_UNSPECIFIED: _ClassVar[OrderStatus]
    ORDER_STATUS_NEW: _ClassVar[OrderStatus]
    ORDER_STATUS_PENDING: _ClassVar[OrderStatus]
    ORDER_STATUS_ACCEPTED: _ClassVar[OrderStatus]
    ORDER_STATUS_PARTIALLY_FILLED: _ClassVar[OrderStatus]
    ORDER_STATUS_FILLED: _ClassVar[OrderStatus]
    ORDER_STATUS_PENDING_CANCEL: _ClassVar[OrderStatus]
    ORDER_STATUS_CANCELLED: _ClassVar[OrderStatus]
    ORDER_STATUS_PENDING_REPLACE: _ClassVar[OrderStatus]
    ORDER_STATUS_REPLACED: _ClassVar[OrderStatus]
    ORDER_STATUS_REJECTED: _ClassVar[OrderStatus]
    ORDER_STATUS_EXPIRED: _ClassVar[OrderStatus]

class ExecutionAlgorithm(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_ALGORITHM_UNSPECIFIED: _ClassVar[ExecutionAlgorithm]
    EXECUTION_ALGORITHM_NONE: _ClassVar[ExecutionAlgorithm]
    EXECUTION_ALGORITHM_TWAP: _ClassVar[ExecutionAlgorithm]
    EXECUTION_ALGORITHM_VWAP: _ClassVar[ExecutionAlgorithm]
    EXECUTION_ALGORITHM_IMPLEMENTATION_SHORTFALL: _ClassVar[ExecutionAlgorithm]
    EXECUTION_ALGORITHM_POV: _ClassVar[ExecutionAlgorithm]

class ParentOrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARENT_ORDER_STATUS_UNSPECIFIED: _ClassVar[ParentOrderStatus]
    PARENT_ORDER_STATUS_WORKING: _ClassVar[ParentOrderStatus]
    PARENT_ORDER_STATUS_PAUSED: _ClassVar[ParentOrderStatus]
    PARENT_ORDER_STATUS_COMPLETED: _ClassVar[ParentOrderStatus]
    PARENT_ORDER_STATUS_CANCELLED: _ClassVar[ParentOrderStatus]
    PARENT_ORDER_STATUS_FAILED: _ClassVar[ParentOrderStatus]
ORDER_STATUS_UNSPECIFIED: OrderStatus
ORDER_STATUS_NEW: OrderStatus
ORDER_STATUS_PENDING: OrderStatus
ORDER_STATUS_ACCEPTED: OrderStatus
ORDER_STATUS_PARTIALLY_FILLED: OrderStatus
ORDER_STATUS_FILLED: OrderStatus
ORDER_STATUS_PENDING_CANCEL: OrderStatus
ORDER_STATUS_CANCELLED: OrderStatus
ORDER_STATUS_PENDING_REPLACE: OrderStatus
ORDER_STATUS_REPLACED: OrderStatus
ORDER_STATUS_REJECTED: OrderStatus
ORDER_STATUS_EXPIRED: OrderStatus
EXECUTION_ALGORITHM_UNSPECIFIED: ExecutionAlgorithm
EXECUTION_ALGORITHM_NONE: ExecutionAlgorithm
EXECUTION_ALGORITHM_TWAP: ExecutionAlgorithm
EXECUTION_ALGORITHM_VWAP: ExecutionAlgorithm
EXECUTION_ALGORITHM_IMPLEMENTATION_SHORTFALL: ExecutionAlgorithm
EXECUTION_ALGORITHM_POV: ExecutionAlgorithm
PARENT_ORDER_STATUS_UNSPECIFIED: ParentOrderStatus
PARENT_ORDER_STATUS_WORKING: ParentOrderStatus
PARENT_ORDER_STATUS_PAUSED: ParentOrderStatus
PARENT_ORDER_STATUS_COMPLETED: ParentOrderStatus
PARENT_ORDER_STATUS_CANCELLED: ParentOrderStatus
PARENT_ORDER_STATUS_FAILED: ParentOrderStatus

class AlgorithmParams(_message.Message):
    __slots__ = ("start_time", "end_time", "slices", "participation_rate", "risk_aversion", "limit_price", "min_child_quantity", "max_child_quantity", "randomization", "child_order_type", "complete_at_end", "volatility", "temporary_impact_bps", "check_interval_seconds")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    SLICES_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATION_RATE_FIELD_NUMBER: _ClassVar[int]
    RISK_AVERSION_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    MIN_CHILD_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MAX_CHILD_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    RANDOMIZATION_FIELD_NUMBER: _ClassVar[int]
    CHILD_ORDER_TYPE_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_AT_END_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    TEMPORARY_IMPACT_BPS_FIELD_NUMBER: _ClassVar[int]
    CHECK_INTERVAL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    slices: int
    participation_rate: float
    risk_aversion: float
    limit_price: float
    min_child_quantity: float
    max_child_quantity: float
    randomization: float
    child_order_type: _types_pb2.OrderType
    complete_at_end: bool
    volatility: float
    temporary_impact_bps: float
    check_interval_seconds: float
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., slices: _Optional[int] = ..., participation_rate: _Optional[float] = ..., risk_aversion: _Optional[float] = ..., limit_price: _Optional[float] = ..., min_child_quantity: _Optional[float] = ..., max_child_quantity: _Optional[float] = ..., randomization: _Optional[float] = ..., child_order_type: _Optional[_Union[_types_pb2.OrderType, str]] = ..., complete_at_end: _Optional[bool] = ..., volatility: _Optional[float] = ..., temporary_impact_bps: _Optional[float] = ..., check_interval_seconds: _Optional[float] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("order_id", "client_order_id", "account_id", "strategy_id", "instrument_id", "side", "order_type", "time_in_force", "quantity", "limit_price", "stop_price", "status", "filled_quantity", "average_fill_price", "leaves_quantity", "reject_reason", "parent_order_id", "algorithm", "algorithm_params", "venue", "venue_order_id", "fees", "replaced_by_order_id", "replaces_order_id", "created_at", "updated_at", "expire_at", "tags")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    ORDER_TYPE_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_FORCE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    STOP_PRICE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FILL_PRICE_FIELD_NUMBER: _ClassVar[int]
    LEAVES_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REJECT_REASON_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_PARAMS_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    REPLACED_BY_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REPLACES_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_AT_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    client_order_id: str
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    order_type: _types_pb2.OrderType
    time_in_force: _types_pb2.TimeInForce
    quantity: float
    limit_price: float
    stop_price: float
    status: OrderStatus
    filled_quantity: float
    average_fill_price: float
    leaves_quantity: float
    reject_reason: str
    parent_order_id: str
    algorithm: ExecutionAlgorithm
    algorithm_params: AlgorithmParams
    venue: str
    venue_order_id: str
    fees: _types_pb2.Decimal
    replaced_by_order_id: str
    replaces_order_id: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    expire_at: _timestamp_pb2.Timestamp
    tags: _containers.ScalarMap[str, str]
    def __init__(self, order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., order_type: _Optional[_Union[_types_pb2.OrderType, str]] = ..., time_in_force: _Optional[_Union[_types_pb2.TimeInForce, str]] = ..., quantity: _Optional[float] = ..., limit_price: _Optional[float] = ..., stop_price: _Optional[float] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., filled_quantity: _Optional[float] = ..., average_fill_price: _Optional[float] = ..., leaves_quantity: _Optional[float] = ..., reject_reason: _Optional[str] = ..., parent_order_id: _Optional[str] = ..., algorithm: _Optional[_Union[ExecutionAlgorithm, str]] = ..., algorithm_params: _Optional[_Union[AlgorithmParams, _Mapping]] = ..., venue: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., replaced_by_order_id: _Optional[str] = ..., replaces_order_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Fill(_message.Message):
    __slots__ = ("fill_id", "order_id", "client_order_id", "venue_order_id", "venue", "account_id", "strategy_id", "instrument_id", "side", "quantity", "price", "fee", "fee_currency", "liquidity", "executed_at", "parent_order_id")
    FILL_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    FEE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIQUIDITY_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_AT_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    fill_id: str
    order_id: str
    client_order_id: str
    venue_order_id: str
    venue: str
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    price: float
    fee: _types_pb2.Decimal
    fee_currency: str
    liquidity: _types_pb2.Liquidity
    executed_at: _timestamp_pb2.Timestamp
    parent_order_id: str
    def __init__(self, fill_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., venue: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., price: _Optional[float] = ..., fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fee_currency: _Optional[str] = ..., liquidity: _Optional[_Union[_types_pb2.Liquidity, str]] = ..., executed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., parent_order_id: _Optional[str] = ...) -> None: ...

class ParentOrder(_message.Message):
    __slots__ = ("parent_order_id", "client_order_id", "account_id", "strategy_id", "instrument_id", "side", "quantity", "algorithm", "algorithm_params", "status", "filled_quantity", "average_fill_price", "working_quantity", "arrival_price", "child_orders_total", "child_orders_open", "child_order_ids", "reason", "created_at", "updated_at", "schedule_note", "slices_sent", "slices_planned", "completed_at")
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_PARAMS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FILL_PRICE_FIELD_NUMBER: _ClassVar[int]
    WORKING_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    CHILD_ORDERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CHILD_ORDERS_OPEN_FIELD_NUMBER: _ClassVar[int]
    CHILD_ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_NOTE_FIELD_NUMBER: _ClassVar[int]
    SLICES_SENT_FIELD_NUMBER: _ClassVar[int]
    SLICES_PLANNED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    parent_order_id: str
    client_order_id: str
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    algorithm: ExecutionAlgorithm
    algorithm_params: AlgorithmParams
    status: ParentOrderStatus
    filled_quantity: float
    average_fill_price: float
    working_quantity: float
    arrival_price: float
    child_orders_total: int
    child_orders_open: int
    child_order_ids: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    schedule_note: str
    slices_sent: int
    slices_planned: int
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, parent_order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., algorithm: _Optional[_Union[ExecutionAlgorithm, str]] = ..., algorithm_params: _Optional[_Union[AlgorithmParams, _Mapping]] = ..., status: _Optional[_Union[ParentOrderStatus, str]] = ..., filled_quantity: _Optional[float] = ..., average_fill_price: _Optional[float] = ..., working_quantity: _Optional[float] = ..., arrival_price: _Optional[float] = ..., child_orders_total: _Optional[int] = ..., child_orders_open: _Optional[int] = ..., child_order_ids: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., schedule_note: _Optional[str] = ..., slices_sent: _Optional[int] = ..., slices_planned: _Optional[int] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExecutionQualityReport(_message.Message):
    __slots__ = ("order_id", "account_id", "instrument_id", "side", "filled_quantity", "average_fill_price", "arrival_price", "interval_vwap", "interval_twap", "arrival_slippage_bps", "vwap_slippage_bps", "twap_slippage_bps", "implementation_shortfall", "total_fees", "maker_ratio", "participation_rate", "fill_ratio", "started_at", "completed_at")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    FILLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FILL_PRICE_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_PRICE_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_VWAP_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_TWAP_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_SLIPPAGE_BPS_FIELD_NUMBER: _ClassVar[int]
    VWAP_SLIPPAGE_BPS_FIELD_NUMBER: _ClassVar[int]
    TWAP_SLIPPAGE_BPS_FIELD_NUMBER: _ClassVar[int]
    IMPLEMENTATION_SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FEES_FIELD_NUMBER: _ClassVar[int]
    MAKER_RATIO_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATION_RATE_FIELD_NUMBER: _ClassVar[int]
    FILL_RATIO_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    filled_quantity: float
    average_fill_price: float
    arrival_price: float
    interval_vwap: float
    interval_twap: float
    arrival_slippage_bps: float
    vwap_slippage_bps: float
    twap_slippage_bps: float
    implementation_shortfall: _types_pb2.Decimal
    total_fees: _types_pb2.Decimal
    maker_ratio: float
    participation_rate: float
    fill_ratio: float
    started_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., filled_quantity: _Optional[float] = ..., average_fill_price: _Optional[float] = ..., arrival_price: _Optional[float] = ..., interval_vwap: _Optional[float] = ..., interval_twap: _Optional[float] = ..., arrival_slippage_bps: _Optional[float] = ..., vwap_slippage_bps: _Optional[float] = ..., twap_slippage_bps: _Optional[float] = ..., implementation_shortfall: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., total_fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., maker_ratio: _Optional[float] = ..., participation_rate: _Optional[float] = ..., fill_ratio: _Optional[float] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubmitOrderRequest(_message.Message):
    __slots__ = ("client_order_id", "account_id", "strategy_id", "instrument_id", "side", "order_type", "time_in_force", "quantity", "limit_price", "stop_price", "expire_at", "venue", "tags")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    ORDER_TYPE_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_FORCE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    STOP_PRICE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_AT_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    client_order_id: str
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    order_type: _types_pb2.OrderType
    time_in_force: _types_pb2.TimeInForce
    quantity: float
    limit_price: float
    stop_price: float
    expire_at: _timestamp_pb2.Timestamp
    venue: str
    tags: _containers.ScalarMap[str, str]
    def __init__(self, client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., order_type: _Optional[_Union[_types_pb2.OrderType, str]] = ..., time_in_force: _Optional[_Union[_types_pb2.TimeInForce, str]] = ..., quantity: _Optional[float] = ..., limit_price: _Optional[float] = ..., stop_price: _Optional[float] = ..., expire_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., venue: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SubmitOrderResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class CancelOrderRequest(_message.Message):
    __slots__ = ("account_id", "order_id", "client_order_id", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    client_order_id: str
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelOrderResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class ReplaceOrderRequest(_message.Message):
    __slots__ = ("account_id", "order_id", "new_client_order_id", "quantity", "limit_price", "stop_price", "time_in_force")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    STOP_PRICE_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_FORCE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    new_client_order_id: str
    quantity: float
    limit_price: float
    stop_price: float
    time_in_force: _types_pb2.TimeInForce
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., new_client_order_id: _Optional[str] = ..., quantity: _Optional[float] = ..., limit_price: _Optional[float] = ..., stop_price: _Optional[float] = ..., time_in_force: _Optional[_Union[_types_pb2.TimeInForce, str]] = ...) -> None: ...

class ReplaceOrderResponse(_message.Message):
    __slots__ = ("order", "replacement")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    order: Order
    replacement: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ..., replacement: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class GetOrderRequest(_message.Message):
    __slots__ = ("order_id", "account_id", "client_order_id")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    client_order_id: str
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., client_order_id: _Optional[str] = ...) -> None: ...

class GetOrderResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class ListOrdersRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "instrument_id", "statuses", "open_only", "parent_order_id", "created", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    OPEN_ONLY_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    statuses: _containers.RepeatedScalarFieldContainer[OrderStatus]
    open_only: bool
    parent_order_id: str
    created: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., statuses: _Optional[_Iterable[_Union[OrderStatus, str]]] = ..., open_only: _Optional[bool] = ..., parent_order_id: _Optional[str] = ..., created: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders", "page")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[Order]
    page: _types_pb2.PageResponse
    def __init__(self, orders: _Optional[_Iterable[_Union[Order, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class SubmitParentOrderRequest(_message.Message):
    __slots__ = ("client_order_id", "account_id", "strategy_id", "instrument_id", "side", "quantity", "algorithm", "algorithm_params", "tags")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_PARAMS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    client_order_id: str
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    algorithm: ExecutionAlgorithm
    algorithm_params: AlgorithmParams
    tags: _containers.ScalarMap[str, str]
    def __init__(self, client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., algorithm: _Optional[_Union[ExecutionAlgorithm, str]] = ..., algorithm_params: _Optional[_Union[AlgorithmParams, _Mapping]] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SubmitParentOrderResponse(_message.Message):
    __slots__ = ("parent_order",)
    PARENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    parent_order: ParentOrder
    def __init__(self, parent_order: _Optional[_Union[ParentOrder, _Mapping]] = ...) -> None: ...

class GetParentOrderRequest(_message.Message):
    __slots__ = ("parent_order_id", "include_children")
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CHILDREN_FIELD_NUMBER: _ClassVar[int]
    parent_order_id: str
    include_children: bool
    def __init__(self, parent_order_id: _Optional[str] = ..., include_children: _Optional[bool] = ...) -> None: ...

class GetParentOrderResponse(_message.Message):
    __slots__ = ("parent_order", "child_orders")
    PARENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    CHILD_ORDERS_FIELD_NUMBER: _ClassVar[int]
    parent_order: ParentOrder
    child_orders: _containers.RepeatedCompositeFieldContainer[Order]
    def __init__(self, parent_order: _Optional[_Union[ParentOrder, _Mapping]] = ..., child_orders: _Optional[_Iterable[_Union[Order, _Mapping]]] = ...) -> None: ...

class CancelParentOrderRequest(_message.Message):
    __slots__ = ("parent_order_id", "reason")
    PARENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    parent_order_id: str
    reason: str
    def __init__(self, parent_order_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelParentOrderResponse(_message.Message):
    __slots__ = ("parent_order",)
    PARENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    parent_order: ParentOrder
    def __init__(self, parent_order: _Optional[_Union[ParentOrder, _Mapping]] = ...) -> None: ...

class ListFillsRequest(_message.Message):
    __slots__ = ("account_id", "order_id", "strategy_id", "instrument_id", "executed", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    executed: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., executed: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListFillsResponse(_message.Message):
    __slots__ = ("fills", "page")
    FILLS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    fills: _containers.RepeatedCompositeFieldContainer[Fill]
    page: _types_pb2.PageResponse
    def __init__(self, fills: _Optional[_Iterable[_Union[Fill, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetExecutionQualityRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    def __init__(self, order_id: _Optional[str] = ...) -> None: ...

class GetExecutionQualityResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: ExecutionQualityReport
    def __init__(self, report: _Optional[_Union[ExecutionQualityReport, _Mapping]] = ...) -> None: ...

class CancelAllOrdersRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "instrument_id", "reason")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    reason: str
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelAllOrdersResponse(_message.Message):
    __slots__ = ("cancelled_order_ids",)
    CANCELLED_ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    cancelled_order_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, cancelled_order_ids: _Optional[_Iterable[str]] = ...) -> None: ...
