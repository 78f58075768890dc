"""Event-driven backtests on the live code path.

`run_backtest` builds a `StrategyRunner` (the live kernel) with a `BarClock` and the
`BacktestTransport` (risk-engine check engine + matching engine), and feeds it the bars: per
bar the venue first sees it (orders that arrived meet the open, working orders the bar's
path), then the runner (``on_bar`` of every strategy on the instrument). The loop runs over
plain lists made from the numpy arrays with one reused `Bar`; an instrument with no queued or
working orders costs the venue nothing.

Equity, positions and statistics are computed after the loop from the fill log (vectorised).
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np

from svc_strategy_engine.data import MarketData
from svc_strategy_engine.kernel import FAILED, STATE_NAMES, BarClock, StrategyRunner
from svc_strategy_engine.model import NS, Bar, DataError
from svc_strategy_engine.strategy import Strategy, get_strategy_class
from svc_strategy_engine.venue import RISK_AVAILABLE, BacktestTransport, FillModel

__all__ = ["BacktestResult", "run_backtest", "compute_stats", "periods_per_year"]

_CHUNK = 16_384


@dataclass
class BacktestResult:
    strategy: str
    params: dict[str, Any]
    instruments: list[str]
    ts: np.ndarray
    equity: np.ndarray
    positions: dict[str, np.ndarray]
    fills: list[dict[str, Any]]
    round_trips: list[dict[str, Any]]
    stats: dict[str, float]
    capital: float
    net_pnl: Decimal
    fees: Decimal
    orders: int
    risk_rejections: int
    state: str
    error: str
    bars: int
    elapsed_s: float
    timeframe: str = "1d"
    source: str = ""
    trade_from: int = 0
    order_log: list[tuple] = field(default_factory=list)

    @property
    def bars_per_second(self) -> float:
        return self.bars / self.elapsed_s if self.elapsed_s > 0 else math.inf

    def returns(self) -> np.ndarray:
        e = self.equity[self.trade_from:]
        return np.diff(e) / e[:-1] if len(e) > 1 else np.zeros(0)

    def to_json(self, *, curve: bool = True) -> dict[str, Any]:
        d = {
            "strategy": self.strategy, "params": self.params, "instruments": self.instruments,
            "source": self.source, "timeframe": self.timeframe, "bars": self.bars,
            "capital": self.capital, "net_pnl": str(self.net_pnl), "fees": str(self.fees),
            "orders": self.orders, "fills": len(self.fills),
            "risk_rejections": self.risk_rejections, "state": self.state,
            "error": self.error, "stats": self.stats,
            "risk_engine": RISK_AVAILABLE,
            "start": _iso(self.ts[0]) if len(self.ts) else None,
            "end": _iso(self.ts[-1]) if len(self.ts) else None,
            "trades": self.fills, "round_trips": self.round_trips,
        }
        if curve:
            d["equity_curve"] = [[_iso(t), round(float(v), 6)]
                                 for t, v in zip(self.ts[self.trade_from:],
                                                 self.equity[self.trade_from:], strict=True)]
        return d


def _iso(ns: Any) -> str:
    import pandas as pd

    return pd.Timestamp(int(ns), unit="ns", tz="UTC").isoformat()


def periods_per_year(ts: np.ndarray, timeframe: str = "") -> float:
    if timeframe == "1d" or len(ts) < 2:
        return 252.0
    dd = np.diff(ts)
    dd = dd[dd > 0]
    if not len(dd):
        return 252.0
    d = float(np.median(dd)) / NS
    if d >= 86_400 * 0.9:
        return 252.0 * 86_400 / d
    return 252.0 * 23_400.0 / d


def compute_stats(equity: np.ndarray, *, ppy: float = 252.0,
                  round_trips: list[dict[str, Any]] | None = None, n_fills: int = 0,
                  traded_notional: float = 0.0) -> dict[str, float]:
    e = np.asarray(equity, dtype=float)
    out = {k: 0.0 for k in ("total_return", "annualized_return", "annualized_volatility",
                            "sharpe_ratio", "sortino_ratio", "calmar_ratio", "max_drawdown",
                            "win_rate", "profit_factor", "turnover")}
    out["trades"] = float(n_fills)
    if len(e) < 2 or e[0] <= 0:
        return out
    r = np.diff(e) / e[:-1]
    r = r[np.isfinite(r)]
    tot = e[-1] / e[0] - 1.0
    years = len(r) / ppy
    out["total_return"] = float(tot)
    out["annualized_return"] = float((1 + tot) ** (1 / years) - 1) if years > 0 and tot > -1 \
        else -1.0
    sd = float(r.std(ddof=1)) if len(r) > 1 else 0.0
    out["annualized_volatility"] = sd * math.sqrt(ppy)
    out["sharpe_ratio"] = float(r.mean() / sd * math.sqrt(ppy)) if sd > 0 else 0.0
    down = r[r < 0]
    dd_sd = float(np.sqrt((down**2).sum() / len(r))) if len(r) else 0.0
    out["sortino_ratio"] = float(r.mean() / dd_sd * math.sqrt(ppy)) if dd_sd > 0 else 0.0
    peak = np.maximum.accumulate(e)
    mdd = float(((e - peak) / peak).min())
    out["max_drawdown"] = mdd
    out["calmar_ratio"] = out["annualized_return"] / -mdd if mdd < 0 else 0.0
    if round_trips:
        pnl = np.array([t["pnl"] for t in round_trips])
        out["win_rate"] = float((pnl > 0).mean())
        loss = -pnl[pnl < 0].sum()
        out["profit_factor"] = float(pnl[pnl > 0].sum() / loss) if loss > 0 else (
            math.inf if (pnl > 0).any() else 0.0)
    if traded_notional:
        out["turnover"] = traded_notional / float(np.mean(e)) / max(years, 1e-9)
    return {k: (float(v) if math.isfinite(v) else (1e308 if v > 0 else -1e308))
            for k, v in out.items()}


def _round_trips(fills: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Round trips per instrument: from flat to flat (a flip closes one and opens the next);
    P&L net of fees, average-cost accounting."""
    out: list[dict[str, Any]] = []
    state: dict[str, dict[str, Any]] = {}
    for f in fills:
        inst = f["instrument"]
        q = f["quantity"] if f["side"] == "BUY" else -f["quantity"]
        px, fee = f["price"], f["fee"]
        s = state.get(inst)
        if s is None or s["pos"] == 0:
            s = state[inst] = {"pos": 0.0, "avg": 0.0, "pnl": 0.0, "open": f["time"],
                               "side": "LONG" if q > 0 else "SHORT", "qty": 0.0}
        pos = s["pos"]
        s["pnl"] -= fee
        if pos == 0 or (pos > 0) == (q > 0):
            s["avg"] = (s["avg"] * abs(pos) + px * abs(q)) / (abs(pos) + abs(q))
            s["pos"] = pos + q
            s["qty"] = max(s["qty"], abs(s["pos"]))
            continue
        closing = min(abs(q), abs(pos))
        s["pnl"] += closing * (px - s["avg"]) * (1 if pos > 0 else -1)
        new = pos + q
        if abs(new) < 1e-9 or (new > 0) != (pos > 0):
            out.append({"instrument": inst, "side": s["side"], "quantity": s["qty"],
                        "entry_time": s["open"], "exit_time": f["time"],
                        "entry_price": s["avg"], "exit_price": px, "pnl": s["pnl"]})
            if abs(new) >= 1e-9:
                state[inst] = {"pos": new, "avg": px, "pnl": 0.0, "open": f["time"],
                               "side": "LONG" if new > 0 else "SHORT", "qty": abs(new)}
            else:
                s["pos"] = 0.0
        else:
            s["pos"] = new
    return out


def run_backtest(strategy: str | Strategy, data: MarketData,
                 params: Mapping[str, Any] | None = None, *, capital: float = 1_000_000.0,
                 fill: FillModel | None = None, trade_from: int = 0,
                 instruments: list[str] | None = None, use_risk: bool = True,
                 progress: Callable[[int, int], None] | None = None,
                 strategy_id: str = "") -> BacktestResult:
    """Run one strategy over ``data`` on the live kernel. ``trade_from``: bars before this
    index warm the strategy up (it runs PAUSED there: state warm, orders refused)."""
    if isinstance(strategy, str):
        cls = get_strategy_class(strategy)
        strat = cls(**dict(params or {}))
    else:
        strat = strategy
    fill = fill or FillModel()
    if len(data) == 0:
        raise DataError("the data range is empty: no bars to backtest")
    insts = instruments or data.instruments
    n = len(data)
    if not (0 <= trade_from < n):
        raise DataError(f"trade_from {trade_from} is outside the data (0..{n - 1})")
    clock = BarClock()
    runner = StrategyRunner(clock, None, account_id="backtest")
    ticks = {k: s.tick_size for k, s in data.series.items()}
    transport = BacktestTransport(runner, fill, capital=capital, tick_sizes=ticks,
                                  use_risk=use_risk)
    runner.transport = transport
    for i in insts:
        transport._inst(i)
    t0 = time.perf_counter()
    h = runner.add(strat, insts, strategy_id=strategy_id or strat.name, capital=capital)
    if trade_from > 0 and h.state != FAILED:
        runner.pause(h.strategy_id, "backtest", "warm-up")
    series = [data.series[i] for i in insts]
    cols = [(s.instrument, s.ts.tolist(), s.open.tolist(), s.high.tolist(), s.low.tolist(),
             s.close.tolist(), s.volume.tolist()) for s in series]
    bounds = sorted({0, trade_from, n, *range(0, n, _CHUNK)})
    # the loop allocates little but holds ~6n floats: keep the cyclic GC from rescanning them
    gc_was = gc.isenabled()
    gc.disable()
    try:
        _loop(runner, transport, h, cols, bounds, trade_from, n, progress)
    finally:
        if gc_was:
            gc.enable()
    elapsed = time.perf_counter() - t0
    return _result(strat, runner, transport, h, data, insts, capital, n, elapsed, trade_from)


def _loop(runner: StrategyRunner, transport: BacktestTransport, h: Any, cols: list[tuple],
          bounds: list[int], trade_from: int, n: int,
          progress: Callable[[int, int], None] | None) -> None:
    on_bar = runner.on_bar
    venue_bar = transport.on_bar
    busy = transport.busy
    if len(cols) == 1:
        inst, T, Op, H, L, C, V = cols[0]
        bar = Bar(inst)
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            if a == trade_from and a > 0 and h.state != FAILED:
                runner.resume(h.strategy_id, "backtest")
            for i in range(a, b):
                bar.ts = T[i]
                bar.open = Op[i]
                bar.high = H[i]
                bar.low = L[i]
                bar.close = C[i]
                bar.volume = V[i]
                bar.index = i
                if busy and inst in busy:
                    venue_bar(bar)
                on_bar(bar)
            if progress is not None:
                progress(b, n)
    else:
        bars = [Bar(c[0]) for c in cols]
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            if a == trade_from and a > 0 and h.state != FAILED:
                runner.resume(h.strategy_id, "backtest")
            for i in range(a, b):
                for bar, (inst, T, Op, H, L, C, V) in zip(bars, cols, strict=True):
                    bar.ts = T[i]
                    bar.open = Op[i]
                    bar.high = H[i]
                    bar.low = L[i]
                    bar.close = C[i]
                    bar.volume = V[i]
                    bar.index = i
                    if busy and inst in busy:
                        venue_bar(bar)
                    on_bar(bar)
            if progress is not None:
                progress(b, n)


def _result(strat: Strategy, runner: StrategyRunner, transport: BacktestTransport, h: Any,
            data: MarketData, insts: list[str], capital: float, n: int, elapsed: float,
            trade_from: int) -> BacktestResult:
    closes = np.column_stack([data.series[i].close for i in insts])
    return _assemble(strat, runner, transport, h, insts, data.ts, closes, capital, elapsed,
                     trade_from, data.timeframe, data.source, n * len(insts))


def _assemble(strat: Strategy, runner: StrategyRunner, transport: BacktestTransport, h: Any,
              insts: list[str], ts: np.ndarray, closes: np.ndarray, capital: float,
              elapsed: float, trade_from: int, timeframe: str, source: str,
              events: int) -> BacktestResult:
    """Equity, positions, trades and statistics from the fill log; ``closes`` (n, k) are the
    marks at each event time."""
    n = len(ts)
    idx_of = {k: j for j, k in enumerate(insts)}
    dpos = np.zeros((n, len(insts)))
    dcash = np.zeros(n)
    fills: list[dict[str, Any]] = []
    cash_dec = Decimal(repr(float(capital)))
    fees_dec = Decimal(0)
    last_pos = dict.fromkeys(insts, Decimal(0))
    traded = 0.0
    log = runner.fill_log
    if log:
        fts = np.array([f[0] for f in log], dtype=np.int64)
        bi = np.minimum(np.searchsorted(ts, fts, "right") - 1, n - 1)
        for (t, _sid, inst, side, q, px, fee, oid), i in zip(log, bi.tolist(), strict=True):
            j = idx_of[inst]
            dpos[i, j] += side * q
            dcash[i] -= side * q * px + fee
            traded += q * px
            dq = Decimal(repr(q))
            cash_dec -= (dq if side > 0 else -dq) * Decimal(repr(px)) + Decimal(repr(fee))
            fees_dec += Decimal(repr(fee))
            last_pos[inst] += dq if side > 0 else -dq
            fills.append({"time": _iso(t), "instrument": inst,
                          "side": "BUY" if side > 0 else "SELL", "quantity": q,
                          "price": px, "fee": fee, "order_id": oid, "bar": i})
    pos = np.cumsum(dpos, axis=0)
    cash = capital + np.cumsum(dcash)
    equity = cash + (pos * closes).sum(axis=1)
    final = cash_dec + sum((last_pos[i] * Decimal(repr(float(closes[-1, j])))
                            for j, i in enumerate(insts)), Decimal(0))
    net = (final - Decimal(repr(float(capital)))).quantize(Decimal("0.00000001"))
    trips = _round_trips(fills)
    ppy = periods_per_year(ts, timeframe)
    stats = compute_stats(equity[trade_from:], ppy=ppy, round_trips=trips,
                          n_fills=len(fills), traded_notional=traded)
    return BacktestResult(
        strategy=strat.name, params=dict(strat.parameters), instruments=insts, ts=ts,
        equity=equity, positions={k: pos[:, j] for j, k in enumerate(insts)}, fills=fills,
        round_trips=trips, stats=stats, capital=capital, net_pnl=net,
        fees=fees_dec.quantize(Decimal("0.00000001")), orders=h.n_orders,
        risk_rejections=transport.risk_rejections, state=STATE_NAMES[h.state], error=h.error,
        bars=events, elapsed_s=elapsed, timeframe=timeframe, source=source,
        trade_from=trade_from, order_log=list(runner.order_log))


def result_summary(r: BacktestResult) -> dict[str, Any]:
    return {k: v for k, v in asdict(r).items() if k in ("strategy", "params", "stats")}


def simulated_quotes(n_steps: int, *, seed: int = 7, instruments: list[str] | None = None,
                     dt: float = 1.0) -> dict[str, np.ndarray]:
    """Top-of-book quotes from the market-data simulator, as arrays in event order (per step,
    the instruments in universe order): ts, inst (index), bid, ask, bid_size, ask_size."""
    from omni_quant.marketsim import DEFAULT_UNIVERSE, MarketSimulator

    specs = DEFAULT_UNIVERSE
    if instruments:
        by = {s.instrument_id: s for s in specs}
        missing = [i for i in instruments if i not in by]
        if missing:
            raise DataError(f"sim: unknown instrument(s) {missing}; known: {list(by)}")
        specs = tuple(by[i] for i in instruments)
    sim = MarketSimulator(specs, seed=seed, dt=dt, profile=False)
    b = sim.simulate(n_steps)
    k = len(specs)
    return {"instruments": np.array([s.instrument_id for s in specs]),
            "ticks": np.array([s.tick_size for s in specs]),
            "ts": np.repeat(b.ts_ns, k), "inst": np.tile(np.arange(k), n_steps),
            "bid": b.bid.ravel(), "ask": b.ask.ravel(), "bid_size": b.bid_size.ravel(),
            "ask_size": b.ask_size.ravel()}


def run_tick_backtest(strategy: str | Strategy, quotes: dict[str, np.ndarray],
                      params: Mapping[str, Any] | None = None, *,
                      capital: float = 1_000_000.0, fill: FillModel | None = None,
                      use_risk: bool = True, strategy_id: str = "") -> BacktestResult:
    """The same kernel over top-of-book quotes (``simulated_quotes`` layout): per quote the
    venue first (the book becomes the quote; arrived orders meet it), then ``on_quote``."""
    from svc_strategy_engine.model import Quote

    strat = get_strategy_class(strategy)(**dict(params or {})) if isinstance(strategy, str) \
        else strategy
    fill = fill or FillModel()
    n = len(quotes["ts"])
    if n == 0:
        raise DataError("the quote stream is empty: nothing to backtest")
    names = [str(x) for x in quotes["instruments"]]
    for a in ("bid", "ask"):
        bad = ~np.isfinite(quotes[a]) | (quotes[a] <= 0)
        if bad.any():
            raise DataError(f"quotes: non-positive or NaN {a} at event {int(np.argmax(bad))}")
    if (np.diff(quotes["ts"]) < 0).any():
        raise DataError("quotes: timestamps go backwards")
    clock = BarClock()
    runner = StrategyRunner(clock, None, account_id="backtest")
    transport = BacktestTransport(runner, fill, capital=capital,
                                  tick_sizes=dict(zip(names, quotes["ticks"].tolist(),
                                                      strict=True)), use_risk=use_risk)
    runner.transport = transport
    for i in names:
        transport._inst(i)
    t0 = time.perf_counter()
    h = runner.add(strat, names, strategy_id=strategy_id or strat.name, capital=capital)
    qs = [Quote(i, 0, 0.0, 0.0) for i in names]
    on_quote, venue_quote, busy = runner.on_quote, transport.on_quote, transport.busy
    T, IX = quotes["ts"].tolist(), quotes["inst"].tolist()
    B, A = quotes["bid"].tolist(), quotes["ask"].tolist()
    BS, AS = quotes["bid_size"].tolist(), quotes["ask_size"].tolist()
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for e in range(n):
            q = qs[IX[e]]
            q.ts = T[e]
            q.bid = B[e]
            q.ask = A[e]
            q.bid_size = BS[e]
            q.ask_size = AS[e]
            if busy and q.instrument in busy:
                venue_quote(q)
            on_quote(q)
    finally:
        if gc_was:
            gc.enable()
    elapsed = time.perf_counter() - t0
    import pandas as pd

    mid = np.full((n, len(names)), np.nan)
    mid[np.arange(n), quotes["inst"]] = 0.5 * (quotes["bid"] + quotes["ask"])
    marks = pd.DataFrame(mid).ffill().bfill().to_numpy()
    return _assemble(strat, runner, transport, h, names, quotes["ts"], marks, capital, elapsed,
                     0, "tick", "sim-quotes", n)
