import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.order_manager.v1 import order_manager_service_pb2 as _order_manager_service_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExecType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXEC_TYPE_UNSPECIFIED: _ClassVar[ExecType]
    EXEC_TYPE_NEW: _ClassVar[ExecType]
    EXEC_TYPE_PARTIAL_FILL: _ClassVar[ExecType]
    EXEC_TYPE_FILL: _ClassVar[ExecType]
    EXEC_TYPE_CANCELLED: _ClassVar[ExecType]
    EXEC_TYPE_REJECTED: _ClassVar[ExecType]
    EXEC_TYPE_EXPIRED: _ClassVar[ExecType]
    EXEC_TYPE_REPLACED: _ClassVar[ExecType]
    EXEC_TYPE_CANCEL_REJECTED: _ClassVar[ExecType]
    EXEC_TYPE_RESTATED: _ClassVar[ExecType]
EXEC_TYPE_UNSPECIFIED: ExecType
EXEC_TYPE_NEW: ExecType
EXEC_TYPE_PARTIAL_FILL: ExecType
EXEC_TYPE_FILL: ExecType
EXEC_TYPE_CANCELLED: ExecType
EXEC_TYPE_REJECTED: ExecType
EXEC_TYPE_EXPIRED: ExecType
EXEC_TYPE_REPLACED: ExecType
EXEC_TYPE_CANCEL_REJECTED: ExecType
EXEC_TYPE_RESTATED: ExecType

class SubmitOrderCommand(_message.Message):
    __slots__ = ("account_id", "order", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CancelOrderCommand(_message.Message):
    __slots__ = ("account_id", "order_id", "client_order_id", "venue", "venue_order_id", "reason", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    client_order_id: str
    venue: str
    venue_order_id: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., venue: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReplaceOrderCommand(_message.Message):
    __slots__ = ("account_id", "order_id", "venue", "venue_order_id", "replacement", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order_id: str
    venue: str
    venue_order_id: str
    replacement: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., venue: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., replacement: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExecutionReport(_message.Message):
    __slots__ = ("account_id", "exec_id", "exec_type", "order_id", "client_order_id", "venue", "venue_order_id", "instrument_id", "side", "last_quantity", "last_price", "cumulative_quantity", "average_price", "leaves_quantity", "fee", "fee_currency", "liquidity", "order_status", "reason", "original_order_id", "event_time", "received_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    EXEC_ID_FIELD_NUMBER: _ClassVar[int]
    EXEC_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    LAST_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LAST_PRICE_FIELD_NUMBER: _ClassVar[int]
    CUMULATIVE_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    LEAVES_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    FEE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIQUIDITY_FIELD_NUMBER: _ClassVar[int]
    ORDER_STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    exec_id: str
    exec_type: ExecType
    order_id: str
    client_order_id: str
    venue: str
    venue_order_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    last_quantity: float
    last_price: float
    cumulative_quantity: float
    average_price: float
    leaves_quantity: float
    fee: _types_pb2.Decimal
    fee_currency: str
    liquidity: _types_pb2.Liquidity
    order_status: _order_manager_service_pb2.OrderStatus
    reason: str
    original_order_id: str
    event_time: _timestamp_pb2.Timestamp
    received_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., exec_id: _Optional[str] = ..., exec_type: _Optional[_Union[ExecType, str]] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., venue: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., last_quantity: _Optional[float] = ..., last_price: _Optional[float] = ..., cumulative_quantity: _Optional[float] = ..., average_price: _Optional[float] = ..., leaves_quantity: _Optional[float] = ..., fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fee_currency: _Optional[str] = ..., liquidity: _Optional[_Union[_types_pb2.Liquidity, str]] = ..., order_status: _Optional[_Union[_order_manager_service_pb2.OrderStatus, str]] = ..., reason: _Optional[str] = ..., original_order_id: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., received_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderSubmitted(_message.Message):
    __slots__ = ("account_id", "order", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderAccepted(_message.Message):
    __slots__ = ("account_id", "order", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderPartiallyFilled(_message.Message):
    __slots__ = ("account_id", "order", "fill", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    FILL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    fill: _order_manager_service_pb2.Fill
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., fill: _Optional[_Union[_order_manager_service_pb2.Fill, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderFilled(_message.Message):
    __slots__ = ("account_id", "order", "fill", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    FILL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    fill: _order_manager_service_pb2.Fill
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., fill: _Optional[_Union[_order_manager_service_pb2.Fill, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderCancelled(_message.Message):
    __slots__ = ("account_id", "order", "reason", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderReplaced(_message.Message):
    __slots__ = ("account_id", "original", "replacement", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    original: _order_manager_service_pb2.Order
    replacement: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., original: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., replacement: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderRejected(_message.Message):
    __slots__ = ("account_id", "order", "rejected_by", "reason", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    REJECTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    rejected_by: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., rejected_by: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderExpired(_message.Message):
    __slots__ = ("account_id", "order", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    order: _order_manager_service_pb2.Order
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., order: _Optional[_Union[_order_manager_service_pb2.Order, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FillBooked(_message.Message):
    __slots__ = ("account_id", "fill", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FILL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    fill: _order_manager_service_pb2.Fill
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., fill: _Optional[_Union[_order_manager_service_pb2.Fill, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ParentOrderProgress(_message.Message):
    __slots__ = ("account_id", "parent_order", "progress", "scheduled_progress", "event_time", "note")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_PROGRESS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    parent_order: _order_manager_service_pb2.ParentOrder
    progress: float
    scheduled_progress: float
    event_time: _timestamp_pb2.Timestamp
    note: str
    def __init__(self, account_id: _Optional[str] = ..., parent_order: _Optional[_Union[_order_manager_service_pb2.ParentOrder, _Mapping]] = ..., progress: _Optional[float] = ..., scheduled_progress: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class ExecutionQuality(_message.Message):
    __slots__ = ("account_id", "report", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    report: _order_manager_service_pb2.ExecutionQualityReport
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., report: _Optional[_Union[_order_manager_service_pb2.ExecutionQualityReport, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
