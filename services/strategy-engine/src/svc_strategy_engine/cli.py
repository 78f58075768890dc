"""``omni backtest`` and ``omni walkforward`` (registered through the ``omni.commands`` entry
point of svc-strategy-engine).

    omni backtest sma_crossover --data sp500 --param fast=20 --param slow=100 --out out/
    omni backtest pairs --data sp500,nasdaq --param max_pvalue=0.2
    omni backtest momentum --data path/to/bars.csv
    omni backtest sma_crossover --walk-forward --space fast=5,10,20 --space slow=50,100
    omni walkforward sma_crossover --space fast=5,10,20 --space slow=50,100 --is 756 --oos 252
    omni backtest --list
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["configure_backtest", "configure_walkforward", "parse_kv", "parse_space"]


def parse_kv(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for it in items or []:
        if "=" not in it:
            raise SystemExit(f"error: --param expects key=value, got {it!r}")
        k, v = it.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def parse_space(items: list[str] | None) -> dict[str, Any]:
    """``name=v1,v2,v3`` (values) or ``name=min:max:step`` (a range)."""
    out: dict[str, Any] = {}
    for it in items or []:
        if "=" not in it:
            raise SystemExit(f"error: --space expects name=v1,v2 or name=min:max:step, got {it!r}")
        k, v = it.split("=", 1)
        if ":" in v:
            parts = [float(x) for x in v.split(":")]
            out[k] = tuple(parts)
        else:
            vals: list[Any] = []
            for x in v.split(","):
                try:
                    f = float(x)
                    vals.append(int(f) if f == int(f) and "." not in x else f)
                except ValueError:
                    vals.append(x)
            out[k] = vals
    return out


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("strategy", nargs="?", help="strategy type (see --list)")
    p.add_argument("--list", action="store_true", help="list the strategies and parameters")
    p.add_argument("--data", default="sp500",
                   help="sp500 | nasdaq | wti | vix (comma-join several) | sim | gbm | "
                        "path.csv | path.parquet (default sp500)")
    p.add_argument("--instruments", default="", help="comma-separated instrument ids")
    p.add_argument("--start", default=None, help="first date (inclusive)")
    p.add_argument("--end", default=None, help="last date (inclusive)")
    p.add_argument("--bars", type=int, default=None, help="sim/gbm: number of bars")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--param", action="append", metavar="K=V", help="strategy parameter")
    p.add_argument("--capital", type=float, default=1_000_000.0)
    p.add_argument("--fee-bps", type=float, default=1.0)
    p.add_argument("--spread-bps", type=float, default=2.0)
    p.add_argument("--slippage-bps", type=float, default=1.0)
    p.add_argument("--out", default="backtest-out", help="output directory")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--no-tearsheet", action="store_true",
                   help="skip the analytics tear sheet beside the report")


def _wf_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--space", action="append", metavar="NAME=V1,V2|MIN:MAX:STEP",
                   help="search space of one parameter")
    p.add_argument("--is", dest="in_sample", type=int, default=756, help="in-sample bars")
    p.add_argument("--oos", dest="out_of_sample", type=int, default=252,
                   help="out-of-sample bars")
    p.add_argument("--anchored", action="store_true", help="anchored in-sample windows")
    p.add_argument("--objective", default="sharpe_ratio")
    p.add_argument("--method", default="grid", choices=["grid", "random"])
    p.add_argument("--trials", type=int, default=30, help="random search: trials per window")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--mode", default="event", choices=["event", "vector"],
                   help="trial backtests: event-driven (default) or vectorised")


def configure_backtest(parser: argparse.ArgumentParser) -> None:
    """Backtest a strategy on the live code path and write an HTML report + JSON result."""
    _common(parser)
    parser.add_argument("--walk-forward", action="store_true",
                        help="walk-forward optimisation instead of a single backtest")
    _wf_args(parser)
    parser.set_defaults(func=_main_backtest)


def configure_walkforward(parser: argparse.ArgumentParser) -> None:
    """Walk-forward optimisation: rolling in-sample search, stitched out-of-sample result."""
    _common(parser)
    _wf_args(parser)
    parser.set_defaults(func=lambda a: _run(a, walk=True))


def _main_backtest(args: argparse.Namespace) -> int:
    return _run(args, walk=bool(args.walk_forward))


def _list() -> int:
    from rich.console import Console
    from rich.table import Table

    from svc_strategy_engine.strategy import REGISTRY, get_strategy_class

    get_strategy_class("sma_crossover")
    t = Table(title="strategies")
    t.add_column("name")
    t.add_column("parameters (default)")
    t.add_column("description")
    for name, cls in sorted(REGISTRY.items()):
        ps = ", ".join(f"{k}={v.default}" for k, v in cls.params.items())
        t.add_row(name, ps, cls.description)
    Console().print(t)
    return 0


class _Progress:
    def __init__(self, enabled: bool, label: str) -> None:
        self.enabled = enabled and sys.stderr.isatty() or enabled == "force"
        self.label = label
        self._p: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._p = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                           TextColumn("{task.completed:,}/{task.total:,}"), TimeElapsedColumn(),
                           console=Console(stderr=True), disable=not self.enabled)
        self._p.__enter__()
        self._task = self._p.add_task(self.label, total=1)
        return self

    def __call__(self, done: int, total: int) -> None:
        self._p.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: Any) -> None:
        self._p.__exit__(*exc)


def _run(args: argparse.Namespace, *, walk: bool) -> int:
    from svc_strategy_engine.model import StrategyError

    if args.list:
        return _list()
    if not args.strategy:
        print("error: a strategy name is required (omni backtest --list shows them)",
              file=sys.stderr)
        return 2
    try:
        return _run_inner(args, walk)
    except StrategyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run_inner(args: argparse.Namespace, walk: bool) -> int:
    from svc_strategy_engine.strategy import get_strategy_class

    cls = get_strategy_class(args.strategy)
    params = parse_kv(args.param)
    cls.validate_params(params)  # fail fast, before the heavy imports and the data

    from svc_strategy_engine.backtest import run_backtest
    from svc_strategy_engine.data import load_data
    from svc_strategy_engine.report import write_report
    from svc_strategy_engine.venue import RISK_AVAILABLE, FillModel

    insts = [i for i in args.instruments.split(",") if i] or None
    md = load_data(args.data, instruments=insts, start=args.start, end=args.end,
                   n_bars=args.bars, seed=args.seed)
    fill = FillModel(fee_bps=args.fee_bps, spread_bps=args.spread_bps,
                     slippage_bps=args.slippage_bps, seed=args.seed)
    out = Path(args.out)
    show = not args.no_progress
    if not walk:
        with _Progress(show, f"backtest {args.strategy}") as prog:
            t0 = time.perf_counter()
            r = run_backtest(args.strategy, md, params, capital=args.capital, fill=fill,
                             progress=prog)
            wall = time.perf_counter() - t0
        if r.error:
            print(f"error: strategy failed: {r.error}", file=sys.stderr)
        meta = {"strategy": r.strategy, "params": r.params, "data": md.source,
                "instruments": ", ".join(r.instruments), "bars": r.bars,
                "period": f"{r.to_json(curve=False)['start']} .. "
                          f"{r.to_json(curve=False)['end']}",
                "capital": args.capital, "net P&L": str(r.net_pnl), "fees": str(r.fees),
                "orders": r.orders, "risk rejections": r.risk_rejections,
                "fill model": f"fee {args.fee_bps} bp, spread {args.spread_bps} bp, "
                              f"slippage {args.slippage_bps} bp",
                "risk engine": "svc_risk_engine" if RISK_AVAILABLE else "not available",
                "state": r.state, "wall time (s)": f"{wall:.3f}"}
        hp, jp = write_report(out, "backtest", f"Backtest: {r.strategy} on {md.source}",
                              r.to_json(), r.ts, r.equity, r.stats, r.fills, meta,
                              tearsheet=not args.no_tearsheet)
        s = r.stats
        print(f"{r.strategy} on {md.source}: {r.bars:,} bars, {len(r.fills)} fills, "
              f"net P&L {r.net_pnl}, total return {s['total_return']:.2%}, "
              f"Sharpe {s['sharpe_ratio']:.2f}, max DD {s['max_drawdown']:.2%}")
        print(f"report: {hp}\nresult: {jp}")
        return 1 if r.error else 0
    from svc_strategy_engine.optimize import walk_forward

    space = parse_space(args.space)
    if not space:
        print("error: walk-forward needs a search space (--space name=v1,v2 ...)",
              file=sys.stderr)
        return 2
    with _Progress(show, f"walk-forward {args.strategy}") as prog:
        wf = walk_forward(args.strategy, md, space, in_sample=args.in_sample,
                          out_of_sample=args.out_of_sample, anchored=args.anchored,
                          objective=args.objective, method=args.method,
                          max_trials=args.trials, base=params, capital=args.capital,
                          fill=fill, mode=args.mode, workers=args.workers, progress=prog)
    rows = "".join(
        f"<tr><td>{w.ts[0][:10]} .. {w.ts[1][:10]}</td><td>{w.ts[2][:10]} .. {w.ts[3][:10]}"
        f"</td><td>{w.best_params}</td><td>{w.is_objective:.3f}</td>"
        f"<td>{w.oos_objective:.3f}</td></tr>" for w in wf.windows)
    extra = (f"<h2>Windows (objective: {args.objective})</h2><table><tr><th>in-sample</th>"
             f"<th>out-of-sample</th><th>best parameters</th><th>IS</th><th>OOS</th></tr>"
             f"{rows}</table><p>Walk-forward efficiency {wf.efficiency:.3f}. Statistics and "
             f"curves are out-of-sample only (stitched).</p>")
    meta = {"strategy": args.strategy, "data": md.source, "windows": len(wf.windows),
            "in-sample bars": args.in_sample, "out-of-sample bars": args.out_of_sample,
            "anchored": args.anchored, "search": f"{args.method} ({args.mode})",
            "space": space}
    hp, jp = write_report(out, "walkforward", f"Walk-forward: {args.strategy} on {md.source}",
                          wf.to_json(), wf.oos_ts, wf.oos_equity, wf.oos_stats, wf.fills,
                          meta, extra, tearsheet=not args.no_tearsheet)
    s = wf.oos_stats
    print(f"walk-forward {args.strategy}: {len(wf.windows)} windows, OOS total return "
          f"{s['total_return']:.2%}, OOS Sharpe {s['sharpe_ratio']:.2f}, efficiency "
          f"{wf.efficiency:.2f}")
    print(f"report: {hp}\nresult: {jp}")
    return 0
