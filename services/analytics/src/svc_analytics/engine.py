"""From the stored history to the numbers: daily return series of accounts and strategies,
benchmarks, and the answers of the gRPC API (built here, served by `grpc_api`).

Series
- Account: the last NAV snapshot of each UTC day; daily return = NAV_d / NAV_d-1 - 1 (NAV to
  NAV: external cash flows are not taken out; fund-operations owns subscriptions).
- Strategy (account_id + strategy_id): from the strategy's P&L summaries (PnlUpdated with a
  strategy id): the last total P&L of each day; daily return = (P&L_d - P&L_d-1) / the
  account's NAV at the end of day d-1, so strategy returns are contributions to the account's.
- Portfolio (account_id "*"): every account together; a day's return is the mean of the
  accounts' returns that day weighted by their previous NAVs (an account joining is not a
  return); the equity curve is the sum of the accounts' latest NAVs (one base currency).
- Benchmark instrument: the last time-bar close of each day (market-data-stream Bars).
- A period [start, end) selects the returns dated in it (the NAV before the first one is the
  base). Daily points are stamped at 00:00 UTC of their day.

Bad input raises the kit's errors: InvalidArgument (empty subject, a period without returns,
NaN rates, unknown metric names), NotFound (an account or strategy with no history, an
instrument without prices), FailedPrecondition (what analytics cannot do yet).
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from google.protobuf.timestamp_pb2 import Timestamp
from omni.analytics.v1 import analytics_service_pb2 as pb
from omni.common.v1 import types_pb2 as common
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound
from omni_quant import performance as pf

from svc_analytics.store import AnalyticsStore

__all__ = ["Analytics", "SubjectSeries", "ROLLING_METRICS", "PORTFOLIO"]

# account_id of the portfolio: every account together
PORTFOLIO = "*"
ROLLING_METRICS = ("sharpe_ratio", "volatility", "beta", "sortino_ratio", "returns")


def ts(dt: datetime | pd.Timestamp) -> Timestamp:
    t = Timestamp()
    d = pd.Timestamp(dt)
    d = d.tz_localize(UTC) if d.tzinfo is None else d.tz_convert(UTC)
    t.FromDatetime(d.to_pydatetime())
    return t


def dec(v: Decimal | float | str) -> common.Decimal:
    return common.Decimal(value=str(v))


def points(series: pd.Series) -> list[common.TimeSeriesPoint]:
    return [common.TimeSeriesPoint(time=ts(i), value=float(v)) for i, v in series.items()]


@dataclass
class SubjectSeries:
    """What one subject's statistics are computed from."""

    label: str
    account_id: str
    strategy_id: str
    returns: pd.Series
    # NAV (account) or cumulative P&L (strategy), money, on the returns' days plus the base day
    equity: pd.Series
    # gross / net exposure as fractions of NAV (accounts only)
    exposure: pd.DataFrame | None
    net_pnl: Decimal
    fees: Decimal
    trades: int


class Analytics:
    def __init__(self, store: AnalyticsStore, *, rolling_window: int = 126,
                 top_positions: int = 10, render_slots: int = 2) -> None:
        self.store = store
        self.rolling_window = rolling_window
        self.top_positions = top_positions
        self._render = asyncio.Semaphore(render_slots)

    # --- series ---------------------------------------------------------------------------

    async def subject_series(self, subject: pb.Subject, period: common.TimeRange | None = None,
                             *, field: str = "subject") -> SubjectSeries:
        account = subject.account_id.strip()
        strategy = subject.strategy_id.strip()
        if subject.fund_id and not account:
            raise FailedPrecondition(
                f"{field}.fund_id: fund performance is not kept by analytics (fund-operations "
                "owns fund NAVs); ask for an account_id"
            )
        if not account:
            raise InvalidArgument(f"{field}.account_id: required")
        start, end = _period(period)
        if account == PORTFOLIO:
            if strategy:
                raise InvalidArgument(
                    f"{field}.strategy_id: a strategy is analysed within one account; give "
                    "its account_id (not '*')"
                )
            return await self._portfolio_series(start, end)
        navs = await self.store.nav_daily(account)
        if not navs:
            raise NotFound(f"account {account!r}: no NAV history")
        days = pd.DatetimeIndex([pd.Timestamp(p.day) for p in navs])
        nav = pd.Series([float(p.nav) for p in navs], index=days)
        if strategy:
            pnl = await self.store.pnl_daily(account, strategy)
            if not pnl:
                known = await self.store.strategies(account)
                raise NotFound(
                    f"strategy {strategy!r} of account {account!r}: no P&L history"
                    + (f" (known strategies: {', '.join(known)})" if known else "")
                )
            total = pd.Series([float(p.total) for p in pnl],
                              index=pd.DatetimeIndex([pd.Timestamp(p.day) for p in pnl]))
            # the account's NAV at the end of the previous P&L day (latest known by then)
            base_nav = nav.reindex(total.index.union(nav.index)).ffill()
            base_nav = base_nav.reindex(total.index).shift(1)
            rets = (total.diff() / base_nav).iloc[1:]
            rets = rets[np.isfinite(rets.to_numpy())]  # days without an earlier account NAV
            equity = total
            totals_dec = {pd.Timestamp(p.day): (p.total, p.fees) for p in pnl}
            exposure = None
            label = f"{account}/{strategy}"
        else:
            if len(nav) < 2:
                raise InvalidArgument(
                    f"{account}: no daily return (returns need NAV on two days; history has "
                    f"1 day, {nav.index[0].date()})"
                )
            rets = pf.returns_from_nav(nav, f"account {account!r} NAV")
            equity = nav
            pnl = await self.store.pnl_daily(account, "")
            totals_dec = {pd.Timestamp(p.day): (p.total, p.fees) for p in pnl}
            gross = pd.Series([float(p.gross_exposure) for p in navs], index=nav.index) / nav
            net = pd.Series([float(p.net_exposure) for p in navs], index=nav.index) / nav
            exposure = pd.DataFrame({"gross": gross, "net": net})
            label = account
        async def fills(first: pd.Timestamp, last: pd.Timestamp) -> int:
            if strategy:
                return 0
            return await self.store.fills(account, first.date().isoformat(),
                                          last.date().isoformat())

        return await self._finish(label, account, strategy, rets, equity, exposure,
                                  [totals_dec], fills, start, end)

    async def _portfolio_series(self, start: pd.Timestamp | None, end: pd.Timestamp | None
                                ) -> SubjectSeries:
        """All accounts together: each day's return is the NAV-weighted mean of the accounts'
        returns that day (weights: their previous NAVs), so accounts joining or leaving are
        not returns; the equity curve is the sum of the accounts' latest NAVs."""
        accounts = await self.store.accounts()
        if not accounts:
            raise NotFound("portfolio '*': no account has NAV history")
        navs, grosses, nets, totals, currencies = {}, {}, {}, [], set()
        for a in accounts:
            pts = await self.store.nav_daily(a)
            idx = pd.DatetimeIndex([pd.Timestamp(p.day) for p in pts])
            navs[a] = pd.Series([float(p.nav) for p in pts], index=idx)
            grosses[a] = pd.Series([float(p.gross_exposure) for p in pts], index=idx)
            nets[a] = pd.Series([float(p.net_exposure) for p in pts], index=idx)
            currencies |= {p.base_currency for p in pts if p.base_currency}
            pnl = await self.store.pnl_daily(a, "")
            totals.append({pd.Timestamp(p.day): (p.total, p.fees) for p in pnl})
        if len(currencies) > 1:
            raise FailedPrecondition(
                f"portfolio '*': accounts have different base currencies "
                f"({', '.join(sorted(currencies))}); analytics does not convert FX yet"
            )
        frame = pd.DataFrame(navs).sort_index()
        if (frame <= 0).any().any():
            raise InvalidArgument("portfolio '*': an account has a NAV that is not positive")
        held = frame.ffill()
        prev = held.shift(1)
        acct_rets = frame / prev - 1.0  # NaN where an account has no NAV that day or before
        weights = prev.where(acct_rets.notna())
        wsum = weights.sum(axis=1, min_count=1)
        rets = ((acct_rets * weights).sum(axis=1, min_count=1) / wsum).dropna()
        equity = held.sum(axis=1, min_count=1).dropna()
        exposure = pd.DataFrame({
            "gross": pd.DataFrame(grosses).sort_index().ffill().sum(axis=1) / equity,
            "net": pd.DataFrame(nets).sort_index().ffill().sum(axis=1) / equity,
        })
        if len(equity) < 2 or rets.empty:
            raise InvalidArgument(
                "portfolio '*': no daily return (returns need NAV on two days)"
            )

        async def fills(first: pd.Timestamp, last: pd.Timestamp) -> int:
            return sum([await self.store.fills(a, first.date().isoformat(),
                                               last.date().isoformat()) for a in accounts])

        return await self._finish("portfolio", PORTFOLIO, "", rets, equity, exposure, totals,
                                  fills, start, end)

    async def _finish(self, label: str, account: str, strategy: str, rets: pd.Series,
                      equity: pd.Series, exposure: pd.DataFrame | None,
                      totals: list[dict[pd.Timestamp, tuple[Decimal, Decimal]]],
                      fills: Any, start: pd.Timestamp | None, end: pd.Timestamp | None
                      ) -> SubjectSeries:
        """Restrict to the period; the equity curve keeps the base day before the first
        return; net P&L and fees are the change of the cumulative figures over it."""
        in_period = _mask(rets.index, start, end)
        rets = rets[in_period]
        if rets.empty:
            where = _describe_period(start, end)
            raise InvalidArgument(
                f"{label}: no daily return {where} (returns need NAV or P&L on two days; "
                f"history has {len(equity)} day(s) from {equity.index[0].date()} to "
                f"{equity.index[-1].date()})"
            )
        first, last = rets.index[0], rets.index[-1]
        prior = equity.index[equity.index < first]
        base_day = prior[-1] if len(prior) else first
        equity = equity[(equity.index >= base_day) & (equity.index <= last)]
        if exposure is not None:
            exposure = exposure[(exposure.index >= first) & (exposure.index <= last)]
        net_pnl, fees = Decimal(0), Decimal(0)
        for t in totals:
            n, f = _pnl_change(t, base_day, last, base_is_start=len(prior) > 0)
            net_pnl, fees = net_pnl + n, fees + f
        trades = await fills(first, last)
        return SubjectSeries(label, account, strategy, rets, equity, exposure, net_pnl, fees,
                             trades)

    async def benchmark_returns(self, instrument: common.InstrumentId | None,
                                field: str = "benchmark") -> tuple[str, pd.Series] | None:
        if instrument is None or not instrument.value.strip():
            return None
        name = instrument.value.strip()
        prices = await self.store.prices(name)
        if len(prices) < 2:
            raise NotFound(
                f"{field} {name!r}: {len(prices)} daily close(s) known, 2 needed (analytics "
                "keeps the closes of time bars on market-data-stream)"
            )
        px = pd.Series([c for _, c in prices],
                       index=pd.DatetimeIndex([pd.Timestamp(d) for d, _ in prices]))
        return name, pf.returns_from_nav(px, f"{field} {name!r} prices")

    # --- metrics ---------------------------------------------------------------------------

    def metrics(self, s: SubjectSeries, bench: pd.Series | None, risk_free_rate: float = 0.0
                ) -> pb.PerformanceMetrics:
        _check_rate(risk_free_rate)
        if bench is not None:
            common_days = s.returns.index.intersection(bench.index)
            if len(common_days) < 2:
                raise InvalidArgument(
                    f"benchmark: {len(common_days)} day(s) in common with {s.label}'s returns, "
                    "2 needed"
                )
        st = pf.performance_stats(s.returns, bench, risk_free_rate=risk_free_rate)
        return pb.PerformanceMetrics(
            total_return=st.total_return,
            annualized_return=st.cagr,
            annualized_volatility=st.annual_volatility,
            sharpe_ratio=st.sharpe_ratio,
            sortino_ratio=st.sortino_ratio,
            calmar_ratio=st.calmar_ratio,
            max_drawdown=st.max_drawdown,
            max_drawdown_duration_days=int(st.max_drawdown_duration),
            win_rate=st.hit_rate,
            profit_factor=st.profit_factor,
            average_win=st.average_win,
            average_loss=st.average_loss,
            alpha=st.alpha,
            beta=st.beta,
            information_ratio=st.information_ratio,
            tracking_error=st.tracking_error,
            daily_var_95=st.value_at_risk,
            daily_cvar_95=st.conditional_value_at_risk,
            skewness=st.skewness,
            kurtosis=st.kurtosis,
            trades=s.trades,
            net_pnl=dec(s.net_pnl),
            fees=dec(s.fees),
            tail_ratio=st.tail_ratio,
            turnover=st.turnover,
            periods=st.periods,
            start=ts(st.start),
            end=ts(st.end),
        )

    # --- RPC bodies ------------------------------------------------------------------------

    async def performance(self, req: pb.GetPerformanceRequest) -> pb.GetPerformanceResponse:
        s = await self.subject_series(req.subject, req.period if req.HasField("period") else None)
        bench = await self.benchmark_returns(req.benchmark if req.HasField("benchmark") else None)
        m = self.metrics(s, bench[1] if bench else None, req.risk_free_rate)
        return pb.GetPerformanceResponse(
            metrics=m, equity_curve=points(s.equity),
            drawdown=points(pf.drawdown_series(s.returns)),
        )

    async def rolling(self, req: pb.GetRollingMetricsRequest) -> pb.GetRollingMetricsResponse:
        window = req.window_days or 63
        if window < 2:
            raise InvalidArgument(f"window_days: {window}, at least 2 needed")
        names = list(req.metrics) or ["sharpe_ratio", "volatility"]
        unknown = [n for n in names if n not in ROLLING_METRICS]
        if unknown:
            raise InvalidArgument(
                f"metrics: unknown {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(ROLLING_METRICS)}"
            )
        s = await self.subject_series(req.subject, req.period if req.HasField("period") else None)
        bench = await self.benchmark_returns(req.benchmark if req.HasField("benchmark") else None)
        if "beta" in names and bench is None:
            raise InvalidArgument("metrics: 'beta' needs a benchmark")
        if len(s.returns) < window:
            raise InvalidArgument(
                f"window_days: {window} is longer than {s.label}'s {len(s.returns)} daily "
                "return(s)"
            )
        r = s.returns
        out = []
        for name in names:
            if name == "sharpe_ratio":
                series = pf.rolling_sharpe(r, window)
            elif name == "volatility":
                series = pf.rolling_volatility(r, window)
            elif name == "sortino_ratio":
                series = pf.rolling_sortino(r, window)
            elif name == "returns":
                series = (1.0 + r).rolling(window).apply(np.prod, raw=True).dropna() - 1.0
            else:  # beta
                assert bench is not None
                series = pf.rolling_beta(r, bench[1], window)
            out.append(pb.RollingSeries(metric=name, points=points(series)))
        return pb.GetRollingMetricsResponse(series=out)

    async def tearsheet(self, req: pb.GetTearSheetRequest) -> pb.GetTearSheetResponse:
        fmt = req.render_format.strip().lower()
        if fmt not in ("", "html", "pdf"):
            raise InvalidArgument(f"render_format: {req.render_format!r}; use '', 'html' or 'pdf'")
        s = await self.subject_series(req.subject, req.period if req.HasField("period") else None)
        bench = await self.benchmark_returns(req.benchmark if req.HasField("benchmark") else None)
        b = bench[1] if bench else None
        m = self.metrics(s, b)
        r = s.returns
        resp = pb.GetTearSheetResponse(metrics=m, equity_curve=points(pf.equity_curve(r)))
        if b is not None:
            rb, bb = pf.align_returns(r, b)
            resp.benchmark_curve.extend(points(pf.equity_curve(bb)))
        table = pf.monthly_returns(r)
        for year, row in table.iterrows():
            for month, v in row.items():
                if math.isfinite(v):
                    resp.monthly_returns.add(year=int(year), month=int(month), value=float(v))
        for d in pf.drawdown_periods(r, top=5):
            dp = resp.worst_drawdowns.add(peak=ts(d.peak), trough=ts(d.trough), depth=d.depth)
            if d.recovery is not None:
                dp.recovery.CopyFrom(ts(d.recovery))
        window = self.rolling_window if len(r) >= 2 * self.rolling_window else max(
            2, min(self.rolling_window, len(r) // 3))
        if len(r) >= max(window, 3):
            resp.rolling.add(metric="sharpe_ratio", points=points(pf.rolling_sharpe(r, window)))
            if b is not None and len(pf.align_returns(r, b)[0]) >= window:
                resp.rolling.add(metric="beta", points=points(pf.rolling_beta(r, b, window)))
        if fmt:
            from svc_analytics.tearsheet import render_tearsheet

            def render() -> tuple[str, bytes]:
                sheet = render_tearsheet(
                    r, benchmark=b, exposure=s.exposure, title=f"Tear sheet: {s.label}",
                    benchmark_name=bench[0] if bench else "benchmark",
                    rolling_window=self.rolling_window,
                )
                if fmt == "pdf":
                    return "application/pdf", sheet.pdf()
                return "text/html; charset=utf-8", sheet.html.encode("utf-8")

            async with self._render:
                ctype, body = await asyncio.to_thread(render)
            resp.content_type = ctype
            resp.rendered = body
        return resp

    async def compare(self, req: pb.CompareStrategiesRequest) -> pb.CompareStrategiesResponse:
        if not req.subjects:
            raise InvalidArgument("subjects: at least one subject is needed")
        period = req.period if req.HasField("period") else None
        series = [await self.subject_series(sub, period, field=f"subjects[{i}]")
                  for i, sub in enumerate(req.subjects)]
        resp = pb.CompareStrategiesResponse()
        for sub, s in zip(req.subjects, series, strict=True):
            resp.results.add(subject=sub, metrics=self.metrics(s, None))
        frame = pd.concat([s.returns.rename(i) for i, s in enumerate(series)], axis=1)
        corr = frame.corr(min_periods=2).to_numpy()
        resp.correlation_matrix.extend(float(v) for v in corr.reshape(-1))
        return resp

    async def attribution(self, req: pb.GetAttributionRequest) -> pb.GetAttributionResponse:
        model = req.model.strip().lower() or "factor"
        if model == "brinson_fachler":
            raise FailedPrecondition(
                "model: brinson_fachler needs segment weights of the portfolio and of a "
                "benchmark, which analytics does not keep yet; use 'factor'"
            )
        if model != "factor":
            raise InvalidArgument(f"model: {req.model!r}; use 'factor' or 'brinson_fachler'")
        bench = await self.benchmark_returns(
            req.benchmark if req.HasField("benchmark") else None
        )
        if bench is None:
            raise InvalidArgument("benchmark: the factor model needs a benchmark instrument")
        s = await self.subject_series(req.subject, req.period if req.HasField("period") else None)
        r, b = pf.align_returns(s.returns, bench[1])
        beta = pf.beta(r, b)
        market = beta * float(b.sum())
        resp = pb.GetAttributionResponse(
            active_return=pf.total_return(r) - pf.total_return(b)
        )
        resp.factor_exposures["market"] = beta
        resp.factor_contributions["market"] = market
        resp.factor_contributions["residual"] = float(r.sum()) - market
        return resp

    async def dashboard(self, req: pb.GetDashboardRequest, now: datetime
                        ) -> pb.GetDashboardResponse:
        account = req.account_id.strip()
        if not account:
            raise InvalidArgument("account_id: required")
        navs = await self.store.nav_daily(account)
        if not navs:
            raise NotFound(f"account {account!r}: no NAV history")
        last = navs[-1]
        prev = navs[-2] if len(navs) >= 2 else None
        peak = max(p.nav for p in navs)
        resp = pb.GetDashboardResponse(
            nav=dec(last.nav), as_of=ts(last.event_time),
            current_drawdown=float(last.nav / peak - 1) if peak > 0 else 0.0,
        )
        pnl = await self.store.pnl_daily(account, "")
        if pnl:
            resp.total_pnl.CopyFrom(dec(pnl[-1].total))
            resp.day_pnl.CopyFrom(dec(pnl[-1].day_pnl if pnl[-1].day == last.day
                                      else Decimal(0)))
        elif prev is not None:
            resp.day_pnl.CopyFrom(dec(last.nav - prev.nav))
        if prev is not None and prev.nav > 0:
            resp.day_return = float(last.nav / prev.nav - 1)
        since = datetime.combine(last.day, datetime.min.time(), tzinfo=UTC)
        for t, v in await self.store.intraday(account, since):
            resp.intraday_equity.add(time=ts(t), value=float(v))
        positions = await self.store.positions(account)
        positions.sort(key=lambda p: abs(Decimal(p.market_value)), reverse=True)
        for p in positions[: self.top_positions]:
            resp.top_positions.add(
                instrument_id=common.InstrumentId(value=p.instrument_id), quantity=p.quantity,
                market_value=dec(p.market_value), unrealized_pnl=dec(p.unrealized_pnl),
                weight=p.weight,
            )
        day = now.astimezone(UTC).date().isoformat()
        resp.fills_today = await self.store.fills(account, day, day)
        # the effective kill switch: the more restrictive of the account's and the global one
        states = await self.store.kill_switch_states(account)
        known = [st for st in states.values() if st in _TRADING_RANK]
        if known:
            resp.trading_state = max(known, key=_TRADING_RANK.__getitem__)
        # strategies with a P&L summary on the account's last NAV day
        resp.running_strategies = len(await self.store.strategies(account, last.day.isoformat()))
        return resp


# --- helpers -------------------------------------------------------------------------------

_TRADING_RANK = {"ACTIVE": 0, "REDUCING": 1, "HALTED": 2}



def _check_rate(rate: float) -> None:
    if not math.isfinite(rate):
        raise InvalidArgument(f"risk_free_rate: {rate} is not a number")
    if rate <= -1:
        raise InvalidArgument(f"risk_free_rate: {rate} is not a usable annual rate")


def _period(period: common.TimeRange | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    if period is None:
        return None, None
    start = (pd.Timestamp(period.start.ToDatetime(tzinfo=UTC)).tz_convert(None)
             if period.HasField("start") else None)
    end = (pd.Timestamp(period.end.ToDatetime(tzinfo=UTC)).tz_convert(None)
           if period.HasField("end") else None)
    if start is not None and end is not None and start >= end:
        raise InvalidArgument(f"period: start {start} is not before end {end}")
    return start, end


def _mask(index: pd.DatetimeIndex, start: pd.Timestamp | None, end: pd.Timestamp | None
          ) -> np.ndarray:
    """Days whose 00:00 UTC stamp is in [start, end)."""
    m = np.ones(len(index), dtype=bool)
    if start is not None:
        m &= index >= start
    if end is not None:
        m &= index < end
    return m


def _describe_period(start: pd.Timestamp | None, end: pd.Timestamp | None) -> str:
    if start is None and end is None:
        return "in its history"
    return f"in [{start or '-inf'}, {end or '+inf'})"


def _pnl_change(totals: dict[pd.Timestamp, tuple[Decimal, Decimal]], base_day: pd.Timestamp,
                last: pd.Timestamp, *, base_is_start: bool) -> tuple[Decimal, Decimal]:
    """Net P&L and fees over the period from the P&L summaries (totals are cumulative): the
    last summary up to `last` minus the last one up to the base day (zero if none before)."""
    if not totals:
        return Decimal(0), Decimal(0)
    days = sorted(totals)
    end_vals = [totals[d] for d in days if d <= last]
    if not end_vals:
        return Decimal(0), Decimal(0)
    start_vals = [totals[d] for d in days if d <= base_day] if base_is_start else []
    t0, f0 = start_vals[-1] if start_vals else (Decimal(0), Decimal(0))
    t1, f1 = end_vals[-1]
    return t1 - t0, f1 - f0
