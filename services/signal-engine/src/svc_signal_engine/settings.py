"""Signal-engine settings (environment, prefix ``OMNI_``; this service's own are
``OMNI_SE_*``). Invalid values stop the service at start with an error naming the variable."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from omni_core.settings import ServiceSettings, SettingsError
from pydantic import Field, model_validator

__all__ = ["Settings", "parse_indicator_list", "csv"]

_ITEM = re.compile(r"\s*([A-Za-z0-9_]+)\s*(?:\(([^)]*)\))?\s*(?:,|$)")


def csv(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def parse_indicator_list(text: str) -> list[tuple[str, dict[str, Any]]]:
    """``"RSI, EMA(timeperiod=50), MACD(fastperiod=8 slowperiod=21)"`` -> [(name, params)].
    Parameters inside the parentheses are separated by spaces or semicolons."""
    out: list[tuple[str, dict[str, Any]]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _ITEM.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot parse indicator list at {text[pos:]!r}")
        params: dict[str, Any] = {}
        for kv in re.split(r"[;\s]+", (m.group(2) or "").strip()):
            if not kv:
                continue
            if "=" not in kv:
                raise ValueError(f"{m.group(1)}: parameter {kv!r} needs name=value")
            k, v = kv.split("=", 1)
            params[k.strip()] = float(v) if "." in v or "e" in v.lower() else int(v)
        out.append((m.group(1).upper(), params))
        pos = m.end()
    return out


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "signal-engine"

    # bar timeframes the engine computes on (the smallest is the base: it paces the scored
    # signal, its filter and the regime refits)
    se_timeframes: str = "1m,5m,15m,1h,1d"
    # "" consumes the bars market-data publishes at each timeframe; "1m" (a base label)
    # consumes only that one and rolls the larger frames up itself
    se_aggregate_from: str = ""
    # indicators run on every instrument seen, at every timeframe
    se_indicators: str = ("RSI, MACD, BBANDS, STOCH, CCI, WILLR, ROC, EMA(timeperiod=20), "
                          "ATR, ADX")
    # bars kept per instrument and timeframe (gRPC history, patterns, regimes)
    se_history: int = Field(default=1000, ge=50, le=100_000)
    se_patterns: bool = True
    se_regimes: bool = True
    se_regime_timeframe: str = ""  # default: the base timeframe
    se_regime_refit_bars: int = Field(default=50, ge=1, le=100_000)
    se_regime_min_bars: int = Field(default=120, ge=30)
    se_regime_window: int = Field(default=500, ge=60)
    se_trend_window: int = Field(default=100, ge=10)
    # signal filter
    se_enter: float = Field(default=0.3, ge=0, le=1)
    se_exit: float = Field(default=0.1, ge=0, le=1)
    se_min_confidence: float = Field(default=0.3, ge=0, le=1)
    se_confirm_bars: int = Field(default=2, ge=1, le=1000)
    se_min_hold_bars: int = Field(default=3, ge=0, le=100_000)
    # publish IndicatorSignal events (one per indicator per closed bar)
    se_publish_indicators: bool = True
    # market-data gRPC address ("host:port"): the first bar of an instrument triggers a
    # backfill of up to OMNI_SE_HISTORY stored bars per timeframe, so indicators are warm at
    # once and ComputeIndicator covers history from before this process started
    market_data_address: str | None = None
    se_backfill_timeout: float = Field(default=10.0, gt=0, le=600)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        from omni_quant.indicators import IndicatorError, resolve_params
        from omni_quant.indicators.aggregate import timeframe_seconds

        problems: list[tuple[str, str]] = []
        try:
            tfs = csv(self.se_timeframes)
            if not tfs:
                raise ValueError("at least one timeframe is needed")
            for t in tfs:
                if t not in LABELS:
                    raise ValueError(f"unsupported timeframe {t!r} (use {', '.join(LABELS)})")
                timeframe_seconds(t)
        except ValueError as exc:
            problems.append(("OMNI_SE_TIMEFRAMES", str(exc)))
        if self.se_aggregate_from and self.se_aggregate_from not in LABELS:
            problems.append(("OMNI_SE_AGGREGATE_FROM", f"unsupported timeframe "
                             f"{self.se_aggregate_from!r}"))
        if self.se_regime_timeframe and self.se_regime_timeframe not in csv(self.se_timeframes):
            problems.append(("OMNI_SE_REGIME_TIMEFRAME", "must be one of OMNI_SE_TIMEFRAMES"))
        try:
            for name, params in parse_indicator_list(self.se_indicators):
                resolve_params(name, params)
        except (ValueError, IndicatorError) as exc:
            problems.append(("OMNI_SE_INDICATORS", str(exc)))
        if self.se_exit > self.se_enter:
            problems.append(("OMNI_SE_EXIT", "must not exceed OMNI_SE_ENTER"))
        if problems:
            raise SettingsError(problems)
        return self

    @property
    def timeframes(self) -> list[str]:
        from omni_quant.indicators.aggregate import timeframe_seconds

        return sorted(csv(self.se_timeframes), key=timeframe_seconds)

    @property
    def indicators(self) -> list[tuple[str, dict[str, Any]]]:
        return parse_indicator_list(self.se_indicators)


# timeframe labels the contract knows (omni.signal_engine.v1.Timeframe)
LABELS = ("1s", "1m", "5m", "15m", "1h", "4h", "1d")
