import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.strategy_engine.v1 import strategy_engine_service_pb2 as _strategy_engine_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StrategySignal(_message.Message):
    __slots__ = ("instrument_id", "signal_id", "strategy_id", "account_id", "side", "target_quantity", "strength", "reason", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNAL_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TARGET_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    signal_id: str
    strategy_id: str
    account_id: str
    side: _types_pb2.Side
    target_quantity: float
    strength: float
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., signal_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., account_id: _Optional[str] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., target_quantity: _Optional[float] = ..., strength: _Optional[float] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StrategyStateChanged(_message.Message):
    __slots__ = ("account_id", "strategy_id", "previous_state", "state", "actor", "reason", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    previous_state: _strategy_engine_service_pb2.StrategyState
    state: _strategy_engine_service_pb2.StrategyState
    actor: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., previous_state: _Optional[_Union[_strategy_engine_service_pb2.StrategyState, str]] = ..., state: _Optional[_Union[_strategy_engine_service_pb2.StrategyState, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BacktestCompleted(_message.Message):
    __slots__ = ("account_id", "backtest_id", "status", "stats", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BACKTEST_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    backtest_id: str
    status: _strategy_engine_service_pb2.JobStatus
    stats: _strategy_engine_service_pb2.PerformanceStats
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., backtest_id: _Optional[str] = ..., status: _Optional[_Union[_strategy_engine_service_pb2.JobStatus, str]] = ..., stats: _Optional[_Union[_strategy_engine_service_pb2.PerformanceStats, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
