"""Technical indicators for live and backtest code: every TA-Lib function by name (batch),
streaming versions equal to the batch values, candlestick patterns, support/resistance levels,
multi-timeframe bar aggregation and the signal combiner. Pure: no I/O, no Kafka.

    from omni_quant.indicators import compute, stream, spec
    compute("RSI", closes, timeperiod=14)["real"]
    rsi = stream("RSI", timeperiod=14); rsi.update(close)
"""

from omni_quant.indicators.registry import (
    MA_TYPES,
    IndicatorError,
    IndicatorSpec,
    ParamSpec,
    compute,
    groups,
    list_indicators,
    lookback,
    names,
    resolve_params,
    spec,
    validate_series,
)
from omni_quant.indicators.streaming import (
    HANDWRITTEN,
    KernelStream,
    WindowStream,
    is_handwritten,
    stream,
    window_size,
)

__all__ = [
    "MA_TYPES", "IndicatorError", "IndicatorSpec", "ParamSpec", "compute", "groups",
    "list_indicators", "lookback", "names", "resolve_params", "spec", "validate_series",
    "HANDWRITTEN", "KernelStream", "WindowStream", "is_handwritten", "stream", "window_size",
]
