"""Execution algorithms as pure schedule code: no I/O, no clock, no Kafka.

A *schedule* splits a parent quantity over a window ``[0, T]`` (seconds from the start) into
slices: ``Slice(index, offset, quantity)``; the service turns each into a child order when its
offset comes due on the service clock. Everything here is deterministic for given inputs
(randomisation takes an explicit seed), so a restarted service recomputes the same schedule.

- `twap_schedule`: equal slices at equal intervals.
- `vwap_schedule`: slices weighted by an intraday volume profile
  (`volume_profile_from_bars` from market-data history, or `u_shaped_profile` when there is
  none).
- `almgren_chriss_schedule`: the Almgren-Chriss (2000) optimal trajectory under linear
  temporary impact and a mean-variance objective: holdings
  ``x_j = X sinh(kappa (T - t_j)) / sinh(kappa T)`` where ``kappa`` solves
  ``cosh(kappa tau) = 1 + kappa~^2 tau^2 / 2`` with ``kappa~^2 = lambda sigma^2 / eta~``.
- `pov_child_quantity`: how much to send now to track a target share of market volume.
- `execution_quality`: slippage against arrival price, interval VWAP and TWAP, in basis points,
  signed so that positive is a cost to the trader.

Quantities are floats; `round_lots` turns a float schedule into whole lots without changing
the total (largest-remainder rounding on the cumulative path, so no slice drifts).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "Slice",
    "twap_schedule",
    "vwap_schedule",
    "u_shaped_profile",
    "volume_profile_from_bars",
    "almgren_chriss_kappa",
    "almgren_chriss_trajectory",
    "almgren_chriss_schedule",
    "pov_child_quantity",
    "round_lots",
    "FillSample",
    "ExecutionQualityResult",
    "execution_quality",
    "slippage_bps",
]


@dataclass(frozen=True, slots=True)
class Slice:
    index: int
    # seconds from the start of the window
    offset: float
    quantity: float


def _check(quantity: float, duration: float, slices: int) -> None:
    if not (math.isfinite(quantity) and quantity > 0):
        raise ValueError("quantity must be a positive finite number")
    if not (math.isfinite(duration) and duration >= 0):
        raise ValueError("duration must be a non-negative finite number of seconds")
    if slices < 1:
        raise ValueError("slices must be at least 1")


def round_lots(quantities: Sequence[float], lot: float) -> list[float]:
    """Round each quantity to a multiple of `lot`, keeping the total (itself rounded to lots):
    rounding is applied to the cumulative sums, so the error never accumulates."""
    if lot <= 0:
        return list(quantities)
    out: list[float] = []
    cum = 0.0
    prev_units = 0
    for q in quantities:
        cum += q
        units = int(math.floor(cum / lot + 0.5 + 1e-9))
        out.append((units - prev_units) * lot)
        prev_units = units
    return out


def _jitter(weights: list[float], offsets: list[float], step: float, randomization: float,
            seed: int | str | None) -> tuple[list[float], list[float]]:
    if randomization <= 0 or len(weights) < 2:
        return weights, offsets
    r = min(1.0, randomization)
    rng = random.Random(str(seed))
    w = [x * (1.0 + r * (2 * rng.random() - 1)) for x in weights]
    total = sum(w)
    base = sum(weights)
    w = [x * base / total for x in w]
    # move each slice time within +-r/2 of its interval (never before 0, order preserved)
    o = [offsets[0]] + [t + step * r * 0.5 * (2 * rng.random() - 1) for t in offsets[1:]]
    return w, o


def _from_weights(quantity: float, duration: float, weights: Sequence[float], *,
                  lot: float = 0.0, randomization: float = 0.0,
                  seed: int | str | None = None) -> list[Slice]:
    n = len(weights)
    total = float(sum(weights))
    if total <= 0 or any((not math.isfinite(w)) or w < 0 for w in weights):
        raise ValueError("weights must be non-negative, finite and not all zero")
    step = duration / n
    offsets = [i * step for i in range(n)]
    w, offsets = _jitter([x / total for x in weights], offsets, step, randomization, seed)
    qs = [quantity * x for x in w]
    if lot > 0:
        qs = round_lots(qs, lot)
    return [Slice(i, offsets[i], qs[i]) for i in range(n)]


def twap_schedule(quantity: float, duration: float, slices: int, *, lot: float = 0.0,
                  randomization: float = 0.0, seed: int | str | None = None) -> list[Slice]:
    """`slices` equal slices, the i-th at ``i * duration / slices``."""
    _check(quantity, duration, slices)
    return _from_weights(quantity, duration, [1.0] * slices, lot=lot,
                         randomization=randomization, seed=seed)


def u_shaped_profile(buckets: int, depth: float = 0.6) -> list[float]:
    """A stylised intraday volume profile: heavy at the open and the close, light at midday.
    ``w(u) = 1 + depth * ((2u - 1)^2 * 3 - 1)`` at bucket midpoints u in (0, 1), normalised;
    with depth 0.6 the ends carry about 2.3x the midday volume."""
    if buckets < 1:
        raise ValueError("buckets must be at least 1")
    w = []
    for i in range(buckets):
        u = (i + 0.5) / buckets
        w.append(1.0 + depth * ((2 * u - 1) ** 2 * 3 - 1))
    total = sum(w)
    return [x / total for x in w]


def volume_profile_from_bars(bars: Sequence[tuple[float, float]], window_start: float,
                             window_end: float, buckets: int, *,
                             day_seconds: float = 86_400.0) -> list[float] | None:
    """Volume share per bucket of the window, from historical bars given as
    ``(seconds since midnight UTC of the bar start, volume)``. Bars of several days are pooled
    by time of day. `window_start`/`window_end` are seconds since midnight (end may exceed a
    day for windows across midnight). Returns None when the bars cover none of the window."""
    if buckets < 1 or window_end <= window_start:
        return None
    width = (window_end - window_start) / buckets
    vol = [0.0] * buckets
    for tod, v in bars:
        if not (math.isfinite(v) and v > 0):
            continue
        t = tod % day_seconds
        if t < window_start:
            t += day_seconds
        if window_start <= t < window_end:
            vol[min(buckets - 1, int((t - window_start) // width))] += v
    total = sum(vol)
    if total <= 0:
        return None
    # buckets the history does not cover get the mean of the covered ones (never zero)
    covered = [x for x in vol if x > 0]
    if len(covered) < buckets:
        fill = total / len(covered)
        vol = [x if x > 0 else fill for x in vol]
        total = sum(vol)
    return [x / total for x in vol]


def vwap_schedule(quantity: float, duration: float, profile: Sequence[float], *,
                  lot: float = 0.0, randomization: float = 0.0,
                  seed: int | str | None = None) -> list[Slice]:
    """One slice per profile bucket, sized by the bucket's share of expected volume."""
    _check(quantity, duration, len(profile))
    return _from_weights(quantity, duration, profile, lot=lot, randomization=randomization,
                         seed=seed)


def almgren_chriss_kappa(risk_aversion: float, sigma: float, eta: float, tau: float,
                         gamma: float = 0.0) -> float:
    """kappa of the discrete-time Almgren-Chriss solution.

    risk_aversion: lambda (per unit of currency); sigma: price volatility per sqrt(second)
    (currency); eta: temporary impact (currency * second / share); tau: slice length
    (seconds); gamma: permanent impact (currency / share)."""
    if risk_aversion < 0 or sigma < 0 or tau <= 0:
        raise ValueError("risk_aversion and sigma must be >= 0 and tau > 0")
    eta_t = eta - 0.5 * gamma * tau
    if eta_t <= 0:
        raise ValueError("temporary impact eta must exceed gamma * tau / 2")
    kt2 = risk_aversion * sigma * sigma / eta_t
    if kt2 <= 0:
        return 0.0
    # cosh(kappa tau) = 1 + kt2 tau^2 / 2
    return math.acosh(1.0 + 0.5 * kt2 * tau * tau) / tau


def almgren_chriss_trajectory(quantity: float, duration: float, slices: int,
                              risk_aversion: float, sigma: float, eta: float,
                              gamma: float = 0.0) -> list[float]:
    """Holdings x_0..x_N (x_0 = quantity, x_N = 0) at t_j = j * duration / slices."""
    _check(quantity, duration, slices)
    if duration <= 0:
        return [quantity] + [0.0] * slices
    tau = duration / slices
    kappa = almgren_chriss_kappa(risk_aversion, sigma, eta, tau, gamma)
    if kappa * duration < 1e-9:  # lambda -> 0: the straight line (TWAP)
        return [quantity * (1.0 - j / slices) for j in range(slices + 1)]
    if kappa * duration > 700:  # sinh overflows; everything goes in the first slice
        return [quantity] + [0.0] * slices
    denom = math.sinh(kappa * duration)
    return [quantity * math.sinh(kappa * (duration - j * tau)) / denom for j in range(slices + 1)]


def almgren_chriss_schedule(quantity: float, duration: float, slices: int,
                            risk_aversion: float, sigma: float, eta: float, gamma: float = 0.0,
                            *, lot: float = 0.0) -> list[Slice]:
    """Trades n_j = x_{j-1} - x_j, the j-th sent at the start of interval j."""
    x = almgren_chriss_trajectory(quantity, duration, slices, risk_aversion, sigma, eta, gamma)
    n = [x[j] - x[j + 1] for j in range(slices)]
    if lot > 0:
        n = round_lots(n, lot)
    step = duration / slices
    return [Slice(j, j * step, n[j]) for j in range(slices)]


def pov_child_quantity(rate: float, market_volume: float, executed: float, working: float,
                       remaining: float, *, min_child: float = 0.0, max_child: float = 0.0,
                       lot: float = 0.0) -> float:
    """Quantity to send now so that executed + working tracks ``rate * market_volume``, where
    `market_volume` is the market's volume since the start (excluding ours), `executed` our
    filled quantity, `working` our open child quantity, `remaining` what is left of the parent
    (not yet filled nor working). Returns 0 when below `min_child` (unless it finishes the
    parent)."""
    if not (0 < rate <= 1):
        raise ValueError("participation rate must be in (0, 1]")
    want = rate * max(0.0, market_volume) - executed - working
    q = min(max(0.0, want), max(0.0, remaining))
    if max_child > 0:
        q = min(q, max_child)
    if lot > 0:
        q = math.floor(q / lot + 1e-9) * lot
    if q <= 1e-12:
        return 0.0
    if min_child > 0 and q < min_child and q < remaining - 1e-12:
        return 0.0
    return q


# --- transaction cost analysis ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FillSample:
    quantity: float
    price: float
    fee: float = 0.0
    maker: bool = False


@dataclass(slots=True)
class ExecutionQualityResult:
    filled_quantity: float
    average_fill_price: float
    arrival_slippage_bps: float
    vwap_slippage_bps: float
    twap_slippage_bps: float
    implementation_shortfall: float
    total_fees: float
    maker_ratio: float
    participation_rate: float
    fill_ratio: float
    notes: list[str] = field(default_factory=list)


def slippage_bps(side_sign: int, price: float, benchmark: float) -> float:
    """(price - benchmark) / benchmark in bps, signed so that positive is a cost: a buy above
    the benchmark or a sell below it. 0 when there is no benchmark."""
    if not benchmark or not math.isfinite(benchmark) or not math.isfinite(price) or price <= 0:
        return 0.0
    return side_sign * (price - benchmark) / benchmark * 1e4


def execution_quality(side_sign: int, order_quantity: float, fills: Sequence[FillSample],
                      arrival_price: float, interval_vwap: float = 0.0,
                      interval_twap: float = 0.0, market_volume: float = 0.0,
                      last_price: float = 0.0, multiplier: float = 1.0) -> ExecutionQualityResult:
    """Slippage of the average fill price against each benchmark (positive = cost) and the
    implementation shortfall in money: execution cost against arrival plus fees plus the
    opportunity cost of the unfilled quantity (valued at `last_price`)."""
    if side_sign not in (1, -1):
        raise ValueError("side_sign must be +1 (buy) or -1 (sell)")
    filled = sum(f.quantity for f in fills)
    notional = sum(f.quantity * f.price for f in fills)
    fees = sum(f.fee for f in fills)
    avg = notional / filled if filled > 0 else 0.0
    maker = sum(f.quantity for f in fills if f.maker)
    notes = []
    if not arrival_price:
        notes.append("no arrival price")
    if not interval_vwap:
        notes.append("no market VWAP over the interval")
    exec_cost = (side_sign * (notional - filled * arrival_price) * multiplier
                 if arrival_price else 0.0)
    unfilled = max(0.0, order_quantity - filled)
    opp = (side_sign * (last_price - arrival_price) * unfilled * multiplier
           if arrival_price and last_price and unfilled > 0 else 0.0)
    return ExecutionQualityResult(
        filled_quantity=filled,
        average_fill_price=avg,
        arrival_slippage_bps=slippage_bps(side_sign, avg, arrival_price) if filled else 0.0,
        vwap_slippage_bps=slippage_bps(side_sign, avg, interval_vwap) if filled else 0.0,
        twap_slippage_bps=slippage_bps(side_sign, avg, interval_twap) if filled else 0.0,
        implementation_shortfall=exec_cost + fees + opp,
        total_fees=fees,
        maker_ratio=maker / filled if filled > 0 else 0.0,
        participation_rate=filled / market_volume if market_volume > 0 else 0.0,
        fill_ratio=filled / order_quantity if order_quantity > 0 else 0.0,
        notes=notes,
    )
