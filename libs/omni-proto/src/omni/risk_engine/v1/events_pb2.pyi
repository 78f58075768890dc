import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.risk_engine.v1 import risk_engine_service_pb2 as _risk_engine_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrderCheckResult(_message.Message):
    __slots__ = ("account_id", "check_id", "order_id", "client_order_id", "strategy_id", "instrument_id", "approved", "reasons", "kill_switch_state", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    CHECK_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    KILL_SWITCH_STATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    check_id: str
    order_id: str
    client_order_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    approved: bool
    reasons: _containers.RepeatedCompositeFieldContainer[_risk_engine_service_pb2.CheckFailure]
    kill_switch_state: _risk_engine_service_pb2.KillSwitchState
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., check_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., approved: _Optional[bool] = ..., reasons: _Optional[_Iterable[_Union[_risk_engine_service_pb2.CheckFailure, _Mapping]]] = ..., kill_switch_state: _Optional[_Union[_risk_engine_service_pb2.KillSwitchState, str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class LimitBreached(_message.Message):
    __slots__ = ("account_id", "strategy_id", "usage", "action_taken", "warning", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    ACTION_TAKEN_FIELD_NUMBER: _ClassVar[int]
    WARNING_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    usage: _risk_engine_service_pb2.LimitUsage
    action_taken: _risk_engine_service_pb2.BreachAction
    warning: bool
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., usage: _Optional[_Union[_risk_engine_service_pb2.LimitUsage, _Mapping]] = ..., action_taken: _Optional[_Union[_risk_engine_service_pb2.BreachAction, str]] = ..., warning: _Optional[bool] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VarSnapshot(_message.Message):
    __slots__ = ("account_id", "result", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    result: _risk_engine_service_pb2.VarResult
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., result: _Optional[_Union[_risk_engine_service_pb2.VarResult, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KillSwitchChanged(_message.Message):
    __slots__ = ("account_id", "previous_state", "kill_switch", "event_time", "cancel_open_orders")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    KILL_SWITCH_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCEL_OPEN_ORDERS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    previous_state: _risk_engine_service_pb2.KillSwitchState
    kill_switch: _risk_engine_service_pb2.KillSwitch
    event_time: _timestamp_pb2.Timestamp
    cancel_open_orders: bool
    def __init__(self, account_id: _Optional[str] = ..., previous_state: _Optional[_Union[_risk_engine_service_pb2.KillSwitchState, str]] = ..., kill_switch: _Optional[_Union[_risk_engine_service_pb2.KillSwitch, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_open_orders: _Optional[bool] = ...) -> None: ...

class DrawdownUpdated(_message.Message):
    __slots__ = ("account_id", "strategy_id", "equity", "peak_equity", "current_drawdown", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    EQUITY_FIELD_NUMBER: _ClassVar[int]
    PEAK_EQUITY_FIELD_NUMBER: _ClassVar[int]
    CURRENT_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    equity: _types_pb2.Decimal
    peak_equity: _types_pb2.Decimal
    current_drawdown: float
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., peak_equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., current_drawdown: _Optional[float] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StressTestCompleted(_message.Message):
    __slots__ = ("account_id", "results", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    results: _containers.RepeatedCompositeFieldContainer[_risk_engine_service_pb2.ScenarioResult]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., results: _Optional[_Iterable[_Union[_risk_engine_service_pb2.ScenarioResult, _Mapping]]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
