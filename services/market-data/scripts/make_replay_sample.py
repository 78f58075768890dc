"""Regenerate the bundled replay file src/svc_market_data/data/sample_ticks.csv from the
simulator (seed 7): AAPL, EURUSD and BTC-USD, ten minutes from the 2026-01-05 US open, one
quote per instrument per second plus the trades."""

from pathlib import Path

from omni_quant.marketsim import DEFAULT_UNIVERSE, MarketSimulator, Quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "svc_market_data" / "data" / "sample_ticks.csv"


def main() -> None:
    specs = [s for s in DEFAULT_UNIVERSE
             if s.instrument_id in ("AAPL.XNAS", "EURUSD.FX", "BTC-USD.CRYPTO")]
    sim = MarketSimulator(specs, seed=7, dt=1.0)
    lines = ["type,ts,instrument,bid,ask,bid_size,ask_size,price,size,side,trade_id"]
    for e in sim.events(600):
        if type(e) is Quote:
            lines.append(f"quote,{e.ts_ns},{e.instrument},{e.bid!r},{e.ask!r},{e.bid_size!r},"
                         f"{e.ask_size!r},,,,")
        else:
            side = "buy" if e.side == 1 else "sell"
            lines.append(f"trade,{e.ts_ns},{e.instrument},,,,,{e.price!r},{e.size!r},{side},"
                         f"{e.trade_id}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"{OUT}: {len(lines) - 1} rows")


if __name__ == "__main__":
    main()
