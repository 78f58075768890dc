import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as _portfolio_manager_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PositionUpdated(_message.Message):
    __slots__ = ("account_id", "position", "fill_id", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    FILL_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    position: _portfolio_manager_service_pb2.Position
    fill_id: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., position: _Optional[_Union[_portfolio_manager_service_pb2.Position, _Mapping]] = ..., fill_id: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PnlUpdated(_message.Message):
    __slots__ = ("account_id", "pnl", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    pnl: _portfolio_manager_service_pb2.PnlSummary
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., pnl: _Optional[_Union[_portfolio_manager_service_pb2.PnlSummary, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CashUpdated(_message.Message):
    __slots__ = ("account_id", "balance", "reason", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    balance: _portfolio_manager_service_pb2.CashBalance
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., balance: _Optional[_Union[_portfolio_manager_service_pb2.CashBalance, _Mapping]] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class NavSnapshot(_message.Message):
    __slots__ = ("account_id", "nav", "cash", "gross_exposure", "net_exposure", "base_currency", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    GROSS_EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    NET_EXPOSURE_FIELD_NUMBER: _ClassVar[int]
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    nav: _types_pb2.Decimal
    cash: _types_pb2.Decimal
    gross_exposure: _types_pb2.Decimal
    net_exposure: _types_pb2.Decimal
    base_currency: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., cash: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., gross_exposure: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., net_exposure: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., base_currency: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RebalanceTargets(_message.Message):
    __slots__ = ("account_id", "strategy_id", "rebalance_id", "targets", "trades", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    REBALANCE_ID_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    rebalance_id: str
    targets: _containers.RepeatedCompositeFieldContainer[_portfolio_manager_service_pb2.TargetWeight]
    trades: _containers.RepeatedCompositeFieldContainer[_portfolio_manager_service_pb2.RebalanceTrade]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., rebalance_id: _Optional[str] = ..., targets: _Optional[_Iterable[_Union[_portfolio_manager_service_pb2.TargetWeight, _Mapping]]] = ..., trades: _Optional[_Iterable[_Union[_portfolio_manager_service_pb2.RebalanceTrade, _Mapping]]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CorporateActionApplied(_message.Message):
    __slots__ = ("account_id", "action", "position", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    action: _portfolio_manager_service_pb2.CorporateAction
    position: _portfolio_manager_service_pb2.Position
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., action: _Optional[_Union[_portfolio_manager_service_pb2.CorporateAction, _Mapping]] = ..., position: _Optional[_Union[_portfolio_manager_service_pb2.Position, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaxLotClosed(_message.Message):
    __slots__ = ("account_id", "lot", "closed_quantity", "realized_pnl", "fill_id", "event_time")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LOT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    FILL_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    lot: _portfolio_manager_service_pb2.TaxLot
    closed_quantity: float
    realized_pnl: _types_pb2.Decimal
    fill_id: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., lot: _Optional[_Union[_portfolio_manager_service_pb2.TaxLot, _Mapping]] = ..., closed_quantity: _Optional[float] = ..., realized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fill_id: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
