"""The tear sheet renders offline: self-contained HTML with every plot as an embedded PNG, the
PNG files on disk are valid, the statistics are omni_quant's, missing inputs are said."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import numpy as np
import pandas as pd
import pytest
from omni_quant import performance as pf
from omni_quant.performance import PerformanceInputError
from svc_analytics.tearsheet import PLOTS, PNG_SIGNATURE, exposure_from_positions, render_tearsheet


def valid_png(data: bytes) -> tuple[int, int]:
    """Walk the PNG chunks (CRC checked) and return (width, height)."""
    assert data[:8] == PNG_SIGNATURE
    pos, kinds, size = 8, [], (0, 0)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        kinds.append(kind)
        pos += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    return size


@pytest.fixture(scope="module")
def data() -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    rng = np.random.default_rng(20240601)
    idx = pd.bdate_range("2021-01-04", periods=520)
    bench = pd.Series(rng.normal(0.0003, 0.011, len(idx)), index=idx)
    rets = 0.8 * bench + pd.Series(rng.normal(0.0002, 0.006, len(idx)), index=idx)
    weights = pd.DataFrame(
        {"AAPL.XNAS": rng.uniform(0.2, 0.5, len(idx)), "MSFT.XNAS": -rng.uniform(0, 0.3, len(idx))},
        index=idx,
    )
    return rets, bench, weights


def test_full_tearsheet_html_and_pngs(tmp_path, data) -> None:  # type: ignore[no-untyped-def]
    rets, bench, weights = data
    sheet = render_tearsheet(rets, benchmark=bench, positions=weights, out_dir=tmp_path,
                             title="Momentum <US> & co", benchmark_name="SPY")
    assert set(sheet.pngs) == set(PLOTS) and sheet.skipped == {}
    for name in PLOTS:
        # each plot is in the HTML as an embedded PNG, identical to the file written
        m = re.search(
            rf'<figure id="plot-{name}"><img alt="[^"]+" src="data:image/png;base64,([^"]+)"',
            sheet.html,
        )
        assert m, name
        embedded = base64.b64decode(m.group(1))
        assert embedded == sheet.pngs[name]
        path = tmp_path / f"{name}.png"
        assert sheet.files[name] == path and path.read_bytes() == embedded
        w, h = valid_png(embedded)
        assert w > 400 and h > 100
    # self-contained: nothing fetched from anywhere
    assert not re.search(r"(src|href)=\"(https?:)?//", sheet.html)
    assert "<script" not in sheet.html
    assert "Momentum &lt;US&gt; &amp; co" in sheet.html  # the title is escaped
    assert (tmp_path / "tearsheet.html").read_text(encoding="utf-8") == sheet.html
    # the numbers shown are omni_quant's
    assert sheet.stats.sharpe_ratio == pf.sharpe_ratio(rets)
    assert f"{pf.sharpe_ratio(rets):.3f}" in sheet.html
    assert f"{pf.max_drawdown(rets) * 100:.2f}%" in sheet.html
    assert sheet.stats.beta == pytest.approx(pf.beta(rets, bench), abs=1e-12)
    assert sheet.stats.turnover == pytest.approx(
        pf.weights_turnover(weights).iloc[1:].mean() * 252
    )
    pdf = sheet.pdf()
    assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page\n") + pdf.count(
        b"/Type /Page ") + pdf.count(b"/Type/Page") >= 1


def test_minimal_tearsheet_says_what_is_missing(data) -> None:  # type: ignore[no-untyped-def]
    rets, _, _ = data
    short = rets.iloc[:40]
    sheet = render_tearsheet(short)
    assert set(sheet.pngs) == {"equity", "drawdown", "monthly_returns", "rolling_sharpe"}
    assert sheet.files == {}
    assert 'id="plot-rolling_beta-skipped"' in sheet.html and "no benchmark given" in sheet.html
    assert 'id="plot-exposure-skipped"' in sheet.html
    for png in sheet.pngs.values():
        valid_png(png)
    # rendering is deterministic: same input, same bytes
    assert render_tearsheet(short).pngs == sheet.pngs


def test_exposure_from_positions_with_cash() -> None:
    idx = pd.bdate_range("2024-01-01", periods=2)
    pos = pd.DataFrame({"A": [60.0, 50.0], "B": [-20.0, 0.0], "cash": [60.0, 50.0]}, index=idx)
    ex = exposure_from_positions(pos)
    # NAV 100: gross (60+20)/100, net 40/100; then 50/100 both
    np.testing.assert_allclose(ex["gross"].to_numpy(), [0.8, 0.5])
    np.testing.assert_allclose(ex["net"].to_numpy(), [0.4, 0.5])
    with pytest.raises(PerformanceInputError, match="NAV"):
        exposure_from_positions(pd.DataFrame({"A": [1.0], "cash": [-2.0]}))


@pytest.mark.parametrize(
    ("returns", "message"),
    [
        (pd.Series([], dtype=float), "the series is empty"),
        (pd.Series([0.01, np.nan], index=pd.bdate_range("2024-01-01", periods=2)), "NaN"),
        (pd.Series([0.01, 0.02]), "DatetimeIndex"),
    ],
)
def test_tearsheet_bad_input(returns, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PerformanceInputError, match=message):
        render_tearsheet(returns)
