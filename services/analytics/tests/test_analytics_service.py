"""The analytics Service in-process as the kit runs it: NAV snapshots, P&L and bars published
on the embedded broker, history in PostgreSQL or SQLite, statistics served over gRPC and equal
to omni_quant's (hence empyrical's) on the same series; restarts keep history; bad input gets
INVALID_ARGUMENT / NOT_FOUND with a message."""

from __future__ import annotations

import asyncio
import math
import uuid
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

import empyrical as ep
import grpc
import numpy as np
import pandas as pd
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.analytics.v1 import analytics_service_pb2 as pb
from omni.analytics.v1 import analytics_service_pb2_grpc as pb_grpc
from omni.common.v1 import types_pb2 as common
from omni.market_data.v1 import events_pb2 as md
from omni.portfolio_manager.v1 import events_pb2 as pm
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pms
from omni.risk_engine.v1 import events_pb2 as risk
from omni.risk_engine.v1 import risk_engine_service_pb2 as risk_pb
from omni_core.bus import EventBus
from omni_core.embedded.broker import ensure_topics
from omni_core.rpc import channel
from omni_quant import performance as pf
from omni_testing.kafka import dead_letters, read_topic, unique_topic_names, wait_until
from svc_analytics.app import AnalyticsSettings, build

TOL = 1e-9
ACCOUNT = "acct-1"
STRATEGY = "momo"
BENCH = "SPY.XARC"
N_DAYS = 70


def ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def close(a: float, b: float) -> bool:
    if math.isnan(a) and math.isnan(b):
        return True
    return math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


class History:
    """A seeded account: daily NAV, a strategy's cumulative P&L, benchmark closes."""

    def __init__(self, seed: int = 7, n: int = N_DAYS) -> None:
        rng = np.random.default_rng(seed)
        self.days = pd.bdate_range("2025-03-03", periods=n)
        bench_r = rng.normal(0.0004, 0.01, n)
        acct_r = 0.7 * bench_r + rng.normal(0.0002, 0.006, n)
        acct_r[0] = 0.0
        navs, v = [], Decimal("1000000.00")
        for r in acct_r:
            v = (v * (1 + Decimal(repr(float(r))))).quantize(Decimal("0.01"))
            navs.append(v)
        self.nav = navs
        pnl = np.cumsum(rng.normal(150.0, 900.0, n))
        self.pnl = [Decimal(repr(round(float(x), 2))) for x in pnl]
        self.bench = [float(400 * np.prod(1 + bench_r[: i + 1])) for i in range(n)]

    def at(self, i: int, hour: int = 21) -> datetime:
        return datetime.combine(self.days[i].date(), time(hour, 0), tzinfo=UTC)

    def nav_series(self) -> pd.Series:
        return pd.Series([float(x) for x in self.nav], index=self.days)

    def account_returns(self) -> pd.Series:
        return pf.returns_from_nav(self.nav_series())

    def strategy_returns(self) -> pd.Series:
        total = pd.Series([float(x) for x in self.pnl], index=self.days)
        return (total.diff() / self.nav_series().shift(1)).iloc[1:]

    def bench_returns(self) -> pd.Series:
        return pf.returns_from_nav(pd.Series(self.bench, index=self.days))

    def events(self) -> list[tuple[str, str, Any]]:
        out: list[tuple[str, str, Any]] = []
        for i in range(len(self.days)):
            nav = self.nav[i]
            close_snap = pm.NavSnapshot(
                account_id=ACCOUNT, nav=common.Decimal(value=str(nav)),
                cash=common.Decimal(value=str(nav * Decimal("0.4"))),
                gross_exposure=common.Decimal(value=str(nav * Decimal("0.8"))),
                net_exposure=common.Decimal(value=str(nav * Decimal("0.6"))),
                base_currency="USD", event_time=ts(self.at(i)),
            )
            morning = pm.NavSnapshot(
                account_id=ACCOUNT, nav=common.Decimal(value=str(nav - 5000)),
                base_currency="USD", event_time=ts(self.at(i, 14)),
            )
            # the earlier snapshot arrives after the close one on odd days: the later time wins
            out += [("portfolio-updates", ACCOUNT, e)
                    for e in ((close_snap, morning) if i % 2 else (morning, close_snap))]
            out.append(("portfolio-updates", ACCOUNT, pm.PnlUpdated(
                account_id=ACCOUNT,
                pnl=pms.PnlSummary(account_id=ACCOUNT, strategy_id=STRATEGY,
                                   total=common.Decimal(value=str(self.pnl[i])),
                                   fees=common.Decimal(value=str(Decimal(i))),
                                   as_of=ts(self.at(i, 20))),
                event_time=ts(self.at(i, 20)),
            )))
            out.append(("market-data-stream", BENCH, md.Bar(
                instrument_id=common.InstrumentId(value=BENCH), timeframe="1d",
                bar_type=md.BAR_TYPE_TIME, start=ts(self.at(i, 0)),
                end=ts(self.at(i, 0).replace(hour=23, minute=59)),
                open=self.bench[i], high=self.bench[i], low=self.bench[i], close=self.bench[i],
            )))
        last = len(self.days) - 1
        for inst, qty, mv in (("AAPL.XNAS", 100.0, "19000.00"), ("MSFT.XNAS", -50.0, "-21000.00"),
                              ("TSLA.XNAS", 10.0, "2500.00")):
            out.append(("portfolio-updates", ACCOUNT, pm.PositionUpdated(
                account_id=ACCOUNT, fill_id=f"fill-{inst}",
                position=pms.Position(account_id=ACCOUNT,
                                      instrument_id=common.InstrumentId(value=inst),
                                      quantity=qty, market_value=common.Decimal(value=mv),
                                      updated_at=ts(self.at(last, 15))),
                event_time=ts(self.at(last, 15)),
            )))
        return out


@pytest.fixture(scope="module")
def history() -> History:
    return History()


def make_service(db: tuple[str, str | None], topics: dict[str, str], bootstrap: str,
                 tmp_path: Any, group: str) -> Any:
    url, schema = db
    settings = AnalyticsSettings(
        kafka_bootstrap=bootstrap, database_url=url, database_schema=schema,
        grpc_host="127.0.0.1", grpc_port=0, metrics_port=0, home=tmp_path,
        heartbeat_interval=5.0, snapshot_interval=0.3, rolling_window_days=20,
    )
    return build(settings, topics=topics, bus_overrides={
        "group_id": group, "fetch_wait_max_ms": 5, "retry_backoff_initial": 0.01,
        "retry_backoff_max": 0.05, "commit_interval_ms": 100, "max_retries": 1,
    })


async def started(svc: Any) -> Any:
    await svc.start()
    assert await svc.wait_ready(60), f"not ready: {svc.dependencies}"
    assert await svc.bus.wait_assigned(30)
    return svc


async def publish_all(bootstrap: str, topics: dict[str, str], events: list[tuple[str, str, Any]]
                      ) -> None:
    from omni_core.bus import BusConfig

    bus = EventBus(BusConfig(bootstrap=bootstrap, dead_letter_topic=topics["dead-letter"]),
                   "analytics-test-feed")
    await bus.start()
    try:
        for topic, key, ev in events:
            bus.publish_nowait(topics[topic], key, ev)
        await bus.flush()
    finally:
        await bus.stop()


async def eventually(probe: Any, ok: Any, what: str) -> Any:
    """Poll until ok(result); the bound only guards against a hung test."""
    result: Any = None
    for _ in range(3000):
        try:
            result = await probe()
            if ok(result):
                return result
        except grpc.aio.AioRpcError as exc:
            result = exc
        await asyncio.sleep(0.02)
    raise AssertionError(f"not reached: {what}: {result}")


def subject(account: str = ACCOUNT, strategy: str = "") -> pb.Subject:
    return pb.Subject(account_id=account, strategy_id=strategy)


async def wait_history(stub: Any, n_returns: int) -> pb.GetPerformanceResponse:
    async def probe() -> pb.GetPerformanceResponse:
        return await stub.GetPerformance(pb.GetPerformanceRequest(subject=subject()))

    return await eventually(
        probe, lambda r: isinstance(r, pb.GetPerformanceResponse)
        and r.metrics.periods == n_returns and len(r.equity_curve) == n_returns + 1,
        "all NAV days consumed",
    )


async def wait_all(stub: Any, n_returns: int) -> pb.GetPerformanceResponse:
    """All of a History's portfolio events consumed: every NAV day and the positions (last)."""
    await wait_history(stub, n_returns)

    async def dash_probe() -> pb.GetDashboardResponse:
        return await stub.GetDashboard(pb.GetDashboardRequest(account_id=ACCOUNT))

    await eventually(dash_probe, lambda d: isinstance(d, pb.GetDashboardResponse)
                     and len(d.top_positions) == 3, "positions consumed")
    return await stub.GetPerformance(pb.GetPerformanceRequest(subject=subject()))


def check_metrics(m: pb.PerformanceMetrics, r: pd.Series, b: pd.Series | None = None) -> None:
    st = pf.performance_stats(r, b)
    pairs = {
        "total_return": (m.total_return, st.total_return),
        "cagr": (m.annualized_return, float(ep.cagr(r))),
        "vol": (m.annualized_volatility, float(ep.annual_volatility(r))),
        "sharpe": (m.sharpe_ratio, float(ep.sharpe_ratio(r))),
        "sortino": (m.sortino_ratio, float(ep.sortino_ratio(r))),
        "calmar": (m.calmar_ratio, float(ep.calmar_ratio(r))),
        "max_dd": (m.max_drawdown, float(ep.max_drawdown(r))),
        "var": (m.daily_var_95, float(ep.value_at_risk(r))),
        "cvar": (m.daily_cvar_95, float(ep.conditional_value_at_risk(r))),
        "tail": (m.tail_ratio, float(ep.tail_ratio(r))),
        "hit": (m.win_rate, st.hit_rate),
        "skew": (m.skewness, st.skewness),
    }
    if b is not None:
        rr, bb = pf.align_returns(r, b)
        a, beta = ep.alpha_beta(rr, bb)
        pairs["alpha"] = (m.alpha, float(a))
        pairs["beta"] = (m.beta, float(beta))
        pairs["ir"] = (m.information_ratio, st.information_ratio)
    for name, (got, want) in pairs.items():
        assert close(got, want), f"{name}: {got} != {want}"
    assert m.max_drawdown_duration_days == st.max_drawdown_duration
    assert m.periods == len(r)
    assert m.start.ToDatetime() == r.index[0].to_pydatetime()


@pytest.fixture
def pg(postgres_url: Any) -> tuple[str, str | None]:
    return postgres_url.url, postgres_url.schema


async def test_live_statistics_over_grpc(pg, kafka_bootstrap, kafka_topics, tmp_path,  # type: ignore[no-untyped-def]
                                         history, bus_config) -> None:
    svc = await started(make_service(pg, kafka_topics, kafka_bootstrap, tmp_path,
                                     f"analytics-{uuid.uuid4().hex[:8]}"))
    try:
        await publish_all(kafka_bootstrap, kafka_topics, history.events())
        async with channel(svc.grpc_address) as ch:
            stub = pb_grpc.AnalyticsServiceStub(ch)
            perf = await wait_all(stub, N_DAYS - 1)
            r = history.account_returns()
            check_metrics(perf.metrics, r)
            # the curve is the NAV at each day's close (the later snapshot of the day wins)
            assert [p.value for p in perf.equity_curve] == [float(x) for x in history.nav]
            assert perf.metrics.trades == 3
            dd = pf.drawdown_series(r)
            assert all(close(p.value, v) for p, v in zip(perf.drawdown, dd, strict=True))

            # with the benchmark (bars consumed from market-data-stream)
            async def with_bench() -> pb.GetPerformanceResponse:
                return await stub.GetPerformance(pb.GetPerformanceRequest(
                    subject=subject(), benchmark=common.InstrumentId(value=BENCH)))

            # bars travel on another topic: wait until all closes are in (beta settles)
            want_beta = pf.beta(r, history.bench_returns())
            perf_b = await eventually(with_bench, lambda x: isinstance(
                x, pb.GetPerformanceResponse) and close(x.metrics.beta, want_beta),
                "benchmark closes")
            check_metrics(perf_b.metrics, r, history.bench_returns())

            # the strategy, from its P&L over the account's previous NAV
            strat = await stub.GetPerformance(pb.GetPerformanceRequest(
                subject=subject(strategy=STRATEGY)))
            check_metrics(strat.metrics, history.strategy_returns())
            # net P&L and fees: the change of the cumulative figures over the returns' window
            # (from the base day, the first one, to the last)
            assert Decimal(strat.metrics.net_pnl.value) == history.pnl[-1] - history.pnl[0]
            assert Decimal(strat.metrics.fees.value) == Decimal(N_DAYS - 1)

            # a period: the returns dated in [start, end)
            start, end = history.days[10], history.days[40]
            period = common.TimeRange(start=ts(start.to_pydatetime().replace(tzinfo=UTC)),
                                      end=ts(end.to_pydatetime().replace(tzinfo=UTC)))
            part = await stub.GetPerformance(pb.GetPerformanceRequest(subject=subject(),
                                                                      period=period))
            check_metrics(part.metrics, r[(r.index >= start) & (r.index < end)])
            # the curve starts at the NAV before the first return of the period
            assert part.equity_curve[0].value == float(history.nav[9])
            # net P&L of a strategy over a period: the change of its cumulative P&L
            spart = await stub.GetPerformance(pb.GetPerformanceRequest(
                subject=subject(strategy=STRATEGY), period=period))
            assert Decimal(spart.metrics.net_pnl.value) == history.pnl[39] - history.pnl[9]

            roll = await stub.GetRollingMetrics(pb.GetRollingMetricsRequest(
                subject=subject(), window_days=20,
                metrics=["sharpe_ratio", "beta", "sortino_ratio"],
                benchmark=common.InstrumentId(value=BENCH)))
            sharpe = pf.rolling_sharpe(r, 20)
            assert [s.metric for s in roll.series] == ["sharpe_ratio", "beta", "sortino_ratio"]
            assert len(roll.series[0].points) == len(sharpe)
            assert all(close(p.value, v) for p, v in zip(roll.series[0].points, sharpe,
                                                          strict=True))
            beta = pf.rolling_beta(r, history.bench_returns(), 20)
            assert all(close(p.value, v) for p, v in zip(roll.series[1].points, beta,
                                                          strict=True))
            sortino = ep.roll_sortino_ratio(r, 20)
            assert all(close(p.value, v) for p, v in zip(roll.series[2].points, sortino,
                                                          strict=True))

            sheet = await stub.GetTearSheet(pb.GetTearSheetRequest(
                subject=subject(), benchmark=common.InstrumentId(value=BENCH),
                render_format="html"))
            assert sheet.content_type.startswith("text/html")
            html = sheet.rendered.decode("utf-8")
            for name in ("equity", "drawdown", "monthly_returns", "rolling_sharpe",
                         "rolling_beta", "exposure"):
                assert f'id="plot-{name}"' in html, name
            monthly = pf.monthly_returns(r)
            assert len(sheet.monthly_returns) == int(monthly.notna().sum().sum())
            assert len(sheet.benchmark_curve) == len(r)
            assert close(sheet.worst_drawdowns[0].depth, pf.max_drawdown(r))
            pdf = await stub.GetTearSheet(pb.GetTearSheetRequest(subject=subject(),
                                                                 render_format="pdf"))
            assert pdf.content_type == "application/pdf" and pdf.rendered.startswith(b"%PDF-")

            cmp = await stub.CompareStrategies(pb.CompareStrategiesRequest(
                subjects=[subject(), subject(strategy=STRATEGY)]))
            assert len(cmp.results) == 2 and len(cmp.correlation_matrix) == 4
            corr = float(np.corrcoef(r.loc[history.strategy_returns().index],
                                     history.strategy_returns())[0, 1])
            assert close(cmp.correlation_matrix[1], corr) and close(cmp.correlation_matrix[0], 1)

            att = await stub.GetAttribution(pb.GetAttributionRequest(
                subject=subject(), model="factor", benchmark=common.InstrumentId(value=BENCH)))
            assert close(att.factor_exposures["market"], pf.beta(r, history.bench_returns()))

            dash = await stub.GetDashboard(pb.GetDashboardRequest(account_id=ACCOUNT))
            assert Decimal(dash.nav.value) == history.nav[-1]
            assert [p.instrument_id.value for p in dash.top_positions] == [
                "MSFT.XNAS", "AAPL.XNAS", "TSLA.XNAS"]
            assert close(dash.day_return, float(history.nav[-1] / history.nav[-2] - 1))
            assert [Decimal(str(p.value)) for p in dash.intraday_equity] == [
                history.nav[-1] - 5000, history.nav[-1]]
            peak = max(history.nav)
            assert close(dash.current_drawdown, float(history.nav[-1] / peak - 1))

            # a replay of every event (new ids, same facts) changes nothing
            await publish_all(kafka_bootstrap, kafka_topics, history.events())
            await asyncio.sleep(0.5)
            again = await stub.GetPerformance(pb.GetPerformanceRequest(subject=subject()))
            assert same(again.metrics, perf.metrics)

            # the service publishes a PerformanceSnapshot per account
            from omni.analytics.v1 import events_pb2 as an_events

            snaps: list[Any] = []
            observer = EventBus(bus_config(group_id=f"obs-{uuid.uuid4().hex[:8]}"),
                                "analytics-test-observer")

            async def on_snapshot(ev: Any, ctx: Any) -> None:
                snaps.append(ev)

            observer.subscribe(kafka_topics["portfolio-updates"], an_events.PerformanceSnapshot,
                               on_snapshot)
            await observer.start()
            try:
                await wait_until(lambda: any(x.metrics.periods == N_DAYS - 1 for x in snaps),
                                 60, "PerformanceSnapshot of the whole history")
            finally:
                await observer.stop()
            snap = next(x for x in snaps if x.metrics.periods == N_DAYS - 1)
            assert snap.account_id == ACCOUNT and snap.window == "inception"
            assert close(snap.metrics.sharpe_ratio, pf.sharpe_ratio(r))
    finally:
        await svc.stop()


@pytest.fixture(params=["postgres", "sqlite"])
def any_db(request) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    if request.param == "postgres":
        target = request.getfixturevalue("postgres_url")
        return target.url, target.schema
    return request.getfixturevalue("sqlite_url"), None


def same(a: Any, b: Any) -> bool:
    """Message equality that treats NaN fields (undefined statistics) as equal."""
    fa = {f.name: v for f, v in a.ListFields()}
    fb = {f.name: v for f, v in b.ListFields()}
    diff = [k for k in fa.keys() | fb.keys() if not (
        fa.get(k) == fb.get(k) or (isinstance(fa.get(k), float) and isinstance(fb.get(k), float)
                                   and math.isnan(fa[k]) and math.isnan(fb[k])))]
    assert not diff, {k: (fa.get(k), fb.get(k)) for k in diff}
    return True


async def test_history_survives_restart(any_db, kafka_bootstrap, kafka_topics,  # type: ignore[no-untyped-def]
                                        tmp_path) -> None:
    db = any_db
    h = History(seed=11, n=30)
    group = f"analytics-{uuid.uuid4().hex[:8]}"
    svc = await started(make_service(db, kafka_topics, kafka_bootstrap, tmp_path, group))
    try:
        await publish_all(kafka_bootstrap, kafka_topics, h.events())
        async with channel(svc.grpc_address) as ch:
            before = await wait_all(pb_grpc.AnalyticsServiceStub(ch), 29)
    finally:
        await svc.stop()
    # the restarted service reads other (empty) topics: whatever it serves is from the database
    fresh = unique_topic_names("analytics-restart")
    ensure_topics(kafka_bootstrap, fresh.values(), partitions=1)
    svc2 = await started(make_service(db, fresh, kafka_bootstrap, tmp_path,
                                      f"analytics-{uuid.uuid4().hex[:8]}"))
    try:
        async with channel(svc2.grpc_address) as ch:
            stub = pb_grpc.AnalyticsServiceStub(ch)
            after = await stub.GetPerformance(pb.GetPerformanceRequest(subject=subject()))
            assert same(after.metrics, before.metrics)
            assert list(after.equity_curve) == list(before.equity_curve)
            check_metrics(after.metrics, h.account_returns())
            strat = await stub.GetPerformance(pb.GetPerformanceRequest(
                subject=subject(strategy=STRATEGY)))
            check_metrics(strat.metrics, h.strategy_returns())
    finally:
        await svc2.stop()


async def test_bad_input_gets_clear_errors(kafka_bootstrap, kafka_topics, sqlite_url,  # type: ignore[no-untyped-def]
                                           tmp_path) -> None:
    h = History(seed=3, n=5)
    svc = await started(make_service((sqlite_url, None), kafka_topics, kafka_bootstrap,
                                     tmp_path, f"analytics-{uuid.uuid4().hex[:8]}"))
    try:
        lone = pm.NavSnapshot(account_id="acct-lone", nav=common.Decimal(value="100.00"),
                              event_time=ts(h.at(0)))
        bad = pm.NavSnapshot(account_id="acct-bad", nav=common.Decimal(value="NaN"),
                             event_time=ts(h.at(0)))
        # P&L summaries without `total`: realized + unrealized + dividends - fees is used
        derived = [pm.PnlUpdated(account_id=ACCOUNT, pnl=pms.PnlSummary(
            strategy_id="derived", realized=common.Decimal(value=rz),
            unrealized=common.Decimal(value="10"), dividends=common.Decimal(value="1"),
            fees=common.Decimal(value="2"), as_of=ts(h.at(i, 20)))) for i, rz in ((0, "0"),
                                                                                 (4, "50"))]
        def switch(account: str, state: int, minute: int) -> Any:
            when = ts(h.at(4, 10).replace(minute=minute))
            return ("risk-management", account or "*", risk.KillSwitchChanged(
                account_id=account, event_time=when,
                kill_switch=risk_pb.KillSwitch(account_id=account, state=state, changed_at=when)))

        switches = [switch("", risk_pb.KILL_SWITCH_STATE_ACTIVE, 1),
                    switch(ACCOUNT, risk_pb.KILL_SWITCH_STATE_REDUCING, 2),
                    switch("", risk_pb.KILL_SWITCH_STATE_HALTED, 4),
                    switch("", risk_pb.KILL_SWITCH_STATE_ACTIVE, 3)]  # older: ignored
        await publish_all(kafka_bootstrap, kafka_topics,
                          [*h.events(), *switches,
                           *[("portfolio-updates", ACCOUNT, e) for e in derived],
                           ("portfolio-updates", "acct-lone", lone),
                           ("portfolio-updates", "acct-bad", bad)])
        async with channel(svc.grpc_address) as ch:
            stub = pb_grpc.AnalyticsServiceStub(ch)
            await wait_history(stub, 4)

            async def lone_probe() -> Any:
                return await stub.GetDashboard(pb.GetDashboardRequest(account_id="acct-lone"))

            await eventually(lone_probe, lambda d: isinstance(d, pb.GetDashboardResponse),
                             "the lone NAV consumed")

            async def fails(call: Any, req: Any, code: grpc.StatusCode, *needles: str) -> None:
                with pytest.raises(grpc.aio.AioRpcError) as info:
                    await call(req)
                assert info.value.code() == code, info.value.details()
                for n in needles:
                    assert n in info.value.details(), info.value.details()

            perf = stub.GetPerformance
            invalid, missing = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND
            # the dashboard's trading state: the stricter of the account's and the global switch
            async def state() -> str:
                return (await stub.GetDashboard(pb.GetDashboardRequest(account_id=ACCOUNT))
                        ).trading_state

            await eventually(state, lambda x: x == "HALTED", "global HALTED wins")
            d = await perf(pb.GetPerformanceRequest(subject=subject(strategy="derived")))
            assert Decimal(d.metrics.net_pnl.value) == Decimal(50)  # (50+10+1-2) - (0+10+1-2)
            assert close(d.metrics.total_return, 50 / float(h.nav[0]))
            await fails(perf, pb.GetPerformanceRequest(), invalid, "subject.account_id: required")
            await fails(perf, pb.GetPerformanceRequest(subject=subject("nobody")), missing,
                        "account 'nobody': no NAV history")
            await fails(perf, pb.GetPerformanceRequest(subject=subject(strategy="ghost")),
                        missing, "strategy 'ghost'", "known strategies: derived, momo")
            # one NAV day: an empty return series
            await fails(perf, pb.GetPerformanceRequest(subject=subject("acct-lone")), invalid,
                        "acct-lone: no daily return")
            await fails(perf, pb.GetPerformanceRequest(subject=subject(), risk_free_rate=math.nan),
                        invalid, "risk_free_rate")
            far = common.TimeRange(start=ts(datetime(2030, 1, 1, tzinfo=UTC)))
            await fails(perf, pb.GetPerformanceRequest(subject=subject(), period=far), invalid,
                        "no daily return in [2030-01-01")
            backwards = common.TimeRange(start=ts(h.at(3)), end=ts(h.at(1)))
            await fails(perf, pb.GetPerformanceRequest(subject=subject(), period=backwards),
                        invalid, "period: start")
            await fails(perf, pb.GetPerformanceRequest(
                subject=subject(), benchmark=common.InstrumentId(value="NOPE.X")), missing,
                "benchmark 'NOPE.X'")
            await fails(perf, pb.GetPerformanceRequest(subject=pb.Subject(fund_id="f1")),
                        grpc.StatusCode.FAILED_PRECONDITION, "fund")
            await fails(stub.GetTearSheet, pb.GetTearSheetRequest(
                subject=subject(), render_format="docx"), invalid, "render_format")
            await fails(stub.GetRollingMetrics, pb.GetRollingMetricsRequest(
                subject=subject(), metrics=["magic"]), invalid, "unknown 'magic'")
            await fails(stub.GetRollingMetrics, pb.GetRollingMetricsRequest(
                subject=subject(), window_days=30), invalid, "longer than")
            await fails(stub.CompareStrategies, pb.CompareStrategiesRequest(), invalid,
                        "subjects")
            await fails(stub.CompareStrategies, pb.CompareStrategiesRequest(
                subjects=[subject(), subject("nobody")]), missing, "nobody")
            await fails(stub.GetDashboard, pb.GetDashboardRequest(account_id="nobody"),
                        missing, "nobody")
            await fails(stub.GetAttribution, pb.GetAttributionRequest(
                subject=subject(), model="brinson_fachler"),
                grpc.StatusCode.FAILED_PRECONDITION, "brinson_fachler")
            # the NaN NAV was dead-lettered with its reason, and nothing was stored
            letters = dead_letters(await asyncio.to_thread(
                read_topic, kafka_bootstrap, kafka_topics["dead-letter"], 1, 30))
            assert letters, "no dead letter"
            assert "NavSnapshot.nav: 'NaN' is not a finite number" in letters[0].reason
            await fails(perf, pb.GetPerformanceRequest(subject=subject("acct-bad")), missing,
                        "acct-bad")
    finally:
        await svc.stop()
