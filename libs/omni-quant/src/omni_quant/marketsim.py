"""A deterministic multi-asset market simulator (pure: numpy only, no I/O, no clock).

Given a seed, a universe of instruments and a correlation matrix, it produces the same stream
of quotes, trades and level-2 books every time:

* log-prices follow correlated Gaussian diffusions (Cholesky of the correlation matrix) with
  compound-Poisson jumps per instrument;
* volatility and trading intensity follow an intraday profile per asset class (U-shaped over
  the equity cash session, a London/New York hump for FX and futures, flat-ish for crypto);
* each step emits one top-of-book quote per instrument (tick-rounded, spread widening with
  volatility) and a Poisson number of trades at the touch;
* :meth:`MarketSimulator.book` builds an L2 book around the current quote, deterministic for
  (seed, step, instrument), for the market-data service and for the paper venue's matching
  engine.

Time is simulated: steps are ``dt`` seconds apart from ``start_ns``; nothing here sleeps.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from omni_quant.orderbook import OrderBook

__all__ = [
    "InstrumentSpec",
    "Quote",
    "Trade",
    "MarketSimulator",
    "DEFAULT_UNIVERSE",
    "default_correlation",
    "intraday_profile",
    "nearest_correlation",
]

NS = 1_000_000_000
DAY_NS = 86_400 * NS

SECONDS_PER_YEAR = {
    "equity": 252 * 23_400.0,  # 6.5 h cash session
    "future": 252 * 82_800.0,  # 23 h Globex day
    "fx": 260 * 86_400.0,
    "crypto": 365 * 86_400.0,
}


@dataclass(frozen=True, slots=True)
class InstrumentSpec:
    instrument_id: str
    asset_class: str  # equity | fx | future | crypto
    price: float
    annual_vol: float
    tick_size: float
    lot_size: float = 1.0
    spread_ticks: float = 1.0
    drift: float = 0.0  # annual, in log terms
    jumps_per_day: float = 0.0
    jump_mean: float = 0.0  # log jump size
    jump_std: float = 0.0
    trades_per_day: float = 20_000.0
    avg_trade_size: float = 100.0
    top_size: float = 500.0  # average displayed size at the touch
    currency: str = "USD"
    venue: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.asset_class not in SECONDS_PER_YEAR:
            raise ValueError(f"{self.instrument_id}: unknown asset class {self.asset_class!r}")
        if not (self.price > 0 and self.tick_size > 0 and self.annual_vol >= 0):
            raise ValueError(f"{self.instrument_id}: price, tick size must be > 0, vol >= 0")


@dataclass(slots=True)
class Quote:
    instrument: str
    ts_ns: int
    bid: float
    ask: float
    bid_size: float
    ask_size: float


@dataclass(slots=True)
class Trade:
    instrument: str
    ts_ns: int
    price: float
    size: float
    side: int  # 1 buy aggressor, 2 sell aggressor, 0 unknown
    trade_id: str = ""


DEFAULT_UNIVERSE: tuple[InstrumentSpec, ...] = (
    InstrumentSpec("AAPL.XNAS", "equity", 190.0, 0.28, 0.01, 1, 1.5, 0.05, 0.3, 0.0, 0.02,
                   60_000, 120, 400, "USD", "XNAS", "Apple Inc."),
    InstrumentSpec("MSFT.XNAS", "equity", 420.0, 0.25, 0.01, 1, 2.0, 0.05, 0.3, 0.0, 0.02,
                   50_000, 80, 300, "USD", "XNAS", "Microsoft Corp."),
    InstrumentSpec("SPY.ARCX", "equity", 560.0, 0.16, 0.01, 1, 1.0, 0.04, 0.1, 0.0, 0.01,
                   80_000, 200, 2_000, "USD", "ARCX", "SPDR S&P 500 ETF"),
    InstrumentSpec("ESZ6.XCME", "future", 5_650.0, 0.16, 0.25, 1, 1.0, 0.04, 0.1, 0.0, 0.01,
                   40_000, 3, 60, "USD", "XCME", "E-mini S&P 500 Dec 2026"),
    InstrumentSpec("EURUSD.FX", "fx", 1.085, 0.07, 0.00001, 1_000, 8.0, 0.0, 0.05, 0.0, 0.004,
                   30_000, 1_000_000, 3_000_000, "USD", "FX", "Euro / US dollar"),
    InstrumentSpec("USDJPY.FX", "fx", 151.2, 0.09, 0.001, 1_000, 10.0, 0.0, 0.05, 0.0, 0.005,
                   25_000, 1_000_000, 3_000_000, "JPY", "FX", "US dollar / Japanese yen"),
    InstrumentSpec("BTC-USD.CRYPTO", "crypto", 65_000.0, 0.55, 0.01, 0.00001, 50.0, 0.0, 1.0,
                   0.0, 0.03, 100_000, 0.05, 2.0, "USD", "CRYPTO", "Bitcoin / US dollar"),
    InstrumentSpec("ETH-USD.CRYPTO", "crypto", 3_200.0, 0.70, 0.01, 0.0001, 20.0, 0.0, 1.0,
                   0.0, 0.04, 80_000, 1.0, 30.0, "USD", "CRYPTO", "Ether / US dollar"),
)


def nearest_correlation(m: np.ndarray, floor: float = 1e-8) -> np.ndarray:
    """Clip negative eigenvalues and rescale to unit diagonal (a PSD correlation matrix)."""
    m = np.asarray(m, dtype=float)
    m = 0.5 * (m + m.T)
    w, v = np.linalg.eigh(m)
    w = np.clip(w, floor, None)
    out = (v * w) @ v.T
    d = np.sqrt(np.diag(out))
    out = out / np.outer(d, d)
    np.fill_diagonal(out, 1.0)
    return out


_CLASS_CORR = {
    ("equity", "equity"): 0.65,
    ("equity", "future"): 0.85,
    ("future", "future"): 0.9,
    ("fx", "fx"): -0.3,
    ("crypto", "crypto"): 0.8,
    ("equity", "crypto"): 0.2,
    ("future", "crypto"): 0.2,
    ("equity", "fx"): 0.05,
    ("future", "fx"): 0.05,
    ("crypto", "fx"): 0.0,
}


def default_correlation(specs: Sequence[InstrumentSpec]) -> np.ndarray:
    """A plausible block correlation by asset class (equities and index futures close,
    crypto together, FX pairs mildly opposed)."""
    n = len(specs)
    m = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = specs[i].asset_class, specs[j].asset_class
            rho = _CLASS_CORR.get((a, b), _CLASS_CORR.get((b, a), 0.0))
            m[i, j] = m[j, i] = rho
    return nearest_correlation(m)


EQUITY_OPEN_S = 13 * 3600 + 1800  # 13:30 UTC (09:30 New York, winter/summer ignored)
EQUITY_SESSION_S = 23_400


def intraday_profile(asset_class: str, seconds_of_day: np.ndarray | float) -> tuple:
    """(volatility multiplier, activity multiplier) for a UTC time of day.

    Equities: U-shaped over the cash session (high at the open, a midday lull, up into the
    close), quiet outside it. Futures and FX: a hump over the London/New York overlap.
    Crypto: nearly flat with a mild US-afternoon rise. Multipliers average about 1 over the
    active period.
    """
    s = np.asarray(seconds_of_day, dtype=float)
    if asset_class == "equity":
        u = (s - EQUITY_OPEN_S) / EQUITY_SESSION_S
        inside = (u >= 0) & (u < 1)
        uc = np.clip(u, 0.0, 1.0)
        shape = 0.55 + 1.1 * np.exp(-uc / 0.08) + 0.7 * np.exp(-(1 - uc) / 0.1)
        vol = np.where(inside, shape, 0.25)
        act = np.where(inside, shape**1.5, 0.03)
    elif asset_class in ("fx", "future"):
        h = s / 3600.0
        shape = 0.6 + 0.9 * np.exp(-(((h - 14.5) / 3.5) ** 2)) + 0.3 * np.exp(-(((h - 8) / 2) ** 2))
        vol = shape
        act = shape**1.5
    else:
        h = s / 3600.0
        shape = 0.85 + 0.3 * np.exp(-(((h - 16) / 4) ** 2))
        vol = shape
        act = shape
    if np.ndim(vol) == 0:
        return float(vol), float(act)
    return vol, act


def _decimals(tick: float) -> int:
    """Decimal places needed to write ``tick`` exactly (0.25 -> 2, 1e-05 -> 5, 5 -> 0)."""
    exp = Decimal(repr(float(tick))).normalize().as_tuple().exponent
    return max(0, -int(exp))


@dataclass
class _Batch:
    ts_ns: np.ndarray  # (n,)
    bid: np.ndarray  # (n, k)
    ask: np.ndarray
    bid_size: np.ndarray
    ask_size: np.ndarray
    trade_counts: np.ndarray  # (n, k) int
    mids: np.ndarray  # (n, k) unrounded latent mid


@dataclass
class MarketSimulator:
    """Seeded simulator over a universe. ``dt`` is the step in seconds.

    Call :meth:`events` for a stream of Quote/Trade objects, or :meth:`simulate` for arrays.
    The state (latent log-prices, step counter, clock) advances with each call; two
    simulators built with the same arguments and called the same way (same step counts and
    batch sizes) produce identical output.
    """

    specs: Sequence[InstrumentSpec] = DEFAULT_UNIVERSE
    seed: int = 7
    dt: float = 0.25
    start_ns: int = 1_767_619_800 * NS  # 2026-01-05 13:30:00 UTC, a Monday at the US open
    correlation: np.ndarray | None = None
    book_levels: int = 10
    jumps: bool = True
    profile: bool = True
    _rng: np.random.Generator = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.specs = tuple(self.specs)
        if not self.specs:
            raise ValueError("the simulator needs at least one instrument")
        if self.dt <= 0:
            raise ValueError("dt must be positive")
        ids = [s.instrument_id for s in self.specs]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate instrument ids in the universe")
        k = len(self.specs)
        corr = default_correlation(self.specs) if self.correlation is None else np.asarray(
            self.correlation, dtype=float)
        if corr.shape != (k, k):
            raise ValueError(f"correlation must be {k}x{k}, got {corr.shape}")
        self.correlation = corr
        self._chol = np.linalg.cholesky(nearest_correlation(corr))
        self._rng = np.random.Generator(np.random.PCG64(self.seed))
        self.index = {s.instrument_id: i for i, s in enumerate(self.specs)}
        self._log_px = np.log(np.array([s.price for s in self.specs]))
        self._sigma = np.array(
            [s.annual_vol * math.sqrt(self.dt / SECONDS_PER_YEAR[s.asset_class])
             for s in self.specs])
        self._mu = np.array(
            [(s.drift - 0.5 * s.annual_vol**2) * self.dt / SECONDS_PER_YEAR[s.asset_class]
             for s in self.specs])
        self._jump_rate = np.array([s.jumps_per_day * self.dt / 86_400.0 for s in self.specs])
        self._jump_mean = np.array([s.jump_mean for s in self.specs])
        self._jump_std = np.array([s.jump_std for s in self.specs])
        self._trade_rate = np.array([s.trades_per_day * self.dt / 86_400.0 for s in self.specs])
        self._tick = np.array([s.tick_size for s in self.specs])
        self._spread_ticks = np.array([s.spread_ticks for s in self.specs])
        self._top = np.array([s.top_size for s in self.specs])
        self._lot = np.array([s.lot_size for s in self.specs])
        self._decimals = [_decimals(s.tick_size) for s in self.specs]
        self._lot_decimals = np.array([_decimals(s.lot_size) for s in self.specs])
        self._classes = [s.asset_class for s in self.specs]
        self.step_count = 0
        self.jump_count = np.zeros(k, dtype=np.int64)
        self._trade_seq = 0
        self._last_bid = np.zeros(k)
        self._last_ask = np.zeros(k)
        self._last_bid_size = np.zeros(k)
        self._last_ask_size = np.zeros(k)

    # -- state ---------------------------------------------------------------------------

    @property
    def now_ns(self) -> int:
        return self.start_ns + int(round(self.step_count * self.dt * NS))

    @property
    def instrument_ids(self) -> list[str]:
        return [s.instrument_id for s in self.specs]

    def mid(self, instrument: str) -> float:
        return float(math.exp(self._log_px[self.index[instrument]]))

    # -- generation ----------------------------------------------------------------------

    def simulate(self, n_steps: int) -> _Batch:
        """Advance ``n_steps`` and return the quotes and trade counts as arrays."""
        k = len(self.specs)
        rng = self._rng
        steps = self.step_count + 1 + np.arange(n_steps)
        ts = self.start_ns + np.rint(steps * self.dt * NS).astype(np.int64)
        if self.profile:
            sod = ((ts % DAY_NS) / NS).astype(float)
            volm = np.empty((n_steps, k))
            actm = np.empty((n_steps, k))
            for j, cls in enumerate(self._classes):
                v, a = intraday_profile(cls, sod)
                volm[:, j] = v
                actm[:, j] = a
        else:
            volm = np.ones((n_steps, k))
            actm = np.ones((n_steps, k))
        z = rng.standard_normal((n_steps, k)) @ self._chol.T
        sig = self._sigma * volm
        incr = self._mu * volm**2 + sig * z
        if self.jumps:
            nj = rng.poisson(self._jump_rate, (n_steps, k))
            jz = rng.standard_normal((n_steps, k))
            incr += nj * self._jump_mean + np.sqrt(nj) * self._jump_std * jz
            self.jump_count += nj.sum(axis=0)
        else:
            rng.poisson(self._jump_rate, (n_steps, k))
            rng.standard_normal((n_steps, k))
        logp = self._log_px + np.cumsum(incr, axis=0)
        self._log_px = logp[-1].copy()
        mids = np.exp(logp)
        tick = self._tick
        spread_t = np.maximum(1.0, np.rint(self._spread_ticks * (0.6 + 0.4 * volm)))
        bid_t = np.floor(mids / tick - 0.5 * spread_t)
        bid = bid_t * tick
        ask = (bid_t + spread_t) * tick
        size_noise = rng.lognormal(0.0, 0.5, (n_steps, 2, k))
        lot = self._lot
        bsz = np.maximum(lot, np.rint(self._top * size_noise[:, 0] / lot) * lot)
        asz = np.maximum(lot, np.rint(self._top * size_noise[:, 1] / lot) * lot)
        counts = rng.poisson(self._trade_rate * actm)
        ld = int(self._lot_decimals.max())
        bsz = np.round(bsz, ld)
        asz = np.round(asz, ld)
        self.step_count += n_steps
        self._last_bid = bid[-1].copy()
        self._last_ask = ask[-1].copy()
        self._last_bid_size = bsz[-1].copy()
        self._last_ask_size = asz[-1].copy()
        return _Batch(ts, bid, ask, bsz, asz, counts, mids)

    def events(self, n_steps: int, batch: int = 1024) -> Iterator[Quote | Trade]:
        """Quotes and trades for ``n_steps`` steps, in time order within each instrument.

        Per step and instrument: the quote at the step time, then its trades at the touch,
        spread evenly inside the step (1 ns apart at least).
        """
        ids = self.instrument_ids
        k = len(ids)
        dec = self._decimals
        lot = self._lot
        lot_dec = self._lot_decimals.tolist()
        avg_size = np.array([s.avg_trade_size for s in self.specs])
        done = 0
        rng = self._rng
        step_ns = int(self.dt * NS)
        while done < n_steps:
            m = min(batch, n_steps - done)
            b = self.simulate(m)
            total_trades = int(b.trade_counts.sum())
            sides = rng.random(total_trades) < 0.5
            tsz = rng.lognormal(0.0, 0.8, total_trades)
            t = 0
            bid_l = b.bid.tolist()
            ask_l = b.ask.tolist()
            bsz_l = b.bid_size.tolist()
            asz_l = b.ask_size.tolist()
            cnt_l = b.trade_counts.tolist()
            ts_l = b.ts_ns.tolist()
            for r in range(m):
                ts = ts_l[r]
                br, ar, bsr, asr, cr = bid_l[r], ask_l[r], bsz_l[r], asz_l[r], cnt_l[r]
                for j in range(k):
                    bp = round(br[j], dec[j])
                    ap = round(ar[j], dec[j])
                    yield Quote(ids[j], ts, bp, ap, bsr[j], asr[j])
                    c = cr[j]
                    if c:
                        gap = max(1, step_ns // (c + 1))
                        for q in range(c):
                            buy = bool(sides[t])
                            size = round(max(lot[j], round(avg_size[j] * tsz[t] / lot[j])
                                             * lot[j]), lot_dec[j])
                            t += 1
                            self._trade_seq += 1
                            yield Trade(ids[j], ts + (q + 1) * gap, ap if buy else bp,
                                        float(size), 1 if buy else 2, f"S{self._trade_seq}")
            done += m

    def quotes(self) -> list[Quote]:
        """The latest quote of every instrument (after at least one step)."""
        return [
            Quote(s.instrument_id, self.now_ns, round(float(self._last_bid[i]), self._decimals[i]),
                  round(float(self._last_ask[i]), self._decimals[i]),
                  float(self._last_bid_size[i]), float(self._last_ask_size[i]))
            for i, s in enumerate(self.specs)
        ]

    def book_arrays(self, instrument: str, levels: int | None = None) -> tuple[np.ndarray, ...]:
        """(bid prices, bid sizes, ask prices, ask sizes) around the current quote.

        Deterministic for (seed, step, instrument). Level spacing widens slowly away from the
        touch; displayed size grows with distance (a typical depth profile).
        """
        i = self.index[instrument]
        n = levels or self.book_levels
        if self.step_count == 0:
            self.simulate(1)
        rng = np.random.Generator(np.random.PCG64([self.seed, self.step_count, i]))
        tick = self._tick[i]
        dec = self._decimals[i]
        gaps = 1 + rng.poisson(0.4, (2, n - 1))
        offs = np.concatenate([[0], np.cumsum(gaps[0])]), np.concatenate([[0], np.cumsum(gaps[1])])
        bid_px = np.round(self._last_bid[i] - offs[0] * tick, dec)
        ask_px = np.round(self._last_ask[i] + offs[1] * tick, dec)
        lot = self._lot[i]
        growth = 1.0 + 0.35 * np.arange(n)
        ld = int(self._lot_decimals[i])
        bsz = np.round(np.maximum(
            lot, np.rint(self._top[i] * growth * rng.lognormal(0, 0.4, n) / lot) * lot), ld)
        asz = np.round(np.maximum(
            lot, np.rint(self._top[i] * growth * rng.lognormal(0, 0.4, n) / lot) * lot), ld)
        bsz[0] = self._last_bid_size[i]
        asz[0] = self._last_ask_size[i]
        keep = bid_px > 0
        return bid_px[keep], bsz[keep], ask_px, asz

    def book(self, instrument: str, levels: int | None = None) -> OrderBook:
        bp, bs, ap, as_ = self.book_arrays(instrument, levels)
        return OrderBook.from_snapshot(instrument, bp.tolist(), bs.tolist(), ap.tolist(),
                                       as_.tolist(), self.now_ns, self.step_count)
