"""Backtest and walk-forward reports: one self-contained HTML file (equity curve and drawdown
as embedded PNGs, statistics, trades table; no scripts, no CDN) and a JSON result.

When the analytics service's tear sheet (`svc_analytics.tearsheet`) is importable, its full
tear sheet of the same returns is written beside the report (``tearsheet.html``) and linked.
"""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["write_report", "render_html"]

_STAT_LABELS = [
    ("total_return", "Total return", "%"), ("annualized_return", "CAGR", "%"),
    ("annualized_volatility", "Volatility (ann.)", "%"), ("sharpe_ratio", "Sharpe", "f"),
    ("sortino_ratio", "Sortino", "f"), ("calmar_ratio", "Calmar", "f"),
    ("max_drawdown", "Max drawdown", "%"), ("win_rate", "Win rate (round trips)", "%"),
    ("profit_factor", "Profit factor", "f"), ("trades", "Fills", "i"),
    ("turnover", "Turnover (ann.)", "f"),
]


def _fmt(v: Any, kind: str) -> str:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return html.escape(str(v))
    if abs(x) >= 1e300:
        return "inf" if x > 0 else "-inf"
    if kind == "%":
        return f"{x:.2%}"
    if kind == "i":
        return f"{int(x):,}"
    return f"{x:.3f}"


def _png(ts: np.ndarray, equity: np.ndarray, title: str) -> tuple[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = pd.to_datetime(ts, unit="ns", utc=True)
    out = []
    fig, ax = plt.subplots(figsize=(10, 3.4), dpi=90)
    ax.plot(t, equity, color="#1f5fa8", lw=1)
    ax.set_title(f"Equity — {title}")
    ax.grid(alpha=0.3)
    out.append(fig)
    peak = np.maximum.accumulate(equity)
    dd = (equity - peak) / peak
    fig2, ax2 = plt.subplots(figsize=(10, 2.4), dpi=90)
    ax2.fill_between(t, dd * 100, 0, color="#c0392b", alpha=0.5, lw=0)
    ax2.set_title("Drawdown (%)")
    ax2.grid(alpha=0.3)
    out.append(fig2)
    enc = []
    for f in out:
        buf = io.BytesIO()
        f.tight_layout()
        f.savefig(buf, format="png", metadata={"Software": None})
        plt.close(f)
        enc.append(base64.b64encode(buf.getvalue()).decode())
    return enc[0], enc[1]


def render_html(title: str, ts: np.ndarray, equity: np.ndarray, stats: dict[str, float],
                trades: list[dict[str, Any]], meta: dict[str, Any],
                extra: str = "", max_trades: int = 500) -> str:
    eq_png, dd_png = _png(ts, equity, title)
    rows = "".join(f"<tr><th>{lab}</th><td>{_fmt(stats.get(k, 0.0), kind)}</td></tr>"
                   for k, lab, kind in _STAT_LABELS)
    mrows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                    for k, v in meta.items())
    cols = ["time", "instrument", "side", "quantity", "price", "fee"]
    shown = trades[-max_trades:]
    trs = "".join("<tr>" + "".join(f"<td>{html.escape(str(t.get(c, '')))}</td>" for c in cols)
                  + "</tr>" for t in shown)
    note = (f"<p>Last {len(shown)} of {len(trades)} fills (all are in the JSON result).</p>"
            if len(trades) > len(shown) else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222}}
table{{border-collapse:collapse;margin:8px 0 20px}}
td,th{{border:1px solid #ddd;padding:3px 8px;text-align:right;font-size:13px}}
th{{background:#f4f6f8;text-align:left}} img{{max-width:100%}}
.grid{{display:flex;gap:32px;flex-wrap:wrap}}
</style></head><body>
<h1>{html.escape(title)}</h1>
<div class="grid"><div><h2>Statistics</h2><table>{rows}</table></div>
<div><h2>Run</h2><table>{mrows}</table></div></div>
<h2>Equity curve</h2><img alt="equity curve" src="data:image/png;base64,{eq_png}">
<h2>Drawdown</h2><img alt="drawdown" src="data:image/png;base64,{dd_png}">
{extra}
<h2>Trades</h2>{note}
<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>{trs}</table>
</body></html>
"""


def _tearsheet(out: Path, ts: np.ndarray, equity: np.ndarray, title: str) -> str:
    try:
        from svc_analytics.tearsheet import render_tearsheet
    except ImportError:
        return ""
    try:
        idx = pd.to_datetime(ts, unit="ns", utc=True).tz_convert(None).normalize()
        s = pd.Series(equity, index=idx)
        s = s[~s.index.duplicated(keep="last")]
        r = s.pct_change().dropna()
        if len(r) < 3:
            return ""
        render_tearsheet(r, out_dir=out / "tearsheet", title=title)
        return ('<p>Full tear sheet (analytics service): '
                '<a href="tearsheet/tearsheet.html">tearsheet/tearsheet.html</a></p>')
    except Exception:  # noqa: BLE001  (the report never fails because of the tear sheet)
        return ""


def write_report(out_dir: str | Path, name: str, title: str, result_json: dict[str, Any],
                 ts: np.ndarray, equity: np.ndarray, stats: dict[str, float],
                 trades: list[dict[str, Any]], meta: dict[str, Any],
                 extra_html: str = "", *, tearsheet: bool = True) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    extra = extra_html + (_tearsheet(out, ts, equity, title) if tearsheet else "")
    page = render_html(title, ts, equity, stats, trades, meta, extra)
    hp = out / f"{name}.html"
    hp.write_text(page, encoding="utf-8")
    jp = out / f"{name}.json"
    jp.write_text(json.dumps(result_json, indent=1, default=str), encoding="utf-8")
    return hp, jp
