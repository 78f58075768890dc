"""Every TA-Lib function by name: metadata, parameter validation and batch computation.

    spec("MACD").outputs                  -> ("macd", "macdsignal", "macdhist")
    compute("RSI", {"close": closes}, timeperiod=14)["real"]
    compute("BBANDS", closes, timeperiod=20, nbdevup=2.0)   # one-input functions take an array

Errors are `IndicatorError` (a ValueError) whose message names the indicator and the parameter
or input at fault; services map it to INVALID_ARGUMENT.
"""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "IndicatorError",
    "ParamSpec",
    "IndicatorSpec",
    "names",
    "groups",
    "spec",
    "list_indicators",
    "resolve_params",
    "lookback",
    "compute",
    "validate_series",
    "MA_TYPES",
]

# TA-Lib moving-average types (the `matype` parameters); TA-Lib 0.6+ adds 9..13.
MA_TYPES = {0: "SMA", 1: "EMA", 2: "WMA", 3: "DEMA", 4: "TEMA", 5: "TRIMA", 6: "KAMA",
            7: "MAMA", 8: "T3"}
try:
    import talib as _tl

    MA_TYPES = {int(k): str(v) for k, v in _tl.MA_Type._lookup.items()}
except Exception:  # pragma: no cover - older wrappers
    pass
_OHLCV = ("open", "high", "low", "close", "volume")


class IndicatorError(ValueError):
    """A bad indicator request: unknown name, bad parameter, bad or missing input."""

    def __init__(self, message: str, *, indicator: str | None = None,
                 parameter: str | None = None) -> None:
        super().__init__(message)
        self.indicator = indicator
        self.parameter = parameter


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    default: float | int
    kind: str  # "int", "float" or "matype"
    help: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    name: str
    group: str
    description: str
    inputs: tuple[str, ...]  # series names: open high low close volume periods
    outputs: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    flags: tuple[str, ...] = field(default=())
    lookback: int = 0  # with default parameters

    @property
    def defaults(self) -> dict[str, float | int]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> ParamSpec | None:
        for p in self.params:
            if p.name == name:
                return p
        return None

    @property
    def is_pattern(self) -> bool:
        return self.name.startswith("CDL")


def _talib() -> Any:
    try:
        import talib
    except ImportError as exc:  # pragma: no cover
        raise RuntimeError("TA-Lib is not installed (pip install TA-Lib)") from exc
    return talib


@functools.cache
def names() -> tuple[str, ...]:
    """Every TA-Lib function name (201 with TA-Lib 0.6)."""
    return tuple(_talib().get_functions())


@functools.cache
def groups() -> dict[str, tuple[str, ...]]:
    return {g: tuple(v) for g, v in _talib().get_function_groups().items()}


@functools.cache
def _spec(name: str) -> IndicatorSpec:
    from talib import abstract

    f = abstract.Function(name)
    info = f.info
    local = f._Function__localdata  # the only place TA-Lib keeps the parameter kinds
    inputs: list[str] = []
    for key, v in info["input_names"].items():
        if isinstance(v, list | tuple):
            inputs.extend(v)
        elif v is None:
            inputs.append(key)
        else:
            inputs.append(v)
    params = []
    for pname, p in local.opt_inputs.items():
        kind = {0: "float", 1: "float", 2: "int", 3: "matype"}.get(p.get("type"), "float")
        default = p["default_value"]
        default = int(default) if kind != "float" else float(default)
        params.append(ParamSpec(pname, default, kind, p.get("help", "")))
    return IndicatorSpec(
        name=name, group=info["group"], description=info["display_name"],
        inputs=tuple(inputs), outputs=tuple(info["output_names"]), params=tuple(params),
        flags=tuple(info.get("function_flags") or ()), lookback=int(f.lookback),
    )


def spec(name: str) -> IndicatorSpec:
    """The spec of a TA-Lib function; the name is case-insensitive."""
    if not isinstance(name, str) or not name.strip():
        raise IndicatorError("indicator name is empty", indicator=name)
    key = name.strip().upper()
    if key not in set(names()):
        close = difflib.get_close_matches(key, names(), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise IndicatorError(f"unknown indicator {name!r}{hint}", indicator=name)
    return _spec(key)


def list_indicators(group: str | None = None) -> list[IndicatorSpec]:
    if group:
        by_lower = {g.lower(): g for g in groups()}
        g = by_lower.get(group.strip().lower())
        if g is None:
            raise IndicatorError(
                f"unknown indicator group {group!r}; known: {', '.join(sorted(groups()))}")
        return [spec(n) for n in groups()[g]]
    return [spec(n) for n in names()]


def resolve_params(name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with `params`, each checked: unknown names, wrong types, out of range
    values raise IndicatorError naming the indicator and the parameter."""
    s = spec(name)
    out: dict[str, Any] = dict(s.defaults)
    for raw_key, value in (params or {}).items():
        key = str(raw_key).strip().lower()
        p = s.param(key)
        if p is None:
            known = ", ".join(x.name for x in s.params) or "none"
            raise IndicatorError(
                f"{s.name}: unknown parameter {raw_key!r} (parameters: {known})",
                indicator=s.name, parameter=str(raw_key))
        out[key] = _check_param(s.name, p, value)
    return out


def _check_param(ind: str, p: ParamSpec, value: Any) -> Any:
    def bad(why: str) -> IndicatorError:
        return IndicatorError(f"{ind}: parameter {p.name!r} {why} (got {value!r})",
                              indicator=ind, parameter=p.name)

    if isinstance(value, bool) or value is None:
        raise bad("must be a number")
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise bad("must be a number") from None
    try:
        fv = float(value)
    except (TypeError, ValueError):
        raise bad("must be a number") from None
    if not math.isfinite(fv):
        raise bad("must be finite")
    if p.kind == "float":
        if abs(fv) > 3e37:
            raise bad("is out of range")
        return fv
    if fv != int(fv):
        raise bad("must be an integer")
    iv = int(fv)
    if p.kind == "matype":
        if iv not in MA_TYPES:
            raise bad(f"must be a moving-average type {min(MA_TYPES)}..{max(MA_TYPES)}")
        return iv
    if iv < 0 or iv > 100_000:
        raise bad("must be between 0 and 100000")
    if p.name.endswith("period") and iv < 1:
        raise bad("must be at least 1")
    return iv


def lookback(name: str, params: Mapping[str, Any] | None = None) -> int:
    """Bars consumed before the first valid output, for these parameters."""
    from talib import abstract

    s = spec(name)
    f = abstract.Function(s.name)
    f.set_parameters(resolve_params(s.name, params))
    return int(f.lookback)


def validate_series(ind: str, name: str, values: Any, length: int | None = None) -> np.ndarray:
    arr = np.ascontiguousarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise IndicatorError(f"{ind}: input {name!r} must be one-dimensional", indicator=ind,
                             parameter=name)
    if length is not None and arr.shape[0] != length:
        raise IndicatorError(
            f"{ind}: input {name!r} has {arr.shape[0]} values, expected {length} like the others",
            indicator=ind, parameter=name)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.argmax(bad))
        what = "NaN" if np.isnan(arr[i]) else "infinite"
        raise IndicatorError(f"{ind}: input {name!r} has a {what} value at index {i}",
                             indicator=ind, parameter=name)
    return arr


def _inputs(s: IndicatorSpec, data: Any) -> list[np.ndarray]:
    if isinstance(data, Mapping):
        arrays: list[np.ndarray] = []
        n = None
        for inp in s.inputs:
            if inp not in data:
                have = ", ".join(sorted(map(str, data))) or "none"
                raise IndicatorError(f"{s.name}: missing input {inp!r} (needs "
                                     f"{', '.join(s.inputs)}; given {have})",
                                     indicator=s.name, parameter=inp)
            a = validate_series(s.name, inp, data[inp], n)
            n = a.shape[0]
            arrays.append(a)
        return arrays
    if len(s.inputs) != 1:
        raise IndicatorError(f"{s.name}: needs inputs {', '.join(s.inputs)}; pass a mapping",
                             indicator=s.name)
    return [validate_series(s.name, s.inputs[0], data)]


def compute(name: str, data: Any, params: Mapping[str, Any] | None = None,
            **kw: Any) -> dict[str, np.ndarray]:
    """Run TA-Lib `name` over whole series. `data` is a mapping with the function's inputs
    (open/high/low/close/volume/periods) or, for one-input functions, an array. Returns
    {output name: float64 array} of the input length (NaN inside the lookback)."""
    s = spec(name)
    p = resolve_params(s.name, {**(params or {}), **kw})
    arrays = _inputs(s, data)
    if arrays and arrays[0].shape[0] == 0:
        raise IndicatorError(f"{s.name}: the input series is empty", indicator=s.name)
    if s.name == "MAVP":
        periods = arrays[1]
        if (periods < 1).any() or (periods != np.floor(periods)).any():
            raise IndicatorError(f"{s.name}: input 'periods' must hold whole numbers >= 1",
                                 indicator=s.name, parameter="periods")
    fn = getattr(_talib(), s.name)
    try:
        res = fn(*arrays, **p)
    except Exception as exc:
        msg = str(exc)
        if "BAD_PARAM" in msg or "Bad Parameter" in msg:
            given = ", ".join(f"{k}={v}" for k, v in p.items())
            raise IndicatorError(f"{s.name}: TA-Lib rejected the parameters ({given})",
                                 indicator=s.name) from None
        raise IndicatorError(f"{s.name}: {msg}", indicator=s.name) from None
    if not isinstance(res, tuple):
        res = (res,)
    return {o: np.asarray(r, dtype=np.float64) for o, r in zip(s.outputs, res, strict=True)}
