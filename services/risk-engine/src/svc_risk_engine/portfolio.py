"""Portfolio risk of an account from the engine's state: return history per instrument (from
bars), VaR / ES with contributions, and stress tests. Pure computation on copies of the state,
so it can run in a worker thread while the event loop keeps checking orders."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np
from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni_quant import risk as qr

from svc_risk_engine.engine import ASSET_CLASS_NAMES, InstrumentInfo, RiskEngine, fmt

__all__ = ["PriceHistory", "PortfolioSnapshot", "snapshot", "compute_var", "stress"]

RATES_SECTORS = frozenset({"rates", "fixed_income", "bonds", "treasuries"})


class PriceHistory:
    """Closes of one bar timeframe per instrument, keyed by bar start (seconds), bounded."""

    def __init__(self, timeframe: str = "1d", capacity: int = 520) -> None:
        self.timeframe = timeframe
        self.capacity = capacity
        self.closes: dict[str, dict[int, float]] = {}
        self._order: dict[str, deque[int]] = {}

    def add(self, inst: str, start_s: int, close: float) -> None:
        if not (math.isfinite(close) and close > 0):
            return
        d = self.closes.setdefault(inst, {})
        q = self._order.setdefault(inst, deque())
        if start_s not in d:
            q.append(start_s)
            if len(q) > self.capacity:
                d.pop(q.popleft(), None)
        d[start_s] = close

    def subset(self, insts: list[str]) -> PriceHistory:
        """A copy holding only `insts` (taken on the event loop, read by a worker thread)."""
        out = PriceHistory(self.timeframe, self.capacity)
        for i in insts:
            d = self.closes.get(i)
            if d:
                out.closes[i] = dict(d)
        return out

    def returns(self, insts: list[str], lookback: int) -> np.ndarray:
        """Simple returns on the bar times every instrument has (rows = periods), the last
        `lookback` of them; shape (0, n) when there are none."""
        if not insts:
            return np.zeros((0, 0))
        common: set[int] | None = None
        for i in insts:
            keys = set(self.closes.get(i, {}))
            common = keys if common is None else common & keys
        times = sorted(common or ())[-(lookback + 1):]
        if len(times) < 2:
            return np.zeros((0, len(insts)))
        px = np.array([[self.closes[i][t] for i in insts] for t in times], dtype=float)
        return px[1:] / px[:-1] - 1.0


@dataclass(slots=True)
class PortfolioSnapshot:
    account_id: str
    instruments: list[str]
    values: np.ndarray
    infos: list[InstrumentInfo]
    equity: float


def snapshot(engine: RiskEngine, account_id: str) -> PortfolioSnapshot:
    acct = engine.accounts.get(account_id)
    if acct is None:
        return PortfolioSnapshot(account_id, [], np.zeros(0), [], 0.0)
    insts = sorted(i for i, v in acct.book.mv.items() if v != 0.0)
    return PortfolioSnapshot(
        account_id,
        insts,
        np.array([acct.book.mv[i] for i in insts], dtype=float),
        [engine.instruments.get(i) or InstrumentInfo(i) for i in insts],
        acct.equity,
    )


def compute_var(
    snap: PortfolioSnapshot,
    history: PriceHistory,
    method: int,
    confidence: float,
    horizon_days: int,
    lookback: int,
    paths: int,
    *,
    periods_per_day: float = 1.0,
    default_daily_vol: float = 0.02,
    min_observations: int = 30,
    seed: int = 7,
    contributions: bool = True,
) -> pb.VarResult:
    """VaR of a snapshot. Historical needs `min_observations` common returns for every
    position; otherwise (and for parametric / Monte Carlo) the covariance is estimated from
    what history there is, with `default_daily_vol` and zero correlation for instruments
    without enough of it. The method actually used is reported in the result."""
    res = pb.VarResult(account_id=snap.account_id, confidence=confidence,
                       horizon_days=horizon_days)
    res.portfolio_value.value = fmt(float(snap.values.sum()))
    if snap.values.size == 0:
        res.method = method
        res.var.value = "0"
        res.expected_shortfall.value = "0"
        return res
    # one-period figures are scaled to the horizon: h days = h * periods_per_day periods
    h_periods = max(1, round(horizon_days * periods_per_day))
    r = history.returns(snap.instruments, lookback)
    if method == pb.VAR_METHOD_HISTORICAL and r.shape[0] >= min_observations:
        est = qr.historical_var(snap.values, r, confidence, h_periods, contributions=contributions)
    else:
        if method == pb.VAR_METHOD_HISTORICAL:
            method = pb.VAR_METHOD_PARAMETRIC
        cov = _covariance(snap, history, lookback, periods_per_day, default_daily_vol,
                          min_observations)
        if method == pb.VAR_METHOD_MONTE_CARLO:
            est = qr.monte_carlo_var(snap.values, cov, confidence, h_periods, paths=paths,
                                     seed=seed, contributions=contributions)
        else:
            method = pb.VAR_METHOD_PARAMETRIC
            est = qr.parametric_var(snap.values, cov, confidence, h_periods,
                                    contributions=contributions)
    res.method = method
    res.var.value = fmt(est.var)
    res.expected_shortfall.value = fmt(est.expected_shortfall)
    res.sample_size = est.sample_size
    if contributions and est.component_var.size:
        ratio = est.contribution_ratio
        for k, inst in enumerate(snap.instruments):
            c = res.contributions.add(marginal_var=float(est.marginal_var[k]),
                                      contribution_ratio=float(ratio[k]))
            c.instrument_id.value = inst
            c.position_value.value = fmt(float(snap.values[k]))
            c.component_var.value = fmt(float(est.component_var[k]))
    return res


def _covariance(
    snap: PortfolioSnapshot, history: PriceHistory, lookback: int, periods_per_day: float,
    default_daily_vol: float, min_observations: int,
) -> np.ndarray:
    n = len(snap.instruments)
    default_var = default_daily_vol**2 / periods_per_day
    cov = np.diag(np.full(n, default_var))
    good = [k for k, i in enumerate(snap.instruments)
            if len(history.closes.get(i, ())) > min_observations]
    if len(good) >= 1:
        r = history.returns([snap.instruments[k] for k in good], lookback)
        if r.shape[0] >= min_observations:
            sub = np.atleast_2d(np.cov(r, rowvar=False))
            cov[np.ix_(good, good)] = sub
    return cov


def stress(
    snap: PortfolioSnapshot,
    specs: list[tuple[int, qr.StressScenarioSpec]],
    instrument_shocks: dict[str, float],
    asset_class_shocks: dict[str, float],
    limits: list[pb.Limit],
    *,
    bond_duration: float = 7.0,
) -> list[pb.ScenarioResult]:
    positions = []
    for inst, value, info in zip(snap.instruments, snap.values, snap.infos, strict=True):
        sector = info.sector.lower()
        ac = ASSET_CLASS_NAMES.get(info.asset_class, "equity")
        duration = bond_duration if sector in RATES_SECTORS else 0.0
        if sector in RATES_SECTORS:
            ac = "rates"
        usd_quote = not inst.upper().startswith("USD")
        positions.append(qr.PositionExposure(inst, float(value), ac, info.sector, duration,
                                             0.0, usd_quote))
    out = []
    for enum_value, spec in specs:
        res = qr.run_stress(positions, spec, instrument_shocks, asset_class_shocks)
        sr = pb.ScenarioResult(scenario=enum_value, name=spec.name, pnl_ratio=res.pnl_ratio)
        sr.pnl.value = fmt(res.pnl)
        for key, pnl, move in res.impacts:
            pi = sr.impacts.add(applied_move=move)
            pi.instrument_id.value = key
            pi.pnl.value = fmt(pnl)
        # the scenario loss taken in one day: daily loss and drawdown limits (VaR limits are
        # about the distribution, not one scenario)
        loss = -res.pnl
        for lim in limits:
            if not lim.enabled:
                continue
            t = float(lim.threshold.value or "nan")
            if lim.type == pb.LIMIT_TYPE_MAX_DAILY_LOSS and loss > t:
                sr.breached_limits.append(lim.type)
            elif lim.type in (pb.LIMIT_TYPE_MAX_DRAWDOWN, pb.LIMIT_TYPE_MAX_DAILY_DRAWDOWN,
                              pb.LIMIT_TYPE_MAX_MONTHLY_DRAWDOWN) and snap.equity > 0 and (
                    loss / snap.equity > t):
                sr.breached_limits.append(lim.type)
        out.append(sr)
    return out


SCENARIOS: dict[int, str] = {
    pb.STRESS_SCENARIO_GFC_2008: "gfc_2008",
    pb.STRESS_SCENARIO_COVID_MARCH_2020: "covid_march_2020",
    pb.STRESS_SCENARIO_RATE_SHOCK_2022: "rate_shock_2022",
}

ASSET_CLASS_KEYS = {k: v for k, v in ASSET_CLASS_NAMES.items()} | {ct.ASSET_CLASS_UNSPECIFIED: ""}
