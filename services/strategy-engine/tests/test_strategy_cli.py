"""`omni backtest` / `omni walkforward` from a subprocess: report + JSON written, errors
named, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

OMNI = str(Path(sys.executable).with_name("omni"))
ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


def omni(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([OMNI, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=180)


def test_backtest_writes_a_self_contained_report_and_json(tmp_path):
    p = omni("backtest", "sma_crossover", "--data", "sp500", "--param", "fast=20",
             "--param", "slow=100", "--start", "2005-01-01", "--out", str(tmp_path / "o"),
             "--no-tearsheet", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "report:" in p.stdout
    page = (tmp_path / "o" / "backtest.html").read_text()
    assert page.count('src="data:image/png;base64,') >= 2  # equity + drawdown, embedded
    assert "<script" not in page and not re.search(r'(src|href)="https?://', page)
    for label in ("Sharpe", "Max drawdown", "Trades", "Equity curve"):
        assert label in page
    res = json.loads((tmp_path / "o" / "backtest.json").read_text())
    assert res["strategy"] == "sma_crossover" and res["params"]["fast"] == 20
    assert res["start"].startswith("2005-01-03") and res["trades"]
    assert res["equity_curve"][0][1] == 1_000_000.0
    assert {"sharpe_ratio", "max_drawdown", "total_return"} <= set(res["stats"])


def test_walkforward_command_through_the_omni_entry_point(tmp_path, capsys):
    """In process (the entry point is the one the subprocess test used): `omni walkforward`
    and `omni backtest --walk-forward`."""
    from omni_core.cli import main

    args = ["--data", "gbm", "--bars", "1500", "--space", "fast=5,10", "--space",
            "slow=30,60", "--is", "500", "--oos", "250", "--workers", "1", "--no-tearsheet",
            "--no-progress"]
    assert main(["backtest", "sma_crossover", "--walk-forward", *args, "--out",
                 str(tmp_path / "a")]) == 0
    res = json.loads((tmp_path / "a" / "walkforward.json").read_text())
    assert len(res["windows"]) == 4
    assert res["windows"][0]["out_of_sample_bars"] == [500, 750]
    assert res["windows"][0]["in_sample_bars"] == [0, 500]
    assert "Walk-forward efficiency" in (tmp_path / "a" / "walkforward.html").read_text()
    from omni_core.cli import build_parser

    ns = build_parser().parse_args(["walkforward", "sma_crossover", *args])
    assert ns.func is not None and ns.in_sample == 500  # the `omni walkforward` spelling
    assert "OOS Sharpe" in capsys.readouterr().out


def test_cli_errors_name_the_problem(tmp_path):
    p = omni("backtest", "nope", cwd=tmp_path)
    assert p.returncode == 2 and "unknown strategy 'nope'" in p.stderr
    p = omni("backtest", "sma_crossover", "--param", "fast=abc", cwd=tmp_path)
    assert p.returncode == 2 and "parameter 'fast': expected int, got 'abc'" in p.stderr
