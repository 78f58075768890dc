import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PerformanceMetrics(_message.Message):
    __slots__ = ("total_return", "annualized_return", "annualized_volatility", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown", "max_drawdown_duration_days", "win_rate", "profit_factor", "average_win", "average_loss", "alpha", "beta", "information_ratio", "tracking_error", "daily_var_95", "daily_cvar_95", "skewness", "kurtosis", "trades", "net_pnl", "fees", "tail_ratio", "turnover", "periods", "start", "end")
    TOTAL_RETURN_FIELD_NUMBER: _ClassVar[int]
    ANNUALIZED_RETURN_FIELD_NUMBER: _ClassVar[int]
    ANNUALIZED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    SHARPE_RATIO_FIELD_NUMBER: _ClassVar[int]
    SORTINO_RATIO_FIELD_NUMBER: _ClassVar[int]
    CALMAR_RATIO_FIELD_NUMBER: _ClassVar[int]
    MAX_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    MAX_DRAWDOWN_DURATION_DAYS_FIELD_NUMBER: _ClassVar[int]
    WIN_RATE_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FACTOR_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_WIN_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_LOSS_FIELD_NUMBER: _ClassVar[int]
    ALPHA_FIELD_NUMBER: _ClassVar[int]
    BETA_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_RATIO_FIELD_NUMBER: _ClassVar[int]
    TRACKING_ERROR_FIELD_NUMBER: _ClassVar[int]
    DAILY_VAR_95_FIELD_NUMBER: _ClassVar[int]
    DAILY_CVAR_95_FIELD_NUMBER: _ClassVar[int]
    SKEWNESS_FIELD_NUMBER: _ClassVar[int]
    KURTOSIS_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    NET_PNL_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    TAIL_RATIO_FIELD_NUMBER: _ClassVar[int]
    TURNOVER_FIELD_NUMBER: _ClassVar[int]
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    total_return: float
    annualized_return: float
    annualized_volatility: float
    sharpe_ratio: float
    sortino_ratio: float
    calmar_ratio: float
    max_drawdown: float
    max_drawdown_duration_days: int
    win_rate: float
    profit_factor: float
    average_win: float
    average_loss: float
    alpha: float
    beta: float
    information_ratio: float
    tracking_error: float
    daily_var_95: float
    daily_cvar_95: float
    skewness: float
    kurtosis: float
    trades: int
    net_pnl: _types_pb2.Decimal
    fees: _types_pb2.Decimal
    tail_ratio: float
    turnover: float
    periods: int
    start: _timestamp_pb2.Timestamp
    end: _timestamp_pb2.Timestamp
    def __init__(self, total_return: _Optional[float] = ..., annualized_return: _Optional[float] = ..., annualized_volatility: _Optional[float] = ..., sharpe_ratio: _Optional[float] = ..., sortino_ratio: _Optional[float] = ..., calmar_ratio: _Optional[float] = ..., max_drawdown: _Optional[float] = ..., max_drawdown_duration_days: _Optional[int] = ..., win_rate: _Optional[float] = ..., profit_factor: _Optional[float] = ..., average_win: _Optional[float] = ..., average_loss: _Optional[float] = ..., alpha: _Optional[float] = ..., beta: _Optional[float] = ..., information_ratio: _Optional[float] = ..., tracking_error: _Optional[float] = ..., daily_var_95: _Optional[float] = ..., daily_cvar_95: _Optional[float] = ..., skewness: _Optional[float] = ..., kurtosis: _Optional[float] = ..., trades: _Optional[int] = ..., net_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., tail_ratio: _Optional[float] = ..., turnover: _Optional[float] = ..., periods: _Optional[int] = ..., start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Subject(_message.Message):
    __slots__ = ("account_id", "strategy_id", "fund_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    fund_id: str
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., fund_id: _Optional[str] = ...) -> None: ...

class GetPerformanceRequest(_message.Message):
    __slots__ = ("subject", "period", "benchmark", "risk_free_rate")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_FIELD_NUMBER: _ClassVar[int]
    RISK_FREE_RATE_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    period: _types_pb2.TimeRange
    benchmark: _types_pb2.InstrumentId
    risk_free_rate: float
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., benchmark: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., risk_free_rate: _Optional[float] = ...) -> None: ...

class GetPerformanceResponse(_message.Message):
    __slots__ = ("metrics", "equity_curve", "drawdown")
    METRICS_FIELD_NUMBER: _ClassVar[int]
    EQUITY_CURVE_FIELD_NUMBER: _ClassVar[int]
    DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    metrics: PerformanceMetrics
    equity_curve: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    drawdown: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    def __init__(self, metrics: _Optional[_Union[PerformanceMetrics, _Mapping]] = ..., equity_curve: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ..., drawdown: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ...) -> None: ...

class GetRollingMetricsRequest(_message.Message):
    __slots__ = ("subject", "period", "window_days", "metrics", "benchmark")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    period: _types_pb2.TimeRange
    window_days: int
    metrics: _containers.RepeatedScalarFieldContainer[str]
    benchmark: _types_pb2.InstrumentId
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., window_days: _Optional[int] = ..., metrics: _Optional[_Iterable[str]] = ..., benchmark: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class RollingSeries(_message.Message):
    __slots__ = ("metric", "points")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    metric: str
    points: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    def __init__(self, metric: _Optional[str] = ..., points: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ...) -> None: ...

class GetRollingMetricsResponse(_message.Message):
    __slots__ = ("series",)
    SERIES_FIELD_NUMBER: _ClassVar[int]
    series: _containers.RepeatedCompositeFieldContainer[RollingSeries]
    def __init__(self, series: _Optional[_Iterable[_Union[RollingSeries, _Mapping]]] = ...) -> None: ...

class AttributionRow(_message.Message):
    __slots__ = ("segment", "allocation_effect", "selection_effect", "interaction_effect", "total_effect")
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    SELECTION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    INTERACTION_EFFECT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_EFFECT_FIELD_NUMBER: _ClassVar[int]
    segment: str
    allocation_effect: float
    selection_effect: float
    interaction_effect: float
    total_effect: float
    def __init__(self, segment: _Optional[str] = ..., allocation_effect: _Optional[float] = ..., selection_effect: _Optional[float] = ..., interaction_effect: _Optional[float] = ..., total_effect: _Optional[float] = ...) -> None: ...

class GetAttributionRequest(_message.Message):
    __slots__ = ("subject", "period", "model", "grouping", "benchmark")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    GROUPING_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    period: _types_pb2.TimeRange
    model: str
    grouping: str
    benchmark: _types_pb2.InstrumentId
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., model: _Optional[str] = ..., grouping: _Optional[str] = ..., benchmark: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ...) -> None: ...

class GetAttributionResponse(_message.Message):
    __slots__ = ("rows", "active_return", "factor_exposures", "factor_contributions")
    class FactorExposuresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class FactorContributionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    ROWS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_RETURN_FIELD_NUMBER: _ClassVar[int]
    FACTOR_EXPOSURES_FIELD_NUMBER: _ClassVar[int]
    FACTOR_CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[AttributionRow]
    active_return: float
    factor_exposures: _containers.ScalarMap[str, float]
    factor_contributions: _containers.ScalarMap[str, float]
    def __init__(self, rows: _Optional[_Iterable[_Union[AttributionRow, _Mapping]]] = ..., active_return: _Optional[float] = ..., factor_exposures: _Optional[_Mapping[str, float]] = ..., factor_contributions: _Optional[_Mapping[str, float]] = ...) -> None: ...

class MonthlyReturn(_message.Message):
    __slots__ = ("year", "month", "value")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    year: int
    month: int
    value: float
    def __init__(self, year: _Optional[int] = ..., month: _Optional[int] = ..., value: _Optional[float] = ...) -> None: ...

class DrawdownPeriod(_message.Message):
    __slots__ = ("peak", "trough", "recovery", "depth")
    PEAK_FIELD_NUMBER: _ClassVar[int]
    TROUGH_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    peak: _timestamp_pb2.Timestamp
    trough: _timestamp_pb2.Timestamp
    recovery: _timestamp_pb2.Timestamp
    depth: float
    def __init__(self, peak: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trough: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recovery: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., depth: _Optional[float] = ...) -> None: ...

class GetTearSheetRequest(_message.Message):
    __slots__ = ("subject", "period", "benchmark", "render_format")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_FIELD_NUMBER: _ClassVar[int]
    RENDER_FORMAT_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    period: _types_pb2.TimeRange
    benchmark: _types_pb2.InstrumentId
    render_format: str
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., benchmark: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., render_format: _Optional[str] = ...) -> None: ...

class GetTearSheetResponse(_message.Message):
    __slots__ = ("metrics", "equity_curve", "benchmark_curve", "monthly_returns", "worst_drawdowns", "rolling", "content_type", "rendered")
    METRICS_FIELD_NUMBER: _ClassVar[int]
    EQUITY_CURVE_FIELD_NUMBER: _ClassVar[int]
    BENCHMARK_CURVE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_RETURNS_FIELD_NUMBER: _ClassVar[int]
    WORST_DRAWDOWNS_FIELD_NUMBER: _ClassVar[int]
    ROLLING_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    RENDERED_FIELD_NUMBER: _ClassVar[int]
    metrics: PerformanceMetrics
    equity_curve: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    benchmark_curve: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    monthly_returns: _containers.RepeatedCompositeFieldContainer[MonthlyReturn]
    worst_drawdowns: _containers.RepeatedCompositeFieldContainer[DrawdownPeriod]
    rolling: _containers.RepeatedCompositeFieldContainer[RollingSeries]
    content_type: str
    rendered: bytes
    def __init__(self, metrics: _Optional[_Union[PerformanceMetrics, _Mapping]] = ..., equity_curve: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ..., benchmark_curve: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ..., monthly_returns: _Optional[_Iterable[_Union[MonthlyReturn, _Mapping]]] = ..., worst_drawdowns: _Optional[_Iterable[_Union[DrawdownPeriod, _Mapping]]] = ..., rolling: _Optional[_Iterable[_Union[RollingSeries, _Mapping]]] = ..., content_type: _Optional[str] = ..., rendered: _Optional[bytes] = ...) -> None: ...

class DashboardPosition(_message.Message):
    __slots__ = ("instrument_id", "quantity", "market_value", "unrealized_pnl", "weight")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MARKET_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNREALIZED_PNL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    market_value: _types_pb2.Decimal
    unrealized_pnl: _types_pb2.Decimal
    weight: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., market_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., unrealized_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., weight: _Optional[float] = ...) -> None: ...

class GetDashboardRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetDashboardResponse(_message.Message):
    __slots__ = ("nav", "day_pnl", "total_pnl", "day_return", "current_drawdown", "top_positions", "intraday_equity", "open_orders", "fills_today", "running_strategies", "trading_state", "as_of")
    NAV_FIELD_NUMBER: _ClassVar[int]
    DAY_PNL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PNL_FIELD_NUMBER: _ClassVar[int]
    DAY_RETURN_FIELD_NUMBER: _ClassVar[int]
    CURRENT_DRAWDOWN_FIELD_NUMBER: _ClassVar[int]
    TOP_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    INTRADAY_EQUITY_FIELD_NUMBER: _ClassVar[int]
    OPEN_ORDERS_FIELD_NUMBER: _ClassVar[int]
    FILLS_TODAY_FIELD_NUMBER: _ClassVar[int]
    RUNNING_STRATEGIES_FIELD_NUMBER: _ClassVar[int]
    TRADING_STATE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    nav: _types_pb2.Decimal
    day_pnl: _types_pb2.Decimal
    total_pnl: _types_pb2.Decimal
    day_return: float
    current_drawdown: float
    top_positions: _containers.RepeatedCompositeFieldContainer[DashboardPosition]
    intraday_equity: _containers.RepeatedCompositeFieldContainer[_types_pb2.TimeSeriesPoint]
    open_orders: int
    fills_today: int
    running_strategies: int
    trading_state: str
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., day_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., total_pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., day_return: _Optional[float] = ..., current_drawdown: _Optional[float] = ..., top_positions: _Optional[_Iterable[_Union[DashboardPosition, _Mapping]]] = ..., intraday_equity: _Optional[_Iterable[_Union[_types_pb2.TimeSeriesPoint, _Mapping]]] = ..., open_orders: _Optional[int] = ..., fills_today: _Optional[int] = ..., running_strategies: _Optional[int] = ..., trading_state: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CompareStrategiesRequest(_message.Message):
    __slots__ = ("subjects", "period")
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    subjects: _containers.RepeatedCompositeFieldContainer[Subject]
    period: _types_pb2.TimeRange
    def __init__(self, subjects: _Optional[_Iterable[_Union[Subject, _Mapping]]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class SubjectMetrics(_message.Message):
    __slots__ = ("subject", "metrics")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    metrics: PerformanceMetrics
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., metrics: _Optional[_Union[PerformanceMetrics, _Mapping]] = ...) -> None: ...

class CompareStrategiesResponse(_message.Message):
    __slots__ = ("results", "correlation_matrix")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_MATRIX_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[SubjectMetrics]
    correlation_matrix: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, results: _Optional[_Iterable[_Union[SubjectMetrics, _Mapping]]] = ..., correlation_matrix: _Optional[_Iterable[float]] = ...) -> None: ...
