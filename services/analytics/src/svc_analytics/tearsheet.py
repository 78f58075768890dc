"""Tear sheet: a self-contained HTML report of a return series (statistics, worst drawdowns and
plots embedded as base64 PNG; no script, no stylesheet or font from the network), the PNG of
each plot, optionally written to a directory, and a PDF of the plots.

    from svc_analytics.tearsheet import render_tearsheet
    sheet = render_tearsheet(returns, benchmark=spy, positions=pos, out_dir="report/")
    Path("report/index.html").write_text(sheet.html)   # out_dir also gets <plot>.png files

Plots (matplotlib, drawn on `Figure` objects with the Agg canvas: no pyplot state, no display,
safe in a server): ``equity`` (cumulative wealth, with the benchmark if given), ``drawdown``
(underwater curve), ``monthly_returns`` (heatmap, years x months), ``rolling_sharpe``,
``rolling_beta`` (needs a benchmark), ``exposure`` (gross / net exposure as a fraction of NAV;
needs positions or an exposure table). A plot whose input is missing is left out and the HTML
says why. The statistics are `omni_quant.performance` (empyrical's where it has them).

``positions``: a table dated like the returns, one column per instrument with the signed market
value, and optionally a ``cash`` column (pyfolio's layout): NAV = the row sum, gross exposure =
sum |values| / NAV, net = sum values / NAV. Without a ``cash`` column the values are taken as
weights (fractions of NAV). ``exposure``: a table with ``gross`` and ``net`` columns already
as fractions of NAV (what the analytics service keeps from NAV snapshots).
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from omni_quant import performance as pf

__all__ = ["TearSheet", "render_tearsheet", "PLOTS", "exposure_from_positions"]

PLOTS = ("equity", "drawdown", "monthly_returns", "rolling_sharpe", "rolling_beta", "exposure")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_PNG_META = {"Software": None}  # no matplotlib version in the file: same input, same bytes
_COLORS = {"strategy": "#1f5fa8", "benchmark": "#8a8a8a", "loss": "#c0392b", "net": "#2e7d32"}


@dataclass
class TearSheet:
    """The rendered report. `pngs` maps plot name -> PNG bytes; `files` the PNGs written to
    `out_dir` (empty without one); `skipped` plot name -> why it was left out."""

    html: str
    pngs: dict[str, bytes]
    stats: pf.PerformanceStats
    files: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    title: str = ""
    _figures: dict[str, Figure] = field(default_factory=dict, repr=False)

    def pdf(self) -> bytes:
        """The plots as a PDF, one page each (in PLOTS order)."""
        from matplotlib.backends.backend_pdf import PdfPages

        buf = io.BytesIO()
        meta = {"Title": self.title, "Creator": "omni-alpha analytics"}
        with PdfPages(buf, metadata=meta) as pdf:
            for name in PLOTS:
                fig = self._figures.get(name)
                if fig is not None:
                    pdf.savefig(fig)
        return buf.getvalue()


def exposure_from_positions(positions: pd.DataFrame) -> pd.DataFrame:
    """Gross and net exposure (fractions of NAV) per date from a positions table (see the
    module docstring for the layout)."""
    if not isinstance(positions, pd.DataFrame) or positions.empty:
        raise pf.PerformanceInputError(
            "positions: expected a non-empty table (dates x instruments)"
        )
    pos = positions.astype("float64").fillna(0.0)
    if not np.isfinite(pos.to_numpy()).all():
        raise pf.PerformanceInputError("positions: infinite values")
    cols = [c for c in pos.columns if str(c).lower() != "cash"]
    held = pos[cols]
    if len(cols) != len(pos.columns):
        nav = pos.sum(axis=1)
        if (nav <= 0).any():
            bad = nav.index[int(np.argmax((nav <= 0).to_numpy()))]
            raise pf.PerformanceInputError(f"positions: NAV (row sum) is not positive at {bad}")
        gross = held.abs().sum(axis=1) / nav
        net = held.sum(axis=1) / nav
    else:
        gross = held.abs().sum(axis=1)
        net = held.sum(axis=1)
    return pd.DataFrame({"gross": gross, "net": net})


def render_tearsheet(
    returns: pd.Series,
    benchmark: pd.Series | None = None,
    positions: pd.DataFrame | None = None,
    out_dir: str | Path | None = None,
    title: str = "Performance tear sheet",
    *,
    exposure: pd.DataFrame | None = None,
    risk_free_rate: float = 0.0,
    rolling_window: int = 126,
    benchmark_name: str = "benchmark",
    dpi: int = 96,
) -> TearSheet:
    """Render the tear sheet of daily `returns` (a Series on a DatetimeIndex). Raises
    `omni_quant.performance.PerformanceInputError` on bad input (empty, NaN, no DatetimeIndex,
    a benchmark with no overlap)."""
    r = pf.check_returns(returns)
    if not isinstance(r.index, pd.DatetimeIndex):
        raise pf.PerformanceInputError("returns: a tear sheet needs a DatetimeIndex")
    b = None
    if benchmark is not None:
        _, b = pf.align_returns(r, benchmark)
    turnover_series = None
    if positions is not None:
        pos = positions.astype("float64").fillna(0.0)
        if "cash" not in [str(c).lower() for c in pos.columns]:
            turnover_series = pf.weights_turnover(pos).iloc[1:]
        if exposure is None:
            exposure = exposure_from_positions(pos)
    if exposure is not None and not {"gross", "net"} <= set(exposure.columns):
        raise pf.PerformanceInputError("exposure: needs 'gross' and 'net' columns")
    stats = pf.performance_stats(
        r, b, risk_free_rate=risk_free_rate,
        turnover_series=turnover_series if turnover_series is not None and len(turnover_series)
        else None,
    )
    window = rolling_window if len(r) >= rolling_window * 2 else max(2, min(rolling_window,
                                                                           len(r) // 3))
    figures: dict[str, Figure] = {}
    skipped: dict[str, str] = {}
    figures["equity"] = _plot_equity(r, b, benchmark_name)
    figures["drawdown"] = _plot_drawdown(r)
    figures["monthly_returns"] = _plot_monthly(r)
    if len(r) >= max(window, 3):
        figures["rolling_sharpe"] = _plot_rolling_sharpe(r, window)
    else:
        skipped["rolling_sharpe"] = f"too few returns ({len(r)}) for a rolling window"
    if b is None:
        skipped["rolling_beta"] = "no benchmark given"
    elif len(b) >= max(window, 3):
        figures["rolling_beta"] = _plot_rolling_beta(r, b, window, benchmark_name)
    else:
        skipped["rolling_beta"] = f"too few returns in common with the benchmark ({len(b)})"
    if exposure is None:
        skipped["exposure"] = "no positions or exposure given"
    else:
        figures["exposure"] = _plot_exposure(exposure)

    pngs = {name: _png(fig, dpi) for name, fig in figures.items()}
    files: dict[str, Path] = {}
    if out_dir is not None:
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        for name, data in pngs.items():
            p = d / f"{name}.png"
            p.write_bytes(data)
            files[name] = p
    body = _html(title, r, b, stats, pngs, skipped, window, benchmark_name)
    if out_dir is not None:
        (Path(out_dir) / "tearsheet.html").write_text(body, encoding="utf-8")
    return TearSheet(html=body, pngs=pngs, stats=stats, files=files, skipped=skipped,
                     title=title, _figures=figures)


# --- plots -----------------------------------------------------------------------------------


def _figure(height: float = 3.2) -> tuple[Figure, Any]:
    fig = Figure(figsize=(10, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _png(fig: Figure, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata=_PNG_META)
    return buf.getvalue()


def _plot_equity(r: pd.Series, b: pd.Series | None, bname: str) -> Figure:
    fig, ax = _figure()
    ax.plot(pf.equity_curve(r).index, pf.equity_curve(r).to_numpy(), color=_COLORS["strategy"],
            lw=1.4, label="strategy")
    if b is not None:
        eb = pf.equity_curve(b)
        ax.plot(eb.index, eb.to_numpy(), color=_COLORS["benchmark"], lw=1.0, label=bname)
        ax.legend(loc="upper left", frameon=False)
    ax.axhline(1.0, color="black", lw=0.6)
    ax.set_title("Cumulative returns (growth of 1)")
    return fig


def _plot_drawdown(r: pd.Series) -> Figure:
    fig, ax = _figure(2.6)
    dd = pf.drawdown_series(r)
    ax.fill_between(dd.index, dd.to_numpy() * 100.0, 0.0, color=_COLORS["loss"], alpha=0.45)
    ax.plot(dd.index, dd.to_numpy() * 100.0, color=_COLORS["loss"], lw=0.8)
    ax.set_ylabel("%")
    ax.set_title(f"Underwater: drawdown from peak (max {pf.max_drawdown(r) * 100:.2f}%)")
    return fig


def _plot_monthly(r: pd.Series) -> Figure:
    table = pf.monthly_returns(r) * 100.0
    years = list(table.index)
    fig = Figure(figsize=(10, max(1.6, 0.42 * len(years) + 1.0)), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    data = table.to_numpy(dtype="float64")
    finite = data[np.isfinite(data)]
    lim = float(np.abs(finite).max()) if finite.size else 1.0
    lim = lim or 1.0
    im = ax.imshow(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(12), ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                              "Oct", "Nov", "Dec"])
    ax.set_yticks(range(len(years)), [str(y) for y in years])
    if len(years) <= 30:
        for i in range(len(years)):
            for j in range(12):
                v = data[i, j]
                if math.isfinite(v):
                    ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7)
    fig.colorbar(im, ax=ax, label="%", shrink=0.9)
    ax.set_title("Monthly returns (%)")
    return fig


def _plot_rolling_sharpe(r: pd.Series, window: int) -> Figure:
    fig, ax = _figure(2.6)
    rs = pf.rolling_sharpe(r, window)
    ax.plot(rs.index, rs.to_numpy(), color=_COLORS["strategy"], lw=1.0)
    full = pf.sharpe_ratio(r) if len(r) >= 2 else float("nan")
    if math.isfinite(full):
        ax.axhline(full, color="black", lw=0.8, ls="--", label=f"full period {full:.2f}")
        ax.legend(loc="upper left", frameon=False)
    ax.axhline(0.0, color="black", lw=0.5)
    ax.set_title(f"Rolling Sharpe ratio ({window} periods)")
    return fig


def _plot_rolling_beta(r: pd.Series, b: pd.Series, window: int, bname: str) -> Figure:
    fig, ax = _figure(2.6)
    rb = pf.rolling_beta(r, b, window)
    ax.plot(rb.index, rb.to_numpy(), color=_COLORS["strategy"], lw=1.0)
    full = pf.beta(r, b)
    if math.isfinite(full):
        ax.axhline(full, color="black", lw=0.8, ls="--", label=f"full period {full:.2f}")
        ax.legend(loc="upper left", frameon=False)
    ax.axhline(1.0, color="black", lw=0.5)
    ax.set_title(f"Rolling beta to {bname} ({window} periods)")
    return fig


def _plot_exposure(exposure: pd.DataFrame) -> Figure:
    fig, ax = _figure(2.6)
    ex = exposure.astype("float64")
    ax.plot(ex.index, ex["gross"].to_numpy() * 100.0, color=_COLORS["strategy"], lw=1.0,
            label="gross")
    ax.plot(ex.index, ex["net"].to_numpy() * 100.0, color=_COLORS["net"], lw=1.0, label="net")
    ax.axhline(0.0, color="black", lw=0.5)
    ax.set_ylabel("% of NAV")
    ax.legend(loc="upper left", frameon=False)
    ax.set_title("Exposure")
    return fig


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin-bottom:4px} h2{font-size:16px;margin-top:28px}
.sub{color:#666;font-size:13px}
table{border-collapse:collapse;font-size:13px;margin-top:8px}
td,th{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:right}
td:first-child,th:first-child{text-align:left}
figure{margin:18px 0} figure img{max-width:100%} figcaption{font-size:12px;color:#666}
.skipped{color:#999;font-size:13px}
"""

_STAT_ROWS = [
    ("Total return", "total_return", "pct"),
    ("CAGR", "cagr", "pct"),
    ("Annual volatility", "annual_volatility", "pct"),
    ("Sharpe ratio", "sharpe_ratio", "num"),
    ("Sortino ratio", "sortino_ratio", "num"),
    ("Calmar ratio", "calmar_ratio", "num"),
    ("Max drawdown", "max_drawdown", "pct"),
    ("Max drawdown duration (days)", "max_drawdown_duration", "int"),
    ("Alpha (annual)", "alpha", "pct"),
    ("Beta", "beta", "num"),
    ("Information ratio", "information_ratio", "num"),
    ("Tracking error", "tracking_error", "pct"),
    ("Daily VaR 95%", "value_at_risk", "pct"),
    ("Daily CVaR 95%", "conditional_value_at_risk", "pct"),
    ("Tail ratio", "tail_ratio", "num"),
    ("Hit rate", "hit_rate", "pct"),
    ("Profit factor", "profit_factor", "num"),
    ("Skewness", "skewness", "num"),
    ("Kurtosis (excess)", "kurtosis", "num"),
    ("Turnover (annual)", "turnover", "num"),
]

_CAPTIONS = {
    "equity": "Equity curve",
    "drawdown": "Underwater drawdown",
    "monthly_returns": "Monthly returns heatmap",
    "rolling_sharpe": "Rolling Sharpe ratio",
    "rolling_beta": "Rolling beta",
    "exposure": "Exposure",
}


def _fmt(v: Any, kind: str) -> str:
    if v is None:
        return "–"
    if isinstance(v, float) and not math.isfinite(v):
        return "∞" if v == math.inf else "–"
    if kind == "pct":
        return f"{v * 100:.2f}%"
    if kind == "int":
        return f"{int(v)}"
    return f"{v:.3f}"


def _date(v: Any) -> str:
    return "not recovered" if v is None else pd.Timestamp(v).strftime("%Y-%m-%d")


def _html(title: str, r: pd.Series, b: pd.Series | None, stats: pf.PerformanceStats,
          pngs: dict[str, bytes], skipped: dict[str, str], window: int, bname: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(label)}</td><td>{_fmt(getattr(stats, attr), kind)}</td></tr>"
        for label, attr, kind in _STAT_ROWS
    )
    dds = pf.drawdown_periods(r, top=5)
    dd_rows = "".join(
        f"<tr><td>{i}</td><td>{_date(d.peak)}</td><td>{_date(d.trough)}</td>"
        f"<td>{_date(d.recovery)}</td><td>{d.depth * 100:.2f}%</td><td>{d.duration}</td></tr>"
        for i, d in enumerate(dds, 1)
    ) or '<tr><td colspan="6">no drawdown</td></tr>'
    plots = []
    for name in PLOTS:
        if name in pngs:
            data = base64.b64encode(pngs[name]).decode("ascii")
            plots.append(
                f'<figure id="plot-{name}"><img alt="{e(_CAPTIONS[name])}" '
                f'src="data:image/png;base64,{data}"/><figcaption>{e(_CAPTIONS[name])}'
                f"</figcaption></figure>"
            )
        else:
            plots.append(
                f'<p class="skipped" id="plot-{name}-skipped">{e(_CAPTIONS[name])}: '
                f"{e(skipped.get(name, 'not drawn'))}</p>"
            )
    period = f"{_date(r.index[0])} to {_date(r.index[-1])}, {len(r)} periods"
    bench = f"; benchmark: {e(bname)}" if b is not None else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(title)}</h1><div class=\"sub\">{e(period)}{bench}; "
        f"rolling window {window} periods</div>"
        f"<h2>Statistics</h2><table id=\"stats\"><tbody>{rows}</tbody></table>"
        "<h2>Worst drawdowns</h2><table id=\"drawdowns\"><thead><tr><th>#</th><th>Peak</th>"
        "<th>Trough</th><th>Recovery</th><th>Depth</th><th>Days</th></tr></thead>"
        f"<tbody>{dd_rows}</tbody></table>"
        f"<h2>Plots</h2>{''.join(plots)}</body></html>\n"
    )
