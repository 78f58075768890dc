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

class KillSwitchState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KILL_SWITCH_STATE_UNSPECIFIED: _ClassVar[KillSwitchState]
    KILL_SWITCH_STATE_ACTIVE: _ClassVar[KillSwitchState]
    KILL_SWITCH_STATE_REDUCING: _ClassVar[KillSwitchState]
    KILL_SWITCH_STATE_HALTED: _ClassVar[KillSwitchState]

class VarMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VAR_METHOD_UNSPECIFIED: _ClassVar[VarMethod]
    VAR_METHOD_HISTORICAL: _ClassVar[VarMethod]
    VAR_METHOD_PARAMETRIC: _ClassVar[VarMethod]
    VAR_METHOD_MONTE_CARLO: _ClassVar[VarMethod]

class LimitType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LIMIT_TYPE_UNSPECIFIED: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_ORDER_QUANTITY: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_ORDER_NOTIONAL: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_POSITION_QUANTITY: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_POSITION_NOTIONAL: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_GROSS_EXPOSURE: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_NET_EXPOSURE: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_LEVERAGE: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_CONCENTRATION: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_DAILY_LOSS: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_DRAWDOWN: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_VAR: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_ORDERS_PER_SECOND: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_OPEN_ORDERS: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_PRICE_DEVIATION: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_SECTOR_EXPOSURE: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_DAILY_DRAWDOWN: _ClassVar[LimitType]
    LIMIT_TYPE_MAX_MONTHLY_DRAWDOWN: _ClassVar[LimitType]

class BreachAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BREACH_ACTION_UNSPECIFIED: _ClassVar[BreachAction]
    BREACH_ACTION_REJECT: _ClassVar[BreachAction]
    BREACH_ACTION_WARN: _ClassVar[BreachAction]
    BREACH_ACTION_REDUCE: _ClassVar[BreachAction]
    BREACH_ACTION_HALT: _ClassVar[BreachAction]

class StressScenario(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STRESS_SCENARIO_UNSPECIFIED: _ClassVar[StressScenario]
    STRESS_SCENARIO_GFC_2008: _ClassVar[StressScenario]
    STRESS_SCENARIO_COVID_MARCH_2020: _ClassVar[StressScenario]
    STRESS_SCENARIO_RATE_SHOCK_2022: _ClassVar[StressScenario]
    STRESS_SCENARIO_HYPOTHETICAL: _ClassVar[StressScenario]

class RestrictionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESTRICTION_KIND_UNSPECIFIED: _ClassVar[RestrictionKind]
    RESTRICTION_KIND_NO_TRADE: _ClassVar[RestrictionKind]
    RESTRICTION_KIND_NO_BUY: _ClassVar[RestrictionKind]
    RESTRICTION_KIND_NO_SHORT: _ClassVar[RestrictionKind]
KILL_SWITCH_STATE_UNSPECIFIED: KillSwitchState
KILL_SWITCH_STATE_ACTIVE: KillSwitchState
KILL_SWITCH_STATE_REDUCING: KillSwitchState
KILL_SWITCH_STATE_HALTED: KillSwitchState
VAR_METHOD_UNSPECIFIED: VarMethod
VAR_METHOD_HISTORICAL: VarMethod
VAR_METHOD_PARAMETRIC: VarMethod
VAR_METHOD_MONTE_CARLO: VarMethod
LIMIT_TYPE_UNSPECIFIED: LimitType
LIMIT_TYPE_MAX_ORDER_QUANTITY: LimitType
LIMIT_TYPE_MAX_ORDER_NOTIONAL: LimitType
LIMIT_TYPE_MAX_POSITION_QUANTITY: LimitType
LIMIT_TYPE_MAX_POSITION_NOTIONAL: LimitType
LIMIT_TYPE_MAX_GROSS_EXPOSURE: LimitType
LIMIT_TYPE_MAX_NET_EXPOSURE: LimitType
LIMIT_TYPE_MAX_LEVERAGE: LimitType
LIMIT_TYPE_MAX_CONCENTRATION: LimitType
LIMIT_TYPE_MAX_DAILY_LOSS: LimitType
LIMIT_TYPE_MAX_DRAWDOWN: LimitType
LIMIT_TYPE_MAX_VAR: LimitType
LIMIT_TYPE_MAX_ORDERS_PER_SECOND: LimitType
LIMIT_TYPE_MAX_OPEN_ORDERS: LimitType
LIMIT_TYPE_MAX_PRICE_DEVIATION: LimitType
LIMIT_TYPE_MAX_SECTOR_EXPOSURE: LimitType
LIMIT_TYPE_MAX_DAILY_DRAWDOWN: LimitType
LIMIT_TYPE_MAX_MONTHLY_DRAWDOWN: LimitType
BREACH_ACTION_UNSPECIFIED: BreachAction
BREACH_ACTION_REJECT: BreachAction
BREACH_ACTION_WARN: BreachAction
BREACH_ACTION_REDUCE: BreachAction
BREACH_ACTION_HALT: BreachAction
STRESS_SCENARIO_UNSPECIFIED: StressScenario
STRESS_SCENARIO_GFC_2008: StressScenario
STRESS_SCENARIO_COVID_MARCH_2020: StressScenario
STRESS_SCENARIO_RATE_SHOCK_2022: StressScenario
STRESS_SCENARIO_HYPOTHETICAL: StressScenario
RESTRICTION_KIND_UNSPECIFIED: RestrictionKind
RESTRICTION_KIND_NO_TRADE: RestrictionKind
RESTRICTION_KIND_NO_BUY: RestrictionKind
RESTRICTION_KIND_NO_SHORT: RestrictionKind

class Limit(_message.Message):
    __slots__ = ("type", "threshold", "warn_at", "action", "instrument_id", "enabled", "sector")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    WARN_AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    type: LimitType
    threshold: _types_pb2.Decimal
    warn_at: float
    action: BreachAction
    instrument_id: _types_pb2.InstrumentId
    enabled: bool
    sector: str
    def __init__(self, type: _Optional[_Union[LimitType, str]] = ..., threshold: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., warn_at: _Optional[float] = ..., action: _Optional[_Union[BreachAction, str]] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., enabled: _Optional[bool] = ..., sector: _Optional[str] = ...) -> None: ...

class LimitSet(_message.Message):
    __slots__ = ("account_id", "strategy_id", "limits", "version", "updated_by", "updated_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    limits: _containers.RepeatedCompositeFieldContainer[Limit]
    version: int
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[Limit, _Mapping]]] = ..., version: _Optional[int] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class LimitUsage(_message.Message):
    __slots__ = ("limit", "strategy_id", "current", "utilization", "breached")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    UTILIZATION_FIELD_NUMBER: _ClassVar[int]
    BREACHED_FIELD_NUMBER: _ClassVar[int]
    limit: Limit
    strategy_id: str
    current: _types_pb2.Decimal
    utilization: float
    breached: bool
    def __init__(self, limit: _Optional[_Union[Limit, _Mapping]] = ..., strategy_id: _Optional[str] = ..., current: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., utilization: _Optional[float] = ..., breached: _Optional[bool] = ...) -> None: ...

class CheckFailure(_message.Message):
    __slots__ = ("rule", "message", "limit_type", "observed", "threshold")
    RULE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_TYPE_FIELD_NUMBER: _ClassVar[int]
    OBSERVED_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    rule: str
    message: str
    limit_type: LimitType
    observed: _types_pb2.Decimal
    threshold: _types_pb2.Decimal
    def __init__(self, rule: _Optional[str] = ..., message: _Optional[str] = ..., limit_type: _Optional[_Union[LimitType, str]] = ..., observed: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., threshold: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class CheckOrderRequest(_message.Message):
    __slots__ = ("order_id", "client_order_id", "account_id", "strategy_id", "instrument_id", "side", "order_type", "time_in_force", "quantity", "limit_price", "stop_price", "reference_price", "multiplier", "currency")
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
    REFERENCE_PRICE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
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
    reference_price: float
    multiplier: float
    currency: str
    def __init__(self, order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., order_type: _Optional[_Union[_types_pb2.OrderType, str]] = ..., time_in_force: _Optional[_Union[_types_pb2.TimeInForce, str]] = ..., quantity: _Optional[float] = ..., limit_price: _Optional[float] = ..., stop_price: _Optional[float] = ..., reference_price: _Optional[float] = ..., multiplier: _Optional[float] = ..., currency: _Optional[str] = ...) -> None: ...

class CheckOrderResponse(_message.Message):
    __slots__ = ("approved", "reasons", "kill_switch_state", "warnings", "check_id", "checked_at")
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    KILL_SWITCH_STATE_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    CHECK_ID_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    approved: bool
    reasons: _containers.RepeatedCompositeFieldContainer[CheckFailure]
    kill_switch_state: KillSwitchState
    warnings: _containers.RepeatedCompositeFieldContainer[CheckFailure]
    check_id: str
    checked_at: _timestamp_pb2.Timestamp
    def __init__(self, approved: _Optional[bool] = ..., reasons: _Optional[_Iterable[_Union[CheckFailure, _Mapping]]] = ..., kill_switch_state: _Optional[_Union[KillSwitchState, str]] = ..., warnings: _Optional[_Iterable[_Union[CheckFailure, _Mapping]]] = ..., check_id: _Optional[str] = ..., checked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetLimitsRequest(_message.Message):
    __slots__ = ("limit_set", "expected_version", "actor")
    LIMIT_SET_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    limit_set: LimitSet
    expected_version: int
    actor: str
    def __init__(self, limit_set: _Optional[_Union[LimitSet, _Mapping]] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ...) -> None: ...

class SetLimitsResponse(_message.Message):
    __slots__ = ("limit_set",)
    LIMIT_SET_FIELD_NUMBER: _ClassVar[int]
    limit_set: LimitSet
    def __init__(self, limit_set: _Optional[_Union[LimitSet, _Mapping]] = ...) -> None: ...

class GetLimitsRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ...) -> None: ...

class GetLimitsResponse(_message.Message):
    __slots__ = ("limit_set",)
    LIMIT_SET_FIELD_NUMBER: _ClassVar[int]
    limit_set: LimitSet
    def __init__(self, limit_set: _Optional[_Union[LimitSet, _Mapping]] = ...) -> None: ...

class ListLimitHistoryRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "limit")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    limit: int
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListLimitHistoryResponse(_message.Message):
    __slots__ = ("limit_sets",)
    LIMIT_SETS_FIELD_NUMBER: _ClassVar[int]
    limit_sets: _containers.RepeatedCompositeFieldContainer[LimitSet]
    def __init__(self, limit_sets: _Optional[_Iterable[_Union[LimitSet, _Mapping]]] = ...) -> None: ...

class GetLimitUsageRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ...) -> None: ...

class GetLimitUsageResponse(_message.Message):
    __slots__ = ("usages",)
    USAGES_FIELD_NUMBER: _ClassVar[int]
    usages: _containers.RepeatedCompositeFieldContainer[LimitUsage]
    def __init__(self, usages: _Optional[_Iterable[_Union[LimitUsage, _Mapping]]] = ...) -> None: ...

class VarContribution(_message.Message):
    __slots__ = ("instrument_id", "position_value", "component_var", "marginal_var", "contribution_ratio")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_VALUE_FIELD_NUMBER: _ClassVar[int]
    COMPONENT_VAR_FIELD_NUMBER: _ClassVar[int]
    MARGINAL_VAR_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_RATIO_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    position_value: _types_pb2.Decimal
    component_var: _types_pb2.Decimal
    marginal_var: float
    contribution_ratio: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., position_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., component_var: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., marginal_var: _Optional[float] = ..., contribution_ratio: _Optional[float] = ...) -> None: ...

class VarResult(_message.Message):
    __slots__ = ("account_id", "method", "confidence", "horizon_days", "var", "expected_shortfall", "portfolio_value", "contributions", "sample_size", "as_of")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_DAYS_FIELD_NUMBER: _ClassVar[int]
    VAR_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    method: VarMethod
    confidence: float
    horizon_days: int
    var: _types_pb2.Decimal
    expected_shortfall: _types_pb2.Decimal
    portfolio_value: _types_pb2.Decimal
    contributions: _containers.RepeatedCompositeFieldContainer[VarContribution]
    sample_size: int
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., method: _Optional[_Union[VarMethod, str]] = ..., confidence: _Optional[float] = ..., horizon_days: _Optional[int] = ..., var: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., expected_shortfall: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., portfolio_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., contributions: _Optional[_Iterable[_Union[VarContribution, _Mapping]]] = ..., sample_size: _Optional[int] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetVarRequest(_message.Message):
    __slots__ = ("account_id", "method", "confidence", "horizon_days", "lookback_days", "simulations", "include_contributions")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_DAYS_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_DAYS_FIELD_NUMBER: _ClassVar[int]
    SIMULATIONS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    method: VarMethod
    confidence: float
    horizon_days: int
    lookback_days: int
    simulations: int
    include_contributions: bool
    def __init__(self, account_id: _Optional[str] = ..., method: _Optional[_Union[VarMethod, str]] = ..., confidence: _Optional[float] = ..., horizon_days: _Optional[int] = ..., lookback_days: _Optional[int] = ..., simulations: _Optional[int] = ..., include_contributions: _Optional[bool] = ...) -> None: ...

class GetVarResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: VarResult
    def __init__(self, result: _Optional[_Union[VarResult, _Mapping]] = ...) -> None: ...

class Shock(_message.Message):
    __slots__ = ("instrument_id", "asset_class", "factor", "move")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    FACTOR_FIELD_NUMBER: _ClassVar[int]
    MOVE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    asset_class: _types_pb2.AssetClass
    factor: str
    move: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ..., factor: _Optional[str] = ..., move: _Optional[float] = ...) -> None: ...

class ScenarioResult(_message.Message):
    __slots__ = ("scenario", "name", "pnl", "pnl_ratio", "impacts", "breached_limits")
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    PNL_RATIO_FIELD_NUMBER: _ClassVar[int]
    IMPACTS_FIELD_NUMBER: _ClassVar[int]
    BREACHED_LIMITS_FIELD_NUMBER: _ClassVar[int]
    scenario: StressScenario
    name: str
    pnl: _types_pb2.Decimal
    pnl_ratio: float
    impacts: _containers.RepeatedCompositeFieldContainer[PositionImpact]
    breached_limits: _containers.RepeatedScalarFieldContainer[LimitType]
    def __init__(self, scenario: _Optional[_Union[StressScenario, str]] = ..., name: _Optional[str] = ..., pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., pnl_ratio: _Optional[float] = ..., impacts: _Optional[_Iterable[_Union[PositionImpact, _Mapping]]] = ..., breached_limits: _Optional[_Iterable[_Union[LimitType, str]]] = ...) -> None: ...

class PositionImpact(_message.Message):
    __slots__ = ("instrument_id", "pnl", "applied_move")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    APPLIED_MOVE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    pnl: _types_pb2.Decimal
    applied_move: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., applied_move: _Optional[float] = ...) -> None: ...

class RunStressTestRequest(_message.Message):
    __slots__ = ("account_id", "scenarios", "shocks", "hypothetical_name")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SCENARIOS_FIELD_NUMBER: _ClassVar[int]
    SHOCKS_FIELD_NUMBER: _ClassVar[int]
    HYPOTHETICAL_NAME_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    scenarios: _containers.RepeatedScalarFieldContainer[StressScenario]
    shocks: _containers.RepeatedCompositeFieldContainer[Shock]
    hypothetical_name: str
    def __init__(self, account_id: _Optional[str] = ..., scenarios: _Optional[_Iterable[_Union[StressScenario, str]]] = ..., shocks: _Optional[_Iterable[_Union[Shock, _Mapping]]] = ..., hypothetical_name: _Optional[str] = ...) -> None: ...

class RunStressTestResponse(_message.Message):
    __slots__ = ("results", "portfolio_value", "as_of")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_VALUE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[ScenarioResult]
    portfolio_value: _types_pb2.Decimal
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, results: _Optional[_Iterable[_Union[ScenarioResult, _Mapping]]] = ..., portfolio_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KillSwitch(_message.Message):
    __slots__ = ("account_id", "state", "actor", "reason", "changed_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    state: KillSwitchState
    actor: str
    reason: str
    changed_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., state: _Optional[_Union[KillSwitchState, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetKillSwitchRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetKillSwitchResponse(_message.Message):
    __slots__ = ("kill_switch", "effective_state")
    KILL_SWITCH_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_STATE_FIELD_NUMBER: _ClassVar[int]
    kill_switch: KillSwitch
    effective_state: KillSwitchState
    def __init__(self, kill_switch: _Optional[_Union[KillSwitch, _Mapping]] = ..., effective_state: _Optional[_Union[KillSwitchState, str]] = ...) -> None: ...

class SetKillSwitchRequest(_message.Message):
    __slots__ = ("account_id", "state", "actor", "reason", "cancel_open_orders")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CANCEL_OPEN_ORDERS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    state: KillSwitchState
    actor: str
    reason: str
    cancel_open_orders: bool
    def __init__(self, account_id: _Optional[str] = ..., state: _Optional[_Union[KillSwitchState, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., cancel_open_orders: _Optional[bool] = ...) -> None: ...

class SetKillSwitchResponse(_message.Message):
    __slots__ = ("kill_switch",)
    KILL_SWITCH_FIELD_NUMBER: _ClassVar[int]
    kill_switch: KillSwitch
    def __init__(self, kill_switch: _Optional[_Union[KillSwitch, _Mapping]] = ...) -> None: ...

class DrawdownRule(_message.Message):
    __slots__ = ("threshold", "action")
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    threshold: float
    action: BreachAction
    def __init__(self, threshold: _Optional[float] = ..., action: _Optional[_Union[BreachAction, str]] = ...) -> None: ...

class GetDrawdownRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ...) -> None: ...

class GetDrawdownResponse(_message.Message):
    __slots__ = ("account_id", "strategy_id", "equity", "peak_equity", "current_drawdown", "max_drawdown", "daily_pnl", "peak_at", "rules", "drawdown_series")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    EQUITY_FIELD_NUMBER: _ClassVar[int]
    PEAK_EQUITY_FIELD_NUMBER: _ClassVar[int]
    CURRENT_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    MAX_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    DAILY_PNL_FIELD_NUMBER: _ClassVar[int]
    PEAK_AT_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    DRAWDOWN_SERIES_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    equity: _types_pb2.Decimal
    peak_equity: _types_pb2.Decimal
    current_drawdown: float
    max_drawdown: float
    daily_pnl: _types_pb2.Decimal
    peak_at: _timestamp_pb2.Timestamp
    rules: _containers.RepeatedCompositeFieldContainer[DrawdownRule]
    drawdown_series: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., peak_equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., current_drawdown: _Optional[float] = ..., max_drawdown: _Optional[float] = ..., daily_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., peak_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rules: _Optional[_Iterable[_Union[DrawdownRule, _Mapping]]] = ..., drawdown_series: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ...) -> None: ...

class KillSwitchChange(_message.Message):
    __slots__ = ("account_id", "previous_state", "state", "actor", "reason", "changed_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    previous_state: KillSwitchState
    state: KillSwitchState
    actor: str
    reason: str
    changed_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., previous_state: _Optional[_Union[KillSwitchState, str]] = ..., state: _Optional[_Union[KillSwitchState, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListKillSwitchHistoryRequest(_message.Message):
    __slots__ = ("account_id", "limit")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    limit: int
    def __init__(self, account_id: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListKillSwitchHistoryResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[KillSwitchChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[KillSwitchChange, _Mapping]]] = ...) -> None: ...

class RiskAccount(_message.Message):
    __slots__ = ("account_id", "starting_equity", "currency", "initial_margin_rate", "equity", "buying_power", "updated_by", "updated_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STARTING_EQUITY_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    INITIAL_MARGIN_RATE_FIELD_NUMBER: _ClassVar[int]
    EQUITY_FIELD_NUMBER: _ClassVar[int]
    BUYING_POWER_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    starting_equity: _types_pb2.Decimal
    currency: str
    initial_margin_rate: float
    equity: _types_pb2.Decimal
    buying_power: _types_pb2.Decimal
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., starting_equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., currency: _Optional[str] = ..., initial_margin_rate: _Optional[float] = ..., equity: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., buying_power: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetAccountRequest(_message.Message):
    __slots__ = ("account", "actor")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    account: RiskAccount
    actor: str
    def __init__(self, account: _Optional[_Union[RiskAccount, _Mapping]] = ..., actor: _Optional[str] = ...) -> None: ...

class SetAccountResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: RiskAccount
    def __init__(self, account: _Optional[_Union[RiskAccount, _Mapping]] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetAccountResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: RiskAccount
    def __init__(self, account: _Optional[_Union[RiskAccount, _Mapping]] = ...) -> None: ...

class InstrumentRiskData(_message.Message):
    __slots__ = ("instrument_id", "asset_class", "sector", "multiplier", "currency", "margin_rate")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    MARGIN_RATE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    asset_class: _types_pb2.AssetClass
    sector: str
    multiplier: float
    currency: str
    margin_rate: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., asset_class: _Optional[_Union[_types_pb2.AssetClass, str]] = ..., sector: _Optional[str] = ..., multiplier: _Optional[float] = ..., currency: _Optional[str] = ..., margin_rate: _Optional[float] = ...) -> None: ...

class UpsertInstrumentsRequest(_message.Message):
    __slots__ = ("instruments",)
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[InstrumentRiskData]
    def __init__(self, instruments: _Optional[_Iterable[_Union[InstrumentRiskData, _Mapping]]] = ...) -> None: ...

class UpsertInstrumentsResponse(_message.Message):
    __slots__ = ("upserted",)
    UPSERTED_FIELD_NUMBER: _ClassVar[int]
    upserted: int
    def __init__(self, upserted: _Optional[int] = ...) -> None: ...

class Restriction(_message.Message):
    __slots__ = ("account_id", "instrument_id", "kind", "reason", "added_by", "added_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    kind: RestrictionKind
    reason: str
    added_by: str
    added_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., kind: _Optional[_Union[RestrictionKind, str]] = ..., reason: _Optional[str] = ..., added_by: _Optional[str] = ..., added_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetRestrictionRequest(_message.Message):
    __slots__ = ("restriction", "remove", "actor")
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    remove: bool
    actor: str
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ..., remove: _Optional[bool] = ..., actor: _Optional[str] = ...) -> None: ...

class SetRestrictionResponse(_message.Message):
    __slots__ = ("restrictions",)
    RESTRICTIONS_FIELD_NUMBER: _ClassVar[int]
    restrictions: _containers.RepeatedCompositeFieldContainer[Restriction]
    def __init__(self, restrictions: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ...) -> None: ...

class ListRestrictionsRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ListRestrictionsResponse(_message.Message):
    __slots__ = ("restrictions",)
    RESTRICTIONS_FIELD_NUMBER: _ClassVar[int]
    restrictions: _containers.RepeatedCompositeFieldContainer[Restriction]
    def __init__(self, restrictions: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ...) -> None: ...
