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

class StrategyState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STRATEGY_STATE_UNSPECIFIED: _ClassVar[StrategyState]
    STRATEGY_STATE_DEPLOYED: _ClassVar[StrategyState]
    STRATEGY_STATE_RUNNING: _ClassVar[StrategyState]
    STRATEGY_STATE_PAUSED: _ClassVar[StrategyState]
    STRATEGY_STATE_STOPPED: _ClassVar[StrategyState]
    STRATEGY_STATE_FAILED: _ClassVar[StrategyState]

class JobStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    JOB_STATUS_UNSPECIFIED: _ClassVar[JobStatus]
    JOB_STATUS_QUEUED: _ClassVar[JobStatus]
    JOB_STATUS_RUNNING: _ClassVar[JobStatus]
    JOB_STATUS_SUCCEEDED: _ClassVar[JobStatus]
    JOB_STATUS_FAILED: _ClassVar[JobStatus]
    JOB_STATUS_CANCELLED: _ClassVar[JobStatus]

class SearchMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEARCH_METHOD_UNSPECIFIED: _ClassVar[SearchMethod]
    SEARCH_METHOD_GRID: _ClassVar[SearchMethod]
    SEARCH_METHOD_RANDOM: _ClassVar[SearchMethod]
STRATEGY_STATE_UNSPECIFIED: StrategyState
STRATEGY_STATE_DEPLOYED: StrategyState
STRATEGY_STATE_RUNNING: StrategyState
STRATEGY_STATE_PAUSED: StrategyState
STRATEGY_STATE_STOPPED: StrategyState
STRATEGY_STATE_FAILED: StrategyState
JOB_STATUS_UNSPECIFIED: JobStatus
JOB_STATUS_QUEUED: JobStatus
JOB_STATUS_RUNNING: JobStatus
JOB_STATUS_SUCCEEDED: JobStatus
JOB_STATUS_FAILED: JobStatus
JOB_STATUS_CANCELLED: JobStatus
SEARCH_METHOD_UNSPECIFIED: SearchMethod
SEARCH_METHOD_GRID: SearchMethod
SEARCH_METHOD_RANDOM: SearchMethod

class ParameterSpec(_message.Message):
    __slots__ = ("name", "type", "default_value", "min", "max", "description")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    default_value: _types_pb2.Parameter
    min: float
    max: float
    description: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., default_value: _Optional[_Union[_types_pb2.Parameter, _Mapping]] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., description: _Optional[str] = ...) -> None: ...

class StrategyType(_message.Message):
    __slots__ = ("strategy_type", "description", "parameters", "inputs")
    STRATEGY_TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    strategy_type: str
    description: str
    parameters: _containers.RepeatedCompositeFieldContainer[ParameterSpec]
    inputs: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, strategy_type: _Optional[str] = ..., description: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[ParameterSpec, _Mapping]]] = ..., inputs: _Optional[_Iterable[str]] = ...) -> None: ...

class Deployment(_message.Message):
    __slots__ = ("strategy_id", "strategy_type", "account_id", "instruments", "parameters", "state", "capital", "reason", "created_at", "updated_at")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CAPITAL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    strategy_type: str
    account_id: str
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    state: StrategyState
    capital: _types_pb2.Decimal
    reason: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, strategy_id: _Optional[str] = ..., strategy_type: _Optional[str] = ..., account_id: _Optional[str] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., state: _Optional[_Union[StrategyState, str]] = ..., capital: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PerformanceStats(_message.Message):
    __slots__ = ("total_return", "annualized_return", "annualized_volatility", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown", "win_rate", "profit_factor", "trades", "turnover", "net_pnl", "fees")
    TOTAL_RETURN_FIELD_NUMBER: _ClassVar[int]
    ANNUALIZED_RETURN_FIELD_NUMBER: _ClassVar[int]
    ANNUALIZED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    SHARPE_RATIO_FIELD_NUMBER: _ClassVar[int]
    SORTINO_RATIO_FIELD_NUMBER: _ClassVar[int]
    CALMAR_RATIO_FIELD_NUMBER: _ClassVar[int]
    MAX_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    WIN_RATE_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FACTOR_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    TURNOVER_FIELD_NUMBER: _ClassVar[int]
    NET_PNL_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    total_return: float
    annualized_return: float
    annualized_volatility: float
    sharpe_ratio: float
    sortino_ratio: float
    calmar_ratio: float
    max_drawdown: float
    win_rate: float
    profit_factor: float
    trades: int
    turnover: float
    net_pnl: _types_pb2.Decimal
    fees: _types_pb2.Decimal
    def __init__(self, total_return: _Optional[float] = ..., annualized_return: _Optional[float] = ..., annualized_volatility: _Optional[float] = ..., sharpe_ratio: _Optional[float] = ..., sortino_ratio: _Optional[float] = ..., calmar_ratio: _Optional[float] = ..., max_drawdown: _Optional[float] = ..., win_rate: _Optional[float] = ..., profit_factor: _Optional[float] = ..., trades: _Optional[int] = ..., turnover: _Optional[float] = ..., net_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class BacktestConfig(_message.Message):
    __slots__ = ("strategy_type", "parameters", "instruments", "period", "initial_capital", "fee_bps", "slippage_bps", "timeframe", "seed", "data_source", "bars", "spread_bps")
    STRATEGY_TYPE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    INITIAL_CAPITAL_FIELD_NUMBER: _ClassVar[int]
    FEE_BPS_FIELD_NUMBER: _ClassVar[int]
    SLIPPAGE_BPS_FIELD_NUMBER: _ClassVar[int]
    TIMEFRAME_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    BARS_FIELD_NUMBER: _ClassVar[int]
    SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    strategy_type: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    period: _types_pb2.TimeRange
    initial_capital: _types_pb2.Decimal
    fee_bps: float
    slippage_bps: float
    timeframe: str
    seed: int
    data_source: str
    bars: int
    spread_bps: float
    def __init__(self, strategy_type: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., initial_capital: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fee_bps: _Optional[float] = ..., slippage_bps: _Optional[float] = ..., timeframe: _Optional[str] = ..., seed: _Optional[int] = ..., data_source: _Optional[str] = ..., bars: _Optional[int] = ..., spread_bps: _Optional[float] = ...) -> None: ...

class Backtest(_message.Message):
    __slots__ = ("backtest_id", "config", "status", "stats", "equity_curve", "error", "created_at", "completed_at")
    BACKTEST_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    EQUITY_CURVE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    backtest_id: str
    config: BacktestConfig
    status: JobStatus
    stats: PerformanceStats
    equity_curve: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    error: str
    created_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, backtest_id: _Optional[str] = ..., config: _Optional[_Union[BacktestConfig, _Mapping]] = ..., status: _Optional[_Union[JobStatus, str]] = ..., stats: _Optional[_Union[PerformanceStats, _Mapping]] = ..., equity_curve: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ..., error: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListStrategiesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListStrategiesResponse(_message.Message):
    __slots__ = ("strategies",)
    STRATEGIES_FIELD_NUMBER: _ClassVar[int]
    strategies: _containers.RepeatedCompositeFieldContainer[StrategyType]
    def __init__(self, strategies: _Optional[_Iterable[_Union[StrategyType, _Mapping]]] = ...) -> None: ...

class GetStrategyRequest(_message.Message):
    __slots__ = ("strategy_id",)
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    def __init__(self, strategy_id: _Optional[str] = ...) -> None: ...

class GetStrategyResponse(_message.Message):
    __slots__ = ("deployment", "stats")
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    stats: PerformanceStats
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ..., stats: _Optional[_Union[PerformanceStats, _Mapping]] = ...) -> None: ...

class DeployStrategyRequest(_message.Message):
    __slots__ = ("strategy_type", "account_id", "instruments", "parameters", "capital", "strategy_id")
    STRATEGY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    CAPITAL_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    strategy_type: str
    account_id: str
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    capital: _types_pb2.Decimal
    strategy_id: str
    def __init__(self, strategy_type: _Optional[str] = ..., account_id: _Optional[str] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., capital: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., strategy_id: _Optional[str] = ...) -> None: ...

class DeployStrategyResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class StartStrategyRequest(_message.Message):
    __slots__ = ("strategy_id", "actor")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    actor: str
    def __init__(self, strategy_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class StartStrategyResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class StopStrategyRequest(_message.Message):
    __slots__ = ("strategy_id", "actor", "reason", "cancel_orders", "flatten")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CANCEL_ORDERS_FIELD_NUMBER: _ClassVar[int]
    FLATTEN_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    actor: str
    reason: str
    cancel_orders: bool
    flatten: bool
    def __init__(self, strategy_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., cancel_orders: _Optional[bool] = ..., flatten: _Optional[bool] = ...) -> None: ...

class StopStrategyResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class PauseStrategyRequest(_message.Message):
    __slots__ = ("strategy_id", "actor", "reason")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    actor: str
    reason: str
    def __init__(self, strategy_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PauseStrategyResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class ResumeStrategyRequest(_message.Message):
    __slots__ = ("strategy_id", "actor")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    actor: str
    def __init__(self, strategy_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class ResumeStrategyResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class ListDeploymentsRequest(_message.Message):
    __slots__ = ("account_id", "states", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    states: _containers.RepeatedScalarFieldContainer[StrategyState]
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., states: _Optional[_Iterable[_Union[StrategyState, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListDeploymentsResponse(_message.Message):
    __slots__ = ("deployments", "page")
    DEPLOYMENTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    deployments: _containers.RepeatedCompositeFieldContainer[Deployment]
    page: _types_pb2.PageResponse
    def __init__(self, deployments: _Optional[_Iterable[_Union[Deployment, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class UpdateStrategyParametersRequest(_message.Message):
    __slots__ = ("strategy_id", "parameters")
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    strategy_id: str
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    def __init__(self, strategy_id: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ...) -> None: ...

class UpdateStrategyParametersResponse(_message.Message):
    __slots__ = ("deployment",)
    DEPLOYMENT_FIELD_NUMBER: _ClassVar[int]
    deployment: Deployment
    def __init__(self, deployment: _Optional[_Union[Deployment, _Mapping]] = ...) -> None: ...

class RunBacktestRequest(_message.Message):
    __slots__ = ("config", "wait")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    config: BacktestConfig
    wait: bool
    def __init__(self, config: _Optional[_Union[BacktestConfig, _Mapping]] = ..., wait: _Optional[bool] = ...) -> None: ...

class RunBacktestResponse(_message.Message):
    __slots__ = ("backtest",)
    BACKTEST_FIELD_NUMBER: _ClassVar[int]
    backtest: Backtest
    def __init__(self, backtest: _Optional[_Union[Backtest, _Mapping]] = ...) -> None: ...

class GetBacktestRequest(_message.Message):
    __slots__ = ("backtest_id", "include_trades")
    BACKTEST_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_TRADES_FIELD_NUMBER: _ClassVar[int]
    backtest_id: str
    include_trades: bool
    def __init__(self, backtest_id: _Optional[str] = ..., include_trades: _Optional[bool] = ...) -> None: ...

class BacktestTrade(_message.Message):
    __slots__ = ("instrument_id", "side", "quantity", "price", "fee", "executed_at")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_AT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    price: float
    fee: _types_pb2.Decimal
    executed_at: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., price: _Optional[float] = ..., fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., executed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetBacktestResponse(_message.Message):
    __slots__ = ("backtest", "trades")
    BACKTEST_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    backtest: Backtest
    trades: _containers.RepeatedCompositeFieldContainer[BacktestTrade]
    def __init__(self, backtest: _Optional[_Union[Backtest, _Mapping]] = ..., trades: _Optional[_Iterable[_Union[BacktestTrade, _Mapping]]] = ...) -> None: ...

class ListBacktestsRequest(_message.Message):
    __slots__ = ("strategy_type", "statuses", "page")
    STRATEGY_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    strategy_type: str
    statuses: _containers.RepeatedScalarFieldContainer[JobStatus]
    page: _types_pb2.PageRequest
    def __init__(self, strategy_type: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[JobStatus, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListBacktestsResponse(_message.Message):
    __slots__ = ("backtests", "page")
    BACKTESTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    backtests: _containers.RepeatedCompositeFieldContainer[Backtest]
    page: _types_pb2.PageResponse
    def __init__(self, backtests: _Optional[_Iterable[_Union[Backtest, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ParameterRange(_message.Message):
    __slots__ = ("name", "values", "min", "max", "step")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    name: str
    values: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    min: float
    max: float
    step: float
    def __init__(self, name: _Optional[str] = ..., values: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., step: _Optional[float] = ...) -> None: ...

class WalkForwardWindow(_message.Message):
    __slots__ = ("in_sample", "out_of_sample", "best_parameters", "in_sample_stats", "out_of_sample_stats")
    IN_SAMPLE_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_SAMPLE_FIELD_NUMBER: _ClassVar[int]
    BEST_PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    IN_SAMPLE_STATS_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_SAMPLE_STATS_FIELD_NUMBER: _ClassVar[int]
    in_sample: _types_pb2.TimeRange
    out_of_sample: _types_pb2.TimeRange
    best_parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    in_sample_stats: PerformanceStats
    out_of_sample_stats: PerformanceStats
    def __init__(self, in_sample: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., out_of_sample: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., best_parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., in_sample_stats: _Optional[_Union[PerformanceStats, _Mapping]] = ..., out_of_sample_stats: _Optional[_Union[PerformanceStats, _Mapping]] = ...) -> None: ...

class RunWalkForwardRequest(_message.Message):
    __slots__ = ("config", "search_space", "in_sample_days", "out_of_sample_days", "anchored", "objective", "wait")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    SEARCH_SPACE_FIELD_NUMBER: _ClassVar[int]
    IN_SAMPLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_SAMPLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    ANCHORED_FIELD_NUMBER: _ClassVar[int]
    OBJECTIVE_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    config: BacktestConfig
    search_space: _containers.RepeatedCompositeFieldContainer[ParameterRange]
    in_sample_days: int
    out_of_sample_days: int
    anchored: bool
    objective: str
    wait: bool
    def __init__(self, config: _Optional[_Union[BacktestConfig, _Mapping]] = ..., search_space: _Optional[_Iterable[_Union[ParameterRange, _Mapping]]] = ..., in_sample_days: _Optional[int] = ..., out_of_sample_days: _Optional[int] = ..., anchored: _Optional[bool] = ..., objective: _Optional[str] = ..., wait: _Optional[bool] = ...) -> None: ...

class RunWalkForwardResponse(_message.Message):
    __slots__ = ("job_id", "status", "windows", "out_of_sample_stats", "walk_forward_efficiency")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    WINDOWS_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_SAMPLE_STATS_FIELD_NUMBER: _ClassVar[int]
    WALK_FORWARD_EFFICIENCY_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    status: JobStatus
    windows: _containers.RepeatedCompositeFieldContainer[WalkForwardWindow]
    out_of_sample_stats: PerformanceStats
    walk_forward_efficiency: float
    def __init__(self, job_id: _Optional[str] = ..., status: _Optional[_Union[JobStatus, str]] = ..., windows: _Optional[_Iterable[_Union[WalkForwardWindow, _Mapping]]] = ..., out_of_sample_stats: _Optional[_Union[PerformanceStats, _Mapping]] = ..., walk_forward_efficiency: _Optional[float] = ...) -> None: ...

class OptimizationTrial(_message.Message):
    __slots__ = ("parameters", "stats", "objective_value")
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    OBJECTIVE_VALUE_FIELD_NUMBER: _ClassVar[int]
    parameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    stats: PerformanceStats
    objective_value: float
    def __init__(self, parameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., stats: _Optional[_Union[PerformanceStats, _Mapping]] = ..., objective_value: _Optional[float] = ...) -> None: ...

class RunOptimizationRequest(_message.Message):
    __slots__ = ("config", "search_space", "method", "max_trials", "objective", "wait")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    SEARCH_SPACE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MAX_TRIALS_FIELD_NUMBER: _ClassVar[int]
    OBJECTIVE_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    config: BacktestConfig
    search_space: _containers.RepeatedCompositeFieldContainer[ParameterRange]
    method: SearchMethod
    max_trials: int
    objective: str
    wait: bool
    def __init__(self, config: _Optional[_Union[BacktestConfig, _Mapping]] = ..., search_space: _Optional[_Iterable[_Union[ParameterRange, _Mapping]]] = ..., method: _Optional[_Union[SearchMethod, str]] = ..., max_trials: _Optional[int] = ..., objective: _Optional[str] = ..., wait: _Optional[bool] = ...) -> None: ...

class RunOptimizationResponse(_message.Message):
    __slots__ = ("job_id", "status", "trials", "best")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRIALS_FIELD_NUMBER: _ClassVar[int]
    BEST_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    status: JobStatus
    trials: _containers.RepeatedCompositeFieldContainer[OptimizationTrial]
    best: OptimizationTrial
    def __init__(self, job_id: _Optional[str] = ..., status: _Optional[_Union[JobStatus, str]] = ..., trials: _Optional[_Iterable[_Union[OptimizationTrial, _Mapping]]] = ..., best: _Optional[_Union[OptimizationTrial, _Mapping]] = ...) -> None: ...
