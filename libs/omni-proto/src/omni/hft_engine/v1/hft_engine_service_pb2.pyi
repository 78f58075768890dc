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

class HftStrategyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HFT_STRATEGY_KIND_UNSPECIFIED: _ClassVar[HftStrategyKind]
    HFT_STRATEGY_KIND_ORDER_BOOK_IMBALANCE: _ClassVar[HftStrategyKind]
    HFT_STRATEGY_KIND_MICROPRICE_REVERSION: _ClassVar[HftStrategyKind]
    HFT_STRATEGY_KIND_TRADE_FLOW: _ClassVar[HftStrategyKind]

class HftStrategyStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HFT_STRATEGY_STATUS_UNSPECIFIED: _ClassVar[HftStrategyStatus]
    HFT_STRATEGY_STATUS_RUNNING: _ClassVar[HftStrategyStatus]
    HFT_STRATEGY_STATUS_STOPPED: _ClassVar[HftStrategyStatus]
    HFT_STRATEGY_STATUS_TRIPPED: _ClassVar[HftStrategyStatus]
HFT_STRATEGY_KIND_UNSPECIFIED: HftStrategyKind
HFT_STRATEGY_KIND_ORDER_BOOK_IMBALANCE: HftStrategyKind
HFT_STRATEGY_KIND_MICROPRICE_REVERSION: HftStrategyKind
HFT_STRATEGY_KIND_TRADE_FLOW: HftStrategyKind
HFT_STRATEGY_STATUS_UNSPECIFIED: HftStrategyStatus
HFT_STRATEGY_STATUS_RUNNING: HftStrategyStatus
HFT_STRATEGY_STATUS_STOPPED: HftStrategyStatus
HFT_STRATEGY_STATUS_TRIPPED: HftStrategyStatus

class HftStrategyConfig(_message.Message):
    __slots__ = ("kind", "account_id", "instrument_id", "entry_threshold", "exit_threshold", "order_quantity", "max_position", "max_loss", "max_orders_per_second", "max_tick_age_ms", "depth_levels")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    EXIT_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    ORDER_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MAX_POSITION_FIELD_NUMBER: _ClassVar[int]
    MAX_LOSS_FIELD_NUMBER: _ClassVar[int]
    MAX_ORDERS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    MAX_TICK_AGE_MS_FIELD_NUMBER: _ClassVar[int]
    DEPTH_LEVELS_FIELD_NUMBER: _ClassVar[int]
    kind: HftStrategyKind
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    entry_threshold: float
    exit_threshold: float
    order_quantity: float
    max_position: float
    max_loss: _types_pb2.Decimal
    max_orders_per_second: int
    max_tick_age_ms: int
    depth_levels: int
    def __init__(self, kind: _Optional[_Union[HftStrategyKind, str]] = ..., account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., entry_threshold: _Optional[float] = ..., exit_threshold: _Optional[float] = ..., order_quantity: _Optional[float] = ..., max_position: _Optional[float] = ..., max_loss: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., max_orders_per_second: _Optional[int] = ..., max_tick_age_ms: _Optional[int] = ..., depth_levels: _Optional[int] = ...) -> None: ...

class HftStrategy(_message.Message):
    __slots__ = ("strategy_id", "config", "status", "position", "pnl", "orders_sent", "fills", "reason", "started_at")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    ORDERS_SENT_FIELD_NUMBER: _ClassVar[int]
    FILLS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    config: HftStrategyConfig
    status: HftStrategyStatus
    position: float
    pnl: _types_pb2.Decimal
    orders_sent: int
    fills: int
    reason: str
    started_at: _timestamp_pb2.Timestamp
    def __init__(self, strategy_id: _Optional[str] = ..., config: _Optional[_Union[HftStrategyConfig, _Mapping]] = ..., status: _Optional[_Union[HftStrategyStatus, str]] = ..., position: _Optional[float] = ..., pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., orders_sent: _Optional[int] = ..., fills: _Optional[int] = ..., reason: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Microstructure(_message.Message):
    __slots__ = ("instrument_id", "mid_price", "microprice", "spread_bps", "book_imbalance", "trade_flow_imbalance", "order_flow_imbalance", "realized_volatility", "kyle_lambda", "trade_rate_per_second", "as_of")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MID_PRICE_FIELD_NUMBER: _ClassVar[int]
    MICROPRICE_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    BOOK_IMBALANCE_FIELD_NUMBER: _ClassVar[int]
    TRADE_FLOW_IMBALANCE_FIELD_NUMBER: _ClassVar[int]
    ORDER_FLOW_IMBALANCE_FIELD_NUMBER: _ClassVar[int]
    REALIZED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    KYLE_LAMBDA_FIELD_NUMBER: _ClassVar[int]
    TRADE_RATE_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    mid_price: float
    microprice: float
    spread_bps: float
    book_imbalance: float
    trade_flow_imbalance: float
    order_flow_imbalance: float
    realized_volatility: float
    kyle_lambda: float
    trade_rate_per_second: float
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., mid_price: _Optional[float] = ..., microprice: _Optional[float] = ..., spread_bps: _Optional[float] = ..., book_imbalance: _Optional[float] = ..., trade_flow_imbalance: _Optional[float] = ..., order_flow_imbalance: _Optional[float] = ..., realized_volatility: _Optional[float] = ..., kyle_lambda: _Optional[float] = ..., trade_rate_per_second: _Optional[float] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StartStrategyRequest(_message.Message):
    __slots__ = ("config",)
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: HftStrategyConfig
    def __init__(self, config: _Optional[_Union[HftStrategyConfig, _Mapping]] = ...) -> None: ...

class StartStrategyResponse(_message.Message):
    __slots__ = ("strategy",)
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    strategy: HftStrategy
    def __init__(self, strategy: _Optional[_Union[HftStrategy, _Mapping]] = ...) -> None: ...

class StopStrategyRequest(_message.Message):
    __slots__ = ("strategy_id", "flatten", "reason")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    flatten: bool
    reason: str
    def __init__(self, strategy_id: _Optional[str] = ..., flatten: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class StopStrategyResponse(_message.Message):
    __slots__ = ("strategy",)
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    strategy: HftStrategy
    def __init__(self, strategy: _Optional[_Union[HftStrategy, _Mapping]] = ...) -> None: ...

class ListStrategiesRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ListStrategiesResponse(_message.Message):
    __slots__ = ("strategies",)
    STRATEGIES_FIELD_NUMBER: _ClassVar[int]
    strategies: _containers.RepeatedCompositeFieldContainer[HftStrategy]
    def __init__(self, strategies: _Optional[_Iterable[_Union[HftStrategy, _Mapping]]] = ...) -> None: ...

class GetMicrostructureRequest(_message.Message):
    __slots__ = ("instrument_id",)
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetMicrostructureResponse(_message.Message):
    __slots__ = ("microstructure",)
    MICROSTRUCTURE_FIELD_NUMBER: _ClassVar[int]
    microstructure: Microstructure
    def __init__(self, microstructure: _Optional[_Union[Microstructure, _Mapping]] = ...) -> None: ...

class GetLatencyStatsRequest(_message.Message):
    __slots__ = ("strategy_id",)
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    def __init__(self, strategy_id: _Optional[str] = ...) -> None: ...

class GetLatencyStatsResponse(_message.Message):
    __slots__ = ("samples", "p50_us", "p90_us", "p99_us", "p999_us", "max_us")
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    P50_US_FIELD_NUMBER: _ClassVar[int]
    P90_US_FIELD_NUMBER: _ClassVar[int]
    P99_US_FIELD_NUMBER: _ClassVar[int]
    P999_US_FIELD_NUMBER: _ClassVar[int]
    MAX_US_FIELD_NUMBER: _ClassVar[int]
    samples: int
    p50_us: float
    p90_us: float
    p99_us: float
    p999_us: float
    max_us: float
    def __init__(self, samples: _Optional[int] = ..., p50_us: _Optional[float] = ..., p90_us: _Optional[float] = ..., p99_us: _Optional[float] = ..., p999_us: _Optional[float] = ..., max_us: _Optional[float] = ...) -> None: ...
